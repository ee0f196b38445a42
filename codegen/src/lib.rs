//! Spec to Rust code generator (work in progress).
