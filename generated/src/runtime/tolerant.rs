//! The decoding policy's two allowances for what real servers send ("Decoding policy" in
//! `docs/specs.md`): a `date-time` without an offset, read as UTC, and an integer written with a
//! zero fraction (`1.0`), which JSON Schema itself counts as an integer. Everything else stays
//! strict. Struct fields of these types, and arrays and maps of them, are read through
//! [`Lenient`]; the values they hold are the ones a strict read would give.

use std::collections::BTreeMap;
use std::fmt;
use std::marker::PhantomData;

use chrono::{DateTime, NaiveDateTime, Utc};
use serde::de::{DeserializeSeed, Deserializer, Error, MapAccess, SeqAccess, Unexpected, Visitor};

use super::de::{Local, Slot};

/// A type read with the policy's allowances.
pub trait Tolerant: Sized {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error>;
}

/// A struct field's local, read with the policy's allowances.
pub struct Lenient<'a, L>(pub &'a mut L);

impl<'de, A: MapAccess<'de>, L: Local<Value: Tolerant>> Slot<'de, A> for Lenient<'_, L> {
    fn fill(&mut self, map: &mut A) -> Result<(), A::Error> {
        self.0.put(map.next_value_seed(Seed::<Option<L::Value>>(PhantomData))?);
        Ok(())
    }

    fn is_filled(&self) -> bool {
        self.0.holds_value()
    }
}

struct Seed<T>(PhantomData<T>);

impl<'de, T: Tolerant> DeserializeSeed<'de> for Seed<T> {
    type Value = T;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<T, D::Error> {
        T::read(deserializer)
    }
}

struct Integer<T>(PhantomData<T>);

impl<'de, T: TryFrom<i64> + TryFrom<u64>> Visitor<'de> for Integer<T> {
    type Value = T;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "an integer ({})", std::any::type_name::<T>())
    }

    fn visit_i64<E: Error>(self, value: i64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Signed(value), &self))
    }

    fn visit_u64<E: Error>(self, value: u64) -> Result<T, E> {
        T::try_from(value).map_err(|_| E::invalid_value(Unexpected::Unsigned(value), &self))
    }

    /// `1.0` is the integer 1; `1.5`, and a value beyond the type's range, are not integers.
    fn visit_f64<E: Error>(self, value: f64) -> Result<T, E> {
        let whole = value.fract() == 0.0 && value.abs() < 2f64.powi(63);
        if whole {
            // Exact: a whole `f64` below 2^63 converts to `i64` without loss.
            if let Ok(n) = T::try_from(value as i64) {
                return Ok(n);
            }
        }
        Err(E::invalid_type(Unexpected::Float(value), &self))
    }
}

macro_rules! integers {
    ($($ty:ty),*) => {$(
        impl Tolerant for $ty {
            fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
                deserializer.deserialize_any(Integer::<$ty>(PhantomData))
            }
        }
    )*};
}

integers!(i32, i64);

struct Timestamp;

impl Visitor<'_> for Timestamp {
    type Value = DateTime<Utc>;

    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an RFC 3339 date and time")
    }

    fn visit_str<E: Error>(self, value: &str) -> Result<Self::Value, E> {
        timestamp(value).ok_or_else(|| E::invalid_value(Unexpected::Str(value), &self))
    }
}

/// `text` as an instant: RFC 3339, with a lower-case `t` or `z` or a space for the `T` (RFC
/// 3339 allows both), and, read as UTC, without an offset (pydantic's naive `datetime`, Java's
/// `LocalDateTime`, .NET's `DateTime`).
pub fn timestamp(text: &str) -> Option<DateTime<Utc>> {
    if let Ok(exact) = DateTime::parse_from_rfc3339(text) {
        return Some(exact.with_timezone(&Utc));
    }
    let bytes = text.as_bytes();
    if bytes.len() < 19 || !matches!(bytes[10], b'T' | b't' | b' ') {
        return None;
    }
    let mut normal = String::with_capacity(text.len() + 1);
    normal.push_str(&text[..10]);
    normal.push('T');
    normal.push_str(&text[11..]);
    if normal.ends_with('z') {
        normal.pop();
        normal.push('Z');
    }
    if let Ok(exact) = DateTime::parse_from_rfc3339(&normal) {
        return Some(exact.with_timezone(&Utc));
    }
    NaiveDateTime::parse_from_str(&normal, "%Y-%m-%dT%H:%M:%S%.f").ok().map(|naive| naive.and_utc())
}

