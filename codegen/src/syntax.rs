//! Stage 4, syntax trees: constructors of the `syn` nodes that the emitter's most repeated
//! items are made of (a struct, its serde impls and its `Validate` table), built directly
//! instead of as tokens that `syn` would parse again: on a large spec, parsing the tokens
//! cost more than building and printing them together.
//!
//! What comes from a spec enters these trees the same three ways as it enters tokens: text
//! as a `syn::LitStr` ([`lit_str`], [`doc`]), names as the identifier of a [`Name`], and
//! hand-written types as their parsed path. Every other identifier here is the generator's
//! own text (`serializer`, `__c`, `Option`).

use crate::naming::Name;
use proc_macro2::{Literal, Span, TokenStream};
use syn::punctuated::{Pair, Punctuated};
use syn::{
    Arm, AttrStyle, Attribute, Block, Expr, ExprArray, ExprCall, ExprField, ExprLit, ExprMacro,
    ExprMethodCall, ExprPath, ExprReference, ExprTry, Field, FieldMutability, FieldValue, Ident,
    ImplItem, Item, ItemImpl, Lit, LitStr, Local, LocalInit, Macro, MacroDelimiter, Member, Meta,
    MetaList, MetaNameValue, Pat, PatIdent, Path, PathArguments, PathSegment, QSelf, Stmt, Type,
    TypePath, TypeReference, TypeSlice, Visibility,
};

/// The generator's own identifier `text` (never spec text).
pub(crate) fn ident(text: &str) -> Ident {
    Ident::new(text, Span::call_site())
}

/// A path of the generator's own identifiers: `::a::b` when `global`, else `a::b`.
pub(crate) fn path(global: bool, segments: &[&str]) -> Path {
    Path {
        leading_colon: global.then(Default::default),
        segments: list(segments.iter().map(|s| PathSegment::from(ident(s)))),
    }
}

/// The one-segment path of a name.
pub(crate) fn name_path(name: &Name) -> Path {
    Path::from(name.ident())
}

/// A type path.
pub(crate) fn ty(path: Path) -> Type {
    Type::Path(TypePath { qself: None, path })
}

/// `path<args>`: the last segment of `path` takes the type arguments.
pub(crate) fn generic(mut path: Path, args: impl IntoIterator<Item = Type>) -> Type {
    if let Some(last) = path.segments.last_mut() {
        last.arguments = PathArguments::AngleBracketed(syn::AngleBracketedGenericArguments {
            colon2_token: None,
            lt_token: Default::default(),
            args: list(args.into_iter().map(syn::GenericArgument::Type)),
            gt_token: Default::default(),
        });
    }
    ty(path)
}

/// `&[elem]`.
pub(crate) fn slice_ref(elem: Type) -> Type {
    Type::Reference(TypeReference {
        and_token: Default::default(),
        lifetime: None,
        mutability: None,
        elem: Box::new(Type::Slice(TypeSlice {
            bracket_token: Default::default(),
            elem: Box::new(elem),
        })),
    })
}

/// A path expression.
pub(crate) fn path_expr(path: Path) -> Expr {
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: None,
        path,
    })
}

/// A local variable (or `self`).
pub(crate) fn var(name: &str) -> Expr {
    path_expr(Path::from(ident(name)))
}

/// `<ty as a::b>::c`: `trait_path` (`a::b`, `::a::b` when `global`) then `item` (`c`).
pub(crate) fn qualified(ty: Type, global: bool, trait_path: &[&str], item: &str) -> Expr {
    let mut path = path(global, trait_path);
    path.segments.push(PathSegment::from(ident(item)));
    Expr::Path(ExprPath {
        attrs: Vec::new(),
        qself: Some(QSelf {
            lt_token: Default::default(),
            ty: Box::new(ty),
            position: trait_path.len(),
            as_token: Some(Default::default()),
            gt_token: Default::default(),
        }),
        path,
    })
}

/// A string literal holding `text`, whatever it is. (`Lit::Verbatim`: the token as made by
/// `Literal::string`, printed as it is; syn's `LitStr` would copy it twice more.)
pub(crate) fn lit_str(text: &str) -> Expr {
    lit(Lit::Verbatim(Literal::string(text)))
}

/// A string literal that syn reads back: a doc attribute's value, which prettyplease prints
/// as a `///` comment.
pub(crate) fn doc_str(text: &str) -> Expr {
    lit(Lit::Str(LitStr::new(text, Span::call_site())))
}

/// An unsuffixed integer literal.
pub(crate) fn lit_usize(n: usize) -> Expr {
    Expr::Lit(int(n))
}

