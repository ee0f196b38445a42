//! Tabular inputs: delimited and parquet files through an MLTable, cut by
//! bytes within files, and partition keys. They need pandas and pyarrow
//! (`AZML_RUNNER_PYTHON`, see `common::tabular_python`).

mod common;

use std::path::Path;

use azml_runner::Ending;
use common::{sorted, tabular_python, Fixture};

const MLTABLE_CSV: &str = "paths:\n  - pattern: ./*.csv\ntransformations:\n  - read_delimited:\n      delimiter: ','\n      header: all_files_same_headers\n      encoding: utf8\n";

/// `run()` returns the DataFrame it got, tagged with the mini-batch index.
const TAG_ROWS: &str = r#"
def run(mini_batch, context):
    frame = mini_batch.copy()
    frame["batch"] = context.minibatch_index
    return frame
"#;

fn csv_tables(f: &Fixture) {
    for (file, rows) in [("a", 40), ("b", 25)] {
        let mut text = String::from("src,n,label\n");
        for n in 0..rows {
            text.push_str(&format!("{file},{n},\"x, {n}\"\n"));
        }
        f.write(&format!("data/{file}.csv"), &text);
    }
    f.write("data/MLTable", MLTABLE_CSV);
}

/// The rows as (src, n, batch): `to_csv(sep=" ")` quotes the label, which holds a space.
fn parsed(rows: &[String]) -> Vec<(String, u64, u64)> {
    rows.iter()
        .map(|r| {
            let parts: Vec<&str> = r.split('"').collect();
            let head: Vec<&str> = parts[0].split_whitespace().collect();
            (
                head[0].to_owned(),
                head[1].parse().unwrap(),
                parts[2].trim().parse().unwrap(),
            )
        })
        .collect()
}

#[test]
fn delimited_files_are_cut_by_bytes_and_never_across_files() {
    let Some(python) = tabular_python() else {
        return;
    };
    let f = Fixture::new();
    csv_tables(&f);
    f.script(TAG_ROWS);
    let mut options = f.options(&f.component_with_input("mltable", "mini_batch_size: \"200\"", ""));
    options.python = Some(python);
    let outcome = f.run(&options);
    assert_eq!(outcome.ending, Ending::Succeeded);
    let rows = parsed(&f.rows());
    assert_eq!(rows.len(), 65);
    assert_eq!(outcome.counts.succeeded_items, 65);
    let mut keys: Vec<(String, u64)> = rows.iter().map(|(s, n, _)| (s.clone(), *n)).collect();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), 65, "each row once");
    // About 200 bytes (~13 rows) each: several mini-batches per file, none with rows of both files.
    assert!(outcome.counts.batches >= 5, "{}", outcome.counts.batches);
    for batch in 0..outcome.counts.batches {
        let mut sources: Vec<&str> = rows
            .iter()
            .filter(|r| r.2 == batch)
            .map(|r| r.0.as_str())
            .collect();
        sources.dedup();
        assert_eq!(sources.len(), 1, "mini-batch {batch}: {sources:?}");
    }
}

#[test]
fn a_size_in_kb_is_converted_and_small_files_are_one_mini_batch() {
    let Some(python) = tabular_python() else {
        return;
    };
    let f = Fixture::new();
    csv_tables(&f);
    f.script(TAG_ROWS);
    let mut options = f.options(&f.component_with_input("mltable", "mini_batch_size: \"1kb\"", ""));
    options.python = Some(python);
    let outcome = f.run(&options);
    // Both files are under 1024 bytes: one mini-batch each.
    assert_eq!(outcome.counts.batches, 2);
    assert_eq!(f.rows().len(), 65);
}

fn write_parquet(python: &Path, path: &Path, rows: usize, group: usize) {
    let code = format!(
        "import pyarrow as pa, pyarrow.parquet as pq\npq.write_table(pa.table({{'n': list(range({rows}))}}), {:?}, row_group_size={group})",
        path.display().to_string()
    );
    let status = std::process::Command::new(python)
        .args(["-c", &code])
        .status()
        .unwrap();
    assert!(status.success());
}

