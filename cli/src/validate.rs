//! `azml validate`: check Azure ML YAML files as azure-ai-ml would.

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::collections::BTreeMap;

use azml::document::Kind;
use azml::entities::{describe_unknown, REGISTRY};
use azml::load::{LoadError, Problem};

use crate::files::yaml_files;

/// Validate Azure ML YAML files: every problem of every file, one line each
/// as `file:line:col: field.path: message`.
///
/// Folders are searched recursively for *.yml and *.yaml. Files of kinds
/// that azml does not model (conda files, deployments, endpoints, prompt
/// flows, ...) are listed as skipped, by kind, not as invalid.
/// Exit status: 0 when every checked file is valid, 1 when any is invalid,
/// 2 on a usage or I/O error.
#[derive(clap::Args)]
pub struct Args {
    /// Files or folders to check.
    #[arg(required = true, value_name = "PATH")]
    paths: Vec<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
}

/// How results are printed.
#[derive(Clone, Copy, clap::ValueEnum)]
enum Format {
    /// One line per problem; skipped files and a summary on stderr.
    Text,
    /// One JSON document with every file's status and problems.
    Json,
}

/// The outcome for one file.
enum Outcome {
    Valid(&'static Kind),
    Invalid(Option<&'static Kind>, LoadError),
    /// A document of no kind azml models, described.
    Skipped(String),
}

/// What the YAML reader noticed without refusing the file (a duplicated
/// key, whose later value is used as PyYAML uses it).
fn warnings(doc: &azml::yaml::Document, path: &Path) -> Vec<Problem> {
    doc.warnings()
        .iter()
        .map(|w| Problem {
            file: Some(path.to_path_buf()),
            line: w.position().line,
            col: w.position().col,
            path: azml::load::dotted(w.pointer()),
            message: w.message().to_owned(),
        })
        .collect()
}

/// Loads and checks one file; also returns its warnings.
fn check(path: &Path) -> (Outcome, Vec<Problem>) {
    let doc = match azml::yaml::parse_path(path) {
        Ok(doc) => doc,
        Err(e) => return (Outcome::Invalid(None, e.into()), Vec::new()),
    };
    (check_document(&doc, path), warnings(&doc, path))
}

fn check_document(doc: &azml::yaml::Document, path: &Path) -> Outcome {
    let base = path.parent().unwrap_or_else(|| Path::new("."));
    // The registry tries every loader that could accept the file (a
    // `type: command` file is a component or a job) and keeps the one that
    // does; `detect` names the kind a refused file is reported as.
    let Some(loaded) = REGISTRY.load(doc, base) else {
        return Outcome::Skipped(describe_unknown(&doc.value));
    };
    match loaded {
        Ok(document) => {
            let Some(kind) = REGISTRY.by_name(document.kind().name) else {
                return Outcome::Skipped(describe_unknown(&doc.value));
            };
            let issues = document.validate();
            if issues.is_empty() {
                Outcome::Valid(kind)
            } else {
                Outcome::Invalid(Some(kind), azml::load::located(doc, &issues))
            }
        }
        Err(e) => Outcome::Invalid(REGISTRY.detect(&doc.value), e),
    }
}

/// Runs the command.
pub fn run(args: &Args) -> ExitCode {
    let files = match yaml_files(&args.paths) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("azml validate: {e}");
            return ExitCode::from(2);
        }
    };
    let checked: Vec<(PathBuf, (Outcome, Vec<Problem>))> = files
        .into_iter()
        .map(|f| {
            let checked = check(&f);
            (f, checked)
        })
        .collect();
    let (outcomes, warnings): (Vec<(PathBuf, Outcome)>, Vec<Vec<Problem>>) = checked
        .into_iter()
        .map(|(f, (outcome, warnings))| ((f, outcome), warnings))
        .unzip();
    let warnings: Vec<Problem> = warnings.into_iter().flatten().collect();
    let invalid = outcomes
        .iter()
        .filter(|(_, o)| matches!(o, Outcome::Invalid(..)))
        .count();
    match args.format {
        Format::Text => print_text(&outcomes, &warnings),
        Format::Json => print_json(&outcomes, &warnings),
    }
    if invalid > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

fn print_text(outcomes: &[(PathBuf, Outcome)], warnings: &[Problem]) {
    for warning in warnings {
        eprintln!("{}", warning_line(warning));
    }
    let (mut valid, mut invalid) = (0, 0);
    let mut skipped: BTreeMap<&str, usize> = BTreeMap::new();
    for (path, outcome) in outcomes {
        match outcome {
            Outcome::Valid(_) => valid += 1,
            Outcome::Invalid(_, error) => {
                invalid += 1;
                for problem in &error.problems {
                    println!("{}", with_file(problem, path));
                }
            }
            Outcome::Skipped(what) => {
                *skipped.entry(what).or_default() += 1;
                eprintln!("{}: skipped: {what}", path.display());
            }
        }
    }
    eprintln!(
        "azml validate: {valid} valid, {invalid} invalid, {}",
        skipped_summary(&skipped)
    );
}

/// `3 skipped (conda file 2, prompt flow 1)`, the kinds by count.
fn skipped_summary(skipped: &BTreeMap<&str, usize>) -> String {
    let total: usize = skipped.values().sum();
    if total == 0 {
        return "0 skipped".to_owned();
    }
    let mut kinds: Vec<(&str, usize)> = skipped.iter().map(|(k, n)| (*k, *n)).collect();
    kinds.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(b.0)));
    let kinds: Vec<String> = kinds.iter().map(|(k, n)| format!("{k} {n}")).collect();
    format!("{total} skipped ({})", kinds.join(", "))
}

/// `file:line:col: field.path: warning: message`.
fn warning_line(warning: &Problem) -> String {
    let mut line = warning.clone();
    line.message = format!("warning: {}", warning.message);
    line.to_string()
}

/// The problem with the file named even when the loader did not know it.
fn with_file(problem: &Problem, path: &Path) -> Problem {
    let mut problem = problem.clone();
    if problem.file.is_none() {
        problem.file = Some(path.to_path_buf());
    }
    problem
}

fn print_json(outcomes: &[(PathBuf, Outcome)], warnings: &[Problem]) {
    let located = |p: &Problem| serde_json::json!({"line": p.line, "col": p.col, "path": p.path, "message": p.message});
    let files: Vec<serde_json::Value> = outcomes
        .iter()
        .map(|(path, outcome)| {
            let (status, kind, problems) = match outcome {
                Outcome::Valid(kind) => ("valid", Some(kind.name.to_owned()), Vec::new()),
                Outcome::Invalid(kind, error) => (
                    "invalid",
                    kind.map(|k| k.name.to_owned()),
                    error.problems.iter().map(located).collect(),
                ),
                Outcome::Skipped(what) => ("skipped", Some(what.clone()), Vec::new()),
            };
            let file_warnings: Vec<serde_json::Value> = warnings
                .iter()
                .filter(|w| w.file.as_deref() == Some(path.as_path()))
                .map(located)
                .collect();
            serde_json::json!({
                "file": path.display().to_string(),
                "status": status,
                "kind": kind,
                "problems": problems,
                "warnings": file_warnings,
            })
        })
        .collect();
    let report = serde_json::json!({ "files": files });
    println!(
        "{}",
        serde_json::to_string_pretty(&report).unwrap_or_default()
    );
}
