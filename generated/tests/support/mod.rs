//! Shared by the generated example tests (`tests/*_examples.rs`).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `json` into `T`, encodes it back, and requires the same JSON.
///
/// Two differences are not differences: a `null` member the encoding leaves out (an optional
/// field that the schema does not let be `null` reads `null` as `None`: the example's slip), and
/// `1` against `1.0` (a `number` field is an `f64`). A `null` the encoding adds, or one it drops
/// where it keeps the member's value otherwise, is a difference.
pub fn round_trip<T: DeserializeOwned + Serialize>(label: &str, json: &str) {
    let original: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{label}: not JSON: {e}"));
    let typed: T = serde_json::from_value(original.clone())
        .unwrap_or_else(|e| panic!("{label}: does not decode into {}: {e}", std::any::type_name::<T>()));
    let encoded = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{label}: does not encode: {e}"));
    let original = normalize(without_dropped_nulls(original, &encoded));
    assert_eq!(normalize(encoded), original, "{label}: changed in a round trip");
}

/// `original` without the `null` members that `encoded` does not have.
fn without_dropped_nulls(original: Value, encoded: &Value) -> Value {
    match (original, encoded) {
        (Value::Object(members), Value::Object(kept)) => Value::Object(
            members
                .into_iter()
                .filter(|(k, v)| !v.is_null() || kept.contains_key(k))
                .map(|(k, v)| {
                    let v = match kept.get(&k) {
                        Some(e) => without_dropped_nulls(v, e),
                        None => v,
                    };
                    (k, v)
                })
                .collect(),
        ),
        (Value::Array(items), Value::Array(kept)) => Value::Array(
            items
                .into_iter()
                .enumerate()
                .map(|(i, v)| match kept.get(i) {
                    Some(e) => without_dropped_nulls(v, e),
                    None => v,
                })
                .collect(),
        ),
        (original, _) => original,
    }
}

fn normalize(value: Value) -> Value {
    match value {
        Value::Object(members) => Value::Object(members.into_iter().map(|(k, v)| (k, normalize(v))).collect()),
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        Value::Number(n) => n.as_f64().map_or(Value::Number(n), |f| serde_json::json!(f)),
        other => other,
    }
}
