//! Decoding for the generated structs and untagged enums, written once here instead of in
//! every type: serde's derived `Deserialize` generates a visitor, a field enum and a sequence
//! path per struct, which made it most of the generated crate's compile time. A struct is read
//! as a JSON object first and its fields taken from it, which costs a little at run time and
//! much less to compile.

use std::collections::BTreeMap;
use std::fmt::Display;
use std::marker::PhantomData;

use serde::de::value::{MapAccessDeserializer, MapDeserializer, SeqDeserializer};
use serde::de::{DeserializeOwned, Deserializer, Error, IntoDeserializer, Unexpected, Visitor};
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
        T::deserialize(Checked(value)).map_err(|e| self.wrong(key, e))
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
            let decoded = T::deserialize(Checked(value)).map_err(|e| E::custom(format_args!("{key}: {e}")))?;
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
    T::deserialize(Checked(value.clone())).ok()
}

/// Decodes `T` from JSON `value`, as [`Checked`] reads it.
pub(crate) fn from_value<T: DeserializeOwned>(value: Value) -> Result<T, serde_json::Error> {
    T::deserialize(Checked(value))
}

/// The error when no variant of an untagged enum fits.
pub fn no_variant<E: Error>(type_name: &str) -> E {
    E::custom(format_args!("the value matches no variant of {type_name}"))
}

/// A JSON value to decode from, read exactly as `serde_json::Value` reads itself, except that
/// an `f32` refuses a number beyond its range. serde would make it infinity, which serde_json
/// encodes as `null`: a value that decodes must encode back to the same JSON. Everything the
/// generated types decode goes through here (their fields, their variants, whole answers), so
/// their code needs nothing of its own for it.
struct Checked(Value);

impl Checked {
    fn unexpected(&self) -> Unexpected<'_> {
        match &self.0 {
            Value::Null => Unexpected::Unit,
            Value::Bool(b) => Unexpected::Bool(*b),
            Value::Number(n) => match (n.as_u64(), n.as_i64(), n.as_f64()) {
                (Some(u), ..) => Unexpected::Unsigned(u),
                (_, Some(i), _) => Unexpected::Signed(i),
                (.., f) => Unexpected::Float(f.unwrap_or(f64::NAN)),
            },
            Value::String(s) => Unexpected::Str(s),
            Value::Array(_) => Unexpected::Seq,
            Value::Object(_) => Unexpected::Map,
        }
    }

    fn invalid<'de, V: Visitor<'de>, T>(&self, visitor: &V) -> Result<T, serde_json::Error> {
        Err(serde_json::Error::invalid_type(self.unexpected(), visitor))
    }

    fn seq<'de, V: Visitor<'de>>(items: Vec<Value>, visitor: V) -> Result<V::Value, serde_json::Error> {
        let mut seq = SeqDeserializer::new(items.into_iter().map(Checked));
        let value = visitor.visit_seq(&mut seq)?;
        seq.end()?;
        Ok(value)
    }

    fn map<'de, V: Visitor<'de>>(members: Map<String, Value>, visitor: V) -> Result<V::Value, serde_json::Error> {
        let mut map = MapDeserializer::new(members.into_iter().map(|(k, v)| (k, Checked(v))));
        let value = visitor.visit_map(&mut map)?;
        map.end()?;
        Ok(value)
    }
}

impl<'de> IntoDeserializer<'de, serde_json::Error> for Checked {
    type Deserializer = Self;

    fn into_deserializer(self) -> Self {
        self
    }
}

/// `deserialize_…` methods that take one kind of JSON value, as `serde_json::Value`'s do.
macro_rules! only {
    ($($method:ident: $pattern:pat => $visit:expr;)*) => {$(
        fn $method<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
            match self.0 {
                $pattern => $visit(visitor),
                _ => self.invalid(&visitor),
            }
        }
    )*};
}

