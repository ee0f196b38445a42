//! Pass: `allOf` named parents are inheritance (as AutoRest reads them). Each struct gets its
//! parents' fields (parents first, in `allOf` order; several parents allowed), then its own.

use std::collections::HashMap;

use crate::diag::Diagnostics;
use crate::ir::{Field, Ir, Kind, Ty, TypeId};

/// Deepest `allOf` inheritance followed (the official Azure specs go a few levels deep).
pub const MAX_DEPTH: usize = 64;
/// Most fields of all structs together after inheritance: each struct holds a copy of its
/// ancestors' fields, so a long chain or a wide parent could otherwise multiply a small spec
/// into gigabytes of output.
pub const MAX_FIELDS: usize = 200_000;

/// Copies inherited fields into every struct.
pub fn run(ir: &mut Ir, diags: &mut Diagnostics) {
    let n = ir.types.len();
    let mut state = vec![0u8; n];
    let mut budget = Budget {
        fields: 0,
        exceeded: false,
    };
    for id in 0..n {
        resolve(ir, id, &mut state, diags, 0, &mut budget);
        if budget.exceeded {
            return;
        }
    }
    // Open objects whose spec says nothing keep undeclared keys, when no parent decided.
    for t in &mut ir.types {
        if let Kind::Struct(sd) = &mut t.kind {
            if sd.open_default && sd.extra.is_none() && !sd.closed {
                sd.extra = Some(Ty::Value);
            }
        }
    }
}

/// The fields copied so far, against [`MAX_FIELDS`].
struct Budget {
    fields: usize,
    exceeded: bool,
}

fn resolve(
    ir: &mut Ir,
    id: TypeId,
    state: &mut [u8],
    diags: &mut Diagnostics,
    depth: usize,
    budget: &mut Budget,
) {
    if budget.exceeded {
        return;
    }
    if depth > MAX_DEPTH && state.get(id) == Some(&0) {
        if let Some(t) = ir.types.get(id) {
            diags.error(
                &t.file,
                &t.loc.pointer,
                format!("allOf inheritance deeper than {MAX_DEPTH} levels"),
            );
        }
        if let Some(s) = state.get_mut(id) {
            *s = 2;
        }
        return;
    }
    match state.get(id) {
        Some(0) => {}
        Some(1) => {
            if let Some(t) = ir.types.get(id) {
                diags.error(&t.file, &t.loc.pointer, "allOf inheritance cycle");
            }
            return;
        }
        _ => return,
    }
    if let Some(s) = state.get_mut(id) {
        *s = 1;
    }
    let parents = match ir.types.get(id).map(|t| &t.kind) {
        Some(Kind::Struct(sd)) => sd.parents.clone(),
        _ => Vec::new(),
    };
    let mut inherited = Fields::default();
    let mut extra: Option<Ty> = None;
    let mut extra_checks = None;
    let mut patterns = Vec::new();
    let mut forbidden = Vec::new();
    for p in &parents {
        resolve(ir, *p, state, diags, depth + 1, budget);
        match ir.types.get(*p).map(|t| &t.kind) {
            Some(Kind::Struct(psd)) => {
                for f in &psd.fields {
                    inherited.merge(f.clone());
                }
                if extra.is_none() {
                    extra = psd.extra.clone();
                    extra_checks = psd.extra_checks.clone();
                }
                patterns.extend(psd.patterns.iter().cloned());
                forbidden.extend(psd.forbidden.iter().cloned());
            }
            Some(Kind::Alias(Ty::Value)) | Some(Kind::Alias(Ty::Map(_))) => {
                extra.get_or_insert(Ty::Value);
            }
            _ => {
                if let Some(t) = ir.types.get(id) {
                    let (file, ptr) = (t.file.clone(), t.loc.pointer.clone());
                    diags.warn(
                        &file,
                        &ptr,
                        "an allOf parent is not an object schema; its shape is ignored",
                    );
                }
            }
        }
    }
    if let Some(Kind::Struct(sd)) = ir.types.get_mut(id).map(|t| &mut t.kind) {
        for f in sd.fields.drain(..) {
            inherited.merge(f);
        }
        let mut fields = inherited.list;
        for f in &mut fields {
            if sd.required_extra.contains(&f.wire) {
                f.required = true;
            }
        }
        budget.fields += fields.len();
        sd.fields = fields;
        if budget.fields > MAX_FIELDS {
            budget.exceeded = true;
            if let Some(t) = ir.types.get(id) {
                diags.error(
                    &t.file,
                    &t.loc.pointer,
                    format!(
                        "allOf inheritance makes more than {MAX_FIELDS} struct fields in all (each struct copies its parents' fields); the spec is too large to generate"
                    ),
                );
            }
            return;
        }
        if sd.extra.is_none() {
            sd.extra = extra;
            sd.extra_checks = extra_checks;
        }
        for p in patterns {
            if !sd.patterns.iter().any(|q| q.pattern == p.pattern) {
                sd.patterns.push(p);
            }
        }
        for f in forbidden {
            if !sd.forbidden.contains(&f) && !sd.fields.iter().any(|x| x.wire == f) {
                sd.forbidden.push(f);
            }
        }
    }
    if let Some(s) = state.get_mut(id) {
        *s = 2;
    }
}

/// Fields in order, with an index by wire name (a linear search per field made wide
/// structs quadratic).
#[derive(Default)]
struct Fields {
    list: Vec<Field>,
    index: HashMap<String, usize>,
}

impl Fields {
    fn merge(&mut self, f: Field) {
        match self.index.get(&f.wire) {
            Some(&i) => {
                let old = &mut self.list[i];
                // A redeclared property keeps "required" from either side.
                let required = old.required || f.required;
                *old = f;
                old.required = required;
            }
            None => {
                self.index.insert(f.wire.clone(), self.list.len());
                self.list.push(f);
            }
        }
    }
}
