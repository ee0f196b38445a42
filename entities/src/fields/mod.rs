//! Field types that several kinds share, with the marshmallow field
//! semantics of azure-ai-ml 1.35.2 that no spec can express (lenient
//! integers, data bindings, `azureml:` references, local paths, inline
//! environments, conda files, asset paths, dump-only keys). Specs attach them to generated types with `x-azml-type`.

pub mod arm_id;
pub mod asset_path;
pub mod binding;
pub mod code_ref;
pub mod component_inputs;
pub mod conda;
pub mod content_hash;
pub mod docker_args;
pub mod dump_only;
pub mod duration;
pub mod environment;
pub mod include_path;
pub mod integer;
pub mod io_dict;
pub mod io_rest;
pub mod job_fields;
pub mod job_from_rest;
pub mod job_io;
pub mod job_rest;
pub mod json_form;
pub mod node_path;
pub mod parameter_value;
pub mod port_slot;
pub mod python_bool;
pub mod python_float;
pub(crate) mod real_path;
pub(crate) mod sha;
mod upload_hash;
mod value_type;
pub mod version;

pub use asset_path::AssetPath;
pub use code_ref::{CodeKind, CodeRef};
pub use conda::CondaFile;
pub use docker_args::DockerArgs;
pub use dump_only::{DumpOnly, DumpOnlyDict};
pub use environment::EnvironmentRef;
pub use include_path::IncludePath;
pub use integer::{IntOrBinding, LenientInt};
pub use job_fields::{ComputeRef, DataPath, JobLiteral};
pub use node_path::NodeDataPath;
pub use parameter_value::ParameterValue;
pub use python_bool::PythonBool;
pub use python_float::PythonFloat;
pub use version::Version;

pub(crate) use value_type::read_with_from_value;
