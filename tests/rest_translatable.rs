//! `#[derive(RestTranslatable)]` used as a user crate uses it.

use std::collections::BTreeMap;

use azml::{RestError, RestTranslatable, Value};
use serde_json::json;

/// REST wire models, as a generator would emit them.
mod rest {
    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct BatchRetrySettings {
        pub max_retries: Option<i32>,
        pub timeout: Option<String>,
    }

    #[derive(Debug, Clone, Default, PartialEq)]
    pub struct Deployment {
        pub retry_settings: Option<BatchRetrySettings>,
        pub mini_batch_size: Option<i64>,
        pub output_file_name: Option<String>,
        pub provisioning_state: Option<String>,
    }
}

/// Seconds on the entity side, ISO-8601 duration on the wire.
mod seconds_as_duration {
    use azml::RestError;

    pub fn to_rest(seconds: &Option<u32>) -> Result<Option<String>, RestError> {
        Ok(seconds.map(|s| format!("PT{s}S")))
    }

    pub fn from_rest(duration: Option<String>) -> Result<Option<u32>, RestError> {
        duration
            .map(|d| {
                d.strip_prefix("PT")
                    .and_then(|d| d.strip_suffix('S'))
                    .and_then(|d| d.parse().ok())
                    .ok_or_else(|| RestError::new(format!("not a duration in seconds: {d}")))
            })
            .transpose()
    }
}

#[derive(RestTranslatable, Debug, Clone, Default, PartialEq)]
#[rest(model = rest::BatchRetrySettings)]
struct RetrySettings {
    max_retries: Option<i32>,
    #[rest(with = "seconds_as_duration")]
    timeout: Option<u32>,
}

#[derive(RestTranslatable, Debug, Clone, Default, PartialEq)]
#[rest(model = rest::Deployment, partial)]
struct Deployment {
    retry_settings: Option<RetrySettings>,
    #[rest(rename = "mini_batch_size", default)]
    batch_size: i64,
    #[rest(default = "default_file")]
    output_file_name: String,
    #[rest(skip)]
    local_only: Vec<String>,
}

fn default_file() -> String {
    "predictions.csv".into()
}

#[test]
fn typed_model_round_trip() {
    let d = Deployment {
        retry_settings: Some(RetrySettings {
            max_retries: Some(3),
            timeout: Some(30),
        }),
        batch_size: 10,
        output_file_name: "out.csv".into(),
        local_only: vec!["x".into()],
    };
    let rest = d.to_rest_object().unwrap();
    assert_eq!(
        rest,
        rest::Deployment {
            retry_settings: Some(rest::BatchRetrySettings {
                max_retries: Some(3),
                timeout: Some("PT30S".into()),
            }),
            mini_batch_size: Some(10),
            output_file_name: Some("out.csv".into()),
            provisioning_state: None,
        }
    );
    let back = Deployment::from_rest_object(rest).unwrap();
    assert_eq!(
        back.local_only,
        Vec::<String>::new(),
        "skipped field is defaulted"
    );
    assert_eq!(
        back,
        Deployment {
            local_only: vec![],
            ..d
        }
    );
}

#[test]
fn typed_model_defaults_and_errors_name_the_field() {
    let back = Deployment::from_rest_object(rest::Deployment::default()).unwrap();
    assert_eq!(back.batch_size, 0);
    assert_eq!(back.output_file_name, "predictions.csv");

    let bad = rest::Deployment {
        retry_settings: Some(rest::BatchRetrySettings {
            max_retries: None,
            timeout: Some("1 minute".into()),
        }),
        ..rest::Deployment::default()
    };
    let err = Deployment::from_rest_object(bad).unwrap_err();
    assert_eq!(err.path, "retry_settings.timeout");
    assert_eq!(
        err.to_string(),
        "field 'retry_settings.timeout': not a duration in seconds: 1 minute"
    );
}

#[derive(RestTranslatable, Debug, Clone, Default, PartialEq)]
#[rest(rename_all = "camelCase")]
struct Resources {
    instance_count: Option<i64>,
    instance_type: Option<String>,
    #[rest(rename = "properties")]
    props: BTreeMap<String, Value>,
}

#[derive(RestTranslatable, Debug, Clone, Default, PartialEq)]
#[rest(rename_all = "camelCase")]
struct Job {
    display_name: Option<String>,
    resources: Option<Resources>,
    node_names: Vec<String>,
    #[rest(default)]
    is_archived: bool,
    #[rest(flatten)]
    limits: Limits,
}

#[derive(RestTranslatable, Debug, Clone, Default, PartialEq)]
struct Limits {
    timeout: Option<String>,
}

#[test]
fn json_model_uses_wire_names_and_drops_nulls() {
    let job = Job {
        display_name: Some("d".into()),
        resources: Some(Resources {
            instance_count: Some(2),
            instance_type: None,
            props: BTreeMap::from([("k".into(), json!({"a": 1}))]),
        }),
        node_names: vec!["a".into()],
        is_archived: false,
        limits: Limits {
            timeout: Some("PT1H".into()),
        },
    };
    let rest = job.to_rest_object().unwrap();
    assert_eq!(
        rest,
        json!({
            "displayName": "d",
            "resources": {"instanceCount": 2, "properties": {"k": {"a": 1}}},
            "nodeNames": ["a"],
            "isArchived": false,
            "timeout": "PT1H"
        })
    );
    assert_eq!(Job::from_rest_object(rest).unwrap(), job);
}

