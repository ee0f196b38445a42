//! `azml run` as a user runs it: exit codes, the one-line reasons, the
//! choices in `--help`, and `--resume` after azml itself is killed or
//! interrupted mid-run.

#[path = "support/scratch.rs"]
mod scratch;
use scratch::Scratch;
use std::path::Path;
use std::process::{Child, Command, Output, Stdio};
use std::time::{Duration, Instant};

fn scratch(name: &str, files: usize, script: &str, settings: &str) -> Scratch {
    let dir = Scratch::new("azml-run", name);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::create_dir_all(dir.join("data")).unwrap();
    std::fs::create_dir_all(dir.join("state")).unwrap();
    for i in 0..files {
        std::fs::write(dir.join(format!("data/f{i:03}.txt")), format!("{i}")).unwrap();
    }
    std::fs::write(dir.join("src/score.py"), script).unwrap();
    std::fs::write(
        dir.join("component.yml"),
        format!(
            "name: cli_job
type: parallel
inputs:
  data: {{type: uri_folder}}
outputs:
  out: {{type: uri_folder}}
input_data: ${{{{inputs.data}}}}
{settings}
task:
  type: run_function
  code: ./src
  entry_script: score.py
  program_arguments: --state {}
  append_row_to: ${{{{outputs.out}}}}
  environment: azureml:env:1
",
            dir.join("state").display()
        ),
    )
    .unwrap();
    dir
}

fn command(dir: &Path, extra: &[&str]) -> Command {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_azml"));
    cmd.current_dir(dir)
        .args([
            "run",
            "component.yml",
            "--input",
            "data=data",
            "--run-dir",
            "run",
            "--workers",
            "2",
        ])
        .args(extra);
    cmd
}

