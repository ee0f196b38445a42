//! Load, validate and REST body of the corpus's parallel component files,
//! one benchmark per document.
//!
//! The documents are the YAML files under `../shared/corpus` (beside the
//! repository; `AZML_BENCH_CORPUS` names another folder) whose top level has
//! `type: parallel` and neither `jobs` nor `component` (the rule of
//! `tests/parity/harness.py`), found by a scan when the bench starts; files
//! azml does not load are left out and named. Without the corpus the bench
//! says so and measures nothing.
//!
//! * `full`: read the file, parse, load and validate
//!   (`ParallelComponent::from_yaml_path`), `to_rest`, and the REST
//!   body serialized to a JSON string: what `load_component(path)` then
//!   `_to_rest_object()` then `json.dumps` do in azure-ai-ml.
//! * `parse`: the file read and parsed only (`azml::yaml::parse_path`).
//! * `load`: load and validate an already parsed document
//!   (`ParallelComponent::from_document`).
//! * `rest`: `to_rest` of a loaded component and its JSON string.
//!
//! Every benchmark drops what it made inside the timed part (divan would
//! drop a returned value outside it), so the split adds up to `full`.
//!
//! Run with `cargo bench --bench parallel`; `scripts/bench-vs-python.sh`
//! runs it beside azure-ai-ml over the same files. Before the table the bench
//! prints `corpus file: PATH` (relative to the corpus) for every document.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

use azml::entities::ParallelComponent;
use azml::yaml::Document;
use azml::{Document as _, Value};
use divan::{black_box, Bencher};

/// One corpus document with what the split benchmarks start from.
struct Doc {
    /// Path relative to the corpus, with `/` separators (the benchmark's arg).
    rel: String,
    path: PathBuf,
    base: PathBuf,
    doc: Document,
    component: ParallelComponent,
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

/// `type: parallel` without `jobs` or `component`, as the harness decides.
fn is_parallel_component(value: &Value) -> bool {
    value.as_object().is_some_and(|map| {
        map.get("type").and_then(Value::as_str) == Some("parallel")
            && !map.contains_key("jobs")
            && !map.contains_key("component")
    })
}

/// The corpus documents, found and loaded once.
fn docs() -> &'static [Doc] {
    static DOCS: OnceLock<Vec<Doc>> = OnceLock::new();
    DOCS.get_or_init(|| {
        let dir = corpus_dir();
        if !dir.is_dir() {
            eprintln!(
                "corpus not found at {}: nothing to measure (the parallel benchmarks are skipped)",
                dir.display()
            );
            return Vec::new();
        }
        let mut out = Vec::new();
        for (rel, path) in yaml_files(&dir) {
            let Ok(doc) = azml::yaml::parse_path(&path) else {
                continue;
            };
            if !is_parallel_component(&doc.value) {
                continue;
            }
            let base = path.parent().unwrap_or(Path::new(".")).to_path_buf();
            let loaded = ParallelComponent::from_yaml_path(&path)
                .map_err(|e| e.to_string())
                .and_then(|c| c.to_rest().map(|_| c).map_err(|e| e.to_string()));
            match loaded {
                Ok(component) => out.push(Doc {
                    rel,
                    path,
                    base,
                    doc,
                    component,
                }),
                Err(e) => eprintln!("left out (azml does not load it): {rel}: {e}"),
            }
        }
        if out.is_empty() {
            eprintln!(
                "no parallel component documents under {}: nothing to measure",
                dir.display()
            );
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
    if !docs.is_empty() {
        eprintln!(
            "{} parallel component documents under {}",
            docs.len(),
            corpus_dir().display()
        );
        for d in docs {
            eprintln!("corpus file: {}", d.rel);
        }
    }
    divan::main();
}

/// Read, parse, load, validate, REST object and its JSON body.
#[divan::bench(args = names())]
fn full(bencher: Bencher, rel: &str) {
    let path = &doc(rel).path;
    bencher.bench(|| {
        let component = ParallelComponent::from_yaml_path(black_box(path)).unwrap();
        let rest = component.to_rest().unwrap();
        black_box(serde_json::to_string(&rest).unwrap());
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
            ParallelComponent::from_document(black_box(&d.doc), &d.base).unwrap(),
        ));
    });
}

/// REST object of a loaded component and its JSON string.
#[divan::bench(args = names())]
fn rest(bencher: Bencher, rel: &str) {
    let component = &doc(rel).component;
    bencher.bench(|| {
        let rest = black_box(component).to_rest().unwrap();
        black_box(serde_json::to_string(&rest).unwrap());
    });
}
