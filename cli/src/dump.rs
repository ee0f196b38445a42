//! `azml dump`: an entity as azure-ai-ml would dump it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use azml::kind::DocumentKind;

/// Print an Azure ML YAML file as azure-ai-ml dumps it: its `_to_dict()` as
/// JSON, its REST request body as JSON, or its normalized YAML.
///
/// Relative paths in the file resolve against the file's folder. Exit
/// status: 0 on success, 1 when the file is invalid (the problems go to
/// stderr) or of a kind that cannot be dumped yet, 2 on a usage or I/O error.
#[derive(clap::Args)]
pub struct Args {
    /// The YAML file.
    #[arg(value_name = "FILE")]
    file: PathBuf,
    /// What to print.
    #[arg(long = "as", value_enum, default_value_t = As::Dict)]
    as_: As,
}

/// The dump forms.
#[derive(Clone, Copy, clap::ValueEnum)]
enum As {
    /// azure-ai-ml's `_to_dict()`, as JSON.
    Dict,
    /// The REST request body of `_to_rest_object()`, as JSON.
    Rest,
    /// The normalized YAML.
    Yaml,
}

/// Runs the command.
pub fn run(args: &Args) -> ExitCode {
    if let Err(e) = std::fs::metadata(&args.file) {
        eprintln!("azml dump: {}: {e}", args.file.display());
        return ExitCode::from(2);
    }
    let doc = match azml::yaml::parse_path(&args.file) {
        Ok(doc) => doc,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
    };
    let base = args.file.parent().unwrap_or_else(|| Path::new("."));
    let kind = DocumentKind::detect(&doc.value);
    let dict = match kind {
        DocumentKind::ParallelTask => match azml::entities::ParallelTask::from_document(&doc, base)
        {
            Ok(task) => task.to_dict(),
            Err(e) => {
                eprintln!("{e}");
                return ExitCode::from(1);
            }
        },
        other => {
            eprintln!(
                "azml dump: {}: {other} cannot be dumped yet",
                args.file.display()
            );
            return ExitCode::from(1);
        }
    };
    match args.as_ {
        As::Dict => println!(
            "{}",
            serde_json::to_string_pretty(&dict).unwrap_or_default()
        ),
        As::Yaml => print!("{}", azml::pyyaml::dump(&dict, false)),
        As::Rest => {
            // A task has no REST form of its own in azure-ai-ml (its
            // `_to_rest_object()` is the mixin's no-op): it travels as its
            // dict inside a component spec or a node.
            eprintln!(
                "azml dump: {}: a {kind} has no REST body of its own; it travels as its dict inside a component or node",
                args.file.display()
            );
            return ExitCode::from(1);
        }
    }
    ExitCode::SUCCESS
}
