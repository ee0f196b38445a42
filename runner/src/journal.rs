//! Exactly-once output: a mini-batch's rows are appended to the output file
//! in one write, then one line naming the mini-batch and the output's new
//! length is appended to the journal. A mini-batch is committed when its
//! journal line is complete. On `--resume` the journal is read up to its last
//! complete line and the output is cut back to the length that line records,
//! so rows written by a run killed between the two writes are removed, and
//! the mini-batch runs again. Rows of one mini-batch are one write, from one
//! process (azml), so rows of different mini-batches never interleave.
//!
//! Writes are not fsync'ed per mini-batch: what `write` returned survives
//! the death of azml (the kernel holds it); a power loss is out of scope, and
//! the files are synced once at the end of the run.

use std::collections::BTreeMap;
use std::fs::{File, OpenOptions};
use std::io::{Read, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// The final state of a mini-batch, as committed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Entry {
    /// The mini-batch id.
    pub id: usize,
    /// Succeeded items.
    pub succeeded: u64,
    /// Failed items.
    pub failed: u64,
    /// Whether the mini-batch counts as failed (its last try failed, or it returned fewer results than inputs).
    pub batch_failed: bool,
    /// The output file's length after this mini-batch's rows.
    pub end: u64,
}

/// The journal and the output file.
pub struct Journal {
    log: File,
    output: Option<(PathBuf, File)>,
    length: u64,
    /// Committed mini-batches, by id.
    pub committed: BTreeMap<usize, Entry>,
}

impl Journal {
    /// Starts a new journal at `path`; rows go to `output` (refused when it holds rows already).
    ///
    /// # Errors
    /// I/O errors and a non-empty output file, each naming the file.
    pub fn create(path: &Path, output: Option<&Path>) -> Result<Journal, String> {
        let log = OpenOptions::new()
            .create_new(true)
            .append(true)
            .open(path)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        let output = match output {
            Some(out) => {
                if std::fs::metadata(out).is_ok_and(|m| m.len() > 0) {
                    return Err(format!(
                        "{} already holds rows: remove it, give another --output, or continue its run with --resume --run-dir",
                        out.display()
                    ));
                }
                Some((out.to_path_buf(), open_output(out)?))
            }
            None => None,
        };
        Ok(Journal {
            log,
            output,
            length: 0,
            committed: BTreeMap::new(),
        })
    }

    /// Reopens the journal at `path` of an interrupted run: its complete lines
    /// are the committed mini-batches; a torn last line and the output past the
    /// last committed length are cut off.
    ///
    /// # Errors
    /// I/O errors; an output shorter than the journal says (changed by hand).
    pub fn resume(path: &Path, output: Option<&Path>) -> Result<Journal, String> {
        let err = |e: std::io::Error| format!("{}: {e}", path.display());
        let mut log = OpenOptions::new()
            .read(true)
            .append(true)
            .open(path)
            .map_err(err)?;
        let mut text = String::new();
        log.read_to_string(&mut text).map_err(err)?;
        let mut committed = BTreeMap::new();
        let mut good = 0;
        let mut length = 0;
        for line in text.split_inclusive('\n') {
            let Some(entry) = line
                .strip_suffix('\n')
                .and_then(|l| serde_json::from_str::<Entry>(l).ok())
            else {
                break;
            };
            good += line.len();
            length = entry.end;
            committed.insert(entry.id, entry);
        }
        log.set_len(good as u64).map_err(err)?;
        let output = match output {
            Some(out) => {
                let file = open_output(out)?;
                let actual = file
                    .metadata()
                    .map_err(|e| format!("{}: {e}", out.display()))?
                    .len();
                if actual < length {
                    return Err(format!(
                        "{} has {actual} bytes but the run committed {length}: it was changed since; start a new run",
                        out.display()
                    ));
                }
                file.set_len(length)
                    .map_err(|e| format!("{}: {e}", out.display()))?;
                Some((out.to_path_buf(), file))
            }
            None => None,
        };
        Ok(Journal {
            log,
            output,
            length,
            committed,
        })
    }

    /// Commits a mini-batch: its rows, then its journal line.
    ///
    /// # Errors
    /// I/O errors, naming the file.
    pub fn commit(&mut self, mut entry: Entry, rows: &[u8]) -> Result<(), String> {
        if let Some((path, file)) = self.output.as_mut() {
            if !rows.is_empty() {
                file.seek(SeekFrom::Start(self.length))
                    .and_then(|_| file.write_all(rows))
                    .map_err(|e| format!("{}: {e}", path.display()))?;
                self.length += rows.len() as u64;
            }
        }
        entry.end = self.length;
        let mut line = serde_json::to_string(&entry).map_err(|e| e.to_string())?;
        line.push('\n');
        self.log
            .write_all(line.as_bytes())
            .map_err(|e| format!("journal: {e}"))?;
        self.committed.insert(entry.id, entry);
        Ok(())
    }

    /// Flushes the output and the journal to disk.
    pub fn sync(&self) {
        if let Some((_, file)) = &self.output {
            let _ = file.sync_all();
        }
        let _ = self.log.sync_all();
    }
}

fn open_output(path: &Path) -> Result<File, String> {
    if let Some(dir) = path.parent() {
        std::fs::create_dir_all(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    }
    OpenOptions::new()
        .create(true)
        .truncate(false)
        .write(true)
        .open(path)
        .map_err(|e| format!("{}: {e}", path.display()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(id: usize) -> Entry {
        Entry {
            id,
            succeeded: 1,
            failed: 0,
            batch_failed: false,
            end: 0,
        }
    }

    #[test]
    fn a_torn_commit_is_undone_on_resume() {
        let dir = tempfile::tempdir().unwrap();
        let (log, out) = (dir.path().join("journal"), dir.path().join("out.txt"));
        let mut journal = Journal::create(&log, Some(&out)).unwrap();
        journal.commit(entry(0), b"a\n").unwrap();
        journal.commit(entry(1), b"b\n").unwrap();
        drop(journal);
        // Killed after the rows of mini-batch 2 and half its journal line.
        std::fs::OpenOptions::new()
            .append(true)
            .open(&out)
            .unwrap()
            .write_all(b"c\n")
            .unwrap();
        std::fs::OpenOptions::new()
            .append(true)
            .open(&log)
            .unwrap()
            .write_all(b"{\"id\":2,")
            .unwrap();
        let mut journal = Journal::resume(&log, Some(&out)).unwrap();
        assert_eq!(
            journal.committed.keys().copied().collect::<Vec<_>>(),
            [0, 1]
        );
        assert_eq!(std::fs::read(&out).unwrap(), b"a\nb\n");
        journal.commit(entry(2), b"c\n").unwrap();
        drop(journal);
        let journal = Journal::resume(&log, Some(&out)).unwrap();
        assert_eq!(journal.committed.len(), 3);
        assert_eq!(std::fs::read(&out).unwrap(), b"a\nb\nc\n");
    }

    #[test]
    fn a_new_run_refuses_an_output_with_rows() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("out.txt");
        std::fs::write(&out, "old\n").unwrap();
        let err = Journal::create(&dir.path().join("j"), Some(&out))
            .err()
            .unwrap();
        assert!(err.contains("already holds rows"), "{err}");
    }
}
