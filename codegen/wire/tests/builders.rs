//! The builders (`fixtures/builders.yaml`): the method takes the required values, every optional
//! parameter and the optional body is a setter, and every setter lands on the wire.

use serde_json::json;
use wire_tests::builders_api::{Client, builders::PutThing, types};
use wiremock::matchers::{body_json, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn expect_query(expected: &'static str) -> impl Fn(&Request) -> bool {
    move |r: &Request| r.url.query() == Some(expected)
}

#[tokio::test]
async fn every_setter_lands_on_the_wire() {
    let server = MockServer::start().await;
    let query = "mode=slow&text=a+b&small=-3&big=9000000000&ratio=0.5&score=2.25&flag=true\
                 &since=2024-05-06T07%3A08%3A09Z&day=2024-05-06&ref=67e55044-10b1-426f-9247-bb680e5fe0c8\
                 &colour=green&names=x&names=y&colours=red%2Cgreen&filter%5Bowner%5D=me&extra=%7B%22k%22%3A1%7D";
    Mock::given(method("PUT"))
        .and(path("/things/42"))
        .and(expect_query(query))
        .and(header("x-trace", "t-1"))
        .and(header("x-count", "7"))
        .and(header("cookie", "session=s-1"))
        .and(body_json(json!({"name": "thing"})))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let since = chrono::DateTime::parse_from_rfc3339("2024-05-06T07:08:09Z").unwrap().to_utc();
    let day = chrono::NaiveDate::from_ymd_opt(2024, 5, 6).unwrap();
    let id = uuid::Uuid::parse_str("67e55044-10b1-426f-9247-bb680e5fe0c8").unwrap();
    let answer = Client::with_base_url(&server.uri())
        .put_thing(42, &types::PutThingMode::Slow)
        .text("a b")
        .small(-3)
        .big(9_000_000_000)
        .ratio(0.5)
        .score(2.25)
        .flag(true)
        .since(since)
        .day(day)
        .r#ref(id)
        .colour(types::Colour::Green)
        .names(["x".to_owned(), "y".to_owned()])
        .colours(vec![types::Colour::Red, types::Colour::Green])
        .filter(types::Filter { owner: Some("me".into()) })
        .extra(json!({"k": 1}))
        .x_trace("t-1")
        .x_count(7)
        .session(String::from("s-1"))
        .body(types::Thing { name: Some("thing".into()) })
        .await
        .unwrap();
    assert_eq!(answer.status(), 204);
}

#[tokio::test]
async fn unset_setters_send_nothing() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/things/1"))
        .and(expect_query("mode=fast"))
        .and(|r: &Request| {
            !r.headers.contains_key("x-trace")
                && !r.headers.contains_key("cookie")
                && !r.headers.contains_key("content-type")
                && r.body.is_empty()
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    Client::with_base_url(&server.uri()).put_thing(1, &types::PutThingMode::Fast).await.unwrap();
}

#[tokio::test]
async fn send_and_await_are_the_same_and_a_builder_can_be_reused() {
    let server = MockServer::start().await;
    Mock::given(path("/things/1"))
        .and(expect_query("mode=fast&names=a"))
        .respond_with(ResponseTemplate::new(204))
        .expect(2)
        .mount(&server)
        .await;
    Mock::given(path("/things/1"))
        .and(expect_query("mode=fast&small=2&names=b"))
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let base: PutThing<'_> = client.put_thing(1, &types::PutThingMode::Fast).names(&["a".to_owned()][..]);
    base.clone().send().await.unwrap();
    // The last value set wins.
    base.clone().names(vec!["b".to_owned()]).small(1).small(2).await.unwrap();
    base.await.unwrap();
}

#[tokio::test]
async fn builders_and_their_futures_can_move_between_threads() {
    fn send<T: Send>(value: T) -> T {
        value
    }
    let server = MockServer::start().await;
    Mock::given(path("/things/3")).respond_with(ResponseTemplate::new(204)).expect(1).mount(&server).await;
    let client: &'static Client = Box::leak(Box::new(Client::with_base_url(&server.uri())));
    let builder = send(client.put_thing(3, &types::PutThingMode::Fast).text("t"));
    let answer = tokio::spawn(async move { builder.await }).await.unwrap().unwrap();
    assert_eq!(answer.status(), 204);
}

/// A builder's `Debug` names its operation and route, and shows none of the values set (they may
/// be personal data or secrets), nor the client's credentials.
#[test]
fn a_builder_shows_its_operation_but_no_value() {
    let client = wire_tests::security_variants::Client::with_base_url("http://127.0.0.1:1").with_bearer("s3cr3t-token");
    assert_eq!(format!("{:?}", client.uses_global()), "UsesGlobal (GET /global)");
    let things = Client::with_base_url("http://127.0.0.1:1");
    let shown = format!("{:?}", things.put_thing(42, &types::PutThingMode::Slow).text("private words"));
    assert_eq!(shown, "PutThing (PUT /things/{id})");
}
