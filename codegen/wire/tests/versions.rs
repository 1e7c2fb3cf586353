//! Clients generated from OpenAPI 3.1 and Swagger 2.0 fixtures: what each version's constructs
//! put on the wire and how answers decode.

use serde_json::json;
use wire_tests::{Error, Nullable, openapi_3_1, swagger_2};
use wiremock::matchers::{body_json, body_string, header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

use openapi_3_1::types::{Animal, Cat, Dog, Event, Pet, PetSize};

#[test]
fn nullable_optional_fields_keep_null_apart_from_absence() {
    let pet: Pet = serde_json::from_value(json!({
        "id": 1, "name": "Rex", "nickname": null, "tags": null,
        "animal": {"kind": "dog", "good": true}, "location": [51.5, -0.12], "size": "small", "id_or_code": "x1"
    }))
    .unwrap();
    assert_eq!(pet.nickname, Nullable::Null);
    assert_eq!(pet.tags, Nullable::Null);
    assert_eq!(pet.born, Nullable::Absent);
    assert_eq!(pet.location, Some((51.5, -0.12)));
    assert_eq!(pet.size, Some(PetSize::Small));
    assert_eq!(pet.animal, Animal::Dog(Dog { kind: Default::default(), good: Some(true) }));
    // The nulls come back as they came, and what was absent stays absent.
    assert_eq!(
        serde_json::to_value(&pet).unwrap(),
        json!({
            "id": 1, "name": "Rex", "nickname": null, "tags": null,
            "animal": {"kind": "dog", "good": true}, "location": [51.5, -0.12], "size": "small", "id_or_code": "x1"
        })
    );
}

#[test]
fn a_const_tag_picks_the_variant_and_rejects_other_values() {
    let cat: Animal = serde_json::from_value(json!({"kind": "cat", "lives": 9})).unwrap();
    assert_eq!(cat, Animal::Cat(Cat { kind: Default::default(), lives: 9 }));
    // A `const` is a closed literal: a cat that says it is a dog is no cat.
    assert!(serde_json::from_value::<Cat>(json!({"kind": "dog", "lives": 9})).is_err());
    // Without a `discriminator`, the `const` property still tells the alternatives apart.
    let deleted: Event = serde_json::from_value(json!({"type": "deleted", "id": 3})).unwrap();
    assert!(matches!(deleted, Event::Deleted(d) if d.id == 3));
    let error = serde_json::from_value::<Event>(json!({"type": "renamed", "id": 3})).unwrap_err();
    assert!(error.to_string().contains("renamed"), "{error}");
}

#[test]
fn a_tuple_must_have_its_length() {
    assert!(serde_json::from_value::<Pet>(json!({"id": 1, "name": "a", "animal": {"kind": "dog"}, "location": [1.0]})).is_err());
}

#[test]
fn webhook_payloads_decode_into_their_types() {
    let body = br#"{"id": 7, "name": "Rex", "animal": {"kind": "dog", "good": true}, "tags": null}"#;
    let pet: openapi_3_1::webhooks::NewPet = serde_json::from_slice(body).unwrap();
    assert_eq!((pet.id, pet.name.as_str()), (7, "Rex"));
    let adopted: openapi_3_1::webhooks::CreatePetAdopted = serde_json::from_slice(body).unwrap();
    assert_eq!(adopted, pet);
}

#[tokio::test]
async fn a_path_item_from_components_is_called_and_answers_typed() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/pets/5"))
        .and(query_param("fields", "name"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"id": 5, "name": "Tom", "animal": {"kind": "cat", "lives": 7}})))
        .expect(1)
        .mount(&server)
        .await;
    let pet = openapi_3_1::Client::with_base_url(&server.uri()).get_pet(5).fields(["name".to_owned()]).await.unwrap();
    assert_eq!(pet.animal, Animal::Cat(Cat { kind: Default::default(), lives: 7 }));
}

