//! What `CommandComponent.__init__` (with `Component.__init__`) does to the
//! loaded fields beyond what the spec declares (its defaults and the
//! `instance_count`/`resources` exclusion are `x-azml-default` and
//! `x-azml-exclusive`): inputs converted to their types, `instance_count`
//! moved into `resources`; then the files it names are looked up against
//! the component file's folder.

use std::path::Path;

use azml::validate::Issue;

use crate::fields::component_inputs::convert_inputs;
use crate::generated::{CommandComponent, ComponentResources};

/// Applies the constructor's checks and filled-in values to a loaded
/// component and resolves its files against `base`; returns every problem.
pub fn construct(component: &mut CommandComponent, base: &Path) -> Vec<Issue> {
    let mut issues = Vec::new();
    convert_inputs(component.inputs.as_mut(), &mut issues);
    move_instance_count(component);
    if let Some(code) = component.code.as_mut() {
        if let Err(message) = code.resolve(base) {
            issues.push(Issue::new("/code", message));
        }
    }
    if let Err(message) = component.environment.resolve_files(base) {
        issues.push(Issue::new("/environment", message));
    }
    for include in component.additional_includes.iter_mut().flatten() {
        include.resolve(base);
    }
    issues
}

/// The `instance_count` setter: a truthy count becomes
/// `JobResourceConfiguration(instance_count=...)`.
fn move_instance_count(component: &mut CommandComponent) {
    if let Some(count) = component.instance_count.take().filter(|c| c.0 != 0) {
        component
            .resources
            .get_or_insert_with(ComponentResources::default)
            .instance_count = Some(count);
    }
}
