//! Which kind a document is: judged, as azure-ai-ml judges a file, by the
//! loader that can accept it (`docs/layout-rules.md` §2).
//!
//! Components and jobs are told apart by their loaders' own rules:
//! `load_component` reads `type` lower-cased (absent: `command`, or
//! `promptflow_parallel` under a prompt-flow `$schema`) and refuses an
//! internal-components `$schema` whatever the type (`Component._load`,
//! `get_type_from_spec`); `load_job` reads `type` exactly (absent: `command`)
//! and never `$schema` (`Job._resolve_cls_and_type`). Other kinds (a task
//! file, assets) are recognised by their markers.

use crate::Value;

use super::Kind;

/// How a document is recognised as a kind. Specs declare them with
/// `x-azml-kind` (see `docs/spec-extensions.md`).
///
/// For a kind loaded by `load_component` or `load_job`, only
/// [`types`](Self::types) counts: the `type` values the loader maps to the
/// kind's class (`""` for a document without `type`). For a kind with
/// another loader (a task file, an asset), a document is the kind when it
/// has none of the [`excludes`](Self::excludes) keys and its `$schema`
/// names the kind (one of the [`schemas`](Self::schemas) fragments occurs
/// in it, lower-cased), or its `type` is one of `types` (compared
/// case-insensitively; `""` for none) or it has one of the
/// [`any_type_with`](Self::any_type_with) keys, and it has one of the
/// [`requires_any`](Self::requires_any) keys (without any, a `type`
/// suffices); among several, the first named by `$schema`, then the first
/// with one of its [`keys`](Self::keys), then the first. Such a kind also takes a document without `type` from the
/// `command` kinds `load_component` and `load_job` would read it as,
/// unless its `$schema` names a component or a job.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markers {
    /// `type` values of the kind; `""` stands for a document without `type`.
    pub types: &'static [&'static str],
    /// Keys that make a document a candidate whatever its `type`.
    pub any_type_with: &'static [&'static str],
    /// Lower-case fragments of a `$schema` URL that name the kind.
    pub schemas: &'static [&'static str],
    /// Keys that point to the kind when `$schema` does not decide.
    pub keys: &'static [&'static str],
    /// Keys of which a document of the kind has at least one.
    pub requires_any: &'static [&'static str],
    /// Keys a document of the kind never has.
    pub excludes: &'static [&'static str],
}

/// The loaders whose rules decide between components and jobs.
pub(super) const LOAD_COMPONENT: &str = "load_component";
/// See [`LOAD_COMPONENT`].
pub(super) const LOAD_JOB: &str = "load_job";

/// `$schema` URLs that make `load_component` read a document without `type`
/// as a prompt flow (`Component._is_flow`).
const FLOW_SCHEMAS: [&str; 2] = [
    "https://azuremlschemas.azureedge.net/promptflow/latest/Flow.schema.json",
    "https://azuremlschemas.azureedge.net/promptflow/latest/Run.schema.json",
];

/// Internal components: `load_component` refuses them whatever the type.
const INTERNAL_SCHEMA: &str = "https://componentsdk.azureedge.net/jsonschema/";

/// The kinds that may judge a document: at most one per loader.
#[derive(Debug, Clone, Copy, Default)]
pub(super) struct Candidates {
    /// The kind `load_component` would build, if azml models it.
    pub component: Option<&'static Kind>,
    /// The kind `load_job` would build, if azml models it.
    pub job: Option<&'static Kind>,
    /// A kind of another loader whose markers fit.
    pub other: Option<&'static Kind>,
}

/// The type `load_component` reads: lower-cased (`get_type_from_spec` lowers
/// a known node type; the kinds azml models are all lower-case), the label
/// after a last `@` left out; `None` when it refuses every type.
fn component_type(map: &serde_json::Map<String, Value>) -> Option<String> {
    let schema = map.get("$schema").and_then(Value::as_str).unwrap_or("");
    if schema.starts_with(INTERNAL_SCHEMA) {
        return None;
    }
    match map.get("type") {
        None | Some(Value::Null) if FLOW_SCHEMAS.contains(&schema) => {
            Some("promptflow_parallel".to_owned())
        }
        None | Some(Value::Null) => Some("command".to_owned()),
        Some(Value::String(ty)) => {
            let ty = ty.rsplit_once('@').map_or(ty.as_str(), |(t, _)| t);
            Some(ty.to_lowercase())
        }
        Some(_) => None,
    }
}

/// The type `load_job` reads: exactly as written, `command` when absent.
fn job_type(map: &serde_json::Map<String, Value>) -> Option<&str> {
    match map.get("type") {
        None | Some(Value::Null) => Some("command"),
        Some(Value::String(ty)) => Some(ty),
        Some(_) => None,
    }
}

