//! The typed mock servers of the fixtures (the `mock` feature): each parameter location and
//! query style, and a form body, match exactly what the client sends and read back typed.

use std::collections::BTreeMap;

use wire_tests::{form_styles, parameters, query_styles};

#[tokio::test]
async fn every_parameter_location_matches_as_the_client_sends_it() {
    use parameters::{Client, mock::MockServer, types};
    let server = MockServer::start().await;
    server
        .list_items()
        .org("acme/sub unit")
        .limit(50)
        .tag(["red".to_owned(), "blue green".to_owned()])
        .sort(types::ListItemsSort::Desc)
        .x_request_id("req-1")
        .session("s1")
        .verbose(true)
        .respond_ok(&[types::ListItemsResponseItem { id: Some("i1".into()), score: Some(2.0) }])
        .expect(1)
        .mount()
        .await;
    let client = Client::with_base_url(&server.base_url());
    let items = client
        .list_items("acme/sub unit", 50)
        .tag(["red".to_owned(), "blue green".to_owned()])
        .sort(types::ListItemsSort::Desc)
        .x_request_id("req-1")
        .session("s1")
        .verbose(true)
        .await
        .unwrap();
    assert_eq!(items[0].score, Some(2.0));
    let received = server.received().list_items().await;
    assert_eq!(received.len(), 1);
    let got = &received[0];
    assert_eq!(got.org.as_deref(), Some("acme/sub unit"));
    assert_eq!(got.limit, Some(50));
    assert_eq!(got.tag, Some(vec!["red".to_owned(), "blue green".to_owned()]));
    assert_eq!(got.sort, Some(types::ListItemsSort::Desc));
    assert_eq!(got.x_request_id.as_deref(), Some("req-1"));
    assert_eq!(got.session.as_deref(), Some("s1"));
    assert_eq!(got.verbose, Some(true));

    // One value differs (the cookie): no expectation matches, and the message names the operation.
    let _ = client.list_items("acme/sub unit", 50).session("s2").await.unwrap_err();
    let unmatched = server.unmatched();
    assert_eq!(unmatched.len(), 1);
    assert!(unmatched[0].contains("resembles operation listItems (`list_items`"), "{}", unmatched[0]);
    server.verify().await;
}

#[tokio::test]
async fn query_styles_match_and_read_back() {
    use query_styles::{Client, mock::MockServer, types};
    let server = MockServer::start().await;
    let filter = types::SearchFilter { state: Some("open".into()), limit: Some(5) };
    let page = types::SearchPage { offset: Some(10), size: Some(20) };
    let r#where = vec![types::SearchWhereItem { field: Some("a".into()), value: Some(1) }];
    server
        .search()
        .ids([1, 2, 3])
        .words(vec!["big".to_owned(), "red".to_owned()])
        .tags(["a".to_owned(), "b".to_owned()])
        .filter(filter.clone())
        .page(page.clone())
        .r#where(r#where.clone())
        .respond_status(204)
        .expect(1)
        .mount()
        .await;
    Client::with_base_url(&server.base_url())
        .search()
        .ids([1, 2, 3])
        .words(vec!["big".to_owned(), "red".to_owned()])
        .tags(["a".to_owned(), "b".to_owned()])
        .filter(filter)
        .page(page)
        .r#where(r#where.clone())
        .await
        .unwrap();
    let got = &server.received().search().await[0];
    assert_eq!(got.ids, Some(vec![1, 2, 3]));
    assert_eq!(got.words, Some(vec!["big".to_owned(), "red".to_owned()]));
    assert_eq!(got.tags, Some(vec!["a".to_owned(), "b".to_owned()]));
    assert_eq!(got.r#where, Some(r#where));
    server.verify().await;
}

#[tokio::test]
async fn a_form_body_matches_byte_for_byte() {
    use form_styles::{Client, mock::MockServer, types};
    let server = MockServer::start().await;
    let body = types::PostCustomersBody {
        email: Some("jenny@example.com".into()),
        metadata: Some(BTreeMap::from([("tier".into(), "gold".into())])),
        ..Default::default()
    };
    server.post_customers().body(&body).idempotency_key("key-1").expect(1).mount().await;
    let other = types::PostCustomersBody { email: Some("someone@example.com".into()), ..Default::default() };
    let client = Client::with_base_url(&server.base_url());
    let _ = client.post_customers(&body).idempotency_key("key-1").await;
    let _ = client.post_customers(&other).idempotency_key("key-1").await;
    let unmatched = server.unmatched();
    assert_eq!(unmatched.len(), 1, "{unmatched:?}");
    assert!(unmatched[0].starts_with("unmatched request POST /v1/customers: resembles operation"), "{}", unmatched[0]);
    let received = server.received().post_customers().await;
    assert_eq!(received.len(), 2);
    assert_eq!(received[0].idempotency_key.as_deref(), Some("key-1"));
    assert!(String::from_utf8_lossy(&received[0].body).starts_with("email=jenny%40example.com"));
    server.verify().await;
}

#[tokio::test]
async fn ranges_and_default_answer_with_a_status_the_client_reads_as_them() {
    use wire_tests::response_statuses::{Client, errors, mock::MockServer, types};
    let server = MockServer::start().await;
    let client = Client::with_base_url(&server.base_url());
    // `default` is both the success and the error variant: the success answers 200, the error 500.
    let fine = types::OnlyDefaultDefaultResponse { ok: Some(true) };
    let broken = types::OnlyDefaultDefaultResponse { ok: Some(false) };
    let guard = server.only_default().respond_ok(&fine).mount_as_scoped().await;
    assert_eq!(client.only_default().await.unwrap().into_inner(), fine);
    drop(guard);
    server.only_default().respond_default(&broken).mount().await;
    let failed = client.only_default().await.unwrap_err();
    let wire_tests::Error::Api(answer) = failed else { panic!("{failed:?}") };
    assert_eq!(answer.status(), 500);
    assert_eq!(answer.into_inner(), errors::OnlyDefaultError::Default(broken));
    // `5XX` answers its first code.
    let error = types::RangesServerErrorResponse { error: Some("down".into()) };
    server.ranges().respond_server_error(&error).mount().await;
    let failed = client.ranges().await.unwrap_err();
    let wire_tests::Error::Api(answer) = failed else { panic!("{failed:?}") };
    assert_eq!(answer.status(), 500);
    assert_eq!(answer.into_inner(), errors::RangesError::ServerError(error));
    server.verify().await;
}
