//! A `type: command` node of a pipeline (azure-ai-ml `Command`): loaded by
//! `CommandSchema` when it names its component (registered, a file, written
//! in place), else read as a command job written in place
//! (`PipelineCommandJobSchema`) that becomes a node once the pipeline is
//! read (`CommandJob._to_node`); its dict, its REST form, and how bindings
//! to its ports see it.

use std::path::Path;

use serde_json::Map;

use azml::validate::Issue;
use azml::{OrderedMap, RestError, Value};

use super::job::load_job;
use crate::command::CommandComponentRef;
use crate::component::{anonymous, ComponentSource, Origin};
use crate::fields::binding::is_binding;
use crate::fields::job_io::{
    fit_ports, node_input, node_output, normalize_node_io, without_binding_types,
};
use crate::fields::json_form::json;
use crate::fields::{io_rest, job_rest, JobLiteral};
use crate::generated::{
    AssetType, Command, CommandComponent, CommandType, JobInput, JobOutput, NodeDataOutput,
    NodeOutput,
};
use crate::pipeline::binding_types::{given_ports, JobView, PipelineScope};
use crate::pipeline::job_ports::{
    component_ports, exact_integer_defaults, wire, InputValue, OutputValue,
};
use crate::pipeline::node_rest::{self, BaseFields};

/// The keys `Command._picked_fields_from_dict_to_rest_object` takes from the dict.
const PICKED: [&str; 5] = [
    "resources",
    "distribution",
    "limits",
    "environment_variables",
    "queue_settings",
];

