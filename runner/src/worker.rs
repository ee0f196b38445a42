//! One worker: a process forked by the [`Zygote`], in its own process
//! group (a Ctrl-C at the terminal reaches azml, not the script). Frames go
//! to its input FIFO; a thread reads its output FIFO and forwards each frame
//! (JSON, then the rows bytes when it announces some) to the scheduler.

use std::fs::File;
use std::io::{BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::sync::mpsc::Sender;
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::zygote::{wake_reader, Endings, Zygote};

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
    pid: u32,
    input: File,
    output: PathBuf,
    endings: Endings,
}

impl Worker {
    /// Forks a worker named `agent` (stderr to `stderr`); its events go to
    /// `events`, stamped with `slot` and `generation`.
    ///
    /// # Errors
    /// The zygote cannot fork.
    pub fn spawn(
        zygote: &mut Zygote,
        agent: String,
        stderr: &Path,
        (slot, generation): (usize, u64),
        events: Sender<Envelope>,
    ) -> Result<Worker, String> {
        let (pid, input_path, output) = zygote.fork(&agent, stderr)?;
        // Read-write: opening never waits, and writes never fail for want of a reader.
        let input = File::options()
            .read(true)
            .write(true)
            .open(&input_path)
            .map_err(|e| format!("{}: {e}", input_path.display()))?;
        let out = output.clone();
        std::thread::spawn(move || {
            let Ok(file) = File::open(&out) else {
                let _ = events.send((slot, generation, Event::Closed));
                return;
            };
            let mut reader = BufReader::new(file);
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
            agent,
            pid,
            input,
            output,
            endings: zygote.endings.clone(),
        })
    }

    /// Sends one message.
    ///
    /// # Errors
    /// An I/O error on the FIFO.
    pub fn send(&mut self, message: &Value) -> std::io::Result<()> {
        let body = message.to_string();
        let mut frame = Vec::with_capacity(body.len() + 4);
        frame.extend_from_slice(&(body.len() as u32).to_le_bytes());
        frame.extend_from_slice(body.as_bytes());
        self.input.write_all(&frame)
    }

    /// Kills the worker's whole process group.
    pub fn kill(&mut self) {
        if let Ok(pid) = i32::try_from(self.pid) {
            // SAFETY: kill(2) on the process group the worker leads (it calls
            // setpgid(0, 0) after the fork) and on the worker itself; no memory is touched.
            unsafe {
                libc::kill(-pid, libc::SIGKILL);
                libc::kill(pid, libc::SIGKILL);
            }
        }
        wake_reader(&self.output);
    }

    /// How the worker ended: waits up to `patience` for the zygote's report, then kills it.
    pub fn reap(&mut self, patience: Duration) -> String {
        let until = Instant::now() + patience;
        loop {
            if let Some(how) = self
                .endings
                .lock()
                .ok()
                .and_then(|mut m| m.remove(&self.pid))
            {
                return how;
            }
            if Instant::now() >= until {
                self.kill();
                return "it stopped answering and was killed".into();
            }
            std::thread::sleep(Duration::from_millis(2));
        }
    }
}

/// One frame: a JSON message, and its rows when it says `"rows": n`.
pub fn read_frame(reader: &mut impl Read) -> Option<(Value, Vec<u8>)> {
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
