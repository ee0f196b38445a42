//! `task.program_arguments` → the entry script's `sys.argv[1:]`.
//!
//! - `$[[ ... ]]` is an optional group: kept (without its brackets) when
//!   every `${{inputs.x}}` in it has a value, dropped whole otherwise.
//!   azure-ai-ml itself only validates this (`_validate_inputs_for` in
//!   `entities/_job/_input_output_helpers.py`: an input referenced inside
//!   brackets need not be given; any other reference must be); the service
//!   drops the group, as Microsoft's docs for optional inputs describe.
//! - The text is split into words as a POSIX shell does (quotes, backslash),
//!   since the service runs the command line through a shell; then
//!   `${{inputs.x}}` and `${{outputs.y}}` in each word become their values,
//!   so a path with spaces stays one argument.

use std::collections::BTreeMap;
use std::path::PathBuf;

/// The values bindings resolve to.
pub struct Bindings<'a> {
    /// Inputs with a value: their text (a local path or a literal).
    pub inputs: &'a BTreeMap<String, String>,
    /// Outputs: their local paths.
    pub outputs: &'a BTreeMap<String, PathBuf>,
}

/// The argument list of `template`.
///
/// # Errors
/// An unclosed quote or group, a binding to an unknown or absent input
/// outside an optional group, or a binding of another kind.
pub fn resolve(template: &str, bindings: &Bindings<'_>) -> Result<Vec<String>, String> {
    let kept = optional_groups(template, bindings)?;
    split_words(&kept)?
        .into_iter()
        .map(|word| substitute(&word, bindings))
        .collect()
}

/// Keeps or drops each `$[[...]]` group.
fn optional_groups(template: &str, bindings: &Bindings<'_>) -> Result<String, String> {
    let mut out = String::with_capacity(template.len());
    let mut rest = template;
    while let Some(start) = rest.find("$[[") {
        out.push_str(&rest[..start]);
        let inner_start = start + 3;
        let Some(len) = rest[inner_start..].find("]]") else {
            return Err(format!(
                "program_arguments: unclosed optional group: {}",
                &rest[start..]
            ));
        };
        let inner = &rest[inner_start..inner_start + len];
        let all_present = references(inner)
            .filter_map(|name| name.strip_prefix("inputs."))
            .all(|name| bindings.inputs.contains_key(name));
        if all_present {
            out.push_str(inner);
        }
        rest = &rest[inner_start + len + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// The `x.y` of each `${{x.y}}` in `text`.
fn references(text: &str) -> impl Iterator<Item = &str> {
    text.match_indices("${{").filter_map(move |(i, _)| {
        let after = &text[i + 3..];
        after.find("}}").map(|end| after[..end].trim())
    })
}

/// Replaces the bindings of one word.
fn substitute(word: &str, bindings: &Bindings<'_>) -> Result<String, String> {
    let mut out = String::with_capacity(word.len());
    let mut rest = word;
    while let Some(start) = rest.find("${{") {
        out.push_str(&rest[..start]);
        let after = &rest[start + 3..];
        let Some(end) = after.find("}}") else {
            return Err(format!("program_arguments: unclosed binding in {word:?}"));
        };
        let name = after[..end].trim();
        if let Some(input) = name.strip_prefix("inputs.") {
            let value = bindings.inputs.get(input).ok_or_else(|| {
                format!(
                    "program_arguments: input {input:?} has no value (a reference outside $[[...]] needs one; give it with --input {input}=VALUE)"
                )
            })?;
            out.push_str(value);
        } else if let Some(output) = name.strip_prefix("outputs.") {
            let path = bindings
                .outputs
                .get(output)
                .ok_or_else(|| format!("program_arguments: no output {output:?}"))?;
            out.push_str(&path.to_string_lossy());
        } else {
            return Err(format!(
                "program_arguments: ${{{{{name}}}}} is not an input or output binding"
            ));
        }
        rest = &after[end + 2..];
    }
    out.push_str(rest);
    Ok(out)
}

/// POSIX shell word splitting: blanks separate words; `'...'` is literal;
/// in `"..."` a backslash escapes `"`, `\`, `$` and `` ` ``; elsewhere a
/// backslash escapes the next character.
fn split_words(text: &str) -> Result<Vec<String>, String> {
    let mut words = Vec::new();
    let mut word = String::new();
    let mut in_word = false;
    let mut chars = text.chars();
    while let Some(c) = chars.next() {
        match c {
            ' ' | '\t' | '\n' | '\r' => {
                if in_word {
                    words.push(std::mem::take(&mut word));
                    in_word = false;
                }
            }
            '\'' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err(unclosed(text)),
                    }
                }
            }
            '"' => {
                in_word = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => return Err(unclosed(text)),
                        },
                        Some(c) => word.push(c),
                        None => return Err(unclosed(text)),
                    }
                }
            }
            '\\' => {
                in_word = true;
                if let Some(c) = chars.next() {
                    word.push(c);
                }
            }
            c => {
                in_word = true;
                word.push(c);
            }
        }
    }
    if in_word {
        words.push(word);
    }
    Ok(words)
}

