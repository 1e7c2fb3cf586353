//! `application/x-www-form-urlencoded` bodies, written member by member as the spec's
//! `encoding` object says. reqwest's `.form()` (serde_urlencoded) cannot write a nested value at
//! all, and real form APIs take nested ones: Stripe reads `metadata[key]=v`, `expand[0]=a` and
//! `items[0][price]=p`, Twilio reads an array as the same key repeated.
//!
//! Where the spec gives a member no `style`, it is written the way form-reading servers (Rails,
//! PHP, Express's `qs`, Stripe) parse it: a scalar as `name=value`, an array of scalars as the
//! key repeated (OpenAPI's own default, `form` exploded), and anything nested with brackets,
//! `name[key]=value` and `name[0]=value`, at any depth.

use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use serde::Serialize;
use serde::ser::{self, Impossible, SerializeMap, SerializeStruct, Serializer};
use serde_json::Value;

/// What form text escapes: all but RFC 3986's unreserved characters, so a space is `%20`.
/// WHATWG's `+` for a space reads the same to form parsers, but a `+` is a reserved
/// character, which stricter readers (Prism among them) refuse in a member that the spec's
/// `encoding` does not allow reserved characters in; `%20` is also what Stripe's SDKs send.
const FORM_TEXT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// How a member of a form body is written: OpenAPI's `style`, with `explode` folded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FormStyle {
    /// No `style` in the spec: see the module's docs.
    Default,
    /// `form`, exploded: an array as the key repeated, an object's members as keys of their own.
    Form,
    /// `form` with `explode: false`: `name=a,b`, and an object as `name=k1,v1,k2,v2`.
    FormJoined,
    /// `name=a b`.
    SpaceDelimited,
    /// `name=a|b`.
    PipeDelimited,
    /// `name[key]=value`, and (as Stripe reads arrays) `name[0]=value`, at any depth.
    DeepObject,
}

/// The body `body` as form text; `styles` gives the style of the members the spec's `encoding`
/// names. A body that is not an object is written as a single `body` member.
pub fn form_body<T: Serialize + ?Sized>(body: &T, styles: &[(&str, FormStyle)]) -> String {
    let members = match body.serialize(Members) {
        Ok(members) => members,
        Err(Unsupported) => match serde_json::to_value(body) {
            Ok(Value::Object(members)) => members.into_iter().collect(),
            Ok(Value::Null) => Vec::new(),
            Ok(other) => vec![("body".to_owned(), other)],
            // Only a map with keys that are not strings fails, which no generated type has.
            Err(e) => vec![("body".to_owned(), Value::String(e.to_string()))],
        },
    };
    let mut out = Writer(String::new());
    for (name, value) in &members {
        let style = styles.iter().find(|(n, _)| n == name).map_or(FormStyle::Default, |(_, s)| *s);
        out.member(name, value, style);
    }
    out.0
}

struct Writer(String);

impl Writer {
    fn pair(&mut self, key: &str, value: &str) {
        if !self.0.is_empty() {
            self.0.push('&');
        }
        self.0.push_str(key);
        self.0.push('=');
        self.0.extend(utf8_percent_encode(value, FORM_TEXT));
    }

    fn member(&mut self, name: &str, value: &Value, style: FormStyle) {
        let key = escape(name);
        match (value, style) {
            (Value::Array(items), FormStyle::Default | FormStyle::Form) if items.iter().all(scalar) => {
                for item in items {
                    self.pair(&key, &text(item));
                }
            }
            (Value::Object(members), FormStyle::Form) if members.values().all(scalar) => {
                for (k, v) in members {
                    self.pair(&escape(k), &text(v));
                }
            }
            (Value::Array(items), FormStyle::FormJoined | FormStyle::SpaceDelimited | FormStyle::PipeDelimited)
                if items.iter().all(scalar) =>
            {
                let joined: Vec<String> = items.iter().map(text).collect();
                self.pair(&key, &joined.join(separator(style)));
            }
            (Value::Object(members), FormStyle::FormJoined) if members.values().all(scalar) => {
                let joined: Vec<String> = members.iter().flat_map(|(k, v)| [k.clone(), text(v)]).collect();
                self.pair(&key, &joined.join(","));
            }
            _ => self.nested(&key, value),
        }
    }

    /// `key[member]=value` and `key[index]=value`, at any depth.
    fn nested(&mut self, key: &str, value: &Value) {
        match value {
            Value::Object(members) => {
                for (k, v) in members {
                    self.nested(&format!("{key}[{}]", escape(k)), v);
                }
            }
            Value::Array(items) => {
                for (i, v) in items.iter().enumerate() {
                    self.nested(&format!("{key}[{i}]"), v);
                }
            }
            scalar => self.pair(key, &text(scalar)),
        }
    }
}

