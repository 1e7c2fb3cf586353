//! Encoding for the generated structs, written once here instead of in every type: serde's
//! derived `Serialize` generates a `?` and a length term per field, which made it the largest
//! share of the generated crate's compile time. A generated struct's `serialize` is instead
//! one chain of calls, a field each, on a [`StructEncoder`].

use std::collections::BTreeMap;

use serde::ser::{Serialize, SerializeMap, Serializer};

use super::Nullable;

/// A struct being encoded as a JSON object. The first error stops the encoding, and
/// [`end`](Self::end) returns it.
pub struct StructEncoder<S: Serializer> {
    state: Result<S::SerializeMap, S::Error>,
}

/// A struct's encoding into `serializer`. A free function, as `runtime::call` says why.
pub fn struct_encoder<S: Serializer>(serializer: S) -> StructEncoder<S> {
    StructEncoder { state: serializer.serialize_map(None) }
}

impl<S: Serializer> StructEncoder<S> {
    /// A member, always written (a required nullable field as `null`).
    pub fn field<T: Serialize + ?Sized>(mut self, key: &str, value: &T) -> Self {
        if let Ok(map) = &mut self.state {
            if let Err(e) = map.serialize_entry(key, value) {
                self.state = Err(e);
            }
        }
        self
    }

    /// A member written only when present.
    pub fn optional<T: Serialize>(self, key: &str, value: &Option<T>) -> Self {
        match value {
            Some(value) => self.field(key, value),
            None => self,
        }
    }

    /// A three-state member: left out when absent, `null` when null.
    pub fn nullable<T: Serialize>(self, key: &str, value: &Nullable<T>) -> Self {
        match value {
            Nullable::Absent => self,
            present => self.field(key, present),
        }
    }

    /// The members no field takes, for `additionalProperties`.
    pub fn rest<V: Serialize>(self, rest: &BTreeMap<String, V>) -> Self {
        rest.iter().fold(self, |encoder, (key, value)| encoder.field(key, value))
    }

    pub fn end(self) -> Result<S::Ok, S::Error> {
        self.state?.end()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    struct Point {
        x: i64,
        label: Option<String>,
        note: Option<String>,
        extra: BTreeMap<String, bool>,
    }

    impl Serialize for Point {
        fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
            struct_encoder(serializer).field("x", &self.x).optional("label", &self.label).field("note", &self.note).rest(&self.extra).end()
        }
    }

    #[test]
    fn fields_in_order_absent_ones_left_out_and_the_rest_last() {
        let point = Point {
            x: 1,
            label: None,
            note: None,
            extra: BTreeMap::from([("b".to_owned(), true), ("a".to_owned(), false)]),
        };
        let text = serde_json::to_string(&point).unwrap();
        assert_eq!(text, r#"{"x":1,"note":null,"a":false,"b":true}"#);
        let point = Point { label: Some("l".to_owned()), ..point };
        assert_eq!(serde_json::to_value(&point).unwrap()["label"], "l");
    }

    /// A value that cannot be encoded, to see the error come out of `end`.
    struct Refuses;

    impl Serialize for Refuses {
        fn serialize<S: Serializer>(&self, _: S) -> Result<S::Ok, S::Error> {
            Err(serde::ser::Error::custom("refused"))
        }
    }

    #[test]
    fn the_first_error_is_returned() {
        struct Pair;
        impl Serialize for Pair {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                struct_encoder(serializer).field("a", &Refuses).field("b", &1).end()
            }
        }
        let error = serde_json::to_string(&Pair).unwrap_err();
        assert_eq!(error.to_string(), "refused");
    }

    #[test]
    fn forms_and_queries_encode_the_same_members() {
        let point = Point { x: 7, label: Some("a b".to_owned()), note: None, extra: BTreeMap::new() };
        // `note` is `null`, which a form leaves out, as it did for the derived encoding.
        let request = reqwest::Client::new().post("http://127.0.0.1/").form(&point).build().unwrap();
        assert_eq!(request.body().and_then(reqwest::Body::as_bytes), Some(&b"x=7&label=a+b"[..]));
        let request = reqwest::Client::new().get("http://127.0.0.1/").query(&point).build().unwrap();
        assert_eq!(request.url().query(), Some("x=7&label=a+b"));
    }
}
