//! Every security scheme type puts its credential where the spec says, per operation.

use wire_tests::Error;
use wire_tests::security_variants::Client;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

async fn server_expecting(route: &str, check: impl Fn(&Request) -> bool + Send + Sync + 'static) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path(route))
        .and(move |r: &Request| check(r))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    server
}

fn no_auth_header(r: &Request) -> bool {
    !r.headers.contains_key("authorization") && !r.headers.contains_key("x-api-key") && !r.headers.contains_key("cookie")
}

#[tokio::test]
async fn global_bearer_applies_when_the_operation_says_nothing() {
    let server = MockServer::start().await;
    Mock::given(path("/global"))
        .and(header("authorization", "Bearer jwt"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Client::with_base_url(&server.uri()).with_bearer("jwt").uses_global().await.unwrap();
}

#[tokio::test]
async fn alternatives_take_the_first_configured_one() {
    let server = MockServer::start().await;
    Mock::given(path("/either"))
        .and(header("authorization", "Basic dXNlcjpwdw=="))
        .and(|r: &Request| !r.headers.contains_key("x-api-key"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri()).with_basic("user", Some("pw".into()));
    client.either_key_or_basic().await.unwrap();

    let server = server_expecting("/either", |r| r.headers.get("x-api-key").is_some_and(|v| v == "k1")).await;
    let client = Client::with_base_url(&server.uri()).with_header_key("k1").with_basic("user", None);
    client.either_key_or_basic().await.unwrap();
}

#[tokio::test]
async fn schemes_required_together_are_all_sent() {
    let server = MockServer::start().await;
    Mock::given(path("/both"))
        .and(query_param("api_key", "q-key"))
        .and(header("cookie", "session=c-key"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri()).with_query_key("q-key").with_cookie_key("c-key");
    client.key_and_cookie().await.unwrap();

    // One of the two missing: nothing is sent.
    let err = Client::with_base_url(&server.uri()).with_query_key("q-key").key_and_cookie().await.unwrap_err();
    let Error::MissingCredentials(missing) = err else { panic!("{err:?}") };
    assert_eq!(missing.accepted, ["query_key + cookie_key"]);
}

#[tokio::test]
async fn security_empty_list_sends_no_credentials() {
    let server = server_expecting("/public", no_auth_header).await;
    Client::with_base_url(&server.uri()).with_bearer("jwt").with_header_key("k").public_one().await.unwrap();
}

#[tokio::test]
async fn optional_security_uses_credentials_when_present() {
    let anonymous = server_expecting("/optional", no_auth_header).await;
    Client::with_base_url(&anonymous.uri()).optional_auth().await.unwrap();
    let server = server_expecting("/optional", |r| r.headers.get("authorization").is_some_and(|v| v == "Bearer oauth-token")).await;
    Client::with_base_url(&server.uri()).with_oauth("oauth-token").optional_auth().await.unwrap();
}

#[tokio::test]
async fn openid_connect_and_other_http_schemes() {
    let server = server_expecting("/oidc", |r| r.headers.get("authorization").is_some_and(|v| v == "Bearer id-token")).await;
    Client::with_base_url(&server.uri()).with_oidc("id-token").open_id().await.unwrap();
    let server = server_expecting("/dsn", |r| r.headers.get("authorization").is_some_and(|v| v == "DSN https://key@sentry.example")).await;
    Client::with_base_url(&server.uri()).with_dsn("https://key@sentry.example").sentry_dsn().await.unwrap();
}

#[test]
fn servers_and_debug() {
    let client = Client::new().with_bearer("very-secret").with_basic("me", Some("hunter2".into()));
    assert_eq!(client.base_url(), "https://api.example.com/v1");
    let shown = format!("{client:?}");
    assert!(!shown.contains("very-secret") && !shown.contains("hunter2"), "{shown}");
}
