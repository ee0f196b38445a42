//! Pipeline components (`load_component` of `type: pipeline`): azml against
//! what azure-ai-ml 1.35.2 did with the same files (accept or reject and
//! the field of each error; `_to_dict()` with every node; the registration
//! body of `_to_rest_object()` — no `client_component_hash`, no
//! `isArchived` — where Python builds it offline, else the components that
//! would be registered first and the body with them written out;
//! `_validate()`).

#[path = "support/parity.rs"]
mod parity;
#[path = "support/pipeline_parity.rs"]
mod pipeline_parity;

use azml::entities::PipelineComponent;
use azml::{DictMixin, Document};
use pipeline_parity::Loaded;

#[test]
fn pipeline_components_match_python() {
    let root = parity::fixtures();
    let goldens = parity::goldens("pipeline_component");
    assert!(goldens.len() >= 40, "only {} goldens", goldens.len());
    let (mut failures, mut bodies) = (Vec::new(), 0);
    for golden in &goldens {
        let path = root.join(&golden.file);
        let loaded = PipelineComponent::from_yaml_path(&path).map(|c| Loaded {
            dict: c.to_dict(),
            rest: c.to_rest(),
            pending_body: c.rest_with_pending_components(),
            validate: c
                .validate()
                .iter()
                .map(|i| azml::load::dotted(&i.pointer))
                .collect(),
        });
        let outcome = pipeline_parity::compare(golden, loaded, |rest| {
            &rest["properties"]["componentSpec"]["jobs"]
        });
        failures.extend(outcome.failures);
        bodies += usize::from(outcome.placeholder_body);
    }
    println!("pipeline component parity: {bodies} bodies with pending components compared");
    assert!(bodies >= 20, "only {bodies} bodies with pending components");
    parity::report("pipeline component", goldens.len(), &failures);
}
