//! Behaviour of the parallel entities that no spec can express, written by
//! hand beside the generated types and attached to them through the specs'
//! `x-azml-type` extension: the marshmallow field semantics of azure-ai-ml
//! 1.35.2 (integers, data bindings, `azureml:` references, local paths).

pub mod arm_id;
pub mod binding;
pub mod code_ref;
pub mod component_hash;
pub mod integer;
pub mod mini_batch_size;
mod sha;
pub mod task_type;
mod upload_hash;
pub mod version;

pub use code_ref::{CodeKind, CodeRef};
pub use integer::{IntOrBinding, LenientInt};
pub use mini_batch_size::MiniBatchSize;
pub use task_type::TaskType;
pub use version::Version;
pub mod environment;

pub use environment::EnvironmentRef;
pub(crate) mod component;
pub mod component_type;
mod entry_points;
pub mod parameter_value;
mod prune;
pub mod python_bool;
mod real_path;
mod registered_body;
mod task;
mod value_type;

pub use component::ComponentSource;
pub use component_type::ComponentType;
pub use parameter_value::ParameterValue;
pub use python_bool::PythonBool;
mod job;
pub mod job_fields;

pub use job_fields::{ComputeRef, DataPath, JobLiteral, ManagedIdentityType};
pub mod flow;
mod node;
pub mod node_fields;

pub use flow::FlowComponent;
pub use node_fields::{NodeComponent, NodeDataPath, NodeMiniBatchSize};
mod pipeline;

pub use pipeline::PipelineJob;
pub mod io_dict;
mod yaml_order;
