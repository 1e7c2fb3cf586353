//! Answers: the typed success value, the raw answer, and decoding one into the other.

use std::ops::{Deref, DerefMut};

use bytes::Bytes;
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::de::DeserializeOwned;

use super::de::from_value;
use super::error::Error;

/// A decoded answer, with its status and headers still at hand. Derefs to the value.
#[derive(Debug, Clone, PartialEq)]
pub struct ResponseValue<T> {
    inner: T,
    status: StatusCode,
    headers: HeaderMap,
}

impl<T> ResponseValue<T> {
    pub fn status(&self) -> StatusCode {
        self.status
    }

    pub fn headers(&self) -> &HeaderMap {
        &self.headers
    }

    pub fn into_inner(self) -> T {
        self.inner
    }

    /// The same answer with its value turned into another.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> ResponseValue<U> {
        ResponseValue { inner: f(self.inner), status: self.status, headers: self.headers }
    }
}

impl<T> Deref for ResponseValue<T> {
    type Target = T;

    fn deref(&self) -> &T {
        &self.inner
    }
}

impl<T> DerefMut for ResponseValue<T> {
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
}

impl RawResponse {
    fn decode<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        // Through a JSON value, which every generated struct reads itself from anyway, and which
        // `from_value` reads strictly (numbers beyond an `f32`'s range are refused).
        match serde_json::from_slice(&self.body).and_then(from_value) {
            Ok(inner) => Ok(ResponseValue { inner, status: self.status, headers: self.headers }),
            Err(source) => Err(Error::Decode { status: self.status, body: self.body, source }),
        }
    }

    /// A success with a JSON body.
    pub fn json<T: DeserializeOwned, E>(self) -> Result<ResponseValue<T>, Error<E>> {
        self.decode()
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
            Ok(inner) => Ok(ResponseValue { inner, status: self.status, headers: self.headers }),
            Err(e) => Err(Error::Text { status: self.status, body: self.body, source: e.utf8_error() }),
        }
    }

    /// A success with a binary body, handed over as received.
    pub fn bytes<E>(self) -> Result<ResponseValue<Bytes>, Error<E>> {
        Ok(ResponseValue { inner: self.body, status: self.status, headers: self.headers })
    }

    /// A success without a body; whatever the server sent is ignored.
    pub fn empty<E>(self) -> Result<ResponseValue<()>, Error<E>> {
        self.bytes().map(|answer| answer.map(|_| ()))
    }

    /// A documented error with a JSON body, wrapped in its variant of the operation's error enum.
    pub fn error<T: DeserializeOwned, E, R>(self, variant: fn(T) -> E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.decode::<T, E>()?.map(variant))))
    }

    /// A documented error with a text body.
    pub fn error_text<E, R>(self, variant: fn(String) -> E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.text::<E>()?.map(variant))))
    }

    /// A documented error with a binary body.
    pub fn error_bytes<E, R>(self, variant: fn(Bytes) -> E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.bytes::<E>()?.map(variant))))
    }

    /// A documented error without a body.
    pub fn error_without_body<E, R>(self, variant: E) -> Result<R, Error<E>> {
        Err(Error::Api(Box::new(self.bytes::<E>()?.map(|_| variant))))
    }

    /// A status the spec does not document for the operation.
    pub fn unexpected<R, E>(self) -> Result<R, Error<E>> {
        Err(Error::UnexpectedStatus(Box::new(self)))
    }
}
