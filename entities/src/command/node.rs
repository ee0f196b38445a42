//! A `type: command` node of a pipeline (azure-ai-ml `Command` loaded by
//! `CommandSchema`): its component read (registered, from a file, written
//! in place), the settings it takes from it, and its inputs and outputs as
//! the node holds them (fitted to a read component's ports).

use std::path::Path;

use azml::validate::Issue;
use azml::Value;

use crate::command::CommandComponentRef;
use crate::component::file;
use crate::component::ComponentSource;
use crate::fields::job_io::{fit_ports, normalize_node_io, without_binding_types};
use crate::generated::{Command, CommandComponent};

impl Command {
    /// Loads a command node held as a JSON value (`jobs.<name>` of a
    /// pipeline); relative paths resolve against `base`, the pipeline
    /// file's folder. A node written without a component is not built here
    /// (`command_func` makes one of its own fields): its `component` stays
    /// `None`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer relative to the node; a component
    /// file's own problems are placed in that file.
    pub fn from_node_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        let mut node: Self = azml::load::from_value(value)?;
        let mut issues = Vec::new();
        if let Some(code) = node.code.as_mut() {
            if let Err(message) = code.resolve(base) {
                issues.push(Issue::new("/code", message));
            }
        }
        if let Some(environment) = node.environment.as_mut() {
            if let Err(message) = environment.resolve_files(base) {
                issues.push(Issue::new("/environment", message));
            }
        }
        normalize_node_io(node.inputs.as_mut(), node.outputs.as_mut());
        let component = match node.component.take() {
            Some(CommandComponentRef::File(written)) => file::open(&written, base)
                .and_then(file::ComponentFile::load::<CommandComponent>)
                .map(|(c, source)| Some(CommandComponentRef::Loaded(Box::new(c), source))),
            Some(CommandComponentRef::Inline(value)) => {
                file::load_inline::<CommandComponent>(value, base).map(|c| {
                    Some(CommandComponentRef::Loaded(
                        Box::new(c),
                        ComponentSource::YamlJob,
                    ))
                })
            }
            other => Ok(other),
        };
        match component {
            Ok(component) => node.component = component,
            Err(more) => issues.extend(more),
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        if let Some(CommandComponentRef::Loaded(component, _)) = &node.component {
            let component = component.clone();
            fit_ports(
                &mut node.inputs,
                component.inputs.iter().flat_map(|m| m.keys()),
            );
            fit_ports(
                &mut node.outputs,
                component.outputs.iter().flat_map(|m| m.keys()),
            );
            node.inherit_from(&component);
        }
        Ok(node)
    }

    /// The node as a pipeline's `_to_dict()` holds it: its dict, an input
    /// bound to another's data without its type.
    pub fn pipeline_dict(&self) -> Value {
        without_binding_types(azml::DictMixin::to_dict(self))
    }
}
