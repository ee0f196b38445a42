//! The settings a run uses: the job's, with the defaults and the choices
//! made where Microsoft's sources disagree (each listed in [`CHOICES`], which
//! `azml run --help` prints, and argued in docs/runner.md).

use std::time::Duration;

use crate::job::JobSettings;
use crate::program_args::option_value;

/// Where the sources disagree, what `azml run` does: shown by `azml run --help`.
pub const CHOICES: &str = "\
Where Microsoft's sources disagree, azml run chooses (docs/runner.md says why):
  retry_settings.max_retries   counts retries: max_retries: 2 is 3 tries (v2 YAML reference);
                               the default 2 gives the 3 tries of v1's run_max_try default
  mini_batch_size default      10 files (SDK docstring, v1), 1 MB for tabular inputs (v1)
  uri_folder inputs            every file in the folder and its subfolders, sorted by path
  timeout overhead             a try may take retry_settings.timeout plus
                               --task_overhead_timeout from program_arguments (default 30 s,
                               v2 YAML reference; the service's 60 + 30 = 90 s users observe);
                               init() has the same limit
  max_concurrency_per_instance default: this machine's CPU count (v2 YAML reference);
                               workers = max_concurrency_per_instance x resources.instance_count
  init() failures              the job fails after 2 x workers failed init() calls (v1 debug guide)
  a short result               run() returning fewer rows than inputs fails the mini-batch
                               without a retry (its rows are kept); exceptions, timeouts, wrong
                               result types and dead interpreters are retried";

/// Default `mini_batch_size` for file inputs: 10 files.
pub const DEFAULT_FILES_PER_BATCH: u64 = 10;
/// Default `mini_batch_size` for tabular inputs: 1 MB.
pub const DEFAULT_TABULAR_BATCH_BYTES: u64 = 1024 * 1024;
/// Default `retry_settings.max_retries`.
pub const DEFAULT_MAX_RETRIES: i64 = 2;
/// Default `retry_settings.timeout`, seconds.
pub const DEFAULT_TIMEOUT: i64 = 60;
/// Default `--task_overhead_timeout`, seconds.
pub const DEFAULT_OVERHEAD: f64 = 30.0;
/// A worker is replaced after this many failed mini-batches (old driver: "more than 10").
pub const FAILURES_BEFORE_REPLACEMENT: u32 = 10;

/// The settings of one run.
#[derive(Debug, Clone, PartialEq)]
pub struct Settings {
    /// Items (files) or bytes (tabular) per mini-batch, as written; 0 when not set.
    pub mini_batch_size: u64,
    /// `partition_keys`.
    pub partition_keys: Vec<String>,
    /// Tries per mini-batch: `max_retries + 1`.
    pub tries: u32,
    /// How long a try of `run()` (and a call of `init()`) may take.
    pub run_limit: Duration,
    /// Failed items allowed; `None` ignores them (`error_threshold: -1`).
    pub error_threshold: Option<u64>,
    /// Failed mini-batches allowed; `None` ignores them.
    pub mini_batch_error_threshold: Option<u64>,
    /// `--allowed_failed_percent`: failed mini-batches allowed, in percent, checked at the end.
    pub allowed_failed_percent: f64,
    /// The entry script logger's level.
    pub logging_level: String,
    /// Worker processes.
    pub workers: usize,
}

impl Settings {
    /// The settings of `job` with its resolved program arguments; `workers` is `--workers`.
    ///
    /// # Errors
    /// A setting out of its range.
    pub fn new(job: &JobSettings, args: &[String], workers: Option<usize>) -> Result<Self, String> {
        let max_retries = job.max_retries.unwrap_or(DEFAULT_MAX_RETRIES);
        if max_retries < 0 {
            return Err(format!(
                "retry_settings.max_retries is {max_retries}; it must be 0 or more"
            ));
        }
        let timeout = job.timeout.unwrap_or(DEFAULT_TIMEOUT);
        if !(1..=259_200).contains(&timeout) {
            return Err(format!(
                "retry_settings.timeout is {timeout}; it must be in (0, 259200] seconds"
            ));
        }
        let overhead = number_option(args, "task_overhead_timeout", DEFAULT_OVERHEAD)?;
        let allowed_failed_percent = number_option(args, "allowed_failed_percent", 100.0)?;
        if !(0.0..=100.0).contains(&allowed_failed_percent) {
            return Err(format!(
                "--allowed_failed_percent is {allowed_failed_percent}; it must be in [0, 100]"
            ));
        }
        let per_instance = match job.max_concurrency_per_instance {
            Some(n) if n >= 1 => n as usize,
            Some(n) => {
                return Err(format!(
                    "max_concurrency_per_instance is {n}; it must be 1 or more"
                ))
            }
            None => std::thread::available_parallelism().map_or(1, usize::from),
        };
        let instances = match job.instance_count {
            Some(n) if n >= 1 => n as usize,
            Some(n) => {
                return Err(format!(
                    "resources.instance_count is {n}; it must be 1 or more"
                ))
            }
            None => 1,
        };
        let workers = match workers {
            Some(0) => return Err("--workers must be 1 or more".into()),
            Some(n) => n,
            None => per_instance * instances,
        };
        let threshold = |v: Option<i64>| v.filter(|t| *t >= 0).map(|t| t as u64);
        Ok(Settings {
            mini_batch_size: job.mini_batch_size.unwrap_or(0),
            partition_keys: job.partition_keys.clone(),
            tries: u32::try_from(max_retries).unwrap_or(u32::MAX - 1) + 1,
            run_limit: Duration::from_secs_f64(timeout as f64 + overhead),
            error_threshold: threshold(job.error_threshold),
            mini_batch_error_threshold: threshold(job.mini_batch_error_threshold),
            allowed_failed_percent,
            logging_level: job.logging_level.clone().unwrap_or_else(|| "INFO".into()),
            workers,
        })
    }
}

/// A non-negative number given among the program arguments.
fn number_option(args: &[String], name: &str, default: f64) -> Result<f64, String> {
    match option_value(args, name) {
        None => Ok(default),
        Some(text) => text
            .parse::<f64>()
            .ok()
            .filter(|v| v.is_finite() && *v >= 0.0)
            .ok_or_else(|| format!("--{name} {text}: not a number of 0 or more")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_and_choices() {
        let s = Settings::new(&JobSettings::default(), &[], Some(3)).unwrap();
        assert_eq!(s.tries, 3);
        assert_eq!(s.run_limit, Duration::from_secs(90));
        assert_eq!(s.error_threshold, None);
        assert_eq!(s.workers, 3);
        let job = JobSettings {
            max_retries: Some(0),
            timeout: Some(2),
            error_threshold: Some(-5),
            mini_batch_error_threshold: Some(0),
            max_concurrency_per_instance: Some(2),
            instance_count: Some(3),
            ..JobSettings::default()
        };
        let args = ["--task_overhead_timeout".to_owned(), "0.5".to_owned()];
        let s = Settings::new(&job, &args, None).unwrap();
        assert_eq!(s.tries, 1);
        assert_eq!(s.run_limit, Duration::from_millis(2500));
        assert_eq!(s.error_threshold, None);
        assert_eq!(s.mini_batch_error_threshold, Some(0));
        assert_eq!(s.workers, 6);
    }

    #[test]
    fn out_of_range_values_are_refused() {
        let job = JobSettings {
            timeout: Some(0),
            ..JobSettings::default()
        };
        assert!(Settings::new(&job, &[], None).is_err());
        let args = ["--allowed_failed_percent=101".to_owned()];
        assert!(Settings::new(&JobSettings::default(), &args, None).is_err());
    }
}
