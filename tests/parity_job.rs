//! Standalone parallel job documents: azml against what azure-ai-ml 1.35.2
//! did with the same files (accept or reject and the field of each error,
//! `_to_dict()`).

#[path = "support/parity.rs"]
mod parity;

use azml::entities::ParallelJob;

#[test]
fn jobs_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("job");
    assert!(goldens.len() >= 25, "only {} job goldens", goldens.len());
    let mut failures = Vec::new();
    for golden in &goldens {
        match (
            golden.accepted(),
            ParallelJob::from_yaml_path(root.join(&golden.file)),
        ) {
            (true, Ok(job)) => {
                let expected = &golden.record["dict"];
                let got = job.to_dict();
                if !parity::same_json(&got, expected) {
                    failures.push(format!(
                        "{}: dict\n  python: {expected}\n  azml:   {got}",
                        golden.file
                    ));
                }
            }
            (false, Err(error)) => {
                let ours: Vec<&str> = error.problems.iter().map(|p| p.path.as_str()).collect();
                for path in golden.error_paths() {
                    if !parity::path_reported(&ours, &path) {
                        failures.push(format!(
                            "{}: Python's error at `{path}` not found in:\n{error}",
                            golden.file
                        ));
                    }
                }
            }
            (true, Err(error)) => failures.push(format!(
                "{}: Python accepts, azml rejects:\n{error}",
                golden.file
            )),
            (false, Ok(_)) => {
                failures.push(format!("{}: Python rejects, azml accepts", golden.file))
            }
        }
    }
    println!(
        "job parity: {} of {} documents match",
        goldens.len() - failures.len(),
        goldens.len()
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
