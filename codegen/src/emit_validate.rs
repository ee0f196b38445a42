//! Stage 4, validators: `impl ::azml::validate::Validate` for every emitted type, so a JSON
//! value can be checked (every problem, with its JSON pointer) before it is deserialized.
//!
//! Each impl is one call into the runtime (`::azml::__codegen::object` and `any_of`,
//! `Validator::one_of` and `tagged`) with `static` tables: wire names, and for each field a
//! `Shape` that is data (arrays, maps, nullable, keyword checks) around the `validate` of a
//! leaf or generated type, so that no generic `Validate` impl is instantiated per field type
//! and no closure is written per checked field. Keyword checks (`pattern`, bounds, lengths,
//! `const`) are `static`s beside the table. Every spec string is a literal.

use crate::emit::{moved, Writer};
use crate::ir::{Checks, Field, Kind, StructDef, Ty, TypeDef, TypeId};
use proc_macro2::{Ident, Literal, TokenStream};
use quote::{format_ident, quote};

/// Deepest alias chain followed for alias checks.
const MAX_ALIASES: usize = 16;

/// What one impl's table needs besides its rows.
#[derive(Default)]
struct Table {
    /// Keyword-check statics `__C<n>` / `__P<n>`, numbered across the impl.
    statics: Vec<TokenStream>,
    /// A row names `__v` (`<T as __v::Validate>::validate`).
    uses_v: bool,
}

impl Table {
    /// The `use` lines of the table (`__v` only when a row or a static names it), then its
    /// keyword-check statics.
    fn uses(&self) -> TokenStream {
        if self.statics.is_empty() && !self.uses_v {
            return quote!(
                use ::azml::__codegen as __c;
            );
        }
        let statics = &self.statics;
        quote! {
            use ::azml::__codegen as __c;
            use ::azml::validate as __v;
            #(#statics)*
        }
    }
}

