//! Hostile YAML through the `azml` binary, as a user runs it: `azml validate`
//! and `azml dump` on alias bombs, deep nesting, duplicate keys, code-running
//! tags, huge numbers, bad encodings, odd line ends, empty files and a folder
//! of mixed files. Each gives a clear error or the right result within
//! [`BOUND`], and none makes the binary panic (exit status 101 or "panicked"
//! on stderr): `no_input_makes_the_cli_panic` runs every case again with every
//! command form.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;
use std::path::Path;
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// Wall time bound of one run of the binary (debug build, busy machine).
const BOUND: Duration = Duration::from_secs(20);

fn scratch(name: &str) -> Scratch {
    let dir = Scratch::new("azml-hostile", name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/score.py"), "def run(batch): return batch\n").unwrap();
    dir
}

/// Runs `azml` with `args`; checks the time bound and that it did not panic.
fn azml(args: &[&str]) -> Output {
    let start = Instant::now();
    let out = Command::new(env!("CARGO_BIN_EXE_azml"))
        .args(args)
        .stdin(Stdio::null())
        .output()
        .unwrap();
    let took = start.elapsed();
    assert!(took < BOUND, "azml {args:?} took {took:?}");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_ne!(
        out.status.code(),
        Some(101),
        "azml {args:?} panicked:\n{stderr}"
    );
    assert!(
        !stderr.contains("panicked"),
        "azml {args:?} panicked:\n{stderr}"
    );
    assert!(
        out.status.code().is_some(),
        "azml {args:?} was killed by a signal"
    );
    out
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const TASK: &str =
    "type: run_function\ncode: ./src\nentry_script: score.py\nenvironment: azureml:my-env:1\n";

const BILLION_LAUGHS: &str =
    "a: &a [\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\",\"lol\"]\n\
b: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n\
d: &d [*c,*c,*c,*c,*c,*c,*c,*c,*c]\ne: &e [*d,*d,*d,*d,*d,*d,*d,*d,*d]\n\
f: &f [*e,*e,*e,*e,*e,*e,*e,*e,*e]\ng: &g [*f,*f,*f,*f,*f,*f,*f,*f,*f]\n\
h: &h [*g,*g,*g,*g,*g,*g,*g,*g,*g]\ni: &i [*h,*h,*h,*h,*h,*h,*h,*h,*h]\n";

/// Every hostile file: name and bytes.
fn cases() -> Vec<(&'static str, Vec<u8>)> {
    let mut block = String::new();
    for i in 0..1_000 {
        block.push_str(&" ".repeat(i));
        block.push_str("k:\n");
    }
    vec![
        ("billion_laughs.yml", BILLION_LAUGHS.into()),
        (
            "task_laughs.yml",
            format!("{TASK}program_arguments: &p [*x]\n").replace("[*x]", "x").into_bytes(),
        ),
        ("nesting_flow.yml", format!("{}{}", "[".repeat(10_000), "]".repeat(10_000)).into_bytes()),
        ("nesting_block.yml", format!("{}x\n", "- ".repeat(10_000)).into_bytes()),
        ("nesting_indented.yml", block.into_bytes()),
        (
            "nesting_in_task.yml",
            format!("{TASK}extra: {}{}\n", "{a: ".repeat(10_000), "}".repeat(10_000)).into_bytes(),
        ),
        ("duplicate_keys.yml", format!("{TASK}entry_script: other.py\n").into_bytes()),
        (
            "python_tag.yml",
            format!("{TASK}program_arguments: !!python/object/apply:os.system [\"touch PWNED\"]\n").into_bytes(),
        ),
        ("python_tag_root.yml", b"!!python/object/new:subprocess.Popen [[touch, PWNED]]\n".to_vec()),
        ("custom_tag.yml", format!("{TASK}model: !include /etc/passwd\n").into_bytes()),
        (
            "huge_integer.yml",
            format!("type: parallel\nname: c\nversion: 1\nmax_concurrency_per_instance: {}\nerror_threshold: -{}\ntask:\n  type: run_function\n  code: ./src\n  entry_script: score.py\n  environment: azureml:e:1\n", "9".repeat(5000), "9".repeat(400)).into_bytes(),
        ),
        (
            "huge_float.yml",
            format!("type: parallel\nname: c\nversion: 1\nmini_batch_error_threshold: 1e400\nretry_settings: {{timeout: -1e999, max_retries: .inf}}\nlogging_level: .nan\ntask:\n  type: run_function\n  code: ./src\n  entry_script: score.py\n  environment: azureml:e:1\n  program_arguments: {}\n", "1".repeat(100_000)).into_bytes(),
        ),
        ("invalid_utf8.yml", b"type: run_function\nentry_script: sc\xffore.py\nenvironment: azureml:e:1\n".to_vec()),
        ("utf16.yml", {
            let mut b = vec![0xff, 0xfe];
            for u in TASK.encode_utf16() {
                b.extend(u.to_le_bytes());
            }
            b
        }),
        ("bom.yml", format!("\u{feff}{TASK}").into_bytes()),
        ("crlf.yml", TASK.replace('\n', "\r\n").into_bytes()),
        ("cr_only.yml", TASK.replace('\n', "\r").into_bytes()),
        ("tabs.yml", b"type: run_function\nenvironment:\n\timage: x\n".to_vec()),
        ("tab_values.yml", format!("{TASK}program_arguments: \"a\\tb\"\t# a tab, then a comment\nappend_row_to: x\ty\n").into_bytes()),
        ("empty.yml", Vec::new()),
        ("only_comment.yml", b"# nothing\n".to_vec()),
        ("nul.yml", b"type: run_function\0\nenvironment: x\n".to_vec()),
        ("multi_doc.yml", format!("{TASK}---\n{TASK}").into_bytes()),
        ("scalar_root.yml", b"just a string\n".to_vec()),
        ("list_root.yml", b"- type: parallel\n".to_vec()),
        ("long_line.yml", format!("type: run_function\nentry_script: {}\nenvironment: azureml:e:1\n", "x".repeat(1 << 20)).into_bytes()),
        ("too_big.yml", format!("a: \"{}\"\n", "x".repeat(17 << 20)).into_bytes()),
        ("many_keys.yml", std::iter::once("command: x\n".to_owned()).chain((0..200_000).map(|i| format!("k{i}: {i}\n"))).collect::<String>().into_bytes()),
        ("code_outside.yml", b"type: run_function\ncode: ../../../../../../etc\nentry_script: passwd\nenvironment:\n  image: x\n  conda_file: /dev/zero\n".to_vec()),
        ("pipeline_cycle.yml", b"type: pipeline\njobs:\n  a:\n    type: parallel\n    component: file:./pipeline_cycle.yml\n".to_vec()),
        ("component_missing.yml", b"type: pipeline\njobs:\n  a:\n    type: parallel\n    component: file:./nope/../../x.yml\n".to_vec()),
        ("binding_cycle.yml", b"type: pipeline\njobs:\n  a:\n    type: command\n    inputs:\n      x: ${{parent.jobs.a.inputs.x}}\n  p:\n    type: parallel\n    inputs:\n      d: ${{parent.jobs.a.inputs.x}}\n".to_vec()),
    ]
}

fn write_all(dir: &Path) {
    for (name, bytes) in cases() {
        std::fs::write(dir.join(name), bytes).unwrap();
    }
}

/// Runs `validate` on one case; returns exit code, stdout, stderr.
fn validate(dir: &Path, name: &str) -> (Option<i32>, String, String) {
    let out = azml(&["validate", dir.join(name).to_str().unwrap()]);
    (out.status.code(), text(&out.stdout), text(&out.stderr))
}

#[test]
fn alias_bombs_and_nesting_are_errors() {
    let dir = scratch("bombs");
    write_all(&dir);
    let (code, stdout, _) = validate(&dir, "billion_laughs.yml");
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains(":8:") && stdout.contains("node"),
        "{stdout}"
    );
    for name in [
        "nesting_flow.yml",
        "nesting_block.yml",
        "nesting_indented.yml",
        "nesting_in_task.yml",
    ] {
        let (code, stdout, _) = validate(&dir, name);
        assert_eq!(code, Some(1), "{name}");
        assert!(stdout.contains("deep"), "{name}: {stdout}");
    }
}

#[test]
fn duplicate_keys_warn_and_the_last_wins() {
    let dir = scratch("dup");
    write_all(&dir);
    let (code, stdout, stderr) = validate(&dir, "duplicate_keys.yml");
    // `other.py` does not exist, but an entry script is not checked on disk.
    assert_eq!(code, Some(0), "{stdout}{stderr}");
    assert!(
        stderr.contains(":5:1: entry_script: warning: duplicate key"),
        "{stderr}"
    );
    let out = azml(&[
        "dump",
        dir.join("duplicate_keys.yml").to_str().unwrap(),
        "--as",
        "dict",
    ]);
    let dict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dict["entry_script"], "other.py");
}

