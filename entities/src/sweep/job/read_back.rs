//! `SweepJob._load_from_rest`: a sweep job read back from its REST body.

use crate::generated::SweepJob;
use azml::{RestError, Value};

/// The job a REST body describes.
pub(super) fn job(_rest: &Value) -> Result<SweepJob, RestError> {
    Err(RestError::new("not yet"))
}