impl Writer<'_> {
    /// The `Validate` impl of a type (nothing for aliases, which are the type they name, and
    /// for hand-written `x-azml-type`s, which have their own).
    pub(crate) fn validate_impl(&self, id: TypeId, t: &TypeDef) -> TokenStream {
        let body = match &t.kind {
            Kind::Alias(_) | Kind::Extern(_) | Kind::Pending => return TokenStream::new(),
            Kind::Struct(sd) => self.struct_body(sd, &t.ext.exclusive),
            Kind::Enum(e) if e.open => {
                quote!(<::std::string::String as ::azml::validate::Validate>::validate(value, cx);)
            }
            Kind::Enum(e) if t.ext.lower_case || t.ext.snake_case || !t.ext.aliases.is_empty() => {
                let values = e.values.iter().map(|v| v.wire.as_str());
                let aliases = t.ext.aliases.iter().map(|(a, v)| quote!((#a, #v)));
                let read = if t.ext.snake_case {
                    quote!(::azml::__codegen::snake_enum)
                } else {
                    quote!(::azml::__codegen::lower_enum)
                };
                quote!(::azml::__codegen::check_enum(cx, #read(value, &[#(#values),*], &[#(#aliases),*]));)
            }
            Kind::Enum(e) => {
                let values = e.values.iter().map(|v| v.wire.as_str());
                quote!(::azml::validate::Validator::one_of(cx, value, &[#(#values),*]);)
            }
            Kind::Union(u) => {
                let variants = u.variants.iter().map(|v| {
                    let tag = v.tag_value.as_str();
                    let ty = self.named_ty(v.ty);
                    quote!((#tag, <#ty as __v::Validate>::validate),)
                });
                let tag = u.tag.as_str();
                quote! {
                    use ::azml::validate as __v;
                    static __VARIANTS: &[(&str, fn(&::serde_json::Value, &mut __v::Validator))] = &[
                        #(#variants)*
                    ];
                    __v::Validator::tagged(cx, value, #tag, __VARIANTS);
                }
            }
            Kind::Untagged(ms) => {
                let mut table = Table::default();
                let members: TokenStream = ms
                    .iter()
                    .map(|m| {
                        let what = self.describe(&m.ty);
                        let shape = moved(self.check_shape(&m.ty, false, None, &mut table));
                        quote!((#what, #shape),)
                    })
                    .collect();
                let (uses, members) = (moved(table.uses()), moved(members));
                quote! {
                    #uses
                    static __MEMBERS: &[(&str, __c::Shape)] = &[
                        #members
                    ];
                    __c::any_of(cx, value, __MEMBERS);
                }
            }
        };
        let name = self.name(id);
        let body = moved(body);
        quote! {
            impl ::azml::validate::Validate for #name {
                fn validate(value: &::serde_json::Value, cx: &mut ::azml::validate::Validator) {
                    #body
                }
            }
        }
    }

    fn struct_body(&self, sd: &StructDef, exclusive: &[(String, String)]) -> TokenStream {
        let exclusive = (!exclusive.is_empty()).then(|| {
            let pairs = exclusive.iter().map(|(a, b)| quote!((#a, #b)));
            quote!(__c::exclusive(cx, value, &[#(#pairs),*]);)
        });
        let body = self.object_body(sd);
        quote!(#body #exclusive)
    }

    fn object_body(&self, sd: &StructDef) -> TokenStream {
        let mut table = Table::default();
        // A typed extra shape is built from references, so it is a `static` too.
        let extra_shape = match &sd.extra {
            Some(Ty::Value) if sd.extra_checks.is_none() => None,
            Some(t) => Some(self.check_shape(t, false, sd.extra_checks.as_deref(), &mut table)),
            None => None,
        };
        let extra = match (&extra_shape, &sd.extra) {
            (Some(_), _) => quote!(__c::Extra::Check(__EXTRA)),
            (None, None) if sd.closed => quote!(__c::Extra::Deny),
            (None, _) => quote!(__c::Extra::Allow),
        };
        let rows: TokenStream = sd
            .fields
            .iter()
            .map(|f| self.field_spec(f, &mut table))
            .collect();
        let uses = moved(table.uses());
        let extra_static = extra_shape.map(|shape| {
            let shape = moved(shape);
            quote!(static __EXTRA: __c::Shape = #shape;)
        });
        if rows.is_empty() {
            return quote! {
                #uses
                #extra_static
                __c::object(cx, value, &[], #extra);
            };
        }
        let rows = moved(rows);
        quote! {
            #uses
            #extra_static
            static __FIELDS: &[__c::Field] = &[
                #rows
            ];
            __c::object(cx, value, __FIELDS, #extra);
        }
    }

    fn field_spec(&self, f: &Field, table: &mut Table) -> TokenStream {
        let kind = if f.required && !f.read_only {
            quote!(required)
        } else {
            quote!(optional)
        };
        let shape = moved(self.check_shape(&f.ty, f.nullable, f.checks.as_deref(), table));
        let wire = f.wire.as_str();
        quote!(__c::Field::#kind(#wire, #shape),)
    }

    /// A constant `__c::Shape` checking a value of `ty` (`null` allowed when `nullable`), with
    /// the keyword checks of the schema and of aliases used (declared in the table's statics).
    fn check_shape(
        &self,
        ty: &Ty,
        nullable: bool,
        own: Option<&Checks>,
        table: &mut Table,
    ) -> TokenStream {
        let mut shape = self.shape(ty, 0, table);
        if nullable {
            let inner = moved(shape);
            shape = quote!(__c::Shape::Nullable(&#inner));
        }
        let mut all: Vec<Checks> = own.cloned().into_iter().collect();
        all.extend(self.ty_checks(ty, 0));
        if all.is_empty() {
            return shape;
        }
        let roots: Vec<TokenStream> = all
            .iter()
            .map(|c| {
                let name = static_checks(c, &mut table.statics);
                quote!(&#name)
            })
            .collect();
        let shape = moved(shape);
        quote!(__c::Shape::Checked(&#shape, &[#(#roots),*]))
    }

    /// The shape of a value type: leaves and generated types by their own `validate`,
    /// arrays and maps (and aliases of them) as data.
    fn shape(&self, ty: &Ty, depth: usize, table: &mut Table) -> TokenStream {
        match ty {
            Ty::String => quote!(__c::STRING),
            Ty::Bool => quote!(__c::BOOL),
            Ty::I32 => quote!(__c::I32),
            Ty::I64 => quote!(__c::I64),
            Ty::F32 => quote!(__c::F32),
            Ty::F64 => quote!(__c::F64),
            Ty::Value => quote!(__c::ANY),
            Ty::Array(t) => {
                let inner = moved(self.shape(t, depth + 1, table));
                quote!(__c::Shape::Array(&#inner))
            }
            Ty::Map(t) => {
                let inner = moved(self.shape(t, depth + 1, table));
                quote!(__c::Shape::Map(&#inner))
            }
            Ty::Nullable(t) => {
                let inner = moved(self.shape(t, depth + 1, table));
                quote!(__c::Shape::Nullable(&#inner))
            }
            Ty::Named(id) => {
                if let Some(Kind::Alias(inner)) = self.ir.types.get(*id).map(|t| &t.kind) {
                    if depth <= MAX_ALIASES {
                        return self.shape(inner, depth + 1, table);
                    }
                }
                table.uses_v = true;
                let ty = moved(self.named_ty(*id));
                quote!(__c::Shape::Is(<#ty as __v::Validate>::validate))
            }
        }
    }

    /// Checks that come with a type: an alias's own, through arrays and maps.
    fn ty_checks(&self, ty: &Ty, depth: usize) -> Option<Checks> {
        if depth > MAX_ALIASES {
            return None;
        }
        match ty {
            Ty::Named(id) => {
                let t = self.ir.types.get(*id)?;
                let Kind::Alias(inner) = &t.kind else {
                    return None;
                };
                let mut c = t.checks.as_deref().cloned().unwrap_or_default();
                if let Some(more) = self.ty_checks(inner, depth + 1) {
                    // An alias of an alias: the nearer one's keywords win where both set one.
                    merge(&mut c, more);
                }
                (c != Checks::default()).then_some(c)
            }
            Ty::Array(inner) => self.ty_checks(inner, depth + 1).map(|c| Checks {
                items: Some(Box::new(c)),
                ..Checks::default()
            }),
            Ty::Map(inner) => self.ty_checks(inner, depth + 1).map(|c| Checks {
                values: Some(Box::new(c)),
                ..Checks::default()
            }),
            _ => None,
        }
    }

    /// A short name of what a union member expects, for `expected one of [...]`.
    fn describe(&self, ty: &Ty) -> String {
        match ty {
            Ty::String => "string".into(),
            Ty::Bool => "boolean".into(),
            Ty::I32 | Ty::I64 => "integer".into(),
            Ty::F32 | Ty::F64 => "number".into(),
            Ty::Value => "any value".into(),
            Ty::Array(_) => "array".into(),
            Ty::Map(_) => "object".into(),
            Ty::Nullable(inner) => format!("{} or null", self.describe(inner)),
            Ty::Named(id) => match self.ir.types.get(*id).map(|t| &t.kind) {
                Some(Kind::Alias(inner)) => self.describe(inner),
                Some(Kind::Extern(_)) => self
                    .ir
                    .types
                    .get(*id)
                    .map(|t| t.client_name.clone().unwrap_or_else(|| t.hint.clone()))
                    .unwrap_or_default(),
                _ => self.name(*id).to_string(),
            },
        }
    }
}

/// Fills in `into` what it does not set from `from` (nested checks merged the same way).
fn merge(into: &mut Checks, from: Checks) {
    into.pattern = into.pattern.take().or(from.pattern);
    into.min_length = into.min_length.or(from.min_length);
    into.max_length = into.max_length.or(from.max_length);
    if into.minimum.is_none() {
        into.minimum = from.minimum;
        into.exclusive_minimum = from.exclusive_minimum;
    }
    if into.maximum.is_none() {
        into.maximum = from.maximum;
        into.exclusive_maximum = from.exclusive_maximum;
    }
    into.min_items = into.min_items.or(from.min_items);
    into.max_items = into.max_items.or(from.max_items);
    into.constant = into.constant.take().or(from.constant);
    into.items = match (into.items.take(), from.items) {
        (Some(mut a), Some(b)) => {
            merge(&mut a, *b);
            Some(a)
        }
        (a, b) => a.or(b),
    };
    into.values = match (into.values.take(), from.values) {
        (Some(mut a), Some(b)) => {
            merge(&mut a, *b);
            Some(a)
        }
        (a, b) => a.or(b),
    };
}

/// An `f64` literal (finite): `1.0_f64`, `1e300_f64`, `-2.5_f64`.
fn float(v: f64) -> TokenStream {
    let mut s = format!("{v:?}");
    if !s.contains(['.', 'e', 'E']) {
        s.push_str(".0");
    }
    s.push_str("_f64");
    // The text of a finite `f64` is always a literal; the suffixed token says the same.
    match s.parse::<Literal>() {
        Ok(lit) => quote!(#lit),
        Err(_) => {
            let lit = Literal::f64_suffixed(v);
            quote!(#lit)
        }
    }
}

/// `key: ::std::option::Option::Some(value),`
fn some(fields: &mut TokenStream, key: &str, value: TokenStream) {
    let key = format_ident!("{}", key);
    fields.extend(quote!(#key: ::std::option::Option::Some(#value),));
}

/// Declares `c` (and what it nests) as statics `__C<n>` / `__P<n>` (numbered across the
/// whole impl); returns the root's name.
fn static_checks(c: &Checks, out: &mut Vec<TokenStream>) -> Ident {
    let n = out.len();
    let name = format_ident!("__C{}", n);
    // Reserve the slot so nested statics get later numbers.
    out.push(TokenStream::new());
    let mut fields = TokenStream::new();
    if let Some(p) = &c.pattern {
        let pname = format_ident!("__P{}", n);
        let p = p.as_str();
        out.push(quote!(static #pname: __v::Pattern = __v::Pattern::new(#p);));
        some(&mut fields, "pattern", quote!(&#pname));
    }
    for (key, v) in [
        ("min_length", c.min_length),
        ("max_length", c.max_length),
        ("min_items", c.min_items),
        ("max_items", c.max_items),
    ] {
        if let Some(v) = v {
            let v = Literal::u64_unsuffixed(v);
            some(&mut fields, key, quote!(#v));
        }
    }
    if let Some(v) = c.minimum.filter(|v| v.is_finite()) {
        some(&mut fields, "minimum", float(v));
        if c.exclusive_minimum {
            fields.extend(quote!(exclusive_minimum: true,));
        }
    }
    if let Some(v) = c.maximum.filter(|v| v.is_finite()) {
        some(&mut fields, "maximum", float(v));
        if c.exclusive_maximum {
            fields.extend(quote!(exclusive_maximum: true,));
        }
    }
    if let Some(v) = &c.constant {
        let text = v.to_string();
        some(&mut fields, "constant", quote!(#text));
    }
    if let Some(items) = &c.items {
        let i = static_checks(items, out);
        some(&mut fields, "items", quote!(&#i));
    }
    if let Some(values) = &c.values {
        let i = static_checks(values, out);
        some(&mut fields, "values", quote!(&#i));
    }
    if let Some(slot) = out.get_mut(n) {
        *slot = quote!(static #name: __v::Checks = __v::Checks { #fields ..__v::Checks::NONE };);
    }
    name
}
