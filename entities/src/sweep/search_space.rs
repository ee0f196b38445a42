//! Search spaces in REST: `SweepDistribution._to_rest_object` sends each
//! as `[type, [arguments]]` (a choice as `["choice", [[values]]]`, the
//! spaces nested in a choice's mappings converted the same way), and
//! `SweepDistribution._from_rest_object` reads that back.

use crate::fields::{LenientInt, PythonFloat};
use crate::generated::{
    Choice, ChoiceType, ChoiceValue, NestedChoiceValue, Normal, NormalType, QNormal, QNormalType,
    QUniform, QUniformType, Randint, RandintType, SearchSpace, SpaceNumber, Uniform, UniformType,
};
use azml::{RestError, Value};

/// The wire text of a space's `type` (its dict form, `uniform`).
fn type_text<T: azml::DictValue>(ty: &T) -> Value {
    ty.to_dict_value()
}

fn number(n: &SpaceNumber) -> Result<Value, RestError> {
    match n {
        SpaceNumber::Integer(i) => Ok(Value::from(*i)),
        SpaceNumber::SweepFloat(f) => Ok(f.stored()),
        SpaceNumber::Other(v) => Err(RestError::new(format!("not a number: {v}"))),
    }
}

fn tagged(ty: Value, args: Vec<Value>) -> Value {
    Value::Array(vec![ty, Value::Array(args)])
}

impl SearchSpace {
    /// `[type, [arguments]]`.
    ///
    /// # Errors
    /// A [`RestError`] for a value of no known kind.
    pub fn rest_form(&self) -> Result<Value, RestError> {
        match self {
            SearchSpace::Choice(c) => c.rest_form(),
            SearchSpace::Uniform(u) => u.rest_form(),
            SearchSpace::QUniform(q) => q.rest_form(),
            SearchSpace::Normal(n) => n.rest_form(),
            SearchSpace::QNormal(q) => q.rest_form(),
            SearchSpace::Randint(r) => Ok(r.rest_form()),
            SearchSpace::Other(v) => Err(RestError::new(format!("not a search space: {v}"))),
        }
    }

    /// `SweepDistribution._from_rest_object`: the space a `[type, [arguments]]`
    /// form describes.
    ///
    /// # Errors
    /// `Unknown search space type: …` (Python's message), or a form that
    /// is not a list of a type and its arguments.
    pub fn from_rest_form(rest: &Value) -> Result<Self, RestError> {
        let (ty, args) = match rest.as_array().map(Vec::as_slice) {
            Some([Value::String(ty), Value::Array(args)]) => (ty.as_str(), args.as_slice()),
            _ => return Err(RestError::new(format!("not a search space: {rest}"))),
        };
        let arg = |i: usize| -> Result<SpaceNumber, RestError> {
            match args.get(i) {
                Some(Value::Number(n)) if n.is_i64() => {
                    Ok(SpaceNumber::Integer(n.as_i64().unwrap_or_default()))
                }
                Some(v) => PythonFloat::from_value(v)
                    .map(SpaceNumber::SweepFloat)
                    .map_err(|e| RestError::new(e).at(&i.to_string())),
                None => Err(RestError::new(format!("argument {i} missing in {rest}"))),
            }
        };
        Ok(match ty {
            "choice" => SearchSpace::Choice(Choice::from_rest_args(args)?),
            "uniform" | "loguniform" => SearchSpace::Uniform(Uniform {
                r#type: if ty == "uniform" {
                    UniformType::Uniform
                } else {
                    UniformType::Loguniform
                },
                min_value: arg(0)?,
                max_value: arg(1)?,
            }),
            "quniform" | "qloguniform" => SearchSpace::QUniform(QUniform {
                r#type: if ty == "quniform" {
                    QUniformType::Quniform
                } else {
                    QUniformType::Qloguniform
                },
                min_value: arg(0)?,
                max_value: arg(1)?,
                q: arg(2)?,
            }),
            "normal" | "lognormal" => SearchSpace::Normal(Normal {
                r#type: if ty == "normal" {
                    NormalType::Normal
                } else {
                    NormalType::Lognormal
                },
                mu: arg(0)?,
                sigma: arg(1)?,
            }),
            "qnormal" | "qlognormal" => SearchSpace::QNormal(QNormal {
                r#type: if ty == "qnormal" {
                    QNormalType::Qnormal
                } else {
                    QNormalType::Qlognormal
                },
                mu: arg(0)?,
                sigma: arg(1)?,
                q: arg(2)?,
            }),
            "randint" => SearchSpace::Randint(Randint {
                r#type: RandintType::Randint,
                upper: match args.first() {
                    Some(v) => LenientInt::from_value(v).map_err(|e| RestError::new(e).at("0"))?,
                    None => return Err(RestError::new(format!("argument 0 missing in {rest}"))),
                },
            }),
            other => {
                return Err(RestError::new(format!(
                    "Unknown search space type: {other}"
                )))
            }
        })
    }
}

