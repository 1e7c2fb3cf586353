use serde_json::{Value, json};

use super::upgrade;
use crate::error::ErrorKind;
use crate::load::notes::Notes;

/// Converts `doc`, which must work and give a document openapiv3 reads.
fn up(doc: Value) -> (Value, Notes) {
    let mut notes = Notes::default();
    let out = match upgrade(doc, &mut notes) {
        Ok(out) => out,
        Err(e) => panic!("conversion failed: {e:?}"),
    };
    if let Err(e) = serde_json::from_value::<openapiv3::OpenAPI>(out.clone()) {
        panic!("not OpenAPI 3.0 ({e}):\n{out:#}");
    }
    (out, notes)
}

/// A minimal document around `paths`, with `extra` root fields.
fn doc(extra: Value, paths: Value) -> Value {
    let mut doc = json!({ "swagger": "2.0", "info": { "title": "T", "version": "1" }, "paths": paths });
    if let (Some(root), Value::Object(extra)) = (doc.as_object_mut(), extra) {
        root.extend(extra);
    }
    doc
}

fn error(doc: Value) -> crate::error::Located {
    match upgrade(doc, &mut Notes::default()) {
        Ok(out) => panic!("converted, but should not have: {out:#}"),
        Err(e) => e,
    }
}

fn keys(v: &Value) -> Vec<&str> {
    v.as_object().map(|m| m.keys().map(String::as_str).collect()).unwrap_or_default()
}

fn slipped(notes: &Notes, pointer: &str, fragment: &str) -> bool {
    notes.slips.iter().any(|s| s.pointer == pointer && s.message.contains(fragment))
}

fn ok(description: &str) -> Value {
    json!({ "200": { "description": description } })
}

#[test]
fn root_fields_are_copied_and_servers_made() {
    let (out, notes) = up(json!({
        "swagger": "2.0",
        "info": { "title": "T", "version": "1", "x-logo": { "url": "l" } },
        "host": "api.example.com",
        "basePath": "/v2/",
        "schemes": ["http", "https"],
        "tags": [{ "name": "pets" }],
        "externalDocs": { "url": "https://docs.example.com" },
        "security": [{ "key": [] }],
        "securityDefinitions": { "key": { "type": "apiKey", "name": "k", "in": "header" } },
        "paths": {},
        "x-root": 1
    }));
    assert_eq!(
        out,
        json!({
            "openapi": "3.0.3",
            "info": { "title": "T", "version": "1", "x-logo": { "url": "l" } },
            "externalDocs": { "url": "https://docs.example.com" },
            "servers": [{ "url": "http://api.example.com/v2" }, { "url": "https://api.example.com/v2" }],
            "tags": [{ "name": "pets" }],
            "security": [{ "key": [] }],
            "paths": {},
            "components": { "securitySchemes": { "key": { "type": "apiKey", "name": "k", "in": "header" } } },
            "x-root": 1
        })
    );
    assert_eq!(keys(&out), ["openapi", "info", "externalDocs", "servers", "tags", "security", "paths", "components", "x-root"]);
    assert_eq!(notes.slips, []);
    assert_eq!(notes.moves.back("/components/securitySchemes/key/name"), "/securityDefinitions/key/name");
}

#[test]
fn servers_follow_host_base_path_and_schemes() {
    let servers = |extra: Value| up(doc(extra, json!({}))).0.get("servers").cloned();
    assert_eq!(servers(json!({ "host": "h.io" })), Some(json!([{ "url": "https://h.io" }])));
    assert_eq!(servers(json!({ "host": "h.io:8080", "basePath": "/" })), Some(json!([{ "url": "https://h.io:8080/" }])));
    assert_eq!(servers(json!({ "basePath": "/v2/" })), Some(json!([{ "url": "/v2" }])));
    assert_eq!(servers(json!({ "basePath": "/", "schemes": ["http"] })), Some(json!([{ "url": "/" }])));
    assert_eq!(servers(json!({ "schemes": ["http"] })), None);
    assert_eq!(servers(json!({})), None);
    assert_eq!(
        servers(json!({ "host": "h.io", "basePath": "/api", "schemes": ["wss", "http", "http"] })),
        Some(json!([{ "url": "wss://h.io/api" }, { "url": "http://h.io/api" }]))
    );

    let (out, notes) = up(doc(json!({ "host": "http://h.io/", "basePath": "v1" }), json!({})));
    assert_eq!(out["servers"], json!([{ "url": "https://h.io/v1" }]));
    assert!(slipped(&notes, "/host", "scheme"));
    assert!(slipped(&notes, "/basePath", "start with `/`"));
}

#[test]
fn body_parameter_becomes_the_request_body_under_each_consumes_type() {
    let (out, notes) = up(doc(
        json!({
            "consumes": ["application/json", "application/xml"],
            "definitions": { "Pet": { "type": "object" } }
        }),
        json!({ "/pets": {
            "post": {
                "operationId": "addPet",
                "parameters": [{
                    "name": "pet", "in": "body", "description": "The pet", "required": true,
                    "schema": { "$ref": "#/definitions/Pet" }, "x-body-name": "pet"
                }],
                "responses": { "201": { "description": "made" } }
            },
            "put": {
                "consumes": ["text/plain"],
                "parameters": [{ "name": "b", "in": "body", "schema": { "type": "string" } }],
                "responses": { "204": { "description": "done" } }
            }
        }}),
    ));
    let pet = json!({ "$ref": "#/components/schemas/Pet" });
    assert_eq!(
        out["paths"]["/pets"]["post"],
        json!({
            "operationId": "addPet",
            "requestBody": {
                "description": "The pet",
                "content": { "application/json": { "schema": pet }, "application/xml": { "schema": pet } },
                "required": true,
                "x-body-name": "pet"
            },
            "responses": { "201": { "description": "made" } }
        })
    );
    assert_eq!(out["paths"]["/pets"]["put"]["requestBody"], json!({ "content": { "text/plain": { "schema": { "type": "string" } } } }));
    assert_eq!(notes.slips, []);
    let moves = &notes.moves;
    assert_eq!(
        moves.back("/paths/~1pets/post/requestBody/content/application~1xml/schema/$ref"),
        "/paths/~1pets/post/parameters/0/schema/$ref"
    );
    assert_eq!(moves.back("/paths/~1pets/post/requestBody/description"), "/paths/~1pets/post/parameters/0/description");
    assert_eq!(moves.back("/components/schemas/Pet/type"), "/definitions/Pet/type");
}