fn unclosed(text: &str) -> String {
    format!("program_arguments: unclosed quote in {text:?}")
}

/// The value of a `--name value` or `--name=value` option among the arguments (the last one wins).
pub fn option_value<'a>(args: &'a [String], name: &str) -> Option<&'a str> {
    let flag = format!("--{name}");
    let mut found = None;
    let mut iter = args.iter();
    while let Some(arg) = iter.next() {
        if *arg == flag {
            found = iter.next().map(String::as_str);
        } else if let Some(v) = arg.strip_prefix(&flag).and_then(|r| r.strip_prefix('=')) {
            found = Some(v);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(template: &str, inputs: &[(&str, &str)]) -> Result<Vec<String>, String> {
        let inputs = inputs
            .iter()
            .map(|(k, v)| ((*k).to_owned(), (*v).to_owned()))
            .collect();
        let outputs = [("out".to_owned(), PathBuf::from("/runs/out dir"))]
            .into_iter()
            .collect();
        resolve(
            template,
            &Bindings {
                inputs: &inputs,
                outputs: &outputs,
            },
        )
    }

    #[test]
    fn groups_are_kept_or_dropped_by_their_inputs() {
        let t = "--a ${{inputs.a}} $[[--b ${{inputs.b}}]] --o ${{outputs.out}}";
        assert_eq!(
            run(t, &[("a", "1")]).unwrap(),
            ["--a", "1", "--o", "/runs/out dir"]
        );
        assert_eq!(
            run(t, &[("a", "1"), ("b", "x y")]).unwrap(),
            ["--a", "1", "--b", "x y", "--o", "/runs/out dir"]
        );
        let err = run(t, &[("b", "2")]).unwrap_err();
        assert!(err.contains("input \"a\" has no value"), "{err}");
    }

    #[test]
    fn words_split_as_a_shell_does() {
        assert_eq!(
            run(
                r#"--x 'a b' "c \"d\"" e\ f --n=${{inputs.a}}"#,
                &[("a", "3")]
            )
            .unwrap(),
            ["--x", "a b", "c \"d\"", "e f", "--n=3"]
        );
        assert!(run("--x 'a", &[]).is_err());
        assert!(run("$[[--x", &[]).is_err());
        assert!(run("${{jobs.x}}", &[]).is_err());
    }

    #[test]
    fn options_are_found_in_both_spellings() {
        let args: Vec<String> = [
            "--allowed_failed_percent",
            "30",
            "--task_overhead_timeout=5",
        ]
        .map(String::from)
        .into();
        assert_eq!(option_value(&args, "allowed_failed_percent"), Some("30"));
        assert_eq!(option_value(&args, "task_overhead_timeout"), Some("5"));
        assert_eq!(option_value(&args, "missing"), None);
    }
}
