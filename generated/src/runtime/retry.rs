//! Retrying: which failed attempts are worth another, and how long to wait before it.

use std::time::{Duration, SystemTime};

use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{Method, StatusCode};

/// When a call is tried again, and how often. Clients do not retry unless given one with
/// `with_retry`: a retry repeats a request the server may already have acted on, so it is the
/// caller's choice.
///
/// With a policy, a call is retried after a connection failure or a `429`, `502`, `503` or `504`
/// answer, waiting what the answer's `Retry-After` asks (seconds or an HTTP date), or else an
/// exponential backoff with jitter. Only idempotent methods (GET, HEAD, PUT, DELETE, OPTIONS,
/// TRACE) are retried unless [`RetryPolicy::non_idempotent`] says otherwise, or the operation
/// sends an idempotency key (the same on every attempt, so the server acts once); a request
/// whose body is a stream cannot be repeated and is sent once.
///
/// ```
/// use std::time::Duration;
/// let policy = generated::RetryPolicy::default().attempts(5).max_delay(Duration::from_secs(30));
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    attempts: u32,
    initial_backoff: Duration,
    max_delay: Duration,
    non_idempotent: bool,
}

impl Default for RetryPolicy {
    /// Three attempts in all, waiting about 0.2 s and then 0.4 s; never longer than 10 s.
    fn default() -> Self {
        Self {
            attempts: 3,
            initial_backoff: Duration::from_millis(200),
            max_delay: Duration::from_secs(10),
            non_idempotent: false,
        }
    }
}

impl RetryPolicy {
    /// Attempts in all, the first included (1: no retry).
    pub fn attempts(self, attempts: u32) -> Self {
        Self { attempts: attempts.max(1), ..self }
    }

    /// The wait before the first retry; each later one doubles it (with jitter).
    pub fn initial_backoff(self, initial_backoff: Duration) -> Self {
        Self { initial_backoff, ..self }
    }

    /// The longest wait. A `Retry-After` asking for more ends the retries: the answer is returned.
    pub fn max_delay(self, max_delay: Duration) -> Self {
        Self { max_delay, ..self }
    }

    /// Retries POST and PATCH too: only for operations the server makes safe to repeat (with an
    /// idempotency key, say).
    pub fn non_idempotent(self, non_idempotent: bool) -> Self {
        Self { non_idempotent, ..self }
    }

    /// Whether a request with this method may be retried at all.
    pub(crate) fn covers(&self, method: &Method) -> bool {
        self.non_idempotent
            || matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS | Method::TRACE)
    }

    /// How long to wait before attempt `attempt + 1` after an answer with `status` and `headers`
    /// (or, with `None`, after a connection failure); `None` means no retry.
    pub(crate) fn wait(&self, attempt: u32, answer: Option<(StatusCode, &HeaderMap)>) -> Option<Duration> {
        if attempt >= self.attempts {
            return None;
        }
        if let Some((status, headers)) = answer {
            if !matches!(status.as_u16(), 429 | 502 | 503 | 504) {
                return None;
            }
            if let Some(asked) = retry_after(headers, SystemTime::now()) {
                return (asked <= self.max_delay).then_some(asked);
            }
        }
        let exponential = self.initial_backoff.saturating_mul(1 << (attempt - 1).min(16)).min(self.max_delay);
        // Full jitter between half and all of the backoff, so clients that failed together do
        // not all come back together.
        Some(exponential.mul_f64(0.5 + fastrand::f64() / 2.0))
    }
}

/// `Retry-After`: a number of seconds, or an HTTP date (a date in the past means now).
fn retry_after(headers: &HeaderMap, now: SystemTime) -> Option<Duration> {
    let value = headers.get(RETRY_AFTER)?.to_str().ok()?.trim();
    if let Ok(seconds) = value.parse::<u64>() {
        return Some(Duration::from_secs(seconds));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or_default())
}

#[cfg(test)]
mod tests {
    use reqwest::header::HeaderValue;

    use super::*;

    fn headers(retry_after: &str) -> HeaderMap {
        let mut headers = HeaderMap::new();
        headers.insert(RETRY_AFTER, HeaderValue::from_str(retry_after).unwrap());
        headers
    }

    #[test]
    fn retry_after_in_seconds_or_as_a_date() {
        let now = SystemTime::UNIX_EPOCH + Duration::from_secs(1_000_000_000);
        assert_eq!(retry_after(&headers("7"), now), Some(Duration::from_secs(7)));
        let later = httpdate::fmt_http_date(now + Duration::from_secs(90));
        assert_eq!(retry_after(&headers(&later), now), Some(Duration::from_secs(90)));
        let earlier = httpdate::fmt_http_date(now - Duration::from_secs(90));
        assert_eq!(retry_after(&headers(&earlier), now), Some(Duration::ZERO));
        assert_eq!(retry_after(&headers("soon"), now), None);
        assert_eq!(retry_after(&HeaderMap::new(), now), None);
    }

    #[test]
    fn only_transient_answers_are_retried_and_only_so_often() {
        let policy = RetryPolicy::default();
        let none = HeaderMap::new();
        for status in [429, 502, 503, 504] {
            assert!(policy.wait(1, Some((StatusCode::from_u16(status).unwrap(), &none))).is_some(), "{status}");
        }
        for status in [400, 404, 500, 501] {
            assert_eq!(policy.wait(1, Some((StatusCode::from_u16(status).unwrap(), &none))), None, "{status}");
        }
        assert!(policy.wait(2, None).is_some());
        assert_eq!(policy.wait(3, None), None, "three attempts in all");
    }

    #[test]
    fn backoff_doubles_with_jitter_and_stays_under_the_cap() {
        let policy = RetryPolicy::default().attempts(10).initial_backoff(Duration::from_millis(100)).max_delay(Duration::from_millis(500));
        for _ in 0..100 {
            let first = policy.wait(1, None).unwrap();
            assert!(first >= Duration::from_millis(50) && first <= Duration::from_millis(100), "{first:?}");
            let third = policy.wait(3, None).unwrap();
            assert!(third >= Duration::from_millis(200) && third <= Duration::from_millis(400), "{third:?}");
            assert!(policy.wait(9, None).unwrap() <= Duration::from_millis(500));
        }
    }

    #[test]
    fn a_retry_after_beyond_the_cap_ends_the_retries() {
        let policy = RetryPolicy::default().max_delay(Duration::from_secs(5));
        assert_eq!(policy.wait(1, Some((StatusCode::SERVICE_UNAVAILABLE, &headers("60")))), None);
        assert_eq!(policy.wait(1, Some((StatusCode::TOO_MANY_REQUESTS, &headers("2")))), Some(Duration::from_secs(2)));
    }

    #[test]
    fn post_and_patch_only_on_request() {
        assert!(RetryPolicy::default().covers(&Method::PUT));
        assert!(!RetryPolicy::default().covers(&Method::POST));
        assert!(!RetryPolicy::default().covers(&Method::PATCH));
        assert!(RetryPolicy::default().non_idempotent(true).covers(&Method::POST));
    }
}
