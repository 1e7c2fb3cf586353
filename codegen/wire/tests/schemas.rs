//! Composite schemas on the wire: `oneOf` by discriminator or by shape, merged `allOf`,
//! recursive types, formats, and named errors from `$ref`ed responses.

use serde_json::json;
use wire_tests::{Error, Nullable, all_of, formats, nullable, one_of, response_refs};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[test]
fn discriminated_one_of_picks_the_variant_by_tag() {
    use one_of::types::{Cat, Dog, Pet};
    // Both bodies would fit `Dog`, whose only required field is the tag; the tag decides.
    let cat: Pet = serde_json::from_value(json!({"pet_type": "cat", "lives": 9})).unwrap();
    assert_eq!(cat, Pet::Cat(Cat { pet_type: "cat".into(), lives: 9 }));
    let dog: Pet = serde_json::from_value(json!({"pet_type": "dog", "lives": 9})).unwrap();
    assert_eq!(dog, Pet::Dog(Dog { pet_type: "dog".into(), good: None }));
    assert_eq!(serde_json::to_value(&dog).unwrap(), json!({"pet_type": "dog"}));
    let unknown = serde_json::from_value::<Pet>(json!({"pet_type": "fish"})).unwrap_err();
    assert!(unknown.to_string().contains("fish"), "{unknown}");
}

#[test]
fn untagged_one_of_tries_each_alternative() {
    use one_of::types::{Expr, IdOrName, Shape, ShapeSquare, Sum};
    assert_eq!(serde_json::from_value::<IdOrName>(json!(7)).unwrap(), IdOrName::Integer(7));
    assert_eq!(serde_json::from_value::<IdOrName>(json!("seven")).unwrap(), IdOrName::String("seven".into()));
    assert_eq!(serde_json::from_value::<Shape>(json!({"side": 2.0})).unwrap(), Shape::Square(ShapeSquare { side: 2.0 }));
    let sum = json!({"left": 1, "right": {"left": 2, "right": 3}});
    let expr: Expr = serde_json::from_value(sum.clone()).unwrap();
    let Expr::Sum(outer) = &expr else { panic!("{expr:?}") };
    let Sum { left, .. } = outer.as_ref();
    assert_eq!(**left, Expr::Integer(1));
    assert_eq!(serde_json::to_value(&expr).unwrap(), sum);
}

#[test]
fn null_is_a_value_only_where_the_schema_allows_it() {
    use nullable::types::Record;
    // Required and nullable: `null` decodes to `None` and is sent back (absent reads as `None`
    // too, as with serde's derive).
    // Required and of any type: `null` is its value. Optional and nullable: `null` is kept
    // apart from absence, and sent back as it came.
    let record: Record = serde_json::from_value(json!({"id": "r", "deleted_at": null, "payload": null, "note": null})).unwrap();
    assert_eq!((record.deleted_at.as_deref(), &record.payload, &record.note), (None, &serde_json::Value::Null, &Nullable::Null));
    assert_eq!(serde_json::to_value(&record).unwrap(), json!({"id": "r", "deleted_at": null, "payload": null, "note": null}));
    let missing = serde_json::from_value::<Record>(json!({"id": "r", "deleted_at": null})).unwrap_err();
    assert_eq!(missing.to_string(), "missing field `payload`");
    // Required and not nullable: `null` is refused, naming the field.
    let null_id = serde_json::from_value::<Record>(json!({"id": null, "deleted_at": null, "payload": 1})).unwrap_err();
    assert_eq!(null_id.to_string(), "Record.id: invalid type: null, expected a value");
}

#[test]
fn all_of_merges_members_in_order() {
    let deep: all_of::types::Deep = serde_json::from_value(json!({"id": "1", "name": "n", "depth": 3})).unwrap();
    assert_eq!((deep.id.as_str(), deep.name.as_str(), deep.depth), ("1", "n", Some(3)));
    assert_eq!(deep.created, None);
    let holder: all_of::types::Holder = serde_json::from_value(json!({"base": null})).unwrap();
    assert_eq!(holder.base, Nullable::Null);
}

#[test]
fn formats_are_typed() {
    let value = json!({
        "at": "2024-01-15T10:30:00Z", "day": "2024-02-29", "id": "67e55044-10b1-426f-9247-bb680e5fe0c8",
        "encoded": "aGk=", "small": 1, "big": 9007199254740993_i64, "ratio": 0.5, "precise": 0.25
    });
    let all: formats::types::Everything = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(all.at.timestamp(), 1_705_314_600);
    assert_eq!(all.day.map(|d| d.to_string()).as_deref(), Some("2024-02-29"));
    assert_eq!(all.id.map(|u| u.get_version_num()), Some(4));
    assert_eq!(all.big, Some(9_007_199_254_740_993));
    assert_eq!(serde_json::to_value(&all).unwrap(), value);
    assert!(serde_json::from_value::<formats::types::Everything>(json!({"at": "yesterday"})).is_err());
}

