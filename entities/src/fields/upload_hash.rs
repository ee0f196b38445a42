//! `get_object_hash` of azure-ai-ml (`_utils/_asset_utils.py`): the content
//! hash of a local folder or file that names an anonymous environment built
//! from a Docker context.
//!
//! The hash starts from a fixed salt, then takes each entry of a folder in
//! the order of its lower-cased path: the entry's name, then a file's bytes
//! or a folder's entries, recursively. Symbolic links are followed.
//!
//! azure-ai-ml leaves out what a `.amlignore` or `.gitignore` at the root of
//! the folder excludes; those pattern files are not interpreted here, so a
//! context that has one is hashed in full (listed in docs/parity.md).

use std::io::Read;
use std::path::Path;

use sha2::{Digest, Sha256};

/// The salt azure-ai-ml starts every object hash with.
const SALT: &[u8] = b"Initialize for october 2021 AML CLI version";

/// The hex SHA-256 of `path` (a folder or a file) as azure-ai-ml computes it.
///
/// # Errors
/// An I/O error reading the folder or one of its files, with the path.
pub fn object_hash(path: &Path) -> Result<String, String> {
    let mut hash = Sha256::new();
    hash.update(SALT);
    if path.is_dir() {
        hash_dir(path, &mut hash)?;
    } else {
        hash_file(path, &mut hash)?;
    }
    Ok(super::sha::hex(&hash.finalize()))
}

/// The entries of a folder, depth first, with an explicit stack (no
/// recursion on the folder's depth).
fn hash_dir(root: &Path, hash: &mut Sha256) -> Result<(), String> {
    let mut stack = vec![sorted_entries(root)?];
    while let Some(entries) = stack.last_mut() {
        let Some(path) = entries.pop() else {
            stack.pop();
            continue;
        };
        if let Some(name) = path.file_name() {
            hash.update(name.to_string_lossy().as_bytes());
        }
        // `is_file`/`is_dir` follow symbolic links, as Python's do.
        if path.is_file() {
            hash_file(&path, hash)?;
        } else if path.is_dir() {
            if stack.len() > 256 {
                return Err(format!("{}: folders nested too deep", path.display()));
            }
            stack.push(sorted_entries(&path)?);
        }
    }
    Ok(())
}

/// A folder's entries, sorted by lower-cased path and reversed (popped from
/// the end).
fn sorted_entries(dir: &Path) -> Result<Vec<std::path::PathBuf>, String> {
    let read = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let mut entries = read
        .map(|entry| entry.map(|e| e.path()))
        .collect::<Result<Vec<_>, _>>()
        .map_err(|e| format!("{}: {e}", dir.display()))?;
    entries.sort_by_cached_key(|p| p.to_string_lossy().to_lowercase());
    entries.reverse();
    Ok(entries)
}

fn hash_file(path: &Path, hash: &mut Sha256) -> Result<(), String> {
    let mut file = std::fs::File::open(path).map_err(|e| format!("{}: {e}", path.display()))?;
    let mut buf = [0u8; 64 * 1024];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if n == 0 {
            return Ok(());
        }
        hash.update(&buf[..n]);
    }
}
