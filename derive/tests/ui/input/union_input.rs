use azml::RestTranslatable;

#[derive(RestTranslatable)]
union Number {
    int: i64,
    float: f64,
}

fn main() {}