#[tokio::test]
async fn referenced_responses_decode_by_status() {
    use response_refs::errors::PutThingError;
    let server = MockServer::start().await;
    for (status, title) in [(404, "gone"), (409, "taken"), (418, "teapot")] {
        Mock::given(method("PUT"))
            .and(path(format!("/things/{status}")))
            .respond_with(ResponseTemplate::new(status).set_body_json(json!({"title": title, "status": status})))
            .mount(&server)
            .await;
    }
    Mock::given(path("/things/500")).respond_with(ResponseTemplate::new(500).set_body_string("oops")).mount(&server).await;
    let client = response_refs::Client::with_base_url(&server.uri());
    let thing = response_refs::types::Thing { name: None };
    let variant = |e: Error<PutThingError>| match e {
        Error::Api(answer) => (answer.status().as_u16(), answer.into_inner()),
        other => panic!("{other:?}"),
    };
    let (status, body) = variant(client.put_thing(404, &thing).await.unwrap_err());
    assert!(status == 404 && matches!(body, PutThingError::NotFound(p) if p.title.as_deref() == Some("gone")));
    let (_, body) = variant(client.put_thing(409, &thing).await.unwrap_err());
    assert!(matches!(body, PutThingError::Conflict(p) if p.title.as_deref() == Some("taken")));
    let (_, body) = variant(client.put_thing(418, &thing).await.unwrap_err());
    assert!(matches!(body, PutThingError::ClientError(p) if p.status == Some(418)));
    let (status, body) = variant(client.put_thing(500, &thing).await.unwrap_err());
    assert_eq!((status, body), (500, PutThingError::Default));
}

/// `null` is a value where a field names a nullable schema, or wraps one in an `allOf`: the
/// answer decodes, and encodes back to the same JSON.
#[test]
fn null_through_refs_and_all_of_wrappers() {
    use wire_tests::nullable_refs::types::File;
    let json = serde_json::json!({"id": "f1", "lock": null, "sequence_id": null, "etag": "1", "metric": null, "owner": null});
    let file: File = serde_json::from_value(json.clone()).unwrap();
    assert_eq!((file.lock.is_none(), file.sequence_id.is_none(), file.metric.is_none(), file.owner.is_none()), (true, true, true, true));
    assert_eq!(serde_json::to_value(&file).unwrap(), json);
    let refused = serde_json::from_value::<File>(
        serde_json::json!({"id": "f1", "lock": null, "sequence_id": null, "etag": null, "metric": 1, "owner": null}),
    );
    assert!(refused.unwrap_err().to_string().contains("etag"), "a wrapper of a non-nullable type stays non-nullable");
}

/// Array items and map values that may be `null` are `Option`s, and keep their `null`s.
#[test]
fn null_items_and_map_values() {
    use wire_tests::nullable_refs::types::File;
    let json = serde_json::json!({
        "id": "f1", "lock": null, "sequence_id": "3", "etag": "1", "metric": 2, "owner": {"name": "ann"},
        "entries": [null, {"field": "x"}],
        "locks": {"a": null, "b": {"type": "lock"}}
    });
    let file: File = serde_json::from_value(json.clone()).unwrap();
    let entries = file.entries.as_ref().unwrap();
    assert_eq!((entries[0].is_none(), entries[1].as_ref().and_then(|e| e.field.as_deref())), (true, Some("x")));
    assert!(file.locks.as_ref().unwrap()["a"].is_none());
    assert_eq!(serde_json::to_value(&file).unwrap(), json);
}

/// An `allOf` whose parts say nothing of the value takes any JSON.
#[test]
fn an_all_of_of_prose_takes_any_value() {
    let value = json!({"values": {"name": "Aaron Levie", "count": 3, "tags": ["a"]}});
    let holder: all_of::types::Holder = serde_json::from_value(value.clone()).unwrap();
    assert_eq!(holder.values.as_ref().map(|v| v["count"].clone()), Some(json!(3)));
    assert_eq!(serde_json::to_value(&holder).unwrap(), value);
}

