//! Short descriptions of JSON values for messages: `integer 5`, `string "abc"`, `object`.

use serde_json::Value;

/// Longest string shown in full in a message; longer ones are cut with `…`.
const MAX_SHOWN: usize = 40;

/// Describes a value in a few words: its JSON kind, and the value itself for scalars.
pub fn describe(value: &Value) -> String {
    match value {
        Value::Null => "null".to_string(),
        Value::Bool(b) => format!("boolean {b}"),
        Value::Number(n) if n.is_i64() || n.is_u64() => format!("integer {n}"),
        Value::Number(n) => format!("number {n}"),
        Value::String(s) => format!("string {}", quoted(s)),
        Value::Array(_) => "array".to_string(),
        Value::Object(_) => "object".to_string(),
    }
}

/// A string in double quotes (JSON escaping), cut after [`MAX_SHOWN`] characters.
pub(crate) fn quoted(s: &str) -> String {
    let shown: String = s.chars().take(MAX_SHOWN).collect();
    let mut q = serde_json::to_string(&shown).unwrap_or_else(|_| "\"\"".to_string());
    if shown.len() < s.len() {
        q.pop();
        q.push_str("…\"");
    }
    q
}
