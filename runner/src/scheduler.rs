//! The run itself: workers started, mini-batches handed out one at a time
//! to idle workers, each try watched against its time limit, failed tries
//! retried first, dead or timed-out workers replaced (their replacement runs
//! `init()` again), results committed through the journal, thresholds
//! checked as each mini-batch reaches its final state.

use std::collections::{BTreeMap, VecDeque};
use std::path::Path;
use std::sync::mpsc::{channel, Receiver, RecvTimeoutError, Sender};
use std::time::{Duration, Instant, SystemTime};

use serde_json::{json, Value};

use crate::journal::{Entry, Journal};
use crate::plan::Plan;
use crate::progress::Progress;
use crate::python::Python;
use crate::report::{Report, Status, Try};
use crate::settings::{Settings, FAILURES_BEFORE_REPLACEMENT};
use crate::signals;
use crate::worker::{Envelope, Event, Worker};
use crate::zygote::Zygote;

/// What the scheduler needs.
pub struct Context<'a> {
    /// The mini-batches.
    pub plan: &'a Plan,
    /// The settings.
    pub settings: &'a Settings,
    /// The interpreter and driver.
    pub python: &'a Python,
    /// The run folder (logs, working folders).
    pub run_dir: &'a Path,
    /// What every worker is told at start (entry script, arguments, ...).
    pub worker_config: Value,
    /// Environment variables of the workers.
    pub env: Vec<(String, String)>,
    /// Commit rows in mini-batch order.
    pub ordered: bool,
    /// Stop on Ctrl-C / SIGTERM.
    pub handle_signals: bool,
}

/// How a run ended.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Ending {
    /// Every mini-batch reached its final state and no threshold was exceeded.
    Succeeded,
    /// The job failed: a threshold, or `init()`.
    Failed(String),
    /// Stopped by Ctrl-C or SIGTERM; `--resume` continues.
    Interrupted,
    /// The workers could not run at all (bad interpreter): a usage error.
    Broken(String),
}

/// The counts of a run (committed mini-batches of an earlier, resumed run included).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Counts {
    /// Mini-batches in the plan.
    pub batches: u64,
    /// Mini-batches in their final state.
    pub finished: u64,
    /// Mini-batches that count as failed.
    pub failed_batches: u64,
    /// Items that succeeded.
    pub succeeded_items: u64,
    /// Items that failed.
    pub failed_items: u64,
    /// Tries that were retried.
    pub retries: u64,
    /// Failed `init()` calls.
    pub init_failures: u64,
}

enum State {
    Starting {
        deadline: Instant,
    },
    Idle,
    Busy {
        id: usize,
        sent: Instant,
        wall: SystemTime,
        deadline: Instant,
    },
    Stopping {
        deadline: Instant,
    },
    Empty,
}

struct Slot {
    worker: Option<Worker>,
    state: State,
    generation: u64,
    failures: u32,
}

struct Scheduler<'a, 'b> {
    ctx: &'b Context<'a>,
    zygote: Option<Zygote>,
    journal: &'b mut Journal,
    report: &'b mut Report,
    progress: Progress,
    slots: Vec<Slot>,
    events: Sender<Envelope>,
    queue: VecDeque<usize>,
    tries: Vec<u32>,
    remaining: usize,
    pending: BTreeMap<usize, (Entry, Vec<u8>)>,
    order: VecDeque<usize>,
    counts: Counts,
    next_agent: usize,
    next_generation: u64,
}

/// Runs the plan's uncommitted mini-batches.
pub fn run(
    ctx: &Context<'_>,
    journal: &mut Journal,
    report: &mut Report,
    progress: Progress,
) -> (Ending, Counts) {
    let (tx, rx) = channel();
    let batches = ctx.plan.batches.len();
    let queue: VecDeque<usize> = (0..batches)
        .filter(|id| !journal.committed.contains_key(id))
        .collect();
    let mut counts = Counts {
        batches: batches as u64,
        ..Counts::default()
    };
    for entry in journal.committed.values() {
        counts.finished += 1;
        counts.succeeded_items += entry.succeeded;
        counts.failed_items += entry.failed;
        counts.failed_batches += u64::from(entry.batch_failed);
    }
    let next_agent = std::fs::read_dir(ctx.run_dir.join("logs/user/stdout/0"))
        .map(|d| d.count())
        .unwrap_or(0);
    let mut s = Scheduler {
        ctx,
        zygote: None,
        remaining: queue.len(),
        order: queue.clone(),
        queue,
        journal,
        report,
        progress,
        slots: Vec::new(),
        events: tx,
        tries: vec![0; batches],
        pending: BTreeMap::new(),
        counts,
        next_agent,
        next_generation: 0,
    };
    let ending = s.run(&rx);
    for slot in &mut s.slots {
        if let Some(mut worker) = slot.worker.take() {
            worker.kill();
        }
    }
    s.zygote = None;
    s.progress.finish();
    s.report.flush();
    s.journal.sync();
    (ending, s.counts)
}

