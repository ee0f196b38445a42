//! Parsing of `#[dict(...)]`, `#[rest(...)]`, `#[azml(...)]` and the
//! `#[serde(rename...)]` attributes that the derives honour.

use proc_macro2::{Span, TokenStream};
use syn::meta::ParseNestedMeta;
use syn::{Attribute, LitStr, Path, Token};

use super::case::RenameRule;
use super::ctxt::Ctxt;

/// One attribute value that may be given at most once.
pub struct Attr<T> {
    name: &'static str,
    value: Option<(Span, T)>,
}

impl<T> Attr<T> {
    fn none(name: &'static str) -> Self {
        Attr { name, value: None }
    }

    fn set(&mut self, cx: &Ctxt, span: Span, tool: &str, value: T) {
        if self.value.is_some() {
            cx.syn_error(syn::Error::new(
                span,
                format!("duplicate {tool} attribute `{}`", self.name),
            ));
        } else {
            self.value = Some((span, value));
        }
    }

    /// The value, if given.
    pub fn get(&self) -> Option<&T> {
        self.value.as_ref().map(|(_, v)| v)
    }

    /// Where it was given.
    pub fn span(&self) -> Option<Span> {
        self.value.as_ref().map(|(s, _)| *s)
    }

    /// Whether it was given.
    pub fn is_set(&self) -> bool {
        self.value.is_some()
    }
}

/// A serde rename: both names, or only one side.
pub struct SerdeName {
    pub serialize: Option<String>,
    pub deserialize: Option<String>,
}

impl SerdeName {
    /// The one name both sides agree on, `Err` when they differ.
    pub fn single(&self) -> Result<Option<&str>, ()> {
        match (&self.serialize, &self.deserialize) {
            (Some(a), Some(b)) if a != b => Err(()),
            (Some(a), _) | (None, Some(a)) => Ok(Some(a)),
            (None, None) => Ok(None),
        }
    }
}

/// A `default` on a REST field: `Default::default()` or a function path.
pub enum RestDefault {
    Trait,
    Path(Path),
}

/// Attributes on the struct.
pub struct Container {
    pub crate_path: Attr<Path>,
    pub dict_rename_all: Attr<RenameRule>,
    pub dict_display: Attr<()>,
    pub dict_prune: Attr<()>,
    pub dict_serialize: Attr<()>,
    pub serde_rename_all: Attr<SerdeRule>,
    pub rest_model: Attr<Path>,
    pub rest_partial: Attr<()>,
    pub rest_rename_all: Attr<RenameRule>,
    pub rest_prune: Attr<()>,
    pub rest_from_dict: Attr<()>,
}

/// `#[serde(rename_all = ...)]`, possibly split by side.
pub struct SerdeRule {
    pub serialize: Option<RenameRule>,
    pub deserialize: Option<RenameRule>,
}

/// Where `_to_dict()` puts the keys of a `#[dict(extra)]` map.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum ExtraPlace {
    /// `#[dict(extra)]`: after the declared fields.
    Last,
    /// `#[dict(extra_first)]`: before them (a component's `_other_parameter`).
    First,
}

/// Attributes on one field.
pub struct Field {
    pub dict_rename: Attr<LitStr>,
    pub dict_skip: Attr<()>,
    pub dict_skip_dump: Attr<()>,
    pub dict_extra: Attr<ExtraPlace>,
    pub dict_serde: Attr<()>,
    pub serde_rename: Attr<SerdeName>,
    pub rest_rename: Attr<LitStr>,
    pub rest_skip: Attr<()>,
    pub rest_flatten: Attr<()>,
    pub rest_default: Attr<RestDefault>,
    pub rest_with: Attr<Path>,
    pub rest_json_string: Attr<()>,
    pub rest_dict: Attr<()>,
    pub rest_serde: Attr<()>,
}

fn lit_str(meta: &ParseNestedMeta) -> syn::Result<LitStr> {
    meta.value()?.parse::<LitStr>()
}

fn rule(cx: &Ctxt, lit: &LitStr) -> Option<RenameRule> {
    match RenameRule::from_name(&lit.value()) {
        Ok(rule) => Some(rule),
        Err(msg) => {
            cx.error_spanned_by(lit, msg);
            None
        }
    }
}

fn parse_path(lit: &LitStr) -> syn::Result<Path> {
    lit.parse::<Path>().map_err(|_| {
        syn::Error::new(
            lit.span(),
            format!("`{}` is not a valid Rust path", lit.value()),
        )
    })
}

