use std::collections::BTreeMap;

use azml::DictMixin;

#[derive(DictMixin)]
struct Component {
    command: Option<String>,
    #[dict(extra_first)]
    unknown: BTreeMap<String, String>,
    #[dict(extra)]
    more: BTreeMap<String, String>,
    #[dict(extra, extra_first)]
    both: BTreeMap<String, String>,
}

fn main() {}
