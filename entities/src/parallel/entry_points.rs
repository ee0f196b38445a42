//! The loading entry points every document entity shares, written once:
//! `from_yaml_str`, `from_yaml_path` and `from_document`, over the entity's
//! own `from_value(&Value, base) -> Result<Self, Vec<Issue>>`.

/// Implements the YAML entry points of an entity type.
macro_rules! yaml_entry_points {
    ($ty:ty) => {
        impl $ty {
            /// Loads a document; relative paths resolve against `base`
            /// (the folder of the file it came from).
            ///
            /// # Errors
            /// Every problem, each with its line, column and field path.
            pub fn from_yaml_str(
                text: &str,
                base: impl AsRef<std::path::Path>,
            ) -> Result<Self, azml::load::LoadError> {
                let doc = azml_pyio::yaml::parse_str(text)?;
                Self::from_document(&doc, base.as_ref())
            }

            /// Loads a file; relative paths resolve against its folder.
            ///
            /// # Errors
            /// Every problem, each with `file:line:col` and field path.
            pub fn from_yaml_path(
                path: impl AsRef<std::path::Path>,
            ) -> Result<Self, azml::load::LoadError> {
                let path = path.as_ref();
                let doc = azml_pyio::yaml::parse_path(path)?;
                let base = path.parent().unwrap_or_else(|| std::path::Path::new("."));
                Self::from_document(&doc, base)
            }

            /// Loads an already parsed document.
            ///
            /// # Errors
            /// Every problem, each with its place.
            pub fn from_document(
                doc: &azml_pyio::yaml::Document,
                base: &std::path::Path,
            ) -> Result<Self, azml::load::LoadError> {
                Self::from_value(&doc.value, base)
                    .map_err(|issues| azml::load::located(doc, &issues))
            }
        }
    };
}

pub(crate) use yaml_entry_points;
