//! A bare HTTP/1.1 server on 127.0.0.1 for what wiremock cannot serve: answers written piece by
//! piece as the test decides, bodies cut in the middle, and bodies too large to hold. The test
//! gets each connection with its request read, and writes the answer itself.

#![allow(dead_code, reason = "each test binary uses the part it needs")]

use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::mpsc;

/// A request, read, with the connection to answer it on.
pub struct Exchange {
    /// The request line and headers, as sent.
    pub head: String,
    /// The body: by `Content-Length`, or every chunk of a chunked one.
    pub body: Vec<u8>,
    socket: BufReader<TcpStream>,
}

/// Listens on a free port: the base URL, and each connection's first request as it comes.
pub async fn listen() -> (String, mpsc::Receiver<Exchange>) {
    listen_with(|_: &str, _: &[u8]| ()).await
}

/// As [`listen`], handing each chunk of a chunked request body to `sink` instead of keeping it
/// (so that a large upload is not held by the server either).
pub async fn listen_with<F>(sink: F) -> (String, mpsc::Receiver<Exchange>)
where
    F: Fn(&str, &[u8]) + Send + Sync + Copy + 'static,
{
    let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    let (sender, receiver) = mpsc::channel(4);
    tokio::spawn(async move {
        while let Ok((socket, _)) = listener.accept().await {
            let sender = sender.clone();
            tokio::spawn(async move {
                if let Some(exchange) = Exchange::read(socket, sink).await {
                    let _ = sender.send(exchange).await;
                }
            });
        }
    });
    (url, receiver)
}

impl Exchange {
    async fn read<F: Fn(&str, &[u8])>(socket: TcpStream, sink: F) -> Option<Self> {
        let mut socket = BufReader::new(socket);
        let mut head = String::new();
        loop {
            let mut line = String::new();
            if socket.read_line(&mut line).await.ok()? == 0 {
                return None;
            }
            head.push_str(&line);
            if line == "\r\n" {
                break;
            }
        }
        let header = |name: &str| {
            head.lines().find_map(|l| {
                let (key, value) = l.split_once(':')?;
                key.eq_ignore_ascii_case(name).then(|| value.trim().to_owned())
            })
        };
        let mut body = Vec::new();
        if let Some(length) = header("content-length") {
            body.resize(length.parse().ok()?, 0);
            socket.read_exact(&mut body).await.ok()?;
        } else if header("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
            let mut chunk = Vec::new();
            loop {
                let mut size = String::new();
                socket.read_line(&mut size).await.ok()?;
                let size = usize::from_str_radix(size.trim(), 16).ok()?;
                chunk.resize(size + 2, 0);
                socket.read_exact(&mut chunk).await.ok()?;
                if size == 0 {
                    break;
                }
                sink(&head, &chunk[..size]);
                if body.len() < 1 << 20 {
                    body.extend_from_slice(&chunk[..size]);
                }
            }
        }
        Some(Self { head, body, socket })
    }

    /// Writes raw bytes and sends them now.
    pub async fn write(&mut self, bytes: &[u8]) {
        self.socket.get_mut().write_all(bytes).await.unwrap();
        self.socket.get_mut().flush().await.unwrap();
    }

    /// The status line and headers of a chunked answer.
    pub async fn start_chunked(&mut self, status: u16, content_type: &str) {
        let head = format!("HTTP/1.1 {status} OK\r\ncontent-type: {content_type}\r\ntransfer-encoding: chunked\r\n\r\n");
        self.write(head.as_bytes()).await;
    }

    /// One chunk of a chunked answer, sent now.
    pub async fn chunk(&mut self, bytes: &[u8]) {
        let mut framed = format!("{:x}\r\n", bytes.len()).into_bytes();
        framed.extend_from_slice(bytes);
        framed.extend_from_slice(b"\r\n");
        self.write(&framed).await;
    }

    /// The end of a chunked answer.
    pub async fn finish(&mut self) {
        self.write(b"0\r\n\r\n").await;
    }

    /// Closes the connection at once, whatever the answer's state.
    pub fn cut(self) {
        drop(self.socket);
    }
}