/// Skips the value of a serde item that the derives do not read.
fn skip_value(meta: &ParseNestedMeta) -> syn::Result<()> {
    if meta.input.peek(Token![=]) {
        meta.value()?.parse::<syn::Expr>()?;
    } else if meta.input.peek(syn::token::Paren) {
        let content;
        syn::parenthesized!(content in meta.input);
        content.parse::<TokenStream>()?;
    }
    Ok(())
}

/// Reads `name = "..."` or `name(serialize = "...", deserialize = "...")`.
fn serde_pair(meta: &ParseNestedMeta) -> syn::Result<(Option<LitStr>, Option<LitStr>)> {
    if meta.input.peek(Token![=]) {
        let lit = lit_str(meta)?;
        return Ok((Some(lit.clone()), Some(lit)));
    }
    let (mut ser, mut de) = (None, None);
    meta.parse_nested_meta(|inner| {
        if inner.path.is_ident("serialize") {
            ser = Some(lit_str(&inner)?);
        } else if inner.path.is_ident("deserialize") {
            de = Some(lit_str(&inner)?);
        } else {
            skip_value(&inner)?;
        }
        Ok(())
    })?;
    Ok((ser, de))
}

fn unknown(meta: &ParseNestedMeta, tool: &str, known: &str) -> syn::Error {
    let name = meta
        .path
        .get_ident()
        .map_or_else(|| "?".to_owned(), ToString::to_string);
    meta.error(format!(
        "unknown {tool} attribute `{name}`, expected one of: {known}"
    ))
}

impl Container {
    /// Reads the container attributes, recording every error in `cx`.
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut c = Container {
            crate_path: Attr::none("crate"),
            dict_rename_all: Attr::none("rename_all"),
            dict_display: Attr::none("display"),
            dict_prune: Attr::none("prune"),
            dict_serialize: Attr::none("serialize"),
            serde_rename_all: Attr::none("rename_all"),
            rest_model: Attr::none("model"),
            rest_partial: Attr::none("partial"),
            rest_rename_all: Attr::none("rename_all"),
            rest_prune: Attr::none("prune"),
            rest_from_dict: Attr::none("from_dict"),
        };
        for attr in attrs {
            let span = |m: &ParseNestedMeta| syn::spanned::Spanned::span(&m.path);
            let result = if attr.path().is_ident("azml") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("crate") {
                        let path = parse_path(&lit_str(&meta)?)?;
                        c.crate_path.set(cx, span(&meta), "azml", path);
                        Ok(())
                    } else {
                        Err(unknown(&meta, "azml", "`crate`"))
                    }
                })
            } else if attr.path().is_ident("dict") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename_all") {
                        if let Some(r) = rule(cx, &lit_str(&meta)?) {
                            c.dict_rename_all.set(cx, span(&meta), "dict", r);
                        }
                    } else if meta.path.is_ident("display") {
                        c.dict_display.set(cx, span(&meta), "dict", ());
                    } else if meta.path.is_ident("prune") {
                        c.dict_prune.set(cx, span(&meta), "dict", ());
                    } else if meta.path.is_ident("serialize") {
                        c.dict_serialize.set(cx, span(&meta), "dict", ());
                    } else {
                        return Err(unknown(
                            &meta,
                            "dict",
                            "`rename_all`, `display`, `prune`, `serialize`",
                        ));
                    }
                    Ok(())
                })
            } else if attr.path().is_ident("rest") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("model") {
                        let path = meta.value()?.parse::<Path>()?;
                        c.rest_model.set(cx, span(&meta), "rest", path);
                    } else if meta.path.is_ident("partial") {
                        c.rest_partial.set(cx, span(&meta), "rest", ());
                    } else if meta.path.is_ident("rename_all") {
                        if let Some(r) = rule(cx, &lit_str(&meta)?) {
                            c.rest_rename_all.set(cx, span(&meta), "rest", r);
                        }
                    } else if meta.path.is_ident("prune") {
                        c.rest_prune.set(cx, span(&meta), "rest", ());
                    } else if meta.path.is_ident("from_dict") {
                        c.rest_from_dict.set(cx, span(&meta), "rest", ());
                    } else {
                        return Err(unknown(
                            &meta,
                            "rest",
                            "`model`, `partial`, `rename_all`, `prune`, `from_dict`",
                        ));
                    }
                    Ok(())
                })
            } else if attr.path().is_ident("serde") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename_all") {
                        let (ser, de) = serde_pair(&meta)?;
                        let value = SerdeRule {
                            serialize: ser.and_then(|l| rule(cx, &l)),
                            deserialize: de.and_then(|l| rule(cx, &l)),
                        };
                        c.serde_rename_all.set(cx, span(&meta), "serde", value);
                        Ok(())
                    } else {
                        skip_value(&meta)
                    }
                })
            } else {
                Ok(())
            };
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        c
    }
}

