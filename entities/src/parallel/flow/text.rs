//! Small conversions a flow component needs: Python's `str()` of a YAML
//! scalar (environment variables a run takes unchecked from its flow file)
//! and `pathlib`'s `name` of a folder (the default component name).

use std::path::{Component, Path};

use azml::Value;

/// `str(value)` as marshmallow's `fields.Str` dumps a value; `None` for a
/// null (which the dump leaves out).
pub fn python_str(value: &Value) -> Option<String> {
    match value {
        Value::Null => None,
        other => Some(azml_pyio::py_repr::str_of(other)),
    }
}

/// `Path(path).name` as `pathlib` gives it: the last component, `..`
/// included, `.` components ignored; empty for the root.
pub fn pathlib_name(path: &Path) -> String {
    path.components()
        .rfind(|c| !matches!(c, Component::CurDir))
        .map(|c| match c {
            Component::Normal(name) => name.to_string_lossy().into_owned(),
            Component::ParentDir => "..".to_owned(),
            _ => String::new(),
        })
        .unwrap_or_default()
}

/// Whether `name` is a valid component name (`^[a-z][a-z\d_]*$` with
/// Python's `re.match`, where `$` also matches before a final newline).
/// Python's `\d` also takes non-ASCII decimal digits; those are refused
/// here (std has no Unicode category table).
pub fn is_component_name(name: &str) -> bool {
    let name = name.strip_suffix('\n').unwrap_or(name);
    let mut chars = name.chars();
    chars.next().is_some_and(|c| c.is_ascii_lowercase())
        && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pathlib_names() {
        assert_eq!(pathlib_name(Path::new("/a/my-flow")), "my-flow");
        assert_eq!(pathlib_name(Path::new("/a/b/.")), "b");
        assert_eq!(pathlib_name(Path::new("/a/b/..")), "..");
        assert_eq!(pathlib_name(Path::new("/")), "");
    }

    #[test]
    fn python_str_of_scalars() {
        assert_eq!(
            python_str(&serde_json::json!(true)).as_deref(),
            Some("True")
        );
        assert_eq!(python_str(&serde_json::json!(1.5)).as_deref(), Some("1.5"));
        assert_eq!(python_str(&Value::Null), None);
    }

    #[test]
    fn component_names() {
        assert!(is_component_name("web_classification"));
        assert!(is_component_name("a1\n"));
        assert!(!is_component_name("Bad"));
        assert!(!is_component_name(""));
        assert!(!is_component_name("1a"));
        assert!(!is_component_name("a-b"));
    }
}
