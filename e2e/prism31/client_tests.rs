//! The client generated from `e2e/prism31/openapi.yaml`, a hand-written OpenAPI 3.1 spec, against
//! Prism mocking that spec. Prism validates every request with 3.1 semantics (a violation shows
//! in its `sl-violations` header, which these tests reject on success) and answers from the
//! spec's examples, which must decode into the typed values. `cargo xtask e2e` copies this file
//! into the scratch crate as `tests/live.rs` and sets `E2E_SERVER_URL`.

use generated::prism31::{Client, errors, types};
use generated::{Error, Nullable, ResponseValue};

fn client() -> Client {
    let url = std::env::var("E2E_SERVER_URL").expect("E2E_SERVER_URL is not set: run `cargo xtask e2e prism31`");
    Client::with_base_url(&url)
}

/// Prism reports what it found wrong with a request in this header, even on a 2xx.
fn assert_accepted<T>(response: &ResponseValue<T>, status: u16) {
    assert_eq!(response.status(), status);
    let violations = response.headers().get("sl-violations");
    assert!(violations.is_none(), "Prism found the request invalid: {violations:?}");
}

/// The one example of the `Book` schema (`examples: [...]`), which Prism answers with.
fn example_book() -> types::Book {
    types::Book {
        id: "bk-0001".into(),
        kind: types::BookKind::Book,
        title: "The Left Hand of Darkness".into(),
        subtitle: None,
        status: types::Status::Available,
        rating: Some(4.5),
        tags: Some(vec!["classic".into(), "sf".into()]),
    }
}

#[tokio::test]
async fn list_with_exploded_enum_list_a_number_and_a_header() {
    let statuses = [types::Status::Available, types::Status::OnLoan];
    let page = client().list_books("req-12345678").status(statuses).min_rating(0.5).await.unwrap();
    assert_accepted(&page, 200);
    let page = page.into_inner();
    // `type: [string, "null"]`: a string, then `null`, both decoded.
    assert_eq!(page.items[0].subtitle.as_deref(), Some("A Novel"));
    assert_eq!(
        page.items[1],
        types::Book {
            id: "bk-0003".into(),
            kind: types::BookKind::Book,
            title: "Solaris".into(),
            subtitle: None,
            status: types::Status::Available,
            rating: None,
            tags: None,
        }
    );
    assert_eq!((page.items[0].status.clone(), page.items[0].tags.clone()), (types::Status::OnLoan, Some(vec![])));
    assert_eq!(page.next, None);
}

/// `exclusiveMinimum: 0` is a number in 3.1: 0 is refused, anything above accepted. Neither
/// `listBooks` nor the header's `minLength` violation has a documented 422, so both are
/// undocumented statuses carrying Prism's own problem.
#[tokio::test]
async fn prism_applies_3_1_keywords_to_the_query_and_headers() {
    for (rating, request_id, code) in [(Some(0.0), "req-12345678", "exclusiveMinimum"), (None, "short", "minLength")] {
        let client = client();
        let call = client.list_books(request_id);
        let result = match rating {
            Some(rating) => call.min_rating(rating).await,
            None => call.await,
        };
        let Err(Error::UnexpectedStatus(raw)) = result else { panic!("expected Prism's 422, got {result:?}") };
        assert_eq!(raw.status, 422);
        let problem: serde_json::Value = serde_json::from_slice(&raw.body).unwrap();
        assert_eq!(problem["validation"][0]["code"], code, "{problem}");
    }
    let accepted = client().list_books("req-12345678").min_rating(0.001).await.unwrap();
    assert_accepted(&accepted, 200);
}

#[tokio::test]
async fn create_answers_the_schemas_example() {
    let client = client().with_bearer("token");
    let body = types::NewBook {
        title: "Piranesi".into(),
        subtitle: Nullable::Absent,
        status: types::Status::Lost,
        rating: Some(4.8),
        tags: Some(vec![]),
    };
    let created = client.create_book(&body).await.unwrap();
    assert_accepted(&created, 201);
    assert_eq!(created.into_inner(), example_book());

    let with_subtitle = types::NewBook { subtitle: Nullable::Value("A Novel".into()), ..body };
    assert_accepted(&client.create_book(&with_subtitle).await.unwrap(), 201);
}

/// A body that breaks `exclusiveMinimum` gets the spec's documented 422, decoded into `Problem`.
#[tokio::test]
async fn an_invalid_body_is_the_documented_typed_422() {
    let body = types::NewBook { title: "Zero".into(), subtitle: Nullable::Absent, status: types::Status::Available, rating: Some(0.0), tags: None };
    let result = client().with_bearer("token").create_book(&body).await;
    let Err(Error::Api(answer)) = result else { panic!("expected the documented 422, got {result:?}") };
    assert_eq!(answer.status(), 422);
    let violations = answer.headers()["sl-violations"].to_str().unwrap().to_owned();
    assert!(violations.contains("exclusiveMinimum") && violations.contains("rating"), "{violations}");
    let errors::CreateBookError::UnprocessableEntity(problem) = answer.into_inner();
    assert_eq!((problem.status, problem.title.as_str()), (422, "Invalid request"));
    assert_eq!(problem.detail.as_deref(), Some("rating must be > 0"));
}

#[tokio::test]
async fn get_a_book_or_its_typed_404() {
    let client = client().with_bearer("token");
    let book = client.get_book("bk-0001").await.unwrap();
    assert_accepted(&book, 200);
    assert_eq!(book.into_inner(), example_book());

    // Prism serves the documented 404 when asked for it (`Prefer: code=404`).
    let asking_404 = client.with_default_header("Prefer", "code=404").unwrap();
    let result = asking_404.get_book("bk-9999").await;
    let Err(Error::Api(answer)) = result else { panic!("expected the documented 404, got {result:?}") };
    let errors::GetBookError::NotFound(problem) = answer.into_inner();
    assert_eq!(
        problem,
        types::Problem {
            r#type: Some("about:blank".into()),
            title: "Not Found".into(),
            status: 404,
            detail: Some("no book bk-9999".into()),
        }
    );
}

/// The spec-wide `security` applies where an operation does not override it: no token, nothing
/// sent; `listBooks` opts out with `security: []`.
#[tokio::test]
async fn security_requirements() {
    let result = client().get_book("bk-0001").await;
    assert!(matches!(result, Err(Error::MissingCredentials(_))), "{result:?}");
    let url = std::env::var("E2E_SERVER_URL").unwrap();
    let anonymous = reqwest::get(format!("{url}/books/bk-0001")).await.unwrap();
    assert_eq!(anonymous.status(), 401);
    assert_accepted(&client().list_books("req-12345678").await.unwrap(), 200);
}

/// A documented error whose media type is not JSON's own (`application/problem+json`, RFC 9457)
/// is reachable: the client's `Accept` lists it, so Prism, asked for the 422 with
/// `Prefer: code=422`, serves it (with `Accept: application/json` alone it answered 201).
#[tokio::test]
async fn a_problem_json_error_is_acceptable() {
    let client = client().with_bearer("token").with_default_header("Prefer", "code=422").unwrap();
    let body = types::NewBook { title: "Fine".into(), subtitle: Nullable::Absent, status: types::Status::Available, rating: None, tags: None };
    let result = client.create_book(&body).await;
    let Err(Error::Api(answer)) = result else { panic!("expected the documented 422, got {result:?}") };
    let errors::CreateBookError::UnprocessableEntity(problem) = answer.into_inner();
    assert_eq!(problem.detail.as_deref(), Some("rating must be > 0"));
}
