use azml::RestTranslatable;

#[derive(RestTranslatable)]
struct Retry {
    #[rest(with = "no_such_module")]
    timeout: Option<u32>,
}

fn main() {}
