//! `DictMixin::to_dict` (azure-ai-ml's `_to_dict()`) as `#[derive(DictMixin)]`
//! writes it, used as a user crate uses it: field order, `None` left out,
//! nested entities as their dicts, `#[dict(skip_dump)]`, `#[dict(prune)]`,
//! the extra keys, and `#[dict(serialize)]`.

use std::collections::BTreeMap;

use azml::{DictMixin, DictValue, Value, ValueError};
use serde_json::json;

/// A field type whose dump differs from its view, as a local code path does:
/// the view holds the text as written, the dump the resolved path.
#[derive(Debug, Clone, PartialEq)]
struct Code(String);

impl DictValue for Code {
    fn to_value(&self) -> Value {
        Value::String(self.0.clone())
    }
    fn from_value(value: Value) -> Result<Self, ValueError> {
        String::from_value(value).map(Code)
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "code path".into()
    }
    fn to_dict_value(&self) -> Value {
        Value::String(format!("/abs/{}", self.0.trim_start_matches("./")))
    }
}

#[derive(DictMixin, Debug, Clone, Default, PartialEq)]
struct Resources {
    instance_count: Option<i64>,
    #[dict(skip_dump)]
    properties: Option<BTreeMap<String, String>>,
}

#[derive(DictMixin, Debug, Clone, PartialEq)]
#[dict(serialize)]
struct Task {
    r#type: String,
    code: Option<Code>,
    resources: Option<Resources>,
    tags: BTreeMap<String, String>,
    #[dict(extra)]
    other: serde_json::Map<String, Value>,
}

fn task() -> Task {
    Task {
        r#type: "run_function".into(),
        code: Some(Code("./src".into())),
        resources: Some(Resources {
            instance_count: Some(2),
            properties: Some(BTreeMap::from([("a".into(), "b".into())])),
        }),
        tags: BTreeMap::new(),
        other: serde_json::Map::from_iter([("zz".to_owned(), json!(1))]),
    }
}

#[test]
fn dict_is_the_dump_in_field_order_with_extra_keys_last() {
    let dict = task().to_dict();
    assert_eq!(
        serde_json::to_string(&dict).unwrap(),
        r#"{"type":"run_function","code":"/abs/src","resources":{"instance_count":2},"tags":{},"zz":1}"#
    );
    // The view keeps what the attribute holds.
    assert_eq!(task().get("code"), Some(json!("./src")));
    assert_eq!(
        task().get("resources").unwrap()["properties"],
        json!({"a": "b"})
    );
}

#[test]
fn none_is_left_out_and_empty_dicts_stay_without_prune() {
    let mut t = task();
    t.code = None;
    t.resources = Some(Resources::default());
    let dict = t.to_dict();
    assert!(dict.get("code").is_none());
    assert_eq!(dict["resources"], json!({}));
    assert_eq!(dict["tags"], json!({}));
}

#[derive(DictMixin, Debug, Clone, PartialEq)]
#[dict(prune)]
struct Component {
    name: String,
    resources: Option<Resources>,
    tags: BTreeMap<String, String>,
    inputs: Vec<Value>,
}

#[test]
fn prune_drops_empty_dicts_at_any_depth_but_keeps_empty_lists() {
    let component = Component {
        name: "c".into(),
        resources: Some(Resources {
            instance_count: None,
            properties: Some(BTreeMap::from([("x".into(), "y".into())])),
        }),
        tags: BTreeMap::new(),
        inputs: vec![json!({}), json!({"a": {}}), json!(1)],
    };
    assert_eq!(
        component.to_dict(),
        json!({"name": "c", "inputs": [1]}),
        "resources held only a skipped field and goes; tags is empty"
    );
    let component = Component {
        inputs: vec![],
        ..component
    };
    assert_eq!(component.to_dict(), json!({"name": "c", "inputs": []}));
}

#[test]
fn serialize_writes_the_dict() {
    assert_eq!(serde_json::to_value(task()).unwrap(), task().to_dict());
}

#[test]
fn nested_entities_dump_as_their_dicts_in_lists_and_maps() {
    #[derive(DictMixin, Debug, Clone, PartialEq)]
    struct Outer {
        many: Vec<Task>,
        by_name: BTreeMap<String, Task>,
    }
    let outer = Outer {
        many: vec![task()],
        by_name: BTreeMap::from([("t".into(), task())]),
    };
    let dict = outer.to_dict();
    assert_eq!(dict["many"][0]["code"], "/abs/src");
    assert_eq!(dict["by_name"]["t"]["code"], "/abs/src");
    // The view gives nested entities as their items.
    assert_eq!(outer.get("many").unwrap()[0]["code"], "./src");
}

#[test]
fn a_hand_written_dict_mixin_dumps_its_set_items() {
    struct Manual;
    impl DictMixin for Manual {
        fn keys(&self) -> azml::Keys<'_> {
            azml::Keys::new(&["a", "b"])
        }
        fn get(&self, key: &str) -> Option<Value> {
            match key {
                "a" => Some(json!(1)),
                "b" => Some(Value::Null),
                _ => None,
            }
        }
        fn has_key(&self, key: &str) -> bool {
            matches!(key, "a" | "b")
        }
        fn values(&self) -> Vec<Value> {
            vec![json!(1), Value::Null]
        }
        fn items(&self) -> Vec<(&str, Value)> {
            vec![("a", json!(1)), ("b", Value::Null)]
        }
        fn len(&self) -> usize {
            2
        }
        fn set(&mut self, key: &str, _: Value) -> Result<(), azml::DictError> {
            Err(azml::DictError::UnknownKey { key: key.into() })
        }
        fn remove(&mut self, key: &str) -> Result<(), azml::DictError> {
            Err(azml::DictError::UnknownKey { key: key.into() })
        }
        fn update<I, K, V>(&mut self, _: I) -> Result<(), azml::DictError>
        where
            I: IntoIterator<Item = (K, V)>,
            K: AsRef<str>,
            V: Into<Value>,
        {
            Ok(())
        }
    }
    assert_eq!(Manual.to_dict(), json!({"a": 1}));
}

/// A component whose unknown keys azure-ai-ml dumps first
/// (`CommandComponent._to_dict`: `{**self._other_parameter, **schema_dump}`).
#[derive(DictMixin, Debug, Clone, PartialEq)]
#[dict(prune)]
struct CommandLike {
    command: String,
    name: Option<String>,
    #[dict(extra_first)]
    other: serde_json::Map<String, Value>,
}

#[test]
fn extra_first_keys_come_before_the_fields_and_are_pruned() {
    let c = CommandLike {
        command: "echo".into(),
        name: Some("c".into()),
        other: serde_json::Map::from_iter([
            ("zz".to_owned(), json!({"a": null})),
            ("aa".to_owned(), json!(1)),
        ]),
    };
    assert_eq!(
        serde_json::to_string(&c.to_dict()).unwrap(),
        r#"{"aa":1,"command":"echo","name":"c"}"#
    );
    // The view lists the declared keys first, as for `extra`.
    assert_eq!(
        c.keys().collect::<Vec<_>>(),
        ["command", "name", "zz", "aa"]
    );
}
