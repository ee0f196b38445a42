//! Stage 4, code: the Rust items of the named IR, printed by [`crate::pretty`]. The items most
//! repeated (a struct, its serde impls, `Validate` impls) are built as `syn` trees directly
//! (`syntax`); the others as tokens with `quote`, then parsed by `syn`. Build time of
//! the output is a goal: structs get small hand-written `Serialize`/`Deserialize` impls over
//! the helpers in `::azml::__codegen` rather than serde's derives (kept only where `flatten`
//! is needed), since the derives' expansion is most of what a large generated module costs
//! to compile.
//!
//! What comes from a spec can enter the output only three ways: text as a string literal
//! (`quote` turns every interpolated `&str` or `String` into one, `syntax` makes a
//! `syn::LitStr`) or a doc attribute (`emit_docs`), identifiers as [`Name`]s chosen by
//! `naming` (nothing else here makes an identifier from spec text), and hand-written types as
//! the parsed [`syn::TypePath`] of a checked [`crate::extern_type::ExternType`] (the only spec
//! text parsed as code, and checked).

use crate::diag::Diagnostic;
use crate::ir::{Ir, Kind, Ty, TypeDef, TypeId};
use crate::naming::{Name, Names};
use crate::pretty::{self, Printed};
use crate::syntax::{self, generic, path};
use proc_macro2::TokenStream;
use std::sync::atomic::{AtomicUsize, Ordering};
use syn::{parse_quote, Item, ItemImpl, Signature, Stmt, Type};

/// Fewest types for which writing on two threads pays off.
const PARALLEL_MIN: usize = 200;

/// Types built and printed together. One at a time is the fastest: a type's syntax trees are
/// printed and freed while still in the cache, and the memory they free is what the next one
/// takes (on the official set, a run's CPU time is a tenth higher with 16 types a batch and a
/// third higher with 64); taking the next type costs one atomic increment.
const BATCH: usize = 1;

/// Emits every type, sorted by name. Shared by the writing threads; each writes through a
/// `Writer` of its own (tokens cannot move between threads).
pub struct Emitter<'a> {
    ir: &'a Ir,
    names: &'a Names,
    defaultable: Vec<bool>,
}

/// One thread's view of the emitter: the hand-written types parsed, and the problems found.
pub(crate) struct Writer<'a> {
    pub(crate) ir: &'a Ir,
    names: &'a Names,
    defaultable: &'a [bool],
    /// The parsed path of each `x-azml-type` (by type id).
    externs: Vec<Option<syn::TypePath>>,
    /// The fixed parts of the syntax trees, parsed once.
    pub(crate) fixed: Fixed,
    problems: Vec<Diagnostic>,
    /// Stands for a type without a name (never expected: `naming` names them all).
    unnamed: Name,
}

impl<'a> Emitter<'a> {
    /// An emitter over named IR.
    pub fn new(ir: &'a Ir, names: &'a Names) -> Self {
        Emitter {
            ir,
            names,
            defaultable: defaultable(ir),
        }
    }

    /// The whole module, sorted by type name, with the problems of types whose tokens did not
    /// parse. The types are written in batches, taken in turn by up to two threads (when there
    /// are two cores and enough types), then joined in order: the text is the same either way.
    pub fn code(&self) -> (String, Vec<Diagnostic>) {
        let mut ids: Vec<TypeId> = (0..self.ir.types.len()).collect();
        ids.sort_by(|a, b| self.names.types.get(*a).cmp(&self.names.types.get(*b)));
        let batches: Vec<&[TypeId]> = ids.chunks(BATCH).collect();
        let next = AtomicUsize::new(0);
        let threads = std::thread::available_parallelism().map_or(1, usize::from);
        let done = if threads > 1 && ids.len() >= PARALLEL_MIN {
            std::thread::scope(|s| {
                let other = s.spawn(|| self.batches(&batches, &next));
                let mut done = self.batches(&batches, &next);
                // A panic there is never expected; its batches are then written below.
                done.extend(other.join().unwrap_or_default());
                done
            })
        } else {
            self.batches(&batches, &next)
        };
        let mut slots: Vec<Option<(String, Vec<Diagnostic>)>> =
            batches.iter().map(|_| None).collect();
        for (i, text, problems) in done {
            if let Some(slot) = slots.get_mut(i) {
                *slot = Some((text, problems));
            }
        }
        let mut text = String::with_capacity(slots.iter().flatten().map(|(t, _)| t.len()).sum());
        let mut problems = Vec::new();
        for (slot, ids) in slots.into_iter().zip(&batches) {
            // A batch lost with a panicked thread (never expected) is written here.
            let (t, p) = slot.unwrap_or_else(|| self.batch(&mut Writer::new(self), ids));
            text.push_str(&t);
            problems.extend(p);
        }
        (text, problems)
    }

