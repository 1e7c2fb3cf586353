//! Lowers paths and operations: method names, parameters, bodies, responses and security.

use std::collections::HashSet;

use openapiv3::{
    MediaType, OpenAPI, Operation as Spec, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr,
    StatusCode,
};

use crate::error::{ErrorKind, Located, push_pointer};
use crate::lower::refs::resolve;
use crate::lower::schemas::{Hint, TypeTable};
use crate::lower::security::requirements;
use crate::model::{
    Body, Operation, Param, ParamLocation, PathPart, Response, SecurityScheme, Status, TypeRef,
};
use crate::naming::{Scope, camel, snake, status_variant};

/// Names the generated `Client` already uses for its own methods.
pub(crate) const CLIENT_METHODS: &[&str] =
    &["new", "with_base_url", "with_http_client", "with_default_header", "base_url"];

pub(crate) struct Lowering<'a, 't> {
    pub doc: &'a OpenAPI,
    pub types: &'t mut TypeTable<'a>,
    pub schemes: &'t [SecurityScheme],
    pub methods: Scope,
    pub errors: Scope,
    pub operation_ids: HashSet<&'a str>,
}

impl<'a> Lowering<'a, '_> {
    pub fn operations(&mut self) -> Result<Vec<Operation>, Located> {
        let mut out = Vec::new();
        for (path, item) in &self.doc.paths.paths {
            let pointer = push_pointer("/paths", path);
            let ReferenceOr::Item(item) = item else {
                return Err(Located::new(ErrorKind::Unsupported, push_pointer(&pointer, "$ref"), "path item `$ref`s are not supported"));
            };
            for (method, op) in item.iter() {
                out.push(self.operation(path, item, method, op, &push_pointer(&pointer, method))?);
            }
        }
        Ok(out)
    }

    fn operation(
        &mut self,
        path: &str,
        item: &'a PathItem,
        method: &str,
        op: &'a Spec,
        pointer: &str,
    ) -> Result<Operation, Located> {
        if let Some(id) = &op.operation_id {
            if !self.operation_ids.insert(id) {
                return Err(Located::new(
                    ErrorKind::NameCollision,
                    push_pointer(pointer, "operationId"),
                    format!("operationId `{id}` is used by more than one operation"),
                ));
            }
        }
        let base = op.operation_id.clone().unwrap_or_else(|| format!("{method} {path}"));
        let method_name = self.methods.claim(snake(&base));
        let type_prefix = camel(&method_name);
        let error_name = self.errors.claim(format!("{type_prefix}Error"));

        let params = self.params(item, op, pointer, &type_prefix)?;
        let path_parts = path_parts(path, &params, pointer)?;
        let body = self.body(op, pointer, &type_prefix)?;
        let responses = self.responses(op, pointer, &type_prefix)?;
        let success = success_type(&responses);
        let security = match &op.security {
            Some(reqs) => requirements(reqs, self.schemes, &push_pointer(pointer, "security"))?,
            None => requirements(self.doc.security.as_deref().unwrap_or_default(), self.schemes, "/security")?,
        };
        Ok(Operation {
            method_name,
            operation_id: op.operation_id.clone(),
            http_method: method.to_ascii_uppercase(),
            path: path.to_owned(),
            path_parts,
            summary: op.summary.clone(),
            description: op.description.clone(),
            deprecated: op.deprecated,
            params,
            body,
            success,
            responses,
            security,
            error_name,
        })
    }

    /// Path-level parameters, overridden by operation-level ones of the same name and location.
    fn params(&mut self, item: &'a PathItem, op: &'a Spec, pointer: &str, prefix: &str) -> Result<Vec<Param>, Located> {
        let components = self.doc.components.as_ref().map(|c| &c.parameters);
        let path_pointer = pointer.rsplit_once('/').map_or("", |(p, _)| p);
        let mut found: Vec<(&Parameter, String)> = Vec::new();
        let sources = [(&item.parameters, path_pointer), (&op.parameters, pointer)];
        for (list, at) in sources {
            for (i, p) in list.iter().enumerate() {
                let at = push_pointer(&push_pointer(at, "parameters"), &i.to_string());
                let (p, at) = resolve(p, &at, "parameters", components)?;
                let key = (&p.parameter_data_ref().name, std::mem::discriminant(p));
                found.retain(|(q, _)| (&q.parameter_data_ref().name, std::mem::discriminant(*q)) != key);
                found.push((p, at));
            }
        }
        let mut names = Scope::with_reserved(&["body"]);
        let mut params = Vec::with_capacity(found.len());
        for (p, at) in found {
            let data = p.parameter_data_ref();
            let location = match p {
                Parameter::Path { .. } => ParamLocation::Path,
                Parameter::Query { .. } => ParamLocation::Query,
                Parameter::Header { .. } => ParamLocation::Header,
                Parameter::Cookie { .. } => ParamLocation::Cookie,
            };
            let hint = Hint::new(prefix, &data.name);
            let ty = match &data.format {
                ParameterSchemaOrContent::Schema(s) => {
                    self.types.lower_ref(s, &push_pointer(&at, "schema"), &hint)?.ty
                }
                ParameterSchemaOrContent::Content(content) => match content.first() {
                    Some((media, MediaType { schema: Some(s), .. })) => {
                        let at = push_pointer(&push_pointer(&push_pointer(&at, "content"), media), "schema");
                        self.types.lower_ref(s, &at, &hint)?.ty
                    }
                    _ => TypeRef::String,
                },
            };
            params.push(Param {
                rust_name: names.claim(snake(&data.name)),
                wire_name: data.name.clone(),
                location,
                ty,
                required: data.required || location == ParamLocation::Path,
                description: data.description.clone(),
            });
        }
        Ok(params)
    }

    fn body(&mut self, op: &'a Spec, pointer: &str, prefix: &str) -> Result<Option<Body>, Located> {
        let Some(body) = &op.request_body else { return Ok(None) };
        let components = self.doc.components.as_ref().map(|c| &c.request_bodies);
        let (body, at) = resolve(body, &push_pointer(pointer, "requestBody"), "requestBodies", components)?;
        let Some((content_type, media)) = body.content.iter().find(|(m, _)| is_json(m)) else {
            let listed: Vec<&str> = body.content.keys().map(String::as_str).collect();
            return Err(Located::new(
                ErrorKind::Unsupported,
                push_pointer(&at, "content"),
                format!("request bodies of type {} are not supported yet (only JSON)", listed.join(", ")),
            ));
        };
        let at = push_pointer(&push_pointer(&push_pointer(&at, "content"), content_type), "schema");
        let ty = match &media.schema {
            Some(s) => self.types.lower_ref(s, &at, &Hint::new(prefix, "body"))?.ty,
            None => TypeRef::Json,
        };
        Ok(Some(Body {
            ty,
            required: body.required,
            content_type: content_type.clone(),
            description: body.description.clone(),
            examples: self.examples(media, &at)?,
        }))
    }

    fn responses(&mut self, op: &'a Spec, pointer: &str, prefix: &str) -> Result<Vec<Response>, Located> {
        let components = self.doc.components.as_ref().map(|c| &c.responses);
        let base = push_pointer(pointer, "responses");
        let statuses = op.responses.responses.iter().map(|(code, r)| {
            let status = match code {
                StatusCode::Code(c) => Status::Code(*c),
                StatusCode::Range(r) => Status::Range(*r),
            };
            (status, code.to_string(), r)
        });
        let default = op.responses.default.iter().map(|r| (Status::Default, "default".to_owned(), r));
        let mut variants = Scope::default();
        let mut out = Vec::new();
        for (status, key, response) in statuses.chain(default) {
            let (response, at) = resolve(response, &push_pointer(&base, &key), "responses", components)?;
            let variant = variants.claim(match status {
                Status::Code(c) => status_variant(c),
                Status::Range(4) => "ClientError".to_owned(),
                Status::Range(5) => "ServerError".to_owned(),
                Status::Range(r) => format!("Status{r}xx"),
                Status::Default => "Default".to_owned(),
            });
            let role = if status.is_success() { "response".to_owned() } else { format!("{variant} response") };
            let json = response.content.iter().find(|(m, _)| is_json(m));
            let (body, content_type, examples) = match json {
                Some((media_type, media)) => {
                    let at = push_pointer(&push_pointer(&at, "content"), media_type);
                    let ty = match &media.schema {
                        Some(s) => self.types.lower_ref(s, &push_pointer(&at, "schema"), &Hint::new(prefix, role))?.ty,
                        None => TypeRef::Json,
                    };
                    (Some(ty), Some(media_type.clone()), self.examples(media, &at)?)
                }
                None => (None, response.content.keys().next().cloned(), Vec::new()),
            };
            let description = response.description.clone();
            out.push(Response { status, variant, description, body, content_type, examples });
        }
        Ok(out)
    }
}

