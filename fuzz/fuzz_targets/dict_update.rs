//! The derive-generated `update`, `set`, `get` and `remove` with arbitrary
//! keys and values: never a panic, and `update` applies every pair or none.

#![no_main]

use std::collections::BTreeMap;

use arbitrary::Arbitrary;
use azml::{DictMixin, Value};
use libfuzzer_sys::fuzz_target;

#[derive(DictMixin, Debug, Clone, Default, PartialEq)]
struct Retry {
    timeout: Option<i64>,
    max_retries: Option<u8>,
}

#[derive(DictMixin, Debug, Clone, PartialEq)]
#[dict(display)]
struct Target {
    r#type: String,
    #[dict(rename = "entry_script")]
    script: Option<String>,
    count: Option<i32>,
    small: u16,
    ratio: Option<f64>,
    single: f32,
    flag: Option<bool>,
    keys: Option<Vec<String>>,
    tags: BTreeMap<String, String>,
    retry: Option<Retry>,
    nested: Vec<Vec<i8>>,
    any: Option<Value>,
    #[dict(extra)]
    extra: serde_json::Map<String, Value>,
}

impl Default for Target {
    fn default() -> Self {
        Target {
            r#type: "run_function".into(),
            script: None,
            count: Some(1),
            small: 0,
            ratio: None,
            single: 0.5,
            flag: None,
            keys: None,
            tags: BTreeMap::new(),
            retry: None,
            nested: Vec::new(),
            any: None,
            extra: serde_json::Map::new(),
        }
    }
}

const KEYS: [&str; 14] = [
    "type",
    "entry_script",
    "count",
    "small",
    "ratio",
    "single",
    "flag",
    "keys",
    "tags",
    "retry",
    "nested",
    "any",
    "timeout",
    "script",
];

/// A JSON value built from the input.
#[derive(Arbitrary, Debug)]
enum Json {
    Null,
    Bool(bool),
    I64(i64),
    U64(u64),
    F64(f64),
    Str(String),
    Array(Vec<Json>),
    Object(Vec<(Key, Json)>),
}

#[derive(Arbitrary, Debug)]
enum Key {
    Known(u8),
    Any(String),
}

impl Key {
    fn text(&self) -> String {
        match self {
            Key::Known(i) => KEYS[usize::from(*i) % KEYS.len()].to_owned(),
            Key::Any(s) => s.clone(),
        }
    }
}

impl Json {
    fn value(&self) -> Value {
        match self {
            Json::Null => Value::Null,
            Json::Bool(b) => Value::from(*b),
            Json::I64(i) => Value::from(*i),
            Json::U64(u) => Value::from(*u),
            Json::F64(f) => Value::from(*f), // NaN and infinities become null
            Json::Str(s) => Value::from(s.as_str()),
            Json::Array(items) => Value::Array(items.iter().map(Json::value).collect()),
            Json::Object(pairs) => {
                Value::Object(pairs.iter().map(|(k, v)| (k.text(), v.value())).collect())
            }
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Op {
    Update(Vec<(Key, Json)>),
    Set(Key, Json),
    Remove(Key),
    Get(Key),
}

fuzz_target!(|ops: Vec<Op>| {
    let mut t = Target::default();
    for op in &ops {
        match op {
            Op::Update(pairs) => {
                let pairs: Vec<(String, Value)> =
                    pairs.iter().map(|(k, v)| (k.text(), v.value())).collect();
                let before = t.clone();
                match t.update(pairs.clone()) {
                    Ok(()) => {
                        // The last value of each key is stored; it reads back
                        // as given (numbers may change width: 2.0 as 2).
                        let last: BTreeMap<&str, &Value> =
                            pairs.iter().map(|(k, v)| (k.as_str(), v)).collect();
                        for (k, v) in last {
                            let got = t.get(k).expect("a key just set is present");
                            assert!(same_at(k, &got, v), "{k}: stored {v}, read back {got}");
                        }
                    }
                    Err(e) => {
                        assert_eq!(t, before, "a failed update changed the value ({e})");
                        assert!(pairs.iter().any(|(k, _)| k == e.key()), "{e}");
                    }
                }
            }
            Op::Set(k, v) => {
                let before = t.clone();
                let v = v.value();
                if t.set(&k.text(), v.clone()).is_err() {
                    assert_eq!(t, before);
                } else {
                    let got = t.get(&k.text()).expect("a key just set is present");
                    assert!(same_at(&k.text(), &got, &v), "stored {v}, read back {got}");
                }
            }
            Op::Remove(k) => {
                let before = t.clone();
                if t.remove(&k.text()).is_err() {
                    assert_eq!(t, before);
                }
            }
            Op::Get(k) => {
                let _ = t.get(&k.text());
            }
        }
        let _ = t.items();
        let _ = t.to_string();
        assert_eq!(t.keys().count(), t.len());
    }
});

/// What `get(key)` gives back after storing `given`: the same value, where
/// numbers compare by value (`2.0` is stored as `2`), `f32` fields round to
/// `f32`, and a nested struct shows its unset fields as null.
fn same_at(key: &str, got: &Value, given: &Value) -> bool {
    if key == "single" {
        return got.as_f64().map(|g| g as f32) == given.as_f64().map(|g| g as f32);
    }
    same(got, given)
}

fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x == y || x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            y.iter().all(|(k, w)| x.get(k).is_some_and(|v| same(v, w)))
                && x.iter().all(|(k, v)| y.contains_key(k) || v.is_null())
        }
        _ => a == b,
    }
}
