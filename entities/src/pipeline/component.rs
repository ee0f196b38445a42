//! `PipelineComponent` as a document (`load_component` of a `type: pipeline`
//! file) and as what a pipeline node or job runs: loaded as
//! `PipelineComponentSchema` and `PipelineComponent.__init__` read it (its
//! nodes by their kinds, [`super::Jobs`]), its `_validate()`, and its own
//! registration body (`PipelineComponent._to_rest_object`: the dict with
//! `_source`, the nodes' REST forms and `sourceJobId`, no
//! `client_component_hash`, no `isArchived`).

use std::path::Path;

use serde_json::Map;

use azml::document::{Document, Kind};
use azml::validate::{Issue, Validator};
use azml::{DictMixin, RestError, Value};

use super::Jobs;
use crate::component::{ComponentSource, NodeComponentKind};
use crate::fields::component_inputs::convert_inputs;
use crate::generated::PipelineComponent;

impl Document for PipelineComponent {
    const KIND: Kind = Kind::new::<Self>(Self::KIND_SPEC);

    /// Loads a pipeline component held as a JSON value; its nodes' files
    /// resolve against `base`.
    ///
    /// # Errors
    /// Every issue, with its JSON pointer: the schema's, then its inputs'
    /// (`Component._build_io`), then its nodes'.
    fn from_value(value: &Value, base: &Path) -> Result<Self, Vec<Issue>> {
        if value.get("type").is_none_or(Value::is_null) {
            // `load_component` reads a file without `type` as a command component.
            return Err(
                match <crate::generated::CommandComponent as Document>::from_value(value, base) {
                    Err(issues) => issues,
                    Ok(_) => vec![Issue::new(
                        "/type",
                        "load_component reads a component without type as a command component",
                    )],
                },
            );
        }
        let mut component: Self = azml::load::from_value(value).map_err(|mut issues| {
            if let Some(jobs) = value.get("jobs") {
                issues.extend(Jobs::schema_issues(jobs, base));
            }
            issues
        })?;
        let mut issues = Vec::new();
        convert_inputs(component.inputs.as_mut(), &mut issues);
        if let Some(jobs) = component.jobs.as_mut() {
            issues.extend(jobs.resolve(base, value));
        }
        if issues.is_empty() {
            Ok(component)
        } else {
            Err(issues)
        }
    }

    /// The request body of `load_component(...)._to_rest_object()`, or why
    /// there is none offline (a node's component would be registered first).
    fn to_rest(&self) -> Result<Value, RestError> {
        if let Some(jobs) = &self.jobs {
            jobs.refuse_pending()?;
        }
        self.rest_with_pending_components()
    }

    /// A pipeline component is not read back from its REST body yet.
    fn from_rest(_: &Value) -> Result<Self, RestError> {
        Err(RestError::new(
            "azml does not read a pipeline component back from its REST body yet",
        ))
    }

    /// `_validate()`: what its nodes' own `_validate()` finds, and
    /// optional inputs bound to inputs a node requires.
    fn validate(&self) -> Vec<Issue> {
        self.validate_structure()
    }
}

impl PipelineComponent {
    /// The registration body (`_to_rest_object()`), each node's component
    /// that is not registered yet written `{"$component": <its body>}`.
    ///
    /// # Errors
    /// A [`RestError`] naming the node that could not be translated.
    pub fn rest_with_pending_components(&self) -> Result<Value, RestError> {
        self.body(ComponentSource::YamlComponent, false)
    }

    /// `PipelineComponent._customized_validate`: each node's `_validate()`
    /// at `jobs.<name>`, and `_validate_binding_inputs`.
    pub fn validate_structure(&self) -> Vec<Issue> {
        let Some(jobs) = &self.jobs else {
            return Vec::new();
        };
        let mut issues = jobs.validate_nodes();
        let optional = |name: &str| {
            self.inputs
                .as_ref()
                .and_then(|m| m.get(name))
                .is_some_and(crate::fields::component_inputs::is_optional)
        };
        for (input, bound) in jobs.required_bindings() {
            if optional(&input) {
                // Filed under `inputs.None`: `_port_name` is never set on
                // an input read from YAML.
                issues.push(Issue::new(
                    "/inputs/None",
                    format!(
                        "Pipeline optional Input binding to required inputs: {} (the optional input {input})",
                        azml_pyio::py_repr::repr(&Value::Array(
                            bound.into_iter().map(Value::String).collect()
                        ))
                    ),
                ));
            }
        }
        issues
    }

    /// The body with `_source` `source`, anonymous or not: the spec is the
    /// dict, `_source`, the nodes' REST forms at `jobs`, `sourceJobId`.
    fn body(&self, source: ComponentSource, anonymous: bool) -> Result<Value, RestError> {
        let mut spec = match self.to_dict() {
            Value::Object(map) => map,
            _ => Map::new(),
        };
        spec.insert("_source".into(), source.as_str().into());
        let jobs = match &self.jobs {
            Some(jobs) => jobs.rest_forms()?,
            None => Map::new(),
        };
        spec.insert("jobs".into(), Value::Object(jobs));
        spec.insert("sourceJobId".into(), Value::Null);
        let mut properties = Map::new();
        properties.insert("componentSpec".into(), Value::Object(spec));
        if let Some(description) = &self.description {
            properties.insert("description".into(), description.clone().into());
        }
        properties.insert("isAnonymous".into(), anonymous.into());
        properties.insert("properties".into(), Value::Object(Map::new()));
        let tags = self.tags.as_ref().map_or_else(Map::new, |tags| {
            tags.iter()
                .map(|(k, v)| (k.clone(), v.clone().into()))
                .collect()
        });
        properties.insert("tags".into(), Value::Object(tags));
        let mut body = Map::new();
        body.insert("properties".into(), Value::Object(properties));
        Ok(Value::Object(body))
    }
}

/// A pipeline node's component: dumped by `_AnonymousPipelineComponentSchema`
/// (without its unknown keys), never written in place, registered
/// anonymously.
impl NodeComponentKind for PipelineComponent {
    fn schema_dict(&self) -> Value {
        let mut dict = self.to_dict();
        if let Some(map) = dict.as_object_mut() {
            for key in self.additional_properties.keys() {
                map.shift_remove(key);
            }
        }
        dict
    }

    fn validate_reference(text: &str, cx: &mut Validator) {
        if text.starts_with("file:") {
            cx.error(format!(
                "Not supporting non file for component: a pipeline component file is named by its path, without file: ({text})"
            ));
        }
    }

    fn validate_inline(_: &Value, cx: &mut Validator) {
        cx.error(
            "a pipeline component is named by a registered reference (azureml:<name>:<version>, a registry URI) or a file; it cannot be written in place",
        );
    }

    fn anonymous_body(&self, source: ComponentSource) -> Result<Value, RestError> {
        self.body(source, true)
    }
}
