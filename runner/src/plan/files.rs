//! The files of a `uri_folder` input or an MLTable `folder`/`pattern`:
//! every regular file below the folder, subfolders included, sorted by path.
//! Links to files are followed; links to folders are not (a cycle would never end).

use std::path::{Path, PathBuf};

/// Every file below `dir`, sorted by path.
///
/// # Errors
/// An unreadable folder, named.
pub fn walk(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    walk_into(dir, &mut out)?;
    out.sort();
    Ok(out)
}

fn walk_into(dir: &Path, out: &mut Vec<PathBuf>) -> Result<(), String> {
    let entries = std::fs::read_dir(dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    for entry in entries {
        let entry = entry.map_err(|e| format!("{}: {e}", dir.display()))?;
        let path = entry.path();
        let file_type = entry
            .file_type()
            .map_err(|e| format!("{}: {e}", path.display()))?;
        if file_type.is_dir() {
            walk_into(&path, out)?;
        } else if file_type.is_file() || (file_type.is_symlink() && path.is_file()) {
            out.push(path);
        }
    }
    Ok(())
}

/// The files below `dir` whose path relative to it matches the glob `pattern`
/// (`*` and `?` within a path part, `**` for any number of parts).
///
/// # Errors
/// An unreadable folder.
pub fn glob(dir: &Path, pattern: &str) -> Result<Vec<PathBuf>, String> {
    let pattern = pattern.trim_start_matches("./");
    let parts: Vec<&str> = pattern.split('/').filter(|p| !p.is_empty()).collect();
    Ok(walk(dir)?
        .into_iter()
        .filter(|path| {
            let rel: Vec<String> = path
                .strip_prefix(dir)
                .unwrap_or(path)
                .components()
                .map(|c| c.as_os_str().to_string_lossy().into_owned())
                .collect();
            let rel: Vec<&str> = rel.iter().map(String::as_str).collect();
            match_parts(&parts, &rel)
        })
        .collect())
}

fn match_parts(pattern: &[&str], path: &[&str]) -> bool {
    match pattern.split_first() {
        None => path.is_empty(),
        Some((&"**", rest)) => (0..=path.len()).any(|skip| match_parts(rest, &path[skip..])),
        Some((first, rest)) => path.split_first().is_some_and(|(p, tail)| {
            match_name(first.as_bytes(), p.as_bytes()) && match_parts(rest, tail)
        }),
    }
}

fn match_name(pattern: &[u8], name: &[u8]) -> bool {
    match pattern.split_first() {
        None => name.is_empty(),
        Some((b'*', rest)) => (0..=name.len()).any(|skip| match_name(rest, &name[skip..])),
        Some((b'?', rest)) => !name.is_empty() && match_name(rest, &name[1..]),
        Some((c, rest)) => name.first() == Some(c) && match_name(rest, &name[1..]),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn walks_subfolders_sorted_and_globs() {
        let dir = tempfile::tempdir().unwrap();
        for f in ["b.csv", "a/x.csv", "a/y.txt", "a/b/z.csv"] {
            let p = dir.path().join(f);
            std::fs::create_dir_all(p.parent().unwrap()).unwrap();
            std::fs::write(p, "").unwrap();
        }
        let rel = |v: Vec<PathBuf>| -> Vec<String> {
            v.iter()
                .map(|p| p.strip_prefix(dir.path()).unwrap().display().to_string())
                .collect()
        };
        assert_eq!(
            rel(walk(dir.path()).unwrap()),
            ["a/b/z.csv", "a/x.csv", "a/y.txt", "b.csv"]
        );
        assert_eq!(rel(glob(dir.path(), "./*.csv").unwrap()), ["b.csv"]);
        assert_eq!(
            rel(glob(dir.path(), "**/*.csv").unwrap()),
            ["a/b/z.csv", "a/x.csv", "b.csv"]
        );
        assert_eq!(rel(glob(dir.path(), "a/?.csv").unwrap()), ["a/x.csv"]);
    }
}
