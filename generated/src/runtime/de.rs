//! Decoding for the generated structs and untagged enums, written once here instead of in
//! every type. serde's derived `Deserialize` generates a visitor, a field enum and a sequence
//! path per struct, which made it most of the generated crate's compile time. A generated
//! struct instead implements [`DecodeStruct`]: one function that hands [`Members`] a slot per
//! field, which each member's value is read into straight from the deserializer, so decoding
//! costs what the derive costs (no intermediate `serde_json::Value`) and compiles to a fraction
//! of it: the loop over the members, written once here, is not generated per struct.

use std::borrow::Cow;
use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use serde::Deserialize;
use serde::de::{DeserializeOwned, DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, Unexpected, Visitor};
use serde_json::Value;

use super::Nullable;

/// A struct decoded member by member from a JSON object.
pub trait DecodeStruct: Sized {
    /// Decodes the struct from the members of the object `map`.
    fn decode<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error>;
}

/// `impl Deserialize for $ty` through its [`DecodeStruct`], as each generated struct has it: the
/// same impl for every struct, which a blanket impl cannot write (the orphan rule). Paths are
/// written in full, since a spec may name a type `Result`. Exported (hidden), so that a crate
/// whose APIs have no struct does not warn of it unused.
#[doc(hidden)]
#[macro_export]
macro_rules! deserialize_struct {
    ($ty:ty) => {
        impl<'de> ::serde::Deserialize<'de> for $ty {
            fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                $crate::runtime::decode_struct(deserializer)
            }
        }
    };
}

/// The one of `known` (an open enum's listed variants) whose wire string, by `as_str`, is
/// `value`: the enum's wire strings are written once, in its `as_str`.
pub fn listed<T, const N: usize>(value: &str, known: [T; N], as_str: fn(&T) -> &str) -> Option<T> {
    known.into_iter().find(|variant| as_str(variant) == value)
}

/// `Deserialize::deserialize` of a [`DecodeStruct`].
pub fn decode_struct<'de, T: DecodeStruct, D: Deserializer<'de>>(deserializer: D) -> Result<T, D::Error> {
    struct Object<T>(PhantomData<T>);

    impl<'de, T: DecodeStruct> Visitor<'de> for Object<T> {
        type Value = T;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a JSON object")
        }

        fn visit_map<A: MapAccess<'de>>(self, map: A) -> Result<T, A::Error> {
            T::decode(map)
        }
    }

    deserializer.deserialize_map(Object(PhantomData))
}

/// The members of a JSON object being decoded into the struct `type_name`.
pub struct Members<'de, A> {
    map: A,
    type_name: &'static str,
    /// The current key when the input lends it, else it is in `buffer` (escaped keys, readers).
    borrowed: Option<&'de str>,
    buffer: String,
}

/// Where the value of one member goes: a field's local, through [`Slot::fill`]. A trait object,
/// so that the loop over the members is written (and compiled) once, here, for every struct.
pub trait Slot<'de, A: MapAccess<'de>> {
    fn fill(&mut self, map: &mut A) -> Result<(), A::Error>;

    /// Whether the slot holds a value: absence and `null` leave it empty.
    fn is_filled(&self) -> bool;
}