#[test]
fn form_data_becomes_an_object_schema() {
    let (out, notes) = up(doc(
        json!({}),
        json!({ "/upload/{id}": { "post": {
            "consumes": ["multipart/form-data"],
            "parameters": [
                { "name": "id", "in": "path", "required": true, "type": "integer" },
                { "name": "file", "in": "formData", "type": "file", "required": true, "description": "The file" },
                { "name": "kind", "in": "formData", "type": "string", "enum": ["a", "b"], "default": "a", "x-k": 1 },
                { "name": "tags", "in": "formData", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" },
                { "name": "note", "in": "formData", "type": "string", "x-nullable": true }
            ],
            "responses": { "200": { "description": "ok" } }
        }}}),
    ));
    let op = &out["paths"]["/upload/{id}"]["post"];
    assert_eq!(op["parameters"], json!([{ "name": "id", "in": "path", "required": true, "schema": { "type": "integer" } }]));
    assert_eq!(
        op["requestBody"],
        json!({
            "content": { "multipart/form-data": { "schema": {
                "type": "object",
                "properties": {
                    "file": { "description": "The file", "type": "string", "format": "binary" },
                    "kind": { "type": "string", "enum": ["a", "b"], "default": "a", "x-k": 1 },
                    "tags": { "type": "array", "items": { "type": "string" } },
                    "note": { "type": "string", "nullable": true }
                },
                "required": ["file"]
            }}},
            "required": true
        })
    );
    assert_eq!(notes.slips, []);
    let schema = "/paths/~1upload~1{id}/post/requestBody/content/multipart~1form-data/schema";
    assert_eq!(notes.moves.back(&format!("{schema}/properties/kind/enum")), "/paths/~1upload~1{id}/post/parameters/2/enum");
    assert_eq!(notes.moves.back(&format!("{schema}/type")), "/paths/~1upload~1{id}/post/parameters/1/type");
    assert_eq!(notes.moves.back("/paths/~1upload~1{id}/post/parameters/0/schema/type"), "/paths/~1upload~1{id}/post/parameters/0/type");
}

#[test]
fn form_media_type_follows_files_and_consumes() {
    let form_op = |consumes: Option<Value>, field: Value| {
        let mut op = json!({ "parameters": [field], "responses": ok("ok") });
        if let (Some(consumes), Some(op)) = (consumes, op.as_object_mut()) {
            op.insert("consumes".into(), consumes);
        }
        json!({ "/f": { "post": op } })
    };
    let text = json!({ "name": "a", "in": "formData", "type": "array", "items": { "type": "string" } });
    let file = json!({ "name": "a", "in": "formData", "type": "file" });
    let both = json!(["application/x-www-form-urlencoded", "multipart/form-data"]);

    // Both listed: the first listed wins; a urlencoded array says how it is joined.
    let (out, notes) = up(doc(json!({}), form_op(Some(both.clone()), text.clone())));
    assert_eq!(
        out["paths"]["/f"]["post"]["requestBody"],
        json!({ "content": { "application/x-www-form-urlencoded": {
            "schema": { "type": "object", "properties": { "a": { "type": "array", "items": { "type": "string" } } } },
            "encoding": { "a": { "style": "form", "explode": false } }
        }}})
    );
    assert_eq!(notes.slips, []);

    let media = |consumes: Option<Value>, field: &Value| {
        let (out, notes) = up(doc(json!({}), form_op(consumes, field.clone())));
        (keys(&out["paths"]["/f"]["post"]["requestBody"]["content"]).join(","), notes)
    };
    assert_eq!(media(Some(json!(["multipart/form-data", "application/x-www-form-urlencoded"])), &text).0, "multipart/form-data");
    assert_eq!(media(Some(both), &file).0, "multipart/form-data");
    let (mime, notes) = media(None, &file);
    assert_eq!((mime.as_str(), notes.slips.len()), ("multipart/form-data", 0));
    let (mime, notes) = media(None, &text);
    assert_eq!((mime.as_str(), notes.slips.len()), ("application/x-www-form-urlencoded", 0));
    let (mime, notes) = media(Some(json!(["application/json"])), &text);
    assert_eq!(mime, "application/x-www-form-urlencoded");
    assert!(slipped(&notes, "/paths/~1f/post/consumes", "no form media type"));
    let (mime, notes) = media(Some(json!(["application/x-www-form-urlencoded"])), &file);
    assert_eq!(mime, "multipart/form-data");
    assert!(slipped(&notes, "/paths/~1f/post/consumes", "needs multipart/form-data"));

    // A urlencoded `multi` array is exploded; ssv and pipes have their own styles.
    let field = |cf: &str| json!({ "name": "a", "in": "formData", "type": "array", "items": { "type": "string" }, "collectionFormat": cf });
    for (cf, style, explode) in [("multi", "form", true), ("ssv", "spaceDelimited", false), ("pipes", "pipeDelimited", false)] {
        let (out, _) = up(doc(json!({}), form_op(None, field(cf))));
        assert_eq!(
            out["paths"]["/f"]["post"]["requestBody"]["content"]["application/x-www-form-urlencoded"]["encoding"],
            json!({ "a": { "style": style, "explode": explode } })
        );
    }
}

#[test]
fn simple_parameters_get_a_schema_and_a_style() {
    let (out, notes) = up(doc(
        json!({}),
        json!({ "/items/{ids}": { "get": {
            "parameters": [
                { "name": "ids", "in": "path", "required": true, "type": "array", "items": { "type": "integer", "format": "int64" } },
                {
                    "name": "q", "in": "query", "description": "d", "type": "string", "minLength": 1, "maxLength": 9,
                    "pattern": "^a", "allowEmptyValue": true, "x-nullable": true, "x-q": 1
                },
                { "name": "c", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "csv" },
                { "name": "s", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "ssv" },
                { "name": "p", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "pipes" },
                { "name": "m", "in": "query", "type": "array", "items": { "type": "string", "enum": ["x", "y"] }, "collectionFormat": "multi" },
                { "name": "t", "in": "query", "type": "array", "items": { "type": "string" }, "collectionFormat": "tsv" },
                { "name": "X-Rate", "in": "header", "type": "integer", "minimum": 1, "maximum": 10, "default": 5, "exclusiveMaximum": true },
                { "name": "h", "in": "header", "type": "array", "items": { "type": "number", "multipleOf": 0.5 }, "uniqueItems": true }
            ],
            "responses": ok("ok")
        }}}),
    ));
    let strings = json!({ "type": "array", "items": { "type": "string" } });
    assert_eq!(
        out["paths"]["/items/{ids}"]["get"]["parameters"],
        json!([
            {
                "name": "ids", "in": "path", "required": true, "style": "simple", "explode": false,
                "schema": { "type": "array", "items": { "type": "integer", "format": "int64" } }
            },
            {
                "name": "q", "in": "query", "description": "d", "allowEmptyValue": true,
                "schema": { "type": "string", "minLength": 1, "maxLength": 9, "pattern": "^a", "nullable": true },
                "x-q": 1
            },
            { "name": "c", "in": "query", "style": "form", "explode": false, "schema": strings },
            { "name": "s", "in": "query", "style": "spaceDelimited", "explode": false, "schema": strings },
            { "name": "p", "in": "query", "style": "pipeDelimited", "explode": false, "schema": strings },
            {
                "name": "m", "in": "query", "style": "form", "explode": true,
                "schema": { "type": "array", "items": { "type": "string", "enum": ["x", "y"] } }
            },
            { "name": "t", "in": "query", "style": "form", "explode": false, "schema": strings },
            {
                "name": "X-Rate", "in": "header",
                "schema": { "type": "integer", "minimum": 1, "maximum": 10, "default": 5, "exclusiveMaximum": true }
            },
            {
                "name": "h", "in": "header", "style": "simple", "explode": false,
                "schema": { "type": "array", "items": { "type": "number", "multipleOf": 0.5 }, "uniqueItems": true }
            }
        ])
    );
    assert_eq!(notes.slips.len(), 1, "{:?}", notes.slips);
    assert!(slipped(&notes, "/paths/~1items~1{ids}/get/parameters/6/collectionFormat", "`tsv`"));
    assert_eq!(notes.moves.back("/paths/~1items~1{ids}/get/parameters/1/schema/pattern"), "/paths/~1items~1{ids}/get/parameters/1/pattern");
}

#[test]
fn parameter_slips_are_repaired() {
    let (out, notes) = up(doc(
        json!({}),
        json!({ "/a/{id}": { "get": {
            "parameters": [
                { "name": "id", "in": "path", "type": "string", "allowEmptyValue": true },
                { "name": "n", "in": "query" },
                { "name": "k", "in": "query", "type": "string", "collectionFormat": "csv", "bogus": 1 },
                { "name": "H", "in": "header", "type": "array", "items": { "type": "string" }, "collectionFormat": "multi" },
                { "name": "n", "in": "query", "type": "integer" }
            ],
            "responses": ok("ok")
        }}}),
    ));
    assert_eq!(
        out["paths"]["/a/{id}"]["get"]["parameters"],
        json!([
            { "name": "id", "in": "path", "required": true, "schema": { "type": "string" } },
            { "name": "n", "in": "query", "schema": {} },
            { "name": "k", "in": "query", "schema": { "type": "string" } },
            { "name": "H", "in": "header", "style": "simple", "explode": false, "schema": { "type": "array", "items": { "type": "string" } } }
        ])
    );
    let at = "/paths/~1a~1{id}/get/parameters";
    assert!(slipped(&notes, &format!("{at}/0"), "made required"));
    assert!(slipped(&notes, &format!("{at}/0/allowEmptyValue"), "query and formData"));
    assert!(slipped(&notes, &format!("{at}/1"), "without a `type`"));
    assert!(slipped(&notes, &format!("{at}/2/collectionFormat"), "arrays only"));
    assert!(slipped(&notes, &format!("{at}/2/bogus"), "dropped"));
    assert!(slipped(&notes, &format!("{at}/3/collectionFormat"), "`multi`"));
    assert!(slipped(&notes, &format!("{at}/4"), "listed twice"));
    assert_eq!(notes.slips.len(), 7, "{:?}", notes.slips);
}

#[test]
fn path_parameters_merge_into_operations() {
    let (out, notes) = up(doc(
        json!({}),
        json!({
            "/pets/{id}": {
                "parameters": [
                    { "name": "id", "in": "path", "required": true, "type": "string" },
                    { "name": "verbose", "in": "query", "type": "boolean" }
                ],
                "get": {
                    "parameters": [
                        { "name": "extra", "in": "query", "type": "string" },
                        { "name": "verbose", "in": "query", "type": "integer" }
                    ],
                    "responses": ok("ok")
                },
                "delete": { "responses": ok("gone") },
                "x-path": true
            },
            "/b": {
                "parameters": [{ "name": "body", "in": "body", "schema": { "type": "object" } }],
                "put": { "responses": ok("ok") },
                "patch": {
                    "parameters": [{ "name": "other", "in": "body", "schema": { "type": "string" } }],
                    "responses": ok("ok")
                },
                "post": {
                    "parameters": [{ "name": "f", "in": "formData", "type": "string" }],
                    "responses": ok("ok")
                }
            }
        }),
    ));
    let item = &out["paths"]["/pets/{id}"];
    assert_eq!(keys(item), ["get", "delete", "x-path"]);
    let id = json!({ "name": "id", "in": "path", "required": true, "schema": { "type": "string" } });
    assert_eq!(
        item["get"]["parameters"],
        json!([
            id,
            { "name": "verbose", "in": "query", "schema": { "type": "integer" } },
            { "name": "extra", "in": "query", "schema": { "type": "string" } }
        ])
    );
    assert_eq!(item["delete"]["parameters"], json!([id, { "name": "verbose", "in": "query", "schema": { "type": "boolean" } }]));
    let moves = &notes.moves;
    assert_eq!(moves.back("/paths/~1pets~1{id}/get/parameters/0/schema/type"), "/paths/~1pets~1{id}/parameters/0/type");
    assert_eq!(moves.back("/paths/~1pets~1{id}/get/parameters/1/name"), "/paths/~1pets~1{id}/get/parameters/1/name");
    assert_eq!(moves.back("/paths/~1pets~1{id}/get/parameters/2"), "/paths/~1pets~1{id}/get/parameters/0");

    let b = &out["paths"]["/b"];
    assert_eq!(b["put"]["requestBody"], json!({ "content": { "application/json": { "schema": { "type": "object" } } } }));
    assert_eq!(b["patch"]["requestBody"], json!({ "content": { "application/json": { "schema": { "type": "string" } } } }));
    assert_eq!(keys(&b["post"]["requestBody"]["content"]), ["application/x-www-form-urlencoded"]);
    assert_eq!(moves.back("/paths/~1b/put/requestBody/content/application~1json/schema"), "/paths/~1b/parameters/0/schema");
    assert_eq!(notes.slips, []);
}

#[test]
fn parameter_refs_become_components_or_fold_into_the_body() {
    let (out, notes) = up(doc(
        json!({
            "parameters": {
                "limit": { "name": "limit", "in": "query", "type": "integer", "maximum": 100 },
                "Pet": { "name": "pet", "in": "body", "required": true, "schema": { "$ref": "#/definitions/Pet" } },
                "file": { "name": "file", "in": "formData", "type": "file" },
                "a/b": { "name": "ab", "in": "header", "type": "string" },
                "alias": { "$ref": "#/parameters/limit" }
            },
            "definitions": { "Pet": { "type": "object" } }
        }),
        json!({
            "/pets": { "post": {
                "parameters": [
                    { "$ref": "#/parameters/limit" },
                    { "$ref": "#/parameters/Pet" },
                    { "$ref": "#/parameters/a~1b" },
                    { "$ref": "#/parameters/nope" }
                ],
                "responses": ok("ok")
            }},
            "/files": { "post": { "parameters": [{ "$ref": "#/parameters/file" }], "responses": ok("ok") } }
        }),
    ));
    assert_eq!(
        out["components"]["parameters"],
        json!({
            "limit": { "name": "limit", "in": "query", "schema": { "type": "integer", "maximum": 100 } },
            "a/b": { "name": "ab", "in": "header", "schema": { "type": "string" } },
            "alias": { "$ref": "#/components/parameters/limit" }
        })
    );
    let pets = &out["paths"]["/pets"]["post"];
    assert_eq!(
        pets["parameters"],
        json!([
            { "$ref": "#/components/parameters/limit" },
            { "$ref": "#/components/parameters/a~1b" },
            // Left for the repair step, which drops a dangling `$ref` with a warning.
            { "$ref": "#/components/parameters/nope" }
        ])
    );
    assert_eq!(
        pets["requestBody"],
        json!({ "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pet" } } }, "required": true })
    );
    assert_eq!(
        out["paths"]["/files"]["post"]["requestBody"],
        json!({ "content": { "multipart/form-data": {
            "schema": { "type": "object", "properties": { "file": { "type": "string", "format": "binary" } } }
        }}})
    );
    let moves = &notes.moves;
    assert_eq!(moves.back("/paths/~1pets/post/requestBody/content/application~1json/schema"), "/parameters/Pet/schema");
    assert_eq!(moves.back("/paths/~1pets/post/parameters/1/$ref"), "/paths/~1pets/post/parameters/2/$ref");
    assert_eq!(moves.back("/paths/~1pets/post/parameters/2/$ref"), "/paths/~1pets/post/parameters/3/$ref");
    assert_eq!(moves.back("/components/parameters/limit/schema/maximum"), "/parameters/limit/maximum");
    assert_eq!(moves.back("/components/parameters/limit/name"), "/parameters/limit/name");
    assert_eq!(
        moves.back("/paths/~1files/post/requestBody/content/multipart~1form-data/schema/properties/file/type"),
        "/parameters/file/type"
    );
    assert_eq!(notes.slips, []);
}

