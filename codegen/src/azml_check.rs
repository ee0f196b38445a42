//! Stage 3 pass: the `x-azml-*` rules checked against the types they sit on, once
//! inheritance has merged every struct's fields. A rule that names a property the type does
//! not have, or sits on a type of the wrong shape, is an error at the schema's pointer.

use crate::diag::Diagnostics;
use crate::ir::{Ir, Kind, TypeDef};
use std::collections::BTreeMap;

fn error(diags: &mut Diagnostics, t: &TypeDef, key: &str, message: String) {
    diags.error(&t.file, &format!("{}/{key}", t.loc.pointer), message);
}

fn has_field(ir: &Ir, id: usize, wire: &str) -> bool {
    match ir.types.get(id).map(|t| &t.kind) {
        Some(Kind::Struct(sd)) => sd.fields.iter().any(|f| f.wire == wire),
        _ => false,
    }
}

/// Two kinds may not share a name (the registry's key, `azml schema KIND`) or a JSON Schema
/// file.
fn unique_kinds(ir: &Ir, diags: &mut Diagnostics) {
    let mut names = BTreeMap::new();
    let mut files = BTreeMap::new();
    for t in &ir.types {
        let Some(kind) = &t.ext.kind else { continue };
        for (seen, key, what) in [
            (&mut names, kind.name.clone(), "name"),
            (&mut files, kind.schema_file(), "JSON Schema file"),
        ] {
            if let Some(first) = seen.insert(key.clone(), format!("{}#{}", t.file, t.loc.pointer)) {
                error(
                    diags,
                    t,
                    "x-azml-kind",
                    format!("the kind {what} {key:?} is also the one of {first}"),
                );
            }
        }
    }
}

/// Checks every type's rules.
pub fn run(ir: &Ir, diags: &mut Diagnostics) {
    unique_kinds(ir, diags);
    for (id, t) in ir.types.iter().enumerate() {
        let ext = &t.ext;
        let is_struct = matches!(t.kind, Kind::Struct(_));
        let is_enum = matches!(t.kind, Kind::Enum(_));
        // A hand-written type may be a document kind too: it declares its own `Kind`, and the
        // spec gives its JSON Schema.
        if ext.kind.is_some() && !is_struct && !matches!(t.kind, Kind::Extern(_)) {
            error(
                diags,
                t,
                "x-azml-kind",
                "`x-azml-kind` applies to object schemas and `x-azml-type`s only".into(),
            );
        }
        if !ext.anonymous.is_empty() && !matches!(t.kind, Kind::Extern(_)) {
            error(
                diags,
                t,
                "x-azml-anonymous",
                "`x-azml-anonymous` applies to `x-azml-type`s only".into(),
            );
        }
        for (key, used) in [
            ("x-azml-exclusive", !ext.exclusive.is_empty()),
            ("x-azml-dict", ext.dict_prune || ext.dict_by_hand),
            ("x-azml-rest", ext.rest_prune || ext.rest_from_dict),
            ("x-azml-inherit", ext.inherit.is_some()),
        ] {
            if used && !is_struct {
                error(
                    diags,
                    t,
                    key,
                    format!("`{key}` applies to object schemas only"),
                );
            }
        }
        if ext.lower_case && ext.snake_case {
            error(
                diags,
                t,
                "x-azml-enum-case",
                "an enum is either lower-cased or camel_to_snake-cased".into(),
            );
        }
        if ext.catch_all && !matches!(t.kind, Kind::Untagged(_)) {
            error(
                diags,
                t,
                "x-azml-catch-all",
                "`x-azml-catch-all` applies to untagged unions only".into(),
            );
        }
        if ext.unknown_keys.is_some() && !is_struct {
            error(
                diags,
                t,
                "x-azml-unknown-keys",
                "`x-azml-unknown-keys` applies to object schemas only".into(),
            );
        }
        if !ext.rest_values.is_empty() && !is_enum {
            error(
                diags,
                t,
                "x-azml-rest",
                "`x-azml-rest.values` applies to string enums only".into(),
            );
        }
        for (key, used) in [
            ("x-azml-enum-case", ext.lower_case || ext.snake_case),
            ("x-azml-enum-aliases", !ext.aliases.is_empty()),
        ] {
            if used && !is_enum {
                error(
                    diags,
                    t,
                    key,
                    format!("`{key}` applies to string enums only"),
                );
            }
        }
        if let Kind::Enum(e) = &t.kind {
            if e.open && (ext.lower_case || ext.snake_case || !ext.aliases.is_empty()) {
                error(
                    diags,
                    t,
                    "x-azml-enum-case",
                    "a lower-cased enum must be closed (no `modelAsString`)".into(),
                );
            }
            for value in &e.values {
                if (ext.lower_case || ext.snake_case) && value.wire != value.wire.to_lowercase() {
                    error(
                        diags,
                        t,
                        "x-azml-enum-case",
                        format!("value {:?} is not lower-case", value.wire),
                    );
                }
            }
            for (value, _) in &ext.rest_values {
                if !e.values.iter().any(|v| &v.wire == value) {
                    error(
                        diags,
                        t,
                        "x-azml-rest",
                        format!("{value:?} is not a value of the enum"),
                    );
                }
            }
            for (alias, target) in &ext.aliases {
                if !e.values.iter().any(|v| &v.wire == target) {
                    error(
                        diags,
                        t,
                        "x-azml-enum-aliases",
                        format!(
                            "alias {alias:?} names {target:?}, which is not a value of the enum"
                        ),
                    );
                }
            }
        }
        if !is_struct {
            continue;
        }
        for (a, b) in &ext.exclusive {
            for name in [a, b] {
                if !has_field(ir, id, name) {
                    error(
                        diags,
                        t,
                        "x-azml-exclusive",
                        format!("no property {name:?} in this schema"),
                    );
                }
            }
        }
        if let Some(inherit) = &ext.inherit {
            let Some(from) = inherit.from_ty else {
                error(
                    diags,
                    t,
                    "x-azml-inherit",
                    "`from` does not name a schema".into(),
                );
                continue;
            };
            if !matches!(ir.types.get(from).map(|t| &t.kind), Some(Kind::Struct(_))) {
                error(
                    diags,
                    t,
                    "x-azml-inherit",
                    "`from` must name an object schema".into(),
                );
                continue;
            }
            for name in &inherit.fields {
                for (which, in_id) in [("this schema", id), ("the `from` schema", from)] {
                    if !has_field(ir, in_id, name) {
                        error(
                            diags,
                            t,
                            "x-azml-inherit",
                            format!("no property {name:?} in {which}"),
                        );
                    }
                }
            }
        }
    }
}
