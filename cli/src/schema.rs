//! `azml schema`: the JSON Schema of each kind azml models, for editors
//! (yaml-language-server) and `check-jsonschema`. The schemas are the ones
//! `cargo xtask codegen` generates from `specs/` into `schemas/`, embedded.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

mod index {
    include!("../../generated/schemas.rs");
}

use index::SCHEMAS;

/// Print or write the JSON Schema (draft-07) of a kind of Azure ML YAML.
///
/// KIND is a kind's name (`parallel component`, `parallel-component`) or its
/// file name (`parallelComponent`, `parallelComponent.schema.json`), in any
/// case. Without KIND, `--out-dir` writes every kind's schema and otherwise
/// the kinds are listed. The schemas check what a JSON Schema can express;
/// `azml validate` checks the rest (files that must exist, rules across
/// fields and files, Python's conversions).
#[derive(clap::Args)]
pub struct Args {
    /// The kind (see above); without it, every kind.
    #[arg(value_name = "KIND")]
    kind: Option<String>,
    /// Write the kind's schema to this file instead of printing it.
    #[arg(
        long,
        value_name = "FILE",
        conflicts_with = "out_dir",
        requires = "kind"
    )]
    out: Option<PathBuf>,
    /// Write the schema(s) into this folder, each under its own file name.
    #[arg(long, value_name = "DIR")]
    out_dir: Option<PathBuf>,
}

/// What a KIND argument is compared as: lower case, words joined without separators.
fn folded(text: &str) -> String {
    text.strip_suffix(".schema.json")
        .unwrap_or(text)
        .chars()
        .filter(|c| !matches!(c, ' ' | '-' | '_'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// The schema (kind, file name, text) a KIND argument names.
fn find(kind: &str) -> Option<&'static (&'static str, &'static str, &'static str)> {
    let want = folded(kind);
    SCHEMAS
        .iter()
        .find(|(name, file, _)| folded(name) == want || folded(file) == want)
}

fn listing() -> String {
    SCHEMAS
        .iter()
        .map(|(name, file, _)| format!("  {name:<20} {file}\n"))
        .collect()
}

fn write(path: &Path, text: &str) -> Result<(), ExitCode> {
    std::fs::write(path, text).map_err(|e| {
        eprintln!("azml schema: cannot write {}: {e}", path.display());
        ExitCode::from(2)
    })
}

/// Runs the command: 0 on success, 2 on an unknown kind or an I/O error.
pub fn run(args: &Args) -> ExitCode {
    let chosen: Vec<&(&str, &str, &str)> = match &args.kind {
        None => SCHEMAS.iter().collect(),
        Some(kind) => match find(kind) {
            Some(found) => vec![found],
            None => {
                eprintln!(
                    "azml schema: no kind {kind:?}; the kinds are:\n{}",
                    listing()
                );
                return ExitCode::from(2);
            }
        },
    };
    let result = match (&args.out_dir, &args.out, &args.kind) {
        (Some(dir), _, _) => std::fs::create_dir_all(dir)
            .map_err(|e| {
                eprintln!("azml schema: cannot create {}: {e}", dir.display());
                ExitCode::from(2)
            })
            .and_then(|()| {
                chosen
                    .iter()
                    .try_for_each(|(_, file, text)| write(&dir.join(file), text))
            }),
        (None, Some(out), _) => chosen.iter().try_for_each(|(_, _, text)| write(out, text)),
        (None, None, Some(_)) => {
            chosen.iter().for_each(|(_, _, text)| print!("{text}"));
            Ok(())
        }
        (None, None, None) => {
            print!("{}", listing());
            Ok(())
        }
    };
    result.err().unwrap_or(ExitCode::SUCCESS)
}
