use azml::DictMixin;

// Three independent mistakes: all three are reported, and the fallback impl
// keeps `uses_the_trait` free of follow-up errors.
#[derive(DictMixin)]
#[dict(rename_all = "Train-Case", display)]
struct Task {
    #[dict(skip, skip)]
    code: Option<String>,
    #[dict(extra, flatten)]
    other: serde_json::Map<String, serde_json::Value>,
}

fn uses_the_trait(t: &Task) -> usize {
    azml::DictMixin::len(t)
}

fn main() {}
