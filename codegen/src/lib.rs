//! # azml-codegen
//!
//! Reads JSON Schema (draft-04 to 2020-12), Swagger 2.0 and OpenAPI 3.0/3.1 specs and emits
//! Rust types (serde structs, open and closed enums, tagged unions with a catch-all) that need
//! only `serde`, `serde_json` and `azml`.
//!
//! Stages, one module each: [`load`] → [`convert`] (IR, with the [`inherit`], [`poly`] and
//! [`cycles`] passes) → [`naming`] → [`emit`] (structs, enums, unions and their serde impls,
//! `azml::validate::Validate` impls, built as `syn` trees, the rarest as tokens with `quote`
//! parsed by `syn`) → [`pretty`] (laid out by `prettyplease`). A second back end,
//! [`json_schemas`], writes the JSON Schema of each document kind from the same IR
//! ([`json_schema`]). Every problem is collected in [`Diagnostics`] with its file and JSON
//! pointer; nothing panics on spec data, and tokens that do not parse are an error on the
//! type that produced them. Spec text reaches the output only as string literals or doc
//! attributes, names only as [`naming::Name`]s, and hand-written types (`x-azml-type`) only
//! as parsed type paths ([`extern_type`]): the emitter has no other way to write them.
//!
//! The output is prettyplease's layout, with no tool needed; [`rustfmt()`] runs the
//! toolchain's rustfmt over it where a repository checks `rustfmt --check` (`cargo xtask
//! codegen` does for `generated/mod.rs`, `azml codegen --rustfmt` on request).
//!
//! ```no_run
//! let out = azml_codegen::generate(&azml_codegen::Options {
//!     specs: vec!["spec.json".into()],
//!     ..Default::default()
//! })
//! .expect("spec errors");
//! std::fs::write("types.rs", out.code).unwrap();
//! ```

#![warn(missing_docs)]
pub mod azml_check;
pub mod azml_ext;
pub mod checks;
pub mod convert;
pub mod cycles;
pub mod diag;
pub mod dialect;
pub mod emit;
mod emit_docs;
mod emit_enum;
mod emit_serde;
mod emit_struct;
mod emit_validate;
pub mod extern_type;
pub mod inherit;
pub mod ir;
pub mod json_schema;
pub mod load;
pub mod naming;
pub mod poly;
pub mod pretty;
pub mod report;
mod rustfmt;
mod syntax;
mod yaml;

pub use diag::{Diagnostic, Diagnostics, Severity};
pub use report::Report;
pub use rustfmt::rustfmt;

use std::path::{Path, PathBuf};

/// What to generate.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// Spec files: every named schema in them is generated, with what they reference.
    pub specs: Vec<PathBuf>,
    /// Folder that `$ref`s may not leave. Default: the deepest folder holding every spec.
    pub root: Option<PathBuf>,
    /// Extra derives for every struct (`"DictMixin"`, `"RestTranslatable"`); a schema can
    /// also ask for them with `x-azml-derive`.
    pub derives: Vec<String>,
}

/// The generated module and the report.
#[derive(Debug, Clone)]
pub struct Output {
    /// Rust source in prettyplease's layout: items only (no inner attributes), ready to
    /// `include!`.
    pub code: String,
    /// Counts, fallbacks and warnings.
    pub report: Report,
}

/// Generates Rust types for the given specs. On failure, returns every error (and warning).
pub fn generate(opts: &Options) -> Result<Output, Diagnostics> {
    let run = std::panic::catch_unwind(|| generate_inner(opts));
    match run {
        Ok(r) => r,
        Err(_) => {
            let mut d = Diagnostics::default();
            d.error(
                "",
                "",
                "internal error: the generator panicked (please report this spec)",
            );
            Err(d)
        }
    }
}

fn common_root(specs: &[PathBuf]) -> PathBuf {
    let dirs: Vec<PathBuf> = specs
        .iter()
        .map(|s| {
            load::Loader::normalize(s)
                .parent()
                .map(Path::to_path_buf)
                .unwrap_or_default()
        })
        .collect();
    let mut root = dirs.first().cloned().unwrap_or_default();
    for d in &dirs {
        while !d.starts_with(&root) {
            if !root.pop() {
                break;
            }
        }
    }
    root
}