fn scalar(value: &Value) -> bool {
    !matches!(value, Value::Array(_) | Value::Object(_))
}

fn separator(style: FormStyle) -> &'static str {
    match style {
        FormStyle::SpaceDelimited => " ",
        FormStyle::PipeDelimited => "|",
        _ => ",",
    }
}

/// A scalar's text: strings as they are, `null` as nothing (how Stripe is told to clear a
/// field), the rest as JSON.
fn text(value: &Value) -> String {
    match value {
        Value::String(s) => s.clone(),
        Value::Null => String::new(),
        other => other.to_string(),
    }
}

/// A name percent-encoded as form text, the brackets this module adds aside: a `[` inside a
/// spec's own name is escaped, so it cannot be read as nesting.
fn escape(name: &str) -> String {
    utf8_percent_encode(name, FORM_TEXT).to_string()
}

/// The members of a struct or map in the order it writes them, each as JSON. serde_json's own
/// maps sort their keys (unless a crate somewhere turns on `preserve_order`), and the members
/// of a form are sent in the order the spec lists them.
struct Members;

#[derive(Debug)]
struct Unsupported;

impl std::fmt::Display for Unsupported {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("not a struct or map")
    }
}

impl std::error::Error for Unsupported {}

impl ser::Error for Unsupported {
    fn custom<T: std::fmt::Display>(_: T) -> Self {
        Unsupported
    }
}

type Pairs = Vec<(String, Value)>;

/// Collects the entries of a map or struct.
struct Collect {
    pairs: Pairs,
    key: Option<String>,
}

impl SerializeMap for Collect {
    type Ok = Pairs;
    type Error = Unsupported;

    fn serialize_key<K: Serialize + ?Sized>(&mut self, key: &K) -> Result<(), Unsupported> {
        match serde_json::to_value(key) {
            Ok(Value::String(key)) => self.key = Some(key),
            _ => return Err(Unsupported),
        }
        Ok(())
    }

    fn serialize_value<V: Serialize + ?Sized>(&mut self, value: &V) -> Result<(), Unsupported> {
        let key = self.key.take().ok_or(Unsupported)?;
        self.pairs.push((key, serde_json::to_value(value).map_err(|_| Unsupported)?));
        Ok(())
    }

    fn end(self) -> Result<Pairs, Unsupported> {
        Ok(self.pairs)
    }
}

impl SerializeStruct for Collect {
    type Ok = Pairs;
    type Error = Unsupported;

    fn serialize_field<V: Serialize + ?Sized>(&mut self, key: &'static str, value: &V) -> Result<(), Unsupported> {
        self.pairs.push((key.to_owned(), serde_json::to_value(value).map_err(|_| Unsupported)?));
        Ok(())
    }

    fn end(self) -> Result<Pairs, Unsupported> {
        Ok(self.pairs)
    }
}

/// A serializer for the top level only: anything but a map or struct is `Unsupported`, and
/// [`form_body`] then reads it through `serde_json::Value`.
macro_rules! unsupported {
    ($($method:ident($($ty:ty),*);)*) => {
        $(fn $method(self, $(_: $ty),*) -> Result<Pairs, Unsupported> { Err(Unsupported) })*
    };
}

impl Serializer for Members {
    type Ok = Pairs;
    type Error = Unsupported;
    type SerializeSeq = Impossible<Pairs, Unsupported>;
    type SerializeTuple = Impossible<Pairs, Unsupported>;
    type SerializeTupleStruct = Impossible<Pairs, Unsupported>;
    type SerializeTupleVariant = Impossible<Pairs, Unsupported>;
    type SerializeMap = Collect;
    type SerializeStruct = Collect;
    type SerializeStructVariant = Impossible<Pairs, Unsupported>;

