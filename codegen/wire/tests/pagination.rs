//! `stream()` over pages, for each pattern of `fixtures/pagination.yaml`: wiremock serves several
//! pages; the stream must ask for each with the right cursor, stop at the last, stop at an empty
//! page, and end with an error (after the items it already gave) when a page fails.

use serde_json::{Value, json};
use wire_tests::Error;
use wire_tests::pagination::{Client, errors};
use wiremock::matchers::{body_json, header, method, path, query_param, query_param_is_missing};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

fn ok(body: Value) -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(body)
}

fn customers(ids: &[&str], more: bool) -> ResponseTemplate {
    let data: Vec<Value> = ids.iter().map(|id| json!({"id": id})).collect();
    ok(json!({"object": "list", "data": data, "has_more": more}))
}

/// Every item of a stream, the error (if any) as its last entry.
async fn drain<T, E>(mut pages: wire_tests::Pages<'_, T, E>) -> Vec<Result<T, Error<E>>> {
    let mut out = Vec::new();
    while let Some(item) = pages.next().await {
        out.push(item);
    }
    out
}

fn ids(items: Vec<Result<wire_tests::pagination::types::Customer, Error<errors::ListCustomersError>>>) -> Vec<String> {
    items.into_iter().map(|c| c.unwrap().id).collect()
}

#[tokio::test]
async fn has_more_pages_follow_the_last_id_and_keep_the_filters() {
    let server = MockServer::start().await;
    let filters = |m: wiremock::MockBuilder| {
        m.and(path("/customers")).and(query_param("email", "a@b.c")).and(query_param("limit", "2")).and(header("stripe-account", "acct_1"))
    };
    filters(Mock::given(method("GET")))
        .and(query_param_is_missing("starting_after"))
        .respond_with(customers(&["c1", "c2"], true))
        .expect(1)
        .mount(&server)
        .await;
    filters(Mock::given(method("GET")))
        .and(query_param("starting_after", "c2"))
        .respond_with(customers(&["c3", "c4"], true))
        .expect(1)
        .mount(&server)
        .await;
    filters(Mock::given(method("GET")))
        .and(query_param("starting_after", "c4"))
        .respond_with(customers(&["c5"], false))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let pages = client.list_customers().email("a@b.c").limit(2).stripe_account("acct_1").stream();
    assert_eq!(ids(drain(pages).await), ["c1", "c2", "c3", "c4", "c5"]);
}

#[tokio::test]
async fn a_first_page_that_is_also_the_last_is_one_request() {
    let server = MockServer::start().await;
    Mock::given(path("/customers")).respond_with(customers(&["only"], false)).expect(1).mount(&server).await;
    let client = Client::with_base_url(&server.uri());
    assert_eq!(ids(drain(client.list_customers().stream()).await), ["only"]);
}

#[tokio::test]
async fn pages_are_fetched_only_when_their_items_are_asked_for() {
    let server = MockServer::start().await;
    Mock::given(path("/customers")).respond_with(customers(&["c1", "c2"], true)).expect(1).mount(&server).await;
    let client = Client::with_base_url(&server.uri());
    let mut pages = client.list_customers().stream();
    assert_eq!(pages.next().await.unwrap().unwrap().id, "c1");
    assert_eq!(pages.next().await.unwrap().unwrap().id, "c2");
    drop(pages);
    // `expect(1)`: the second page was never asked for.
}

#[tokio::test]
async fn an_error_on_page_three_keeps_the_items_before_it_and_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(path("/events"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ok(json!({"events": [{"id": "e1"}, {"id": "e2"}], "next_cursor": "p2"})))
        .mount(&server)
        .await;
    Mock::given(path("/events"))
        .and(query_param("cursor", "p2"))
        .respond_with(ok(json!({"events": [{"id": "e3"}], "next_cursor": "p3"})))
        .mount(&server)
        .await;
    Mock::given(path("/events"))
        .and(query_param("cursor", "p3"))
        .respond_with(ResponseTemplate::new(503).set_body_string("down"))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let mut items = drain(client.list_events().kind("signup").stream()).await;
    let last = items.pop().expect("the error");
    let Err(Error::UnexpectedStatus(raw)) = last else { panic!("{last:?}") };
    assert_eq!(raw.status, 503);
    let ids: Vec<String> = items.into_iter().map(|e| e.unwrap().id).collect();
    assert_eq!(ids, ["e1", "e2", "e3"]);
}

