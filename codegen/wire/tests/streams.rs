//! Answers read as they arrive: binary downloads as byte streams and `text/event-stream` answers
//! as typed server-sent events, from a bare server on 127.0.0.1 that writes each piece only when
//! the test says (so an item the client yields before the next piece proves it read
//! incrementally), cuts connections, and stalls; wiremock where a whole answer will do.

mod raw_http;

use std::time::Duration;

use futures_util::StreamExt;
use serde_json::json;
use tokio::sync::oneshot;
use wire_tests::{Error, RetryPolicy, server_sent_events as sse, streamed_bodies as files};
use wiremock::matchers::{header, method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};

#[tokio::test]
async fn events_arrive_one_by_one_typed_with_their_fields() {
    let (url, mut exchanges) = raw_http::listen().await;
    let (next, wait) = oneshot::channel::<()>();
    let server = tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        assert!(ex.head.starts_with("GET /ticks?from=5 "), "{}", ex.head);
        assert!(ex.head.to_ascii_lowercase().contains("accept: text/event-stream, application/json"), "{}", ex.head);
        ex.start_chunked(200, "text/event-stream").await;
        ex.chunk(b": hello\n\nid: 1\nevent: tick\nretry: 1500\ndata: {\"n\": 5}\n\n").await;
        // The next event only once the client has the first: it cannot have read ahead.
        wait.await.unwrap();
        // One event split across chunks, mid-field, with CRLF line ends and a two-line `data`.
        ex.chunk(b"data: {\"n\": 6,\r\n").await;
        ex.chunk(b"data:  \"note\": \"six\"}\r\n\r\n").await;
        ex.chunk(b"event: tick\ndata: {\"n\": 7}\n\n").await;
        ex.finish().await;
    });
    let client = sse::Client::with_base_url(&url);
    let answer = client.watch_ticks().from(5).await.unwrap();
    assert_eq!(answer.status(), 200);
    assert_eq!(answer.headers()["content-type"], "text/event-stream");
    let mut events = answer.into_inner();
    let first = events.next().await.unwrap().unwrap();
    assert_eq!(first.event, "tick");
    assert_eq!(first.data, sse::types::Tick { n: 5, note: None });
    assert_eq!(first.id.as_deref(), Some("1"));
    assert_eq!(first.retry, Some(Duration::from_millis(1500)));
    next.send(()).unwrap();
    let second = events.next().await.unwrap().unwrap();
    assert_eq!((second.event.as_str(), second.data.n, second.data.note.as_deref()), ("message", 6, Some("six")));
    assert_eq!(second.id.as_deref(), Some("1"), "the last event ID carries over");
    assert_eq!(second.retry, None);
    assert_eq!(events.next().await.unwrap().unwrap().data.n, 7);
    assert!(events.next().await.is_none(), "the stream ends when the server closes it");
    assert!(events.next().await.is_none());
    server.await.unwrap();
}

#[tokio::test]
async fn events_without_a_schema_keep_their_data_as_text() {
    let (url, mut exchanges) = raw_http::listen().await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        ex.start_chunked(200, "text/event-stream").await;
        ex.chunk(b"data: GET /index.html\n\ndata: {\"not\": \"parsed\"}\ndata: [DONE]\n\ndata: [DONE]\n\n").await;
        ex.finish().await;
    });
    let events = sse::Client::with_base_url(&url).follow_log().await.unwrap().into_inner();
    let data: Vec<String> = events.map(|e| e.unwrap().data).collect().await;
    assert_eq!(data, ["GET /index.html", "{\"not\": \"parsed\"}\n[DONE]", "[DONE]"], "text is never a marker");
}

#[tokio::test]
async fn data_that_does_not_decode_is_an_error_item_and_done_ends_the_stream() {
    let (url, mut exchanges) = raw_http::listen().await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        ex.start_chunked(200, "text/event-stream").await;
        ex.chunk(b"data: {\"n\": \"one\"}\n\ndata: {\"n\": 2}\n\ndata: [DONE]\n\ndata: {\"n\": 3}\n\n").await;
        ex.finish().await;
    });
    let mut events = sse::Client::with_base_url(&url).watch_ticks().await.unwrap().into_inner();
    match events.next().await.unwrap() {
        Err(Error::Decode { status, body, .. }) => assert_eq!((status.as_u16(), body.as_ref()), (200, &b"{\"n\": \"one\"}"[..])),
        other => panic!("{other:?}"),
    }
    assert_eq!(events.next().await.unwrap().unwrap().data.n, 2, "the stream goes on after a bad event");
    assert!(events.next().await.is_none(), "`[DONE]` ends it; what follows is not read");
}

