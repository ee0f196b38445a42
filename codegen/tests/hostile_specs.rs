//! Hostile specs, one test each (fixtures in `tests/hostile/`, the huge ones written at run
//! time): names that are keywords, empty, digits first, non-ASCII or equal after case
//! conversion; descriptions that try to leave their doc comment; wrong-type keywords;
//! duplicate discriminator values; `$ref` and `allOf` cycles; references that dangle, leave
//! the root, name a URL or a folder; 10,000-level nesting; a 50 MB description.
//!
//! Each either generates code that holds nothing but the spec's data (checked token by
//! token here; all of them are compiled, with no warnings, in one scratch crate by
//! `every_accepted_spec_compiles`) or fails with errors that name the file and JSON
//! pointer. Each generation must finish within [`BOUND`] (a debug build, on a busy 2-core
//! machine; release builds take a fraction of it), and the size bounds keep memory in check.

#[path = "support/scratch.rs"]
mod scratch;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use proc_macro2::{TokenStream, TokenTree};

/// Time bound of one generation (debug build).
const BOUND: Duration = Duration::from_secs(30);

fn dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/hostile")
}

/// Generates `file` (its folder is the root) within [`BOUND`].
fn generate(file: &Path) -> Result<azml_codegen::Output, azml_codegen::Diagnostics> {
    let opts = azml_codegen::Options {
        specs: vec![file.to_path_buf()],
        root: file.parent().map(Path::to_path_buf),
        derives: Vec::new(),
    };
    let start = Instant::now();
    let out = azml_codegen::generate(&opts);
    let took = start.elapsed();
    assert!(
        took < BOUND,
        "{} took {took:?} (bound {BOUND:?})",
        file.display()
    );
    out
}

/// Identifiers a leaked spec text would create: none of them may appear as a token.
const LEAKED: &[&str] = &[
    "pwned",
    "Pwned",
    "panic",
    "exit",
    "process",
    "no_std",
    "no_implicit_prelude",
    "forbid",
    "cfg",
    "main",
    "indented",
    "alert",
    "script",
    "unclosed",
];

/// The functions generated code defines.
const FNS: &[&str] = &[
    "deserialize",
    "serialize",
    "from_map",
    "validate",
    "tag",
    "default",
];

/// The attributes generated code uses.
const ATTRS: &[&str] = &["doc", "derive", "serde", "allow", "dict", "rest"];

/// Checks that `code` is only items the generator writes: no inner attribute, no leaked
/// identifier, no function or attribute beyond its own.
fn assert_only_data(name: &str, code: &str) {
    let file = syn::parse_file(code).unwrap_or_else(|e| panic!("{name}: does not parse: {e}"));
    assert!(file.attrs.is_empty(), "{name}: inner attributes");
    for item in &file.items {
        match item {
            syn::Item::Struct(_)
            | syn::Item::Enum(_)
            | syn::Item::Impl(_)
            | syn::Item::Type(_)
            | syn::Item::Static(_) => {}
            syn::Item::Macro(m) => {
                let path: Vec<String> = m
                    .mac
                    .path
                    .segments
                    .iter()
                    .map(|s| s.ident.to_string())
                    .collect();
                match path.as_slice() {
                    [a, b] if a == "azml" && b == "open_enum" => {}
                    // The `Deserialize` impl of a struct: its name and nothing else.
                    [a, b, c] if a == "azml" && b == "__codegen" && c == "deserialize_from_map" => {
                        let ident: syn::Result<syn::Ident> = syn::parse2(m.mac.tokens.clone());
                        assert!(ident.is_ok(), "{name}: {}", m.mac.tokens);
                    }
                    _ => panic!("{name}: macro {path:?}"),
                }
            }
            other => panic!("{name}: unexpected item {}", quote_of(other)),
        }
    }
    let tokens: TokenStream = code.parse().expect("tokens");
    walk(name, tokens, &mut None);
}

fn quote_of(item: &syn::Item) -> String {
    use quote::ToTokens;
    item.to_token_stream()
        .to_string()
        .chars()
        .take(200)
        .collect()
}

