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
pub(crate) fn response_match(op: &Operation) -> TokenStream {
    let arms = response_arms(op);
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
/// `None` is the catch-all.
fn response_arms(op: &Operation) -> Vec<(Option<Statuses>, TokenStream)> {
    let error = ident(&op.error_name);
    let mut arms: Vec<(Option<(u16, u16)>, TokenStream)> = Vec::new();
    let success_statuses: Vec<Status> = successes(&op.responses).map(|r| r.status).collect();
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
            let read = success_read(op, r.body.is_some());
            if r.status == Status::Default {
                // `default` stands for success here only when no 2xx is documented.
                arms.push((Some((200, 299)), read));
            } else {
                arms.push((range, read));
                continue;
            }
        }
        let variant = ident(&r.variant);
        let wrap = if r.boxed {
            quote!(|body| errors::#error::#variant(Box::new(body)))
        } else {
            quote!(errors::#error::#variant)
        };
        let read = match (r.body.is_some(), r.kind) {
            (false, _) => quote!(response.error_without_body(errors::#error::#variant)),
            (true, MediaKind::Text) => quote!(response.error_text(#wrap)),
            (true, MediaKind::Binary) => quote!(response.error_bytes(#wrap)),
            (true, _) => quote!(response.error(#wrap)),
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn arms_take_only_what_earlier_arms_leave() {
        assert_eq!(uncovered((200, 299), &[]), [(200, 299)]);
        assert_eq!(uncovered((200, 299), &[(200, 200)]), [(201, 299)]);
        assert_eq!(uncovered((200, 299), &[(200, 200), (204, 204), (299, 299)]), [(201, 203), (205, 298)]);
        assert_eq!(uncovered((200, 299), &[(404, 404), (200, 299)]), []);
        assert_eq!(status_pattern(&[(201, 203), (205, 205)]).to_string(), "201 ..= 203 | 205");
    }
}