#[test]
fn responses_get_content_examples_and_headers() {
    let (out, notes) = up(doc(
        json!({
            "produces": ["application/json", "application/xml"],
            "responses": { "NotFound": { "description": "missing", "schema": { "$ref": "#/definitions/Error" } } },
            "definitions": { "Error": { "type": "object" }, "Pet": { "type": "object" } }
        }),
        json!({ "/pets": { "get": {
            "produces": ["application/json"],
            "responses": {
                "200": {
                    "description": "ok",
                    "schema": { "type": "array", "items": { "$ref": "#/definitions/Pet" } },
                    "headers": {
                        "X-Rate": { "type": "integer", "format": "int32", "description": "left" },
                        "X-List": { "type": "array", "items": { "type": "string" }, "x-h": 1 }
                    },
                    "examples": { "application/json": [{ "id": 1 }], "text/csv": "id\n1" },
                    "x-r": true
                },
                "204": { "description": "none" },
                "404": { "$ref": "#/responses/NotFound" },
                "default": { "description": "err", "schema": { "type": "file" } },
                "x-codes": "kept"
            }
        }}}),
    ));
    let pets = json!({ "type": "array", "items": { "$ref": "#/components/schemas/Pet" } });
    assert_eq!(
        out["paths"]["/pets"]["get"]["responses"],
        json!({
            "200": {
                "description": "ok",
                "headers": {
                    "X-Rate": { "description": "left", "schema": { "type": "integer", "format": "int32" } },
                    "X-List": { "schema": { "type": "array", "items": { "type": "string" } }, "x-h": 1 }
                },
                "content": {
                    "application/json": { "schema": pets, "example": [{ "id": 1 }] },
                    "text/csv": { "schema": pets, "example": "id\n1" }
                },
                "x-r": true
            },
            "204": { "description": "none" },
            "404": { "$ref": "#/components/responses/NotFound" },
            "default": { "description": "err", "content": { "application/json": { "schema": { "type": "string", "format": "binary" } } } },
            "x-codes": "kept"
        })
    );
    let error = json!({ "schema": { "$ref": "#/components/schemas/Error" } });
    assert_eq!(
        out["components"]["responses"],
        json!({ "NotFound": { "description": "missing", "content": { "application/json": error, "application/xml": error } } })
    );
    let moves = &notes.moves;
    let r200 = "/paths/~1pets/get/responses/200";
    assert_eq!(moves.back(&format!("{r200}/content/text~1csv/schema/items")), format!("{r200}/schema/items"));
    assert_eq!(moves.back(&format!("{r200}/headers/X-Rate/schema/format")), format!("{r200}/headers/X-Rate/format"));
    assert_eq!(moves.back("/components/responses/NotFound/content/application~1xml/schema"), "/responses/NotFound/schema");
    assert_eq!(moves.back("/components/responses/NotFound/description"), "/responses/NotFound/description");
    assert_eq!(notes.slips, []);

    // Examples without a schema have no body to go with; a missing description is filled.
    let (out, notes) =
        up(doc(json!({}), json!({ "/a": { "get": { "responses": { "200": { "examples": { "application/json": {} } } } } } })));
    assert_eq!(out["paths"]["/a"]["get"]["responses"], json!({ "200": { "description": "" } }));
    assert!(slipped(&notes, "/paths/~1a/get/responses/200", "without `description`"));
    assert!(slipped(&notes, "/paths/~1a/get/responses/200/examples", "dropped"));
}