/// Walks every token: identifiers are checked against [`LEAKED`]; the name after `fn` must
/// be one of [`FNS`]; the path of each attribute one of [`ATTRS`].
fn walk(name: &str, tokens: TokenStream, prev: &mut Option<String>) {
    let mut after_pound = false;
    for tt in tokens {
        match tt {
            TokenTree::Ident(i) => {
                let s = i.to_string();
                let bare = s.strip_prefix("r#").unwrap_or(&s);
                assert!(!LEAKED.contains(&bare), "{name}: identifier `{s}` leaked");
                if prev.as_deref() == Some("fn") {
                    assert!(FNS.contains(&bare), "{name}: fn `{s}`");
                }
                *prev = Some(s);
                after_pound = false;
            }
            TokenTree::Group(g) => {
                if after_pound && g.delimiter() == proc_macro2::Delimiter::Bracket {
                    let first = g.stream().into_iter().next().map(|t| t.to_string());
                    assert!(
                        first.as_deref().is_some_and(|f| ATTRS.contains(&f)),
                        "{name}: attribute #[{}]",
                        g.stream()
                    );
                }
                after_pound = false;
                *prev = None;
                walk(name, g.stream(), prev);
            }
            TokenTree::Punct(p) => {
                after_pound = p.as_char() == '#';
                if p.as_char() == '!' && after_pound {
                    panic!("{name}: inner attribute");
                }
                *prev = None;
            }
            TokenTree::Literal(_) => {
                after_pound = false;
                *prev = None;
            }
        }
    }
}

/// The fixture `name` generates code with nothing but data in it; returns the code and the
/// warnings.
fn accepted(name: &str) -> (String, Vec<String>) {
    let file = dir().join(format!("{name}.json"));
    match generate(&file) {
        Ok(out) => {
            assert_only_data(name, &out.code);
            let warnings = out
                .report
                .warnings
                .iter()
                .map(|w| format!("{}#{}: {}", w.file, w.pointer, w.message))
                .collect();
            (out.code, warnings)
        }
        Err(d) => panic!("{name} should generate:\n{d}"),
    }
}

/// The spec fails; every error names a file (and, where expected, the pointer).
fn rejected(file: &Path) -> Vec<String> {
    match generate(file) {
        Ok(_) => panic!("{} should fail", file.display()),
        Err(d) => {
            let errors: Vec<String> = d
                .errors()
                .map(|e| {
                    assert!(!e.file.is_empty(), "error without a file: {e:?}");
                    assert!(!e.message.contains("internal error"), "{e:?}");
                    format!("{}#{}: {}", e.file, e.pointer, e.message)
                })
                .collect();
            assert!(!errors.is_empty());
            errors
        }
    }
}

fn has(errors: &[String], at: &str, message: &str) {
    assert!(
        errors
            .iter()
            .any(|e| e.starts_with(&format!("{at}: ")) && e.contains(message)),
        "no error at {at} containing {message:?} in {errors:#?}"
    );
}

/// Every fixture that must generate.
const ACCEPTED: &[&str] = &[
    "keyword_definition_names",
    "keyword_property_names",
    "keyword_enum_values",
    "underscore_and_empty_names",
    "digit_first_names",
    "non_ascii_names",
    "equal_after_case_conversion",
    "generic_parameter_names",
    "prelude_and_runtime_names",
    "description_quote_bracket",
    "description_comment_markers",
    "description_inner_attributes",
    "description_line_breaks",
    "description_nul_and_controls",
    "description_doc_markup",
    "hostile_titles_and_client_names",
    "hostile_discriminator_property",
    "hostile_enum_values",
    "hostile_derives",
    "hostile_patterns",
    "wrong_type_defaults",
    "wrong_type_keywords",
    "duplicate_discriminator_values",
    "recursive_structs",
    "recursive_lists",
];

