//! Failures: exceptions, short and wrong results, timeouts, dead
//! interpreters, init() failures; tries per mini-batch; thresholds exactly
//! at and just past their limits.

mod common;

use azml_runner::Ending;
use common::{sorted, Fixture};

/// A script whose behaviour per file is set by `BEHAVIOUR` (file stem →
/// what to do on which tries); tries are counted in the `--state` folder.
fn script(behaviour: &str, init: &str) -> String {
    format!(
        r#"
import json, os, signal, sys, time
STATE = sys.argv[sys.argv.index("--state") + 1]
BEHAVIOUR = {behaviour}

def count(key):
    path = os.path.join(STATE, key)
    n = int(open(path).read()) + 1 if os.path.exists(path) else 1
    with open(path, "w") as f:
        f.write(str(n))
    return n

def init():
    open(os.path.join(STATE, "init-%d" % os.getpid()), "w").close()
{init}

def run(mini_batch):
    out = []
    for path in mini_batch:
        stem = os.path.basename(path)[:-4]
        n = count(stem)
        what, tries = BEHAVIOUR.get(stem, ("ok", []))
        if tries == "all" or n in tries:
            if what == "raise":
                raise ValueError("bad item " + stem)
            if what == "short":
                return out
            if what == "wrong":
                return {{"not": "a list"}}
            if what == "sleep":
                time.sleep(60)
            if what == "kill":
                os.kill(os.getpid(), signal.SIGKILL)
            if what == "exit":
                os._exit(3)
        out.append(stem)
    return out
"#
    )
}

fn setup(
    f: &Fixture,
    files: usize,
    behaviour: &str,
    init: &str,
    settings: &str,
    args: &str,
) -> azml_runner::Options {
    f.files(files);
    std::fs::create_dir_all(f.path("state")).unwrap();
    f.script(&script(behaviour, init));
    let component = f.component(
        &format!("mini_batch_size: \"1\"\n{settings}"),
        &format!("--state {} {args}", f.path("state").display()),
    );
    f.options(&component)
}

/// (picked count, status) of each try of mini-batch `id` in the report.
fn tries(f: &Fixture, id: usize) -> Vec<(String, String)> {
    f.report()
        .into_iter()
        .filter(|r| r[0] == id.to_string())
        .map(|r| (r[1].clone(), r[10].clone()))
        .collect()
}

fn names(range: impl Iterator<Item = usize>) -> Vec<String> {
    range.map(|i| format!("f{i:03}")).collect()
}

#[test]
fn exceptions_use_every_try_and_the_item_threshold_is_exclusive() {
    let behaviour = r#"{"f003": ("raise", "all"), "f007": ("raise", "all")}"#;
    let settings = "retry_settings: {max_retries: 2, timeout: 30}";
    // At the limit: 2 failed items, 2 allowed.
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        10,
        behaviour,
        "",
        &format!("{settings}\nerror_threshold: 2"),
        "",
    ));
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(outcome.counts.failed_items, 2);
    assert_eq!(outcome.counts.failed_batches, 2);
    assert_eq!(outcome.counts.retries, 4);
    let exception = "RUN_EXCEPTION".to_string();
    assert_eq!(
        tries(&f, 3),
        [
            ("1".into(), exception.clone()),
            ("2".into(), exception.clone()),
            ("3".into(), exception)
        ]
    );
    let expected: Vec<String> = names((0..10).filter(|i| *i != 3 && *i != 7));
    assert_eq!(sorted(f.rows()), expected);
    let errors = std::fs::read_to_string(f.path("run/logs/job_error.txt")).unwrap();
    assert!(
        errors.contains("ValueError: bad item f003") && errors.contains("Traceback"),
        "{errors}"
    );

    // Just past it: 1 allowed.
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        10,
        behaviour,
        "",
        &format!("{settings}\nerror_threshold: 1"),
        "",
    ));
    assert_eq!(
        outcome.ending,
        Ending::Failed("error_threshold exceeded: 2 items failed, 1 allowed".into())
    );
    let result = std::fs::read_to_string(f.path("run/logs/job_result.txt")).unwrap();
    assert!(
        result.starts_with("Job failed: error_threshold exceeded"),
        "{result}"
    );
}

#[test]
fn max_retries_zero_is_one_try() {
    let f = Fixture::new();
    let options = setup(
        &f,
        4,
        r#"{"f001": ("raise", "all")}"#,
        "",
        "retry_settings: {max_retries: 0}",
        "",
    );
    let outcome = f.run(&options);
    assert_eq!(
        tries(&f, 1),
        [("1".to_string(), "RUN_EXCEPTION".to_string())]
    );
    assert_eq!(outcome.counts.retries, 0);
    // error_threshold -1 (the default) ignores failed items.
    assert_eq!(outcome.ending, Ending::Succeeded);
}

#[test]
fn a_retry_that_succeeds_leaves_no_failure() {
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        6,
        r#"{"f004": ("raise", [1])}"#,
        "",
        "mini_batch_error_threshold: 0\nerror_threshold: 0",
        "",
    ));
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(outcome.counts.failed_items, 0);
    assert_eq!(outcome.counts.retries, 1);
    assert_eq!(sorted(f.rows()), names(0..6));
    assert_eq!(
        tries(&f, 4),
        [
            ("1".into(), "RUN_EXCEPTION".into()),
            ("2".into(), "RUN_DONE".into())
        ]
    );
}