impl Markers {
    fn candidate(
        &self,
        map: &serde_json::Map<String, Value>,
        ty: Option<&str>,
        schema: &str,
    ) -> bool {
        let typed = match ty {
            Some(ty) => self.types.iter().any(|t| t.eq_ignore_ascii_case(ty)),
            None => self.types.contains(&""),
        };
        let has = |keys: &[&str]| keys.iter().any(|k| map.contains_key(*k));
        let keyed = if self.requires_any.is_empty() {
            ty.is_some()
        } else {
            has(self.requires_any)
        };
        let named = self.schemas.iter().any(|s| schema.contains(s));
        !has(self.excludes) && (named || ((typed || has(self.any_type_with)) && keyed))
    }
}

/// The kind of another loader whose markers fit `map`.
fn other_kind(
    kinds: &'static [Kind],
    map: &serde_json::Map<String, Value>,
) -> Option<&'static Kind> {
    let ty = match map.get("type") {
        Some(Value::String(ty)) => Some(ty.as_str()),
        Some(_) => return None,
        None => None,
    };
    let schema = map
        .get("$schema")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    let candidates: Vec<&'static Kind> = kinds
        .iter()
        .filter(|k| k.loader != LOAD_COMPONENT && k.loader != LOAD_JOB)
        .filter(|k| k.markers.candidate(map, ty, &schema))
        .collect();
    if candidates.len() < 2 {
        return candidates.first().copied();
    }
    let by_schema = || {
        candidates
            .iter()
            .find(|k| k.markers.schemas.iter().any(|s| schema.contains(s)))
    };
    let by_keys = || {
        candidates
            .iter()
            .find(|k| k.markers.keys.iter().any(|key| map.contains_key(*key)))
    };
    by_schema().or_else(by_keys).or(candidates.first()).copied()
}

/// The kinds that may judge `value`. A file whose `$schema` names a
/// deployment or an endpoint is none of them, whatever its `type` (a batch
/// deployment's `type: pipeline`): the CLI reads it with its own loader.
pub(super) fn candidates(kinds: &'static [Kind], value: &Value) -> Candidates {
    let Some(map) = value.as_object() else {
        return Candidates::default();
    };
    let schema_file = map
        .get("$schema")
        .and_then(Value::as_str)
        .and_then(|s| s.rsplit('/').next())
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
    if schema_file.contains("deployment") || schema_file.contains("endpoint") {
        return Candidates::default();
    }
    let has = |key: &str| map.contains_key(key);
    let component_ty = component_type(map);
    // A prompt flow or flow run (its `$schema`, no `type`) is
    // `load_component`'s, which azml does not model standalone; with a
    // `command` it may still be a command job, which `load_job` reads.
    if component_ty.as_deref() == Some("promptflow_parallel") && !has("command") {
        return Candidates::default();
    }
    let component = component_ty.and_then(|ty| {
        kinds
            .iter()
            .filter(|k| k.loader == LOAD_COMPONENT)
            .find(|k| k.markers.types.iter().any(|t| *t == ty))
    });
    let job = job_type(map).and_then(|ty| {
        kinds
            .iter()
            .filter(|k| k.loader == LOAD_JOB)
            .find(|k| k.markers.types.contains(&ty))
    });
    let typeless = map.get("type").is_none_or(Value::is_null) && schema_hint(value) == Hint::None;
    let other = if (component.is_none() && job.is_none()) || typeless {
        other_kind(kinds, map)
    } else {
        None
    };
    // Without `type`, both loaders read a command, which requires `command`:
    // a document without one that has an asset's `path`, a conda file's
    // `dependencies` or a flow's `nodes`, or only the keys every asset has,
    // is such a file, whose kind nothing else names, not a broken command.
    let generic = |k: &String| {
        matches!(
            k.as_str(),
            "$schema" | "name" | "version" | "description" | "tags" | "display_name"
        )
    };
    let not_command = !has("command")
        && (has("path") || has("dependencies") || has("nodes") || map.keys().all(generic));
    match other {
        _ if typeless && not_command => Candidates {
            component: None,
            job: None,
            other,
        },
        Some(_) if typeless => Candidates {
            component: None,
            job: None,
            other,
        },
        _ => Candidates {
            component,
            job,
            other,
        },
    }
}

/// Which loader `$schema` names, for azml's choice when both loaders accept
/// or both refuse on content: the URL's last segment containing `component`
/// or `job`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Hint {
    /// `…Component.schema.json`.
    Component,
    /// `…Job.schema.json`.
    Job,
    /// No `$schema`, or one naming neither.
    None,
}

