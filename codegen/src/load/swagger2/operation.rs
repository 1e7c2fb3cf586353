//! Paths, operations and their parameters: 2.0's `body` and `formData` parameters become the
//! request body, the others keep their place with their type keywords moved into `schema`.

use serde_json::Value;

use super::{Effective, ErrorKind, Located, Object, Up, invalid, is_extension, pointer, schema, slip};
use crate::error::{push_pointer, ref_token};
use crate::load::notes::Notes;

const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch"];
/// Operation fields with a 3.0 place (`schemes` has none).
const OPERATION_FIELDS: &[&str] = &[
    "tags",
    "summary",
    "description",
    "externalDocs",
    "operationId",
    "consumes",
    "produces",
    "parameters",
    "responses",
    "deprecated",
    "security",
];
const MULTIPART: &str = "multipart/form-data";
const URLENCODED: &str = "application/x-www-form-urlencoded";
/// Parameter `$ref`s followed before giving up on a cycle.
const MAX_HOPS: usize = 32;

/// A parameter of a 2.0 list, its `$ref` (if any) followed.
#[derive(Clone)]
struct Param<'a> {
    /// With `location`, what makes a parameter unique; a `$ref` to nothing has its target
    /// as name and an empty location.
    name: String,
    location: String,
    /// The definition: inline, or under `#/parameters`.
    node: &'a Object,
    /// Input pointer of `node`.
    at: String,
    /// Input pointer of the list entry (the `$ref`, when there is one).
    site: String,
    /// The token after `#/parameters/`, when the entry was a `$ref`.
    reference: Option<String>,
}

impl<'a> Up<'a> {
    pub(super) fn paths(&mut self) -> Result<Value, Located> {
        let root = self.root;
        let Some(paths) = root.get("paths") else {
            slip(self.notes, "", "no `paths`; the API has no operations");
            return Ok(Value::Object(Object::new()));
        };
        let Value::Object(paths) = paths else {
            return Err(invalid("/paths", "`paths` must be an object of path items"));
        };
        let mut out = Object::new();
        for (path, item) in paths {
            let at = push_pointer("/paths", path);
            if is_extension(path) {
                out.insert(path.clone(), item.clone());
            } else if !path.starts_with('/') {
                slip(self.notes, at, "a path must start with `/`; dropped");
            } else {
                out.insert(path.clone(), self.path_item(item, &at)?);
            }
        }
        Ok(Value::Object(out))
    }

    fn path_item(&mut self, item: &'a Value, at: &str) -> Result<Value, Located> {
        let Value::Object(item) = item else {
            return Err(invalid(at, "a path item must be an object of operations"));
        };
        if item.contains_key("$ref") {
            return Err(Located::new(
                ErrorKind::Unsupported,
                push_pointer(at, "$ref"),
                "a path item `$ref` is not supported; write the operations in place",
            ));
        }
        let shared = self.param_list(item.get("parameters"), &push_pointer(at, "parameters"))?;
        let mut out = Object::new();
        for (key, v) in item {
            let here = push_pointer(at, key);
            if METHODS.contains(&key.as_str()) {
                out.insert(key.clone(), self.operation(v, &here, &shared)?);
            } else if key == "trace" {
                slip(self.notes, &here, "`trace` is not a Swagger 2.0 method; kept, as OpenAPI 3.0 has it");
                out.insert(key.clone(), self.operation(v, &here, &shared)?);
            } else if is_extension(key) {
                out.insert(key.clone(), v.clone());
            } else if key != "parameters" {
                slip(self.notes, here, format!("`{key}` is not a Swagger 2.0 path item field; dropped"));
            }
        }
        Ok(Value::Object(out))
    }

