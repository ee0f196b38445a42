use azml::DictMixin;
use serde::{Deserialize, Serialize};

#[derive(DictMixin, Serialize, Deserialize)]
struct Task {
    #[serde(rename(serialize = "programArguments", deserialize = "program_arguments"))]
    program_arguments: Option<String>,
}

fn main() {}
