//! Schemas: the few keywords whose 2.0 spelling differs from 3.0, found by walking the keywords
//! that hold schemas (a property named `$ref` or `type` is left alone).

use serde_json::Value;

use super::{Object, slip};
use crate::error::push_pointer;
use crate::load::notes::Notes;

/// What a non-body parameter, a header or an items object shares with a schema.
const TYPE_KEYS: &[&str] = &[
    "type",
    "format",
    "items",
    "default",
    "maximum",
    "exclusiveMaximum",
    "minimum",
    "exclusiveMinimum",
    "maxLength",
    "minLength",
    "pattern",
    "maxItems",
    "minItems",
    "uniqueItems",
    "enum",
    "multipleOf",
];

/// The keys of a non-body parameter or header that go into its 3.0 `schema`.
pub(super) fn is_schema_key(key: &str) -> bool {
    TYPE_KEYS.contains(&key) || key == "x-nullable" || key == "$ref"
}

/// A 2.0 schema (at input pointer `at`) as a 3.0 one.
pub(super) fn convert(value: &Value, at: &str, notes: &mut Notes) -> Value {
    let Value::Object(map) = value else {
        // Not a schema at all: kept, so the 3.0 parse reports it where the user wrote it.
        return value.clone();
    };
    let mut out = Object::new();
    let mut lifted = Vec::new();
    let mut file = false;
    for (key, v) in map {
        let here = push_pointer(at, key);
        let converted = match key.as_str() {
            // Siblings of a `$ref` (often `x-nullable`) are converted like any others; a
            // nullable reference is wrapped below, since 3.0 ignores a `$ref`'s siblings.
            "$ref" => reference(v, &here, notes),
            "x-nullable" => {
                match v {
                    Value::Bool(true) => {
                        out.insert("nullable".into(), Value::Bool(true));
                    }
                    Value::Bool(false) => {}
                    _ => slip(notes, here, "`x-nullable` is not a boolean; ignored"),
                }
                continue;
            }
            "type" => match kind(v, &here, notes) {
                Kind::File => {
                    file = true;
                    Value::String("string".into())
                }
                Kind::Nullable(t) => {
                    out.insert("nullable".into(), Value::Bool(true));
                    t
                }
                Kind::As(t) => t,
                Kind::Any => continue,
            },
            "discriminator" => match v {
                Value::String(name) => {
                    let mut d = Object::new();
                    d.insert("propertyName".into(), Value::String(name.clone()));
                    Value::Object(d)
                }
                Value::Object(_) => v.clone(),
                _ => {
                    slip(notes, here, "`discriminator` is not a property name; dropped");
                    continue;
                }
            },
            "required" if v.is_boolean() => {
                // 2.0 (like 3.0) lists required properties in the parent; `properties` lifts them.
                let message = "`required` as a boolean is not Swagger 2.0; dropped (a property marked \
                               `required: true` is listed in its parent's `required` instead)";
                slip(notes, here, message);
                continue;
            }
            "properties" => properties(v, &here, notes, &mut lifted),
            "items" => items(v, &here, notes),
            "additionalProperties" | "not" => convert(v, &here, notes),
            "allOf" | "anyOf" | "oneOf" => match v {
                Value::Array(list) => {
                    Value::Array(list.iter().enumerate().map(|(i, s)| convert(s, &push_pointer(&here, &i.to_string()), notes)).collect())
                }
                _ => v.clone(),
            },
            _ => v.clone(),
        };
        out.insert(key.clone(), converted);
    }
    if file {
        // 2.0's `type: file` (an upload or a download) is 3.0's binary string; any format yields.
        out.insert("format".into(), Value::String("binary".into()));
    }
    if !lifted.is_empty() {
        match out.get_mut("required") {
            Some(Value::Array(required)) => {
                for name in lifted {
                    if !required.iter().any(|r| r.as_str() == Some(&name)) {
                        required.push(Value::String(name));
                    }
                }
            }
            Some(_) => {}
            None => {
                out.insert("required".into(), Value::Array(lifted.into_iter().map(Value::String).collect()));
            }
        }
    }
    if out.get("nullable") == Some(&Value::Bool(true)) {
        if let Some(reference) = out.shift_remove("$ref") {
            out.insert("allOf".into(), serde_json::json!([{ "$ref": reference }]));
        }
    }
    Value::Object(out)
}

