//! Shared by the fuzz targets: a scratch folder per process and the checks
//! every generator run must pass.

use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// A folder of this process, made once, holding what relative paths of the
/// entity documents may name: `src/score.py` and a conda file `env.yml`.
pub fn scratch() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("azml-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(dir.join("src"));
        let _ = std::fs::create_dir_all(dir.join("specs"));
        let _ = std::fs::write(dir.join("src/score.py"), "def run(batch): return batch\n");
        let _ = std::fs::write(
            dir.join("env.yml"),
            "name: env\ndependencies:\n  - python=3.10\n",
        );
        let _ = std::fs::write(
            dir.join("component.yml"),
            "type: parallel\nname: c\nversion: 1\ntask:\n  type: run_function\n  code: ./src\n  entry_script: score.py\n  environment: azureml:e:1\n",
        );
        dir
    })
}

/// Generates code for the spec `text` written as `spec.<ext>` in the scratch
/// folder; checks that a failure is reported as diagnostics (never as the
/// generator's panic guard) and that any output is valid Rust.
pub fn generate(text: &[u8], ext: &str) {
    let dir = scratch().join("specs");
    let file = dir.join(format!("spec.{ext}"));
    if std::fs::write(&file, text).is_err() {
        return;
    }
    let opts = azml_codegen::Options {
        specs: vec![file],
        root: Some(dir),
        derives: Vec::new(),
    };
    match azml_codegen::generate(&opts) {
        Ok(out) => {
            if let Err(e) = syn::parse_file(&out.code) {
                panic!("generated code does not parse: {e}\n{}", out.code);
            }
        }
        Err(diags) => {
            for e in diags.errors() {
                assert!(
                    !e.message.starts_with("internal error"),
                    "{}#{}: {}",
                    e.file,
                    e.pointer,
                    e.message
                );
            }
        }
    }
}
