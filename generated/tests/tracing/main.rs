//! The `tracing` feature: the span of a call and its fields, for a success, a documented error,
//! a retried call and a refused connection, and the retry events inside it.
#![cfg(all(feature = "tracing", feature = "clemta"))]

mod recorder;

use std::time::Duration;

use generated::clemta::{Client, types};
use generated::{Error, RetryPolicy};
use recorder::{Recorder, SpanRecord};
use serde_json::json;
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const SECRET: &str = "key-abc-secret";

fn body() -> types::UpdateContactRequest {
    types::UpdateContactRequest {
        r#type: types::ContactType::Vendor,
        status: None,
        full_name: "Jane".into(),
        email: "jane@example.com".into(),
        description: None,
        cc_emails: None,
        bcc_emails: None,
        billing: None,
        company_id: "co-1".into(),
    }
}

fn client(base_url: &str) -> Client {
    Client::with_base_url(base_url).with_api_key_auth(SECRET)
}

/// `call` awaited with a recorder as the thread's subscriber; the one `call` span it made.
async fn traced<T>(call: impl Future<Output = T>) -> (T, Recorder, SpanRecord) {
    let recorder = Recorder::default();
    let guard = tracing::subscriber::set_default(recorder.clone());
    let output = call.await;
    drop(guard);
    let span = {
        let recorded = recorder.recorded();
        let calls = recorded.spans_named("call");
        assert_eq!(calls.len(), 1, "one span per call: {:?}", recorded.spans);
        calls[0].clone()
    };
    (output, recorder, span)
}

fn field<'a>(span: &'a SpanRecord, name: &str) -> Option<&'a str> {
    span.fields.get(name).map(String::as_str)
}

/// The facts every span of `updateContact` has, whatever its outcome.
fn assert_operation(span: &SpanRecord, base_url: &str) {
    assert_eq!(field(span, "api"), Some("clemta"));
    assert_eq!(field(span, "operation"), Some("updateContact"));
    assert_eq!(field(span, "http.request.method"), Some("PATCH"));
    assert_eq!(field(span, "http.route"), Some("/contacts/{contact_id}"));
    assert_eq!(field(span, "url.full"), Some(format!("{base_url}/contacts/c%201").as_str()));
}

fn assert_no_secret(recorder: &Recorder) {
    let recorded = recorder.recorded();
    for value in recorded.all_values() {
        assert!(!value.contains(SECRET) && !value.contains("jane@example.com"), "a credential or a body was recorded: {value}");
    }
}

#[tokio::test]
async fn a_success() {
    let server = MockServer::start().await;
    let answer = json!({"success": true, "message": "ok"});
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(200).set_body_json(answer)).mount(&server).await;
    let (result, recorder, span) = traced(client(&server.uri()).update_contact("c 1", &body()).into_future()).await;
    result.unwrap();
    assert_operation(&span, &server.uri());
    assert_eq!(field(&span, "attempt"), Some("1"));
    assert_eq!(field(&span, "http.response.status_code"), Some("200"));
    assert_eq!(field(&span, "outcome"), Some("success"));
    assert_eq!(field(&span, "error.type"), None);
    assert!(recorder.recorded().our_events().is_empty(), "no retry, no event");
    assert_no_secret(&recorder);
}

#[tokio::test]
async fn a_documented_error_names_its_variant() {
    let server = MockServer::start().await;
    let answer = json!({"success": false, "message": "Contact not found", "data": null});
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(404).set_body_json(answer)).mount(&server).await;
    let (result, recorder, span) = traced(client(&server.uri()).update_contact("c 1", &body()).into_future()).await;
    assert!(matches!(result, Err(Error::Api(_))), "{result:?}");
    assert_operation(&span, &server.uri());
    assert_eq!(field(&span, "http.response.status_code"), Some("404"));
    assert_eq!(field(&span, "outcome"), Some("documented_error"));
    assert_eq!(field(&span, "error.type"), Some("NotFound"));
    let recorded = recorder.recorded();
    assert!(recorded.all_values().iter().all(|v| !v.contains("Contact not found")), "the error's body is not recorded");
}

