//! The entity types, generated from `specs/` by `cargo xtask codegen` into
//! `generated/mod.rs`. Their behaviour beyond the specs lives in
//! [`crate::parallel`].

include!("../generated/mod.rs");
