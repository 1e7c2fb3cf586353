//! Idempotency keys: one per call, sent on every attempt, so the server can tell a retried
//! request from a new one.

use reqwest::header::{HeaderName, HeaderValue};

/// The key a request was sent with, kept on the answer (a response extension) for the caller
/// to read.
#[derive(Debug, Clone)]
pub(crate) struct SentKey(pub HeaderValue);

/// Puts a fresh key in `header` of `request` unless the caller set one, and returns the key the
/// request carries. `None` when the operation has no idempotency header.
pub(crate) fn fill(request: &mut reqwest::Request, header: Option<&'static str>) -> Option<HeaderValue> {
    let name = HeaderName::from_bytes(header?.as_bytes()).ok()?;
    let value = request.headers_mut().entry(name).or_insert_with(fresh_key);
    Some(value.clone())
}

/// A random UUID (version 4) as text. `fastrand`'s generator is seeded from the OS per thread:
/// a key needs to be unique, not unguessable.
fn fresh_key() -> HeaderValue {
    let bytes = (u128::from(fastrand::u64(..)) << 64 | u128::from(fastrand::u64(..))).to_le_bytes();
    let uuid = uuid::Builder::from_random_bytes(bytes).into_uuid();
    HeaderValue::from_str(uuid.hyphenated().encode_lower(&mut uuid::Uuid::encode_buffer())).expect("a UUID is a valid header value")
}

/// The key `response` was asked with, if it carried one.
pub(crate) fn sent(response: &reqwest::Response) -> Option<HeaderValue> {
    response.extensions().get::<SentKey>().map(|key| key.0.clone())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request() -> reqwest::Request {
        reqwest::Request::new(reqwest::Method::POST, "http://localhost/charges".parse().unwrap())
    }

    #[test]
    fn a_fresh_key_is_a_version_4_uuid() {
        let mut first = request();
        let key = fill(&mut first, Some("Idempotency-Key")).unwrap();
        let parsed = uuid::Uuid::parse_str(key.to_str().unwrap()).unwrap();
        assert_eq!(parsed.get_version_num(), 4);
        assert_eq!(first.headers()["idempotency-key"], key);
        let other = fill(&mut request(), Some("Idempotency-Key")).unwrap();
        assert_ne!(key, other, "each call has its own key");
    }

    #[test]
    fn a_key_the_caller_set_is_kept() {
        let mut set = request();
        set.headers_mut().insert("idempotency-key", HeaderValue::from_static("mine"));
        assert_eq!(fill(&mut set, Some("Idempotency-Key")).unwrap(), "mine");
        assert_eq!(set.headers().get_all("idempotency-key").iter().count(), 1);
        assert_eq!(fill(&mut request(), None), None);
    }
}