/// An unsuffixed integer literal, as a pattern or an expression.
pub(crate) fn int(n: usize) -> ExprLit {
    ExprLit {
        attrs: Vec::new(),
        lit: Lit::Verbatim(Literal::usize_unsuffixed(n)),
    }
}

/// A literal token (a number, a string) as an expression.
pub(crate) fn literal(token: Literal) -> Expr {
    lit(Lit::Verbatim(token))
}

fn lit(lit: Lit) -> Expr {
    Expr::Lit(ExprLit {
        attrs: Vec::new(),
        lit,
    })
}

/// `func(args)`.
pub(crate) fn call(func: Expr, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Call(ExprCall {
        attrs: Vec::new(),
        func: Box::new(func),
        paren_token: Default::default(),
        args: list(args),
    })
}

/// `receiver.method(args)`.
pub(crate) fn method(receiver: Expr, method: &str, args: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::MethodCall(ExprMethodCall {
        attrs: Vec::new(),
        receiver: Box::new(receiver),
        dot_token: Default::default(),
        method: ident(method),
        turbofish: None,
        paren_token: Default::default(),
        args: list(args),
    })
}

/// `base.name`.
pub(crate) fn field(base: Expr, name: &Name) -> Expr {
    Expr::Field(ExprField {
        attrs: Vec::new(),
        base: Box::new(base),
        dot_token: Default::default(),
        member: Member::Named(name.ident()),
    })
}

/// `&expr` or `&mut expr`.
pub(crate) fn reference(expr: Expr, mutable: bool) -> Expr {
    Expr::Reference(ExprReference {
        attrs: Vec::new(),
        and_token: Default::default(),
        mutability: mutable.then(Default::default),
        expr: Box::new(expr),
    })
}

/// `expr?`.
pub(crate) fn try_(expr: Expr) -> Expr {
    Expr::Try(ExprTry {
        attrs: Vec::new(),
        expr: Box::new(expr),
        question_token: Default::default(),
    })
}

/// `pat => body,`.
pub(crate) fn arm(pat: Pat, body: Expr) -> Arm {
    Arm {
        attrs: Vec::new(),
        pat,
        guard: None,
        fat_arrow_token: Default::default(),
        body: Box::new(body),
        comma: Some(Default::default()),
    }
}

/// `match on { arms }`.
pub(crate) fn match_on(on: Expr, arms: Vec<Arm>) -> Expr {
    Expr::Match(syn::ExprMatch {
        attrs: Vec::new(),
        match_token: Default::default(),
        expr: Box::new(on),
        brace_token: Default::default(),
        arms,
    })
}

/// `[elems]`.
pub(crate) fn array(elems: impl IntoIterator<Item = Expr>) -> Expr {
    Expr::Array(ExprArray {
        attrs: Vec::new(),
        bracket_token: Default::default(),
        elems: list(elems),
    })
}

/// `path { name: value, … }`, then `..rest` if given.
pub(crate) fn struct_expr(
    path: Path,
    fields: impl IntoIterator<Item = (Ident, Expr)>,
    rest: Option<Expr>,
) -> Expr {
    Expr::Struct(syn::ExprStruct {
        attrs: Vec::new(),
        qself: None,
        path,
        brace_token: Default::default(),
        fields: list(fields.into_iter().map(|(name, expr)| FieldValue {
            attrs: Vec::new(),
            member: Member::Named(name),
            colon_token: Some(Default::default()),
            expr,
        })),
        dot2_token: rest.is_some().then(Default::default),
        rest: rest.map(Box::new),
    })
}

/// `let name = init;` (`let mut` when `mutable`).
pub(crate) fn let_(mutable: bool, name: Ident, init: Expr) -> Stmt {
    Stmt::Local(Local {
        attrs: Vec::new(),
        let_token: Default::default(),
        pat: Pat::Ident(PatIdent {
            attrs: Vec::new(),
            by_ref: None,
            mutability: mutable.then(Default::default),
            ident: name,
            subpat: None,
        }),
        init: Some(LocalInit {
            eq_token: Default::default(),
            expr: Box::new(init),
            diverge: None,
        }),
        semi_token: Default::default(),
    })
}

/// The tail expression of a block (no `;`).
pub(crate) fn tail(expr: Expr) -> Stmt {
    Stmt::Expr(expr, None)
}

/// `expr;`.
pub(crate) fn semi(expr: Expr) -> Stmt {
    Stmt::Expr(expr, Some(Default::default()))
}

/// A block of statements.
pub(crate) fn block(stmts: Vec<Stmt>) -> Block {
    Block {
        brace_token: Default::default(),
        stmts,
    }
}

