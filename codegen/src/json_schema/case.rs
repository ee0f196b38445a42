//! `x-azml-enum-case: lower` in JSON Schema: JSON Schema's `enum` is case-sensitive, so a
//! value matched after lower-casing (`StringTransformedEnum`) becomes the known spellings,
//! for completion, or a pattern that accepts each in any case.

use serde_json::{json, Value};

/// The schema of a lower-cased enum: `values` and the `aliases` read as them, in any case;
/// with `camel`, (`x-azml-enum-case: camel_to_snake`) each `_` may also be left out, so the
/// CamelCase spellings `camel_to_snake` reads match too (`LastAccessedGreaterThan`).
pub(crate) fn lower_enum(values: &[&str], aliases: &[&str], camel: bool) -> Value {
    let spellings: Vec<&str> = values.iter().chain(aliases).copied().collect();
    let alternatives: Vec<String> = spellings
        .iter()
        .map(|s| {
            let pattern = any_case(s);
            if camel {
                pattern.replace('_', "_?")
            } else {
                pattern
            }
        })
        .collect();
    json!({
        "type": "string",
        "anyOf": [
            {"enum": spellings},
            {"pattern": format!("^(?:{})$", alternatives.join("|"))}
        ]
    })
}

/// A pattern matching the strings whose lower-casing (Python's `str.lower`, Rust's
/// `to_lowercase`) is `value`, for a lower-case `value`: each letter as a class of its cases
/// (`k` also as the Kelvin sign, which lower-cases to it), other characters escaped.
pub(crate) fn any_case(value: &str) -> String {
    let mut out = String::new();
    for c in value.chars() {
        let mut upper = c.to_uppercase();
        match (upper.next(), upper.next()) {
            (Some(u), None) if u != c => {
                out.push('[');
                out.push(c);
                out.push(u);
                if c == 'k' {
                    out.push('\u{212A}');
                }
                out.push(']');
            }
            _ => {
                if "^$\\.*+?()[]{}|/".contains(c) {
                    out.push('\\');
                }
                out.push(c);
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letters_take_both_cases_and_the_rest_is_escaped() {
        assert_eq!(any_case("run_fn"), "[rR][uU][nN]_[fF][nN]");
        assert_eq!(any_case("a.b|c"), "[aA]\\.[bB]\\|[cC]");
        assert_eq!(any_case("k8s"), "[kK\u{212A}]8[sS]");
    }

    #[test]
    fn lists_the_spellings_and_anchors_the_alternatives() {
        let schema = lower_enum(&["managed_identity"], &["managed"], false);
        assert_eq!(
            schema["anyOf"][0]["enum"],
            json!(["managed_identity", "managed"])
        );
        let pattern = schema["anyOf"][1]["pattern"].as_str().unwrap_or_default();
        let re = regex_lite::Regex::new(pattern).unwrap();
        for ok in ["managed", "MANAGED", "Managed_Identity"] {
            assert!(re.is_match(ok), "{ok}");
        }
        for bad in ["managed_", " managed", "identity", "managed_identityx"] {
            assert!(!re.is_match(bad), "{bad}");
        }
    }

    #[test]
    fn camel_to_snake_values_also_match_their_camel_case() {
        let schema = lower_enum(&["last_accessed_greater_than"], &[], true);
        let pattern = schema["anyOf"][1]["pattern"].as_str().unwrap_or_default();
        let re = regex_lite::Regex::new(pattern).unwrap();
        for ok in [
            "LastAccessedGreaterThan",
            "last_accessed_greater_than",
            "LAST_ACCESSED_GREATER_THAN",
        ] {
            assert!(re.is_match(ok), "{ok}");
        }
        assert!(!re.is_match("last_accessed"));
    }
}
