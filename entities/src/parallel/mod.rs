//! Behaviour of the parallel family (azure-ai-ml's `ParallelTask`,
//! `ParallelComponent`, `ParallelJob`, `Parallel` nodes and
//! `FlowComponent`) that no spec can express, beside the generated types.

pub mod component_type;
pub mod flow;
pub mod mini_batch_size;
pub mod node_fields;
pub mod task_type;

pub(crate) mod component;
pub(crate) mod entry_points;
mod job;
mod node;
mod task;

pub use component_type::ComponentType;
pub use flow::FlowComponent;
pub use mini_batch_size::MiniBatchSize;
pub use node_fields::{NodeComponent, NodeDataPath, NodeMiniBatchSize};
pub use task_type::TaskType;
