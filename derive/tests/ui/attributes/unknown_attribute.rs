use azml::DictMixin;

#[derive(DictMixin)]
struct Task {
    #[dict(renam = "kind")]
    r#type: Option<String>,
}

fn main() {}
