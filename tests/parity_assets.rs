//! Environment, model, data and code assets: azml against what azure-ai-ml
//! 1.35.2 did with the same files (`load_environment`, `load_model`,
//! `load_data`, `load_code`): accept or reject and the field of each error,
//! `_to_dict()`, `dump()`'s YAML, and the REST body of `_to_rest_object()` —
//! or, where Python could not build one offline, the reason: the local path
//! it would upload first (the golden's `{"$object": "PosixPath"}`), or the
//! message of `Environment.validate()`. A body read back with `from_rest`
//! (with the `id` a service response adds) gives the same body again.

#[path = "support/asset_parity.rs"]
mod asset_parity;
#[path = "support/parity.rs"]
mod parity;

use azml::entities::{CodeAsset, DataAsset, EnvironmentAsset, ModelAsset, REGISTRY};
use azml::Document;
use serde_json::Value;

/// The body read back from a service response (the body and its `id`)
/// gives the body again.
fn read_back_failures<T: Document>(file: &str, record: &Value, assets: &str) -> Vec<String> {
    let Some(Value::Object(body)) = record
        .get("rest")
        .filter(|_| record.get("rest_error").is_none())
    else {
        return Vec::new();
    };
    let mut response = body.clone();
    response.insert(
        "id".into(),
        format!("/subscriptions/s/resourceGroups/r/providers/Microsoft.MachineLearningServices/workspaces/w/{assets}/n/versions/1").into(),
    );
    match T::from_rest(&Value::Object(response)).and_then(|back| back.to_rest()) {
        Ok(again) if parity::same_json(&again, &record["rest"]) => Vec::new(),
        Ok(again) => vec![format!(
            "{file}: REST read back\n  python: {}\n  azml:   {again}",
            record["rest"]
        )],
        Err(e) => vec![format!("{file}: REST read back: {e}")],
    }
}

fn kind_matches_python<T: Document>(kind: &str, assets: &str, at_least: usize) {
    let root = parity::fixtures();
    let goldens = parity::goldens(kind);
    assert!(
        goldens.len() >= at_least,
        "only {} {kind} goldens",
        goldens.len()
    );
    let mut failures = Vec::new();
    for golden in &goldens {
        let path = root.join(&golden.file);
        let result = T::from_yaml_path(&path);
        failures.extend(parity::decision_failures(golden, &result));
        // The registry takes the file for this kind, or for none (a file
        // without `$schema` or telling keys); always when `$schema` names it.
        let doc = azml::yaml::parse_path(&path).unwrap();
        let detected = REGISTRY.detect(&doc.value).map(|k| k.name);
        let named = doc.value["$schema"]
            .as_str()
            .is_some_and(|s| s.ends_with(&format!("/{kind}.schema.json")));
        if detected.is_some_and(|k| k != T::KIND.name) || (named && detected.is_none()) {
            failures.push(format!("{}: detected as {detected:?}", golden.file));
        }
        let (true, Ok(asset)) = (golden.accepted(), result) else {
            continue;
        };
        let record = &golden.record;
        failures.extend(golden.dict_failure(&asset.to_dict()));
        if let Some(yaml) = record["yaml"].as_str() {
            let got = asset.to_yaml();
            if got != yaml {
                failures.push(format!(
                    "{}: YAML\n  python: {yaml:?}\n  azml:   {got:?}",
                    golden.file
                ));
            }
        }
        failures.extend(asset_parity::rest_failures(&golden.file, &asset, record));
        failures.extend(read_back_failures::<T>(&golden.file, record, assets));
    }
    parity::report(kind, goldens.len(), &failures);
}

#[test]
fn environments_match_python() {
    kind_matches_python::<EnvironmentAsset>("environment", "environments", 50);
}

#[test]
fn models_match_python() {
    kind_matches_python::<ModelAsset>("model", "models", 60);
}

#[test]
fn data_assets_match_python() {
    kind_matches_python::<DataAsset>("data", "data", 60);
}

#[test]
fn code_assets_match_python() {
    kind_matches_python::<CodeAsset>("code", "codes", 40);
}

/// No fixture of another kind (parallel, command, sweep, pipeline) and no
/// file of the detection matrix is taken for an asset, except the matrix's
/// environment body without `type`: the asset kinds take only documents without
/// a component's or job's `type` whose `$schema` or keys name them.
#[test]
fn other_kinds_are_not_taken_for_assets() {
    let assets = ["environment", "model", "data", "code"];
    let root = parity::fixtures();
    let mut checked = 0;
    let mut failures = Vec::new();
    let golden = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/parity/golden");
    let mut files = Vec::new();
    for entry in std::fs::read_dir(golden).unwrap() {
        let kind = entry.unwrap().file_name().to_string_lossy().into_owned();
        if !assets.contains(&kind.as_str()) {
            files.extend(
                parity::goldens(&kind)
                    .into_iter()
                    .map(|g| root.join(g.file)),
            );
        }
    }
    for file in files {
        let Ok(doc) = azml::yaml::parse_path(&file) else {
            continue;
        };
        checked += 1;
        if let Some(kind) = REGISTRY.detect(&doc.value) {
            if assets.contains(&kind.name) {
                failures.push(format!("{}: taken for {}", file.display(), kind.name));
            }
        }
    }
    assert!(checked >= 900, "only {checked} files checked");
    // The detection matrix: only its environment body without `type` is an
    // asset (a data body without `type` or `$schema` could be a model or
    // code too, so it is no kind).
    let manifest = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/parity/golden-matrix/detection/manifest.json");
    let manifest: Value =
        serde_json::from_str(&std::fs::read_to_string(manifest).unwrap()).unwrap();
    for case in manifest["cases"].as_array().unwrap() {
        let text = case["files"]["doc.yml"].as_str().unwrap_or_default();
        let doc = azml::yaml::parse_str(text).unwrap();
        let axes = &case["axes"];
        let asset_body = axes["body"] == "environment_asset" && axes["type"] == "absent";
        let detected = REGISTRY.detect(&doc.value).map(|k| k.name);
        if detected.is_some_and(|k| assets.contains(&k)) != asset_body {
            failures.push(format!(
                "detection case {}: taken for {detected:?}",
                case["id"]
            ));
        }
        checked += 1;
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    println!("{checked} fixtures of other kinds and detection cases: none taken for an asset");
}
