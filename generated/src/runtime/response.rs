//! Answers: the typed success value, the raw answer, and decoding one into the other.

use std::ops::{Deref, DerefMut};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::{HeaderMap, HeaderValue};
use serde::de::DeserializeOwned;

use super::call::BoxFuture;
use super::error::{Error, Failure};
use super::headers::FromHeaders;
use super::idempotency;
use super::tolerant::Tolerant;

/// A decoded answer, with its status and headers still at hand. Derefs to the value.
///
/// `H` holds the headers the spec documents for the answer, typed (a struct of the API's
/// `headers` module), when it documents any.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseValue<T, H = ()> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
    typed_headers: H,
    idempotency_key: Option<HeaderValue>,
}

impl<T> ResponseValue<T> {
    /// An answer, with the idempotency key its request was sent with (see
    /// [`idempotency_key`](ResponseValue::idempotency_key)).
    pub(super) fn new(inner: T, status: StatusCode, headers: HeaderMap, idempotency_key: Option<HeaderValue>) -> Self {
        Self { inner, status, headers, typed_headers: (), idempotency_key }
    }

    /// The same answer with its documented headers read into `H`; a malformed or missing
    /// required header is an [`Error::Header`].
    #[doc(hidden)]
    pub fn with_headers<H: FromHeaders, E>(self) -> Result<ResponseValue<T, H>, Error<E>> {
        let typed_headers = typed(self.status, &self.headers)?;
        Ok(ResponseValue {
            inner: self.inner,
            status: self.status,
            headers: self.headers,
            typed_headers,
            idempotency_key: self.idempotency_key,
        })
    }
}

/// `H` read from the `headers` of an answer of `status`, or the [`Error::Header`] naming the
/// header that is malformed or missing.
fn typed<H: FromHeaders, E>(status: StatusCode, headers: &HeaderMap) -> Result<H, Error<E>> {
    H::from_headers(headers).map_err(|source| Error::Header { status, source })
}

impl<T, H> ResponseValue<T, H> {
    pub fn status(&self) -> StatusCode {
        self.status
    }

    /// Every header of the answer, as received.
    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    /// The headers the spec documents for the answer, parsed by their schemas.
    pub fn typed_headers(&self) -> &H {
        &self.typed_headers
    }

    /// The idempotency key the request was sent with (the same on every attempt), for an
    /// operation that has one: the caller's, or the one the client made up. Log it to find
    /// the call again on the server's side.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_ref().and_then(|key| key.to_str().ok())
    }

    pub fn into_inner(self) -> T {
        self.inner
    }

    /// The value and the documented headers.
    pub fn into_parts(self) -> (T, H) {
        (self.inner, self.typed_headers)
    }

    /// The same answer with its value turned into another.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U, H> {
        ResponseValue {
            inner: f(self.inner),
            status: self.status,
            headers: self.headers,
            typed_headers: self.typed_headers,
            idempotency_key: self.idempotency_key,
        }
    }
}

impl<T, H> Deref for ResponseValue<T, H> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T, H> DerefMut for ResponseValue<T, H> {
    fn deref_mut(&mut self) -> &mut T {
        &mut self.inner
    }
}

/// An answer as received: status, headers and the undecoded body.
#[derive(Debug, Clone, PartialEq)]
pub struct RawResponse {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Bytes,
    idempotency_key: Option<HeaderValue>,
}

impl RawResponse {
    pub fn new(status: StatusCode, headers: HeaderMap, body: Bytes) -> Self {
        Self { status, headers, body, idempotency_key: None }
    }

