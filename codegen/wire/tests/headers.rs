//! Typed response headers through a generated client (the `response_headers` fixture), against
//! wiremock on 127.0.0.1: decoded by their schemas on successes and documented errors, a
//! malformed or missing required one reported by name, an absent optional one `None`.

use serde_json::json;
use wire_tests::response_headers::{Client, errors, headers, types};
use wire_tests::{Error, HeaderError};
use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

async fn answering(verb: &str, template: ResponseTemplate) -> MockServer {
    let server = MockServer::start().await;
    Mock::given(method(verb)).and(path("/widgets")).respond_with(template).mount(&server).await;
    server
}

fn widgets() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(json!([{"id": 1}]))
}

#[tokio::test]
async fn success_headers_are_parsed_by_their_schemas() {
    let server = answering(
        "GET",
        widgets()
            .insert_header("x-ratelimit-remaining", "41")
            .insert_header("x-ratelimit-reset", "2026-11-25T10:00:00Z")
            .insert_header("link", "<https://example.com/widgets?page=2>; rel=\"next\"")
            .insert_header("x-request-id", "0b9f7c52-6f1e-4c5e-9a53-2b8f0d6f4b1a")
            .insert_header("x-cache", "hit")
            .insert_header("x-widget-ids", "1, 2,3")
            .insert_header("x-debug", "{\"a\": \"b\"}")
            .insert_header("x-undocumented", "kept"),
    )
    .await;
    let answer = Client::with_base_url(&server.uri()).list_widgets().await.unwrap();
    let typed: &headers::ListWidgets = answer.typed_headers();
    assert_eq!(typed.x_rate_limit_remaining, 41);
    assert_eq!(typed.x_rate_limit_reset.map(|t| t.to_rfc3339()).as_deref(), Some("2026-11-25T10:00:00+00:00"));
    assert_eq!(typed.link.as_deref(), Some("<https://example.com/widgets?page=2>; rel=\"next\""));
    assert_eq!(typed.x_request_id.map(|id| id.to_string()).as_deref(), Some("0b9f7c52-6f1e-4c5e-9a53-2b8f0d6f4b1a"));
    assert_eq!(typed.x_cache, Some(types::ListWidgetsOkXCacheHeader::Hit));
    assert_eq!(typed.x_widget_ids, Some(vec![1, 2, 3]));
    assert_eq!(typed.x_debug.as_deref(), Some("{\"a\": \"b\"}"));
    // The raw headers stay at hand, the undocumented ones too.
    assert_eq!(answer.headers()["x-undocumented"], "kept");
    let (items, typed) = answer.into_parts();
    assert_eq!((items, typed.x_rate_limit_remaining), (vec![types::Widget { id: 1, name: None }], 41));
}

#[tokio::test]
async fn absent_optional_headers_are_none() {
    let server = answering("GET", widgets().insert_header("x-ratelimit-remaining", "0")).await;
    let answer = Client::with_base_url(&server.uri()).list_widgets().await.unwrap();
    let typed = answer.typed_headers();
    assert_eq!((typed.x_rate_limit_remaining, typed.link.as_deref(), typed.x_widget_ids.as_ref()), (0, None, None));
}

