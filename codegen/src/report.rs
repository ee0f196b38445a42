//! What a run produced: counts, fallbacks, warnings, and the Rust type of every schema.

use crate::diag::Diagnostic;
use crate::ir::{Ir, Kind};
use crate::load::Loc;
use crate::naming::Names;
use serde::Serialize;
use std::collections::BTreeMap;

/// One untyped fallback: a schema that became `serde_json::Value`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Place {
    /// File, relative to the root.
    pub file: String,
    /// JSON pointer.
    pub pointer: String,
    /// Why no typed value fits (`no type: any value`, `` `true`: any value ``, …).
    pub reason: String,
}

/// The generator's report (serializable to JSON, e.g. for `--report`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Report {
    /// Named definitions in the given spec files.
    pub definitions: usize,
    /// Types emitted, by kind (`struct`, `open_enum`, `closed_enum`, `union`, `untagged`, `alias`).
    pub types: BTreeMap<String, usize>,
    /// Total types emitted.
    pub types_total: usize,
    /// Schemas that fell back to an untyped JSON value.
    pub untyped_fallbacks: Vec<Place>,
    /// The number of fallbacks for each reason.
    pub fallback_reasons: BTreeMap<String, usize>,
    /// Warnings (tolerated quirks, collisions, fallbacks).
    pub warnings: Vec<Diagnostic>,
    /// The Rust type used for each schema location (`file#pointer`); a polymorphic base maps
    /// to its union, a schema that allows `null` itself to `Option<Type>`.
    pub schemas: BTreeMap<String, String>,
}

/// Builds the report.
pub fn build(
    ir: &Ir,
    names: &Names,
    definitions: usize,
    untyped: &[(String, String, String)],
    warnings: Vec<Diagnostic>,
    display: impl Fn(&Loc) -> String,
) -> Report {
    let mut types: BTreeMap<String, usize> = BTreeMap::new();
    for t in &ir.types {
        let k = match &t.kind {
            Kind::Struct(_) => "struct",
            Kind::Enum(e) if e.open => "open_enum",
            Kind::Enum(_) => "closed_enum",
            Kind::Union(_) => "union",
            Kind::Untagged(_) => "untagged",
            Kind::Alias(_) => "alias",
            Kind::Pending | Kind::Extern(_) => continue,
        };
        *types.entry(k.to_string()).or_default() += 1;
    }
    let mut schemas = BTreeMap::new();
    for (loc, id) in &ir.by_loc {
        let id = ir.unions_of.get(id).copied().unwrap_or(*id);
        let nullable = ir.types.get(id).is_some_and(|t| t.nullable);
        let rust = match (ir.types.get(id).map(|t| &t.kind), names.types.get(id)) {
            (Some(Kind::Extern(path)), _) => Some(path.as_str().to_string()),
            (_, Some(Some(n))) if nullable => Some(format!("Option<{n}>")),
            (_, Some(Some(n))) => Some(n.to_string()),
            _ => None,
        };
        if let Some(n) = rust {
            schemas.insert(format!("{}#{}", display(loc), loc.pointer), n);
        }
    }
    let mut untyped_fallbacks: Vec<Place> = untyped
        .iter()
        .map(|(f, p, r)| Place {
            file: f.clone(),
            pointer: p.clone(),
            reason: r.clone(),
        })
        .collect();
    untyped_fallbacks.dedup();
    let mut fallback_reasons = BTreeMap::new();
    for p in &untyped_fallbacks {
        *fallback_reasons.entry(p.reason.clone()).or_default() += 1;
    }
    Report {
        definitions,
        types_total: types.values().sum(),
        types,
        untyped_fallbacks,
        fallback_reasons,
        warnings,
        schemas,
    }
}
