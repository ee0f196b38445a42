//! azure-ai-ml's case conversion of names (`_utils/utils.py`), as its
//! `StringTransformedEnum(casing_transform=camel_to_snake)` reads enum
//! values (`MedianStopping`, `CreatedGreaterThan`).

/// azure-ai-ml's `camel_to_snake` (`_utils/utils.py`): each comma-separated
/// part stripped, then `re.sub("(.)([A-Z][a-z]+)", r"\1_\2")`,
/// `re.sub("([a-z0-9])([A-Z])", r"\1_\2")` and lower-cased; `None` for
/// empty text, as Python's.
pub fn camel_to_snake(text: &str) -> Option<String> {
    if text.is_empty() {
        return None;
    }
    let convert = |part: &str| {
        let (c, mut out, mut i) = (part.chars().collect::<Vec<_>>(), Vec::new(), 0);
        while i < c.len() {
            out.push(c[i]);
            let word = c.get(i + 2).is_some_and(char::is_ascii_lowercase);
            if c[i] != '\n' && c.get(i + 1).is_some_and(char::is_ascii_uppercase) && word {
                out.extend(['_', c[i + 1]]);
                i += 2;
                while c.get(i).is_some_and(char::is_ascii_lowercase) {
                    out.push(c[i]);
                    i += 1;
                }
            } else {
                i += 1;
            }
        }
        let mut snake = String::new();
        for (j, ch) in out.iter().enumerate() {
            snake.push(*ch);
            let low = ch.is_ascii_lowercase() || ch.is_ascii_digit();
            if low && out.get(j + 1).is_some_and(char::is_ascii_uppercase) {
                snake.push('_');
            }
        }
        snake.to_lowercase()
    };
    text.split(',')
        .map(|p| convert(if text.contains(',') { p.trim() } else { p }))
        .collect::<Vec<_>>()
        .join(",")
        .into()
}

#[cfg(test)]
mod tests {
    use super::camel_to_snake;

    // What azure-ai-ml 1.35.2's `camel_to_snake` returns for the same text.
    #[test]
    fn camel_to_snake_matches_python() {
        for (text, python) in [
            ("CREATED_GREATER_THAN", "created_greater_than"),
            ("CreatedGreaterThan", "created_greater_than"),
            ("createdGreaterThan", "created_greater_than"),
            ("Created_Greater_Than", "created__greater__than"),
            ("MedianStopping", "median_stopping"),
            ("HTTPServer", "http_server"),
            ("a1B", "a1_b"),
            ("ABCdef", "ab_cdef"),
            ("x, YzAb", "x,yz_ab"),
            ("getHTTPResponseCode", "get_http_response_code"),
            ("v2Model", "v2_model"),
            ("\u{c9}cole", "\u{e9}cole"),
            ("MANAGED", "managed"),
            ("UserIdentity", "user_identity"),
            ("USER_IDENTITY", "user_identity"),
            ("AMLToken", "aml_token"),
            ("AmlToken", "aml_token"),
            ("aAbB", "a_ab_b"),
            ("a, B", "a,b"),
        ] {
            assert_eq!(camel_to_snake(text).as_deref(), Some(python), "{text:?}");
        }
        assert_eq!(camel_to_snake(""), None);
    }
}