#[tokio::test]
async fn a_malformed_or_missing_required_header_is_an_error_naming_it() {
    let server = answering("GET", widgets().insert_header("x-ratelimit-remaining", "many")).await;
    let error = Client::with_base_url(&server.uri()).list_widgets().await.unwrap_err();
    let Error::Header { status, source } = &error else { panic!("{error:?}") };
    assert_eq!((status.as_u16(), source.name), (200, "X-RateLimit-Remaining"));
    assert_eq!(error.to_string(), "the 200 OK answer's header `X-RateLimit-Remaining`: `many` is not an integer");

    let server = answering("GET", widgets().insert_header("x-ratelimit-remaining", "1").insert_header("x-request-id", "42")).await;
    let error = Client::with_base_url(&server.uri()).list_widgets().await.unwrap_err();
    let Error::Header { source, .. } = &error else { panic!("{error:?}") };
    assert_eq!(source.name, "X-Request-Id");

    // Enums stay open in headers as in bodies: an unlisted value is kept, not an error.
    let server = answering("GET", widgets().insert_header("x-ratelimit-remaining", "1").insert_header("x-cache", "stale")).await;
    let answer = Client::with_base_url(&server.uri()).list_widgets().await.unwrap();
    assert_eq!(answer.typed_headers().x_cache, Some(types::ListWidgetsOkXCacheHeader::Unknown("stale".into())));

    let server = answering("GET", widgets()).await;
    let error = Client::with_base_url(&server.uri()).list_widgets().await.unwrap_err();
    assert!(
        matches!(&error, Error::Header { source: HeaderError { name: "X-RateLimit-Remaining", reason }, .. } if reason == "missing"),
        "{error:?}"
    );
}

#[tokio::test]
async fn documented_errors_carry_their_headers() {
    let limited = ResponseTemplate::new(429).set_body_json(json!({"detail": "slow down"})).insert_header("retry-after", "30");
    let server = answering("GET", limited).await;
    let error = Client::with_base_url(&server.uri()).list_widgets().await.unwrap_err();
    let Error::Api(answer) = error else { panic!("{error:?}") };
    let errors::ListWidgetsError::TooManyRequests { body, headers } = answer.into_inner() else { panic!("not a 429") };
    assert_eq!((body.detail.as_deref(), headers.retry_after), (Some("slow down"), 30));

    let server = answering("GET", ResponseTemplate::new(503)).await;
    let error = Client::with_base_url(&server.uri()).list_widgets().await.unwrap_err();
    let Error::Api(answer) = error else { panic!("{error:?}") };
    assert_eq!(
        answer.into_inner(),
        errors::ListWidgetsError::ServiceUnavailable { headers: headers::ListWidgetsServiceUnavailable { retry_after: None } }
    );

    let bad = ResponseTemplate::new(429).set_body_json(json!({})).insert_header("retry-after", "soon");
    let server = answering("GET", bad).await;
    let error = Client::with_base_url(&server.uri()).list_widgets().await.unwrap_err();
    assert!(matches!(&error, Error::Header { source: HeaderError { name: "Retry-After", .. }, .. }), "{error:?}");
}

#[tokio::test]
async fn success_headers_merge_over_the_success_answers() {
    // `ETag` is required in both the 200 and the 201; `Location` only in the 201, so optional.
    let existed = ResponseTemplate::new(200).set_body_json(json!({"id": 2})).insert_header("etag", "\"v1\"");
    let server = answering("POST", existed).await;
    let answer = Client::with_base_url(&server.uri()).create_widget(&types::Widget { id: 2, name: None }).await.unwrap();
    assert_eq!(answer.typed_headers(), &headers::CreateWidget { e_tag: "\"v1\"".into(), location: None });
}

#[tokio::test]
async fn a_default_answer_has_its_headers_as_success_and_as_error() {
    let server = MockServer::start().await;
    Mock::given(method("DELETE"))
        .and(path("/widgets/7"))
        .respond_with(ResponseTemplate::new(204).insert_header("x-trace", "t-1"))
        .mount(&server)
        .await;
    Mock::given(method("DELETE"))
        .and(path("/widgets/8"))
        .respond_with(ResponseTemplate::new(500).insert_header("x-trace", "t-2"))
        .mount(&server)
        .await;
    let client = Client::with_base_url(&server.uri());
    assert_eq!(client.delete_widget(7).await.unwrap().typed_headers().x_trace, "t-1");
    let error = client.delete_widget(8).await.unwrap_err();
    let Error::Api(answer) = error else { panic!("{error:?}") };
    assert_eq!(answer.into_inner(), errors::DeleteWidgetError::Default { headers: headers::DeleteWidgetDefault { x_trace: "t-2".into() } });
}
