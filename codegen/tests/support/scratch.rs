//! Shared by the tests: scratch crates that compile generated code, all in one target dir.

#![allow(dead_code)] // each test uses a different part

use std::path::{Path, PathBuf};
use std::process::Command;

/// The repository root.
pub fn repo_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// `../shared` beside the repository.
pub fn shared() -> PathBuf {
    repo_root().join("../shared")
}

/// One target dir for every scratch crate.
pub fn scratch_target() -> PathBuf {
    Path::new(env!("CARGO_TARGET_TMPDIR")).join("scratch-target")
}

/// Writes a scratch crate (lib + optional bin) that depends on serde, serde_json and azml.
pub fn write_crate(name: &str, lib_rs: &str, main_rs: Option<&str>) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(dir.join("src")).expect("scratch dir");
    let root = repo_root().canonicalize().expect("repo root");
    let manifest = format!(
        "[package]\nname = \"{name}\"\nversion = \"0.0.0\"\nedition = \"2021\"\npublish = false\n\n\
         [dependencies]\nserde = {{ version = \"1\", features = [\"derive\"] }}\n\
         serde_json = {{ version = \"1\", features = [\"preserve_order\"] }}\n\
         azml = {{ path = {:?} }}\n\n[workspace]\n",
        root.display().to_string()
    );
    write_if_changed(&dir.join("Cargo.toml"), &manifest);
    write_if_changed(&dir.join("src/lib.rs"), lib_rs);
    if let Some(m) = main_rs {
        write_if_changed(&dir.join("src/main.rs"), m);
    }
    let lock = repo_root().join("Cargo.lock");
    if lock.exists() && !dir.join("Cargo.lock").exists() {
        let _ = std::fs::copy(lock, dir.join("Cargo.lock"));
    }
    dir
}

/// Writes a file only when its contents differ (keeps cargo's fingerprints warm).
pub fn write_if_changed(path: &Path, contents: &str) {
    if std::fs::read_to_string(path).ok().as_deref() != Some(contents) {
        std::fs::write(path, contents).expect("write scratch file");
    }
}

/// `cargo build` of a scratch crate; panics with the compiler output on failure or warnings.
pub fn build(dir: &Path) {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let out = Command::new(cargo)
        .args(["build", "--quiet", "--message-format=short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", scratch_target())
        .env_remove("RUSTFLAGS")
        .output()
        .expect("run cargo");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "scratch crate {} does not compile:\n{stderr}",
        dir.display()
    );
    assert!(
        !stderr.contains("warning"),
        "scratch crate {} has warnings:\n{stderr}",
        dir.display()
    );
}

/// Runs the scratch crate's binary (after [`build`]) with `stdin`; returns its stdout, or
/// panics with its stderr when it fails.
pub fn run(dir: &Path, name: &str, stdin: &str) -> String {
    use std::io::Write;
    let _ = dir;
    let exe = scratch_target()
        .join("debug")
        .join(format!("{name}{}", std::env::consts::EXE_SUFFIX));
    let mut child = Command::new(&exe)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("run {}: {e}", exe.display()));
    // Written from another thread: a large input would otherwise fill the pipe while the
    // binary waits for its output to be read.
    let writer = child.stdin.take().map(|mut input| {
        let text = stdin.to_owned();
        std::thread::spawn(move || input.write_all(text.as_bytes()))
    });
    let out = child.wait_with_output().expect("wait");
    assert!(
        out.status.success(),
        "{} failed:\n{}",
        exe.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    if let Some(w) = writer {
        w.join().expect("stdin writer").expect("write stdin");
    }
    String::from_utf8_lossy(&out.stdout).into_owned()
}
