//! Inputs the fuzz targets of `fuzz/` found, each kept as a test of the
//! normal suite (the fuzz artifacts themselves are not committed).

use azml::{DictMixin, Value};
use serde_json::json;

#[derive(DictMixin, Debug, Clone, Default, PartialEq)]
struct Widths {
    single: f32,
    double: Option<f64>,
    signed: Option<i64>,
    unsigned: Option<u64>,
    small: Option<i8>,
}

/// dict_update: `set` of 6.157352643132735e93 to an `f32` field stored an
/// infinity, which `get` gave back as null.
#[test]
fn a_float_too_large_for_f32_is_refused() {
    let mut w = Widths::default();
    let err = w.set("single", json!(6.157352643132735e93)).unwrap_err();
    assert_eq!(err.key(), "single");
    assert_eq!(w, Widths::default());
    // In range: stored (rounded to f32).
    w.set("single", json!(3.0e38)).unwrap();
    assert_eq!(
        w.get("single").unwrap().as_f64(),
        Some(f64::from(3.0e38f32))
    );
    w.set("double", json!(1.7e308)).unwrap();
    assert_eq!(w.get("double"), Some(json!(1.7e308)));
}

/// dict_update: an integer field took a whole float just past its range,
/// 2^63 (9.223372036854776e18) for `i64` and 2^64 for `u64`, and stored the
/// saturated maximum instead.
#[test]
fn whole_floats_past_a_64_bit_range_are_refused() {
    let mut w = Widths::default();
    assert!(w.set("signed", json!(9.223372036854776e18)).is_err());
    assert!(w.set("unsigned", json!(1.8446744073709552e19)).is_err());
    assert_eq!(w, Widths::default());
    w.set("signed", json!(-9.223372036854776e18)).unwrap();
    assert_eq!(w.get("signed"), Some(Value::from(i64::MIN)));
    w.set("unsigned", json!(9.223372036854776e18)).unwrap();
    assert_eq!(w.get("unsigned"), Some(Value::from(1u64 << 63)));
    assert!(w.set("small", json!(128.0)).is_err());
    w.set("small", json!(-128.0)).unwrap();
    assert_eq!(w.get("small"), Some(Value::from(-128)));
}