    /// Reads the whole answer.
    pub(super) fn read(mut response: reqwest::Response) -> BoxFuture<'static, Result<Self, Failure>> {
        Box::pin(async move {
            let status = response.status();
            let idempotency_key = idempotency::sent(&response);
            let headers = std::mem::take(response.headers_mut());
            let body = response.bytes().await?;
            Ok(RawResponse { status, headers, body, idempotency_key })
        })
    }

    /// The idempotency key the request was sent with, as on [`ResponseValue::idempotency_key`]:
    /// an answer of a status the spec does not document tells it too.
    pub fn idempotency_key(&self) -> Option<&str> {
        self.idempotency_key.as_ref().and_then(|key| key.to_str().ok())
    }

    fn decode<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let decoded = serde_json::from_slice(&self.body);
        self.decoded(decoded)
    }

    /// The answer holding `decoded`, or the [`Error::Decode`] that keeps the body.
    fn decoded<T, E>(self, decoded: Result<T, serde_json::Error>) -> Result<ResponseValue<T>, Error<E>> {
        match decoded {
            Ok(inner) => Ok(ResponseValue::new(inner, self.status, self.headers, self.idempotency_key)),
            Err(source) => Err(Error::Decode { status: self.status, body: self.body, source }),
        }
    }

    /// A success with a JSON body.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        self.decode()
    }

    /// A success with a JSON body that is a date-time or an integer, or an array or map of
    /// them, read with the decoding policy's allowances as a struct's fields are.
    pub fn json_lenient<T: Tolerant, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        let mut deserializer = serde_json::Deserializer::from_slice(&self.body);
        let decoded = T::read(&mut deserializer).and_then(|inner| deserializer.end().map(|()| inner));
        self.decoded(decoded)
    }

    /// A success whose JSON body may be empty, as some of the operation's answers have none.
    pub fn json_optional<T: DeserializeOwned, E>(self) -> Result<ResponseValue<Option<T>>, Error<E>> {
        if self.body.is_empty() { self.nothing() } else { self.decode() }
    }

    /// A success documented without a body, for an operation whose other answers have one.
    pub fn nothing<T, E>(self) -> Result<ResponseValue<Option<T>>, Error<E>> {
        self.bytes().map(|answer| answer.map(|_| None))
    }

    /// A success with a text body.
    pub fn text<E>(self) -> Result<ResponseValue<String>, Error<E>> {
        match String::from_utf8(self.body.to_vec()) {
            Ok(inner) => Ok(ResponseValue::new(inner, self.status, self.headers, self.idempotency_key)),
            Err(e) => Err(Error::Text { status: self.status, body: self.body, source: e.utf8_error() }),
        }
    }

    /// A success with a binary body, handed over as received.
    pub fn bytes<E>(self) -> Result<ResponseValue<Bytes>, Error<E>> {
        Ok(ResponseValue::new(self.body, self.status, self.headers, self.idempotency_key))
    }

    /// A success without a body; whatever the server sent is ignored.
    pub fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        self.bytes().map(|answer| answer.map(|_| ()))
    }

    /// A documented error with a JSON body, wrapped in its variant of the operation's error enum.
    pub fn error<T: DeserializeOwned, E, R>(self, variant: impl FnOnce(T) -> E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.decode::<T, E>()?.map(variant))))
    }

    /// A documented error with a text body.
    pub fn error_text<E, R>(self, variant: impl FnOnce(String) -> E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.text::<E>()?.map(variant))))
    }

    /// A documented error with a binary body.
    pub fn error_bytes<E, R>(self, variant: impl FnOnce(Bytes) -> E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.bytes::<E>()?.map(variant))))
    }

    /// A documented error without a body.
    pub fn error_without_body<E, R>(self, variant: E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.bytes::<E>()?.map(|_| variant))))
    }

    /// The headers the spec documents for this answer, for an error variant that holds them.
    pub fn typed_headers<H: FromHeaders, E>(&self) -> Result<H, Error<E>> {
        typed(self.status, &self.headers)
    }

    /// A status the spec does not document for the operation.
    pub fn unexpected<R, E>(self) -> Result<R, Error<E>> {
        Err(Error::UnexpectedStatus(Box::new(self)))
    }
}
