//! Translation between entities and their REST wire models, as azure-ai-ml's
//! `RestTranslatableMixin` gives it (`_to_rest_object` / `_from_rest_object`).

mod field;

pub use field::RestField;

use crate::RestError;

/// An entity with a REST wire model.
///
/// `#[derive(RestTranslatable)]` implements it field by field. Without
/// `#[rest(model = Path)]` the model is a JSON object ([`Value`](crate::Value))
/// keyed by the wire names, with `None` fields left out, as msrest leaves them
/// out of a request body.
pub trait RestTranslatable: Sized {
    /// The REST model type.
    type Rest;

    /// Python `_to_rest_object()`.
    ///
    /// # Errors
    /// A [`RestError`] naming the field that could not be converted.
    fn to_rest_object(&self) -> Result<Self::Rest, RestError>;

    /// Python `_from_rest_object(obj)`.
    ///
    /// # Errors
    /// A [`RestError`] naming the field that could not be read.
    fn from_rest_object(rest: Self::Rest) -> Result<Self, RestError>;
}