    /// Writes batches until none is left: (batch index, text, problems).
    fn batches(
        &self,
        batches: &[&[TypeId]],
        next: &AtomicUsize,
    ) -> Vec<(usize, String, Vec<Diagnostic>)> {
        let mut w = Writer::new(self);
        let mut done = Vec::new();
        loop {
            let i = next.fetch_add(1, Ordering::Relaxed);
            let Some(ids) = batches.get(i) else {
                return done;
            };
            let (text, problems) = self.batch(&mut w, ids);
            done.push((i, text, problems));
        }
    }

    /// The text of some types: each type's tokens parsed alone (a failure is reported on its
    /// schema), then all printed at once.
    fn batch(&self, w: &mut Writer<'_>, ids: &[TypeId]) -> (String, Vec<Diagnostic>) {
        let mut items = Vec::with_capacity(ids.len() * 4);
        for id in ids {
            let Some(t) = self.ir.types.get(*id) else {
                continue;
            };
            items.extend(w.item(*id, t));
        }
        (pretty::unparse(items), std::mem::take(&mut w.problems))
    }
}

impl<'a> Writer<'a> {
    fn new(e: &'a Emitter<'a>) -> Self {
        let mut w = Writer {
            ir: e.ir,
            names: e.names,
            defaultable: &e.defaultable,
            externs: Vec::new(),
            fixed: Fixed::new(),
            problems: Vec::new(),
            unnamed: crate::naming::pascal("", "Unnamed"),
        };
        for t in &e.ir.types {
            let parsed = match &t.kind {
                Kind::Extern(path) => path.path().map_err(|why| w.problem(t, why)).ok(),
                _ => None,
            };
            w.externs.push(parsed);
        }
        w
    }

    /// The items of one type's tokens; tokens that do not parse are an error on its schema.
    pub(crate) fn parsed(&mut self, id: TypeId, t: &TypeDef, tokens: TokenStream) -> Vec<Item> {
        if tokens.is_empty() {
            return Vec::new();
        }
        pretty::parse(tokens).unwrap_or_else(|e| {
            let why = format!(
                "the code generated for `{}` does not parse: {e}",
                self.name(id)
            );
            self.problem(t, why);
            Vec::new()
        })
    }

    /// Records an internal error on the schema of `t`.
    fn problem(&mut self, t: &TypeDef, why: String) {
        self.problems.push(Diagnostic {
            severity: crate::diag::Severity::Error,
            file: t.file.clone(),
            pointer: t.loc.pointer.clone(),
            message: format!("internal error: {why} (please report this spec)"),
        });
    }

    /// A type's name.
    pub(crate) fn name(&self, id: TypeId) -> &Name {
        self.names
            .types
            .get(id)
            .and_then(Option::as_ref)
            .unwrap_or(&self.unnamed)
    }

