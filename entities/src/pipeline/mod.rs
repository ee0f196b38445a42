//! A whole pipeline job (`load_job`, `PipelineJob`): its own fields come
//! from the spec (`specs/pipeline.schema.json`); its nodes are read by the
//! kinds their `type` names ([`Jobs`]), once the pipeline is known.

mod default_compute;
mod jobs;
mod node;

pub use default_compute::DefaultCompute;
pub use jobs::Jobs;
pub use node::Node;

use std::path::Path;

use azml::document::{Document, Kind};
use azml::validate::Issue;
use azml::{OrderedMap, RestError, RestTranslatable, Value};

use crate::generated::{ParallelNode, PipelineJob};

impl Document for PipelineJob {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a pipeline held as a JSON value; relative paths resolve
    /// against `base`, the pipeline file's folder.
    ///
    /// # Errors
    /// Every issue of the pipeline and of its nodes, with its JSON pointer.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut job: Self = azml::load::from_value(value)?;
        let issues = match job.jobs.as_mut() {
            Some(jobs) => jobs.resolve(base, value),
            None => Vec::new(),
        };
        if issues.is_empty() {
            Ok(job)
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
    /// The parallel nodes, by name, in document order.
    pub fn parallel_nodes(&self) -> impl Iterator<Item = (&String, &ParallelNode)> {
        self.jobs.iter().flat_map(Jobs::parallel)
    }

    /// The REST form of each parallel node, by name: what a pipeline job's
    /// REST body holds under `jobs.<name>`.
    ///
    /// # Errors
    /// A [`RestError`] naming the node that could not be translated.
    pub fn parallel_nodes_rest(&self) -> Result<OrderedMap<Value>, RestError> {
        self.parallel_nodes()
            .map(|(name, node)| {
                node.to_rest(name)
                    .map(|rest| (name.clone(), rest))
                    .map_err(|e| e.at(name).at("jobs"))
            })
            .collect()
    }

    /// Every node's REST form (nodes of kinds azml does not model yet as
    /// written).
    ///
    /// # Errors
    /// A [`RestError`] naming the node that could not be translated.
    pub fn jobs_rest(&self) -> Result<Value, RestError> {
        match &self.jobs {
            Some(jobs) => jobs.to_rest_object().map_err(|e| e.at("jobs")),
            None => Ok(Value::Object(Default::default())),
        }
    }
}
