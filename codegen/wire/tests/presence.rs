//! Absent, `null` and a value, each kept on the wire in both directions
//! (`fixtures/three_state*.yaml`): the exact JSON a request carries, what an answer decodes to,
//! and that a decoded value encodes back to the JSON it came from. Also read-only and write-only
//! members, and the media types of merge-patch and JSON Patch bodies.

use serde_json::{Value, json};
use wire_tests::Nullable;
use wire_tests::three_state::Client;
use wire_tests::three_state::types::{Item, ItemPatch, Owner, PatchOperation, PatchOperationOp};
use wiremock::matchers::{header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// The body of the only request `server` received, as text.
async fn only_body(server: &MockServer) -> (String, String) {
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 1, "one request");
    let content_type = requests[0].headers.get("content-type").map(|v| v.to_str().unwrap().to_owned()).unwrap_or_default();
    (content_type, String::from_utf8(requests[0].body.clone()).unwrap())
}

fn stored() -> Value {
    json!({"id": "i1", "name": "pen", "archived_at": null, "description": null, "count": 2, "owner": {"login": "ada"}})
}

#[tokio::test]
async fn a_merge_patch_sends_null_for_null_and_leaves_absent_members_out() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH"))
        .and(path("/items/i1"))
        .respond_with(ResponseTemplate::new(200).set_body_json(stored()))
        .mount(&server)
        .await;
    let patch = ItemPatch {
        name: Some("pen".into()),
        description: Nullable::Null,
        count: 3.into(),
        owner: Nullable::Null,
        ..Default::default()
    };
    let item = Client::with_base_url(&server.uri()).update_item("i1", &patch).await.unwrap();
    let (content_type, body) = only_body(&server).await;
    assert_eq!(content_type, "application/merge-patch+json");
    // Declared order; `due`, `ratio`, `tags` and `labels` are absent, so not sent at all.
    assert_eq!(body, r#"{"name":"pen","description":null,"count":3,"owner":null}"#);
    assert_eq!(item.description, Nullable::Null);
    assert_eq!(item.due, Nullable::Absent);
    assert_eq!(item.owner, Nullable::Value(Owner { login: "ada".into() }));
}

#[test]
fn answers_decode_each_state_and_encode_back_to_the_same_json() {
    let item: Item = serde_json::from_value(stored()).unwrap();
    assert_eq!(
        (item.id.as_deref(), item.archived_at, &item.description, item.count),
        (Some("i1"), None, &Nullable::Null, Nullable::Value(2))
    );
    // `secret` is required but write-only: an answer never carries it, and that decodes.
    assert_eq!(item.secret, None);
    assert_eq!(serde_json::to_value(&item).unwrap(), stored());
    // The same member absent, null and present, each read as itself and written back.
    for description in [None, Some(Value::Null), Some(json!("blue"))] {
        let mut answer = json!({"name": "pen", "archived_at": null});
        if let Some(d) = &description {
            answer["description"] = d.clone();
        }
        let item: Item = serde_json::from_value(answer.clone()).unwrap();
        let expected = match &description {
            None => Nullable::Absent,
            Some(Value::Null) => Nullable::Null,
            Some(_) => Nullable::Value("blue".to_owned()),
        };
        assert_eq!(item.description, expected);
        assert_eq!(serde_json::to_value(&item).unwrap(), answer);
    }
}

#[test]
fn three_state_members_keep_the_decoding_policy_and_the_float_range() {
    // A naive timestamp and a whole number written as a decimal, as pydantic writes them.
    let item: Item = serde_json::from_value(json!({"name": "n", "archived_at": null, "due": "2024-01-02T03:04:05", "count": 2.0})).unwrap();
    assert_eq!(item.due.map(|d| d.to_rfc3339()), Nullable::Value("2024-01-02T03:04:05+00:00".to_owned()));
    assert_eq!(item.count, Nullable::Value(2));
    let item: Item = serde_json::from_value(json!({"name": "n", "archived_at": null, "due": null, "count": null})).unwrap();
    assert_eq!((item.due, item.count), (Nullable::Null, Nullable::Null));
    let patch: ItemPatch = serde_json::from_value(json!({"ratio": null})).unwrap();
    assert_eq!(patch.ratio, Nullable::Null);
    let too_big = serde_json::from_value::<ItemPatch>(json!({"ratio": 1e39})).unwrap_err();
    assert!(too_big.to_string().contains("beyond the range of a 32-bit float"), "{too_big}");
    // Map values that may be null, inside a member that may be null.
    let patch: ItemPatch = serde_json::from_value(json!({"labels": {"a": null, "b": "x"}, "tags": null})).unwrap();
    assert_eq!(patch.tags, Nullable::Null);
    assert_eq!(serde_json::to_value(&patch).unwrap(), json!({"tags": null, "labels": {"a": null, "b": "x"}}));
}

