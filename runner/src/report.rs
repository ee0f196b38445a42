//! The run folder's logs, in the service's layout: `logs/job_result.txt`,
//! `logs/job_error.txt` and `logs/sys/job_report/processed_mini-batches.csv`
//! (one row per try, the service's columns).

use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

/// The columns of `processed_mini-batches.csv`.
const COLUMNS: &str = "Mini-batch Id,Picked Count,Process,Start Time,Total,Succeeded,Failed,Elapsed Seconds,Process Seconds,Run Method Seconds,Status,Error Category,Error Message,Mini-batch Detail";

/// How a try ended.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Status {
    /// `run()` returned a result of the right type.
    Done,
    /// The try took longer than its limit; the worker was killed.
    Timeout,
    /// `run()` raised, returned the wrong type, or its interpreter died.
    Exception,
}

impl Status {
    fn name(self) -> &'static str {
        match self {
            Status::Done => "RUN_DONE",
            Status::Timeout => "RUN_TIMEOUT",
            Status::Exception => "RUN_EXCEPTION",
        }
    }
}

/// One try of one mini-batch.
pub struct Try<'a> {
    /// Mini-batch id.
    pub id: usize,
    /// Which try this is (1 for the first).
    pub picked: u32,
    /// The worker's `processNNN`.
    pub agent: &'a str,
    /// When it was sent to the worker.
    pub start: SystemTime,
    /// Items in the mini-batch.
    pub total: u64,
    /// Succeeded items.
    pub succeeded: u64,
    /// Failed items.
    pub failed: u64,
    /// Seconds from sending to the answer.
    pub elapsed: f64,
    /// CPU seconds of the worker in `run()`.
    pub process_seconds: f64,
    /// Seconds inside `run()`.
    pub run_seconds: f64,
    /// How it ended.
    pub status: Status,
    /// The error, if any.
    pub error: &'a str,
    /// What the mini-batch holds.
    pub detail: &'a str,
}

/// The report files of a run.
pub struct Report {
    logs: PathBuf,
    csv: BufWriter<File>,
    errors: BufWriter<File>,
}

impl Report {
    /// Opens (appending, for `--resume`) the report files under `logs`.
    ///
    /// # Errors
    /// I/O errors, naming the file.
    pub fn open(logs: &Path) -> Result<Report, String> {
        let dir = logs.join("sys/job_report");
        std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
        let csv_path = dir.join("processed_mini-batches.csv");
        let fresh = !csv_path.exists();
        let mut csv = BufWriter::new(append(&csv_path)?);
        if fresh {
            writeln!(csv, "{COLUMNS}").map_err(|e| format!("{}: {e}", csv_path.display()))?;
        }
        let errors = BufWriter::new(append(&logs.join("job_error.txt"))?);
        Ok(Report {
            logs: logs.to_path_buf(),
            csv,
            errors,
        })
    }

    /// Records a try; a failed try's error and traceback also go to `job_error.txt`.
    pub fn record(&mut self, t: &Try<'_>, traceback: &str) {
        let _ = writeln!(
            self.csv,
            "{},{},{},{},{},{},{},{:.3},{:.3},{:.3},{},{},{},{}",
            t.id,
            t.picked,
            t.agent,
            timestamp(t.start),
            t.total,
            t.succeeded,
            t.failed,
            t.elapsed,
            t.process_seconds,
            t.run_seconds,
            t.status.name(),
            if t.error.is_empty() { "" } else { "UserError" },
            quote(t.error),
            quote(t.detail),
        );
        if !t.error.is_empty() {
            let _ = writeln!(
                self.errors,
                "{} mini-batch {} try {} ({}): {}\n{}",
                timestamp(SystemTime::now()),
                t.id,
                t.picked,
                t.agent,
                t.error,
                traceback.trim_end()
            );
        }
    }

    /// Adds a line to `job_error.txt` (an `init()` failure, the error that ended the job).
    pub fn error(&mut self, text: &str) {
        let _ = writeln!(
            self.errors,
            "{} {}",
            timestamp(SystemTime::now()),
            text.trim_end()
        );
    }

    /// Writes `job_result.txt` and flushes everything.
    ///
    /// # Errors
    /// I/O errors, naming the file.
    pub fn finish(&mut self, result: &str) -> Result<(), String> {
        self.flush();
        let path = self.logs.join("job_result.txt");
        std::fs::write(&path, format!("{result}\n")).map_err(|e| format!("{}: {e}", path.display()))
    }

    /// Flushes the buffered rows.
    pub fn flush(&mut self) {
        let _ = self.csv.flush();
        let _ = self.errors.flush();
    }
}

fn append(path: &Path) -> Result<File, String> {
    OpenOptions::new()
        .create(true)
        .append(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))
}

/// A CSV field, quoted when it must be.
fn quote(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

/// `YYYY-MM-DD hh:mm:ss.mmm` in UTC.
pub fn timestamp(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let (date, secs) = civil(since.as_secs());
    format!(
        "{date} {:02}:{:02}:{:02}.{:03}",
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        since.subsec_millis()
    )
}

/// `YYYYMMDD-hhmmss` in UTC, for folder names.
pub fn compact_timestamp(time: SystemTime) -> String {
    let since = time.duration_since(UNIX_EPOCH).unwrap_or_default();
    let (date, secs) = civil(since.as_secs());
    format!(
        "{}-{:02}{:02}{:02}",
        date.replace('-', ""),
        secs / 3600,
        secs / 60 % 60,
        secs % 60
    )
}

/// (`YYYY-MM-DD`, seconds into the day) of a Unix time (Howard Hinnant's days-to-civil).
fn civil(unix: u64) -> (String, u64) {
    let days = (unix / 86_400) as i64;
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (format!("{year:04}-{month:02}-{day:02}"), unix % 86_400)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::Duration;

    #[test]
    fn timestamps_and_quoting() {
        let t = UNIX_EPOCH + Duration::from_millis(1_709_251_199_250);
        assert_eq!(timestamp(t), "2024-02-29 23:59:59.250");
        assert_eq!(compact_timestamp(t), "20240229-235959");
        assert_eq!(quote("a,b \"c\""), "\"a,b \"\"c\"\"\"");
        assert_eq!(quote("plain"), "plain");
    }
}
