//! Vendor slips the user cannot fix, worked around with a warning each, so the rest of the spec
//! still generates typed code: a `$ref` that points at nothing, a security requirement naming a
//! scheme that is not defined, and schema keywords that narrow what a type accepts in ways Rust
//! types cannot say (`not`, `if`/`then`/`else`, `patternProperties`).
//!
//! Runs on the 3.0-shaped document, after any version upgrade, where every `$ref` is canonical.

use std::collections::HashSet;

use serde_json::{Map, Value, json};

use crate::error::{push_pointer, unescape_token};
use crate::load::notes::Notes;
use crate::load::walk::{Role, walk};

pub(crate) fn repair(doc: &mut Value, notes: &mut Notes) {
    let defined = defined_components(doc);
    let mut drop: Vec<String> = Vec::new();
    walk(doc, &mut String::new(), Role::Root, &mut |node, pointer, role| {
        let Value::Object(map) = node else { return };
        if let Some(Value::String(reference)) = map.get("$ref") {
            if !defined.contains(reference.as_str()) {
                let reference = reference.clone();
                dangling(map, pointer, role, &reference, notes, &mut drop);
                return;
            }
        }
        match role {
            Role::Schema => narrowing_keywords(map, pointer, notes),
            Role::Root | Role::Operation => undefined_schemes(map, pointer, &defined, notes),
            _ => {}
        }
    });
    remove_all(doc, drop);
}

/// Every `#/components/<section>/<name>` that exists, as it is written in a `$ref`.
fn defined_components(doc: &Value) -> HashSet<String> {
    let mut out = HashSet::new();
    for (section, entries) in doc.get("components").and_then(Value::as_object).into_iter().flatten() {
        for name in entries.as_object().into_iter().flat_map(Map::keys) {
            out.insert(format!("#{}", push_pointer(&push_pointer("/components", section), name)));
        }
    }
    out
}

fn dangling(map: &mut Map<String, Value>, pointer: &str, role: Role, reference: &str, notes: &mut Notes, drop: &mut Vec<String>) {
    let at = push_pointer(pointer, "$ref");
    match role {
        Role::Schema => {
            map.remove("$ref");
            notes.slip(at, format!("`$ref: {reference}` points at nothing; typed as `serde_json::Value` here"));
        }
        Role::Response => {
            map.remove("$ref");
            map.insert("description".to_owned(), json!(format!("Undocumented: the spec's `$ref: {reference}` points at nothing.")));
            notes.slip(at, format!("`$ref: {reference}` points at nothing; the response is kept without a body"));
        }
        _ => {
            drop.push(pointer.to_owned());
            notes.slip(at, format!("`$ref: {reference}` points at nothing; left out"));
        }
    }
}

/// The extension listing the members a schema's `not: {required: […]}` forbids together.
pub(crate) const NOT_TOGETHER: &str = "x-codegen-not-together";

/// Schema keywords that no Rust type can say: each is dropped with a warning.
pub(crate) const NO_RUST_TYPE: [&str; 4] = ["not", "if", "then", "else"];

/// Keywords that only narrow a schema: dropping one widens the type to a superset of what
/// the spec allows, which decodes every valid value; `patternProperties` becomes a map.
fn narrowing_keywords(map: &mut Map<String, Value>, pointer: &str, notes: &mut Notes) {
    // Members that `not` forbids together ("exactly one of"): no type says it, but the
    // conformance sampler must not send them together.
    if let Some(Value::Array(together)) = map.get("not").and_then(|not| not.get("required")) {
        let together = Value::Array(together.iter().filter(|m| m.is_string()).cloned().collect());
        map.insert(NOT_TOGETHER.to_owned(), together);
    }
    for keyword in NO_RUST_TYPE {
        if map.remove(keyword).is_some() {
            notes.slip(
                push_pointer(pointer, keyword),
                format!("`{keyword}` has no Rust type; ignored, so the type also accepts values the spec excludes"),
            );
        }
    }
    if let Some(Value::Object(patterns)) = map.remove("patternProperties") {
        let at = push_pointer(pointer, "patternProperties");
        if map.contains_key("additionalProperties") {
            notes.slip(at, "`patternProperties` beside `additionalProperties` is ignored");
            return;
        }
        let values = match patterns.len() {
            1 => patterns.into_iter().next().map(|(_, schema)| schema).unwrap_or_default(),
            _ => json!({}),
        };
        map.insert("additionalProperties".to_owned(), values);
        map.entry("type").or_insert_with(|| json!("object"));
        notes.slip(at, "`patternProperties` is read as `additionalProperties`: member names are not checked against the pattern");
    }
}

