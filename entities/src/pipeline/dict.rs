//! `DictMixin` for [`PipelineJob`], written by hand: azml holds a pipeline as
//! its document plus its parallel nodes (the other node kinds are not
//! modelled yet), so no field-by-field derive describes it. Its `_to_dict()`
//! is the document with each parallel node's dict in place; its view is that
//! dict's top-level keys, read-only.

use azml::{DictError, DictMixin, Keys, Value};

use super::PipelineJob;

impl PipelineJob {
    fn top_level(&self) -> Option<&serde_json::Map<String, Value>> {
        self.document.as_object()
    }

    fn read_only(key: &str) -> DictError {
        DictError::UnknownKey {
            key: format!("{key} (a pipeline is read-only in azml)"),
        }
    }
}

impl DictMixin for PipelineJob {
    fn keys(&self) -> Keys<'_> {
        Keys::with_extra(
            &[],
            Box::new(
                self.top_level()
                    .into_iter()
                    .flat_map(|m| m.keys().map(String::as_str)),
            ),
        )
    }

    fn get(&self, key: &str) -> Option<Value> {
        self.to_dict().get(key).cloned()
    }

    fn has_key(&self, key: &str) -> bool {
        self.top_level().is_some_and(|m| m.contains_key(key))
    }

    fn values(&self) -> Vec<Value> {
        match self.to_dict() {
            Value::Object(map) => map.into_iter().map(|(_, v)| v).collect(),
            _ => Vec::new(),
        }
    }

    fn items(&self) -> Vec<(&str, Value)> {
        let dict = self.to_dict();
        self.top_level()
            .into_iter()
            .flat_map(|m| m.keys())
            .map(|k| (k.as_str(), dict.get(k).cloned().unwrap_or(Value::Null)))
            .collect()
    }

    fn len(&self) -> usize {
        self.top_level().map_or(0, serde_json::Map::len)
    }

    fn set(&mut self, key: &str, _: Value) -> Result<(), DictError> {
        Err(Self::read_only(key))
    }

    fn remove(&mut self, key: &str) -> Result<(), DictError> {
        Err(Self::read_only(key))
    }

    fn update<I, K, V>(&mut self, pairs: I) -> Result<(), DictError>
    where
        I: IntoIterator<Item = (K, V)>,
        K: AsRef<str>,
        V: Into<Value>,
    {
        match pairs.into_iter().next() {
            Some((key, _)) => Err(Self::read_only(key.as_ref())),
            None => Ok(()),
        }
    }

    /// The document with each parallel node as azure-ai-ml's `_to_dict()`
    /// gives it (its component resolved, inherited settings filled in);
    /// other keys and nodes as written; no `$schema` (a job drops it at
    /// load: `PathAwareSchema.trim_dump_only`).
    fn to_dict(&self) -> Value {
        let mut dict = self.document.clone();
        if let Some(map) = dict.as_object_mut() {
            map.shift_remove("$schema");
        }
        if let Some(Value::Object(jobs)) = dict.get_mut("jobs") {
            for (name, node) in &self.parallel_nodes {
                jobs.insert(name.clone(), node.pipeline_dict(&self.base));
            }
        }
        dict
    }
}