#[test]
fn parquet_files_are_cut_at_row_groups() {
    let Some(python) = tabular_python() else {
        return;
    };
    let f = Fixture::new();
    write_parquet(&python, &f.path("data/t.parquet"), 40, 10);
    f.write(
        "data/MLTable",
        "paths:\n  - file: ./t.parquet\ntransformations:\n  - read_parquet\n",
    );
    f.script(
        "def run(mini_batch):\n    return [int(mini_batch.n.min()), int(mini_batch.n.max())]\n",
    );
    let mut options = f.options(&f.component_with_input("mltable", "mini_batch_size: \"1\"", ""));
    options.python = Some(python);
    let outcome = f.run(&options);
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(outcome.counts.batches, 4);
    assert_eq!(
        sorted(f.rows()),
        sorted(
            ["0", "9", "10", "19", "20", "29", "30", "39"]
                .map(String::from)
                .into()
        )
    );
    // Two results for ten rows: the rest count as failed items.
    assert_eq!(outcome.counts.failed_items, 32);
}

#[test]
fn partition_keys_give_one_mini_batch_per_combination() {
    let Some(python) = tabular_python() else {
        return;
    };
    let f = Fixture::new();
    let mut first = String::from("Store,Brand,Qty\n");
    let mut second = first.clone();
    for i in 0..30 {
        let line = format!("{},{},{i}\n", i % 3, ["tropicana", "dominicks"][i % 2]);
        if i < 18 {
            first.push_str(&line);
        } else {
            second.push_str(&line);
        }
    }
    f.write("data/part1.csv", &first);
    f.write("data/part2.csv", &second);
    f.write("data/MLTable", MLTABLE_CSV);
    f.script(
        r#"
def run(mini_batch, context):
    keys = context.partition_key_value
    assert (mini_batch.Store == keys["Store"]).all() and (mini_batch.Brand == keys["Brand"]).all()
    return ["%s %s %d %d" % (keys["Store"], keys["Brand"], len(mini_batch), mini_batch.Qty.sum())]
"#,
    );
    let settings = "partition_keys: [Store, Brand]\nmini_batch_size: \"1\"";
    let mut options = f.options(&f.component_with_input("mltable", settings, ""));
    options.python = Some(python);
    let outcome = f.run(&options);
    assert_eq!(outcome.ending, Ending::Succeeded);
    assert_eq!(outcome.counts.batches, 6);
    let mut expected = Vec::new();
    for store in 0..3 {
        for (b, brand) in ["tropicana", "dominicks"].iter().enumerate() {
            let qty: Vec<usize> = (0..30).filter(|i| i % 3 == store && i % 2 == b).collect();
            expected.push(format!(
                "{store} {brand} {} {}",
                qty.len(),
                qty.iter().sum::<usize>()
            ));
        }
    }
    assert_eq!(sorted(f.rows()), sorted(expected));
    // The partition mini-batch counts its rows as items; one result for 5 rows.
    assert_eq!(outcome.counts.succeeded_items, 6);
}

#[test]
fn partition_keys_missing_from_the_table_are_named() {
    let Some(python) = tabular_python() else {
        return;
    };
    let f = Fixture::new();
    csv_tables(&f);
    f.script(TAG_ROWS);
    let mut options = f.options(&f.component_with_input("mltable", "partition_keys: [Store]", ""));
    options.python = Some(python);
    let err = azml_runner::run(&options).unwrap_err();
    assert!(err.contains("has no column Store"), "{err}");
}

#[test]
fn without_pandas_tabular_inputs_name_the_package() {
    let f = Fixture::new();
    csv_tables(&f);
    f.script(TAG_ROWS);
    // `-S`: no site-packages, so no pandas, whatever this machine has installed.
    let wrapper = f.write("python-without-site", "#!/bin/sh\nexec python3 -S \"$@\"\n");
    std::fs::set_permissions(
        &wrapper,
        std::os::unix::fs::PermissionsExt::from_mode(0o755),
    )
    .unwrap();
    let mut options = f.options(&f.component_with_input("mltable", "", ""));
    options.python = Some(wrapper);
    let err = azml_runner::run(&options).unwrap_err();
    assert!(
        err.starts_with("pandas is needed for tabular (mltable) inputs"),
        "{err}"
    );
}