/// The fields of a struct, each a member name and the slot its value goes to.
pub type Fields<'a, 'de, A> = [(&'static str, &'a mut dyn Slot<'de, A>)];

/// A field's local: the member's value, or `None` for `null`.
impl<'de, A: MapAccess<'de>, T: Deserialize<'de>> Slot<'de, A> for Option<T> {
    fn fill(&mut self, map: &mut A) -> Result<(), A::Error> {
        *self = map.next_value()?;
        Ok(())
    }

    fn is_filled(&self) -> bool {
        self.is_some()
    }
}

/// A three-state field's local: `null` is kept apart from a missing member, which leaves it
/// [`Absent`](Nullable::Absent).
impl<'de, A: MapAccess<'de>, T: Deserialize<'de>> Slot<'de, A> for Nullable<T> {
    fn fill(&mut self, map: &mut A) -> Result<(), A::Error> {
        *self = map.next_value()?;
        Ok(())
    }

    fn is_filled(&self) -> bool {
        self.holds_value()
    }
}

/// A field's local, `Option<T>` or [`Nullable<T>`], for the slots that read a member their own
/// way ([`Float`], [`Lenient`](super::Lenient)) and then store what they read.
pub trait Local {
    type Value;

    /// Stores a member's value, `None` for `null`.
    fn put(&mut self, value: Option<Self::Value>);

    fn holds_value(&self) -> bool;
}

impl<T> Local for Option<T> {
    type Value = T;

    fn put(&mut self, value: Option<T>) {
        *self = value;
    }

    fn holds_value(&self) -> bool {
        self.is_some()
    }
}

impl<T> Local for Nullable<T> {
    type Value = T;

    fn put(&mut self, value: Option<T>) {
        *self = Nullable::or_null(value);
    }

    fn holds_value(&self) -> bool {
        matches!(self, Nullable::Value(_))
    }
}

/// A field whose type can hold `null` (any JSON value): `null` is its value, where an `Option`
/// local would take it for none, so an optional one is `None` only when the member is absent.
pub struct Present<'a, T>(pub &'a mut Option<T>);

impl<'de, A: MapAccess<'de>, T: Deserialize<'de>> Slot<'de, A> for Present<'_, T> {
    fn fill(&mut self, map: &mut A) -> Result<(), A::Error> {
        *self.0 = Some(map.next_value()?);
        Ok(())
    }

    fn is_filled(&self) -> bool {
        self.0.is_some()
    }
}

/// A `format: float` field (`f32`): a number beyond `f32`'s range is refused, where serde
/// would make it infinity (which encodes as `null`, another value).
pub struct Float<'a, L>(pub &'a mut L);

impl<'de, A: MapAccess<'de>, L: Local<Value = f32>> Slot<'de, A> for Float<'_, L> {
    fn fill(&mut self, map: &mut A) -> Result<(), A::Error> {
        self.0.put(map.next_value::<Option<f64>>()?.map(narrow).transpose()?);
        Ok(())
    }

    fn is_filled(&self) -> bool {
        self.0.holds_value()
    }
}

/// `value` as an `f32`, unless it is beyond its range.
fn narrow<E: Error>(value: f64) -> Result<f32, E> {
    if value.is_finite() && value.abs() > f64::from(f32::MAX) {
        return Err(E::custom(format_args!("{value:e} is beyond the range of a 32-bit float")));
    }
    // Within range: the nearest `f32`, as serde would give.
    Ok(value as f32)
}

/// The members no field takes, for `additionalProperties`.
pub struct Rest<'a, T>(pub &'a mut BTreeMap<String, T>);

