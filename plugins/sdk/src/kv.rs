//! Read-only key-value lookups: the host's buckets inside a component, a
//! map in native tests.

use std::collections::HashMap;

use crate::KvError;

/// A read-only key-value source. `Ok(None)` means the key does not exist.
pub trait Kv {
    fn get(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, KvError>;
}

/// The host's `kv-get` import. Only usable inside a component.
#[derive(Debug, Clone, Copy, Default)]
pub struct HostKv;

impl Kv for HostKv {
    fn get(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, KvError> {
        crate::bindings::carewire::plugin::host::kv_get(bucket, key)
    }
}

/// An in-memory [`Kv`] for native tests. `failing` makes every lookup fail.
#[derive(Debug, Clone, Default)]
pub struct MapKv {
    entries: HashMap<(String, String), Vec<u8>>,
    failure: Option<KvError>,
}

impl MapKv {
    pub fn new() -> Self {
        Self::default()
    }

    /// A source whose every lookup returns `error`.
    pub fn failing(error: KvError) -> Self {
        Self {
            entries: HashMap::new(),
            failure: Some(error),
        }
    }

    /// Adds (or replaces) one entry; chainable.
    pub fn with(mut self, bucket: &str, key: &str, value: impl Into<Vec<u8>>) -> Self {
        self.insert(bucket, key, value);
        self
    }

    pub fn insert(&mut self, bucket: &str, key: &str, value: impl Into<Vec<u8>>) {
        self.entries
            .insert((bucket.to_owned(), key.to_owned()), value.into());
    }
}

impl Kv for MapKv {
    fn get(&self, bucket: &str, key: &str) -> Result<Option<Vec<u8>>, KvError> {
        if let Some(error) = self.failure {
            return Err(error);
        }
        Ok(self
            .entries
            .get(&(bucket.to_owned(), key.to_owned()))
            .cloned())
    }
}

/// The label value for a lookup result: `found`, `missing`, `denied` or `unavailable`.
pub fn outcome_code(result: &Result<Option<Vec<u8>>, KvError>) -> &'static str {
    match result {
        Ok(Some(_)) => "found",
        Ok(None) => "missing",
        Err(KvError::Denied) => "denied",
        Err(KvError::Unavailable) => "unavailable",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn map_kv_finds_and_misses() {
        let kv = MapKv::new().with("b", "k", "v");
        assert_eq!(kv.get("b", "k"), Ok(Some(b"v".to_vec())));
        assert_eq!(kv.get("b", "other"), Ok(None));
        assert_eq!(kv.get("other", "k"), Ok(None));
    }

    #[test]
    fn failing_map_kv_fails_every_lookup() {
        let kv = MapKv::failing(KvError::Unavailable);
        assert_eq!(kv.get("b", "k"), Err(KvError::Unavailable));
        assert_eq!(outcome_code(&kv.get("b", "k")), "unavailable");
        assert_eq!(outcome_code(&Ok(None)), "missing");
        assert_eq!(outcome_code(&Err(KvError::Denied)), "denied");
    }
}
