//! Lowers paths and operations: method names, parameters, bodies, responses and security.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{
    Content, MediaType, OpenAPI, Operation as Spec, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, Schema, SchemaKind,
    StatusCode, Type,
};

use crate::error::{ErrorKind, Located, push_pointer};
use crate::lower::refs::resolve;
use crate::lower::schemas::{Hint, TypeTable};
use crate::lower::security::requirements;
use crate::model::{
    Body, Header, Headers, HttpMethod, MediaKind, MemberEncoding, Operation, Param, ParamId, ParamLocation, PathPart, QueryStyle, Response,
    SecurityScheme, Status, TypeRef, successes,
};
use crate::naming::{BUILDER_OWN, METHOD_LOCALS, MOCK_OWN, PLACEHOLDERS, Scope, camel, param, snake, status_variant, unraw};

pub(crate) struct Lowering<'a, 't> {
    pub doc: &'a OpenAPI,
    pub types: &'t mut TypeTable<'a>,
    pub schemes: &'t [SecurityScheme],
    pub methods: Scope,
    pub errors: Scope,
    /// Builder type names, unique in the `builders` module.
    pub builders: Scope,
    /// Header struct names, unique in the `headers` module.
    pub headers: Scope,
    pub operation_ids: HashSet<&'a str>,
    /// The handler names of FastAPI's default operation ids, by id: the methods' names.
    pub handlers: HashMap<&'a str, &'a str>,
}

/// FastAPI's default operation ids by the handler names that name their methods instead:
/// `read_item_items__item_id__get` (the handler `read_item`, the route with each character that
/// is not a letter, digit or `_` as `_`, and the method, as FastAPI's `generate_unique_id` joins
/// them) is `read_item`, where no other operation's handler or id gives the same name.
pub(crate) fn handler_names(doc: &OpenAPI) -> HashMap<&str, &str> {
    let mut found: Vec<(&str, &str)> = Vec::new();
    let mut taken: HashMap<String, usize> = HashMap::new();
    for (path, item) in &doc.paths.paths {
        let ReferenceOr::Item(item) = item else { continue };
        for (method, op) in item.iter() {
            let Some(id) = op.operation_id.as_deref() else { continue };
            *taken.entry(snake(id)).or_default() += 1;
            if let Some(handler) = fastapi_handler(id, path, method) {
                found.push((id, handler));
                *taken.entry(snake(handler)).or_default() += 1;
            }
        }
    }
    found.into_iter().filter(|(_, handler)| taken[&snake(handler)] == 1).collect()
}

