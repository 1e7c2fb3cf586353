//! What every conformance program shares: values decoded from their synthesized JSON, a
//! middleware that records each request as sent and what the server said of it, and the record
//! of each call, one JSON line per call in `$CONFORMANCE_OUT`.

use std::fmt::Debug;
use std::io::Write;
use std::sync::{Arc, Mutex, PoisonError};

use generated::{Error, ResponseValue};
use serde_json::{Value, json};

/// A call that was never sent: its value does not decode into the type the client takes.
pub struct Unsendable(String);

/// The typed value of `json`, as a user would build it.
pub fn value<T: serde::de::DeserializeOwned>(json: &str) -> Result<T, Unsendable> {
    serde_json::from_str(json).map_err(|e| {
        Unsendable(format!("the value {json} does not decode into `{}`: {e}", std::any::type_name::<T>()))
    })
}

/// How a sent call ended.
pub enum Outcome {
    /// The typed success.
    Success(u16),
    /// A typed documented error.
    Documented(u16, String),
    /// A status the operation does not document.
    Undocumented(u16, String),
    /// A documented status whose body or headers do not decode.
    Undecodable(u16, String),
    /// No answer: the request failed to build or to send.
    Failed(String),
}

pub fn judge<T, H, E: Debug>(result: Result<ResponseValue<T, H>, Error<E>>) -> Outcome {
    match result {
        Ok(answer) => Outcome::Success(answer.status().as_u16()),
        Err(Error::Api(answer)) => {
            let status = answer.status().as_u16();
            let variant = format!("{:?}", answer.into_inner());
            let variant = variant.split(['(', ' ', '{']).next().unwrap_or_default().to_owned();
            Outcome::Documented(status, variant)
        }
        Err(Error::UnexpectedStatus(raw)) => {
            Outcome::Undocumented(raw.status.as_u16(), String::from_utf8_lossy(&raw.body).chars().take(2000).collect())
        }
        Err(e @ (Error::Decode { .. } | Error::Text { .. } | Error::Header { .. } | Error::Incomplete { .. })) => {
            let status = e.status().map_or(0, |s| s.as_u16());
            let body = match &e {
                Error::Decode { body, source, .. } => {
                    let mut shown: String = String::from_utf8_lossy(body).chars().take(2000).collect();
                    // Where the decoder stopped, when the start shown does not reach it.
                    let at = source.column().min(body.len());
                    if source.line() == 1 && at > shown.len() {
                        shown += &format!(" … up to column {at}: {}", String::from_utf8_lossy(&body[at.saturating_sub(300)..at]));
                    }
                    shown
                }
                Error::Text { body, .. } => String::from_utf8_lossy(body).chars().take(2000).collect(),
                _ => String::new(),
            };
            Outcome::Undecodable(status, format!("{e}; body: {body}"))
        }
        Err(e) => Outcome::Failed(format!("{e:?}")),
    }
}

/// One request as it went out, and the server's verdict on it.
#[derive(Default)]
struct Exchange {
    method: String,
    url: String,
    content_type: Option<String>,
    body: Option<String>,
    status: Option<u16>,
    /// Prism's `sl-violations` header: what it found wrong with the request.
    violations: Option<String>,
    /// The body of an error answer.
    answer: Option<String>,
}

