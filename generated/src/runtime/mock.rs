//! The machinery of the generated mock servers (the `mock` feature), written once: each API's
//! `mock` module only names its operations and puts typed values through the functions here.
//!
//! A mock server is a wiremock server with a catch-all that takes what no expectation matches,
//! answers `404` and remembers the request: [`MockServer::verify`] (or dropping the server) fails the
//! test with a message naming the operation the request resembles. Expected values go through
//! the client's own encoding (the generated code builds a request with the client's statements
//! and hands it here), so an expectation matches exactly what the client sends.

use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use percent_encoding::percent_decode_str;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
pub use wiremock::Times;
use wiremock::{Match, Mock, Request, Respond, ResponseTemplate};

use super::core::encode_path;

/// One operation, as the mock server tells requests apart and names them.
#[derive(Debug)]
pub struct Route {
    /// The operation's id in the spec, e.g. `updateContact`.
    pub operation: &'static str,
    /// The client's method, e.g. `update_contact`.
    pub method_name: &'static str,
    /// `GET`, `PATCH`, …
    pub method: &'static str,
    /// The path as the spec writes it, e.g. `/contacts/{contact_id}`.
    pub path: &'static str,
    /// The path as the client fills it: each parameter a `{}`.
    pub template: &'static str,
}

impl Route {
    /// The raw (still percent-encoded) values of the path parameters of `path`, when it has
    /// this route's shape. A parameter is what lies between the literal texts around it; one
    /// at the end of a segment stops at the next `/`.
    fn values<'p>(&self, path: &'p str) -> Option<Vec<&'p str>> {
        let mut pieces = self.template.split("{}");
        let mut rest = path.strip_prefix(pieces.next().unwrap_or_default())?;
        let mut values = Vec::new();
        for piece in pieces {
            let end = match piece.chars().next() {
                None => rest.find('/').unwrap_or(rest.len()),
                Some('/') => rest.find('/')?,
                Some(_) => rest.find(piece)?,
            };
            let (value, after) = rest.split_at(end);
            if value.is_empty() {
                return None;
            }
            values.push(value);
            rest = after.strip_prefix(piece)?;
        }
        rest.is_empty().then_some(values)
    }

    /// Whether `request` has this route's method and path.
    fn fits(&self, request: &Request) -> bool {
        request.method.as_str() == self.method && self.values(request.url.path()).is_some()
    }
}

/// A running mock server of one API, with the API's routes.
pub struct MockServer {
    server: wiremock::MockServer,
    routes: &'static [Route],
    unmatched: Arc<Mutex<Vec<String>>>,
    mounted: Mounted,
}

/// The mounted expectations' matchers, each with whether it is still mounted (a scoped one is
/// not once its guard is dropped).
type Mounted = Arc<Mutex<Vec<(Arc<Expected>, Arc<AtomicBool>)>>>;

impl std::fmt::Debug for MockServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockServer").field("uri", &self.server.uri()).finish_non_exhaustive()
    }
}

impl MockServer {
    /// Starts a server on 127.0.0.1 whose catch-all records what no expectation matches.
    pub async fn start(routes: &'static [Route]) -> Self {
        let server = wiremock::MockServer::start().await;
        let unmatched = Arc::new(Mutex::new(Vec::new()));
        let mounted = Mounted::default();
        let catch_all = Unmatched { routes, seen: Arc::clone(&unmatched) };
        // The catch-all matches only what no expectation does, rather than coming last by
        // wiremock's priority: wiremock 0.6.5 sorts its mocks by priority in place, after which
        // dropping a scoped mock's guard unmounts another mock.
        let unclaimed = Unclaimed(Arc::clone(&mounted));
        Mock::given(unclaimed).respond_with(catch_all).named("unmatched").mount(&server).await;
        Self { server, routes, unmatched, mounted }
    }

    pub fn uri(&self) -> String {
        self.server.uri()
    }

