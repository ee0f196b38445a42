//! The kinds of document azml models, in order of precedence: what
//! `azml validate` and `azml dump` recognise. Adding a kind is one line
//! here (see `docs/architecture.md`).

use azml::document::{Document, Registry};

use crate::generated::{ParallelComponent, ParallelJob, ParallelTask};
use crate::pipeline::PipelineJob;

/// Every kind azml models.
pub static REGISTRY: Registry = Registry::new(&[
    PipelineJob::KIND,
    ParallelComponent::KIND,
    ParallelJob::KIND,
    ParallelTask::KIND,
]);
