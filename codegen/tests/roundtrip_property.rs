//! The round-trip property (issue 15): for every definition of the chosen specs, instances
//! the `jsonschema` crate (the oracle) finds valid pass the generated validator, deserialize
//! and serialize back to an equal JSON value; mutants the oracle refuses (wrong type, missing
//! required key, value outside an enum, undeclared key under `additionalProperties: false`)
//! fail the validator; and for every case the serde side agrees with the validator (accepted
//! values deserialize, refused mutants do not).
//!
//! Specs: the official Azure ML REST spec (Swagger 2.0) and the 2021 CLI v2 JSON Schemas
//! (draft-07) from `../shared/specs`, read in place; public specs from npm (vega-lite's
//! draft-07 schema, Biome's 2020-12 configuration schema, OpenAPI 3.0 and 3.1 examples of
//! `@readme/oas-examples`), fetched with pinned versions and checksums by
//! `codegen/scripts/fetch-roundtrip-specs.sh` into `target/roundtrip-specs` (skipped, with
//! a message, when absent). By default a bounded sample runs (the Azure ML specs and the
//! OpenAPI examples, 6 proposals a definition); `AZML_ROUNDTRIP=full` runs every spec set with
//! 24 proposals a definition; `AZML_ROUNDTRIP_ONLY=<label>` runs one set. The counts are
//! printed (`-- --nocapture`); every failure is written to
//! `target/tmp/roundtrip-failures.txt`, and the definitions no proposal was valid for (with
//! the oracle's reason) to `target/tmp/roundtrip-without-instances.txt`.

#[path = "support/compare.rs"]
mod compare;
#[path = "support/instances.rs"]
mod instances;
#[path = "support/roundtrip.rs"]
mod roundtrip;
#[path = "support/scratch.rs"]
mod scratch;

use instances::{Docs, Gen};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::PathBuf;

/// One spec set: a label, its dialect, its root and its files (relative to the root).
struct SpecSet {
    label: &'static str,
    dialect: &'static str,
    root: PathBuf,
    files: Vec<&'static str>,
    /// In the bounded sample (CI) too.
    sample: bool,
}

fn fetched() -> PathBuf {
    scratch::repo_root().join("target/roundtrip-specs")
}

fn spec_sets() -> Vec<SpecSet> {
    let shared = scratch::shared().join("specs");
    let npm = fetched();
    vec![
        SpecSet {
            label: "azure-ml-rest",
            dialect: "Swagger 2.0",
            root: shared.join("azure-rest-api-specs/specification"),
            files: vec![
                "machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2024-04-01/mfe.json",
                "machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2024-04-01/machineLearningServices.json",
                "machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2024-04-01/registries.json",
                "machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2024-04-01/workspaceFeatures.json",
            ],
            sample: true,
        },
        SpecSet {
            label: "azureml-cli-2021",
            dialect: "JSON Schema draft-07",
            root: shared.join("azureml-examples-cli-schemas-2021/cli/.schemas/jsons/latest"),
            files: vec![
                "batchDeployment.schema.json",
                "commandComponent.schema.json",
                "commandJob.schema.json",
                "pipelineJob.schema.json",
                "sweepJob.schema.json",
            ],
            sample: true,
        },
        SpecSet {
            label: "oas-examples-3.0",
            dialect: "OpenAPI 3.0",
            root: npm.join("readme-oas-examples/package/3.0/json"),
            files: vec![
                "petstore-expanded.json",
                "polymorphism.json",
                "schema-types.json",
                "complex-nesting.json",
                "discriminators.json",
            ],
            sample: true,
        },
        SpecSet {
            label: "oas-examples-3.1",
            dialect: "OpenAPI 3.1",
            root: npm.join("readme-oas-examples/package/3.1/json"),
            files: vec!["schema-types.json", "train-travel.json", "webhooks.json"],
            sample: true,
        },
        SpecSet {
            label: "vega-lite",
            dialect: "JSON Schema draft-07",
            root: npm.join("vega-lite/package/build"),
            files: vec!["vega-lite-schema.json"],
            sample: false,
        },
        SpecSet {
            label: "biome",
            dialect: "JSON Schema 2020-12",
            root: npm.join("biome/package"),
            files: vec!["configuration_schema.json"],
            sample: false,
        },
    ]
}

/// What a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    /// An instance the oracle accepts.
    Valid,
    /// A mutant the oracle refuses for its shape (type, keys, enum value) too.
    ShapeMutant,
    /// A mutant the oracle refuses only for a keyword check (pattern, bound, length).
    KeywordMutant,
}