/// The schema part of a non-body parameter, a header or an items object (at `at`), not yet
/// converted: its type keywords, with nested items objects' `collectionFormat` dropped.
pub(super) fn simple(obj: &Object, at: &str, notes: &mut Notes) -> Object {
    let mut out = Object::new();
    for (key, v) in obj {
        match (key.as_str(), v) {
            ("items", Value::Object(items)) => {
                let here = push_pointer(at, "items");
                match items.get("collectionFormat") {
                    None => {}
                    Some(cf) if cf.as_str() == Some("csv") => {}
                    Some(_) => slip(
                        notes,
                        push_pointer(&here, "collectionFormat"),
                        "a nested array's `collectionFormat` cannot be expressed in OpenAPI 3.0; ignored",
                    ),
                }
                out.insert(key.clone(), Value::Object(simple(items, &here, notes)));
            }
            (key, v) if is_schema_key(key) => {
                out.insert(key.to_owned(), v.clone());
            }
            _ => {}
        }
    }
    out
}

/// What a `type` keyword becomes.
enum Kind {
    File,
    /// One type and `"null"` in a list (not 2.0, but common): the type, nullable.
    Nullable(Value),
    As(Value),
    /// Dropped: the schema accepts any value.
    Any,
}

fn kind(v: &Value, at: &str, notes: &mut Notes) -> Kind {
    match v {
        Value::String(t) if t == "file" => Kind::File,
        Value::Array(types) => {
            let named: Vec<&Value> = types.iter().filter(|t| t.as_str() != Some("null")).collect();
            let nullable = named.len() < types.len();
            match named.as_slice() {
                [Value::String(t)] => {
                    let nullable_note = if nullable { ", nullable" } else { "" };
                    slip(notes, at, format!("a list of types is not OpenAPI 3.0; read as `{t}`{nullable_note}"));
                    let t = Value::String(t.clone());
                    if nullable { Kind::Nullable(t) } else { Kind::As(t) }
                }
                _ => {
                    slip(notes, at, "a list of types is not OpenAPI 3.0; any value is accepted");
                    Kind::Any
                }
            }
        }
        _ => Kind::As(v.clone()),
    }
}

fn reference(v: &Value, at: &str, notes: &mut Notes) -> Value {
    match v.as_str() {
        Some(r) => match r.strip_prefix("#/definitions/") {
            Some(rest) => Value::String(format!("#/components/schemas/{rest}")),
            None => {
                slip(notes, at, format!("`$ref: {r}` does not point into #/definitions; kept as written"));
                v.clone()
            }
        },
        None => v.clone(),
    }
}

/// `properties`, with a property's `required: true` (not 2.0, but common) lifted into the
/// parent's `required` list, where 3.0 (and 2.0) want it.
fn properties(v: &Value, at: &str, notes: &mut Notes, lifted: &mut Vec<String>) -> Value {
    let Value::Object(props) = v else { return v.clone() };
    let mut out = Object::new();
    for (name, p) in props {
        if p.get("required") == Some(&Value::Bool(true)) {
            lifted.push(name.clone());
        }
        out.insert(name.clone(), convert(p, &push_pointer(at, name), notes));
    }
    Value::Object(out)
}

fn items(v: &Value, at: &str, notes: &mut Notes) -> Value {
    match v {
        Value::Array(list) => {
            slip(notes, at, "a list of `items` (a tuple) is not OpenAPI 3.0; the first is used for every item");
            match list.first() {
                Some(first) => convert(first, &push_pointer(at, "0"), notes),
                None => Value::Object(Object::new()),
            }
        }
        _ => convert(v, at, notes),
    }
}
