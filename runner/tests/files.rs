//! File inputs end to end: mini-batches, the entry script's environment,
//! rows, the report, `--ordered`, and the kinds of job files.

mod common;

use azml_runner::Ending;
use common::{sorted, Fixture};

const ECHO: &str = r#"
import os, sys
def run(mini_batch):
    return [os.path.basename(p) + " " + open(p).read().strip() for p in mini_batch]
"#;

#[test]
fn files_are_batched_and_each_row_is_written_once() {
    let f = Fixture::new();
    f.files(25);
    f.write("data/sub/deeper.txt", "item sub\n");
    f.script(ECHO);
    let outcome = f.run(&f.options(&f.component("mini_batch_size: \"4\"", "")));
    assert_eq!(outcome.ending, Ending::Succeeded);
    // 26 files (the subfolder's included), 4 per mini-batch.
    assert_eq!(outcome.counts.batches, 7);
    assert_eq!(outcome.counts.succeeded_items, 26);
    let mut expected: Vec<String> = (0..25)
        .map(|i| format!("f{i:03}.txt item {i:03}"))
        .collect();
    expected.push("deeper.txt item sub".into());
    assert_eq!(sorted(f.rows()), sorted(expected));
    let report = f.report();
    assert_eq!(report.len(), 7);
    assert!(report.iter().all(|r| r[10] == "RUN_DONE" && r[1] == "1"));
    let result = std::fs::read_to_string(f.path("run/logs/job_result.txt")).unwrap();
    assert!(
        result.starts_with("Job succeeded: 7 of 7 mini-batches"),
        "{result}"
    );
}

#[test]
fn the_default_mini_batch_size_is_ten_files() {
    let f = Fixture::new();
    f.files(25);
    f.script(ECHO);
    let outcome = f.run(&f.options(&f.component("", "")));
    assert_eq!(outcome.counts.batches, 3);
}

#[test]
fn the_entry_script_sees_the_service_environment() {
    let f = Fixture::new();
    f.files(3);
    f.script(
        r#"
import json, os, sys
from azureml_user.parallel_run import EntryScript
calls = {"init": 0}
def init():
    calls["init"] += 1
    EntryScript().logger.info("hello from init")
def run(mini_batch, context):
    es = EntryScript()
    return [json.dumps({
        "argv": sys.argv[1:], "cwd": os.getcwd(), "env": os.environ.get("MY_VAR"),
        "out": os.environ.get("AZUREML_BI_OUTPUT_PATH"), "output_dir": es.output_dir,
        "working_dir": es.working_dir, "agent": es.agent_name, "log_dir": es.log_dir,
        "index": context.minibatch_index, "keys": context.partition_key_value,
        "items": len(mini_batch), "init": calls["init"],
    })]
def shutdown():
    open(os.path.join(EntryScript().output_dir, "shutdown-" + EntryScript().agent_name), "w").close()
"#,
    );
    let component = f.write(
        "component.yml",
        "name: env_job
type: parallel
inputs:
  data: {type: uri_folder}
  tag: {type: integer, default: 7}
  extra: {type: string, optional: true}
  more: {type: string, optional: true}
outputs:
  out: {type: uri_folder}
input_data: ${{inputs.data}}
task:
  type: run_function
  code: ./src
  entry_script: score.py
  program_arguments: >-
    --tag ${{inputs.tag}} $[[--extra ${{inputs.extra}}]] $[[--more ${{inputs.more}}]]
    --out ${{outputs.out}} --task_overhead_timeout 0
  append_row_to: ${{outputs.out}}
  environment: azureml:env:1
",
    );
    // A standalone job would carry environment_variables; a component's are
    // dropped by azure-ai-ml, so set one through the job form below instead.
    let mut options = f.options(&component);
    options.workers = Some(1);
    options.request.inputs.push(("extra".into(), "x y".into()));
    let outcome = f.run(&options);
    assert_eq!(outcome.ending, Ending::Succeeded);
    let row: serde_json::Value = serde_json::from_str(&f.rows()[0]).unwrap();
    let out = f.path("run/outputs/out");
    assert_eq!(
        row["argv"],
        serde_json::json!([
            "--tag",
            "7",
            "--extra",
            "x y",
            "--out",
            out,
            "--task_overhead_timeout",
            "0"
        ])
    );
    assert_eq!(row["cwd"], serde_json::json!(f.path("run/work/process000")));
    assert_eq!(row["working_dir"], row["cwd"]);
    assert_eq!(row["out"], serde_json::json!(out));
    assert_eq!(row["output_dir"], serde_json::json!(out));
    assert_eq!(row["agent"], "process000");
    assert_eq!(row["index"], 0);
    assert_eq!(row["keys"], serde_json::json!({}));
    assert_eq!(row["items"], 3);
    assert_eq!(row["init"], 1);
    assert!(out.join("shutdown-process000").exists());
    let log =
        std::fs::read_to_string(f.path("run/logs/user/entry_script_log/0/process000.log.txt"))
            .unwrap();
    assert!(
        log.contains("|INFO|") && log.contains("hello from init"),
        "{log}"
    );
}