impl Command {
    /// Loads a command node held as a JSON value (`jobs.<name>` of a
    /// pipeline) that names its component; relative paths resolve against
    /// `base`, the pipeline file's folder. A node written without a
    /// component is read by [`Command::from_pipeline_job`].
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
        if let Some(component) = node.component.take() {
            match component.load(base) {
                Ok(component) => node.component = Some(component),
                Err(more) => issues.extend(more),
            }
        }
        if !issues.is_empty() {
            return Err(issues);
        }
        if let Some(component) = node
            .component
            .as_ref()
            .and_then(CommandComponentRef::component)
        {
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

    /// A command node written without a component, as the pipeline's
    /// schema reads it (`PipelineCommandJobSchema`: a command job whose
    /// outputs may also be text); nothing is built yet.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer relative to the node.
    pub fn check_pipeline_job(value: &Value, base: &Path) -> Result<(), Vec<Issue>> {
        let (job, _) = without_text_outputs(value);
        load_job(&job, base).map(drop)
    }

    /// `CommandJob._to_node`: the node a command job written in a pipeline
    /// becomes, with the anonymous component made of its command, code,
    /// environment, description, tags, resources and distribution, and of
    /// its inputs and outputs typed in `scope` (`_to_component`); the node
    /// keeps its compute, inputs, outputs, environment variables, limits,
    /// services, identity, queue settings and REST-only fields, and takes
    /// resources and distribution from the component.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer relative to the node.
    pub fn from_pipeline_job(
        value: &Value,
        base: &Path,
        scope: &PipelineScope<'_>,
    ) -> Result<Self, Vec<Issue>> {
        let (written, texts) = without_text_outputs(value);
        let job = load_job(&written, base)?;
        let output_names: Vec<&String> = value
            .get("outputs")
            .and_then(Value::as_object)
            .into_iter()
            .flat_map(|m| m.keys())
            .collect();
        let job_output = |name: &String| job.outputs.as_ref().and_then(|m| m.get(name));
        let inputs = job
            .inputs
            .iter()
            .flatten()
            .map(|(name, input)| (name, input_value(input)));
        let outputs = output_names.iter().map(|name| {
            let port = match texts.get(name.as_str()) {
                Some(text) => OutputValue::Text(text),
                None => output_value(job_output(name).and_then(Option::as_ref)),
            };
            (*name, port)
        });
        let (inputs, outputs) = component_ports(inputs, outputs, scope)?;
        let mut spec = Map::new();
        for key in ["command", "code", "environment", "description"] {
            if let Some(v) = value.get(key) {
                spec.insert(key.into(), v.clone());
            }
        }
        if let Some(tags) = value.get("tags").and_then(Value::as_object) {
            let text: Map<String, Value> = tags
                .iter()
                .filter(|(_, v)| !v.is_null())
                .map(|(k, v)| (k.clone(), v.clone()))
                .collect();
            spec.insert("tags".into(), Value::Object(text));
        }
        for key in ["resources", "distribution"] {
            if let Some(v) = value.get(key).filter(|v| truthy(v)) {
                spec.insert(key.into(), v.clone());
            }
        }
        spec.insert("inputs".into(), Value::Object(inputs));
        spec.insert("outputs".into(), Value::Object(outputs));
        spec.insert("type".into(), "command".into());
        let mut component = <CommandComponent as azml::Document>::from_value(
            &anonymous(Value::Object(spec)),
            base,
        )?;
        exact_integer_defaults(
            component.inputs.as_mut(),
            job.inputs
                .iter()
                .flatten()
                .filter_map(|(name, input)| match input {
                    JobInput::JobLiteral(literal) => Some((name, literal)),
                    _ => None,
                }),
        );
        let node_outputs: OrderedMap<Option<NodeOutput>> = output_names
            .iter()
            .map(|name| {
                let output = match texts.get(name.as_str()) {
                    // Other text is a folder at that path (`Output(path=...)`).
                    Some(text) if is_binding(text) => Some(NodeOutput::String(text.clone())),
                    Some(text) => Some(NodeOutput::NodeDataOutput(NodeDataOutput {
                        r#type: Some(AssetType::UriFolder),
                        path: Some(text.clone()),
                        ..NodeDataOutput::default()
                    })),
                    None => node_output(job_output(name).and_then(Option::as_ref)),
                };
                ((*name).clone(), output)
            })
            .collect();
        let mut node = Command {
            environment_variables: job.environment_variables,
            queue_settings: job.queue_settings,
            inputs: job.inputs.map(|inputs| {
                inputs
                    .iter()
                    .map(|(name, input)| (name.clone(), Some(node_input(input))))
                    .collect()
            }),
            outputs: value.get("outputs").map(|_| node_outputs),
            properties: job.properties,
            r#type: Some(CommandType::Command),
            compute: job.compute,
            limits: job.limits,
            services: job.services,
            identity: job.identity,
            display_name: job.display_name,
            description: job.description,
            tags: job.tags,
            ..Command::default()
        };
        node.inherit_from(&component);
        node.component = Some(CommandComponentRef::loaded(
            component,
            ComponentSource::YamlJob,
            Origin::Fields,
        ));
        Ok(node)
    }

    /// The node as a pipeline's `_to_dict()` holds it: its dict, an input
    /// bound to another's data without its type.
    pub fn pipeline_dict(&self) -> Value {
        without_binding_types(azml::DictMixin::to_dict(self))
    }

    /// The node's REST form under the name `name` (`Command._to_rest_object`):
    /// picked from its dict, then its own fields, then `componentId` (an
    /// unregistered component written `{"$component": body}`) and its
    /// distribution, limits, resources, services, identity and queue
    /// settings in their REST models' attribute spelling.
    ///
    /// # Errors
    /// A [`RestError`] naming the field that cannot be translated.
    pub fn node_rest(&self, name: &str) -> Result<Value, RestError> {
        let dict = self.pipeline_dict();
        let fields = BaseFields {
            name,
            r#type: "command",
            display_name: self.display_name.as_deref(),
            tags: self.tags.as_ref().map(json),
            compute: self.compute.as_ref().map(|c| c.name().into()),
            inputs: io_rest::node_inputs(self.inputs.as_ref()),
            outputs: io_rest::node_outputs(self.outputs.as_ref()),
            properties: self.properties.as_ref().map(json),
            source: self.component.as_ref().map_or(
                ComponentSource::RemoteWorkspaceComponent,
                CommandComponentRef::source,
            ),
            extra: &self.additional_properties,
            comment: self.comment.as_deref(),
        };
        let rest = node_rest::base(&dict, &PICKED, fields);
        let form = |r: Result<Option<Value>, RestError>, at: &str| {
            r.map(|v| v.map(job_rest::node_form)).map_err(|e| e.at(at))
        };
        let after = [
            (
                "distribution",
                form(
                    self.distribution
                        .as_ref()
                        .map(job_rest::distribution)
                        .transpose(),
                    "distribution",
                )?,
            ),
            (
                "limits",
                form(
                    self.limits
                        .as_ref()
                        .map(job_rest::command_limits)
                        .transpose(),
                    "limits",
                )?,
            ),
            (
                "resources",
                job_rest::resources(self.resources.as_ref(), false).map(job_rest::node_form),
            ),
            (
                "services",
                form(
                    self.services.as_ref().map(job_rest::services).transpose(),
                    "services",
                )?,
            ),
            (
                "identity",
                form(
                    self.identity.as_ref().map(job_rest::identity).transpose(),
                    "identity",
                )?,
            ),
            (
                "queue_settings",
                form(
                    self.queue_settings
                        .as_ref()
                        .map(job_rest::queue_settings)
                        .transpose(),
                    "queue_settings",
                )?,
            ),
        ];
        let component_id = self
            .component
            .as_ref()
            .map(CommandComponentRef::component_id)
            .transpose()?;
        Ok(node_rest::with_component_id(rest, component_id, after))
    }

    /// The node's ports as a binding to them sees them: its component's,
    /// or those it gives a component it only references.
    pub fn binding_view(&self) -> JobView<'static> {
        match self
            .component
            .as_ref()
            .and_then(CommandComponentRef::component)
        {
            Some(c) => crate::pipeline::binding_types::declared_ports(
                c.inputs.as_ref(),
                c.outputs.as_ref(),
            ),
            None => given_ports(self.inputs.as_ref(), self.outputs.as_ref()),
        }
    }
}

