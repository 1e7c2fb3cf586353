//! The client generated from the live `/openapi.json` of `e2e/utoipa-server` (OpenAPI 3.1, as
//! utoipa derives it from the axum handlers), against that server: Rust to Rust. `cargo xtask
//! e2e` copies this file into the scratch crate as `tests/live.rs` and sets `E2E_SERVER_URL`.
//! Tests run concurrently against one server, so each creates what it reads.

use generated::{Error, Nullable};
use generated::utoipa::{Client, errors, types};

/// The credentials the server accepts.
const TOKEN: &str = "e2e-token";
const API_KEY: &str = "e2e-key";

fn client() -> Client {
    let url = std::env::var("E2E_SERVER_URL").expect("E2E_SERVER_URL is not set: run `cargo xtask e2e utoipa`");
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

fn item(name: &str, kind: types::Kind) -> types::NewItem {
    types::NewItem { kind, name: name.into(), note: Nullable::Absent, price_cents: 100, tags: None }
}

#[tokio::test]
async fn created_items_come_back_field_for_field() {
    let client = client().with_bearer(TOKEN);
    let new = types::NewItem {
        kind: types::Kind::Game,
        name: "Go board".into(),
        note: Nullable::Value("signed, 19×19".into()),
        price_cents: 4599,
        tags: Some(vec!["wood".into(), "classic".into()]),
    };
    let created = client.create_item(&new).await.unwrap();
    assert_eq!(created.status(), 201);
    let created = created.into_inner();
    let expected = types::Item {
        id: created.id,
        kind: types::Kind::Game,
        name: "Go board".into(),
        note: Nullable::Value("signed, 19×19".into()),
        price_cents: 4599,
        tags: vec!["wood".into(), "classic".into()],
    };
    assert_eq!(created, expected);
    assert_eq!(client.get_item(created.id).await.unwrap().into_inner(), expected);

    // The optional `note` (`type: [string, "null"]`) left out, and absent from the answer.
    let bare = client.create_item(&item("Plain", types::Kind::Book)).await.unwrap().into_inner();
    assert_eq!((bare.note, bare.tags), (Nullable::Absent, vec![]));
}

#[tokio::test]
async fn query_parameters_filter_the_list() {
    let client = client().with_api_key(API_KEY);
    for (name, kind) in [("listq-a", types::Kind::Music), ("listq-b", types::Kind::Music), ("listq-c", types::Kind::Book)] {
        client.create_item(&item(name, kind)).await.unwrap();
    }
    let names = |items: Vec<types::Item>| items.into_iter().map(|i| i.name).collect::<Vec<_>>();
    let music = client.list_items().kind(types::Kind::Music).q("listq-").await.unwrap();
    assert_eq!(names(music.into_inner()), ["listq-a", "listq-b"]);
    let one = client.list_items().q("listq-").limit(1).await.unwrap();
    assert_eq!(names(one.into_inner()), ["listq-a"]);
    let all = client.list_items().q("listq-").await.unwrap();
    assert_eq!(all.len(), 3);

    // A kind the spec does not list goes out as it is; axum refuses it with a 400 that the spec
    // does not document.
    let result = client.list_items().kind(types::Kind::Unknown("vinyl".into())).await;
    let Err(Error::UnexpectedStatus(raw)) = result else { panic!("expected an undocumented 400, got {result:?}") };
    assert_eq!(raw.status, 400);
    assert!(String::from_utf8_lossy(&raw.body).contains("unknown variant `vinyl`"), "{raw:?}");
}

#[tokio::test]
async fn missing_items_are_typed_404s() {
    let client = client().with_bearer(TOKEN).with_api_key(API_KEY);
    let (status, error) = documented!(client.get_item(987_654).await, errors::GetItemError::NotFound);
    assert_eq!(status, 404);
    assert_eq!(error, types::ApiError { code: "not_found".into(), message: "no item 987654".into() });

    let created = client.create_item(&item("Doomed", types::Kind::Book)).await.unwrap().into_inner();
    let deleted = client.delete_item(created.id).await.unwrap();
    assert_eq!(deleted.status(), 204);
    let (status, error) = documented!(client.delete_item(created.id).await, errors::DeleteItemError::NotFound);
    assert_eq!((status, error.code.as_str()), (404, "not_found"));
    let (_, error) = documented!(client.get_item(created.id).await, errors::GetItemError::NotFound);
    assert_eq!(error.message, format!("no item {}", created.id));
}

#[tokio::test]
async fn a_documented_422_carries_the_servers_error() {
    let new = types::NewItem { price_cents: -5, ..item("Negative", types::Kind::Book) };
    let (status, error) = documented!(client().with_bearer(TOKEN).create_item(&new).await, errors::CreateItemError::UnprocessableEntity);
    assert_eq!(status, 422);
    assert_eq!(error, types::ApiError { code: "negative_price".into(), message: "price_cents is -5".into() });
}

#[tokio::test]
async fn security_follows_each_operation() {
    // `create_item` takes a bearer token or an API key; `get_item` only the token; `delete_item`
    // only the key. Without what an operation accepts, nothing is sent.
    match client().create_item(&item("Nope", types::Kind::Book)).await {
        Err(Error::MissingCredentials(missing)) => assert_eq!(missing.accepted, ["bearer", "api_key"]),
        other => panic!("expected MissingCredentials, got {other:?}"),
    }
    let key_only = client().with_api_key(API_KEY);
    let created = key_only.create_item(&item("Key-made", types::Kind::Game)).await.unwrap().into_inner();
    assert!(matches!(key_only.get_item(created.id).await, Err(Error::MissingCredentials(_))));
    let bearer_only = client().with_bearer(TOKEN);
    assert_eq!(bearer_only.get_item(created.id).await.unwrap().name, "Key-made");
    assert!(matches!(bearer_only.delete_item(created.id).await, Err(Error::MissingCredentials(_))));

    // Wrong credentials reach the server, which answers the documented 401.
    let forged = client().with_bearer("forged");
    let (status, error) = documented!(forged.get_item(created.id).await, errors::GetItemError::Unauthorized);
    assert_eq!((status, error.code.as_str()), (401, "unauthorized"));
    let (status, _) = documented!(forged.create_item(&item("Forged", types::Kind::Book)).await, errors::CreateItemError::Unauthorized);
    assert_eq!(status, 401);
    let forged_key = client().with_api_key("forged");
    let (status, _) = documented!(forged_key.delete_item(created.id).await, errors::DeleteItemError::Unauthorized);
    assert_eq!(status, 401);
    // Still there: the refused delete did nothing.
    assert_eq!(bearer_only.get_item(created.id).await.unwrap().id, created.id);
}

#[tokio::test]
async fn the_type_tagged_enum_goes_both_ways() {
    let client = client();
    let circle = types::Shape::ShapeVariant0(types::ShapeVariant0 { radius: 2.0, r#type: types::ShapeVariant0Type::Circle });
    let measured = client.measure(&circle).await.unwrap().into_inner();
    assert_eq!(measured.shape, circle);
    assert!((measured.area - std::f64::consts::PI * 4.0).abs() < 1e-9, "{measured:?}");

    let rectangle = types::Shape::ShapeVariant1(types::ShapeVariant1 {
        height: 3.0,
        r#type: types::ShapeVariant1Type::Rectangle,
        width: 4.5,
    });
    let measured = client.measure(&rectangle).await.unwrap().into_inner();
    assert_eq!(measured, types::Measured { area: 13.5, shape: rectangle });
}
