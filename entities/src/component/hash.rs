//! `client_component_hash`: the id azure-ai-ml sends with a component so the
//! service can tell an unchanged component from a changed one
//! (`_utils/utils.py::hash_dict`): the first 32 hex digits of the SHA-256 of
//! `json.dumps(component_dict_without_some_keys, sort_keys=True)`, written
//! as a UUID.

use azml::Value;

/// `hash_dict(dict, keys_to_omit)`; the keys are top-level keys.
pub fn hash_dict(dict: &Value, keys_to_omit: &[&str]) -> String {
    let text = azml_pyio::python_json::dumps_without(dict, true, keys_to_omit);
    let hex = crate::fields::sha::sha256_hex(&text);
    format!(
        "{}-{}-{}-{}-{}",
        &hex[0..8],
        &hex[8..12],
        &hex[12..16],
        &hex[16..20],
        &hex[20..32]
    )
}

/// The `client_component_hash` of a registered component: its dict without `version`.
pub fn client_component_hash(component_dict: &Value) -> String {
    hash_dict(component_dict, &["version"])
}
