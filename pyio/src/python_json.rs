//! Python's `json.dumps` text, byte for byte, for the hashes that azure-ai-ml
//! computes over it (`client_component_hash` hashes
//! `json.dumps(component_dict, sort_keys=True)`).
//!
//! Python's defaults: separators `", "` and `": "`, `ensure_ascii=True`
//! (non-ASCII as `\uXXXX`, astral characters as surrogate pairs), floats in
//! `repr` form (`1.0`, `1e+16`), `NaN`/`Infinity` (which a JSON value cannot
//! hold anyway).

use std::fmt::Write;

use serde_json::Value;

/// `json.dumps(value, sort_keys=sort_keys)` as Python 3 prints it.
pub fn dumps(value: &Value, sort_keys: bool) -> String {
    let mut out = String::with_capacity(256);
    write_value(&mut out, value, sort_keys);
    out
}

/// [`dumps`] of `value` with the top-level keys in `omit` left out, as if
/// they had been removed first (without copying the value to remove them).
pub fn dumps_without(value: &Value, sort_keys: bool, omit: &[&str]) -> String {
    // A component's dict is a few kilobytes of text.
    let mut out = String::with_capacity(4096);
    match value {
        Value::Object(map) => write_object(
            &mut out,
            map.iter().filter(|(k, _)| !omit.contains(&k.as_str())),
            sort_keys,
        ),
        other => write_value(&mut out, other, sort_keys),
    }
    out
}

fn write_value(out: &mut String, value: &Value, sort_keys: bool) {
    match value {
        Value::Null => out.push_str("null"),
        Value::Bool(true) => out.push_str("true"),
        Value::Bool(false) => out.push_str("false"),
        Value::Number(n) => out.push_str(&crate::py_repr::number_repr(n)),
        Value::String(s) => write_string(out, s),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push_str(", ");
                }
                write_value(out, item, sort_keys);
            }
            out.push(']');
        }
        Value::Object(map) => write_object(out, map.iter(), sort_keys),
    }
}

fn write_object<'a>(
    out: &mut String,
    entries: impl Iterator<Item = (&'a String, &'a Value)>,
    sort_keys: bool,
) {
    out.push('{');
    let mut entries: Vec<(&String, &Value)> = entries.collect();
    if sort_keys {
        // Python compares str by code point, which is UTF-8 byte order.
        entries.sort_unstable_by(|a, b| a.0.cmp(b.0));
    }
    for (i, (key, item)) in entries.into_iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        write_string(out, key);
        out.push_str(": ");
        write_value(out, item, sort_keys);
    }
    out.push('}');
}

/// `json.encoder.py_encode_basestring_ascii`.
fn write_string(out: &mut String, s: &str) {
    out.push('"');
    let mut rest = s;
    loop {
        // Printable ASCII other than `"` and `\` is copied as it is, a run at a time.
        let run = rest
            .bytes()
            .position(|b| !(b' '..=b'~').contains(&b) || b == b'"' || b == b'\\')
            .unwrap_or(rest.len());
        out.push_str(&rest[..run]);
        rest = &rest[run..];
        let Some(c) = rest.chars().next() else {
            break;
        };
        rest = &rest[c.len_utf8()..];
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c => {
                let mut units = [0u16; 2];
                for unit in c.encode_utf16(&mut units) {
                    let _ = write!(out, "\\u{unit:04x}");
                }
            }
        }
    }
    out.push('"');
}

#[cfg(test)]
mod tests {
    use super::dumps;
    use serde_json::json;

    // Each expected string is what CPython 3.11 printed for
    // `json.dumps(<same value>, sort_keys=True)`.
    #[test]
    fn matches_python_json_dumps() {
        let v = json!({"b": [1, 2.5, null, true], "a": {"z": "é\u{1F600}\"\\\n\u{1}", "y": 1e16}, "B": 0.1});
        assert_eq!(
            dumps(&v, true),
            r#"{"B": 0.1, "a": {"y": 1e+16, "z": "\u00e9\ud83d\ude00\"\\\n\u0001"}, "b": [1, 2.5, null, true]}"#
        );
        assert_eq!(
            dumps(&v, false),
            r#"{"b": [1, 2.5, null, true], "a": {"z": "\u00e9\ud83d\ude00\"\\\n\u0001", "y": 1e+16}, "B": 0.1}"#
        );
        assert_eq!(dumps(&json!({}), true), "{}");
        assert_eq!(dumps(&json!([]), true), "[]");
        assert_eq!(dumps(&json!("\u{7f}\u{8}\u{c}"), true), r#""\u007f\b\f""#);
    }
}
