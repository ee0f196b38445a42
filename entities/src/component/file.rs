//! A node's component named by a file (`ComponentFileRefField` for a path,
//! `YamlFileSchema.load_from_file` for `file:<path>`), for every kind of
//! node: found relative to the pipeline's folder, read as YAML, loaded as
//! the anonymous component it becomes, its problems reported where
//! azure-ai-ml reports them.

use std::path::{Path, PathBuf};

use azml::document::Document;
use azml::validate::Issue;
use azml_pyio::yaml;

use super::{anonymous, ComponentSource};

/// A component file a node names, read but not loaded yet.
pub(crate) struct ComponentFile {
    /// The file's YAML.
    pub doc: yaml::Document,
    /// The file.
    pub path: PathBuf,
    /// Its folder, against which its own paths resolve.
    pub folder: PathBuf,
    /// `YAML.JOB` for `file:<path>`, `YAML.COMPONENT` for a path.
    pub source: ComponentSource,
    /// The path as written, without `file:`.
    relative: String,
}

/// Finds and reads the file `written` names, relative to `base`.
///
/// # Errors
/// Python's message at `/component` when there is no such file, or the
/// YAML error.
pub(crate) fn open(written: &str, base: &Path) -> Result<ComponentFile, Vec<Issue>> {
    let (relative, source) = match written.strip_prefix("file:") {
        Some(path) => (path, ComponentSource::YamlJob),
        None => (written, ComponentSource::YamlComponent),
    };
    let path = base.join(relative);
    if !path.is_file() {
        return Err(vec![Issue::new(
            "/component",
            format!(
                "expected a component file or a registered component (azureml:<name>:<version>), but can't find {written} based on {}",
                // Python prints `Path("p.yml").parent`, which is `.`.
                if base.as_os_str().is_empty() { Path::new(".") } else { base }.display()
            ),
        )]);
    }
    let folder = path.parent().unwrap_or(base).to_path_buf();
    let doc = yaml::parse_path(&path).map_err(|e| vec![Issue::new("/component", e.to_string())])?;
    Ok(ComponentFile {
        doc,
        path,
        folder,
        source,
        relative: relative.to_owned(),
    })
}

impl ComponentFile {
    /// Loads the file as the anonymous component of kind `T` it becomes
    /// (its own name and version give way to the anonymous ones).
    ///
    /// # Errors
    /// The component's own problems under the node's `component`, in their
    /// file. After a failed `file:` load azure-ai-ml's base path stays
    /// pushed and the union re-reads the reference from the component's
    /// folder: only when that names a file are the fields reported, else
    /// one error at the node's `component`
    /// (`YamlFileSchema.reset_base_path_post_load` never runs).
    pub(crate) fn load<T: Document>(mut self) -> Result<(T, ComponentSource), Vec<Issue>> {
        self.doc.value = anonymous(std::mem::take(&mut self.doc.value));
        match T::from_value(&self.doc.value, &self.folder) {
            Ok(component) => Ok((component, self.source)),
            Err(issues)
                if self.source == ComponentSource::YamlComponent
                    || self.folder.join(&self.relative).is_file() =>
            {
                Err(azml::load::nested(&self.doc, &issues, "/component"))
            }
            Err(issues) => Err(vec![Issue::new(
                "/component",
                azml::load::located(&self.doc, &issues).to_string(),
            )]),
        }
    }
}

/// Loads a component written in place in a node as the anonymous
/// component of kind `T` it becomes (`YAML.JOB`); its problems under the
/// node's `component`.
///
/// # Errors
/// The component's problems, each at `/component/...`.
pub(crate) fn load_inline<T: Document>(value: azml::Value, base: &Path) -> Result<T, Vec<Issue>> {
    T::from_value(&anonymous(value), base).map_err(|issues| {
        issues
            .into_iter()
            .map(|i| Issue {
                pointer: format!("/component{}", i.pointer),
                ..i
            })
            .collect()
    })
}
