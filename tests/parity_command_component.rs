//! Command component documents: azml against what azure-ai-ml 1.35.2 did
//! with the same files (accept or reject and the field of each error,
//! `_to_dict()`, the REST body of `_to_rest_object()` with its
//! `client_component_hash`, `_validate()`, and reading that body back with
//! `_from_rest_object`).

#[path = "support/parity.rs"]
mod parity;

use azml::entities::CommandComponent;
use azml::{DictMixin, Document};

#[test]
fn command_components_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("command_component");
    assert!(
        goldens.len() >= 150,
        "only {} command component goldens",
        goldens.len()
    );
    let mut failures = Vec::new();
    for golden in &goldens {
        let result = CommandComponent::from_yaml_path(root.join(&golden.file));
        failures.extend(parity::decision_failures(golden, &result));
        let (true, Ok(component)) = (golden.accepted(), result) else {
            continue;
        };
        failures.extend(golden.dict_failure(&component.to_dict()));
        let expected = &golden.record["rest"];
        match component.to_rest() {
            Ok(got) if parity::same_json(&got, expected) => {}
            Ok(got) => failures.push(format!(
                "{}: REST body\n  python: {expected}\n  azml:   {got}",
                golden.file
            )),
            Err(e) => failures.push(format!("{}: REST body: {e}", golden.file)),
        }
        // `_validate()`: the same verdict, the same fields.
        failures.extend(golden.validate_failure(&component.validate(), &golden.validate_paths()));
        // Python's body read back: the dict Python reads back, or its error.
        let back = CommandComponent::from_rest(&golden.record["rest"]);
        match (back, &golden.record["rest_read_back_error"]) {
            (Ok(back), serde_json::Value::Null)
                if parity::same_json(&back.to_dict(), &golden.record["rest_read_back"]) => {}
            (Ok(back), _) => failures.push(format!(
                "{}: from_rest_object\n  python: {}\n  azml:   {}",
                golden.file,
                golden.record["rest_read_back"],
                back.to_dict()
            )),
            (Err(e), error)
                if e.to_string()
                    .contains(error["message"].as_str().unwrap_or("\0")) => {}
            (Err(e), error) => failures.push(format!(
                "{}: from_rest_object: {e}; Python: {error}",
                golden.file
            )),
        }
    }
    parity::report("command component", goldens.len(), &failures);
}
