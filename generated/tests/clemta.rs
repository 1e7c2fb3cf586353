//! The Clemta client against an in-process HTTP server, with the bodies of the seed document.
#![cfg(feature = "clemta")]

use generated::Error;
use generated::clemta::{Client, PRODUCTION_SERVER, errors::UpdateContactError, types};
use serde_json::json;
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

fn request_body() -> serde_json::Value {
    json!({
        "type": "customer",
        "status": "active",
        "full_name": "John Doe Updated",
        "email": "john.doe.updated@example.com",
        "description": "Updated customer contact",
        "cc_emails": ["billing@example.com", "support@example.com"],
        "bcc_emails": ["admin@example.com"],
        "billing": {
            "email": "billing.updated@example.com", "phone": "+1234567890", "phone_code": "+1",
            "iso_code": "US", "country": "United States", "address_1": "456 Updated St",
            "address_2": "Suite 200", "postal_code": "54321", "district": "Uptown", "state": "NY",
            "province": "New York", "tax_id": "98-7654321"
        },
        "company_id": "64b8f1a2e4b0c8d9f0123456"
    })
}

fn minimal_request() -> types::UpdateContactRequest {
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

fn client(server: &MockServer) -> Client {
    Client::with_base_url(&server.uri()).with_api_key_auth("key-abc")
}

#[tokio::test]
async fn sends_the_seed_request_and_decodes_the_seed_answer() {
    let server = MockServer::start().await;
    let answer = json!({
        "success": true,
        "message": "Contact updated successfully",
        "data": {
            "id": "64b8f1a2e4b0c8d9f0123456", "created_at": 1686787200, "updated_at": 1686787300,
            "type": "customer", "status": "active", "full_name": "John Doe Updated",
            "email": "john.doe.updated@example.com", "description": "Updated customer contact",
            "cc_emails": ["billing@example.com", "support@example.com"], "bcc_emails": ["admin@example.com"],
            "billing": request_body()["billing"].clone()
        }
    });
    Mock::given(method("PATCH"))
        .and(path("/contacts/64b8f1a2e4b0c8d9f0123456"))
        .and(header("x-api-key", "key-abc"))
        .and(header("content-type", "application/json"))
        .and(header("accept", "application/json"))
        .and(body_json(request_body()))
        .respond_with(ResponseTemplate::new(200).set_body_json(&answer))
        .expect(1)
        .mount(&server)
        .await;

    let body: types::UpdateContactRequest = serde_json::from_value(request_body()).unwrap();
    let response = client(&server).update_contact("64b8f1a2e4b0c8d9f0123456", &body).await.unwrap();
    let data = response.data.as_ref().unwrap();
    assert_eq!(data.r#type, Some(types::ContactType::Customer));
    assert_eq!(data.created_at, Some(1686787200));
    assert_eq!(data.billing.as_ref().unwrap().address_1.as_deref(), Some("456 Updated St"));
    assert_eq!(serde_json::to_value(response.into_inner()).unwrap(), answer);
}

#[tokio::test]
async fn optional_fields_are_absent_and_path_is_one_segment() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/contacts/a%2Fb%20c%3F%23%25"))
        .and(body_json(json!({"type": "vendor", "full_name": "Jane", "email": "jane@example.com", "company_id": "co-1"})))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"success": true})))
        .expect(1)
        .mount(&server)
        .await;
    client(&server).update_contact("a/b c?#%", &minimal_request()).await.unwrap();
}

#[tokio::test]
async fn the_four_error_schemas_decode_by_status() {
    let server = MockServer::start().await;
    let bodies = [
        (
            400,
            json!({"success": false, "message": "Invalid request data", "error": {"code": "VALIDATION_FAILED", "details": "Field 'email' is required"}}),
        ),
        (401, json!({"success": false, "message": "API key is required", "error": {"code": "API_KEY_REQUIRED"}})),
        (404, json!({"success": false, "message": "Contact not found", "error": {"code": "CONTACT_NOT_FOUND"}})),
        (500, json!({"success": false, "message": "Internal server error", "error": {"code": "INTERNAL_ERROR"}})),
    ];
    for (status, body) in &bodies {
        Mock::given(path(format!("/contacts/s{status}")))
            .respond_with(ResponseTemplate::new(*status).set_body_json(body))
            .mount(&server)
            .await;
    }
    let client = client(&server);
    for (status, body) in bodies {
        let err = client.update_contact(&format!("s{status}"), &minimal_request()).await.unwrap_err();
        let Error::Api(response) = err else { panic!("{status}: {err:?}") };
        assert_eq!(response.status(), status);
        let (code, decoded) = match response.into_inner() {
            UpdateContactError::BadRequest(e) => (400, serde_json::to_value(e)),
            UpdateContactError::Unauthorized(e) => (401, serde_json::to_value(e)),
            UpdateContactError::NotFound(e) => (404, serde_json::to_value(e)),
            UpdateContactError::InternalServerError(e) => (500, serde_json::to_value(e)),
        };
        assert_eq!(code, status, "decoded as the wrong status's type");
        assert_eq!(decoded.unwrap(), body);
    }
}

#[tokio::test]
async fn unknown_enum_values_are_kept() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": {"type": "partner"}})))
        .mount(&server)
        .await;
    let response = client(&server).update_contact("c", &minimal_request()).await.unwrap();
    let kind = response.into_inner().data.unwrap().r#type.unwrap();
    assert_eq!(kind, types::ContactType::Unknown("partner".into()));
    assert_eq!(kind.as_str(), "partner");
    assert_eq!(serde_json::to_value(&kind).unwrap(), json!("partner"));
}

#[tokio::test]
async fn service_unavailable_is_undocumented() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).respond_with(ResponseTemplate::new(503).set_body_string("maintenance")).mount(&server).await;
    let err = client(&server).update_contact("c", &minimal_request()).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503));
    let Error::UnexpectedStatus(raw) = err else { panic!("{err:?}") };
    assert_eq!(raw.body.as_ref(), b"maintenance");
}

#[test]
fn defaults_to_production() {
    assert_eq!(Client::new().base_url(), PRODUCTION_SERVER);
    assert_eq!(Client::default().base_url(), "https://api.clemta.com");
}
