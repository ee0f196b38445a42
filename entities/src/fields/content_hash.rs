//! `get_content_hash` of azure-ai-ml (`_utils/_asset_utils.py`): the
//! fingerprint a code asset sends as `hash_sha256` (`hash_version` 202208).
//!
//! For a folder: the number of its files (every depth, symbolic links
//! followed), then for each file in the order of its lower-cased relative
//! POSIX path `#<path>#` and its size, then the content of each file in the
//! same order. For a file: the same with the one file under its name.
//! Nothing (`None`) for a path that is neither.
//!
//! azure-ai-ml leaves out what a `.amlignore` or `.gitignore` at the root of
//! the folder excludes; azml does not interpret those files, so it refuses
//! to give a hash for a folder that has one rather than give a wrong one.

use std::io::Read;
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

/// The `hash_version` that goes with [`content_hash`] (`get_content_hash_version`).
pub const CONTENT_HASH_VERSION: u32 = 202_208;

/// The hash of `path`, `Ok(None)` when it is neither a file nor a folder.
///
/// # Errors
/// An I/O error with its path, or a folder with an ignore file.
pub fn content_hash(path: &Path) -> Result<Option<String>, String> {
    let files = if path.is_dir() {
        for ignore in [".amlignore", ".gitignore"] {
            if path.join(ignore).exists() {
                return Err(format!(
                    "{}: azml does not read {ignore} files, which azure-ai-ml applies to the content hash",
                    path.display()
                ));
            }
        }
        let mut files = Vec::new();
        walk(path, "", &mut files, 0)?;
        files
    } else if path.is_file() {
        let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
        vec![(path.to_path_buf(), name.unwrap_or_default())]
    } else {
        return Ok(None);
    };
    Ok(Some(list_hash(files)?))
}

/// `_get_file_list_content_hash` of `(file, relative name)` pairs.
fn list_hash(mut files: Vec<(PathBuf, String)>) -> Result<String, String> {
    files.sort_by_cached_key(|(_, name)| name.to_lowercase());
    let mut hash = Sha256::new();
    hash.update(files.len().to_string().as_bytes());
    for (file, name) in &files {
        let size = std::fs::metadata(file)
            .map_err(|e| format!("{}: {e}", file.display()))?
            .len();
        hash.update(format!("#{name}#").as_bytes());
        hash.update(size.to_string().as_bytes());
    }
    let mut buf = vec![0u8; 64 * 1024];
    for (file, _) in &files {
        let mut f = std::fs::File::open(file).map_err(|e| format!("{}: {e}", file.display()))?;
        loop {
            let n = f
                .read(&mut buf)
                .map_err(|e| format!("{}: {e}", file.display()))?;
            if n == 0 {
                break;
            }
            hash.update(&buf[..n]);
        }
    }
    Ok(super::sha::hex(&hash.finalize()))
}

/// `os.walk(path, followlinks=True)`: every file under `dir` with its path
/// relative to the root, folders (and links to folders) entered.
fn walk(
    dir: &Path,
    prefix: &str,
    out: &mut Vec<(PathBuf, String)>,
    depth: usize,
) -> Result<(), String> {
    if depth > 256 {
        return Err(format!("{}: folders nested too deep", dir.display()));
    }
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let path = entry.map_err(|e| format!("{}: {e}", dir.display()))?.path();
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let rel = format!("{prefix}{name}");
        if path.is_dir() {
            walk(&path, &format!("{rel}/"), out, depth + 1)?;
        } else {
            out.push((path, rel));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    // The hash azure-ai-ml 1.35.2 gave tests/parity/fixtures/code/src (one
    // file, main.py, holding `print("hello")` and a newline), as a folder and as
    // the file itself (golden code/description_only and code/file_path).
    #[test]
    fn matches_python_for_a_folder_and_a_file() {
        let dir = std::env::temp_dir().join(format!("azml-content-hash-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join("main.py"), "print(\"hello\")\n").unwrap();
        let python = "df2bb548dc707e0b45fbf3066bf6382e53f5893722400dcf7cb4f7f5f4564206";
        assert_eq!(content_hash(&dir).unwrap().as_deref(), Some(python));
        assert_eq!(
            content_hash(&dir.join("main.py")).unwrap().as_deref(),
            Some(python)
        );
        assert_eq!(content_hash(&dir.join("missing")), Ok(None));
        std::fs::write(dir.join(".gitignore"), "*.pyc\n").unwrap();
        assert!(content_hash(&dir).is_err());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