#[tokio::test]
async fn a_validation_error_decodes_into_its_type() {
    let server = MockServer::start().await;
    let detail = json!({"detail": [{"loc": ["body", "name"], "msg": "Field required", "type": "missing"}]});
    Mock::given(method("POST"))
        .and(path("/pets"))
        .and(body_json(json!({"name": "", "animal": {"kind": "dog"}})))
        .respond_with(ResponseTemplate::new(422).set_body_json(&detail))
        .expect(1)
        .mount(&server)
        .await;
    let body = openapi_3_1::types::PetIn {
        name: String::new(),
        animal: Animal::Dog(Dog { kind: Default::default(), good: None }),
        callback_url: Nullable::Absent,
    };
    let err = openapi_3_1::Client::with_base_url(&server.uri()).create_pet(&body).await.unwrap_err();
    let Error::Api(answer) = err else { panic!("expected the documented 422, got {err:?}") };
    let openapi_3_1::errors::CreatePetError::UnprocessableEntity(e) = answer.into_inner();
    let first = &e.detail.unwrap()[0];
    assert_eq!(first.msg, "Field required");
    assert!(matches!(&first.loc[1], openapi_3_1::types::ValidationErrorLocItem::String(s) if s == "name"));
}

#[tokio::test]
async fn content_media_type_is_bytes_on_the_wire() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/photos"))
        .and(header("content-type", "application/octet-stream"))
        .and(|r: &Request| r.body == b"\x89PNG")
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"data": "iVBORw=="})))
        .expect(1)
        .mount(&server)
        .await;
    let answer = openapi_3_1::Client::with_base_url(&server.uri()).upload_photo().body(b"\x89PNG").await.unwrap();
    assert_eq!(answer.data, "iVBORw==");
}

#[tokio::test]
async fn swagger_2_parameters_keep_their_collection_formats() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/v1/items"))
        .and(header("X-Key", "k"))
        .and(header("X-Trace", "t1"))
        .and(|r: &Request| r.url.query() == Some("limit=10&tags=a%7Cb&ids=1&ids=2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!([{"id": 1, "name": "pen", "note": null}])))
        .expect(1)
        .mount(&server)
        .await;
    let client = swagger_2::Client::with_base_url(&format!("{}/v1", server.uri())).with_key("k");
    let items = client.list_items().limit(10).tags(["a".into(), "b".into()]).ids([1, 2]).x_trace("t1").await.unwrap();
    assert_eq!(items[0].name, "pen");
    assert_eq!(items[0].note, Nullable::Null);
}

#[tokio::test]
async fn swagger_2_bodies_forms_and_basic_auth() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/items"))
        .and(header("authorization", "Basic dTpw"))
        .and(body_json(json!({"name": "pen"})))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"id": 9, "name": "pen"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/login"))
        .and(header("content-type", "application/x-www-form-urlencoded"))
        .and(body_string("user=u&password=p%26q"))
        .respond_with(ResponseTemplate::new(200).set_body_string("token-1"))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("PUT"))
        .and(path("/items/a%2Fb"))
        .and(|r: &Request| {
            let body = String::from_utf8_lossy(&r.body);
            body.contains("name=\"file\"; filename=\"file\"") && body.contains("name=\"comment\"\r\n\r\nnew")
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/items/gone"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "no such item"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = swagger_2::Client::with_base_url(&server.uri()).with_basic("u", Some("p".into())).with_key("k");
    let created = client.create_item(&swagger_2::types::NewItem { name: "pen".into(), note: Nullable::Absent }).await.unwrap();
    assert_eq!((created.status().as_u16(), created.id), (201, 9));
    let token = client.login(&swagger_2::types::LoginBody { user: "u".into(), password: "p&q".into() }).await.unwrap();
    assert_eq!(token.into_inner(), "token-1");
    let file = swagger_2::types::UploadItemFileBody { file: b"data".to_vec().into(), comment: Some("new".into()) };
    client.upload_item_file("a/b", file).await.unwrap();
    let Err(Error::Api(answer)) = client.get_item("gone").await else { panic!("expected the documented 404") };
    let swagger_2::errors::GetItemError::NotFound(e) = answer.into_inner();
    assert_eq!(e.message.as_deref(), Some("no such item"));
}
