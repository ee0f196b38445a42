//! `azml schema`: prints or writes the checked-in `schemas/` files, by kind
//! name or file name.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn azml(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_azml"))
        .args(args)
        .output()
        .expect("azml runs")
}

fn schemas_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../schemas")
}

fn checked_in(file: &str) -> String {
    std::fs::read_to_string(schemas_dir().join(file)).expect("schema file")
}

#[test]
fn prints_a_kind_by_name_or_file_name() {
    let want = checked_in("parallelComponent.schema.json");
    for kind in [
        "parallel component",
        "Parallel-Component",
        "parallelComponent",
        "parallelComponent.schema.json",
    ] {
        let out = azml(&["schema", kind]);
        assert!(out.status.success(), "{kind}");
        assert_eq!(String::from_utf8_lossy(&out.stdout), want, "{kind}");
    }
    let out = azml(&["schema", "pipelineJob"]);
    assert_eq!(
        String::from_utf8_lossy(&out.stdout),
        checked_in("pipelineJob.schema.json")
    );
}

#[test]
fn lists_the_kinds_without_one() {
    let out = azml(&["schema"]);
    assert!(out.status.success());
    let text = String::from_utf8_lossy(&out.stdout);
    for file in ["parallelComponent.schema.json", "pipelineJob.schema.json"] {
        assert!(text.contains(file), "{text}");
    }
}

#[test]
fn writes_every_schema_into_a_folder_and_one_into_a_file() {
    let dir = std::env::temp_dir().join(format!("azml-schema-cli-{}", std::process::id()));
    let out = azml(&["schema", "--out-dir", dir.to_str().expect("utf-8 path")]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let mut written: Vec<String> = std::fs::read_dir(&dir)
        .expect("written")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
    written.sort();
    let mut expected: Vec<String> = std::fs::read_dir(schemas_dir())
        .expect("schemas/")
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".schema.json"))
        .collect();
    expected.sort();
    assert_eq!(written, expected);
    for file in &written {
        let text = std::fs::read_to_string(dir.join(file)).expect("read back");
        assert_eq!(text, checked_in(file), "{file}");
    }
    let one = dir.join("one.json");
    let out = azml(&[
        "schema",
        "parallel job",
        "--out",
        one.to_str().expect("utf-8 path"),
    ]);
    assert!(out.status.success());
    assert_eq!(
        std::fs::read_to_string(&one).expect("written"),
        checked_in("parallelJob.schema.json")
    );
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn an_unknown_kind_is_a_usage_error_listing_the_kinds() {
    let out = azml(&["schema", "batch deployment"]);
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        err.contains("no kind \"batch deployment\"") && err.contains("parallelJob.schema.json")
    );
    let out = azml(&["schema", "--out", "x.json"]);
    assert_eq!(out.status.code(), Some(2), "--out needs a kind");
}
