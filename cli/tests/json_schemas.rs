//! The generated JSON Schemas (`schemas/`, embedded by `azml schema`) against
//! a real validator (the `jsonschema` crate) and against azml itself.
//!
//! - Each schema is valid under its draft's meta-schema (draft-07).
//! - Every YAML file of the parity fixtures (`tests/parity/fixtures`), of the
//!   generated matrices (`tests/parity/golden-matrix/*/manifest.json`, their
//!   files written to a temporary folder) and of `../shared/corpus` (when it
//!   is there; `AZML_CORPUS` names another folder) whose kind azml models:
//!   when azml accepts it, it validates against its kind's schema; when azml
//!   rejects it for a reason a JSON Schema can express (an unknown key, a
//!   wrong type, a value outside an enum or a pattern, a missing field, two
//!   exclusive fields), it fails the schema. The rejections a schema cannot
//!   express are classified (`inexpressible`) and counted; run with
//!   `--nocapture` to see the counts and one example of each.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use azml::document::Kind;
use azml::entities::REGISTRY;
use azml::Document as _;
use serde_json::Value;

mod index {
    include!("../../generated/schemas.rs");
}

fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn schema(kind: &str) -> Value {
    let (_, _, text) = index::SCHEMAS
        .iter()
        .find(|(name, _, _)| *name == kind)
        .unwrap_or_else(|| panic!("no schema for the kind {kind:?}"));
    serde_json::from_str(text).expect("a schema is JSON")
}

#[test]
fn every_schema_is_valid_under_the_draft_07_meta_schema() {
    assert!(!index::SCHEMAS.is_empty());
    for (kind, file, text) in index::SCHEMAS {
        let schema: Value = serde_json::from_str(text).expect("a schema is JSON");
        assert_eq!(
            schema["$schema"], "http://json-schema.org/draft-07/schema#",
            "{file}"
        );
        if let Err(e) = jsonschema::draft7::meta::validate(&schema) {
            panic!("{file} ({kind}) is not a valid draft-07 schema: {e}");
        }
        jsonschema::draft7::new(&schema).unwrap_or_else(|e| panic!("{file}: {e}"));
    }
}

/// Every kind of the registry, and the standalone parallel job: azure-ai-ml
/// has no loader for it (so it is no registered kind), but `azml run` runs
/// one and Microsoft publishes no schema for it.
#[test]
fn every_kind_of_the_registry_has_a_schema_and_no_other() {
    let mut kinds: Vec<&str> = REGISTRY.kinds().iter().map(|k| k.name).collect();
    kinds.push(azml::entities::ParallelJob::KIND.name);
    let mut with_schema: Vec<&str> = index::SCHEMAS.iter().map(|(k, _, _)| *k).collect();
    let mut sorted = kinds.clone();
    sorted.sort();
    with_schema.sort();
    assert_eq!(sorted, with_schema);
}

