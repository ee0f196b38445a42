//! Generation of the official Azure ML 2024-04-01 set (load to formatted text).

use std::path::{Path, PathBuf};

const VERSION_DIR: &str = "../../shared/specs/azure-rest-api-specs/specification/machinelearningservices/resource-manager/Microsoft.MachineLearningServices/stable/2024-04-01";

fn options() -> azml_codegen::Options {
    let base = Path::new(env!("CARGO_MANIFEST_DIR"));
    let dir = base.join(VERSION_DIR);
    let specs: Vec<PathBuf> = [
        "mfe.json",
        "machineLearningServices.json",
        "registries.json",
        "workspaceFeatures.json",
    ]
    .iter()
    .map(|f| dir.join(f))
    .collect();
    azml_codegen::Options {
        specs,
        root: Some(base.join("../../shared/specs/azure-rest-api-specs/specification")),
        derives: Vec::new(),
    }
}

fn main() {
    divan::main();
}

/// The whole pipeline: read the four files (and common-types), convert, name, emit, format.
#[divan::bench(sample_count = 10)]
fn official_2024_04_01() -> usize {
    let out = azml_codegen::generate(&options()).expect("official spec generates");
    out.code.len()
}
