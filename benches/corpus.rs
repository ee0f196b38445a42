//! Load, validate and output of the corpus's documents, one benchmark per
//! document, for the kinds `scripts/bench-vs-python.sh` compares with
//! azure-ai-ml: parallel and command components (the REST body of
//! `_to_rest_object()`), command jobs (the REST body of
//! `_to_job()._to_rest_object()`) and pipeline jobs (`_to_dict()`: most
//! pipelines' REST bodies need their components registered first).
//!
//! The documents are the YAML files under `../shared/corpus` (beside the
//! repository; `AZML_BENCH_CORPUS` names another folder) that
//! `REGISTRY.load` takes for one of those kinds, found when the bench
//! starts; files azml refuses, or whose output needs an upload first, are
//! left out and named. Without the corpus the bench says so and measures
//! nothing.
//!
//! * `full`: read the file, parse, load and validate, the output, and the
//!   output serialized to a JSON string: what `load_component(path)` (or
//!   `load_job`), then the output, then `json.dumps` do in azure-ai-ml.
//! * `parse`: the file read and parsed only (`azml::yaml::parse_path`).
//! * `load`: load and validate an already parsed document.
//! * `output`: the output of a loaded document and its JSON string.
//!
//! Every benchmark drops what it made inside the timed part (divan would
//! drop a returned value outside it), so the split adds up to `full`.
//!
//! Run with `cargo bench --bench corpus`; `scripts/bench-vs-python.sh`
//! runs it beside azure-ai-ml over the same files. Before the table the bench
//! prints `corpus file: KIND PATH` (relative to the corpus) for every
//! document.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use azml::document::AnyDocument;
use azml::entities::REGISTRY;
use azml::yaml::Document;
use azml::{RestError, Value};
use divan::{black_box, Bencher};

/// The kinds measured: azml's name, and the harness's (`tests/parity/harness.py`
/// `kind_of`), which the Python side and the report use.
const KINDS: [(&str, &str); 6] = [
    ("parallel component", "component"),
    ("command component", "command_component"),
    ("command job", "command_job"),
    ("pipeline job", "pipeline_job"),
    ("pipeline component", "pipeline_component"),
    ("sweep job", "sweep_job"),
];

/// The kinds whose output is their dict: whole pipelines (their REST body
/// needs their components registered first) and sweep jobs (their trial's
/// local code would be uploaded first).
const DICT_KINDS: [&str; 3] = ["pipeline_job", "pipeline_component", "sweep_job"];

/// One corpus document with what the split benchmarks start from.
struct Doc {
    /// Path relative to the corpus, with `/` separators (the benchmark's arg).
    rel: String,
    /// The harness's name of its kind.
    kind: &'static str,
    path: PathBuf,
    base: PathBuf,
    doc: Document,
    loaded: Box<dyn AnyDocument>,
}

/// What azure-ai-ml's side of the comparison outputs for the kind: the
/// dict of `DICT_KINDS`, else the REST body.
fn output(kind: &str, document: &dyn AnyDocument) -> Result<Value, RestError> {
    if DICT_KINDS.contains(&kind) {
        Ok(document.to_dict())
    } else {
        document.to_rest()
    }
}

/// `AZML_BENCH_CORPUS`, else `../shared/corpus` beside the repository.
fn corpus_dir() -> PathBuf {
    std::env::var_os("AZML_BENCH_CORPUS").map_or_else(
        || Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/corpus"),
        PathBuf::from,
    )
}

/// YAML files under `dir`, sorted by their relative path.
fn yaml_files(dir: &Path) -> Vec<(String, PathBuf)> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(folder) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&folder) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            if path.is_dir() {
                stack.push(path);
            } else if path.extension().is_some_and(|e| e == "yml" || e == "yaml") {
                let rel = path
                    .strip_prefix(dir)
                    .unwrap_or(&path)
                    .components()
                    .map(|c| c.as_os_str().to_string_lossy())
                    .collect::<Vec<_>>()
                    .join("/");
                out.push((rel, path));
            }
        }
    }
    out.sort();
    out
}

