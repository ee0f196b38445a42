//! # azml
//!
//! Azure Machine Learning entities in Rust, with the behaviour of the Python SDK
//! `azure-ai-ml` 1.35.2.
//!
//! This is the crate users depend on. It re-exports, as `serde` re-exports
//! `serde_core`:
//!
//! * the thin runtime (`azml-runtime`): the [`DictMixin`] and
//!   [`RestTranslatable`] traits with their derive macros, [`DictValue`],
//!   [`Value`], the errors, [`validate`], [`load`], and the entity trait
//!   [`Document`] with its registry of kinds;
//! * Python's I/O (`azml-pyio`): [`yaml`] (a YAML loader with positions),
//!   [`pyyaml`], [`py_repr`], [`python_json`];
//! * behind the default `entities` feature, the entities (`azml-entities`)
//!   as [`entities`].
//!
//! A crate that only wants the derives turns the default feature off
//! (`azml = { version = "0.1", default-features = false }`) and compiles no
//! entity.
//!
#![cfg_attr(
    feature = "entities",
    doc = r#"
```
use azml::entities::ParallelTask;
use azml::prelude::*;

let task = ParallelTask::from_yaml_str(
    "type: Run_Function\nentry_script: score.py\nenvironment: azureml:my-env:1\n",
    ".",
)
.unwrap();
assert_eq!(task.to_dict()["type"], "run_function");
assert_eq!(task.to_dict()["environment"], "azureml:my-env:1");

let err = ParallelTask::from_yaml_str("type: script\nenvironment: my-env:1\n", ".").unwrap_err();
assert_eq!(err.problems.len(), 2);
assert_eq!(err.problems[0].to_string(), "1:7: type: Value 'script' passed is not in set ['run_function', 'model', 'function']");
```
"#
)]
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
#![warn(missing_docs)]

pub use azml_pyio::{py_repr, python_json, pyyaml, yaml};
pub use azml_runtime::*;

/// The Azure ML entities: generated types and their behaviour (the
/// `azml-entities` crate).
#[cfg(feature = "entities")]
pub use azml_entities as entities;

/// The README's Rust examples, compiled (and the derive-only one run) by
/// `cargo test --doc`, so the README cannot drift from the API.
#[cfg(all(doctest, feature = "entities"))]
#[doc = include_str!("../README.md")]
pub struct ReadmeExamples;
