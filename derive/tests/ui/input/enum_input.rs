use azml::{DictMixin, RestTranslatable};

// Unit and newtype variants are supported; these are neither.
#[derive(DictMixin, RestTranslatable)]
enum TaskType {
    RunFunction { entry_script: String },
    Model(String, String),
}

fn main() {}
