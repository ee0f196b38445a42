//! Behaviour every component kind shares: where a component came from,
//! anonymous components, the checks of `_validate()` every kind makes, its
//! `client_component_hash`, the body that registers it, and how a node
//! names it (`ComponentRef`, a pending component's body).

mod anonymous;
pub(crate) mod checks;
mod component_ref;
pub(crate) mod file;
pub mod hash;
pub mod pending;
pub(crate) mod registered_body;
mod source;

pub use anonymous::{anonymous, ANONYMOUS_COMPONENT_NAME};
pub use component_ref::{ComponentRef, LoadedComponent, NodeComponentKind, Origin};
pub use source::ComponentSource;
