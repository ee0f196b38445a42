//! `mini_batch_size` of a parallel component: a string in YAML (`"10"`,
//! `"10kb"`, `"1MB"`), an integer count once loaded, dumped back as the
//! integer's text (`"10240"`); `"0"` when absent (`ParallelComponent.__init__`).

use std::fmt;

use serde::{Deserialize, Deserializer, Serialize, Serializer};

use azml::Value;

/// The number of items (or bytes, for a size with a unit) per mini-batch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub struct MiniBatchSize(pub u64);

impl MiniBatchSize {
    /// What azure-ai-ml accepts: `^\d+([kKmMgG][bB])*$`, then `int()` of the
    /// whole text, or of the text before a `kb`/`mb`/`gb` unit times 1024ⁿ.
    pub fn parse(text: &str) -> Result<Self, String> {
        // Python's `$` also matches before one final newline, and `int()`
        // ignores surrounding whitespace.
        let body = text.strip_suffix('\n').unwrap_or(text);
        let digits = body.trim_end_matches(|c: char| "kKmMgGbB".contains(c));
        if digits.is_empty()
            || !digits.bytes().all(|b| b.is_ascii_digit())
            || !is_unit_run(&body[digits.len()..])
        {
            return Err(
                r"Parameter mini_batch_size must follow regex rule ^\d+([kKmMgG][bB])*$".to_owned(),
            );
        }
        if let Ok(n) = body.parse::<u64>() {
            return Ok(MiniBatchSize(n));
        }
        let unit = body
            .get(body.len().saturating_sub(2)..)
            .unwrap_or("")
            .to_ascii_lowercase();
        let factor: u64 = match unit.as_str() {
            "kb" => 1024,
            "mb" => 1024 * 1024,
            "gb" => 1024 * 1024 * 1024,
            _ => return Err("mini_batch_size unit must be kb, mb or gb".to_owned()),
        };
        let count = &body[..body.len() - 2];
        let n: u64 = count
            .parse()
            .map_err(|_| format!("invalid literal for int() with base 10: '{count}'"))?;
        n.checked_mul(factor)
            .map(MiniBatchSize)
            .ok_or_else(|| format!("mini_batch_size {text:?} is too large"))
    }
}

/// `([kKmMgG][bB])*`: pairs of a unit letter and `b`.
fn is_unit_run(s: &str) -> bool {
    let b = s.as_bytes();
    b.len() % 2 == 0
        && b.chunks(2)
            .all(|pair| b"kKmMgG".contains(&pair[0]) && b"bB".contains(&pair[1]))
}

impl fmt::Display for MiniBatchSize {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.0)
    }
}

/// Dumped as the integer's text, as marshmallow's `fields.Str` dumps an int.
impl Serialize for MiniBatchSize {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.serialize_str(&self.0.to_string())
    }
}

impl<'de> Deserialize<'de> for MiniBatchSize {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        match Value::deserialize(deserializer)? {
            Value::String(s) => MiniBatchSize::parse(&s).map_err(serde::de::Error::custom),
            other => Err(serde::de::Error::custom(format!(
                "Not a valid string: {}",
                azml::validate::describe(&other)
            ))),
        }
    }
}

/// The stored attribute is the integer; the dump its text.
impl azml::DictValue for MiniBatchSize {
    fn to_value(&self) -> Value {
        Value::from(self.0)
    }
    fn from_value(value: Value) -> Result<Self, azml::ValueError> {
        match &value {
            Value::String(s) => MiniBatchSize::parse(s).ok(),
            Value::Number(n) => n.as_u64().map(MiniBatchSize),
            _ => None,
        }
        .ok_or_else(|| azml::ValueError::new(Self::expected(), &value))
    }
    fn expected() -> std::borrow::Cow<'static, str> {
        "mini-batch size (digits with an optional kb/mb/gb unit)".into()
    }
    fn to_dict_value(&self) -> Value {
        Value::String(self.0.to_string())
    }
}

impl azml::rest::RestAsDict for MiniBatchSize {}

impl azml::validate::Validate for MiniBatchSize {
    fn validate(value: &Value, cx: &mut azml::validate::Validator) {
        match value {
            Value::String(s) => {
                if let Err(message) = MiniBatchSize::parse(s) {
                    cx.error(message);
                }
            }
            other => cx.error(format!(
                "Not a valid string (write the size in quotes): {}",
                azml::validate::describe(other)
            )),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::MiniBatchSize as M;

    // What ParallelComponent(mini_batch_size=...) stores or raises in
    // azure-ai-ml 1.35.2 (and the parity goldens component/mbs_*).
    #[test]
    fn units_and_errors_match_python() {
        assert_eq!(M::parse("10"), Ok(M(10)));
        assert_eq!(M::parse("10kb"), Ok(M(10240)));
        assert_eq!(M::parse("1MB"), Ok(M(1_048_576)));
        assert_eq!(M::parse("2gb"), Ok(M(2_147_483_648)));
        assert_eq!(M::parse("10485760"), Ok(M(10_485_760)));
        assert_eq!(M::parse("5\n"), Ok(M(5)));
        assert_eq!(
            M::parse("10kbkb"),
            Err("invalid literal for int() with base 10: '10kb'".into())
        );
        for bad in ["abc", "10 kb", "kb", "", "10k", "1.5mb", "-1"] {
            assert!(M::parse(bad).is_err(), "{bad}");
        }
        assert_eq!(
            serde_json::to_value(M(10240)).unwrap(),
            serde_json::json!("10240")
        );
        assert!(serde_json::from_value::<M>(serde_json::json!(100)).is_err());
    }
}