impl Scheduler<'_, '_> {
    fn run(&mut self, rx: &Receiver<Envelope>) -> Ending {
        let workers = self.ctx.settings.workers.min(self.remaining);
        if workers == 0 {
            return self.final_check();
        }
        let state = self.ctx.run_dir.join(".azml");
        let stderr = self.ctx.run_dir.join("logs/sys/zygote.stderr.txt");
        match Zygote::start(self.ctx.python, &self.ctx.env, &state, &stderr) {
            Ok(zygote) => self.zygote = Some(zygote),
            Err(e) => return Ending::Broken(e),
        }
        for index in 0..workers {
            self.slots.push(Slot {
                worker: None,
                state: State::Empty,
                generation: 0,
                failures: 0,
            });
            if let Err(e) = self.start(index) {
                return Ending::Broken(e);
            }
        }
        loop {
            if self.ctx.handle_signals && signals::stop_requested() {
                return Ending::Interrupted;
            }
            if let Some(ending) = self.dispatch() {
                return ending;
            }
            if self.remaining == 0 && self.slots.iter().all(|s| matches!(s.state, State::Empty)) {
                return self.final_check();
            }
            let now = Instant::now();
            let wait = self
                .slots
                .iter()
                .filter_map(|s| match s.state {
                    State::Starting { deadline }
                    | State::Busy { deadline, .. }
                    | State::Stopping { deadline } => Some(deadline.saturating_duration_since(now)),
                    _ => None,
                })
                .min()
                .unwrap_or(Duration::MAX)
                .min(Duration::from_millis(250));
            match rx.recv_timeout(wait) {
                Ok((slot, generation, event)) => {
                    if self.slots[slot].generation == generation {
                        if let Some(ending) = self.handle(slot, event) {
                            return ending;
                        }
                    }
                }
                Err(RecvTimeoutError::Timeout) => {}
                Err(RecvTimeoutError::Disconnected) => {
                    return Ending::Broken("the workers' channel closed".into())
                }
            }
            if let Some(ending) = self.expire() {
                return ending;
            }
        }
    }

    /// Starts a worker in `index`.
    fn start(&mut self, index: usize) -> Result<(), String> {
        let agent = format!("process{:03}", self.next_agent);
        self.next_agent += 1;
        self.next_generation += 1;
        let logs = self.ctx.run_dir.join("logs/user");
        let stderr_dir = logs.join("stderr/0");
        std::fs::create_dir_all(&stderr_dir)
            .map_err(|e| format!("{}: {e}", stderr_dir.display()))?;
        std::fs::create_dir_all(logs.join("stdout/0")).map_err(|e| e.to_string())?;
        let stderr_path = stderr_dir.join(format!("{agent}.stderr.txt"));
        let zygote = self.zygote.as_mut().ok_or("no fork server")?;
        let worker = Worker::spawn(
            zygote,
            agent,
            &stderr_path,
            (index, self.next_generation),
            self.events.clone(),
        )?;
        let slot = &mut self.slots[index];
        slot.worker = Some(worker);
        slot.generation = self.next_generation;
        slot.failures = 0;
        slot.state = State::Starting {
            deadline: Instant::now() + self.ctx.settings.run_limit,
        };
        Ok(())
    }

    /// Hands queued mini-batches to idle workers; stops idle workers when nothing is left.
    fn dispatch(&mut self) -> Option<Ending> {
        for index in 0..self.slots.len() {
            if !matches!(self.slots[index].state, State::Idle) {
                continue;
            }
            if let Some(id) = self.queue.pop_front() {
                self.tries[id] += 1;
                let message = json!({"op": "run", "id": id, "batch": self.ctx.plan.batches[id]});
                let slot = &mut self.slots[index];
                if let Some(worker) = slot.worker.as_mut() {
                    // A failed write means the worker died: its Closed event follows.
                    let _ = worker.send(&message);
                }
                let now = Instant::now();
                slot.state = State::Busy {
                    id,
                    sent: now,
                    wall: SystemTime::now(),
                    deadline: now + self.ctx.settings.run_limit,
                };
            } else if self.remaining == 0 {
                self.stop(index);
            }
        }
        None
    }

