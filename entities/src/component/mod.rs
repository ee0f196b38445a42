//! Behaviour every component kind shares: where a component came from, its
//! `client_component_hash`, and the body that registers it.

pub mod hash;
pub(crate) mod registered_body;
mod source;

pub use source::ComponentSource;
