//! `#[derive(DictMixin)]` used as a user crate uses it: through `azml` only.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::marker::PhantomData;

use azml::{DictError, DictMixin, DictValue, Value};
use serde::{Deserialize, Serialize};
use serde_json::json;

/// Shaped like azure-ai-ml's ParallelTask: seven optional fields, `type` first.
#[derive(DictMixin, Serialize, Debug, Clone, Default, PartialEq)]
#[dict(display)]
struct Task {
    r#type: Option<String>,
    code: Option<String>,
    entry_script: Option<String>,
    program_arguments: Option<String>,
    model: Option<String>,
    append_row_to: Option<String>,
    environment: Option<String>,
}

#[derive(DictMixin, Serialize, Debug, Clone, Default, PartialEq)]
struct Retry {
    timeout: Option<i64>,
    max_retries: i32,
}

#[derive(Serialize, Deserialize, Debug, Clone, Copy, PartialEq, Default)]
#[serde(rename_all = "UPPERCASE")]
enum Level {
    #[default]
    Info,
    Debug,
}

#[derive(DictMixin, Serialize, Debug, Clone, Default, PartialEq)]
#[serde(rename_all = "camelCase")]
struct Component {
    name: String,
    #[serde(rename = "miniBatch")]
    mini_batch_size: Option<String>,
    retry_settings: Option<Retry>,
    tags: BTreeMap<String, String>,
    #[dict(serde)]
    logging_level: Level,
    #[dict(rename = "task")]
    parallel_task: Option<Box<Task>>,
    #[dict(skip)]
    #[serde(skip)]
    base_path: std::path::PathBuf,
    #[dict(extra)]
    #[serde(skip)]
    unknown: serde_json::Map<String, Value>,
}

#[test]
fn keys_follow_declaration_order_and_include_none() {
    let task = Task::default();
    assert_eq!(
        task.keys().collect::<Vec<_>>(),
        [
            "type",
            "code",
            "entry_script",
            "program_arguments",
            "model",
            "append_row_to",
            "environment"
        ]
    );
    assert_eq!(task.len(), 7);
    assert_eq!(task.values(), vec![Value::Null; 7]);
    assert!(!task.is_empty());
}

#[test]
fn get_distinguishes_missing_keys_from_none_values() {
    let task = Task {
        code: Some("./src".into()),
        ..Task::default()
    };
    assert_eq!(task.get("code"), Some(json!("./src")));
    assert_eq!(task.get("model"), Some(Value::Null));
    assert_eq!(task.get("nope"), None);
    assert_eq!(task.get_or("model", json!("d")), Value::Null);
    assert_eq!(task.get_or("nope", json!("d")), json!("d"));
    assert!(task.has_key("model"));
    assert!(task.contains_key("type"));
    assert!(!task.has_key("r#type"));
    assert!(!task.has_key("Type"));
}

#[test]
fn set_converts_and_names_the_key_on_error() {
    let mut retry = Retry::default();
    retry.set("timeout", json!(30)).unwrap();
    retry.set("max_retries", json!(2.0)).unwrap();
    assert_eq!(
        retry,
        Retry {
            timeout: Some(30),
            max_retries: 2
        }
    );
    let err = retry.set("max_retries", json!("three")).unwrap_err();
    assert_eq!(
        err.to_string(),
        "key 'max_retries': expected integer (i32), got string \"three\""
    );
    let err = retry.set("timeout", json!(1.5)).unwrap_err();
    assert_eq!(
        err.to_string(),
        "key 'timeout': expected integer (i64) or null, got float 1.5"
    );
    let err = retry.set("max_retries", json!(1u64 << 40)).unwrap_err();
    assert!(matches!(err, DictError::WrongType { ref key, .. } if key == "max_retries"));
    assert_eq!(
        retry.set("bogus", json!(1)),
        Err(DictError::UnknownKey {
            key: "bogus".into()
        })
    );
    assert_eq!(retry.max_retries, 2, "failed sets change nothing");
}

#[test]
fn update_is_all_or_nothing_and_last_pair_wins() {
    let mut task = Task::default();
    task.update([("code", "a"), ("model", "m"), ("code", "b")])
        .unwrap();
    assert_eq!(task.code.as_deref(), Some("b"));
    assert_eq!(task.model.as_deref(), Some("m"));

    let before = task.clone();
    let err = task
        .update([
            ("entry_script", json!("x.py")),
            ("environment", json!(5)),
            ("model", json!("n")),
        ])
        .unwrap_err();
    assert_eq!(err.key(), "environment");
    assert_eq!(task, before);

    let err = task
        .update([("code", json!("c")), ("nope", json!(1))])
        .unwrap_err();
    assert_eq!(err, DictError::UnknownKey { key: "nope".into() });
    assert_eq!(task, before);
}

#[test]
fn remove_keeps_the_key_and_refuses_required_fields() {
    let mut retry = Retry {
        timeout: Some(3),
        max_retries: 1,
    };
    retry.remove("timeout").unwrap();
    assert_eq!(retry.timeout, None);
    assert!(retry.has_key("timeout"));
    assert_eq!(retry.len(), 2);
    assert_eq!(
        retry.remove("max_retries"),
        Err(DictError::Required {
            key: "max_retries".into()
        })
    );
    assert_eq!(
        retry.remove("nope"),
        Err(DictError::UnknownKey { key: "nope".into() })
    );
}