#[test]
fn a_standalone_job_sets_its_environment_variables() {
    let f = Fixture::new();
    f.files(2);
    f.script("import os\ndef run(mb):\n    return [os.environ['MY_VAR'] + ' ' + os.environ['AZUREML_BI_OUTPUT_PATH'] for _ in mb]\n");
    let job = f.write(
        "job.yml",
        "type: parallel
name: env_job
compute: azureml:cpu
inputs:
  data: {type: uri_folder, path: ./data}
outputs:
  out: {type: uri_file}
input_data: ${{inputs.data}}
environment_variables:
  MY_VAR: from-the-job
task:
  type: run_function
  code: ./src
  entry_script: score.py
  append_row_to: ${{outputs.out}}
  environment: azureml:env:1
",
    );
    let mut options = f.options(&job);
    options.request.inputs.clear();
    let outcome = f.run(&options);
    assert_eq!(outcome.ending, Ending::Succeeded);
    // A uri_file output is the rows file itself.
    let rows_file = f.path("run/outputs/out/parallel_run_step.txt");
    assert_eq!(outcome.output.as_deref(), Some(rows_file.as_path()));
    let rows = std::fs::read_to_string(rows_file).unwrap();
    let folder = f.path("run/outputs/out").display().to_string();
    assert_eq!(
        rows,
        format!("from-the-job {folder}\nfrom-the-job {folder}\n")
    );
}

#[test]
fn a_pipeline_node_takes_parent_inputs_and_needs_bound_ones_given() {
    let f = Fixture::new();
    f.files(3);
    f.script("import sys\ndef run(mb):\n    return [' '.join(sys.argv[1:])]\n");
    f.component("mini_batch_size: \"10\"", "--tag ${{inputs.tag}}");
    let pipeline = f.write(
        "pipeline.yml",
        "type: pipeline
inputs:
  folder: {type: uri_folder, path: ./data}
  label: from-parent
jobs:
  prep:
    type: command
    command: echo
    environment: azureml:env:1
  score:
    type: parallel
    component: file:./component.yml
    inputs:
      data: ${{parent.inputs.folder}}
      tag: ${{parent.inputs.label}}
  later:
    type: parallel
    component: file:./component.yml
    inputs:
      data: ${{parent.jobs.prep.outputs.x}}
",
    );
    let mut options = f.options(&pipeline);
    options.request.inputs.clear();
    let err = azml_runner::run(&options).unwrap_err();
    assert!(err.contains("--node (score, later)"), "{err}");
    options.request.node = Some("later".into());
    let err = azml_runner::run(&options).unwrap_err();
    assert!(
        err.contains("jobs.later: inputs.data is bound to ${{parent.jobs.prep.outputs.x}}: give its value with --input data=VALUE"),
        "{err}"
    );
    options.request.node = Some("score".into());
    let outcome = f.run(&options);
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(f.rows(), ["--task_overhead_timeout 0 --tag from-parent"]);
}