impl Field {
    /// Reads one field's attributes, recording every error in `cx`.
    pub fn from_attrs(cx: &Ctxt, attrs: &[Attribute]) -> Self {
        let mut f = Field {
            dict_rename: Attr::none("rename"),
            dict_skip: Attr::none("skip"),
            dict_skip_dump: Attr::none("skip_dump"),
            dict_extra: Attr::none("extra"),
            dict_serde: Attr::none("serde"),
            serde_rename: Attr::none("rename"),
            rest_rename: Attr::none("rename"),
            rest_skip: Attr::none("skip"),
            rest_flatten: Attr::none("flatten"),
            rest_default: Attr::none("default"),
            rest_with: Attr::none("with"),
            rest_json_string: Attr::none("json_string"),
            rest_dict: Attr::none("dict"),
            rest_serde: Attr::none("serde"),
        };
        for attr in attrs {
            let span = |m: &ParseNestedMeta| syn::spanned::Spanned::span(&m.path);
            let result = if attr.path().is_ident("dict") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename") {
                        f.dict_rename.set(cx, span(&meta), "dict", lit_str(&meta)?);
                    } else if meta.path.is_ident("skip") {
                        f.dict_skip.set(cx, span(&meta), "dict", ());
                    } else if meta.path.is_ident("extra") {
                        f.dict_extra.set(cx, span(&meta), "dict", ExtraPlace::Last);
                    } else if meta.path.is_ident("extra_first") {
                        f.dict_extra.set(cx, span(&meta), "dict", ExtraPlace::First);
                    } else if meta.path.is_ident("skip_dump") {
                        f.dict_skip_dump.set(cx, span(&meta), "dict", ());
                    } else if meta.path.is_ident("serde") {
                        f.dict_serde.set(cx, span(&meta), "dict", ());
                    } else {
                        return Err(unknown(
                            &meta,
                            "dict",
                            "`rename`, `skip`, `skip_dump`, `extra`, `extra_first`, `serde`",
                        ));
                    }
                    Ok(())
                })
            } else if attr.path().is_ident("rest") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename") {
                        f.rest_rename.set(cx, span(&meta), "rest", lit_str(&meta)?);
                    } else if meta.path.is_ident("skip") {
                        f.rest_skip.set(cx, span(&meta), "rest", ());
                    } else if meta.path.is_ident("flatten") {
                        f.rest_flatten.set(cx, span(&meta), "rest", ());
                    } else if meta.path.is_ident("default") {
                        let value = if meta.input.peek(Token![=]) {
                            RestDefault::Path(parse_path(&lit_str(&meta)?)?)
                        } else {
                            RestDefault::Trait
                        };
                        f.rest_default.set(cx, span(&meta), "rest", value);
                    } else if meta.path.is_ident("with") {
                        let path = parse_path(&lit_str(&meta)?)?;
                        f.rest_with.set(cx, span(&meta), "rest", path);
                    } else if meta.path.is_ident("json_string") {
                        f.rest_json_string.set(cx, span(&meta), "rest", ());
                    } else if meta.path.is_ident("dict") {
                        f.rest_dict.set(cx, span(&meta), "rest", ());
                    } else if meta.path.is_ident("serde") {
                        f.rest_serde.set(cx, span(&meta), "rest", ());
                    } else {
                        return Err(unknown(
                            &meta,
                            "rest",
                            "`rename`, `skip`, `flatten`, `default`, `with`, `json_string`, `dict`, `serde`",
                        ));
                    }
                    Ok(())
                })
            } else if attr.path().is_ident("serde") {
                attr.parse_nested_meta(|meta| {
                    if meta.path.is_ident("rename") {
                        let (ser, de) = serde_pair(&meta)?;
                        let value = SerdeName {
                            serialize: ser.map(|l| l.value()),
                            deserialize: de.map(|l| l.value()),
                        };
                        f.serde_rename.set(cx, span(&meta), "serde", value);
                        Ok(())
                    } else {
                        skip_value(&meta)
                    }
                })
            } else {
                Ok(())
            };
            if let Err(err) = result {
                cx.syn_error(err);
            }
        }
        f
    }
}
