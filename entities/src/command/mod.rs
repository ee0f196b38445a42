//! Behaviour of the command family (azure-ai-ml's `CommandComponent`, the
//! `Command` node that a command job is, and a pipeline's command nodes)
//! that no spec can express, beside the generated types.

mod component;
mod component_ref;
mod job;
mod node;

pub use component_ref::CommandComponentRef;
