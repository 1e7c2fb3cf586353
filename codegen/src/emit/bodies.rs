//! Bodies on the wire, for the client's methods: the body argument and how it is sent, the
//! success type, and how each documented answer is read.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Paths, ident, type_tokens};
use crate::model::{Api, Body, MediaKind, Operation, QueryStyle, Response, Status, TypeKind, TypeRef};

/// The Rust type of a response body of `kind`, read whole.
pub(crate) fn response_type(api: &Api, ty: &TypeRef, kind: MediaKind, paths: &Paths) -> TokenStream {
    match kind {
        MediaKind::Binary => quote!(bytes::Bytes),
        MediaKind::Text | MediaKind::EventStream => paths.std("String"),
        _ => type_tokens(api, ty, paths),
    }
}

/// What a successful call returns, inside `ResponseValue`: a streamed success is a
/// `ByteStream` or an `EventStream`, whose items fail with the operation's own error type
/// (`errors` is the path to the `errors` module).
pub(crate) fn success_type(api: &Api, op: &Operation, paths: &Paths, errors: &TokenStream) -> TokenStream {
    let error = ident(&op.error_name);
    match &op.success {
        None => quote!(()),
        Some(_) if op.success_kind == MediaKind::Binary => quote!(crate::runtime::ByteStream<#errors::#error>),
        Some(ty) if op.success_kind == MediaKind::EventStream => event_stream_type(api, op, ty, paths, errors),
        Some(ty) => {
            let (ty, option) = (response_type(api, ty, op.success_kind, paths), paths.std("Option"));
            if optional_success(op) { quote!(#option<#ty>) } else { ty }
        }
    }
}

/// `EventStream<data, E>` of the operation's events, whose data is of type `data`.
pub(crate) fn event_stream_type(api: &Api, op: &Operation, data: &TypeRef, paths: &Paths, errors: &TokenStream) -> TokenStream {
    let (error, data) = (ident(&op.error_name), type_tokens(api, data, paths));
    quote!(crate::runtime::EventStream<#data, #errors::#error>)
}

/// How a streamed answer is opened: as bytes, or as events whose data is `data`.
pub(crate) fn stream_opener(kind: MediaKind, data: &TypeRef) -> TokenStream {
    match (kind, data) {
        (MediaKind::Binary, _) => quote!(crate::runtime::ByteStream::open),
        (_, TypeRef::String) => quote!(crate::runtime::EventStream::text),
        _ => quote!(crate::runtime::EventStream::json),
    }
}

/// JSON successes where some 2xx answers have no body decode into an `Option`.
fn optional_success(op: &Operation) -> bool {
    op.success_optional && op.success_kind == MediaKind::Json
}

/// Whether a JSON body's media type is `application/json` itself, which reqwest's `json` sends;
/// others (`application/merge-patch+json`) are named.
fn is_plain_json(content_type: &str) -> bool {
    content_type.split(';').next().is_some_and(|essence| essence.trim().eq_ignore_ascii_case("application/json"))
}

/// Statements that put `body` on `request`.
pub(crate) fn body_step(api: &Api, body: &Body) -> TokenStream {
    let content_type = &body.content_type;
    let send = match body.kind {
        // `json` sets `application/json` only where no content type is set yet.
        MediaKind::Json if is_plain_json(content_type) => quote!(request = request.json(body);),
        MediaKind::Json => quote!(request = request.header(reqwest::header::CONTENT_TYPE, #content_type).json(body);),
        MediaKind::Form => {
            let styles = body.encoding.iter().filter_map(|e| {
                let (name, style) = (&e.name, form_style(e.style?));
                Some(quote!((#name, crate::runtime::FormStyle::#style)))
            });
            quote! {
                request = request
                    .header(reqwest::header::CONTENT_TYPE, #content_type)
                    .body(crate::runtime::form_body(body, &[#( #styles ),*]));
            }
        }
        MediaKind::Text | MediaKind::Binary | MediaKind::EventStream => {
            quote!(request = request.header(reqwest::header::CONTENT_TYPE, #content_type).body(body);)
        }
        MediaKind::Multipart => {
            let form = multipart_form(api, body);
            quote! {
                #form
                request = request.multipart(form);
            }
        }
    };
    if body.required { send } else { quote!(if let Some(body) = body { #send }) }
}

/// The runtime's name of a form member's style.
fn form_style(style: QueryStyle) -> proc_macro2::Ident {
    ident(match style {
        QueryStyle::Form => "Form",
        QueryStyle::FormJoined => "FormJoined",
        QueryStyle::SpaceDelimited => "SpaceDelimited",
        QueryStyle::PipeDelimited => "PipeDelimited",
        QueryStyle::DeepObject => "DeepObject",
    })
}

/// Builds `form`, a multipart form: one part per field of a struct body. Binary fields are
/// files; an array of scalars is a part per item (how FastAPI and most servers read repeated
/// fields); objects, maps and arrays of them are JSON, OpenAPI's default; other values are
/// their text. The `encoding`'s `contentType` is each part's media type. Other bodies go
/// through their JSON form.
fn multipart_form(api: &Api, body: &Body) -> TokenStream {
    let whole = quote!(let form = crate::runtime::multipart_from_json(&body););
    let TypeRef::Named(id) = &body.ty else { return whole };
    let TypeKind::Struct(s) = &api.type_def(*id).kind else { return whole };
    let parts = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        let media = body.encoding.iter().find(|e| &e.name == wire).and_then(|e| part_media_type(e.content_type.as_deref()?));
        let media_arg = match media {
            Some(m) => quote!(::std::option::Option::Some(#m)),
            None => quote!(::std::option::Option::None),
        };
        // Objects go as JSON, with the spec's media type or JSON's own.
        let json = media.is_some_and(|m| MediaKind::of(m) == MediaKind::Json);
        let file = match media {
            Some(m) => quote!(value.typed_part(#wire, #m)),
            None => quote!(value.part(#wire)),
        };
        let add = match &f.ty {
            TypeRef::Binary => quote! {
                let value = crate::runtime::Upload::from(value);
                form = form.part(#wire, #file);
            },
            TypeRef::Upload => quote!(form = form.part(#wire, #file);),
            // Several files under one name, a part each.
            TypeRef::Array(inner) if **inner == TypeRef::Upload => quote! {
                for value in value {
                    form = form.part(#wire, #file);
                }
            },
            ty if json || is_structured(api, ty) => {
                quote!(form = form.part(#wire, crate::runtime::json_part(&value, #media_arg));)
            }
            TypeRef::Array(_) => {
                let add = text_part(wire, quote!(crate::runtime::to_text(&value)), media);
                quote! {
                    for value in value {
                        #add
                    }
                }
            }
            TypeRef::String if !f.boxed => text_part(wire, quote!(value), media),
            _ => text_part(wire, quote!(crate::runtime::to_text(&value)), media),
        };
        // A multipart part has no `null`: a null member is left out, as an absent one is.
        if f.three_state() {
            quote!(if let crate::Nullable::Value(value) = body.#field { #add })
        } else if f.optional() {
            quote!(if let Some(value) = body.#field { #add })
        } else {
            quote! { let value = body.#field; #add }
        }
    });
    quote! {
        let mut form = reqwest::multipart::Form::new();
        #( #parts )*
    }
}

/// Adds a part of `text`, typed `media` where the spec says.
fn text_part(wire: &str, text: TokenStream, media: Option<&str>) -> TokenStream {
    match media {
        Some(m) => quote!(form = form.part(#wire, crate::runtime::text_part(#text, #m));),
        None => quote!(form = form.text(#wire, #text);),
    }
}

/// A multipart member that is not a scalar, nor an array of scalars: it goes as JSON.
fn is_structured(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Array(inner) => !is_scalar(api, inner, 0),
        ty => !is_scalar(api, ty, 0),
    }
}

/// A value written as plain text: a string, number, boolean or string enum, or an alias or
/// union of them (`depth` stops a union of itself).
fn is_scalar(api: &Api, ty: &TypeRef, depth: usize) -> bool {
    match ty {
        TypeRef::Array(_) | TypeRef::Tuple(_) | TypeRef::Map(_) | TypeRef::Json | TypeRef::JsonObject => false,
        TypeRef::Named(_) if depth > 8 => false,
        TypeRef::Nullable(inner) => is_scalar(api, inner, depth + 1),
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Enum(_) => true,
            TypeKind::Struct(_) => false,
            TypeKind::Alias(inner) => is_scalar(api, inner, depth + 1),
            TypeKind::OneOf(one) => one.variants.iter().all(|v| is_scalar(api, &v.ty, depth + 1)),
        },
        _ => true,
    }
}

/// The media type a part is sent as, from an `encoding`'s `contentType`: the first of a list,
/// and only a concrete, well-formed one (`image/*` says what the server takes, not what to
/// send).
fn part_media_type(content_type: &str) -> Option<&str> {
    let first = content_type.split(',').next()?.trim();
    let essence = first.split(';').next()?.trim();
    let token = |t: &str| !t.is_empty() && t.bytes().all(|b| b.is_ascii_alphanumeric() || b"!#$&-^_.+".contains(&b));
    let (kind, subtype) = essence.split_once('/')?;
    (token(kind) && token(subtype) && !first.contains(['"', '\\'])).then_some(first)
}

/// The `Accept` header: the media types of the documented answers, else JSON for typed bodies.
pub(crate) fn accept(op: &Operation) -> Option<String> {
    // Every media type a documented answer may have, the success's first: a server (or a mock
    // such as Prism) that honours `Accept` may otherwise refuse to send an error's own type.
    let errors = op.responses.iter().filter(|r| !r.status.is_success());
    // An event stream beside a success read otherwise is `events()`'s to ask for.
    let read = op.successes().filter(|r| r.kind != MediaKind::EventStream || op.success_kind == r.kind);
    let mut types: Vec<&str> = Vec::new();
    media_types(read.chain(errors), &mut types);
    match types.as_slice() {
        [] => op.responses.iter().any(|r| r.body.is_some()).then(|| "application/json".to_owned()),
        types => Some(types.join(", ")),
    }
}

/// The `Accept` header of `events()`: an event stream, else the documented errors' types.
pub(crate) fn events_accept(op: &Operation) -> String {
    let mut types = vec!["text/event-stream"];
    media_types(op.responses.iter().filter(|r| !r.status.is_success()), &mut types);
    types.join(", ")
}

/// Adds the media types of `responses` with a body to `types`, each once.
fn media_types<'o>(responses: impl Iterator<Item = &'o Response>, types: &mut Vec<&'o str>) {
    for response in responses {
        if let (Some(_), Some(media)) = (&response.body, &response.content_type) {
            if !types.contains(&media.as_str()) {
                types.push(media);
            }
        }
    }
}

/// Reads the answer: a `match` over its status, or the one way there is when every status is
/// read alike. With `streamed`, the success answers are not read here (see [`streamed_statuses`]).
pub(crate) fn response_match(api: &Api, op: &Operation, paths: &Paths, streamed: bool) -> TokenStream {
    let arms = response_arms(api, op, paths, streamed);
    if let [(None, only)] = arms.as_slice() {
        return only.clone();
    }
    let arms = arms.iter().map(|(statuses, read)| {
        let pattern = statuses.as_deref().map_or_else(|| quote!(_), status_pattern);
        quote!(#pattern => #read,)
    });
    quote! {
        match response.status.as_u16() {
            #( #arms )*
        }
    }
}

/// The statuses whose answers are streamed, as a closure over the status code: the success ones,
/// or for `events()` those that may come as events (the others are then unexpected).
pub(crate) fn streamed_statuses(op: &Operation, events: bool) -> TokenStream {
    let range = |n: u16| {
        let (lo, hi) = (Literal::u16_unsuffixed(n * 100), Literal::u16_unsuffixed(n * 100 + 99));
        quote!((#lo..=#hi).contains(&status))
    };
    let tests = op.successes().filter(|r| !events || r.events).map(|r| match r.status {
        Status::Code(c) => {
            let c = Literal::u16_unsuffixed(c);
            quote!(status == #c)
        }
        Status::Range(n) => range(n),
        // `default` stands for success only when no 2xx is documented.
        Status::Default => range(2),
    });
    quote!(|status| #( #tests )||*)
}

/// Inclusive ranges of statuses, in order.
type Statuses = Vec<(u16, u16)>;

/// `200`, `201..=299`, `201..=203 | 205..=299`.
fn status_pattern(statuses: &[(u16, u16)]) -> TokenStream {
    let alternatives = statuses.iter().map(|&(lo, hi)| {
        let first = Literal::u16_unsuffixed(lo);
        if lo == hi {
            return quote!(#first);
        }
        let last = Literal::u16_unsuffixed(hi);
        quote!(#first..=#last)
    });
    quote!(#( #alternatives )|*)
}

/// `range` without what `covered` holds: an arm matches only the statuses no earlier arm does,
/// so that a status and its range (`200` and `2XX`) never overlap (clippy's
/// `match_overlapping_arm`).
fn uncovered(range: (u16, u16), covered: &[(u16, u16)]) -> Statuses {
    let mut left = vec![range];
    for &(lo, hi) in covered {
        left = left
            .into_iter()
            .flat_map(|(a, b)| {
                if hi < a || lo > b {
                    return vec![(a, b)];
                }
                let below = (lo > a).then(|| (a, lo - 1));
                let above = (hi < b).then(|| (hi + 1, b));
                below.into_iter().chain(above).collect()
            })
            .collect();
    }
    left
}

/// `(statuses, how to read)` per arm, each arm's statuses apart from those of the arms before it;
/// `None` is the catch-all. With `streamed`, the success answers have no arm: they never reach
/// the reading (a `default` success keeps its error arm).
fn response_arms(api: &Api, op: &Operation, paths: &Paths, streamed: bool) -> Vec<(Option<Statuses>, TokenStream)> {
    let error = ident(&op.error_name);
    let errors = paths.module("errors");
    let mut arms: Vec<(Option<(u16, u16)>, TokenStream)> = Vec::new();
    let success_statuses: Vec<Status> = op.successes().map(|r| r.status).collect();
    let mut ordered: Vec<_> = op.responses.iter().collect();
    // Exact codes before ranges before `default`, as `match` takes the first that fits.
    ordered.sort_by_key(|r| match r.status {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
    for r in ordered {
        let range = match r.status {
            Status::Code(c) => Some((c, c)),
            Status::Range(n) => Some((n * 100, n * 100 + 99)),
            Status::Default => None,
        };
        if success_statuses.contains(&r.status) {
            let read = success_read(api, op, r.body.is_some(), streamed).map(|read| match op.success_headers {
                Some(_) => quote!(#read.and_then(crate::runtime::ResponseValue::with_headers)),
                None => read,
            });
            if r.status == Status::Default {
                // `default` stands for success here only when no 2xx is documented.
                arms.extend(read.map(|read| (Some((200, 299)), read)));
            } else {
                arms.extend(read.map(|read| (range, read)));
                continue;
            }
        }
        let variant = ident(&r.variant);
        let boxed = paths.std("Box");
        let body = if r.boxed { quote!(#boxed::new(body)) } else { quote!(body) };
        let body_field = if r.boxed { quote!(body: #body) } else { quote!(body) };
        let read = match (&r.headers, r.body.is_some()) {
            // A variant with documented headers holds them beside its body.
            (Some(_), false) => quote!({
                let headers = response.typed_headers()?;
                response.error_without_body(#errors::#error::#variant { headers })
            }),
            (Some(_), true) => {
                let read = error_read(r.kind, quote!(|body| #errors::#error::#variant { #body_field, headers }));
                quote!({
                    let headers = response.typed_headers()?;
                    #read
                })
            }
            (None, false) => quote!(response.error_without_body(#errors::#error::#variant)),
            (None, true) if r.boxed => error_read(r.kind, quote!(|body| #errors::#error::#variant(#body))),
            (None, true) => error_read(r.kind, quote!(#errors::#error::#variant)),
        };
        arms.push((range, read));
    }
    if !op.responses.iter().any(|r| r.status == Status::Default) {
        arms.push((None, quote!(response.unexpected())));
    }
    let mut covered: Vec<(u16, u16)> = Vec::new();
    let mut out = Vec::with_capacity(arms.len());
    for (range, read) in arms {
        match range {
            None => out.push((None, read)),
            Some(range) => {
                let statuses = uncovered(range, &covered);
                covered.push(range);
                // An arm whose every status an earlier one takes would be unreachable.
                if !statuses.is_empty() {
                    out.push((Some(statuses), read));
                }
            }
        }
    }
    out
}

/// Reads an error answer's body of `kind` into its variant with `wrap`.
fn error_read(kind: MediaKind, wrap: TokenStream) -> TokenStream {
    match kind {
        MediaKind::Text | MediaKind::EventStream => quote!(response.error_text(#wrap)),
        MediaKind::Binary => quote!(response.error_bytes(#wrap)),
        _ => quote!(response.error(#wrap)),
    }
}

/// How a success answer is read; `None` when it is `streamed` instead (it never reaches the
/// reading).
fn success_read(api: &Api, op: &Operation, has_body: bool, streamed: bool) -> Option<TokenStream> {
    Some(match (&op.success, op.success_kind) {
        _ if streamed => return None,
        (None, _) => quote!(response.empty()),
        (Some(_), MediaKind::Text | MediaKind::EventStream) => quote!(response.text()),
        (Some(_), MediaKind::Binary) => quote!(response.bytes()),
        (Some(_), _) if optional_success(op) && !has_body => quote!(response.nothing()),
        (Some(_), _) if optional_success(op) => quote!(response.json_optional()),
        // A bare date-time or integer (or a list of them) takes what struct fields take.
        (Some(ty), _) if api.reads_leniently(ty) => quote!(response.json_lenient()),
        (Some(_), _) => quote!(response.json()),
    })
}