/// One value to check against one generated type.
struct Case {
    ty: String,
    value: Value,
    kind: Kind,
    what: String,
}

/// Counts of one spec set.
#[derive(Default, Debug)]
struct Counts {
    definitions: usize,
    with_instances: usize,
    instances: usize,
    round_trips: usize,
    mutants: usize,
    mutants_refused: usize,
    /// Cases where deserializing decides as the validator does (valid instances that
    /// round-trip, shape mutants that do not deserialize).
    agree: usize,
    /// Mutants refused only for a keyword check (no serde expectation).
    keyword_only: usize,
    /// Definitions no proposal of the instance generator was valid for.
    without: Vec<String>,
    failures: Vec<String>,
    fallbacks: BTreeMap<String, usize>,
}

fn run_set(set: &SpecSet, full: bool) -> Option<Counts> {
    let files: Vec<PathBuf> = set.files.iter().map(|f| set.root.join(f)).collect();
    if let Some(missing) = files.iter().find(|f| !f.exists()) {
        println!(
            "{}: skipped, {} is not there (run codegen/scripts/fetch-roundtrip-specs.sh)",
            set.label,
            missing.display()
        );
        return None;
    }
    let out = azml_codegen::generate(&azml_codegen::Options {
        specs: files.clone(),
        root: Some(set.root.clone()),
        derives: Vec::new(),
    })
    .unwrap_or_else(|d| panic!("{}: generation failed:\n{d}", set.label));
    let defs = instances::definitions(&out.report.schemas);
    let module = set.label.replace(['-', '.'], "_");
    let krate = format!("azml-rt-{}", set.label.replace('.', "-"));
    let types: Vec<(String, String)> = defs
        .iter()
        .map(|(_, _, ty)| {
            let path = match ty.strip_prefix("Option<") {
                Some(inner) => format!("Option<{module}::{inner}"),
                None => format!("{module}::{ty}"),
            };
            (ty.clone(), path)
        })
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    let dir = roundtrip::build(&krate, &[(module.clone(), out.code.clone())], &types);
    let docs = Docs::load(&files);
    let tries = if full { 24 } else { 6 };
    let mut counts = Counts {
        definitions: defs.len(),
        fallbacks: out.report.fallback_reasons.clone(),
        ..Counts::default()
    };
    let mut cases: Vec<Case> = Vec::new();
    for (i, (file, ptr, ty)) in defs.iter().enumerate() {
        let abs = set.root.join(file);
        let (oracle, shape) = match (docs.oracle(&abs, ptr, false), docs.oracle(&abs, ptr, true)) {
            (Ok(o), Ok(s)) => (o, s),
            (Err(e), _) | (_, Err(e)) => {
                counts
                    .failures
                    .push(format!("{file}#{ptr}: the oracle cannot compile it: {e}"));
                continue;
            }
        };
        let mut gen = Gen::new(&docs, i as u64 + 1);
        let mut seen = BTreeSet::new();
        let mut mutated = 0;
        let mut why = String::from("no proposal");
        for _ in 0..tries {
            let Some(v) = gen.instance(&abs, ptr) else {
                continue;
            };
            if let Some(e) = oracle.iter_errors(&v).next() {
                why = format!("{} at {}", e, e.instance_path());
                continue;
            }
            if !seen.insert(v.to_string()) {
                continue;
            }
            if mutated < 2 {
                mutated += 1;
                for (what, m) in instances::mutants(&docs, &abs, ptr, &v) {
                    if !oracle.is_valid(&m) {
                        cases.push(Case {
                            ty: ty.clone(),
                            kind: if shape.is_valid(&m) {
                                Kind::KeywordMutant
                            } else {
                                Kind::ShapeMutant
                            },
                            what: format!("{file}#{ptr} {what}"),
                            value: m,
                        });
                    }
                }
            }
            cases.push(Case {
                ty: ty.clone(),
                value: v,
                kind: Kind::Valid,
                what: format!("{file}#{ptr}"),
            });
        }
        if seen.is_empty() {
            counts
                .without
                .push(format!("{}: {file}#{ptr}: {why}", set.label));
        } else {
            counts.with_instances += 1;
        }
    }
    let input: Vec<(String, Value)> = cases
        .iter()
        .map(|c| (c.ty.clone(), c.value.clone()))
        .collect();
    let got = roundtrip::run(&dir, &krate, &input);
    assert_eq!(got.len(), cases.len(), "{}", set.label);
    for (
        Case {
            value: v,
            kind,
            what,
            ..
        },
        o,
    ) in cases.iter().zip(&got)
    {
        if *kind != Kind::Valid {
            counts.mutants += 1;
            if o.valid() {
                counts
                    .failures
                    .push(format!("{what}: mutant accepted by the validator: {v}"));
            } else {
                counts.mutants_refused += 1;
            }
            // A value of the wrong shape does not deserialize either; one that breaks only a
            // keyword check (a pattern, a bound) is the validator's to refuse.
            match (kind, &o.back) {
                (Kind::ShapeMutant, Ok(b)) => counts.failures.push(format!(
                    "{what}: mutant of the wrong shape deserialized: {v} (as {b})"
                )),
                (Kind::ShapeMutant, Err(_)) => counts.agree += 1,
                _ => counts.keyword_only += 1,
            }
            continue;
        }
        counts.instances += 1;
        match &o.back {
            Ok(b) if o.valid() => match roundtrip::first_difference(v, b, "") {
                None => {
                    counts.round_trips += 1;
                    counts.agree += 1;
                }
                Some(d) => counts
                    .failures
                    .push(format!("{what}: {v} came back as {b} (at {d})")),
            },
            Ok(_) => counts.failures.push(format!(
                "{what}: {v} refused by the validator: {:?}",
                o.issues
            )),
            Err(e) => counts.failures.push(format!(
                "{what}: {v} does not deserialize: {e}; validator: {:?}",
                o.issues
            )),
        }
    }
    Some(counts)
}

