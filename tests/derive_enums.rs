//! `#[derive(DictMixin)]` and `#[derive(RestTranslatable)]` on enums, used as
//! a user crate uses them: unit variants as wire strings, newtype variants
//! as their value (tried in order), inside derived structs.

use azml::{DictMixin, DictValue, RestTranslatable, Value};
use serde_json::json;

#[derive(DictMixin, RestTranslatable, Debug, Clone, Copy, PartialEq)]
enum Mode {
    #[dict(rename = "ro_mount")]
    #[rest(rename = "ReadOnlyMount")]
    RoMount,
    #[dict(rename = "download")]
    #[rest(rename = "Download")]
    Download,
}

#[derive(DictMixin, RestTranslatable, Debug, Clone, PartialEq)]
#[dict(rename_all = "snake_case")]
#[rest(rename_all = "snake_case")]
#[allow(dead_code)]
enum TaskType {
    RunFunction,
    Model,
}

#[derive(DictMixin, RestTranslatable, Debug, Clone, PartialEq)]
struct Port {
    mode: Option<Mode>,
    path: Option<String>,
}

#[derive(DictMixin, RestTranslatable, Debug, Clone, PartialEq)]
enum Input {
    Port(Port),
    Number(f64),
    Text(String),
    Other(Value),
}

#[derive(DictMixin, RestTranslatable, Debug, Clone, PartialEq)]
struct Job {
    task_type: TaskType,
    inputs: azml::OrderedMap<Input>,
}

#[test]
fn unit_variants_are_wire_strings_in_each_form() {
    assert_eq!(Mode::RoMount.to_value(), json!("ro_mount"));
    assert_eq!(
        Mode::RoMount.to_rest_object().unwrap(),
        json!("ReadOnlyMount")
    );
    assert_eq!(Mode::from_value(json!("download")).unwrap(), Mode::Download);
    assert_eq!(
        Mode::from_rest_object(json!("Download")).unwrap(),
        Mode::Download
    );
    assert_eq!(TaskType::RunFunction.to_value(), json!("run_function"));
}

#[test]
fn unknown_strings_are_refused_with_the_accepted_set() {
    let err = Mode::from_value(json!("Mount")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "expected one of 'ro_mount', 'download', got string \"Mount\""
    );
    let err = Mode::from_rest_object(json!("ro_mount")).unwrap_err();
    assert!(err.to_string().contains("no variant of Mode fits"), "{err}");
}

#[test]
fn newtype_variants_are_tried_in_order() {
    assert_eq!(
        Input::from_value(json!({"mode": "download", "path": "x"})).unwrap(),
        Input::Port(Port {
            mode: Some(Mode::Download),
            path: Some("x".into())
        })
    );
    assert_eq!(Input::from_value(json!(2.5)).unwrap(), Input::Number(2.5));
    assert_eq!(
        Input::from_value(json!("a")).unwrap(),
        Input::Text("a".into())
    );
    // Nothing else fits: the catch-all keeps the value.
    assert_eq!(
        Input::from_value(json!([1])).unwrap(),
        Input::Other(json!([1]))
    );
}

#[test]
fn enums_inside_structs_through_both_derives() {
    let mut job = Job {
        task_type: TaskType::Model,
        inputs: azml::OrderedMap::default(),
    };
    job.inputs.insert(
        "data".into(),
        Input::Port(Port {
            mode: Some(Mode::RoMount),
            path: None,
        }),
    );
    job.inputs.insert("n".into(), Input::Number(1.0));
    assert_eq!(
        job.to_dict(),
        json!({"task_type": "model", "inputs": {"data": {"mode": "ro_mount"}, "n": 1.0}})
    );
    let rest = job.to_rest_object().unwrap();
    assert_eq!(
        rest,
        json!({"task_type": "model", "inputs": {"data": {"mode": "ReadOnlyMount"}, "n": 1.0}})
    );
    assert_eq!(Job::from_rest_object(rest).unwrap(), job);
    job.set("task_type", json!("run_function")).unwrap();
    assert_eq!(job.task_type, TaskType::RunFunction);
    assert!(job.set("task_type", json!("script")).is_err());
}
