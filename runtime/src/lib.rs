//! # azml-runtime
//!
//! The thin runtime of azml: what entity types, generated or written by
//! hand, and the derives' output call at run time.
//!
//! * [`DictMixin`] and [`RestTranslatable`], with their derive macros
//!   re-exported under the same names (as serde does), [`DictValue`] and
//!   [`RestField`] for field types;
//! * the dynamic [`Value`], [`OrderedMap`], and the errors ([`DictError`],
//!   [`ValueError`], [`RestError`]);
//! * [`validate`], the validation engine every generated type plugs into,
//!   and [`load`], which turns its issues into located problems;
//! * [`document`]: the entity trait every top-level kind implements, and the
//!   registry of kinds that drives detection and the command line;
//! * the support that generated code calls (`__codegen`, hidden).
//!
//! Users depend on the `azml` crate, which re-exports all of this; generated
//! code and the derives name it `::azml` (see `docs/architecture.md`).
#![warn(missing_docs)]

// Generated code and the derives name this crate `::azml`, inside it as outside.
extern crate self as azml;

pub mod dict;
pub mod document;
mod error;
pub mod load;
pub mod open_enum;
pub mod ordered_map;
pub mod prelude;
pub mod rest;
pub mod validate;

#[doc(hidden)]
pub mod __codegen;
#[doc(hidden)]
pub mod __private;

pub use azml_derive::{DictMixin, RestTranslatable};
pub use dict::{DictMixin, DictValue, ExtraMap, Keys};
pub use document::{Document, Kind, KindSpec};
pub use error::{DictError, RestError, ValueError};
pub use ordered_map::OrderedMap;
pub use rest::{RestField, RestTranslatable};
/// The dynamic value of dict access: a JSON value whose objects keep insertion order.
pub use serde_json::Value;
