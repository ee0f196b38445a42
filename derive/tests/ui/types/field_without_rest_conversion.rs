use azml::RestTranslatable;

struct Level;

#[derive(RestTranslatable)]
struct Component {
    logging_level: Option<Level>,
}

fn main() {}
