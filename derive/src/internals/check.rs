//! Validation across attributes, after parsing: conflicts and duplicates.

use std::collections::HashMap;

use super::ast::{Container, Field, Variant};
use super::attr::Attr;
use super::ctxt::Ctxt;

fn conflict<A, B>(cx: &Ctxt, a: &Attr<A>, b: &Attr<B>, tool: &str, what: (&str, &str)) {
    if let (true, Some(span)) = (a.is_set(), b.span()) {
        cx.syn_error(syn::Error::new(
            span,
            format!(
                "#[{tool}({})] cannot be combined with #[{tool}({})]",
                what.1, what.0
            ),
        ));
    }
}

fn duplicate_names<'a>(
    cx: &Ctxt,
    fields: impl Iterator<Item = (&'a Field<'a>, &'a str)>,
    derive: &str,
) {
    let mut seen: HashMap<&str, &Field> = HashMap::new();
    for (field, name) in fields {
        if name.is_empty() {
            cx.error_spanned_by(field.member, format!("{derive}: a key cannot be empty"));
        } else if let Some(first) = seen.insert(name, field) {
            cx.error_spanned_by(
                field.member,
                format!(
                    "{derive}: duplicate key `{name}`, already used by field `{}`",
                    first.member
                ),
            );
        }
    }
}

/// An attribute that means nothing where it was given.
fn not_here<T>(cx: &Ctxt, attr: &Attr<T>, tool: &str, name: &str, place: &str) {
    if let Some(span) = attr.span() {
        cx.syn_error(syn::Error::new(
            span,
            format!("#[{tool}({name})] is not allowed on {place}"),
        ));
    }
}

/// Checks an enum's variants: only `rename` applies to them, and wire
/// strings must differ.
fn check_variants(cx: &Ctxt, variants: &[Variant], tool: &str, dict: bool) {
    let mut seen: HashMap<&str, &Variant> = HashMap::new();
    for v in variants {
        let a = &v.attrs;
        let place = "a variant";
        not_here(cx, &a.dict_skip, "dict", "skip", place);
        not_here(cx, &a.dict_skip_dump, "dict", "skip_dump", place);
        not_here(cx, &a.dict_extra, "dict", "extra", place);
        not_here(cx, &a.dict_serde, "dict", "serde", place);
        not_here(cx, &a.rest_skip, "rest", "skip", place);
        not_here(cx, &a.rest_flatten, "rest", "flatten", place);
        not_here(cx, &a.rest_default, "rest", "default", place);
        not_here(cx, &a.rest_with, "rest", "with", place);
        not_here(cx, &a.rest_json_string, "rest", "json_string", place);
        not_here(cx, &a.rest_dict, "rest", "dict", place);
        not_here(cx, &a.rest_serde, "rest", "serde", place);
        if v.inner.is_some() {
            continue;
        }
        let name = if dict { &v.dict_name } else { &v.rest_name };
        if let Some(first) = seen.insert(name, v) {
            cx.error_spanned_by(
                v.ident,
                format!(
                    "{tool}: duplicate wire string `{name}`, already used by variant `{}`",
                    first.ident
                ),
            );
        }
    }
}

/// Checks the attributes that `#[derive(DictMixin)]` reads.
pub fn check_dict(cx: &Ctxt, cont: &Container) {
    if let Some(variants) = &cont.variants {
        let place = "an enum";
        not_here(cx, &cont.attrs.dict_display, "dict", "display", place);
        not_here(cx, &cont.attrs.dict_prune, "dict", "prune", place);
        not_here(cx, &cont.attrs.dict_serialize, "dict", "serialize", place);
        check_variants(cx, variants, "DictMixin", true);
        return;
    }
    let mut extra: Option<&Field> = None;
    for field in &cont.fields {
        let a = &field.attrs;
        conflict(cx, &a.dict_skip, &a.dict_rename, "dict", ("skip", "rename"));
        conflict(cx, &a.dict_skip, &a.dict_extra, "dict", ("skip", "extra"));
        conflict(cx, &a.dict_skip, &a.dict_serde, "dict", ("skip", "serde"));
        conflict(
            cx,
            &a.dict_extra,
            &a.dict_rename,
            "dict",
            ("extra", "rename"),
        );
        conflict(cx, &a.dict_extra, &a.dict_serde, "dict", ("extra", "serde"));
        conflict(
            cx,
            &a.dict_skip,
            &a.dict_skip_dump,
            "dict",
            ("skip", "skip_dump"),
        );
        if field.serde_conflict && !a.dict_rename.is_set() && !a.dict_skip.is_set() {
            cx.error_spanned_by(
                field.member,
                "conflicting serde renames: the serialize and deserialize names differ; \
                 say which key to use with #[dict(rename = \"...\")]",
            );
        }
        if a.dict_extra.is_set() {
            if let Some(first) = extra {
                cx.error_spanned_by(
                    field.member,
                    format!(
                        "only one field can be #[dict(extra)]; `{}` already is",
                        first.member
                    ),
                );
            } else {
                extra = Some(field);
            }
        }
    }
    duplicate_names(
        cx,
        cont.fields
            .iter()
            .filter(|f| !f.attrs.dict_skip.is_set() && !f.attrs.dict_extra.is_set())
            .map(|f| (f, f.dict_name.as_str())),
        "DictMixin",
    );
}

