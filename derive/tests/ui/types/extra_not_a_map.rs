use azml::DictMixin;

#[derive(DictMixin)]
struct Task {
    code: Option<String>,
    #[dict(extra)]
    unknown: Vec<String>,
}

fn main() {}
