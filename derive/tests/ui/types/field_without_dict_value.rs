use azml::DictMixin;

enum Level {
    Info,
    Debug,
}

#[derive(DictMixin)]
struct Component {
    logging_level: Level,
}

fn main() {}
