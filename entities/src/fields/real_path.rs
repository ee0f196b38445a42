//! `os.path.realpath` of a path that exists, in as few system calls as the
//! platform allows.
//!
//! `std::fs::canonicalize` (glibc's `realpath`) asks the kernel about every
//! component in turn, and each question walks the path again from the
//! root: for a component eight folders deep that is a dozen system calls
//! and most of the time azml spends on a component file. On Linux the
//! kernel already knows the answer once the path is open:
//! `/proc/self/fd/N` links to the resolved path. Elsewhere, or when `/proc`
//! is not mounted, `canonicalize` decides.

use std::path::{Path, PathBuf};

/// Where `path` leads, absolute with every symlink resolved, or `None`
/// when nothing is there (or it cannot be reached).
pub fn existing(path: &Path) -> Option<PathBuf> {
    #[cfg(target_os = "linux")]
    if let Some(answer) = through_proc(path) {
        return answer;
    }
    std::fs::canonicalize(path).ok()
}

/// The answer of `/proc/self/fd`, or `None` when it cannot tell.
///
/// The path is opened with `O_PATH`: nothing is read, so a FIFO or a device
/// cannot block and no read permission is needed.
#[cfg(target_os = "linux")]
fn through_proc(path: &Path) -> Option<Option<PathBuf>> {
    use std::io::ErrorKind;
    use std::os::fd::AsRawFd;
    use std::os::unix::fs::OpenOptionsExt;

    let file = match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_PATH)
        .open(path)
    {
        Ok(file) => file,
        Err(e) if e.kind() == ErrorKind::NotFound || e.raw_os_error() == Some(libc::ENOTDIR) => {
            return Some(None)
        }
        Err(_) => return None,
    };
    let link = std::fs::read_link(format!("/proc/self/fd/{}", file.as_raw_fd())).ok()?;
    // Not a path (`anon_inode:…`) or no longer one (`… (deleted)`): let
    // `canonicalize` answer.
    let usable = link.is_absolute() && !link.to_string_lossy().ends_with(" (deleted)");
    usable.then_some(Some(link))
}

#[cfg(test)]
mod tests {
    use super::existing;

    #[test]
    fn agrees_with_canonicalize() {
        let dir = std::env::temp_dir().join(format!("azml-real-path-{}", std::process::id()));
        let real = dir.join("real/inner");
        std::fs::create_dir_all(&real).unwrap();
        std::fs::write(real.join("file.txt"), "x").unwrap();
        #[cfg(unix)]
        std::os::unix::fs::symlink(dir.join("real"), dir.join("link")).unwrap();
        let cases = [
            dir.join("real/inner"),
            dir.join("real/inner/file.txt"),
            dir.join("real/inner/../inner/./file.txt"),
            #[cfg(unix)]
            dir.join("link/inner/file.txt"),
            #[cfg(unix)]
            dir.join("link/inner/.."),
        ];
        for case in cases {
            let expected = std::fs::canonicalize(&case).unwrap();
            assert_eq!(existing(&case), Some(expected), "{}", case.display());
        }
        assert_eq!(existing(&dir.join("missing")), None);
        assert_eq!(existing(&dir.join("real/inner/file.txt/below")), None);
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
