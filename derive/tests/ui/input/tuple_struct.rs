use azml::DictMixin;

#[derive(DictMixin)]
struct Pair(String, i32);

fn main() {}