/// The [`Hint`] of `value`'s `$schema`.
pub(super) fn schema_hint(value: &Value) -> Hint {
    let schema = value
        .get("$schema")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_ascii_lowercase();
    let last = schema.rsplit('/').next().unwrap_or("");
    if last.contains("component") {
        Hint::Component
    } else if last.contains("job") {
        Hint::Job
    } else {
        Hint::None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn component_and_job_types_follow_their_loaders() {
        let map = |v: Value| v.as_object().cloned().unwrap_or_default();
        assert_eq!(
            component_type(&map(json!({"type": "Parallel"}))).as_deref(),
            Some("parallel")
        );
        assert_eq!(
            component_type(&map(json!({"type": "command@1"}))).as_deref(),
            Some("command")
        );
        assert_eq!(component_type(&map(json!({}))).as_deref(), Some("command"));
        assert_eq!(
            component_type(&map(json!({"$schema": FLOW_SCHEMAS[1]}))).as_deref(),
            Some("promptflow_parallel")
        );
        assert_eq!(
            component_type(&map(
                json!({"$schema": format!("{INTERNAL_SCHEMA}x.json"), "type": "parallel"})
            )),
            None
        );
        assert_eq!(
            job_type(&map(json!({"type": "Parallel"}))),
            Some("Parallel")
        );
        assert_eq!(job_type(&map(json!({}))), Some("command"));
        assert_eq!(job_type(&map(json!({"type": 3}))), None);
    }

    fn loader(doc: &Value, kinds: &'static [Kind]) -> Option<&'static str> {
        let c = candidates(kinds, doc);
        c.component.or(c.job).or(c.other).map(|k| k.name)
    }

    fn fail(
        _: &azml_pyio::yaml::Document,
        _: &std::path::Path,
    ) -> Result<Box<dyn super::super::AnyDocument>, crate::load::LoadError> {
        Err(crate::load::LoadError {
            problems: Vec::new(),
        })
    }

    const fn kind(name: &'static str, loader: &'static str, markers: Markers) -> Kind {
        Kind {
            name,
            loader,
            markers,
            load: fail,
        }
    }

    static KINDS: [Kind; 4] = [
        kind(
            "command",
            LOAD_COMPONENT,
            Markers {
                types: &["command"],
                ..NONE
            },
        ),
        kind(
            "environment",
            "load_environment",
            Markers {
                types: &[""],
                schemas: &["/environment.schema.json"],
                requires_any: &["image"],
                excludes: &["command"],
                ..NONE
            },
        ),
        kind(
            "model",
            "load_model",
            Markers {
                types: &["custom_model", ""],
                schemas: &["/model.schema.json"],
                ..NONE
            },
        ),
        kind(
            "code",
            "load_code",
            Markers {
                types: &[""],
                schemas: &["/code.schema.json"],
                ..NONE
            },
        ),
    ];
    const NONE: Markers = Markers {
        types: &[],
        any_type_with: &[],
        schemas: &[],
        keys: &[],
        requires_any: &[],
        excludes: &[],
    };

    #[test]
    fn assets_by_schema_or_keys_and_only_without_a_type() {
        let env = "https://x/latest/environment.schema.json";
        for (doc, expected) in [
            // Keys, or `$schema` without them; a typeless file leaves the command kinds.
            (json!({"name": "e", "image": "i"}), Some("environment")),
            (json!({"$schema": env, "name": "e"}), Some("environment")),
            (
                json!({"$schema": "https://x/latest/model.schema.json", "name": "m"}),
                Some("model"),
            ),
            (json!({"type": "Custom_Model", "path": "p"}), Some("model")),
            // `$schema` names the kind whatever the type (the loader refuses it).
            (
                json!({"$schema": "https://x/latest/model.schema.json", "type": "CustomModel"}),
                Some("model"),
            ),
            (
                json!({"$schema": "https://x/latest/code.schema.json", "path": "p"}),
                Some("code"),
            ),
            // An asset's `path` without `type`, `$schema` or `command`: no
            // kind's (both loaders would read a command, which requires
            // `command`); without such a key, a broken command.
            (json!({"name": "c", "path": "p"}), None),
            (json!({"name": "c", "task": {}}), Some("command")),
            (json!({"name": "c", "command": "p"}), Some("command")),
            // Excluded keys, a component's `$schema`, an explicit type.
            (
                json!({"$schema": env, "image": "i", "command": "x"}),
                Some("command"),
            ),
            (
                json!({"$schema": "https://x/commandComponent.schema.json", "image": "i"}),
                Some("command"),
            ),
            (json!({"type": "command", "image": "i"}), Some("command")),
            (json!({"type": "foo", "image": "i"}), None),
            // A deployment's `type` is not a component's or a job's.
            (
                json!({"$schema": "https://x/latest/pipelineComponentBatchDeployment.schema.json", "type": "command", "command": "x"}),
                None,
            ),
            (
                json!({"$schema": "https://x/latest/modelBatchDeployment.schema.json", "type": "foo"}),
                None,
            ),
        ] {
            assert_eq!(loader(&doc, &KINDS), expected, "{doc}");
        }
    }

    #[test]
    fn schema_hints_read_the_last_segment() {
        let hint = |s: &str| schema_hint(&json!({ "$schema": s }));
        assert_eq!(hint("https://x/latest/pipelineJob.schema.json"), Hint::Job);
        assert_eq!(
            hint("https://x/latest/parallelComponent.schema.json"),
            Hint::Component
        );
        assert_eq!(
            hint("https://jobs.example/latest/env.schema.json"),
            Hint::None
        );
        assert_eq!(schema_hint(&json!({})), Hint::None);
    }
}
