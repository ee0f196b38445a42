//! Behaviour of the command family (azure-ai-ml's `CommandComponent`, the
//! `Command` node that a command job is, and a pipeline's command nodes)
//! that no spec can express, beside the generated types.

mod component;
mod job;
mod node;

/// The `component` of a command node: registered, a file, written in place,
/// or read (`crate::component::ComponentRef`).
pub type CommandComponentRef = crate::component::ComponentRef<crate::generated::CommandComponent>;
