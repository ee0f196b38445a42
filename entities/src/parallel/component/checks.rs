//! `ParallelComponent._validate()`: what azure-ai-ml checks on a loaded
//! component beyond its schema: input and output names, and whether its
//! code can be used (`crate::component::checks`, shared by every kind).

use crate::component::checks::{git_code, io_names};
use crate::generated::ParallelComponent;
use azml::validate::Issue;

/// azure-ai-ml's `_validate()` of a loaded component: the problems its
/// schema cannot see (input and output names, a git `code`). Empty when
/// the component passes. Loading already checked everything else.
pub(super) fn validate(component: &ParallelComponent) -> Vec<Issue> {
    let mut issues = Vec::new();
    io_names(component.inputs.iter().flat_map(|m| m.keys()), &mut issues);
    io_names(component.outputs.iter().flat_map(|m| m.keys()), &mut issues);
    // azure-ai-ml files it under the promoted `code` property; the value is
    // the task's.
    let code = component.task.as_ref().and_then(|t| t.code.as_ref());
    git_code(code, "/task/code", &mut issues);
    issues
}
