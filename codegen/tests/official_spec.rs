//! The proof on the official Azure ML spec (2024-04-01): generate the four files into a
//! scratch crate, compile it with no warnings, and round-trip every request and response body
//! of the version's examples through the type its operation declares.

#[path = "support/compare.rs"]
mod compare;
#[path = "support/scratch.rs"]
mod scratch;

use compare::{first_difference, normalize};

use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::time::Instant;

const VERSION_DIR: &str = "specs/azure-rest-api-specs/specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2024-04-01";
const ROOT_DIR: &str = "specs/azure-rest-api-specs/specification";
const FILES: [&str; 4] = [
    "mfe.json",
    "machineLearningServices.json",
    "registries.json",
    "workspaceFeatures.json",
];

/// Bodies that cannot round-trip, each a defect of the example, located by JSON pointer:
/// (example file under `examples/`, pointer of the body, pointer of the defect inside it, why).
const DEFECTS: &[(&str, &str, &str, &str)] = &[
    (
        "Compute/createOrUpdate/KubernetesCompute.json",
        "/responses/200/body",
        "/properties/properties/relayConnectionString",
        "null for a string that is not x-nullable (so are serviceBusConnectionString, extensionPrincipalId, vcName, \
         and nodeSelector / resources.*.nvidia.com~1gpu under instanceTypes/defaultInstanceType)",
    ),
    (
        "Compute/createOrUpdate/KubernetesCompute.json",
        "/responses/201/body",
        "/properties/properties/relayConnectionString",
        "null for a string that is not x-nullable (same nulls as the 200 body)",
    ),
    (
        "Compute/get/KubernetesCompute.json",
        "/responses/200/body",
        "/properties/properties/relayConnectionString",
        "null for a string that is not x-nullable (same nulls as in createOrUpdate)",
    ),
    (
        "Compute/get/ComputeInstance.json",
        "/responses/200/body",
        "/properties/properties/errors",
        "null for the array `errors`, which is not x-nullable",
    ),
    (
        "Notebook/listKeys.json",
        "/responses/200/body",
        "/primaryAccessKey",
        "secret redacted as null, but the x-ms-secret string is not x-nullable (also /secondaryAccessKey)",
    ),
    (
        "Workspace/listKeys.json",
        "/responses/200/body",
        "/userStorageKey",
        "secret redacted as null, but the x-ms-secret string is not x-nullable (also appInsightsInstrumentationKey, \
         containerRegistryCredentials/location and notebookAccessKeys/*)",
    ),
    (
        "Workspace/listStorageAccountKeys.json",
        "/responses/200/body",
        "/userStorageKey",
        "secret redacted as null, but the x-ms-secret string is not x-nullable",
    ),
    (
        "Workspace/listNotebookAccessToken.json",
        "/responses/200/body",
        "/expiresIn",
        "28800.0 is a fraction-formatted number for an int32 property",
    ),
];

