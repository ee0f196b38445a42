use azml::DictMixin;

#[derive(DictMixin)]
struct Marker;

fn main() {}
