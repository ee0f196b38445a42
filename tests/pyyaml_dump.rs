//! `azml::pyyaml::dump` against PyYAML's own `yaml.dump` output.
//!
//! `tests/pyyaml/cases.json` is produced by `tests/pyyaml/make_cases.py`
//! (rerun it with PyYAML 6 to regenerate); every case must match byte for byte.

use serde_json::{Map, Value};

#[test]
fn matches_pyyaml_dump() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/pyyaml/cases.json");
    let text = std::fs::read_to_string(path).expect("read cases.json");
    let cases: Vec<Value> = serde_json::from_str(&text).expect("parse cases.json");
    assert!(cases.len() >= 300, "only {} cases", cases.len());
    let mut failures = Vec::new();
    for (i, case) in cases.iter().enumerate() {
        let value = &case["value"];
        let sort_keys = case["sort_keys"].as_bool().expect("sort_keys");
        let expected = case["text"].as_str().expect("text");
        let got = azml::pyyaml::dump(value, sort_keys);
        if got != expected {
            failures.push(format!(
                "case {i} (sort_keys={sort_keys}): {value}\nexpected: {expected:?}\n     got: {got:?}"
            ));
        }
    }
    let passed = cases.len() - failures.len();
    println!("pyyaml dump: {passed}/{} cases match", cases.len());
    assert!(
        failures.is_empty(),
        "{} of {} cases differ:\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}

/// A small deterministic generator (xorshift64*), so the check needs no extra
/// dependency and fails reproducibly.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len())]
    }
}

const PIECES: &[&str] = &[
    "python",
    "=3.10",
    "numpy",
    "==1.2",
    ">=",
    "pip",
    "conda-forge",
    " ",
    "  ",
    ":",
    ": ",
    "#",
    " #",
    "-",
    "- ",
    "'",
    "\"",
    "\\",
    "\n",
    "\t",
    "é",
    "中",
    "😀",
    "\u{a0}",
    "\u{2028}",
    "yes",
    "no",
    "null",
    "~",
    "true",
    "1",
    "0",
    "07",
    "1.5",
    "1:30",
    "2024-01-01",
    ".",
    "..",
    "---",
    "?",
    "!",
    "&",
    "*",
    "|",
    ">",
    "%",
    "@",
    "`",
    "[",
    "]",
    "{",
    "}",
    ",",
    "<<",
    "=",
    "long words that make the line wrap past the width of eighty columns",
];

fn random_string(rng: &mut Rng) -> String {
    let n = rng.below(8);
    (0..n).map(|_| rng.pick(PIECES)).collect()
}

/// Strings that the crate's YAML 1.2 loader resolves differently from PyYAML's
/// YAML 1.1 resolver (so PyYAML writes them plain, yet they would not read back
/// as strings here): numbers with an exponent but no dot (`1e3`), `0o` octals,
/// `inf`/`nan` spellings.
fn loader_differs(s: &str) -> bool {
    let t = s.trim();
    t.parse::<f64>().is_ok() || t.trim_start_matches(['-', '+']).starts_with("0o")
}

fn random_value(rng: &mut Rng, depth: usize) -> Value {
    let r = rng.below(100);
    if depth >= 4 || r < 40 {
        return match rng.below(10) {
            0 => Value::Null,
            1 => Value::Bool(rng.below(2) == 0),
            2 => Value::from(rng.next() as i64),
            3 => Value::from(rng.below(1000) as i64 - 500),
            4 => Value::from((rng.below(2_000_000) as f64 - 1e6) / 64.0),
            _ => loop {
                let s = random_string(rng);
                if !loader_differs(&s) {
                    break Value::String(s);
                }
            },
        };
    }
    if r < 70 {
        let n = rng.below(5);
        return Value::Array((0..n).map(|_| random_value(rng, depth + 1)).collect());
    }
    let n = rng.below(5);
    let mut map = Map::new();
    for _ in 0..n {
        let key = random_string(rng);
        if loader_differs(&key) {
            continue;
        }
        let value = random_value(rng, depth + 1);
        map.insert(key, value);
    }
    Value::Object(map)
}

fn conda_like(rng: &mut Rng) -> Value {
    let mut deps: Vec<Value> = (0..rng.below(5))
        .map(|_| {
            Value::String(format!(
                "{}={}.{}",
                rng.pick(&["python", "numpy", "pip"]),
                rng.below(4),
                rng.below(12)
            ))
        })
        .collect();
    deps.push(serde_json::json!({"pip": random_value(rng, 2)}));
    let mut env = Map::new();
    env.insert("name".into(), random_value(rng, 3));
    env.insert("channels".into(), random_value(rng, 1));
    env.insert("dependencies".into(), Value::Array(deps));
    Value::Object(env)
}

/// What the crate's loader gives for a value that went through YAML text: the
/// same value, except that a float with an integral value written as `1.0`
/// compares equal as a number either way.
fn same(a: &Value, b: &Value) -> bool {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => x.as_f64() == y.as_f64(),
        (Value::Array(x), Value::Array(y)) => {
            x.len() == y.len() && x.iter().zip(y).all(|(a, b)| same(a, b))
        }
        (Value::Object(x), Value::Object(y)) => {
            x.len() == y.len()
                && x.iter()
                    .zip(y)
                    .all(|((ka, a), (kb, b))| ka == kb && same(a, b))
        }
        _ => a == b,
    }
}

#[test]
fn dump_reads_back_with_the_crate_loader() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let total = 3000;
    for i in 0..total {
        let value = if i % 2 == 0 {
            conda_like(&mut rng)
        } else {
            random_value(&mut rng, 0)
        };
        let sort_keys = i % 3 != 0;
        let text = azml::pyyaml::dump(&value, sort_keys);
        let back = azml::yaml::parse_str(&text)
            .unwrap_or_else(|e| panic!("case {i}: {value}\n{text}\ndoes not parse: {e}"))
            .into_value();
        let expected = if sort_keys {
            sorted(&value)
        } else {
            value.clone()
        };
        assert!(
            same(&back, &expected),
            "case {i}: {value}\ntext:\n{text}\nreads back as {back}"
        );
    }
    println!("pyyaml dump: {total} random values read back unchanged");
}

fn sorted(value: &Value) -> Value {
    match value {
        Value::Array(items) => Value::Array(items.iter().map(sorted).collect()),
        Value::Object(map) => {
            let mut entries: Vec<_> = map.iter().collect();
            entries.sort_by(|a, b| a.0.cmp(b.0));
            Value::Object(
                entries
                    .into_iter()
                    .map(|(k, v)| (k.clone(), sorted(v)))
                    .collect(),
            )
        }
        other => other.clone(),
    }
}

#[test]
fn deep_nesting_does_not_overflow() {
    let mut value = Value::from("leaf");
    for i in 0..3_000 {
        value = if i % 2 == 0 {
            Value::Array(vec![value])
        } else {
            let mut map = Map::new();
            map.insert("k".into(), value);
            Value::Object(map)
        };
    }
    let text = azml::pyyaml::dump(&value, true);
    assert!(text.ends_with("leaf\n"));
    // Dropping a deeply nested serde_json value recurses; take it apart by hand.
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::Array(items) => stack.extend(items),
            Value::Object(map) => stack.extend(map.into_iter().map(|(_, v)| v)),
            _ => {}
        }
    }
}