#[test]
fn every_accepted_spec_compiles() {
    let mut lib =
        String::from("#![deny(warnings)]\n//! Every accepted hostile spec, compiled.\n\n");
    let out = Path::new(env!("CARGO_TARGET_TMPDIR")).join("hostile-out");
    std::fs::create_dir_all(&out).unwrap();
    let mut all: Vec<(String, String)> = ACCEPTED
        .iter()
        .map(|n| (n.to_string(), accepted(n).0))
        .collect();
    all.push(("ref_chain_10000".into(), ref_chain_10000()));
    all.push(("description_50_mb".into(), description_50_mb()));
    for (name, code) in all {
        let file = out.join(format!("{name}.rs"));
        scratch::write_if_changed(&file, &code);
        lib.push_str(&format!(
            "#[path = {:?}]\npub mod {name};\n",
            file.display().to_string()
        ));
    }
    let krate = scratch::write_crate("azml-codegen-hostile", &lib, None);
    scratch::build(&krate);
}

#[test]
fn keyword_definition_names() {
    let (code, _) = accepted("keyword_definition_names");
    for ty in ["Type", "Self_", "Self2", "Crate", "Super", "Fn"] {
        assert!(code.contains(&format!("pub struct {ty} ")), "{ty}\n{code}");
    }
    assert!(code.contains("pub r#type: "));
    assert!(code.contains("pub self_: "));
    assert!(code.contains("pub self_2: "));
}

#[test]
fn keyword_property_names() {
    let (code, warnings) = accepted("keyword_property_names");
    for field in [
        "r#type", "self_", "self_2", "crate_", "super_", "r#fn", "r#async", "r#dyn",
    ] {
        assert!(code.contains(&format!("pub {field}: ")), "{field}\n{code}");
    }
    // The wire names stay as written.
    assert!(code.contains("rename = \"Self\""));
    assert!(code.contains("rename = \"r#x\""));
    assert_eq!(warnings.len(), 1, "{warnings:#?}");
}

#[test]
fn keyword_enum_values() {
    let (code, warnings) = accepted("keyword_enum_values");
    assert!(code.contains("Self_ = \"self\""), "{code}");
    assert!(code.contains("Self2 = \"Self\""), "{code}");
    // `Other` is the open enum's catch-all: the value takes another name.
    assert!(code.contains("Other2 = \"Other\""), "{code}");
    assert!(warnings.iter().any(|w| w.contains("`Other` is taken")));
}

#[test]
fn underscore_and_empty_names() {
    let (code, warnings) = accepted("underscore_and_empty_names");
    assert!(code.contains("rename = \"\")]"), "{code}");
    assert!(code.contains("pub struct Unnamed "), "{code}");
    assert!(!warnings.is_empty());
}

#[test]
fn digit_first_names() {
    let (code, _) = accepted("digit_first_names");
    assert!(code.contains("pub struct N1st "), "{code}");
    assert!(code.contains("pub n2nd: "), "{code}");
    assert!(code.contains("pub enum N9 "), "{code}");
    assert!(code.contains("pub enum N0x10 "), "{code}");
}

#[test]
fn non_ascii_names() {
    let (code, _) = accepted("non_ascii_names");
    // Letters outside ASCII separate words; the wire names are kept.
    assert!(code.contains("rename = \"é\""), "{code}");
    assert!(code.contains("\"名前\""), "{code}");
    assert!(code.is_ascii() || code.contains("naïve"));
}

#[test]
fn equal_after_case_conversion() {
    let (code, warnings) = accepted("equal_after_case_conversion");
    for ty in ["FooBar ", "FooBar2", "FooBar3", "FooBar4"] {
        assert!(
            code.contains(&format!("pub struct {ty}")) || code.contains(&format!("pub enum {ty}")),
            "{ty}"
        );
    }
    assert!(
        warnings.iter().filter(|w| w.contains("is taken")).count() >= 9,
        "{warnings:#?}"
    );
}

