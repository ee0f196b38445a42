//! Stage 4, validators: `impl ::azml::validate::Validate` for every emitted type, so a JSON
//! value can be checked (every problem, with its JSON pointer) before it is deserialized.
//!
//! Each impl is one call into the runtime (`::azml::__codegen::object` and `any_of`,
//! `Validator::one_of` and `tagged`) with `static` tables: wire names, and for each field a
//! `Shape` that is data (arrays, maps, nullable, keyword checks) around the `validate` of a
//! leaf or generated type, so that no generic `Validate` impl is instantiated per field type
//! and no closure is written per checked field. Keyword checks (`pattern`, bounds, lengths,
//! `const`) are `static`s beside the table. Every spec string is a literal. The impls are
//! syntax trees ([`crate::syntax`]).

use crate::emit::Writer;
use crate::ir::{Checks, Field, Kind, Member, StructDef, Ty, TypeDef, TypeId};
use crate::syntax::{
    array, call, ident, impl_fn, impl_from, list, lit_str, literal, path, path_expr, qualified,
    reference, semi, slice_ref, static_stmt, struct_expr, ty, var,
};
use proc_macro2::{Literal, Span};
use syn::{Expr, Item, Lit, Stmt, Type};

/// Deepest alias chain followed for alias checks.
const MAX_ALIASES: usize = 16;

/// What one impl's table needs besides its rows.
#[derive(Default)]
struct Table {
    /// Keyword-check statics `__C<n>` / `__P<n>`, numbered across the impl (a slot is
    /// reserved for a `__C<n>` before the statics it nests).
    statics: Vec<Option<Stmt>>,
}

impl Table {
    /// The `use` lines of the table (`__v` only for the keyword-check statics, which name
    /// it), then those statics.
    fn uses(self, w: &Writer<'_>) -> Vec<Stmt> {
        let mut out = vec![w.fixed.use_c.clone()];
        if self.statics.is_empty() {
            return out;
        }
        out.push(w.fixed.use_v.clone());
        out.extend(self.statics.into_iter().flatten());
        out
    }
}

/// `cx, value`: the first arguments of every check.
fn cx_value() -> [Expr; 2] {
    [var("cx"), var("value")]
}

/// `__c::name`.
fn c(name: &[&str]) -> Expr {
    let mut segments = vec!["__c"];
    segments.extend_from_slice(name);
    path_expr(path(false, &segments))
}

/// `__c::Shape::variant(&inner)`.
fn wrap(variant: &str, inner: Expr) -> Expr {
    call(c(&["Shape", variant]), [reference(inner, false)])
}

/// `&["a", "b"]`.
fn strs<'s>(items: impl IntoIterator<Item = &'s str>) -> Expr {
    reference(array(items.into_iter().map(lit_str)), false)
}

/// `(a, b)`.
fn pair(a: Expr, b: Expr) -> Expr {
    Expr::Tuple(syn::ExprTuple {
        attrs: Vec::new(),
        paren_token: Default::default(),
        elems: list([a, b]),
    })
}

/// `&[("a", "b"), …]`.
fn str_pairs<'s>(pairs: impl IntoIterator<Item = (&'s str, &'s str)>) -> Expr {
    reference(
        array(pairs.into_iter().map(|(a, b)| pair(lit_str(a), lit_str(b)))),
        false,
    )
}