    /// An expectation of the operation `route`, matching its method and path.
    pub fn expect(&self, route: &'static Route) -> Expectation<'_> {
        let params = route.template.matches("{}").count();
        Expectation {
            server: self,
            route,
            path: vec![None; params],
            query: Vec::new(),
            headers: Vec::new(),
            cookies: Vec::new(),
            body: None,
            answer: ResponseTemplate::new(200),
            times: None,
        }
    }

    /// Every request received so far that has `route`'s method and path, matched or not, as
    /// `read` makes it a typed value. The generated readers hand this future on rather than
    /// being `async fn`s themselves: a state machine per operation would cost `cargo check`.
    pub async fn received<T>(&self, route: &'static Route, read: impl Fn(&Received) -> T) -> Vec<T> {
        let all = self.server.received_requests().await.unwrap_or_default();
        all.into_iter()
            .filter(|r| route.fits(r))
            .map(|request| {
                let path = route.values(request.url.path()).unwrap_or_default();
                let path = path.into_iter().map(|v| percent_decode_str(v).decode_utf8_lossy().into_owned()).collect();
                read(&Received { request, path })
            })
            .collect()
    }

    /// How many requests were received so far, of every operation and of none.
    pub async fn received_count(&self) -> usize {
        self.server.received_requests().await.map_or(0, |requests| requests.len())
    }

    /// Takes the messages of the requests no expectation matched: they no longer fail the test.
    pub fn unmatched(&self) -> Vec<String> {
        std::mem::take(&mut *self.unmatched.lock().unwrap_or_else(PoisonError::into_inner))
    }

    /// Panics when a request matched no expectation, or an expectation's call count is unmet.
    pub async fn verify(&self) {
        let unmatched = self.unmatched();
        if !unmatched.is_empty() {
            panic!("{}", unmatched.join("\n"));
        }
        self.server.verify().await;
    }

    /// The API's routes, for messages.
    pub fn routes(&self) -> &'static [Route] {
        self.routes
    }
}

impl Drop for MockServer {
    fn drop(&mut self) {
        // A test that is failing already says why; a second panic would abort it.
        if std::thread::panicking() {
            return;
        }
        let unmatched = self.unmatched();
        if !unmatched.is_empty() {
            panic!("{}", unmatched.join("\n"));
        }
    }
}

/// The catch-all's matcher: a request that no mounted expectation matches.
struct Unclaimed(Mounted);

impl Match for Unclaimed {
    fn matches(&self, request: &Request) -> bool {
        let mounted = self.0.lock().unwrap_or_else(PoisonError::into_inner);
        !mounted.iter().any(|(expected, on)| on.load(Ordering::Acquire) && expected.matches(request))
    }
}

/// The catch-all: remembers each request with what it resembles, and answers `404`.
struct Unmatched {
    routes: &'static [Route],
    seen: Arc<Mutex<Vec<String>>>,
}

impl Respond for Unmatched {
    fn respond(&self, request: &Request) -> ResponseTemplate {
        let message = unmatched_message(self.routes, request);
        self.seen.lock().unwrap_or_else(PoisonError::into_inner).push(message.clone());
        ResponseTemplate::new(404).set_body_string(message)
    }
}

/// What an unmatched request resembles: the operation with its method and path, else nothing.
fn unmatched_message(routes: &[Route], request: &Request) -> String {
    let url = &request.url;
    let target = match url.query() {
        Some(query) => format!("{}?{query}", url.path()),
        None => url.path().to_owned(),
    };
    let head = format!("unmatched request {} {target}", request.method);
    match routes.iter().find(|r| r.fits(request)) {
        Some(r) => format!(
            "{head}: resembles operation {} (`{}`, {} {}) but no expectation matched (a parameter, header or body differed?)",
            r.operation, r.method_name, r.method, r.path
        ),
        None => format!("{head}: resembles no operation of the API"),
    }
}

/// The body an expectation wants.
#[derive(Debug, Clone)]
enum BodyMatch {
    /// Equal as JSON, whatever the spacing or member order.
    Json(Value),
    /// Equal byte for byte: forms and text.
    Bytes(Vec<u8>),
}