    fn operation(&mut self, op: &'a Value, at: &str, shared: &[Param<'a>]) -> Result<Value, Located> {
        let Value::Object(op) = op else {
            return Err(invalid(at, "an operation must be an object"));
        };
        let consumes = self.media_list(op.get("consumes"), &push_pointer(at, "consumes"));
        let consumes = Self::effective(consumes, self.consumes.as_ref());
        let produces = self.media_list(op.get("produces"), &push_pointer(at, "produces"));
        let produces = Self::effective(produces, self.produces.as_ref()).list;
        let own = self.param_list(op.get("parameters"), &push_pointer(at, "parameters"))?;

        // The operation's own parameter wins over the path's with the same name and location;
        // its request body (body or form) replaces the path's whatever the names, as there is one.
        let own_body = own.iter().any(|p| p.location == "body");
        let own_form = own.iter().any(|p| p.location == "formData");
        let overridden = |p: &Param<'_>| match p.location.as_str() {
            "body" => own_body || own_form,
            "formData" => own_body,
            _ => false,
        };
        let mut merged: Vec<Param<'a>> = shared.iter().filter(|p| !overridden(p)).cloned().collect();
        for p in own {
            match merged.iter_mut().find(|q| q.name == p.name && q.location == p.location) {
                Some(slot) => *slot = p,
                None => merged.push(p),
            }
        }

        let mut params = Vec::new();
        let mut body: Option<Param<'a>> = None;
        let mut form: Vec<Param<'a>> = Vec::new();
        for p in merged {
            match p.location.as_str() {
                "body" if body.is_some() => slip(self.notes, &p.site, "a second body parameter; only the first is used"),
                "body" if !form.is_empty() => {
                    slip(self.notes, &p.site, "a body parameter cannot go with formData parameters; ignored (the formData ones are used)")
                }
                "body" => body = Some(p),
                "formData" if body.is_some() => {
                    slip(self.notes, &p.site, "a formData parameter cannot go with a body parameter; ignored (the body is used)")
                }
                "formData" => form.push(p),
                _ => params.push(p),
            }
        }

        let mut converted = Vec::new();
        for p in &params {
            let here = push_pointer(&push_pointer(at, "parameters"), &converted.len().to_string());
            converted.push(self.parameter_or_ref(p));
            self.notes.moves.record(&here, &p.site);
            if p.reference.is_none() {
                self.notes.moves.record(push_pointer(&here, "schema"), &p.at);
            }
        }
        let request_body = match body {
            Some(body) => Some(self.body_request(&body, at, &consumes.list)),
            None if !form.is_empty() => Some(self.form_request(&form, at, &consumes)),
            None => None,
        };

        let mut out = Object::new();
        for key in ["tags", "summary", "description", "externalDocs", "operationId"] {
            if let Some(v) = op.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        if !converted.is_empty() {
            out.insert("parameters".into(), Value::Array(converted));
        }
        if let Some(request_body) = request_body {
            out.insert("requestBody".into(), request_body);
        }
        let responses = match op.get("responses") {
            Some(responses) => self.responses(responses, &push_pointer(at, "responses"), &produces)?,
            None => {
                slip(self.notes, at, "an operation without `responses`; none are documented");
                Value::Object(Object::new())
            }
        };
        out.insert("responses".into(), responses);
        for key in ["deprecated", "security"] {
            if let Some(v) = op.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        for (key, v) in op {
            if is_extension(key) {
                out.insert(key.clone(), v.clone());
            } else if key == "schemes" {
                slip(
                    self.notes,
                    push_pointer(at, key),
                    "per-operation `schemes` cannot be expressed in OpenAPI 3.0; ignored (the document's servers apply)",
                );
            } else if !OPERATION_FIELDS.contains(&key.as_str()) {
                slip(self.notes, push_pointer(at, key), format!("`{key}` is not a Swagger 2.0 operation field; dropped"));
            }
        }
        Ok(Value::Object(out))
    }

    /// A `parameters` list (of a path item or an operation), each entry resolved; a repeated
    /// name and location is a slip, the first kept.
    fn param_list(&mut self, list: Option<&'a Value>, at: &str) -> Result<Vec<Param<'a>>, Located> {
        let Some(list) = list else { return Ok(Vec::new()) };
        let Value::Array(entries) = list else {
            return Err(invalid(at, "`parameters` must be a list"));
        };
        let mut out: Vec<Param<'a>> = Vec::new();
        for (i, entry) in entries.iter().enumerate() {
            let p = self.resolve(entry, push_pointer(at, &i.to_string()))?;
            if out.iter().any(|q| q.name == p.name && q.location == p.location) {
                let message = format!("{} parameter `{}` is listed twice; the first is used", p.location, p.name);
                slip(self.notes, &p.site, message);
            } else {
                out.push(p);
            }
        }
        Ok(out)
    }

    /// A parameter list entry at `site`, with its `#/parameters` `$ref`s followed.
    fn resolve(&mut self, entry: &'a Value, site: String) -> Result<Param<'a>, Located> {
        let root = self.root;
        let mut node = entry;
        let mut at = site.clone();
        let mut reference = None;
        for _ in 0..MAX_HOPS {
            let Value::Object(map) = node else {
                return Err(invalid(at, "a parameter must be an object"));
            };
            let Some(target) = map.get("$ref") else {
                return Self::param(map, at, site, reference);
            };
            let ref_at = push_pointer(&at, "$ref");
            let Some(token) = target.as_str().and_then(|r| r.strip_prefix("#/parameters/")) else {
                return Err(invalid(ref_at, format!("a parameter `$ref` must point into #/parameters, not {target}")));
            };
            let name = ref_token(token);
            let Some(found) = root.get("parameters").and_then(|section| section.get(&name)) else {
                // Kept as a plain parameter `$ref`: the repair step leaves it out with a warning.
                let first = reference.unwrap_or_else(|| token.to_owned());
                let (name, location) = (format!("#/parameters/{token}"), String::new());
                return Ok(Param { name, location, node: map, at, site, reference: Some(first) });
            };
            reference.get_or_insert_with(|| token.to_owned());
            node = found;
            at = push_pointer("/parameters", &name);
        }
        let message = "parameter `$ref`s lead back to where they started";
        Err(Located::new(ErrorKind::CyclicRef, push_pointer(&site, "$ref"), message))
    }

    fn param(map: &'a Object, at: String, site: String, reference: Option<String>) -> Result<Param<'a>, Located> {
        let Some(name) = map.get("name").and_then(Value::as_str) else {
            return Err(invalid(at, "a parameter needs a `name` string"));
        };
        let location = match map.get("in").and_then(Value::as_str) {
            Some(l @ ("body" | "formData" | "query" | "header" | "path")) => l,
            Some(other) => {
                return Err(invalid(
                    push_pointer(&at, "in"),
                    format!("`in: {other}` is not a Swagger 2.0 location (body, formData, query, header, path)"),
                ));
            }
            None => return Err(invalid(at, "a parameter needs an `in` string")),
        };
        Ok(Param {
            name: name.to_owned(),
            location: location.to_owned(),
            node: map,
            at,
            site,
            reference,
        })
    }

    fn parameter_or_ref(&mut self, p: &Param<'a>) -> Value {
        match &p.reference {
            Some(token) => reference_to(&format!("#/components/parameters/{token}")),
            None => parameter(p.node, &p.at, &p.location, self.notes),
        }
    }

    /// The root `parameters` → `components/parameters`. Body and formData entries are not
    /// there: they are folded into each request body that refers to them, since the media types
    /// of a body come from each operation's `consumes`, which one shared request body cannot follow.
    pub(super) fn shared_parameters(&mut self) -> Result<Object, Located> {
        let root = self.root;
        let mut out = Object::new();
        let Some(section) = root.get("parameters") else { return Ok(out) };
        let Value::Object(section) = section else {
            return Err(invalid("/parameters", "`parameters` must be an object of parameters"));
        };
        for (name, entry) in section {
            let site = push_pointer("/parameters", name);
            let p = self.resolve(entry, site.clone())?;
            if p.location == "body" || p.location == "formData" {
                continue;
            }
            if p.reference.is_none() {
                self.notes.moves.record(pointer("/components/parameters", &[name, "schema"]), &site);
            }
            out.insert(name.clone(), self.parameter_or_ref(&p));
        }
        Ok(out)
    }

    /// A body parameter → a request body with the schema under every `consumes` type.
    fn body_request(&mut self, body: &Param<'a>, op_at: &str, consumes: &[String]) -> Value {
        let out_at = push_pointer(op_at, "requestBody");
        self.notes.moves.record(&out_at, &body.at);
        let schema_at = push_pointer(&body.at, "schema");
        let schema = match body.node.get("schema") {
            Some(s) => Some(schema::convert(s, &schema_at, self.notes)),
            None => {
                slip(self.notes, &body.at, "a body parameter without `schema`; the body is untyped");
                None
            }
        };
        let mut content = Object::new();
        for mime in consumes {
            let mut media = Object::new();
            if let Some(schema) = &schema {
                media.insert("schema".into(), schema.clone());
                self.notes.moves.record(pointer(&out_at, &["content", mime, "schema"]), &schema_at);
            }
            content.insert(mime.clone(), Value::Object(media));
        }
        let mut out = Object::new();
        if let Some(description) = body.node.get("description") {
            out.insert("description".into(), description.clone());
        }
        out.insert("content".into(), Value::Object(content));
        if required(body.node, &body.at, self.notes) {
            out.insert("required".into(), Value::Bool(true));
        }
        for (key, v) in body.node {
            if is_extension(key) {
                out.insert(key.clone(), v.clone());
            } else if !["name", "in", "description", "required", "schema"].contains(&key.as_str()) {
                let message = format!("`{key}` is not a field of a body parameter (the type goes in `schema`); dropped");
                slip(self.notes, push_pointer(&body.at, key), message);
            }
        }
        Value::Object(out)
    }

    /// formData parameters → one request body of one form media type, an object schema with a
    /// property per field.
    fn form_request(&mut self, fields: &[Param<'a>], op_at: &str, consumes: &Effective) -> Value {
        let any_file = fields.iter().any(|f| f.node.get("type").and_then(Value::as_str) == Some("file"));
        let position = |wanted: &str| consumes.list.iter().position(|m| same_media(m, wanted));
        let (multipart, urlencoded) = (position(MULTIPART), position(URLENCODED));
        let mime = match (multipart, urlencoded) {
            _ if any_file => {
                if let (None, Some(_), Some(at)) = (multipart, urlencoded, &consumes.at) {
                    let message = "a `type: file` field needs multipart/form-data; used instead of the urlencoded form";
                    slip(self.notes, at, message);
                }
                MULTIPART
            }
            (Some(m), Some(u)) => {
                if m < u {
                    MULTIPART
                } else {
                    URLENCODED
                }
            }
            (Some(_), None) => MULTIPART,
            (None, Some(_)) => URLENCODED,
            (None, None) => {
                if let Some(at) = &consumes.at {
                    let message = "formData parameters, but no form media type is listed (neither multipart/form-data \
                                   nor application/x-www-form-urlencoded); sent as application/x-www-form-urlencoded";
                    slip(self.notes, at, message);
                }
                URLENCODED
            }
        };
        let schema_at = pointer(op_at, &["requestBody", "content", mime, "schema"]);
        if let Some(first) = fields.first() {
            self.notes.moves.record(&schema_at, &first.at);
        }
        let mut properties = Object::new();
        let mut names = Vec::new();
        let mut encoding = Object::new();
        for f in fields {
            self.notes.moves.record(pointer(&schema_at, &["properties", &f.name]), &f.at);
            properties.insert(f.name.clone(), form_field(f.node, &f.at, self.notes));
            if required(f.node, &f.at, self.notes) {
                names.push(Value::String(f.name.clone()));
            }
            // Only urlencoded bodies have array styles; a multipart array is one part per item.
            let is_array = f.node.get("type").and_then(Value::as_str) == Some("array");
            if mime == URLENCODED && is_array {
                let (style, explode) = collection(f.node, &f.at, "formData", self.notes);
                let mut e = Object::new();
                e.insert("style".into(), style.into());
                e.insert("explode".into(), explode.into());
                encoding.insert(f.name.clone(), Value::Object(e));
            }
        }
        let mut schema = Object::new();
        schema.insert("type".into(), "object".into());
        schema.insert("properties".into(), Value::Object(properties));
        let any_required = !names.is_empty();
        if any_required {
            schema.insert("required".into(), Value::Array(names));
        }
        let mut media = Object::new();
        media.insert("schema".into(), Value::Object(schema));
        if !encoding.is_empty() {
            media.insert("encoding".into(), Value::Object(encoding));
        }
        let mut content = Object::new();
        content.insert(mime.into(), Value::Object(media));
        let mut out = Object::new();
        out.insert("content".into(), Value::Object(content));
        if any_required {
            out.insert("required".into(), Value::Bool(true));
        }
        Value::Object(out)
    }
}

/// A query, header or path parameter (at input pointer `at`) in 3.0 form.
fn parameter(node: &Object, at: &str, location: &str, notes: &mut Notes) -> Value {
    let mut out = Object::new();
    for key in ["name", "in", "description"] {
        if let Some(v) = node.get(key) {
            out.insert(key.into(), v.clone());
        }
    }
    let mut is_required = required(node, at, notes);
    if location == "path" && !is_required {
        slip(notes, at, "a path parameter must be `required: true`; made required");
        is_required = true;
    }
    if is_required {
        out.insert("required".into(), Value::Bool(true));
    }
    // Not 2.0 fields, but 3.0 ones with the same meaning.
    if let Some(v) = node.get("deprecated") {
        out.insert("deprecated".into(), v.clone());
    }
    if let Some(v) = node.get("allowEmptyValue") {
        if location == "query" {
            out.insert("allowEmptyValue".into(), v.clone());
        } else {
            let message = "`allowEmptyValue` applies to query and formData parameters only; dropped";
            slip(notes, push_pointer(at, "allowEmptyValue"), message);
        }
    }
    let kind = node.get("type").and_then(Value::as_str);
    if kind == Some("array") {
        let (style, explode) = collection(node, at, location, notes);
        out.insert("style".into(), style.into());
        out.insert("explode".into(), explode.into());
    } else if node.contains_key("collectionFormat") {
        slip(notes, push_pointer(at, "collectionFormat"), "`collectionFormat` applies to arrays only; ignored");
    }
    match kind {
        None => slip(notes, at, format!("a {location} parameter without a `type`; any value is accepted")),
        Some("file") => {
            let message = "`type: file` is for formData parameters only; read as a binary string";
            slip(notes, push_pointer(at, "type"), message);
        }
        Some(_) => {}
    }
    let schema = schema::simple(node, at, notes);
    out.insert("schema".into(), schema::convert(&Value::Object(schema), at, notes));
    if let Some(v) = node.get("example") {
        out.insert("example".into(), v.clone());
    }
    let known = ["name", "in", "description", "required", "deprecated", "allowEmptyValue", "collectionFormat", "example"];
    for (key, v) in node {
        if schema::is_schema_key(key) || known.contains(&key.as_str()) {
            continue;
        }
        if is_extension(key) {
            out.insert(key.clone(), v.clone());
        } else {
            slip(notes, push_pointer(at, key), format!("`{key}` is not a field of a Swagger 2.0 parameter; dropped"));
        }
    }
    Value::Object(out)
}

/// A formData parameter → the schema of its form property.
fn form_field(node: &Object, at: &str, notes: &mut Notes) -> Value {
    let mut field = Object::new();
    if let Some(description) = node.get("description") {
        field.insert("description".into(), description.clone());
    }
    field.extend(schema::simple(node, at, notes));
    let known = ["name", "in", "description", "required", "collectionFormat"];
    for (key, v) in node {
        if schema::is_schema_key(key) || known.contains(&key.as_str()) {
            continue;
        }
        if is_extension(key) {
            field.insert(key.clone(), v.clone());
        } else if key == "allowEmptyValue" {
            let message = "`allowEmptyValue` on a form field has no OpenAPI 3.0 equivalent; ignored";
            slip(notes, push_pointer(at, key), message);
        } else {
            slip(notes, push_pointer(at, key), format!("`{key}` is not a field of a Swagger 2.0 parameter; dropped"));
        }
    }
    schema::convert(&Value::Object(field), at, notes)
}

/// An array's `collectionFormat` (csv when absent) as a 3.0 `style` and `explode`, for a
/// parameter in `location` (`formData` meaning a urlencoded form field).
pub(super) fn collection(node: &Object, at: &str, location: &str, notes: &mut Notes) -> (&'static str, bool) {
    let cf_at = push_pointer(at, "collectionFormat");
    let format = match node.get("collectionFormat") {
        None => "csv",
        Some(Value::String(f)) => f.as_str(),
        Some(_) => {
            slip(notes, &cf_at, "`collectionFormat` is not a string; read as csv");
            "csv"
        }
    };
    if location == "path" || location == "header" {
        match format {
            "csv" => {}
            "multi" => {
                let message = format!("`multi` is for query and formData parameters only; a {location} array is read as csv");
                slip(notes, cf_at, message);
            }
            _ => {
                let message = format!("`{format}` cannot be expressed for a {location} parameter in OpenAPI 3.0; read as csv");
                slip(notes, cf_at, message);
            }
        }
        return ("simple", false);
    }
    match format {
        "csv" => ("form", false),
        "ssv" => ("spaceDelimited", false),
        "pipes" => ("pipeDelimited", false),
        "multi" => ("form", true),
        "tsv" => {
            slip(notes, cf_at, "`tsv` has no OpenAPI 3.0 style; read as csv");
            ("form", false)
        }
        other => {
            slip(notes, cf_at, format!("`{other}` is not a Swagger 2.0 collectionFormat; read as csv"));
            ("form", false)
        }
    }
}

/// A parameter's `required`, false when absent.
fn required(node: &Object, at: &str, notes: &mut Notes) -> bool {
    match node.get("required") {
        None => false,
        Some(Value::Bool(b)) => *b,
        Some(_) => {
            slip(notes, push_pointer(at, "required"), "`required` is not a boolean; read as false");
            false
        }
    }
}

pub(super) fn reference_to(target: &str) -> Value {
    let mut r = Object::new();
    r.insert("$ref".into(), Value::String(target.to_owned()));
    Value::Object(r)
}

/// Media types compared without parameters or case: `Multipart/Form-Data; boundary=x` is multipart.
fn same_media(listed: &str, wanted: &str) -> bool {
    listed.split(';').next().unwrap_or_default().trim().eq_ignore_ascii_case(wanted)
}