/// The members of the object `map`, being decoded into the struct `type_name`. A free function,
/// as `runtime::call` says why.
pub fn members<'de, A: MapAccess<'de>>(map: A, type_name: &'static str) -> Members<'de, A> {
    Members { map, type_name, borrowed: None, buffer: String::new() }
}

impl<'de, A: MapAccess<'de>> Members<'de, A> {
    /// Reads every member into the slot of the field of its name; members no field takes are
    /// skipped. Every `required` field must be present and not `null`, so that the struct can
    /// take their values unchecked. An error names the type and the member.
    pub fn read(mut self, required: &mut Fields<'_, 'de, A>, optional: &mut Fields<'_, 'de, A>) -> Result<(), A::Error> {
        self.each(required, optional, |members| members.map.next_value::<IgnoredAny>().map(drop))
    }

    /// [`read`](Self::read), keeping the members no field takes in `rest`.
    pub fn read_with_rest<T: Deserialize<'de>>(
        mut self,
        required: &mut Fields<'_, 'de, A>,
        optional: &mut Fields<'_, 'de, A>,
        rest: Rest<'_, T>,
    ) -> Result<(), A::Error> {
        self.each(required, optional, |members| {
            // Read as `T` itself: a `null` that `T` does not take is refused, not dropped.
            let value: T = members.map.next_value().map_err(|e| located(members.type_name, members.key(), &e))?;
            rest.0.insert(members.key().to_owned(), value);
            Ok(())
        })
    }

    /// The loop of [`read`](Self::read): `other` takes each member no field takes.
    fn each(
        &mut self,
        required: &mut Fields<'_, 'de, A>,
        optional: &mut Fields<'_, 'de, A>,
        mut other: impl FnMut(&mut Self) -> Result<(), A::Error>,
    ) -> Result<(), A::Error> {
        while self.next_key()? {
            if let Some((_, slot)) = required.iter_mut().find(|(name, _)| *name == self.key()) {
                self.fill(*slot)?;
                if !slot.is_filled() {
                    let null = A::Error::invalid_type(Unexpected::Unit, &"a value");
                    return Err(located(self.type_name, self.key(), &null));
                }
            } else if let Some((_, slot)) = optional.iter_mut().find(|(name, _)| *name == self.key()) {
                self.fill(*slot)?;
            } else {
                other(self)?;
            }
        }
        match required.iter().find(|(_, slot)| !slot.is_filled()) {
            Some((name, _)) => Err(A::Error::missing_field(name)),
            None => Ok(()),
        }
    }

    /// Reads the next key; `false` at the end of the object.
    fn next_key(&mut self) -> Result<bool, A::Error> {
        let seed = KeySeed { borrowed: &mut self.borrowed, buffer: &mut self.buffer };
        Ok(self.map.next_key_seed(seed)?.is_some())
    }

    /// The current key.
    fn key(&self) -> &str {
        self.borrowed.unwrap_or(&self.buffer)
    }

    fn fill(&mut self, slot: &mut dyn Slot<'de, A>) -> Result<(), A::Error> {
        slot.fill(&mut self.map).map_err(|e| located(self.type_name, self.key(), &e))
    }
}

/// The error of a struct's decoding when [`Members::read`] (its outcome `read`) failed, or a
/// required field has no value, which `read` has already refused: for the generated code's
/// last `match` arm. One plain `match` there, rather than `?` and a `let … else`, cost 2 % less
/// of `cargo check` on oxide-nexus (490 structs).
pub fn unfilled<E: Error>(read: Result<(), E>, type_name: &str) -> E {
    match read {
        Err(e) => e,
        Ok(()) => E::custom(format_args!("{type_name}: a required field has no value")),
    }
}

/// Reads a key into [`Members`] without allocating when the input lends it.
struct KeySeed<'a, 'de> {
    borrowed: &'a mut Option<&'de str>,
    buffer: &'a mut String,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, 'de> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, 'de> {
    type Value = ();

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a member name")
    }

    fn visit_borrowed_str<E: Error>(self, key: &'de str) -> Result<(), E> {
        *self.borrowed = Some(key);
        Ok(())
    }

    fn visit_str<E: Error>(self, key: &str) -> Result<(), E> {
        *self.borrowed = None;
        self.buffer.clear();
        self.buffer.push_str(key);
        Ok(())
    }
}

/// `error`, raised by the member `key` of `type_name`, as `Type.key: error`. An error already
/// located in a nested struct (`Inner.path: …`) extends its path instead
/// (`Type.key.path: …`), and a position serde_json appended is dropped, as serde_json appends
/// it again to the outermost error.
fn located<E: Error>(type_name: &str, key: &str, error: &E) -> E {
    let message = error.to_string();
    let message = strip_position(&message);
    let nested = message.split_once(": ").and_then(|(head, rest)| {
        let (inner, path) = head.split_once('.')?;
        let is_type = !inner.is_empty() && inner.bytes().all(|b| b.is_ascii_alphanumeric() || b == b'_');
        is_type.then_some((path, rest))
    });
    match nested {
        Some((path, rest)) => E::custom(format_args!("{type_name}.{key}.{path}: {rest}")),
        None => E::custom(format_args!("{type_name}.{key}: {message}")),
    }
}

