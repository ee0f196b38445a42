//! Stage 3, naming: Rust identifiers for types, fields and variants. Casing with `heck`;
//! anything that is not an ASCII letter, digit or `_` separates words; keywords become raw
//! identifiers (or get a `_` suffix where raw is not allowed); collisions after conversion
//! get a numeric suffix, in a deterministic order, and are reported as warnings. A chosen
//! name is a [`Name`], which only this module makes: the emitter has no other way to write an
//! identifier that comes from a spec.

use crate::diag::Diagnostics;
use crate::ir::{Ir, Kind, TypeId};
use heck::{ToSnakeCase, ToUpperCamelCase};
use proc_macro2::{Ident, Span};
use std::collections::{BTreeSet, HashMap};
use std::fmt;

/// The catch-all variant of open enums and unions.
pub const OTHER: &str = "Other";
/// The field holding `additionalProperties` beside the declared ones.
pub const EXTRA_FIELD: &str = "additional_properties";
/// The field holding the keys of one `patternProperties` pattern.
pub const PATTERN_FIELD: &str = "pattern_properties";

const KEYWORDS: &[&str] = &[
    "as", "break", "const", "continue", "crate", "else", "enum", "extern", "false", "fn", "for",
    "if", "impl", "in", "let", "loop", "match", "mod", "move", "mut", "pub", "ref", "return",
    "self", "Self", "static", "struct", "super", "trait", "true", "type", "unsafe", "use", "where",
    "while", "async", "await", "dyn", "abstract", "become", "box", "do", "final", "macro",
    "override", "priv", "typeof", "unsized", "virtual", "yield", "try", "gen",
];
const NO_RAW: &[&str] = &["crate", "self", "Self", "super"];

/// A Rust identifier chosen by this stage: ASCII letters, digits and `_`, not a digit first,
/// not `_` alone, a keyword only as a raw identifier (`r#type`) and never one that cannot be
/// raw (`self`). Only this module makes one.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Name(String);

impl Name {
    /// `text` when it is such an identifier.
    fn checked(text: String) -> Option<Name> {
        let (bare, raw) = match text.strip_prefix("r#") {
            Some(bare) => (bare, true),
            None => (text.as_str(), false),
        };
        let valid = bare
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
            && bare.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
            && bare != "_";
        let keyword = KEYWORDS.contains(&bare);
        let ok = valid && keyword == raw && !(raw && NO_RAW.contains(&bare));
        ok.then_some(Name(text))
    }

    /// The identifier's text (`r#type` for a raw one).
    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The text without a leading `r#`.
    pub fn unraw(&self) -> &str {
        unraw(&self.0)
    }

    /// The identifier token.
    pub fn ident(&self) -> Ident {
        match self.0.strip_prefix("r#") {
            Some(bare) => Ident::new_raw(bare, Span::call_site()),
            None => Ident::new(&self.0, Span::call_site()),
        }
    }
}

