//! # azml-pyio
//!
//! Python's side of the text azml reads and writes, byte for byte: what
//! azure-ai-ml sees when it reads a YAML file and what it writes out.
//!
//! * [`yaml`]: a safe YAML loader that reads as PyYAML's `safe_load` does,
//!   with the source position of every node (`file:line:col` for every
//!   problem) and bounds on depth, size and aliases.
//! * [`pyyaml`]: PyYAML's `yaml.dump` text.
//! * [`py_repr`]: Python's `repr()` and `str()` of values.
//! * [`python_json`]: Python's `json.dumps` text.
//! * [`case`]: azure-ai-ml's `camel_to_snake` of names.
//!
//! It depends on no other azml crate: the runtime, the entities and the
//! generator (which reads YAML specs with the same loader) all build on it.
#![warn(missing_docs)]

pub mod case;
pub mod py_repr;
pub mod python_json;
pub mod pyyaml;
pub mod yaml;