fn run(dir: &Path, extra: &[&str]) -> Output {
    command(dir, extra).output().unwrap()
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const ECHO: &str = "import os\ndef run(mb):\n    return [os.path.basename(p) for p in mb]\n";

#[test]
fn help_shows_the_choices() {
    let out = Command::new(env!("CARGO_BIN_EXE_azml"))
        .args(["run", "--help"])
        .output()
        .unwrap();
    let help = String::from_utf8_lossy(&out.stdout);
    assert!(out.status.success());
    for expected in [
        "max_retries: 2 is 3 tries",
        "10 files",
        "1 MB for tabular",
        "subfolders",
        "--task_overhead_timeout",
        "--resume",
        "--ordered",
    ] {
        assert!(
            help.contains(expected),
            "{expected:?} missing from:\n{help}"
        );
    }
}

#[test]
fn success_is_0_with_plain_progress_lines() {
    let dir = scratch("ok", 12, ECHO, "mini_batch_size: \"3\"");
    let out = run(&dir, &[]);
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    assert!(
        err.contains("4/4 mini-batches, failed 0, retried 0, items 12"),
        "{err}"
    );
    assert!(err.contains("rows: "), "{err}");
    let rows = std::fs::read_to_string(dir.join("run/outputs/out/parallel_run_step.txt")).unwrap();
    assert_eq!(rows.lines().count(), 12);
}

#[test]
fn a_failed_job_is_1_and_a_usage_error_2_each_with_one_reason() {
    let dir = scratch(
        "fail",
        4,
        "def run(mb):\n    raise ValueError('no')\n",
        "mini_batch_error_threshold: 0\nretry_settings: {max_retries: 0}",
    );
    let out = run(&dir, &["--quiet"]);
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(
        stderr(&out),
        "azml run: the job failed: mini_batch_error_threshold exceeded: 1 mini-batches failed, 0 allowed\n"
    );
    let out = run(&dir, &["--quiet", "--set", "mini_batch_size=x"]);
    assert_eq!(out.status.code(), Some(2));
    let err = stderr(&out);
    assert!(
        err.starts_with("azml run: component.yml:") && err.contains("mini_batch_size"),
        "{err}"
    );
    let out = Command::new(env!("CARGO_BIN_EXE_azml"))
        .args(["run", "missing.yml"])
        .current_dir(&dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(
        stderr(&out).starts_with("azml run: missing.yml"),
        "{}",
        stderr(&out)
    );
}

/// A script that takes a while per mini-batch and notes each item it runs.
const SLOW: &str = r#"
import os, sys, time
STATE = sys.argv[sys.argv.index("--state") + 1]
def run(mini_batch):
    time.sleep(0.05)
    names = [os.path.basename(p) for p in mini_batch]
    with open(os.path.join(STATE, "ran-%d" % os.getpid()), "a") as f:
        f.write("".join(n + "\n" for n in names))
    return names
"#;

fn committed(dir: &Path) -> usize {
    std::fs::read_to_string(dir.join("run/.azml/journal"))
        .map(|t| t.lines().count())
        .unwrap_or(0)
}

fn wait_for_commits(child: &mut Child, dir: &Path, n: usize) {
    let until = Instant::now() + Duration::from_secs(60);
    while committed(dir) < n {
        assert!(
            child.try_wait().unwrap().is_none(),
            "azml ended before {n} commits"
        );
        assert!(Instant::now() < until, "no {n} commits in time");
        std::thread::sleep(Duration::from_millis(10));
    }
}

fn check_resumed(dir: &Path, before: usize) {
    let out = run(dir, &["--resume", "--quiet"]);
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows = std::fs::read_to_string(dir.join("run/outputs/out/parallel_run_step.txt")).unwrap();
    let mut rows: Vec<&str> = rows.lines().collect();
    rows.sort();
    let expected: Vec<String> = (0..60).map(|i| format!("f{i:03}.txt")).collect();
    assert_eq!(rows, expected, "each row exactly once");
    // Committed mini-batches were not run again: at most the ones in flight were.
    let mut ran = 0;
    for entry in std::fs::read_dir(dir.join("state")).unwrap() {
        ran += std::fs::read_to_string(entry.unwrap().path())
            .unwrap()
            .lines()
            .count();
    }
    assert!(
        ran <= 60 + 2,
        "{ran} items ran for 60 ({before} committed before the stop)"
    );
}

#[test]
fn resume_after_azml_is_killed() {
    let dir = scratch("kill", 60, SLOW, "mini_batch_size: \"1\"");
    let mut child = command(&dir, &["--quiet"])
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_commits(&mut child, &dir, 10);
    child.kill().unwrap();
    child.wait().unwrap();
    let before = committed(&dir);
    assert!(before < 60, "the run finished before it was killed");
    // The workers die with azml (they would otherwise keep appending to state/).
    std::thread::sleep(Duration::from_millis(300));
    let count = |d: &Path| -> usize {
        std::fs::read_dir(d.join("state"))
            .unwrap()
            .map(|e| {
                std::fs::read_to_string(e.unwrap().path())
                    .unwrap()
                    .lines()
                    .count()
            })
            .sum()
    };
    let settled = count(&dir);
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(count(&dir), settled, "workers kept running after azml died");
    check_resumed(&dir, before);
}

#[test]
fn resume_after_ctrl_c() {
    let dir = scratch("int", 60, SLOW, "mini_batch_size: \"1\"");
    let mut child = command(&dir, &[]).stderr(Stdio::piped()).spawn().unwrap();
    wait_for_commits(&mut child, &dir, 10);
    let status = Command::new("kill")
        .args(["-INT", &child.id().to_string()])
        .status()
        .unwrap();
    assert!(status.success());
    let out = child.wait_with_output().unwrap();
    assert_eq!(out.status.code(), Some(130));
    let err = stderr(&out);
    assert!(
        err.contains("interrupted; continue with the same command and --resume --run-dir"),
        "{err}"
    );
    let result = std::fs::read_to_string(dir.join("run/logs/job_result.txt")).unwrap();
    assert!(result.starts_with("Job interrupted"), "{result}");
    check_resumed(&dir, committed(&dir));
}

#[test]
fn the_readme_example_runs() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    let example = root.join("examples/parallel-score");
    let scratch = Scratch::new("azml-run", "example");
    let run_dir = scratch.join("run");
    let out = Command::new(env!("CARGO_BIN_EXE_azml"))
        .current_dir(&example)
        .args([
            "run",
            "component.yml",
            "--input",
            "texts=data",
            "--input",
            "stop_words=stop_words.txt",
        ])
        .arg("--run-dir")
        .arg(&run_dir)
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let rows =
        std::fs::read_to_string(run_dir.join("outputs/counts/parallel_run_step.txt")).unwrap();
    let mut rows: Vec<&str> = rows.lines().collect();
    rows.sort();
    assert_eq!(
        rows,
        [
            "dickens.txt 8",
            "fox.txt 7",
            "hamlet.txt 7",
            "moby.txt 3",
            "tolstoy.txt 5"
        ]
    );
}
