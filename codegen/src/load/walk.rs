//! Visits the nodes of an OpenAPI document (2.0 or 3.x) knowing what each one is: a schema, a
//! parameter, a response, … Loading steps that rewrite or check one kind of node share it.

use serde_json::Value;

/// What a node of the document is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum Role {
    Root,
    PathItem,
    Operation,
    Parameter,
    RequestBody,
    Response,
    MediaType,
    Header,
    Example,
    Link,
    Callback,
    SecurityScheme,
    Schema,
    /// `components` (3.x).
    Components,
}

impl Role {
    /// The section of `components` (3.x) that holds nodes of this role, if any.
    pub fn components_section(self) -> Option<&'static str> {
        Some(match self {
            Role::Schema => "schemas",
            Role::Parameter => "parameters",
            Role::RequestBody => "requestBodies",
            Role::Response => "responses",
            Role::Header => "headers",
            Role::Example => "examples",
            Role::Link => "links",
            Role::Callback => "callbacks",
            Role::SecurityScheme => "securitySchemes",
            _ => return None,
        })
    }
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "options", "head", "patch", "trace"];

/// Keywords whose value is one subschema.
const SCHEMA_ONE: [&str; 11] = [
    "items",
    "additionalProperties",
    "not",
    "if",
    "then",
    "else",
    "contains",
    "propertyNames",
    "unevaluatedItems",
    "unevaluatedProperties",
    "additionalItems",
];
/// Keywords whose value is a list of subschemas.
const SCHEMA_LIST: [&str; 4] = ["allOf", "anyOf", "oneOf", "prefixItems"];
/// Keywords whose value maps names to subschemas.
const SCHEMA_MAP: [&str; 6] = ["properties", "patternProperties", "$defs", "definitions", "dependentSchemas", "dependencies"];

/// Calls `visit` on every object node with a role, parents before children. `visit` may change
/// the node; its children are found in what it leaves. `pointer` is the node's JSON pointer.
pub(crate) fn walk(node: &mut Value, pointer: &mut String, role: Role, visit: &mut dyn FnMut(&mut Value, &str, Role)) {
    if !node.is_object() {
        return;
    }
    visit(node, pointer, role);
    let Some(map) = node.as_object_mut() else { return };
    // A reference's siblings are not walked: only `$ref` itself means anything there.
    if map.contains_key("$ref") && role != Role::Schema {
        return;
    }
    for (key, value) in map.iter_mut() {
        let key = key.as_str();
        match (role, key) {
            (Role::Root, "paths" | "webhooks" | "x-ms-paths") => each(key, value, Role::PathItem, pointer, visit),
            (Role::Root, "components") => child(key, value, Role::Components, pointer, visit),
            // Swagger 2.0's sections.
            (Role::Root, "definitions") => each(key, value, Role::Schema, pointer, visit),
            (Role::Root, "parameters") => each(key, value, Role::Parameter, pointer, visit),
            (Role::Root, "responses") => each(key, value, Role::Response, pointer, visit),
            (Role::Root, "securityDefinitions") => each(key, value, Role::SecurityScheme, pointer, visit),
            (Role::Components, "pathItems") => each(key, value, Role::PathItem, pointer, visit),
            (Role::Components, section) => {
                let role = [
                    Role::Schema,
                    Role::Parameter,
                    Role::RequestBody,
                    Role::Response,
                    Role::Header,
                    Role::Example,
                    Role::Link,
                    Role::Callback,
                    Role::SecurityScheme,
                ]
                .into_iter()
                .find(|r| r.components_section() == Some(section));
                if let Some(role) = role {
                    each(key, value, role, pointer, visit);
                }
            }
            (Role::PathItem, "parameters") | (Role::Operation, "parameters") => each(key, value, Role::Parameter, pointer, visit),
            (Role::PathItem, method) if METHODS.contains(&method) => child(key, value, Role::Operation, pointer, visit),
            (Role::Operation, "requestBody") => child(key, value, Role::RequestBody, pointer, visit),
            (Role::Operation, "responses") => each(key, value, Role::Response, pointer, visit),
            (Role::Operation, "callbacks") => each(key, value, Role::Callback, pointer, visit),
            (Role::Callback, _) => child(key, value, Role::PathItem, pointer, visit),
            (Role::Parameter | Role::Header | Role::Response | Role::MediaType, "schema") => {
                child(key, value, Role::Schema, pointer, visit)
            }
            (Role::Parameter | Role::Header, "items") => child(key, value, Role::Schema, pointer, visit),
            (Role::Parameter | Role::Header | Role::Response | Role::RequestBody, "content") => {
                each(key, value, Role::MediaType, pointer, visit)
            }
            (Role::Parameter | Role::MediaType, "examples") => each(key, value, Role::Example, pointer, visit),
            (Role::Response, "headers") => each(key, value, Role::Header, pointer, visit),
            (Role::Response, "links") => each(key, value, Role::Link, pointer, visit),
            (Role::MediaType, "encoding") => {
                let len = pointer.len();
                extend_pointer(pointer, key);
                for (name, encoding) in value.as_object_mut().into_iter().flatten() {
                    let len = pointer.len();
                    extend_pointer(pointer, name);
                    if let Some(headers) = encoding.get_mut("headers") {
                        each("headers", headers, Role::Header, pointer, visit);
                    }
                    pointer.truncate(len);
                }
                pointer.truncate(len);
            }
            (Role::Schema, k) if SCHEMA_ONE.contains(&k) => match value {
                // Draft 4's tuple form of `items`.
                Value::Array(_) => each(key, value, Role::Schema, pointer, visit),
                _ => child(key, value, Role::Schema, pointer, visit),
            },
            (Role::Schema, k) if SCHEMA_LIST.contains(&k) => each(key, value, Role::Schema, pointer, visit),
            (Role::Schema, k) if SCHEMA_MAP.contains(&k) => each(key, value, Role::Schema, pointer, visit),
            _ => {}
        }
    }
}

