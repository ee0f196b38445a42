//! Loading entities from YAML: parse with positions, validate collecting
//! every problem, then deserialize. Problems name `file:line:col`.

use std::fmt;
use std::path::{Path, PathBuf};

use serde::de::DeserializeOwned;

use crate::validate::{Issue, Validate, Validator};
use azml_pyio::yaml::{Document, YamlError};

/// One problem of a document, with its place.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Problem {
    /// The file, when the document came from one.
    pub file: Option<PathBuf>,
    /// 1-based line, 0 when unknown.
    pub line: usize,
    /// 1-based column, 0 when unknown.
    pub col: usize,
    /// Dotted field path (`task.environment`, `inputs.data.type`); empty for the document.
    pub path: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if let Some(file) = &self.file {
            write!(f, "{}:", file.display())?;
        }
        if self.line > 0 {
            write!(f, "{}:{}:", self.line, self.col)?;
        }
        if !self.path.is_empty() {
            write!(f, " {}:", self.path)?;
        }
        write!(f, " {}", self.message)
    }
}

/// Every problem found while loading a document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LoadError {
    /// The problems, in document order.
    pub problems: Vec<Problem>,
}

impl fmt::Display for LoadError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        for (i, problem) in self.problems.iter().enumerate() {
            if i > 0 {
                writeln!(f)?;
            }
            write!(f, "{problem}")?;
        }
        Ok(())
    }
}

impl std::error::Error for LoadError {}

impl From<YamlError> for LoadError {
    fn from(error: YamlError) -> Self {
        LoadError {
            problems: vec![Problem {
                file: error.path().map(Path::to_path_buf),
                line: error.line().unwrap_or(0),
                col: error.col().unwrap_or(0),
                path: String::new(),
                message: error.message().to_owned(),
            }],
        }
    }
}

/// JSON pointer `/task/environment` as the dotted path `task.environment`.
pub fn dotted(pointer: &str) -> String {
    pointer
        .split('/')
        .skip(1)
        .map(|s| s.replace("~1", "/").replace("~0", "~"))
        .collect::<Vec<_>>()
        .join(".")
}

/// A located problem for `issue` in `doc`.
pub fn problem(doc: &Document, issue: &Issue) -> Problem {
    if let Some(place) = &issue.place {
        return Problem {
            file: Some(place.file.clone()),
            line: place.line,
            col: place.col,
            path: dotted(&issue.pointer),
            message: issue.message.clone(),
        };
    }
    let position = if issue.on_key {
        doc.key_position(&issue.pointer)
    } else {
        doc.position(&issue.pointer)
    }
    .or_else(|| nearest_position(doc, &issue.pointer));
    Problem {
        file: doc.path().map(Path::to_path_buf),
        line: position.map_or(0, |p| p.line),
        col: position.map_or(0, |p| p.col),
        path: dotted(&issue.pointer),
        message: issue.message.clone(),
    }
}

/// The position of the closest ancestor that has one (a missing key points
/// at the mapping that lacks it).
fn nearest_position(doc: &Document, pointer: &str) -> Option<azml_pyio::yaml::Position> {
    let mut current = pointer;
    while let Some(cut) = current.rfind('/') {
        current = &current[..cut];
        if let Some(p) = doc.position(current) {
            return Some(p);
        }
    }
    None
}

/// Validates `value` as a `T` and deserializes it; every issue is returned.
///
/// # Errors
/// Every issue, with its JSON pointer.
pub fn from_value<T: DeserializeOwned + Validate>(
    value: &serde_json::Value,
) -> Result<T, Vec<Issue>> {
    let mut cx = Validator::new();
    T::validate(value, &mut cx);
    let issues = cx.into_issues();
    if !issues.is_empty() {
        return Err(issues);
    }
    T::deserialize(value).map_err(|e| vec![Issue::new("", e.to_string())])
}

/// Validates `doc` as a `T` and deserializes it; every problem is returned.
///
/// # Errors
/// Every problem, with its place in the document.
pub fn from_document<T: DeserializeOwned + Validate>(doc: &Document) -> Result<T, LoadError> {
    from_value(&doc.value).map_err(|issues| located(doc, &issues))
}

/// The issues of a document nested in another (a component file a node
/// names), each placed in `doc`'s file and moved under `at` (the nesting
/// field's pointer in the outer document).
pub fn nested(doc: &Document, issues: &[Issue], at: &str) -> Vec<Issue> {
    issues
        .iter()
        .map(|issue| {
            let p = problem(doc, issue);
            Issue {
                pointer: format!("{at}{}", issue.pointer),
                message: issue.message.clone(),
                on_key: issue.on_key,
                place: Some(Box::new(crate::validate::Place {
                    file: p.file.unwrap_or_default(),
                    line: p.line,
                    col: p.col,
                })),
            }
        })
        .collect()
}

/// The issues of `doc`, located and in document order (issues without a
/// position last, in the order found; those placed in another file at the
/// place of the field that leads there, then in their own file's order).
pub fn located(doc: &Document, issues: &[Issue]) -> LoadError {
    // (unplaced, outer line, outer col, own line, own col)
    type Order = (bool, usize, usize, usize, usize);
    let mut keyed: Vec<(Order, Problem)> = issues
        .iter()
        .map(|issue| {
            let p = problem(doc, issue);
            let outer = if issue.place.is_some() {
                let at = nearest_position(doc, &format!("{}/", issue.pointer));
                (
                    at.map_or(0, |a| a.line),
                    at.map_or(0, |a| a.col),
                    p.line,
                    p.col,
                )
            } else {
                (p.line, p.col, 0, 0)
            };
            ((outer.0 == 0, outer.0, outer.1, outer.2, outer.3), p)
        })
        .collect();
    keyed.sort_by_key(|(key, _)| *key);
    LoadError {
        problems: keyed.into_iter().map(|(_, p)| p).collect(),
    }
}

/// "Unknown field." for every key of the object `value` not in `known`
/// (marshmallow's `RAISE`), each on its key.
pub fn unknown_fields(value: &serde_json::Value, known: &[&str]) -> Vec<Issue> {
    value
        .as_object()
        .into_iter()
        .flatten()
        .filter(|(key, _)| !known.contains(&key.as_str()))
        .map(|(key, _)| {
            Issue::on_key(
                format!("/{}", crate::validate::escape_segment(key)),
                "Unknown field.",
            )
        })
        .collect()
}
