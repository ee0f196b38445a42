use azml::DictMixin;

#[derive(DictMixin)]
struct Task {
    #[dict(rename = "")]
    code: Option<String>,
}

fn main() {}
