//! The kinds of document azml models: what `azml validate` and `azml dump`
//! recognise. Adding a kind is one line here (see `docs/architecture.md`).
//!
//! A standalone parallel job (`ParallelJob`) is not listed: azure-ai-ml has
//! no loader that accepts one (`load_job` refuses `type: parallel`, and
//! `load_component` reads the file as a component), so neither does
//! `azml validate`; `azml run` and the API load it explicitly.

use azml::document::{Document, Registry};

use crate::generated::{
    CodeAsset, Command, CommandComponent, DataAsset, EnvironmentAsset, ModelAsset,
    ParallelComponent, ParallelTask, PipelineComponent, PipelineJob, SweepJob,
};

/// Every kind azml models.
pub static REGISTRY: Registry = Registry::new(&[
    PipelineJob::KIND,
    ParallelComponent::KIND,
    CommandComponent::KIND,
    PipelineComponent::KIND,
    Command::KIND,
    SweepJob::KIND,
    ParallelTask::KIND,
    EnvironmentAsset::KIND,
    ModelAsset::KIND,
    DataAsset::KIND,
    CodeAsset::KIND,
]);
