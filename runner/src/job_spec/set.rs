//! `--set KEY=VALUE`: the value is written into the loaded YAML before
//! azml loads it, so it goes through the same validation as the file.
//!
//! As with `az ml ... --set` (azure-ai-ml's `params_override`), a scalar is
//! set as the text given (marshmallow's fields then convert it: `"10"` for an
//! integer field is 10); a value written as a YAML flow mapping or sequence
//! (`[a, b]`, `{timeout: 5}`) is set as that structure.

use azml::Value;

/// Sets the dotted `key` under the object at JSON `pointer` of `doc`.
///
/// # Errors
/// When a part of the key names something that is not a mapping.
pub fn apply(doc: &mut Value, pointer: &str, key: &str, text: &str) -> Result<(), String> {
    let value = parse(text);
    let mut at = doc
        .pointer_mut(pointer)
        .ok_or_else(|| format!("--set {key}: {pointer} is not in the document"))?;
    let parts: Vec<&str> = key.split('.').collect();
    if parts.iter().any(|p| p.is_empty()) {
        return Err(format!("--set {key}={text}: the key has an empty part"));
    }
    for (i, part) in parts.iter().enumerate() {
        let Value::Object(map) = at else {
            return Err(format!(
                "--set {key}={text}: {} is not a mapping",
                parts[..i].join(".")
            ));
        };
        if i + 1 == parts.len() {
            map.insert((*part).to_owned(), value);
            return Ok(());
        }
        at = map
            .entry((*part).to_owned())
            .or_insert_with(|| Value::Object(Default::default()));
    }
    Ok(())
}

/// A flow mapping or sequence as its structure, anything else as text.
fn parse(text: &str) -> Value {
    let trimmed = text.trim_start();
    if trimmed.starts_with('[') || trimmed.starts_with('{') {
        if let Ok(doc) = azml::yaml::parse_str(text) {
            if doc.value.is_array() || doc.value.is_object() {
                return doc.value;
            }
        }
    }
    Value::String(text.to_owned())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn scalars_are_text_and_paths_create_mappings() {
        let mut doc = json!({"jobs": {"n": {"retry_settings": {"timeout": 5}}}});
        apply(&mut doc, "/jobs/n", "retry_settings.max_retries", "3").unwrap();
        apply(&mut doc, "/jobs/n", "partition_keys", "[a, b]").unwrap();
        apply(&mut doc, "/jobs/n", "resources.instance_count", "2").unwrap();
        assert_eq!(
            doc,
            json!({"jobs": {"n": {
                "retry_settings": {"timeout": 5, "max_retries": "3"},
                "partition_keys": ["a", "b"],
                "resources": {"instance_count": "2"}
            }}})
        );
    }

    #[test]
    fn a_key_through_a_scalar_is_refused() {
        let mut doc = json!({"mini_batch_size": "10"});
        let err = apply(&mut doc, "", "mini_batch_size.x", "1").unwrap_err();
        assert_eq!(
            err,
            "--set mini_batch_size.x=1: mini_batch_size is not a mapping"
        );
        assert!(apply(&mut doc, "", "a..b", "1").is_err());
    }
}
