use azml::DictMixin;

#[derive(DictMixin)]
enum Mode {
    #[dict(rename = "mount")]
    ReadOnlyMount,
    #[dict(rename = "mount")]
    Mount,
}

fn main() {}