#[test]
fn short_results_fail_the_mini_batch_without_a_retry() {
    let behaviour = r#"{"f002": ("short", "all"), "f005": ("short", "all")}"#;
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        8,
        behaviour,
        "",
        "mini_batch_error_threshold: 2",
        "",
    ));
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(outcome.counts.failed_batches, 2);
    assert_eq!(outcome.counts.failed_items, 2);
    assert_eq!(outcome.counts.retries, 0);
    assert_eq!(tries(&f, 2), [("1".to_string(), "RUN_DONE".to_string())]);

    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        8,
        behaviour,
        "",
        "mini_batch_error_threshold: 1",
        "",
    ));
    assert_eq!(
        outcome.ending,
        Ending::Failed(
            "mini_batch_error_threshold exceeded: 2 mini-batches failed, 1 allowed".into()
        )
    );
}

#[test]
fn a_wrong_result_type_fails_the_try() {
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        3,
        r#"{"f001": ("wrong", "all")}"#,
        "",
        "retry_settings: {max_retries: 1}",
        "",
    ));
    assert_eq!(outcome.counts.failed_batches, 1);
    let report = f.report();
    let row = report.iter().find(|r| r[0] == "1").unwrap();
    assert_eq!(row[10], "RUN_EXCEPTION");
    assert!(row[12].contains("EntryScriptRunReturnWrongType"), "{row:?}");
    assert_eq!(tries(&f, 1).len(), 2);
}

#[test]
fn a_timeout_kills_the_worker_and_its_replacement_runs_init_again() {
    let f = Fixture::new();
    let options = setup(
        &f,
        4,
        r#"{"f002": ("sleep", [1])}"#,
        "",
        // Long enough for the other tries on a loaded machine.
        "retry_settings: {max_retries: 1, timeout: 3}",
        "",
    );
    let outcome = f.run(&options);
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(
        tries(&f, 2),
        [
            ("1".into(), "RUN_TIMEOUT".into()),
            ("2".into(), "RUN_DONE".into())
        ]
    );
    assert_eq!(outcome.counts.failed_items, 0);
    assert_eq!(sorted(f.rows()), names(0..4));
    // Two workers, plus the replacement of the killed one.
    let inits = std::fs::read_dir(f.path("state"))
        .unwrap()
        .filter(|e| {
            e.as_ref()
                .unwrap()
                .file_name()
                .to_string_lossy()
                .starts_with("init-")
        })
        .count();
    assert_eq!(inits, 3);
}

#[test]
fn a_dead_interpreter_is_replaced_and_its_mini_batch_retried() {
    let f = Fixture::new();
    let behaviour = r#"{"f001": ("kill", [1]), "f003": ("exit", [1]), "f004": ("exit", "all")}"#;
    let outcome = f.run(&setup(
        &f,
        6,
        behaviour,
        "",
        "retry_settings: {max_retries: 1}",
        "",
    ));
    assert_eq!(outcome.ending, Ending::Succeeded);
    let expected: Vec<String> = names((0..6).filter(|i| *i != 4));
    assert_eq!(sorted(f.rows()), expected);
    assert_eq!(outcome.counts.failed_batches, 1);
    assert_eq!(
        tries(&f, 1),
        [
            ("1".into(), "RUN_EXCEPTION".into()),
            ("2".into(), "RUN_DONE".into())
        ]
    );
    let report = f.report();
    let killed = report.iter().find(|r| r[0] == "1" && r[1] == "1").unwrap();
    assert!(killed[12].contains("signal 9"), "{killed:?}");
    let exited = report.iter().find(|r| r[0] == "3" && r[1] == "1").unwrap();
    assert!(exited[12].contains("exit code 3"), "{exited:?}");
}

#[test]
fn init_failures_fail_the_job_at_twice_the_workers() {
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        4,
        "{}",
        "    raise RuntimeError('no model')",
        "",
        "",
    ));
    match outcome.ending {
        Ending::Failed(reason) => assert!(
            reason.starts_with(
                "init() failed 4 times (the job fails at 2 x 2 workers): RuntimeError: no model"
            ),
            "{reason}"
        ),
        other => panic!("{other:?}"),
    }
    assert!(f.rows().is_empty());
    let errors = std::fs::read_to_string(f.path("run/logs/job_error.txt")).unwrap();
    assert!(errors.contains("RuntimeError: no model"), "{errors}");
}

#[test]
fn a_worker_whose_init_fails_once_is_replaced() {
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        4,
        "{}",
        "    try:\n        os.mkdir(os.path.join(STATE, 'failed-once'))\n    except FileExistsError:\n        return\n    raise RuntimeError('flaky')",
        "",
        "",
    ));
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(outcome.counts.init_failures, 1);
    assert_eq!(sorted(f.rows()), names(0..4));
}

#[test]
fn init_has_the_same_time_limit() {
    let f = Fixture::new();
    let mut options = setup(
        &f,
        2,
        "{}",
        "    time.sleep(60)",
        "retry_settings: {timeout: 1}",
        "",
    );
    options.workers = Some(1);
    let outcome = f.run(&options);
    match outcome.ending {
        Ending::Failed(reason) => assert!(reason.contains("took longer than 1 s"), "{reason}"),
        other => panic!("{other:?}"),
    }
}

#[test]
fn allowed_failed_percent_is_checked_at_the_end() {
    let behaviour = r#"{"f001": ("raise", "all"), "f006": ("raise", "all")}"#;
    let settings = "retry_settings: {max_retries: 0}";
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        10,
        behaviour,
        "",
        settings,
        "--allowed_failed_percent 20",
    ));
    assert_eq!(outcome.ending, Ending::Succeeded);
    let f = Fixture::new();
    let outcome = f.run(&setup(
        &f,
        10,
        behaviour,
        "",
        settings,
        "--allowed_failed_percent=10",
    ));
    assert_eq!(
        outcome.ending,
        Ending::Failed(
            "allowed_failed_percent exceeded: 2 of 10 mini-batches failed, 10% allowed".into()
        )
    );
    // Checked after every mini-batch ran.
    assert_eq!(outcome.counts.finished, 10);
}