#[tokio::test]
async fn a_cursor_page_without_a_next_cursor_is_the_last() {
    let server = MockServer::start().await;
    Mock::given(path("/events"))
        .and(query_param_is_missing("cursor"))
        .and(query_param("kind", "signup"))
        .respond_with(ok(json!({"events": [{"id": "e1"}], "next_cursor": "p2"})))
        .expect(1)
        .mount(&server)
        .await;
    // The filter goes with every page; an empty cursor, as some APIs send, means the end too.
    Mock::given(path("/events"))
        .and(query_param("cursor", "p2"))
        .and(query_param("kind", "signup"))
        .respond_with(ok(json!({"events": [{"id": "e2"}], "next_cursor": ""})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let ids: Vec<String> = drain(client.list_events().kind("signup").stream()).await.into_iter().map(|e| e.unwrap().id).collect();
    assert_eq!(ids, ["e1", "e2"]);
}

#[tokio::test]
async fn an_empty_page_ends_the_stream_whatever_it_says() {
    let server = MockServer::start().await;
    Mock::given(path("/customers"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(customers(&["c1"], true))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/customers"))
        .and(query_param("starting_after", "c1"))
        .respond_with(customers(&[], true))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    assert_eq!(ids(drain(client.list_customers().stream()).await), ["c1"]);
}

#[tokio::test]
async fn a_cursor_that_does_not_move_ends_the_stream() {
    let server = MockServer::start().await;
    Mock::given(path("/events"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ok(json!({"events": [{"id": "e1"}], "next_cursor": "same"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/events"))
        .and(query_param("cursor", "same"))
        .respond_with(ok(json!({"events": [{"id": "e2"}], "next_cursor": "same"})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    assert_eq!(drain(client.list_events().stream()).await.len(), 2);
}

#[tokio::test]
async fn a_cursor_deep_in_the_answer_is_followed() {
    let server = MockServer::start().await;
    Mock::given(path("/orders"))
        .and(query_param_is_missing("cursor"))
        .respond_with(ok(json!({"data": [{"number": 1}], "meta": {"cursors": {"previous": "x", "next": "o2"}}})))
        .mount(&server)
        .await;
    Mock::given(path("/orders"))
        .and(query_param("cursor", "o2"))
        .respond_with(ok(json!({"data": [{"number": 2}], "meta": {"cursors": {"previous": "o1"}}})))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let numbers: Vec<i64> = drain(client.list_orders().stream()).await.into_iter().map(|o| o.unwrap().number.unwrap()).collect();
    assert_eq!(numbers, [1, 2]);
}

#[tokio::test]
async fn dropshot_pages_send_only_the_token_and_limit_after_the_first() {
    let server = MockServer::start().await;
    Mock::given(path("/projects"))
        .and(|r: &Request| r.url.query() == Some("limit=1&sort_by=name_descending"))
        .respond_with(ok(json!({"items": [{"name": "b"}], "next_page": "t2"})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/projects"))
        .and(|r: &Request| r.url.query() == Some("limit=1&page_token=t2"))
        .respond_with(ok(json!({"items": [{"name": "a"}], "next_page": null})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let sort = wire_tests::pagination::types::ListProjectsSortBy::NameDescending;
    let names: Vec<String> =
        drain(client.list_projects().limit(1).sort_by(sort).stream()).await.into_iter().map(|p| p.unwrap().name).collect();
    assert_eq!(names, ["b", "a"]);
}

#[tokio::test]
async fn link_headers_are_followed_on_the_same_origin_only() {
    let server = MockServer::start().await;
    let uri = server.uri();
    let repos = |names: &[&str]| names.iter().map(|n| json!({"name": n})).collect::<Vec<_>>();
    Mock::given(path("/orgs/acme/repos"))
        .and(|r: &Request| r.url.query() == Some("per_page=2"))
        .respond_with(ok(json!(repos(&["r1", "r2"]))).insert_header(
            "link",
            format!(r#"<{uri}/orgs/acme/repos?per_page=2&page=2>; rel="next", <{uri}/orgs/acme/repos?per_page=2&page=3>; rel="last""#),
        ))
        .expect(1)
        .mount(&server)
        .await;
    // The link's query is sent as it is, not added to again.
    Mock::given(path("/orgs/acme/repos"))
        .and(|r: &Request| r.url.query() == Some("per_page=2&page=2"))
        .and(header("accept", "application/json"))
        .respond_with(ok(json!(repos(&["r3", "r4"]))).insert_header("link", r#"</orgs/acme/repos?per_page=2&page=3>; rel="next""#))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/orgs/acme/repos"))
        .and(|r: &Request| r.url.query() == Some("per_page=2&page=3"))
        .respond_with(ok(json!(repos(&["r5"]))).insert_header("link", r#"<https://elsewhere.example/orgs/acme/repos?page=4>; rel="next""#))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&uri);
    let names: Vec<String> = drain(client.list_repos("acme").per_page(2).stream()).await.into_iter().map(|r| r.unwrap().name).collect();
    assert_eq!(names, ["r1", "r2", "r3", "r4", "r5"]);
}

#[tokio::test]
async fn numbered_pages_count_up_from_the_first_until_an_empty_one() {
    let server = MockServer::start().await;
    Mock::given(path("/tags"))
        .and(query_param_is_missing("page"))
        .and(query_param("page_size", "2"))
        .respond_with(ok(json!({"tags": ["a", "b"]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/tags"))
        .and(query_param("page", "1"))
        .and(query_param("page_size", "2"))
        .respond_with(ok(json!({"tags": ["c"]})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(path("/tags"))
        .and(query_param("page", "2"))
        .respond_with(ok(json!({"total": 3, "tags": []})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let tags: Vec<String> = drain(client.list_tags().page_size(2).stream()).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(tags, ["a", "b", "c"]);
    // Starting from a page the caller sets.
    let server = MockServer::start().await;
    Mock::given(path("/tags")).and(query_param("page", "5")).respond_with(ok(json!({"tags": ["x"]}))).expect(1).mount(&server).await;
    Mock::given(path("/tags")).and(query_param("page", "6")).respond_with(ok(json!({"tags": []}))).expect(1).mount(&server).await;
    let client = Client::with_base_url(&server.uri());
    assert_eq!(drain(client.list_tags().page(5).stream()).await.len(), 1);
}

#[tokio::test]
async fn a_rule_named_pattern_resends_the_body_with_each_page() {
    let server = MockServer::start().await;
    let body = json!({"query": "blue"});
    Mock::given(method("POST"))
        .and(path("/widgets/search"))
        .and(query_param_is_missing("token"))
        .and(body_json(&body))
        .respond_with(ok(json!({"widgets": ["w1"], "continuation": {"token": "k2"}})))
        .expect(1)
        .mount(&server)
        .await;
    Mock::given(method("POST"))
        .and(path("/widgets/search"))
        .and(query_param("token", "k2"))
        .and(body_json(&body))
        .respond_with(ok(json!({"widgets": ["w2"], "continuation": {}})))
        .expect(1)
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    let query = wire_tests::pagination::types::SearchWidgetsBody { query: Some("blue".into()) };
    let widgets: Vec<String> = drain(client.search_widgets().body(query).stream()).await.into_iter().map(Result::unwrap).collect();
    assert_eq!(widgets, ["w1", "w2"]);
}

#[tokio::test]
async fn the_stream_is_a_futures_stream() {
    use futures_util::StreamExt as _;
    let server = MockServer::start().await;
    Mock::given(path("/customers"))
        .and(query_param_is_missing("starting_after"))
        .respond_with(customers(&["c1", "c2"], true))
        .mount(&server)
        .await;
    Mock::given(path("/customers")).and(query_param("starting_after", "c2")).respond_with(customers(&["c3"], false)).mount(&server).await;
    let client = Client::with_base_url(&server.uri());
    let first_three: Vec<String> = client.list_customers().stream().take(3).map(|c| c.unwrap().id).collect().await;
    assert_eq!(first_three, ["c1", "c2", "c3"]);
    // A page can still be fetched on its own, as before.
    let page = client.list_customers().await.unwrap();
    assert_eq!((page.data.len(), page.has_more), (2, true));
}
