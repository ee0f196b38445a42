use azml::{DictMixin, RestTranslatable};

#[derive(DictMixin, RestTranslatable)]
struct Task {
    #[dict(skip, rename = "code")]
    #[rest(skip, default)]
    code: Option<String>,
}

fn main() {}