/// The decoding policy's allowances: a date-time without an offset is UTC, `T` may be `t` or a
/// space, and an integer may carry a zero fraction. Other slips stay errors naming the field.
#[test]
fn naive_timestamps_and_whole_decimals_decode() {
    let value = json!({"at": "2024-01-02T03:04:05.400000", "small": 1.0, "big": 3e3});
    let all: formats::types::Everything = serde_json::from_value(value).unwrap();
    assert_eq!(all.at.to_rfc3339(), "2024-01-02T03:04:05.400+00:00");
    assert_eq!((all.small, all.big), (Some(1), Some(3000)));
    // Sent back, the instant says so: the same meaning under the documented convention.
    assert_eq!(serde_json::to_value(&all).unwrap(), json!({"at": "2024-01-02T03:04:05.400Z", "small": 1, "big": 3000}));
    let spaced: formats::types::Everything = serde_json::from_value(json!({"at": "2024-01-02 03:04:05z"})).unwrap();
    assert_eq!(spaced.at.timestamp(), 1_704_164_645);
    for (bad, field) in [
        (json!({"at": "2024-01-02T03:04:05", "small": 1.5}), "Everything.small"),
        (json!({"at": "2024-01-02T03:04:05", "small": 3e9}), "Everything.small"),
        (json!({"at": "2024-01-02T03:04"}), "Everything.at"),
        (json!({"at": "2024-01-02"}), "Everything.at"),
    ] {
        let error = serde_json::from_value::<formats::types::Everything>(bad.clone()).unwrap_err().to_string();
        assert!(error.starts_with(field), "{bad}: {error}");
    }
}

/// The allowances reach a date-time through a named alias, in a list and in a map, and a lower-case
/// `t`; a slip in a list's item is still an error naming the field.
#[test]
fn allowances_reach_aliases_lists_and_maps() {
    let value = json!({
        "at": "2024-01-02t03:04:05Z",
        "seen": "2024-01-02T03:04:05",
        "history": ["2024-01-02 03:04:05", "2024-01-02T03:04:05.5+01:00"],
        "counts": {"a": 2.0, "b": 3},
    });
    let all: formats::types::Everything = serde_json::from_value(value).unwrap();
    assert_eq!(all.at.timestamp(), 1_704_164_645);
    assert_eq!(all.seen.map(|s| s.timestamp()), Some(1_704_164_645));
    let history: Vec<i64> = all.history.unwrap().iter().map(|h| h.timestamp()).collect();
    assert_eq!(history, [1_704_164_645, 1_704_161_045]);
    assert_eq!(all.counts.unwrap().into_iter().collect::<Vec<_>>(), [("a".to_owned(), 2), ("b".to_owned(), 3)]);
    let bad = json!({"at": "2024-01-02T03:04:05", "history": ["2024-01-02T03:04:05", "yesterday"]});
    let error = serde_json::from_value::<formats::types::Everything>(bad).unwrap_err().to_string();
    assert!(error.starts_with("Everything.history"), "{error}");
}

/// An answer that is a bare list of date-times takes the allowances too.
#[tokio::test]
async fn a_bare_list_of_naive_timestamps_decodes() {
    let server = MockServer::start().await;
    let body = json!(["2024-01-02T03:04:05", "2024-01-02 03:04:05z"]);
    Mock::given(method("GET")).and(path("/instants")).respond_with(ResponseTemplate::new(200).set_body_json(body)).mount(&server).await;
    let client = formats::Client::with_base_url(&server.uri());
    let instants = client.list_instants().await.unwrap().into_inner();
    assert_eq!(instants.iter().map(|i| i.timestamp()).collect::<Vec<_>>(), [1_704_164_645, 1_704_164_645]);
    server.reset().await;
    let bad = json!(["2024-01-02T03:04:05", 7]);
    Mock::given(method("GET")).and(path("/instants")).respond_with(ResponseTemplate::new(200).set_body_json(bad)).mount(&server).await;
    let error = client.list_instants().await.unwrap_err();
    assert!(matches!(error, Error::Decode { .. }), "{error}");
}

