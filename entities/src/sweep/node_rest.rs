//! A sweep node as its pipeline sends it (`Sweep._to_rest_object`): the
//! fields it picks from its dict (limits in seconds, the search space as
//! written), the base every node has, its early termination policy in the
//! REST model's snake_case form, and its trial: a registered component's
//! id, or the body that registers the trial anonymously, sent in place
//! (`_get_trial_component_rest_obj`), so a sweep node needs nothing
//! registered first.

use azml::{RestError, Value};
use serde_json::Map;

use crate::command::CommandComponentRef;
use crate::component::{ComponentSource, NodeComponentKind};
use crate::fields::json_form::json;
use crate::fields::{io_rest, job_rest};
use crate::generated::Sweep;
use crate::pipeline::binding_types::{declared_ports, given_ports, JobView};
use crate::pipeline::node_rest::{self, BaseFields};

/// `Sweep._picked_fields_from_dict_to_rest_object`.
const PICKED: [&str; 7] = [
    "limits",
    "sampling_algorithm",
    "objective",
    "early_termination",
    "search_space",
    "queue_settings",
    "resources",
];

impl Sweep {
    /// The node's REST form under the name `name`.
    ///
    /// # Errors
    /// A [`RestError`] when a part cannot be translated (a policy of no
    /// known kind, a trial that cannot be registered).
    pub fn node_rest(&self, name: &str) -> Result<Value, RestError> {
        let fields = BaseFields {
            name,
            r#type: "sweep",
            display_name: self.display_name.as_deref(),
            tags: self.tags.as_ref().map(json),
            compute: self.compute.as_ref().map(|c| c.name().into()),
            inputs: io_rest::node_inputs(self.inputs.as_ref()),
            outputs: io_rest::node_outputs(self.outputs.as_ref()),
            properties: self.properties.as_ref().map(json),
            source: self.trial_source(),
            extra: &self.additional_properties,
            comment: self.comment.as_deref(),
        };
        let base = node_rest::base(&self.pipeline_dict(), &PICKED, fields);
        let mut rest = node_rest::with_component_id(base, None, []);
        let Some(map) = rest.as_object_mut() else {
            return Ok(rest);
        };
        if let (Some(slot), Some(policy)) =
            (map.get_mut("early_termination"), &self.early_termination)
        {
            *slot = job_rest::node_form(policy.rest_form().map_err(|e| e.at("early_termination"))?);
        }
        map.insert("trial".into(), self.trial_rest()?);
        Ok(rest)
    }

    /// The `_source` the node carries: its trial's, a registered trial
    /// (a registry's too) being the workspace's.
    fn trial_source(&self) -> ComponentSource {
        match &self.trial {
            CommandComponentRef::Loaded(loaded) => loaded.source,
            _ => ComponentSource::RemoteWorkspaceComponent,
        }
    }

    /// `_get_trial_component_rest_obj`: `{"componentId": id}` for a
    /// registered trial (its id without `azureml:`, so a registry URI
    /// keeps `//registries/...`), else the trial's anonymous registration
    /// body.
    fn trial_rest(&self) -> Result<Value, RestError> {
        match &self.trial {
            CommandComponentRef::Registered(id) => {
                let mut map = Map::new();
                let id = id.strip_prefix("azureml:").unwrap_or(id);
                map.insert("componentId".into(), id.into());
                Ok(Value::Object(map))
            }
            CommandComponentRef::Loaded(loaded) => loaded
                .component
                .anonymous_body(loaded.source)
                .map_err(|e| e.at("trial")),
            _ => Err(RestError::new("the trial was not read").at("trial")),
        }
    }

    /// The node's ports as a binding to them sees them: its trial's, once
    /// read, else those written in the node.
    pub fn binding_view(&self) -> JobView<'static> {
        match self.trial.component() {
            Some(c) => declared_ports(c.inputs.as_ref(), c.outputs.as_ref()),
            None => given_ports(self.inputs.as_ref(), self.outputs.as_ref()),
        }
    }
}