impl Writer<'_> {
    /// The `Validate` impl of a type (nothing for aliases, which are the type they name, and
    /// for hand-written `x-azml-type`s, which have their own).
    pub(crate) fn validate_impl(&self, id: TypeId, t: &TypeDef) -> Option<Item> {
        let body = match &t.kind {
            Kind::Alias(_) | Kind::Extern(_) | Kind::Pending => return None,
            Kind::Struct(sd) => self.struct_body(sd, &t.ext.exclusive),
            Kind::Enum(e) if e.open => {
                let string = ty(path(true, &["std", "string", "String"]));
                let check = qualified(string, true, &["azml", "validate", "Validate"], "validate");
                vec![semi(call(check, [var("value"), var("cx")]))]
            }
            Kind::Enum(e) if t.ext.lower_case || t.ext.snake_case || !t.ext.aliases.is_empty() => {
                let values = strs(e.values.iter().map(|v| v.wire.as_str()));
                let aliases =
                    str_pairs(t.ext.aliases.iter().map(|(a, v)| (a.as_str(), v.as_str())));
                let read = if t.ext.snake_case {
                    "snake_enum"
                } else {
                    "lower_enum"
                };
                let read = path_expr(path(true, &["azml", "__codegen", read]));
                let check = path_expr(path(true, &["azml", "__codegen", "check_enum"]));
                let [cx, value] = cx_value();
                vec![semi(call(
                    check,
                    [cx, call(read, [value, values, aliases])],
                ))]
            }
            Kind::Enum(e) if e.values.iter().any(|v| v.json.is_some()) => {
                let texts = strs(e.values.iter().map(|v| v.wire.as_str()));
                let check = path_expr(path(true, &["azml", "__codegen", "check_json_enum"]));
                let [cx, value] = cx_value();
                vec![semi(call(check, [cx, value, texts]))]
            }
            Kind::Enum(e) => {
                let values = strs(e.values.iter().map(|v| v.wire.as_str()));
                let check = path_expr(path(true, &["azml", "validate", "Validator", "one_of"]));
                let [cx, value] = cx_value();
                vec![semi(call(check, [cx, value, values]))]
            }
            Kind::Union(u) if !u.open => {
                // Every tag is known: a value is one of the variants, each checking its tag.
                let ms: Vec<Member> = u
                    .variants
                    .iter()
                    .map(|v| Member {
                        ty: Ty::Named(v.ty),
                        boxed: false,
                        checks: None,
                    })
                    .collect();
                self.any_of_body(&ms)
            }
            Kind::Union(u) => {
                let variants = u.variants.iter().map(|v| {
                    let check =
                        qualified(self.named_ty(v.ty), false, &["__v", "Validate"], "validate");
                    pair(lit_str(&v.tag_value), check)
                });
                let table = reference(array(variants), false);
                let tagged = path_expr(path(false, &["__v", "Validator", "tagged"]));
                let [cx, value] = cx_value();
                vec![
                    self.fixed.use_v.clone(),
                    static_stmt("__VARIANTS", self.fixed.variants.clone(), table),
                    semi(call(
                        tagged,
                        [cx, value, lit_str(&u.tag), var("__VARIANTS")],
                    )),
                ]
            }
            Kind::Untagged(ms) => self.any_of_body(ms),
        };
        let fixed = &self.fixed;
        Some(impl_from(
            &fixed.validate,
            self.named_ty(id),
            vec![impl_fn(&fixed.validate_fn, body)],
        ))
    }

    /// `any_of` over the members' shapes.
    fn any_of_body(&self, ms: &[Member]) -> Vec<Stmt> {
        let mut table = Table::default();
        let members: Vec<Expr> = ms
            .iter()
            .map(|m| {
                let what = self.describe(&m.ty);
                let shape = self.check_shape(&m.ty, false, m.checks.as_deref(), &mut table);
                pair(lit_str(&what), shape)
            })
            .collect();
        let mut body = table.uses(self);
        body.push(static_stmt(
            "__MEMBERS",
            self.fixed.members.clone(),
            reference(array(members), false),
        ));
        let [cx, value] = cx_value();
        body.push(semi(call(c(&["any_of"]), [cx, value, var("__MEMBERS")])));
        body
    }

    fn struct_body(&self, sd: &StructDef, exclusive: &[(String, String)]) -> Vec<Stmt> {
        let mut body = self.object_body(sd);
        if !exclusive.is_empty() {
            let pairs = str_pairs(exclusive.iter().map(|(a, b)| (a.as_str(), b.as_str())));
            let [cx, value] = cx_value();
            body.push(semi(call(c(&["exclusive"]), [cx, value, pairs])));
        }
        body
    }

    fn object_body(&self, sd: &StructDef) -> Vec<Stmt> {
        let mut table = Table::default();
        // A typed extra shape is built from references, so it is a `static` too.
        let extra_shape = match &sd.extra {
            Some(Ty::Value) if sd.extra_checks.is_none() => None,
            Some(t) => Some(self.check_shape(t, false, sd.extra_checks.as_deref(), &mut table)),
            None => None,
        };
        let mut extra = match (&extra_shape, &sd.extra) {
            (Some(_), _) => call(c(&["Extra", "Check"]), [var("__EXTRA")]),
            (None, None) if sd.closed => c(&["Extra", "Deny"]),
            (None, _) => c(&["Extra", "Allow"]),
        };
        let mut rows: Vec<Expr> = sd
            .fields
            .iter()
            .map(|f| self.field_spec(f, &mut table))
            .collect();
        for key in &sd.forbidden {
            rows.push(call(
                c(&["Field", "optional"]),
                [lit_str(key), c(&["NEVER"])],
            ));
        }
        let mut late = Vec::new();
        if !sd.patterns.is_empty() {
            // `Extra::Patterns(&[(&pattern, shape), …], &rest)`.
            let mut pairs = Vec::new();
            for p in &sd.patterns {
                let shape = self.check_shape(&p.ty, false, p.checks.as_deref(), &mut table);
                let name = format!("__K{}", table.statics.len());
                let new = path_expr(path(false, &["__v", "Pattern", "new"]));
                table.statics.push(Some(static_stmt(
                    &name,
                    ty(path(false, &["__v", "Pattern"])),
                    call(new, [lit_str(&p.pattern)]),
                )));
                pairs.push(pair(reference(var(&name), false), shape));
            }
            late.push(static_stmt(
                "__REST",
                ty(path(false, &["__c", "Extra"])),
                extra,
            ));
            let row: Type = syn::parse_quote!((&__v::Pattern, __c::Shape));
            late.push(static_stmt(
                "__PATTERNS",
                slice_ref(row),
                reference(array(pairs), false),
            ));
            extra = call(
                c(&["Extra", "Patterns"]),
                [var("__PATTERNS"), reference(var("__REST"), false)],
            );
        }
        let mut body = table.uses(self);
        body.extend(late);
        if let Some(shape) = extra_shape {
            body.push(static_stmt(
                "__EXTRA",
                ty(path(false, &["__c", "Shape"])),
                shape,
            ));
        }
        let [cx, value] = cx_value();
        let fields = if rows.is_empty() {
            reference(array([]), false)
        } else {
            let field = ty(path(false, &["__c", "Field"]));
            body.push(static_stmt(
                "__FIELDS",
                slice_ref(field),
                reference(array(rows), false),
            ));
            var("__FIELDS")
        };
        body.push(semi(call(c(&["object"]), [cx, value, fields, extra])));
        body
    }

    fn field_spec(&self, f: &Field, table: &mut Table) -> Expr {
        let required = f.required && !f.read_only;
        if f.nullable && !required && f.checks.is_none() && self.ty_checks(&f.ty, 0).is_none() {
            // `Field::nullable(key, &shape)`: optional, `null` allowed.
            let shape = reference(self.shape(&f.ty, 0), false);
            return call(c(&["Field", "nullable"]), [lit_str(&f.wire), shape]);
        }
        let kind = if required { "required" } else { "optional" };
        let shape = self.check_shape(&f.ty, f.nullable, f.checks.as_deref(), table);
        call(c(&["Field", kind]), [lit_str(&f.wire), shape])
    }

    /// A constant `__c::Shape` checking a value of `ty` (`null` allowed when `nullable`), with
    /// the keyword checks of the schema and of aliases used (declared in the table's statics).
    fn check_shape(
        &self,
        ty: &Ty,
        nullable: bool,
        own: Option<&Checks>,
        table: &mut Table,
    ) -> Expr {
        let mut shape = self.shape(ty, 0);
        if nullable {
            shape = wrap("Nullable", shape);
        }
        let mut all: Vec<Checks> = own.cloned().into_iter().collect();
        all.extend(self.ty_checks(ty, 0));
        if all.is_empty() {
            return shape;
        }
        let roots = all
            .iter()
            .map(|c| reference(var(&static_checks(c, &mut table.statics)), false));
        call(
            c(&["Shape", "Checked"]),
            [reference(shape, false), reference(array(roots), false)],
        )
    }

    /// The shape of a value type: leaves and generated types by their own `validate`,
    /// arrays and maps (and aliases of them) as data.
    fn shape(&self, ty: &Ty, depth: usize) -> Expr {
        match ty {
            Ty::String => c(&["STRING"]),
            Ty::Bool => c(&["BOOL"]),
            Ty::I32 => c(&["I32"]),
            Ty::I64 => c(&["I64"]),
            Ty::F64 => c(&["F64"]),
            Ty::Value => c(&["ANY"]),
            Ty::Array(t) => wrap("Array", self.shape(t, depth + 1)),
            Ty::Map(t) => wrap("Map", self.shape(t, depth + 1)),
            Ty::Nullable(t) => wrap("Nullable", self.shape(t, depth + 1)),
            Ty::Named(id) => {
                if let Some(Kind::Alias(inner)) = self.ir.types.get(*id).map(|t| &t.kind) {
                    if depth <= MAX_ALIASES {
                        return self.shape(inner, depth + 1);
                    }
                }
                qualified(self.named_ty(*id), false, &["__c", "Shaped"], "SHAPE")
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
            Ty::F64 => "number".into(),
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
fn float(v: f64) -> Expr {
    let mut s = format!("{v:?}");
    if !s.contains(['.', 'e', 'E']) {
        s.push_str(".0");
    }
    s.push_str("_f64");
    // The text of a finite `f64` is always a literal; the suffixed token says the same.
    let lit = s
        .parse::<Literal>()
        .unwrap_or_else(|_| Literal::f64_suffixed(v));
    literal(lit)
}

/// `key: ::std::option::Option::Some(value),`
fn some(fields: &mut Vec<(syn::Ident, Expr)>, key: &str, value: Expr) {
    let some = path_expr(path(true, &["std", "option", "Option", "Some"]));
    fields.push((ident(key), call(some, [value])));
}

/// Declares `c` (and what it nests) as statics `__C<n>` / `__P<n>` (numbered across the
/// whole impl); returns the root's name.
fn static_checks(c: &Checks, out: &mut Vec<Option<Stmt>>) -> String {
    let n = out.len();
    let name = format!("__C{n}");
    // Reserve the slot so nested statics get later numbers.
    out.push(None);
    let mut fields = Vec::new();
    if let Some(p) = &c.pattern {
        let pname = format!("__P{n}");
        let new = path_expr(path(false, &["__v", "Pattern", "new"]));
        out.push(Some(static_stmt(
            &pname,
            ty(path(false, &["__v", "Pattern"])),
            call(new, [lit_str(p)]),
        )));
        some(&mut fields, "pattern", reference(var(&pname), false));
    }
    for (key, v) in [
        ("min_length", c.min_length),
        ("max_length", c.max_length),
        ("min_items", c.min_items),
        ("max_items", c.max_items),
    ] {
        if let Some(v) = v {
            some(&mut fields, key, literal(Literal::u64_unsuffixed(v)));
        }
    }
    let yes = || {
        Expr::Lit(syn::ExprLit {
            attrs: Vec::new(),
            lit: Lit::Bool(syn::LitBool::new(true, Span::call_site())),
        })
    };
    if let Some(v) = c.minimum.filter(|v| v.is_finite()) {
        some(&mut fields, "minimum", float(v));
        if c.exclusive_minimum {
            fields.push((ident("exclusive_minimum"), yes()));
        }
    }
    if let Some(v) = c.maximum.filter(|v| v.is_finite()) {
        some(&mut fields, "maximum", float(v));
        if c.exclusive_maximum {
            fields.push((ident("exclusive_maximum"), yes()));
        }
    }
    if let Some(v) = &c.constant {
        some(&mut fields, "constant", lit_str(&v.to_string()));
    }
    if let Some(items) = &c.items {
        let i = static_checks(items, out);
        some(&mut fields, "items", reference(var(&i), false));
    }
    if let Some(values) = &c.values {
        let i = static_checks(values, out);
        some(&mut fields, "values", reference(var(&i), false));
    }
    let none = path_expr(path(false, &["__v", "Checks", "NONE"]));
    let value = struct_expr(path(false, &["__v", "Checks"]), fields, Some(none));
    if let Some(slot) = out.get_mut(n) {
        *slot = Some(static_stmt(
            &name,
            ty(path(false, &["__v", "Checks"])),
            value,
        ));
    }
    name
}
