use azml::DictMixin;

#[derive(DictMixin)]
enum TaskType {
    RunFunction,
    Model,
}

fn main() {}