/// The stages every back end shares: the specs loaded, converted and checked, the passes
/// run and the types named.
struct FrontEnd {
    loader: load::Loader,
    ir: ir::Ir,
    names: naming::Names,
    definitions: usize,
    untyped: Vec<(String, String, String)>,
}

fn front_end(opts: &Options, diags: &mut Diagnostics) -> FrontEnd {
    let root = opts
        .root
        .clone()
        .unwrap_or_else(|| common_root(&opts.specs));
    let mut loader = load::Loader::new(&root);
    let files = loader.load_all(&opts.specs, diags);
    let mut named = Vec::new();
    let mut used = Vec::new();
    for f in &files {
        if let Some(doc) = loader.doc(f) {
            named.extend(dialect::named_schemas(f, doc));
            used.extend(dialect::operation_schema_refs(f, doc));
        }
    }
    let definitions = named.len();
    let (ir, untyped) = {
        let mut conv = convert::Converter::new(&mut loader, diags, opts.derives.clone());
        for (loc, name) in named {
            conv.register(loc, name, true);
        }
        for (at, reference) in used {
            conv.register_ref(&at, &reference);
        }
        conv.run();
        (
            std::mem::take(&mut conv.ir),
            std::mem::take(&mut conv.untyped),
        )
    };
    let mut ir = ir;
    inherit::run(&mut ir, diags);
    azml_check::run(&ir, diags);
    poly::run(&mut ir, diags);
    poly::collapse_untagged(&mut ir);
    cycles::alias_cycles(&mut ir, diags);
    cycles::run(&mut ir);
    let names = naming::run(&ir, diags);
    FrontEnd {
        loader,
        ir,
        names,
        definitions,
        untyped,
    }
}

fn generate_inner(opts: &Options) -> Result<Output, Diagnostics> {
    let mut diags = Diagnostics::default();
    let FrontEnd {
        loader,
        ir,
        names,
        definitions,
        untyped,
    } = front_end(opts, &mut diags);
    // Code that would be thrown away is not written (a rejected spec can be huge).
    if diags.has_errors() {
        return Err(diags);
    }
    let (code, problems) = emit::Emitter::new(&ir, &names).code();
    for p in problems {
        diags.error(&p.file, &p.pointer, p.message);
    }
    if diags.has_errors() {
        return Err(diags);
    }
    let warnings: Vec<Diagnostic> = diags.warnings().cloned().collect();
    let report = report::build(&ir, &names, definitions, &untyped, warnings, |l| {
        loader.display(&l.file)
    });
    drop_in_background((loader, ir, names));
    Ok(Output { code, report })
}

/// Writes the JSON Schema (draft-07) of every document kind (`x-azml-kind`) of the specs,
/// from the same IR as the Rust types ([`json_schema`]). On failure, returns every error.
pub fn json_schemas(opts: &Options) -> Result<Vec<json_schema::SchemaFile>, Diagnostics> {
    let run = std::panic::catch_unwind(|| {
        let mut diags = Diagnostics::default();
        let mut front = front_end(opts, &mut diags);
        if diags.has_errors() {
            return Err(diags);
        }
        let files = json_schema::write(&mut front.loader, &front.ir, &front.names, &mut diags);
        drop_in_background(front.loader);
        if diags.has_errors() {
            Err(diags)
        } else {
            Ok(files)
        }
    });
    run.unwrap_or_else(|_| {
        let mut d = Diagnostics::default();
        d.error(
            "",
            "",
            "internal error: the generator panicked (please report this spec)",
        );
        Err(d)
    })
}

/// Drops a value on another thread: freeing the parsed specs and the IR takes as long as a
/// whole stage, and nothing waits for it.
fn drop_in_background<T: Send + 'static>(value: T) {
    // If no thread can be started, the closure (and the value) is dropped right here.
    let _ = std::thread::Builder::new()
        .name("azml-codegen-drop".into())
        .spawn(move || drop(value));
}
