//! The future of one call: what a builder's `send()` returns and what awaiting a builder gives.
//!
//! Generated code builds the request synchronously and hands it here with a plain function
//! that reads the answer, so no operation has an `async` body of its own: the one future below
//! is written, type-checked and proved `Send` once for every operation.

use std::fmt;
use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use reqwest_middleware::RequestBuilder;

use super::core::ClientCore;
use super::error::{Error, Refused};
use super::headers::FromHeaders;
use super::idempotency;
use super::operation::Operation;
use super::response::{RawResponse, ResponseValue};

/// A boxed future that can move between threads.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// A boxed stream that can move between threads.
pub(crate) type BoxStream<T> = Pin<Box<dyn futures_core::Stream<Item = T> + Send>>;

/// How an operation reads its answer: a function of the generated code, per operation.
pub type Read<T, E, H = ()> = fn(RawResponse) -> Result<ResponseValue<T, H>, Error<E>>;

/// A request on its way: sent when first polled, its answer read into the operation's success
/// value or error. It is `Send`, so it can be awaited inside `tokio::spawn`.
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<'a, T, E, H = ()> {
    pub(super) inner: BoxFuture<'a, Result<ResponseValue<T, H>, Error<E>>>,
}

/// The call of `op` that sends `request` through `core` and reads the answer with `read`; a
/// request that could not be made (no credentials, a dot segment) fails when awaited, with
/// nothing sent.
///
/// The generated code's constructors (this one, `streamed_call`, `pages`, `members`,
/// `struct_encoder`) are free functions: a path through a generic type, `Call::new`, has the
/// borrow checker prove the impl's bounds once more at each call site, which cost 0.7 % of
/// nexus's `cargo check` (instructions, cachegrind).
#[doc(hidden)]
pub fn call<'a, T: Send + 'a, E: fmt::Debug + Send + 'a, H: Send + 'a>(
    core: &'a ClientCore,
    op: Operation,
    request: Result<RequestBuilder, Refused>,
    read: Read<T, E, H>,
) -> Call<'a, T, E, H> {
    Call::boxed(op, async move {
        let response = core.execute(op, request?).await?;
        read(RawResponse::read(response).await?)
    })
}

/// The call of an operation whose success answers are streamed: an answer whose status
/// `streams` accepts is handed to `open` with its body unread (a [`ByteStream`] or an
/// [`EventStream`]); any other is read whole and then by `read`, as `call` does.
///
/// [`ByteStream`]: super::ByteStream
/// [`EventStream`]: super::EventStream
#[doc(hidden)]
pub fn streamed_call<'a, T: Send + 'a, E: fmt::Debug + Send + 'a, H: FromHeaders + Send + 'a>(
    core: &'a ClientCore,
    op: Operation,
    request: Result<RequestBuilder, Refused>,
    streams: fn(u16) -> bool,
    open: fn(reqwest::Response) -> T,
    read: Read<T, E, H>,
) -> Call<'a, T, E, H> {
    Call::boxed(op, async move {
        let mut response = core.execute(op, request?).await?;
        let status = response.status();
        if streams(status.as_u16()) {
            let key = idempotency::sent(&response);
            let headers = std::mem::take(response.headers_mut());
            ResponseValue::new(open(response), status, headers, key).with_headers()
        } else {
            read(RawResponse::read(response).await?)
        }
    })
}

impl<'a, T: Send + 'a, E: fmt::Debug + Send + 'a, H: Send + 'a> Call<'a, T, E, H> {
    /// The call's future, boxed; with the `tracing` feature, inside the call's span. Without
    /// it nothing is added, so the generic code each operation instantiates stays as small.
    fn boxed(op: Operation, call: impl Future<Output = Result<ResponseValue<T, H>, Error<E>>> + Send + 'a) -> Self {
        #[cfg(feature = "tracing")]
        let call = super::trace::watched(op, call);
        #[cfg(not(feature = "tracing"))]
        let _ = op;
        Self { inner: Box::pin(call) }
    }
}

impl<T, E, H> Future for Call<'_, T, E, H> {
    type Output = Result<ResponseValue<T, H>, Error<E>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.as_mut().poll(cx)
    }
}

impl<T, E, H> fmt::Debug for Call<'_, T, E, H> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").finish_non_exhaustive()
    }
}