/// Walks `value`, found under `key` of the current node, as a node of `role`.
fn child(key: &str, value: &mut Value, role: Role, pointer: &mut String, visit: &mut dyn FnMut(&mut Value, &str, Role)) {
    if !value.is_object() && !value.is_array() {
        return;
    }
    let len = pointer.len();
    extend_pointer(pointer, key);
    walk(value, pointer, role, visit);
    pointer.truncate(len);
}

/// Appends one reference token in place: walking a large spec builds a pointer per node.
fn extend_pointer(pointer: &mut String, token: &str) {
    pointer.push('/');
    if token.contains(['~', '/']) {
        pointer.push_str(&token.replace('~', "~0").replace('/', "~1"));
    } else {
        pointer.push_str(token);
    }
}

/// Walks every entry of the map or list under `key` as a node of `role`.
fn each(key: &str, value: &mut Value, role: Role, pointer: &mut String, visit: &mut dyn FnMut(&mut Value, &str, Role)) {
    let len = pointer.len();
    extend_pointer(pointer, key);
    match value {
        Value::Object(entries) => {
            for (name, v) in entries.iter_mut() {
                child(name, v, role, pointer, visit);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter_mut().enumerate() {
                child(&i.to_string(), v, role, pointer, visit);
            }
        }
        _ => {}
    }
    pointer.truncate(len);
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn roles_follow_the_document_shape() {
        let mut doc = json!({
            "paths": {"/a": {"get": {
                "parameters": [{"name": "p", "schema": {"type": "string"}}],
                "responses": {"200": {"content": {"application/json": {"schema": {
                    "properties": {"x": {"items": {"$ref": "#/components/schemas/B"}}}
                }}}}}
            }}},
            "components": {"schemas": {"B": {"allOf": [{"type": "object"}]}}, "parameters": {"P": {"name": "q"}}}
        });
        let mut seen = Vec::new();
        walk(&mut doc, &mut String::new(), Role::Root, &mut |_, pointer, role| seen.push((pointer.to_owned(), role)));
        let has = |p: &str, r: Role| seen.iter().any(|(sp, sr)| sp == p && *sr == r);
        assert!(has("/paths/~1a", Role::PathItem));
        assert!(has("/paths/~1a/get", Role::Operation));
        assert!(has("/paths/~1a/get/parameters/0", Role::Parameter));
        assert!(has("/paths/~1a/get/parameters/0/schema", Role::Schema));
        assert!(has("/paths/~1a/get/responses/200/content/application~1json/schema/properties/x/items", Role::Schema));
        assert!(has("/components/schemas/B/allOf/0", Role::Schema));
        assert!(has("/components/parameters/P", Role::Parameter));
    }

    #[test]
    fn a_property_named_like_a_keyword_is_still_a_schema() {
        let mut doc = json!({"definitions": {"A": {"properties": {"properties": {"type": "object"}, "schema": {}}}}});
        let mut schemas = Vec::new();
        walk(&mut doc, &mut String::new(), Role::Root, &mut |_, pointer, role| {
            if role == Role::Schema {
                schemas.push(pointer.to_owned());
            }
        });
        assert_eq!(schemas, ["/definitions/A", "/definitions/A/properties/properties", "/definitions/A/properties/schema"]);
    }
}
