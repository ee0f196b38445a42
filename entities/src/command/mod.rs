//! Behaviour of the command family (azure-ai-ml's `CommandComponent` and
//! the `Command` node that a command job is) that no spec can express,
//! beside the generated types.

mod component;
mod component_ref;
mod job;

pub use component_ref::CommandComponentRef;
