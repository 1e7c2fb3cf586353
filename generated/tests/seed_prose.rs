//! The JSON bodies in the seed documents' prose (beyond the specs' own examples, which the
//! generated `*_examples.rs` tests check) against the generated types.
#![cfg(all(feature = "clemta", feature = "fax_plus"))]

use generated::{clemta, fax_plus};
use serde_json::{Value, json};

fn round_trip<T: serde::de::DeserializeOwned + serde::Serialize>(value: &Value) -> Value {
    let typed: T = serde_json::from_value(value.clone()).expect("decodes");
    serde_json::to_value(typed).expect("encodes")
}

#[test]
fn clemta_request_response_and_error_bodies() {
    let request = json!({
        "type": "customer", "status": "active", "full_name": "John Doe Updated",
        "email": "john.doe.updated@example.com", "description": "Updated customer contact",
        "cc_emails": ["billing@example.com", "support@example.com"], "bcc_emails": ["admin@example.com"],
        "billing": {
            "email": "billing.updated@example.com", "phone": "+1234567890", "phone_code": "+1",
            "iso_code": "US", "country": "United States", "address_1": "456 Updated St",
            "address_2": "Suite 200", "postal_code": "54321", "district": "Uptown", "state": "NY",
            "province": "New York", "tax_id": "98-7654321"
        },
        "company_id": "64b8f1a2e4b0c8d9f0123456"
    });
    assert_eq!(round_trip::<clemta::types::UpdateContactRequest>(&request), request);

    let mut data = request.clone();
    data["id"] = json!("64b8f1a2e4b0c8d9f0123456");
    data["created_at"] = json!(1686787200);
    data["updated_at"] = json!(1686787300);
    data.as_object_mut().unwrap().remove("company_id");
    let response = json!({"success": true, "message": "Contact updated successfully", "data": data});
    assert_eq!(round_trip::<clemta::types::ContactUpdateResponse>(&response), response);

    // The prose's error codes differ from the spec's examples: codes are open strings.
    let errors = [
        json!({"success": false, "message": "Invalid request data", "error": {"code": "VALIDATION_FAILED", "details": "Field 'email' is required"}}),
        json!({"success": false, "message": "API key is required", "error": {"code": "API_KEY_REQUIRED"}}),
        json!({"success": false, "message": "Contact not found", "error": {"code": "CONTACT_NOT_FOUND"}}),
        json!({"success": false, "message": "Internal server error", "error": {"code": "INTERNAL_ERROR"}}),
    ];
    assert_eq!(round_trip::<clemta::types::BadRequestError>(&errors[0]), errors[0]);
    assert_eq!(round_trip::<clemta::types::UnauthorizedError>(&errors[1]), errors[1]);
    assert_eq!(round_trip::<clemta::types::ContactNotFoundError>(&errors[2]), errors[2]);
    assert_eq!(round_trip::<clemta::types::InternalServerError>(&errors[3]), errors[3]);
}

#[test]
fn fax_plus_request_body_loses_only_what_the_spec_lacks() {
    // The prose sends `numbers`, which `ContactUpdate` in the spec does not have: it is the one
    // member that does not survive, and everything else does.
    let prose = json!({"name": "Jane Smith", "company": "Updated Corp", "numbers": ["+1987654321"]});
    let mut expected = prose.clone();
    expected.as_object_mut().unwrap().remove("numbers");
    assert_eq!(round_trip::<fax_plus::types::ContactUpdate>(&prose), expected);
}
