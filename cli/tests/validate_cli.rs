//! `azml validate` and `azml dump` run as a user runs them, on files in a
//! scratch folder: exit codes, `file:line:col: field: message` lines, JSON.

use std::path::PathBuf;
use std::process::{Command, Output};

fn scratch(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("azml-validate-{}-{name}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/score.py"), "def run(batch): return batch\n").unwrap();
    dir
}

fn azml(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_azml"))
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

const GOOD: &str =
    "type: Run_Function\ncode: ./src\nentry_script: score.py\nenvironment: azureml:my-env:1\n";
const BAD: &str =
    "type: run_function\ncode: ./src\nentry_script: 5\nenvironment: my-env:1\nshell: bash\n";

#[test]
fn a_folder_with_good_bad_and_other_files() {
    let dir = scratch("folder");
    std::fs::write(dir.join("good.yml"), GOOD).unwrap();
    std::fs::write(dir.join("bad.yaml"), BAD).unwrap();
    std::fs::write(dir.join("command.yml"), "type: command\ncommand: echo hi\n").unwrap();
    std::fs::write(
        dir.join("deploy.yml"),
        "type: kubernetes\nendpoint_name: e\n",
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not yaml: [").unwrap();
    let out = azml(&["validate", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    let bad = dir.join("bad.yaml");
    let bad = bad.display();
    assert_eq!(
        stdout.lines().collect::<Vec<_>>(),
        [
            format!("{bad}:3:15: entry_script: expected string, got integer 5"),
            format!("{bad}:4:14: environment: In order to specify an existing environment, please provide either of the following prefixed with 'azureml:': the full ARM ID for the resource, or the short-hand name of the resource registered in the workspace, e.g. azureml:<name>:<version>"),
            format!("{bad}:5:1: shell: Unknown field."),
            format!(
                "{}:1:1: environment: missing required field",
                dir.join("command.yml").display()
            ),
        ]
    );
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("deploy.yml: skipped: `kubernetes` document"),
        "{stderr}"
    );
    assert!(
        stderr.contains("1 valid, 2 invalid, 1 skipped (`kubernetes` document 1)"),
        "{stderr}"
    );
}

/// The corpus's skipped files are all of kinds azml does not model
/// (conda files, deployments, endpoints, prompt flows): none is a component,
/// job, pipeline or asset file left unread.
#[test]
fn the_corpus_skips_only_kinds_azml_does_not_model() {
    let corpus = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    if !corpus.is_dir() {
        eprintln!("no corpus at {}: nothing to check", corpus.display());
        return;
    }
    let out = azml(&["validate", "--format", "json", corpus.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let mut skipped = std::collections::BTreeMap::<String, usize>::new();
    for file in report["files"].as_array().unwrap() {
        if file["status"] == "skipped" {
            *skipped
                .entry(file["kind"].as_str().unwrap().to_owned())
                .or_default() += 1;
        }
    }
    let not_modelled = |what: &str| {
        what == "conda file"
            || what.starts_with("prompt flow")
            || what.ends_with("deployment")
            || what.ends_with("endpoint")
    };
    assert!(
        !skipped.is_empty(),
        "the corpus has conda files and deployments"
    );
    assert!(
        skipped.keys().all(|what| not_modelled(what)),
        "skipped: {skipped:?}"
    );
}

#[test]
fn valid_files_exit_0_and_json_lists_every_file() {
    let dir = scratch("json");
    std::fs::write(dir.join("good.yml"), GOOD).unwrap();
    let out = azml(&["validate", "--format", "json", dir.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["status"], "valid");
    assert_eq!(report["files"][0]["kind"], "parallel task");
}

#[test]
fn broken_yaml_is_invalid_with_its_place() {
    let dir = scratch("broken");
    std::fs::write(
        dir.join("broken.yml"),
        "type: run_function\nenvironment: [a, b\n",
    )
    .unwrap();
    let out = azml(&["validate", dir.join("broken.yml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    let stdout = text(&out.stdout);
    assert!(
        stdout.starts_with(&format!("{}:", dir.join("broken.yml").display())),
        "{stdout}"
    );
}

#[test]
fn missing_paths_exit_2() {
    let out = azml(&["validate", "/no/such/path.yml"]);
    assert_eq!(out.status.code(), Some(2));
    let out = azml(&["dump", "/no/such/path.yml"]);
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn dump_prints_the_python_dict_and_yaml() {
    let dir = scratch("dump");
    std::fs::write(dir.join("task.yml"), GOOD).unwrap();
    let file = dir.join("task.yml");
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "dict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let dict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let src = std::fs::canonicalize(dir.join("src")).unwrap();
    assert_eq!(
        dict,
        serde_json::json!({
            "type": "run_function",
            "code": src.to_str().unwrap(),
            "entry_script": "score.py",
            "environment": "azureml:my-env:1"
        })
    );
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "yaml"]);
    assert_eq!(
        text(&out.stdout),
        format!(
            "type: run_function\ncode: {}\nentry_script: score.py\nenvironment: azureml:my-env:1\n",
            src.display()
        )
    );
    std::fs::write(dir.join("bad.yml"), BAD).unwrap();
    let out = azml(&["dump", dir.join("bad.yml").to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(text(&out.stderr).contains("shell: Unknown field."));
}

const COMPONENT: &str = "type: parallel\nname: score\nversion: 2\ninputs:\n  flag:\n    type: boolean\n    default: false\nmini_batch_size: 1kb\npartition_keys: [region]\ntask:\n  type: run_function\n  code: ./src\n  entry_script: score.py\n  environment: azureml:my-env:1\n";

#[test]
fn components_validate_and_dump_their_rest_body() {
    let dir = scratch("component");
    let file = dir.join("component.yml");
    std::fs::write(&file, COMPONENT).unwrap();
    let out = azml(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let spec = &body["properties"]["componentSpec"];
    assert_eq!(spec["version"], "2");
    assert_eq!(spec["inputs"]["flag"]["default"], "False");
    assert_eq!(spec["mini_batch_size"], "1024");
    assert_eq!(spec["partition_keys"], "[\"region\"]");
    assert_eq!(spec["_source"], "YAML.COMPONENT");
    let hash = body["properties"]["properties"]["client_component_hash"]
        .as_str()
        .unwrap();
    assert_eq!(hash.len(), 36, "{hash}");

    std::fs::write(&file, COMPONENT.replace("name: score", "name: Score")).unwrap();
    let out = azml(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(":2:7: name: "),
        "{}",
        text(&out.stdout)
    );
}

const COMMAND_JOB: &str = "command: python main.py --lr ${{inputs.lr}}\ncode: ./src\nenvironment: azureml:my-env:1\ncompute: azureml:cpu\ninputs:\n  lr: 0.5\nlimits:\n  timeout: 90\n";

#[test]
fn command_jobs_dump_their_rest_body_or_say_what_would_be_registered() {
    let dir = scratch("command");
    let file = dir.join("job.yml");
    std::fs::write(&file, COMMAND_JOB).unwrap();
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let job = &body["properties"];
    assert_eq!(job["jobType"], "Command");
    assert_eq!(job["codeId"], "./src");
    assert_eq!(job["environmentId"], "my-env:1");
    assert_eq!(
        job["inputs"]["lr"],
        serde_json::json!({"value": "0.5", "jobInputType": "literal"})
    );
    assert_eq!(job["limits"]["timeout"], "PT1M30S");
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "dict"]);
    let dict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dict["component"]["name"], "azureml_anonymous");
    assert_eq!(dict["component"]["inputs"]["lr"]["default"], "0.5");

    // An inline environment is registered before the job is sent: no body.
    let inline = COMMAND_JOB.replace(
        "environment: azureml:my-env:1",
        "environment:\n  image: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04",
    );
    std::fs::write(&file, inline).unwrap();
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("environmentId")
            && stderr.contains("would be registered first as the environment CliV2AnonymousEnvironment:91c34d2adee6e59b6ff74d03d3938ae75e1c893c2696b67ec4dad15529c6b0e2"),
        "{stderr}"
    );

    // A command naming an input the job does not give: Python's message.
    std::fs::write(&file, COMMAND_JOB.replace("  lr: 0.5", "  rate: 0.5")).unwrap();
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("Inputs to job does not contain 'lr' referenced in command"),
        "{}",
        text(&out.stderr)
    );
}

const SWEEP_JOB: &str = "type: sweep\ntrial:\n  command: python main.py --lr ${{search_space.lr}}\n  environment: azureml:my-env:1\nsearch_space:\n  lr: {type: choice, values: [0.1, 1]}\nobjective: {goal: Maximize, primary_metric: acc}\nlimits: {max_total_trials: 4, timeout: 30}\n";

#[test]
fn sweep_jobs_validate_and_dump_or_say_why_there_is_no_body() {
    let dir = scratch("sweep");
    let file = dir.join("sweep.yml");
    std::fs::write(&file, SWEEP_JOB).unwrap();
    let out = azml(&["validate", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["kind"], "sweep job");
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let job = &body["properties"];
    assert_eq!(job["jobType"], "Sweep");
    assert_eq!(
        job["searchSpace"]["lr"],
        serde_json::json!(["choice", [[0.1, 1]]])
    );
    // Floored to a minute, as azure-ai-ml's constructor does.
    assert_eq!(job["limits"]["timeout"], "PT1M");

    // No search space: azure-ai-ml fails building the body; azml says so.
    let none = SWEEP_JOB.replace(
        "search_space:\n  lr: {type: choice, values: [0.1, 1]}\n",
        "",
    );
    std::fs::write(&file, none).unwrap();
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stderr).contains("a sweep job without search_space has no REST body"),
        "{}",
        text(&out.stderr)
    );
}

#[test]
fn a_file_both_loaders_could_take_is_judged_by_the_one_that_accepts_it() {
    // `type: command` with no `$schema`: `load_job` refuses `version`,
    // `load_component` accepts the file, so it is a valid component.
    let dir = scratch("either");
    let file = dir.join("get_data.yml");
    std::fs::write(
        &file,
        "type: command\nname: get_data\nversion: 1\ncommand: python get.py\nenvironment: azureml:env:5\n",
    )
    .unwrap();
    let out = azml(&["validate", "--format", "json", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["kind"], "command component");
}

#[test]
fn pipelines_name_the_components_they_would_register_first() {
    let dir = scratch("pipeline");
    std::fs::write(dir.join("component.yml"), COMPONENT).unwrap();
    let pipeline = "type: pipeline\njobs:\n  prep:\n    type: command\n    command: echo\n    environment: azureml:env:1\n  score:\n    type: parallel\n    component: file:./component.yml\n    inputs:\n      data: ${{parent.inputs.x}}\n      flag: ${{parent.inputs.f}}\n    max_concurrency_per_instance: 0\n";
    let file = dir.join("pipeline.yml");
    std::fs::write(&file, pipeline).unwrap();
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "dict"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let dict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    // The command job written in place is a node with a component of its own.
    assert_eq!(dict["jobs"]["prep"]["component"]["command"], "echo");
    assert_eq!(
        dict["jobs"]["prep"]["component"]["name"],
        "azureml_anonymous"
    );
    // An input the component does not declare is dropped, as in azure-ai-ml.
    assert!(dict["jobs"]["score"]["inputs"].get("data").is_none());
    // Both components would be registered before the job is sent: azure-ai-ml
    // builds no body offline, and neither does azml; it says which.
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains("jobs.prep.component (made of the node's own fields) would be registered as an anonymous command component first")
            && stderr.contains("jobs.score.component (named with file:, written in place or made of the node's own settings) would be registered as an anonymous parallel component first"),
        "{stderr}"
    );

    let bad = pipeline.replace(
        "max_concurrency_per_instance: 0",
        "max_concurrency_per_instance: lots",
    );
    std::fs::write(&file, bad).unwrap();
    let out = azml(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains(":13:35: jobs.score.max_concurrency_per_instance: "),
        "{}",
        text(&out.stdout)
    );
}

#[test]
fn a_pipeline_of_registered_components_dumps_its_rest_body() {
    let dir = scratch("registered");
    let file = dir.join("pipeline.yml");
    std::fs::write(
        &file,
        "type: pipeline\nsettings:\n  default_compute: azureml:cpu\njobs:\n  a:\n    type: command\n    component: azureml:train:1\n",
    )
    .unwrap();
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(body["properties"]["jobType"], "Pipeline");
    assert_eq!(body["properties"]["jobs"]["a"]["componentId"], "train:1");
    assert_eq!(body["properties"]["settings"]["default_compute"], "cpu");
}

#[test]
fn duplicate_keys_are_warnings_and_the_later_value_counts() {
    let dir = scratch("duplicate");
    let file = dir.join("component.yml");
    std::fs::write(&file, format!("{COMPONENT}mini_batch_size: 2kb\n")).unwrap();
    let out = azml(&["validate", file.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(":15:1: mini_batch_size: warning: duplicate key"),
        "{stderr}"
    );
    let out = azml(&["dump", file.to_str().unwrap(), "--as", "dict"]);
    let dict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(dict["mini_batch_size"], "2048");
    let out = azml(&["validate", "--format", "json", file.to_str().unwrap()]);
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["warnings"][0]["line"], 15);
}

#[test]
fn help_is_complete() {
    for (args, needles) in [
        (vec!["--help"], vec!["validate", "dump", "codegen"]),
        (
            vec!["validate", "--help"],
            vec!["<PATH>", "--format", "file:line:col"],
        ),
        (
            vec!["dump", "--help"],
            vec!["<FILE>", "--as", "dict", "rest", "yaml"],
        ),
    ] {
        let out = azml(&args);
        assert!(out.status.success());
        let help = text(&out.stdout);
        for needle in needles {
            assert!(
                help.contains(needle),
                "{needle} missing from `azml {}`:\n{help}",
                args.join(" ")
            );
        }
    }
}

#[test]
fn assets_validate_and_dump_or_say_what_would_be_uploaded() {
    let dir = scratch("assets");
    std::fs::write(
        dir.join("conda.yml"),
        "name: e\ndependencies: [python=3.10]\n",
    )
    .unwrap();
    let env = dir.join("env.yml");
    std::fs::write(
        &env,
        "$schema: https://azuremlschemas.azureedge.net/latest/environment.schema.json\nname: my-env\nversion: 2\nimage: mcr.microsoft.com/azureml/openmpi4.1.0-ubuntu20.04\nconda_file: ./conda.yml\ntags:\n  n: 1\n",
    )
    .unwrap();
    let out = azml(&["validate", "--format", "json", env.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stdout));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["files"][0]["kind"], "environment");
    let out = azml(&["dump", env.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(0), "{}", text(&out.stderr));
    let body: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(
        body["properties"]["condaFile"],
        "dependencies:\n- python=3.10\nname: e\n"
    );
    assert_eq!(body["properties"]["tags"]["n"], 1);
    let out = azml(&["dump", env.to_str().unwrap(), "--as", "yaml"]);
    assert!(
        text(&out.stdout).starts_with("conda_file:\n  dependencies:"),
        "{}",
        text(&out.stdout)
    );

    // A model in a local folder: its dict has the absolute path; its REST
    // body waits for the upload, which azml names instead of inventing a URI.
    let model = dir.join("model.yml");
    std::fs::write(
        &model,
        "name: m\nversion: 1\npath: ./src\ntype: mlflow_model\n",
    )
    .unwrap();
    let out = azml(&["dump", model.to_str().unwrap(), "--as", "dict"]);
    let dict: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let src = std::fs::canonicalize(dir.join("src")).unwrap();
    assert_eq!(dict["path"], src.to_str().unwrap());
    let out = azml(&["dump", model.to_str().unwrap(), "--as", "rest"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = text(&out.stderr);
    assert!(
        stderr.contains(&format!(
            "field 'properties.modelUri': the local folder {} would be uploaded",
            src.display()
        )),
        "{stderr}"
    );

    // An environment with a conda file's keys, and a data asset with a
    // version but no name: azure-ai-ml's refusals, placed.
    std::fs::write(&env, "name: e\nimage: x\ndependencies: [python]\n").unwrap();
    let out = azml(&["validate", env.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("--conda-file/-c"),
        "{}",
        text(&out.stdout)
    );
    let data = dir.join("data.yml");
    std::fs::write(
        &data,
        "type: uri_file\nversion: 1\npath: https://example.com/a.csv\n",
    )
    .unwrap();
    let out = azml(&["validate", data.to_str().unwrap()]);
    assert_eq!(out.status.code(), Some(1));
    assert!(
        text(&out.stdout).contains("If version is specified, name must be specified also."),
        "{}",
        text(&out.stdout)
    );
}
