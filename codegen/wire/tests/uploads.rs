//! Uploads from memory, a file or a stream, as binary bodies and multipart file parts, checked
//! byte for byte by wiremock; and which of them a retry policy may send again.

use std::time::Duration;

use bytes::Bytes;
use serde_json::json;
use wire_tests::{Error, RetryPolicy, Upload, streamed_bodies as files};
use wiremock::matchers::{body_bytes, header, method, path};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

/// `count` bytes of a pattern that does not repeat every chunk.
fn pattern(count: usize) -> Vec<u8> {
    (0..count).map(|i| (i * 7 % 251) as u8).collect()
}

/// The pattern in chunks of `size`, as a stream.
fn chunks(data: &[u8], size: usize) -> impl futures_util::Stream<Item = Result<Bytes, std::io::Error>> + Send + 'static {
    let pieces: Vec<Result<Bytes, std::io::Error>> = data.chunks(size).map(|c| Ok(Bytes::copy_from_slice(c))).collect();
    futures_util::stream::iter(pieces)
}

async fn stored(server: &MockServer, expected: Vec<u8>) {
    Mock::given(method("PUT"))
        .and(path("/files/doc"))
        .and(header("content-type", "application/octet-stream"))
        .and(body_bytes(expected))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"size": 1})))
        .expect(1)
        .mount(server)
        .await;
}

#[tokio::test]
async fn a_binary_body_from_a_stream_arrives_whole() {
    let server = MockServer::start().await;
    let data = pattern(300_000);
    stored(&server, data.clone()).await;
    let client = files::Client::with_base_url(&server.uri());
    client.upload_file("doc", Upload::from_stream(chunks(&data, 10_000))).await.unwrap();
    let request = &server.received_requests().await.unwrap()[0];
    assert_eq!(request.headers["transfer-encoding"], "chunked", "sent as it is read");
}

#[tokio::test]
async fn a_binary_body_from_a_file_arrives_whole() {
    let server = MockServer::start().await;
    let data = pattern(1 << 20);
    stored(&server, data.clone()).await;
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("upload.bin");
    std::fs::write(&file, &data).unwrap();
    let upload = Upload::from_file(tokio::fs::File::open(&file).await.unwrap());
    files::Client::with_base_url(&server.uri()).upload_file("doc", upload).await.unwrap();
}

#[tokio::test]
async fn a_binary_body_from_memory_converts() {
    let server = MockServer::start().await;
    stored(&server, b"in memory".to_vec()).await;
    files::Client::with_base_url(&server.uri()).upload_file("doc", "in memory").await.unwrap();
}

#[tokio::test]
async fn a_failing_stream_fails_the_call() {
    let server = MockServer::start().await;
    Mock::given(path("/files/doc")).respond_with(ResponseTemplate::new(201).set_body_json(json!({"size": 1}))).mount(&server).await;
    let failing = futures_util::stream::iter([Ok(Bytes::from_static(b"start")), Err(std::io::Error::other("disk gone"))]);
    let err = files::Client::with_base_url(&server.uri()).upload_file("doc", Upload::from_stream(failing)).await.unwrap_err();
    assert!(matches!(err, Error::Transport(_)), "{err:?}");
}

#[tokio::test]
async fn multipart_file_parts_come_from_streams_and_lists() {
    let server = MockServer::start().await;
    Mock::given(method("POST"))
        .and(path("/attachments"))
        .and(|r: &Request| {
            let body = String::from_utf8_lossy(&r.body);
            body.contains("name=\"file\"; filename=\"scan.pdf\"\r\nContent-Type: application/octet-stream\r\n\r\n%PDF-streamed\r\n")
                && body.contains("name=\"pages\"; filename=\"pages\"\r\nContent-Type: application/octet-stream\r\n\r\npage one\r\n")
                && body.contains("name=\"pages\"; filename=\"p2.png\"\r\nContent-Type: application/octet-stream\r\n\r\npage two\r\n")
                && body.contains("name=\"note\"\r\n\r\nsigned\r\n")
        })
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"size": 3})))
        .expect(1)
        .mount(&server)
        .await;
    let body = files::types::AttachBody {
        file: Upload::from_stream(chunks(b"%PDF-streamed", 4)).file_name("scan.pdf"),
        pages: Some(vec!["page one".into(), Upload::from(b"page two".to_vec()).file_name("p2.png")]),
        note: Some("signed".into()),
    };
    let stored = files::Client::with_base_url(&server.uri()).attach(body).await.unwrap();
    assert_eq!(stored.size, 3);
}

