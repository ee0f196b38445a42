//! Stage 3, naming: Rust identifiers for types, fields and variants. Casing with `heck`;
//! anything that is not an ASCII letter, digit or `_` separates words; keywords become raw
//! identifiers (or get a `_` suffix where raw is not allowed); collisions after conversion
//! get a numeric suffix, in a deterministic order, and are reported as warnings.

use crate::diag::Diagnostics;
use crate::ir::{Ir, Kind, TypeId};
use heck::{ToSnakeCase, ToUpperCamelCase};
use std::collections::{BTreeSet, HashMap};

/// The catch-all variant of open enums and unions.
pub const OTHER: &str = "Other";
/// The field holding `additionalProperties` beside the declared ones.
pub const EXTRA_FIELD: &str = "additional_properties";

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];
const NO_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// Chosen names: `types[id]`, `fields[id][i]` (struct fields, then the extra map if any),
/// `variants[id][i]` (enum values / union variants / untagged members, then the catch-all).
#[derive(Debug, Default)]
pub struct Names {
    /// Type name per type.
    pub types: Vec<String>,
    /// Field names per struct.
    pub fields: Vec<Vec<String>>,
    /// Variant names per enum or union.
    pub variants: Vec<Vec<String>>,
}

/// Replaces every non-identifier character by a space, for heck to split on.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// A valid PascalCase identifier for a type or variant.
pub fn pascal(raw: &str, fallback: &str) -> String {
    let mut s = words(raw).to_upper_camel_case();
    if s.is_empty() {
        s = fallback.to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'N');
    }
    if s == "Self" {
        s.push('_');
    }
    s
}

/// A valid snake_case identifier for a field (`r#` for keywords).
pub fn snake(raw: &str) -> String {
    let mut s = words(raw).to_snake_case();
    if s.is_empty() {
        s = "field".to_string();
    }
    if s.starts_with(|c: char| c.is_ascii_digit()) {
        s.insert(0, 'n');
    }
    if KEYWORDS.contains(&s.as_str()) {
        if NO_RAW.contains(&s.as_str()) {
            s.push('_');
        } else {
            s.insert_str(0, "r#");
        }
    }
    s
}

/// The name without a leading `r#`.
pub fn unraw(s: &str) -> &str {
    s.strip_prefix("r#").unwrap_or(s)
}

/// Takes `want`, or `want` + 2, 3, … if taken; reports a collision.
fn unique(
    used: &mut BTreeSet<String>,
    want: String,
    what: &str,
    diags: &mut Diagnostics,
    file: &str,
    ptr: &str,
) -> String {
    if used.insert(unraw(&want).to_string()) {
        return want;
    }
    // A keyword's `_` suffix goes before the number (`self_` → `self_2`, `Self_` → `Self2`):
    // `self__2` and `Self_2` would trip the case lints of the generated crate.
    let base = unraw(&want).trim_end_matches('_');
    let mut i = 2;
    loop {
        let cand = if want.starts_with("r#")
            || want.chars().next().is_some_and(|c| c.is_ascii_lowercase())
        {
            format!("{base}_{i}")
        } else {
            format!("{base}{i}")
        };
        if used.insert(cand.clone()) {
            diags.warn(
                file,
                ptr,
                format!("{what} name `{}` is taken; using `{cand}`", unraw(&want)),
            );
            return cand;
        }
        i += 1;
    }
}

/// The last segment's name of a type path's text (`:: a :: B < C >` → `B`).
fn last_segment(path: &str) -> &str {
    let before_args = path.split('<').next().unwrap_or(path);
    before_args
        .rsplit("::")
        .next()
        .unwrap_or(before_args)
        .trim()
}