/// `message` without a trailing ` at line L column C`.
fn strip_position(message: &str) -> &str {
    let Some((head, position)) = message.rsplit_once(" at line ") else { return message };
    let numbers = position.split_once(" column ");
    let is_position =
        numbers.is_some_and(|(line, column)| [line, column].iter().all(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit())));
    if is_position { head } else { message }
}

/// A string, borrowed from the input where it can be (serde's own `Cow<str>` always copies):
/// string enums match it and copy only a value they keep.
pub fn borrowed_str<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Cow<'de, str>, D::Error> {
    struct Text;

    impl<'de> Visitor<'de> for Text {
        type Value = Cow<'de, str>;

        fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
            f.write_str("a string")
        }

        fn visit_borrowed_str<E: Error>(self, value: &'de str) -> Result<Self::Value, E> {
            Ok(Cow::Borrowed(value))
        }

        fn visit_str<E: Error>(self, value: &str) -> Result<Self::Value, E> {
            Ok(Cow::Owned(value.to_owned()))
        }

        fn visit_string<E: Error>(self, value: String) -> Result<Self::Value, E> {
            Ok(Cow::Owned(value))
        }
    }

    deserializer.deserialize_str(Text)
}

/// An open string enum's value: the variant `known` gives, or else the text as sent, kept by
/// `unknown`. Known values decode without allocating. The generated `Deserialize` is this one
/// call: its own `?` and `match` in each enum cost 2 % of `cargo check` on oxide-nexus.
pub fn known_or<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    known: fn(&str) -> Option<T>,
    unknown: fn(String) -> T,
) -> Result<T, D::Error> {
    let value = borrowed_str(deserializer)?;
    Ok(match known(&value) {
        Some(known) => known,
        None => unknown(value.into_owned()),
    })
}

/// A closed string enum's value, through its `FromStr`, which refuses a value it does not list.
pub fn parsed<'de, D: Deserializer<'de>, T: std::str::FromStr<Err: fmt::Display>>(deserializer: D) -> Result<T, D::Error> {
    borrowed_str(deserializer)?.parse().map_err(Error::custom)
}

/// Reads any JSON value, for an untagged enum to try its variants on.
pub fn any_value<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Value, D::Error> {
    Value::deserialize(deserializer)
}

/// Tries to read `value` as `T`, for one variant of an untagged enum.
pub fn try_as<T: DeserializeOwned>(value: &Value) -> Option<T> {
    T::deserialize(value).ok()
}

