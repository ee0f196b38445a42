//! Whole pipelines: the pipeline job (`load_job`, `PipelineJob`), the
//! pipeline component (`load_component`, `PipelineComponent`) and the
//! pipeline node that runs one. Their own fields come from the spec
//! (`specs/pipeline.schema.json`); their nodes are read by the kinds their
//! `type` names ([`Jobs`], [`Node`]) once the pipeline is known, the jobs
//! written in place made nodes with components typed by their bindings
//! ([`binding_types`], [`job_ports`]).

pub mod binding_types;
mod component;
mod default_compute;
mod job;
pub mod job_ports;
mod jobs;
mod node;
pub mod node_rest;
mod pipeline_node;

pub use binding_types::PipelineScope;
pub use default_compute::DefaultCompute;
pub use jobs::Jobs;
pub use node::Node;

/// The pipeline component a pipeline node or job runs: registered or a
/// file (`crate::component::ComponentRef`).
pub type PipelineComponentRef = crate::component::ComponentRef<crate::generated::PipelineComponent>;
