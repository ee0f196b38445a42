//! Whole pipeline jobs: azml against what azure-ai-ml 1.35.2 did with the
//! same files (`load_job` accepting or rejecting, and the field of each
//! error; the pipeline's `_to_dict()` with every node; the REST body of
//! `_to_rest_object()` where Python builds it offline, else the components
//! that would be registered first and the body with them written out;
//! `_validate()`), with every node kind: command, parallel, pipeline and
//! sweep nodes.

#[path = "support/parity.rs"]
mod parity;
#[path = "support/pipeline_parity.rs"]
mod pipeline_parity;

use azml::entities::PipelineJob;
use azml::{DictMixin, Document};
use pipeline_parity::Loaded;

#[test]
fn pipeline_jobs_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("pipeline_job");
    assert!(goldens.len() >= 200, "only {} goldens", goldens.len());
    let (mut failures, mut bodies, mut sweeps) = (Vec::new(), 0, 0);
    for golden in &goldens {
        let path = root.join(&golden.file);
        let has_sweep = golden.record["dict"]["jobs"]
            .as_object()
            .is_some_and(|jobs| jobs.values().any(|n| n["type"] == "sweep"));
        sweeps += usize::from(has_sweep && golden.accepted());
        let loaded = PipelineJob::from_yaml_path(&path).map(|job| Loaded {
            dict: job.to_dict(),
            rest: job.to_rest(),
            pending_body: job.rest_with_pending_components(),
            validate: job
                .validate()
                .iter()
                .map(|i| azml::load::dotted(&i.pointer))
                .collect(),
        });
        let outcome = pipeline_parity::compare(golden, loaded, |rest| &rest["properties"]["jobs"]);
        failures.extend(outcome.failures);
        bodies += usize::from(outcome.placeholder_body);
    }
    println!(
        "pipeline job parity: {bodies} bodies with pending components compared; {sweeps} accepted documents with sweep nodes"
    );
    assert!(
        bodies >= 130,
        "only {bodies} bodies with pending components"
    );
    assert!(sweeps >= 7, "only {sweeps} documents with sweep nodes");
    parity::report("pipeline job", goldens.len(), &failures);
}
