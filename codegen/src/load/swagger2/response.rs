//! Responses: the schema goes under every `produces` type, with `examples` beside it, and
//! headers get their type keywords moved into `schema`.

use serde_json::Value;

use super::operation::{collection, reference_to};
use super::{Located, Object, Up, invalid, is_extension, pointer, schema, slip};
use crate::error::push_pointer;

impl Up<'_> {
    pub(super) fn responses(&mut self, responses: &Value, at: &str, produces: &[String]) -> Result<Value, Located> {
        let Value::Object(responses) = responses else {
            return Err(invalid(at, "`responses` must be an object of responses"));
        };
        let mut out = Object::new();
        for (code, r) in responses {
            let here = push_pointer(at, code);
            if is_extension(code) {
                out.insert(code.clone(), r.clone());
            } else {
                out.insert(code.clone(), self.response_or_ref(r, &here, &here, produces)?);
            }
        }
        Ok(Value::Object(out))
    }

    /// A response at input pointer `at_in`, to be placed at `at_out`.
    pub(super) fn response_or_ref(&mut self, r: &Value, at_in: &str, at_out: &str, produces: &[String]) -> Result<Value, Located> {
        let Value::Object(r) = r else {
            return Err(invalid(at_in, "a response must be an object"));
        };
        let Some(target) = r.get("$ref") else {
            return Ok(self.response(r, at_in, at_out, produces));
        };
        match target.as_str().and_then(|t| t.strip_prefix("#/responses/")) {
            Some(token) => Ok(reference_to(&format!("#/components/responses/{token}"))),
            None => Err(invalid(push_pointer(at_in, "$ref"), format!("a response `$ref` must point into #/responses, not {target}"))),
        }
    }

    fn response(&mut self, r: &Object, at_in: &str, at_out: &str, produces: &[String]) -> Value {
        let mut out = Object::new();
        match r.get("description") {
            Some(d) => {
                out.insert("description".into(), d.clone());
            }
            None => {
                slip(self.notes, at_in, "a response without `description`; an empty one is used");
                out.insert("description".into(), Value::String(String::new()));
            }
        }
        if let Some(headers) = r.get("headers") {
            let headers = self.headers(headers, &push_pointer(at_in, "headers"), &push_pointer(at_out, "headers"));
            if !headers.is_empty() {
                out.insert("headers".into(), Value::Object(headers));
            }
        }
        let schema_at = push_pointer(at_in, "schema");
        let schema = r.get("schema").map(|s| schema::convert(s, &schema_at, self.notes));
        let mut content = Object::new();
        if let Some(schema) = &schema {
            for mime in produces {
                content.insert(mime.clone(), self.media(schema, at_out, mime, &schema_at));
            }
        }
        match (r.get("examples"), &schema) {
            (None, _) => {}
            (Some(Value::Object(examples)), Some(schema)) => {
                for (mime, example) in examples {
                    if !content.contains_key(mime) {
                        // An example's media type is one the API produces, even if unlisted.
                        content.insert(mime.clone(), self.media(schema, at_out, mime, &schema_at));
                    }
                    if let Some(Value::Object(media)) = content.get_mut(mime) {
                        media.insert("example".into(), example.clone());
                    }
                }
            }
            (Some(Value::Object(_)), None) => {
                let message = "`examples` of a response without `schema` (so without a body); dropped";
                slip(self.notes, push_pointer(at_in, "examples"), message);
            }
            (Some(_), _) => {
                let message = "`examples` is not an object of media type → example; dropped";
                slip(self.notes, push_pointer(at_in, "examples"), message);
            }
        }
        if !content.is_empty() {
            out.insert("content".into(), Value::Object(content));
        }
        for (key, v) in r {
            if is_extension(key) {
                out.insert(key.clone(), v.clone());
            } else if !["description", "headers", "schema", "examples"].contains(&key.as_str()) {
                let message = format!("`{key}` is not a field of a Swagger 2.0 response; dropped");
                slip(self.notes, push_pointer(at_in, key), message);
            }
        }
        Value::Object(out)
    }

    /// A media type object holding `schema`, its move recorded.
    fn media(&mut self, schema: &Value, at_out: &str, mime: &str, schema_at: &str) -> Value {
        self.notes.moves.record(pointer(at_out, &["content", mime, "schema"]), schema_at);
        let mut media = Object::new();
        media.insert("schema".into(), schema.clone());
        Value::Object(media)
    }

    /// A response's headers; one that is not an object is dropped with a slip, as a lost
    /// response header changes no request.
    fn headers(&mut self, headers: &Value, at_in: &str, at_out: &str) -> Object {
        let mut out = Object::new();
        let Value::Object(headers) = headers else {
            slip(self.notes, at_in, "`headers` is not an object of headers; dropped");
            return out;
        };
        for (name, h) in headers {
            let here_in = push_pointer(at_in, name);
            let Value::Object(h) = h else {
                slip(self.notes, here_in, "a header must be an object; dropped");
                continue;
            };
            let mut header = Object::new();
            if let Some(description) = h.get("description") {
                header.insert("description".into(), description.clone());
            }
            if h.get("type").and_then(Value::as_str) == Some("array") {
                // A header array is always 3.0's `simple` style, the default: nothing to write.
                collection(h, &here_in, "header", self.notes);
            } else if h.contains_key("collectionFormat") {
                let message = "`collectionFormat` applies to arrays only; ignored";
                slip(self.notes, push_pointer(&here_in, "collectionFormat"), message);
            }
            let schema = schema::simple(h, &here_in, self.notes);
            header.insert("schema".into(), schema::convert(&Value::Object(schema), &here_in, self.notes));
            self.notes.moves.record(pointer(at_out, &[name, "schema"]), &here_in);
            for (key, v) in h {
                if is_extension(key) && key != "x-nullable" {
                    header.insert(key.clone(), v.clone());
                } else if !schema::is_schema_key(key) && !["description", "collectionFormat"].contains(&key.as_str()) {
                    let message = format!("`{key}` is not a field of a Swagger 2.0 header; dropped");
                    slip(self.notes, push_pointer(&here_in, key), message);
                }
            }
            out.insert(name.clone(), Value::Object(header));
        }
        out
    }
}
