//! OpenAPI 3.1 → the 3.0 shape the rest of the generator reads. 3.1 schemas are JSON Schema
//! 2020-12; each keyword 3.0 lacks is rewritten into its 3.0 equivalent where one exists, and
//! otherwise carried in an `x-codegen-*` extension that the lowering stage reads:
//!
//! - `type: [T, "null"]`, and `anyOf`/`oneOf` with a `{type: "null"}` alternative, → `nullable`;
//!   other type lists → `oneOf` of one schema per type;
//! - `const` → a one-value `enum`, marked `x-codegen-const` for strings (a closed literal);
//! - `examples` (a list) → `example` (the first) and `x-codegen-examples` (all);
//! - `$ref` beside `description`, `default`, … → `allOf: [$ref]` beside them, so they count;
//! - `prefixItems` → `items: {oneOf: [...]}` marked `x-codegen-tuple`;
//! - `contentMediaType`/`contentEncoding` → `format: binary`/`byte`;
//! - numeric `exclusiveMinimum`/`exclusiveMaximum` → `minimum` plus the 3.0 boolean.
//!
//! Webhooks, `components/pathItems` (already copied where used) and documents without `paths`
//! are left to the loading stage around this step.

use serde_json::{Map, Value, json};

use crate::error::push_pointer;
use crate::load::notes::Notes;
use crate::load::walk::{Role, walk};

/// The extension marking a string `const`: the type accepts that one value only.
pub(crate) const CONST: &str = "x-codegen-const";
/// The extension holding every example of a 3.1 `examples` list.
pub(crate) const EXAMPLES: &str = "x-codegen-examples";
/// The extension marking an array whose `items.oneOf` lists a tuple's members in order.
pub(crate) const TUPLE: &str = "x-codegen-tuple";

/// Keywords that describe a schema where it is used rather than what it is: kept on the use when
/// a `$ref` sits beside them.
pub(crate) const USE_SITE: [&str; 10] =
    ["description", "summary", "title", "default", "deprecated", "readOnly", "writeOnly", "example", "examples", "nullable"];

/// 3.1's numeric exclusive bounds, each with the 3.0 bound it becomes (beside the 3.0 boolean).
pub(crate) const EXCLUSIVE_BOUNDS: [(&str, &str); 2] = [("exclusiveMinimum", "minimum"), ("exclusiveMaximum", "maximum")];

pub(crate) fn upgrade(doc: &mut Value, notes: &mut Notes) {
    if let Value::Object(root) = doc {
        root.insert("openapi".to_owned(), json!("3.0.3"));
        root.entry("paths").or_insert_with(|| json!({}));
    }
    let mutual_tls = mutual_tls_schemes(doc, notes);
    walk(doc, &mut String::new(), Role::Root, &mut |node, pointer, role| {
        let Value::Object(map) = node else { return };
        match role {
            Role::Schema => upgrade_schema(map, pointer, notes),
            Role::Root | Role::Operation => without_schemes(map, &mutual_tls),
            _ => {}
        }
    });
}

/// Removes the `mutualTLS` security schemes (3.1), with a warning each, and returns their
/// names. The client certificate they ask for belongs to the TLS connection, which the user
/// configures on the HTTP client they give the generated one; the generated code has nothing
/// to send for them.
fn mutual_tls_schemes(doc: &mut Value, notes: &mut Notes) -> Vec<String> {
    let Some(Value::Object(schemes)) = doc.pointer_mut("/components/securitySchemes") else { return Vec::new() };
    let names: Vec<String> = schemes
        .iter()
        .filter(|(_, scheme)| scheme.get("type").and_then(Value::as_str) == Some("mutualTLS"))
        .map(|(name, _)| name.clone())
        .collect();
    for name in &names {
        schemes.shift_remove(name);
        notes.slip(
            push_pointer("/components/securitySchemes", name),
            format!(
                "the `mutualTLS` scheme `{name}` is a client certificate, which goes on the HTTP client \
                 (`reqwest::ClientBuilder::identity`, then `with_http_client`); dropped, so requirements naming it ask for nothing more"
            ),
        );
    }
    names
}

/// Takes `schemes` out of the security requirements of a root or operation node.
fn without_schemes(map: &mut Map<String, Value>, schemes: &[String]) {
    if schemes.is_empty() {
        return;
    }
    let Some(Value::Array(requirements)) = map.get_mut("security") else { return };
    for requirement in requirements {
        if let Value::Object(requirement) = requirement {
            requirement.retain(|name, _| !schemes.contains(name));
        }
    }
}