/// Why azml rejects a file, when no JSON Schema can say it: the message's
/// class, or `None` when a schema can.
fn inexpressible(file: &Path, problem: &azml::load::Problem) -> Option<&'static str> {
    let m = problem.message.as_str();
    // A problem of another file is reported on the key naming it, as `path:line:col: …`.
    let in_other_file = m.split(": ").next().is_some_and(|head| {
        let mut parts = head.rsplitn(3, ':');
        let (col, line) = (parts.next(), parts.next());
        [col, line]
            .iter()
            .all(|n| n.is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())))
    });
    if in_other_file || problem.file.as_deref().is_some_and(|f| f != file) {
        return Some("a problem in another file (a component, a flow, an environment)");
    }
    let classes: &[(&[&str], &str)] = &[
        (
            &[
                "Can't find",
                "can't find",
                "Flow path must be",
                "cannot read file",
                "No such file or directory",
            ],
            "a file or folder that must exist",
        ),
        (
            &[
                "Failed to find top level definition",
                "Failed to find referenced source",
                "can bind only to a job output or a pipeline input",
            ],
            "a binding to an input or output the pipeline does not declare",
        ),
        (&["equal ignore case"], "input names equal but for case"),
        (
            &["Special numeric values", "SweepFloat], got string"],
            "a float Python reads as NaN or an infinity (`.nan`, numeric text beyond a double's range)",
        ),
        (
            &["read as a job written in place, which fails"],
            "`CommandSchema`'s (`ParallelSchema`'s) complaint that a failing job written in a pipeline names no component (its own problems are classed on their own)",
        ),
        (
            &[
                "Compute not set",
                "Pipeline optional Input binding",
                "for pipeline",
                "on_init",
                "on_finalize",
                "On_init",
                "On_finalize",
            ],
            "what a pipeline's `_validate()` checks across its nodes (a compute for each node when the pipeline names none, the inputs its nodes require, the on_init and on_finalize nodes)",
        ),
        (
            &["Invalid data binding expression"],
            "a `${{...}}` expression in `command` that names nothing the component declares",
        ),
        (
            &[
                "Default value of Input",
                "only accept True/False",
                "could not convert to a number",
            ],
            "a parameter default or bound that does not fit the parameter's type",
        ),
        (
            &["is not a valid parameter name"],
            "input names (map keys) that are not identifiers",
        ),
        (
            &[
                "is a prompt flow",
                "flattened connection input port",
                "parameter group",
            ],
            "a prompt flow's own rules",
        ),
        (
            &[
                "git paths are not supported",
                "Either version or label is not provided",
            ],
            "a code reference's form (decided by azure-ai-ml's parsing, not a pattern in the spec)",
        ),
        (
            &["If version is specified, name must be specified also."],
            "a key required by another's presence (a data asset's version needs a name; the JSON Schema back end writes no `dependencies`)",
        ),
        (
            &["Not a valid URL."],
            "a build context's form (a local path or an http(s) URL, decided by azure-ai-ml's parsing)",
        ),
        // Expressible, but not declared yet: the spec gives a standalone job the node's
        // `JobResourceConfiguration` (integers or bindings); the job's loader refuses the
        // bindings by hand.
        (
            &["Not a valid integer."],
            "a binding in a standalone job's resources (the spec shares the node's type)",
        ),
    ];
    classes
        .iter()
        .find(|(needles, _)| needles.iter().any(|n| m.contains(n)))
        .map(|(_, class)| *class)
}

/// How azml and the schema judged one file.
#[derive(Default)]
struct Tally {
    accepted: usize,
    rejected_and_failed: usize,
    /// Class → (count, an example file and message).
    inexpressible: BTreeMap<&'static str, (usize, String)>,
    /// Disagreements: what the test fails on.
    wrong: Vec<String>,
    not_yaml: usize,
    other_kind: usize,
}

impl Tally {
    fn check(&mut self, file: &Path, shown: &str, validators: &mut Validators) {
        let Ok(doc) = azml::yaml::parse_path(file) else {
            self.not_yaml += 1;
            return;
        };
        let Some(kind) = REGISTRY.detect(&doc.value) else {
            self.other_kind += 1;
            return;
        };
        let base = file.parent().unwrap_or_else(|| Path::new("."));
        let problems = match (kind.load)(&doc, base) {
            Ok(loaded) => {
                let issues = loaded.validate();
                azml::load::located(&doc, &issues).problems
            }
            Err(e) => e.problems,
        };
        let errors: Vec<String> = validators
            .get(kind)
            .iter_errors(&doc.value)
            .map(|e| format!("{}: {e}", e.instance_path()))
            .collect();
        match (problems.is_empty(), errors.is_empty()) {
            (true, true) => self.accepted += 1,
            (true, false) => self.wrong.push(format!(
                "{shown} ({}): azml accepts it, the schema does not: {errors:?}",
                kind.name
            )),
            (false, false) => self.rejected_and_failed += 1,
            (false, true) => {
                let classes: Vec<Option<&str>> =
                    problems.iter().map(|p| inexpressible(file, p)).collect();
                if let Some(Some(class)) = classes
                    .first()
                    .filter(|_| classes.iter().all(Option::is_some))
                {
                    let entry = self
                        .inexpressible
                        .entry(class)
                        .or_insert((0, String::new()));
                    entry.0 += 1;
                    if entry.1.is_empty() {
                        entry.1 = format!("{shown}: {}", problems[0].message);
                    }
                } else {
                    let messages: Vec<String> = problems
                        .iter()
                        .map(|p| format!("{}: {}", p.path, p.message))
                        .collect();
                    self.wrong.push(format!(
                        "{shown} ({}): azml rejects it for a reason a schema can express, the schema accepts it: {messages:?}",
                        kind.name
                    ));
                }
            }
        }
    }
}

