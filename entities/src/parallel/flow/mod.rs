//! A prompt flow used as a pipeline's parallel component (azure-ai-ml
//! `FlowComponent`, type `promptflow_parallel`): loaded from a flow
//! definition (`flow.dag.yaml`) or from a flow run (`run.yaml`), with the
//! dict and REST body azure-ai-ml gives it.

mod load;
mod rest;
mod text;

use std::path::PathBuf;

use crate::component::ComponentSource;
use crate::generated::FlowComponentSpec;
use azml::{OrderedMap, Value};

pub use load::is_flow_document;

/// The component type azure-ai-ml gives a prompt flow.
pub const FLOW_COMPONENT_TYPE: &str = "promptflow_parallel";

/// A prompt flow as a component: its dict (the generated
/// [`FlowComponentSpec`]) and what azure-ai-ml keeps beside it.
///
/// The spec's name is the flow file's (or the run's) `name`, else the flow
/// folder's name with `-` as `_`; its version is the file's `version`,
/// else `"1"`. azure-ai-ml never dumps a run's `column_mappings` (the
/// attribute is named `column_mapping`), so neither does this type.
#[derive(Debug, Clone, PartialEq)]
pub struct FlowComponent {
    /// The component as its dict holds it.
    pub spec: FlowComponentSpec,
    /// A run's `column_mappings`; kept, never dumped (as in azure-ai-ml).
    pub column_mappings: OrderedMap<String>,
    /// The flow file's `additional_includes`, as written.
    pub additional_includes: Vec<String>,
    /// The flow folder (the component's code); `None` when read from REST.
    pub flow_dir: Option<PathBuf>,
    /// The flow definition's file name in the folder (`flow_file_name`).
    pub flow_file_name: String,
    /// Where the component came from (`_source`).
    pub source: ComponentSource,
}

impl Default for FlowComponent {
    fn default() -> Self {
        FlowComponent {
            spec: FlowComponentSpec {
                environment: None,
                is_deterministic: true,
                variant: None,
                connections: None,
                environment_variables: None,
                name: String::new(),
                description: None,
                tags: None,
                version: "1".to_owned(),
                display_name: None,
                r#type: FLOW_COMPONENT_TYPE.to_owned(),
            },
            column_mappings: OrderedMap::default(),
            additional_includes: Vec::new(),
            flow_dir: None,
            flow_file_name: String::new(),
            source: ComponentSource::default(),
        }
    }
}

impl FlowComponent {
    /// azure-ai-ml's `_to_dict()` (`FlowComponentSchema`'s dump order, no
    /// empty values).
    pub fn to_dict(&self) -> Value {
        azml::DictMixin::to_dict(&self.spec)
    }

    /// The `client_component_hash` azure-ai-ml sends with the component:
    /// its dict without `version`, hashed.
    pub fn client_component_hash(&self) -> String {
        crate::component::hash::client_component_hash(&self.to_dict())
    }
}
