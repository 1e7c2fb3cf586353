//! The validation keywords of a field's or parameter's own schema (`maxLength`, `minimum`,
//! `pattern`, `minItems`, …). The generated types do not enforce them; the change report
//! compares them, because a server that checks a new or tighter one refuses values old
//! clients send. A `$ref`'s target is not followed: its keywords belong to the named type.

use std::borrow::Borrow;

use openapiv3::{ReferenceOr, Schema, SchemaKind, Type};

use crate::model::Constraints;

/// The keywords of a schema and of its array items, if inline.
pub(super) fn of<S: Borrow<Schema>>(schema: &ReferenceOr<S>) -> Constraints {
    let mut out = Constraints::new();
    if let ReferenceOr::Item(schema) = schema {
        collect(schema.borrow(), "", &mut out);
    }
    out
}

fn collect(schema: &Schema, prefix: &str, out: &mut Constraints) {
    let mut push = |keyword: &str, value: String| out.push((format!("{prefix}{keyword}"), value));
    let bound = |exclusive: bool, inclusive: &'static str, strict: &'static str| if exclusive { strict } else { inclusive };
    let SchemaKind::Type(ty) = &schema.schema_kind else { return };
    match ty {
        Type::String(s) => {
            if let Some(n) = s.min_length {
                push("minLength", n.to_string());
            }
            if let Some(n) = s.max_length {
                push("maxLength", n.to_string());
            }
            if let Some(p) = &s.pattern {
                // As a JSON string: one line, and quotes that show where it ends.
                push("pattern", serde_json::Value::from(p.as_str()).to_string());
            }
        }
        Type::Integer(i) => {
            if let Some(n) = i.minimum {
                push(bound(i.exclusive_minimum, "minimum", "exclusiveMinimum"), n.to_string());
            }
            if let Some(n) = i.maximum {
                push(bound(i.exclusive_maximum, "maximum", "exclusiveMaximum"), n.to_string());
            }
            if let Some(n) = i.multiple_of {
                push("multipleOf", n.to_string());
            }
        }
        Type::Number(f) => {
            if let Some(n) = f.minimum {
                push(bound(f.exclusive_minimum, "minimum", "exclusiveMinimum"), n.to_string());
            }
            if let Some(n) = f.maximum {
                push(bound(f.exclusive_maximum, "maximum", "exclusiveMaximum"), n.to_string());
            }
            if let Some(n) = f.multiple_of {
                push("multipleOf", n.to_string());
            }
        }
        Type::Array(a) => {
            if let Some(n) = a.min_items {
                push("minItems", n.to_string());
            }
            if let Some(n) = a.max_items {
                push("maxItems", n.to_string());
            }
            if a.unique_items {
                push("uniqueItems", "true".to_owned());
            }
            if let Some(ReferenceOr::Item(items)) = &a.items {
                collect(items, &format!("{prefix}items."), out);
            }
        }
        Type::Object(o) => {
            if let Some(n) = o.min_properties {
                push("minProperties", n.to_string());
            }
            if let Some(n) = o.max_properties {
                push("maxProperties", n.to_string());
            }
        }
        Type::Boolean(_) => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keywords(json: serde_json::Value) -> Vec<String> {
        let schema: ReferenceOr<Schema> = serde_json::from_value(json).unwrap();
        of(&schema).into_iter().map(|(k, v)| format!("{k} {v}")).collect()
    }

    #[test]
    fn keywords_of_each_type_and_of_array_items() {
        assert_eq!(
            keywords(serde_json::json!({"type": "string", "maxLength": 5, "pattern": "^a\"b$"})),
            ["maxLength 5", r#"pattern "^a\"b$""#]
        );
        assert_eq!(
            keywords(serde_json::json!({"type": "integer", "minimum": 1, "exclusiveMaximum": true, "maximum": 9})),
            ["minimum 1", "exclusiveMaximum 9"]
        );
        assert_eq!(keywords(serde_json::json!({"type": "number", "multipleOf": 0.5})), ["multipleOf 0.5"]);
        assert_eq!(
            keywords(serde_json::json!({"type": "array", "minItems": 1, "uniqueItems": true, "items": {"type": "string", "minLength": 2}})),
            ["minItems 1", "uniqueItems true", "items.minLength 2"]
        );
        assert!(keywords(serde_json::json!({"$ref": "#/components/schemas/Name"})).is_empty());
        assert!(keywords(serde_json::json!({"type": "boolean"})).is_empty());
    }
}