#[test]
fn definitions_become_component_schemas() {
    let (out, notes) = up(doc(
        json!({ "definitions": {
            "Zebra": { "type": "object", "properties": { "stripes": { "type": "integer" } } },
            "Animal": {
                "type": "object",
                "discriminator": "kind",
                "required": ["kind"],
                "properties": {
                    "kind": { "type": "string" },
                    "photo": { "type": "file", "format": "ignored" },
                    "name": { "type": "string", "x-nullable": true, "x-other": 1 },
                    "tags": { "type": "array", "items": { "$ref": "#/definitions/Tag" } },
                    "meta": { "type": "object", "additionalProperties": { "$ref": "#/definitions/Tag", "x-nullable": false } },
                    "$ref": { "type": "string", "example": "#/definitions/Tag" },
                    "best": { "$ref": "#/definitions/Tag", "x-nullable": true }
                },
                "x-schema": { "$ref": "#/definitions/Tag" }
            },
            "Cat": { "allOf": [{ "$ref": "#/definitions/Animal" }, { "properties": { "lives": { "type": "integer" } } }] },
            "Tag": { "type": "string", "enum": ["a"], "readOnly": true }
        }}),
        json!({}),
    ));
    assert_eq!(
        out["components"]["schemas"],
        json!({
            "Zebra": { "type": "object", "properties": { "stripes": { "type": "integer" } } },
            "Animal": {
                "type": "object",
                "discriminator": { "propertyName": "kind" },
                "required": ["kind"],
                "properties": {
                    "kind": { "type": "string" },
                    "photo": { "type": "string", "format": "binary" },
                    "name": { "type": "string", "nullable": true, "x-other": 1 },
                    "tags": { "type": "array", "items": { "$ref": "#/components/schemas/Tag" } },
                    "meta": { "type": "object", "additionalProperties": { "$ref": "#/components/schemas/Tag" } },
                    "$ref": { "type": "string", "example": "#/definitions/Tag" },
                    // 3.0 ignores a `$ref`'s siblings: a nullable reference is wrapped.
                    "best": { "nullable": true, "allOf": [{ "$ref": "#/components/schemas/Tag" }] }
                },
                "x-schema": { "$ref": "#/definitions/Tag" }
            },
            "Cat": { "allOf": [{ "$ref": "#/components/schemas/Animal" }, { "properties": { "lives": { "type": "integer" } } }] },
            "Tag": { "type": "string", "enum": ["a"], "readOnly": true }
        })
    );
    // Document order, not alphabetical.
    assert_eq!(keys(&out["components"]["schemas"]), ["Zebra", "Animal", "Cat", "Tag"]);
    assert_eq!(keys(&out["components"]["schemas"]["Animal"]["properties"]), ["kind", "photo", "name", "tags", "meta", "$ref", "best"]);
    assert_eq!(notes.slips, []);
    assert_eq!(notes.moves.back("/components/schemas/Animal/properties/kind"), "/definitions/Animal/properties/kind");
}