/// A compiled validator per kind.
#[derive(Default)]
struct Validators(BTreeMap<&'static str, jsonschema::Validator>);

impl Validators {
    fn get(&mut self, kind: &'static Kind) -> &jsonschema::Validator {
        self.0.entry(kind.name).or_insert_with(|| {
            jsonschema::draft7::new(&schema(kind.name)).expect("the schema compiles")
        })
    }
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

/// The files of every case of a matrix manifest, written under `into`.
fn write_matrix(manifest: &Path, into: &Path) -> Vec<PathBuf> {
    let text = std::fs::read_to_string(manifest).expect("manifest readable");
    let manifest: Value = serde_json::from_str(&text).expect("manifest is JSON");
    let mut written = Vec::new();
    for case in manifest["cases"].as_array().into_iter().flatten() {
        let id = case["id"].as_str().expect("a case id");
        for (name, content) in case["files"].as_object().into_iter().flatten() {
            let path = into.join(id).join(name);
            std::fs::create_dir_all(path.parent().expect("a folder")).expect("mkdir");
            std::fs::write(&path, content.as_str().unwrap_or_default()).expect("write");
            if name.ends_with(".yml") || name.ends_with(".yaml") {
                written.push(path);
            }
        }
    }
    written
}

fn report(name: &str, tally: &Tally) {
    eprintln!(
        "{name}: {} accepted by azml and valid; {} rejected by azml and invalid; {} rejected for reasons no schema expresses; {} not YAML, {} of kinds azml does not model",
        tally.accepted,
        tally.rejected_and_failed,
        tally.inexpressible.values().map(|(n, _)| n).sum::<usize>(),
        tally.not_yaml,
        tally.other_kind
    );
    for (class, (n, example)) in &tally.inexpressible {
        eprintln!("  {n:>3} {class}; e.g. {example}");
    }
}

fn assert_agree(name: &str, tally: &Tally) {
    report(name, tally);
    assert!(
        tally.wrong.is_empty(),
        "{name}: azml and the schemas disagree on {} file(s):\n{}",
        tally.wrong.len(),
        tally.wrong.join("\n")
    );
}

#[test]
fn schemas_agree_with_azml_on_the_parity_fixtures() {
    let root = repo();
    let fixtures = root.join("tests/parity/fixtures");
    let mut tally = Tally::default();
    let mut validators = Validators::default();
    for file in yaml_files(&fixtures) {
        let shown = file
            .strip_prefix(&root)
            .unwrap_or(&file)
            .display()
            .to_string();
        tally.check(&file, &shown, &mut validators);
    }
    assert!(tally.accepted > 0 && tally.rejected_and_failed > 0);
    assert_agree("tests/parity/fixtures", &tally);
}

#[test]
fn schemas_agree_with_azml_on_the_generated_matrices() {
    let root = repo();
    let scratch = std::env::temp_dir().join(format!("azml-json-schemas-{}", std::process::id()));
    let mut tally = Tally::default();
    let mut validators = Validators::default();
    let mut manifests: Vec<PathBuf> = std::fs::read_dir(root.join("tests/parity/golden-matrix"))
        .expect("golden-matrix folder")
        .flatten()
        .map(|e| e.path().join("manifest.json"))
        .filter(|p| p.is_file())
        .collect();
    manifests.sort();
    assert!(!manifests.is_empty());
    for manifest in &manifests {
        let matrix = manifest
            .parent()
            .and_then(Path::file_name)
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        for file in write_matrix(manifest, &scratch.join(&matrix)) {
            let shown = format!(
                "{matrix}:{}",
                file.strip_prefix(scratch.join(&matrix))
                    .unwrap_or(&file)
                    .display()
            );
            tally.check(&file, &shown, &mut validators);
        }
    }
    let _ = std::fs::remove_dir_all(&scratch);
    assert!(tally.accepted > 0);
    assert_agree("tests/parity/golden-matrix", &tally);
}

#[test]
fn schemas_agree_with_azml_on_the_shared_corpus() {
    let corpus = match std::env::var_os("AZML_CORPUS") {
        Some(dir) => PathBuf::from(dir),
        None => repo().join("../shared/corpus"),
    };
    if !corpus.is_dir() {
        eprintln!("no corpus at {}; nothing to compare", corpus.display());
        return;
    }
    let mut tally = Tally::default();
    let mut validators = Validators::default();
    for file in yaml_files(&corpus) {
        let shown = file
            .strip_prefix(&corpus)
            .unwrap_or(&file)
            .display()
            .to_string();
        tally.check(&file, &shown, &mut validators);
    }
    assert_agree("../shared/corpus", &tally);
}
