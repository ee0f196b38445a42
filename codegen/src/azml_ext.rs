//! The `x-azml-*` extensions: azure-ai-ml's repeated rules declared in a spec instead of
//! written by hand per type (`docs/spec-extensions.md` lists each with the Python code it
//! reproduces). This stage reads them into the IR, checking every value; the emitter turns
//! them into derive attributes, generated checks and constants.
//!
//! On a schema: `x-azml-kind`, `x-azml-enum-case`, `x-azml-enum-aliases`,
//! `x-azml-exclusive`, `x-azml-dict`, `x-azml-rest`, `x-azml-unknown-keys`,
//! `x-azml-inherit`, `x-azml-anonymous`. On a property: `x-azml-default`, `x-azml-dict`, `x-azml-rest`.
//! `x-azml-type` and `x-azml-derive` are read where types are registered.

use serde_json::{Map, Value};

/// Extensions of a schema that becomes a type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct TypeExt {
    /// `x-azml-kind`: the type is a top-level document kind.
    pub kind: Option<KindExt>,
    /// `x-azml-enum-case: lower`: values are lower-cased, then matched and stored
    /// (`StringTransformedEnum`'s default `casing_transform`).
    pub lower_case: bool,
    /// `x-azml-enum-case: camel_to_snake`: values go through azure-ai-ml's `camel_to_snake`,
    /// then are matched and stored (`StringTransformedEnum(casing_transform=camel_to_snake)`).
    pub snake_case: bool,
    /// `x-azml-enum-aliases`: other spellings accepted for a value (alias → value).
    pub aliases: Vec<(String, String)>,
    /// `x-azml-exclusive`: pairs of properties that may not both be given.
    pub exclusive: Vec<(String, String)>,
    /// `x-azml-dict: prune`: no `None` and no empty dict at any depth of `_to_dict()`.
    pub dict_prune: bool,
    /// `x-azml-dict: by-hand`: the type's `DictMixin` is written by hand (its view is
    /// another Python class's), so the derive is not applied.
    pub dict_by_hand: bool,
    /// `x-azml-rest: {prune: true}`: the same for the REST form.
    pub rest_prune: bool,
    /// `x-azml-rest: {from_dict: true}`: the REST form is the dict with the
    /// fields' REST encodings (a component's `componentSpec`).
    pub rest_from_dict: bool,
    /// `x-azml-rest: {values: {...}}` on a string enum: each value's REST spelling
    /// (value → REST text), the kind markers `_to_rest_object` writes.
    pub rest_values: Vec<(String, String)>,
    /// `x-azml-unknown-keys`: what loading does with undeclared keys.
    pub unknown_keys: Option<UnknownKeys>,
    /// `x-azml-inherit`: fields taken from another type's when falsy here.
    pub inherit: Option<InheritExt>,
    /// `x-azml-anonymous` (on an `x-azml-type`): the components written in place in it are
    /// anonymous, their given values of these properties replaced; read by the JSON Schema
    /// back end.
    pub anonymous: Vec<String>,
    /// `x-azml-catch-all: true` on an untagged union (or at its file's root): a value no
    /// member reads is kept in `Other` instead of refused (hand-written code builds it).
    pub catch_all: bool,
}

/// Extensions of a property.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FieldExt {
    /// `x-azml-default`: the value the constructor gives when the document leaves it out.
    pub default: Option<Value>,
    /// `x-azml-dict: skip`: read and kept, but not in `_to_dict()`.
    pub dict_skip: bool,
    /// `x-azml-rest.name`: the key in the REST form.
    pub rest_name: Option<String>,
    /// `x-azml-rest.encoding: json-string`: sent as Python's `json.dumps` text.
    pub rest_json_string: bool,
    /// `x-azml-rest.skip`: not in the REST form.
    pub rest_skip: bool,
}

