use azml::DictMixin;

#[derive(DictMixin)]
#[azml(crate = azml)]
struct Task {
    code: Option<String>,
}

fn main() {}
