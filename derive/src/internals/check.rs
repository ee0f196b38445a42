//! Validation across attributes, after parsing: conflicts and duplicates.

use std::collections::HashMap;

use super::ast::{Container, Field};
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

/// Checks the attributes that `#[derive(DictMixin)]` reads.
pub fn check_dict(cx: &Ctxt, cont: &Container) {
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
    let typed = cont.attrs.rest_model.is_set();
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