#[test]
fn settings_and_inputs_are_checked_before_anything_runs() {
    let f = Fixture::new();
    f.files(1);
    f.script(ECHO);
    let component = f.component("", "");
    let mut options = f.options(&component);
    options.request.sets = vec![("mini_batch_size".into(), "ten".into())];
    let err = azml_runner::run(&options).unwrap_err();
    assert!(
        err.contains("component.yml") && err.contains("mini_batch_size"),
        "{err}"
    );
    options.request.sets = vec![("logging_level".into(), "debug".into())];
    let err = azml_runner::run(&options).unwrap_err();
    assert!(err.contains("logging_level"), "{err}");
    options.request.sets = vec![("retry_settings.timeout".into(), "abc".into())];
    assert!(azml_runner::run(&options).is_err());
    options.request.sets.clear();
    options.request.inputs.clear();
    let err = azml_runner::run(&options).unwrap_err();
    assert!(err.contains("input data is required"), "{err}");
    options.request.inputs = vec![("nope".into(), "1".into())];
    let err = azml_runner::run(&options).unwrap_err();
    assert!(
        err.contains("--input nope: the component has no such input"),
        "{err}"
    );
    assert!(!f.path("run/.azml/plan.json").exists());
}

#[test]
fn set_overrides_go_through_the_yaml() {
    let f = Fixture::new();
    f.files(6);
    f.script(ECHO);
    let mut options = f.options(&f.component("mini_batch_size: \"4\"", ""));
    options.request.sets = vec![("mini_batch_size".into(), "1".into())];
    let outcome = f.run(&options);
    assert_eq!(outcome.counts.batches, 6);
}

#[test]
fn ordered_rows_follow_the_mini_batches() {
    let f = Fixture::new();
    f.files(24);
    f.script(
        r#"
import os, random, time
def run(mini_batch):
    time.sleep(random.random() * 0.02)
    return [os.path.basename(p) for p in mini_batch]
"#,
    );
    let mut options = f.options(&f.component("mini_batch_size: \"1\"", ""));
    options.ordered = true;
    options.workers = Some(4);
    f.run(&options);
    let expected: Vec<String> = (0..24).map(|i| format!("f{i:03}.txt")).collect();
    assert_eq!(f.rows(), expected);
}

#[test]
fn a_run_folder_is_not_reused_without_resume() {
    let f = Fixture::new();
    f.files(2);
    f.script(ECHO);
    let options = f.options(&f.component("", ""));
    f.run(&options);
    let err = azml_runner::run(&options).unwrap_err();
    assert!(err.contains("holds a run already"), "{err}");
    let mut resume = options.clone();
    resume.resume = true;
    // Everything is committed: resuming runs nothing and keeps the rows.
    let outcome = f.run(&resume);
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(f.rows().len(), 2);
    let mut changed = resume.clone();
    changed.request.sets = vec![("mini_batch_size".into(), "1".into())];
    let err = azml_runner::run(&changed).unwrap_err();
    assert!(
        err.contains("the job differs") && err.contains("mini_batch_size"),
        "{err}"
    );
}

#[test]
fn a_uri_file_input_is_one_mini_batch() {
    let f = Fixture::new();
    f.files(3);
    f.script(ECHO);
    let mut options = f.options(&f.component_with_input("uri_file", "", ""));
    options.request.inputs = vec![("data".into(), f.path("data/f001.txt").display().to_string())];
    let outcome = f.run(&options);
    assert_eq!(outcome.counts.batches, 1);
    assert_eq!(f.rows(), ["f001.txt item 001"]);
}

#[test]
fn a_bad_interpreter_is_a_usage_error() {
    let f = Fixture::new();
    f.files(1);
    f.script(ECHO);
    let mut options = f.options(&f.component("", ""));
    options.python = Some(f.path("no-such-python"));
    let err = azml_runner::run(&options).unwrap_err();
    assert!(err.contains("no-such-python"), "{err}");
}
