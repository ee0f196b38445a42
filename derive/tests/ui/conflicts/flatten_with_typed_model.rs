use azml::RestTranslatable;

#[derive(Default)]
struct RestTask {
    code: Option<String>,
}

#[derive(RestTranslatable)]
#[rest(model = RestTask)]
struct Task {
    #[rest(flatten)]
    code: Option<String>,
}

fn main() {}