#[test]
fn code_running_tags_are_refused_and_never_run() {
    let dir = scratch("tags");
    write_all(&dir);
    for (name, tag) in [
        ("python_tag.yml", "!!python/object/apply:os.system"),
        (
            "python_tag_root.yml",
            "!!python/object/new:subprocess.Popen",
        ),
        ("custom_tag.yml", "!include"),
    ] {
        let (code, stdout, _) = validate(&dir, name);
        assert_eq!(code, Some(1), "{name}");
        assert!(
            stdout.contains(&format!("unsupported tag `{tag}`")),
            "{name}: {stdout}"
        );
        let out = azml(&["dump", dir.join(name).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1));
    }
    assert!(!dir.join("PWNED").exists() && !Path::new("PWNED").exists());
}

#[test]
fn huge_numbers_are_clear_errors() {
    let dir = scratch("numbers");
    write_all(&dir);
    let (code, stdout, _) = validate(&dir, "huge_integer.yml");
    assert_eq!(code, Some(1));
    assert!(stdout.contains(":4:31: integer `9999"), "{stdout}");
    let (code, stdout, _) = validate(&dir, "huge_float.yml");
    assert_eq!(code, Some(1));
    // `1e400` is a string to PyYAML (YAML 1.1 floats need a dot); `.inf` is refused.
    assert!(
        stdout.contains(":5:48: `.inf` is not a finite number"),
        "{stdout}"
    );
}