/// Checks the attributes that `#[derive(RestTranslatable)]` reads.
pub fn check_rest(cx: &Ctxt, cont: &Container) {
    if let Some(variants) = &cont.variants {
        let place = "an enum";
        not_here(cx, &cont.attrs.rest_model, "rest", "model", place);
        not_here(cx, &cont.attrs.rest_partial, "rest", "partial", place);
        not_here(cx, &cont.attrs.rest_prune, "rest", "prune", place);
        not_here(cx, &cont.attrs.rest_from_dict, "rest", "from_dict", place);
        check_variants(cx, variants, "RestTranslatable", false);
        return;
    }
    let typed = cont.attrs.rest_model.is_set();
    if let (true, Some(span)) = (typed, cont.attrs.rest_from_dict.span()) {
        cx.syn_error(syn::Error::new(
            span,
            "#[rest(from_dict)] needs the default JSON model: the REST form is the dict",
        ));
    }
    if cont.attrs.rest_from_dict.is_set() {
        // The dict's keys are the REST keys: only encodings and skips apply.
        for field in &cont.fields {
            let a = &field.attrs;
            // A rename to the dict's own key changes nothing.
            let renamed = a
                .rest_rename
                .span()
                .filter(|_| field.rest_name != field.dict_name);
            for (attr, name) in [
                (renamed, "rename"),
                (a.rest_flatten.span(), "flatten"),
                (a.rest_with.span(), "with"),
                (a.rest_dict.span(), "dict"),
                (a.rest_serde.span(), "serde"),
            ] {
                if let Some(span) = attr {
                    cx.syn_error(syn::Error::new(
                        span,
                        format!("#[rest({name})] cannot be combined with the struct's #[rest(from_dict)]: its REST keys are its dict's"),
                    ));
                }
            }
        }
    }
    if let (true, Some(span)) = (typed, cont.attrs.rest_prune.span()) {
        cx.syn_error(syn::Error::new(
            span,
            "#[rest(prune)] needs the default JSON model; a typed model has no empty dicts to prune",
        ));
    }
    if let (false, Some(span)) = (typed, cont.attrs.rest_partial.span()) {
        cx.syn_error(syn::Error::new(
            span,
            "#[rest(partial)] needs #[rest(model = Path)]: the default JSON model has no other fields",
        ));
    }
    for field in &cont.fields {
        let a = &field.attrs;
        conflict(cx, &a.rest_skip, &a.rest_rename, "rest", ("skip", "rename"));
        conflict(
            cx,
            &a.rest_skip,
            &a.rest_flatten,
            "rest",
            ("skip", "flatten"),
        );
        conflict(
            cx,
            &a.rest_skip,
            &a.rest_default,
            "rest",
            ("skip", "default"),
        );
        conflict(cx, &a.rest_skip, &a.rest_with, "rest", ("skip", "with"));
        conflict(
            cx,
            &a.rest_flatten,
            &a.rest_rename,
            "rest",
            ("flatten", "rename"),
        );
        conflict(
            cx,
            &a.rest_flatten,
            &a.rest_default,
            "rest",
            ("flatten", "default"),
        );
        conflict(
            cx,
            &a.rest_skip,
            &a.rest_json_string,
            "rest",
            ("skip", "json_string"),
        );
        conflict(cx, &a.rest_skip, &a.rest_dict, "rest", ("skip", "dict"));
        conflict(cx, &a.rest_with, &a.rest_dict, "rest", ("with", "dict"));
        conflict(cx, &a.rest_with, &a.rest_serde, "rest", ("with", "serde"));
        conflict(cx, &a.rest_dict, &a.rest_serde, "rest", ("dict", "serde"));
        conflict(cx, &a.rest_skip, &a.rest_serde, "rest", ("skip", "serde"));
        conflict(
            cx,
            &a.rest_flatten,
            &a.rest_json_string,
            "rest",
            ("flatten", "json_string"),
        );
        for (attr, name) in [
            (&a.rest_json_string, "json_string"),
            (&a.rest_dict, "dict"),
            (&a.rest_serde, "serde"),
        ] {
            if let (true, Some(span)) = (typed, attr.span()) {
                cx.syn_error(syn::Error::new(
                    span,
                    format!("#[rest({name})] needs the default JSON model"),
                ));
            }
        }
        if let (true, Some(span)) = (typed, a.rest_flatten.span()) {
            cx.syn_error(syn::Error::new(
                span,
                "#[rest(flatten)] needs the default JSON model; a typed model has its own fields",
            ));
        }
        if typed {
            if let Some(lit) = a.rest_rename.get() {
                if syn::parse_str::<syn::Ident>(&lit.value()).is_err() {
                    cx.error_spanned_by(
                        lit,
                        "with #[rest(model = ...)], `rename` names a field of the model and must be an identifier",
                    );
                }
            }
        } else if field.serde_conflict && !a.rest_rename.is_set() && !a.rest_skip.is_set() {
            cx.error_spanned_by(
                field.member,
                "conflicting serde renames: the serialize and deserialize names differ; \
                 say which key to use with #[rest(rename = \"...\")]",
            );
        }
    }
    duplicate_names(
        cx,
        cont.fields
            .iter()
            .filter(|f| !f.attrs.rest_skip.is_set() && !f.attrs.rest_flatten.is_set())
            .map(|f| (f, f.rest_name.as_str())),
        "RestTranslatable",
    );
}
