//! Sampling algorithms in REST (`SamplingAlgorithm._to_rest_object`,
//! `_from_rest_object`): a name is sent as the algorithm it names; read
//! back, every algorithm is an object.

use serde_json::Map;

use crate::fields::{LenientInt, PythonFloat};
use crate::generated::{
    BayesianSamplingAlgorithm, BayesianSamplingType, GridSamplingAlgorithm, GridSamplingType,
    Logbase, RandomSamplingAlgorithm, RandomSamplingRule, RandomSamplingType, SamplingAlgorithm,
};
use azml::{DictValue, RestError, RestTranslatable, Value};

impl SamplingAlgorithm {
    /// The REST form, in its model's key order: a random algorithm's
    /// `rule` and `seed`, `samplingAlgorithmType`, then `logbase` (kept as
    /// an extra key of the model).
    ///
    /// # Errors
    /// A [`RestError`] for an algorithm of no known kind.
    pub fn rest_form(&self) -> Result<Value, RestError> {
        let mut out = Map::new();
        let kind = match self {
            SamplingAlgorithm::SamplingAlgorithmType(name) => name.to_rest_object()?,
            SamplingAlgorithm::RandomSamplingAlgorithm(random) => {
                if let Some(rule) = &random.rule {
                    out.insert("rule".into(), rule.to_dict_value());
                }
                if let Some(seed) = &random.seed {
                    out.insert("seed".into(), seed.0.into());
                }
                random.r#type.to_rest_object()?
            }
            SamplingAlgorithm::GridSamplingAlgorithm(grid) => grid.r#type.to_rest_object()?,
            SamplingAlgorithm::BayesianSamplingAlgorithm(b) => b.r#type.to_rest_object()?,
            SamplingAlgorithm::Other(v) => {
                return Err(RestError::new(format!("not a sampling algorithm: {v}")))
            }
        };
        out.insert("samplingAlgorithmType".into(), kind);
        if let SamplingAlgorithm::RandomSamplingAlgorithm(RandomSamplingAlgorithm {
            logbase: Some(logbase),
            ..
        }) = self
        {
            let value = match logbase {
                Logbase::SweepFloat(f) => f.stored(),
                other => other.to_dict_value(),
            };
            out.insert("logbase".into(), value);
        }
        Ok(Value::Object(out))
    }

    /// `SamplingAlgorithm._from_rest_object`: the algorithm object its
    /// `samplingAlgorithmType` names; `None` for another type.
    ///
    /// # Errors
    /// A [`RestError`] naming a field that cannot be read.
    pub fn from_rest_form(rest: &Value) -> Result<Option<Self>, RestError> {
        Ok(Some(
            match rest.get("samplingAlgorithmType").and_then(Value::as_str) {
                Some("Random") => {
                    let rule = match rest.get("rule") {
                        None | Some(Value::Null) => None,
                        Some(v) => Some(
                            RandomSamplingRule::from_value(v.clone())
                                .map_err(|e| RestError::new(e.to_string()).at("rule"))?,
                        ),
                    };
                    let seed = match rest.get("seed") {
                        None | Some(Value::Null) => None,
                        Some(v) => Some(
                            LenientInt::from_value(v).map_err(|e| RestError::new(e).at("seed"))?,
                        ),
                    };
                    let logbase = match rest.get("logbase") {
                        None | Some(Value::Null) => None,
                        Some(Value::String(s)) => Some(Logbase::String(s.clone())),
                        Some(v) => Some(Logbase::SweepFloat(
                            PythonFloat::from_value(v)
                                .map_err(|e| RestError::new(e).at("logbase"))?,
                        )),
                    };
                    SamplingAlgorithm::RandomSamplingAlgorithm(RandomSamplingAlgorithm {
                        r#type: RandomSamplingType::Random,
                        seed,
                        logbase,
                        rule,
                    })
                }
                Some("Grid") => SamplingAlgorithm::GridSamplingAlgorithm(GridSamplingAlgorithm {
                    r#type: GridSamplingType::Grid,
                }),
                Some("Bayesian") => {
                    SamplingAlgorithm::BayesianSamplingAlgorithm(BayesianSamplingAlgorithm {
                        r#type: BayesianSamplingType::Bayesian,
                    })
                }
                _ => return Ok(None),
            },
        ))
    }
}
