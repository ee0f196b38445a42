//! `conda_file` of an environment (`UnionField([fields.Raw(), fields.Str()])`,
//! then the `Environment.conda_file` setter): a path is read as YAML when the
//! environment is made, a mapping is the specification itself; the REST body
//! carries it as YAML text with sorted keys (`_translated_conda_file`).

use std::path::Path;

use serde::{Serialize, Serializer};

use azml::Value;

/// The conda specification an environment holds: as written until
/// [`CondaFile::resolve`] reads the file a path names.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct CondaFile(pub Value);

impl CondaFile {
    /// Reads a value as the union field does: anything but `null`.
    pub fn from_value(value: &Value) -> Result<Self, String> {
        match value {
            Value::Null => Err("Field may not be null.".to_owned()),
            other => Ok(CondaFile(other.clone())),
        }
    }

    /// The `conda_file` setter (`_deserialize(base_path, value, is_conda=True)`):
    /// a mapping or a falsy value is kept, a path is replaced by the content
    /// of its file (resolved against `base`), anything else is Python's
    /// `TypeError` from `Path(value)`.
    pub fn resolve(&mut self, base: &Path) -> Result<(), String> {
        match &self.0 {
            Value::Object(_) => Ok(()),
            value if !azml::__codegen::truthy(value) => Ok(()),
            Value::String(path) => {
                self.0 = read_conda_file(base, path)?;
                Ok(())
            }
            other => Err(format!(
                "expected str, bytes or os.PathLike object, not {}",
                match other {
                    Value::Bool(_) => "bool",
                    Value::Number(n) if n.is_f64() => "float",
                    Value::Number(_) => "int",
                    _ => "list",
                }
            )),
        }
    }

    /// `_translated_conda_file`: the specification as YAML text with sorted
    /// keys, when it is truthy (the REST body's `condaFile`).
    pub fn text(&self) -> Option<String> {
        azml::__codegen::truthy(&self.0).then(|| conda_text(&self.0))
    }
}

/// The YAML text azure-ai-ml makes of a conda specification
/// (`dump_yaml(conda_file, sort_keys=True)`): the REST body's `condaFile`
/// and the input of an anonymous environment's hash.
pub fn conda_text(conda: &Value) -> String {
    azml_pyio::pyyaml::dump(conda, true)
}

/// `load_yaml` of the conda file at `path` (relative to `base`): its content,
/// or Python's message when there is no such file.
pub fn read_conda_file(base: &Path, path: &str) -> Result<Value, String> {
    let file = super::asset_path::python_resolve(base, path);
    if !file.exists() {
        return Err(format!("No such file or directory: {}", file.display()));
    }
    azml_pyio::yaml::parse_path(&file)
        .map(azml_pyio::yaml::Document::into_value)
        .map_err(|e| e.to_string())
}

/// The specification as it is held.
impl Serialize for CondaFile {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        self.0.serialize(serializer)
    }
}

super::value_type::read_with_from_value!(CondaFile, dict = "a conda file path or mapping");

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn mappings_stay_paths_are_read_others_fail_as_in_python() {
        let dir = std::env::temp_dir().join(format!("azml-conda-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("c.yml"), "name: x\ndependencies: [b, a]\n").unwrap();
        let mut read = CondaFile(json!("./c.yml"));
        read.resolve(&dir).unwrap();
        assert_eq!(read.0, json!({"name": "x", "dependencies": ["b", "a"]}));
        assert_eq!(
            read.text().as_deref(),
            Some("dependencies:\n- b\n- a\nname: x\n")
        );
        let mut missing = CondaFile(json!("nope.yml"));
        let message = missing.resolve(&dir).unwrap_err();
        assert!(
            message.starts_with("No such file or directory: /"),
            "{message}"
        );
        assert!(message.ends_with("/nope.yml"), "{message}");
        let mut number = CondaFile(json!(5));
        assert_eq!(
            number.resolve(&dir),
            Err("expected str, bytes or os.PathLike object, not int".into())
        );
        let mut empty = CondaFile(json!(""));
        assert_eq!(empty.resolve(&dir), Ok(()));
        assert_eq!(empty.text(), None);
        assert!(CondaFile::from_value(&Value::Null).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
