//! Behaviour every component kind shares: where a component came from,
//! anonymous components, the checks of `_validate()` every kind makes, its
//! `client_component_hash`, and the body that registers it.

mod anonymous;
pub(crate) mod checks;
pub(crate) mod file;
pub mod hash;
pub(crate) mod registered_body;
mod source;

pub use anonymous::{anonymous, ANONYMOUS_COMPONENT_NAME};
pub use source::ComponentSource;
