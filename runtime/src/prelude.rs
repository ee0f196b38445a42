//! The traits an entity's methods come from, and the derives, to import at
//! once: `use azml::prelude::*;`.

pub use crate::dict::{DictMixin, DictValue};
pub use crate::document::Document;
pub use crate::rest::RestTranslatable;
pub use azml_derive::{DictMixin, RestTranslatable};