#[tokio::test]
async fn a_retried_call_counts_its_attempts_and_each_retry_is_an_event() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/contacts/c%201"))
        .respond_with(ResponseTemplate::new(503))
        .up_to_n_times(2)
        .mount(&server)
        .await;
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true}))).mount(&server).await;
    let policy = RetryPolicy::default().non_idempotent(true).initial_backoff(Duration::from_millis(2));
    let client = client(&server.uri()).with_retry(policy);
    let (result, recorder, span) = traced(client.update_contact("c 1", &body()).into_future()).await;
    result.unwrap();
    assert_operation(&span, &server.uri());
    assert_eq!(field(&span, "attempt"), Some("3"));
    assert_eq!(field(&span, "http.response.status_code"), Some("200"), "the last answer's");
    assert_eq!(field(&span, "outcome"), Some("success"));
    let recorded = recorder.recorded();
    let call = recorded.spans.iter().position(|s| s.name == "call");
    let events = recorded.our_events();
    assert_eq!(events.len(), 2, "{events:?}");
    for (i, event) in events.iter().enumerate() {
        assert_eq!(event.span, call, "inside the call's span");
        assert_eq!(event.fields.get("message").map(String::as_str), Some("retrying"));
        assert_eq!(event.fields.get("attempt"), Some(&(i + 1).to_string()), "the attempt that failed");
        assert_eq!(event.fields.get("http.response.status_code").map(String::as_str), Some("503"));
        let delay: u64 = event.fields["delay_ms"].parse().unwrap();
        assert!(delay <= 4 * (i as u64 + 1), "{delay}");
    }
    drop(recorded);
    assert_no_secret(&recorder);
}

#[tokio::test]
async fn a_refused_connection_is_an_error_of_kind_connect() {
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let base_url = format!("http://{}", listener.local_addr().unwrap());
    drop(listener);
    let (result, recorder, span) = traced(client(&base_url).update_contact("c 1", &body()).into_future()).await;
    assert!(matches!(result, Err(Error::Transport(_))), "{result:?}");
    assert_operation(&span, &base_url);
    assert_eq!(field(&span, "attempt"), Some("1"));
    assert_eq!(field(&span, "http.response.status_code"), None, "no answer");
    assert_eq!(field(&span, "outcome"), Some("error"));
    assert_eq!(field(&span, "error.type"), Some("connect"));
    assert_no_secret(&recorder);
}

#[tokio::test]
async fn a_request_that_cannot_be_made_is_traced_too() {
    let (result, _, span) = traced(Client::with_base_url("http://localhost:1").update_contact("c", &body()).into_future()).await;
    assert!(matches!(result, Err(Error::MissingCredentials(_))), "{result:?}");
    assert_eq!(field(&span, "outcome"), Some("error"));
    assert_eq!(field(&span, "error.type"), Some("missing_credentials"));
    assert_eq!(field(&span, "attempt"), None, "nothing was sent");
}

/// A session that gets its first token on the call's first attempt: the renewal is an event in
/// the call's span, and neither the token nor the client's secret is recorded.
#[cfg(feature = "fax_plus")]
#[tokio::test]
async fn a_token_renewal_is_an_event_of_the_call() {
    use generated::fax_plus;
    use generated::oauth::OAuth2;

    let server = MockServer::start().await;
    let token = json!({"access_token": "tok-secret-1", "token_type": "bearer", "expires_in": 3600});
    Mock::given(method("POST")).and(path("/token")).respond_with(ResponseTemplate::new(200).set_body_json(token)).mount(&server).await;
    Mock::given(method("PUT"))
        .and(path("/accounts/self/contacts/c1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": "c1"})))
        .mount(&server)
        .await;
    let app = OAuth2::new(fax_plus::OAUTH2_AUTHORIZATION_CODE_FLOW, "fax-traced").client_secret("app-secret-2").origin(server.uri());
    let client = fax_plus::Client::with_base_url(&server.uri()).with_oauth2_session(app.client_credentials(["all"]));
    let body = fax_plus::types::ContactUpdate::default();
    let (result, recorder, span) = traced(client.update_contact("c1", &body).into_future()).await;
    result.unwrap();
    assert_eq!(field(&span, "operation"), Some("updateContact"));
    assert_eq!(field(&span, "outcome"), Some("success"));
    let recorded = recorder.recorded();
    let call = recorded.spans.iter().position(|s| s.name == "call");
    let renewals: Vec<_> = recorded.our_events().into_iter().filter(|e| e.fields["message"] == "OAuth2 token renewal").collect();
    assert_eq!(renewals.len(), 1, "{:?}", recorded.events);
    assert_eq!((renewals[0].span, renewals[0].fields["outcome"].as_str()), (call, "renewed"));
    for value in recorded.all_values() {
        assert!(!value.contains("tok-secret-1") && !value.contains("app-secret-2"), "a secret was recorded: {value}");
    }
}
