//! What the user sees while a run goes: an indicatif bar on a terminal, a
//! line per tenth of the run (and per retry or failure) otherwise, nothing
//! with `--quiet`.

use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    /// A progress bar on stderr.
    Bar,
    /// Plain lines on stderr.
    Lines,
    /// Nothing.
    Quiet,
}

/// The counters shown.
pub struct Progress {
    mode: Mode,
    bar: Option<ProgressBar>,
    total: u64,
    done: u64,
    failed: u64,
    retried: u64,
    items: u64,
    next_line: u64,
    started: Instant,
}

impl Progress {
    /// Starts showing a run of `total` mini-batches, `done` of them already committed.
    pub fn new(mode: Mode, total: u64, done: u64) -> Progress {
        let bar = (mode == Mode::Bar).then(|| {
            let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
            bar.set_style(
                ProgressStyle::with_template(
                    "{bar:30} {pos}/{len} mini-batches  {msg}  {elapsed_precise} ETA {eta}",
                )
                .unwrap_or_else(|_| ProgressStyle::default_bar()),
            );
            bar.set_position(done);
            bar.enable_steady_tick(Duration::from_millis(200));
            bar
        });
        Progress {
            mode,
            bar,
            total,
            done,
            failed: 0,
            retried: 0,
            items: 0,
            next_line: done,
            started: Instant::now(),
        }
    }

    /// A mini-batch reached its final state.
    pub fn finished(&mut self, failed: bool, items: u64) {
        self.done += 1;
        self.items += items;
        if failed {
            self.failed += 1;
        }
        self.update();
        if self.mode == Mode::Lines && (self.done >= self.next_line || self.done == self.total) {
            self.line(&self.status());
            self.next_line = self.done + (self.total / 10).max(1);
        }
    }

    /// A try failed and the mini-batch will be tried again.
    pub fn retried(&mut self, what: &str) {
        self.retried += 1;
        self.update();
        self.note(what);
    }

    /// A line worth showing in every mode but quiet (a retry, a failure, a replaced worker).
    pub fn note(&self, text: &str) {
        match (&self.bar, self.mode) {
            (Some(bar), _) => bar.println(text),
            (None, Mode::Lines) => self.line(text),
            _ => {}
        }
    }

    /// Removes the bar.
    pub fn finish(&self) {
        if let Some(bar) = &self.bar {
            bar.finish_and_clear();
        }
    }

    fn status(&self) -> String {
        format!(
            "{}/{} mini-batches, failed {}, retried {}, items {}",
            self.done, self.total, self.failed, self.retried, self.items
        )
    }

    fn update(&self) {
        if let Some(bar) = &self.bar {
            bar.set_position(self.done);
            bar.set_message(format!(
                "failed {}  retried {}  items {}",
                self.failed, self.retried, self.items
            ));
        }
    }

    fn line(&self, text: &str) {
        eprintln!("[{:>7.1}s] {text}", self.started.elapsed().as_secs_f64());
    }
}
