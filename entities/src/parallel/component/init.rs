//! What `ParallelComponent.__init__` does to the loaded fields beyond what
//! the spec declares (its defaults and the `instance_count`/`resources`
//! exclusion are `x-azml-default` and `x-azml-exclusive`): inputs converted
//! to their types, `instance_count` moved into `resources`, the top-level
//! `code` shorthand.

use std::path::Path;

use azml::validate::Issue;

use crate::fields::component_inputs::convert_inputs;
use crate::fields::CodeRef;
use crate::generated::{ComponentResources, ParallelComponent};

/// Applies the constructor's checks and filled-in values to a loaded
/// component; returns every problem.
pub fn construct(component: &mut ParallelComponent) -> Vec<Issue> {
    let mut issues = Vec::new();
    convert_inputs(component.inputs.as_mut(), &mut issues);
    move_instance_count(component);
    issues
}

/// The `code` shorthand replaces the task's code. azure-ai-ml would also
/// create a task holding only the code when there is none; such a task
/// cannot be loaded back (it lacks `type` and `environment`), so here the
/// shorthand only applies to a component that has a task.
pub fn promote_code(component: &mut ParallelComponent, base: &Path) {
    let Some(code) = component.code.take() else {
        return;
    };
    if let (false, Some(task)) = (code.is_empty(), component.task.as_mut()) {
        task.code = Some(CodeRef::assigned(&code, base));
    }
}

/// `self.resources = JobResourceConfiguration(instance_count=...)`: the
/// shorthand moves into `resources`.
fn move_instance_count(component: &mut ParallelComponent) {
    if let Some(count) = component.instance_count.take() {
        component
            .resources
            .get_or_insert_with(ComponentResources::default)
            .instance_count = Some(count);
    }
}
