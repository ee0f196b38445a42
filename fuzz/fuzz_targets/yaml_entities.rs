//! YAML entity loading on arbitrary text, for every document kind: load,
//! validate, `to_dict`, `to_yaml`, the REST forms and their read-back. Also
//! holds the YAML reader's fast path to the general loader.

#![no_main]

use azml::entities::{ParallelComponent, ParallelJob, ParallelNode, ParallelTask};
use azml::entities::PipelineJob;
use azml::yaml::Limits;
use azml::prelude::*;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    // The fast path of the YAML reader gives what the general loader gives.
    azml::yaml::fuzz_fast_against_general(text, &Limits::DEFAULT);
    let small = Limits {
        max_depth: 4,
        max_nodes: 16,
        ..Limits::DEFAULT
    };
    azml::yaml::fuzz_fast_against_general(text, &small);

    let Ok(doc) = azml::yaml::parse_str(text) else {
        return;
    };
    let base = azml_fuzz::scratch();
    // Detection and loading through the registry, as the command line does.
    if let Some(Ok(document)) = azml::entities::REGISTRY.load(&doc, base) {
        let _ = (document.to_dict(), document.to_yaml(), document.to_rest());
    }

    if let Ok(task) = ParallelTask::from_document(&doc, base) {
        // What azml dumps, azml loads back as a task with the same dump.
        let yaml = task.to_yaml();
        match ParallelTask::from_yaml_str(&yaml, base) {
            Ok(again) => assert_eq!(again.to_dict(), task.to_dict(), "task round trip:\n{yaml}"),
            Err(e) => panic!("the dumped task does not load: {e}\n{yaml}"),
        }
    }
    if let Ok(component) = ParallelComponent::from_document(&doc, base) {
        let _ = component.validate();
        let yaml = component.to_yaml();
        match ParallelComponent::from_yaml_str(&yaml, base) {
            Ok(again) => assert_eq!(
                again.to_dict(),
                component.to_dict(),
                "component round trip:\n{yaml}"
            ),
            // azure-ai-ml's own dump of a top-level `code` shorthand naming a
            // missing local path does not load either (the attribute is
            // assigned unchecked, and dumped as assigned).
            Err(_) if unchecked_code(&doc.value, base) => {}
            Err(e) => panic!("the dumped component does not load: {e}\n{yaml}"),
        }
        let _ = component.client_component_hash();
        if let Ok(body) = component.to_rest() {
            // The REST body reads back to a component with the same body.
            match ParallelComponent::from_rest(&body).and_then(|c| c.to_rest()) {
                Ok(again) => assert_eq!(again, body, "component REST round trip"),
                Err(e) => panic!("the component's REST body does not read back: {e}\n{body}"),
            }
        }
    }
    if let Ok(job) = ParallelJob::from_document(&doc, base) {
        let yaml = job.to_yaml();
        match ParallelJob::from_yaml_str(&yaml, base) {
            Ok(again) => assert_eq!(again.to_dict(), job.to_dict(), "job round trip:\n{yaml}"),
            Err(e) => panic!("the dumped job does not load: {e}\n{yaml}"),
        }
    }
    if let Ok(pipeline) = PipelineJob::from_document(&doc, base) {
        let _ = pipeline.to_dict();
        let _ = pipeline.to_yaml();
        if let Ok(nodes) = pipeline.parallel_nodes_rest() {
            // Each node's REST form reads back to a node with the same REST form.
            for (name, rest) in nodes.iter() {
                match ParallelNode::from_rest(rest, base).and_then(|n| n.to_rest(name)) {
                    Ok(again) => assert_eq!(&again, rest, "node {name}: REST round trip"),
                    Err(e) => panic!("node {name}: its REST form does not read back: {e}\n{rest}"),
                }
            }
        }
    }
});

/// Whether the document's top-level `code` is a local path that does not exist.
fn unchecked_code(value: &azml::Value, base: &std::path::Path) -> bool {
    value
        .get("code")
        .and_then(azml::Value::as_str)
        .and_then(|code| azml::entities::fields::CodeRef::classify(code).ok())
        .is_some_and(|code| {
            code.kind() == azml::entities::fields::CodeKind::Local && !base.join(code.value()).exists()
        })
}