#[test]
fn renames_skip_extra_and_nested_values() {
    let mut c = Component {
        name: "c".into(),
        ..Component::default()
    };
    assert_eq!(
        c.keys().collect::<Vec<_>>(),
        [
            "name",
            "miniBatch",
            "retrySettings",
            "tags",
            "loggingLevel",
            "task"
        ]
    );
    assert_eq!(c.get("base_path"), None, "skipped fields are not keys");
    assert_eq!(c.get("loggingLevel"), Some(json!("INFO")));
    c.set("loggingLevel", json!("DEBUG")).unwrap();
    assert_eq!(c.logging_level, Level::Debug);
    assert!(c.set("loggingLevel", json!("LOUD")).is_err());

    c.set("retrySettings", json!({"timeout": 5, "max_retries": 2}))
        .unwrap();
    assert_eq!(
        c.retry_settings,
        Some(Retry {
            timeout: Some(5),
            max_retries: 2
        })
    );
    assert_eq!(
        c.get("retrySettings"),
        Some(json!({"timeout": 5, "max_retries": 2}))
    );
    let err = c
        .set("retrySettings", json!({"timeout": 5}))
        .unwrap_err()
        .to_string();
    assert_eq!(
        err,
        "key 'retrySettings.max_retries': expected required key 'max_retries', got nothing"
    );
    let err = c.set("task", json!({"code": 1})).unwrap_err().to_string();
    assert_eq!(
        err,
        "key 'task.code': expected string or null, got integer 1"
    );

    c.set("tags", json!({"a": "b"})).unwrap();
    assert_eq!(c.tags.get("a").map(String::as_str), Some("b"));

    // Unknown keys go to the extra map and come after the fields.
    c.update([("zeta", json!(1)), ("alpha", json!([1, 2]))])
        .unwrap();
    let keys: Vec<_> = c.keys().collect();
    assert_eq!(&keys[6..], ["zeta", "alpha"]);
    assert_eq!(c.len(), 8);
    assert_eq!(c.get("alpha"), Some(json!([1, 2])));
    assert_eq!(c.items().last().map(|(k, _)| *k), Some("alpha"));
    assert_eq!(c.values().len(), 8);
    c.remove("zeta").unwrap();
    assert_eq!(c.get("zeta"), Some(Value::Null));
}

#[test]
fn nested_struct_is_a_dict_value_both_ways() {
    let task = Task {
        r#type: Some("run_function".into()),
        ..Task::default()
    };
    let value = task.to_value();
    assert_eq!(value["type"], json!("run_function"));
    assert_eq!(value.as_object().map(|o| o.len()), Some(7));
    assert_eq!(Task::from_value(value).unwrap(), task);
    let err = Task::from_value(json!({"type": "x", "bad": 1})).unwrap_err();
    assert_eq!(err.path, ".bad");
    assert!(Task::from_value(json!([])).is_err());
}

#[test]
fn display_is_python_str_of_the_non_null_fields() {
    let task = Task {
        r#type: Some("run_function".into()),
        code: Some("azureml:c:1".into()),
        program_arguments: Some("--x 'y'".into()),
        ..Task::default()
    };
    assert_eq!(
        task.to_string(),
        "{'type': 'run_function', 'code': 'azureml:c:1', 'program_arguments': \"--x 'y'\"}"
    );
    assert_eq!(Task::default().to_string(), "{}");
}

#[derive(DictMixin)]
struct Generic<'a, T, U: Clone> {
    name: Cow<'a, str>,
    value: T,
    items: Vec<U>,
    #[dict(skip)]
    _marker: PhantomData<&'a ()>,
}

#[test]
fn generic_structs_and_lifetimes() {
    let mut g: Generic<'_, Option<i32>, String> = Generic {
        name: Cow::Borrowed("n"),
        value: None,
        items: vec![],
        _marker: PhantomData,
    };
    g.update([
        ("value", json!(4)),
        ("items", json!(["a"])),
        ("name", json!("m")),
    ])
    .unwrap();
    assert_eq!(g.value, Some(4));
    assert_eq!(g.items, ["a"]);
    assert_eq!(g.name, "m");
    assert_eq!(g.keys().collect::<Vec<_>>(), ["name", "value", "items"]);
    let err = g.set("items", json!(["a", 2])).unwrap_err();
    assert_eq!(
        err.to_string(),
        "key 'items[1]': expected string, got integer 2"
    );
}

#[derive(DictMixin, Default)]
struct Empty {}

#[test]
fn empty_struct_has_no_keys() {
    let mut e = Empty {};
    assert_eq!(e.keys().count(), 0);
    assert!(e.is_empty());
    assert!(!e.has_key(""));
    assert!(e.update(Vec::<(&str, Value)>::new()).is_ok());
}

mod reexported {
    //! A crate that re-exports azml under another name uses `#[azml(crate)]`.
    pub mod facade {
        pub use azml as inner;
    }

    #[derive(facade::inner::DictMixin, Default)]
    #[azml(crate = "facade::inner")]
    pub struct Settings {
        pub level: Option<String>,
    }

    #[test]
    fn crate_path_is_honoured() {
        use facade::inner::DictMixin;
        let mut s = Settings::default();
        s.set("level", "INFO".into()).unwrap();
        assert_eq!(s.level.as_deref(), Some("INFO"));
    }
}