#[tokio::test]
async fn read_only_members_stay_home_and_write_only_ones_are_not_expected_back() {
    let server = MockServer::start().await;
    // The answer carries the server's `id` and not the `secret`.
    let answer = json!({"id": "i9", "name": "pen", "archived_at": null});
    Mock::given(method("POST")).and(path("/items")).respond_with(ResponseTemplate::new(201).set_body_json(&answer)).mount(&server).await;
    let new = Item {
        id: None,
        name: "pen".into(),
        secret: Some("s3cret".into()),
        archived_at: None,
        description: Nullable::Absent,
        due: Nullable::Absent,
        count: Nullable::Absent,
        owner: Nullable::Absent,
    };
    let created = Client::with_base_url(&server.uri()).create_item(&new).await.unwrap();
    let (content_type, body) = only_body(&server).await;
    assert_eq!(content_type, "application/json");
    // A required nullable member is sent as `null`; the unset read-only `id` is not sent.
    assert_eq!(body, r#"{"name":"pen","secret":"s3cret","archived_at":null}"#);
    assert_eq!((created.id.as_deref(), created.secret.as_deref()), (Some("i9"), None));
}

#[tokio::test]
async fn a_json_patch_keeps_a_null_value_apart_from_no_value() {
    let server = MockServer::start().await;
    Mock::given(method("PATCH")).and(path("/items/i1/operations")).respond_with(ResponseTemplate::new(204)).mount(&server).await;
    let operations = vec![
        PatchOperation {
            op: PatchOperationOp::Replace,
            path: "/description".into(),
            from: None,
            value: Some(Value::Null),
        },
        PatchOperation { op: PatchOperationOp::Remove, path: "/due".into(), from: None, value: None },
    ];
    Client::with_base_url(&server.uri()).patch_item("i1", &operations).await.unwrap();
    let (content_type, body) = only_body(&server).await;
    assert_eq!(content_type, "application/json-patch+json");
    assert_eq!(body, r#"[{"op":"replace","path":"/description","value":null},{"op":"remove","path":"/due"}]"#);
    // Read back, `null` stays a value and absence stays `None`.
    let read: Vec<PatchOperation> = serde_json::from_str(&body).unwrap();
    assert_eq!(read, operations);
}

#[tokio::test]
async fn a_cursor_that_may_be_null_ends_the_stream_when_null() {
    let server = MockServer::start().await;
    let item = |id: &str| json!({"id": id, "name": id, "archived_at": null});
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [item("a")], "next_cursor": "c2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("GET"))
        .and(path("/items"))
        .and(query_param("cursor", "c2"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"items": [item("b")], "next_cursor": null})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let mut pages = client.list_items().stream();
    let mut ids = Vec::new();
    while let Some(item) = pages.next().await {
        ids.push(item.unwrap().id.unwrap());
    }
    assert_eq!(ids, ["a", "b"]);
}

#[tokio::test]
async fn swagger_2_x_nullable_and_3_1_type_lists_send_null() {
    use wire_tests::{three_state_3_1, three_state_swagger_2};
    let server = MockServer::start().await;
    let echo = |r: &Request| ResponseTemplate::new(200).set_body_raw(r.body.clone(), "application/json");
    Mock::given(method("PATCH"))
        .and(path("/v1/notes/n1"))
        .and(header("content-type", "application/json"))
        .respond_with(echo)
        .mount(&server)
        .await;
    Mock::given(method("PATCH"))
        .and(path("/notes/n1"))
        .and(header("content-type", "application/merge-patch+json"))
        .respond_with(echo)
        .mount(&server)
        .await;

    let note = three_state_swagger_2::types::Note { id: None, text: "t".into(), color: Nullable::Null, pinned_at: Nullable::Absent };
    let client = three_state_swagger_2::Client::with_base_url(&format!("{}/v1", server.uri()));
    let back = client.update_note("n1", &note).await.unwrap();
    assert_eq!(back.into_inner(), note);

    use three_state_3_1::types::{Color, Note};
    let note = Note {
        id: None,
        text: "t".into(),
        token: None,
        color: Nullable::Null,
        body: "b".to_owned().into(),
        pinned_at: Nullable::Absent,
    };
    let back = three_state_3_1::Client::with_base_url(&server.uri()).update_note("n1", &note).await.unwrap();
    assert_eq!(back.into_inner(), note);
    let requests = server.received_requests().await.unwrap();
    let bodies: Vec<&[u8]> = requests.iter().map(|r| r.body.as_slice()).collect();
    assert_eq!(bodies, [&br#"{"text":"t","color":null}"#[..], &br#"{"text":"t","color":null,"body":"b"}"#[..]]);
    let colored: Note = serde_json::from_value(json!({"text": "t", "color": "red"})).unwrap();
    assert_eq!(colored.color, Nullable::Value(Color::Red));
}