impl Choice {
    /// `Choice._to_rest_object`: `["choice", [[values]]]`, no values as `[]`.
    fn rest_form(&self) -> Result<Value, RestError> {
        let values = self
            .values
            .iter()
            .flatten()
            .map(ChoiceValue::rest_form)
            .collect::<Result<Vec<_>, _>>()?;
        Ok(tagged(type_text(&self.r#type), vec![Value::Array(values)]))
    }

    /// `Choice._from_rest_object`: the values of `[[values]]`, each mapping's
    /// values read as a search space where they are one, else kept.
    fn from_rest_args(args: &[Value]) -> Result<Self, RestError> {
        let values = match args.first() {
            Some(Value::Array(values)) => values,
            _ => return Err(RestError::new("a choice's values are not a list")),
        };
        let values = values
            .iter()
            .map(|v| match v {
                Value::Object(map) => Ok(ChoiceValue::Map(
                    map.iter()
                        .map(|(k, v)| (k.clone(), NestedChoiceValue::from_rest_form(v)))
                        .collect(),
                )),
                other => ChoiceValue::from_plain(other),
            })
            .collect::<Result<Vec<_>, RestError>>()?;
        Ok(Choice {
            values: Some(values),
            r#type: ChoiceType::Choice,
        })
    }
}

impl ChoiceValue {
    fn rest_form(&self) -> Result<Value, RestError> {
        match self {
            ChoiceValue::Integer(i) => Ok(Value::from(*i)),
            ChoiceValue::String(s) => Ok(Value::String(s.clone())),
            ChoiceValue::SweepFloat(f) => Ok(f.stored()),
            ChoiceValue::Map(map) => map
                .iter()
                .map(|(k, v)| Ok((k.clone(), v.rest_form()?)))
                .collect::<Result<serde_json::Map<_, _>, RestError>>()
                .map(Value::Object),
            ChoiceValue::Other(v) => Err(RestError::new(format!("not a choice value: {v}"))),
        }
    }

    /// An integer, text or a float, as sent.
    fn from_plain(value: &Value) -> Result<Self, RestError> {
        match value {
            Value::Number(n) if n.is_i64() => Ok(ChoiceValue::Integer(n.as_i64().unwrap_or(0))),
            Value::String(s) => Ok(ChoiceValue::String(s.clone())),
            other => PythonFloat::from_value(other)
                .map(ChoiceValue::SweepFloat)
                .map_err(RestError::new),
        }
    }
}

impl NestedChoiceValue {
    fn rest_form(&self) -> Result<Value, RestError> {
        match self {
            NestedChoiceValue::Choice(c) => c.rest_form(),
            NestedChoiceValue::Normal(n) => n.rest_form(),
            NestedChoiceValue::QNormal(q) => q.rest_form(),
            NestedChoiceValue::Randint(r) => Ok(r.rest_form()),
            NestedChoiceValue::Uniform(u) => u.rest_form(),
            NestedChoiceValue::QUniform(q) => q.rest_form(),
            NestedChoiceValue::Integer(i) => Ok(Value::from(*i)),
            NestedChoiceValue::SweepFloat(f) => Ok(f.stored()),
            NestedChoiceValue::String(s) => Ok(Value::String(s.clone())),
            NestedChoiceValue::Other(v) => Err(RestError::new(format!("not a choice value: {v}"))),
        }
    }

    /// A value of a choice's mapping as `Choice._from_rest_object` reads it:
    /// a search space if it is one, else the value as sent.
    fn from_rest_form(value: &Value) -> Self {
        if let Ok(space) = SearchSpace::from_rest_form(value) {
            return match space {
                SearchSpace::Choice(c) => NestedChoiceValue::Choice(c),
                SearchSpace::Uniform(u) => NestedChoiceValue::Uniform(u),
                SearchSpace::QUniform(q) => NestedChoiceValue::QUniform(q),
                SearchSpace::Normal(n) => NestedChoiceValue::Normal(n),
                SearchSpace::QNormal(q) => NestedChoiceValue::QNormal(q),
                SearchSpace::Randint(r) => NestedChoiceValue::Randint(r),
                SearchSpace::Other(v) => NestedChoiceValue::Other(v),
            };
        }
        match value {
            Value::Number(n) if n.is_i64() => NestedChoiceValue::Integer(n.as_i64().unwrap_or(0)),
            Value::String(s) => NestedChoiceValue::String(s.clone()),
            other => PythonFloat::from_value(other)
                .map(NestedChoiceValue::SweepFloat)
                .unwrap_or_else(|_| NestedChoiceValue::Other(other.clone())),
        }
    }
}

impl Uniform {
    fn rest_form(&self) -> Result<Value, RestError> {
        Ok(tagged(
            type_text(&self.r#type),
            vec![number(&self.min_value)?, number(&self.max_value)?],
        ))
    }
}

impl QUniform {
    fn rest_form(&self) -> Result<Value, RestError> {
        Ok(tagged(
            type_text(&self.r#type),
            vec![
                number(&self.min_value)?,
                number(&self.max_value)?,
                number(&self.q)?,
            ],
        ))
    }
}

impl Normal {
    fn rest_form(&self) -> Result<Value, RestError> {
        Ok(tagged(
            type_text(&self.r#type),
            vec![number(&self.mu)?, number(&self.sigma)?],
        ))
    }
}

impl QNormal {
    fn rest_form(&self) -> Result<Value, RestError> {
        Ok(tagged(
            type_text(&self.r#type),
            vec![number(&self.mu)?, number(&self.sigma)?, number(&self.q)?],
        ))
    }
}

impl Randint {
    fn rest_form(&self) -> Value {
        tagged(type_text(&self.r#type), vec![Value::from(self.upper.0)])
    }
}