/// What loading does with keys a schema does not declare.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnknownKeys {
    /// Accepted and not kept (marshmallow's `EXCLUDE`).
    Drop,
    /// "Unknown field." (marshmallow's `RAISE`).
    Deny,
    /// Kept in an extra map (marshmallow's `INCLUDE`).
    Keep,
    /// Kept in an extra map that only the REST form carries (`INCLUDE` on
    /// a schema whose dump lists its own fields only).
    KeepRest,
    /// Kept in an extra map and dumped before the declared fields (`INCLUDE` into a
    /// component's `_other_parameter`, which its `_to_dict()` puts first).
    KeepFirst,
}

/// `x-azml-kind`: how a document is recognised as this kind.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct KindExt {
    /// A short name (`parallel component`).
    pub name: String,
    /// The azure-ai-ml function that loads it.
    pub loader: String,
    /// Lower-case `type` values; `""` for a document without one.
    pub types: Vec<String>,
    /// Keys that make a document a candidate whatever its `type`.
    pub any_type_with: Vec<String>,
    /// Lower-case `$schema` fragments naming the kind.
    pub schemas: Vec<String>,
    /// Keys pointing to the kind when `$schema` does not decide.
    pub keys: Vec<String>,
    /// Keys of which the kind has at least one.
    pub requires_any: Vec<String>,
    /// Keys the kind never has.
    pub excludes: Vec<String>,
    /// `unknown_keys: deny`: a document of this kind admits no key its type does not
    /// declare, whatever the type's policy where it is nested.
    pub deny_unknown: bool,
    /// `schema_file`: the file name of the kind's JSON Schema (`pipelineJob.schema.json`);
    /// when absent, the name in camelCase (see [`KindExt::schema_file`]).
    pub schema_file: Option<String>,
}

impl KindExt {
    /// The file name of the kind's JSON Schema, named as Microsoft names its own: the given
    /// `schema_file`, else the kind's name in camelCase (`parallel component` →
    /// `parallelComponent.schema.json`).
    pub fn schema_file(&self) -> String {
        if let Some(file) = &self.schema_file {
            return file.clone();
        }
        let mut out = String::new();
        for (i, word) in self
            .name
            .split(|c: char| !c.is_ascii_alphanumeric())
            .filter(|w| !w.is_empty())
            .enumerate()
        {
            let mut chars = word.chars();
            if let Some(first) = chars.next() {
                if i == 0 {
                    out.push(first.to_ascii_lowercase());
                } else {
                    out.push(first.to_ascii_uppercase());
                }
                out.extend(chars);
            }
        }
        format!("{out}.schema.json")
    }
}

/// True for a file name fit for `schema_file`: letters, digits, `_`, `-` and `.`, ending in
/// `.schema.json` (no folder, so a spec cannot write outside the schemas folder).
fn is_schema_file_name(name: &str) -> bool {
    name.len() > ".schema.json".len()
        && name.ends_with(".schema.json")
        && !name.starts_with('.')
        && name
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | '.'))
}

/// `x-azml-inherit`: Python's `node_value or component_value`.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct InheritExt {
    /// The `$ref` of the type fields are taken from.
    pub from: String,
    /// That type, once the reference is resolved.
    pub from_ty: Option<crate::ir::TypeId>,
    /// The properties inherited, each present in both types.
    pub fields: Vec<String>,
}

/// Every extension key this stage reads; others starting with `x-azml-` are refused.
const KNOWN: &[&str] = &[
    "x-azml-type",
    "x-azml-catch-all",
    "x-azml-derive",
    "x-azml-kind",
    "x-azml-enum-case",
    "x-azml-enum-aliases",
    "x-azml-exclusive",
    "x-azml-dict",
    "x-azml-rest",
    "x-azml-unknown-keys",
    "x-azml-inherit",
    "x-azml-default",
    "x-azml-anonymous",
];

/// Problems found in extension values: JSON pointer relative to the schema, message.
pub type Problems = Vec<(String, String)>;

fn at(key: &str) -> String {
    format!("/{}", key.replace('~', "~0").replace('/', "~1"))
}

