//! Pass: polymorphism. Every struct with a discriminator becomes, where it is used as a value,
//! a tagged union of its descendants (by `x-ms-discriminator-value`, OpenAPI `mapping`, or the
//! definition name), with a catch-all variant for unknown tags.

use crate::diag::Diagnostics;
use crate::ir::{Ir, Kind, Ty, TypeDef, TypeId, UnionDef, Variant};
use std::collections::{BTreeMap, BTreeSet};

/// Builds the unions and points every use of a base at its union.
pub fn run(ir: &mut Ir, diags: &mut Diagnostics) {
    let n = ir.types.len();
    let mut children: BTreeMap<TypeId, Vec<TypeId>> = BTreeMap::new();
    for (id, t) in ir.types.iter().enumerate() {
        if let Kind::Struct(sd) = &t.kind {
            for p in &sd.parents {
                children.entry(*p).or_default().push(id);
            }
        }
    }
    for base in 0..n {
        let (tag, mapping) = match ir.types.get(base).map(|t| &t.kind) {
            Some(Kind::Struct(sd)) => match &sd.discriminator {
                Some(tag) => (tag.clone(), sd.mapping.clone()),
                None => continue,
            },
            _ => continue,
        };
        // Descendants, breadth first, each once.
        let mut order = Vec::new();
        let mut seen = BTreeSet::new();
        let mut queue = vec![base];
        while let Some(t) = queue.first().copied() {
            queue.remove(0);
            for c in children.get(&t).cloned().unwrap_or_default() {
                if seen.insert(c) {
                    order.push(c);
                    queue.push(c);
                }
            }
        }
        let mut variants = Vec::new();
        let mut values = BTreeSet::new();
        let candidates: Vec<TypeId> = std::iter::once(base).chain(order).collect();
        for c in candidates {
            let t = match ir.types.get(c) {
                Some(t) => t,
                None => continue,
            };
            let explicit = match &t.kind {
                Kind::Struct(sd) => sd.discriminator_value.clone(),
                _ => None,
            };
            let mapped = mapping
                .iter()
                .find(|(_, l)| *l == t.loc)
                .map(|(v, _)| v.clone());
            let is_leaf = children.get(&c).is_none_or(|v| v.is_empty());
            let value = match (mapped, explicit) {
                (Some(v), _) | (None, Some(v)) => v,
                (None, None) if c != base && is_leaf => t.hint.clone(),
                _ => continue,
            };
            if !values.insert(value.clone()) {
                let (f, p) = (t.file.clone(), t.loc.pointer.clone());
                diags.warn(
                    &f,
                    &p,
                    format!("discriminator value \"{value}\" is used twice; the first type wins"),
                );
                continue;
            }
            variants.push(Variant {
                tag_value: value,
                ty: c,
                boxed: false,
            });
        }
        let b = match ir.types.get(base) {
            Some(b) => b,
            None => continue,
        };
        if variants.is_empty() {
            let (f, p) = (b.file.clone(), b.loc.pointer.clone());
            diags.warn(
                &f,
                &p,
                "discriminator base without any subtype; used as a plain struct",
            );
            continue;
        }
        let mut loc = b.loc.clone();
        loc.pointer.push_str("/discriminator");
        let union = TypeDef {
            loc,
            file: b.file.clone(),
            hint: format!("{} union", b.hint),
            client_name: b.client_name.as_ref().map(|c| format!("{c} union")),
            named_in_spec: b.named_in_spec,
            doc: b.doc.clone(),
            derives: Vec::new(),
            checks: None,
            ext: Box::default(),
            nullable: b.nullable,
            kind: Kind::Union(UnionDef {
                tag,
                variants,
                base: Some(base),
                open: true,
            }),
        };
        let uid = ir.types.len();
        ir.types.push(union);
        ir.unions_of.insert(base, uid);
    }
    // Every use of a base as a value now means its union.
    let map = ir.unions_of.clone();
    for t in &mut ir.types {
        match &mut t.kind {
            Kind::Struct(sd) => {
                for f in &mut sd.fields {
                    for (b, u) in &map {
                        f.ty.replace(*b, *u);
                    }
                }
                if let Some(e) = &mut sd.extra {
                    for (b, u) in &map {
                        e.replace(*b, *u);
                    }
                }
            }
            Kind::Alias(ty) => {
                for (b, u) in &map {
                    ty.replace(*b, *u);
                }
            }
            Kind::Untagged(ms) => {
                for m in ms {
                    for (b, u) in &map {
                        m.ty.replace(*b, *u);
                    }
                }
            }
            _ => {}
        }
    }
}

/// The type behind a chain of aliases (a few steps at most; a cycle stops the walk).
fn through_aliases<'a>(ir: &'a Ir, mut ty: &'a Ty) -> &'a Ty {
    for _ in 0..8 {
        match ty {
            Ty::Named(id) => match ir.types.get(*id).map(|t| &t.kind) {
                Some(Kind::Alias(inner)) => ty = inner,
                _ => break,
            },
            _ => break,
        }
    }
    ty
}

/// An untagged union whose members all have the same Rust type (ARM's
/// `oneOf: [{type: string, pattern}, {$ref: expression}]`, where the expression is a string
/// too) becomes an alias of that type: the first member would always win anyway.
pub fn collapse_untagged(ir: &mut Ir) {
    for id in 0..ir.types.len() {
        let same = match ir.types.get(id).map(|t| &t.kind) {
            Some(Kind::Untagged(ms)) => {
                let mut tys = ms.iter().map(|m| through_aliases(ir, &m.ty));
                match tys.next() {
                    Some(first) if tys.all(|t| t == first) && *first != Ty::Named(id) => {
                        Some(first.clone())
                    }
                    _ => None,
                }
            }
            _ => None,
        };
        if let (Some(ty), Some(t)) = (same, ir.types.get_mut(id)) {
            t.kind = Kind::Alias(ty);
        }
    }
}
