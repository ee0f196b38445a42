//! Round trips over generated entities (proptest): a task or component made
//! from random settings survives entity → YAML → entity (the same dict) and,
//! for components, entity → REST → entity (the same REST body). The same
//! properties are fuzzed by `fuzz/fuzz_targets/yaml_entities.rs` on arbitrary
//! documents; `update`'s all-or-nothing property is in `dict_properties.rs`.

use azml::entities::{ParallelComponent, ParallelTask};
use azml::{DictMixin, Document};
use proptest::prelude::*;

fn base() -> std::path::PathBuf {
    let dir = std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("azml-roundtrip");
    std::fs::create_dir_all(dir.join("src")).unwrap();
    std::fs::write(dir.join("src/score.py"), "def run(b): return b\n").unwrap();
    dir
}

/// A YAML scalar that PyYAML and azml read as the given string.
fn quoted(s: &str) -> String {
    serde_json::to_string(s).unwrap()
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        "[a-zA-Z0-9_.-]{1,12}",
        "[ -~]{0,16}",
        Just("${{inputs.x}}".to_string()),
        Just("yes".to_string()),
        Just("1.5".to_string()),
        Just("é ☃ \"'\\".to_string()),
    ]
}

fn environment() -> impl Strategy<Value = String> {
    prop_oneof![
        ("[a-z][a-z0-9-]{0,8}", 1u32..99).prop_map(|(n, v)| format!("azureml:{n}:{v}")),
        "[a-z][a-z0-9-]{0,8}".prop_map(|n| format!("azureml:{n}@latest")),
        Just("\n    image: mcr.microsoft.com/azureml/base:latest".to_string()),
    ]
}

/// A task document: mapping lines at `indent`.
fn task_lines(indent: &'static str) -> impl Strategy<Value = String> {
    (
        prop_oneof![
            Just("run_function"),
            Just("Run_Function"),
            Just("model"),
            Just("function")
        ],
        proptest::option::of(text()),
        proptest::option::of(text()),
        proptest::option::of(text()),
        environment(),
        any::<bool>(),
    )
        .prop_map(move |(ty, script, args, append, env, code)| {
            let mut s = format!("{indent}type: {ty}\n");
            if code {
                s.push_str(&format!("{indent}code: ./src\n"));
            }
            if let Some(v) = script {
                s.push_str(&format!("{indent}entry_script: {}\n", quoted(&v)));
            }
            if let Some(v) = args {
                s.push_str(&format!("{indent}program_arguments: {}\n", quoted(&v)));
            }
            if let Some(v) = append {
                s.push_str(&format!("{indent}append_row_to: {}\n", quoted(&v)));
            }
            s.push_str(&format!(
                "{indent}environment: {}\n",
                env.replace("\n    ", &format!("\n{indent}  "))
            ));
            s
        })
}

fn component() -> impl Strategy<Value = String> {
    (
        "[a-z][a-z0-9_]{0,10}",
        prop_oneof!["[0-9]{1,3}", "[0-9]\\.[0-9]"],
        proptest::option::of(text()),
        proptest::collection::btree_map(
            "[a-z][a-z0-9_]{0,6}",
            prop_oneof![
                Just("{type: uri_folder}".to_string()),
                Just("{type: mltable, optional: true}".to_string()),
                any::<bool>().prop_map(|b| format!("{{type: boolean, default: {b}}}")),
                (-1000i64..1000).prop_map(|i| format!("{{type: integer, default: {i}}}")),
                text().prop_map(|t| format!("{{type: string, default: {}}}", quoted(&t))),
            ],
            0..4,
        ),
        proptest::option::of(prop_oneof![
            (1u32..100).prop_map(|n| n.to_string()),
            (1u32..100).prop_map(|n| format!("{n}kb")),
            (1u32..10).prop_map(|n| format!("{n}mb")),
        ]),
        proptest::option::of(proptest::collection::vec("[a-z]{1,6}", 1..3)),
        proptest::option::of((1u32..10, 1u32..600)),
        proptest::option::of(-1i64..100),
        task_lines("  "),
    )
        .prop_map(
            |(name, version, description, inputs, batch, keys, retry, threshold, task)| {
                let mut s = format!("type: parallel\nname: {name}\nversion: \"{version}\"\n");
                if let Some(d) = description {
                    s.push_str(&format!("description: {}\n", quoted(&d)));
                }
                if !inputs.is_empty() {
                    s.push_str("inputs:\n");
                    for (k, v) in inputs {
                        s.push_str(&format!("  {k}: {v}\n"));
                    }
                }
                if let Some(b) = batch {
                    s.push_str(&format!("mini_batch_size: \"{b}\"\n"));
                }
                if let Some(k) = keys {
                    s.push_str(&format!("partition_keys: [{}]\n", k.join(", ")));
                }
                if let Some((r, t)) = retry {
                    s.push_str(&format!(
                        "retry_settings: {{max_retries: {r}, timeout: {t}}}\n"
                    ));
                }
                if let Some(t) = threshold {
                    s.push_str(&format!("error_threshold: {t}\n"));
                }
                s.push_str("task:\n");
                s.push_str(&task);
                s
            },
        )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 128, .. ProptestConfig::default() })]

    /// task → YAML → task gives the same dict.
    #[test]
    fn task_yaml_round_trip(doc in task_lines("")) {
        let base = base();
        let task = match ParallelTask::from_yaml_str(&doc, &base) {
            Ok(t) => t,
            Err(e) => return Err(TestCaseError::reject(e.to_string())),
        };
        let yaml = task.to_yaml();
        let again = ParallelTask::from_yaml_str(&yaml, &base)
            .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        prop_assert_eq!(again.to_dict(), task.to_dict(), "{}", yaml);
    }

    /// component → YAML → component gives the same dict, and component →
    /// REST → component gives the same REST body.
    #[test]
    fn component_yaml_and_rest_round_trips(doc in component()) {
        let base = base();
        let component = match ParallelComponent::from_yaml_str(&doc, &base) {
            Ok(c) => c,
            Err(e) => return Err(TestCaseError::reject(e.to_string())),
        };
        let yaml = component.to_yaml();
        let again = ParallelComponent::from_yaml_str(&yaml, &base)
            .unwrap_or_else(|e| panic!("{e}\n{yaml}"));
        prop_assert_eq!(again.to_dict(), component.to_dict(), "{}", yaml);

        let body = component.to_rest().unwrap();
        let back = ParallelComponent::from_rest(&body).unwrap();
        let body_again = back.to_rest().unwrap();
        prop_assert_eq!(body_again, body);
    }
}
