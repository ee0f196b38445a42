use std::collections::BTreeMap;

use azml::DictMixin;

#[derive(DictMixin)]
struct Task {
    code: Option<String>,
    #[dict(extra)]
    unknown: BTreeMap<String, String>,
    #[dict(extra)]
    more: BTreeMap<String, String>,
}

fn main() {}
