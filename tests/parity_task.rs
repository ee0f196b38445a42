//! Standalone task documents: azml against what azure-ai-ml 1.35.2 did with
//! the same files (accept or reject, the field of each error, `_to_dict()`).

#[path = "support/parity.rs"]
mod parity;

use azml::entities::ParallelTask;
use azml::{DictMixin, Document};

#[test]
fn tasks_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("task");
    assert!(goldens.len() >= 20, "only {} task goldens", goldens.len());
    let mut failures = Vec::new();
    for golden in &goldens {
        let result = ParallelTask::from_yaml_path(root.join(&golden.file));
        failures.extend(parity::decision_failures(golden, &result));
        if let (true, Ok(task)) = (golden.accepted(), result) {
            failures.extend(golden.dict_failure(&task.to_dict()));
            // DictMixin: the same keys in the same order, the same stored
            // values (Python objects such as an Environment are not compared).
            let keys: Vec<&str> = task.keys().collect();
            if golden.record["keys"] != serde_json::json!(keys) {
                failures.push(format!(
                    "{}: keys {keys:?} != {}",
                    golden.file, golden.record["keys"]
                ));
            }
            for (key, python) in golden.record["items"].as_object().into_iter().flatten() {
                if python.get("$object").is_some() {
                    continue;
                }
                if task.get(key).as_ref() != Some(python) {
                    failures.push(format!(
                        "{}: get({key:?}) = {:?}, Python {python}",
                        golden.file,
                        task.get(key)
                    ));
                }
            }
        }
    }
    parity::report("task", goldens.len(), &failures);
}
