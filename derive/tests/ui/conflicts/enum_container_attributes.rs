use azml::{DictMixin, RestTranslatable};

// Struct-only container attributes and field-only attributes on variants.
#[derive(DictMixin, RestTranslatable)]
#[dict(prune)]
#[rest(prune)]
enum Mode {
    #[dict(skip)]
    Mount,
    #[rest(json_string)]
    Upload,
}

fn main() {}