#[test]
fn every_valid_instance_round_trips_and_every_mutant_is_refused() {
    let full = std::env::var("AZML_ROUNDTRIP").as_deref() == Ok("full");
    let mut total = Counts::default();
    let mut dialects = BTreeSet::new();
    let mut specs = 0;
    let mut failures = Vec::new();
    let only = std::env::var("AZML_ROUNDTRIP_ONLY").ok();
    let chosen = |s: &&SpecSet| only.as_deref().map_or(full || s.sample, |o| o == s.label);
    for set in spec_sets().iter().filter(chosen) {
        let Some(c) = run_set(set, full) else {
            continue;
        };
        println!(
            "{} ({}): {} definitions, {} with instances; {} instances, {} round trips; {} mutants, {} refused ({} for a keyword check only); serde agrees with the validator on {} of {}; {} failures; Value fallbacks {:?}",
            set.label, set.dialect, c.definitions, c.with_instances, c.instances, c.round_trips, c.mutants, c.mutants_refused, c.keyword_only, c.agree, c.instances + c.mutants - c.keyword_only, c.failures.len(), c.fallbacks
        );
        specs += 1;
        dialects.insert(set.dialect);
        total.definitions += c.definitions;
        total.with_instances += c.with_instances;
        total.instances += c.instances;
        total.round_trips += c.round_trips;
        total.mutants += c.mutants;
        total.mutants_refused += c.mutants_refused;
        total.agree += c.agree;
        total.keyword_only += c.keyword_only;
        total.without.extend(c.without);
        for (k, n) in c.fallbacks {
            *total.fallbacks.entry(k).or_default() += n;
        }
        failures.extend(
            c.failures
                .into_iter()
                .map(|f| format!("{}: {f}", set.label)),
        );
    }
    println!(
        "total: {specs} spec sets, {} dialects; {} definitions, {} with instances; {} instances, {} round trips; {} mutants, {} refused ({} for a keyword check only); serde agrees with the validator on {} of {}; {} failures; Value fallbacks {:?}",
        dialects.len(), total.definitions, total.with_instances, total.instances, total.round_trips, total.mutants, total.mutants_refused, total.keyword_only, total.agree, total.instances + total.mutants - total.keyword_only, failures.len(), total.fallbacks
    );
    let tmp = std::path::Path::new(env!("CARGO_TARGET_TMPDIR"));
    let list = tmp.join("roundtrip-failures.txt");
    std::fs::write(&list, failures.join("\n")).expect("write the failure list");
    let without = tmp.join("roundtrip-without-instances.txt");
    std::fs::write(&without, total.without.join("\n")).expect("write the list");
    println!(
        "definitions without a valid instance listed in {}",
        without.display()
    );
    for f in failures.iter().take(40) {
        println!("  {f}");
    }
    assert!(
        failures.is_empty(),
        "{} failures (first ones above, all in {})",
        failures.len(),
        list.display()
    );
    assert!(total.instances > 0, "no instance was generated");
}
