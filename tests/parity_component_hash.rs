//! `client_component_hash` against azure-ai-ml 1.35.2: for every component
//! golden that Python accepted, hashing Python's own `_to_dict()` must give
//! the hash that Python put in the REST body. This pins the byte-exact
//! `json.dumps(..., sort_keys=True)` text and the UUID formatting.

#[path = "support/parity.rs"]
mod parity;

use azml::entities::component::hash::client_component_hash;

#[test]
fn hashes_of_python_dicts_match_python() {
    let mut checked = 0;
    for golden in parity::goldens("component") {
        if !golden.accepted() {
            continue;
        }
        let rest = &golden.record["rest"]["properties"];
        let Some(expected) = rest["properties"]["client_component_hash"].as_str() else {
            // Anonymous components carry no hash.
            assert_eq!(rest["isAnonymous"], true, "{}", golden.file);
            continue;
        };
        assert_eq!(
            client_component_hash(&golden.record["dict"]),
            expected,
            "{}",
            golden.file
        );
        checked += 1;
    }
    assert!(checked >= 60, "only {checked} component hashes checked");
    println!("client_component_hash: {checked} of {checked} match");
}
