//! `${{...}}` data-binding expressions, as azure-ai-ml recognises them
//! (`_utils/utils.py::get_all_data_binding_expressions`, regex
//! `\$\{\{\s*(\S*?)\s*\}\}`).

/// Whether `value` holds a data binding anywhere (`is_singular=False`):
/// `"${{parent.inputs.x}}"`, `"--n ${{inputs.n}}"`.
pub fn contains_binding(value: &str) -> bool {
    let mut rest = value;
    while let Some(start) = rest.find("${{") {
        let after = &rest[start + 3..];
        if binding_end(after).is_some() {
            return true;
        }
        rest = &rest[start + 1..];
    }
    false
}

/// Whether `value` is exactly one binding (`is_singular=True`).
pub fn is_binding(value: &str) -> bool {
    value
        .strip_prefix("${{")
        .and_then(|inner| inner.strip_suffix("}}"))
        .is_some_and(|inner| !inner.trim().contains(char::is_whitespace))
}

/// After `${{`: `\s*\S*?\s*\}\}` matches; returns where the match ends.
fn binding_end(after: &str) -> Option<usize> {
    let body = after.trim_start();
    let offset = after.len() - body.len();
    let mut chars = body.char_indices();
    loop {
        let rest = &body[chars.clone().next().map_or(body.len(), |(i, _)| i)..];
        if rest.starts_with("}}") {
            return Some(offset + body.len() - rest.len() + 2);
        }
        match chars.next() {
            Some((i, c)) if c.is_whitespace() => {
                // The name part ended: only whitespace may precede `}}`.
                let tail = body[i..].trim_start();
                return tail
                    .starts_with("}}")
                    .then(|| offset + body.len() - tail.len() + 2);
            }
            Some(_) => {}
            None => return None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // Expected values are what `is_data_binding_expression` returns in
    // azure-ai-ml 1.35.2 for the same strings.
    #[test]
    fn matches_the_python_regex() {
        for (s, any, single) in [
            ("${{parent.inputs.x}}", true, true),
            ("${{ parent.inputs.x }}", true, true),
            ("${{}}", true, true),
            ("--n ${{inputs.n}} --m", true, false),
            ("${{a b}}", false, false),
            ("${{a}b}}", true, true),
            ("${{inputs.x}", false, false),
            ("$ {{x}}", false, false),
            ("60", false, false),
            ("${{x}}${{y}}", true, true),
            ("${{${{x}}", true, true),
        ] {
            assert_eq!(contains_binding(s), any, "contains {s}");
            assert_eq!(is_binding(s), single, "is {s}");
        }
    }
}
