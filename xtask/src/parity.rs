//! `cargo xtask parity`: runs the Python reference (azure-ai-ml 1.35.2) over
//! the parity fixtures and writes what it does to `tests/parity/golden/`.
//!
//! * `cargo xtask parity` regenerates the goldens.
//! * `cargo xtask parity --check` fails when a committed golden differs from
//!   what Python produces now (CI runs this).
//! * `cargo xtask parity --corpus DIR` also records Python's results for every
//!   YAML file under DIR (e.g. `../shared/corpus`) into
//!   `target/parity-corpus/`, never committed, and runs the corpus comparison
//!   test (`tests/parity_corpus.rs`) against them; a difference fails.
//!
//! The fixtures are copied to the fixed folder `/tmp/azml-parity/fixtures`
//! first: absolute code paths, and so `client_component_hash`, depend on
//! where the files are, and the Rust tests read them from the same place.
//! The virtual environment lives in `target/parity-venv`, made from the
//! pinned `tests/parity/requirements.txt`.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

/// Where fixtures are placed for both the Python and the Rust side.
pub const FIXTURE_HOME: &str = "/tmp/azml-parity/fixtures";

fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .map(Path::to_path_buf)
        .unwrap_or_default()
}

/// Runs the task.
pub fn run(args: &[String]) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::FAILURE
        }
    }
}

fn run_inner(args: &[String]) -> Result<ExitCode, String> {
    let mut check = false;
    let mut corpus = None;
    let mut rest = args.iter();
    while let Some(arg) = rest.next() {
        match arg.as_str() {
            "--check" => check = true,
            "--corpus" => {
                corpus = Some(PathBuf::from(rest.next().ok_or("--corpus needs a folder")?));
            }
            other => {
                return Err(format!(
                    "unknown argument {other}; usage: cargo xtask parity [--check] [--corpus DIR]"
                ))
            }
        }
    }
    let root = repo_root();
    let python = venv(&root)?;
    let harness = root.join("tests/parity/harness.py");

    // Fixtures at their fixed home, then the harness over every *.yml of
    // this checkout (the home may hold other checkouts' files too).
    let home = Path::new(FIXTURE_HOME);
    let source = root.join("tests/parity/fixtures");
    sync_tree(&source, home)?;
    let fixtures = yaml_files(&source, &["yml"])?;
    let fresh = root.join("target/parity-golden");
    remove_dir(&fresh)?;
    harness_run(&python, &harness, &fresh, home, &fixtures)?;

    let golden = root.join("tests/parity/golden");
    let mut status = ExitCode::SUCCESS;
    if check {
        let stale = compare_trees(&golden, &fresh)?;
        if stale.is_empty() {
            println!(
                "parity goldens are up to date ({} documents)",
                fixtures.len()
            );
        } else {
            for line in &stale {
                eprintln!("stale golden: {line}");
            }
            eprintln!(
                "error: tests/parity/golden differs from what azure-ai-ml produces; run `cargo xtask parity` and commit the result"
            );
            status = ExitCode::FAILURE;
        }
    } else {
        remove_dir(&golden)?;
        sync_tree(&fresh, &golden)?;
        println!("wrote {} goldens to tests/parity/golden", fixtures.len());
    }

    if let Some(dir) = corpus {
        let dir = dir
            .canonicalize()
            .map_err(|e| format!("{}: {e}", dir.display()))?;
        let files = yaml_files(&dir, &["yml", "yaml"])?;
        let out = root.join("target/parity-corpus");
        remove_dir(&out)?;
        harness_run(&python, &harness, &out, &dir, &files)?;
        println!(
            "recorded {} corpus documents in {}",
            files.len(),
            out.display()
        );
        // Compare on the spot: the corpus test reads these records.
        let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
        command(
            Command::new(cargo)
                .current_dir(&root)
                .args([
                    "test",
                    "-p",
                    "azml",
                    "--test",
                    "parity_corpus",
                    "--",
                    "--nocapture",
                ])
                .env("AZML_PARITY_CORPUS_DIR", &dir)
                .env("AZML_PARITY_CORPUS_RECORDS", &out),
        )?;
    }
    Ok(status)
}

