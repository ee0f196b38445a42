//! # azml
//!
//! Azure Machine Learning entities in Rust, with the behaviour of the Python SDK
//! `azure-ai-ml` 1.35.2.
//!
//! This crate is the thin runtime: the [`DictMixin`] and [`RestTranslatable`]
//! traits with their derive macros (re-exported under the same names, as serde
//! does), the dynamic [`Value`] type that dict access uses, error types, and I/O
//! ([`yaml`] with positions, [`load`] with located problems, [`validate`]).
//! The entity types in [`entities`] are generated from the project's specs;
//! their behaviour beyond the specs lives in [`parallel`].
//!
//! ```
//! use azml::entities::ParallelTask;
//!
//! let task = ParallelTask::from_yaml_str(
//!     "type: Run_Function\nentry_script: score.py\nenvironment: azureml:my-env:1\n",
//!     ".",
//! )
//! .unwrap();
//! assert_eq!(task.to_dict()["type"], "run_function");
//! assert_eq!(task.to_dict()["environment"], "azureml:my-env:1");
//!
//! let err = ParallelTask::from_yaml_str("type: script\nenvironment: my-env:1\n", ".").unwrap_err();
//! assert_eq!(err.problems.len(), 2);
//! assert_eq!(err.problems[0].to_string(), "1:7: type: Value 'script' passed is not in set ['run_function', 'model', 'function']");
//! ```
//!
//! ```
//! use azml::{DictMixin, Value};
//!
//! #[derive(DictMixin, Default)]
//! struct RetrySettings {
//!     timeout: Option<i64>,
//!     max_retries: Option<i64>,
//! }
//!
//! let mut retry = RetrySettings::default();
//! retry.update([("timeout", 30), ("max_retries", 3)]).unwrap();
//! assert_eq!(retry.get("timeout"), Some(Value::from(30)));
//! assert_eq!(retry.keys().collect::<Vec<_>>(), ["timeout", "max_retries"]);
//! ```

// Generated code and the derives name this crate `::azml`, inside it as outside.
#![warn(missing_docs)]

extern crate self as azml;

pub mod dict;
pub mod entities;
mod error;
pub mod kind;
pub mod load;
pub mod open_enum;
pub mod ordered_map;
pub mod parallel;
pub mod py_repr;
pub mod python_json;
pub mod pyyaml;
pub mod rest;
pub mod validate;
pub mod yaml;

#[doc(hidden)]
pub mod __codegen;
#[doc(hidden)]
pub mod __private;

pub use azml_derive::{DictMixin, RestTranslatable};
pub use dict::{DictMixin, DictValue, ExtraMap, Keys};
pub use error::{DictError, RestError, ValueError};
pub use ordered_map::OrderedMap;
pub use rest::{RestField, RestTranslatable};
/// The dynamic value of dict access: a JSON value whose objects keep insertion order.
pub use serde_json::Value;
