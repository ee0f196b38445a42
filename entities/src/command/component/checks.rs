//! `CommandComponent._validate()`: what azure-ai-ml checks on a loaded
//! component beyond its schema — input and output names and a git `code`
//! (every component kind's), the command's data bindings
//! (`_validate_command`) and the additional includes
//! (`AdditionalIncludesMixin`).

use crate::component::checks::{git_code, io_names};
use crate::fields::binding::binding_expressions;
use crate::fields::io_dict::{INPUT_KEYS, OUTPUT_KEYS};
use crate::generated::CommandComponent;
use azml::validate::Issue;

/// Attributes of a Python `dict` (`hasattr(component.inputs, "keys")`).
const DICT_ATTRIBUTES: [&str; 11] = [
    "clear",
    "copy",
    "fromkeys",
    "get",
    "items",
    "keys",
    "pop",
    "popitem",
    "setdefault",
    "update",
    "values",
];

/// Public attributes of a `CommandComponent` a one-part binding may name.
const COMPONENT_ATTRIBUTES: [&str; 21] = [
    "additional_includes",
    "base_path",
    "code",
    "command",
    "creation_context",
    "description",
    "display_name",
    "distribution",
    "environment",
    "environment_variables",
    "id",
    "inputs",
    "instance_count",
    "is_deterministic",
    "name",
    "outputs",
    "properties",
    "resources",
    "tags",
    "type",
    "version",
];

/// azure-ai-ml's `_validate()` of a loaded component: the problems its
/// schema cannot see. Empty when the component passes.
pub(super) fn validate(component: &CommandComponent) -> Vec<Issue> {
    let mut issues = Vec::new();
    io_names(component.inputs.iter().flat_map(|m| m.keys()), &mut issues);
    io_names(component.outputs.iter().flat_map(|m| m.keys()), &mut issues);
    git_code(component.code.as_ref(), "/code", &mut issues);
    let invalid: Vec<&str> = binding_expressions(&component.command)
        .into_iter()
        .filter(|e| !resolves(component, e))
        .collect();
    if !invalid.is_empty() {
        issues.push(Issue::new(
            "/command",
            format!("Invalid data binding expression: {}", invalid.join(", ")),
        ));
    }
    for include in component.additional_includes.iter().flatten() {
        if include.is_missing() {
            issues.push(Issue::new(
                "/additional_includes",
                format!("Unable to find additional include {}", include.value()),
            ));
        }
    }
    issues
}

/// `_is_valid_data_binding_expression`: the dotted expression resolves on
/// the component, part by part, as an attribute or a key.
fn resolves(component: &CommandComponent, expression: &str) -> bool {
    let parts: Vec<&str> = expression.split('.').collect();
    let port = |names: Option<Vec<&String>>, attributes: &[&str]| match &parts[1..] {
        [] => true,
        [name] if DICT_ATTRIBUTES.contains(name) => true,
        [name, rest @ ..] => {
            names.is_some_and(|n| n.iter().any(|k| k == name))
                && match rest {
                    [] => true,
                    [attribute] => attributes.contains(attribute),
                    _ => false,
                }
        }
    };
    match parts[0] {
        "inputs" => port(
            component.inputs.as_ref().map(|m| m.keys().collect()),
            &INPUT_KEYS,
        ),
        "outputs" => port(
            component.outputs.as_ref().map(|m| m.keys().collect()),
            &OUTPUT_KEYS,
        ),
        first => parts.len() == 1 && COMPONENT_ATTRIBUTES.contains(&first),
    }
}