/// The node without its text outputs (which `PipelineCommandJobSchema`
/// takes as `fields.Str()` and a command job does not), and those texts.
fn without_text_outputs(value: &Value) -> (Value, OrderedMap<String>) {
    let mut value = value.clone();
    let mut texts = OrderedMap::new();
    if let Some(outputs) = value.get_mut("outputs").and_then(Value::as_object_mut) {
        outputs.retain(|name, output| match output {
            Value::String(text) => {
                texts.insert(name.clone(), text.clone());
                false
            }
            _ => true,
        });
    }
    (value, texts)
}

/// A command job's input as `_to_input` classes it.
fn input_value(input: &JobInput) -> InputValue<'_> {
    match input {
        JobInput::JobLiteral(JobLiteral::Str(text)) => InputValue::Text(text),
        JobInput::JobLiteral(literal) => InputValue::Literal(literal),
        JobInput::JobDataInput(d) => {
            InputValue::Data(d.r#type.as_ref().map(wire), d.mode.as_ref().map(wire))
        }
        JobInput::JobModelInput(m) => {
            InputValue::Data(Some(wire(&m.r#type)), m.mode.as_ref().map(wire))
        }
        JobInput::JobMltableInput(t) => {
            InputValue::Data(Some(wire(&t.r#type)), t.mode.as_ref().map(wire))
        }
        JobInput::Other(_) => InputValue::Data(None, None),
    }
}

/// A command job's output as `_to_output` classes it.
fn output_value(output: Option<&JobOutput>) -> OutputValue<'_> {
    match output {
        None => OutputValue::Null,
        Some(o) => OutputValue::Data(o.r#type.as_ref().map(wire), o.mode.as_ref().map(wire)),
    }
}

/// Python's truth of a value as written (`self.resources if self.resources else None`).
fn truthy(value: &Value) -> bool {
    match value {
        Value::Null => false,
        Value::Object(m) => !m.is_empty(),
        _ => true,
    }
}