#[derive(Clone, Default)]
struct Recorder(Arc<Mutex<Vec<Exchange>>>);

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Recorder {
    async fn handle(
        &self,
        request: reqwest::Request,
        extensions: &mut http::Extensions,
        next: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        let mut request = request;
        // A streamed body (multipart) is read whole to be recorded, and sent as read.
        if let Some(body) = request.body_mut().take_if(|body| body.as_bytes().is_none()) {
            let bytes = http_body_util::BodyExt::collect(body).await?.to_bytes();
            *request.body_mut() = Some(reqwest::Body::from(bytes));
        }
        let header = |name| request.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_owned);
        let mut exchange = Exchange {
            method: request.method().to_string(),
            url: request.url().to_string(),
            content_type: header(reqwest::header::CONTENT_TYPE),
            body: request.body().and_then(|b| b.as_bytes()).map(|b| String::from_utf8_lossy(b).chars().take(4000).collect()),
            ..Exchange::default()
        };
        let answer = next.run(request, extensions).await;
        let answer = match answer {
            Ok(answer) => {
                exchange.status = Some(answer.status().as_u16());
                exchange.violations = answer.headers().get("sl-violations").and_then(|v| v.to_str().ok()).map(str::to_owned);
                // The body is read here to keep a refusal's text, and handed on whole.
                let mut parts = http::Response::new(());
                *parts.status_mut() = answer.status();
                *parts.headers_mut() = answer.headers().clone();
                let body = answer.bytes().await?;
                if exchange.status.is_some_and(|s| s >= 400) {
                    exchange.answer = Some(String::from_utf8_lossy(&body).chars().take(2000).collect());
                }
                let (parts, ()) = parts.into_parts();
                Ok(reqwest::Response::from(http::Response::from_parts(parts, body)))
            }
            Err(e) => Err(e),
        };
        self.0.lock().unwrap_or_else(PoisonError::into_inner).push(exchange);
        answer
    }
}

/// A call under way: what it calls, and how.
pub struct Call {
    operation: &'static str,
    method: &'static str,
    route: &'static str,
    variant: &'static str,
}

pub struct Run {
    url: String,
    recorder: Recorder,
    lines: Vec<String>,
    out: String,
}

impl Run {
    /// The server is `$CONFORMANCE_URL`; the record goes to `$CONFORMANCE_OUT`.
    pub fn from_env() -> Self {
        let url = std::env::var("CONFORMANCE_URL").expect("CONFORMANCE_URL names the server");
        let out = std::env::var("CONFORMANCE_OUT").expect("CONFORMANCE_OUT names the record file");
        Run { url, recorder: Recorder::default(), lines: Vec::new(), out }
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    pub fn middleware(&self) -> reqwest_middleware::ClientWithMiddleware {
        // A redirect is an answer to judge, not to follow: mocks answer with the spec's example
        // `Location`, a host that is not there.
        let http = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().expect("a plain client builds");
        reqwest_middleware::ClientBuilder::new(http).with(self.recorder.clone()).build()
    }

    pub fn call(&mut self, operation: &'static str, method: &'static str, route: &'static str, variant: &'static str) -> Call {
        self.recorder.0.lock().unwrap_or_else(PoisonError::into_inner).clear();
        Call { operation, method, route, variant }
    }

    pub fn record(&mut self, call: Call, outcome: Result<Outcome, Unsendable>) {
        let exchanges = std::mem::take(&mut *self.recorder.0.lock().unwrap_or_else(PoisonError::into_inner));
        let (kind, status, detail) = match outcome {
            Ok(Outcome::Success(status)) => ("success", Some(status), String::new()),
            Ok(Outcome::Documented(status, variant)) => ("documented", Some(status), variant),
            Ok(Outcome::Undocumented(status, body)) => ("undocumented", Some(status), body),
            Ok(Outcome::Undecodable(status, why)) => ("undecodable", Some(status), why),
            Ok(Outcome::Failed(why)) => ("failed", None, why),
            Err(Unsendable(why)) => ("unsendable", None, why),
        };
        // Retries send more than once: the last attempt is the one answered.
        let sent = exchanges.last();
        let line = json!({
            "operation": call.operation,
            "method": call.method,
            "route": call.route,
            "variant": call.variant,
            "outcome": kind,
            "status": status,
            "detail": detail,
            "request": sent.map(|e| json!({
                "method": e.method,
                "url": e.url,
                "content_type": e.content_type,
                "body": e.body,
                "status": e.status,
                "answer": e.answer,
            })),
            "violations": sent.and_then(|e| e.violations.as_deref()).map(|v| serde_json::from_str::<Value>(v).unwrap_or_else(|_| json!(v))),
        });
        self.lines.push(line.to_string());
    }

    pub fn finish(self) {
        let mut file = std::fs::File::create(&self.out).expect("the record file can be written");
        for line in &self.lines {
            writeln!(file, "{line}").expect("the record file can be written");
        }
        println!("{} calls recorded in {}", self.lines.len(), self.out);
    }
}
