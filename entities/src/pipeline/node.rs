//! A node of a pipeline, of whichever kind its `type` names.

use std::path::Path;

use azml::{RestError, Value};

use crate::generated::ParallelNode;

/// One node of a pipeline's `jobs`.
#[derive(Debug, Clone, PartialEq)]
pub enum Node {
    /// A `type: parallel` node.
    Parallel(Box<ParallelNode>),
    /// A node of a kind azml does not model yet (or not read yet), kept as
    /// written.
    Other(Value),
}

impl Node {
    /// The node as its pipeline's `_to_dict()` holds it; `base` is the
    /// pipeline file's folder.
    pub fn pipeline_dict(&self, base: &Path) -> Value {
        match self {
            Node::Parallel(node) => node.pipeline_dict(base),
            Node::Other(value) => value.clone(),
        }
    }

    /// The node's REST form under the name `name`.
    ///
    /// # Errors
    /// A [`RestError`] when the node cannot be translated.
    pub fn to_rest(&self, name: &str) -> Result<Value, RestError> {
        match self {
            Node::Parallel(node) => node.to_rest(name),
            Node::Other(value) => Ok(value.clone()),
        }
    }
}
