//! `x-azml-type`: a schema that is a hand-written Rust type. The value must be a plain type
//! path (`::azml::parallel::MiniBatchSize`, generic arguments allowed, themselves plain type
//! paths); anything else (a `qself`, a macro, an expression, a lifetime, trailing tokens) is
//! refused, so a spec cannot inject code.

use syn::{GenericArgument, PathArguments, Type, TypePath};

/// The extension key.
pub const KEY: &str = "x-azml-type";

/// Most generic arguments nested in one another.
const MAX_DEPTH: usize = 8;

/// Parses and checks an `x-azml-type` value; returns the path printed compactly
/// (`::azml::parallel::MiniBatchSize`, `Vec<::std::string::String>`).
pub fn parse(text: &str) -> Result<String, String> {
    let path: TypePath = syn::parse_str(text)
        .map_err(|e| format!("`{KEY}` {text:?} is not a Rust type path: {e}"))?;
    check(&path, 0).map_err(|why| format!("`{KEY}` {text:?} is not a plain type path: {why}"))?;
    let mut out = String::new();
    print(&path, &mut out);
    Ok(out)
}

/// True when `text` is a path as [`parse`] prints it (what the emitter writes out).
pub fn is_printed_path(text: &str) -> bool {
    parse(text).is_ok_and(|p| p == text)
}

/// Prints a checked path: segments joined by `::`, generic arguments in `<…>`.
fn print(path: &TypePath, out: &mut String) {
    if path.path.leading_colon.is_some() {
        out.push_str("::");
    }
    for (i, seg) in path.path.segments.iter().enumerate() {
        if i > 0 {
            out.push_str("::");
        }
        out.push_str(&seg.ident.to_string());
        if let PathArguments::AngleBracketed(args) = &seg.arguments {
            out.push('<');
            for (j, arg) in args.args.iter().enumerate() {
                if j > 0 {
                    out.push_str(", ");
                }
                if let GenericArgument::Type(Type::Path(p)) = arg {
                    print(p, out);
                }
            }
            out.push('>');
        }
    }
}

fn check(path: &TypePath, depth: usize) -> Result<(), &'static str> {
    if depth > MAX_DEPTH {
        return Err("generic arguments nested too deeply");
    }
    if path.qself.is_some() {
        return Err("qualified self types (`<T as Trait>::X`) are not allowed");
    }
    for seg in &path.path.segments {
        match &seg.arguments {
            PathArguments::None => {}
            PathArguments::Parenthesized(_) => {
                return Err("parenthesized arguments (`Fn(A) -> B`) are not allowed")
            }
            PathArguments::AngleBracketed(args) => {
                for arg in &args.args {
                    match arg {
                        GenericArgument::Type(Type::Path(p)) => check(p, depth + 1)?,
                        GenericArgument::Type(_) => {
                            return Err("generic arguments must be type paths")
                        }
                        _ => return Err("generic arguments must be type paths"),
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::parse;

    #[test]
    fn accepts_paths_with_generic_arguments() {
        assert_eq!(
            parse("::azml::parallel::MiniBatchSize").as_deref(),
            Ok("::azml::parallel::MiniBatchSize")
        );
        assert_eq!(
            parse(":: std :: vec :: Vec < :: std :: string :: String >").as_deref(),
            Ok("::std::vec::Vec<::std::string::String>")
        );
        assert!(super::is_printed_path("Option<Vec<u8>>"));
        assert!(!super::is_printed_path("Option < Vec<u8>>"));
        assert!(parse("Option<Vec<u8>>").is_ok());
    }

    #[test]
    fn refuses_anything_else() {
        for bad in [
            "",
            "<T as Trait>::X",
            "foo!()",
            "String; fn evil() {}",
            "Vec<[u8; 4]>",
            "Box<dyn Fn()>",
            "Fn(u8) -> u8",
            "Foo<3>",
            "Foo<{ evil() }>",
            "Foo<'static>",
            "Iterator<Item = u8>",
            "String /* */ ) ; }",
            "&'static str",
            "1 + 1",
        ] {
            assert!(parse(bad).is_err(), "{bad:?} was accepted");
        }
    }
}
