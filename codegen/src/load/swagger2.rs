//! Swagger 2.0 → OpenAPI 3.0.3, on JSON values, the way swagger2openapi does it.
//!
//! The input's `$ref`s are all local (`#/definitions/…`, `#/parameters/…`, `#/responses/…`): an
//! earlier step hoisted everything else into those sections. What has a sensible 3.0 reading is
//! converted with a slip; only what cannot be read at all (a parameter that is not an object, a
//! parameter `$ref` outside `#/parameters`, …) is an error. A `$ref` to nothing is kept for the
//! repair step, which warns about it. Nodes that keep their 2.0 place keep their pointer; every
//! node that moves is recorded in [`Notes::moves`], so later errors still point at the input.

use serde_json::{Map, Value};

use crate::error::{ErrorKind, Located, push_pointer};
use crate::load::notes::Notes;

mod operation;
mod response;
mod schema;
mod security;
#[cfg(test)]
mod tests;

type Object = Map<String, Value>;

/// 2.0's default for `consumes` and `produces`.
const JSON: &str = "application/json";

/// Root fields of Swagger 2.0; any other (but `x-`) is dropped with a slip.
const ROOT_FIELDS: &[&str] = &[
    "swagger",
    "info",
    "host",
    "basePath",
    "schemes",
    "consumes",
    "produces",
    "paths",
    "definitions",
    "parameters",
    "responses",
    "securityDefinitions",
    "security",
    "tags",
    "externalDocs",
];

/// Converts a Swagger 2.0 document into an OpenAPI 3.0.3 one.
pub(crate) fn upgrade(doc: Value, notes: &mut Notes) -> Result<Value, Located> {
    let Value::Object(root) = doc else {
        return Err(invalid("", "a Swagger 2.0 document is an object"));
    };
    // The caller dispatches on this field; checked again so no other version is half-read.
    if root.get("swagger").and_then(Value::as_str) != Some("2.0") {
        let found = shown(root.get("swagger"));
        return Err(invalid("/swagger", format!("only Swagger 2.0 can be converted; `swagger` is {found}")));
    }
    let mut up = Up { root: &root, notes, consumes: None, produces: None };
    up.consumes = up.media_list(root.get("consumes"), "/consumes");
    up.produces = up.media_list(root.get("produces"), "/produces");
    up.document()
}

/// The conversion of one document: the input (to follow `#/parameters` refs) and its defaults.
struct Up<'a> {
    root: &'a Object,
    notes: &'a mut Notes,
    /// The root `consumes`/`produces`, when written.
    consumes: Option<Media>,
    produces: Option<Media>,
}

/// A `consumes` or `produces` list and where it was written.
#[derive(Clone)]
struct Media {
    list: Vec<String>,
    at: String,
}

/// The media types an operation uses, and where they were written (`None`: the 2.0 default).
struct Effective {
    list: Vec<String>,
    at: Option<String>,
}

