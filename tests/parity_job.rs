//! Standalone parallel job documents: azml against what azure-ai-ml 1.35.2
//! did with the same files (accept or reject and the field of each error,
//! `_to_dict()`).

#[path = "support/parity.rs"]
mod parity;

use azml::entities::ParallelJob;
use azml::{DictMixin, Document};

#[test]
fn jobs_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("job");
    assert!(goldens.len() >= 25, "only {} job goldens", goldens.len());
    let mut failures = Vec::new();
    for golden in &goldens {
        let result = ParallelJob::from_yaml_path(root.join(&golden.file));
        failures.extend(parity::decision_failures(golden, &result));
        if let (true, Ok(job)) = (golden.accepted(), result) {
            failures.extend(golden.dict_failure(&job.to_dict()));
        }
    }
    parity::report("job", goldens.len(), &failures);
}
