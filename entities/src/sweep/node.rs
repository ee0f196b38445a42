//! A `type: sweep` node of a pipeline (azure-ai-ml `Sweep` loaded by
//! `SweepSchema`): its trial read (registered, from a file, written in
//! place) as a command node's component is, its inputs and outputs fitted
//! to the trial's ports, and what the constructors do to its settings.

use std::path::Path;

use azml::validate::Issue;
use azml::Value;

use crate::command::CommandComponentRef;
use crate::component::file;
use crate::component::{ComponentSource, Origin};
use crate::fields::job_io::{fit_ports, normalize_node_io, without_binding_types};
use crate::generated::{CommandComponent, Sweep};

/// Where the component readers shared with other nodes place their issues.
const COMPONENT: &str = "/component";

/// A component reader's issues, placed at the node's `trial`.
fn at_trial(issues: Vec<Issue>) -> Vec<Issue> {
    issues
        .into_iter()
        .map(|mut issue| {
            if let Some(rest) = issue.pointer.strip_prefix(COMPONENT) {
                issue.pointer = format!("/trial{rest}");
            }
            issue
        })
        .collect()
}

impl Sweep {
    /// Loads a sweep node held as a JSON value (`jobs.<name>` of a
    /// pipeline); relative paths resolve against `base`, the pipeline
    /// file's folder.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer relative to the node; a trial
    /// file's own problems are placed in that file.
    pub fn from_node_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut node: Self = azml::load::from_value(value)?;
        let mut issues = Vec::new();
        let trial = match std::mem::take(&mut node.trial) {
            CommandComponentRef::File(written) => file::open(&written, base)
                .and_then(file::ComponentFile::load::<CommandComponent>)
                .map(|(c, source)| CommandComponentRef::loaded(c, source, Origin::File(written))),
            CommandComponentRef::Inline(value) => {
                file::load_inline::<CommandComponent>(value, base).map(|c| {
                    CommandComponentRef::loaded(c, ComponentSource::YamlJob, Origin::InPlace)
                })
            }
            other => Ok(other),
        };
        match trial {
            Ok(trial) => node.trial = trial,
            Err(more) => issues.extend(at_trial(more)),
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        normalize_node_io(node.inputs.as_mut(), node.outputs.as_mut());
        if let Some(trial) = node.trial.component() {
            fit_ports(&mut node.inputs, trial.inputs.iter().flat_map(|m| m.keys()));
            fit_ports(
                &mut node.outputs,
                trial.outputs.iter().flat_map(|m| m.keys()),
            );
        }
        node.limits.construct();
        if let Some(policy) = node.early_termination.as_mut() {
            policy.construct();
            policy.unset_zero_slack();
        }
        Ok(node)
    }

    /// The node as a pipeline's `_to_dict()` holds it: its dict, an input
    /// bound to another's data without its type.
    pub fn pipeline_dict(&self) -> Value {
        without_binding_types(azml::DictMixin::to_dict(self))
    }
}
