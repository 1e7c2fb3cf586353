//! The error of a generated operation: a documented error answer, or one of the ways a call fails.

use bytes::Bytes;
use reqwest::StatusCode;

use super::auth::Scheme;
use super::headers::HeaderError;
use super::oauth::SignInError;
use super::response::{RawResponse, ResponseValue};

/// Why an operation did not return its success value. `E` is the operation's own enum of
/// documented error answers, e.g. `clemta::errors::UpdateContactError`.
#[derive(Debug, thiserror::Error)]
pub enum Error<E> {
    /// The server answered with a status the spec documents as an error; the body is typed.
    #[error("the server answered {}, a documented error", .0.status())]
    Api(Box<ResponseValue<E>>),
    /// The server answered with a status the spec does not document for this operation.
    #[error("the server answered {}, which the spec does not document", .0.status)]
    UnexpectedStatus(Box<RawResponse>),
    /// The answer's status is documented but its body does not decode into the documented type.
    #[error("the {status} answer's body does not match the spec: {source}")]
    Decode {
        status: StatusCode,
        /// The body as received.
        body: Bytes,
        source: serde_json::Error,
    },
    /// The answer's status is documented with a text body, but the body is not UTF-8.
    #[error("the {status} answer's body is not UTF-8 text: {source}")]
    Text {
        status: StatusCode,
        /// The body as received.
        body: Bytes,
        source: std::str::Utf8Error,
    },
    /// The answer's status is documented, but a header it documents is missing or malformed.
    #[error("the {status} answer's {source}")]
    Header { status: StatusCode, source: HeaderError },
    /// A streamed answer ended in the middle of a server-sent event: the server closed the
    /// stream before the blank line that finishes an event.
    #[error("the {status} answer's event stream ended in the middle of an event")]
    Incomplete { status: StatusCode },
    /// The request could not be built or sent, or the answer could not be read.
    #[error("the request failed: {0}")]
    Transport(reqwest::Error),
    /// No answer came within the client's timeout.
    #[error("the request timed out: {0}")]
    Timeout(reqwest::Error),
    /// A middleware the client was given failed the request.
    #[error("a middleware failed the request: {0}")]
    Middleware(anyhow::Error),
    /// No credentials were configured for any security scheme this operation accepts.
    #[error(transparent)]
    MissingCredentials(#[from] MissingCredentials),
    /// A path parameter is `.` or `..`, which cannot be sent as a path segment. Nothing was sent.
    #[error(transparent)]
    InvalidPath(#[from] InvalidPath),
    /// The client's OAuth2 session could not get an access token (the token endpoint refused
    /// or could not be reached, or the user has to sign in again).
    #[error("signing in failed: {0}")]
    SignIn(#[source] SignInError),
}

impl<E> Error<E> {
    /// The HTTP status of the answer, when there was one.
    pub fn status(&self) -> Option<StatusCode> {
        match self {
            Error::Api(response) => Some(response.status()),
            Error::UnexpectedStatus(response) => Some(response.status),
            Error::Decode { status, .. } | Error::Text { status, .. } | Error::Header { status, .. } | Error::Incomplete { status } => {
                Some(*status)
            }
            Error::Transport(e) | Error::Timeout(e) => e.status(),
            Error::Middleware(_) | Error::MissingCredentials(_) | Error::InvalidPath(_) | Error::SignIn(_) => None,
        }
    }

    /// The idempotency key the request was sent with, where the server answered: a documented
    /// error or a status the spec does not document. A call that got no answer (a timeout, a
    /// refused connection) has none to tell: to send the same key again later, set it yourself
    /// with the operation's setter.
    pub fn idempotency_key(&self) -> Option<&str> {
        match self {
            Error::Api(answer) => answer.idempotency_key(),
            Error::UnexpectedStatus(answer) => answer.idempotency_key(),
            _ => None,
        }
    }
}

/// Why a request got no answer: the part of [`Error`] that sending decides.
#[derive(Debug)]
pub enum Failure {
    Transport(reqwest::Error),
    Timeout(reqwest::Error),
    Middleware(anyhow::Error),
    SignIn(SignInError),
}

impl From<reqwest::Error> for Failure {
    fn from(e: reqwest::Error) -> Self {
        if e.is_timeout() { Failure::Timeout(e) } else { Failure::Transport(e) }
    }
}

impl From<reqwest_middleware::Error> for Failure {
    fn from(e: reqwest_middleware::Error) -> Self {
        match e {
            reqwest_middleware::Error::Reqwest(e) => e.into(),
            reqwest_middleware::Error::Middleware(e) => Failure::Middleware(e),
        }
    }
}

impl<E> From<Failure> for Error<E> {
    fn from(failure: Failure) -> Self {
        match failure {
            Failure::Transport(e) => Error::Transport(e),
            Failure::Timeout(e) => Error::Timeout(e),
            Failure::Middleware(e) => Error::Middleware(e),
            Failure::SignIn(e) => Error::SignIn(e),
        }
    }
}

impl<E> From<reqwest::Error> for Error<E> {
    fn from(e: reqwest::Error) -> Self {
        Failure::from(e).into()
    }
}

/// An operation needs credentials that the client was not given.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("this operation needs credentials for one of: {}", .accepted.join(" or "))]
pub struct MissingCredentials {
    /// Each accepted combination of security schemes, e.g. `personal_access_token`.
    pub accepted: Vec<String>,
}

impl MissingCredentials {
    pub(crate) fn new(alternatives: &[&[Scheme]]) -> Self {
        let accepted = alternatives.iter().map(|alt| alt.iter().map(|s| s.name).collect::<Vec<_>>().join(" + ")).collect();
        Self { accepted }
    }
}

/// A path parameter that is a dot segment: `.` or `..` (`%2E` spelled or not). URLs resolve
/// them away (`/orgs/../items` is `/items`), so the request would go to another path than the
/// operation's; it is refused before anything is sent.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("the path segment `{segment}` cannot be sent: URLs resolve it away, which would change the request's path")]
pub struct InvalidPath {
    /// The segment as it would have been sent.
    pub segment: String,
}

/// Why a request was not sent: what [`ClientCore::request`](super::ClientCore::request) refuses.
#[derive(Debug)]
pub enum Refused {
    MissingCredentials(MissingCredentials),
    Path(InvalidPath),
}

impl From<MissingCredentials> for Refused {
    fn from(e: MissingCredentials) -> Self {
        Refused::MissingCredentials(e)
    }
}

impl<E> From<Refused> for Error<E> {
    fn from(refused: Refused) -> Self {
        match refused {
            Refused::MissingCredentials(e) => Error::MissingCredentials(e),
            Refused::Path(e) => Error::InvalidPath(e),
        }
    }
}

/// A default header whose name or value is not valid in HTTP.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("`{name}` is not a valid header name, or its value is not a valid header value")]
pub struct InvalidHeader {
    pub name: String,
}

/// A string that is none of the values of an enum the spec closes (a `const`, or an enum that
/// lists every value there is): what parsing one refuses.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("unknown value `{value}`, expected {}", expected_list(.expected))]
pub struct UnlistedValue {
    /// The value as given.
    pub value: String,
    /// The values the enum takes.
    pub expected: Vec<&'static str>,
}

impl UnlistedValue {
    pub fn new(value: &str, expected: &[&'static str]) -> Self {
        Self { value: value.to_owned(), expected: expected.to_vec() }
    }
}

/// `` `a` `` , `` `a` or `b` ``, `` one of `a`, `b`, `c` ``, as serde words it.
fn expected_list(expected: &[&str]) -> String {
    match expected {
        [one] => format!("`{one}`"),
        [a, b] => format!("`{a}` or `{b}`"),
        all => format!("one of {}", all.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")),
    }
}
