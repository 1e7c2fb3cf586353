//! The `mock` feature: each seed's typed mock server, per operation a matched call with a typed
//! success, an unmatched call named after the operation it resembles, a typed documented error,
//! call counts, and the received requests read back typed. `cargo test --workspace` runs these
//! (the wire crate turns the feature on); `cargo test -p generated --all-features` too.
#![cfg(all(feature = "mock", feature = "fax_plus", feature = "clemta"))]

use generated::Error;

// The README's mock example, word for word (a test in xtask keeps the two identical).
use generated::fax_plus::{self, mock::MockServer, types::ContactUpdate};

/// Your own code: renames a contact, and says whether it was there.
async fn rename(client: &fax_plus::Client, id: &str, name: &str) -> Result<bool, generated::Error<fax_plus::errors::UpdateContactError>> {
    let update = ContactUpdate { name: Some(name.into()), ..Default::default() };
    match client.update_contact(id, &update).await {
        Ok(_) => Ok(true),
        Err(generated::Error::Api(answer)) if answer.status() == 404 => Ok(false),
        Err(e) => Err(e),
    }
}

#[tokio::test]
async fn rename_says_whether_the_contact_was_there() {
    let server = MockServer::start().await;
    let renamed = ContactUpdate { name: Some("Jane".into()), ..Default::default() };
    server
        .update_contact()
        .contact_id("c1")
        .body(&renamed)
        .respond_ok(&fax_plus::types::Contact { id: Some("c1".into()), ..Default::default() })
        .expect(1)
        .mount()
        .await;
    server.update_contact().contact_id("gone").respond_not_found(&fax_plus::types::Error::default()).mount().await;

    let client = fax_plus::Client::with_base_url(&server.base_url()).with_personal_access_token("test");
    assert!(rename(&client, "c1", "Jane").await.unwrap());
    assert!(!rename(&client, "gone", "Jane").await.unwrap());
    let sent = server.received().update_contact().await;
    assert_eq!(sent[0].body, Some(renamed));
    server.verify().await;
}
// End of the README's example.

mod fax_plus_mock {
    use generated::fax_plus::errors::UpdateContactError;
    use generated::fax_plus::mock::MockServer;
    use generated::fax_plus::{Client, types};

    use super::Error;

    fn update() -> types::ContactUpdate {
        types::ContactUpdate {
            name: Some("Jane Smith".into()),
            company: Some("Acme".into()),
            ..Default::default()
        }
    }

    fn contact() -> types::Contact {
        types::Contact { id: Some("a/b c".into()), name: Some("Jane Smith".into()), ..Default::default() }
    }

    fn client(server: &MockServer) -> Client {
        Client::with_base_url(&server.base_url()).with_personal_access_token("pat-1")
    }

    #[tokio::test]
    async fn a_matched_call_answers_the_typed_success() {
        let server = MockServer::start().await;
        // A path parameter that needs encoding matches as the client encodes it.
        server.update_contact().contact_id("a/b c").body(&update()).respond_ok(&contact()).expect(2).mount().await;
        let client = client(&server);
        for _ in 0..2 {
            let answer = client.update_contact("a/b c", &update()).await.unwrap();
            assert_eq!(answer.status(), 200);
            assert_eq!(answer.into_inner(), contact());
        }
        let received = server.received().update_contact().await;
        assert_eq!(received.len(), 2);
        assert_eq!(received[0].contact_id.as_deref(), Some("a/b c"));
        assert_eq!(received[0].body, Some(update()));
        server.verify().await;
    }

    #[tokio::test]
    async fn an_unmatched_call_names_the_operation_it_resembles() {
        let server = MockServer::start().await;
        server.update_contact().contact_id("c1").respond_ok(&contact()).mount().await;
        // Answered `404`, which the client reads as the API's own `404` (here a JSON error it cannot decode).
        let failed = client(&server).update_contact("c9", &update()).await.unwrap_err();
        assert!(failed.to_string().contains("404"), "{failed}");
        let unmatched = server.unmatched();
        assert_eq!(unmatched.len(), 1, "{unmatched:?}");
        assert!(
            unmatched[0].starts_with(
                "unmatched request PUT /accounts/self/contacts/c9: resembles operation updateContact (`update_contact`, PUT \
                 /accounts/self/contacts/{contact_id})"
            ),
            "{}",
            unmatched[0]
        );
        // Taken: the server no longer fails the test for it, and still counts it.
        assert_eq!(server.received().count().await, 1);
        assert_eq!(server.received().update_contact().await[0].contact_id.as_deref(), Some("c9"));
        server.verify().await;
    }