#[tokio::test]
async fn a_connection_cut_in_the_middle_of_an_event_is_an_error() {
    let (url, mut exchanges) = raw_http::listen().await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        ex.start_chunked(200, "text/event-stream").await;
        ex.chunk(b"data: {\"n\": 1}\n\ndata: {\"n\"").await;
        ex.cut();
    });
    let mut events = sse::Client::with_base_url(&url).watch_ticks().await.unwrap().into_inner();
    assert_eq!(events.next().await.unwrap().unwrap().data.n, 1);
    let err = events.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
    assert!(events.next().await.is_none(), "an error is the last item");
}

#[tokio::test]
async fn a_stream_closed_in_the_middle_of_an_event_is_incomplete() {
    let (url, mut exchanges) = raw_http::listen().await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        ex.start_chunked(200, "text/event-stream").await;
        // The body ends properly, but its last event has no blank line after it.
        ex.chunk(b"data: {\"n\": 1}\n\nid: 2\ndata: {\"n\": 2}\n").await;
        ex.finish().await;
    });
    let mut events = sse::Client::with_base_url(&url).watch_ticks().await.unwrap().into_inner();
    assert_eq!(events.next().await.unwrap().unwrap().data.n, 1);
    let err = events.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Incomplete { status } if status == 200), "{err:?}");
    assert_eq!(err.status().map(|s| s.as_u16()), Some(200));
    assert!(events.next().await.is_none());
}

#[tokio::test]
async fn an_error_status_is_read_whole_and_typed() {
    let server = MockServer::start().await;
    Mock::given(path("/ticks"))
        .respond_with(ResponseTemplate::new(429).set_body_json(json!({"message": "one watcher at a time"})))
        .mount(&server)
        .await;
    let err = sse::Client::with_base_url(&server.uri()).watch_ticks().await.unwrap_err();
    let Error::Api(answer) = err else { panic!("{err:?}") };
    assert!(matches!(answer.into_inner(), sse::errors::WatchTicksError::TooManyRequests(p) if p.message == "one watcher at a time"));
}

#[tokio::test]
async fn a_json_operation_streams_its_events_on_request() {
    let (url, mut exchanges) = raw_http::listen().await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        assert!(ex.head.starts_with("POST /completions "), "{}", ex.head);
        assert!(ex.head.to_ascii_lowercase().contains("accept: text/event-stream, application/json"), "{}", ex.head);
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&ex.body).unwrap(), json!({"prompt": "hi", "stream": true}));
        ex.start_chunked(200, "text/event-stream").await;
        ex.chunk(b"data: {\"delta\": \"Hel\"}\n\ndata: {\"delta\": \"lo\"}\n\ndata: [DONE]\n\n").await;
        ex.finish().await;
    });
    let request = sse::types::CompletionRequest { prompt: "hi".into(), stream: Some(true) };
    let events = sse::Client::with_base_url(&url).complete(&request).events().await.unwrap().into_inner();
    let text: String = events.map(|e| e.unwrap().data.delta).collect().await;
    assert_eq!(text, "Hello");
}

#[tokio::test]
async fn a_json_operation_still_answers_json_when_awaited() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/completions"))
        .and(header("accept", "application/json"))
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"text": "Hello"})))
        .mount(&server)
        .await;
    let request = sse::types::CompletionRequest { prompt: "hi".into(), stream: None };
    let answer = sse::Client::with_base_url(&server.uri()).complete(&request).await.unwrap();
    assert_eq!(answer.text, "Hello");
}

#[tokio::test]
async fn a_download_arrives_chunk_by_chunk() {
    let (url, mut exchanges) = raw_http::listen().await;
    let (next, wait) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        assert!(ex.head.starts_with("GET /files/a%2Fb "), "{}", ex.head);
        ex.write(b"HTTP/1.1 206 Partial Content\r\ncontent-type: application/octet-stream\r\ncontent-length: 6\r\n\r\n").await;
        ex.write(b"\x00\x01\x02").await;
        wait.await.unwrap();
        ex.write(b"\x03\x04\x05").await;
    });
    let download = files::Client::with_base_url(&url).download_file("a/b").await.unwrap();
    assert_eq!(download.status(), 206);
    assert_eq!(download.headers()["content-length"], "6");
    let mut chunks = download.into_inner();
    assert_eq!(chunks.next().await.unwrap().unwrap().as_ref(), [0, 1, 2], "the first chunk before the rest is sent");
    next.send(()).unwrap();
    assert_eq!(chunks.next().await.unwrap().unwrap().as_ref(), [3, 4, 5]);
    assert!(chunks.next().await.is_none());
}

