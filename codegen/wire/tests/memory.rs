//! Memory stays flat while a gigabyte streams down, and while a large upload streams up: every
//! allocation of this test binary (client and in-process server alike) is counted, and the peak
//! of live bytes during the transfer must stay far below the body's size. A test binary of its
//! own, so that no other test's allocations count.

mod raw_http;

use std::alloc::{GlobalAlloc, Layout, System};
use std::sync::OnceLock;
use std::sync::atomic::{AtomicUsize, Ordering};

use bytes::Bytes;
use futures_util::StreamExt;
use serde_json::json;
use tokio::sync::Mutex;
use wire_tests::{Upload, streamed_bodies as files};

struct Counting;

static LIVE: AtomicUsize = AtomicUsize::new(0);
static PEAK: AtomicUsize = AtomicUsize::new(0);

// SAFETY: every call goes to the system allocator unchanged; only sizes are counted.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        // SAFETY: the caller's contract for `alloc` is passed on as is.
        let ptr = unsafe { System.alloc(layout) };
        if !ptr.is_null() {
            let live = LIVE.fetch_add(layout.size(), Ordering::Relaxed) + layout.size();
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        ptr
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        // SAFETY: the caller's contract for `dealloc` is passed on as is.
        unsafe { System.dealloc(ptr, layout) };
        LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        // SAFETY: the caller's contract for `realloc` is passed on as is.
        let new = unsafe { System.realloc(ptr, layout, new_size) };
        if !new.is_null() {
            LIVE.fetch_sub(layout.size(), Ordering::Relaxed);
            let live = LIVE.fetch_add(new_size, Ordering::Relaxed) + new_size;
            PEAK.fetch_max(live, Ordering::Relaxed);
        }
        new
    }
}

#[global_allocator]
static ALLOCATOR: Counting = Counting;

const GIB: u64 = 1 << 30;
const MIB: usize = 1 << 20;
/// The most a transfer may add to the memory in use: a 16th of the body, far above what
/// streaming needs (buffers of a few hundred kilobytes) and far below what buffering would.
const BOUND: usize = 64 * MIB;

/// The generated bodies repeat 0, 1, …, 250: a period that no buffer size divides.
const PERIOD: usize = 251;

/// The byte at `offset` of the generated body.
fn byte_at(offset: u64) -> u8 {
    (offset % PERIOD as u64) as u8
}

/// The generated body from offset 0, one period longer than [`PIECE`].
fn reference() -> &'static [u8] {
    static REFERENCE: OnceLock<Vec<u8>> = OnceLock::new();
    REFERENCE.get_or_init(|| (0..(PIECE + PERIOD) as u64).map(byte_at).collect())
}

/// Compared at a time: 256 periods.
const PIECE: usize = 256 * PERIOD;

/// Whether `data` is the generated body's content from `offset` on (slice by slice: a loop over
/// each byte of a gigabyte is slow in a debug build).
fn is_pattern(offset: u64, data: &[u8]) -> bool {
    data.chunks(PIECE).enumerate().all(|(i, piece)| {
        let start = ((offset + (i * PIECE) as u64) % PERIOD as u64) as usize;
        piece == &reference()[start..start + piece.len()]
    })
}

/// One transfer at a time: the counts are the whole process's.
static SERIAL: Mutex<()> = Mutex::const_new(());

/// Runs `transfer`, returning how far the live bytes rose above where they stood before it.
async fn peak_during<F: std::future::Future<Output = ()>>(transfer: F) -> usize {
    let before = LIVE.load(Ordering::Relaxed);
    PEAK.store(before, Ordering::Relaxed);
    transfer.await;
    PEAK.load(Ordering::Relaxed).saturating_sub(before)
}

/// The process's peak resident memory (`VmHWM`), in MiB, where `/proc` tells it.
fn peak_rss_mib() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let kib: u64 = status.lines().find_map(|l| l.strip_prefix("VmHWM:"))?.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib / 1024)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_one_gigabyte_download_keeps_memory_flat() {
    let _serial = SERIAL.lock().await;
    let (url, mut exchanges) = raw_http::listen().await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        let head = format!("HTTP/1.1 200 OK\r\ncontent-type: application/octet-stream\r\ncontent-length: {GIB}\r\n\r\n");
        ex.write(head.as_bytes()).await;
        // One buffer of whole periods, written again and again: the pattern runs on across writes.
        let block = &reference()[..PIECE];
        let mut sent = 0u64;
        while sent < GIB {
            let n = block.len().min((GIB - sent) as usize);
            ex.write(&block[..n]).await;
            sent += n as u64;
        }
    });
    let client = files::Client::with_base_url(&url);
    let mut received = 0u64;
    let mut wrong_chunks = 0;
    let peak = peak_during(async {
        let mut chunks = client.download_file("big").await.unwrap().into_inner();
        while let Some(chunk) = chunks.next().await {
            let chunk = chunk.unwrap();
            wrong_chunks += usize::from(!is_pattern(received, &chunk));
            received += chunk.len() as u64;
        }
    })
    .await;
    assert_eq!(received, GIB);
    assert_eq!(wrong_chunks, 0);
    eprintln!(
        "1 GiB download: peak allocated {:.2} MiB above the start; process peak RSS {} MiB",
        peak as f64 / MIB as f64,
        peak_rss_mib().map_or_else(|| "?".to_owned(), |m| m.to_string())
    );
    assert!(peak < BOUND, "peak {peak} bytes above the start during a {GIB}-byte download");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_256_megabyte_upload_from_a_stream_keeps_memory_flat() {
    const SIZE: u64 = 256 << 20;
    static RECEIVED: AtomicUsize = AtomicUsize::new(0);
    static WRONG_CHUNKS: AtomicUsize = AtomicUsize::new(0);
    let _serial = SERIAL.lock().await;
    let (url, mut exchanges) = raw_http::listen_with(|_, chunk| {
        let at = RECEIVED.fetch_add(chunk.len(), Ordering::Relaxed) as u64;
        WRONG_CHUNKS.fetch_add(usize::from(!is_pattern(at, chunk)), Ordering::Relaxed);
    })
    .await;
    tokio::spawn(async move {
        let mut ex = exchanges.recv().await.unwrap();
        let answer = json!({"size": RECEIVED.load(Ordering::Relaxed)}).to_string();
        let head = format!("HTTP/1.1 201 Created\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\r\n", answer.len());
        ex.write(head.as_bytes()).await;
        ex.write(answer.as_bytes()).await;
    });
    // Generated as it is sent: 64 KiB at a time, each chunk made when the upload asks for it.
    let pieces = futures_util::stream::iter((0..SIZE).step_by(PIECE)).map(|start| {
        let from = (start % PERIOD as u64) as usize;
        let len = PIECE.min((SIZE - start) as usize);
        Ok::<_, std::io::Error>(Bytes::copy_from_slice(&reference()[from..from + len]))
    });
    let client = files::Client::with_base_url(&url);
    let mut size = 0;
    let peak = peak_during(async {
        size = client.upload_file("big", Upload::from_stream(pieces)).await.unwrap().size;
    })
    .await;
    assert_eq!(size as u64, SIZE);
    assert_eq!(WRONG_CHUNKS.load(Ordering::Relaxed), 0);
    eprintln!("256 MiB upload: peak allocated {:.2} MiB above the start", peak as f64 / MIB as f64);
    assert!(peak < BOUND, "peak {peak} bytes above the start during a {SIZE}-byte upload");
}
