//! # azml-entities
//!
//! The Azure ML entities of azml, with the behaviour of azure-ai-ml 1.35.2:
//! the types generated from `specs/` ([`generated`], re-exported here) and
//! what no declaration can express, written by hand beside them — field
//! types several kinds share in [`fields`], behaviour every component kind
//! shares in [`component`], then one folder per family ([`command`],
//! [`parallel`], [`pipeline`], [`sweep`], [`assets`]).
//!
//! Generated code and the derives name the runtime `::azml`; this crate
//! binds that name to `azml-runtime` (see `docs/architecture.md`).
#![warn(missing_docs)]

extern crate azml_runtime as azml;

pub mod assets;
pub mod command;
pub mod component;
pub mod fields;
pub mod generated;
pub mod parallel;
pub mod pipeline;
mod registry;
pub mod sweep;
mod unknown;

pub use generated::*;
pub use registry::REGISTRY;
pub use unknown::describe_unknown;