impl Up<'_> {
    fn document(&mut self) -> Result<Value, Located> {
        let root = self.root;
        // Components first: a broken section is reported as itself, not as a dangling `$ref`.
        let components = self.components()?;
        let paths = self.paths()?;
        let mut out = Object::new();
        out.insert("openapi".into(), "3.0.3".into());
        for key in ["info", "externalDocs"] {
            if let Some(v) = root.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        let servers = self.servers();
        if !servers.is_empty() {
            out.insert("servers".into(), Value::Array(servers));
        }
        for key in ["tags", "security"] {
            if let Some(v) = root.get(key) {
                out.insert(key.into(), v.clone());
            }
        }
        out.insert("paths".into(), paths);
        if !components.is_empty() {
            out.insert("components".into(), Value::Object(components));
        }
        for (key, v) in root {
            if is_extension(key) {
                out.insert(key.clone(), v.clone());
            } else if !ROOT_FIELDS.contains(&key.as_str()) {
                slip(self.notes, push_pointer("", key), format!("`{key}` is not a Swagger 2.0 field; dropped"));
            }
        }
        Ok(Value::Object(out))
    }

    /// `host` + `basePath` + `schemes` → one server per scheme.
    fn servers(&mut self) -> Vec<Value> {
        let root = self.root;
        let host = match root.get("host") {
            None => None,
            Some(Value::String(host)) => Some(self.host(host)),
            Some(_) => {
                slip(self.notes, "/host", "`host` is not a string; ignored");
                None
            }
        };
        let base = match root.get("basePath") {
            None => None,
            Some(Value::String(base)) => Some(self.base_path(base)),
            Some(_) => {
                slip(self.notes, "/basePath", "`basePath` is not a string; ignored");
                None
            }
        };
        match (host, base) {
            (Some(host), base) if !host.is_empty() => {
                let base = base.unwrap_or_default();
                self.schemes().iter().map(|scheme| server(format!("{scheme}://{host}{base}"))).collect()
            }
            (_, Some(base)) => vec![server(base)],
            _ => Vec::new(),
        }
    }

    /// 2.0 says `host` is the host (and port) only; a scheme or a trailing `/` is tolerated.
    fn host(&mut self, host: &str) -> String {
        let mut bare = host.trim();
        if let Some((_, rest)) = bare.split_once("://") {
            slip(self.notes, "/host", "`host` must not include a scheme (that is `schemes`); the scheme is dropped");
            bare = rest;
        }
        let trimmed = bare.trim_end_matches('/');
        if trimmed.contains('/') {
            slip(self.notes, "/host", "`host` must not include a path (that is `basePath`); kept as written");
        }
        trimmed.to_owned()
    }

    fn base_path(&mut self, base: &str) -> String {
        let mut base = base.trim().to_owned();
        if !base.starts_with('/') {
            slip(self.notes, "/basePath", "`basePath` must start with `/`; one is added");
            base.insert(0, '/');
        }
        let trimmed = base.trim_end_matches('/');
        if trimmed.is_empty() { "/".to_owned() } else { trimmed.to_owned() }
    }

    /// The root `schemes`, `https` when absent (or empty).
    fn schemes(&mut self) -> Vec<String> {
        let mut schemes = Vec::new();
        match self.root.get("schemes") {
            None => {}
            Some(Value::Array(list)) => {
                for (i, scheme) in list.iter().enumerate() {
                    match scheme.as_str() {
                        Some(s) if !s.trim().is_empty() => {
                            if !schemes.iter().any(|known: &String| known == s.trim()) {
                                schemes.push(s.trim().to_owned());
                            }
                        }
                        _ => slip(self.notes, push_pointer("/schemes", &i.to_string()), "not a scheme name; skipped"),
                    }
                }
            }
            Some(_) => slip(self.notes, "/schemes", "`schemes` is not a list; https is assumed"),
        }
        if schemes.is_empty() {
            schemes.push("https".to_owned());
        }
        schemes
    }

    /// A `consumes`/`produces` list as written at `at`; `None` when absent or unreadable.
    fn media_list(&mut self, value: Option<&Value>, at: &str) -> Option<Media> {
        let value = value?;
        let Value::Array(items) = value else {
            slip(self.notes, at, "not a list of media types; ignored");
            return None;
        };
        let mut list: Vec<String> = Vec::new();
        for (i, item) in items.iter().enumerate() {
            match item.as_str() {
                Some(m) if !list.iter().any(|known| known == m) => list.push(m.to_owned()),
                Some(_) => {}
                None => slip(self.notes, push_pointer(at, &i.to_string()), "not a media type string; skipped"),
            }
        }
        Some(Media { list, at: at.to_owned() })
    }

    /// An operation's list if written (even empty: 2.0 lets it clear the root's), else the root's;
    /// `application/json` when that leaves none.
    fn effective(own: Option<Media>, root: Option<&Media>) -> Effective {
        match own.or_else(|| root.cloned()) {
            Some(Media { list, at }) if !list.is_empty() => Effective { list, at: Some(at) },
            Some(Media { at, .. }) => Effective { list: vec![JSON.to_owned()], at: Some(at) },
            None => Effective { list: vec![JSON.to_owned()], at: None },
        }
    }

    /// `definitions`, `responses`, `parameters` and `securityDefinitions` → `components`.
    fn components(&mut self) -> Result<Object, Located> {
        let root = self.root;
        let mut out = Object::new();
        if let Some(defs) = root.get("definitions") {
            let Value::Object(defs) = defs else {
                return Err(invalid("/definitions", "`definitions` must be an object of schemas"));
            };
            let mut schemas = Object::new();
            for (name, s) in defs {
                schemas.insert(name.clone(), schema::convert(s, &push_pointer("/definitions", name), self.notes));
            }
            if !schemas.is_empty() {
                self.notes.moves.record("/components/schemas", "/definitions");
                out.insert("schemas".into(), Value::Object(schemas));
            }
        }
        if let Some(responses) = root.get("responses") {
            let Value::Object(responses) = responses else {
                return Err(invalid("/responses", "`responses` must be an object of responses"));
            };
            // Shared responses get the root `produces`: an operation's own list cannot reach them.
            let produces = Self::effective(None, self.produces.as_ref()).list;
            let mut converted = Object::new();
            for (name, r) in responses {
                let at_in = push_pointer("/responses", name);
                let at_out = push_pointer("/components/responses", name);
                converted.insert(name.clone(), self.response_or_ref(r, &at_in, &at_out, &produces)?);
            }
            if !converted.is_empty() {
                self.notes.moves.record("/components/responses", "/responses");
                out.insert("responses".into(), Value::Object(converted));
            }
        }
        let parameters = self.shared_parameters()?;
        if !parameters.is_empty() {
            self.notes.moves.record("/components/parameters", "/parameters");
            out.insert("parameters".into(), Value::Object(parameters));
        }
        if let Some(defs) = root.get("securityDefinitions") {
            let schemes = security::schemes(defs, self.notes)?;
            if !schemes.is_empty() {
                self.notes.moves.record("/components/securitySchemes", "/securityDefinitions");
                out.insert("securitySchemes".into(), Value::Object(schemes));
            }
        }
        Ok(out)
    }
}

fn server(url: String) -> Value {
    let mut server = Object::new();
    server.insert("url".into(), Value::String(url));
    Value::Object(server)
}

fn is_extension(key: &str) -> bool {
    key.starts_with("x-")
}

fn invalid(pointer: impl Into<String>, message: impl Into<String>) -> Located {
    Located::new(ErrorKind::Invalid, pointer, message)
}

/// Records a slip once: a path-level parameter is converted for each of its operations.
fn slip(notes: &mut Notes, pointer: impl Into<String>, message: impl Into<String>) {
    let (pointer, message) = (pointer.into(), message.into());
    if !notes.slips.iter().any(|s| s.pointer == pointer && s.message == message) {
        notes.slip(pointer, message);
    }
}

/// A value as a message shows it: JSON, or "nothing".
fn shown(value: Option<&Value>) -> String {
    value.map_or_else(|| "nothing".to_owned(), Value::to_string)
}

/// `prefix/a/b/…` with each token escaped.
fn pointer(prefix: &str, tokens: &[&str]) -> String {
    tokens.iter().fold(prefix.to_owned(), |at, token| push_pointer(&at, token))
}