impl<'de> Deserializer<'de> for Checked {
    type Error = serde_json::Error;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(b),
            Value::Number(n) => n.deserialize_any(visitor),
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => Self::seq(items, visitor),
            Value::Object(members) => Self::map(members, visitor),
        }
    }

    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            // Cast, a finite number beyond f32's range is infinite.
            Value::Number(n) if n.as_f64().is_some_and(|f| (f as f32).is_infinite()) => {
                Err(Self::Error::custom(format_args!("{n} is beyond the range of a 32-bit float")))
            }
            Value::Number(n) => n.deserialize_any(visitor),
            _ => self.invalid(&visitor),
        }
    }

    only! {
        deserialize_bool: Value::Bool(b) => |v: V| v.visit_bool(b);
        deserialize_i8: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_i16: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_i32: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_i64: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_i128: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_u8: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_u16: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_u32: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_u64: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_u128: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_f64: Value::Number(n) => |v| n.deserialize_any(v);
        deserialize_char: Value::String(s) => |v: V| v.visit_string(s);
        deserialize_str: Value::String(s) => |v: V| v.visit_string(s);
        deserialize_string: Value::String(s) => |v: V| v.visit_string(s);
        deserialize_identifier: Value::String(s) => |v: V| v.visit_string(s);
        deserialize_unit: Value::Null => |v: V| v.visit_unit();
        deserialize_seq: Value::Array(items) => |v| Self::seq(items, v);
        deserialize_map: Value::Object(members) => |v| Self::map(members, v);
    }

    fn deserialize_bytes<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::String(s) => visitor.visit_string(s),
            Value::Array(items) => Self::seq(items, visitor),
            _ => self.invalid(&visitor),
        }
    }

    fn deserialize_byte_buf<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_bytes(visitor)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Null => visitor.visit_none(),
            value => visitor.visit_some(Checked(value)),
        }
    }

    fn deserialize_unit_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_unit(visitor)
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(self, _name: &'static str, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_tuple<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_tuple_struct<V: Visitor<'de>>(self, _name: &'static str, _len: usize, visitor: V) -> Result<V::Value, Self::Error> {
        self.deserialize_seq(visitor)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::Array(items) => Self::seq(items, visitor),
            Value::Object(members) => Self::map(members, visitor),
            _ => self.invalid(&visitor),
        }
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, Self::Error> {
        match self.0 {
            Value::String(variant) => visitor.visit_enum(variant.into_deserializer()),
            Value::Object(members) if members.len() == 1 => visitor.visit_enum(MapAccessDeserializer::new(
                MapDeserializer::new(members.into_iter().map(|(k, v)| (k, Checked(v)))),
            )),
            _ => self.invalid(&visitor),
        }
    }

    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, Self::Error> {
        visitor.visit_unit()
    }
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
    fn numbers_beyond_f32_are_refused_not_infinite() {
        let refused = from_value::<Vec<f32>>(serde_json::json!([1.5, 1e308])).unwrap_err();
        assert!(refused.to_string().contains("beyond the range of a 32-bit float"), "{refused}");
        assert!(from_value::<Option<f32>>(serde_json::json!(-1e39)).is_err());
        assert_eq!(from_value::<Vec<f32>>(serde_json::json!([1.5, 3.4028235e38, -2, 7])).unwrap(), [1.5, f32::MAX, -2.0, 7.0]);
        assert_eq!(from_value::<f64>(serde_json::json!(1e308)).unwrap(), 1e308);
        let nested: BTreeMap<String, (f32, Option<bool>)> = from_value(serde_json::json!({"a": [0.5, null]})).unwrap();
        assert_eq!(nested["a"], (0.5, None));
        assert!(from_value::<BTreeMap<String, (f32, Option<bool>)>>(serde_json::json!({"a": [1e300, true]})).is_err());
        assert!(from_value::<(f32, f32)>(serde_json::json!([1, 2, 3])).is_err(), "a tuple takes its length only");
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
