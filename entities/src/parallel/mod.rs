//! Behaviour of the parallel family (azure-ai-ml's `ParallelTask`,
//! `ParallelComponent`, `ParallelJob`, `Parallel` nodes and
//! `FlowComponent`) that no spec can express, beside the generated types.

pub mod flow;
pub mod mini_batch_size;
pub mod node_fields;

mod component;
mod job;
mod node;
mod task;

pub use flow::FlowComponent;
pub use mini_batch_size::MiniBatchSize;
pub use node_fields::{NodeComponent, NodeMiniBatchSize};
