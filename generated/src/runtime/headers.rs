//! Typed response headers: the generated `headers` structs read each documented header through
//! [`header`] or [`required_header`], which parse its text by the header's schema.
//!
//! A header's text is handed to the field's `Deserialize` through [`Text`], which parses it as
//! the field asks: a number for an integer, `true`/`false` for a boolean, the text itself for a
//! string, an enum or a date, and comma-separated items for an array (OpenAPI's `simple` style).

use std::fmt;

use reqwest::header::HeaderMap;
use serde::de::{self, Deserialize, DeserializeSeed, Deserializer, IntoDeserializer, SeqAccess, Visitor};

/// A struct of the headers an answer documents.
pub trait FromHeaders: Sized {
    fn from_headers(headers: &HeaderMap) -> Result<Self, HeaderError>;
}

/// No documented headers.
impl FromHeaders for () {
    fn from_headers(_: &HeaderMap) -> Result<Self, HeaderError> {
        Ok(())
    }
}

/// A documented response header that is missing although required, or does not parse.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("header `{name}`: {reason}")]
pub struct HeaderError {
    /// The header's name, as the spec writes it.
    pub name: &'static str,
    pub reason: String,
}

/// The header `name`, parsed; `None` when the answer does not have it. Repeated headers are
/// read as one, their values joined by commas (RFC 9110, section 5.3).
pub fn header<T: for<'h> Deserialize<'h>>(headers: &HeaderMap, name: &'static str) -> Result<Option<T>, HeaderError> {
    let mut values = headers.get_all(name).iter().peekable();
    if values.peek().is_none() {
        return Ok(None);
    }
    let mut text = String::new();
    for value in values {
        let value = value.to_str().map_err(|_| HeaderError { name, reason: "not visible ASCII text".to_owned() })?;
        if !text.is_empty() {
            text.push_str(", ");
        }
        text.push_str(value);
    }
    T::deserialize(Text(&text)).map(Some).map_err(|e| HeaderError { name, reason: e.0 })
}

/// The header `name`, which every documented answer has.
pub fn required_header<T: for<'h> Deserialize<'h>>(headers: &HeaderMap, name: &'static str) -> Result<T, HeaderError> {
    header(headers, name)?.ok_or_else(|| HeaderError { name, reason: "missing".to_owned() })
}

/// Why a header's text does not parse.
#[derive(Debug)]
pub struct TextError(String);

impl fmt::Display for TextError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for TextError {}

impl de::Error for TextError {
    fn custom<M: fmt::Display>(message: M) -> Self {
        TextError(message.to_string())
    }
}

/// A header's text, as a deserializer that parses it into whatever the field asks for.
struct Text<'t>(&'t str);

impl Text<'_> {
    fn parse<T: std::str::FromStr>(&self, what: &str) -> Result<T, TextError> {
        self.0.trim().parse().map_err(|_| TextError(format!("`{}` is not {what}", self.0)))
    }
}

macro_rules! parsed {
    ($($method:ident $visit:ident $ty:ty, $what:literal;)*) => {
        $(fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
            visitor.$visit(self.parse::<$ty>($what)?)
        })*
    };
}

impl<'de> Deserializer<'de> for Text<'de> {
    type Error = TextError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_borrowed_str(self.0)
    }

    parsed! {
        deserialize_bool visit_bool bool, "a boolean";
        deserialize_i8 visit_i8 i8, "an integer";
        deserialize_i16 visit_i16 i16, "an integer";
        deserialize_i32 visit_i32 i32, "an integer";
        deserialize_i64 visit_i64 i64, "an integer";
        deserialize_i128 visit_i128 i128, "an integer";
        deserialize_u8 visit_u8 u8, "an integer";
        deserialize_u16 visit_u16 u16, "an integer";
        deserialize_u32 visit_u32 u32, "an integer";
        deserialize_u64 visit_u64 u64, "an integer";
        deserialize_u128 visit_u128 u128, "an integer";
        deserialize_f32 visit_f32 f32, "a number";
        deserialize_f64 visit_f64 f64, "a number";
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_some(self)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, TextError> {
        let mut items = self.0.split(',').map(str::trim).filter(|item| !item.is_empty());
        visitor.visit_seq(Items(&mut items))
    }

    fn deserialize_enum<V: Visitor<'de>>(self, _: &'static str, _: &'static [&'static str], visitor: V) -> Result<V::Value, TextError> {
        visitor.visit_enum(self.0.into_deserializer())
    }

    serde::forward_to_deserialize_any! {
        char str string bytes byte_buf unit unit_struct newtype_struct tuple tuple_struct map
        struct identifier ignored_any
    }
}

/// The comma-separated items of a header.
struct Items<'a, 't>(&'a mut dyn Iterator<Item = &'t str>);

impl<'de> SeqAccess<'de> for Items<'_, 'de> {
    type Error = TextError;

    fn next_element_seed<S: DeserializeSeed<'de>>(&mut self, seed: S) -> Result<Option<S::Value>, TextError> {
        self.0.next().map(|item| seed.deserialize(Text(item))).transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use reqwest::header::HeaderValue;

    fn map(pairs: &[(&'static str, &str)]) -> HeaderMap {
        let mut map = HeaderMap::new();
        for (name, value) in pairs {
            map.append(*name, HeaderValue::from_str(value).unwrap());
        }
        map
    }

    #[test]
    fn values_parse_by_the_type_asked_for() {
        let headers = map(&[("x-remaining", "42"), ("x-ok", "true"), ("x-ratio", "0.5"), ("x-id", "abc"), ("x-list", "1, 2,3")]);
        assert_eq!(required_header::<i64>(&headers, "X-Remaining"), Ok(42));
        assert_eq!(header::<bool>(&headers, "x-ok"), Ok(Some(true)));
        assert_eq!(header::<f64>(&headers, "x-ratio"), Ok(Some(0.5)));
        assert_eq!(header::<String>(&headers, "x-id"), Ok(Some("abc".to_owned())));
        assert_eq!(header::<Vec<u8>>(&headers, "x-list"), Ok(Some(vec![1, 2, 3])));
        assert_eq!(header::<i64>(&headers, "x-missing"), Ok(None));
        let date: chrono::DateTime<chrono::Utc> = required_header(&map(&[("x-at", "2024-05-01T10:00:00Z")]), "x-at").unwrap();
        assert_eq!(date.to_rfc3339(), "2024-05-01T10:00:00+00:00");
    }

    #[test]
    fn repeated_headers_are_one_list() {
        let headers = map(&[("x-tags", "a"), ("x-tags", "b, c")]);
        assert_eq!(required_header::<Vec<String>>(&headers, "x-tags"), Ok(vec!["a".into(), "b".into(), "c".into()]));
    }

    #[test]
    fn malformed_and_missing_headers_are_errors_that_name_them() {
        let headers = map(&[("x-remaining", "lots")]);
        let error = required_header::<i64>(&headers, "X-Remaining").unwrap_err();
        assert_eq!(error.to_string(), "header `X-Remaining`: `lots` is not an integer");
        let error = required_header::<i64>(&headers, "Location").unwrap_err();
        assert_eq!(error.to_string(), "header `Location`: missing");
        let mut opaque = HeaderMap::new();
        opaque.insert("x-name", HeaderValue::from_bytes(b"caf\xe9").unwrap());
        assert_eq!(header::<String>(&opaque, "x-name").unwrap_err().to_string(), "header `x-name`: not visible ASCII text");
    }
}
