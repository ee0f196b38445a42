//! The body azure-ai-ml sends to register a component
//! (`Component._to_rest_object`): a `ComponentVersion` whose spec is the
//! component's dict with its REST-only additions, `client_component_hash`
//! of the dict itself (before those additions), not anonymous, not archived.

use crate::generated::{ComponentVersion, ComponentVersionResource};
use azml::{OrderedMap, Value};

/// The registration body of a component whose `_to_dict()` is `dict`;
/// `extend` adds what the spec holds beyond the dict (`_source`, …).
pub(crate) fn registered_body<'a>(
    dict: Value,
    extend: impl FnOnce(&mut serde_json::Map<String, Value>),
    description: Option<&str>,
    tags: impl Iterator<Item = (&'a String, &'a String)>,
) -> ComponentVersionResource {
    let hash = super::hash::client_component_hash(&dict);
    let mut spec = dict;
    if let Some(map) = spec.as_object_mut() {
        extend(map);
    }
    let mut properties = OrderedMap::default();
    properties.insert("client_component_hash".to_owned(), Some(hash));
    ComponentVersionResource {
        properties: ComponentVersion {
            component_spec: Some(Some(spec)),
            description: description.map(|d| Some(d.to_owned())),
            is_anonymous: Some(false),
            is_archived: Some(false),
            properties: Some(Some(properties)),
            tags: Some(Some(
                tags.map(|(k, v)| (k.clone(), Some(v.clone()))).collect(),
            )),
            ..ComponentVersion::default()
        },
        ..ComponentVersionResource::default()
    }
}
