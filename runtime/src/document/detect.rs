//! Kind detection from markers: the `type` a kind takes, the `$schema`
//! fragments that name it, and the keys that set it apart from the kinds
//! sharing its `type`.

use crate::Value;

/// How a document is recognised as a kind. Specs declare them with
/// `x-azml-kind` (see `docs/spec-extensions.md`).
///
/// A document is a *candidate* for a kind when its `type` (compared
/// case-insensitively) is one of [`types`](Self::types) or it has one of the
/// [`any_type_with`](Self::any_type_with) keys, it has one of the
/// [`requires_any`](Self::requires_any) keys (when there are any) and none of
/// the [`excludes`](Self::excludes) keys. Among several candidates, the first
/// (in registry order) whose [`schemas`](Self::schemas) fragment occurs in the
/// lower-cased `$schema` wins; then the first that has one of its
/// [`keys`](Self::keys); then the first.
#[derive(Debug, Clone, Copy, Default)]
pub struct Markers {
    /// Lower-case `type` values of the kind; `""` stands for a document
    /// without `type`.
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

impl Markers {
    fn candidate(&self, map: &serde_json::Map<String, Value>, ty: Option<&str>) -> bool {
        let typed = match ty {
            Some(ty) => self.types.iter().any(|t| t.eq_ignore_ascii_case(ty)),
            None => self.types.contains(&""),
        };
        (typed || self.any_type_with.iter().any(|k| map.contains_key(*k)))
            && (self.requires_any.is_empty()
                || self.requires_any.iter().any(|k| map.contains_key(*k)))
            && !self.excludes.iter().any(|k| map.contains_key(*k))
    }
}

/// The kind of `value` among `kinds`.
pub(super) fn detect(kinds: &'static [super::Kind], value: &Value) -> Option<&'static super::Kind> {
    let map = value.as_object()?;
    let ty = match map.get("type") {
        Some(Value::String(ty)) => Some(ty.as_str()),
        Some(_) => return None,
        None => None,
    };
    let candidates: Vec<&'static super::Kind> = kinds
        .iter()
        .filter(|k| k.markers.candidate(map, ty))
        .collect();
    if candidates.len() < 2 {
        return candidates.first().copied();
    }
    let schema = map
        .get("$schema")
        .and_then(Value::as_str)
        .map(str::to_ascii_lowercase)
        .unwrap_or_default();
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