#[test]
fn schema_slips_are_repaired() {
    let (out, notes) = up(doc(
        json!({ "definitions": { "Loose": {
            "properties": {
                "a": { "type": "string", "required": true },
                "b": { "type": ["integer", "null"] },
                "c": { "type": ["integer", "string"], "required": false },
                "d": { "type": "array", "items": [{ "type": "integer" }, { "type": "string" }] },
                "e": { "$ref": "#/parameters/nope", "x-nullable": "yes" }
            },
            "discriminator": 7
        }, "Flag": { "type": "string", "required": true } }}),
        json!({}),
    ));
    assert_eq!(out["components"]["schemas"]["Flag"], json!({ "type": "string" }));
    assert!(slipped(&notes, "/definitions/Flag/required", "dropped"));
    assert_eq!(
        out["components"]["schemas"]["Loose"],
        json!({
            "properties": {
                "a": { "type": "string" },
                "b": { "type": "integer", "nullable": true },
                "c": {},
                "d": { "type": "array", "items": { "type": "integer" } },
                "e": { "$ref": "#/parameters/nope" }
            },
            "required": ["a"]
        })
    );
    let at = "/definitions/Loose";
    assert!(slipped(&notes, &format!("{at}/properties/a/required"), "listed in its parent's `required`"));
    assert!(slipped(&notes, &format!("{at}/properties/b/type"), "nullable"));
    assert!(slipped(&notes, &format!("{at}/properties/c/type"), "any value"));
    assert!(slipped(&notes, &format!("{at}/properties/c/required"), "dropped"));
    assert!(slipped(&notes, &format!("{at}/properties/d/items"), "tuple"));
    assert!(slipped(&notes, &format!("{at}/properties/e/$ref"), "#/definitions"));
    assert!(slipped(&notes, &format!("{at}/properties/e/x-nullable"), "not a boolean"));
    assert!(slipped(&notes, &format!("{at}/discriminator"), "dropped"));
    assert_eq!(notes.slips.len(), 9, "{:?}", notes.slips);
}

#[test]
fn security_definitions_become_security_schemes() {
    let (out, notes) = up(doc(
        json!({ "securityDefinitions": {
            "basic": { "type": "basic", "description": "b" },
            "key": { "type": "apiKey", "name": "api_key", "in": "query" },
            "implicit": { "type": "oauth2", "flow": "implicit", "authorizationUrl": "https://a", "scopes": { "read": "r" } },
            "password": { "type": "oauth2", "flow": "password", "tokenUrl": "https://t" },
            "app": { "type": "oauth2", "flow": "application", "tokenUrl": "https://t", "scopes": {} },
            "code": {
                "type": "oauth2", "flow": "accessCode", "authorizationUrl": "https://a", "tokenUrl": "https://t",
                "scopes": { "w": "write" }, "x-s": 1
            }
        }}),
        json!({}),
    ));
    assert_eq!(
        out["components"]["securitySchemes"],
        json!({
            "basic": { "type": "http", "scheme": "basic", "description": "b" },
            "key": { "type": "apiKey", "name": "api_key", "in": "query" },
            "implicit": { "type": "oauth2", "flows": { "implicit": { "authorizationUrl": "https://a", "scopes": { "read": "r" } } } },
            "password": { "type": "oauth2", "flows": { "password": { "tokenUrl": "https://t", "scopes": {} } } },
            "app": { "type": "oauth2", "flows": { "clientCredentials": { "tokenUrl": "https://t", "scopes": {} } } },
            "code": {
                "type": "oauth2",
                "flows": { "authorizationCode": { "authorizationUrl": "https://a", "tokenUrl": "https://t", "scopes": { "w": "write" } } },
                "x-s": 1
            }
        })
    );
    assert_eq!(notes.slips, []);
    assert_eq!(notes.moves.back("/components/securitySchemes/code/flows/authorizationCode/tokenUrl"), "/securityDefinitions/code/tokenUrl");

    let (out, notes) = up(doc(
        json!({ "securityDefinitions": { "o": { "type": "oauth2", "tokenUrl": "https://t", "authorizationUrl": "https://a" } } }),
        json!({}),
    ));
    assert_eq!(keys(&out["components"]["securitySchemes"]["o"]["flows"]), ["authorizationCode"]);
    assert!(slipped(&notes, "/securityDefinitions/o", "without `flow`"));
}

#[test]
fn what_3_0_cannot_say_is_a_slip() {
    let (out, notes) = up(doc(
        json!({ "foo": 1, "host": "h.io" }),
        json!({
            "/a": {
                "get": { "schemes": ["http"], "bogus": 1, "responses": ok("ok") },
                "post": {
                    "parameters": [
                        { "name": "one", "in": "body", "schema": { "type": "string" } },
                        { "name": "two", "in": "body", "schema": { "type": "integer" } },
                        { "name": "f", "in": "formData", "type": "string" }
                    ],
                    "responses": ok("ok")
                },
                "put": {
                    "parameters": [
                        { "name": "f", "in": "formData", "type": "string" },
                        { "name": "b", "in": "body", "schema": { "type": "integer" } }
                    ]
                },
                "summary": "not 2.0"
            },
            "nopath": {}
        }),
    ));
    let a = &out["paths"]["/a"];
    assert_eq!(a["get"], json!({ "responses": { "200": { "description": "ok" } } }));
    assert_eq!(a["post"]["requestBody"], json!({ "content": { "application/json": { "schema": { "type": "string" } } } }));
    assert_eq!(keys(&a["put"]["requestBody"]["content"]), ["application/x-www-form-urlencoded"]);
    assert_eq!(a["put"]["responses"], json!({}));
    assert_eq!(keys(&out["paths"]), ["/a"]);
    assert_eq!(out["servers"], json!([{ "url": "https://h.io" }]));
    assert!(slipped(&notes, "/foo", "not a Swagger 2.0 field"));
    assert!(slipped(&notes, "/paths/~1a/get/schemes", "ignored"));
    assert!(slipped(&notes, "/paths/~1a/get/bogus", "dropped"));
    assert!(slipped(&notes, "/paths/~1a/post/parameters/1", "second body"));
    assert!(slipped(&notes, "/paths/~1a/post/parameters/2", "cannot go with a body"));
    assert!(slipped(&notes, "/paths/~1a/put/parameters/1", "cannot go with formData"));
    assert!(slipped(&notes, "/paths/~1a/put", "without `responses`"));
    assert!(slipped(&notes, "/paths/~1a/summary", "dropped"));
    assert!(slipped(&notes, "/paths/nopath", "start with `/`"));
    assert_eq!(notes.slips.len(), 9, "{:?}", notes.slips);
}

