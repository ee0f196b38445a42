//! The REST envelope of a component (specs/componentVersion.swagger.json)
//! against azure-ai-ml 1.35.2: every request body that Python produced for an
//! accepted component fixture validates, deserializes into
//! `ComponentVersionResource`, and serializes back to the same JSON with the
//! same key order.

#[path = "support/parity.rs"]
mod parity;

use azml::entities::ComponentVersionResource;
use azml::validate::validate_value;

#[test]
fn python_rest_bodies_round_trip_through_the_envelope() {
    let mut checked = 0;
    for golden in parity::goldens("component") {
        if !golden.accepted() {
            continue;
        }
        let body = &golden.record["rest"];
        let issues = validate_value::<ComponentVersionResource>(body);
        assert!(issues.is_empty(), "{}: {issues:?}", golden.file);
        let envelope: ComponentVersionResource =
            serde_json::from_value(body.clone()).unwrap_or_else(|e| panic!("{}: {e}", golden.file));
        let again = serde_json::to_value(&envelope).unwrap();
        assert!(
            parity::same_json(&again, body),
            "{}:\n python: {body}\n azml:   {again}",
            golden.file
        );
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} bodies checked");
    println!("REST envelope: {checked} of {checked} Python bodies round-trip");
}
