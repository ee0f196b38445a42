//! `${{...}}` data-binding expressions, as azure-ai-ml recognises them
//! (`_utils/utils.py::get_all_data_binding_expressions`, regex
//! `\$\{\{\s*(\S*?)\s*\}\}`), and what a job's command does with them
//! (`map_single_brackets_and_warn`, `_validate_inputs_for`).

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

/// Every binding's target in `value`, as
/// `get_all_data_binding_expressions(value, is_singular=False)` lists them:
/// `"a ${{inputs.x}} ${{ outputs.y }}"` gives `inputs.x`, `outputs.y`.
pub fn binding_expressions(value: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut rest = value;
    while let Some(start) = rest.find("${{") {
        let after = &rest[start + 3..];
        match binding_end(after) {
            Some(end) => {
                out.push(after[..end - 2].trim());
                rest = &after[end..];
            }
            None => rest = &rest[start + 1..],
        }
    }
    out
}

/// `map_single_brackets_and_warn`: the deprecated `{inputs.x}`,
/// `{outputs.x}` and `{search_space.x}` as `${{inputs.x}}` (regex
/// `(?<!\{)\{<prefix>\.([^}]*)\}(?!\})`, one prefix after the other).
pub fn map_single_brackets(command: &str) -> String {
    let mut out = command.to_owned();
    for prefix in ["inputs", "outputs", "search_space"] {
        out = map_prefix(&out, prefix);
    }
    out
}

fn map_prefix(text: &str, prefix: &str) -> String {
    let opening = format!("{{{prefix}.");
    let mut out = String::with_capacity(text.len());
    let mut i = 0;
    while i < text.len() {
        let rest = &text[i..];
        if rest.starts_with(&opening) && !text[..i].ends_with('{') {
            let body = &rest[opening.len()..];
            if let Some(close) = body.find('}') {
                if !body[close + 1..].starts_with('}') {
                    out.push_str(&format!("${{{{{prefix}.{}}}}}", &body[..close]));
                    i += opening.len() + close + 1;
                    continue;
                }
            }
        }
        let c = rest.chars().next().unwrap_or_default();
        out.push(c);
        i += c.len_utf8();
    }
    out
}

/// `_validate_inputs_for`: the input names a command refers to as
/// `${{inputs.<name>}}` (`[\w.-]+`), and those of them written inside an
/// optional `[...]` block, which need not be given.
pub fn command_input_refs(command: &str) -> (Vec<&str>, Vec<&str>) {
    let word = |c: char| c.is_alphanumeric() || c == '_' || c == '.' || c == '-';
    let mut all = Vec::new();
    let mut optional = Vec::new();
    let opening = "${{inputs.";
    let mut from = 0;
    while let Some(found) = command[from..].find(opening) {
        let start = from + found;
        let body = &command[start + opening.len()..];
        let len = body.find(|c: char| !word(c)).unwrap_or(body.len());
        if len > 0 && body[len..].starts_with("}}") {
            let name = &body[..len];
            all.push(name);
            // `\[[\w.\s-]*\${{inputs\.name}}]`: a `[` before it, only
            // word characters, dots, spaces and dashes between, `]` after.
            let before = &command[..start];
            let lead = before.trim_end_matches(|c: char| word(c) || c.is_whitespace());
            if lead.ends_with('[') && body[len + 2..].starts_with(']') {
                optional.push(name);
            }
            from = start + opening.len() + len + 2;
        } else {
            from = start + 1;
        }
    }
    (all, optional)
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

    // `map_single_brackets_and_warn` in azure-ai-ml 1.35.2.
    #[test]
    fn single_brackets_become_bindings() {
        for (s, mapped) in [
            (
                "python main.py --x {inputs.x}",
                "python main.py --x ${{inputs.x}}",
            ),
            (
                "{outputs.o} {search_space.lr}",
                "${{outputs.o}} ${{search_space.lr}}",
            ),
            (
                "${{inputs.x}} {{inputs.y}} {inputs.z}}",
                "${{inputs.x}} {{inputs.y}} {inputs.z}}",
            ),
            ("{inputs.a}{inputs.b}", "${{inputs.a}}${{inputs.b}}"),
        ] {
            assert_eq!(map_single_brackets(s), mapped, "{s}");
        }
    }

    // `re.findall` of `_validate_inputs_for`'s two patterns in Python.
    #[test]
    fn command_input_refs_as_python_finds_them() {
        let (all, optional) = command_input_refs(
            "python main.py ${{inputs.a}} $[[--b ${{inputs.b}}]] ${{inputs.c.d}} ${{ inputs.e }}",
        );
        assert_eq!(all, ["a", "b", "c.d"]);
        assert_eq!(optional, ["b"]);
    }

    // `re.findall(r"\$\{\{\s*(\S*?)\s*\}\}", s)` in Python.
    #[test]
    fn lists_what_findall_lists() {
        for (s, found) in [
            (
                "a ${{inputs.x}} ${{ outputs.y }}",
                vec!["inputs.x", "outputs.y"],
            ),
            ("${{a b}} ${{c}}", vec!["c"]),
            ("${{a}b}}", vec!["a}b"]),
            ("${{${{x}}", vec!["${{x"]),
            ("$[[--x ${{inputs.x}}]]", vec!["inputs.x"]),
            ("none", vec![]),
        ] {
            assert_eq!(binding_expressions(s), found, "{s}");
        }
    }
}