    /// Asks the worker in `index` to run `shutdown()` and exit.
    fn stop(&mut self, index: usize) {
        let slot = &mut self.slots[index];
        if let Some(worker) = slot.worker.as_mut() {
            let _ = worker.send(&json!({"op": "stop"}));
        }
        slot.state = State::Stopping {
            deadline: Instant::now() + self.ctx.settings.run_limit,
        };
    }

    fn handle(&mut self, index: usize, event: Event) -> Option<Ending> {
        match event {
            Event::Message(message, rows) => {
                let ev = message
                    .get("ev")
                    .and_then(Value::as_str)
                    .unwrap_or_default();
                match ev {
                    "hello" => self.hello(index),
                    "ready" => {
                        self.slots[index].state = State::Idle;
                        None
                    }
                    "init_failed" => {
                        let error = text(&message, "error");
                        let detail = text(&message, "detail");
                        self.drop_worker(index);
                        self.init_failed(index, &format!("{error}\n{detail}"))
                    }
                    "done" | "failed" => self.answer(index, &message, rows),
                    "bye" => {
                        if let Some(error) = message.get("error").and_then(Value::as_str) {
                            let agent = self.agent(index);
                            self.report.error(&format!(
                                "{agent}: shutdown() raised {error}\n{}",
                                text(&message, "detail")
                            ));
                        }
                        None
                    }
                    _ => None,
                }
            }
            Event::Closed => self.closed(index),
        }
    }

    fn hello(&mut self, index: usize) -> Option<Ending> {
        let agent = self.agent(index);
        let run_dir = self.ctx.run_dir;
        let mut config = self.ctx.worker_config.clone();
        if let Some(map) = config.as_object_mut() {
            map.insert("agent".into(), json!(agent));
            map.insert(
                "stdout".into(),
                json!(run_dir.join(format!("logs/user/stdout/0/{agent}.stdout.txt"))),
            );
            map.insert(
                "log_dir".into(),
                json!(run_dir.join("logs/user/entry_script_log/0")),
            );
            map.insert(
                "working_dir".into(),
                json!(run_dir.join("work").join(&agent)),
            );
        }
        let slot = &mut self.slots[index];
        if let Some(worker) = slot.worker.as_mut() {
            let _ = worker.send(&config);
        }
        None
    }

    /// A `done` or `failed` answer for the mini-batch the worker runs.
    fn answer(&mut self, index: usize, message: &Value, rows: Vec<u8>) -> Option<Ending> {
        let State::Busy { id, sent, wall, .. } = self.slots[index].state else {
            return None;
        };
        if message.get("id").and_then(Value::as_u64) != Some(id as u64) {
            return None;
        }
        self.slots[index].state = State::Idle;
        let batch = &self.ctx.plan.batches[id];
        let items = message
            .get("items")
            .and_then(Value::as_u64)
            .unwrap_or_else(|| batch.items());
        let seconds = |key: &str| message.get(key).and_then(Value::as_f64).unwrap_or(0.0);
        let agent = self.agent(index);
        let detail = batch.detail();
        if message.get("ev").and_then(Value::as_str) == Some("done") {
            let count = message.get("count").and_then(Value::as_u64).unwrap_or(0);
            let succeeded = count.min(items);
            let failed = items - succeeded;
            let error = if failed > 0 {
                format!("run() returned {count} results for {items} inputs")
            } else {
                String::new()
            };
            self.report.record(
                &Try {
                    id,
                    picked: self.tries[id],
                    agent: &agent,
                    start: wall,
                    total: items,
                    succeeded,
                    failed,
                    elapsed: sent.elapsed().as_secs_f64(),
                    process_seconds: seconds("cpu_seconds"),
                    run_seconds: seconds("run_seconds"),
                    status: Status::Done,
                    error: &error,
                    detail: &detail,
                },
                "",
            );
            let entry = Entry {
                id,
                succeeded,
                failed,
                batch_failed: failed > 0,
                end: 0,
            };
            return self.finalize(entry, rows);
        }
        let error = text(message, "error");
        self.report.record(
            &Try {
                id,
                picked: self.tries[id],
                agent: &agent,
                start: wall,
                total: items,
                succeeded: 0,
                failed: items,
                elapsed: sent.elapsed().as_secs_f64(),
                process_seconds: seconds("cpu_seconds"),
                run_seconds: seconds("run_seconds"),
                status: Status::Exception,
                error: &error,
                detail: &detail,
            },
            &text(message, "detail"),
        );
        let slot = &mut self.slots[index];
        slot.failures += 1;
        if slot.failures > FAILURES_BEFORE_REPLACEMENT {
            self.progress
                .note(&format!("{agent}: more than {FAILURES_BEFORE_REPLACEMENT} failed mini-batches; replacing it"));
            self.stop(index);
        }
        self.try_failed(id, items, &error)
    }

