//! An `mltable` input: an `MLTable` file (or a folder holding one) that lists
//! `paths` (`file`, `folder`, `pattern`) and how to read them
//! (`read_delimited`, `read_parquet`); without a read transformation the
//! table is a list of files, batched as files. A folder without an `MLTable`
//! file is read as its `*.csv` or `*.parquet` files.

use std::path::{Path, PathBuf};

use azml::Value;
use serde::{Deserialize, Serialize};

use super::files;

/// How the files of a table are read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "format", rename_all = "snake_case")]
pub enum TableFormat {
    /// `read_delimited`.
    Delimited {
        /// The column separator.
        delimiter: String,
        /// Whether each file starts with a header line (`all_files_same_headers`) or none has one (`no_header`).
        header: bool,
        /// Python's codec name.
        encoding: String,
    },
    /// `read_parquet`.
    Parquet,
}

/// The files of an `mltable` input and how to read them (`None`: a file list).
#[derive(Debug, Clone, PartialEq)]
pub struct Table {
    /// The files, in the order the MLTable lists them.
    pub files: Vec<PathBuf>,
    /// How to read them; `None` when the MLTable has no read transformation.
    pub format: Option<TableFormat>,
}

/// Reads the `mltable` input at `path`.
///
/// # Errors
/// A missing or malformed MLTable, a remote path, an unsupported transformation.
pub fn read(path: &Path) -> Result<Table, String> {
    if path.is_dir() {
        let mltable = path.join("MLTable");
        if mltable.is_file() {
            return read_file(&mltable);
        }
        return folder_of_tables(path);
    }
    if path.file_name().is_some_and(|n| n == "MLTable") {
        return read_file(path);
    }
    let format = match path.extension().and_then(|e| e.to_str()) {
        Some("parquet") => TableFormat::Parquet,
        _ => default_delimited(),
    };
    Ok(Table {
        files: vec![path.to_path_buf()],
        format: Some(format),
    })
}

fn default_delimited() -> TableFormat {
    TableFormat::Delimited {
        delimiter: ",".into(),
        header: true,
        encoding: "utf-8".into(),
    }
}

/// A folder of `*.csv` or `*.parquet` files (not both).
fn folder_of_tables(dir: &Path) -> Result<Table, String> {
    let all = files::walk(dir)?;
    let with = |ext: &str| -> Vec<PathBuf> {
        all.iter()
            .filter(|p| p.extension().is_some_and(|e| e == ext))
            .cloned()
            .collect()
    };
    let (csv, parquet) = (with("csv"), with("parquet"));
    match (csv.is_empty(), parquet.is_empty()) {
        (false, true) => Ok(Table {
            files: csv,
            format: Some(default_delimited()),
        }),
        (true, false) => Ok(Table {
            files: parquet,
            format: Some(TableFormat::Parquet),
        }),
        (true, true) => Err(format!(
            "{}: an mltable input needs an MLTable file or *.csv / *.parquet files; found neither",
            dir.display()
        )),
        (false, false) => Err(format!(
            "{}: holds both *.csv and *.parquet files and no MLTable file saying which to read",
            dir.display()
        )),
    }
}