/// The handler of a FastAPI default operation id, if `id` is one for `method` on `path`.
fn fastapi_handler<'i>(id: &'i str, path: &str, method: &str) -> Option<&'i str> {
    let route: String = path.chars().map(|c| if c.is_alphanumeric() || c == '_' { c } else { '_' }).collect();
    let handler = id.strip_suffix(&format!("{route}_{method}"))?;
    let word = handler.chars().any(char::is_alphabetic) && !handler.ends_with('_');
    word.then_some(handler)
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

    fn operation(&mut self, path: &str, item: &'a PathItem, method: &str, op: &'a Spec, pointer: &str) -> Result<Operation, Located> {
        if let Some(id) = &op.operation_id {
            if !self.operation_ids.insert(id) {
                return Err(Located::new(
                    ErrorKind::NameCollision,
                    push_pointer(pointer, "operationId"),
                    format!("operationId `{id}` is used by more than one operation"),
                ));
            }
        }
        let handler = op.operation_id.as_deref().and_then(|id| self.handlers.get(id)).copied();
        let base = match (handler, &op.operation_id) {
            (Some(handler), _) => handler.to_owned(),
            (None, Some(id)) => id.clone(),
            (None, None) => format!("{method} {path}"),
        };
        let method_name = self.methods.claim(snake(&base));
        let type_prefix = camel(unraw(&method_name));
        let error_name = self.errors.claim(format!("{type_prefix}Error"));
        let builder_name = self.builders.claim(type_prefix.clone());

        let mut params = self.params(item, op, pointer, &type_prefix)?;
        reconcile_path_params(path, &mut params);
        let path_parts = path_parts(path, &params, pointer)?;
        let body = self.body(op, pointer, &type_prefix)?;
        let (mut responses, mut events) = self.responses(op, pointer, &type_prefix)?;
        let (success, success_kind, mut success_optional) = success_type(&responses);
        let (success, success_kind) = match success {
            // No answer documented (3.1 makes `responses` optional): any 2xx is a success, read
            // as whatever JSON it holds, if any; every other status is unexpected.
            None if responses.is_empty() => {
                success_optional = true;
                responses.push(undocumented_success());
                (Some(TypeRef::Json), MediaKind::Json)
            }
            other => (other, success_kind),
        };
        if success_kind != MediaKind::EventStream && events.is_none() {
            // A success answer that is only an event stream, beside others that are not: the
            // call reads the others, and `events()` this one.
            let streamed = successes(&responses).find(|r| r.kind == MediaKind::EventStream);
            events = streamed.and_then(|r| r.body.clone());
        }
        let success_headers = self.name_headers(&mut responses, &type_prefix);
        let security = match &op.security {
            Some(reqs) => requirements(reqs, self.schemes, &push_pointer(pointer, "security"))?,
            None => requirements(self.doc.security.as_deref().unwrap_or_default(), self.schemes, "/security")?,
        };
        Ok(Operation {
            method_name,
            operation_id: op.operation_id.clone(),
            handler_named: handler.is_some(),
            http_method: HttpMethod::of_key(method).expect("openapiv3 yields the path item's method keys"),
            path: path.to_owned(),
            path_parts,
            summary: op.summary.clone(),
            description: op.description.clone(),
            tag: op.tags.first().cloned(),
            group: None,
            deprecated: op.deprecated,
            params,
            body,
            success,
            success_kind,
            success_optional,
            responses,
            success_headers,
            events,
            security,
            error_name,
            builder_name,
            pagination: None,
            idempotency_header: None,
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
        let mut names = param_names(&[]);
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
                ParameterSchemaOrContent::Schema(s) => self.types.lower_ref(s, &push_pointer(&at, "schema"), &hint)?.ty,
                ParameterSchemaOrContent::Content(content) => match content.first() {
                    Some((media, MediaType { schema: Some(s), .. })) => {
                        let at = push_pointer(&push_pointer(&push_pointer(&at, "content"), media), "schema");
                        self.types.lower_ref(s, &at, &hint)?.ty
                    }
                    _ => TypeRef::String,
                },
            };
            let style = match p {
                Parameter::Query { style, .. } => match (style, data.explode) {
                    (openapiv3::QueryStyle::Form, Some(false)) => QueryStyle::FormJoined,
                    (openapiv3::QueryStyle::Form, _) => QueryStyle::Form,
                    (openapiv3::QueryStyle::SpaceDelimited, _) => QueryStyle::SpaceDelimited,
                    (openapiv3::QueryStyle::PipeDelimited, _) => QueryStyle::PipeDelimited,
                    (openapiv3::QueryStyle::DeepObject, _) => QueryStyle::DeepObject,
                },
                _ => QueryStyle::Form,
            };
            let constraints = match &data.format {
                ParameterSchemaOrContent::Schema(s) => super::constraints::of(s),
                ParameterSchemaOrContent::Content(_) => Vec::new(),
            };
            params.push(Param {
                rust_name: names.claim(param(&data.name)),
                wire_name: data.name.clone(),
                location,
                style,
                ty,
                required: data.required || location == ParamLocation::Path,
                description: data.description.clone(),
                constraints,
            });
        }
        Ok(params)
    }

    pub(super) fn body(&mut self, op: &'a Spec, pointer: &str, prefix: &str) -> Result<Option<Body>, Located> {
        let Some(body) = &op.request_body else { return Ok(None) };
        let components = self.doc.components.as_ref().map(|c| &c.request_bodies);
        let (body, at) = resolve(body, &push_pointer(pointer, "requestBody"), "requestBodies", components)?;
        let Some((content_type, media, kind)) = pick(&body.content) else { return Ok(None) };
        // A JSON body with a file in it cannot carry the file: where the spec offers multipart
        // beside it (OpenAI's uploads), the file goes as a part.
        let multipart = body.content.iter().find(|(m, _)| MediaKind::of(m) == MediaKind::Multipart);
        let (content_type, media, kind) = match multipart {
            Some((m, multipart)) if kind == MediaKind::Json && media.schema.as_ref().is_some_and(|s| self.has_file(s)) => {
                (m, multipart, MediaKind::Multipart)
            }
            _ => (content_type, media, kind),
        };
        let at = push_pointer(&push_pointer(&at, "content"), content_type);
        // An event stream as a request body makes no sense; its text is sent as it is.
        let kind = if kind == MediaKind::EventStream { MediaKind::Text } else { kind };
        let ty = match (kind, &media.schema) {
            (MediaKind::Text, _) => TypeRef::String,
            (MediaKind::Binary, _) => TypeRef::Binary,
            (_, Some(s)) => self.types.lower_ref(s, &push_pointer(&at, "schema"), &Hint::new(prefix, "body"))?.ty,
            (_, None) => TypeRef::Json,
        };
        Ok(Some(Body {
            kind,
            ty,
            required: body.required,
            content_type: content_type.clone(),
            description: body.description.clone(),
            examples: if kind == MediaKind::Json { self.examples(media, &at)? } else { Vec::new() },
            encoding: member_encodings(media),
        }))
    }

    /// Whether a body schema has a member of `format: binary` (a file), or an array of them.
    fn has_file(&self, schema: &ReferenceOr<Schema>) -> bool {
        let binary = |s: &Schema| match &s.schema_kind {
            SchemaKind::Type(Type::String(t)) => {
                matches!(&t.format, openapiv3::VariantOrUnknownOrEmpty::Item(openapiv3::StringFormat::Binary))
            }
            SchemaKind::Any(a) => a.format.as_deref() == Some("binary"),
            _ => false,
        };
        let schema = match schema {
            ReferenceOr::Item(s) => s,
            ReferenceOr::Reference { reference } => match self.component_schema(reference) {
                Some(s) => s,
                None => return false,
            },
        };
        let properties = match &schema.schema_kind {
            SchemaKind::Type(Type::Object(o)) => &o.properties,
            SchemaKind::Any(a) => &a.properties,
            _ => return false,
        };
        properties.values().any(|p| {
            let p = match p {
                ReferenceOr::Item(p) => Some(&**p),
                ReferenceOr::Reference { reference } => self.component_schema(reference),
            };
            // A file, a list of files, or a union of those (OpenAI's "one file or several").
            let files = |p: &Schema| {
                binary(p)
                    || matches!(&p.schema_kind, SchemaKind::Type(Type::Array(a))
                        if a.items.as_ref().is_some_and(|i| matches!(i, ReferenceOr::Item(i) if binary(i))))
            };
            p.is_some_and(|p| match &p.schema_kind {
                SchemaKind::OneOf { one_of: all } | SchemaKind::AnyOf { any_of: all } => {
                    !all.is_empty() && all.iter().all(|a| matches!(a, ReferenceOr::Item(a) if files(a)))
                }
                _ => files(p),
            })
        })
    }

    /// The component schema a `$ref` names, following `$ref`s between components.
    fn component_schema(&self, reference: &str) -> Option<&'a Schema> {
        crate::lower::refs::component_schema(self.doc.components.as_ref().map(|c| &c.schemas), reference)
    }

    /// The documented responses, and the event data type of a success that may also come as
    /// server-sent events.
    fn responses(&mut self, op: &'a Spec, pointer: &str, prefix: &str) -> Result<(Vec<Response>, Option<TypeRef>), Located> {
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
        let mut events = None;
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
            let stream = response.content.iter().find(|(m, _)| MediaKind::of(m) == MediaKind::EventStream);
            let (body, kind, content_type, examples) = match pick(&response.content) {
                Some((media_type, media, kind)) => {
                    let at = push_pointer(&push_pointer(&at, "content"), media_type);
                    // Only a success is read as events; an error's event stream is its text.
                    let kind = match kind {
                        MediaKind::EventStream if !status.is_success() => MediaKind::Text,
                        kind => kind,
                    };
                    let ty = match (kind, &media.schema) {
                        (MediaKind::Json, Some(s)) => self.types.lower_ref(s, &push_pointer(&at, "schema"), &Hint::new(prefix, role))?.ty,
                        (MediaKind::Json, None) => TypeRef::Json,
                        (MediaKind::EventStream, schema) => self.event_data(schema.as_ref(), &at, prefix)?,
                        (MediaKind::Text, _) => TypeRef::String,
                        _ => TypeRef::Binary,
                    };
                    if status.is_success() && kind != MediaKind::EventStream && events.is_none() {
                        if let Some((media_type, media)) = stream {
                            let at = push_pointer(&push_pointer(&at, "content"), media_type);
                            events = Some(self.event_data(media.schema.as_ref(), &at, prefix)?);
                        }
                    }
                    let examples = if kind == MediaKind::Json { self.examples(media, &at)? } else { Vec::new() };
                    (Some(ty), kind, Some(media_type.clone()), examples)
                }
                None => (None, MediaKind::Json, None, Vec::new()),
            };
            let description = response.description.clone();
            let headers = self.headers(&response.headers, &at, prefix, &variant)?;
            let headers = (!headers.is_empty()).then(|| Headers { name: String::new(), fields: headers });
            let events = status.is_success() && stream.is_some();
            out.push(Response {
                status,
                variant,
                description,
                body,
                kind,
                boxed: false,
                events,
                content_type,
                examples,
                headers,
            });
        }
        Ok((out, events))
    }

    /// The type of an event stream's `data`, from the media type's schema (`at` is the media
    /// type's pointer): a string schema, or none, is the data as sent; any other is its JSON.
    fn event_data(&mut self, schema: Option<&'a ReferenceOr<openapiv3::Schema>>, at: &str, prefix: &str) -> Result<TypeRef, Located> {
        match schema {
            Some(s) => Ok(self.types.lower_ref(s, &push_pointer(at, "schema"), &Hint::new(prefix, "event"))?.ty),
            None => Ok(TypeRef::String),
        }
    }
}

