//! The entity types, generated from `specs/` by `cargo xtask codegen` into
//! `generated/mod.rs`. Their behaviour beyond the specs lives beside them:
//! [`crate::fields`], [`crate::parallel`], [`crate::pipeline`].
//!
//! Types and fields carry the spec's descriptions as doc comments; where a
//! spec gives none, the item has none (`missing_docs` is allowed here).
#![allow(missing_docs)]

include!("../../generated/mod.rs");