/// The virtual environment's python, made and filled when missing or stale.
fn venv(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target/parity-venv");
    let python = dir.join("bin/python");
    let requirements = root.join("tests/parity/requirements.txt");
    let stamp = dir.join("requirements.installed");
    let wanted = read(&requirements)?;
    if python.exists() && std::fs::read_to_string(&stamp).ok().as_deref() == Some(wanted.as_str()) {
        return Ok(python);
    }
    let system = std::env::var("PYTHON").unwrap_or_else(|_| "python3".to_owned());
    command(
        Command::new(&system)
            .args(["-m", "venv", "--clear"])
            .arg(&dir),
    )?;
    command(
        Command::new(&python)
            .args([
                "-m",
                "pip",
                "install",
                "--quiet",
                "--disable-pip-version-check",
                "-r",
            ])
            .arg(&requirements),
    )?;
    std::fs::write(&stamp, wanted).map_err(|e| format!("{}: {e}", stamp.display()))?;
    Ok(python)
}

fn harness_run(
    python: &Path,
    harness: &Path,
    out: &Path,
    base: &Path,
    files: &[String],
) -> Result<(), String> {
    // Large file lists go in chunks so the command line stays short.
    for chunk in files.chunks(200) {
        command(
            Command::new(python)
                .arg(harness)
                .arg(out)
                .arg(base)
                .args(chunk)
                .env("PYTHONHASHSEED", "0")
                .env("PYTHONWARNINGS", "ignore"),
        )?;
    }
    Ok(())
}

fn command(cmd: &mut Command) -> Result<(), String> {
    let status = cmd
        .status()
        .map_err(|e| format!("cannot run {:?}: {e}", cmd.get_program()))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{cmd:?} failed with {status}"))
    }
}

fn read(path: &Path) -> Result<String, String> {
    std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))
}

fn remove_dir(path: &Path) -> Result<(), String> {
    match std::fs::remove_dir_all(path) {
        Ok(()) => Ok(()),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(format!("{}: {e}", path.display())),
    }
}

/// Copies every file of `from` into `to` where it differs; files only in
/// `to` stay, so checkouts sharing the fixture home do not pull files from
/// under each other's runs.
fn sync_tree(from: &Path, to: &Path) -> Result<(), String> {
    for rel in files_under(from)? {
        let target = to.join(&rel);
        let content = std::fs::read(from.join(&rel)).map_err(|e| format!("{rel}: {e}"))?;
        if std::fs::read(&target).ok().as_ref() == Some(&content) {
            continue;
        }
        if let Some(parent) = target.parent() {
            std::fs::create_dir_all(parent).map_err(|e| format!("{}: {e}", parent.display()))?;
        }
        std::fs::write(&target, content).map_err(|e| format!("{}: {e}", target.display()))?;
    }
    Ok(())
}

/// Relative paths of all files under `dir`, sorted.
fn files_under(dir: &Path) -> Result<Vec<String>, String> {
    let mut out = Vec::new();
    let mut stack = vec![PathBuf::new()];
    while let Some(rel) = stack.pop() {
        let entries =
            std::fs::read_dir(dir.join(&rel)).map_err(|e| format!("{}: {e}", dir.display()))?;
        for entry in entries {
            let entry = entry.map_err(|e| e.to_string())?;
            let path = rel.join(entry.file_name());
            if entry.file_type().map_err(|e| e.to_string())?.is_dir() {
                stack.push(path);
            } else {
                out.push(path.to_string_lossy().into_owned());
            }
        }
    }
    out.sort();
    Ok(out)
}

fn yaml_files(dir: &Path, extensions: &[&str]) -> Result<Vec<String>, String> {
    Ok(files_under(dir)?
        .into_iter()
        .filter(|f| {
            Path::new(f)
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| extensions.contains(&e))
        })
        .collect())
}

/// Lines naming every file that is missing, extra or different.
fn compare_trees(committed: &Path, fresh: &Path) -> Result<Vec<String>, String> {
    let have = if committed.exists() {
        files_under(committed)?
    } else {
        Vec::new()
    };
    let want = files_under(fresh)?;
    let mut out = Vec::new();
    for f in &want {
        if !have.contains(f) {
            out.push(format!("{f} is missing"));
        } else if read(&committed.join(f))? != read(&fresh.join(f))? {
            out.push(format!("{f} differs"));
        }
    }
    for f in &have {
        if !want.contains(f) {
            out.push(format!("{f} is no longer produced"));
        }
    }
    Ok(out)
}
