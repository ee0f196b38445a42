//! An entry of a component's `additional_includes`: a file or folder copied
//! next to its code when it is registered. Kept as written; whether it
//! exists (relative to the component file's folder) is what `_validate()`
//! reports (`AdditionalIncludesMixin._validate_local_additional_include_config`).

use std::path::Path;

use serde::{Serialize, Serializer};

use azml::Value;

/// An additional include, as written, with whether it was found.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Default)]
pub struct IncludePath {
    value: String,
    /// `Some(false)` when looked for against the component's folder and not
    /// found; `None` until looked for.
    found: Option<bool>,
}

impl IncludePath {
    /// Reads an entry as written.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::String(s) => Ok(IncludePath {
                value: s.clone(),
                found: None,
            }),
            other => Err(format!(
                "Not a valid string: {}",
                azml::validate::describe(other)
            )),
        }
    }

    /// Looks the entry up against `base`, the component file's folder: it
    /// exists, or it names a `.zip` whose folder (without the suffix) exists
    /// (`_is_folder_to_compress`).
    pub fn resolve(&mut self, base: &Path) {
        let path = base.join(&self.value);
        let zipped_folder =
            path.extension().is_some_and(|e| e == "zip") && path.with_extension("").is_dir();
        self.found = Some(path.exists() || zipped_folder);
    }

    /// The entry as written.
    pub fn value(&self) -> &str {
        &self.value
    }

    /// Whether it was looked for and not found.
    pub fn is_missing(&self) -> bool {
        self.found == Some(false)
    }
}

impl Serialize for IncludePath {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.value)
    }
}

super::value_type::read_with_from_value!(IncludePath, dict = "file or folder path");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn found_missing_and_zipped_folders() {
        let base = std::env::temp_dir().join(format!("azml-include-{}", std::process::id()));
        std::fs::create_dir_all(base.join("shared")).unwrap();
        let entry = |s: &str| {
            let mut p = IncludePath::from_value(&Value::String(s.into())).unwrap();
            p.resolve(&base);
            p
        };
        assert!(!entry("./shared").is_missing());
        assert!(!entry("shared.zip").is_missing());
        assert!(entry("./nothing.txt").is_missing());
        assert_eq!(entry("./nothing.txt").value(), "./nothing.txt");
        std::fs::remove_dir_all(&base).unwrap();
    }
}