#[test]
fn unreadable_input_is_a_located_error() {
    let param = |p: Value| doc(json!({}), json!({ "/a": { "get": { "parameters": [p], "responses": ok("ok") } } }));
    let cases = [
        (json!([]), ErrorKind::Invalid, ""),
        (json!({ "swagger": "1.2", "paths": {} }), ErrorKind::Invalid, "/swagger"),
        (doc(json!({}), json!([])), ErrorKind::Invalid, "/paths"),
        (doc(json!({ "definitions": 3 }), json!({})), ErrorKind::Invalid, "/definitions"),
        (param(json!("limit")), ErrorKind::Invalid, "/paths/~1a/get/parameters/0"),
        (param(json!({ "in": "query" })), ErrorKind::Invalid, "/paths/~1a/get/parameters/0"),
        (param(json!({ "name": "c", "in": "cookie" })), ErrorKind::Invalid, "/paths/~1a/get/parameters/0/in"),
        (param(json!({ "$ref": "#/definitions/X" })), ErrorKind::Invalid, "/paths/~1a/get/parameters/0/$ref"),
        (
            doc(json!({ "parameters": { "A": { "$ref": "#/parameters/B" }, "B": { "$ref": "#/parameters/A" } } }), json!({})),
            ErrorKind::CyclicRef,
            "/parameters/A/$ref",
        ),
        (
            doc(json!({}), json!({ "/a": { "get": { "responses": { "200": { "$ref": "#/definitions/R" } } } } })),
            ErrorKind::Invalid,
            "/paths/~1a/get/responses/200/$ref",
        ),
        (
            doc(json!({ "securityDefinitions": { "o": { "type": "oauth2", "flow": "implicit" } } }), json!({})),
            ErrorKind::Invalid,
            "/securityDefinitions/o",
        ),
        (
            doc(json!({ "securityDefinitions": { "o": { "type": "bearer" } } }), json!({})),
            ErrorKind::Invalid,
            "/securityDefinitions/o/type",
        ),
        (doc(json!({}), json!({ "/a": { "$ref": "other.yaml" } })), ErrorKind::Unsupported, "/paths/~1a/$ref"),
    ];
    for (input, kind, pointer) in cases {
        let e = error(input);
        assert_eq!((e.kind, e.pointer.as_str()), (kind, pointer), "{}", e.message);
    }
}

/// Every node of a rich document replaced in turn by odd values: Ok or Err, never a panic.
#[test]
fn odd_types_anywhere_never_panic() {
    let rich = doc(
        json!({
            "host": "h.io", "basePath": "/v1", "schemes": ["http"], "consumes": ["application/json"], "produces": ["application/json"],
            "parameters": {
                "limit": { "name": "limit", "in": "query", "type": "array", "items": { "type": "integer" }, "collectionFormat": "pipes" },
                "body": { "name": "b", "in": "body", "schema": { "$ref": "#/definitions/Pet" } }
            },
            "responses": { "Err": { "description": "e", "schema": { "$ref": "#/definitions/Pet" }, "headers": { "X": { "type": "string" } } } },
            "definitions": { "Pet": {
                "type": "object", "discriminator": "k", "required": ["k"],
                "properties": { "k": { "type": "string", "x-nullable": true }, "f": { "type": "file" }, "l": { "type": "array", "items": { "$ref": "#/definitions/Pet" } } },
                "additionalProperties": { "type": "string" }, "allOf": [{ "$ref": "#/definitions/Pet" }]
            }},
            "securityDefinitions": {
                "o": { "type": "oauth2", "flow": "accessCode", "authorizationUrl": "a", "tokenUrl": "t", "scopes": { "s": "d" } },
                "k": { "type": "apiKey", "name": "k", "in": "header" }, "b": { "type": "basic" }
            },
            "security": [{ "o": ["s"] }], "tags": [{ "name": "t" }]
        }),
        json!({
            "/p/{id}": {
                "parameters": [{ "name": "id", "in": "path", "required": true, "type": "string" }, { "$ref": "#/parameters/limit" }],
                "get": {
                    "parameters": [{ "name": "q", "in": "query", "type": "string", "enum": ["a"] }, { "name": "h", "in": "header", "type": "integer" }],
                    "responses": {
                        "200": { "description": "ok", "schema": { "$ref": "#/definitions/Pet" }, "examples": { "application/json": {} }, "headers": { "X": { "type": "array", "items": { "type": "string" }, "collectionFormat": "csv" } } },
                        "default": { "$ref": "#/responses/Err" }
                    }
                },
                "post": { "parameters": [{ "$ref": "#/parameters/body" }], "responses": { "201": { "description": "made" } } },
                "put": {
                    "consumes": ["multipart/form-data"],
                    "parameters": [{ "name": "f", "in": "formData", "type": "file", "required": true }, { "name": "n", "in": "formData", "type": "array", "items": { "type": "string" } }],
                    "responses": { "204": { "description": "done" } }
                }
            }
        }),
    );
    assert!(upgrade(rich.clone(), &mut Notes::default()).is_ok());
    let mut pointers = Vec::new();
    collect_pointers(&rich, String::new(), &mut pointers);
    let odd = [
        json!(null),
        json!(3),
        json!(-1.5),
        json!("s"),
        json!("#/definitions/Pet"),
        json!(true),
        json!([]),
        json!({}),
        json!([1, { "a": null }]),
        json!({ "$ref": 3 }),
    ];
    for pointer in &pointers {
        for value in &odd {
            let mut mutated = rich.clone();
            if let Some(node) = mutated.pointer_mut(pointer) {
                *node = value.clone();
            }
            let _ = upgrade(mutated, &mut Notes::default());
        }
        // And each node removed.
        let mut mutated = rich.clone();
        if let Some((parent, token)) = pointer.rsplit_once('/') {
            let token = token.replace("~1", "/").replace("~0", "~");
            match mutated.pointer_mut(parent) {
                Some(Value::Object(map)) => {
                    map.shift_remove(&token);
                }
                Some(Value::Array(list)) => {
                    if let Some(i) = token.parse::<usize>().ok().filter(|i| *i < list.len()) {
                        list.remove(i);
                    }
                }
                _ => {}
            }
        }
        let _ = upgrade(mutated, &mut Notes::default());
    }
    assert!(pointers.len() > 100, "{}", pointers.len());
}

