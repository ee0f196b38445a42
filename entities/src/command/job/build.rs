//! `command_func.command(...)` for a loaded command job: the component made
//! of the job's own fields (named after the job, else anonymous), and the
//! node that runs it with the job's settings.

use azml::OrderedMap;

use crate::command::CommandComponentRef;
use crate::component::{ComponentSource, Origin, ANONYMOUS_COMPONENT_NAME};
use crate::fields::job_io::{component_input, component_output, node_input, node_output};
use crate::fields::{PythonBool, Version};
use crate::generated::{
    Command, CommandComponent, CommandComponentOutput, CommandJob, CommandType,
};

/// The node a command job is, with the component made of it.
pub(super) fn command(job: CommandJob) -> Command {
    let inputs = job.inputs.as_ref();
    let outputs = job.outputs.as_ref();
    let component_inputs: OrderedMap<_> = inputs
        .into_iter()
        .flatten()
        .filter_map(|(name, input)| Some((name.clone(), component_input(input)?)))
        .collect();
    let component_outputs: OrderedMap<_> = outputs
        .into_iter()
        .flatten()
        .map(|(name, output)| {
            let port = CommandComponentOutput::ComponentOutput(component_output(output.as_ref()));
            (name.clone(), port)
        })
        .collect();
    // `Component.__init__`: no name and no version make it anonymous.
    let (name, version) = match &job.name {
        Some(name) if !name.is_empty() => (name.clone(), None),
        _ => (
            ANONYMOUS_COMPONENT_NAME.to_owned(),
            Some(Version("1".to_owned())),
        ),
    };
    let component = CommandComponent {
        command: job.command.clone(),
        code: job.code.clone(),
        environment: job.environment.clone(),
        environment_variables: job.environment_variables.clone(),
        resources: None,
        distribution: job
            .distribution
            .as_ref()
            .and_then(|d| serde_json::to_value(d).ok())
            .and_then(|v| serde_json::from_value(v).ok()),
        name,
        description: job.description.clone(),
        // The component's tags are text only: a null tag is left out.
        tags: job.tags.as_ref().map(|tags| {
            tags.iter()
                .filter_map(|(k, v)| Some((k.clone(), v.clone()?)))
                .collect()
        }),
        version,
        schema: None,
        display_name: job.display_name.clone(),
        is_deterministic: Some(PythonBool(true)),
        inputs: (!component_inputs.is_empty()).then_some(component_inputs),
        outputs: (!component_outputs.is_empty()).then_some(component_outputs),
        r#type: Some(CommandType::Command),
        properties: None,
        additional_includes: None,
        instance_count: None,
        creation_context: None,
        latest_version: None,
        additional_properties: serde_json::Map::new(),
    };
    Command {
        // The component holds them (`Command.command` and `.code` are its).
        command: None,
        code: None,
        environment: Some(job.environment),
        environment_variables: job.environment_variables,
        resources: job.resources,
        distribution: job.distribution,
        queue_settings: job.queue_settings,
        inputs: job.inputs.map(|inputs| {
            inputs
                .iter()
                .map(|(name, input)| (name.clone(), Some(node_input(input))))
                .collect()
        }),
        outputs: job.outputs.map(|outputs| {
            outputs
                .iter()
                .map(|(name, output)| (name.clone(), node_output(output.as_ref())))
                .collect()
        }),
        properties: job.properties,
        comment: None,
        component: Some(CommandComponentRef::loaded(
            component,
            ComponentSource::Builder,
            Origin::Fields,
        )),
        r#type: Some(CommandType::Command),
        compute: job.compute,
        limits: job.limits,
        services: job.services,
        identity: job.identity,
        name: job.name,
        display_name: job.display_name,
        description: job.description,
        tags: job.tags,
        experiment_name: job.experiment_name,
        parent_job_name: job.parent_job_name,
        additional_properties: serde_json::Map::new(),
    }
}
