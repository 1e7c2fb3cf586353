//! Writes out the defaults that OpenAPI gives but openapiv3 cannot hold, so the typed document
//! means what the spec means: an `encoding` entry's `explode` (true for `form`, which openapiv3
//! reads as false when absent), an operation's `responses` (optional since 3.1, required by
//! openapiv3), and `nullable: true` beside a `$ref` (which 3.0 ignores and openapiv3 drops, but
//! specs such as Intercom's write for a nullable reference, as its servers send).
//!
//! Runs on the 3.0-shaped document, after any version upgrade.

use serde_json::{Map, Value, json};

use crate::load::walk::{Role, walk};

pub(crate) fn fill(doc: &mut Value) {
    walk(doc, &mut String::new(), Role::Root, &mut |node, _, role| {
        let Value::Object(map) = node else { return };
        match role {
            Role::MediaType => {
                for entry in map.get_mut("encoding").and_then(Value::as_object_mut).into_iter().flat_map(Map::values_mut) {
                    if let Value::Object(entry) = entry {
                        explode(entry);
                    }
                }
            }
            Role::Operation if !map.contains_key("responses") => {
                map.insert("responses".to_owned(), json!({}));
            }
            Role::Schema if map.contains_key("$ref") && map.get("nullable") == Some(&Value::Bool(true)) => {
                // `{allOf: [{$ref}], nullable: true}`: the form oxide writes, which lowering reads.
                let reference = map.remove("$ref").unwrap_or_default();
                map.insert("allOf".to_owned(), json!([{"$ref": reference}]));
            }
            _ => {}
        }
    });
}

fn explode(entry: &mut Map<String, Value>) {
    let form = entry.get("style").is_none_or(|s| s == "form");
    match entry.get("explode") {
        // `explode: false` alone means `form` joined: say so, since no style means our default.
        Some(Value::Bool(false)) if !entry.contains_key("style") => {
            entry.insert("style".to_owned(), json!("form"));
        }
        None if form && entry.contains_key("style") => {
            entry.insert("explode".to_owned(), json!(true));
        }
        _ => {}
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn form_explodes_unless_told_otherwise() {
        let mut doc = json!({"paths": {"/a": {"post": {
            "requestBody": {"content": {"application/x-www-form-urlencoded": {"encoding": {
                "a": {"style": "form"},
                "b": {"explode": false},
                "c": {"style": "deepObject"},
                "d": {"contentType": "text/plain"}
            }}}},
            "responses": {"200": {"description": "ok"}}
        }, "get": {}}}, "components": {"schemas": {"A": {"type": "object", "properties": {
            "b": {"$ref": "#/components/schemas/B", "nullable": true, "description": "d"},
            "c": {"$ref": "#/components/schemas/B"}
        }}}}});
        fill(&mut doc);
        let properties = &doc["components"]["schemas"]["A"]["properties"];
        assert_eq!(properties["b"], json!({"allOf": [{"$ref": "#/components/schemas/B"}], "nullable": true, "description": "d"}));
        assert_eq!(properties["c"], json!({"$ref": "#/components/schemas/B"}));
        let encoding = &doc["paths"]["/a"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["encoding"];
        assert_eq!(encoding["a"], json!({"style": "form", "explode": true}));
        assert_eq!(encoding["b"], json!({"style": "form", "explode": false}));
        assert_eq!(encoding["c"], json!({"style": "deepObject"}));
        assert_eq!(encoding["d"], json!({"contentType": "text/plain"}));
        assert_eq!(doc["paths"]["/a"]["get"]["responses"], json!({}));
        assert_eq!(doc["paths"]["/a"]["post"]["responses"]["200"]["description"], "ok");
    }
}