    /// The names of a struct's fields.
    pub(crate) fn fields(&self, id: TypeId) -> &'a [Name] {
        self.names.fields.get(id).map(Vec::as_slice).unwrap_or(&[])
    }

    /// The names of an enum's or union's variants.
    pub(crate) fn variants(&self, id: TypeId) -> &'a [Name] {
        self.names
            .variants
            .get(id)
            .map(Vec::as_slice)
            .unwrap_or(&[])
    }

    /// True when the struct can derive `Default`.
    pub(crate) fn defaultable(&self, id: TypeId) -> bool {
        self.defaultable.get(id).copied().unwrap_or(false)
    }

    /// The Rust type of a value type.
    pub(crate) fn ty(&self, ty: &Ty) -> Type {
        let std = |segments: &[&str]| syntax::ty(path(true, segments));
        match ty {
            Ty::String => std(&["std", "string", "String"]),
            Ty::Bool => syntax::ty(path(false, &["bool"])),
            Ty::I32 => syntax::ty(path(false, &["i32"])),
            Ty::I64 => syntax::ty(path(false, &["i64"])),
            Ty::F64 => syntax::ty(path(false, &["f64"])),
            Ty::Value => std(&["serde_json", "Value"]),
            Ty::Array(t) => generic(path(true, &["std", "vec", "Vec"]), [self.ty(t)]),
            Ty::Map(t) => generic(path(true, &["azml", "OrderedMap"]), [self.ty(t)]),
            Ty::Nullable(t) => option(self.ty(t)),
            Ty::Named(id) => self.named_ty(*id),
        }
    }

    /// A generated type's name, or a hand-written type's path (`x-azml-type`).
    pub(crate) fn named_ty(&self, id: TypeId) -> Type {
        if let Some(Kind::Extern(_)) = self.ir.types.get(id).map(|t| &t.kind) {
            return match self.externs.get(id).and_then(Option::as_ref) {
                Some(path) => Type::Path(path.clone()),
                // Reported when the writer was made.
                None => syntax::ty(path(true, &["serde_json", "Value"])),
            };
        }
        syntax::ty(syntax::name_path(self.name(id)))
    }

    /// The items of one type and its `Validate` impl.
    fn item(&mut self, id: TypeId, t: &TypeDef) -> Vec<Printed> {
        let mut items = match &t.kind {
            Kind::Struct(sd) => {
                let mut items = self.struct_items(id, t, sd);
                let rules = self.rule_items(id, t);
                items.extend(self.parsed(id, t, rules));
                items.into_iter().map(Printed::Item).collect()
            }
            Kind::Enum(e) => self.enum_items(id, t, e),
            Kind::Union(u) => self
                .union_items(id, t, u)
                .into_iter()
                .map(Printed::Item)
                .collect(),
            Kind::Untagged(ms) => vec![Printed::Item(self.untagged_item(id, t, ms))],
            Kind::Alias(ty) => vec![Printed::Item(Item::Type(syn::ItemType {
                attrs: crate::emit_docs::docs(t.doc.as_deref(), &[]),
                vis: syn::Visibility::Public(Default::default()),
                type_token: Default::default(),
                ident: self.name(id).ident(),
                generics: Default::default(),
                eq_token: Default::default(),
                ty: Box::new(self.ty(ty)),
                semi_token: Default::default(),
            }))],
            Kind::Pending | Kind::Extern(_) => return Vec::new(),
        };
        items.extend(self.validate_impl(id, t).map(Printed::Item));
        items
    }
}

/// `::std::option::Option<ty>`.
pub(crate) fn option(ty: Type) -> Type {
    generic(path(true, &["std", "option", "Option"]), [ty])
}

/// The fixed parts of the emitter's syntax trees (trait impls, signatures, `use` lines),
/// parsed once per writer and copied where they go.
pub(crate) struct Fixed {
    /// `impl ::serde::Serialize for _`.
    pub(crate) serialize: ItemImpl,
    /// `fn serialize…`.
    pub(crate) serialize_fn: Signature,
    /// `impl<'de> ::serde::Deserialize<'de> for _`.
    pub(crate) deserialize: ItemImpl,
    /// `fn deserialize…`.
    pub(crate) deserialize_fn: Signature,
    /// A union's `fn tag…`.
    pub(crate) tag_fn: Signature,
    /// `impl ::azml::__codegen::FromMap for _`.
    pub(crate) from_map: ItemImpl,
    /// `fn from_map…`.
    pub(crate) from_map_fn: Signature,
    /// `impl ::azml::validate::Validate for _`.
    pub(crate) validate: ItemImpl,
    /// `fn validate…`.
    pub(crate) validate_fn: Signature,
    /// `&'static str`.
    pub(crate) static_str: Type,
    /// `&'static [&'static str]`.
    pub(crate) static_strs: Type,
    /// The type of a tagged union's table of variants.
    pub(crate) variants: Type,
    /// The type of an untagged union's table of members.
    pub(crate) members: Type,
    /// `use ::std::option::Option::None;`.
    pub(crate) use_none: Stmt,
    /// `use ::azml::__codegen as __c;`.
    pub(crate) use_c: Stmt,
    /// `use ::azml::validate as __v;`.
    pub(crate) use_v: Stmt,
}

