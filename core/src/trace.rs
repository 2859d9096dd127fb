//! W3C trace context carried in NATS headers: continued from the producer's
//! `traceparent` when present, started afresh otherwise, and passed on in the
//! headers of everything carewire publishes for the message.

use async_nats::HeaderMap;

pub const TRACEPARENT: &str = "traceparent";
pub const TRACESTATE: &str = "tracestate";

/// The trace a message belongs to.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TraceContext {
    /// 32 lowercase hex digits.
    pub trace_id: String,
    /// The producer's span id, when the trace was continued.
    pub parent_span_id: Option<String>,
    pub flags: String,
    pub state: Option<String>,
}

impl TraceContext {
    /// Continues the trace of `headers`' `traceparent`, or starts a new one.
    pub fn from_headers(headers: Option<&HeaderMap>) -> Self {
        let header = |name| {
            headers
                .and_then(|h| h.get(name))
                .map(|v| v.as_str().to_string())
        };
        header(TRACEPARENT)
            .and_then(|tp| Self::parse(&tp))
            .map(|mut ctx| {
                ctx.state = header(TRACESTATE);
                ctx
            })
            .unwrap_or_else(Self::new_root)
    }

    fn parse(traceparent: &str) -> Option<Self> {
        let mut parts = traceparent.trim().split('-');
        let (version, trace_id, span_id, flags) =
            (parts.next()?, parts.next()?, parts.next()?, parts.next()?);
        let hex = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_hexdigit());
        let valid = hex(version, 2)
            && version != "ff"
            && hex(trace_id, 32)
            && trace_id.bytes().any(|b| b != b'0')
            && hex(span_id, 16)
            && span_id.bytes().any(|b| b != b'0')
            && hex(flags, 2);
        valid.then(|| Self {
            trace_id: trace_id.to_lowercase(),
            parent_span_id: Some(span_id.to_lowercase()),
            flags: flags.to_lowercase(),
            state: None,
        })
    }

    fn new_root() -> Self {
        Self {
            trace_id: format!("{:032x}", rand::random::<u128>().max(1)),
            parent_span_id: None,
            flags: "01".into(),
            state: None,
        }
    }

    /// Adds `traceparent` (with a new span id) and `tracestate` to `headers`.
    pub fn inject(&self, headers: &mut HeaderMap) {
        let span_id = format!("{:016x}", rand::random::<u64>().max(1));
        headers.insert(
            TRACEPARENT,
            format!("00-{}-{span_id}-{}", self.trace_id, self.flags).as_str(),
        );
        if let Some(state) = &self.state {
            headers.insert(TRACESTATE, state.as_str());
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn continues_a_valid_traceparent() {
        let mut h = HeaderMap::new();
        h.insert(
            TRACEPARENT,
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
        );
        let ctx = TraceContext::from_headers(Some(&h));
        assert_eq!(ctx.trace_id, "4bf92f3577b34da6a3ce929d0e0e4736");
        let mut out = HeaderMap::new();
        ctx.inject(&mut out);
        let tp = out.get(TRACEPARENT).unwrap().as_str().to_string();
        assert!(tp.starts_with("00-4bf92f3577b34da6a3ce929d0e0e4736-"));
        assert!(!tp.contains("00f067aa0ba902b7"));
    }

    #[test]
    fn starts_a_new_trace_on_garbage() {
        let mut h = HeaderMap::new();
        h.insert(TRACEPARENT, "00-xyz-1-01");
        let ctx = TraceContext::from_headers(Some(&h));
        assert_eq!(ctx.trace_id.len(), 32);
        assert!(ctx.parent_span_id.is_none());
    }
}