fn upgrade_schema(schema: &mut Map<String, Value>, pointer: &str, notes: &mut Notes) {
    ref_beside_keywords(schema);
    type_list(schema);
    for keyword in ["anyOf", "oneOf"] {
        if null_alternative(schema, keyword) {
            // The alternative merged in may itself use 3.1 keywords.
            type_list(schema);
        }
    }
    if schema.get("type").and_then(Value::as_str) == Some("null") {
        schema.remove("type");
        schema.insert("nullable".to_owned(), json!(true));
    }
    constant(schema);
    examples(schema);
    tuple(schema, pointer, notes);
    content(schema);
    for (exclusive, bound) in EXCLUSIVE_BOUNDS {
        if let Some(limit) = schema.get(exclusive).filter(|v| v.is_number()).cloned() {
            schema.insert(bound.to_owned(), limit);
            schema.insert(exclusive.to_owned(), json!(true));
        }
    }
}

fn ref_beside_keywords(schema: &mut Map<String, Value>) {
    if !schema.contains_key("$ref") || !schema.keys().any(|k| USE_SITE.contains(&k.as_str())) {
        return;
    }
    let reference = schema.remove("$ref").unwrap_or_default();
    if let Some(summary) = schema.remove("summary") {
        schema.entry("description").or_insert(summary);
    }
    schema.insert("allOf".to_owned(), json!([{ "$ref": reference }]));
}

/// Keywords that apply to one JSON type only; the rest apply to every type.
fn applies_to(keyword: &str) -> Option<&'static str> {
    Some(match keyword {
        "pattern" | "minLength" | "maxLength" | "contentMediaType" | "contentEncoding" => "string",
        "minimum" | "maximum" | "exclusiveMinimum" | "exclusiveMaximum" | "multipleOf" => "number",
        "items" | "prefixItems" | "minItems" | "maxItems" | "uniqueItems" | "contains" => "array",
        "properties" | "required" | "additionalProperties" | "patternProperties" | "minProperties" | "maxProperties" => "object",
        _ => return None,
    })
}

/// `type: [..]`: `null` makes the schema nullable; several other types become alternatives.
fn type_list(schema: &mut Map<String, Value>) {
    let Some(Value::Array(types)) = schema.get("type") else { return };
    let mut types: Vec<String> = types.iter().filter_map(Value::as_str).map(str::to_owned).collect();
    if let Some(null) = types.iter().position(|t| t == "null") {
        types.remove(null);
        schema.insert("nullable".to_owned(), json!(true));
    }
    match types.as_slice() {
        [] => {
            schema.remove("type");
        }
        [only] => {
            schema.insert("type".to_owned(), json!(only));
        }
        _ if schema.contains_key("oneOf") || schema.contains_key("anyOf") => {
            // Alternatives of their own already say more than the type list.
            schema.remove("type");
        }
        _ => {
            schema.remove("type");
            let alternatives: Vec<Value> = types
                .iter()
                .map(|t| {
                    let family = if t == "integer" { "number" } else { t.as_str() };
                    let mut alternative = Map::new();
                    alternative.insert("type".to_owned(), json!(t));
                    for (keyword, value) in schema.iter() {
                        if applies_to(keyword) == Some(family) || (keyword == "format" && family != "boolean") {
                            alternative.insert(keyword.clone(), value.clone());
                        }
                    }
                    if let Some(Value::Array(values)) = schema.get("enum") {
                        let own: Vec<&Value> = values.iter().filter(|v| json_type(v) == family).collect();
                        if !own.is_empty() {
                            alternative.insert("enum".to_owned(), json!(own));
                        }
                    }
                    Value::Object(alternative)
                })
                .collect();
            schema.retain(|k, _| applies_to(k).is_none() && k != "format" && k != "enum");
            schema.insert("oneOf".to_owned(), Value::Array(alternatives));
        }
    }
}