#[tokio::test]
async fn a_multipart_struct_used_elsewhere_keeps_its_bytes() {
    let server = MockServer::start().await;
    Mock::given(path("/documents"))
        .and(|r: &Request| {
            String::from_utf8_lossy(&r.body)
                .contains("name=\"content\"; filename=\"content\"\r\nContent-Type: application/octet-stream\r\n\r\nabc\r\n")
        })
        .respond_with(ResponseTemplate::new(200).set_body_json(json!({"content": [1, 2], "title": "t"})))
        .expect(1)
        .mount(&server)
        .await;
    let document = files::types::Document { content: b"abc".to_vec(), title: None };
    let answer = files::Client::with_base_url(&server.uri()).create_document(document).await.unwrap();
    assert_eq!(answer.content, [1, 2]);
}

/// A PUT answered `503` once: whether the client tries again depends on its body.
async fn unavailable_once(server: &MockServer) {
    Mock::given(path("/files/doc")).respond_with(ResponseTemplate::new(503)).up_to_n_times(1).mount(server).await;
    Mock::given(path("/files/doc")).respond_with(ResponseTemplate::new(201).set_body_json(json!({"size": 4}))).mount(server).await;
}

#[tokio::test]
async fn a_body_in_memory_is_retried_a_stream_is_sent_once() {
    let policy = RetryPolicy::default().initial_backoff(Duration::from_millis(10));
    let server = MockServer::start().await;
    unavailable_once(&server).await;
    let client = files::Client::with_base_url(&server.uri()).with_retry(policy.clone());
    assert_eq!(client.upload_file("doc", b"data".to_vec()).await.unwrap().size, 4);
    let requests = server.received_requests().await.unwrap();
    assert_eq!(requests.len(), 2);
    assert!(requests.iter().all(|r| r.body == b"data"), "the same bytes each time");

    let server = MockServer::start().await;
    unavailable_once(&server).await;
    let client = files::Client::with_base_url(&server.uri()).with_retry(policy);
    let err = client.upload_file("doc", Upload::from_stream(chunks(b"data", 2))).await.unwrap_err();
    assert_eq!(err.status().map(|s| s.as_u16()), Some(503), "a stream cannot be read twice: its answer is returned");
    assert_eq!(server.received_requests().await.unwrap().len(), 1);
}

#[tokio::test]
async fn a_cloned_builder_sends_a_stream_only_once() {
    let server = MockServer::start().await;
    Mock::given(path("/files/doc"))
        .and(body_bytes(b"once".to_vec()))
        .respond_with(ResponseTemplate::new(201).set_body_json(json!({"size": 4})))
        .expect(1)
        .mount(&server)
        .await;
    let client = files::Client::with_base_url(&server.uri());
    let builder = client.upload_file("doc", Upload::from_stream(chunks(b"once", 2)));
    let again = builder.clone();
    assert_eq!(builder.await.unwrap().size, 4);
    let err = again.await.unwrap_err();
    let Error::Transport(e) = &err else { panic!("{err:?}") };
    let mut source: Option<&dyn std::error::Error> = Some(e);
    let mut chain = Vec::new();
    while let Some(e) = source {
        chain.push(e.to_string());
        source = e.source();
    }
    assert!(chain.iter().any(|m| m.contains("sent already")), "{chain:?}");
}