    /// A try that failed: tried again while tries remain, else final.
    fn try_failed(&mut self, id: usize, items: u64, error: &str) -> Option<Ending> {
        if self.tries[id] < self.ctx.settings.tries {
            self.counts.retries += 1;
            self.queue.push_front(id);
            let line = format!(
                "mini-batch {id} try {} failed ({}); trying again",
                self.tries[id],
                error.lines().next().unwrap_or_default()
            );
            self.progress.retried(&line);
            return None;
        }
        self.progress.note(&format!(
            "mini-batch {id} failed after {} tries: {}",
            self.tries[id],
            error.lines().next().unwrap_or_default()
        ));
        let entry = Entry {
            id,
            succeeded: 0,
            failed: items,
            batch_failed: true,
            end: 0,
        };
        self.finalize(entry, Vec::new())
    }

    /// A mini-batch reached its final state: counted, committed, thresholds checked.
    fn finalize(&mut self, entry: Entry, rows: Vec<u8>) -> Option<Ending> {
        self.remaining -= 1;
        self.counts.finished += 1;
        self.counts.succeeded_items += entry.succeeded;
        self.counts.failed_items += entry.failed;
        self.counts.failed_batches += u64::from(entry.batch_failed);
        self.progress
            .finished(entry.batch_failed, entry.succeeded + entry.failed);
        let committed = if self.ctx.ordered {
            self.pending.insert(entry.id, (entry, rows));
            self.commit_in_order()
        } else {
            self.journal.commit(entry, &rows)
        };
        if let Err(e) = committed {
            return Some(Ending::Broken(e));
        }
        self.threshold_exceeded().map(Ending::Failed)
    }

    /// Commits the pending mini-batches that are next in order.
    fn commit_in_order(&mut self) -> Result<(), String> {
        while let Some(&next) = self.order.front() {
            let Some((entry, rows)) = self.pending.remove(&next) else {
                break;
            };
            self.journal.commit(entry, &rows)?;
            self.order.pop_front();
        }
        Ok(())
    }

    fn threshold_exceeded(&self) -> Option<String> {
        let s = self.ctx.settings;
        let c = &self.counts;
        if let Some(t) = s.error_threshold.filter(|t| c.failed_items > *t) {
            return Some(format!(
                "error_threshold exceeded: {} items failed, {t} allowed",
                c.failed_items
            ));
        }
        if let Some(t) = s
            .mini_batch_error_threshold
            .filter(|t| c.failed_batches > *t)
        {
            return Some(format!(
                "mini_batch_error_threshold exceeded: {} mini-batches failed, {t} allowed",
                c.failed_batches
            ));
        }
        None
    }

    /// `--allowed_failed_percent`, checked once every mini-batch is done.
    fn final_check(&self) -> Ending {
        let c = &self.counts;
        let percent = self.ctx.settings.allowed_failed_percent;
        if c.batches > 0 && (c.failed_batches as f64) * 100.0 > percent * c.batches as f64 {
            return Ending::Failed(format!(
                "allowed_failed_percent exceeded: {} of {} mini-batches failed, {percent}% allowed",
                c.failed_batches, c.batches
            ));
        }
        Ending::Succeeded
    }