    #[tokio::test]
    #[should_panic(expected = "resembles operation updateContact (`update_contact`")]
    async fn verify_fails_the_test_on_an_unmatched_call() {
        let server = MockServer::start().await;
        server.update_contact().body(&update()).mount().await;
        let other = types::ContactUpdate { name: Some("Someone else".into()), ..Default::default() };
        let _ = client(&server).update_contact("c1", &other).await;
        server.verify().await;
    }

    #[tokio::test]
    async fn a_documented_error_is_typed() {
        let server = MockServer::start().await;
        let error = types::Error {
            error: Some("contact_not_found".into()),
            description: Some("No such contact".into()),
        };
        server.update_contact().contact_id("c2").respond_not_found(&error).expect(1).mount().await;
        let failed = client(&server).update_contact("c2", &update()).await.unwrap_err();
        let Error::Api(answer) = failed else { panic!("{failed:?}") };
        assert_eq!(answer.status(), 404);
        assert_eq!(answer.into_inner(), UpdateContactError::NotFound(error));
        server.verify().await;
    }

    #[tokio::test]
    #[should_panic(expected = "updateContact")]
    async fn an_unmet_call_count_fails_the_test() {
        let server = MockServer::start().await;
        server.update_contact().respond_status(204).expect(1).mount().await;
        server.verify().await;
    }
}

mod clemta_mock {
    use generated::clemta::errors::UpdateContactError;
    use generated::clemta::mock::MockServer;
    use generated::clemta::{Client, types};

    use super::Error;

    fn update() -> types::UpdateContactRequest {
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

    fn answer() -> types::ContactUpdateResponse {
        types::ContactUpdateResponse { success: Some(true), message: Some("updated".into()), data: None }
    }

    fn client(server: &MockServer) -> Client {
        Client::with_base_url(&server.base_url()).with_api_key_auth("key-1")
    }

    #[tokio::test]
    async fn a_matched_call_answers_the_typed_success() {
        let server = MockServer::start().await;
        server.update_contact().contact_id("ct-1").body(&update()).respond_ok(&answer()).expect(1).mount().await;
        let got = client(&server).update_contact("ct-1", &update()).await.unwrap();
        assert_eq!(got.into_inner(), answer());
        let received = server.received().update_contact().await;
        assert_eq!(received.len(), 1);
        assert_eq!(received[0].contact_id.as_deref(), Some("ct-1"));
        assert_eq!(received[0].body, Some(update()));
        server.verify().await;
    }

    #[tokio::test]
    async fn an_unmatched_call_names_the_operation_it_resembles() {
        let server = MockServer::start().await;
        server.update_contact().contact_id("ct-1").respond_ok(&answer()).expect(0).mount().await;
        let _ = client(&server).update_contact("ct-9", &update()).await.unwrap_err();
        let unmatched = server.unmatched();
        assert_eq!(
            unmatched,
            ["unmatched request PATCH /contacts/ct-9: resembles operation updateContact (`update_contact`, PATCH \
              /contacts/{contact_id}) but no expectation matched (a parameter, header or body differed?)"]
        );
        // A request that no operation has is named as such.
        let _ = reqwest::Client::new().get(format!("{}/nowhere", server.uri())).send().await.unwrap();
        assert_eq!(server.unmatched(), ["unmatched request GET /nowhere: resembles no operation of the API"]);
        server.verify().await;
    }

    #[tokio::test]
    async fn a_documented_error_is_typed() {
        let server = MockServer::start().await;
        let error = types::BadRequestError {
            success: Some(false),
            message: Some("email is invalid".into()),
            ..Default::default()
        };
        server.update_contact().respond_bad_request(&error).expect(1).mount().await;
        let failed = client(&server).update_contact("ct-1", &update()).await.unwrap_err();
        let Error::Api(answer) = failed else { panic!("{failed:?}") };
        assert_eq!(answer.status(), 400);
        assert_eq!(answer.into_inner(), UpdateContactError::BadRequest(error));
        server.verify().await;
    }

    #[tokio::test]
    async fn a_scoped_expectation_counts_its_calls_until_dropped() {
        let server = MockServer::start().await;
        {
            let _guard = server.update_contact().respond_ok(&answer()).expect(1).mount_as_scoped().await;
            client(&server).update_contact("ct-1", &update()).await.unwrap();
        }
        // Gone with its guard: the next call matches nothing.
        let _ = client(&server).update_contact("ct-1", &update()).await.unwrap_err();
        assert_eq!(server.unmatched().len(), 1);
    }
}
