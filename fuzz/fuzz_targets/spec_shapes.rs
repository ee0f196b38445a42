//! The generator on structure-aware specs: JSON Schema (draft-04, 2020-12),
//! Swagger 2.0 and OpenAPI 3 documents built from arbitrary shapes, with
//! hostile names, texts, references and defaults.

#![no_main]

use arbitrary::Arbitrary;
use libfuzzer_sys::fuzz_target;
use serde_json::{json, Map, Value};

#[derive(Arbitrary, Debug, Clone, Copy)]
enum Dialect {
    Swagger2,
    Draft04,
    Draft2020,
    OpenApi3,
}

impl Dialect {
    fn prefix(self) -> &'static str {
        match self {
            Dialect::Swagger2 | Dialect::Draft04 => "#/definitions/",
            Dialect::Draft2020 => "#/$defs/",
            Dialect::OpenApi3 => "#/components/schemas/",
        }
    }
}

/// Names that have broken generators: keywords, reserved and generic names,
/// names that collide after case conversion, empty, digits, non-ASCII.
const NAMES: &[&str] = &[
    "A",
    "B",
    "D",
    "S",
    "T",
    "V",
    "E",
    "Other",
    "type",
    "self",
    "Self",
    "crate",
    "super",
    "fn",
    "_",
    "",
    "1st",
    "9",
    "é",
    "名前",
    "a-b",
    "a_b",
    "aB",
    "AB",
    "a b",
    "r#x",
    "\"]",
    "*/",
    "Value",
    "String",
    "Option",
    "Result",
    "Vec",
    "Box",
    "Default",
    "None",
    "Some",
    "Ok",
    "Err",
    "map",
    "key",
    "f0",
    "__v",
    "additional_properties",
    "kind",
    "$ref",
    "#",
    "~1",
    "%25",
];

const TEXTS: &[&str] = &[
    "\"]",
    "*/",
    "/*",
    "#![no_std]",
    "line\nbreak",
    "\r",
    "\0",
    "\u{1b}[31m",
    "\u{202e}",
    "```rust\nfn x() {}\n```",
    "    indented",
    "`",
    "\\",
    "}\n#[cfg(any())]\nfn f() {",
];

#[derive(Arbitrary, Debug)]
enum Name {
    Pool(u8),
    Raw(String),
}

