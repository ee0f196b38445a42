use azml::DictMixin;

#[derive(DictMixin)]
struct Task {
    program_arguments: Option<String>,
    #[dict(rename = "program_arguments")]
    args: Option<String>,
}

fn main() {}
