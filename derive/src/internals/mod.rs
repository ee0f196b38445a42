//! The derives' front end: input model, attributes, validation.

pub mod ast;
pub mod attr;
pub mod case;
pub mod check;
pub mod ctxt;
