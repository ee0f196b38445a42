use azml::{DictMixin, RestTranslatable};

// With #[rest(from_dict)] the REST keys are the dict's: a REST-only
// rename cannot hold.
#[derive(DictMixin, RestTranslatable)]
#[rest(from_dict)]
struct Spec {
    #[rest(rename = "computeId")]
    compute: Option<String>,
}

fn main() {}