#[test]
fn encodings_and_line_ends() {
    let dir = scratch("encodings");
    write_all(&dir);
    let (code, stdout, _) = validate(&dir, "invalid_utf8.yml");
    assert_eq!(code, Some(1));
    assert!(
        stdout.contains(":2:17: the file is not valid UTF-8"),
        "{stdout}"
    );
    let (code, stdout, _) = validate(&dir, "utf16.yml");
    assert_eq!(code, Some(1));
    assert!(stdout.contains("UTF-8"), "{stdout}");
    for name in ["bom.yml", "crlf.yml", "cr_only.yml"] {
        let (code, stdout, stderr) = validate(&dir, name);
        assert_eq!(code, Some(0), "{name}: {stdout}{stderr}");
    }
    // The same task whatever the line ends.
    let dict = |name: &str| {
        let out = azml(&["dump", dir.join(name).to_str().unwrap(), "--as", "dict"]);
        assert_eq!(out.status.code(), Some(0), "{name}: {}", text(&out.stderr));
        serde_json::from_slice::<serde_json::Value>(&out.stdout).unwrap()
    };
    assert_eq!(dict("bom.yml"), dict("crlf.yml"));
    assert_eq!(dict("cr_only.yml"), dict("crlf.yml"));
}

#[test]
fn tabs_empty_files_and_odd_documents() {
    let dir = scratch("odd");
    write_all(&dir);
    let (code, stdout, _) = validate(&dir, "tabs.yml");
    assert_eq!(code, Some(1));
    assert!(stdout.contains("tabs.yml:3:"), "{stdout}");
    let (code, _, _) = validate(&dir, "tab_values.yml");
    assert_eq!(code, Some(0));
    for name in [
        "empty.yml",
        "only_comment.yml",
        "scalar_root.yml",
        "list_root.yml",
    ] {
        let (code, stdout, stderr) = validate(&dir, name);
        // Not an Azure ML document of a supported kind: skipped, not invalid.
        assert_eq!(code, Some(0), "{name}: {stdout}{stderr}");
        assert!(stderr.contains("skipped"), "{name}: {stderr}");
        let out = azml(&["dump", dir.join(name).to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{name}");
        assert!(text(&out.stderr).contains("cannot be dumped"), "{name}");
    }
    let (code, stdout, _) = validate(&dir, "nul.yml");
    assert_eq!(code, Some(1), "{stdout}");
    let (code, stdout, _) = validate(&dir, "multi_doc.yml");
    assert_eq!(code, Some(1));
    assert!(stdout.contains(":5:1: "), "{stdout}");
}

#[test]
fn size_limits_and_paths_outside() {
    let dir = scratch("sizes");
    write_all(&dir);
    let (code, stdout, _) = validate(&dir, "too_big.yml");
    assert_eq!(code, Some(1));
    assert!(stdout.contains("bytes"), "{stdout}");
    let (code, _, _) = validate(&dir, "long_line.yml");
    assert_eq!(code, Some(0));
    // A `command` without `type` is a command job or component to
    // azure-ai-ml's loaders, which refuse these keys: every one is
    // reported, quickly.
    let (code, stdout, stderr) = validate(&dir, "many_keys.yml");
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stdout.contains("k199999: "), "{stderr}");
    // A conda file that never ends is not read to the end.
    let (code, stdout, _) = validate(&dir, "code_outside.yml");
    assert_eq!(code, Some(1), "{stdout}");
    let (code, stdout, _) = validate(&dir, "pipeline_cycle.yml");
    assert_eq!(code, Some(1), "{stdout}");
    let (code, stdout, _) = validate(&dir, "component_missing.yml");
    assert_eq!(code, Some(1), "{stdout}");
}

#[test]
fn a_folder_of_mixed_files() {
    let dir = scratch("folder");
    write_all(&dir);
    std::fs::write(dir.join("good.yml"), TASK).unwrap();
    std::fs::write(dir.join("notes.txt"), "not: [yaml").unwrap();
    std::fs::write(dir.join("binary.yaml"), [0u8, 159, 146, 150, 255, 0, 1]).unwrap();
    std::fs::create_dir_all(dir.join("sub.yml")).unwrap();
    std::fs::write(
        dir.join("sub.yml/inner.yaml"),
        "type: command\ncommand: echo\n",
    )
    .unwrap();
    #[cfg(unix)]
    {
        let _ = std::os::unix::fs::symlink(&dir, dir.join("loop"));
        let _ = std::os::unix::fs::symlink(dir.join("nowhere.yml"), dir.join("dangling.yml"));
    }
    for format in ["text", "json"] {
        let out = azml(&["validate", "--format", format, dir.to_str().unwrap()]);
        assert_eq!(out.status.code(), Some(1), "{}", text(&out.stderr));
        if format == "json" {
            let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
            let files = report["files"].as_array().unwrap();
            assert!(files.len() > cases().len(), "{}", files.len());
            assert!(files.iter().any(|f| f["status"] == "valid"));
        }
    }
}

/// Every case with every command form: never a panic, always within the bound.
#[test]
fn no_input_makes_the_cli_panic() {
    let dir = scratch("all");
    write_all(&dir);
    for (name, _) in cases() {
        let file = dir.join(name);
        let file = file.to_str().unwrap();
        azml(&["validate", file]);
        azml(&["validate", "--format", "json", file]);
        for form in ["dict", "rest", "yaml"] {
            azml(&["dump", file, "--as", form]);
        }
    }
}
