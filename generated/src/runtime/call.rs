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
use super::response::{RawResponse, ResponseValue};

/// A boxed future that can move between threads.
pub type BoxFuture<'a, T> = Pin<Box<dyn Future<Output = T> + Send + 'a>>;

/// How an operation reads its answer: a function of the generated code, per operation.
pub type Read<T, E> = fn(RawResponse) -> Result<ResponseValue<T>, Error<E>>;

/// A request on its way: sent when first polled, its answer read into the operation's success
/// value or error. It is `Send`, so it can be awaited inside `tokio::spawn`.
#[must_use = "a call sends nothing until it is awaited"]
pub struct Call<'a, T, E> {
    pub(super) inner: BoxFuture<'a, Result<ResponseValue<T>, Error<E>>>,
}

impl<'a, T: Send + 'a, E: Send + 'a> Call<'a, T, E> {
    /// The call that sends `request` through `core` and reads the answer with `read`; a request
    /// that could not be made (no credentials, a dot segment) fails when awaited, with nothing
    /// sent.
    #[doc(hidden)]
    pub fn new(core: &'a ClientCore, request: Result<RequestBuilder, Refused>, read: Read<T, E>) -> Self {
        Self {
            inner: Box::pin(async move {
                let response = core.send(request?).await?;
                read(response)
            }),
        }
    }
}

impl<T, E> Future for Call<'_, T, E> {
    type Output = Result<ResponseValue<T>, Error<E>>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        self.inner.as_mut().poll(cx)
    }
}

impl<T, E> fmt::Debug for Call<'_, T, E> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Call").finish_non_exhaustive()
    }
}
