//! The NATS failures of the message path, typed. Each keeps the NATS
//! client's own error kind, so a stage (and a test) can match on what
//! failed, and none carries message content: a JSON error keeps only its
//! category, never the text serde quotes from the value.

use async_nats::jetstream::context::{PublishError, PublishErrorKind};
use async_nats::jetstream::kv::{CreateErrorKind, EntryErrorKind, PutErrorKind, UpdateErrorKind};
use async_nats::jetstream::{self, ErrorCode};
use serde_json::error::Category;

/// A record that JetStream did not store.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// The record could not be encoded as JSON.
    #[error("{what} encode: {category:?}")]
    Encode {
        what: &'static str,
        category: Category,
    },
    /// JetStream refused it or did not answer.
    #[error("{what} publish: {source}")]
    Publish {
        what: &'static str,
        #[source]
        source: PublishError,
    },
}

impl StoreError {
    pub fn encode(what: &'static str, error: &serde_json::Error) -> Self {
        StoreError::Encode {
            what,
            category: error.classify(),
        }
    }

    /// The client's error kind, when JetStream was asked.
    pub fn publish_kind(&self) -> Option<PublishErrorKind> {
        match self {
            StoreError::Publish { source, .. } => Some(source.kind()),
            StoreError::Encode { .. } => None,
        }
    }
}

/// A KV read or write that failed, with the bucket it was in.
#[derive(Debug, thiserror::Error)]
#[error("KV bucket {bucket}: {failure}")]
pub struct KvError {
    pub bucket: String,
    pub failure: KvFailure,
}

/// What failed in a KV bucket.
#[derive(Debug, Clone, Copy, PartialEq, thiserror::Error)]
pub enum KvFailure {
    #[error("read: {0}")]
    Read(EntryErrorKind),
    #[error("create: {0}")]
    Create(CreateErrorKind),
    #[error("update: {0}")]
    Update(UpdateErrorKind),
    #[error("put: {0}")]
    Put(PutErrorKind),
    /// JetStream answered a write with an API error the client does not
    /// name (its code, never its description).
    #[error("{op}: JetStream error {code}")]
    Api { op: &'static str, code: u64 },
    /// Other writers changed the key on every attempt.
    #[error("too many concurrent updates")]
    Contended,
    /// A stored record that is not what carewire writes.
    #[error("unreadable record ({0:?})")]
    Unreadable(Category),
    /// A record that could not be encoded.
    #[error("record not encodable ({0:?})")]
    Encode(Category),
    /// A record that another writer created was gone when read.
    #[error("the record vanished")]
    Vanished,
}

/// The JetStream API error code behind `error`, found along its sources
/// (the client wraps the server's answer in its own error kinds).
pub fn api_code(error: &(dyn std::error::Error + 'static)) -> Option<ErrorCode> {
    let mut next = Some(error);
    while let Some(e) = next {
        if let Some(js) = e.downcast_ref::<jetstream::Error>() {
            return Some(js.error_code());
        }
        next = e.source();
    }
    None
}

impl KvError {
    pub fn new(bucket: &str, failure: KvFailure) -> Self {
        Self {
            bucket: bucket.to_string(),
            failure,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_json_failure_keeps_its_category_and_never_the_value() {
        let error = serde_json::from_str::<u32>("\"Maria Lopez DOB 1950-01-02\"")
            .expect_err("a string is not a number");
        assert!(
            error.to_string().contains("Maria"),
            "serde quotes the value"
        );
        let stored = StoreError::encode("audit", &error);
        assert!(matches!(
            stored,
            StoreError::Encode {
                category: Category::Data,
                ..
            }
        ));
        assert!(!stored.to_string().contains("Maria"), "{stored}");
        let kv = KvError::new(
            "carewire_decisions",
            KvFailure::Unreadable(error.classify()),
        );
        assert_eq!(kv.failure, KvFailure::Unreadable(Category::Data));
        assert!(!kv.to_string().contains("Maria"), "{kv}");
    }
}