fn strings(v: &Value, key: &str, problems: &mut Problems) -> Vec<String> {
    match v {
        Value::Array(items) if items.iter().all(Value::is_string) => items
            .iter()
            .filter_map(Value::as_str)
            .map(str::to_owned)
            .collect(),
        _ => {
            problems.push((at(key), format!("`{key}` must be a list of strings")));
            Vec::new()
        }
    }
}

/// Unknown `x-azml-*` keys of a schema.
fn unknown_keys(s: &Map<String, Value>, problems: &mut Problems) {
    for key in s.keys() {
        if key.starts_with("x-azml-") && !KNOWN.contains(&key.as_str()) {
            problems.push((
                at(key),
                format!("unknown extension `{key}`; known: {}", KNOWN.join(", ")),
            ));
        }
    }
}

/// Reads the type-level extensions of schema `s`.
pub fn type_ext(s: &Map<String, Value>, problems: &mut Problems) -> TypeExt {
    unknown_keys(s, problems);
    let mut ext = TypeExt::default();
    if let Some(v) = s.get("x-azml-kind") {
        ext.kind = kind(v, problems);
    }
    match s.get("x-azml-enum-case") {
        None => {}
        Some(Value::String(c)) if c == "lower" => ext.lower_case = true,
        Some(Value::String(c)) if c == "camel_to_snake" => ext.snake_case = true,
        Some(_) => problems.push((
            at("x-azml-enum-case"),
            "`x-azml-enum-case` must be \"lower\" or \"camel_to_snake\"".into(),
        )),
    }
    match s.get("x-azml-enum-aliases") {
        None => {}
        Some(Value::Object(map)) if map.values().all(Value::is_string) => {
            ext.aliases = map
                .iter()
                .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                .collect();
        }
        Some(_) => problems.push((
            at("x-azml-enum-aliases"),
            "`x-azml-enum-aliases` must map each alias to a value of the enum".into(),
        )),
    }
    if let Some(v) = s.get("x-azml-exclusive") {
        let pairs = match v {
            Value::Array(items) => items
                .iter()
                .map(|p| match p.as_array().map(Vec::as_slice) {
                    Some([Value::String(a), Value::String(b)]) => Some((a.clone(), b.clone())),
                    _ => None,
                })
                .collect::<Option<Vec<_>>>(),
            _ => None,
        };
        match pairs {
            Some(pairs) => ext.exclusive = pairs,
            None => problems.push((
                at("x-azml-exclusive"),
                "`x-azml-exclusive` must be a list of [property, property] pairs".into(),
            )),
        }
    }
    match s.get("x-azml-dict") {
        None => {}
        Some(Value::String(d)) if d == "prune" => ext.dict_prune = true,
        Some(Value::String(d)) if d == "by-hand" => ext.dict_by_hand = true,
        Some(_) => problems.push((
            at("x-azml-dict"),
            "`x-azml-dict` on a schema must be \"prune\" or \"by-hand\"".into(),
        )),
    }
    match s.get("x-azml-rest") {
        None => {}
        Some(Value::Object(map)) if rest_schema_keys_ok(map) => {
            ext.rest_prune = map.get("prune") == Some(&Value::Bool(true));
            ext.rest_from_dict = map.get("from_dict") == Some(&Value::Bool(true));
            if let Some(Value::Object(values)) = map.get("values") {
                ext.rest_values = values
                    .iter()
                    .filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_owned())))
                    .collect();
            }
        }
        Some(_) => problems.push((
            at("x-azml-rest"),
            "`x-azml-rest` on a schema must be {\"prune\": true|false, \"from_dict\": true|false} or {\"values\": {value: REST text, ...}}".into(),
        )),
    }
    match s.get("x-azml-unknown-keys").map(|v| (v, v.as_str())) {
        None => {}
        Some((_, Some("drop"))) => ext.unknown_keys = Some(UnknownKeys::Drop),
        Some((_, Some("deny"))) => ext.unknown_keys = Some(UnknownKeys::Deny),
        Some((_, Some("keep"))) => ext.unknown_keys = Some(UnknownKeys::Keep),
        Some((_, Some("keep-rest"))) => ext.unknown_keys = Some(UnknownKeys::KeepRest),
        Some((_, Some("keep-first"))) => ext.unknown_keys = Some(UnknownKeys::KeepFirst),
        Some(_) => problems.push((
            at("x-azml-unknown-keys"),
            "`x-azml-unknown-keys` must be \"drop\", \"deny\", \"keep\", \"keep-rest\" or \"keep-first\"".into(),
        )),
    }
    match s.get("x-azml-catch-all") {
        None => {}
        Some(Value::Bool(b)) => ext.catch_all = *b,
        Some(_) => problems.push((
            at("x-azml-catch-all"),
            "`x-azml-catch-all` must be true or false".into(),
        )),
    }
    if let Some(v) = s.get("x-azml-anonymous") {
        ext.anonymous = strings(v, "x-azml-anonymous", problems);
    }
    if let Some(v) = s.get("x-azml-inherit") {
        let from = v
            .get("from")
            .and_then(|f| f.get("$ref"))
            .and_then(Value::as_str);
        let fields = v
            .get("fields")
            .map(|f| strings(f, "x-azml-inherit", problems));
        match (from, fields, v.as_object().map(Map::len)) {
            (Some(from), Some(fields), Some(2)) => {
                ext.inherit = Some(InheritExt {
                    from: from.to_owned(),
                    from_ty: None,
                    fields,
                })
            }
            _ => problems.push((
                at("x-azml-inherit"),
                "`x-azml-inherit` must be {\"from\": {\"$ref\": ...}, \"fields\": [property, ...]}"
                    .into(),
            )),
        }
    }
    ext
}

