//! Idempotency keys: an operation that declares an `Idempotency-Key` header (Stripe's shape, in
//! `form_styles.yaml`) sends one key on every attempt, its own unless the caller set one, is
//! retried though it is a POST, and hands the key back on the answer.

use std::time::Duration;

use wire_tests::RetryPolicy;
use wire_tests::form_styles::{Client, types};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    // The default policy, which retries POST only for an operation with an idempotency key.
    Client::with_base_url(&server.uri()).with_retry(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
}

/// Two `503`s, then the customer.
async fn failing_twice(server: &MockServer, route: &str) {
    Mock::given(method("POST")).and(path(route)).respond_with(ResponseTemplate::new(503)).up_to_n_times(2).mount(server).await;
    Mock::given(method("POST"))
        .and(path(route))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!({"id": "cus_1", "object": "customer", "sid": "CA1"})))
        .mount(server)
        .await;
}

fn keys(requests: &[Request]) -> Vec<Option<String>> {
    requests.iter().map(|r| r.headers.get("idempotency-key").map(|v| v.to_str().unwrap().to_owned())).collect()
}

#[tokio::test]
async fn one_fresh_key_is_sent_on_every_attempt() {
    let server = MockServer::start().await;
    failing_twice(&server, "/v1/customers").await;
    let customer = client(&server).post_customers(&types::PostCustomersBody::default()).await.unwrap();
    assert_eq!(customer.id, "cus_1");
    let sent = keys(&server.received_requests().await.unwrap());
    assert_eq!(sent.len(), 3, "two retries of a POST: {sent:?}");
    let key = sent[0].clone().expect("a key on the first attempt");
    assert!(sent.iter().all(|k| k.as_deref() == Some(key.as_str())), "the same key every time: {sent:?}");
    assert_eq!(uuid::Uuid::parse_str(&key).unwrap().get_version_num(), 4, "{key}");
    assert_eq!(customer.idempotency_key(), Some(key.as_str()), "the answer tells which key was sent");

    // The next call is another operation for the server: another key.
    server.reset().await;
    failing_twice(&server, "/v1/customers").await;
    let again = client(&server).post_customers(&types::PostCustomersBody::default()).await.unwrap();
    assert_ne!(again.idempotency_key(), Some(key.as_str()));
}

#[tokio::test]
async fn a_key_the_caller_set_is_kept() {
    let server = MockServer::start().await;
    failing_twice(&server, "/v1/customers").await;
    let customer = client(&server).post_customers(&types::PostCustomersBody::default()).idempotency_key("order-6735").await.unwrap();
    let sent = keys(&server.received_requests().await.unwrap());
    assert_eq!(sent, vec![Some("order-6735".to_owned()); 3]);
    assert_eq!(customer.idempotency_key(), Some("order-6735"));
}

#[tokio::test]
async fn the_last_attempt_has_the_same_key() {
    let server = MockServer::start().await;
    Mock::given(method("POST")).and(path("/v1/customers")).respond_with(ResponseTemplate::new(503)).expect(3).mount(&server).await;
    let error = client(&server).post_customers(&types::PostCustomersBody::default()).idempotency_key("k-1").await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503), "{error}");
    let sent = keys(&server.received_requests().await.unwrap());
    assert_eq!(sent, vec![Some("k-1".to_owned()); 3], "retried until the policy gave up");
    assert_eq!(error.idempotency_key(), Some("k-1"), "an undocumented status tells the key too");
}

#[tokio::test]
async fn a_post_without_a_key_is_sent_once_and_without_one() {
    let server = MockServer::start().await;
    failing_twice(&server, "/Calls.json").await;
    let body = types::CreateCallBody { to: "+1".into(), from: "+2".into(), status_callback_event: None };
    let error = client(&server).create_call(&body).await.unwrap_err();
    assert_eq!(error.status().map(|s| s.as_u16()), Some(503));
    assert_eq!(keys(&server.received_requests().await.unwrap()), vec![None], "not retried, no key");
}

/// `idempotency_setting.yaml` declares no header: its first line stands for the
/// `idempotency-header` setting, which gives every POST a key in `Idempotency-Key`.
mod by_the_setting {
    use super::*;
    use wire_tests::idempotency_setting::{Client, errors::CreatePaymentError, types::PaymentRequest};

    fn client(server: &MockServer) -> Client {
        Client::with_base_url(&server.uri()).with_retry(RetryPolicy::default().initial_backoff(Duration::from_millis(1)))
    }

    async fn failing_twice(server: &MockServer) {
        Mock::given(method("POST")).and(path("/payments")).respond_with(ResponseTemplate::new(503)).up_to_n_times(2).mount(server).await;
        let payment = serde_json::json!({"id": "pay_1", "amount": 100});
        Mock::given(method("POST"))
            .and(path("/payments"))
            .respond_with(ResponseTemplate::new(201).set_body_json(payment))
            .mount(server)
            .await;
    }

    #[tokio::test]
    async fn a_post_is_retried_with_one_fresh_key() {
        let server = MockServer::start().await;
        failing_twice(&server).await;
        let payment = client(&server).create_payment(&PaymentRequest { amount: 100 }).await.unwrap();
        assert_eq!(payment.id, "pay_1");
        let sent = keys(&server.received_requests().await.unwrap());
        assert_eq!(sent.len(), 3, "{sent:?}");
        let key = sent[0].clone().expect("a key on the first attempt");
        assert_eq!(sent, vec![Some(key.clone()); 3]);
        assert_eq!(uuid::Uuid::parse_str(&key).unwrap().get_version_num(), 4, "{key}");
        assert_eq!(payment.idempotency_key(), Some(key.as_str()));
    }

    #[tokio::test]
    async fn the_caller_can_choose_the_key() {
        let server = MockServer::start().await;
        failing_twice(&server).await;
        let payment = client(&server).create_payment(&PaymentRequest { amount: 100 }).idempotency_key("order-7").await.unwrap();
        assert_eq!(keys(&server.received_requests().await.unwrap()), vec![Some("order-7".to_owned()); 3]);
        assert_eq!(payment.idempotency_key(), Some("order-7"));
    }

    #[tokio::test]
    async fn a_documented_error_tells_the_key() {
        let server = MockServer::start().await;
        let problem = serde_json::json!({"detail": "under way"});
        Mock::given(method("POST"))
            .and(path("/payments"))
            .respond_with(ResponseTemplate::new(409).set_body_json(problem))
            .mount(&server)
            .await;
        let error = client(&server).create_payment(&PaymentRequest { amount: 5 }).idempotency_key("order-8").await.unwrap_err();
        assert_eq!(error.idempotency_key(), Some("order-8"));
        match error {
            wire_tests::Error::Api(answer) => {
                assert_eq!(answer.idempotency_key(), Some("order-8"));
                assert!(matches!(answer.into_inner(), CreatePaymentError::Conflict(p) if p.detail.as_deref() == Some("under way")));
            }
            other => panic!("{other:?}"),
        }
    }

    #[tokio::test]
    async fn a_get_sends_no_key() {
        let server = MockServer::start().await;
        let payment = serde_json::json!({"id": "pay_1", "amount": 100});
        Mock::given(method("GET"))
            .and(path("/payments/pay_1"))
            .respond_with(ResponseTemplate::new(200).set_body_json(payment))
            .mount(&server)
            .await;
        let payment = client(&server).get_payment("pay_1").await.unwrap();
        assert_eq!(payment.idempotency_key(), None);
        assert_eq!(keys(&server.received_requests().await.unwrap()), vec![None]);
    }
}