fn read_file(path: &Path) -> Result<Table, String> {
    let doc = azml::yaml::parse_path(path).map_err(|e| e.to_string())?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let at = |what: &str| format!("{}: {what}", path.display());
    let paths = doc
        .value
        .get("paths")
        .and_then(Value::as_array)
        .ok_or_else(|| at("paths: expected a list of file, folder or pattern entries"))?;
    let mut files = Vec::new();
    for (i, entry) in paths.iter().enumerate() {
        let (kind, text) = entry
            .as_object()
            .and_then(|m| m.iter().next())
            .and_then(|(k, v)| v.as_str().map(|s| (k.as_str(), s)))
            .ok_or_else(|| at(&format!("paths[{i}]: expected file:, folder: or pattern:")))?;
        if text.contains("://") || text.starts_with("azureml:") {
            return Err(at(&format!(
                "paths[{i}]: {text} is not a local path (azml run reads local data only)"
            )));
        }
        let local = dir.join(text.strip_prefix("file:").unwrap_or(text));
        match kind {
            "file" => {
                if !local.is_file() {
                    return Err(at(&format!("paths[{i}]: no file {}", local.display())));
                }
                files.push(local);
            }
            "folder" => files.extend(files::walk(&local)?),
            "pattern" => files.extend(files::glob(dir, text)?),
            other => {
                return Err(at(&format!(
                    "paths[{i}]: {other}: expected file, folder or pattern"
                )))
            }
        }
    }
    let mut format = None;
    for (i, step) in doc
        .value
        .get("transformations")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .enumerate()
    {
        let (name, options) = match step {
            Value::String(name) => (name.as_str(), &Value::Null),
            Value::Object(map) if map.len() == 1 => {
                let (k, v) = map.iter().next().expect("one entry");
                (k.as_str(), v)
            }
            _ => {
                return Err(at(&format!(
                    "transformations[{i}]: expected a transformation"
                )))
            }
        };
        format = Some(match name {
            "read_delimited" => delimited(options).map_err(|e| at(&format!("transformations[{i}].read_delimited: {e}")))?,
            "read_parquet" => TableFormat::Parquet,
            other => {
                return Err(at(&format!(
                    "transformations[{i}]: {other} is not supported by azml run (read_delimited and read_parquet are)"
                )))
            }
        });
    }
    Ok(Table { files, format })
}

/// `read_delimited`'s options.
fn delimited(options: &Value) -> Result<TableFormat, String> {
    let text = |key: &str| options.get(key).and_then(Value::as_str);
    let header = match text("header").unwrap_or("all_files_same_headers") {
        "all_files_same_headers" => true,
        "no_header" => false,
        other => {
            return Err(format!(
                "header {other}: azml run reads all_files_same_headers and no_header"
            ))
        }
    };
    let encoding = match text("encoding").unwrap_or("utf8") {
        "utf8" => "utf-8",
        "utf8bom" => "utf-8-sig",
        "ascii" => "ascii",
        "latin1" | "iso88591" => "latin-1",
        "windows1252" => "cp1252",
        other => {
            return Err(format!(
                "encoding {other}: azml run reads utf8, utf8bom, ascii, latin1, iso88591 and windows1252"
            ))
        }
    };
    Ok(TableFormat::Delimited {
        delimiter: text("delimiter").unwrap_or(",").to_owned(),
        header,
        encoding: encoding.to_owned(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_paths_and_the_read_transformation() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join("a.csv"), "x\n1\n").unwrap();
        std::fs::create_dir(dir.path().join("more")).unwrap();
        std::fs::write(dir.path().join("more/b.csv"), "x\n2\n").unwrap();
        std::fs::write(
            dir.path().join("MLTable"),
            "paths:\n  - file: ./a.csv\n  - pattern: ./more/*.csv\ntransformations:\n  - read_delimited:\n      delimiter: ';'\n      encoding: ascii\n",
        )
        .unwrap();
        let table = read(dir.path()).unwrap();
        assert_eq!(table.files.len(), 2);
        assert_eq!(
            table.format,
            Some(TableFormat::Delimited {
                delimiter: ";".into(),
                header: true,
                encoding: "ascii".into()
            })
        );
        std::fs::write(dir.path().join("MLTable"), "paths:\n  - file: ./a.csv\n").unwrap();
        assert_eq!(read(dir.path()).unwrap().format, None);
        std::fs::write(
            dir.path().join("MLTable"),
            "paths:\n  - file: ./a.csv\ntransformations:\n  - take: 5\n",
        )
        .unwrap();
        let err = read(dir.path()).unwrap_err();
        assert!(err.contains("take is not supported"), "{err}");
    }
}
