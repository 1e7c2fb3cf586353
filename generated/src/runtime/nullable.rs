//! [`Nullable`]: the type of a member that may be absent and may be `null`, two states a
//! server reads differently (a PATCH leaves an absent member alone and clears a `null` one).

use serde::{Deserialize, Deserializer, Serialize, Serializer};

/// A struct field whose member the schema lets be left out and also be `null`: absent, `null`,
/// or a value, each sent and decoded as itself.
///
/// An `Option<Option<T>>` would hold the same three states, but `Some(None)` does not say which
/// of them it is at a call site, and a match on it can mix them up; the variants here do.
///
/// It defaults to [`Absent`](Self::Absent), so a struct literal that ends in
/// `..Default::default()` sends only what it names, and `From<T>` makes a value:
///
/// ```
/// use generated::Nullable;
///
/// let name: Nullable<String> = "Ada".to_owned().into();
/// assert_eq!(name, Nullable::Value("Ada".to_owned()));
/// assert_eq!(name.as_ref().value(), Some(&"Ada".to_owned()));
/// assert!(Nullable::<String>::default().is_absent());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Default)]
pub enum Nullable<T> {
    /// The member is left out: a PATCH leaves the field as it is.
    #[default]
    Absent,
    /// The member is `null`: a PATCH clears the field.
    Null,
    /// The member has this value.
    Value(T),
}

impl<T> Nullable<T> {
    /// Whether the member is left out.
    pub fn is_absent(&self) -> bool {
        matches!(self, Self::Absent)
    }

    /// Whether the member is `null`.
    pub fn is_null(&self) -> bool {
        matches!(self, Self::Null)
    }

    /// The value, if there is one: absent and `null` are both `None`.
    pub fn value(self) -> Option<T> {
        match self {
            Self::Value(value) => Some(value),
            Self::Absent | Self::Null => None,
        }
    }

    /// A `Nullable` of a reference to the value.
    pub fn as_ref(&self) -> Nullable<&T> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(value),
        }
    }

    /// Maps the value, keeping absent and `null` as they are.
    pub fn map<U>(self, f: impl FnOnce(T) -> U) -> Nullable<U> {
        match self {
            Self::Absent => Nullable::Absent,
            Self::Null => Nullable::Null,
            Self::Value(value) => Nullable::Value(f(value)),
        }
    }

    /// `null` for `None`, else the value: for an `Option` that is to be sent either way.
    pub fn or_null(value: Option<T>) -> Self {
        value.map_or(Self::Null, Self::Value)
    }
}

impl<T> From<T> for Nullable<T> {
    fn from(value: T) -> Self {
        Self::Value(value)
    }
}

/// `null` for [`Null`](Nullable::Null), and for [`Absent`](Nullable::Absent) too when there is no
/// member to leave out (a generated struct leaves it out).
impl<T: Serialize> Serialize for Nullable<T> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        match self {
            Self::Value(value) => value.serialize(serializer),
            Self::Absent | Self::Null => serializer.serialize_none(),
        }
    }
}

/// `null` is [`Null`](Nullable::Null); a generated struct keeps a missing member
/// [`Absent`](Nullable::Absent).
impl<'de, T: Deserialize<'de>> Deserialize<'de> for Nullable<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        Option::deserialize(deserializer).map(Self::or_null)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn null_and_a_value_decode_as_themselves() {
        assert_eq!(serde_json::from_str::<Nullable<i64>>("null").unwrap(), Nullable::Null);
        assert_eq!(serde_json::from_str::<Nullable<i64>>("7").unwrap(), Nullable::Value(7));
        assert!(serde_json::from_str::<Nullable<i64>>("\"7\"").is_err());
    }

    #[test]
    fn accessors_keep_the_three_states_apart() {
        let states = [Nullable::Absent, Nullable::Null, Nullable::Value(2)];
        assert_eq!(states.map(|s| (s.is_absent(), s.is_null())), [(true, false), (false, true), (false, false)]);
        assert_eq!(states.map(|s| s.map(|v| v * 10)), [Nullable::Absent, Nullable::Null, Nullable::Value(20)]);
        assert_eq!(states.map(Nullable::value), [None, None, Some(2)]);
        assert_eq!(Nullable::or_null(None::<i64>), Nullable::Null);
        assert_eq!(Nullable::from(3), Nullable::Value(3));
    }
}
