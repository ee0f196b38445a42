//! The JSON Schemas part of `cargo xtask codegen`: `schemas/<kind>.schema.json` for every
//! document kind of `specs/` (the generator's second back end), and `generated/schemas.rs`,
//! the index `azml schema` embeds them through. With `--check`, fails when any is stale or a
//! schema file no kind produces is left in `schemas/`; without, writes them and removes
//! such files.

use std::path::{Path, PathBuf};

use crate::codegen::{generator_options, HEADER};

/// A file the task owns and what it must hold.
struct Wanted {
    /// Path relative to the repository root.
    path: PathBuf,
    contents: String,
}

/// The schema files and their index.
fn wanted(root: &Path) -> Result<Vec<Wanted>, String> {
    let Some(opts) = generator_options(root) else {
        return Ok(Vec::new());
    };
    let files = azml_codegen::json_schemas(&opts).map_err(|d| d.to_string())?;
    let mut entries = String::new();
    for f in &files {
        entries.push_str(&format!(
            "({:?}, {:?}, include_str!(\"../schemas/{}\")),\n",
            f.kind, f.file_name, f.file_name
        ));
    }
    let index = format!(
        "{HEADER}\n/// The JSON Schema of every kind azml models: its name, file name and text.\n\
         pub const SCHEMAS: &[(&str, &str, &str)] = &[\n{entries}];\n"
    );
    let index = azml_codegen::rustfmt(&index, Some(&root.join("rustfmt.toml")))?;
    let mut out: Vec<Wanted> = files
        .into_iter()
        .map(|f| Wanted {
            path: Path::new("schemas").join(&f.file_name),
            contents: f.text,
        })
        .collect();
    out.push(Wanted {
        path: Path::new("generated").join("schemas.rs"),
        contents: index,
    });
    Ok(out)
}

/// `*.schema.json` files in `schemas/` that no kind produces.
fn stale(root: &Path, wanted: &[Wanted]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = std::fs::read_dir(root.join("schemas"))
        .map(|rd| {
            rd.filter_map(Result::ok)
                .map(|e| Path::new("schemas").join(e.file_name()))
                .filter(|p| p.to_string_lossy().ends_with(".schema.json"))
                .filter(|p| !wanted.iter().any(|w| &w.path == p))
                .collect()
        })
        .unwrap_or_default();
    out.sort();
    out
}

/// Writes (or with `check`, checks) the schemas; false on failure, with the reason printed.
pub fn run(root: &Path, check: bool) -> bool {
    let wanted = match wanted(root) {
        Ok(w) => w,
        Err(e) => {
            eprintln!("{}", e.trim_end());
            eprintln!("error: JSON Schema generation failed");
            return false;
        }
    };
    let mut ok = true;
    for w in &wanted {
        let path = root.join(&w.path);
        let have = std::fs::read_to_string(&path)
            .unwrap_or_default()
            .replace("\r\n", "\n");
        if have == w.contents {
            continue;
        }
        if check {
            eprintln!(
                "error: {} is stale; run `cargo xtask codegen` and commit the result",
                w.path.display()
            );
            ok = false;
            continue;
        }
        let written = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .and_then(|_| std::fs::write(&path, &w.contents));
        match written {
            Ok(()) => println!("wrote {}", w.path.display()),
            Err(e) => {
                eprintln!("error: cannot write {}: {e}", path.display());
                ok = false;
            }
        }
    }
    for extra in stale(root, &wanted) {
        if check {
            eprintln!(
                "error: {} belongs to no kind of specs/; run `cargo xtask codegen` to remove it",
                extra.display()
            );
            ok = false;
        } else if let Err(e) = std::fs::remove_file(root.join(&extra)) {
            eprintln!("error: cannot remove {}: {e}", extra.display());
            ok = false;
        } else {
            println!("removed {}", extra.display());
        }
    }
    ok
}