/// Names every type, field and variant.
pub fn run(ir: &Ir, diags: &mut Diagnostics) -> Names {
    let n = ir.types.len();
    let mut names = Names {
        types: vec![String::new(); n],
        fields: vec![Vec::new(); n],
        variants: vec![Vec::new(); n],
    };
    // Spec-named definitions first, then inline types; each group by file and pointer.
    let mut order: Vec<TypeId> = (0..n).collect();
    order.sort_by(|a, b| {
        let (ta, tb) = (&ir.types[*a], &ir.types[*b]);
        (!ta.named_in_spec, &ta.file, &ta.loc.pointer).cmp(&(
            !tb.named_in_spec,
            &tb.file,
            &tb.loc.pointer,
        ))
    });
    let mut used: BTreeSet<String> = BTreeSet::new();
    for id in order {
        let t = &ir.types[id];
        if let Kind::Extern(path) = &t.kind {
            // Not emitted: the name is the path, and takes no name from the others.
            names.types[id] = path.clone();
            continue;
        }
        let raw = t.client_name.clone().unwrap_or_else(|| t.hint.clone());
        let want = pascal(&raw, "Unnamed");
        names.types[id] = unique(&mut used, want, "type", diags, &t.file, &t.loc.pointer);
    }
    // Inherited fields and shared enum values repeat the same names: convert each once.
    let mut snakes: HashMap<&str, String> = HashMap::new();
    let mut pascals: HashMap<&str, String> = HashMap::new();
    for (id, t) in ir.types.iter().enumerate() {
        match &t.kind {
            Kind::Struct(sd) => {
                let mut used = BTreeSet::new();
                let mut out = Vec::new();
                for f in &sd.fields {
                    let raw = f.client_name.as_deref().unwrap_or(&f.wire);
                    let want = snakes.entry(raw).or_insert_with(|| snake(raw)).clone();
                    out.push(unique(&mut used, want, "field", diags, &t.file, &f.pointer));
                }
                if sd.extra.is_some() {
                    out.push(unique(
                        &mut used,
                        EXTRA_FIELD.to_string(),
                        "field",
                        diags,
                        &t.file,
                        &t.loc.pointer,
                    ));
                }
                names.fields[id] = out;
            }
            Kind::Enum(e) => {
                let mut used = BTreeSet::new();
                if e.open {
                    used.insert(OTHER.to_string());
                }
                names.variants[id] = e
                    .values
                    .iter()
                    .map(|v| {
                        let raw = v.name.as_deref().unwrap_or(&v.wire);
                        let want = pascals
                            .entry(raw)
                            .or_insert_with(|| pascal(raw, "Empty"))
                            .clone();
                        unique(&mut used, want, "variant", diags, &t.file, &t.loc.pointer)
                    })
                    .collect();
            }
            Kind::Union(u) => {
                let mut used = BTreeSet::from([OTHER.to_string()]);
                names.variants[id] = u
                    .variants
                    .iter()
                    .map(|v| {
                        unique(
                            &mut used,
                            pascal(&v.tag_value, "Empty"),
                            "variant",
                            diags,
                            &t.file,
                            &t.loc.pointer,
                        )
                    })
                    .collect();
            }
            Kind::Untagged(ms) => {
                let mut used = BTreeSet::from([OTHER.to_string()]);
                let mut out = Vec::new();
                for m in ms {
                    let want = match &m.ty {
                        crate::ir::Ty::Named(tid) => match ir.types.get(*tid).map(|t| &t.kind) {
                            Some(Kind::Extern(path)) => ir
                                .types
                                .get(*tid)
                                .map(|e| e.client_name.clone().unwrap_or_else(|| e.hint.clone()))
                                .unwrap_or_else(|| last_segment(path).to_string()),
                            _ => names.types.get(*tid).cloned().unwrap_or_default(),
                        },
                        crate::ir::Ty::String => "String".into(),
                        crate::ir::Ty::Bool => "Bool".into(),
                        crate::ir::Ty::I32 | crate::ir::Ty::I64 => "Integer".into(),
                        crate::ir::Ty::F32 | crate::ir::Ty::F64 => "Number".into(),
                        crate::ir::Ty::Value => "Value".into(),
                        crate::ir::Ty::Array(_) => "Array".into(),
                        crate::ir::Ty::Map(_) => "Map".into(),
                        crate::ir::Ty::Nullable(_) => "Nullable".into(),
                    };
                    out.push(unique(
                        &mut used,
                        pascal(&want, "Variant"),
                        "variant",
                        diags,
                        &t.file,
                        &t.loc.pointer,
                    ));
                }
                names.variants[id] = out;
            }
            _ => {}
        }
    }
    names
}