/// A union's value: the JSON value read, then picked apart by the union's own `from_json`.
pub fn decode_union<'de, D: Deserializer<'de>, T>(
    deserializer: D,
    from_json: fn(Value) -> Result<T, serde_json::Error>,
) -> Result<T, D::Error> {
    from_json(any_value(deserializer)?).map_err(Error::custom)
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

    impl DecodeStruct for Point {
        fn decode<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
            let (mut x, mut label, mut extra) = (None, None, BTreeMap::new());
            let read = members(map, "Point").read_with_rest(&mut [("x", &mut x)], &mut [("label", &mut label)], Rest(&mut extra));
            match (read, x) {
                (Ok(()), Some(x)) => Ok(Self { x, label, extra }),
                (read, ..) => Err(unfilled(read, "Point")),
            }
        }
    }

    impl<'de> Deserialize<'de> for Point {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            decode_struct(deserializer)
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
        let null = serde_json::from_str::<Point>(r#"{"x": null}"#).unwrap_err();
        assert!(null.to_string().starts_with("Point.x: invalid type: null, expected a value"), "{null}");
        let not_object = serde_json::from_str::<Point>("[1]").unwrap_err();
        assert!(not_object.to_string().contains("invalid type: sequence"), "{not_object}");
    }

    #[derive(Debug)]
    struct Outer {
        points: Vec<Point>,
    }

    impl DecodeStruct for Outer {
        fn decode<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
            let mut points = None;
            let read = members(map, "Outer").read(&mut [("points", &mut points)], &mut []);
            match (read, points) {
                (Ok(()), Some(points)) => Ok(Self { points }),
                (read, ..) => Err(unfilled(read, "Outer")),
            }
        }
    }

    impl<'de> Deserialize<'de> for Outer {
        fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
            decode_struct(deserializer)
        }
    }

    #[test]
    fn nested_errors_give_the_whole_path_and_one_position() {
        let text = r#"{"other": [1, {"a": 2}], "points": [{"x": 1}, {"x": "two"}]}"#;
        let error = serde_json::from_str::<Outer>(text).unwrap_err();
        // One position, where serde_json ends the outermost struct holding the bad value.
        assert_eq!(error.to_string(), r#"Outer.points.x: invalid type: string "two", expected i64 at line 1 column 60"#);
        let error = serde_json::from_value::<Outer>(serde_json::json!({"points": [{"x": true}]})).unwrap_err();
        assert_eq!(error.to_string(), "Outer.points.x: invalid type: boolean `true`, expected i64");
    }

    #[test]
    fn keys_are_read_escaped_or_not_from_text_and_from_values() {
        let escaped: Point = serde_json::from_str(r#"{"\u0078": 7, "l\u0061bel": "here"}"#).unwrap();
        assert_eq!((escaped.x, escaped.label.as_deref()), (7, Some("here")));
        let from_reader: Point = serde_json::from_reader(&br#"{"x": 8, "b": false}"#[..]).unwrap();
        assert_eq!((from_reader.x, from_reader.extra), (8, BTreeMap::from([("b".to_owned(), false)])));
        let value: Outer = serde_json::from_value(serde_json::json!({"points": [{"x": 9, "y": true}]})).unwrap();
        assert_eq!(value.points[0].extra, BTreeMap::from([("y".to_owned(), true)]));
        // A member beyond the fields must be of the map's type: `null` is not a `bool`.
        let null = serde_json::from_str::<Point>(r#"{"x": 1, "y": null}"#).unwrap_err();
        assert!(null.to_string().starts_with("Point.y: invalid type: null, expected a boolean"), "{null}");
    }

    #[test]
    fn floats_beyond_f32_are_refused() {
        struct Weight(Option<f32>);
        impl DecodeStruct for Weight {
            fn decode<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                let mut weight = None;
                members(map, "Weight").read(&mut [], &mut [("weight", &mut Float(&mut weight))])?;
                Ok(Self(weight))
            }
        }
        impl<'de> Deserialize<'de> for Weight {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                decode_struct(deserializer)
            }
        }
        let error = serde_json::from_str::<Weight>(r#"{"weight": 1e308}"#).err().expect("refused");
        assert!(error.to_string().starts_with("Weight.weight: 1e308 is beyond the range of a 32-bit float"), "{error}");
        assert_eq!(serde_json::from_str::<Weight>(r#"{"weight": 3.4e38}"#).unwrap().0, Some(3.4e38));
        assert_eq!(serde_json::from_str::<Weight>(r#"{"weight": null}"#).unwrap().0, None);
    }

    #[test]
    fn a_required_field_of_any_value_keeps_null() {
        #[derive(Debug, PartialEq)]
        struct Any(Value);
        impl DecodeStruct for Any {
            fn decode<'de, A: MapAccess<'de>>(map: A) -> Result<Self, A::Error> {
                let mut value = None;
                let read = members(map, "Any").read(&mut [("value", &mut Present(&mut value))], &mut []);
                match (read, value) {
                    (Ok(()), Some(value)) => Ok(Self(value)),
                    (read, ..) => Err(unfilled(read, "Any")),
                }
            }
        }
        impl<'de> Deserialize<'de> for Any {
            fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                decode_struct(deserializer)
            }
        }
        assert_eq!(serde_json::from_str::<Any>(r#"{"value": null}"#).unwrap(), Any(Value::Null));
        let missing = serde_json::from_str::<Any>("{}").unwrap_err();
        assert!(missing.to_string().starts_with("missing field `value`"), "{missing}");
    }

    #[test]
    fn positions_are_stripped_only_when_they_are_positions() {
        assert_eq!(strip_position("bad at line 3 column 14"), "bad");
        assert_eq!(strip_position("bad at line three column 14"), "bad at line three column 14");
        assert_eq!(strip_position("no position"), "no position");
    }
}
