//! The fork server: one Python process started per run, which forks each
//! worker on request. A worker then starts in a millisecond instead of an
//! interpreter start (tens of milliseconds, each), and a replacement after a
//! timeout or a crash is as cheap. The zygote imports only the driver (never
//! the entry script, so every worker imports it and runs `init()` itself),
//! reaps its children and reports how each one ended.
//!
//! A worker talks to azml over two FIFOs in `<run>/.azml/pipes/`: azml
//! writes `<agent>.in` (opened read-write, so opening never blocks) and reads
//! `<agent>.out` (its reader thread's open waits for the worker; when the
//! worker dies first, the zygote's exit report wakes it).

use std::collections::HashMap;
use std::ffi::CString;
use std::fs::File;
use std::io::{BufReader, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::mpsc::{channel, Receiver};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use serde_json::{json, Value};

use crate::python::Python;
use crate::worker::read_frame;

/// How each forked worker ended, by pid, as the zygote reports it.
pub type Endings = Arc<Mutex<HashMap<u32, String>>>;

/// The running fork server.
pub struct Zygote {
    child: Child,
    stdin: ChildStdin,
    replies: Receiver<Value>,
    /// How forked workers ended.
    pub endings: Endings,
    pipes: PathBuf,
}

impl Zygote {
    /// Starts the zygote with the workers' environment; its stderr goes to `stderr`.
    ///
    /// # Errors
    /// The interpreter cannot start or cannot run the driver (too old, not Python).
    pub fn start(
        python: &Python,
        env: &[(String, String)],
        state: &Path,
        stderr: &Path,
    ) -> Result<Zygote, String> {
        let pipes = state.join("pipes");
        std::fs::create_dir_all(&pipes).map_err(|e| format!("{}: {e}", pipes.display()))?;
        let log = File::create(stderr).map_err(|e| format!("{}: {e}", stderr.display()))?;
        let mut child = Command::new(&python.exe)
            .arg(&python.driver)
            .arg("zygote")
            .envs(env.iter().map(|(k, v)| (k, v)))
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::from(log))
            .process_group(0)
            .spawn()
            .map_err(|e| format!("cannot start {}: {e}", python.exe.display()))?;
        let stdin = child.stdin.take().ok_or("no stdin pipe")?;
        let stdout = child.stdout.take().ok_or("no stdout pipe")?;
        let endings: Endings = Arc::default();
        let (tx, replies) = channel();
        let shared = Arc::clone(&endings);
        std::thread::spawn(move || {
            let mut reader = BufReader::new(stdout);
            while let Some((message, _)) = read_frame(&mut reader) {
                if message.get("ev").and_then(Value::as_str) == Some("exit") {
                    let pid = message.get("pid").and_then(Value::as_u64).unwrap_or(0) as u32;
                    let how = message
                        .get("how")
                        .and_then(Value::as_str)
                        .unwrap_or("")
                        .to_owned();
                    if let Ok(mut map) = shared.lock() {
                        map.insert(pid, how);
                    }
                    if let Some(out) = message.get("out").and_then(Value::as_str) {
                        wake_reader(Path::new(out));
                    }
                } else if tx.send(message).is_err() {
                    return;
                }
            }
        });
        let mut zygote = Zygote {
            child,
            stdin,
            replies,
            endings,
            pipes,
        };
        match zygote.replies.recv_timeout(Duration::from_secs(60)) {
            Ok(hello) if hello.get("ev").and_then(Value::as_str) == Some("hello") => Ok(zygote),
            _ => {
                zygote.stop();
                let tail = std::fs::read_to_string(stderr).unwrap_or_default();
                Err(format!(
                    "{} could not run azml's driver: {}",
                    python.exe.display(),
                    tail.trim().lines().last().unwrap_or("no message")
                ))
            }
        }
    }

    /// Forks a worker named `agent`; returns its pid and its FIFOs (in, out).
    ///
    /// # Errors
    /// The FIFOs cannot be made or the zygote does not answer.
    pub fn fork(&mut self, agent: &str, stderr: &Path) -> Result<(u32, PathBuf, PathBuf), String> {
        let input = self.pipes.join(format!("{agent}.in"));
        let output = self.pipes.join(format!("{agent}.out"));
        for path in [&input, &output] {
            mkfifo(path)?;
        }
        let request = json!({"op": "fork", "in": input, "out": output, "stderr": stderr});
        let body = request.to_string();
        let mut frame = (body.len() as u32).to_le_bytes().to_vec();
        frame.extend_from_slice(body.as_bytes());
        self.stdin
            .write_all(&frame)
            .map_err(|e| format!("the fork server is gone: {e}"))?;
        let reply = self
            .replies
            .recv_timeout(Duration::from_secs(60))
            .map_err(|_| "the fork server did not answer".to_owned())?;
        let pid = reply
            .get("pid")
            .and_then(Value::as_u64)
            .ok_or_else(|| format!("the fork server could not fork: {reply}"))?;
        Ok((pid as u32, input, output))
    }

    /// Kills the zygote (its workers die with it, through their parent-death signal).
    pub fn stop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Drop for Zygote {
    fn drop(&mut self) {
        self.stop();
    }
}

fn mkfifo(path: &Path) -> Result<(), String> {
    let _ = std::fs::remove_file(path);
    let c = CString::new(path.as_os_str().as_bytes()).map_err(|e| e.to_string())?;
    // SAFETY: `c` is a valid NUL-terminated path that outlives the call.
    if unsafe { libc::mkfifo(c.as_ptr(), 0o600) } != 0 {
        return Err(format!(
            "{}: {}",
            path.display(),
            std::io::Error::last_os_error()
        ));
    }
    Ok(())
}

/// Releases a reader thread still waiting to open `out` for a worker that
/// died before opening it: a writer that opens and closes gives it EOF.
pub fn wake_reader(out: &Path) {
    use std::os::unix::fs::OpenOptionsExt;
    let _ = std::fs::OpenOptions::new()
        .write(true)
        .custom_flags(libc::O_NONBLOCK)
        .open(out);
}
