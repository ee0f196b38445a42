//! One small spec per semantic under `tests/fixtures/*.json`; the output of each is compared
//! byte for byte with the `.rs` snapshot beside it (`AZML_BLESS=1` rewrites the snapshots),
//! and every snapshot is compiled, with no warnings, in one scratch crate.

#[path = "support/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures")
}

fn fixtures() -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .expect("fixtures dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| {
            matches!(
                p.extension().and_then(|e| e.to_str()),
                Some("json") | Some("yaml")
            )
        })
        .collect();
    out.sort();
    out
}

/// The snapshot text: warnings as comments, then the code.
fn render(spec: &Path) -> String {
    let opts = azml_codegen::Options {
        specs: vec![spec.to_path_buf()],
        root: Some(fixtures_dir()),
        derives: Vec::new(),
    };
    match azml_codegen::generate(&opts) {
        Ok(out) => {
            let mut s = String::new();
            for w in &out.report.warnings {
                s.push_str(&format!("// {w}\n"));
            }
            if !s.is_empty() {
                s.push('\n');
            }
            s.push_str(&out.code);
            s
        }
        Err(d) => panic!("{} does not generate:\n{d}", spec.display()),
    }
}

#[test]
fn snapshots_match_and_compile() {
    let bless = std::env::var_os("AZML_BLESS").is_some();
    let all = fixtures();
    assert!(
        all.len() >= 30,
        "expected at least 30 fixtures, found {}",
        all.len()
    );
    let mut stale = Vec::new();
    let mut modules = String::from("#![deny(warnings)]\n//! Every codegen snapshot, compiled.\n\n");
    for spec in &all {
        let got = render(spec);
        // Deterministic: a second run gives the same bytes.
        assert_eq!(got, render(spec), "{} is not deterministic", spec.display());
        let snap = spec.with_extension("rs");
        if bless {
            std::fs::write(&snap, &got).expect("write snapshot");
        } else if std::fs::read_to_string(&snap).ok().as_deref() != Some(got.as_str()) {
            stale.push(snap.display().to_string());
        }
        let stem = spec.file_stem().and_then(|s| s.to_str()).unwrap_or("x");
        modules.push_str(&format!(
            "#[path = {:?}]\npub mod {stem};\n",
            snap.display().to_string()
        ));
    }
    assert!(
        stale.is_empty(),
        "snapshots differ (rerun with AZML_BLESS=1 and review the diff):\n{}",
        stale.join("\n")
    );
    let dir = scratch::write_crate("azml-codegen-fixtures", &modules, None);
    scratch::build(&dir);
}
