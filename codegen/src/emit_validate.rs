//! Stage 4, validators: `impl ::azml::validate::Validate` for every emitted type, so a JSON
//! value can be checked (every problem, with its JSON pointer) before it is deserialized.
//!
//! Each impl is one call into the runtime (`object`, `one_of`, `tagged`, `any_of`) with
//! tables of wire names and `fn` pointers; keyword checks (`pattern`, bounds, lengths,
//! `const`) are `static`s inside a small closure. Every spec string is a literal.

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
        out.line("use ::azml::validate as __v;");
        match &t.kind {
            Kind::Struct(sd) => self.struct_body(out, sd),
            Kind::Enum(e) if e.open => {
                out.line("<::std::string::String as __v::Validate>::validate(value, cx);");
            }
            Kind::Enum(e) => {
                let mut values = String::new();
                for (i, v) in e.values.iter().enumerate() {
                    if i > 0 {
                        values.push_str(", ");
                    }
                    values.push_str(&lit(&v.wire));
                }
                out.parts(&["__v::Validator::one_of(cx, value, &[", &values, "]);"]);
            }
            Kind::Union(u) => {
                out.parts(&["__v::Validator::tagged(cx, value, ", &lit(&u.tag), ", &["]);
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
                out.dedent("]);");
            }
            Kind::Untagged(ms) => {
                out.line("__v::Validator::any_of(cx, value, &[");
                out.open_only();
                for m in ms {
                    let what = lit(&self.describe(&m.ty));
                    let check = self.check_fn(&m.ty, false, None);
                    write_entry(out, &["(", &what, ", "], &check, "),");
                }
                out.dedent("]);");
            }
            Kind::Alias(_) | Kind::Extern(_) | Kind::Pending => {}
        }
        out.close("");
        out.close("");
    }

    fn struct_body(&self, out: &mut Out, sd: &StructDef) {
        let unknown = match &sd.extra {
            Some(Ty::Value) if sd.extra_checks.is_none() => "__v::Unknown::Allow".to_string(),
            Some(t) => {
                let check = self.check_fn(t, false, sd.extra_checks.as_deref());
                format!("__v::Unknown::Check({})", one_line(&check))
            }
            None if sd.closed => "__v::Unknown::Deny".to_string(),
            None => "__v::Unknown::Allow".to_string(),
        };
        if sd.fields.is_empty() {
            out.parts(&["__v::Validator::object(cx, value, &[], ", &unknown, ");"]);
            return;
        }
        out.line("__v::Validator::object(cx, value, &[");
        out.open_only();
        for f in &sd.fields {
            self.field_spec(out, f);
        }
        out.dedent(&format!("], {unknown});"));
    }

    fn field_spec(&self, out: &mut Out, f: &Field) {
        let kind = if f.required && !f.read_only {
            "required"
        } else {
            "optional"
        };
        let check = self.check_fn(&f.ty, f.nullable, f.checks.as_deref());
        let key = lit(&f.wire);
        write_entry(
            out,
            &["__v::FieldSpec::", kind, "(", &key, ", "],
            &check,
            "),",
        );
    }

    /// An expression of type `fn(&Value, &mut Validator)` checking a value of `ty` (`null`
    /// allowed when `nullable`), with the keyword checks of the schema and of aliases used;
    /// as lines (one, or a closure's).
    fn check_fn(&self, ty: &Ty, nullable: bool, own: Option<&Checks>) -> Vec<String> {
        let inner = self.ty(ty);
        let rust = if nullable {
            format!("::std::option::Option<{inner}>")
        } else {
            inner
        };
        let mut all: Vec<Checks> = own.cloned().into_iter().collect();
        all.extend(self.ty_checks(ty, 0));
        if all.is_empty() {
            return vec![format!("<{rust} as __v::Validate>::validate")];
        }
        let mut statics = Vec::new();
        let roots: Vec<String> = all
            .iter()
            .map(|c| format!("&{}", static_checks(c, &mut statics)))
            .collect();
        let mut lines = vec!["|value, cx| {".to_string()];
        for s in statics {
            lines.push(format!("    {s}"));
        }
        lines.push(format!(
            "    __v::checked::<{rust}>(value, cx, &[{}]);",
            roots.join(", ")
        ));
        lines.push("}".to_string());
        lines
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

/// Writes `prefix` + the check's lines + `suffix`: on one line for a plain function, or
/// around the closure's lines.
fn write_entry(out: &mut Out, prefix: &[&str], check: &[String], suffix: &str) {
    let mut first = prefix.concat();
    match check {
        [one] => {
            first.push_str(one);
            first.push_str(suffix);
            out.line(&first);
        }
        [open, body @ .., close] => {
            first.push_str(open);
            out.line(&first);
            for l in body {
                out.line(l);
            }
            out.line(&format!("{close}{suffix}"));
        }
        [] => {}
    }
}

/// The check's lines joined into one (for the few places that take it inline).
fn one_line(check: &[String]) -> String {
    check.iter().map(|l| l.trim()).collect::<Vec<_>>().join(" ")
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

/// Declares `c` (and what it nests) as statics `__C<n>` / `__P<n>`; returns the root's name.
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