/// Regression: a spec type named `A` was shadowed by the generic parameter of `from_map`,
/// so a struct with a field of type `A` did not compile. The body of `from_map` names no
/// field type (its slots' types are inferred), so the parameter can be `A`; the scratch
/// crate of `every_accepted_spec_compiles` builds it.
#[test]
fn generic_parameter_names() {
    let (code, _) = accepted("generic_parameter_names");
    assert!(
        code.contains("fn from_map<'de, A: ::serde::de::MapAccess<'de>>("),
        "{code}"
    );
    assert!(code.contains("pub a: A,"), "{code}");
}

#[test]
fn prelude_and_runtime_names() {
    let (code, _) = accepted("prelude_and_runtime_names");
    for ty in [
        "Option", "String", "Result", "Vec", "Box", "Value", "Default", "Ok", "Validate",
    ] {
        assert!(code.contains(&format!("pub struct {ty} ")), "{ty}");
    }
}

#[test]
fn description_quote_bracket() {
    let (code, _) = accepted("description_quote_bracket");
    assert!(
        code.contains("/// \"] pub struct Pwned; #[doc = \""),
        "{code}"
    );
}

#[test]
fn description_comment_markers() {
    let (code, _) = accepted("description_comment_markers");
    assert!(code.contains("/// */ fn pwned() {} /*"), "{code}");
}

#[test]
fn description_inner_attributes() {
    let (code, _) = accepted("description_inner_attributes");
    assert!(code.contains("/// #![no_std]"), "{code}");
    assert!(code.contains("/// //! crate doc"), "{code}");
}

#[test]
fn description_line_breaks() {
    let (code, _) = accepted("description_line_breaks");
    // Bare CRs end lines; no CR is left in a comment.
    assert!(!code.contains('\r'));
    assert!(code.contains("/// #![no_std]\n"), "{code}");
}

#[test]
fn description_nul_and_controls() {
    let (code, _) = accepted("description_nul_and_controls");
    // Controls and bidirectional overrides only as escapes inside a literal.
    assert!(!code.contains('\0') && !code.contains('\u{1b}') && !code.contains('\u{202e}'));
    assert!(
        code.contains("#[doc = concat!(\" nul\\0 esc\\u{1b}[31m"),
        "{code}"
    );
}

#[test]
fn description_doc_markup() {
    let (code, _) = accepted("description_doc_markup");
    // No fenced or indented code block that rustdoc would run as a doctest.
    assert!(!code.contains("```"));
    assert!(!code.contains("///     "));
}

#[test]
fn hostile_titles_and_client_names() {
    let (code, _) = accepted("hostile_titles_and_client_names");
    assert!(code.contains("pub struct EvilFnPwned "), "{code}");
    assert!(code.contains("pub a_fn_pwned: "), "{code}");
}

#[test]
fn hostile_discriminator_property() {
    let (code, _) = accepted("hostile_discriminator_property");
    assert!(code.contains("\"\\\"] fn pwned\""), "{code}");
}

