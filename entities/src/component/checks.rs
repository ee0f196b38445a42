//! What `Component._validate()` checks on every component kind beyond its
//! schema: input and output names (`Component._validate_io_names`), and
//! whether its code can be used (a git URL cannot, outside private preview:
//! `CodeField`'s `GitStr` refuses it when `_validate()` dumps the component).

use crate::fields::{CodeKind, CodeRef};
use azml::validate::{escape_segment, Issue};

/// `IOConstants.VALID_KEY_PATTERN`: dotted identifiers.
pub(crate) fn valid_io_name(name: &str) -> bool {
    !name.is_empty()
        && name.split('.').all(|part| {
            let mut chars = part.chars();
            chars
                .next()
                .is_some_and(|c| c.is_ascii_alphabetic() || c == '_')
                && chars.all(|c| c.is_ascii_alphanumeric() || c == '_')
        })
}

/// `Component._validate_io_names`: each name valid, no two equal ignoring
/// case. Python files both inputs' and outputs' problems under `inputs.`.
pub(crate) fn io_names<'a>(names: impl Iterator<Item = &'a String>, issues: &mut Vec<Issue>) {
    let mut seen: Vec<(String, &str)> = Vec::new();
    for name in names {
        let at = format!("/inputs/{}", escape_segment(name));
        if !valid_io_name(name) {
            issues.push(Issue::on_key(
                at.clone(),
                format!("'{name}' is not a valid parameter name, must be composed letters, numbers, and underscores."),
            ));
        }
        let lower = name.to_lowercase();
        match seen.iter().find(|(l, _)| *l == lower) {
            Some((_, first)) => issues.push(Issue::on_key(
                at,
                format!("Invalid component input names '{name}' and '{first}', which are equal ignore case."),
            )),
            None => seen.push((lower, name)),
        }
    }
}

/// A git `code` is refused by `_validate()`; `at` is the field's pointer.
pub(crate) fn git_code(code: Option<&CodeRef>, at: &str, issues: &mut Vec<Issue>) {
    if code.is_some_and(|c| c.kind() == CodeKind::Git) {
        issues.push(Issue::new(
            at,
            "Not a valid code value: git paths are not supported.",
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::valid_io_name;

    #[test]
    fn io_names_follow_python_pattern() {
        for ok in ["a", "_x", "data_in", "group.sub_1"] {
            assert!(valid_io_name(ok), "{ok}");
        }
        for bad in ["", "1a", "a-b", "a.", ".a", "a b", "é"] {
            assert!(!valid_io_name(bad), "{bad}");
        }
    }
}
