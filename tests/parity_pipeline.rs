//! Pipelines with parallel nodes: azml against what azure-ai-ml 1.35.2 did
//! with the same files (accept or reject and the field of each error; the
//! pipeline's whole `_to_dict()`; for each parallel node its
//! `_to_rest_object()`, and that REST form read back). Nodes whose
//! component is a prompt flow are compared the same way.

#[path = "support/parity.rs"]
mod parity;

use azml::entities::parallel::NodeComponent;
use azml::entities::ParallelNode;
use azml::entities::PipelineJob;
use azml::{DictMixin, Document};

#[test]
fn pipelines_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("pipeline");
    assert!(
        goldens.len() >= 20,
        "only {} pipeline goldens",
        goldens.len()
    );
    let mut failures = Vec::new();
    let mut nodes = 0;
    let mut flow_nodes = 0;
    for golden in &goldens {
        let result = PipelineJob::from_yaml_path(root.join(&golden.file));
        failures.extend(parity::decision_failures(golden, &result));
        if let (true, Ok(pipeline)) = (golden.accepted(), result) {
            // The whole pipeline's `_to_dict()`, every node included.
            let dict = pipeline.to_dict();
            if !parity::same_json(&dict, &golden.record["dict"]) {
                failures.push(format!(
                    "{}: dict\n  python: {}\n  azml:   {dict}",
                    golden.file, golden.record["dict"]
                ));
            }
            let rest = pipeline.parallel_nodes_rest().unwrap();
            for (name, node) in pipeline.parallel_nodes() {
                nodes += 1;
                let expected = &golden.record["dict"]["jobs"][name];
                let got = &dict["jobs"][name];
                if !parity::same_json(got, expected) {
                    failures.push(format!(
                        "{} jobs.{name}: dict\n  python: {expected}\n  azml:   {got}",
                        golden.file
                    ));
                }
                let expected =
                    parity::unwrap_component(golden.record["parallel_nodes"][name].clone());
                if !parity::same_json(&rest[name], &expected) {
                    failures.push(format!(
                        "{} jobs.{name}: REST\n  python: {expected}\n  azml:   {}",
                        golden.file, rest[name]
                    ));
                }
                // Python's REST form read back gives the same REST form.
                let folder = root.join(&golden.file);
                let folder = folder.parent().unwrap();
                let back = ParallelNode::from_rest(&expected, folder);
                match back
                    .as_ref()
                    .map_err(Clone::clone)
                    .and_then(|n| n.to_rest(name))
                {
                    Ok(again) if parity::same_json(&again, &expected) => {}
                    Ok(again) => failures.push(format!(
                        "{} jobs.{name}: REST round trip\n  python: {expected}\n  azml:   {again}",
                        golden.file
                    )),
                    Err(e) => failures.push(format!("{} jobs.{name}: from_rest: {e}", golden.file)),
                }
                // A prompt flow read back from REST gives Python's
                // component dict again (azure-ai-ml itself cannot read
                // a flow component back; literal inputs come back as
                // the strings REST holds, so only the component is
                // compared).
                if let Some(NodeComponent::Flow(_)) = &node.component {
                    flow_nodes += 1;
                    let expected = &golden.record["dict"]["jobs"][name]["component"];
                    if let Ok(back) = &back {
                        let got = &back.to_dict()["component"];
                        if !parity::same_json(got, expected) {
                            failures.push(format!(
                                    "{} jobs.{name}: component after from_rest\n  python: {expected}\n  azml:   {got}",
                                    golden.file
                                ));
                        }
                    }
                }
            }
            let python_nodes = golden.record["parallel_nodes"]
                .as_object()
                .map_or(0, |m| m.len());
            if python_nodes != pipeline.parallel_nodes().count() {
                failures.push(format!(
                    "{}: {python_nodes} parallel nodes in Python, {} in azml",
                    golden.file,
                    pipeline.parallel_nodes().count()
                ));
            }
        }
    }
    println!(
        "pipeline parity: {} failures over {} documents ({nodes} parallel nodes compared, {flow_nodes} of them prompt flows)",
        failures.len(),
        goldens.len()
    );
    assert!(
        flow_nodes >= 8,
        "only {flow_nodes} prompt flow nodes compared"
    );
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}