/// A typed expectation's state: what the request must hold, and the answer.
pub struct Expectation<'s> {
    server: &'s MockServer,
    route: &'static Route,
    /// Each path parameter's encoded segment, where set.
    path: Vec<Option<String>>,
    /// Query pairs the request must contain, decoded.
    query: Vec<(String, String)>,
    headers: Vec<(http::HeaderName, http::HeaderValue)>,
    /// `name=value` pairs the `Cookie` header must contain.
    cookies: Vec<String>,
    body: Option<BodyMatch>,
    answer: ResponseTemplate,
    times: Option<Times>,
}

impl std::fmt::Debug for Expectation<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Expectation")
            .field("operation", &self.route.operation)
            .field("path", &self.path)
            .field("query", &self.query)
            .field("headers", &self.headers)
            .field("cookies", &self.cookies)
            .field("body", &self.body)
            .finish_non_exhaustive()
    }
}

/// A request builder that goes nowhere: the generated code puts an expected value on it with
/// the client's own statements, and the expectation reads back what they wrote.
pub fn blank() -> reqwest::RequestBuilder {
    static CLIENT: OnceLock<reqwest::Client> = OnceLock::new();
    CLIENT.get_or_init(reqwest::Client::new).get("http://mock.invalid/")
}

fn built(request: reqwest::RequestBuilder) -> reqwest::Request {
    request.build().unwrap_or_else(|e| panic!("the expected value cannot be sent: {e}"))
}

impl<'s> Expectation<'s> {
    /// The `index`th path parameter must be `text`, encoded as the client encodes it.
    pub fn path_param(mut self, index: usize, text: &str) -> Self {
        if let Some(slot) = self.path.get_mut(index) {
            *slot = Some(encode_path(text).to_string());
        }
        self
    }

    /// The query pairs and headers that `request` (a [`blank`] request with one parameter put
    /// on it) holds must be in the received request.
    pub fn param(mut self, request: reqwest::RequestBuilder) -> Self {
        let request = built(request);
        self.query.extend(request.url().query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())));
        for (name, value) in request.headers() {
            if name == http::header::COOKIE {
                self.cookies.extend(value.to_str().unwrap_or_default().split("; ").map(str::to_owned));
            } else {
                self.headers.push((name.clone(), value.clone()));
            }
        }
        self
    }

    /// The body must be the one `request` holds: as JSON when `json`, else byte for byte.
    pub fn body(mut self, request: reqwest::RequestBuilder, json: bool) -> Self {
        let request = built(request);
        let bytes = request.body().and_then(reqwest::Body::as_bytes).unwrap_or_default();
        self.body = Some(match json {
            true => BodyMatch::Json(serde_json::from_slice(bytes).unwrap_or(Value::Null)),
            false => BodyMatch::Bytes(bytes.to_vec()),
        });
        self
    }

    /// Answers with `value` as JSON.
    pub fn respond_json<T: Serialize + ?Sized>(self, status: u16, content_type: &str, value: &T) -> Self {
        let body = serde_json::to_vec(value).unwrap_or_else(|e| panic!("the answer cannot be written as JSON: {e}"));
        self.respond_bytes(status, content_type, body)
    }

    /// Answers with `body` as it is.
    pub fn respond_bytes(mut self, status: u16, content_type: &str, body: impl Into<Vec<u8>>) -> Self {
        self.answer = ResponseTemplate::new(status).set_body_raw(body.into(), content_type);
        self
    }

    /// Answers with `text` as it is.
    pub fn respond_text(self, status: u16, content_type: &str, text: impl Into<String>) -> Self {
        self.respond_bytes(status, content_type, text.into())
    }

    /// Answers with `status` and no body.
    pub fn respond_status(mut self, status: u16) -> Self {
        self.answer = ResponseTemplate::new(status);
        self
    }

    /// How many calls must match, checked when the server is verified or dropped.
    pub fn times(mut self, times: impl Into<Times>) -> Self {
        self.times = Some(times.into());
        self
    }

    /// The wiremock mock, its server, and the flag that says it is mounted (registered with the
    /// catch-all's list).
    fn into_mock(self) -> (Mock, &'s MockServer, Arc<AtomicBool>) {
        let route = self.route;
        let matcher = Arc::new(Expected {
            route,
            path: self.path,
            query: self.query,
            headers: self.headers,
            cookies: self.cookies,
            body: self.body,
        });
        let on = Arc::new(AtomicBool::new(true));
        self.server.mounted.lock().unwrap_or_else(PoisonError::into_inner).push((Arc::clone(&matcher), Arc::clone(&on)));
        let mut mock = Mock::given(Shared(matcher)).respond_with(self.answer).named(route.operation);
        if let Some(times) = self.times {
            mock = mock.expect(times);
        }
        (mock, self.server, on)
    }

    pub async fn mount(self) {
        let (mock, server, _) = self.into_mock();
        mock.mount(&server.server).await;
    }

    pub async fn mount_as_scoped(self) -> MockGuard {
        let (mock, server, on) = self.into_mock();
        MockGuard { on, _guard: mock.mount_as_scoped(&server.server).await }
    }
}

