//! What a YAML document of no kind azml models is, for the lines and
//! summaries that list skipped files: the Azure ML file kinds a repository
//! holds beside its components and jobs (conda files, deployments,
//! endpoints, prompt flows, ...).

use azml::Value;

/// A short name for a document no registered kind takes: `conda file`,
/// `prompt flow`, `batch deployment` (from its `$schema`), `` `spark`
/// document `` (from its `type`), `document without a type`, `not a
/// mapping`.
pub fn describe_unknown(value: &Value) -> String {
    let Some(map) = value.as_object() else {
        return "not a mapping".to_owned();
    };
    let has = |key: &str| map.contains_key(key);
    if let Some(named) = map
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(schema_words)
    {
        return named;
    }
    if has("dependencies") && (has("channels") || has("name")) {
        return "conda file".to_owned();
    }
    if has("nodes") && (has("inputs") || has("outputs")) {
        return "prompt flow".to_owned();
    }
    match map.get("type") {
        Some(Value::String(ty)) => format!("`{ty}` document"),
        Some(Value::Null) | None => "document without a type".to_owned(),
        Some(other) => format!("document whose type is {}", azml::validate::describe(other)),
    }
}

/// The kind a `$schema` URL's file names, in words: `…/batchDeployment.schema.json`
/// is `batch deployment`; the prompt-flow `Flow`/`Run` schemas are `prompt
/// flow` and `prompt flow run`.
fn schema_words(url: &str) -> Option<String> {
    let file = url.rsplit('/').next()?;
    let stem = file
        .strip_suffix(".schema.json")
        .or_else(|| file.strip_suffix(".json"))?;
    let lower = stem.to_ascii_lowercase();
    if lower == "flow" || lower == "run" {
        let run = if lower == "run" { " run" } else { "" };
        return Some(format!("prompt flow{run}"));
    }
    let mut words = String::with_capacity(stem.len() + 4);
    for (i, c) in stem.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 {
            words.push(' ');
        }
        words.push(c.to_ascii_lowercase());
    }
    (!words.trim().is_empty()).then_some(words)
}

#[cfg(test)]
mod tests {
    use super::describe_unknown;
    use serde_json::json;

    #[test]
    fn names_the_azure_ml_files_no_kind_takes() {
        for (doc, what) in [
            (
                json!({"$schema": "https://azuremlschemas.azureedge.net/latest/batchDeployment.schema.json", "type": "model"}),
                "batch deployment",
            ),
            (
                json!({"$schema": "https://azuremlschemas.azureedge.net/latest/managedOnlineEndpoint.schema.json"}),
                "managed online endpoint",
            ),
            (
                json!({"$schema": "https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json", "nodes": []}),
                "prompt flow",
            ),
            (
                json!({"$schema": "https://azuremlschemas.azureedge.net/promptflow/latest/Run.schema.json"}),
                "prompt flow run",
            ),
            (
                json!({"name": "env", "channels": ["conda-forge"], "dependencies": ["python=3.10"]}),
                "conda file",
            ),
            (
                json!({"inputs": {}, "outputs": {}, "nodes": []}),
                "prompt flow",
            ),
            (json!({"type": "spark"}), "`spark` document"),
            (json!({"name": "x"}), "document without a type"),
            (json!({"type": 3}), "document whose type is integer 3"),
            (json!([1]), "not a mapping"),
            (json!({"$schema": "https://x/"}), "document without a type"),
        ] {
            assert_eq!(describe_unknown(&doc), what, "{doc}");
        }
    }
}