    /// The worker's stdout closed.
    fn closed(&mut self, index: usize) -> Option<Ending> {
        let how = self.slots[index]
            .worker
            .as_mut()
            .map(|w| w.reap(Duration::from_secs(2)))
            .unwrap_or_default();
        let agent = self.agent(index);
        let state = std::mem::replace(&mut self.slots[index].state, State::Empty);
        self.slots[index].worker = None;
        match state {
            State::Starting { .. } => self.init_failed(
                index,
                &format!("{agent}: the interpreter ended ({how}) while importing the entry script or in init()"),
            ),
            State::Busy { id, sent, wall, .. } => {
                let error = format!("{agent}: the interpreter ended ({how}) while running run()");
                self.record_lost(id, &agent, sent, wall, Status::Exception, &error);
                self.try_failed(id, self.ctx.plan.batches[id].items(), &error)
                    .or_else(|| self.replace(index))
            }
            State::Idle | State::Stopping { .. } | State::Empty => self.replace(index),
        }
    }

    /// A try that ended without an answer (timeout, dead interpreter).
    fn record_lost(
        &mut self,
        id: usize,
        agent: &str,
        sent: Instant,
        wall: SystemTime,
        status: Status,
        error: &str,
    ) {
        let batch = &self.ctx.plan.batches[id];
        self.report.record(
            &Try {
                id,
                picked: self.tries[id],
                agent,
                start: wall,
                total: batch.items(),
                succeeded: 0,
                failed: batch.items(),
                elapsed: sent.elapsed().as_secs_f64(),
                process_seconds: 0.0,
                run_seconds: sent.elapsed().as_secs_f64(),
                status,
                error,
                detail: &batch.detail(),
            },
            "",
        );
    }

    /// Starts a replacement in `index` while mini-batches remain to be handed out.
    fn replace(&mut self, index: usize) -> Option<Ending> {
        if self.remaining > 0 && matches!(self.slots[index].state, State::Empty) {
            if let Err(e) = self.start(index) {
                return Some(Ending::Broken(e));
            }
        }
        None
    }

    /// Kills the worker in `index` and empties the slot.
    fn drop_worker(&mut self, index: usize) {
        if let Some(mut worker) = self.slots[index].worker.take() {
            worker.kill();
        }
        self.slots[index].state = State::Empty;
        self.slots[index].generation = 0;
    }

    /// `init()` (or the import) failed in `index`: the job fails after 2 × workers failures.
    fn init_failed(&mut self, index: usize, error: &str) -> Option<Ending> {
        self.counts.init_failures += 1;
        self.report.error(&format!("init() failed: {error}"));
        let limit = 2 * self.ctx.settings.workers as u64;
        let first = error.lines().next().unwrap_or_default();
        if self.counts.init_failures >= limit {
            return Some(Ending::Failed(format!(
                "init() failed {} times (the job fails at 2 x {} workers): {first}",
                self.counts.init_failures, self.ctx.settings.workers
            )));
        }
        self.progress.note(&format!(
            "init() failed ({first}); starting a replacement worker"
        ));
        self.slots[index].state = State::Empty;
        self.replace(index)
    }

    /// Kills workers past their deadline.
    fn expire(&mut self) -> Option<Ending> {
        let now = Instant::now();
        for index in 0..self.slots.len() {
            let due = match self.slots[index].state {
                State::Starting { deadline }
                | State::Busy { deadline, .. }
                | State::Stopping { deadline } => deadline <= now,
                _ => false,
            };
            if !due {
                continue;
            }
            let agent = self.agent(index);
            let state = std::mem::replace(&mut self.slots[index].state, State::Empty);
            self.drop_worker(index);
            let limit = self.ctx.settings.run_limit.as_secs_f64();
            let ending = match state {
                State::Starting { .. } => self.init_failed(
                    index,
                    &format!("{agent}: the import and init() took longer than {limit} s and the worker was killed"),
                ),
                State::Busy { id, sent, wall, .. } => {
                    let error = format!("{agent}: run() took longer than {limit} s; the worker was killed");
                    self.record_lost(id, &agent, sent, wall, Status::Timeout, &error);
                    self.try_failed(id, self.ctx.plan.batches[id].items(), &error)
                        .or_else(|| self.replace(index))
                }
                _ => {
                    self.report.error(&format!("{agent}: shutdown() took longer than {limit} s; killed"));
                    self.replace(index)
                }
            };
            if ending.is_some() {
                return ending;
            }
        }
        None
    }

    fn agent(&self, index: usize) -> String {
        self.slots[index]
            .worker
            .as_ref()
            .map(|w| w.agent.clone())
            .unwrap_or_default()
    }
}

fn text(message: &Value, key: &str) -> String {
    message
        .get(key)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_owned()
}