    unsupported! {
        serialize_bool(bool); serialize_i8(i8); serialize_i16(i16); serialize_i32(i32); serialize_i64(i64);
        serialize_u8(u8); serialize_u16(u16); serialize_u32(u32); serialize_u64(u64);
        serialize_f32(f32); serialize_f64(f64); serialize_char(char); serialize_str(&str);
        serialize_bytes(&[u8]); serialize_none(); serialize_unit(); serialize_unit_struct(&'static str);
        serialize_unit_variant(&'static str, u32, &'static str);
    }

    fn serialize_some<T: Serialize + ?Sized>(self, value: &T) -> Result<Pairs, Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_struct<T: Serialize + ?Sized>(self, _: &'static str, value: &T) -> Result<Pairs, Unsupported> {
        value.serialize(self)
    }

    fn serialize_newtype_variant<T: Serialize + ?Sized>(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: &T,
    ) -> Result<Pairs, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_seq(self, _: Option<usize>) -> Result<Self::SerializeSeq, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple(self, _: usize) -> Result<Self::SerializeTuple, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_struct(self, _: &'static str, _: usize) -> Result<Self::SerializeTupleStruct, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_tuple_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeTupleVariant, Unsupported> {
        Err(Unsupported)
    }

    fn serialize_map(self, len: Option<usize>) -> Result<Collect, Unsupported> {
        Ok(Collect { pairs: Vec::with_capacity(len.unwrap_or(0)), key: None })
    }

    fn serialize_struct(self, _: &'static str, len: usize) -> Result<Collect, Unsupported> {
        Ok(Collect { pairs: Vec::with_capacity(len), key: None })
    }

    fn serialize_struct_variant(
        self,
        _: &'static str,
        _: u32,
        _: &'static str,
        _: usize,
    ) -> Result<Self::SerializeStructVariant, Unsupported> {
        Err(Unsupported)
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    /// Members in their own order, whatever order the JSON map types keep.
    struct Ordered(Vec<(&'static str, Value)>);

    impl Serialize for Ordered {
        fn serialize<S: ser::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            let mut map = serializer.serialize_map(Some(self.0.len()))?;
            for (k, v) in &self.0 {
                map.serialize_entry(k, v)?;
            }
            map.end()
        }
    }

    #[test]
    fn stripe_shapes_nest_with_brackets() {
        let body = Ordered(vec![
            ("email", json!("jenny@example.com")),
            ("metadata", json!({"order_id": "6735"})),
            ("expand", json!(["customer", "invoice"])),
            ("items", json!([{"price": "price_1", "quantity": 2}])),
            ("address", json!({"city": "Paris", "line1": "1 rue X"})),
        ]);
        let styles = [
            ("metadata", FormStyle::DeepObject),
            ("expand", FormStyle::DeepObject),
            ("items", FormStyle::DeepObject),
            ("address", FormStyle::DeepObject),
        ];
        assert_eq!(
            form_body(&body, &styles),
            "email=jenny%40example.com&metadata[order_id]=6735&expand[0]=customer&expand[1]=invoice\
             &items[0][price]=price_1&items[0][quantity]=2&address[city]=Paris&address[line1]=1%20rue%20X"
        );
    }

    #[test]
    fn each_style_writes_arrays_its_way() {
        let body = Ordered(vec![("a", json!(["x y", "z"]))]);
        let with = |style| form_body(&body, &[("a", style)]);
        assert_eq!(with(FormStyle::Default), "a=x%20y&a=z");
        assert_eq!(with(FormStyle::Form), "a=x%20y&a=z");
        assert_eq!(with(FormStyle::FormJoined), "a=x%20y%2Cz");
        assert_eq!(with(FormStyle::SpaceDelimited), "a=x%20y%20z");
        assert_eq!(with(FormStyle::PipeDelimited), "a=x%20y%7Cz");
        assert_eq!(with(FormStyle::DeepObject), "a[0]=x%20y&a[1]=z");
    }

    #[test]
    fn objects_per_style_and_nesting_without_a_style() {
        // Keys in sorted order: nested maps keep it whether or not serde_json preserves order.
        let body = Ordered(vec![("o", json!({"b": true, "k": 1}))]);
        let with = |style| form_body(&body, &[("o", style)]);
        assert_eq!(with(FormStyle::Form), "b=true&k=1");
        assert_eq!(with(FormStyle::FormJoined), "o=b%2Ctrue%2Ck%2C1");
        assert_eq!(with(FormStyle::Default), "o[b]=true&o[k]=1");
        let deep = Ordered(vec![("a", json!([{"b": [1, {"c": null}]}]))]);
        assert_eq!(form_body(&deep, &[]), "a[0][b][0]=1&a[0][b][1][c]=");
    }

    #[test]
    fn names_are_escaped_and_bodies_that_are_not_objects_still_go() {
        let body = Ordered(vec![("a[b] c", json!("v&w=x"))]);
        assert_eq!(form_body(&body, &[]), "a%5Bb%5D%20c=v%26w%3Dx");
        assert_eq!(form_body(&json!({"k": "v"}), &[]), "k=v");
        assert_eq!(form_body(&json!("plain"), &[]), "body=plain");
        assert_eq!(form_body(&Some(json!({"k": 2})), &[]), "k=2");
    }
}
