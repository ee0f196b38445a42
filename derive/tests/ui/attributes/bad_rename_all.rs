use azml::RestTranslatable;

#[derive(RestTranslatable)]
#[rest(rename_all = "camel_case")]
struct Task {
    entry_script: Option<String>,
}

fn main() {}