#[tokio::test]
async fn a_download_cut_short_is_an_error() {
    let (url, mut exchanges) = raw_http::listen().await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        ex.write(b"HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: 100\r\n\r\nonly ten..").await;
        ex.cut();
    });
    let download = files::Client::with_base_url(&url).download_file("x").await.unwrap();
    let err = download.into_inner().bytes().await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn a_download_that_stalls_times_out_with_its_own_kind() {
    let (url, mut exchanges) = raw_http::listen().await;
    let (_never, wait) = oneshot::channel::<()>();
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        ex.start_chunked(200, "application/octet-stream").await;
        ex.chunk(b"first").await;
        let _ = wait.await;
    });
    let client = files::Client::with_base_url(&url).with_timeout(Duration::from_millis(300));
    let mut chunks = client.download_file("x").await.unwrap().into_inner();
    assert_eq!(chunks.next().await.unwrap().unwrap().as_ref(), b"first");
    let err = chunks.next().await.unwrap().unwrap_err();
    assert!(matches!(err, Error::Timeout(_)), "{err:?}");
}

#[tokio::test]
async fn downloads_collect_whole_and_errors_are_typed() {
    let server = MockServer::start().await;
    Mock::given(path("/files/here"))
        .respond_with(ResponseTemplate::new(200).set_body_raw(vec![7u8; 100_000], "application/octet-stream"))
        .mount(&server)
        .await;
    Mock::given(path("/files/gone"))
        .respond_with(ResponseTemplate::new(404).set_body_json(json!({"message": "gone"})))
        .mount(&server)
        .await;
    let client = files::Client::with_base_url(&server.uri());
    let whole = client.download_file("here").await.unwrap().into_inner().bytes().await.unwrap();
    assert_eq!(whole, vec![7u8; 100_000]);
    let err = client.download_file("gone").await.unwrap_err();
    let Error::Api(answer) = err else { panic!("{err:?}") };
    assert!(matches!(answer.into_inner(), files::errors::DownloadFileError::NotFound(p) if p.message == "gone"));
}

#[tokio::test]
async fn any_media_type_downloads_as_bytes_and_a_default_error_is_read_whole() {
    let server = MockServer::start().await;
    Mock::given(path("/export"))
        .and(header("accept", "*/*"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("a,b\n1,2\n", "text/csv"))
        .up_to_n_times(1)
        .mount(&server)
        .await;
    Mock::given(path("/export")).respond_with(ResponseTemplate::new(500).set_body_string("disk full")).mount(&server).await;
    let client = files::Client::with_base_url(&server.uri());
    let csv = client.export().await.unwrap();
    assert_eq!(csv.headers()["content-type"], "text/csv");
    assert_eq!(csv.into_inner().bytes().await.unwrap().as_ref(), b"a,b\n1,2\n");
    let err = client.export().await.unwrap_err();
    let Error::Api(answer) = err else { panic!("{err:?}") };
    assert_eq!(answer.status(), 500);
    assert!(matches!(answer.into_inner(), files::errors::ExportError::Default(body) if body.as_ref() == b"disk full"));
}

#[tokio::test]
async fn a_download_is_retried_before_its_body_streams() {
    let server = MockServer::start().await;
    Mock::given(path("/files/x")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(&server).await;
    Mock::given(path("/files/x"))
        .respond_with(ResponseTemplate::new(200).set_body_raw("content", "application/octet-stream"))
        .mount(&server)
        .await;
    let client = files::Client::with_base_url(&server.uri()).with_retry(RetryPolicy::default().initial_backoff(Duration::from_millis(10)));
    let body = client.download_file("x").await.unwrap().into_inner().bytes().await.unwrap();
    assert_eq!(body.as_ref(), b"content");
    assert_eq!(server.received_requests().await.unwrap().len(), 2);
}

#[tokio::test]
async fn events_stream_only_the_answers_documented_as_events() {
    let server = MockServer::start().await;
    Mock::given(path("/jobs/running"))
        .and(header("accept", "text/event-stream"))
        .respond_with(
            ResponseTemplate::new(200).set_body_raw("data: {\"percent\": 40}\n\ndata: {\"percent\": 100}\n\n", "text/event-stream"),
        )
        .mount(&server)
        .await;
    Mock::given(path("/jobs/queued"))
        .respond_with(ResponseTemplate::new(202).set_body_json(json!({"message": "queued"})))
        .mount(&server)
        .await;
    let client = sse::Client::with_base_url(&server.uri());
    let events = client.watch_job("running").events().await.unwrap().into_inner();
    let percents: Vec<i64> = events.map(|e| e.unwrap().data.percent).collect().await;
    assert_eq!(percents, [40, 100]);
    // `202` is documented as JSON only: not an event stream, so `events()` hands it back whole.
    let err = client.watch_job("queued").events().await.unwrap_err();
    assert!(
        matches!(&err, Error::UnexpectedStatus(raw) if raw.status == 202 && raw.body.as_ref() == b"{\"message\":\"queued\"}"),
        "{err:?}"
    );
    // Awaited, the operation reads its answers whole, as JSON.
    let queued = client.watch_job("queued").await.unwrap();
    assert_eq!(queued.into_inner(), json!({"message": "queued"}));
}
