//! Pass: `allOf` named parents are inheritance (as AutoRest reads them). Each struct gets its
//! parents' fields (parents first, in `allOf` order; several parents allowed), then its own.

use crate::diag::Diagnostics;
use crate::ir::{Field, Ir, Kind, Ty, TypeId};

/// Copies inherited fields into every struct.
pub fn run(ir: &mut Ir, diags: &mut Diagnostics) {
    let n = ir.types.len();
    let mut state = vec![0u8; n];
    for id in 0..n {
        resolve(ir, id, &mut state, diags);
    }
}

fn resolve(ir: &mut Ir, id: TypeId, state: &mut [u8], diags: &mut Diagnostics) {
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
    let mut inherited: Vec<Field> = Vec::new();
    let mut extra: Option<Ty> = None;
    let mut extra_checks = None;
    for p in &parents {
        resolve(ir, *p, state, diags);
        match ir.types.get(*p).map(|t| &t.kind) {
            Some(Kind::Struct(psd)) => {
                for f in &psd.fields {
                    merge(&mut inherited, f.clone());
                }
                if extra.is_none() {
                    extra = psd.extra.clone();
                    extra_checks = psd.extra_checks.clone();
                }
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
            merge(&mut inherited, f);
        }
        for f in &mut inherited {
            if sd.required_extra.contains(&f.wire) {
                f.required = true;
            }
        }
        sd.fields = inherited;
        if sd.extra.is_none() {
            sd.extra = extra;
            sd.extra_checks = extra_checks;
        }
    }
    if let Some(s) = state.get_mut(id) {
        *s = 2;
    }
}

fn merge(fields: &mut Vec<Field>, f: Field) {
    match fields.iter_mut().find(|x| x.wire == f.wire) {
        Some(old) => {
            // A redeclared property keeps "required" from either side.
            let required = old.required || f.required;
            *old = f;
            old.required = required;
        }
        None => fields.push(f),
    }
}
