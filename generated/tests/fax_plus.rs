//! The Fax.Plus client against an in-process HTTP server: what it sends, and how it reads every
//! documented and undocumented answer.
#![cfg(feature = "fax_plus")]

use generated::Error;
use generated::fax_plus::{Client, errors::UpdateContactError, types};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

const ENCODED_ID: &str = "a%2Fb%20c%3F%23%25";
const RAW_ID: &str = "a/b c?#%";

fn client(server: &MockServer) -> Client {
    Client::with_base_url(&format!("{}/v3", server.uri()))
        .with_personal_access_token("pat-123")
        .with_default_header("x-fax-clientid", "client-7")
        .expect("valid header")
}

fn update() -> types::ContactUpdate {
    types::ContactUpdate {
        name: Some("Jane Smith".into()),
        company: Some("Updated Corp".into()),
        groups: Some(Vec::new()),
        ..Default::default()
    }
}

fn contact_path(id: &str) -> String {
    format!("/v3/accounts/self/contacts/{id}")
}

#[tokio::test]
async fn sends_the_documented_request() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path(contact_path(ENCODED_ID)))
        .and(header("authorization", "Bearer pat-123"))
        .and(header("x-fax-clientid", "client-7"))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        // `None` fields are absent, not `null`; an empty list is still sent, to clear the groups.
        .and(body_json(json!({"name": "Jane Smith", "company": "Updated Corp", "groups": []})))
        .respond_with(
            ResponseTemplate::new(200)
                .set_body_json(json!({
                    "id": "5f7a8b9c0d1e2f3a4b5c6d7e",
                    "name": "Jane Smith",
                    "company": "Updated Corp",
                    "groups": [],
                    "is_shared": false,
                    "creation_date": "2024-01-15T10:30:00Z"
                }))
                .insert_header("x-request-id", "r1"),
        )
        .expect(1)
        .mount(&server)
        .await;

    let response = client(&server).update_contact(RAW_ID, &update()).await.expect("success");
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["x-request-id"], "r1");
    assert_eq!(response.id.as_deref(), Some("5f7a8b9c0d1e2f3a4b5c6d7e"));
    assert_eq!(response.is_shared, Some(false));
    let contact = response.into_inner();
    assert_eq!(contact.groups, Some(Vec::new()));
}

#[tokio::test]
async fn oauth2_token_is_an_alternative() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(header("authorization", "Bearer oauth-xyz"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri()).with_oauth2("oauth-xyz");
    client.update_contact("c1", &update()).await.expect("success");
}

#[tokio::test]
async fn missing_credentials_fail_before_sending() {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(200)).expect(0).mount(&server).await;
    let err = Client::with_base_url(&server.uri()).update_contact("c1", &update()).await.unwrap_err();
    let Error::MissingCredentials(missing) = err else { panic!("{err:?}") };
    assert_eq!(missing.accepted, ["personal_access_token", "oauth2"]);
}

async fn answer(status: u16, body: serde_json::Value) -> Error<UpdateContactError> {
    let server = MockServer::start().await;
    Mock::given(method("PUT")).respond_with(ResponseTemplate::new(status).set_body_json(body)).mount(&server).await;
    client(&server).update_contact("c1", &update()).await.unwrap_err()
}

fn fax_error(error: &str, description: &str) -> types::Error {
    types::Error { error: Some(error.into()), description: Some(description.into()) }
}

#[tokio::test]
async fn each_documented_error_status_has_its_variant() {
    let cases = [
        (400, "invalid_user_id", "Invalid user id given"),
        (401, "unauthorized", "The access token provided is expired"),
        (404, "bad_request", "Requested resource was not found."),
        (500, "internal_server_error", "An unexpected error happened"),
    ];
    for (status, code, text) in cases {
        let err = answer(status, json!({"error": code, "description": text})).await;
        let Error::Api(response) = err else { panic!("{status}: {err:?}") };
        assert_eq!(response.status(), status);
        let body = fax_error(code, text);
        let expected = match status {
            400 => UpdateContactError::BadRequest(body),
            401 => UpdateContactError::Unauthorized(body),
            404 => UpdateContactError::NotFound(body),
            _ => UpdateContactError::InternalServerError(body),
        };
        assert_eq!(response.into_inner(), expected);
    }
}

#[tokio::test]
async fn undocumented_status_keeps_status_and_body() {
    let err = answer(418, json!({"error": "teapot"})).await;
    let Error::UnexpectedStatus(raw) = err else { panic!("{err:?}") };
    assert_eq!(raw.status, 418);
    assert_eq!(raw.body.as_ref(), br#"{"error":"teapot"}"#);
}

#[tokio::test]
async fn undecodable_bodies_keep_status_and_body() {
    let server = MockServer::start().await;
    Mock::given(path(contact_path("html")))
        .respond_with(ResponseTemplate::new(200).set_body_string("<html>oops</html>"))
        .mount(&server)
        .await;
    Mock::given(path(contact_path("empty"))).respond_with(ResponseTemplate::new(404)).mount(&server).await;
    Mock::given(path(contact_path("shape")))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"groups": "not a list"})))
        .mount(&server)
        .await;
    let client = client(&server);
    for (id, status, body) in [("html", 200, &b"<html>oops</html>"[..]), ("empty", 404, b""), ("shape", 200, br#"{"groups":"not a list"}"#)]
    {
        let err = client.update_contact(id, &update()).await.unwrap_err();
        let Error::Decode { status: got, body: raw, .. } = err else { panic!("{id}: {err:?}") };
        assert_eq!((got.as_u16(), raw.as_ref()), (status, body), "{id}");
    }
}

#[tokio::test]
async fn refused_connection_is_a_transport_error() {
    let port = {
        let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
        listener.local_addr().unwrap().port()
    };
    let client = Client::with_base_url(&format!("http://127.0.0.1:{port}")).with_oauth2("t");
    let err = client.update_contact("c1", &update()).await.unwrap_err();
    assert!(matches!(&err, Error::Transport(e) if e.is_connect()), "{err:?}");
    assert_eq!(err.status(), None);
}

#[test]
fn debug_output_hides_secrets() {
    let client = Client::new().with_personal_access_token("super-secret-pat");
    let shown = format!("{client:?}");
    assert!(!shown.contains("super-secret-pat"), "{shown}");
    assert!(shown.contains("https://restapi.fax.plus/v3"), "{shown}");
}

#[test]
fn relative_server_resolves_against_a_host() {
    let base = generated::resolve_server("https://restapi.fax.plus", generated::fax_plus::V3_SERVER).unwrap();
    assert_eq!(base, generated::fax_plus::RESTAPI_FAX_PLUS_V3_SERVER);
    assert_eq!(Client::with_base_url(&base).base_url(), "https://restapi.fax.plus/v3");
}