impl Name {
    fn text(&self) -> String {
        match self {
            Name::Pool(i) => NAMES[usize::from(*i) % NAMES.len()].to_owned(),
            Name::Raw(s) => s.clone(),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Text {
    Pool(u8),
    Raw(String),
    Both(u8, String),
}

impl Text {
    fn text(&self) -> String {
        match self {
            Text::Pool(i) => TEXTS[usize::from(*i) % TEXTS.len()].to_owned(),
            Text::Raw(s) => s.clone(),
            Text::Both(i, s) => format!("{}{s}", TEXTS[usize::from(*i) % TEXTS.len()]),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Scalar {
    Null,
    Bool(bool),
    Int(i64),
    Float(f64),
    Str(Text),
    Empty,
}

impl Scalar {
    fn value(&self) -> Value {
        match self {
            Scalar::Null => Value::Null,
            Scalar::Bool(b) => json!(b),
            Scalar::Int(i) => json!(i),
            Scalar::Float(f) => json!(f),
            Scalar::Str(t) => json!(t.text()),
            Scalar::Empty => json!({}),
        }
    }
}

#[derive(Arbitrary, Debug)]
enum Target {
    /// One of the document's definitions, by index.
    Def(u8),
    Dangling(Name),
    Outside,
    Http,
    Folder,
    Absolute,
    SelfFile(u8),
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Format {
    Int32,
    Int64,
    Float,
    Double,
    DateTime,
    Duration,
    Uuid,
    Raw(String),
}

#[derive(Arbitrary, Debug)]
enum Extra {
    Bool(bool),
    Schema(Box<Schema>),
}

#[derive(Arbitrary, Debug)]
enum Schema {
    Ref(Target),
    Object {
        props: Vec<(Name, Schema)>,
        required: Vec<Name>,
        additional: Option<Extra>,
        description: Option<Text>,
        discriminator: Option<Name>,
        discriminator_value: Option<Name>,
        all_of: Vec<Schema>,
        dict: bool,
        read_only: Vec<Name>,
    },
    Array(Box<Schema>),
    Str {
        format: Option<Format>,
        values: Vec<Name>,
        x_ms_enum: Option<(Name, bool)>,
        default: Option<Scalar>,
        description: Option<Text>,
    },
    Int {
        format: Option<Format>,
        values: Vec<i64>,
        default: Option<Scalar>,
    },
    Number(Option<Format>),
    Bool(Option<Scalar>),
    OneOf(Vec<Schema>),
    AnyOf(Vec<Schema>),
    Nullable(Box<Schema>),
    TypeList(Vec<Name>),
    Const(Scalar),
    Empty,
    Extern(Text),
    ClientName(Name, Box<Schema>),
    Junk(Scalar),
}

struct Cx {
    dialect: Dialect,
    names: Vec<String>,
}

impl Cx {
    fn target(&self, t: &Target) -> String {
        match t {
            Target::Def(i) if !self.names.is_empty() => {
                let name = &self.names[usize::from(*i) % self.names.len()];
                format!("{}{}", self.dialect.prefix(), escape(name))
            }
            Target::Def(_) => format!("{}Nope", self.dialect.prefix()),
            Target::Dangling(n) => format!("{}{}", self.dialect.prefix(), n.text()),
            Target::Outside => "../../../../etc/passwd#/x".into(),
            Target::Http => "http://127.0.0.1:9/spec.json#/definitions/A".into(),
            Target::Folder => "./".into(),
            Target::Absolute => "/etc/hostname".into(),
            Target::SelfFile(i) if !self.names.is_empty() => {
                let name = &self.names[usize::from(*i) % self.names.len()];
                format!("spec.json{}{}", self.dialect.prefix(), escape(name))
            }
            Target::SelfFile(_) => "spec.json".into(),
            Target::Raw(s) => s.clone(),
        }
    }

    fn format(f: &Format) -> Value {
        json!(match f {
            Format::Int32 => "int32",
            Format::Int64 => "int64",
            Format::Float => "float",
            Format::Double => "double",
            Format::DateTime => "date-time",
            Format::Duration => "duration",
            Format::Uuid => "uuid",
            Format::Raw(s) => s.as_str(),
        })
    }

    fn schema(&self, s: &Schema, depth: usize) -> Value {
        if depth > 24 {
            return json!({});
        }
        let d = depth + 1;
        match s {
            Schema::Ref(t) => json!({ "$ref": self.target(t) }),
            Schema::Object {
                props,
                required,
                additional,
                description,
                discriminator,
                discriminator_value,
                all_of,
                dict,
                read_only,
            } => {
                let mut o = Map::new();
                o.insert("type".into(), json!("object"));
                let mut p = Map::new();
                for (n, s) in props {
                    let mut v = self.schema(s, d);
                    if read_only.iter().any(|r| r.text() == n.text()) {
                        if let Some(m) = v.as_object_mut() {
                            m.insert("readOnly".into(), json!(true));
                        }
                    }
                    p.insert(n.text(), v);
                }
                o.insert("properties".into(), Value::Object(p));
                if !required.is_empty() {
                    o.insert(
                        "required".into(),
                        json!(required.iter().map(Name::text).collect::<Vec<_>>()),
                    );
                }
                match additional {
                    Some(Extra::Bool(b)) => {
                        o.insert("additionalProperties".into(), json!(b));
                    }
                    Some(Extra::Schema(s)) => {
                        o.insert("additionalProperties".into(), self.schema(s, d));
                    }
                    None => {}
                }
                if let Some(t) = description {
                    o.insert("description".into(), json!(t.text()));
                }
                if let Some(n) = discriminator {
                    let v = match self.dialect {
                        Dialect::Swagger2 => json!(n.text()),
                        _ => json!({ "propertyName": n.text() }),
                    };
                    o.insert("discriminator".into(), v);
                }
                if let Some(n) = discriminator_value {
                    o.insert("x-ms-discriminator-value".into(), json!(n.text()));
                }
                if !all_of.is_empty() {
                    o.insert(
                        "allOf".into(),
                        Value::Array(all_of.iter().map(|s| self.schema(s, d)).collect()),
                    );
                }
                if *dict {
                    o.insert("x-azml-derive".into(), json!(["DictMixin"]));
                }
                Value::Object(o)
            }
            Schema::Array(items) => json!({ "type": "array", "items": self.schema(items, d) }),
            Schema::Str {
                format,
                values,
                x_ms_enum,
                default,
                description,
            } => {
                let mut o = Map::new();
                o.insert("type".into(), json!("string"));
                if let Some(f) = format {
                    o.insert("format".into(), Self::format(f));
                }
                if !values.is_empty() {
                    o.insert(
                        "enum".into(),
                        json!(values.iter().map(Name::text).collect::<Vec<_>>()),
                    );
                }
                if let Some((n, open)) = x_ms_enum {
                    o.insert(
                        "x-ms-enum".into(),
                        json!({ "name": n.text(), "modelAsString": open }),
                    );
                }
                if let Some(v) = default {
                    o.insert("default".into(), v.value());
                }
                if let Some(t) = description {
                    o.insert("description".into(), json!(t.text()));
                }
                Value::Object(o)
            }
            Schema::Int {
                format,
                values,
                default,
            } => {
                let mut o = Map::new();
                o.insert("type".into(), json!("integer"));
                if let Some(f) = format {
                    o.insert("format".into(), Self::format(f));
                }
                if !values.is_empty() {
                    o.insert("enum".into(), json!(values));
                }
                if let Some(v) = default {
                    o.insert("default".into(), v.value());
                }
                Value::Object(o)
            }
            Schema::Number(format) => match format {
                Some(f) => json!({ "type": "number", "format": Self::format(f) }),
                None => json!({ "type": "number" }),
            },
            Schema::Bool(default) => match default {
                Some(v) => json!({ "type": "boolean", "default": v.value() }),
                None => json!({ "type": "boolean" }),
            },
            Schema::OneOf(v) => {
                json!({ "oneOf": v.iter().map(|s| self.schema(s, d)).collect::<Vec<_>>() })
            }
            Schema::AnyOf(v) => {
                json!({ "anyOf": v.iter().map(|s| self.schema(s, d)).collect::<Vec<_>>() })
            }
            Schema::Nullable(s) => {
                let mut v = self.schema(s, d);
                if let Some(m) = v.as_object_mut() {
                    match self.dialect {
                        Dialect::Swagger2 => m.insert("x-nullable".into(), json!(true)),
                        _ => m.insert("nullable".into(), json!(true)),
                    };
                }
                v
            }
            Schema::TypeList(names) => {
                json!({ "type": names.iter().map(Name::text).collect::<Vec<_>>() })
            }
            Schema::Const(v) => json!({ "const": v.value() }),
            Schema::Empty => json!({}),
            Schema::Extern(t) => json!({ "type": "string", "x-azml-type": t.text() }),
            Schema::ClientName(n, s) => {
                let mut v = self.schema(s, d);
                if let Some(m) = v.as_object_mut() {
                    m.insert("x-ms-client-name".into(), json!(n.text()));
                }
                v
            }
            Schema::Junk(v) => v.value(),
        }
    }
}

/// One JSON pointer segment.
fn escape(s: &str) -> String {
    s.replace('~', "~0").replace('/', "~1")
}

#[derive(Arbitrary, Debug)]
struct Spec {
    dialect: Dialect,
    defs: Vec<(Name, Schema)>,
    yaml: bool,
}

fuzz_target!(|spec: Spec| {
    let cx = Cx {
        dialect: spec.dialect,
        names: spec.defs.iter().map(|(n, _)| n.text()).collect(),
    };
    let mut defs = Map::new();
    for (n, s) in &spec.defs {
        defs.insert(n.text(), cx.schema(s, 0));
    }
    let defs = Value::Object(defs);
    let doc = match spec.dialect {
        Dialect::Swagger2 => json!({
            "swagger": "2.0", "info": {"title": "t", "version": "1"}, "paths": {}, "definitions": defs
        }),
        Dialect::Draft04 => json!({
            "$schema": "http://json-schema.org/draft-04/schema#", "definitions": defs
        }),
        Dialect::Draft2020 => json!({
            "$schema": "https://json-schema.org/draft/2020-12/schema", "$defs": defs
        }),
        Dialect::OpenApi3 => json!({
            "openapi": "3.0.3", "info": {"title": "t", "version": "1"}, "paths": {},
            "components": {"schemas": defs}
        }),
    };
    // JSON is YAML: the same document through the YAML reader.
    let text = doc.to_string();
    azml_fuzz::generate(text.as_bytes(), if spec.yaml { "yaml" } else { "json" });
});
