//! One worker: a Python process running the driver, in its own process
//! group (a Ctrl-C at the terminal reaches azml, not the script). Frames go
//! to its stdin; a thread reads its stdout and forwards each frame (JSON,
//! then the rows bytes when it announces some) to the scheduler's channel.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::os::unix::process::CommandExt;
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::python::Python;

/// What a worker's reader thread reports.
#[derive(Debug)]
pub enum Event {
    /// A message and the rows that came with it.
    Message(Value, Vec<u8>),
    /// The worker's stdout closed: it exited or died.
    Closed,
}

/// A message from worker `slot`, started as generation `generation`.
pub type Envelope = (usize, u64, Event);

/// A running worker process.
pub struct Worker {
    /// `processNNN`.
    pub agent: String,
    child: Child,
    stdin: ChildStdin,
}

/// Where a worker writes and what it is given.
pub struct Spawn<'a> {
    /// The interpreter and driver.
    pub python: &'a Python,
    /// `processNNN`.
    pub agent: String,
    /// The stderr log file.
    pub stderr: File,
    /// Extra environment variables.
    pub env: &'a [(String, String)],
    /// The scheduler's slot and the worker's generation, stamped on its events.
    pub slot: usize,
    /// See `slot`.
    pub generation: u64,
}

impl Worker {
    /// Starts a worker; its events go to `events`.
    ///
    /// # Errors
    /// The interpreter cannot be started.
    pub fn spawn(spawn: Spawn<'_>, events: Sender<Envelope>) -> Result<Worker, String> {
        let mut child = Command::new(&spawn.python.exe)
            .arg(&spawn.python.driver)
            .arg("worker")
            .envs(spawn.env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(spawn.stderr))
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", spawn.python.exe.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin pipe")?;
        let stdout = child.stdout.take().ok_or("no stdout pipe")?;
        let (slot, generation) = (spawn.slot, spawn.generation);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            loop {
                let event = match read_frame(&mut reader) {
                    Some(frame) => Event::Message(frame.0, frame.1),
                    None => Event::Closed,
                };
                let closed = matches!(event, Event::Closed);
                if events.send((slot, generation, event)).is_err() || closed {
                    return;
                }
            }
        });
        Ok(Worker {
            agent: spawn.agent,
            child,
            stdin,
        })
    }

    /// Sends one message.
    ///
    /// # Errors
    /// The worker's stdin is closed (it died).
    pub fn send(&mut self, message: &Value) -> std::io::Result<()> {
        let body = message.to_string();
        let mut frame = Vec::with_capacity(body.len() + 4);
        frame.extend_from_slice(&(body.len() as u32).to_le_bytes());
        frame.extend_from_slice(body.as_bytes());
        self.stdin.write_all(&frame)
    }

    /// Kills the worker's whole process group and reaps it.
    pub fn kill(&mut self) {
        if let Ok(pid) = i32::try_from(self.child.id()) {
            // SAFETY: kill(2) with a negative pid signals the process group the
            // worker leads (it was started with process_group(0)); no memory is touched.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
            }
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }

    /// How the worker ended: waits up to `patience` for it to exit, then kills it.
    pub fn reap(&mut self, patience: Duration) -> String {
        let until = Instant::now() + patience;
        loop {
            match self.child.try_wait() {
                Ok(Some(status)) => return describe(status),
                Ok(None) if Instant::now() < until => std::thread::sleep(Duration::from_millis(5)),
                _ => {
                    self.kill();
                    return "it stopped answering and was killed".into();
                }
            }
        }
    }
}

fn describe(status: std::process::ExitStatus) -> String {
    use std::os::unix::process::ExitStatusExt;
    match (status.code(), status.signal()) {
        (Some(code), _) => format!("exit code {code}"),
        (None, Some(signal)) => format!("signal {signal}"),
        _ => status.to_string(),
    }
}

/// One frame: a JSON message, and its rows when it says `"rows": n`.
fn read_frame(reader: &mut impl Read) -> Option<(Value, Vec<u8>)> {
    let mut len = [0u8; 4];
    reader.read_exact(&mut len).ok()?;
    let mut body = vec![0u8; u32::from_le_bytes(len) as usize];
    reader.read_exact(&mut body).ok()?;
    let message: Value = serde_json::from_slice(&body).ok()?;
    let rows_len = message.get("rows").and_then(Value::as_u64).unwrap_or(0);
    let mut rows = vec![0u8; usize::try_from(rows_len).ok()?];
    reader.read_exact(&mut rows).ok()?;
    Some((message, rows))
}
