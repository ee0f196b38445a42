//! Stage 4, serde impls of a struct without an extra-keys map, as syntax trees over the
//! helpers in `::azml::__codegen` (see `runtime/src/__codegen/`): serde's behaviour, one
//! statement a field in `Serialize`, one slot and one match arm a field in `from_map`, and
//! no generic code per struct.

use crate::emit::Writer;
use crate::emit_struct::FieldKind;
use crate::ir::{StructDef, TypeId};
use crate::naming::Name;
use crate::syntax::{
    arm, array, call, field, ident, impl_const, impl_fn, impl_from, int, let_, lit_str, lit_usize,
    match_on, method, path, path_expr, qualified, reference, semi, struct_expr, tail, try_, ty,
    var,
};
use syn::{Expr, Item, Pat, Stmt};

impl Writer<'_> {
    /// `Serialize` through `StructWriter`: what serde's derive does (optional fields skipped
    /// when `None`), one statement a field.
    pub(crate) fn serialize_impl(&self, id: TypeId, sd: &StructDef, fnames: &[Name]) -> Item {
        let name = self.name(id);
        let kinds: Vec<FieldKind> = sd.fields.iter().map(FieldKind::of).collect();
        let required = kinds.iter().filter(|k| !k.optional()).count();
        let this = || var("self");
        let present = fnames
            .iter()
            .zip(&kinds)
            .filter(|(_, k)| k.optional())
            .map(|(n, _)| method(field(this(), n), "is_some", []));
        let new = path_expr(path(true, &["azml", "__codegen", "StructWriter", "new"]));
        let start = call(
            new,
            [
                var("serializer"),
                lit_str(name.as_str()),
                lit_usize(required),
                reference(array(present), false),
            ],
        );
        let mut stmts = Vec::with_capacity(sd.fields.len() + 2);
        stmts.push(let_(!sd.fields.is_empty(), ident("s"), start));
        for ((f, n), k) in sd.fields.iter().zip(fnames).zip(&kinds) {
            let write = if k.optional() { "optional" } else { "field" };
            let value = reference(field(this(), n), false);
            stmts.push(semi(method(var("s"), write, [lit_str(&f.wire), value])));
        }
        stmts.push(tail(method(var("s"), "end", [])));
        let fixed = &self.fixed;
        impl_from(
            &fixed.serialize,
            self.named_ty(id),
            vec![impl_fn(&fixed.serialize_fn, stmts)],
        )
    }

    /// `Deserialize` (the same impl for every struct, written by the runtime's
    /// `deserialize_from_map!`) and `FromMap` through `MapReader`: serde's behaviour for maps
    /// (unknown keys ignored, duplicate and missing fields refused, `null` for an optional
    /// nullable field kept as `Some(None)`). A struct with a `Default` is read in place, one
    /// match arm a field; another has one slot a field, an `Option` whose type the struct
    /// expression at the end infers: `Option<T>` for a required field (`None` until read),
    /// the field's own type for the others. The body names no field type (a spec type `A`
    /// would be shadowed by the generic parameter), and `None` is the standard library's
    /// whatever the module around defines.
    pub(crate) fn deserialize_impls(
        &self,
        id: TypeId,
        sd: &StructDef,
        fnames: &[Name],
    ) -> [Item; 2] {
        let fixed = &self.fixed;
        let name = self.name(id);
        let r = || var("r");
        let in_place = self.defaultable(id);
        let mut stmts = Vec::with_capacity(sd.fields.len() + 6);
        // The statements after the map: required fields, constructor defaults.
        let mut after = Vec::new();
        let mut values = Vec::with_capacity(sd.fields.len());
        let body = if sd.fields.is_empty() {
            vec![semi(try_(method(r(), "skip", [])))]
        } else {
            if in_place {
                let this = ty(path(false, &["Self"]));
                let default = qualified(this, true, &["std", "default", "Default"], "default");
                stmts.push(let_(true, ident("v"), call(default, [])));
            } else {
                stmts.push(fixed.use_none.clone());
            }
            let mut arms = Vec::with_capacity(sd.fields.len() + 1);
            let mut required = Vec::new();
            for (i, (f, n)) in sd.fields.iter().zip(fnames).enumerate() {
                let kind = FieldKind::of(f);
                let place = if in_place {
                    field(var("v"), n)
                } else {
                    let slot = format!("f{i}");
                    stmts.push(let_(true, ident(&slot), var("None")));
                    values.push((n.ident(), var(&slot)));
                    var(&slot)
                };
                // `field` reads the value in place; `value` stores `Some(value)` (a slot,
                // or the outer `Option` of an optional nullable field); `option` reads the
                // field's own `Option`.
                let read = match kind {
                    FieldKind::Required if in_place => "field",
                    FieldKind::Required | FieldKind::OptionalNullable => "value",
                    FieldKind::Optional | FieldKind::RequiredNullable => "option",
                };
                arms.push(arm(
                    Pat::Lit(int(i)),
                    method(r(), read, [reference(place.clone(), true)]),
                ));
                if kind == FieldKind::Required {
                    if in_place {
                        required.push(lit_usize(i));
                    } else if let Some((_, value)) = values.last_mut() {
                        *value = try_(method(r(), "required", [place, lit_str(&f.wire)]));
                    }
                } else if let (true, Some(default)) = (kind.optional(), &f.ext.default) {
                    // `x-azml-default`: the constructor's value, read from its JSON text; on
                    // a nullable field only when absent (a `null` read is `Some(None)`).
                    let fill = path_expr(path(true, &["azml", "__codegen", "default_into"]));
                    let json = lit_str(&default.to_string());
                    after.push(semi(call(fill, [reference(place, true), json])));
                }
            }
            if !required.is_empty() {
                let check = method(r(), "require", [reference(array(required), false)]);
                after.insert(0, semi(try_(check)));
            }
            arms.push(arm(
                Pat::Wild(syn::PatWild {
                    attrs: Vec::new(),
                    underscore_token: Default::default(),
                }),
                method(r(), "skip", []),
            ));
            vec![semi(try_(match_on(method(r(), "index", []), arms)))]
        };
        // A block-like statement: no `;`.
        stmts.push(Stmt::Expr(
            Expr::While(syn::ExprWhile {
                attrs: Vec::new(),
                label: None,
                while_token: Default::default(),
                cond: Box::new(try_(method(r(), "next_key", []))),
                body: crate::syntax::block(body),
            }),
            None,
        ));
        stmts.extend(after);
        let built = if in_place && !sd.fields.is_empty() {
            var("v")
        } else {
            struct_expr(path(false, &["Self"]), values, None)
        };
        let ok = path_expr(path(true, &["std", "result", "Result", "Ok"]));
        stmts.push(tail(call(ok, [built])));
        let items = vec![
            impl_const("NAME", fixed.static_str.clone(), lit_str(name.as_str())),
            impl_const(
                "FIELDS",
                fixed.static_strs.clone(),
                reference(array(sd.fields.iter().map(|f| lit_str(&f.wire))), false),
            ),
            impl_fn(&fixed.from_map_fn, stmts),
        ];
        let deserialize = Item::Macro(syn::ItemMacro {
            attrs: Vec::new(),
            ident: None,
            mac: syn::Macro {
                path: path(true, &["azml", "__codegen", "deserialize_from_map"]),
                bang_token: Default::default(),
                delimiter: syn::MacroDelimiter::Paren(Default::default()),
                tokens: quote::ToTokens::to_token_stream(name),
            },
            semi_token: Some(Default::default()),
        });
        [
            deserialize,
            impl_from(&fixed.from_map, self.named_ty(id), items),
        ]
    }
}
