//! `azml run`: runs a parallel job on this machine (the `azml-runner` crate).

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use azml_runner::{job_spec::Request, Ending, Options, ProgressMode};

/// Run a parallel job on this machine with the semantics of Azure ML's parallel runtime.
///
/// FILE is a parallel component, a standalone parallel job, or a pipeline
/// (with --node). Exit status: 0 success, 1 the job failed (a threshold,
/// init()), 2 usage or I/O error, 130 interrupted (continue with --resume).
#[derive(clap::Args)]
#[command(after_help = azml_runner::CHOICES)]
pub struct Args {
    /// The YAML file: a parallel component, a parallel job, or a pipeline.
    file: PathBuf,
    /// The pipeline's parallel node to run.
    #[arg(long, value_name = "NAME")]
    node: Option<String>,
    /// An input: a path for data inputs, a literal for the others (repeatable).
    #[arg(long = "input", value_name = "NAME=VALUE", value_parser = pair)]
    inputs: Vec<(String, String)>,
    /// Where an output goes (repeatable); default: under --run-dir.
    #[arg(long = "output", value_name = "NAME=PATH", value_parser = pair)]
    outputs: Vec<(String, String)>,
    /// Overrides a setting, validated as the YAML (mini_batch_size=5, retry_settings.timeout=10, ...).
    #[arg(long = "set", value_name = "KEY=VALUE", value_parser = pair)]
    sets: Vec<(String, String)>,
    /// The Python interpreter (3.8 or newer); default: python3 on PATH.
    #[arg(long, value_name = "PATH")]
    python: Option<PathBuf>,
    /// Worker processes; default: max_concurrency_per_instance x resources.instance_count.
    #[arg(long, value_name = "N")]
    workers: Option<usize>,
    /// The run folder (outputs, logs, state); default: `./azml-runs/<name>-<timestamp>/`.
    #[arg(long, value_name = "DIR")]
    run_dir: Option<PathBuf>,
    /// Continue the interrupted run in --run-dir from its committed mini-batches.
    #[arg(long, requires = "run_dir")]
    resume: bool,
    /// Write rows in mini-batch order.
    #[arg(long)]
    ordered: bool,
    /// Print nothing but the error that ended the job.
    #[arg(long, short)]
    quiet: bool,
}

fn pair(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((k, v)) if !k.is_empty() => Ok((k.to_owned(), v.to_owned())),
        _ => Err(format!("expected NAME=VALUE, got {text:?}")),
    }
}

/// Runs the job; the exit status says how it ended.
pub fn run(args: &Args) -> ExitCode {
    let cwd = std::env::current_dir().unwrap_or_default();
    let progress = if args.quiet {
        ProgressMode::Quiet
    } else if std::io::stderr().is_terminal() {
        ProgressMode::Bar
    } else {
        ProgressMode::Lines
    };
    let options = Options {
        request: Request {
            file: args.file.clone(),
            node: args.node.clone(),
            sets: args.sets.clone(),
            inputs: args.inputs.clone(),
            outputs: args
                .outputs
                .iter()
                .map(|(k, v)| (k.clone(), PathBuf::from(v)))
                .collect(),
            cwd,
        },
        python: args.python.clone(),
        workers: args.workers,
        run_dir: args.run_dir.clone(),
        resume: args.resume,
        ordered: args.ordered,
        progress,
        handle_signals: true,
    };
    let outcome = match azml_runner::run(&options) {
        Ok(outcome) => outcome,
        Err(message) => {
            eprintln!("azml run: {message}");
            return ExitCode::from(2);
        }
    };
    let c = &outcome.counts;
    if !args.quiet {
        eprintln!(
            "{} of {} mini-batches ({} failed), items {} succeeded / {} failed, {} retries; run folder {}",
            c.finished,
            c.batches,
            c.failed_batches,
            c.succeeded_items,
            c.failed_items,
            c.retries,
            outcome.run_dir.display()
        );
        if let Some(output) = &outcome.output {
            eprintln!("rows: {}", output.display());
        }
    }
    match outcome.ending {
        Ending::Succeeded => ExitCode::SUCCESS,
        Ending::Failed(reason) => {
            eprintln!("azml run: the job failed: {reason}");
            ExitCode::from(1)
        }
        Ending::Broken(reason) => {
            eprintln!("azml run: {reason}");
            ExitCode::from(2)
        }
        Ending::Interrupted => {
            eprintln!(
                "azml run: interrupted; continue with the same command and --resume --run-dir {}",
                outcome.run_dir.display()
            );
            ExitCode::from(130)
        }
    }
}
