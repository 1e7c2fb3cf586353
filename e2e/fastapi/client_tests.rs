//! The client generated from the live `/openapi.json` of `e2e/fastapi/app.py` (OpenAPI 3.1.0, as
//! FastAPI writes it), against that app under uvicorn. `cargo xtask e2e` copies this file into
//! the scratch crate as `tests/live.rs` and sets `E2E_SERVER_URL`. Every operation of the app is
//! called; tests run concurrently against one server, so each creates what it reads.

use generated::oauth::{OAuth2, SignInError};
use generated::{Error, Nullable};
use generated::fastapi::{Client, errors, types};

/// The credentials `app.py` accepts.
const USER: &str = "alice";
const PASSWORD: &str = "wonderland";
const API_KEY: &str = "e2e-api-key";

fn client() -> Client {
    let url = std::env::var("E2E_SERVER_URL").expect("E2E_SERVER_URL is not set: run `cargo xtask e2e fastapi`");
    Client::with_base_url(&url)
}

/// A documented error answer, decoded into its variant of the operation's error enum.
macro_rules! documented {
    ($result:expr, $variant:path) => {
        match $result {
            Err(Error::Api(answer)) => {
                let status = answer.status().as_u16();
                match answer.into_inner() {
                    $variant(body) => (status, body),
                    #[allow(unreachable_patterns)]
                    other => panic!("expected {}, got {other:?}", stringify!($variant)),
                }
            }
            other => panic!("expected {}, got {other:?}", stringify!($variant)),
        }
    };
}

/// A status the app answers but does not document: its status and raw body.
fn undocumented<T: std::fmt::Debug, E: std::fmt::Debug>(result: Result<T, Error<E>>) -> (u16, serde_json::Value) {
    match result {
        Err(Error::UnexpectedStatus(raw)) => (raw.status.as_u16(), serde_json::from_slice(&raw.body).unwrap()),
        other => panic!("expected an undocumented status, got {other:?}"),
    }
}