/// Keeps a scoped expectation mounted: dropping it unmounts the expectation and checks its call
/// count.
#[must_use = "the expectation is unmounted as soon as the guard is dropped"]
pub struct MockGuard {
    on: Arc<AtomicBool>,
    _guard: wiremock::MockGuard,
}

impl std::fmt::Debug for MockGuard {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("MockGuard").finish_non_exhaustive()
    }
}

impl Drop for MockGuard {
    fn drop(&mut self) {
        // Before wiremock's guard (a field, dropped after this): from now on the catch-all
        // takes what the expectation matched.
        self.on.store(false, Ordering::Release);
    }
}

/// An expectation's matcher, shared with the catch-all's list.
struct Shared(Arc<Expected>);

impl Match for Shared {
    fn matches(&self, request: &Request) -> bool {
        self.0.matches(request)
    }
}

/// An expectation's matcher: method and path always, and what the test set.
struct Expected {
    route: &'static Route,
    path: Vec<Option<String>>,
    query: Vec<(String, String)>,
    headers: Vec<(http::HeaderName, http::HeaderValue)>,
    cookies: Vec<String>,
    body: Option<BodyMatch>,
}

impl Match for Expected {
    fn matches(&self, request: &Request) -> bool {
        if request.method.as_str() != self.route.method {
            return false;
        }
        let Some(values) = self.route.values(request.url.path()) else { return false };
        // Compared decoded: a client may encode more than it must (`%7E` for `~`).
        let decode = |v: &str| percent_decode_str(v).decode_utf8_lossy().into_owned();
        let path = values.iter().zip(&self.path).all(|(got, want)| want.as_deref().is_none_or(|w| decode(got) == decode(w)));
        let pairs: Vec<(String, String)> = request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let query = self.query.iter().all(|pair| pairs.contains(pair));
        let headers = self.headers.iter().all(|(name, value)| request.headers.get_all(name).iter().any(|v| v == value));
        let sent: Vec<&str> =
            request.headers.get_all(http::header::COOKIE).iter().flat_map(|v| v.to_str().unwrap_or_default().split("; ")).collect();
        let cookies = self.cookies.iter().all(|c| sent.contains(&c.as_str()));
        let body = match &self.body {
            None => true,
            Some(BodyMatch::Json(want)) => serde_json::from_slice::<Value>(&request.body).is_ok_and(|got| &got == want),
            Some(BodyMatch::Bytes(want)) => &request.body == want,
        };
        path && query && headers && cookies && body
    }
}

/// A received request of one operation, for the generated code to read typed values from.
#[derive(Debug)]
pub struct Received {
    request: Request,
    /// The path parameters, decoded.
    path: Vec<String>,
}

/// A parameter's text as a `T`: as a JSON string first (text, enums, dates), then as JSON
/// (numbers, booleans, and what the client sends as JSON).
fn from_text<T: DeserializeOwned>(text: &str) -> Option<T> {
    serde_json::from_value(Value::String(text.to_owned())).ok().or_else(|| serde_json::from_str(text).ok())
}

impl Received {
    /// The `index`th path parameter.
    pub fn path<T: DeserializeOwned>(&self, index: usize) -> Option<T> {
        from_text(self.path.get(index)?)
    }

    /// Path parameter `index`, an array the client joined with commas.
    pub fn path_list<T: DeserializeOwned>(&self, index: usize) -> Option<Vec<T>> {
        split(self.path.get(index)?, ",")
    }

