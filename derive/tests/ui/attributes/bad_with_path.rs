use azml::RestTranslatable;

#[derive(RestTranslatable)]
struct Retry {
    #[rest(with = "seconds as duration")]
    timeout: Option<u32>,
}

fn main() {}