impl Lowering<'_, '_> {
    /// A media type's `example` and its named `examples` (`$ref`s resolved; external values,
    /// which live outside the spec, are skipped).
    fn examples(&self, media: &MediaType, pointer: &str) -> Result<Vec<(String, serde_json::Value)>, Located> {
        let components = self.doc.components.as_ref().map(|c| &c.examples);
        let mut out: Vec<(String, serde_json::Value)> =
            media.example.iter().map(|v| ("example".to_owned(), v.clone())).collect();
        for (name, example) in &media.examples {
            let at = push_pointer(&push_pointer(pointer, "examples"), name);
            let (example, _) = resolve(example, &at, "examples", components)?;
            if let Some(value) = &example.value {
                out.push((name.clone(), value.clone()));
            }
        }
        Ok(out)
    }
}

fn is_json(media_type: &str) -> bool {
    let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
    essence == "application/json" || essence.ends_with("+json")
}

/// One success type for the method: the shared body type of the 2xx responses, else any JSON.
fn success_type(responses: &[Response]) -> Option<TypeRef> {
    let mut bodies = responses.iter().filter(|r| r.status.is_success()).filter_map(|r| r.body.as_ref());
    let first = bodies.next()?;
    Some(if bodies.all(|b| b == first) { first.clone() } else { TypeRef::Json })
}

/// Splits a path template into literal text and parameters, checking both sides agree.
fn path_parts(path: &str, params: &[Param], pointer: &str) -> Result<Vec<PathPart>, Located> {
    let mut parts = Vec::new();
    let mut rest = path;
    let mut used = HashSet::new();
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        let index = params
            .iter()
            .position(|p| p.location == ParamLocation::Path && p.wire_name == name)
            .ok_or_else(|| {
                Located::new(
                    ErrorKind::Invalid,
                    pointer,
                    format!("path template `{path}` uses `{{{name}}}`, but no path parameter `{name}` is declared"),
                )
            })?;
        used.insert(index);
        parts.push(PathPart::Param(index));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    if let Some(p) = params.iter().enumerate().find(|(i, p)| p.location == ParamLocation::Path && !used.contains(i)) {
        return Err(Located::new(
            ErrorKind::Invalid,
            pointer,
            format!("path parameter `{}` does not appear in the path template `{path}`", p.1.wire_name),
        ));
    }
    Ok(parts)
}