fn collect_pointers(value: &Value, at: String, out: &mut Vec<String>) {
    match value {
        Value::Object(map) => {
            for (k, v) in map {
                collect_pointers(v, crate::error::push_pointer(&at, k), out);
            }
        }
        Value::Array(list) => {
            for (i, v) in list.iter().enumerate() {
                collect_pointers(v, crate::error::push_pointer(&at, &i.to_string()), out);
            }
        }
        _ => {}
    }
    out.push(at);
}

#[test]
fn the_oai_petstore_converts() {
    let input: Value = serde_json::from_str(PETSTORE).unwrap_or_default();
    let (out, notes) = up(input);
    assert_eq!(notes.slips, []);
    assert_eq!(out["servers"], json!([{ "url": "http://petstore.swagger.io/v1" }]));
    let list = &out["paths"]["/pets"]["get"];
    assert_eq!(
        list["parameters"],
        json!([{
            "name": "limit", "in": "query", "description": "How many items to return at one time (max 100)",
            "schema": { "type": "integer", "format": "int32" }
        }])
    );
    assert_eq!(
        list["responses"]["200"],
        json!({
            "description": "An paged array of pets",
            "headers": { "x-next": { "description": "A link to the next page of responses", "schema": { "type": "string" } } },
            "content": { "application/json": { "schema": { "$ref": "#/components/schemas/Pets" } } }
        })
    );
    assert_eq!(out["paths"]["/pets"]["post"]["responses"]["201"], json!({ "description": "Null response" }));
    assert_eq!(out["paths"]["/pets/{petId}"]["get"]["parameters"][0]["required"], json!(true));
    assert_eq!(out["components"]["schemas"]["Pets"]["items"], json!({ "$ref": "#/components/schemas/Pet" }));
    assert_eq!(keys(&out["components"]["schemas"]), ["Pet", "Pets", "Error"]);
    let parsed: openapiv3::OpenAPI = serde_json::from_value(out).unwrap_or_default();
    assert_eq!(parsed.operations().count(), 3);
}

#[test]
fn the_uber_api_converts() {
    let input: Value = serde_yaml::from_str(UBER).unwrap_or_default();
    let (out, notes) = up(input);
    assert_eq!(notes.slips, []);
    assert_eq!(out["servers"], json!([{ "url": "https://api.uber.com/v1" }]));
    assert_eq!(out["components"]["securitySchemes"], json!({ "apikey": { "type": "apiKey", "name": "server_token", "in": "query" } }));
    let products = &out["paths"]["/products"]["get"];
    assert_eq!(products["security"], json!([{ "apikey": [] }]));
    assert_eq!(
        products["parameters"][0],
        json!({
            "name": "latitude", "in": "query", "description": "Latitude component of location.", "required": true,
            "schema": { "type": "number", "format": "double" }
        })
    );
    assert_eq!(
        products["responses"]["200"]["content"]["application/json"]["schema"],
        json!({ "type": "array", "items": { "$ref": "#/components/schemas/Product" } })
    );
    assert_eq!(keys(&out["paths"]), ["/products", "/estimates/price", "/estimates/time", "/me", "/history"]);
    assert_eq!(
        out["components"]["schemas"]["ProductList"]["properties"]["products"]["items"],
        json!({ "$ref": "#/components/schemas/Product" })
    );
    let parsed: openapiv3::OpenAPI = serde_json::from_value(out).unwrap_or_default();
    assert_eq!(parsed.operations().count(), 5);
    assert_eq!(parsed.components.map(|c| c.schemas.len()), Some(7));
}

/// `oai-petstore-swagger-2-0.json` of the corpus, copied so the test needs no file.
const PETSTORE: &str = r##"{
  "swagger": "2.0",
  "info": {
    "version": "1.0.0",
    "title": "Swagger Petstore",
    "license": {
      "name": "MIT"
    }
  },
  "host": "petstore.swagger.io",
  "basePath": "/v1",
  "schemes": [
    "http"
  ],
  "consumes": [
    "application/json"
  ],
  "produces": [
    "application/json"
  ],
  "paths": {
    "/pets": {
      "get": {
        "summary": "List all pets",
        "operationId": "listPets",
        "tags": [
          "pets"
        ],
        "parameters": [
          {
            "name": "limit",
            "in": "query",
            "description": "How many items to return at one time (max 100)",
            "required": false,
            "type": "integer",
            "format": "int32"
          }
        ],
        "responses": {
          "200": {
            "description": "An paged array of pets",
            "headers": {
              "x-next": {
                "type": "string",
                "description": "A link to the next page of responses"
              }
            },
            "schema": {
              "$ref": "#/definitions/Pets"
            }
          },
          "default": {
            "description": "unexpected error",
            "schema": {
              "$ref": "#/definitions/Error"
            }
          }
        }
      },
      "post": {
        "summary": "Create a pet",
        "operationId": "createPets",
        "tags": [
          "pets"
        ],
        "responses": {
          "201": {
            "description": "Null response"
          },
          "default": {
            "description": "unexpected error",
            "schema": {
              "$ref": "#/definitions/Error"
            }
          }
        }
      }
    },
    "/pets/{petId}": {
      "get": {
        "summary": "Info for a specific pet",
        "operationId": "showPetById",
        "tags": [
          "pets"
        ],
        "parameters": [
          {
            "name": "petId",
            "in": "path",
            "required": true,
            "description": "The id of the pet to retrieve",
            "type": "string"
          }
        ],
        "responses": {
          "200": {
            "description": "Expected response to a valid request",
            "schema": {
              "$ref": "#/definitions/Pets"
            }
          },
          "default": {
            "description": "unexpected error",
            "schema": {
              "$ref": "#/definitions/Error"
            }
          }
        }
      }
    }
  },
  "definitions": {
    "Pet": {
      "required": [
        "id",
        "name"
      ],
      "properties": {
        "id": {
          "type": "integer",
          "format": "int64"
        },
        "name": {
          "type": "string"
        },
        "tag": {
          "type": "string"
        }
      }
    },
    "Pets": {
      "type": "array",
      "items": {
        "$ref": "#/definitions/Pet"
      }
    },
    "Error": {
      "required": [
        "code",
        "message"
      ],
      "properties": {
        "code": {
          "type": "integer",
          "format": "int32"
        },
        "message": {
          "type": "string"
        }
      }
    }
  }
}"##;

