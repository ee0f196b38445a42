//! Anonymous components (`Component.__init__`: no name and no version give
//! `azureml_anonymous` / `"1"`; `AnonymousAssetSchema.warn_if_named` pops a
//! node's component's own name and version): every component kind's.

use azml::Value;

/// The name an anonymous component is given (its version is `"1"`).
pub const ANONYMOUS_COMPONENT_NAME: &str = "azureml_anonymous";

/// An anonymous component's document: its own name and version give way to
/// the anonymous ones (`Anonymous*ComponentSchema` makes them dump-only).
pub fn anonymous(mut value: Value) -> Value {
    if let Some(map) = value.as_object_mut() {
        map.insert("name".into(), ANONYMOUS_COMPONENT_NAME.into());
        map.insert("version".into(), "1".into());
    }
    value
}
