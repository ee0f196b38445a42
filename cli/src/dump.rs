//! `azml dump`: an entity as azure-ai-ml would dump it.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use azml::entities::{describe_unknown, REGISTRY};

/// Print an Azure ML YAML file as azure-ai-ml dumps it: its `_to_dict()` as
/// JSON, its REST request body as JSON, or its normalized YAML.
///
/// Handles every kind azml models (see `azml validate`'s summary for what
/// it skips). A pipeline's REST form is `{"jobs": {<node>: <REST form>}}`
/// for its parallel nodes; a task and a standalone job have none in
/// azure-ai-ml.
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
    let entity = match REGISTRY.load(&doc, base) {
        Some(Ok(entity)) => entity,
        Some(Err(e)) => {
            eprintln!("{e}");
            return ExitCode::from(1);
        }
        None => {
            eprintln!(
                "azml dump: {}: {} cannot be dumped yet",
                args.file.display(),
                describe_unknown(&doc.value)
            );
            return ExitCode::from(1);
        }
    };
    let out = match args.as_ {
        As::Dict => json(&entity.to_dict()),
        As::Yaml => entity.to_yaml(),
        As::Rest => match entity.to_rest() {
            Ok(body) => json(&body),
            Err(why) => {
                eprintln!("azml dump: {}: {why}", args.file.display());
                return ExitCode::from(1);
            }
        },
    };
    print!("{out}");
    ExitCode::SUCCESS
}

/// Pretty JSON with a final newline.
fn json(value: &azml::Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}