/// `#[path(tokens)]`, as an outer attribute.
pub(crate) fn attr_list(path: Path, tokens: TokenStream) -> Attribute {
    attr(Meta::List(MetaList {
        path,
        delimiter: MacroDelimiter::Paren(Default::default()),
        tokens,
    }))
}

/// `#[doc = value]`.
pub(crate) fn doc(value: Expr) -> Attribute {
    attr(Meta::NameValue(MetaNameValue {
        path: path(false, &["doc"]),
        eq_token: Default::default(),
        value,
    }))
}

/// `concat!(lit)`: a doc value printed as an attribute, not as a comment.
pub(crate) fn concat(lit: Literal) -> Expr {
    Expr::Macro(ExprMacro {
        attrs: Vec::new(),
        mac: Macro {
            path: path(false, &["concat"]),
            bang_token: Default::default(),
            delimiter: MacroDelimiter::Paren(Default::default()),
            tokens: quote::ToTokens::into_token_stream(lit),
        },
    })
}

fn attr(meta: Meta) -> Attribute {
    Attribute {
        pound_token: Default::default(),
        style: AttrStyle::Outer,
        bracket_token: Default::default(),
        meta,
    }
}

/// `pub name: ty` with its attributes.
pub(crate) fn pub_field(attrs: Vec<Attribute>, name: &Name, ty: Type) -> Field {
    Field {
        attrs,
        vis: Visibility::Public(Default::default()),
        mutability: FieldMutability::None,
        ident: Some(name.ident()),
        colon_token: Some(Default::default()),
        ty,
    }
}

/// `impl trait_ for self_ty { items }` from a template impl (generics and trait taken from it).
pub(crate) fn impl_from(template: &ItemImpl, self_ty: Type, items: Vec<ImplItem>) -> Item {
    Item::Impl(ItemImpl {
        attrs: Vec::new(),
        defaultness: None,
        unsafety: None,
        impl_token: Default::default(),
        generics: template.generics.clone(),
        trait_: template.trait_.clone(),
        self_ty: Box::new(self_ty),
        brace_token: Default::default(),
        items,
    })
}

/// A function of an impl: a template signature and a body.
pub(crate) fn impl_fn(sig: &syn::Signature, stmts: Vec<Stmt>) -> ImplItem {
    ImplItem::Fn(syn::ImplItemFn {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        defaultness: None,
        sig: sig.clone(),
        block: block(stmts),
    })
}

/// `const NAME: ty = expr;` in an impl.
pub(crate) fn impl_const(name: &str, ty: Type, expr: Expr) -> ImplItem {
    ImplItem::Const(syn::ImplItemConst {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        defaultness: None,
        const_token: Default::default(),
        ident: ident(name),
        generics: Default::default(),
        colon_token: Default::default(),
        ty,
        eq_token: Default::default(),
        expr,
        semi_token: Default::default(),
    })
}

/// `static name: ty = expr;`, as a statement.
pub(crate) fn static_stmt(name: &str, ty: Type, expr: Expr) -> Stmt {
    Stmt::Item(Item::Static(syn::ItemStatic {
        attrs: Vec::new(),
        vis: Visibility::Inherited,
        static_token: Default::default(),
        mutability: syn::StaticMutability::None,
        ident: ident(name),
        colon_token: Default::default(),
        ty: Box::new(ty),
        eq_token: Default::default(),
        expr: Box::new(expr),
        semi_token: Default::default(),
    }))
}

/// `items` separated by `P`s. Made of pairs: pushing values one by one would box each.
pub(crate) fn list<T, P: Default>(items: impl IntoIterator<Item = T>) -> Punctuated<T, P> {
    let mut items = items.into_iter().peekable();
    std::iter::from_fn(move || {
        let item = items.next()?;
        Some(match items.peek() {
            Some(_) => Pair::Punctuated(item, P::default()),
            None => Pair::End(item),
        })
    })
    .collect()
}

/// `items` separated and followed by `P`s (as a struct's fields are parsed).
pub(crate) fn trailing<T, P: Default>(items: impl IntoIterator<Item = T>) -> Punctuated<T, P> {
    items
        .into_iter()
        .map(|item| Pair::Punctuated(item, P::default()))
        .collect()
}

/// `a + b`.
pub(crate) fn add(a: Expr, b: Expr) -> Expr {
    Expr::Binary(syn::ExprBinary {
        attrs: Vec::new(),
        left: Box::new(a),
        op: syn::BinOp::Add(Default::default()),
        right: Box::new(b),
    })
}
