//! Stage 4, serde impls of a struct without an extra-keys map, as syntax trees over the
//! helpers in `::azml::__codegen` (see `runtime/src/__codegen/`): serde's behaviour, one
//! statement a field in `Serialize`, one slot and one match arm a field in `from_map`, and
//! no generic code per struct.

use crate::emit::Writer;
use crate::emit_struct::FieldKind;
use crate::ir::{StructDef, TypeId};
use crate::naming::Name;
use crate::syntax::{
    add, arm, array, call, field, ident, impl_const, impl_fn, impl_from, int, let_, lit_str,
    lit_usize, match_on, method, path, path_expr, qualified, reference, semi, struct_expr, tail,
    try_, ty, var,
};
use syn::{Expr, Item, Pat, Stmt};

impl Writer<'_> {
    /// `Serialize` through `StructWriter`: what serde's derive does (optional fields skipped
    /// when `None`), one statement a field.
    pub(crate) fn serialize_impl(&self, id: TypeId, sd: &StructDef, fnames: &[Name]) -> Item {
        let kinds: Vec<FieldKind> = sd.fields.iter().map(|f| self.field_kind(f)).collect();
        let this = || var("self");
        // The maps after the fields: one a key pattern, then the extra keys.
        let maps: Vec<&Name> = fnames
            .iter()
            .skip(sd.fields.len())
            .take(sd.patterns.len() + usize::from(sd.extra.is_some()))
            .collect();
        let mut required = lit_usize(kinds.iter().filter(|k| !k.optional()).count());
        for n in &maps {
            required = add(required, method(field(this(), n), "len", []));
        }
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
                required,
                reference(array(present), false),
            ],
        );
        let mut stmts = Vec::with_capacity(sd.fields.len() + maps.len() + 2);
        let writes = !sd.fields.is_empty() || !maps.is_empty();
        stmts.push(let_(writes, ident("s"), start));
        for ((f, n), k) in sd.fields.iter().zip(fnames).zip(&kinds) {
            let write = if k.optional() { "optional" } else { "field" };
            let value = reference(field(this(), n), false);
            stmts.push(semi(method(var("s"), write, [lit_str(&f.wire), value])));
        }
        for n in &maps {
            let value = reference(field(this(), n), false);
            stmts.push(semi(method(var("s"), "extra", [value])));
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
        let other_keys = if sd.extra.is_some() || !sd.patterns.is_empty() {
            "extra"
        } else if sd.closed {
            "deny"
        } else {
            "skip"
        };
        let body = if sd.fields.is_empty() && sd.forbidden.is_empty() && other_keys != "extra" {
            vec![semi(try_(method(r(), other_keys, [])))]
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
                let kind = self.field_kind(f);
                let place = if in_place {
                    field(var("v"), n)
                } else {
                    let slot = format!("f{i}");
                    stmts.push(let_(true, ident(&slot), var("None")));
                    values.push((n.ident(), var(&slot)));
                    var(&slot)
                };
                // `field` reads the value in place; `value` stores `Some(value)` (a slot, an
                // optional field, or the outer `Option` of an optional nullable one); `option`
                // reads a required nullable field's own `Option`.
                // An optional field that is not nullable refuses `null`, as its validator does.
                let read = match kind {
                    FieldKind::Required if in_place => "field",
                    FieldKind::RequiredNullable if in_place => "option",
                    _ => "value",
                };
                arms.push(arm(
                    Pat::Lit(int(i)),
                    method(r(), read, [reference(place.clone(), true)]),
                ));
                // A required nullable field is required too: `null` is its `None`, an absent
                // key is refused, as its validator does.
                if matches!(kind, FieldKind::Required | FieldKind::RequiredNullable) {
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
            for i in 0..sd.forbidden.len() {
                arms.push(arm(
                    Pat::Lit(int(sd.fields.len() + i)),
                    method(r(), "deny", []),
                ));
            }
            // The maps after the fields: one a key pattern, then the extra keys.
            let mut maps = Vec::new();
            for (i, n) in fnames.iter().enumerate().skip(sd.fields.len()) {
                let place = if in_place {
                    field(var("v"), n)
                } else {
                    let slot = format!("m{i}");
                    let default = path_expr(path(true, &["std", "default", "Default", "default"]));
                    stmts.push(let_(true, ident(&slot), call(default, [])));
                    values.push((n.ident(), var(&slot)));
                    var(&slot)
                };
                maps.push(place);
            }
            for (i, (p, place)) in sd.patterns.iter().zip(&maps).enumerate() {
                let (pname, source) = (ident(&format!("__P{i}")), p.pattern.as_str());
                stmts.push(syn::parse_quote! {
                    static #pname: ::azml::validate::Pattern = ::azml::validate::Pattern::new(#source);
                });
                let mut guarded = arm(
                    Pat::Wild(syn::PatWild {
                        attrs: Vec::new(),
                        underscore_token: Default::default(),
                    }),
                    method(r(), "extra", [reference(place.clone(), true)]),
                );
                guarded.guard = Some((
                    Default::default(),
                    Box::new(
                        syn::parse_quote!(#pname.is_match(r.key()) == ::std::result::Result::Ok(true)),
                    ),
                ));
                arms.push(guarded);
            }
            let rest = match (&sd.extra, maps.last()) {
                (Some(_), Some(place)) => method(r(), "extra", [reference(place.clone(), true)]),
                _ => method(r(), if sd.closed { "deny" } else { "skip" }, []),
            };
            arms.push(arm(
                Pat::Wild(syn::PatWild {
                    attrs: Vec::new(),
                    underscore_token: Default::default(),
                }),
                rest,
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
        let built = if in_place && (!sd.fields.is_empty() || other_keys == "extra") {
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
                reference(
                    array(
                        (sd.fields.iter().map(|f| f.wire.as_str()))
                            .chain(sd.forbidden.iter().map(String::as_str))
                            .map(lit_str),
                    ),
                    false,
                ),
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