impl<'a> Lowering<'a, '_> {
    /// The documented headers of one answer. `Content-Type` is left out, as OpenAPI says; a
    /// header whose schema is not a scalar, an enum or an array of them is read as text.
    fn headers(
        &mut self,
        headers: &'a IndexMap<String, ReferenceOr<openapiv3::Header>>,
        pointer: &str,
        prefix: &str,
        variant: &str,
    ) -> Result<Vec<Header>, Located> {
        let components = self.doc.components.as_ref().map(|c| &c.headers);
        let schemas = self.doc.components.as_ref().map(|c| &c.schemas);
        let mut names = Scope::default();
        let mut out = Vec::new();
        for (wire_name, header) in headers {
            if wire_name.eq_ignore_ascii_case("content-type") {
                continue;
            }
            let at = push_pointer(&push_pointer(pointer, "headers"), wire_name);
            let (header, at) = resolve(header, &at, "headers", components)?;
            let ty = match &header.format {
                ParameterSchemaOrContent::Schema(schema) if header_schema(schema, schemas) => {
                    let hint = Hint::new(prefix, format!("{variant} {wire_name} header"));
                    self.types.lower_ref(schema, &push_pointer(&at, "schema"), &hint)?.ty
                }
                ParameterSchemaOrContent::Schema(_) => TypeRef::String,
                ParameterSchemaOrContent::Content(_) => TypeRef::String,
            };
            out.push(Header {
                rust_name: names.claim(snake(wire_name)),
                wire_name: wire_name.clone(),
                ty,
                required: header.required,
                description: header.description.clone(),
            });
        }
        Ok(out)
    }

    /// Names the header structs of the answers that document headers, and merges those of the
    /// success answers into the one struct the success value carries.
    fn name_headers(&mut self, responses: &mut [Response], prefix: &str) -> Option<Headers> {
        let same = |a: &Header, b: &Header| a.wire_name.eq_ignore_ascii_case(&b.wire_name);
        let answers: Vec<&[Header]> = successes(responses).map(|r| r.headers.as_ref().map_or(&[][..], |h| &h.fields[..])).collect();
        let mut merged: Vec<Header> = Vec::new();
        for field in answers.iter().copied().flatten() {
            if !merged.iter().any(|m| same(m, field)) {
                merged.push(field.clone());
            }
        }
        // Required only where every success answer documents the header as required. Named
        // again, together: two answers' names may be one field name (`X-Id`, `x_id`).
        let mut names = Scope::default();
        for known in &mut merged {
            known.required = answers.iter().all(|fields| fields.iter().any(|f| same(f, known) && f.required));
            known.rust_name = names.claim(snake(&known.wire_name));
        }
        // Every answer that has a variant in the error enum (`default` has one even when it
        // also stands for success).
        for r in responses.iter_mut().filter(|r| !r.status.is_success()) {
            if let Some(headers) = &mut r.headers {
                headers.name = self.headers.claim(format!("{prefix}{}", r.variant));
            }
        }
        (!merged.is_empty()).then(|| Headers { name: self.headers.claim(prefix.to_owned()), fields: merged })
    }

    /// A media type's `example` and its named `examples` (`$ref`s resolved; external values,
    /// which live outside the spec, are skipped).
    fn examples(&self, media: &MediaType, pointer: &str) -> Result<Vec<(String, serde_json::Value)>, Located> {
        let components = self.doc.components.as_ref().map(|c| &c.examples);
        let mut out: Vec<(String, serde_json::Value)> = media.example.iter().map(|v| ("example".to_owned(), v.clone())).collect();
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

/// Whether a header's text can be read by `schema`: a scalar (string, enum, number, boolean),
/// or an array of scalars.
fn header_schema(schema: &ReferenceOr<Schema>, schemas: Option<&IndexMap<String, ReferenceOr<Schema>>>) -> bool {
    let scalar =
        |s: &Schema| matches!(s.schema_kind, SchemaKind::Type(Type::String(_) | Type::Number(_) | Type::Integer(_) | Type::Boolean(_)));
    let Ok((schema, _)) = resolve(schema, "", "schemas", schemas) else { return false };
    match &schema.schema_kind {
        SchemaKind::Type(Type::Array(array)) => match &array.items {
            Some(ReferenceOr::Reference { reference }) => {
                let items = ReferenceOr::Reference { reference: reference.clone() };
                resolve(&items, "", "schemas", schemas).is_ok_and(|(items, _)| scalar(items))
            }
            Some(ReferenceOr::Item(items)) => scalar(items),
            None => false,
        },
        _ => scalar(schema),
    }
}

/// The media type's `encoding` entries. openapiv3 reads an absent `explode` as false, so `load`
/// writes it out where the spec's default (true, for `form`) applies.
fn member_encodings(media: &MediaType) -> Vec<MemberEncoding> {
    let style = |e: &openapiv3::Encoding| match (&e.style, e.explode) {
        (None, _) => None,
        (Some(openapiv3::QueryStyle::Form), true) => Some(QueryStyle::Form),
        (Some(openapiv3::QueryStyle::Form), false) => Some(QueryStyle::FormJoined),
        (Some(openapiv3::QueryStyle::SpaceDelimited), _) => Some(QueryStyle::SpaceDelimited),
        (Some(openapiv3::QueryStyle::PipeDelimited), _) => Some(QueryStyle::PipeDelimited),
        (Some(openapiv3::QueryStyle::DeepObject), _) => Some(QueryStyle::DeepObject),
    };
    media
        .encoding
        .iter()
        .map(|(name, e)| MemberEncoding { name: name.clone(), style: style(e), content_type: e.content_type.clone() })
        .collect()
}

/// The media type a body is sent or read as: JSON first, then forms, text, raw bytes, and last an
/// event stream (beside another media type, it is the builder's `events()`).
fn pick(content: &Content) -> Option<(&String, &MediaType, MediaKind)> {
    let order = [MediaKind::Json, MediaKind::Form, MediaKind::Multipart, MediaKind::Text, MediaKind::Binary, MediaKind::EventStream];
    order.into_iter().find_map(|want| content.iter().find(|(m, _)| MediaKind::of(m) == want).map(|(m, media)| (m, media, want)))
}

/// The answer an operation that documents none stands for: any 2xx, with any JSON or none.
fn undocumented_success() -> Response {
    Response {
        status: Status::Range(2),
        variant: "Success".to_owned(),
        description: "Any success: the spec documents no answer.".to_owned(),
        body: Some(TypeRef::Json),
        kind: MediaKind::Json,
        boxed: false,
        events: false,
        content_type: Some("application/json".to_owned()),
        examples: Vec::new(),
        headers: None,
    }
}

/// One success type for the method: the shared body type of the success answers (any JSON when
/// they disagree), how it is decoded, and whether some success answers have no body.
fn success_type(responses: &[Response]) -> (Option<TypeRef>, MediaKind, bool) {
    let mut bodies = successes(responses).filter_map(|r| r.body.as_ref().map(|b| (b, r.kind)));
    let Some((first, kind)) = bodies.next() else { return (None, MediaKind::Json, false) };
    let ty = if bodies.all(|(b, k)| b == first && k == kind) { first.clone() } else { TypeRef::Json };
    let kind = if ty == TypeRef::Json { MediaKind::Json } else { kind };
    let optional = successes(responses).any(|r| r.body.is_none());
    (Some(ty), kind, optional)
}

/// The names an operation's next parameter may take: not the generated method's own locals, the
/// builder's and the mock's own methods (a parameter of the same name would be shadowed or
/// clash), nor the names of `taken`.
pub(super) fn param_names(taken: &[Param]) -> Scope {
    let mut names = Scope::with_reserved(&[METHOD_LOCALS, BUILDER_OWN, MOCK_OWN, PLACEHOLDERS].concat());
    for p in taken {
        names.claim(p.rust_name.clone());
    }
    names
}

/// Path template and path parameters disagree in many real specs. A `{name}` without a declared
/// parameter still needs a value, so it becomes a string parameter; a declared path parameter
/// the template does not use has nowhere to go, so it is dropped.
fn reconcile_path_params(path: &str, params: &mut Vec<Param>) {
    let in_template = |name: &str| path.contains(&format!("{{{name}}}"));
    params.retain(|p| p.location != ParamLocation::Path || in_template(&p.wire_name));
    let mut names = param_names(params);
    for segment in path.split('{').skip(1) {
        let Some((name, _)) = segment.split_once('}') else { continue };
        if !params.iter().any(|p| p.location == ParamLocation::Path && p.wire_name == name) {
            params.push(Param {
                rust_name: names.claim(param(name)),
                wire_name: name.to_owned(),
                location: ParamLocation::Path,
                style: QueryStyle::Form,
                ty: TypeRef::String,
                required: true,
                description: Some("Used in the path template, though the spec does not declare it.".to_owned()),
                constraints: Vec::new(),
            });
        }
    }
}

/// Splits a path template into literal text and parameters.
fn path_parts(path: &str, params: &[Param], pointer: &str) -> Result<Vec<PathPart>, Located> {
    let mut parts = Vec::new();
    let mut rest = path;
    while let Some(open) = rest.find('{') {
        let Some(close) = rest[open..].find('}').map(|c| open + c) else { break };
        if open > 0 {
            parts.push(PathPart::Literal(rest[..open].to_owned()));
        }
        let name = &rest[open + 1..close];
        let index = params.iter().position(|p| p.location == ParamLocation::Path && p.wire_name == name).ok_or_else(|| {
            Located::new(
                ErrorKind::Invalid,
                pointer,
                format!("path template `{path}` uses `{{{name}}}`, but no path parameter `{name}` is declared"),
            )
        })?;
        parts.push(PathPart::Param(ParamId(index)));
        rest = &rest[close + 1..];
    }
    if !rest.is_empty() {
        parts.push(PathPart::Literal(rest.to_owned()));
    }
    Ok(parts)
}
