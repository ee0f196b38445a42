//! Early termination policies beyond their declared defaults: the bandit
//! policy's integer slack defaults, what a sweep node does to a zero slack,
//! and the REST form (`*Policy._to_rest_object`, `_from_rest_object`).

use serde_json::Map;

use crate::fields::{LenientInt, PythonFloat};
use crate::generated::{
    BanditPolicy, BanditType, EarlyTerminationPolicy, MedianStoppingPolicy, MedianStoppingType,
    TruncationSelectionPolicy, TruncationSelectionType,
};
use azml::{RestError, RestTranslatable, Value};

impl EarlyTerminationPolicy {
    /// `BanditPolicy.__init__(slack_amount=0, slack_factor=0)`: the integer
    /// 0 where the file gives no slack (a `null` one stays unset). The
    /// field reads every number as a float, so the spec cannot declare an
    /// integer default; the dict shows `0.0`, the REST body `0`.
    pub fn construct(&mut self) {
        if let EarlyTerminationPolicy::BanditPolicy(bandit) = self {
            for slack in [&mut bandit.slack_factor, &mut bandit.slack_amount] {
                slack.get_or_insert(Some(PythonFloat::stored_int(0)));
            }
        }
    }

    /// `Sweep.__setattr__` of a pipeline's sweep node: a bandit policy's
    /// slack that equals zero is unset ("only one of slack_amount and
    /// slack_factor can be specified").
    pub fn unset_zero_slack(&mut self) {
        if let EarlyTerminationPolicy::BanditPolicy(bandit) = self {
            for slack in [&mut bandit.slack_factor, &mut bandit.slack_amount] {
                if matches!(slack, Some(Some(s)) if s.value() == 0.0) {
                    *slack = Some(None);
                }
            }
        }
    }

    /// The REST form, in its model's key order: what Python holds (a unset
    /// field left out), then `policyType`.
    ///
    /// # Errors
    /// A [`RestError`] for a policy of no known kind.
    pub fn rest_form(&self) -> Result<Value, RestError> {
        let mut out = Map::new();
        let mut put = |key: &str, value: Option<Value>| {
            if let Some(value) = value {
                out.insert(key.into(), value);
            }
        };
        let int = |v: &Option<Option<LenientInt>>| v.flatten().map(|i| Value::from(i.0));
        let float = |v: &Option<Option<PythonFloat>>| v.flatten().map(|f| f.stored());
        let policy_type = match self {
            EarlyTerminationPolicy::BanditPolicy(p) => {
                put("delayEvaluation", int(&p.delay_evaluation));
                put("evaluationInterval", int(&p.evaluation_interval));
                put("slackFactor", float(&p.slack_factor));
                put("slackAmount", float(&p.slack_amount));
                p.r#type.to_rest_object()?
            }
            EarlyTerminationPolicy::MedianStoppingPolicy(p) => {
                put("delayEvaluation", int(&p.delay_evaluation));
                put("evaluationInterval", int(&p.evaluation_interval));
                p.r#type.to_rest_object()?
            }
            EarlyTerminationPolicy::TruncationSelectionPolicy(p) => {
                put("delayEvaluation", int(&p.delay_evaluation));
                put("evaluationInterval", int(&p.evaluation_interval));
                put(
                    "truncationPercentage",
                    Some(Value::from(p.truncation_percentage.0)),
                );
                p.r#type.to_rest_object()?
            }
            EarlyTerminationPolicy::Other(v) => {
                return Err(RestError::new(format!(
                    "not an early termination policy: {v}"
                )))
            }
        };
        out.insert("policyType".into(), policy_type);
        Ok(Value::Object(out))
    }

