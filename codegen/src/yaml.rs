//! YAML input, through the runtime crate's loader, so YAML specs get the same positions and
//! limits as the entity YAML. The loader's source is shared by path rather than by depending
//! on `azml` (as serde_derive_internals shares serde_derive's front end): the runtime crate
//! includes the generated code, so the generator must build even when that code is stale.

#[allow(dead_code, unreachable_pub, clippy::module_inception)] // the generator uses only `parse_str`
#[path = "../../src/yaml/mod.rs"]
mod loader;

use serde_json::Value;

/// Parses YAML text into JSON.
pub fn parse(text: &str) -> Result<Value, String> {
    loader::parse_str(text)
        .map(|d| d.value)
        .map_err(|e| format!("invalid YAML: {e}"))
}
