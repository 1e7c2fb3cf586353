//! The hand-written runtime shared by every generated client: sending requests, applying
//! credentials, and turning answers into typed values or typed errors.
//!
//! Everything here is written once and compiled once, so the generated code stays small. The
//! types users meet are re-exported at the crate root; the rest is public only so that the
//! generated modules can use it, is hidden from the docs, and is not a stable API.

mod auth;
mod call;
mod core;
mod de;
mod download;
mod error;
mod events;
mod form;
mod headers;
mod idempotency;
#[cfg(feature = "mock")]
pub mod mock;
mod nullable;
pub mod oauth;
mod opaque;
mod operation;
mod pages;
mod response;
mod retry;
mod ser;
mod text;
mod tolerant;
mod trace;
mod upload;

pub use self::call::{BoxFuture, Call, Read, call, streamed_call};
pub use self::download::ByteStream;
pub use self::error::{Error, Failure, InvalidHeader, InvalidPath, MissingCredentials, Refused, UnlistedValue};
pub use self::events::{Event, EventStream};
pub use self::headers::{FromHeaders, HeaderError, header, required_header};
pub use self::nullable::Nullable;
pub use self::operation::Operation;
pub use self::pages::{Pages, Turn, next_link, pages};
pub use self::response::{RawResponse, ResponseValue};
pub use self::retry::RetryPolicy;
pub use self::upload::Upload;

pub use self::auth::{Placement, Scheme};
pub use self::core::ClientCore;
pub use self::de::{
    DecodeStruct, Fields, Float, Local, Members, Present, Rest, Slot, any_value, borrowed_str, decode_struct, decode_union, known_or,
    listed, members, no_variant, parsed, try_as, unfilled,
};
pub use self::form::{FormStyle, form_body};
pub use self::ser::{StructEncoder, struct_encoder};
pub use self::text::{cookie, deep_object, form_members, json_part, multipart_from_json, text_part, to_text};
pub use self::tolerant::{Lenient, Tolerant, timestamp};
#[doc(hidden)]
pub use crate::deserialize_struct;

/// The discriminator value of a JSON object, which selects a `oneOf` variant.
pub fn discriminator<'v>(value: &'v serde_json::Value, property: &str) -> Result<&'v str, String> {
    value
        .get(property)
        .and_then(serde_json::Value::as_str)
        .ok_or_else(|| format!("the discriminator property `{property}` is missing or not a string"))
}

/// Resolves a relative server URL from a spec (such as `/v3`) against the origin serving the API.
///
/// ```
/// let url = generated::resolve_server("https://restapi.fax.plus", "/v3").unwrap();
/// assert_eq!(url, "https://restapi.fax.plus/v3");
/// ```
pub fn resolve_server(origin: &str, server: &str) -> Result<String, url::ParseError> {
    let joined = reqwest::Url::parse(origin)?.join(server)?;
    Ok(joined.as_str().trim_end_matches('/').to_owned())
}