impl Tolerant for DateTime<Utc> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_str(Timestamp)
    }
}

impl<T: Tolerant> Tolerant for Option<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Nullable<T>(PhantomData<T>);

        impl<'de, T: Tolerant> Visitor<'de> for Nullable<T> {
            type Value = Option<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a value or null")
            }

            fn visit_none<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
                Ok(None)
            }

            fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
                T::read(deserializer).map(Some)
            }
        }

        deserializer.deserialize_option(Nullable(PhantomData))
    }
}

impl<T: Tolerant> Tolerant for Vec<T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Items<T>(PhantomData<T>);

        impl<'de, T: Tolerant> Visitor<'de> for Items<T> {
            type Value = Vec<T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("an array")
            }

            fn visit_seq<S: SeqAccess<'de>>(self, mut seq: S) -> Result<Self::Value, S::Error> {
                let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0).min(4096));
                while let Some(item) = seq.next_element_seed(Seed::<T>(PhantomData))? {
                    items.push(item);
                }
                Ok(items)
            }
        }

        deserializer.deserialize_seq(Items(PhantomData))
    }
}

impl<T: Tolerant> Tolerant for BTreeMap<String, T> {
    fn read<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Entries<T>(PhantomData<T>);

        impl<'de, T: Tolerant> Visitor<'de> for Entries<T> {
            type Value = BTreeMap<String, T>;

            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("a JSON object")
            }

            fn visit_map<M: MapAccess<'de>>(self, mut map: M) -> Result<Self::Value, M::Error> {
                let mut entries = BTreeMap::new();
                while let Some(key) = map.next_key::<String>()? {
                    entries.insert(key, map.next_value_seed(Seed::<T>(PhantomData))?);
                }
                Ok(entries)
            }
        }

        deserializer.deserialize_map(Entries(PhantomData))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read<T: Tolerant>(json: &str) -> Result<T, serde_json::Error> {
        T::read(&mut serde_json::Deserializer::from_str(json))
    }

    #[test]
    fn timestamps_without_an_offset_are_utc() {
        let utc = |s: &str| DateTime::parse_from_rfc3339(s).unwrap().with_timezone(&Utc);
        assert_eq!(timestamp("2024-01-02T03:04:05.400000"), Some(utc("2024-01-02T03:04:05.4Z")));
        assert_eq!(timestamp("2024-01-02 03:04:05"), Some(utc("2024-01-02T03:04:05Z")));
        assert_eq!(timestamp("2024-01-02t03:04:05z"), Some(utc("2024-01-02T03:04:05Z")));
        assert_eq!(timestamp("2024-01-02T03:04:05+02:00"), Some(utc("2024-01-02T01:04:05Z")));
        for wrong in ["2024-01-02", "2024-01-02T03:04", "03:04:05", "2024-13-02T03:04:05", "yesterday", "2024-01-02X03:04:05"] {
            assert_eq!(timestamp(wrong), None, "{wrong}");
        }
    }

    #[test]
    fn integers_may_have_a_zero_fraction_and_nothing_else() {
        assert_eq!(read::<i64>("1.0").unwrap(), 1);
        assert_eq!(read::<i64>("-3").unwrap(), -3);
        assert_eq!(read::<i32>("2e3").unwrap(), 2000);
        assert!(read::<i64>("1.5").unwrap_err().to_string().contains("floating point `1.5`"));
        assert!(read::<i32>("3000000000").is_err(), "beyond i32");
        assert!(read::<i32>("3000000000.0").is_err(), "beyond i32, as a decimal");
        assert!(read::<i64>("1e300").is_err());
        assert!(read::<i64>("\"1\"").is_err());
    }

    #[test]
    fn containers_carry_the_allowances() {
        assert_eq!(read::<Vec<Option<i64>>>("[1.0, null, 2]").unwrap(), [Some(1), None, Some(2)]);
        let at = read::<BTreeMap<String, DateTime<Utc>>>(r#"{"a": "2024-01-02T03:04:05"}"#).unwrap();
        assert_eq!(at["a"].to_rfc3339(), "2024-01-02T03:04:05+00:00");
        assert!(read::<Vec<i64>>("[1, 2.5]").is_err());
    }
}