    fn query_texts<'r>(&'r self, name: &'r str) -> impl Iterator<Item = String> + 'r {
        self.request.url.query_pairs().filter(move |(k, _)| k == name).map(|(_, v)| v.into_owned())
    }

    /// The query parameter `name` (its first value).
    pub fn query<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        from_text(&self.query_texts(name).next()?)
    }

    /// The query parameter `name`, an array sent as one pair per item.
    pub fn query_all<T: DeserializeOwned>(&self, name: &str) -> Option<Vec<T>> {
        let items: Option<Vec<T>> = self.query_texts(name).map(|t| from_text(&t)).collect();
        items.filter(|items| !items.is_empty())
    }

    /// The query parameter `name`, an array joined by `separator`.
    pub fn query_list<T: DeserializeOwned>(&self, name: &str, separator: &str) -> Option<Vec<T>> {
        split(&self.query_texts(name).next()?, separator)
    }

    fn header_text(&self, name: &str) -> Option<&str> {
        self.request.headers.get(name)?.to_str().ok()
    }

    /// The header `name`.
    pub fn header<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        from_text(self.header_text(name)?)
    }

    /// The header `name`, an array joined by commas.
    pub fn header_list<T: DeserializeOwned>(&self, name: &str) -> Option<Vec<T>> {
        split(self.header_text(name)?, ",")
    }

    fn cookie_text(&self, name: &str) -> Option<String> {
        let cookies = self.request.headers.get_all(http::header::COOKIE);
        let mut pairs = cookies.iter().flat_map(|v| v.to_str().unwrap_or_default().split("; "));
        let value = pairs.find_map(|pair| pair.strip_prefix(name)?.strip_prefix('='))?;
        Some(percent_decode_str(value).decode_utf8_lossy().into_owned())
    }

    /// The cookie `name`.
    pub fn cookie<T: DeserializeOwned>(&self, name: &str) -> Option<T> {
        from_text(&self.cookie_text(name)?)
    }

    /// The cookie `name`, an array joined by commas.
    pub fn cookie_list<T: DeserializeOwned>(&self, name: &str) -> Option<Vec<T>> {
        split(&self.cookie_text(name)?, ",")
    }

    /// The body as JSON of type `T`; `None` when it is not.
    pub fn json<T: DeserializeOwned>(&self) -> Option<T> {
        serde_json::from_slice(&self.request.body).ok()
    }

    /// The body as text; `None` when it is not UTF-8.
    pub fn text(&self) -> Option<String> {
        String::from_utf8(self.request.body.clone()).ok()
    }

    /// The body's bytes.
    pub fn bytes(&self) -> Vec<u8> {
        self.request.body.clone()
    }
}

/// `text` split at `separator`, each item a `T`.
fn split<T: DeserializeOwned>(text: &str, separator: &str) -> Option<Vec<T>> {
    if text.is_empty() {
        return Some(Vec::new());
    }
    text.split(separator).map(from_text).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    const ROUTE: Route = Route {
        operation: "getFile",
        method_name: "get_file",
        method: "GET",
        path: "/users/{id}/files/{name}.json",
        template: "/users/{}/files/{}.json",
    };

    #[test]
    fn paths_give_their_parameters() {
        assert_eq!(ROUTE.values("/users/u1/files/a%20b.json"), Some(vec!["u1", "a%20b"]));
        assert_eq!(ROUTE.values("/users/u1/files/.json"), None);
        assert_eq!(ROUTE.values("/users/u1/x/files/a.json"), None);
        assert_eq!(ROUTE.values("/users/u1/files/a.json/more"), None);
        let tail = Route { template: "/contacts/{}", ..ROUTE };
        assert_eq!(tail.values("/contacts/c1"), Some(vec!["c1"]));
        assert_eq!(tail.values("/contacts/c1/x"), None);
    }

    #[test]
    fn text_reads_back_as_its_type() {
        assert_eq!(from_text::<String>("12"), Some("12".to_owned()));
        assert_eq!(from_text::<i64>("12"), Some(12));
        assert_eq!(from_text::<bool>("true"), Some(true));
        assert_eq!(split::<i32>("1,2", ","), Some(vec![1, 2]));
    }
}
