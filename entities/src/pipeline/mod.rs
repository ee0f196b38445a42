//! A pipeline job with parallel nodes: its parallel nodes are read, checked
//! and translated as azure-ai-ml does; everything else passes through as
//! written (azml does not model the other node kinds yet).

use std::path::Path;

use crate::generated::ParallelNode;
use azml::validate::{escape_segment, Issue};
use azml::{OrderedMap, Value};

/// A pipeline job document and its parallel nodes.
#[derive(Debug, Clone, PartialEq)]
pub struct PipelineJob {
    /// The document as written.
    pub document: Value,
    /// The `type: parallel` nodes of `jobs`, by name, in document order
    /// (those running a prompt flow included).
    pub parallel_nodes: OrderedMap<ParallelNode>,
}

impl PipelineJob {
    /// Loads a pipeline held as a JSON value; relative paths resolve
    /// against `base`, the pipeline file's folder.
    ///
    /// # Errors
    /// Every issue of every parallel node, with its JSON pointer.
    pub fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
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
            })
        } else {
            Err(issues)
        }
    }

    /// The document with each parallel node as azure-ai-ml's `_to_dict()`
    /// gives it (its component resolved, inherited settings filled in);
    /// other keys and nodes as written.
    pub fn to_dict(&self) -> Value {
        let mut dict = self.document.clone();
        if let Some(Value::Object(jobs)) = dict.get_mut("jobs") {
            for (name, node) in &self.parallel_nodes {
                jobs.insert(name.clone(), node.to_dict());
            }
        }
        dict
    }

    /// The YAML of [`PipelineJob::to_dict`], in azure-ai-ml's YAML key order.
    pub fn to_yaml(&self) -> String {
        azml_pyio::pyyaml::dump(
            &crate::dump::yaml_order::ordered_for_yaml(self.to_dict()),
            false,
        )
    }

    /// The REST form of each parallel node, by name: what a pipeline job's
    /// REST body holds under `jobs.<name>`.
    ///
    /// # Errors
    /// A [`azml::RestError`] naming the node that could not be translated.
    pub fn parallel_nodes_rest(&self) -> Result<OrderedMap<Value>, azml::RestError> {
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

crate::parallel::entry_points::yaml_entry_points!(PipelineJob);
