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

/// A field type whose REST form is its dict form (`DictValue::to_dict_value`
/// out, `DictValue::from_value` back): what azure-ai-ml sends wherever a
/// REST body carries `_to_dict()` output, as a component's spec does.
///
/// Implementing this marker gives the type [`RestTranslatable`] with a JSON
/// [`Value`](crate::Value) model.
pub trait RestAsDict: crate::DictValue {}

impl<T: RestAsDict> RestTranslatable for T {
    type Rest = crate::Value;

    fn to_rest_object(&self) -> Result<crate::Value, RestError> {
        Ok(self.to_dict_value())
    }

    fn from_rest_object(rest: crate::Value) -> Result<Self, RestError> {
        T::from_value(rest).map_err(RestError::from)
    }
}
