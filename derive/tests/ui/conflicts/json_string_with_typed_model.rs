use azml::RestTranslatable;

struct Model {
    keys: Vec<String>,
}

#[derive(RestTranslatable)]
#[rest(model = Model)]
struct Node {
    #[rest(json_string)]
    keys: Vec<String>,
}

fn main() {}
