//! Bodies on the wire, for the client's methods: the body argument and how it is sent, the
//! success type, and how each documented answer is read.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::{Paths, ident, type_tokens};
use crate::lower::successes;
use crate::model::{Api, Body, MediaKind, Operation, Status, TypeKind, TypeRef};

/// The Rust type of a response body of `kind`.
pub(crate) fn response_type(api: &Api, ty: &TypeRef, kind: MediaKind, paths: &Paths) -> TokenStream {
    match kind {
        MediaKind::Binary => quote!(bytes::Bytes),
        MediaKind::Text => paths.std("String"),
        _ => type_tokens(api, ty, paths),
    }
}

/// What a successful call returns, inside `ResponseValue`.
pub(crate) fn success_type(api: &Api, op: &Operation, paths: &Paths) -> TokenStream {
    match &op.success {
        None => quote!(()),
        Some(ty) => {
            let (ty, option) = (response_type(api, ty, op.success_kind, paths), paths.std("Option"));
            if optional_success(op) { quote!(#option<#ty>) } else { ty }
        }
    }
}

/// JSON successes where some 2xx answers have no body decode into an `Option`.
fn optional_success(op: &Operation) -> bool {
    op.success_optional && op.success_kind == MediaKind::Json
}

/// Statements that put `body` on `request`.
pub(crate) fn body_step(api: &Api, body: &Body) -> TokenStream {
    let content_type = &body.content_type;
    let send = match body.kind {
        MediaKind::Json => quote!(request = request.json(body);),
        MediaKind::Form => quote!(request = request.form(body);),
        MediaKind::Text | MediaKind::Binary => {
            quote!(request = request.header(reqwest::header::CONTENT_TYPE, #content_type).body(body);)
        }
        MediaKind::Multipart => {
            let form = multipart_form(api, &body.ty);
            quote! {
                #form
                request = request.multipart(form);
            }
        }
    };
    if body.required { send } else { quote!(if let Some(body) = body { #send }) }
}

/// Builds `form`, a multipart form: one part per field of a struct body, raw bytes for binary
/// fields and text for the rest; other bodies go through their JSON form.
fn multipart_form(api: &Api, ty: &TypeRef) -> TokenStream {
    let TypeRef::Named(id) = ty else {
        return quote!(let form = crate::runtime::multipart_from_json(&body);)
    };
    let TypeKind::Struct(s) = &api.type_def(*id).kind else {
        return quote!(let form = crate::runtime::multipart_from_json(&body);)
    };
    let parts = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let wire = &f.wire_name;
        let add = match &f.ty {
            TypeRef::Binary => quote!(form = form.part(#wire, reqwest::multipart::Part::bytes(value).file_name(#wire));),
            TypeRef::String if !f.boxed => quote!(form = form.text(#wire, value);),
            _ => quote!(form = form.text(#wire, crate::runtime::to_text(&value));),
        };
        if f.optional() {
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

/// The `Accept` header: the media types of the documented answers, else JSON for typed bodies.
pub(crate) fn accept(op: &Operation) -> Option<String> {
    // Every media type a documented answer may have, the success's first: a server (or a mock
    // such as Prism) that honours `Accept` may otherwise refuse to send an error's own type.
    let errors = op.responses.iter().filter(|r| !r.status.is_success());
    let mut types: Vec<&str> = Vec::new();
    for response in successes(&op.responses).chain(errors) {
        if let (Some(_), Some(media)) = (&response.body, &response.content_type) {
            if !types.contains(&media.as_str()) {
                types.push(media);
            }
        }
    }
    match types.as_slice() {
        [] => op.responses.iter().any(|r| r.body.is_some()).then(|| "application/json".to_owned()),
        types => Some(types.join(", ")),
    }
}

/// Reads the answer: a `match` over its status, or the one way there is when every status is
/// read alike.
pub(crate) fn response_match(op: &Operation, paths: &Paths) -> TokenStream {
    let arms = response_arms(op, paths);
    if let [(None, only)] = arms.as_slice() {
        return only.clone();
    }
    let arms = arms.iter().map(|(pattern, read)| {
        let pattern = pattern.clone().unwrap_or_else(|| quote!(_));
        quote!(#pattern => #read,)
    });
    quote! {
        match response.status.as_u16() {
            #( #arms )*
        }
    }
}

/// `(pattern, how to read)` per status; `None` is the catch-all.
fn response_arms(op: &Operation, paths: &Paths) -> Vec<(Option<TokenStream>, TokenStream)> {
    let error = ident(&op.error_name);
    let mut arms = Vec::new();
    let success_statuses: Vec<Status> = successes(&op.responses).map(|r| r.status).collect();
    let mut ordered: Vec<_> = op.responses.iter().collect();
    // Exact codes before ranges before `default`, as `match` takes the first that fits.
    ordered.sort_by_key(|r| match r.status {
        Status::Code(_) => 0,
        Status::Range(_) => 1,
        Status::Default => 2,
    });
    for r in ordered {
        let pattern = match r.status {
            Status::Code(c) => {
                let c = Literal::u16_unsuffixed(c);
                Some(quote!(#c))
            }
            Status::Range(n) => {
                let (lo, hi) = (Literal::u16_unsuffixed(n * 100), Literal::u16_unsuffixed(n * 100 + 99));
                Some(quote!(#lo..=#hi))
            }
            Status::Default => None,
        };
        if success_statuses.contains(&r.status) {
            let read = success_read(op, r.body.is_some());
            let read = match op.success_headers {
                Some(_) => quote!(#read.and_then(crate::runtime::ResponseValue::with_headers)),
                None => read,
            };
            if r.status == Status::Default {
                // `default` stands for success here only when no 2xx is documented.
                arms.push((Some(quote!(200..=299)), read));
            } else {
                arms.push((pattern, read));
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
                response.error_without_body(errors::#error::#variant { headers })
            }),
            (Some(_), true) => {
                let read = error_read(r.kind, quote!(|body| errors::#error::#variant { #body_field, headers }));
                quote!({
                    let headers = response.typed_headers()?;
                    #read
                })
            }
            (None, false) => quote!(response.error_without_body(errors::#error::#variant)),
            (None, true) if r.boxed => error_read(r.kind, quote!(|body| errors::#error::#variant(#body))),
            (None, true) => error_read(r.kind, quote!(errors::#error::#variant)),
        };
        arms.push((pattern, read));
    }
    if !op.responses.iter().any(|r| r.status == Status::Default) {
        arms.push((None, quote!(response.unexpected())));
    }
    arms
}

/// Reads an error answer's body of `kind` into its variant with `wrap`.
fn error_read(kind: MediaKind, wrap: TokenStream) -> TokenStream {
    match kind {
        MediaKind::Text => quote!(response.error_text(#wrap)),
        MediaKind::Binary => quote!(response.error_bytes(#wrap)),
        _ => quote!(response.error(#wrap)),
    }
}

fn success_read(op: &Operation, has_body: bool) -> TokenStream {
    match (&op.success, op.success_kind) {
        (None, _) => quote!(response.empty()),
        (Some(_), MediaKind::Text) => quote!(response.text()),
        (Some(_), MediaKind::Binary) => quote!(response.bytes()),
        (Some(_), _) if optional_success(op) && !has_body => quote!(response.nothing()),
        (Some(_), _) if optional_success(op) => quote!(response.json_optional()),
        (Some(_), _) => quote!(response.json()),
    }
}
