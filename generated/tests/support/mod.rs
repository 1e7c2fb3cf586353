//! Shared by the generated example tests (`tests/*_examples.rs`).

use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;

/// Decodes `json` into `T`, encodes it back, and requires the same JSON.
///
/// Two differences are not differences: a `null` member and an absent one (optional nullable
/// fields are one `Option`), and `1` against `1.0` (a `number` field is an `f64`).
pub fn round_trip<T: DeserializeOwned + Serialize>(label: &str, json: &str) {
    let original: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("{label}: not JSON: {e}"));
    let typed: T = serde_json::from_value(original.clone())
        .unwrap_or_else(|e| panic!("{label}: does not decode into {}: {e}", std::any::type_name::<T>()));
    let encoded = serde_json::to_value(&typed).unwrap_or_else(|e| panic!("{label}: does not encode: {e}"));
    assert_eq!(normalize(encoded), normalize(original), "{label}: changed in a round trip");
}

fn normalize(value: Value) -> Value {
    match value {
        Value::Object(members) => {
            Value::Object(members.into_iter().filter(|(_, v)| !v.is_null()).map(|(k, v)| (k, normalize(v))).collect())
        }
        Value::Array(items) => Value::Array(items.into_iter().map(normalize).collect()),
        Value::Number(n) => n.as_f64().map_or(Value::Number(n), |f| serde_json::json!(f)),
        other => other,
    }
}
