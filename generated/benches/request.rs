//! One request through the generated Clemta client against a local server, beside a
//! hand-written reqwest call doing the same (method, headers, JSON body, status check, typed
//! decode): `cargo bench -p generated`. The generated client should cost no more.

use std::net::SocketAddr;

use criterion::{Criterion, criterion_group, criterion_main};
use generated::clemta::{Client, types};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

const ANSWER: &str = r#"{"success":true,"message":"Contact updated successfully","data":{"id":"64b8f1a2e4b0c8d9f0123456","created_at":1686787200,"updated_at":1686787300,"type":"customer","status":"active","full_name":"John Doe Updated","email":"john.doe.updated@example.com","cc_emails":["billing@example.com"],"billing":{"address_1":"456 Updated St","country":"United States"}}}"#;

/// A minimal keep-alive HTTP/1.1 server on 127.0.0.1 that answers every request with `ANSWER`.
async fn serve() -> SocketAddr {
    let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind");
    let addr = listener.local_addr().expect("address");
    tokio::spawn(async move {
        while let Ok((mut socket, _)) = listener.accept().await {
            tokio::spawn(async move {
                let response =
                    format!("HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n{ANSWER}", ANSWER.len());
                let mut buffer = Vec::with_capacity(4096);
                let mut chunk = [0u8; 4096];
                loop {
                    let Ok(n) = socket.read(&mut chunk).await else { return };
                    if n == 0 {
                        return;
                    }
                    buffer.extend_from_slice(&chunk[..n]);
                    // One whole request: headers, then as many body bytes as they announce.
                    while let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
                        let head = String::from_utf8_lossy(&buffer[..end]).to_ascii_lowercase();
                        let length = head
                            .lines()
                            .find_map(|l| l.strip_prefix("content-length:"))
                            .and_then(|v| v.trim().parse::<usize>().ok())
                            .unwrap_or(0);
                        if buffer.len() < end + 4 + length {
                            break;
                        }
                        buffer.drain(..end + 4 + length);
                        if socket.write_all(response.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                }
            });
        }
    });
    addr
}

fn body() -> types::UpdateContactRequest {
    types::UpdateContactRequest {
        r#type: types::ContactType::Customer,
        status: Some("active".into()),
        full_name: "John Doe Updated".into(),
        email: "john.doe.updated@example.com".into(),
        description: None,
        cc_emails: Some(vec!["billing@example.com".into()]),
        bcc_emails: None,
        billing: None,
        company_id: "64b8f1a2e4b0c8d9f0123456".into(),
    }
}

/// What a careful person would write by hand with reqwest for the same call.
async fn by_hand(http: &reqwest::Client, base: &str, body: &types::UpdateContactRequest) -> types::ContactUpdateResponse {
    let response = http
        .patch(format!("{base}/contacts/64b8f1a2e4b0c8d9f0123456"))
        .header("X-API-Key", "key")
        .header(reqwest::header::ACCEPT, "application/json")
        .json(body)
        .send()
        .await
        .expect("sent");
    assert_eq!(response.status(), 200);
    let bytes = response.bytes().await.expect("read");
    serde_json::from_slice(&bytes).expect("decoded")
}

fn request(c: &mut Criterion) {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("runtime");
    let addr = runtime.block_on(serve());
    let base = format!("http://{addr}");
    let body = body();
    let http = reqwest::Client::new();
    let client = Client::with_base_url(&base).with_http_client(http.clone()).with_api_key_auth("key");

    let mut group = c.benchmark_group("update_contact");
    group.bench_function("generated", |b| {
        b.iter(|| runtime.block_on(async { client.update_contact("64b8f1a2e4b0c8d9f0123456", &body).await.expect("ok") }))
    });
    group.bench_function("hand_written", |b| b.iter(|| runtime.block_on(by_hand(&http, &base, &body))));
    group.finish();
}

criterion_group!(benches, request);
criterion_main!(benches);
