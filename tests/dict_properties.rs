//! Properties of derived dict access, over random values (proptest).

use std::collections::BTreeMap;

use azml::{DictMixin, Value};
use proptest::prelude::*;

#[derive(DictMixin, Debug, Clone, Default, PartialEq)]
struct Component {
    name: String,
    version: Option<String>,
    instance_count: Option<i64>,
    max_concurrency: u16,
    ratio: Option<f64>,
    is_deterministic: Option<bool>,
    partition_keys: Option<Vec<String>>,
    tags: BTreeMap<String, String>,
}

const KEYS: [&str; 8] = [
    "name",
    "version",
    "instance_count",
    "max_concurrency",
    "ratio",
    "is_deterministic",
    "partition_keys",
    "tags",
];

/// Any JSON value, nested a little.
fn any_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (0u64..=u64::MAX).prop_map(Value::from),
        (-1e6f64..1e6).prop_map(Value::from),
        "[a-z0-9 ]{0,8}".prop_map(Value::from),
    ];
    leaf.prop_recursive(2, 8, 4, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::btree_map("[a-z]{1,3}", inner, 0..3)
                .prop_map(|m| Value::Object(m.into_iter().collect())),
        ]
    })
}

/// A value that fits the field `key`.
fn fitting_value(key: &'static str) -> BoxedStrategy<Value> {
    let opt = |s: BoxedStrategy<Value>| prop_oneof![Just(Value::Null), s].boxed();
    match key {
        "name" => "[a-z_]{0,10}".prop_map(Value::from).boxed(),
        "version" => opt("[0-9.]{1,5}".prop_map(Value::from).boxed()),
        "instance_count" => opt(any::<i64>().prop_map(Value::from).boxed()),
        "max_concurrency" => any::<u16>().prop_map(Value::from).boxed(),
        "ratio" => opt((-1e9f64..1e9).prop_map(Value::from).boxed()),
        "is_deterministic" => opt(any::<bool>().prop_map(Value::from).boxed()),
        "partition_keys" => opt(prop::collection::vec("[a-z]{1,4}", 0..4)
            .prop_map(Value::from)
            .boxed()),
        _ => prop::collection::btree_map("[a-z]{1,4}", "[a-z]{0,4}", 0..3)
            .prop_map(|m| Value::Object(m.into_iter().map(|(k, v)| (k, v.into())).collect()))
            .boxed(),
    }
}

fn fitting_pairs() -> impl Strategy<Value = Vec<(&'static str, Value)>> {
    prop::collection::vec(prop::sample::select(&KEYS[..]), 0..10).prop_flat_map(|keys| {
        keys.into_iter()
            .map(|k| fitting_value(k).prop_map(move |v| (k, v)))
            .collect::<Vec<_>>()
    })
}

fn any_pairs() -> impl Strategy<Value = Vec<(String, Value)>> {
    let key = prop_oneof![
        prop::sample::select(&KEYS[..]).prop_map(str::to_owned),
        "[a-z_]{1,6}",
    ];
    prop::collection::vec((key, any_value()), 0..6)
}

proptest! {
    /// After `update` with values that fit, `items` shows exactly what was
    /// set (the last value for a repeated key) and every other key is unchanged.
    #[test]
    fn update_then_items_returns_what_was_set(pairs in fitting_pairs()) {
        let mut c = Component::default();
        let before = c.items().into_iter().map(|(k, v)| (k.to_owned(), v)).collect::<BTreeMap<_, _>>();
        c.update(pairs.clone()).unwrap();
        let mut expected = before;
        for (k, v) in pairs {
            expected.insert(k.to_owned(), v);
        }
        let items: BTreeMap<String, Value> = c.items().into_iter().map(|(k, v)| (k.to_owned(), v)).collect();
        prop_assert_eq!(items, expected);
        prop_assert_eq!(c.keys().collect::<Vec<_>>(), KEYS.to_vec());
    }

    /// `update` with arbitrary pairs either applies all of them or changes nothing.
    #[test]
    fn update_is_all_or_nothing(start in fitting_pairs(), pairs in any_pairs()) {
        let mut c = Component::default();
        c.update(start).unwrap();
        let before = c.clone();
        match c.update(pairs.clone()) {
            Ok(()) => {
                let last: BTreeMap<&str, &Value> = pairs.iter().map(|(k, v)| (k.as_str(), v)).collect();
                for (k, v) in last {
                    let got = c.get(k).unwrap();
                    // Numbers may be stored in another width (2.0 as 2).
                    prop_assert!(got == *v || got.as_f64() == v.as_f64(), "{k}: {got} != {v}");
                }
            }
            Err(err) => {
                prop_assert_eq!(&c, &before);
                prop_assert!(pairs.iter().any(|(k, _)| k == err.key()));
            }
        }
    }

    /// `set` of an arbitrary value to a known key either stores it so that
    /// `get` gives it back, or fails and leaves the struct unchanged.
    #[test]
    fn set_then_get(key in prop::sample::select(&KEYS[..]), value in any_value()) {
        let mut c = Component::default();
        let before = c.clone();
        match c.set(key, value.clone()) {
            Ok(()) => {
                let got = c.get(key).unwrap();
                prop_assert!(got == value || got.as_f64() == value.as_f64());
            }
            Err(_) => prop_assert_eq!(c, before),
        }
    }
}
