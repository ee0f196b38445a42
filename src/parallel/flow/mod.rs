//! A prompt flow used as a pipeline's parallel component (azure-ai-ml
//! `FlowComponent`, type `promptflow_parallel`): loaded from a flow
//! definition (`flow.dag.yaml`) or from a flow run (`run.yaml`), with the
//! dict and REST body azure-ai-ml gives it.

mod load;
mod rest;
mod text;

use std::path::PathBuf;

use serde_json::Map;

use super::ComponentSource;
use crate::{OrderedMap, Value};

pub use load::is_flow_document;

/// The component type azure-ai-ml gives a prompt flow.
pub const FLOW_COMPONENT_TYPE: &str = "promptflow_parallel";

/// A prompt flow as a component.
///
/// Its name is the flow file's (or the run's) `name`, else the flow
/// folder's name with `-` as `_`; its version is the file's `version`,
/// else `"1"`. azure-ai-ml never dumps a run's `column_mappings` (the
/// attribute is named `column_mapping`), so neither does this type.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct FlowComponent {
    /// The component name.
    pub name: String,
    /// The component version.
    pub version: String,
    /// `display_name`, if given.
    pub display_name: Option<String>,
    /// `description`, if given.
    pub description: Option<String>,
    /// `tags`, in written order.
    pub tags: OrderedMap<String>,
    /// `azureml.is_deterministic`; true unless given.
    pub is_deterministic: bool,
    /// `azureml.environment` as dumped: an `azureml:` reference, a
    /// registry URI, or an anonymous environment's dict.
    pub environment: Option<Value>,
    /// A run's `variant`.
    pub variant: Option<String>,
    /// A run's `column_mappings`; kept, never dumped (as in azure-ai-ml).
    pub column_mappings: OrderedMap<String>,
    /// A run's `connections`: node name to settings.
    pub connections: OrderedMap<OrderedMap<String>>,
    /// The flow's environment variables, a run's over the flow file's.
    pub environment_variables: OrderedMap<String>,
    /// The flow file's `additional_includes`, as written.
    pub additional_includes: Vec<String>,
    /// The flow folder (the component's code); `None` when read from REST.
    pub flow_dir: Option<PathBuf>,
    /// The flow definition's file name in the folder (`flow_file_name`).
    pub flow_file_name: String,
    /// Where the component came from (`_source`).
    pub source: ComponentSource,
}

impl FlowComponent {
    /// azure-ai-ml's `_to_dict()` (`FlowComponentSchema`'s dump order, no
    /// empty values).
    pub fn to_dict(&self) -> Value {
        let mut dict = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(v) = value {
                dict.insert(key.to_owned(), v);
            }
        };
        put("environment", self.environment.clone());
        put("is_deterministic", Some(Value::Bool(self.is_deterministic)));
        put("variant", self.variant.clone().map(Value::from));
        put("connections", Some(json(&self.connections)));
        put(
            "environment_variables",
            Some(json(&self.environment_variables)),
        );
        put("name", Some(self.name.clone().into()));
        put("description", self.description.clone().map(Value::from));
        put("tags", Some(json(&self.tags)));
        put("version", Some(self.version.clone().into()));
        put("display_name", self.display_name.clone().map(Value::from));
        put("type", Some(FLOW_COMPONENT_TYPE.into()));
        super::prune::prune_empty(Value::Object(dict))
    }

    /// The `client_component_hash` azure-ai-ml sends with the component:
    /// its dict without `version`, hashed.
    pub fn client_component_hash(&self) -> String {
        super::component_hash::client_component_hash(&self.to_dict())
    }
}

fn json<T: serde::Serialize>(value: &T) -> Value {
    serde_json::to_value(value).unwrap_or(Value::Null)
}