impl fmt::Display for Name {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl quote::ToTokens for Name {
    fn to_tokens(&self, tokens: &mut proc_macro2::TokenStream) {
        tokens.extend([proc_macro2::TokenTree::Ident(self.ident())]);
    }
}

/// Chosen names: `types[id]` (none for a hand-written `x-azml-type`, which is its path),
/// `fields[id][i]` (struct fields, then one map a key pattern, then the extra map if any), `variants[id][i]` (enum
/// values / union variants / untagged members).
#[derive(Debug, Default)]
pub struct Names {
    /// Type name per type.
    pub types: Vec<Option<Name>>,
    /// Field names per struct.
    pub fields: Vec<Vec<Name>>,
    /// Variant names per enum or union.
    pub variants: Vec<Vec<Name>>,
}

/// Replaces every non-identifier character by a space, for heck to split on.
fn words(raw: &str) -> String {
    raw.chars()
        .map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' })
        .collect()
}

/// A PascalCase identifier for a type or variant (`fallback`, a valid one, when `raw` has no
/// letter or digit).
pub fn pascal(raw: &str, fallback: &str) -> Name {
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
    Name::checked(s).unwrap_or_else(|| Name("Unnamed".to_string()))
}

/// A snake_case identifier for a field (`r#` for keywords).
pub fn snake(raw: &str) -> Name {
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
    Name::checked(s).unwrap_or_else(|| Name("field".to_string()))
}

/// The name without a leading `r#`.
fn unraw(s: &str) -> &str {
    s.strip_prefix("r#").unwrap_or(s)
}

/// Takes `want`, or `want` + 2, 3, … if taken; reports a collision.
fn unique(
    used: &mut BTreeSet<String>,
    want: Name,
    what: &str,
    diags: &mut Diagnostics,
    file: &str,
    ptr: &str,
) -> Name {
    if used.insert(want.unraw().to_string()) {
        return want;
    }
    // A keyword's `_` suffix goes before the number (`self_` → `self_2`, `Self_` → `Self2`):
    // `self__2` and `Self_2` would trip the case lints of the generated crate.
    let base = want.unraw().trim_end_matches('_');
    let mut i = 2;
    loop {
        let text = if want.0.starts_with("r#")
            || want
                .0
                .chars()
                .next()
                .is_some_and(|c| c.is_ascii_lowercase())
        {
            format!("{base}_{i}")
        } else {
            format!("{base}{i}")
        };
        // Always an identifier (`base` is the start of one, without a keyword's `_`).
        if let Some(cand) = Name::checked(text) {
            if used.insert(cand.0.clone()) {
                diags.warn(
                    file,
                    ptr,
                    format!("{what} name `{}` is taken; using `{cand}`", want.unraw()),
                );
                return cand;
            }
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
        types: vec![None; n],
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
        if let Kind::Extern(_) = &t.kind {
            // Not emitted: the path names it, and takes no name from the others.
            continue;
        }
        let raw = t.client_name.clone().unwrap_or_else(|| t.hint.clone());
        let want = pascal(&raw, "Unnamed");
        names.types[id] = Some(unique(
            &mut used,
            want,
            "type",
            diags,
            &t.file,
            &t.loc.pointer,
        ));
    }
    // Inherited fields and shared enum values repeat the same names: convert each once.
    let mut snakes: HashMap<&str, Name> = HashMap::new();
    let mut pascals: HashMap<&str, Name> = HashMap::new();
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
                for _ in &sd.patterns {
                    out.push(unique(
                        &mut used,
                        Name(PATTERN_FIELD.to_string()),
                        "field",
                        diags,
                        &t.file,
                        &t.loc.pointer,
                    ));
                }
                if sd.extra.is_some() {
                    out.push(unique(
                        &mut used,
                        Name(EXTRA_FIELD.to_string()),
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
                                .unwrap_or_else(|| last_segment(path.as_str()).to_string()),
                            _ => names
                                .types
                                .get(*tid)
                                .and_then(|n| n.as_ref())
                                .map(|n| n.0.clone())
                                .unwrap_or_default(),
                        },
                        crate::ir::Ty::String => "String".into(),
                        crate::ir::Ty::Bool => "Bool".into(),
                        crate::ir::Ty::I32 | crate::ir::Ty::I64 => "Integer".into(),
                        crate::ir::Ty::F64 => "Number".into(),
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

#[cfg(test)]
mod tests {
    use super::{pascal, snake};
    use proptest::prelude::*;

    proptest! {
        /// Any spec text gives an identifier token, never a panic, with the name's text.
        #[test]
        fn every_name_is_an_identifier(raw in "\\PC{0,12}") {
            for name in [pascal(&raw, "Empty"), snake(&raw)] {
                prop_assert_eq!(name.ident().to_string(), name.as_str());
            }
        }
    }

    #[test]
    fn keywords_are_raw_or_suffixed() {
        assert_eq!(snake("type").ident().to_string(), "r#type");
        assert_eq!(snake("self").as_str(), "self_");
        assert_eq!(pascal("self", "Empty").as_str(), "Self_");
        assert_eq!(pascal("1st", "Empty").as_str(), "N1st");
        assert_eq!(pascal("", "Empty").as_str(), "Empty");
    }
}
