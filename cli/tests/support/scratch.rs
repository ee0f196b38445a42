//! A folder of one test under the system's temp dir, emptied when created
//! and removed when the test ends, whether it passes or fails.

use std::ops::Deref;
use std::path::{Path, PathBuf};

/// The folder; derefs to its path.
pub struct Scratch(PathBuf);

impl Scratch {
    /// `<temp>/<prefix>-<pid>-<name>`, empty.
    pub fn new(prefix: &str, name: &str) -> Self {
        let dir = std::env::temp_dir().join(format!("{prefix}-{}-{name}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).unwrap();
        Self(dir)
    }
}

impl Deref for Scratch {
    type Target = Path;
    fn deref(&self) -> &Path {
        &self.0
    }
}

impl AsRef<Path> for Scratch {
    fn as_ref(&self) -> &Path {
        &self.0
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}
