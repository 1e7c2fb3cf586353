//! A binary answer read as it arrives, so that downloading a large body keeps memory flat.

use std::fmt;
use std::marker::PhantomData;
use std::pin::Pin;
use std::task::{Context, Poll};

use bytes::{Bytes, BytesMut};
use futures_core::Stream;

use super::call::BoxStream;
use super::error::Error;

/// The body of a binary answer (`application/octet-stream`, `image/png`, `*/*`…) as a
/// [`Stream`] of chunks, read from the connection only as they are asked for: what an
/// operation with a binary success answer returns. `E` is the operation's error enum, so a
/// failed chunk is the same [`Error`] as a failed call.
///
/// Write the chunks somewhere as they come, or collect them with [`ByteStream::bytes`].
/// A connection cut before the end is an `Err` item ([`Error::Transport`]); the client's
/// timeout, if it has one, covers the reading too ([`Error::Timeout`]).
///
/// ```no_run
/// # async fn demo(download: generated::ByteStream<()>) -> Result<(), Box<dyn std::error::Error>> {
/// use futures_util::StreamExt;
/// use tokio::io::AsyncWriteExt;
///
/// let mut file = tokio::fs::File::create("video.mp4").await?;
/// let mut chunks = download;
/// while let Some(chunk) = chunks.next().await {
///     file.write_all(&chunk?).await?;
/// }
/// # Ok(()) }
/// ```
#[must_use = "a download reads nothing until its stream is polled"]
pub struct ByteStream<E> {
    chunks: BoxStream<reqwest::Result<Bytes>>,
    /// The answer's `Content-Length`, if it gave one.
    length: Option<u64>,
    error: PhantomData<fn() -> E>,
}

/// The most [`ByteStream::bytes`] reserves up front, whatever length the answer announces.
const RESERVE_AT_MOST: u64 = 64 << 20;

impl<E> ByteStream<E> {
    /// The body of `response`, unread.
    #[doc(hidden)]
    pub fn open(response: reqwest::Response) -> Self {
        Self {
            length: response.content_length(),
            chunks: Box::pin(response.bytes_stream()),
            error: PhantomData,
        }
    }

    /// Reads the whole body into memory.
    pub async fn bytes(mut self) -> Result<Bytes, Error<E>> {
        // Room for the announced length at once, so the buffer is not copied as it grows.
        let mut whole = BytesMut::with_capacity(self.length.unwrap_or(0).min(RESERVE_AT_MOST) as usize);
        while let Some(chunk) = std::future::poll_fn(|cx| self.chunks.as_mut().poll_next(cx)).await {
            whole.extend_from_slice(&chunk?);
        }
        Ok(whole.freeze())
    }
}

impl<E> Stream for ByteStream<E> {
    type Item = Result<Bytes, Error<E>>;

    fn poll_next(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Option<Self::Item>> {
        self.chunks.as_mut().poll_next(cx).map(|chunk| chunk.map(|chunk| chunk.map_err(Error::from)))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.chunks.size_hint()
    }
}

impl<E> fmt::Debug for ByteStream<E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ByteStream").finish_non_exhaustive()
    }
}
