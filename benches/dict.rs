//! Dict access on a 7-field struct shaped like `ParallelTask`: `get` of a
//! string field, `keys()`, `items()`, `update` of three keys.
//!
//! Run with `cargo bench --bench dict`.

use azml::{DictMixin, Value};
use divan::{black_box, Bencher};

#[derive(DictMixin, Clone, Default)]
struct Task {
    r#type: Option<String>,
    code: Option<String>,
    entry_script: Option<String>,
    program_arguments: Option<String>,
    model: Option<String>,
    append_row_to: Option<String>,
    environment: Option<String>,
}

fn task() -> Task {
    Task {
        r#type: Some("run_function".into()),
        code: Some("./src".into()),
        entry_script: Some("score.py".into()),
        program_arguments: Some("--model ${{inputs.model}}".into()),
        model: None,
        append_row_to: Some("${{outputs.scores}}".into()),
        environment: Some("azureml:env:1".into()),
    }
}

fn main() {
    divan::main();
}

#[divan::bench]
fn get_string_field(bencher: Bencher) {
    let task = task();
    bencher.bench_local(|| black_box(&task).get(black_box("entry_script")));
}

#[divan::bench]
fn keys(bencher: Bencher) {
    let task = task();
    bencher.bench_local(|| black_box(&task).keys().count());
}

#[divan::bench]
fn items(bencher: Bencher) {
    let task = task();
    bencher.bench_local(|| black_box(&task).items());
}

#[divan::bench]
fn update_three_keys(bencher: Bencher) {
    let task = task();
    bencher
        .with_inputs(|| {
            (
                task.clone(),
                [
                    ("code", Value::from("./other")),
                    ("model", Value::from("azureml:m:1")),
                    ("environment", Value::from("azureml:env:2")),
                ],
            )
        })
        .bench_local_values(|(mut task, pairs)| {
            task.update(pairs).unwrap();
            task
        });
}