    /// `EarlyTerminationPolicy._from_rest_object`: the policy its
    /// `policyType` names, each field as sent (an absent one unset, not
    /// defaulted: the constructor is given `None`); `None` for another type.
    ///
    /// # Errors
    /// A [`RestError`] naming a field that is not a number.
    pub fn from_rest_form(rest: &Value) -> Result<Option<Self>, RestError> {
        let int = |key: &str| -> Result<Option<Option<LenientInt>>, RestError> {
            match rest.get(key) {
                None | Some(Value::Null) => Ok(Some(None)),
                Some(v) => LenientInt::from_value(v)
                    .map(|i| Some(Some(i)))
                    .map_err(|e| RestError::new(e).at(key)),
            }
        };
        let float = |key: &str| -> Result<Option<Option<PythonFloat>>, RestError> {
            match rest.get(key) {
                None | Some(Value::Null) => Ok(Some(None)),
                Some(Value::Number(n)) if n.is_i64() => Ok(Some(Some(PythonFloat::stored_int(
                    n.as_i64().unwrap_or_default(),
                )))),
                Some(v) => PythonFloat::from_value(v)
                    .map(|f| Some(Some(f)))
                    .map_err(|e| RestError::new(e).at(key)),
            }
        };
        Ok(Some(match rest.get("policyType").and_then(Value::as_str) {
            Some("Bandit") => EarlyTerminationPolicy::BanditPolicy(BanditPolicy {
                evaluation_interval: int("evaluationInterval")?,
                delay_evaluation: int("delayEvaluation")?,
                r#type: BanditType::Bandit,
                slack_factor: float("slackFactor")?,
                slack_amount: float("slackAmount")?,
            }),
            Some("MedianStopping") => {
                EarlyTerminationPolicy::MedianStoppingPolicy(MedianStoppingPolicy {
                    evaluation_interval: int("evaluationInterval")?,
                    delay_evaluation: int("delayEvaluation")?,
                    r#type: MedianStoppingType::MedianStopping,
                })
            }
            Some("TruncationSelection") => {
                EarlyTerminationPolicy::TruncationSelectionPolicy(TruncationSelectionPolicy {
                    evaluation_interval: int("evaluationInterval")?,
                    delay_evaluation: int("delayEvaluation")?,
                    r#type: TruncationSelectionType::TruncationSelection,
                    truncation_percentage: int("truncationPercentage")?
                        .flatten()
                        .unwrap_or_default(),
                })
            }
            _ => return Ok(None),
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use azml::DictValue;
    use serde_json::json;

    fn load(value: Value) -> EarlyTerminationPolicy {
        let mut policy: EarlyTerminationPolicy = azml::load::from_value(&value).unwrap();
        policy.construct();
        policy
    }

    // What azure-ai-ml 1.35.2 gave for the same policies in a sweep job
    // (`_to_dict()`, `_to_rest_object()`): defaults fill absent fields, a
    // null stays unset, a default slack is the integer 0.
    #[test]
    fn defaults_fill_absent_fields_only() {
        let bandit = load(json!({"type": "bandit", "evaluation_interval": null}));
        assert_eq!(
            bandit.to_dict_value(),
            json!({"delay_evaluation": 0, "type": "bandit", "slack_factor": 0.0, "slack_amount": 0.0})
        );
        assert_eq!(
            bandit.rest_form().unwrap(),
            json!({"delayEvaluation": 0, "slackFactor": 0, "slackAmount": 0, "policyType": "Bandit"})
        );
        let given = load(json!({"type": "Bandit", "slack_factor": 0, "slack_amount": null}));
        assert_eq!(
            given.rest_form().unwrap().to_string(),
            r#"{"delayEvaluation":0,"evaluationInterval":0,"slackFactor":0.0,"policyType":"Bandit"}"#
        );
        let median = load(json!({"type": "MedianStopping"}));
        assert_eq!(
            median.rest_form().unwrap(),
            json!({"delayEvaluation": 0, "evaluationInterval": 1, "policyType": "MedianStopping"})
        );
    }

    #[test]
    fn a_node_unsets_zero_slack() {
        let mut bandit = load(json!({"type": "bandit", "slack_amount": 0.1}));
        bandit.unset_zero_slack();
        assert_eq!(
            bandit.to_dict_value(),
            json!({"evaluation_interval": 0, "delay_evaluation": 0, "type": "bandit", "slack_amount": 0.1})
        );
    }
}
