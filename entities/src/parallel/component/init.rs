//! What `ParallelComponent.__init__` does to the loaded fields: the checks
//! that run after the schema (inputs converted to their types, `resources`
//! against `instance_count`) and the values it fills in (`is_deterministic`
//! true, `mini_batch_size` 0, `instance_count` moved into `resources`).

use crate::generated::{
    AssetInput, ComponentInput, ComponentResources, ParallelComponent, ParameterInput,
};
use std::path::Path;

use crate::fields::{CodeRef, PythonBool};
use crate::parallel::MiniBatchSize;
use azml::validate::Issue;

/// Applies the constructor's checks and filled-in values to a loaded
/// component; returns every problem.
pub fn construct(component: &mut ParallelComponent) -> Vec<Issue> {
    let mut issues = Vec::new();
    if component.instance_count.is_some() && component.resources.is_some() {
        issues.push(Issue::on_key(
            "/instance_count",
            "instance_count and resources are mutually exclusive",
        ));
    }
    for (name, input) in component.inputs.iter_mut().flatten() {
        let at = format!("/inputs/{}", azml::validate::escape_segment(name));
        match input {
            ComponentInput::ParameterInput(p) => convert_parameter(p, &at, &mut issues),
            ComponentInput::AssetInput(a) => check_port(a, &at, &mut issues),
            ComponentInput::Other(_) => {}
        }
    }
    fill_defaults(component);
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

/// The values the constructor sets when the document leaves them out.
pub fn fill_defaults(component: &mut ParallelComponent) {
    component.is_deterministic.get_or_insert(PythonBool(true));
    component.mini_batch_size.get_or_insert(MiniBatchSize(0));
    if let Some(count) = component.instance_count.take() {
        component
            .resources
            .get_or_insert_with(ComponentResources::default)
            .instance_count = Some(count);
    }
}

/// `Input._update_default` and `_normalize_self_properties` of a parameter.
pub(crate) fn convert_parameter(input: &mut ParameterInput, at: &str, issues: &mut Vec<Issue>) {
    let ty = input.r#type;
    if let Some(default) = &input.default {
        match default.to_default_of(ty) {
            Ok(v) => input.default = Some(v),
            Err(message) => issues.push(Issue::new(format!("{at}/default"), message)),
        }
    }
    for (key, bound) in [("min", &mut input.min), ("max", &mut input.max)] {
        if let Some(value) = bound.as_ref() {
            match value.to_bound_of(ty) {
                Ok(v) => *bound = Some(v),
                Err(message) => issues.push(Issue::new(format!("{at}/{key}"), message)),
            }
        }
    }
}

/// A data or model port takes no default.
pub(crate) fn check_port(input: &AssetInput, at: &str, issues: &mut Vec<Issue>) {
    if input.default.is_some() {
        issues.push(Issue::new(
            format!("{at}/default"),
            "Default value of Input cannot be set: Non-primitive type Input has no default value.",
        ));
    }
}
