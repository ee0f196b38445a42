//! Shared by the round-trip tests: a scratch crate holding generated modules and a binary that
//! checks values against their types. For each `[type, value]` line it prints whether the
//! generated validator accepts the value, and the value read and written back (or serde's
//! error).

#![allow(dead_code)] // each test uses a different part

pub use super::compare::first_difference;
use super::scratch;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What the binary found for one value.
#[derive(Debug, Clone, PartialEq)]
pub struct Outcome {
    /// The generated validator's issues, as text.
    pub issues: Vec<String>,
    /// The value deserialized and serialized back, or serde's error.
    pub back: Result<Value, String>,
}

impl Outcome {
    /// The validator accepts the value.
    pub fn valid(&self) -> bool {
        self.issues.is_empty()
    }
}

/// A scratch crate with generated modules (`name` → code) and the checking binary for the
/// given types (`key` → Rust path inside the crate, `Option<m::T>` allowed).
pub fn build(krate: &str, modules: &[(String, String)], types: &[(String, String)]) -> PathBuf {
    let mut lib = String::from("#![allow(warnings)]\n//! Generated modules.\n\n");
    for (name, _) in modules {
        lib.push_str(&format!(
            "/// Generated.\npub mod {name} {{\ninclude!(\"{name}.rs\");\n}}\n"
        ));
    }
    let arms: String = types
        .iter()
        .map(|(key, path)| format!("        {key:?} => check::<{path}>(v),\n"))
        .collect();
    let lib_name = krate.replace('-', "_");
    let main = format!(
        "use {lib_name}::*;\n\
         use std::io::BufRead;\n\
         fn check<T: serde::Serialize + serde::de::DeserializeOwned + azml::validate::Validate>(v: serde_json::Value) -> serde_json::Value {{\n\
         \x20   let issues: Vec<String> = azml::validate::validate_value::<T>(&v).iter().map(|i| i.to_string()).collect();\n\
         \x20   let back = serde_json::from_value::<T>(v).map_err(|e| e.to_string()).and_then(|t| serde_json::to_value(&t).map_err(|e| e.to_string()));\n\
         \x20   match back {{\n\
         \x20       Ok(b) => serde_json::json!({{\"issues\": issues, \"ok\": b}}),\n\
         \x20       Err(e) => serde_json::json!({{\"issues\": issues, \"err\": e}}),\n\
         \x20   }}\n\
         }}\n\
         fn dispatch(ty: &str, v: serde_json::Value) -> serde_json::Value {{\n    match ty {{\n{arms}        _ => serde_json::json!({{\"issues\": [\"unknown type\"], \"err\": \"unknown type\"}}),\n    }}\n}}\n\
         fn main() {{\n\
         \x20   // Untagged unions of large structs nest deep frames in a debug build (vega-lite's).\n\
         \x20   let run = || for line in std::io::stdin().lock().lines() {{\n\
         \x20       let (ty, v): (String, serde_json::Value) = serde_json::from_str(&line.unwrap()).unwrap();\n\
         \x20       println!(\"{{}}\", dispatch(&ty, v));\n\
         \x20   }};\n\
         \x20   std::thread::Builder::new().stack_size(1 << 28).spawn(run).unwrap().join().unwrap();\n\
         }}\n"
    );
    let dir = scratch::write_crate(krate, &lib, Some(&main));
    for (name, code) in modules {
        scratch::write_if_changed(&dir.join("src").join(format!("{name}.rs")), code);
    }
    scratch::build(&dir);
    dir
}

/// Runs the checking binary of `krate` over `[type, value]` cases.
pub fn run(dir: &Path, krate: &str, cases: &[(String, Value)]) -> Vec<Outcome> {
    let input: String = cases
        .iter()
        .map(|(t, v)| format!("{}\n", serde_json::json!([t, v])))
        .collect();
    let out = scratch::run(dir, krate, &input);
    out.lines()
        .map(|l| {
            let v: Value = serde_json::from_str(l).expect("binary output");
            let issues = v["issues"]
                .as_array()
                .map(|a| {
                    a.iter()
                        .map(|i| i.as_str().unwrap_or("").to_string())
                        .collect()
                })
                .unwrap_or_default();
            let back = match v.get("ok") {
                Some(b) => Ok(b.clone()),
                None => Err(v["err"].as_str().unwrap_or("").to_string()),
            };
            Outcome { issues, back }
        })
        .collect()
}