impl Fixed {
    fn new() -> Fixed {
        Fixed {
            serialize: parse_quote!(impl ::serde::Serialize for T {}),
            serialize_fn: parse_quote! {
                fn serialize<S: ::serde::Serializer>(
                    &self,
                    serializer: S,
                ) -> ::std::result::Result<S::Ok, S::Error>
            },
            deserialize: parse_quote!(
                impl<'de> ::serde::Deserialize<'de> for T {}
            ),
            deserialize_fn: parse_quote! {
                fn deserialize<D: ::serde::Deserializer<'de>>(
                    deserializer: D,
                ) -> ::std::result::Result<Self, D::Error>
            },
            tag_fn: parse_quote!(fn tag(&self) -> ::std::option::Option<&str>),
            from_map: parse_quote!(impl ::azml::__codegen::FromMap for T {}),
            from_map_fn: parse_quote! {
                fn from_map<'de, A: ::serde::de::MapAccess<'de>>(
                    mut r: ::azml::__codegen::MapReader<'de, A>,
                ) -> ::std::result::Result<Self, A::Error>
            },
            validate: parse_quote!(impl ::azml::validate::Validate for T {}),
            validate_fn: parse_quote! {
                fn validate(value: &::serde_json::Value, cx: &mut ::azml::validate::Validator)
            },
            static_str: parse_quote!(&'static str),
            static_strs: parse_quote!(&'static [&'static str]),
            variants: parse_quote!(&[(&str, fn(&::serde_json::Value, &mut __v::Validator))]),
            members: parse_quote!(&[(&str, __c::Shape)]),
            use_none: parse_quote!(
                use ::std::option::Option::None;
            ),
            use_c: parse_quote!(
                use ::azml::__codegen as __c;
            ),
            use_v: parse_quote!(
                use ::azml::validate as __v;
            ),
        }
    }
}

/// Which structs can derive `Default`: every field optional or of a defaultable type.
fn defaultable(ir: &Ir) -> Vec<bool> {
    let n = ir.types.len();
    let mut ok: Vec<bool> = ir
        .types
        .iter()
        .map(|t| matches!(t.kind, Kind::Struct(_) | Kind::Alias(_)))
        .collect();
    loop {
        let mut changed = false;
        for id in 0..n {
            if !ok[id] {
                continue;
            }
            let good = match &ir.types[id].kind {
                Kind::Struct(sd) => sd
                    .fields
                    .iter()
                    .all(|f| !f.required || f.read_only || f.nullable || ty_default(&f.ty, &ok)),
                Kind::Alias(t) => ty_default(t, &ok),
                _ => false,
            };
            if !good {
                ok[id] = false;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    ok.iter()
        .enumerate()
        .map(|(i, b)| *b && matches!(ir.types[i].kind, Kind::Struct(_)))
        .collect()
}

fn ty_default(ty: &Ty, ok: &[bool]) -> bool {
    match ty {
        Ty::Named(id) => ok.get(*id).copied().unwrap_or(false),
        _ => true,
    }
}

#[cfg(test)]
mod tests {
    use super::{Emitter, Writer};
    use crate::diag::{Diagnostics, Severity};
    use crate::ir::{Ir, Kind, StructDef, TypeDef};
    use crate::load::Loc;
    use quote::quote;
    use std::path::Path;
    use std::sync::Arc;

    fn one_struct() -> Ir {
        let mut ir = Ir::default();
        ir.types.push(TypeDef {
            loc: Loc {
                pointer: "/definitions/Thing".into(),
                file: Arc::from(Path::new("/specs/spec.json")),
            },
            file: "spec.json".into(),
            hint: "Thing".into(),
            client_name: None,
            named_in_spec: true,
            doc: None,
            derives: Vec::new(),
            kind: Kind::Struct(StructDef::default()),
            checks: None,
            ext: Box::default(),
            nullable: false,
        });
        ir
    }

    #[test]
    fn tokens_that_do_not_parse_are_an_error_on_the_schema() {
        let ir = one_struct();
        let names = crate::naming::run(&ir, &mut Diagnostics::default());
        let emitter = Emitter::new(&ir, &names);
        let mut w = Writer::new(&emitter);
        let items = w.parsed(0, &ir.types[0], quote!(pub struct { x: u8 }));
        assert!(items.is_empty());
        assert_eq!(w.problems.len(), 1);
        let p = &w.problems[0];
        assert_eq!(p.severity, Severity::Error);
        assert_eq!(
            (p.file.as_str(), p.pointer.as_str()),
            ("spec.json", "/definitions/Thing")
        );
        assert!(
            p.message.starts_with("internal error: the code generated for `Thing` does not parse: expected identifier"),
            "{}",
            p.message
        );
    }

    #[test]
    fn good_tokens_are_printed() {
        let ir = one_struct();
        let names = crate::naming::run(&ir, &mut Diagnostics::default());
        let (code, problems) = Emitter::new(&ir, &names).code();
        assert!(problems.is_empty(), "{problems:?}");
        assert!(
            code.starts_with("#[derive(Debug, Clone, PartialEq, Default)]\npub struct Thing {}\n"),
            "{code}"
        );
    }
}