/// The document at `path` if azml takes it for a measured kind and makes
/// its output; else why not (`None`: another kind, not worth naming).
fn prepare(rel: String, path: PathBuf) -> Option<Result<Doc, String>> {
    let doc = azml::yaml::parse_path(&path).ok()?;
    let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
    let loaded = match REGISTRY.load(&doc, &base)? {
        Ok(loaded) => loaded,
        Err(e)
            if REGISTRY
                .detect(&doc.value)
                .is_some_and(|k| measured(k.name).is_some()) =>
        {
            return Some(Err(format!(
                "{rel}: {}",
                e.to_string().lines().next().unwrap_or("")
            )));
        }
        Err(_) => return None,
    };
    let kind = measured(loaded.kind().name)?;
    if let Err(e) = output(kind, loaded.as_ref()) {
        return Some(Err(format!("{rel}: {e}")));
    }
    Some(Ok(Doc {
        rel,
        kind,
        path,
        base,
        doc,
        loaded,
    }))
}

/// The harness's name of a measured kind.
fn measured(name: &str) -> Option<&'static str> {
    KINDS.iter().find(|(k, _)| *k == name).map(|(_, h)| *h)
}

/// The corpus documents, found and loaded once.
fn docs() -> &'static [Doc] {
    static DOCS: OnceLock<Vec<Doc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = corpus_dir();
        if !dir.is_dir() {
            eprintln!(
                "corpus not found at {}: nothing to measure (the corpus benchmarks are skipped)",
                dir.display()
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (rel, path) in yaml_files(&dir) {
            match prepare(rel, path) {
                Some(Ok(doc)) => out.push(doc),
                Some(Err(why)) => eprintln!("left out (no output in azml): {why}"),
                None => {}
            }
        }
        out
    })
}

fn doc(rel: &str) -> &'static Doc {
    docs()
        .iter()
        .find(|d| d.rel == rel)
        .expect("an arg names a corpus document")
}

fn names() -> impl Iterator<Item = String> {
    docs().iter().map(|d| d.rel.clone())
}

fn main() {
    let docs = docs();
    eprintln!("{} documents under {}", docs.len(), corpus_dir().display());
    for d in docs {
        eprintln!("corpus file: {} {}", d.kind, d.rel);
    }
    divan::main();
}

/// Read, parse, load, validate, the output and its JSON text.
#[divan::bench(args = names())]
fn full(bencher: Bencher, rel: &str) {
    let d = doc(rel);
    bencher.bench(|| {
        let parsed = azml::yaml::parse_path(black_box(&d.path)).unwrap();
        let loaded = REGISTRY.load(&parsed, &d.base).unwrap().unwrap();
        let out = output(d.kind, loaded.as_ref()).unwrap();
        black_box(serde_json::to_string(&out).unwrap());
    });
}

/// Read and parse only.
#[divan::bench(args = names())]
fn parse(bencher: Bencher, rel: &str) {
    let path = &doc(rel).path;
    bencher.bench(|| drop(black_box(azml::yaml::parse_path(black_box(path)).unwrap())));
}

/// Load and validate an already parsed document.
#[divan::bench(args = names())]
fn load(bencher: Bencher, rel: &str) {
    let d = doc(rel);
    bencher.bench(|| {
        drop(black_box(
            REGISTRY.load(black_box(&d.doc), &d.base).unwrap().unwrap(),
        ));
    });
}

/// The output of a loaded document and its JSON text.
#[divan::bench(args = names())]
fn output_json(bencher: Bencher, rel: &str) {
    let d = doc(rel);
    bencher.bench(|| {
        let out = output(d.kind, black_box(d.loaded.as_ref())).unwrap();
        black_box(serde_json::to_string(&out).unwrap());
    });
}
