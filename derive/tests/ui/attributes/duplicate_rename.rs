use azml::DictMixin;

#[derive(DictMixin)]
struct Task {
    #[dict(rename = "a", rename = "b")]
    code: Option<String>,
}

fn main() {}
