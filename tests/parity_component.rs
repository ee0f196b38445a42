//! Parallel component documents: azml against what azure-ai-ml 1.35.2 did
//! with the same files (accept or reject and the field of each error,
//! `_to_dict()`, the REST body of `_to_rest_object()`, and reading that body
//! back with `_from_rest_object`).

#[path = "support/parity.rs"]
mod parity;

use azml::entities::ParallelComponent;
use azml::{DictMixin, Document};

#[test]
fn components_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("component");
    assert!(
        goldens.len() >= 100,
        "only {} component goldens",
        goldens.len()
    );
    let mut failures = Vec::new();
    for golden in &goldens {
        let result = ParallelComponent::from_yaml_path(root.join(&golden.file));
        failures.extend(parity::decision_failures(golden, &result));
        if let (true, Ok(component)) = (golden.accepted(), result) {
            failures.extend(golden.dict_failure(&component.to_dict()));
            let expected = golden.record["yaml"].as_str().unwrap_or_default();
            let got = component.to_yaml();
            if got != expected {
                failures.push(format!(
                    "{}: YAML\n  python: {expected:?}\n  azml:   {got:?}",
                    golden.file
                ));
            }
            let expected = &golden.record["rest"];
            let got = component.to_rest().unwrap();
            if !parity::same_json(&got, expected) {
                failures.push(format!(
                    "{}: REST body\n  python: {expected}\n  azml:   {got}",
                    golden.file
                ));
            }
            // Input/Output as DictMixin: the same keys, order and stored values.
            let ours = serde_json::json!({
                "inputs": component.inputs.iter().flatten()
                    .map(|(n, i)| (n.clone(), serde_json::json!(i.items())))
                    .collect::<serde_json::Map<_, _>>(),
                "outputs": component.outputs.iter().flatten()
                    .map(|(n, o)| (n.clone(), serde_json::json!(o.items())))
                    .collect::<serde_json::Map<_, _>>(),
            });
            if ours != golden.record["io_items"] {
                failures.push(format!(
                    "{}: inputs/outputs items\n  python: {}\n  azml:   {ours}",
                    golden.file, golden.record["io_items"]
                ));
            }
            // `_validate()`: the same verdict, the same fields. Python names
            // the promoted `code` property; azml the task's field.
            let python = golden.validate_paths().into_iter();
            let python = python.map(|p| {
                if p == "code" {
                    "task.code".to_owned()
                } else {
                    p
                }
            });
            failures.extend(golden.validate_failure(&component.validate(), &python.collect()));
            // Python's body read back gives Python's dict again.
            match ParallelComponent::from_rest(&golden.record["rest"]) {
                Ok(back) if parity::same_json(&back.to_dict(), &golden.record["dict"]) => {}
                Ok(back) => failures.push(format!(
                    "{}: from_rest_object\n  python: {}\n  azml:   {}",
                    golden.file,
                    golden.record["dict"],
                    back.to_dict()
                )),
                Err(e) => failures.push(format!("{}: from_rest_object: {e}", golden.file)),
            }
        }
    }
    parity::report("component", goldens.len(), &failures);
}
