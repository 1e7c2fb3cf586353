//! Decoding for the generated structs and untagged enums, written once here instead of in
//! every type: serde's derived `Deserialize` generates a visitor, a field enum and a sequence
//! path per struct, which made it most of the generated crate's compile time. A struct is read
//! as a JSON object first and its fields taken from it, which costs a little at run time and
//! much less to compile.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::marker::PhantomData;

use serde::de::{DeserializeOwned, Deserializer, Error};
use serde::Deserialize;
use serde_json::{Map, Value};

/// The members of a JSON object being decoded into the struct `type_name`.
pub struct Fields<E> {
    members: Map<String, Value>,
    type_name: &'static str,
    error: PhantomData<E>,
}

impl<E: Error> Fields<E> {
    pub fn new<'de, D: Deserializer<'de, Error = E>>(deserializer: D, type_name: &'static str) -> Result<Self, E> {
        let members = Map::deserialize(deserializer)?;
        Ok(Self { members, type_name, error: PhantomData })
    }

    fn decode<T: DeserializeOwned>(&self, key: &str, value: Value) -> Result<T, E> {
        T::deserialize(value).map_err(|e| self.wrong(key, e))
    }

    fn wrong(&self, key: &str, e: impl Display) -> E {
        E::custom(format_args!("{}.{key}: {e}", self.type_name))
    }

    /// A field that must be present.
    pub fn required<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<T, E> {
        match self.members.remove(key) {
            Some(value) => self.decode(key, value),
            None => Err(E::missing_field(key)),
        }
    }

    /// A field that may be absent or `null`.
    pub fn optional<T: DeserializeOwned>(&mut self, key: &'static str) -> Result<Option<T>, E> {
        match self.members.remove(key) {
            None | Some(Value::Null) => Ok(None),
            Some(value) => self.decode(key, value).map(Some),
        }
    }

    /// The members no field took, for `additionalProperties`.
    pub fn rest<T: DeserializeOwned>(self) -> Result<BTreeMap<String, T>, E> {
        let mut rest = BTreeMap::new();
        for (key, value) in self.members {
            let decoded = T::deserialize(value).map_err(|e| E::custom(format_args!("{key}: {e}")))?;
            rest.insert(key, decoded);
        }
        Ok(rest)
    }
}

/// Reads any JSON value, for an untagged enum to try its variants on.
pub fn any_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Value::deserialize(deserializer)
}

/// Tries to read `value` as `T`, for one variant of an untagged enum.
pub fn try_as<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// The error when no variant of an untagged enum fits.
pub fn no_variant<E: Error>(type_name: &str) -> E {
    E::custom(format_args!("the value matches no variant of {type_name}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, PartialEq)]
    struct Point {
        x: i64,
        label: Option<String>,
        extra: BTreeMap<String, bool>,
    }

    impl<'de> Deserialize<'de> for Point {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            let mut fields = Fields::new(deserializer, "Point")?;
            Ok(Self { x: fields.required("x")?, label: fields.optional("label")?, extra: fields.rest()? })
        }
    }

    #[test]
    fn fields_are_taken_and_the_rest_kept() {
        let p: Point = serde_json::from_str(r#"{"x": 1, "label": null, "a": true}"#).unwrap();
        assert_eq!(p, Point { x: 1, label: None, extra: BTreeMap::from([("a".to_owned(), true)]) });
    }

    #[test]
    fn errors_name_the_field() {
        let missing = serde_json::from_str::<Point>(r#"{"label": "l"}"#).unwrap_err();
        assert!(missing.to_string().contains("missing field `x`"), "{missing}");
        let wrong = serde_json::from_str::<Point>(r#"{"x": "one"}"#).unwrap_err();
        assert!(wrong.to_string().contains("Point.x: invalid type"), "{wrong}");
        let not_object = serde_json::from_str::<Point>("[1]").unwrap_err();
        assert!(not_object.to_string().contains("invalid type: sequence"), "{not_object}");
    }
}
