//! What azure-ai-ml's `Input` does to a component's inputs when it is built,
//! for every component kind: a parameter's default and bounds converted to
//! its type, a data or model port refusing a default.

use azml::validate::Issue;
use azml::OrderedMap;

use crate::generated::{AssetInput, ComponentInput, ParameterInput};

/// `Component._build_io` of the inputs: each parameter's default and bounds
/// converted to its type, each port checked; problems at `/inputs/<name>`.
pub fn convert_inputs(inputs: Option<&mut OrderedMap<ComponentInput>>, issues: &mut Vec<Issue>) {
    for (name, input) in inputs.into_iter().flatten() {
        let at = format!("/inputs/{}", azml::validate::escape_segment(name));
        match input {
            ComponentInput::ParameterInput(p) => convert_parameter(p, &at, issues),
            ComponentInput::AssetInput(a) => check_port(a, &at, issues),
            ComponentInput::Other(_) => {}
        }
    }
}

/// `Input._update_default` and `_normalize_self_properties` of a parameter.
pub fn convert_parameter(input: &mut ParameterInput, at: &str, issues: &mut Vec<Issue>) {
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
pub fn check_port(input: &AssetInput, at: &str, issues: &mut Vec<Issue>) {
    if input.default.is_some() {
        issues.push(Issue::new(
            format!("{at}/default"),
            "Default value of Input cannot be set: Non-primitive type Input has no default value.",
        ));
    }
}

/// Whether an input is declared `optional: true`.
pub fn is_optional(input: &ComponentInput) -> bool {
    match input {
        ComponentInput::ParameterInput(p) => p.optional.is_some_and(|o| o.0),
        ComponentInput::AssetInput(a) => a.optional.is_some_and(|o| o.0),
        ComponentInput::Other(_) => false,
    }
}

/// Whether an input may be left unset: optional, or with a default
/// (`BaseNode._validate_inputs`, `PipelineJob._validate_input`).
pub fn is_optional_or_defaulted(input: &ComponentInput) -> bool {
    match input {
        ComponentInput::ParameterInput(p) => is_optional(input) || p.default.is_some(),
        ComponentInput::AssetInput(a) => is_optional(input) || a.default.is_some(),
        ComponentInput::Other(_) => true,
    }
}