/// Security requirements naming a scheme that `components/securitySchemes` lacks: that scheme
/// is dropped from the requirement.
fn undefined_schemes(map: &mut Map<String, Value>, pointer: &str, defined: &HashSet<String>, notes: &mut Notes) {
    let Some(Value::Array(requirements)) = map.get_mut("security") else { return };
    let base = push_pointer(pointer, "security");
    for (i, requirement) in requirements.iter_mut().enumerate() {
        let Value::Object(schemes) = requirement else { continue };
        let at = push_pointer(&base, &i.to_string());
        schemes.retain(|name, _| {
            let known = defined.contains(&format!("#{}", push_pointer("/components/securitySchemes", name)));
            if !known {
                notes.slip(
                    push_pointer(&at, name),
                    format!("security scheme `{name}` is not defined in `components/securitySchemes`; dropped from this requirement"),
                );
            }
            known
        });
    }
}

/// Removes the nodes at `pointers` from their maps or lists (list items from the last one up,
/// so the indices of the others stay right).
fn remove_all(doc: &mut Value, mut pointers: Vec<String>) {
    let index = |p: &String| p.rsplit('/').next().and_then(|t| t.parse::<usize>().ok());
    pointers.sort_by_key(|p| std::cmp::Reverse(index(p)));
    for pointer in pointers {
        let Some((parent, key)) = pointer.rsplit_once('/') else { continue };
        let key = unescape_token(key);
        match doc.pointer_mut(parent) {
            Some(Value::Object(map)) => {
                map.shift_remove(&key);
            }
            Some(Value::Array(items)) => {
                if let Ok(i) = key.parse::<usize>() {
                    if i < items.len() {
                        items.remove(i);
                    }
                }
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn dangling_refs_become_values_or_are_left_out() {
        let mut doc = json!({
            "paths": {"/a": {"get": {
                "parameters": [{"$ref": "#/components/parameters/Gone"}, {"$ref": "#/components/parameters/P"}],
                "responses": {"200": {"$ref": "#/components/responses/Gone"}}
            }}},
            "components": {
                "parameters": {"P": {"name": "p", "in": "query"}},
                "schemas": {"A": {"properties": {"b": {"$ref": "#/components/schemas/Gone", "description": "kept"}}}}
            }
        });
        let mut notes = Notes::default();
        repair(&mut doc, &mut notes);
        assert_eq!(doc["components"]["schemas"]["A"]["properties"]["b"], json!({"description": "kept"}));
        assert_eq!(doc["paths"]["/a"]["get"]["parameters"], json!([{"$ref": "#/components/parameters/P"}]));
        assert!(doc["paths"]["/a"]["get"]["responses"]["200"]["description"].is_string());
        let pointers: Vec<&str> = notes.slips.iter().map(|s| s.pointer.as_str()).collect();
        assert_eq!(
            pointers,
            ["/paths/~1a/get/parameters/0/$ref", "/paths/~1a/get/responses/200/$ref", "/components/schemas/A/properties/b/$ref"]
        );
    }

    #[test]
    fn undefined_schemes_leave_the_requirement() {
        let mut doc = json!({
            "security": [{"api_key": []}, {"known": []}],
            "components": {"securitySchemes": {"known": {"type": "http", "scheme": "bearer"}}}
        });
        let mut notes = Notes::default();
        repair(&mut doc, &mut notes);
        assert_eq!(doc["security"], json!([{}, {"known": []}]));
        assert_eq!(notes.slips[0].pointer, "/security/0/api_key");
    }

    #[test]
    fn narrowing_keywords_are_dropped_and_pattern_properties_become_a_map() {
        let mut doc = json!({"components": {"schemas": {
            "A": {"type": "object", "properties": {"x": {"type": "string"}}, "not": {"required": ["x"]}},
            "B": {"patternProperties": {"^x-": {"type": "integer"}}}
        }}});
        let mut notes = Notes::default();
        repair(&mut doc, &mut notes);
        assert!(doc["components"]["schemas"]["A"].get("not").is_none());
        assert_eq!(doc["components"]["schemas"]["A"][NOT_TOGETHER], serde_json::json!(["x"]), "kept for the sampler");
        assert_eq!(doc["components"]["schemas"]["B"], json!({"additionalProperties": {"type": "integer"}, "type": "object"}));
        assert_eq!(notes.slips.len(), 2);
    }
}