fn json_type(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

fn is_null_schema(alternative: &Value) -> bool {
    match alternative.get("type") {
        Some(Value::String(t)) => t == "null",
        Some(Value::Array(types)) => types.iter().all(|t| t == "null"),
        _ => alternative.get("const").is_some_and(Value::is_null),
    }
}

/// `anyOf: [X, {type: null}]` (pydantic's `Optional[X]`) → X, nullable. Returns `true` when a
/// lone alternative was merged into the schema.
fn null_alternative(schema: &mut Map<String, Value>, keyword: &str) -> bool {
    let Some(Value::Array(alternatives)) = schema.get_mut(keyword) else { return false };
    let before = alternatives.len();
    alternatives.retain(|a| !is_null_schema(a));
    if alternatives.len() == before || alternatives.is_empty() {
        return false;
    }
    let lone = (alternatives.len() == 1).then(|| alternatives.remove(0));
    schema.insert("nullable".to_owned(), json!(true));
    let Some(lone) = lone else { return false };
    schema.remove(keyword);
    if schema.contains_key("discriminator") {
        schema.insert(keyword.to_owned(), json!([lone]));
        return false;
    }
    match lone {
        Value::Object(alternative) if alternative.contains_key("$ref") => {
            let mut parts = vec![Value::Object(alternative)];
            if let Some(Value::Array(existing)) = schema.remove("allOf") {
                parts.extend(existing);
            }
            schema.insert("allOf".to_owned(), Value::Array(parts));
            false
        }
        Value::Object(alternative) => {
            for (key, value) in alternative {
                schema.entry(key).or_insert(value);
            }
            true
        }
        _ => false,
    }
}

fn constant(schema: &mut Map<String, Value>) {
    let Some(value) = schema.remove("const") else { return };
    match &value {
        Value::Null => {
            schema.insert("nullable".to_owned(), json!(true));
        }
        Value::String(_) => {
            schema.entry("type").or_insert_with(|| json!("string"));
            schema.insert("enum".to_owned(), json!([value]));
            schema.insert(CONST.to_owned(), value);
        }
        _ => {
            let family = json_type(&value);
            let ty = if family == "number" && (value.is_i64() || value.is_u64()) { "integer" } else { family };
            schema.entry("type").or_insert_with(|| json!(ty));
            schema.insert("enum".to_owned(), json!([value]));
        }
    }
}

fn examples(schema: &mut Map<String, Value>) {
    let Some(Value::Array(all)) = schema.remove("examples") else { return };
    if let Some(first) = all.first() {
        schema.entry("example").or_insert_with(|| first.clone());
        schema.insert(EXAMPLES.to_owned(), Value::Array(all));
    }
}

/// `prefixItems` with no further items: a tuple. With further items allowed, its members
/// become alternatives of one item type.
fn tuple(schema: &mut Map<String, Value>, pointer: &str, notes: &mut Notes) {
    let Some(Value::Array(members)) = schema.remove("prefixItems") else { return };
    let closed = matches!(schema.get("items"), None | Some(Value::Bool(false)));
    if closed && !members.is_empty() {
        schema.insert("items".to_owned(), json!({ "oneOf": members }));
        schema.insert(TUPLE.to_owned(), json!(true));
    } else if !closed {
        let mut alternatives = members;
        alternatives.extend(schema.remove("items"));
        schema.insert("items".to_owned(), json!({ "anyOf": alternatives }));
        notes.slip(pointer, "`prefixItems` followed by more `items` has no Rust tuple; typed as a list of any of them");
    }
    schema.entry("type").or_insert_with(|| json!("array"));
}

/// 3.1 says "binary" with a media type and "base64" with an encoding, not with `format`.
fn content(schema: &mut Map<String, Value>) {
    if schema.contains_key("format") {
        return;
    }
    let encoding = schema.get("contentEncoding").and_then(Value::as_str);
    let media = schema.get("contentMediaType").and_then(Value::as_str);
    let format = match (encoding, media) {
        (Some(e), _) if e.eq_ignore_ascii_case("base64") || e.eq_ignore_ascii_case("base64url") => "byte",
        (None, Some(m)) if !m.starts_with("text/") && !m.contains("json") && !m.contains("xml") => "binary",
        _ => return,
    };
    schema.entry("type").or_insert_with(|| json!("string"));
    schema.insert("format".to_owned(), json!(format));
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn schema(value: Value) -> Value {
        let mut doc = json!({"openapi": "3.1.0", "components": {"schemas": {"S": value}}});
        upgrade(&mut doc, &mut Notes::default());
        doc["components"]["schemas"]["S"].take()
    }

    #[test]
    fn null_in_a_type_list_is_nullable() {
        assert_eq!(schema(json!({"type": ["string", "null"]})), json!({"type": "string", "nullable": true}));
    }

    #[test]
    fn several_types_become_alternatives() {
        let s = schema(json!({"type": ["string", "integer"], "format": "int64", "maxLength": 3, "description": "d"}));
        assert_eq!(
            s,
            json!({"description": "d", "oneOf": [
                {"type": "string", "format": "int64", "maxLength": 3},
                {"type": "integer", "format": "int64"}
            ]})
        );
    }

    #[test]
    fn optional_of_a_ref_or_of_an_inline_schema() {
        let s = schema(json!({"anyOf": [{"$ref": "#/components/schemas/A"}, {"type": "null"}], "description": "d"}));
        assert_eq!(s, json!({"description": "d", "nullable": true, "allOf": [{"$ref": "#/components/schemas/A"}]}));
        let s = schema(json!({"anyOf": [{"type": "string", "format": "date-time"}, {"type": "null"}], "title": "T"}));
        assert_eq!(s, json!({"title": "T", "nullable": true, "type": "string", "format": "date-time"}));
        let s = schema(json!({"oneOf": [{"type": "string"}, {"type": "integer"}, {"type": "null"}]}));
        assert_eq!(s, json!({"oneOf": [{"type": "string"}, {"type": "integer"}], "nullable": true}));
    }

    #[test]
    fn string_consts_are_closed_literals() {
        assert_eq!(schema(json!({"const": "cat"})), json!({"type": "string", "enum": ["cat"], "x-codegen-const": "cat"}));
        assert_eq!(schema(json!({"const": 3})), json!({"type": "integer", "enum": [3]}));
    }

    #[test]
    fn ref_siblings_are_kept_on_the_use() {
        let s = schema(json!({"$ref": "#/components/schemas/A", "summary": "s", "default": 1}));
        assert_eq!(s, json!({"description": "s", "default": 1, "allOf": [{"$ref": "#/components/schemas/A"}]}));
        assert_eq!(schema(json!({"$ref": "#/x"})), json!({"$ref": "#/x"}));
    }

    #[test]
    fn examples_tuples_content_and_exclusive_bounds() {
        let s = schema(json!({"type": "integer", "examples": [1, 2], "exclusiveMinimum": 0}));
        assert_eq!(s, json!({"type": "integer", "example": 1, "x-codegen-examples": [1, 2], "exclusiveMinimum": true, "minimum": 0}));
        let s = schema(json!({"type": "array", "prefixItems": [{"type": "string"}, {"type": "number"}]}));
        assert_eq!(s, json!({"type": "array", "items": {"oneOf": [{"type": "string"}, {"type": "number"}]}, "x-codegen-tuple": true}));
        assert_eq!(
            schema(json!({"contentMediaType": "image/png"})),
            json!({"contentMediaType": "image/png", "type": "string", "format": "binary"})
        );
        assert_eq!(
            schema(json!({"type": "string", "contentEncoding": "base64"})),
            json!({"type": "string", "contentEncoding": "base64", "format": "byte"})
        );
    }

    #[test]
    fn mutual_tls_schemes_are_dropped_with_a_warning() {
        let mut doc = json!({
            "openapi": "3.1.0",
            "security": [{"mtls": []}],
            "paths": {"/a": {"get": {"security": [{"mtls": [], "key": []}, {"key": []}]}}},
            "components": {"securitySchemes": {"mtls": {"type": "mutualTLS"}, "key": {"type": "apiKey", "in": "header", "name": "K"}}}
        });
        let mut notes = Notes::default();
        upgrade(&mut doc, &mut notes);
        assert_eq!(doc["components"]["securitySchemes"], json!({"key": {"type": "apiKey", "in": "header", "name": "K"}}));
        assert_eq!(doc["security"], json!([{}]));
        assert_eq!(doc["paths"]["/a"]["get"]["security"], json!([{"key": []}, {"key": []}]));
        assert_eq!(notes.slips.len(), 1);
        assert_eq!(notes.slips[0].pointer, "/components/securitySchemes/mtls");
    }

    #[test]
    fn documents_without_paths_get_empty_ones() {
        let mut doc = json!({"openapi": "3.1.0", "webhooks": {}});
        upgrade(&mut doc, &mut Notes::default());
        assert_eq!(doc["paths"], json!({}));
        assert_eq!(doc["openapi"], "3.0.3");
    }
}
