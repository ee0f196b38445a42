//! The mini-batches of a run, decided once before any runs and saved in the
//! run folder, so that `--resume` continues the same plan.
//!
//! - `uri_folder`: the files below the folder, `mini_batch_size` files each
//!   (sizes ignored); `uri_file`: the one file; an MLTable without a read
//!   transformation: its files.
//! - Tabular (`mltable` with `read_delimited` or `read_parquet`): about
//!   `mini_batch_size` bytes each, never across files; delimited files are cut
//!   at record boundaries, parquet files at row groups.
//! - `partition_keys`: one mini-batch per distinct combination of the keys'
//!   values, in order of first appearance (found by the Python probe).

pub mod csv;
pub mod files;
pub mod mltable;

use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};
use serde_json::Value;

pub use mltable::TableFormat;

use crate::python::Python;
use crate::settings::{Settings, DEFAULT_FILES_PER_BATCH, DEFAULT_TABULAR_BATCH_BYTES};

/// What one mini-batch holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Batch {
    /// Full file paths: `run()` gets them as a list of strings.
    Files {
        /// The paths.
        files: Vec<String>,
    },
    /// A byte range of a delimited file, whole records.
    Csv {
        /// The file.
        file: String,
        /// End of the header line (0: none).
        header_end: u64,
        /// First byte.
        start: u64,
        /// One past the last byte.
        end: u64,
        /// Records.
        rows: u64,
    },
    /// Row groups of a parquet file.
    Parquet {
        /// The file.
        file: String,
        /// The row groups' indexes.
        row_groups: Vec<usize>,
        /// Rows.
        rows: u64,
    },
    /// The rows of the files whose partition keys have these values.
    Partition {
        /// The files holding such rows.
        files: Vec<String>,
        /// The keys' values, by key.
        key_values: serde_json::Map<String, Value>,
        /// Rows.
        rows: u64,
    },
}

impl Batch {
    /// Items: files, or rows of a table.
    pub fn items(&self) -> u64 {
        match self {
            Batch::Files { files } => files.len() as u64,
            Batch::Csv { rows, .. }
            | Batch::Parquet { rows, .. }
            | Batch::Partition { rows, .. } => *rows,
        }
    }

    /// A short description for the report.
    pub fn detail(&self) -> String {
        match self {
            Batch::Files { files } => match files.as_slice() {
                [] => String::new(),
                [one] => one.clone(),
                [first, .., last] => format!("{} files: {first} .. {last}", files.len()),
            },
            Batch::Csv {
                file, start, end, ..
            } => format!("{file} bytes {start}-{end}"),
            Batch::Parquet {
                file, row_groups, ..
            } => format!("{file} row groups {row_groups:?}"),
            Batch::Partition { key_values, .. } => key_values
                .iter()
                .map(|(k, v)| format!("{k}={v}"))
                .collect::<Vec<_>>()
                .join(" "),
        }
    }
}

/// The mini-batches of a run and how tables are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Plan {
    /// The input that was split.
    pub input: String,
    /// Its local path.
    pub path: PathBuf,
    /// How table files are read; `None` for file lists.
    pub table: Option<TableFormat>,
    /// The mini-batches; a mini-batch's id is its index.
    pub batches: Vec<Batch>,
}

/// The data input to split: its name, type and path.
pub struct DataInput<'a> {
    /// The input's name.
    pub name: &'a str,
    /// `uri_folder`, `uri_file`, `mltable`.
    pub kind: &'a str,
    /// Its local path.
    pub path: &'a Path,
}

/// Splits `input` into mini-batches.
///
/// # Errors
/// A missing or unreadable input, keys on a file input, a probe failure
/// (pandas or pyarrow missing, a key not in the table).
pub fn build(input: &DataInput<'_>, settings: &Settings, python: &Python) -> Result<Plan, String> {
    let path = input.path;
    if !path.exists() {
        return Err(format!(
            "input {}: {} does not exist",
            input.name,
            path.display()
        ));
    }
    let (files, table) = match input.kind {
        "uri_file" => {
            if !path.is_file() {
                return Err(format!(
                    "input {} is a uri_file but {} is not a file",
                    input.name,
                    path.display()
                ));
            }
            (vec![path.to_path_buf()], None)
        }
        "uri_folder" => {
            if !path.is_dir() {
                return Err(format!(
                    "input {} is a uri_folder but {} is not a folder",
                    input.name,
                    path.display()
                ));
            }
            (files::walk(path)?, None)
        }
        "mltable" => {
            let table = mltable::read(path)?;
            (table.files, table.format)
        }
        other => {
            return Err(format!(
                "input {} is a {other}: azml run splits uri_folder, uri_file and mltable inputs",
                input.name
            ))
        }
    };
    let batches = match &table {
        None if !settings.partition_keys.is_empty() => {
            return Err(format!(
                "partition_keys need a tabular input (an MLTable with read_delimited or read_parquet); input {} is a file list",
                input.name
            ))
        }
        None => file_batches(&files, settings.mini_batch_size),
        Some(format) => {
            python.check_tabular(format)?;
            if settings.partition_keys.is_empty() {
                table_batches(&files, format, settings.mini_batch_size, python)?
            } else {
                python.partitions(&files, format, &settings.partition_keys)?
            }
        }
    };
    Ok(Plan {
        input: input.name.to_owned(),
        path: path.to_path_buf(),
        table,
        batches,
    })
}

fn file_batches(files: &[PathBuf], size: u64) -> Vec<Batch> {
    let size = if size == 0 {
        DEFAULT_FILES_PER_BATCH
    } else {
        size
    } as usize;
    files
        .chunks(size)
        .map(|chunk| Batch::Files {
            files: chunk
                .iter()
                .map(|p| p.to_string_lossy().into_owned())
                .collect(),
        })
        .collect()
}

fn table_batches(
    files: &[PathBuf],
    format: &TableFormat,
    size: u64,
    python: &Python,
) -> Result<Vec<Batch>, String> {
    let size = if size == 0 {
        DEFAULT_TABULAR_BATCH_BYTES
    } else {
        size
    };
    let mut batches = Vec::new();
    match format {
        TableFormat::Delimited { header, .. } => {
            for file in files {
                let name = file.to_string_lossy().into_owned();
                for c in csv::chunks(file, *header, size)? {
                    batches.push(Batch::Csv {
                        file: name.clone(),
                        header_end: c.header_end,
                        start: c.start,
                        end: c.end,
                        rows: c.rows,
                    });
                }
            }
        }
        TableFormat::Parquet => {
            for (file, groups) in files.iter().zip(python.row_groups(files)?) {
                let name = file.to_string_lossy().into_owned();
                let mut current: Vec<usize> = Vec::new();
                let (mut bytes, mut rows) = (0u64, 0u64);
                for (i, (group_rows, group_bytes)) in groups.into_iter().enumerate() {
                    current.push(i);
                    bytes += group_bytes;
                    rows += group_rows;
                    if bytes >= size {
                        batches.push(Batch::Parquet {
                            file: name.clone(),
                            row_groups: std::mem::take(&mut current),
                            rows,
                        });
                        bytes = 0;
                        rows = 0;
                    }
                }
                if !current.is_empty() && rows > 0 {
                    batches.push(Batch::Parquet {
                        file: name.clone(),
                        row_groups: current,
                        rows,
                    });
                }
            }
        }
    }
    Ok(batches)
}
