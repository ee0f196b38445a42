//! YAML input, through azml-pyio's loader, so YAML specs get the same
//! positions and limits as the entity YAML.

use serde_json::Value;

/// Parses YAML text into JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    azml_pyio::yaml::parse_str(text)
        .map(|d| d.value)
        .map_err(|e| format!("invalid YAML: {e}"))
}
