//! Retries, timeouts and middleware, through a generated client (the Swagger 2.0 fixture: a GET
//! and a POST), against wiremock on 127.0.0.1.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde_json::json;
use wire_tests::{Error, RetryPolicy, swagger_2};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn fast() -> RetryPolicy {
    RetryPolicy::default().initial_backoff(Duration::from_millis(10))
}

fn client(server: &MockServer) -> swagger_2::Client {
    swagger_2::Client::with_base_url(&server.uri()).with_key("k").with_basic("u", None)
}

async fn unavailable_then_ok(server: &MockServer) {
    Mock::given(method("GET")).and(path("/items")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(server).await;
    Mock::given(method("GET")).and(path("/items")).respond_with(ResponseTemplate::new(200).set_body_json(json!([]))).mount(server).await;
}

#[tokio::test]
async fn a_get_is_retried_after_a_503() {
    let server = MockServer::start().await;
    unavailable_then_ok(&server).await;
    let items = client(&server).with_retry(fast()).list_items().await.unwrap();
    assert!(items.is_empty());
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn without_a_policy_nothing_is_retried() {
    let server = MockServer::start().await;
    unavailable_then_ok(&server).await;
    let err = client(&server).list_items().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn attempts_are_bounded() {
    let server = MockServer::start().await;
    Mock::given(method("GET")).and(path("/items")).respond_with(ResponseTemplate::new(502)).expect(4).mount(&server).await;
    let err = client(&server).with_retry(fast().attempts(4)).list_items().await.unwrap_err();
    assert!(matches!(err, Error::UnexpectedStatus(ref raw) if raw.status == 502), "{err:?}");
}

#[tokio::test]
async fn retry_after_is_honoured() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(429).insert_header("Retry-After", "1"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET")).and(path("/items")).respond_with(ResponseTemplate::new(200).set_body_json(json!([]))).mount(&server).await;
    let started = Instant::now();
    client(&server).with_retry(fast()).list_items().await.unwrap();
    assert!(started.elapsed() >= Duration::from_secs(1), "waited only {:?}", started.elapsed());
    // A server asking for longer than the policy's cap gets its answer back instead.
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(503).insert_header("Retry-After", "3600"))
        .expect(1)
        .mount(&server)
        .await;
    let err = client(&server).with_retry(fast()).list_items().await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
}

#[tokio::test]
async fn a_post_is_retried_only_when_the_policy_says_so() {
    let item = swagger_2::types::NewItem { name: "pen".into(), note: wire_tests::Nullable::Absent };
    for (policy, requests) in [(fast(), 1), (fast().non_idempotent(true), 2)] {
        let server = MockServer::start().await;
        Mock::given(method("POST")).and(path("/items")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
        Mock::given(method("POST"))
            .and(path("/items"))
            .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 1, "name": "pen"})))
            .mount(&server)
            .await;
        let outcome = client(&server).with_retry(policy).create_item(&item).await;
        assert_eq!(server.received_requests().await.unwrap().len(), requests);
        match requests {
            1 => assert_eq!(outcome.unwrap_err().status().map(|s| s.as_u16()), Some(503), "POST is not retried by default"),
            _ => assert_eq!(outcome.unwrap().id, 1),
        }
    }
}

#[tokio::test]
async fn a_refused_connection_is_retried_then_reported() {
    let port = std::net::TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let client = swagger_2::Client::with_base_url(&format!("http://127.0.0.1:{port}"))
        .with_key("k")
        .with_retry(RetryPolicy::default().initial_backoff(Duration::from_millis(100)));
    let started = Instant::now();
    let err = client.list_items().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    // Two waits of at least half the backoff each: 50 ms and 100 ms.
    assert!(started.elapsed() >= Duration::from_millis(150), "{:?}", started.elapsed());
}

#[tokio::test]
async fn a_slow_answer_is_a_timeout_of_its_own_kind() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])).set_delay(Duration::from_secs(5)))
        .mount(&server)
        .await;
    let started = Instant::now();
    let err = client(&server).with_timeout(Duration::from_millis(200)).list_items().await.unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
    assert!(started.elapsed() < Duration::from_secs(2));
}

/// A middleware of the user's own: counts calls and signs each request.
struct Signer(Arc<AtomicUsize>);

#[async_trait::async_trait]
impl reqwest_middleware::Middleware for Signer {
    async fn handle(
        &self,
        mut req: reqwest::Request,
        extensions: &mut http::Extensions,
        next: reqwest_middleware::Next<'_>,
    ) -> reqwest_middleware::Result<reqwest::Response> {
        self.0.fetch_add(1, Ordering::SeqCst);
        req.headers_mut().insert("x-signature", "signed".parse().unwrap());
        next.run(req, extensions).await
    }
}

#[tokio::test]
async fn a_users_middleware_sees_every_attempt() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(header("x-signature", "signed"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(header("x-signature", "signed"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([])))
        .mount(&server)
        .await;
    let calls = Arc::new(AtomicUsize::new(0));
    let http = reqwest_middleware::ClientBuilder::new(reqwest::Client::new()).with(Signer(calls.clone())).build();
    client(&server).with_middleware(http).with_retry(fast()).list_items().await.unwrap();
    assert_eq!(calls.load(Ordering::SeqCst), 2);
}
