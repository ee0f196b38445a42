//! The entities the commands load, behind one type: which kinds azml
//! supports, how each one is loaded, dumped and turned into its REST body.

use std::path::Path;

use azml::entities::kind::DocumentKind;
use azml::entities::PipelineJob;
use azml::entities::{ParallelComponent, ParallelJob, ParallelTask};
use azml::load::LoadError;
use azml::yaml::Document;
use azml::{RestTranslatable, Value};

/// A loaded document of a supported kind.
pub enum Entity {
    /// A standalone parallel task.
    Task(ParallelTask),
    /// A parallel component.
    Component(Box<ParallelComponent>),
    /// A standalone parallel job.
    Job(Box<ParallelJob>),
    /// A pipeline job; its parallel nodes are checked and translated.
    Pipeline(Box<PipelineJob>),
}

impl Entity {
    /// Loads `doc` as `kind`; `None` when azml does not support the kind yet.
    pub fn load(
        doc: &Document,
        base: &Path,
        kind: &DocumentKind,
    ) -> Option<Result<Self, LoadError>> {
        Some(match kind {
            DocumentKind::ParallelTask => ParallelTask::from_document(doc, base).map(Entity::Task),
            DocumentKind::ParallelComponent => {
                ParallelComponent::from_document(doc, base).map(|c| Entity::Component(Box::new(c)))
            }
            DocumentKind::ParallelJob => {
                ParallelJob::from_document(doc, base).map(|j| Entity::Job(Box::new(j)))
            }
            DocumentKind::Pipeline => {
                PipelineJob::from_document(doc, base).map(|p| Entity::Pipeline(Box::new(p)))
            }
            _ => return None,
        })
    }

    /// What azure-ai-ml's `_validate()` finds in a loaded entity beyond
    /// loading (a component's input names, a git `code`).
    pub fn checks(&self) -> Vec<azml::validate::Issue> {
        match self {
            Entity::Component(component) => component.validate(),
            _ => Vec::new(),
        }
    }

    /// azure-ai-ml's `_to_dict()`.
    pub fn to_dict(&self) -> Value {
        match self {
            Entity::Task(task) => task.to_dict(),
            Entity::Component(component) => component.to_dict(),
            Entity::Job(job) => job.to_dict(),
            Entity::Pipeline(pipeline) => pipeline.to_dict(),
        }
    }

    /// The normalized YAML (azure-ai-ml's `_to_yaml()` where it has one).
    pub fn to_yaml(&self) -> String {
        match self {
            Entity::Task(task) => task.to_yaml(),
            Entity::Component(component) => component.to_yaml(),
            Entity::Job(job) => job.to_yaml(),
            Entity::Pipeline(pipeline) => pipeline.to_yaml(),
        }
    }

    /// The REST request body of `_to_rest_object()`, or why there is none.
    pub fn rest_body(&self) -> Result<Value, String> {
        match self {
            // A task has no REST form of its own in azure-ai-ml (its
            // `_to_rest_object()` is the mixin's no-op): it travels as its
            // dict inside a component spec or a node.
            Entity::Task(_) => Err(
                "a parallel task has no REST body of its own; it travels as its dict inside a component or node"
                    .into(),
            ),
            // azure-ai-ml's `ParallelJob._to_rest_object()` returns None.
            Entity::Job(_) => Err(
                "a standalone parallel job has no REST body in azure-ai-ml; it is submitted as a node of a pipeline job"
                    .into(),
            ),
            // The parallel nodes' REST forms, by name (other node kinds are
            // not translated yet).
            Entity::Pipeline(pipeline) => pipeline
                .parallel_nodes_rest()
                .map(|nodes| serde_json::json!({ "jobs": nodes }))
                .map_err(|e| e.to_string()),
            Entity::Component(component) => component
                .to_rest_object()
                .map_err(|e| e.to_string())
                .and_then(|rest| serde_json::to_value(rest).map_err(|e| e.to_string())),
        }
    }
}
