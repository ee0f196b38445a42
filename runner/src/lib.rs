//! # azml-runner
//!
//! `azml run`: runs a parallel job (a parallel component, a standalone
//! parallel job, or a pipeline's parallel node) on this machine with the
//! semantics of Azure ML's parallel runtime: an entry script's `init()` and
//! `run(mini_batch)` in worker processes, mini-batches, retries, timeouts,
//! thresholds, `append_row_to` output and the service's report files; and,
//! beyond the service, exactly-once atomic row commits, `--resume` and
//! `--ordered`. docs/runner.md gives each behaviour's source.
//!
//! Stages: [`job_spec`] loads the YAML through azml into a [`job::Job`];
//! [`resolve`] fixes paths and arguments; [`plan`] splits the data input;
//! [`scheduler`] runs the mini-batches in Python workers forked by a
//! [`zygote`] and driven over pipes ([`worker`], `driver.py`), committing through the [`journal`].

pub mod job;
pub mod job_spec;
pub mod journal;
pub mod plan;
pub mod program_args;
pub mod progress;
pub mod python;
pub mod report;
pub mod resolve;
pub mod scheduler;
pub mod settings;
pub mod signals;
pub mod state;
pub mod worker;
pub mod zygote;

use std::path::PathBuf;

pub use progress::Mode as ProgressMode;
pub use scheduler::{Counts, Ending};
pub use settings::CHOICES;

/// Everything `azml run` is told.
#[derive(Debug, Clone)]
pub struct Options {
    /// The job: file, node, `--set`, `--input`, `--output`.
    pub request: job_spec::Request,
    /// `--python`.
    pub python: Option<PathBuf>,
    /// `--workers`.
    pub workers: Option<usize>,
    /// `--run-dir`.
    pub run_dir: Option<PathBuf>,
    /// `--resume`.
    pub resume: bool,
    /// `--ordered`.
    pub ordered: bool,
    /// How progress is shown.
    pub progress: ProgressMode,
    /// Stop cleanly on Ctrl-C and SIGTERM (the command line does; tests do not).
    pub handle_signals: bool,
}

/// The result of a run that got to run its mini-batches.
#[derive(Debug, Clone)]
pub struct Outcome {
    /// How it ended.
    pub ending: Ending,
    /// The counts.
    pub counts: Counts,
    /// The run folder.
    pub run_dir: PathBuf,
    /// The file rows were appended to, if any.
    pub output: Option<PathBuf>,
}

/// Runs the job `options` describe.
///
/// # Errors
/// A usage or I/O problem (bad YAML, missing input, unusable interpreter,
/// a run folder in the wrong state): the message says which.
pub fn run(options: &Options) -> Result<Outcome, String> {
    if options.handle_signals {
        signals::install();
    }
    let job = job_spec::load(&options.request)?;
    let run_dir = match &options.run_dir {
        Some(dir) => job_spec::absolute(dir),
        None => options.request.cwd.join("azml-runs").join(format!(
            "{}-{}",
            job.name,
            report::compact_timestamp(std::time::SystemTime::now())
        )),
    };
    let resolved = resolve::resolve(&job, &run_dir, options.workers)?;
    let prepared = state::prepare(&resolved, &run_dir, options)?;
    let mut report = report::Report::open(&run_dir.join("logs"))?;
    let done = prepared.journal.committed.len() as u64;
    let progress =
        progress::Progress::new(options.progress, prepared.plan.batches.len() as u64, done);
    let context = scheduler::Context {
        plan: &prepared.plan,
        settings: &resolved.settings,
        python: &prepared.python,
        run_dir: &run_dir,
        worker_config: resolve::worker_config(&resolved, &prepared.plan),
        env: resolved.env.clone(),
        ordered: options.ordered,
        handle_signals: options.handle_signals,
    };
    let mut journal = prepared.journal;
    let (ending, counts) = scheduler::run(&context, &mut journal, &mut report, progress);
    let summary = format!(
        "{} of {} mini-batches done ({} failed); items: {} succeeded, {} failed; {} retries",
        counts.finished,
        counts.batches,
        counts.failed_batches,
        counts.succeeded_items,
        counts.failed_items,
        counts.retries
    );
    let result = match &ending {
        Ending::Succeeded => format!("Job succeeded: {summary}"),
        Ending::Failed(reason) => {
            report.error(&format!("The job failed: {reason}"));
            format!("Job failed: {reason}\n{summary}")
        }
        Ending::Interrupted => format!("Job interrupted; continue with --resume: {summary}"),
        Ending::Broken(reason) => format!("Job stopped: {reason}\n{summary}"),
    };
    report.finish(&result)?;
    if let Ending::Broken(reason) = ending {
        return Err(reason);
    }
    Ok(Outcome {
        ending,
        counts,
        run_dir,
        output: resolved.append_row_file.clone(),
    })
}
