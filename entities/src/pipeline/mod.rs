//! A pipeline job with parallel nodes: its parallel nodes are read, checked
//! and translated as azure-ai-ml does; everything else passes through as
//! written (azml does not model the other node kinds yet).

use std::path::Path;

use azml::document::{Document, Kind, KindSpec, Markers};
use azml::validate::{escape_segment, Issue};
use azml::{OrderedMap, RestError, Value};

use crate::generated::ParallelNode;

/// A pipeline job document and its parallel nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineJob {
    /// The document as written.
    pub document: Value,
    /// The `type: parallel` nodes of `jobs`, by name, in document order
    /// (those running a prompt flow included).
    pub parallel_nodes: OrderedMap<ParallelNode>,
    /// The folder of the pipeline's file, against which its dump writes
    /// the paths it holds.
    pub base: std::path::PathBuf,
}

impl Document for PipelineJob {
    const KIND: Kind = Kind::new::<Self>(KindSpec {
        name: "pipeline",
        loader: "load_job",
        markers: Markers {
            types: &["pipeline"],
            any_type_with: &[],
            schemas: &[],
            keys: &[],
            requires_any: &[],
            excludes: &[],
        },
    });

    /// Loads a pipeline held as a JSON value; relative paths resolve
    /// against `base`, the pipeline file's folder.
    ///
    /// # Errors
    /// Every issue of every parallel node, with its JSON pointer.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let Some(map) = value.as_object() else {
            return Err(vec![Issue::new(
                "",
                format!(
                    "expected a pipeline mapping, got {}",
                    azml::validate::describe(value)
                ),
            )]);
        };
        let mut issues = Vec::new();
        let mut parallel_nodes = OrderedMap::default();
        match map.get("jobs") {
            Some(Value::Object(jobs)) => {
                for (name, job) in jobs {
                    let is_parallel = job
                        .get("type")
                        .and_then(Value::as_str)
                        .is_some_and(|t| t.eq_ignore_ascii_case("parallel"));
                    if !is_parallel {
                        continue;
                    }
                    match ParallelNode::from_pipeline_value(job, base, value) {
                        Ok(node) => {
                            parallel_nodes.insert(name.clone(), node);
                        }
                        Err(more) => {
                            let at = format!("/jobs/{}", escape_segment(name));
                            issues.extend(more.into_iter().map(|i| Issue {
                                pointer: format!("{at}{}", i.pointer),
                                ..i
                            }));
                        }
                    }
                }
            }
            Some(other) => issues.push(Issue::new(
                "/jobs",
                format!(
                    "expected a mapping of nodes, got {}",
                    azml::validate::describe(other)
                ),
            )),
            None => {}
        }
        if issues.is_empty() {
            Ok(PipelineJob {
                document: value.clone(),
                parallel_nodes,
                base: base.to_path_buf(),
            })
        } else {
            Err(issues)
        }
    }

    /// The REST forms of the parallel nodes, as `{"jobs": {<node>: …}}`:
    /// what a pipeline job's REST body holds under `jobs` for them.
    fn to_rest(&self) -> Result<Value, RestError> {
        let jobs = self.parallel_nodes_rest()?;
        Ok(serde_json::json!({ "jobs": jobs }))
    }

    /// A pipeline is not read back from REST yet.
    fn from_rest(_: &Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "azml reads a pipeline's parallel nodes back from REST one by one (ParallelNode::from_rest), not a whole pipeline",
        ))
    }
}

impl PipelineJob {
    /// The REST form of each parallel node, by name: what a pipeline job's
    /// REST body holds under `jobs.<name>`.
    ///
    /// # Errors
    /// A [`RestError`] naming the node that could not be translated.
    pub fn parallel_nodes_rest(&self) -> Result<OrderedMap<Value>, RestError> {
        self.parallel_nodes
            .iter()
            .map(|(name, node)| {
                node.to_rest(name)
                    .map(|rest| (name.clone(), rest))
                    .map_err(|e| e.at(name).at("jobs"))
            })
            .collect()
    }
}

mod dict;
