//! The input model: a struct with named fields or an enum of unit and
//! newtype variants, its attributes and the public names of its fields
//! and variants.

use syn::ext::IdentExt;
use syn::{Data, DeriveInput, Fields, Generics, Ident, Path, Type};

use super::attr;
use super::case::RenameRule;
use super::ctxt::Ctxt;

/// A struct or enum that one of the derives is applied to.
pub struct Container<'a> {
    pub ident: &'a Ident,
    pub generics: &'a Generics,
    pub attrs: attr::Container,
    /// The named fields of a struct (empty for an enum).
    pub fields: Vec<Field<'a>>,
    /// The variants of an enum; `None` for a struct.
    pub variants: Option<Vec<Variant<'a>>>,
    /// Path of the runtime crate: `::azml` unless `#[azml(crate = "...")]`.
    pub crate_path: Path,
}

/// One named field.
pub struct Field<'a> {
    pub member: &'a Ident,
    pub ty: &'a Type,
    pub attrs: attr::Field,
    /// The key of the field in the dict view.
    pub dict_name: String,
    /// The key of the field in the default JSON REST model.
    pub rest_name: String,
    /// The serde rename has different serialize and deserialize names.
    pub serde_conflict: bool,
}

/// One variant of an enum: a unit variant is a wire string, a newtype
/// variant holds a value of its one field's type (tried in order, as serde's
/// `untagged` does).
pub struct Variant<'a> {
    pub ident: &'a Ident,
    /// The type of a newtype variant's field; `None` for a unit variant.
    pub inner: Option<&'a Type>,
    pub attrs: attr::Field,
    /// The wire string of a unit variant in the dict view.
    pub dict_name: String,
    /// The wire string of a unit variant in the REST model.
    pub rest_name: String,
}

impl<'a> Container<'a> {
    /// Reads `input`; `None` (with an error in `cx`) if it is not a struct
    /// with named fields.
    pub fn from_ast(cx: &Ctxt, input: &'a DeriveInput, derive: &str) -> Option<Self> {
        let attrs = attr::Container::from_attrs(cx, &input.attrs);
        let named = match &input.data {
            Data::Struct(data) => {
                match &data.fields {
                    Fields::Named(named) => named,
                    Fields::Unnamed(_) => {
                        cx.error_spanned_by(
                        &data.fields,
                        format!("{derive} needs a struct with named fields; tuple structs have no keys"),
                    );
                        return None;
                    }
                    Fields::Unit => {
                        cx.error_spanned_by(
                        &input.ident,
                        format!("{derive} needs a struct with named fields; a unit struct has no keys"),
                    );
                        return None;
                    }
                }
            }
            Data::Enum(data) => {
                let variants = data
                    .variants
                    .iter()
                    .filter_map(|v| variant(cx, v, &attrs, derive))
                    .collect();
                return Some(Container {
                    ident: &input.ident,
                    generics: &input.generics,
                    fields: Vec::new(),
                    variants: Some(variants),
                    crate_path: crate_path(&attrs),
                    attrs,
                });
            }
            Data::Union(data) => {
                cx.error_spanned_by(
                    data.union_token,
                    format!("{derive} cannot be derived for a union; it needs a struct with named fields or an enum"),
                );
                return None;
            }
        };
        let fields = named
            .named
            .iter()
            .filter_map(|field| {
                let member = field.ident.as_ref()?;
                let field_attrs = attr::Field::from_attrs(cx, &field.attrs);
                let plain = member.unraw().to_string();
                let (serde_name, serde_conflict) = match serde_rename(&field_attrs) {
                    Ok(name) => (name, false),
                    Err(()) => (None, true),
                };
                let dict_name = field_attrs
                    .dict_rename
                    .get()
                    .map(syn::LitStr::value)
                    .or_else(|| serde_name.clone())
                    .unwrap_or_else(|| {
                        renamed(&plain, attrs.dict_rename_all.get().copied(), &attrs)
                    });
                let rest_name = field_attrs
                    .rest_rename
                    .get()
                    .map(syn::LitStr::value)
                    .or(serde_name)
                    .unwrap_or_else(|| {
                        renamed(&plain, attrs.rest_rename_all.get().copied(), &attrs)
                    });
                Some(Field {
                    member,
                    ty: &field.ty,
                    attrs: field_attrs,
                    dict_name,
                    rest_name,
                    serde_conflict,
                })
            })
            .collect();
        Some(Container {
            ident: &input.ident,
            generics: &input.generics,
            fields,
            variants: None,
            crate_path: crate_path(&attrs),
            attrs,
        })
    }
}

/// Path of the runtime crate: `::azml` unless `#[azml(crate = "...")]`.
fn crate_path(attrs: &attr::Container) -> Path {
    attrs
        .crate_path
        .get()
        .cloned()
        .unwrap_or_else(|| syn::parse_quote!(::azml))
}

/// Reads one variant; `None` (with an error in `cx`) for a struct variant
/// or a tuple variant of other than one field.
fn variant<'a>(
    cx: &Ctxt,
    v: &'a syn::Variant,
    attrs: &attr::Container,
    derive: &str,
) -> Option<Variant<'a>> {
    let inner = match &v.fields {
        Fields::Unit => None,
        Fields::Unnamed(f) if f.unnamed.len() == 1 => f.unnamed.first().map(|f| &f.ty),
        other => {
            cx.error_spanned_by(
                other,
                format!(
                    "{derive} on an enum needs unit variants (wire strings) and newtype variants (one value); `{}` is neither",
                    v.ident
                ),
            );
            return None;
        }
    };
    let field_attrs = attr::Field::from_attrs(cx, &v.attrs);
    let plain = v.ident.unraw().to_string();
    let serde_name = serde_rename(&field_attrs).ok().flatten();
    let variant_name = |own: Option<RenameRule>| match own.or_else(|| serde_rule(attrs)) {
        Some(rule) => rule.apply_to_variant(&plain),
        None => plain.clone(),
    };
    let dict_name = field_attrs
        .dict_rename
        .get()
        .map(syn::LitStr::value)
        .or_else(|| serde_name.clone())
        .unwrap_or_else(|| variant_name(attrs.dict_rename_all.get().copied()));
    let rest_name = field_attrs
        .rest_rename
        .get()
        .map(syn::LitStr::value)
        .or(serde_name)
        .unwrap_or_else(|| variant_name(attrs.rest_rename_all.get().copied()));
    Some(Variant {
        ident: &v.ident,
        inner,
        attrs: field_attrs,
        dict_name,
        rest_name,
    })
}

/// Serde's `rename_all`, when both sides agree.
fn serde_rule(attrs: &attr::Container) -> Option<RenameRule> {
    attrs
        .serde_rename_all
        .get()
        .and_then(|r| match (r.serialize, r.deserialize) {
            (Some(a), Some(b)) if a == b => Some(a),
            (Some(a), None) | (None, Some(a)) => Some(a),
            _ => None,
        })
}

/// The field's own rule first, then serde's `rename_all` when both sides agree.
fn renamed(plain: &str, own: Option<RenameRule>, attrs: &attr::Container) -> String {
    match own.or_else(|| serde_rule(attrs)) {
        Some(rule) => rule.apply_to_field(plain),
        None => plain.to_owned(),
    }
}

/// The serde wire name of a field; `Err` when its two sides differ.
fn serde_rename(attrs: &attr::Field) -> Result<Option<String>, ()> {
    match attrs.serde_rename.get() {
        Some(name) => name.single().map(|n| n.map(str::to_owned)),
        None => Ok(None),
    }
}