/// An answer listing an alternative the spec does not know yet: every other item is typed,
/// the new one is kept as its JSON, and it is sent back unchanged.
#[tokio::test]
async fn an_unknown_alternative_in_a_list_keeps_the_rest_typed() {
    use wire_tests::open_unions::{
        Client,
        types::{Created, Deleted, Event},
    };
    let server = MockServer::start().await;
    let body = json!([
        {"type": "created", "id": "1"},
        {"type": "archived", "id": "2", "by": "ann"},
        {"type": "deleted", "id": "3", "at": "2024-01-02T03:04:05"}
    ]);
    Mock::given(path("/events")).respond_with(ResponseTemplate::new(200).set_body_json(&body)).mount(&server).await;
    let events = Client::with_base_url(&server.uri()).list_events().await.unwrap().into_inner();
    assert_eq!(events[0], Event::Created(Created { r#type: "created".into(), id: "1".into() }));
    assert_eq!(events[1], Event::Unknown(json!({"type": "archived", "id": "2", "by": "ann"})));
    assert!(matches!(&events[2], Event::Deleted(Deleted { id, at: Some(_), .. }) if id == "3"));
    assert_eq!(serde_json::to_value(&events[1]).unwrap(), body[1]);
    // A known tag whose body is wrong is still an error, naming the type.
    assert!(serde_json::from_value::<Event>(json!({"type": "created"})).is_err());
}

/// A union that only a callback's payload reaches is read by the subscriber, so it is open too:
/// a kind added later is kept, and a known kind still has to decode.
#[test]
fn a_union_only_a_callback_sends_keeps_a_new_kind() {
    use wire_tests::open_unions::types::{Alert, Notice};
    let known: Notice = serde_json::from_value(json!({"kind": "alert", "level": 3})).unwrap();
    assert_eq!(known, Notice::Alert(Alert { kind: "alert".into(), level: 3 }));
    let added = json!({"kind": "outage", "regions": ["eu"]});
    let notice: Notice = serde_json::from_value(added.clone()).unwrap();
    assert_eq!(notice, Notice::Unknown(added.clone()));
    assert_eq!(serde_json::to_value(&notice).unwrap(), added);
    assert!(serde_json::from_value::<Notice>(json!({"kind": "alert", "level": "high"})).is_err(), "a known kind that does not decode");
}

#[test]
fn untagged_answers_keep_a_new_shape_and_sent_unions_stay_closed() {
    use wire_tests::open_unions::types::{Drawn, Stroke};
    let drawn: Drawn = serde_json::from_value(json!({"sides": [1, 2]})).unwrap();
    assert_eq!(drawn, Drawn::Unknown(json!({"sides": [1, 2]})));
    assert_eq!(serde_json::to_value(&drawn).unwrap(), json!({"sides": [1, 2]}));
    assert!(serde_json::from_value::<Stroke>(json!({"height": 1})).is_err(), "a union only sent has no catch-all");
    // Exhaustive without a catch-all: this match compiles only while the listed variants are all.
    let listed = |stroke: Stroke| match stroke {
        Stroke::StrokeVariant0(_) | Stroke::String(_) => true,
    };
    assert!(listed(Stroke::String("x".into())));
}

/// A tag is what the alternative's JSON carries: OpenAI's `role: {enum: [developer]}`, not the
/// schema's name that a discriminator without a mapping would imply.
#[test]
fn tags_come_from_an_alternatives_one_value_enum() {
    use wire_tests::open_unions::types::{DeveloperMessage, DeveloperMessageRole, Message};
    let message: Message = serde_json::from_value(json!({"role": "developer", "content": "be brief"})).unwrap();
    assert_eq!(message, Message::DeveloperMessage(DeveloperMessage { role: DeveloperMessageRole::Developer, content: "be brief".into() }));
    assert!(matches!(serde_json::from_value(json!({"role": "user", "content": "hi"})).unwrap(), Message::UserMessage(_)));
}

#[test]
fn string_enums_parse_from_text_as_they_decode() {
    use wire_tests::openapi_3_1::types::{CatKind, PetSize};
    // Open: a listed value is its variant, any other is kept.
    assert_eq!(PetSize::from("large".to_owned()), PetSize::Large);
    assert_eq!(PetSize::from("huge".to_owned()), PetSize::Unknown("huge".into()));
    assert_eq!((PetSize::known("small"), PetSize::known("huge")), (Some(PetSize::Small), None));
    assert_eq!(PetSize::from("huge".to_owned()).to_string(), "huge");
    assert_eq!("large".parse::<PetSize>(), Ok(PetSize::Large), "FromStr takes what From<String> takes");
    assert_eq!("huge".parse::<PetSize>(), Ok(PetSize::Unknown("huge".into())));
    // Closed: another value is refused, naming what it takes, by parsing and decoding alike.
    assert_eq!("cat".parse::<CatKind>(), Ok(CatKind::Cat));
    let refused = "dog".parse::<CatKind>().unwrap_err();
    assert_eq!(refused.to_string(), "unknown value `dog`, expected `cat`");
    let decoded = serde_json::from_value::<CatKind>(json!("dog")).unwrap_err();
    assert_eq!(decoded.to_string(), refused.to_string());
    assert_eq!(CatKind::KNOWN.map(|k| k.as_str()), ["cat"]);
}