/// Each validation error as (`loc` joined with `.`, `msg`, `type`).
fn problems(error: &types::HttpValidationError) -> Vec<(String, String, String)> {
    let detail = error.detail.as_ref().expect("FastAPI always sends `detail`");
    detail
        .iter()
        .map(|e| {
            let loc: Vec<String> = e
                .loc
                .iter()
                .map(|part| match part {
                    types::ValidationErrorLocItem::String(s) => s.clone(),
                    types::ValidationErrorLocItem::Integer(i) => i.to_string(),
                    // Read from answers, the union keeps what a newer FastAPI might send.
                    types::ValidationErrorLocItem::Unknown(other) => other.to_string(),
                })
                .collect();
            (loc.join("."), e.msg.clone(), e.r#type.clone())
        })
        .collect()
}

/// The OAuth2 password flow: form fields in, a bearer token out.
async fn token(scope: Option<&str>) -> String {
    let form = types::BodyLoginTokenPost {
        grant_type: Nullable::Value("password".into()),
        username: USER.into(),
        password: PASSWORD.into(),
        scope: scope.map(Into::into),
        client_id: Nullable::Absent,
        client_secret: Nullable::Absent,
    };
    let token = client().login(&form).await.unwrap();
    assert_eq!(token.status(), 200);
    assert_eq!(token.token_type, "bearer");
    assert_eq!(token.access_token.len(), 32);
    token.into_inner().access_token
}

async fn authorized() -> Client {
    client().with_o_auth2_password_bearer(token(None).await)
}

fn pet(name: &str, species: types::Species) -> types::PetIn {
    types::PetIn { name: name.into(), species, age: Nullable::Absent, birthday: Nullable::Absent, tags: None, owner: Nullable::Absent }
}

#[tokio::test]
async fn oauth2_password_flow_gives_a_bearer_token_for_the_user() {
    let me = client().with_o_auth2_password_bearer(token(Some("pets:read pets:write")).await).read_me().await.unwrap();
    assert_eq!(me.into_inner(), types::User { username: USER.into(), scopes: vec!["pets:read".into(), "pets:write".into()] });

    // A wrong password: FastAPI's 400, which the spec does not document.
    let wrong = types::BodyLoginTokenPost {
        grant_type: Nullable::Absent,
        username: USER.into(),
        password: "not-it".into(),
        scope: None,
        client_id: Nullable::Absent,
        client_secret: Nullable::Absent,
    };
    let (status, body) = undocumented(client().login(&wrong).await);
    assert_eq!((status, body), (400, serde_json::json!({"detail": "Incorrect username or password"})));
}

/// The spec's password flow (`OAuth2PasswordBearer(tokenUrl="token")`, a URL relative to the
/// server), followed by an OAuth2 session rather than by calling the token operation by hand.
#[tokio::test]
async fn an_oauth2_session_signs_in_through_the_password_flow() {
    let server = std::env::var("E2E_SERVER_URL").unwrap();
    let app = OAuth2::new(generated::fastapi::O_AUTH2_PASSWORD_BEARER_PASSWORD_FLOW, "").relative_to(&server);
    let session = app.password(USER, PASSWORD, ["pets:read", "pets:write"]);
    let signed_in = client().with_o_auth2_password_bearer_session(session.clone());
    let me = signed_in.read_me().await.unwrap().into_inner();
    assert_eq!(me, types::User { username: USER.into(), scopes: vec!["pets:read".into(), "pets:write".into()] });
    let token = session.tokens().await.unwrap();
    assert_eq!(token.access_token().len(), 32, "the app's token");
    assert_eq!(token.expires_at(), None, "the app gives no `expires_in`");
    // The same token for the next call: nothing to renew.
    signed_in.read_me().await.unwrap();
    assert_eq!(session.tokens().await.unwrap(), token);

    // A wrong password: the app's 400 is FastAPI's `detail`, not an OAuth2 error body.
    let wrong = app.password(USER, "not-it", ["pets:read"]);
    let failed = client().with_o_auth2_password_bearer_session(wrong).read_me().await.unwrap_err();
    assert!(matches!(&failed, Error::SignIn(SignInError::Malformed { url, .. }) if url == &format!("{server}/token")), "{failed:?}");
}

#[tokio::test]
async fn bearer_operations_refuse_without_a_token_or_with_a_wrong_one() {
    match client().read_me().await {
        Err(Error::MissingCredentials(missing)) => assert_eq!(missing.accepted, ["OAuth2PasswordBearer"]),
        other => panic!("expected MissingCredentials (nothing sent), got {other:?}"),
    }
    let result = client().with_o_auth2_password_bearer("forged").read_me().await;
    let Err(Error::UnexpectedStatus(raw)) = result else { panic!("expected a 401, got {result:?}") };
    assert_eq!(raw.status, 401);
    assert_eq!(raw.headers["www-authenticate"], "Bearer");
    let create = client().create_pet(&pet("Nobody", types::Species::Dog)).await;
    assert!(matches!(create, Err(Error::MissingCredentials(_))), "{create:?}");
}

#[tokio::test]
async fn pets_round_trip_with_optional_fields_set_and_unset() {
    let client = authorized().await;
    let full = types::PetIn {
        name: "Rex-roundtrip".into(),
        species: types::Species::Dog,
        age: 3.into(),
        birthday: chrono::NaiveDate::from_ymd_opt(2021, 4, 30).unwrap().into(),
        tags: Some(vec!["good".into(), "loud".into()]),
        owner: types::Owner { name: "Alice".into(), email: Nullable::Absent }.into(),
    };
    let created = client.create_pet(&full).await.unwrap();
    assert_eq!(created.status(), 201);
    let created = created.into_inner();
    assert!(created.id >= 1);
    let expected = types::Pet {
        name: full.name.clone(),
        species: full.species.clone(),
        age: full.age,
        birthday: full.birthday,
        tags: full.tags.clone(),
        // The owner's `email` was left out; pydantic fills in its default, and answers `null`.
        owner: types::Owner { name: "Alice".into(), email: Nullable::Null }.into(),
        id: created.id,
    };
    assert_eq!(created, expected);

    // Every optional field left out: the app answers `null` for each (`anyOf [T, null]`), and
    // `[]` for the defaulted list.
    let bare = client.create_pet(&pet("Tom-roundtrip", types::Species::Cat)).await.unwrap().into_inner();
    assert_eq!((bare.age, bare.birthday, bare.owner, bare.tags), (Nullable::Null, Nullable::Null, Nullable::Null, Some(vec![])));

    let fetched = client.get_pet(created.id).await.unwrap();
    assert_eq!(fetched.into_inner(), expected);

    // Deleting answers 204 without a body; the pet is then a typed 404.
    let deleted = client.delete_pet(bare.id).await.unwrap();
    assert_eq!(deleted.status(), 204);
    let (status, missing) = documented!(client.get_pet(bare.id).await, errors::GetPetError::NotFound);
    assert_eq!((status, missing.detail), (404, format!("Pet {} not found", bare.id)));
    let (status, _) = documented!(client.delete_pet(bare.id).await, errors::DeletePetError::NotFound);
    assert_eq!(status, 404);
}

/// FastAPI's partial update (`model_dump(exclude_unset=True)`): a member sent as `null` clears
/// its field, an absent one leaves it, and the stored pet read back shows both.
#[tokio::test]
async fn a_patch_clears_what_it_sends_as_null_and_keeps_what_it_leaves_out() {
    let client = authorized().await;
    let full = types::PetIn {
        age: 4.into(),
        birthday: chrono::NaiveDate::from_ymd_opt(2020, 1, 2).unwrap().into(),
        tags: Some(vec!["calm".into()]),
        owner: types::Owner { name: "Bob".into(), email: Nullable::Value("bob@example.com".into()) }.into(),
        ..pet("Rex-patch", types::Species::Dog)
    };
    let id = client.create_pet(&full).await.unwrap().into_inner().id;

    // `age` cleared, `tags` replaced; `birthday` and `owner` absent, so untouched.
    let update = types::PetUpdate { age: Nullable::Null, tags: Nullable::Value(vec!["sleepy".into()]), ..Default::default() };
    let answer = client.update_pet(id, &update).await.unwrap().into_inner();
    let stored = client.get_pet(id).await.unwrap().into_inner();
    assert_eq!(answer, stored);
    assert_eq!(stored.age, Nullable::Null);
    assert_eq!(stored.tags, Some(vec!["sleepy".into()]));
    assert_eq!(stored.birthday, full.birthday);
    assert_eq!(stored.owner, full.owner);

    // Now the other way round: `owner` cleared, `age` set again, `tags` left alone.
    let update = types::PetUpdate { owner: Nullable::Null, age: 5.into(), ..Default::default() };
    client.update_pet(id, &update).await.unwrap();
    let stored = client.get_pet(id).await.unwrap().into_inner();
    assert_eq!((&stored.age, &stored.owner, &stored.tags), (&Nullable::Value(5), &Nullable::Null, &Some(vec!["sleepy".into()])));
    assert_eq!(stored.birthday, full.birthday);

    // An empty update changes nothing; an unknown pet is the typed 404.
    let unchanged = client.update_pet(id, &types::PetUpdate::default()).await.unwrap().into_inner();
    assert_eq!(unchanged, stored);
    let (status, missing) =
        documented!(client.update_pet(999_999, &update).await, errors::UpdatePetError::NotFound);
    assert_eq!((status, missing.detail), (404, "Pet 999999 not found".to_owned()));
}

#[tokio::test]
async fn lists_in_the_query_filter_pets() {
    let client = authorized().await;
    let mut ids = Vec::new();
    for (name, species, tags) in [
        ("Q-dog-a", types::Species::Dog, vec!["x", "y"]),
        ("Q-dog-b", types::Species::Dog, vec!["x"]),
        ("Q-cat", types::Species::Cat, vec!["x", "y"]),
        ("Q-bird", types::Species::Bird, vec!["y"]),
    ] {
        let body = types::PetIn { tags: Some(tags.into_iter().map(Into::into).collect()), ..pet(name, species) };
        ids.push(client.create_pet(&body).await.unwrap().id);
    }
    let names = |pets: Vec<types::Pet>| pets.into_iter().map(|p| p.name).collect::<Vec<_>>();

    // `species=dog&species=cat` and `tag=x&tag=y`: exploded lists, as FastAPI reads them.
    let both = [types::Species::Dog, types::Species::Cat];
    let found = client.list_pets().species(both).tag(["x".to_owned(), "y".to_owned()]).name_prefix("Q-").await.unwrap();
    assert_eq!(names(found.into_inner()), ["Q-dog-a", "Q-cat"]);
    let found = client.list_pets().species([types::Species::Dog]).name_prefix("Q-").limit(1).await.unwrap();
    assert_eq!(names(found.into_inner()), ["Q-dog-a"]);
    let found = client.list_pets().tag(["y".to_owned()]).name_prefix("Q-").await.unwrap();
    assert_eq!(names(found.into_inner()), ["Q-dog-a", "Q-cat", "Q-bird"]);
    let found = client.list_pets().species(Vec::new()).name_prefix("Q-nothing").await.unwrap();
    assert!(found.is_empty());
}

#[tokio::test]
async fn validation_errors_decode_into_the_typed_422() {
    let client = authorized().await;
    let (status, error) = documented!(
        client.list_pets().limit(1000).await,
        errors::ListPetsError::UnprocessableEntity
    );
    assert_eq!(status, 422);
    assert_eq!(
        problems(&error),
        [("query.limit".to_owned(), "Input should be less than or equal to 100".to_owned(), "less_than_equal".to_owned())]
    );
    let first = &error.detail.as_ref().unwrap()[0];
    assert_eq!(first.input, Some(serde_json::json!("1000")));

    // An integer in `loc`: the index of the list item that is not a species.
    let species = [types::Species::Dog, types::Species::Unknown("fish".into())];
    let (_, error) = documented!(
        client.list_pets().species(species).await,
        errors::ListPetsError::UnprocessableEntity
    );
    let problems_seen = problems(&error);
    assert_eq!(problems_seen.len(), 1, "{problems_seen:?}");
    assert_eq!((problems_seen[0].0.as_str(), problems_seen[0].2.as_str()), ("query.species.1", "enum"));
    let loc = &error.detail.as_ref().unwrap()[0].loc;
    assert_eq!(loc[2], types::ValidationErrorLocItem::Integer(1));

    // A body field, a path parameter and a form field out of their ranges.
    let (_, error) = documented!(
        client.create_pet(&pet("", types::Species::Cat)).await,
        errors::CreatePetError::UnprocessableEntity
    );
    assert_eq!(
        problems(&error),
        [("body.name".to_owned(), "String should have at least 1 character".to_owned(), "string_too_short".to_owned())]
    );
    let (_, error) =
        documented!(client.get_pet(0).await, errors::GetPetError::UnprocessableEntity);
    assert_eq!(
        problems(&error),
        [("path.pet_id".to_owned(), "Input should be greater than or equal to 1".to_owned(), "greater_than_equal".to_owned())]
    );
    let (_, error) = documented!(
        client.feedback(&types::BodyFeedbackFeedbackPost { rating: 9, comment: Nullable::Absent }).await,
        errors::FeedbackError::UnprocessableEntity
    );
    let seen = problems(&error);
    assert_eq!((seen[0].0.as_str(), seen[0].2.as_str()), ("body.rating", "less_than_equal"), "{seen:?}");
    assert_eq!(error.detail.unwrap()[0].ctx, Some(serde_json::json!({"le": 5}).as_object().unwrap().clone()));
}

#[tokio::test]
async fn literal_tagged_unions_go_both_ways() {
    let client = client();
    let dog = types::Adoption {
        animal: types::Animal::Dog(types::Dog { kind: types::DogKind::Dog, name: "Fido".into(), good_boy: true }),
        adopter: "Bob".into(),
    };
    assert_eq!(client.adopt(&dog).await.unwrap().into_inner(), dog);

    // The cat's `lives` left out comes back as the model's default.
    let cat = types::Adoption {
        animal: types::Animal::Cat(types::Cat { kind: types::CatKind::Cat, name: "Tom".into(), lives: None }),
        adopter: "Carol".into(),
    };
    let adopted = client.adopt(&cat).await.unwrap().into_inner();
    assert_eq!(
        adopted.animal,
        types::Animal::Cat(types::Cat { kind: types::CatKind::Cat, name: "Tom".into(), lives: Some(9) })
    );

    let bird = client.classify("Kiwi", &types::ClassifyKind::Bird).await.unwrap();
    assert_eq!(
        bird.into_inner(),
        types::Animal::Bird(types::Bird { kind: types::BirdKind::Bird, name: "Kiwi".into(), wingspan_cm: Nullable::Null })
    );
    let dog = client.classify("Kiwi", &types::ClassifyKind::Dog).await.unwrap();
    assert_eq!(
        dog.into_inner(),
        types::Animal::Dog(types::Dog { kind: types::DogKind::Dog, name: "Kiwi".into(), good_boy: true })
    );
    let cat = client.classify("Kiwi", &types::ClassifyKind::Cat).await.unwrap();
    assert!(matches!(
        cat.into_inner(),
        types::Animal::Cat(types::Cat { lives: Some(9), .. })
    ));
}

#[tokio::test]
async fn headers_are_sent() {
    let echo = client().echo("req-12345").user_agent("e2e-agent/1.0").await.unwrap();
    assert_eq!(
        echo.into_inner(),
        types::Echo { request_id: "req-12345".into(), user_agent: Some("e2e-agent/1.0".into()), session: None, theme: None }
    );
}

#[tokio::test]
async fn one_cookie_is_sent() {
    let echo = client().echo("req-1").session("s3ss10n").await.unwrap().into_inner();
    assert_eq!((echo.session.as_deref(), echo.theme.as_deref()), (Some("s3ss10n"), None));
}

/// Two cookie parameters must travel in one `Cookie` header (`session=…; theme=…`): a server
/// reads only one such header (RFC 6265 §5.4).
#[tokio::test]
async fn two_cookies_are_sent() {
    let echo = client().echo("req-2").session("s3ss10n").theme("dark").await.unwrap().into_inner();
    assert_eq!((echo.session.as_deref(), echo.theme.as_deref()), (Some("s3ss10n"), Some("dark")));
}

#[tokio::test]
async fn multipart_upload_sends_the_file_bytes_and_the_form_fields() {
    let bytes: Vec<u8> = (0..=255).collect();
    let body = types::BodyUploadUploadsPost { file: bytes.into(), description: "all the bytes".into(), public: Some(true) };
    let upload = client().upload(body).await.unwrap().into_inner();
    assert_eq!(upload.size, 256);
    assert_eq!(upload.sha256, "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
    assert_eq!((upload.description.as_str(), upload.public), ("all the bytes", true));
    assert!(!upload.filename.is_empty(), "FastAPI reads a part without a file name as a plain field");

    // `public` left out: the app's default.
    let body = types::BodyUploadUploadsPost { file: b"hi".to_vec().into(), description: "d".into(), public: None };
    let upload = client().upload(body).await.unwrap().into_inner();
    assert_eq!((upload.size, upload.public), (2, false));
}

#[tokio::test]
async fn multipart_upload_from_a_stream_arrives_whole() {
    // The same 256 bytes as above, read from a stream in pieces and sent chunked, with a name.
    let bytes: Vec<u8> = (0..=255).collect();
    let pieces: Vec<Result<bytes::Bytes, std::io::Error>> = bytes.chunks(50).map(|c| Ok(bytes::Bytes::copy_from_slice(c))).collect();
    let file = generated::Upload::from_stream(futures_util::stream::iter(pieces)).file_name("all.bin");
    let body = types::BodyUploadUploadsPost { file, description: "streamed".into(), public: None };
    let upload = client().upload(body).await.unwrap().into_inner();
    assert_eq!((upload.size, upload.filename.as_str()), (256, "all.bin"));
    assert_eq!(upload.sha256, "40aff2e9d2d8922e47afd4648e6967497158785fbd1da870e7110266bf944880");
}

#[tokio::test]
async fn url_encoded_form_fields() {
    let client = client();
    let answer = client
        .feedback(&types::BodyFeedbackFeedbackPost { rating: 4, comment: Nullable::Value("très bien & more".into()) })
        .await
        .unwrap();
    assert_eq!(answer.into_inner().detail, "4:très bien & more");
    // Left out, or `null` (a form writes it as an empty value): FastAPI takes both as `None`.
    for comment in [Nullable::Absent, Nullable::Null] {
        let answer = client.feedback(&types::BodyFeedbackFeedbackPost { rating: 1, comment }).await.unwrap();
        assert_eq!(answer.into_inner().detail, "1:");
    }
}

#[tokio::test]
async fn api_key_header_security() {
    authorized().await.create_pet(&pet("Stats-bird", types::Species::Bird)).await.unwrap();
    let stats = client().with_api_key_header(API_KEY).stats().await.unwrap().into_inner();
    assert!(stats.pets >= 1);
    assert!(stats.by_species["bird"] >= 1, "{stats:?}");
    assert_eq!(stats.by_species.values().sum::<i64>(), stats.pets);

    match client().stats().await {
        Err(Error::MissingCredentials(missing)) => assert_eq!(missing.accepted, ["APIKeyHeader"]),
        other => panic!("expected MissingCredentials, got {other:?}"),
    }
    let (status, body) = undocumented(client().with_api_key_header("wrong").stats().await);
    assert_eq!((status, body), (403, serde_json::json!({"detail": "Wrong API key"})));
}

#[tokio::test]
async fn http_basic_security() {
    let me = client().with_http_basic(USER, Some(PASSWORD.into())).read_basic().await.unwrap();
    assert_eq!(me.into_inner(), types::User { username: USER.into(), scopes: vec![] });

    let wrong = client().with_http_basic(USER, Some("nope".into())).read_basic().await;
    let (status, message) = documented!(wrong, errors::ReadBasicError::Unauthorized);
    assert_eq!((status, message.detail.as_str()), (401, "Incorrect username or password"));

    let none = client().read_basic().await;
    assert!(matches!(none, Err(Error::MissingCredentials(_))), "{none:?}");
}

/// What pydantic and Python send: a naive `datetime` (no offset, read as UTC) and a whole number
/// written as a float (`2.0` for an `int`), both decoded under the decoding policy.
#[tokio::test]
async fn naive_datetimes_and_whole_floats_from_python_decode() {
    let event = client().latest_event().await.unwrap().into_inner();
    assert_eq!(event.created_at.to_rfc3339(), "2024-01-02T03:04:05.400+00:00");
    assert_eq!((event.id, event.kind.as_str()), (1, "created"));
    let counter = client().counter().await.unwrap().into_inner();
    assert_eq!(counter.count, 2);
}
