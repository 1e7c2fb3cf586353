//! Path, query, header and cookie parameters, path-level ones included.

use wire_tests::parameters::{Client, EU_EXAMPLE_COM_V2_SERVER, types};
use wire_tests::query_styles;
use wiremock::matchers::{header, method, path, query_param};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

#[tokio::test]
async fn every_location_is_filled() {
    let server = MockServer::start().await;
    Mock::given(method("GET"))
        .and(path("/orgs/acme%2Fsub%20unit/items"))
        .and(|r: &Request| r.url.query() == Some("limit=50&tag=red&tag=blue+green&sort=desc&verbose=true"))
        .and(header("x-request-id", "req-1"))
        .and(header("cookie", "session=s1"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([{"id": "i1", "score": 2}])))
        .expect(1)
        .mount(&server)
        .await;
    let items = Client::with_base_url(&server.uri())
        .list_items("acme/sub unit", 50)
        .tag(["red".to_owned(), "blue green".to_owned()])
        .sort(types::ListItemsSort::Desc)
        .x_request_id("req-1")
        .session("s1")
        .verbose(true)
        .await
        .unwrap();
    assert_eq!(items.len(), 1);
    assert_eq!(items[0].score, Some(2.0));
}

#[tokio::test]
async fn absent_optional_parameters_are_left_out() {
    let server = MockServer::start().await;
    Mock::given(path("/orgs/o/items"))
        .and(query_param("limit", "1"))
        .and(|r: &Request| r.url.query() == Some("limit=1") && !r.headers.contains_key("x-request-id") && !r.headers.contains_key("cookie"))
        .respond_with(ResponseTemplate::new(200).set_body_json(serde_json::json!([])))
        .expect(1)
        .mount(&server)
        .await;
    Client::with_base_url(&server.uri()).list_items("o", 1).await.unwrap();
}

#[test]
fn server_variables_take_their_defaults() {
    assert_eq!(EU_EXAMPLE_COM_V2_SERVER, "https://eu.example.com/v2");
    assert_eq!(Client::new().base_url(), EU_EXAMPLE_COM_V2_SERVER);
}

#[tokio::test]
async fn query_styles_are_honoured() {
    let server = MockServer::start().await;
    Mock::given(path("/search"))
        .and(|r: &Request| {
            r.url.query()
                == Some(
                    "ids=1%2C2%2C3&words=big+red&tags=a%7Cb&filter%5Blimit%5D=5&filter%5Bstate%5D=open&offset=10&size=20\
                     &where=%5B%7B%22field%22%3A%22a%22%2C%22value%22%3A1%7D%5D",
                )
        })
        .respond_with(ResponseTemplate::new(204))
        .expect(1)
        .mount(&server)
        .await;
    let filter = query_styles::types::SearchFilter { state: Some("open".into()), limit: Some(5) };
    let page = query_styles::types::SearchPage { offset: Some(10), size: Some(20) };
    query_styles::Client::with_base_url(&server.uri())
        .search()
        .ids([1, 2, 3])
        .words(vec!["big".to_owned(), "red".to_owned()])
        .tags(["a".to_owned(), "b".to_owned()])
        .filter(filter)
        .page(page)
        .r#where(vec![query_styles::types::SearchWhereItem { field: Some("a".into()), value: Some(1) }])
        .send()
        .await
        .unwrap();
}
