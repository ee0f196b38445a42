//! Sweep limits (azure-ai-ml `SweepJobLimits`): the timeouts the
//! constructor floors (`_get_floored_timeout`), and the REST form
//! (`SweepJobLimits._to_rest_object`, `_from_rest_object`).

use serde_json::Map;

use crate::fields::duration::{from_iso_duration, iso_duration};
use crate::fields::IntOrBinding;
use crate::generated::SweepJobLimits;
use azml::{RestError, Value};

/// The shortest timeout the service takes, in seconds.
const FLOOR: i64 = 60;

/// `_get_floored_timeout`: a non-zero timeout of at most a minute (a
/// negative one included) becomes a minute. Bindings are left as written.
fn floored(timeout: &mut Option<IntOrBinding>) {
    if let Some(IntOrBinding::Int(seconds)) = timeout {
        if *seconds != 0 && *seconds <= FLOOR {
            *seconds = FLOOR;
        }
    }
}

impl SweepJobLimits {
    /// What `SweepJobLimits.__init__` does to the loaded fields: both
    /// timeouts floored.
    pub fn construct(&mut self) {
        floored(&mut self.timeout);
        floored(&mut self.trial_timeout);
    }

    /// The REST form, in its model's key order: counts as integers,
    /// timeouts as ISO 8601 durations (none for 0), `jobLimitsType: Sweep`.
    ///
    /// # Errors
    /// A [`RestError`] for a binding (only a pipeline node holds one) or a
    /// timeout no Python `timedelta` holds.
    pub fn rest_form(&self) -> Result<Value, RestError> {
        let mut out = Map::new();
        let count = |key: &str, v: &IntOrBinding| match v {
            IntOrBinding::Int(i) => Ok(Value::from(*i)),
            IntOrBinding::Binding(b) => {
                Err(RestError::new(format!("a binding has no REST form here: {b}")).at(key))
            }
        };
        if let Some(v) = &self.max_concurrent_trials {
            out.insert(
                "maxConcurrentTrials".into(),
                count("maxConcurrentTrials", v)?,
            );
        }
        out.insert(
            "maxTotalTrials".into(),
            count("maxTotalTrials", &self.max_total_trials)?,
        );
        for (key, timeout) in [
            ("timeout", &self.timeout),
            ("trialTimeout", &self.trial_timeout),
        ] {
            let Some(timeout) = timeout else { continue };
            let seconds = match timeout {
                IntOrBinding::Int(s) => *s,
                binding => count(key, binding)?.as_i64().unwrap_or_default(),
            };
            if let Some(text) = iso_duration(seconds).map_err(|e| RestError::new(e).at(key))? {
                out.insert(key.into(), text.into());
            }
        }
        out.insert("jobLimitsType".into(), "Sweep".into());
        Ok(Value::Object(out))
    }

    /// `SweepJobLimits._from_rest_object`: the limits a REST form holds,
    /// built again (so the timeouts read back are floored again).
    ///
    /// # Errors
    /// A [`RestError`] naming a field that cannot be read.
    pub fn from_rest_form(rest: &Value) -> Result<Self, RestError> {
        let int = |key: &str| -> Result<Option<IntOrBinding>, RestError> {
            match rest.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(v) => v
                    .as_i64()
                    .map(|i| Some(IntOrBinding::Int(i)))
                    .ok_or_else(|| RestError::new(format!("not an integer: {v}")).at(key)),
            }
        };
        let duration = |key: &str| -> Result<Option<IntOrBinding>, RestError> {
            match rest.get(key) {
                None | Some(Value::Null) => Ok(None),
                Some(Value::String(text)) => from_iso_duration(text)
                    .map(|s| Some(IntOrBinding::Int(s)))
                    .map_err(|e| RestError::new(e).at(key)),
                Some(v) => Err(RestError::new(format!("not a duration: {v}")).at(key)),
            }
        };
        let mut limits = SweepJobLimits {
            max_concurrent_trials: int("maxConcurrentTrials")?,
            max_total_trials: int("maxTotalTrials")?
                .ok_or_else(|| RestError::new("missing").at("maxTotalTrials"))?,
            timeout: duration("timeout")?,
            trial_timeout: duration("trialTimeout")?,
        };
        limits.construct();
        Ok(limits)
    }
}
