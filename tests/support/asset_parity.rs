//! Shared by the asset parity tests (fixtures and corpus): an asset's REST
//! body, or the reason there is none, against what azure-ai-ml recorded.

#![allow(dead_code)] // each test binary uses a different part

use azml::Document;
use serde_json::Value;

use super::parity;

/// The `{"$object": "PosixPath", "str": …}` parts of a golden REST body, by
/// dotted path.
fn local_paths(value: &Value, at: &str, out: &mut Vec<(String, String)>) {
    match value {
        Value::Object(map) if map.get("$object") == Some(&Value::from("PosixPath")) => {
            out.push((at.to_owned(), map["str"].as_str().unwrap_or("").to_owned()));
        }
        Value::Object(map) => {
            for (k, v) in map {
                let path = if at.is_empty() {
                    k.clone()
                } else {
                    format!("{at}.{k}")
                };
                local_paths(v, &path, out);
            }
        }
        _ => {}
    }
}

/// The REST body, or the reason there is none, against the golden.
pub fn rest_failures<T: Document>(file: &str, doc: &T, record: &Value) -> Vec<String> {
    let got = doc.to_rest();
    let Some(python_error) = record.get("rest_error") else {
        return match got {
            Ok(body) if parity::same_json(&body, &record["rest"]) => Vec::new(),
            Ok(body) => vec![format!(
                "{file}: REST body\n  python: {}\n  azml:   {body}",
                record["rest"]
            )],
            Err(e) => vec![format!("{file}: Python builds a REST body, azml: {e}")],
        };
    };
    let Err(error) = got else {
        return vec![format!(
            "{file}: Python cannot build a REST body ({python_error}), azml does"
        )];
    };
    let mut uploads = Vec::new();
    local_paths(&record["rest"], "", &mut uploads);
    match uploads.as_slice() {
        // A local path Python would upload: azml names the field and the path.
        [(field, path)] if error.path == *field && error.message.contains(path.as_str()) => {
            Vec::new()
        }
        // Otherwise the same message (inside azure-ai-ml's formatted report).
        [] if python_error["message"]
            .as_str()
            .is_some_and(|m| m.contains(&error.message)) =>
        {
            Vec::new()
        }
        _ => vec![format!(
            "{file}: REST error\n  python: {python_error} (uploads {uploads:?})\n  azml:   {error}"
        )],
    }
}

/// One asset file of kind `kind` against Python's record: the decision,
/// then the dict, the YAML and the REST body.
pub fn compare_file(kind: &str, file: &std::path::Path, record: &Value) -> Result<(), String> {
    use azml::entities::{CodeAsset, DataAsset, EnvironmentAsset, ModelAsset};
    match kind {
        "environment" => compare::<EnvironmentAsset>(file, record),
        "model" => compare::<ModelAsset>(file, record),
        "data" => compare::<DataAsset>(file, record),
        _ => compare::<CodeAsset>(file, record),
    }
}

fn compare<T: Document>(file: &std::path::Path, record: &Value) -> Result<(), String> {
    let accepted = record["accepted"] == Value::Bool(true);
    let name = file.display().to_string();
    let failures = match (accepted, T::from_yaml_path(file)) {
        (true, Ok(asset)) => {
            let mut failures = rest_failures(&name, &asset, record);
            if !parity::same_json(&asset.to_dict(), &record["dict"]) {
                failures.push(format!(
                    "dict\n  python: {}\n  azml:   {}",
                    record["dict"],
                    asset.to_dict()
                ));
            }
            if record["yaml"]
                .as_str()
                .is_some_and(|y| y != asset.to_yaml())
            {
                failures.push(format!(
                    "YAML\n  python: {:?}\n  azml:   {:?}",
                    record["yaml"],
                    asset.to_yaml()
                ));
            }
            failures
        }
        (false, Err(_)) => Vec::new(),
        (true, Err(e)) => vec![format!("Python accepts, azml rejects:\n{e}")],
        (false, Ok(_)) => vec![format!(
            "Python rejects ({}), azml accepts",
            record["errors"]
        )],
    };
    if failures.is_empty() {
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}