#[test]
fn json_model_errors_name_the_field_path() {
    let err =
        Job::from_rest_object(json!({"resources": {"instanceCount": "two"}, "nodeNames": []}))
            .unwrap_err();
    assert_eq!(err.path, "resources.instanceCount");
    assert_eq!(
        err.to_string(),
        "field 'resources.instanceCount': expected integer (i64), got string \"two\""
    );
    let err = Job::from_rest_object(json!({"nodeNames": ["a", 1]})).unwrap_err();
    assert_eq!(err.path, "nodeNames[1]");
    let err = Job::from_rest_object(json!([])).unwrap_err();
    assert_eq!(
        err,
        RestError::new("expected a JSON object for Job, got list of 0 items")
    );
    // `nodeNames` is required: a missing key is an error, not an empty list.
    assert!(Job::from_rest_object(json!({})).is_err());
    // `isArchived` has a default: missing or null both give false.
    let job = Job::from_rest_object(json!({"nodeNames": [], "isArchived": null})).unwrap();
    assert!(!job.is_archived);
}

mod python_rest_forms {
    //! The REST encodings azure-ai-ml applies on top of a dict:
    //! `#[rest(json_string)]`, `#[rest(dict)]`, `#[rest(prune)]` and
    //! `RestAsDict` field types.

    use std::collections::BTreeMap;

    use azml::{DictMixin, DictValue, RestTranslatable, Value, ValueError};
    use serde_json::json;

    /// A field type whose REST form is its dict form.
    #[derive(Debug, Clone, PartialEq)]
    struct Compute(String);

    impl DictValue for Compute {
        fn to_value(&self) -> Value {
            Value::String(self.0.clone())
        }
        fn from_value(value: Value) -> Result<Self, ValueError> {
            String::from_value(value).map(|s| Compute(s.trim_start_matches("azureml:").into()))
        }
        fn expected() -> std::borrow::Cow<'static, str> {
            "compute".into()
        }
        fn to_dict_value(&self) -> Value {
            Value::String(format!("azureml:{}", self.0))
        }
    }
    impl azml::rest::RestAsDict for Compute {}

    #[derive(DictMixin, RestTranslatable, Debug, Clone, PartialEq)]
    struct Settings {
        level: Option<String>,
    }

    #[derive(DictMixin, RestTranslatable, Debug, Clone, PartialEq)]
    #[rest(prune)]
    struct Spec {
        #[rest(json_string)]
        partition_keys: Option<Vec<String>>,
        compute: Option<Compute>,
        #[rest(dict)]
        settings: Option<Settings>,
        #[rest(default)]
        tags: BTreeMap<String, String>,
    }

    fn spec(keys: Option<Vec<String>>) -> Spec {
        Spec {
            partition_keys: keys,
            compute: Some(Compute("cpu".into())),
            settings: Some(Settings { level: None }),
            tags: BTreeMap::new(),
        }
    }

    #[test]
    fn json_string_is_python_json_dumps_of_a_truthy_value() {
        let rest = spec(Some(vec!["a".into(), "b".into()]))
            .to_rest_object()
            .unwrap();
        assert_eq!(rest["partition_keys"], json!("[\"a\", \"b\"]"));
        let back = Spec::from_rest_object(rest).unwrap();
        assert_eq!(back.partition_keys, Some(vec!["a".into(), "b".into()]));
        // An empty list is falsy in Python: not encoded (and pruned here).
        let rest = spec(Some(vec![])).to_rest_object().unwrap();
        assert_eq!(rest.get("partition_keys"), Some(&json!([])));
    }

    #[test]
    fn prune_and_dict_forms() {
        let rest = spec(None).to_rest_object().unwrap();
        // `settings` held only None and `tags` is empty: both pruned.
        assert_eq!(rest, json!({"compute": "azureml:cpu"}));
        let back = Spec::from_rest_object(rest).unwrap();
        assert_eq!(back.compute, Some(Compute("cpu".into())));
        assert_eq!(back.settings, None);
    }

    #[test]
    fn a_bad_json_string_names_the_field() {
        let err = Spec::from_rest_object(json!({"partition_keys": "[1,"})).unwrap_err();
        assert!(
            err.to_string().starts_with("field 'partition_keys': "),
            "{err}"
        );
    }
}

mod rest_from_dict {
    //! `#[rest(from_dict)]`: the REST form is the dict with the fields'
    //! encodings, and `rest_of_dict` converts a dict already at hand.

    use azml::{DictMixin, RestTranslatable};
    use serde_json::json;

    #[derive(DictMixin, RestTranslatable, Debug, Clone, PartialEq)]
    #[dict(prune)]
    #[rest(from_dict)]
    struct Spec {
        name: String,
        #[rest(json_string)]
        partition_keys: Option<Vec<String>>,
        #[rest(skip)]
        local_only: Option<String>,
        tags: std::collections::BTreeMap<String, String>,
    }

    #[test]
    fn the_rest_form_is_the_dict_with_encodings_and_skips() {
        let spec = Spec {
            name: "c".into(),
            partition_keys: Some(vec!["a".into()]),
            local_only: Some("x".into()),
            tags: Default::default(),
        };
        let dict = spec.to_dict();
        assert_eq!(
            dict,
            json!({"name": "c", "partition_keys": ["a"], "local_only": "x"})
        );
        let rest = spec.to_rest_object().unwrap();
        assert_eq!(rest, json!({"name": "c", "partition_keys": "[\"a\"]"}));
        assert_eq!(Spec::rest_of_dict(dict).unwrap(), rest);
        assert!(Spec::rest_of_dict(json!([1])).is_err());
    }
}
