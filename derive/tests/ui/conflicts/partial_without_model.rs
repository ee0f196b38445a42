use azml::RestTranslatable;

#[derive(RestTranslatable)]
#[rest(partial)]
struct Task {
    code: Option<String>,
}

fn main() {}