/// `uber-api-swagger-2-0.yaml` of the corpus, copied so the test needs no file.
const UBER: &str = r##"# this is an example of the Uber API
# as a demonstration of an API spec in YAML
swagger: "2.0"
info:
  title: Uber API
  description: Move your app forward with the Uber API
  version: "1.0.0"
# the domain of the service
host: api.uber.com
# array of all schemes that your API supports
schemes:
  - https
# will be prefixed to all paths
basePath: /v1
securityDefinitions:
  apikey:
    type: apiKey
    name: server_token
    in: query
produces:
  - application/json
paths:
  /products:
    get:
      summary: Product Types
      description: The Products endpoint returns information about the Uber products offered at a given location. The response includes the display name and other details about each product, and lists the products in the proper display order.
      parameters:
        - name: latitude
          in: query
          description: Latitude component of location.
          required: true
          type: number
          format: double
        - name: longitude
          in: query
          description: Longitude component of location.
          required: true
          type: number
          format: double
      security: 
        - apikey: []
      tags: 
        - Products
      responses:  
        "200":
          description: An array of products
          schema:
            type: array
            items:
              $ref: '#/definitions/Product'
        default:
          description: Unexpected error
          schema:
            $ref: '#/definitions/Error'
  /estimates/price:
    get:
      summary: Price Estimates
      description: The Price Estimates endpoint returns an estimated price range for each product offered at a given location. The price estimate is provided as a formatted string with the full price range and the localized currency symbol.<br><br>The response also includes low and high estimates, and the [ISO 4217](http://en.wikipedia.org/wiki/ISO_4217) currency code for situations requiring currency conversion. When surge is active for a particular product, its surge_multiplier will be greater than 1, but the price estimate already factors in this multiplier.
      parameters:
        - name: start_latitude
          in: query
          description: Latitude component of start location.
          required: true
          type: number
          format: double
        - name: start_longitude
          in: query
          description: Longitude component of start location.
          required: true
          type: number
          format: double
        - name: end_latitude
          in: query
          description: Latitude component of end location.
          required: true
          type: number
          format: double
        - name: end_longitude
          in: query
          description: Longitude component of end location.
          required: true
          type: number
          format: double
      tags: 
        - Estimates
      responses:  
        "200":
          description: An array of price estimates by product
          schema:
            type: array
            items:
              $ref: '#/definitions/PriceEstimate'
        default:
          description: Unexpected error
          schema:
            $ref: '#/definitions/Error'
  /estimates/time:
    get:
      summary: Time Estimates
      description: The Time Estimates endpoint returns ETAs for all products offered at a given location, with the responses expressed as integers in seconds. We recommend that this endpoint be called every minute to provide the most accurate, up-to-date ETAs.
      parameters:
        - name: start_latitude
          in: query
          description: Latitude component of start location.
          required: true
          type: number
          format: double
        - name: start_longitude
          in: query
          description: Longitude component of start location.
          required: true
          type: number
          format: double
        - name: customer_uuid
          in: query
          type: string
          format: uuid
          description: Unique customer identifier to be used for experience customization.
        - name: product_id
          in: query
          type: string
          description: Unique identifier representing a specific product for a given latitude & longitude.
      tags: 
        - Estimates
      responses:  
        "200":
          description: An array of products
          schema:
            type: array
            items:
              $ref: '#/definitions/Product'
        default:
          description: Unexpected error
          schema:
            $ref: '#/definitions/Error'
  /me:
    get:
      summary: User Profile
      description: The User Profile endpoint returns information about the Uber user that has authorized with the application.
      tags: 
        - User
      responses:
        "200":
          description: Profile information for a user
          schema:
            $ref: '#/definitions/Profile'
        default:
          description: Unexpected error
          schema:
            $ref: '#/definitions/Error'
  /history:
    get:
      summary: User Activity
      description: The User Activity endpoint returns data about a user's lifetime activity with Uber. The response will include pickup locations and times, dropoff locations and times, the distance of past requests, and information about which products were requested.<br><br>The history array in the response will have a maximum length based on the limit parameter. The response value count may exceed limit, therefore subsequent API requests may be necessary.
      parameters:
        - name: offset
          in: query
          type: integer
          format: int32
          description: Offset the list of returned results by this amount. Default is zero.
        - name: limit
          in: query
          type: integer
          format: int32 
          description: Number of items to retrieve. Default is 5, maximum is 100.
      tags: 
        - User
      responses:
        "200":
          description: History information for the given user
          schema:
            $ref: '#/definitions/Activities'
        default:
          description: Unexpected error
          schema:
            $ref: '#/definitions/Error'
definitions:
  Product:
    properties:
      product_id:
        type: string
        description: Unique identifier representing a specific product for a given latitude & longitude. For example, uberX in San Francisco will have a different product_id than uberX in Los Angeles.
      description:
        type: string
        description: Description of product.
      display_name:
        type: string
        description: Display name of product.
      capacity:
        type: integer
        description: Capacity of product. For example, 4 people.
      image:
        type: string
        description: Image URL representing the product.
  ProductList:
    properties:
      products:
        description: Contains the list of products
        type: array
        items: 
          $ref: "#/definitions/Product"
  PriceEstimate:
    properties:
      product_id:
        type: string
        description: Unique identifier representing a specific product for a given latitude & longitude. For example, uberX in San Francisco will have a different product_id than uberX in Los Angeles
      currency_code:
        type: string
        description: "[ISO 4217](http://en.wikipedia.org/wiki/ISO_4217) currency code."
      display_name:
        type: string
        description: Display name of product.
      estimate: 
        type: string
        description: Formatted string of estimate in local currency of the start location. Estimate could be a range, a single number (flat rate) or "Metered" for TAXI.
      low_estimate:
        type: number
        description: Lower bound of the estimated price.
      high_estimate:
        type: number
        description: Upper bound of the estimated price.
      surge_multiplier:
        type: number
        description: Expected surge multiplier. Surge is active if surge_multiplier is greater than 1. Price estimate already factors in the surge multiplier.
  Profile:
    properties:
      first_name:
        type: string
        description: First name of the Uber user.
      last_name:
        type: string
        description: Last name of the Uber user.
      email:
        type: string
        description: Email address of the Uber user
      picture:
        type: string
        description: Image URL of the Uber user.
      promo_code:
        type: string
        description: Promo code of the Uber user.   
  Activity:
    properties:
      uuid:
        type: string
        description: Unique identifier for the activity
  Activities:
    properties:
      offset:
        type: integer
        format: int32
        description: Position in pagination.
      limit:
        type: integer
        format: int32
        description: Number of items to retrieve (100 max).
      count:
        type: integer
        format: int32
        description: Total number of items available.
      history:
        type: array
        items:
          $ref: '#/definitions/Activity'
  Error:
    properties:
      code:
        type: integer
        format: int32
      message:
        type: string
      fields:
        type: string
"##;