fn read(p: &Path) -> Value {
    let text = std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

struct Case {
    id: String,
    example: String,
    body_pointer: String,
    ty: String,
    body: Value,
}

#[test]
fn official_spec_generates_compiles_and_round_trips_examples() {
    let shared = scratch::shared();
    let dir = normalize(&shared.join(VERSION_DIR));
    let root = normalize(&shared.join(ROOT_DIR));
    assert!(
        dir.exists(),
        "the official spec is expected at {}",
        dir.display()
    );
    let specs: Vec<PathBuf> = FILES.iter().map(|f| dir.join(f)).collect();
    let t = Instant::now();
    let out = azml_codegen::generate(&azml_codegen::Options {
        specs,
        root: Some(root.clone()),
        derives: Vec::new(),
    })
    .unwrap_or_else(|d| panic!("generation failed:\n{d}"));
    let elapsed = t.elapsed();
    let r = &out.report;
    println!(
        "generated in {elapsed:?}: {} lines, {} definitions, types {:?}, {} untyped fallbacks, {} warnings",
        out.code.lines().count(),
        r.definitions,
        r.types,
        r.untyped_fallbacks.len(),
        r.warnings.len()
    );
    for w in &r.warnings {
        println!("  {w}");
    }

    // Operation → body types → example bodies.
    let display = |p: &Path| -> String {
        let rel = p.strip_prefix(&root).unwrap_or(p);
        rel.components()
            .map(|c| c.as_os_str().to_string_lossy().into_owned())
            .collect::<Vec<_>>()
            .join("/")
    };
    let type_of = |file: &Path, schema: &Value| -> Option<String> {
        let reference = schema.get("$ref")?.as_str()?;
        let (f, ptr) = reference.split_once('#').unwrap_or((reference, ""));
        let target = if f.is_empty() {
            file.to_path_buf()
        } else {
            normalize(&file.parent()?.join(f))
        };
        let key = format!("{}#{ptr}", display(&target));
        Some(
            r.schemas
                .get(&key)
                .unwrap_or_else(|| panic!("no type for {key}"))
                .clone(),
        )
    };
    let mut cases = Vec::new();
    let mut example_files = BTreeSet::new();
    for f in FILES {
        let file = dir.join(f);
        let doc = read(&file);
        let paths = doc
            .get("paths")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        for (path, ops) in &paths {
            for (method, op) in ops.as_object().into_iter().flatten() {
                let Some(examples) = op.get("x-ms-examples").and_then(Value::as_object) else {
                    continue;
                };
                let mut body: Option<(String, String)> = None;
                for p in op
                    .get("parameters")
                    .and_then(Value::as_array)
                    .into_iter()
                    .flatten()
                {
                    if p.get("in").and_then(Value::as_str) == Some("body") {
                        let name = p
                            .get("name")
                            .and_then(Value::as_str)
                            .unwrap_or_default()
                            .to_string();
                        if let Some(ty) = p.get("schema").and_then(|s| type_of(&file, s)) {
                            body = Some((name, ty));
                        }
                    }
                }
                let responses = op.get("responses").cloned().unwrap_or(Value::Null);
                for ex in examples.values() {
                    let Some(ex_ref) = ex.get("$ref").and_then(Value::as_str) else {
                        continue;
                    };
                    let ex_path = normalize(&dir.join(ex_ref));
                    let ex_name = display(&ex_path)
                        .split("/examples/")
                        .nth(1)
                        .unwrap_or_default()
                        .to_string();
                    example_files.insert(ex_name.clone());
                    let ex_doc = read(&ex_path);
                    if let Some((name, ty)) = &body {
                        if let Some(b) = ex_doc.get("parameters").and_then(|p| p.get(name)) {
                            let ptr = format!("/parameters/{name}");
                            cases.push(Case {
                                id: format!("{ex_name}#{ptr} ({method} {path})"),
                                example: ex_name.clone(),
                                body_pointer: ptr,
                                ty: ty.clone(),
                                body: b.clone(),
                            });
                        }
                    }
                    for (code, resp) in ex_doc
                        .get("responses")
                        .and_then(Value::as_object)
                        .into_iter()
                        .flatten()
                    {
                        let Some(b) = resp.get("body") else { continue };
                        let declared = responses.get(code).or_else(|| responses.get("default"));
                        let Some(ty) = declared
                            .and_then(|d| d.get("schema"))
                            .and_then(|s| type_of(&file, s))
                        else {
                            continue;
                        };
                        let ptr = format!("/responses/{code}/body");
                        cases.push(Case {
                            id: format!("{ex_name}#{ptr} ({method} {path})"),
                            example: ex_name.clone(),
                            body_pointer: ptr,
                            ty,
                            body: b.clone(),
                        });
                    }
                }
            }
        }
    }

    // The scratch crate: the generated module plus a round-trip dispatcher.
    let types: BTreeSet<&str> = cases.iter().map(|c| c.ty.as_str()).collect();
    let arms: String = types
        .iter()
        .map(|t| format!("        \"{t}\" => rt::<spec::{t}>(v),\n"))
        .collect();
    let main_rs = format!(
        "use azml_official_spec::spec;\n\
         fn rt<T: serde::Serialize + serde::de::DeserializeOwned>(v: serde_json::Value) -> Result<serde_json::Value, String> {{\n\
         \x20   let t: T = serde_json::from_value(v).map_err(|e| e.to_string())?;\n\
         \x20   serde_json::to_value(&t).map_err(|e| e.to_string())\n}}\n\
         fn dispatch(ty: &str, v: serde_json::Value) -> Result<serde_json::Value, String> {{\n    match ty {{\n{arms}        _ => Err(format!(\"unknown type {{ty}}\")),\n    }}\n}}\n\
         fn main() {{\n\
         \x20   let path = std::env::args().nth(1).expect(\"cases file\");\n\
         \x20   let cases: Vec<(String, serde_json::Value)> = serde_json::from_str(&std::fs::read_to_string(&path).unwrap()).unwrap();\n\
         \x20   let out: Vec<Result<serde_json::Value, String>> = cases.into_iter().map(|(t, v)| dispatch(&t, v)).collect();\n\
         \x20   println!(\"{{}}\", serde_json::to_string(&out).unwrap());\n}}\n"
    );
    let lib_rs = "#![deny(warnings)]\n//! Generated from the official Azure ML spec.\n\n/// The generated types.\npub mod spec {\n    include!(\"generated.rs\");\n}\n";
    let crate_dir = scratch::write_crate("azml-official-spec", lib_rs, Some(&main_rs));
    scratch::write_if_changed(&crate_dir.join("src/generated.rs"), &out.code);
    scratch::build(&crate_dir);

    let input: Vec<(String, Value)> = cases
        .iter()
        .map(|c| (c.ty.clone(), c.body.clone()))
        .collect();
    let cases_path = crate_dir.join("cases.json");
    std::fs::write(&cases_path, serde_json::to_string(&input).unwrap()).unwrap();
    let bin = scratch::scratch_target()
        .join("debug")
        .join("azml-official-spec");
    let run = std::process::Command::new(bin)
        .arg(&cases_path)
        .output()
        .expect("run round trip");
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let results: Vec<Result<Value, String>> = serde_json::from_slice(&run.stdout).expect("results");

    let mut equal = 0;
    let mut failures: BTreeMap<(String, String), String> = BTreeMap::new();
    for (c, res) in cases.iter().zip(&results) {
        let problem = match res {
            Ok(v) => first_difference(&c.body, v, ""),
            Err(e) => Some(format!("error: {e}")),
        };
        match problem {
            None => equal += 1,
            Some(p) => {
                failures.insert(
                    (c.example.clone(), c.body_pointer.clone()),
                    format!("{} as {}: {p}", c.id, c.ty),
                );
            }
        }
    }
    let on_disk: BTreeSet<String> = walk_examples(&dir.join("examples"), &dir.join("examples"));
    for f in on_disk.difference(&example_files) {
        println!("example file not referenced by any operation (not tried): {f}");
    }
    let failed_files: BTreeSet<&String> = failures.keys().map(|(f, _)| f).collect();
    println!(
        "example files: {} referenced; bodies tried: {}, equal: {}, not equal: {}; files with every body equal: {}",
        example_files.len(),
        cases.len(),
        equal,
        failures.len(),
        example_files.len() - failed_files.len()
    );
    let explained: BTreeMap<(String, String), (&str, &str)> = DEFECTS
        .iter()
        .map(|(f, b, p, why)| ((f.to_string(), b.to_string()), (*p, *why)))
        .collect();
    let mut unexplained = Vec::new();
    for (key, msg) in &failures {
        match explained.get(key) {
            Some((p, why)) => println!("  known example defect: {msg}\n    at {p}: {why}"),
            None => unexplained.push(msg.clone()),
        }
    }
    let stale: Vec<_> = explained
        .keys()
        .filter(|k| !failures.contains_key(*k))
        .collect();
    assert!(
        unexplained.is_empty(),
        "bodies that do not round-trip:\n{}",
        unexplained.join("\n")
    );
    assert!(
        stale.is_empty(),
        "listed defects that now round-trip: {stale:?}"
    );
}

fn walk_examples(dir: &Path, base: &Path) -> BTreeSet<String> {
    let mut out = BTreeSet::new();
    for e in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let p = e.path();
        if p.is_dir() {
            out.extend(walk_examples(&p, base));
        } else if let Ok(rel) = p.strip_prefix(base) {
            out.insert(
                rel.components()
                    .map(|c| c.as_os_str().to_string_lossy().into_owned())
                    .collect::<Vec<_>>()
                    .join("/"),
            );
        }
    }
    out
}
