//! Tracing, with the `tracing` feature: one span per call, named `call`, with the operation's
//! facts and what became of it; an event per retry and per OAuth2 token renewal.
//!
//! The span's fields (OpenTelemetry's HTTP names where it has one): `api`, `operation`,
//! `http.request.method`, `http.route` (the path template), `url.full` (credentials and the
//! values of query parameters that look like secrets replaced by `REDACTED`), `attempt`,
//! `http.response.status_code`, `idempotency_key`, `outcome` (`success`, `documented_error` or
//! `error`) and `error.type` (the documented error's variant, e.g. `NotFound`, or the kind of
//! failure, e.g. `timeout`). No body, header or credential is recorded.
//!
//! Without the feature the functions below are empty and nothing is recorded; the generated
//! code is the same either way.

#[cfg(feature = "tracing")]
mod on;

#[cfg(feature = "tracing")]
pub(crate) use on::*;

#[cfg(not(feature = "tracing"))]
mod off {
    use std::time::Duration;

    use reqwest::header::HeaderValue;
    use reqwest_middleware::RequestBuilder;

    use super::super::auth::Scheme;

    pub(crate) struct Secrets;

    #[inline(always)]
    pub(crate) fn mark_secrets(request: RequestBuilder, _security: &[&[Scheme]]) -> RequestBuilder {
        request
    }

    #[inline(always)]
    pub(crate) fn secrets(_request: &mut RequestBuilder) -> Secrets {
        Secrets
    }

    #[inline(always)]
    pub(crate) fn attempt(_request: &reqwest::Request, _attempt: u32, _key: Option<&HeaderValue>, _secrets: &Secrets) {}

    #[inline(always)]
    pub(crate) fn answered(_status: u16) {}

    #[inline(always)]
    pub(crate) fn retry(_attempt: u32, _wait: Duration, _status: Option<u16>) {}

    #[cfg(feature = "oauth")]
    #[inline(always)]
    pub(crate) fn token_renewed(_outcome: &'static str) {}
}

#[cfg(not(feature = "tracing"))]
pub(crate) use off::*;
