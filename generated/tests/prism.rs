//! The generated clients against Prism, a mock server that validates each request against the
//! spec and answers from the spec's examples. `cargo xtask e2e` starts Prism for every spec and
//! runs these with `PRISM_<MODULE>_URL` set; a plain `cargo test` skips them.
#![cfg(all(feature = "clemta", feature = "fax_plus"))]

use generated::{ResponseValue, clemta, fax_plus};
use reqwest::StatusCode;

fn server(module: &str) -> String {
    let var = format!("PRISM_{module}_URL");
    std::env::var(&var).unwrap_or_else(|_| panic!("{var} is not set: run `cargo xtask e2e`"))
}

/// Prism reports what it found wrong with a request in this header, even on a 2xx.
fn assert_accepted<T>(response: &ResponseValue<T>) {
    assert_eq!(response.status(), StatusCode::OK);
    let violations = response.headers().get("sl-violations");
    assert!(violations.is_none(), "Prism found the request invalid: {violations:?}");
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask e2e`"]
async fn fax_plus_update_contact() {
    let client = fax_plus::Client::with_base_url(&server("FAX_PLUS"))
        .with_personal_access_token("pat")
        .with_default_header("x-fax-clientid", "client-id")
        .unwrap();
    let update = fax_plus::types::ContactUpdate {
        name: Some("Jane Smith".into()),
        company: Some("Updated Corp".into()),
        groups: Some(vec!["5f7a8b9c0d1e2f3a4b5c6d7f".into()]),
        is_telefax: Some(false),
        ..Default::default()
    };
    let response = client.update_contact("contact 1/2", &update).await.unwrap();
    assert_accepted(&response);
    // Prism answers with the spec's property examples, decoded into the typed contact.
    assert_eq!(response.id.as_deref(), Some("5f7a8b9c0d1e2f3a4b5c6d7e"));
    assert_eq!(response.creation_date.as_deref(), Some("2024-01-15T10:30:00Z"));
}

#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask e2e`"]
async fn clemta_update_contact() {
    let client = clemta::Client::with_base_url(&server("CLEMTA")).with_api_key_auth("key");
    let body = clemta::types::UpdateContactRequest {
        r#type: clemta::types::ContactType::Customer,
        status: Some("active".into()),
        full_name: "John Doe Updated".into(),
        email: "john.doe.updated@example.com".into(),
        description: None,
        cc_emails: Some(vec!["billing@example.com".into()]),
        bcc_emails: None,
        billing: Some(clemta::types::ContactBilling { address_1: Some("456 Updated St".into()), ..Default::default() }),
        company_id: "64b8f1a2e4b0c8d9f0123456".into(),
    };
    let response = client.update_contact("64b8f1a2e4b0c8d9f0123456", &body).await.unwrap();
    assert_accepted(&response);
    let data = response.into_inner().data.expect("the example has data");
    assert_eq!(data.r#type, Some(clemta::types::ContactType::Customer));
    assert_eq!(data.created_at, Some(1640995200));
}

/// The harness notices a bad request: Prism refuses a body without its required fields, a
/// request without the API key, and a field of the wrong type.
#[tokio::test]
#[ignore = "needs Prism: run `cargo xtask e2e`"]
async fn prism_rejects_what_the_spec_forbids() {
    let url = format!("{}/contacts/c1", server("CLEMTA"));
    let http = reqwest::Client::new();
    let missing_fields =
        http.patch(&url).header("X-API-Key", "key").json(&serde_json::json!({"type": "customer", "full_name": "J"})).send().await.unwrap();
    assert_eq!(missing_fields.status(), StatusCode::BAD_REQUEST);
    let violations = missing_fields.headers()["sl-violations"].to_str().unwrap().to_owned();
    assert!(violations.contains("required property 'email'"), "{violations}");

    let no_key = http
        .patch(&url)
        .json(&serde_json::json!({"type": "customer", "full_name": "J", "email": "j@example.com", "company_id": "c"}))
        .send()
        .await
        .unwrap();
    assert_eq!(no_key.status(), StatusCode::UNAUTHORIZED);

    let wrong_type = http
        .put(format!("{}/accounts/self/contacts/c1", server("FAX_PLUS")))
        .header("Authorization", "Bearer token")
        .json(&serde_json::json!({"groups": "not-a-list"}))
        .send()
        .await
        .unwrap();
    assert_eq!(wrong_type.status(), StatusCode::BAD_REQUEST);
}