/// `x-azml-rest` on a schema: `prune` (a boolean) and `values` (strings), nothing else.
fn rest_schema_keys_ok(map: &Map<String, Value>) -> bool {
    !map.is_empty()
        && map.iter().all(|(k, v)| match k.as_str() {
            "prune" | "from_dict" => v.is_boolean(),
            "values" => v
                .as_object()
                .is_some_and(|m| !m.is_empty() && m.values().all(Value::is_string)),
            _ => false,
        })
}

fn kind(v: &Value, problems: &mut Problems) -> Option<KindExt> {
    let Some(map) = v.as_object() else {
        problems.push((at("x-azml-kind"), "`x-azml-kind` must be an object".into()));
        return None;
    };
    let mut k = KindExt::default();
    for (key, value) in map {
        let list =
            |problems: &mut Problems| strings(value, &format!("x-azml-kind.{key}"), problems);
        match key.as_str() {
            "name" | "loader" => match value.as_str() {
                Some(text) if !text.is_empty() => {
                    if key == "name" {
                        k.name = text.to_owned();
                    } else {
                        k.loader = text.to_owned();
                    }
                }
                _ => problems.push((
                    at("x-azml-kind"),
                    format!("`x-azml-kind.{key}` must be a non-empty string"),
                )),
            },
            "types" => k.types = list(problems).iter().map(|t| t.to_lowercase()).collect(),
            "any_type_with" => k.any_type_with = list(problems),
            "schemas" => k.schemas = list(problems).iter().map(|t| t.to_lowercase()).collect(),
            "keys" => k.keys = list(problems),
            "requires_any" => k.requires_any = list(problems),
            "excludes" => k.excludes = list(problems),
            "unknown_keys" => match value.as_str() {
                Some("deny") => k.deny_unknown = true,
                _ => problems.push((
                    at("x-azml-kind"),
                    "`x-azml-kind.unknown_keys` must be \"deny\"".into(),
                )),
            },
            "schema_file" => match value.as_str() {
                Some(file) if is_schema_file_name(file) => k.schema_file = Some(file.to_owned()),
                _ => problems.push((
                    at("x-azml-kind"),
                    "`x-azml-kind.schema_file` must be a file name ending in `.schema.json` (letters, digits, `_`, `-`, `.`; no folder)".into(),
                )),
            },
            other => problems.push((
                at("x-azml-kind"),
                format!("unknown key `{other}` in `x-azml-kind`; known: name, loader, types, any_type_with, schemas, keys, requires_any, excludes, unknown_keys, schema_file"),
            )),
        }
    }
    if k.name.is_empty() || k.loader.is_empty() {
        problems.push((
            at("x-azml-kind"),
            "`x-azml-kind` needs a `name` and a `loader`".into(),
        ));
        return None;
    }
    Some(k)
}