#[test]
fn hostile_enum_values() {
    let (code, warnings) = accepted("hostile_enum_values");
    assert!(code.contains("\"}; fn pwned() {\""), "{code}");
    assert!(code.contains("\"\\0\""), "{code}");
    // An enum of JSON values of every type keeps each one, as its JSON text.
    assert!(
        code.contains(r#""{\"k\":\"v\"}","#)
            && code.contains("\"null\",")
            && code.contains("\"[1]\","),
        "{code}"
    );
    assert!(
        warnings
            .iter()
            .all(|w| !w.contains("#/definitions/M:") || w.contains("is taken")),
        "{warnings:#?}"
    );
}

#[test]
fn hostile_derives() {
    let (code, _) = accepted("hostile_derives");
    // Only the derives azml knows, by exact name, are written: none of these.
    assert!(
        code.contains("#[derive(Debug, Clone, PartialEq, Default)]"),
        "{code}"
    );
    assert!(
        !code.contains("DictMixin") && !code.contains("Copy"),
        "{code}"
    );
}

#[test]
fn hostile_patterns() {
    let (code, warnings) = accepted("hostile_patterns");
    assert_eq!(
        warnings
            .iter()
            .filter(|w| w.contains("pattern not supported"))
            .count(),
        4,
        "{warnings:#?}"
    );
    assert!(!code.contains("Pattern::new"), "{code}");
}

#[test]
fn wrong_type_defaults() {
    let (code, _) = accepted("wrong_type_defaults");
    // A default is documentation, never code.
    assert!(
        code.contains("Default: `\"'] fn pwned() {} //\"`."),
        "{code}"
    );
}

#[test]
fn wrong_type_keywords() {
    let (_, warnings) = accepted("wrong_type_keywords");
    for at in [
        "/definitions/Weird/required",
        "/definitions/Weird/properties/a/minLength",
        "/definitions/Weird/properties/d/properties",
    ] {
        assert!(
            warnings.iter().any(|w| w.contains(&format!("#{at}: "))),
            "{at}: {warnings:#?}"
        );
    }
}

#[test]
fn duplicate_discriminator_values() {
    let (_, warnings) = accepted("duplicate_discriminator_values");
    assert!(
        warnings.iter().any(|w| w
            .starts_with("duplicate_discriminator_values.json#/definitions/Two: ")
            && w.contains("\"same\" is used twice")),
        "{warnings:#?}"
    );
}

#[test]
fn recursive_structs() {
    let (code, _) = accepted("recursive_structs");
    assert!(code.contains("::std::boxed::Box<Tree>"), "{code}");
}

/// Regression: `A = array of A` became `pub type A = Vec<A>`, a cycle Rust cannot expand.
#[test]
fn recursive_lists() {
    let (code, warnings) = accepted("recursive_lists");
    assert!(
        code.contains("pub type Nested = ::serde_json::Value;"),
        "{code}"
    );
    assert!(
        warnings
            .iter()
            .any(|w| w.starts_with("recursive_lists.json#/definitions/Nested: ")),
        "{warnings:#?}"
    );
}

/// Regression: `A → B → C → A` became three type aliases of each other, which do not compile.
#[test]
fn ref_cycle() {
    let errors = rejected(&dir().join("ref_cycle.json"));
    for def in ["A", "B", "C"] {
        has(
            &errors,
            &format!("ref_cycle.json#/definitions/{def}"),
            "`$ref` cycle (A -> B -> C)",
        );
    }
}

#[test]
fn self_ref() {
    let errors = rejected(&dir().join("self_ref.json"));
    has(&errors, "self_ref.json#/definitions/Self", "`$ref` cycle");
}

#[test]
fn allof_cycle() {
    let errors = rejected(&dir().join("allof_cycle.json"));
    has(
        &errors,
        "allof_cycle.json#/definitions/A",
        "allOf inheritance cycle",
    );
}

#[test]
fn dangling_refs() {
    let errors = rejected(&dir().join("dangling_refs.json"));
    has(
        &errors,
        "dangling_refs.json#/definitions/D/properties/a/$ref",
        "points to nothing",
    );
    has(
        &errors,
        "dangling_refs.json#/definitions/D/properties/b/$ref",
        "points to nothing",
    );
    has(
        &errors,
        "dangling_refs.json#/definitions/D/properties/c/$ref",
        "points to nothing",
    );
}

#[test]
fn refs_outside_root() {
    let errors = rejected(&dir().join("refs_outside_root.json"));
    for p in ["a", "b", "c", "d"] {
        has(
            &errors,
            &format!("refs_outside_root.json#/definitions/O/properties/{p}/$ref"),
            "leaves the spec root folder",
        );
    }
    has(
        &errors,
        "refs_outside_root.json#/definitions/O/properties/e/$ref",
        "cannot read",
    );
}

#[test]
fn refs_to_http_and_other_schemes() {
    let errors = rejected(&dir().join("refs_to_http_and_other_schemes.json"));
    for (p, scheme) in [("a", "http"), ("b", "http"), ("c", "file"), ("d", "ftp")] {
        has(
            &errors,
            &format!("refs_to_http_and_other_schemes.json#/definitions/R/properties/{p}/$ref"),
            &format!("uses the {scheme} scheme"),
        );
    }
    has(
        &errors,
        "refs_to_http_and_other_schemes.json#/definitions/R/properties/e/$ref",
        "leaves the spec root folder",
    );
    has(
        &errors,
        "refs_to_http_and_other_schemes.json#/definitions/R/properties/f/$ref",
        "cannot read",
    );
}

#[test]
fn refs_to_folders() {
    let errors = rejected(&dir().join("refs_to_folders.json"));
    for p in ["a", "b", "c", "d"] {
        has(
            &errors,
            &format!("refs_to_folders.json#/definitions/F/properties/{p}/$ref"),
            "names a folder",
        );
    }
}

#[test]
fn ref_to_non_schema_values() {
    let errors = rejected(&dir().join("ref_to_non_schema_values.json"));
    has(
        &errors,
        "ref_to_non_schema_values.json#/info/title",
        "schema is not an object",
    );
}

// ---- written at run time ----

fn scratch_dir(name: &str) -> PathBuf {
    let d = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .join("hostile-gen")
        .join(name);
    std::fs::create_dir_all(&d).unwrap();
    d
}

fn swagger(definitions: serde_json::Value) -> serde_json::Value {
    serde_json::json!({"swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": definitions})
}

#[test]
fn nesting_10000_levels_json() {
    let d = scratch_dir("nesting-json");
    let mut text = String::new();
    for _ in 0..10_000 {
        text.push_str("{\"type\": \"object\", \"properties\": {\"p\": ");
    }
    text.push_str("{\"type\": \"string\"}");
    text.push_str(&"}}".repeat(10_000));
    let file = d.join("deep.json");
    std::fs::write(
        &file,
        format!("{{\"swagger\": \"2.0\", \"definitions\": {{\"Deep\": {text}}}}}"),
    )
    .unwrap();
    let errors = rejected(&file);
    has(&errors, "deep.json#", "invalid JSON");
}

#[test]
fn nesting_10000_levels_yaml() {
    let d = scratch_dir("nesting-yaml");
    let file = d.join("deep.yaml");
    let text = format!(
        "swagger: '2.0'\ndefinitions:\n  Deep: {}{}\n",
        "{properties: {p: ".repeat(10_000),
        "}}".repeat(10_000)
    );
    std::fs::write(&file, text).unwrap();
    let errors = rejected(&file);
    has(&errors, "deep.yaml#", "invalid YAML");
}

/// Regression: an `allOf` chain copied every ancestor's fields into each struct with a linear
/// search per field: 1,000 levels made 240 MB of code in 8 s, 3,000 levels did not finish.
#[test]
fn allof_chain_10000_levels() {
    let d = scratch_dir("allof-chain");
    let mut defs = serde_json::Map::new();
    for i in 0..10_000 {
        let mut s = serde_json::json!({"type": "object", "properties": {format!("p{i}"): {"type": "string"}}});
        if i + 1 < 10_000 {
            s["allOf"] = serde_json::json!([{"$ref": format!("#/definitions/C{}", i + 1)}]);
        }
        defs.insert(format!("C{i}"), s);
    }
    let file = d.join("chain.json");
    std::fs::write(&file, swagger(defs.into()).to_string()).unwrap();
    let errors = rejected(&file);
    has(
        &errors,
        "chain.json#/definitions/C65",
        "allOf inheritance deeper than 64 levels",
    );
}

/// A wide parent inherited by many children: the copies are bounded in all.
#[test]
fn allof_fan_out_is_bounded() {
    let d = scratch_dir("allof-wide");
    let mut defs = serde_json::Map::new();
    let props: serde_json::Map<String, serde_json::Value> = (0..2000)
        .map(|i| (format!("f{i}"), serde_json::json!({"type": "string"})))
        .collect();
    defs.insert(
        "P".into(),
        serde_json::json!({"type": "object", "properties": props}),
    );
    for i in 0..200 {
        defs.insert(format!("K{i}"), serde_json::json!({"allOf": [{"$ref": "#/definitions/P"}], "properties": {"k": {"type": "string"}}}));
    }
    let file = d.join("wide.json");
    std::fs::write(&file, swagger(defs.into()).to_string()).unwrap();
    let errors = rejected(&file);
    assert!(
        errors
            .iter()
            .any(|e| e.contains("more than 200000 struct fields")),
        "{errors:#?}"
    );
}

/// 10,000 `$ref`s, each to the next: generates (type aliases), compiled with the others.
fn ref_chain_10000() -> String {
    let d = scratch_dir("ref-chain");
    let mut defs = serde_json::Map::new();
    for i in 0..10_000 {
        let s = if i + 1 < 10_000 {
            serde_json::json!({"$ref": format!("#/definitions/R{}", i + 1)})
        } else {
            serde_json::json!({"type": "string"})
        };
        defs.insert(format!("R{i}"), s);
    }
    defs.insert(
        "Holder".into(),
        serde_json::json!({"type": "object", "properties": {"r": {"$ref": "#/definitions/R0"}}}),
    );
    let file = d.join("refs.json");
    std::fs::write(&file, swagger(defs.into()).to_string()).unwrap();
    let out = generate(&file).unwrap_or_else(|e| panic!("{e}"));
    assert_only_data("ref_chain_10000", &out.code);
    out.code
}

#[test]
fn ref_chain_10000_levels() {
    let code = ref_chain_10000();
    assert!(code.contains("pub type R9998 = R9999;"));
}

/// A 50 MB description: generates quickly, and the doc comment keeps its first 64 KiB.
fn description_50_mb() -> String {
    let d = scratch_dir("huge-description");
    let big = "*/ \"] #![no_std] x".repeat((50 << 20) / 18 + 1);
    assert!(big.len() >= 50 << 20);
    let spec = swagger(
        serde_json::json!({"Big": {"type": "object", "description": big, "properties": {"a": {"type": "string"}}}}),
    );
    let file = d.join("big.json");
    std::fs::write(&file, spec.to_string()).unwrap();
    let out = generate(&file).unwrap_or_else(|e| panic!("{e}"));
    assert!(out.code.len() < 200 << 10, "{} bytes", out.code.len());
    let note = format!(
        "(The description is {} bytes long; its first 65536 are shown.)",
        big.len()
    );
    assert!(out.code.contains(&note), "{}", &out.code[..300]);
    assert_only_data("description_50_mb", &out.code);
    out.code
}

#[test]
fn description_of_50_mb() {
    description_50_mb();
}

/// A YAML spec with a tag that would run code in some loaders.
#[test]
fn yaml_spec_with_python_tag() {
    let d = scratch_dir("yaml-tag");
    let file = d.join("spec.yaml");
    std::fs::write(
        &file,
        "swagger: '2.0'\ndefinitions:\n  A: !!python/object/apply:os.system [\"touch pwned\"]\n",
    )
    .unwrap();
    let errors = rejected(&file);
    has(
        &errors,
        "spec.yaml#",
        "unsupported tag `!!python/object/apply:os.system`",
    );
    assert!(!d.join("pwned").exists());
}

/// A link inside the root to a spec outside it: refused like a `../` reference.
#[cfg(unix)]
#[test]
fn symlink_out_of_the_root() {
    let base = scratch_dir("symlink");
    let outside = base.join("outside");
    let root = base.join("root");
    std::fs::create_dir_all(&outside).unwrap();
    std::fs::create_dir_all(&root).unwrap();
    std::fs::write(
        outside.join("secret.json"),
        swagger(serde_json::json!({"S": {"type": "string"}})).to_string(),
    )
    .unwrap();
    let link = root.join("link.json");
    let _ = std::fs::remove_file(&link);
    std::os::unix::fs::symlink(outside.join("secret.json"), &link).unwrap();
    let file = root.join("spec.json");
    std::fs::write(&file, swagger(serde_json::json!({"A": {"type": "object", "properties": {"s": {"$ref": "link.json#/definitions/S"}}}})).to_string()).unwrap();
    let errors = rejected(&file);
    has(
        &errors,
        "spec.json#/definitions/A/properties/s/$ref",
        "leaves the spec root folder",
    );
}
