//! Stage 4, validators: `impl ::azml::validate::Validate` for every emitted type, so a JSON
//! value can be checked (every problem, with its JSON pointer) before it is deserialized.
//!
//! Each impl is one call into the runtime (`::azml::__codegen::object` and `any_of`,
//! `Validator::one_of` and `tagged`) with `static` tables: wire names, and for each field a
//! `Shape` that is data (arrays, maps, nullable, keyword checks) around the `validate` of a
//! leaf or generated type, so that no generic `Validate` impl is instantiated per field type
//! and no closure is written per checked field. Keyword checks (`pattern`, bounds, lengths,
//! `const`) are `static`s beside the table. Every spec string is a literal.

use crate::emit::Emitter;
use crate::format::{lit, Out};
use crate::ir::{Checks, Field, Kind, StructDef, Ty, TypeDef, TypeId};
use std::fmt::Write;

/// Deepest alias chain followed for alias checks.
const MAX_ALIASES: usize = 16;

impl Emitter<'_> {
    /// Writes the `Validate` impl of a type (nothing for aliases, which are the type they
    /// name, and for hand-written `x-azml-type`s, which have their own).
    pub(crate) fn validate_impl(&self, out: &mut Out, id: TypeId, t: &TypeDef) {
        if matches!(t.kind, Kind::Alias(_) | Kind::Extern(_) | Kind::Pending) {
            return;
        }
        out.open(&format!(
            "impl ::azml::validate::Validate for {}",
            self.name(id)
        ));
        out.open("fn validate(value: &::serde_json::Value, cx: &mut ::azml::validate::Validator)");
        match &t.kind {
            Kind::Struct(sd) => self.struct_body(out, sd),
            Kind::Enum(e) if e.open => {
                out.line(
                    "<::std::string::String as ::azml::validate::Validate>::validate(value, cx);",
                );
            }
            Kind::Enum(e) => {
                let mut values = String::new();
                for (i, v) in e.values.iter().enumerate() {
                    if i > 0 {
                        values.push_str(", ");
                    }
                    values.push_str(&lit(&v.wire));
                }
                out.parts(&[
                    "::azml::validate::Validator::one_of(cx, value, &[",
                    &values,
                    "]);",
                ]);
            }
            Kind::Union(u) => {
                out.line("use ::azml::validate as __v;");
                out.line("static __VARIANTS: &[(&str, fn(&::serde_json::Value, &mut __v::Validator))] = &[");
                out.open_only();
                for v in &u.variants {
                    out.parts(&[
                        "(",
                        &lit(&v.tag_value),
                        ", <",
                        self.named_ty(v.ty),
                        " as __v::Validate>::validate),",
                    ]);
                }
                out.dedent("];");
                out.parts(&[
                    "__v::Validator::tagged(cx, value, ",
                    &lit(&u.tag),
                    ", __VARIANTS);",
                ]);
            }
            Kind::Untagged(ms) => {
                let mut statics = Vec::new();
                let members: Vec<String> = ms
                    .iter()
                    .map(|m| {
                        let what = lit(&self.describe(&m.ty));
                        let shape = self.check_shape(&m.ty, false, None, &mut statics);
                        format!("({what}, {shape}),")
                    })
                    .collect();
                self.uses(out, &statics, &members);
                out.line("static __MEMBERS: &[(&str, __c::Shape)] = &[");
                out.open_only();
                for m in &members {
                    out.line(m);
                }
                out.dedent("];");
                out.line("__c::any_of(cx, value, __MEMBERS);");
            }
            Kind::Alias(_) | Kind::Extern(_) | Kind::Pending => {}
        }
        out.close("");
        out.close("");
    }

    /// The `use` lines of a table (`__v` only when `rows` or the statics name it), then its
    /// keyword-check statics.
    fn uses(&self, out: &mut Out, statics: &[String], rows: &[String]) {
        out.line("use ::azml::__codegen as __c;");
        if statics.is_empty() && !rows.iter().any(|r| r.contains("__v::")) {
            return;
        }
        out.line("use ::azml::validate as __v;");
        for s in statics {
            out.line(s);
        }
    }

    fn struct_body(&self, out: &mut Out, sd: &StructDef) {
        let mut statics = Vec::new();
        // A typed extra shape is built from references, so it is a `static` too.
        let extra_shape = match &sd.extra {
            Some(Ty::Value) if sd.extra_checks.is_none() => None,
            Some(t) => Some(self.check_shape(t, false, sd.extra_checks.as_deref(), &mut statics)),
            None => None,
        };
        let extra = match (&extra_shape, &sd.extra) {
            (Some(_), _) => "__c::Extra::Check(__EXTRA)",
            (None, None) if sd.closed => "__c::Extra::Deny",
            (None, _) => "__c::Extra::Allow",
        };
        let mut rows: Vec<String> = sd
            .fields
            .iter()
            .map(|f| self.field_spec(f, &mut statics))
            .collect();
        rows.extend(extra_shape.iter().cloned());
        self.uses(out, &statics, &rows);
        if let Some(shape) = &extra_shape {
            rows.pop();
            out.parts(&["static __EXTRA: __c::Shape = ", shape, ";"]);
        }
        if rows.is_empty() {
            out.parts(&["__c::object(cx, value, &[], ", extra, ");"]);
            return;
        }
        out.line("static __FIELDS: &[__c::Field] = &[");
        out.open_only();
        for f in &rows {
            out.line(f);
        }
        out.dedent("];");
        out.parts(&["__c::object(cx, value, __FIELDS, ", extra, ");"]);
    }

    fn field_spec(&self, f: &Field, statics: &mut Vec<String>) -> String {
        let kind = if f.required && !f.read_only {
            "required"
        } else {
            "optional"
        };
        let shape = self.check_shape(&f.ty, f.nullable, f.checks.as_deref(), statics);
        format!("__c::Field::{kind}({}, {shape}),", lit(&f.wire))
    }

    /// A constant `__c::Shape` checking a value of `ty` (`null` allowed when `nullable`), with
    /// the keyword checks of the schema and of aliases used (declared in `statics`).
    fn check_shape(
        &self,
        ty: &Ty,
        nullable: bool,
        own: Option<&Checks>,
        statics: &mut Vec<String>,
    ) -> String {
        let mut shape = self.shape(ty, 0);
        if nullable {
            shape = format!("__c::Shape::Nullable(&{shape})");
        }
        let mut all: Vec<Checks> = own.cloned().into_iter().collect();
        all.extend(self.ty_checks(ty, 0));
        if all.is_empty() {
            return shape;
        }
        let roots: Vec<String> = all
            .iter()
            .map(|c| format!("&{}", static_checks(c, statics)))
            .collect();
        format!("__c::Shape::Checked(&{shape}, &[{}])", roots.join(", "))
    }

    /// The shape of a value type: leaves and generated types by their own `validate`,
    /// arrays and maps (and aliases of them) as data.
    fn shape(&self, ty: &Ty, depth: usize) -> String {
        let leaf = match ty {
            Ty::String => "STRING",
            Ty::Bool => "BOOL",
            Ty::I32 => "I32",
            Ty::I64 => "I64",
            Ty::F32 => "F32",
            Ty::F64 => "F64",
            Ty::Value => "ANY",
            Ty::Array(t) => return format!("__c::Shape::Array(&{})", self.shape(t, depth + 1)),
            Ty::Map(t) => return format!("__c::Shape::Map(&{})", self.shape(t, depth + 1)),
            Ty::Nullable(t) => {
                return format!("__c::Shape::Nullable(&{})", self.shape(t, depth + 1))
            }
            Ty::Named(id) => {
                if let Some(Kind::Alias(inner)) = self.ir.types.get(*id).map(|t| &t.kind) {
                    if depth <= MAX_ALIASES {
                        return self.shape(inner, depth + 1);
                    }
                }
                return format!(
                    "__c::Shape::Is(<{} as __v::Validate>::validate)",
                    self.named_ty(*id)
                );
            }
        };
        format!("__c::{leaf}")
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

/// An `f64` literal (finite).
fn float(v: f64) -> String {
    let mut s = format!("{v:?}");
    if !s.contains(['.', 'e', 'E']) {
        s.push_str(".0");
    }
    s.push_str("_f64");
    s
}

/// Declares `c` (and what it nests) as statics `__C<n>` / `__P<n>` (numbered across the
/// whole impl); returns the root's name.
fn static_checks(c: &Checks, out: &mut Vec<String>) -> String {
    let n = out.len();
    let name = format!("__C{n}");
    // Reserve the slot so nested statics get later numbers.
    out.push(String::new());
    let mut fields = String::new();
    let some = |fields: &mut String, key: &str, v: &str| {
        let _ = write!(fields, "{key}: ::std::option::Option::Some({v}), ");
    };
    if let Some(p) = &c.pattern {
        let pname = format!("__P{n}");
        out.push(format!(
            "static {pname}: __v::Pattern = __v::Pattern::new({});",
            lit(p)
        ));
        some(&mut fields, "pattern", &format!("&{pname}"));
    }
    for (key, v) in [
        ("min_length", c.min_length),
        ("max_length", c.max_length),
        ("min_items", c.min_items),
        ("max_items", c.max_items),
    ] {
        if let Some(v) = v {
            some(&mut fields, key, &v.to_string());
        }
    }
    if let Some(v) = c.minimum.filter(|v| v.is_finite()) {
        some(&mut fields, "minimum", &float(v));
        if c.exclusive_minimum {
            fields.push_str("exclusive_minimum: true, ");
        }
    }
    if let Some(v) = c.maximum.filter(|v| v.is_finite()) {
        some(&mut fields, "maximum", &float(v));
        if c.exclusive_maximum {
            fields.push_str("exclusive_maximum: true, ");
        }
    }
    if let Some(v) = &c.constant {
        some(&mut fields, "constant", &lit(&v.to_string()));
    }
    if let Some(items) = &c.items {
        let i = static_checks(items, out);
        some(&mut fields, "items", &format!("&{i}"));
    }
    if let Some(values) = &c.values {
        let i = static_checks(values, out);
        some(&mut fields, "values", &format!("&{i}"));
    }
    if let Some(slot) = out.get_mut(n) {
        *slot =
            format!("static {name}: __v::Checks = __v::Checks {{ {fields}..__v::Checks::NONE }};");
    }
    name
}
