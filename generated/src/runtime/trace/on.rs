//! The `tracing` feature's half of `trace`: the span of a call and what is recorded in it.

use std::fmt::{self, Write};
use std::future::Future;
use std::time::Duration;

use reqwest::header::HeaderValue;
use reqwest_middleware::RequestBuilder;
use tracing::field::{Empty, display};
use tracing::{Instrument, Span};

use super::super::auth::{Placement, Scheme};
use super::super::error::Error;
use super::super::operation::Operation;
use super::super::response::ResponseValue;

/// The names of the query parameters that carry a credential of the request.
#[derive(Debug, Clone, Default)]
pub(crate) struct Secrets(Vec<&'static str>);

/// `call` run inside the span of a call of `op`, with its outcome recorded when it ends. The
/// span opens when the call is first polled, as the request is sent then.
pub(crate) async fn watched<T, E, H, F>(op: Operation, call: F) -> F::Output
where
    F: Future<Output = Result<ResponseValue<T, H>, Error<E>>>,
    E: fmt::Debug,
{
    let span = tracing::info_span!(
        "call",
        api = op.api,
        operation = op.id,
        "http.request.method" = op.method,
        "http.route" = op.route,
        "url.full" = Empty,
        attempt = Empty,
        "http.response.status_code" = Empty,
        idempotency_key = Empty,
        outcome = Empty,
        "error.type" = Empty,
    );
    let result = call.instrument(span.clone()).await;
    match &result {
        Ok(_) => span.record("outcome", "success"),
        Err(Error::Api(answer)) => span.record("outcome", "documented_error").record("error.type", variant::<E>(answer).as_str()),
        Err(error) => span.record("outcome", "error").record("error.type", kind(error)),
    };
    result
}

/// Marks the query parameters `security` may put credentials in, for [`attempt`] to redact.
pub(crate) fn mark_secrets(request: RequestBuilder, security: &[&[Scheme]]) -> RequestBuilder {
    let names: Vec<&'static str> = security
        .iter()
        .flat_map(|alternative| alternative.iter())
        .filter_map(|scheme| match scheme.placement {
            Placement::Query(name) => Some(name),
            _ => None,
        })
        .collect();
    if names.is_empty() { request } else { request.with_extension(Secrets(names)) }
}

/// The marks [`mark_secrets`] left on `request`.
pub(crate) fn secrets(request: &mut RequestBuilder) -> Secrets {
    request.extensions().remove::<Secrets>().unwrap_or_default()
}

/// Records an attempt of the current call: its number and, on the first, the URL and the key.
pub(crate) fn attempt(request: &reqwest::Request, attempt: u32, key: Option<&HeaderValue>, secrets: &Secrets) {
    let span = Span::current();
    span.record("attempt", attempt);
    if attempt == 1 {
        span.record("url.full", display(redacted(request.url(), secrets)));
        if let Some(key) = key.and_then(|key| key.to_str().ok()) {
            span.record("idempotency_key", key);
        }
    }
}

/// Records the status of the current call's latest answer.
pub(crate) fn answered(status: u16) {
    Span::current().record("http.response.status_code", status);
}

/// An event: attempt `attempt` failed (with `status`, or without an answer) and is retried
/// after `wait`.
pub(crate) fn retry(attempt: u32, wait: Duration, status: Option<u16>) {
    let delay_ms = u64::try_from(wait.as_millis()).unwrap_or(u64::MAX);
    tracing::info!(attempt, delay_ms, "http.response.status_code" = status, "retrying");
}

/// An event: the OAuth2 session renewed its access token (`renewed`) or failed to (`failed`).
#[cfg(feature = "oauth")]
pub(crate) fn token_renewed(outcome: &'static str) {
    tracing::info!(outcome, "OAuth2 token renewal");
}

/// The URL without userinfo or fragment, and with the values of credential-like query
/// parameters replaced.
fn redacted(url: &reqwest::Url, secrets: &Secrets) -> reqwest::Url {
    let mut url = url.clone();
    let _ = url.set_username("");
    let _ = url.set_password(None);
    url.set_fragment(None);
    let secret = |name: &str| secrets.0.contains(&name) || looks_secret(name);
    if url.query_pairs().any(|(name, _)| secret(&name)) {
        let pairs: Vec<(String, String)> = url
            .query_pairs()
            .map(|(name, value)| {
                let value = if secret(&name) { "REDACTED".to_owned() } else { value.into_owned() };
                (name.into_owned(), value)
            })
            .collect();
        url.query_pairs_mut().clear().extend_pairs(pairs);
    }
    url
}

/// A query parameter named like a credential (`api_key`, `access_token`, `X-Amz-Signature`…).
fn looks_secret(name: &str) -> bool {
    const WORDS: [&str; 9] = ["key", "token", "secret", "passw", "sig", "auth", "credential", "session", "code"];
    let name = name.to_ascii_lowercase();
    WORDS.iter().any(|word| name.contains(word))
}

/// The kind of a failure that is not a documented error, as `error.type` names it.
fn kind<E>(error: &Error<E>) -> &'static str {
    match error {
        Error::Api(_) => "documented_error",
        Error::UnexpectedStatus(_) => "unexpected_status",
        Error::Decode { .. } => "decode",
        Error::Text { .. } => "text",
        Error::Header { .. } => "header",
        Error::Incomplete { .. } => "incomplete",
        Error::Transport(e) if e.is_connect() => "connect",
        Error::Transport(_) => "transport",
        Error::Timeout(_) => "timeout",
        Error::Middleware(_) => "middleware",
        Error::MissingCredentials(_) => "missing_credentials",
        Error::InvalidPath(_) => "invalid_path",
        Error::SignIn(_) => "sign_in",
    }
}

/// The name of `value`'s variant: its `Debug` text up to the first character no identifier
/// has. Writing stops there, so the body (which may be large, or private) is never formatted.
fn variant<E: fmt::Debug>(value: &E) -> String {
    struct Name(String);
    impl Write for Name {
        fn write_str(&mut self, text: &str) -> fmt::Result {
            match text.find(|c: char| !(c.is_alphanumeric() || c == '_')) {
                Some(end) => {
                    self.0.push_str(&text[..end]);
                    Err(fmt::Error)
                }
                None => {
                    self.0.push_str(text);
                    Ok(())
                }
            }
        }
    }
    let mut name = Name(String::new());
    let _ = write!(name, "{value:?}");
    name.0
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug)]
    #[allow(dead_code, reason = "only Debug reads the fields")]
    enum Documented {
        NotFound(String),
        Conflict { body: u8 },
        Gone,
    }

    #[test]
    fn a_variant_is_named_without_its_body() {
        assert_eq!(variant(&Documented::NotFound("secret body".into())), "NotFound");
        assert_eq!(variant(&Documented::Conflict { body: 1 }), "Conflict");
        assert_eq!(variant(&Documented::Gone), "Gone");
    }

    #[test]
    fn urls_lose_their_credentials() {
        let url: reqwest::Url = "https://me:pw@api.example.com/v1/items?limit=5&api_key=k1&q=x&custom=k2#frag".parse().unwrap();
        let shown = redacted(&url, &Secrets(vec!["custom"])).to_string();
        assert_eq!(shown, "https://api.example.com/v1/items?limit=5&api_key=REDACTED&q=x&custom=REDACTED");
        let plain: reqwest::Url = "https://api.example.com/v1/items?a=%20b".parse().unwrap();
        assert_eq!(redacted(&plain, &Secrets::default()).as_str(), "https://api.example.com/v1/items?a=%20b", "left as it was");
    }
}