/// Reads the property-level extensions of property schema `p`.
pub fn field_ext(p: &Map<String, Value>, problems: &mut Problems) -> FieldExt {
    unknown_keys(p, problems);
    let mut ext = FieldExt {
        default: p.get("x-azml-default").cloned(),
        ..FieldExt::default()
    };
    match p.get("x-azml-dict") {
        None => {}
        Some(Value::String(d)) if d == "skip" => ext.dict_skip = true,
        Some(_) => problems.push((
            at("x-azml-dict"),
            "`x-azml-dict` on a property must be \"skip\"".into(),
        )),
    }
    if let Some(v) = p.get("x-azml-rest") {
        let Some(map) = v.as_object() else {
            problems.push((at("x-azml-rest"), "`x-azml-rest` must be an object".into()));
            return ext;
        };
        for (key, value) in map {
            match (key.as_str(), value) {
                ("name", Value::String(name)) if !name.is_empty() => {
                    ext.rest_name = Some(name.clone())
                }
                ("encoding", Value::String(e)) if e == "json-string" => {
                    ext.rest_json_string = true
                }
                ("skip", Value::Bool(b)) => ext.rest_skip = *b,
                _ => problems.push((
                    at("x-azml-rest"),
                    format!("`x-azml-rest.{key}` is not one of name (a string), encoding (\"json-string\"), skip (a boolean)"),
                )),
            }
        }
    }
    ext
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn obj(v: Value) -> Map<String, Value> {
        v.as_object().cloned().unwrap_or_default()
    }

    #[test]
    fn reads_every_type_extension() {
        let mut problems = Vec::new();
        let ext = type_ext(
            &obj(json!({
                "x-azml-kind": {"name": "parallel job", "loader": "load_job", "types": ["Parallel"], "keys": ["compute"], "schema_file": "parallelJob.schema.json", "unknown_keys": "deny"},
                "x-azml-anonymous": ["name", "version"],
                "x-azml-enum-case": "lower",
                "x-azml-enum-aliases": {"managed": "managed_identity"},
                "x-azml-exclusive": [["instance_count", "resources"]],
                "x-azml-dict": "prune",
                "x-azml-rest": {"prune": true},
                "x-azml-unknown-keys": "deny",
                "x-azml-inherit": {"from": {"$ref": "#/definitions/C"}, "fields": ["task"]}
            })),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        let kind = ext.kind.unwrap();
        assert_eq!(kind.schema_file.as_deref(), Some("parallelJob.schema.json"));
        assert!(kind.deny_unknown);
        assert_eq!(ext.anonymous, ["name", "version"]);
        assert_eq!(
            (kind.name.as_str(), kind.types),
            ("parallel job", vec!["parallel".to_owned()])
        );
        assert!(ext.lower_case && ext.dict_prune && ext.rest_prune);
        assert_eq!(ext.aliases, [("managed".into(), "managed_identity".into())]);
        assert_eq!(
            ext.exclusive,
            [("instance_count".into(), "resources".into())]
        );
        assert_eq!(ext.unknown_keys, Some(UnknownKeys::Deny));
        assert_eq!(ext.inherit.unwrap().fields, ["task"]);
    }

    #[test]
    fn reads_the_snake_case_and_keep_first_variants() {
        let mut problems = Vec::new();
        let ext = type_ext(
            &obj(json!({
                "x-azml-enum-case": "camel_to_snake",
                "x-azml-unknown-keys": "keep-first"
            })),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert!(ext.snake_case && !ext.lower_case);
        assert_eq!(ext.unknown_keys, Some(UnknownKeys::KeepFirst));
    }

    #[test]
    fn reads_rest_values_of_an_enum() {
        let mut problems = Vec::new();
        let ext = type_ext(
            &obj(json!({"x-azml-rest": {"values": {"pytorch": "PyTorch"}}})),
            &mut problems,
        );
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(ext.rest_values, [("pytorch".into(), "PyTorch".into())]);
        assert!(!ext.rest_prune);
        for bad in [
            json!({"values": {}}),
            json!({"values": {"a": 1}}),
            json!({"other": 1}),
        ] {
            let mut problems = Vec::new();
            type_ext(&obj(json!({ "x-azml-rest": bad })), &mut problems);
            assert_eq!(problems.len(), 1, "{bad}");
        }
    }

    #[test]
    fn bad_values_are_located_problems_not_panics() {
        let mut problems = Vec::new();
        type_ext(
            &obj(json!({
                "x-azml-kind": {"name": "x"},
                "x-azml-enum-case": "upper",
                "x-azml-exclusive": [["a"]],
                "x-azml-dict": 1,
                "x-azml-rest": {"prune": "yes"},
                "x-azml-unknown-keys": "ignore",
                "x-azml-inherit": {"from": "C"},
                "x-azml-anonymous": "name",
                "x-azml-typo": true
            })),
            &mut problems,
        );
        let pointers: Vec<&str> = problems.iter().map(|(p, _)| p.as_str()).collect();
        for key in [
            "/x-azml-kind",
            "/x-azml-enum-case",
            "/x-azml-exclusive",
            "/x-azml-dict",
            "/x-azml-rest",
            "/x-azml-unknown-keys",
            "/x-azml-inherit",
            "/x-azml-anonymous",
            "/x-azml-typo",
        ] {
            assert!(pointers.contains(&key), "{key} not reported: {problems:?}");
        }
        let mut problems = Vec::new();
        let ext = field_ext(
            &obj(
                json!({"x-azml-rest": {"encoding": "base64"}, "x-azml-dict": "prune", "x-azml-default": {}}),
            ),
            &mut problems,
        );
        assert_eq!(problems.len(), 2, "{problems:?}");
        assert_eq!(ext.default, Some(json!({})));
    }

    #[test]
    fn schema_file_is_a_plain_file_name_or_the_camel_case_name() {
        let kind = |v: Value| {
            let mut problems = Vec::new();
            let ext = type_ext(&obj(json!({ "x-azml-kind": v })), &mut problems);
            (ext.kind, problems)
        };
        let (k, problems) = kind(json!({"name": "parallel component", "loader": "load_component"}));
        assert!(problems.is_empty(), "{problems:?}");
        assert_eq!(k.unwrap().schema_file(), "parallelComponent.schema.json");
        let (k, _) = kind(
            json!({"name": "pipeline", "loader": "load_job", "schema_file": "pipelineJob.schema.json"}),
        );
        assert_eq!(k.unwrap().schema_file(), "pipelineJob.schema.json");
        for bad in [
            json!("../x.schema.json"),
            json!("x.json"),
            json!(".schema.json"),
            json!(1),
        ] {
            let (_, problems) = kind(json!({"name": "n", "loader": "l", "schema_file": bad}));
            assert!(
                problems
                    .iter()
                    .any(|(p, m)| p == "/x-azml-kind" && m.contains("schema_file")),
                "{bad}: {problems:?}"
            );
        }
        let (_, problems) = kind(json!({"name": "n", "loader": "l", "unknown_keys": "drop"}));
        assert!(
            problems.iter().any(|(_, m)| m.contains("unknown_keys")),
            "{problems:?}"
        );
        let (_, problems) = kind(json!({"name": "n", "loader": "l", "schema": "x"}));
        assert!(
            problems
                .iter()
                .any(|(_, m)| m.contains("unknown key `schema`")),
            "{problems:?}"
        );
    }
}
