//! YAML input, through the runtime crate's loader (`azml::yaml`), so YAML specs get the same
//! positions and limits as the entity YAML.

use serde_json::Value;

/// Parses YAML text into JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    azml::yaml::parse_str(text)
        .map(|d| d.value)
        .map_err(|e| format!("invalid YAML: {e}"))
}
