//! The real Azure ML files of the shared corpus (`../shared/corpus` beside
//! the repository, or the folder named by `AZML_CORPUS`): every `*.yml` and
//! `*.yaml` file loads. Without the corpus these tests pass vacuously and
//! say so.
//!
//! `corpus_matches_pyyaml` (ignored by default) compares every file's value
//! with PyYAML's. It reads the expected values from the folder named by
//! `AZML_PYYAML_JSON`, one `<path relative to the corpus, / as __>.json` file
//! per YAML file holding `{"ok": value}` or `{"err": message}`, written by:
//!
//! ```sh
//! python3 - "$CORPUS" "$OUT" <<'PY'
//! import sys, json, yaml, pathlib
//! root, out = pathlib.Path(sys.argv[1]), pathlib.Path(sys.argv[2])
//! out.mkdir(parents=True, exist_ok=True)
//! for p in sorted([*root.rglob("*.yml"), *root.rglob("*.yaml")]):
//!     dest = out / (str(p.relative_to(root)).replace("/", "__") + ".json")
//!     try:
//!         v = {"ok": yaml.safe_load(p.read_bytes())}
//!     except Exception as e:
//!         v = {"err": str(e)}
//!     dest.write_text(json.dumps(v, default=str, ensure_ascii=False))
//! PY
//! AZML_PYYAML_JSON=$OUT cargo test --test yaml_corpus -- --ignored --nocapture
//! ```

use std::path::{Path, PathBuf};

use serde_json::Value;

fn corpus() -> Option<PathBuf> {
    let dir = match std::env::var_os("AZML_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
    };
    dir.is_dir().then_some(dir)
}

fn yaml_files(dir: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut todo = vec![dir.to_path_buf()];
    while let Some(dir) = todo.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                todo.push(path);
            } else if matches!(
                path.extension().and_then(|e| e.to_str()),
                Some("yml" | "yaml")
            ) {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

#[test]
fn every_corpus_file_loads() {
    let Some(dir) = corpus() else {
        eprintln!("no corpus folder: nothing checked");
        return;
    };
    let files = yaml_files(&dir);
    let failures: Vec<String> = files
        .iter()
        .filter_map(|f| azml::yaml::parse_path(f).err().map(|e| e.to_string()))
        .collect();
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    eprintln!("{} corpus files load", files.len());
}

#[test]
#[ignore = "needs AZML_PYYAML_JSON: PyYAML's values, see the module documentation"]
fn corpus_matches_pyyaml() {
    let (Some(dir), Some(expected)) = (corpus(), std::env::var_os("AZML_PYYAML_JSON")) else {
        panic!("needs the corpus and AZML_PYYAML_JSON");
    };
    let expected = PathBuf::from(expected);
    let files = yaml_files(&dir);
    let mut differences = Vec::new();
    for file in &files {
        let rel = file.strip_prefix(&dir).unwrap().to_string_lossy();
        let json = expected.join(format!("{}.json", rel.replace('/', "__")));
        let text = std::fs::read_to_string(&json).unwrap_or_else(|e| panic!("{json:?}: {e}"));
        let py: Value = serde_json::from_str(&text).unwrap();
        let ours = azml::yaml::parse_path(file);
        match (py.get("ok"), ours) {
            (Some(py), Ok(doc)) => {
                // Compare the JSON text: object key order matters.
                let (a, b) = (py.to_string(), doc.value.to_string());
                if a != b {
                    let at = a.bytes().zip(b.bytes()).take_while(|(x, y)| x == y).count();
                    let from = at.saturating_sub(60);
                    differences.push(format!(
                        "{rel}: values differ\n  pyyaml: …{}\n  azml:   …{}",
                        a.get(from..(at + 60).min(a.len())).unwrap_or(""),
                        b.get(from..(at + 60).min(b.len())).unwrap_or("")
                    ));
                }
            }
            (None, Err(_)) => {}
            (Some(_), Err(e)) => differences.push(format!("{rel}: only PyYAML loads it: {e}")),
            (None, Ok(_)) => differences.push(format!("{rel}: only azml loads it: {py}")),
        }
    }
    eprintln!(
        "{} files compared, {} differ",
        files.len(),
        differences.len()
    );
    assert!(differences.is_empty(), "{}", differences.join("\n"));
}
