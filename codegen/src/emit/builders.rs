//! Emits the operations' call sites: per operation, a builder in the API's `builders` module,
//! the `Client` method that starts it, and its `send`.
//!
//! The rule: the `Client` method of an operation takes what the operation requires (its path
//! parameters, its required query, header and cookie parameters, and a required body, in the
//! spec's order, with the argument types of before) and returns the builder; each optional
//! parameter, and an optional body, is a setter on it. Awaiting the builder (it is
//! `IntoFuture`) or its `send()` sends the request. So a call without optional parameters reads
//! as before, `client.update_contact(id, &body).await`, and one with many reads by name,
//! `client.list_items(org).limit(10).sort(Sort::Desc).await`; a forgotten required value is a
//! compile error, never a request sent without it. Paged operations also get `stream()`.
//!
//! The builder (`builders.rs`) holds the client's `ClientCore` as `core`, the required values as
//! the method took them and the optional ones owned; its `send`, beside it, builds the request
//! and reads the answer. Only the `Client` method is emitted into `client.rs`.
//! Std items are named as [`Paths`] says: by their short names, as the builders' own names avoid
//! the prelude's (`naming`'s scopes in `lower`).

use proc_macro2::{Literal, TokenStream};
use quote::{format_ident, quote};

use crate::emit::bodies;
use crate::emit::client::scheme_const_name;
use crate::emit::docs::{Doc, code};
use crate::emit::params::{param_step, text_of};
use crate::emit::{self, Paths, Pieces, gates, ident, names_a_type, type_tokens};
use crate::model::{
    Api, Body, Holding, LastId, MediaKind, Operation, PageField, PageStyle, Pagination, Param, ParamLocation, PathPart, SchemeId, TypeRef,
};
use crate::naming::unraw;

/// The `builders` module: one builder per operation.
pub(crate) fn builders_module(api: &Api) -> Pieces<'_> {
    let ops = &api.operations;
    let needs_types = ops.iter().any(|op| {
        // A builder holds every parameter (the required ones as the method took them), and
        // `send` reads the answer.
        let params = op.params.iter().map(|p| &p.ty);
        let body = op.body.iter().map(|b| &b.ty);
        let items = op.pagination.iter().map(|p| &p.item);
        params.chain(body).chain(op.success.iter()).chain(op.events.iter()).chain(items).any(names_a_type)
    });
    let mut schemes: Vec<SchemeId> = ops.iter().flat_map(|op| op.security.iter().flatten().copied()).collect();
    schemes.sort_unstable();
    schemes.dedup();
    let schemes: Vec<_> = schemes.into_iter().map(|i| scheme_const_name(&api.security_schemes[i])).collect();
    // A grouped API's builders name types, errors and schemes through `super::`: an import
    // would go unused in a build of groups that need none.
    let grouped = api.is_grouped();
    let schemes = (!schemes.is_empty() && !grouped).then(|| quote!(use super::client::{ #( #schemes ),* };));
    let errors = (!ops.is_empty() && !grouped).then(|| {
        quote!(
            use super::errors;
        )
    });
    let types = (needs_types && !grouped).then(|| {
        quote!(
            use super::types;
        )
    });
    let header = quote! {
        #![doc = " The operations' builders: [`Client`](super::Client)'s method of each operation returns one."]
        #![doc = ""]
        #![doc = " The method takes what the operation requires; each optional parameter (and an optional body)"]
        #![doc = " is a setter. Await a builder, or its `send()`, to send the request; a paged operation's"]
        #![doc = " builder also has `stream()`, every item of every page."]

        #schemes
        #errors
        #types
    };
    let paths = Paths::new(true, api.operations.iter().map(|op| op.builder_name.as_str())).through_super(api.is_grouped());
    let builders = api.operations.iter().map(move |op| gates::gated(&gates::cfg(api, &api.operation_gate(op)), builder(api, &paths, op)));
    Box::new(std::iter::once(header).chain(builders))
}

/// How a parameter's value is held and handed on.
#[derive(Clone, Copy, PartialEq, Eq)]
pub(crate) enum Held {
    /// `&str` required, `String` optional.
    Str,
    /// Numbers and booleans, by value.
    Copied,
    /// `&[T]` required, `Vec<T>` optional.
    Slice,
    /// `&T` required, `T` optional.
    Other,
}

pub(crate) fn held(ty: &TypeRef) -> Held {
    match ty {
        TypeRef::String => Held::Str,
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool => Held::Copied,
        TypeRef::Array(_) => Held::Slice,
        _ => Held::Other,
    }
}

/// A required parameter's type, as the `Client` method takes it and the builder keeps it.
fn required_type(api: &Api, p: &Param, paths: &Paths) -> TokenStream {
    match (&p.ty, held(&p.ty)) {
        (_, Held::Str) => quote!(&'a str),
        (ty, Held::Copied) => type_tokens(api, ty, paths),
        (TypeRef::Array(inner), _) => {
            let inner = type_tokens(api, inner, paths);
            quote!(&'a [#inner])
        }
        (ty, _) => {
            let ty = type_tokens(api, ty, paths);
            quote!(&'a #ty)
        }
    }
}

/// An optional parameter's type as the builder owns it.
pub(crate) fn owned_type(api: &Api, ty: &TypeRef, paths: &Paths) -> TokenStream {
    let (string, vec) = (paths.std("String"), paths.std("Vec"));
    match ty {
        TypeRef::String => quote!(#string),
        TypeRef::Array(inner) => {
            let inner = type_tokens(api, inner, paths);
            quote!(#vec<#inner>)
        }
        ty => type_tokens(api, ty, paths),
    }
}

/// The body's type: as the method took it when required (JSON and forms borrowed, the rest
/// owned), owned when optional.
fn body_type(api: &Api, body: &Body, paths: &Paths) -> TokenStream {
    let string = paths.std("String");
    let ty = match body.kind {
        MediaKind::Text | MediaKind::EventStream => quote!(#string),
        // A binary body's type is the model's `Upload`: bytes, a file or a stream.
        _ => type_tokens(api, &body.ty, paths),
    };
    match body.kind {
        MediaKind::Json | MediaKind::Form if body.required => quote!(&'a #ty),
        _ => ty,
    }
}

/// Clippy's `type_complexity` score of `ty` written `nest` levels deep (each named type, tuple
/// or slice scores ten times its depth), to allow the lint where a spec's own type is to blame.
fn complexity(ty: &TypeRef, nest: usize) -> usize {
    let here = 10 * nest;
    match ty {
        TypeRef::Binary | TypeRef::DateTime => here + 10 * (nest + 1),
        TypeRef::JsonObject => here + 20 * (nest + 1),
        TypeRef::Array(inner) => here + complexity(inner, nest + 1),
        TypeRef::Map(inner) | TypeRef::Nullable(inner) => here + 10 * (nest + 1) + complexity(inner, nest + 1),
        TypeRef::Tuple(members) => here + members.iter().map(|m| complexity(m, nest + 1)).sum::<usize>(),
        _ => here,
    }
}

/// `#[allow(clippy::type_complexity)]` when a signature holding `ty` at depth `nest`, besides
/// `extra` points of its own, passes clippy's threshold (250).
pub(crate) fn allow_complex(ty: &TypeRef, nest: usize, extra: usize) -> Option<TokenStream> {
    (complexity(ty, nest) + extra > 240).then(|| quote!(#[allow(clippy::type_complexity, reason = "the spec's own type, written out")]))
}

fn is_link(op: &Operation) -> bool {
    matches!(op.pagination, Some(Pagination { style: PageStyle::Link, .. }))
}

/// The `Client` method that starts the builder: `doc` is the operation's own documentation.
pub(crate) fn entry_method(api: &Api, paths: &Paths, op: &Operation, doc: TokenStream) -> TokenStream {
    let none = paths.std("None");
    let into = paths.std("Into");
    let name = ident(&op.method_name);
    let builder = ident(&op.builder_name);
    let required: Vec<&Param> = op.params.iter().filter(|p| p.required).collect();
    let mut args: Vec<TokenStream> = required
        .iter()
        .map(|p| {
            let (name, ty) = (ident(&p.rust_name), required_type(api, p, paths));
            quote!(#name: #ty)
        })
        .collect();
    let mut inits: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let name = ident(&p.rust_name);
            if p.required { quote!(#name) } else { quote!(#name: #none) }
        })
        .collect();
    if let Some(body) = &op.body {
        if body.required && body.kind == MediaKind::Binary {
            // Bytes in memory, a file or a stream: whatever converts.
            let ty = body_type(api, body, paths);
            args.push(quote!(body: impl #into<#ty>));
            inits.push(quote!(body: body.into()));
        } else if body.required {
            let ty = body_type(api, body, paths);
            args.push(quote!(body: #ty));
            inits.push(quote!(body));
        } else {
            inits.push(quote!(body: #none));
        }
    }
    if is_link(op) {
        inits.push(quote!(next_url: #none));
    }
    let builder_doc = builder_note(op);
    let allow = (args.len() > 6).then(|| quote!(#[allow(clippy::too_many_arguments, reason = "one argument per required spec parameter")]));
    quote! {
        #doc
        #builder_doc
        #allow
        pub fn #name<'a>(&'a self, #( #args ),*) -> super::builders::#builder<'a> {
            super::builders::#builder { core: &self.core, #( #inits ),* }
        }
    }
}

/// The paragraph of the `Client` method's docs that says how to finish the call.
fn builder_note(op: &Operation) -> TokenStream {
    let builder = &op.builder_name;
    let mut setters: Vec<String> = op
        .params
        .iter()
        .filter(|p| !p.required)
        .map(|p| format!("[`{0}`](super::builders::{builder}::{0})", unraw(&p.rust_name)))
        .collect();
    if op.body.as_ref().is_some_and(|b| !b.required) {
        setters.push(format!("[`body`](super::builders::{builder}::body)"));
    }
    let mut text = String::from("Await the returned builder to send the request");
    if !setters.is_empty() {
        text = format!("Set optional parameters on the returned builder ({}), then await it", setters.join(", "));
    }
    text.push_str(&format!(" (or call [`send`](super::builders::{builder}::send))."));
    if op.pagination.is_some() {
        text.push_str(&format!(" [`stream`](super::builders::{builder}::stream) yields every item of every page."));
    }
    if op.streams() && op.success_kind == MediaKind::Binary {
        text.push_str(" The answer's body comes as a [`ByteStream`](crate::ByteStream), read as it arrives (or whole, with `bytes()`).");
    } else if op.streams() {
        text.push_str(" The answer comes as an [`EventStream`](crate::EventStream) of server-sent events, read as they arrive.");
    }
    if op.events.is_some() {
        text.push_str(&format!(" [`events`](super::builders::{builder}::events) asks for the answer as server-sent events instead."));
    }
    let doc = Doc::default().line(text).outer();
    quote!(#[doc = ""] #doc)
}

/// `send`, or with `events` (the events' data type) `events()`: the request, and how its answer
/// is read.
fn call_method(
    api: &Api,
    paths: &Paths,
    op: &Operation,
    url: &TokenStream,
    security: &TokenStream,
    events: Option<&TypeRef>,
) -> TokenStream {
    let none = paths.std("None");
    let some = paths.std("Some");
    let error = ident(&op.error_name);
    let errors = paths.module("errors");
    let http_method = format_ident!("{}", op.http_method.as_str());
    let mut binds: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let name = ident(&p.rust_name);
            let value = match (p.required, held(&p.ty)) {
                (true, _) | (false, Held::Copied) => quote!(self.#name),
                (false, Held::Str | Held::Slice) => quote!(self.#name.as_deref()),
                (false, Held::Other) => quote!(self.#name.as_ref()),
            };
            quote!(let #name = #value;)
        })
        .collect();
    if let Some(body) = &op.body {
        let value = match body.kind {
            MediaKind::Json | MediaKind::Form if !body.required => quote!(self.body.as_ref()),
            _ => quote!(self.body),
        };
        binds.push(quote!(let body = #value;));
    }
    let link = is_link(op);
    let url = if link {
        binds.push(quote!(let next_url = self.next_url;));
        quote! {
            match &next_url {
                #some(url) => url.clone(),
                #none => #url,
            }
        }
    } else {
        url.clone()
    };
    let mut steps: Vec<TokenStream> = Vec::new();
    let (query, other): (Vec<&Param>, Vec<&Param>) = op.params.iter().partition(|p| p.location == ParamLocation::Query);
    let query: Vec<TokenStream> = query.into_iter().filter_map(|p| param_step(api, p)).collect();
    if link && !query.is_empty() {
        // A `next` link carries the query already.
        steps.push(quote!(if next_url.is_none() { #( #query )* }));
    } else {
        steps.extend(query);
    }
    steps.extend(other.into_iter().filter_map(|p| param_step(api, p)));
    let accept = match events {
        Some(_) => Some(bodies::events_accept(op)),
        None => bodies::accept(op),
    };
    if let Some(accept) = accept {
        steps.push(quote!(request = request.header(reqwest::header::ACCEPT, #accept);));
    }
    if let Some(body) = &op.body {
        steps.push(bodies::body_step(api, body));
    }
    let request = if steps.is_empty() {
        quote!(self.core.request(reqwest::Method::#http_method, url, #security))
    } else {
        // A `match`, not `Result::map` and a closure: 0.5 % less of nexus's `cargo check`.
        let (ok, err) = (paths.std("Ok"), paths.std("Err"));
        quote! {
            match self.core.request(reqwest::Method::#http_method, url, #security) {
                #ok(mut request) => {
                    #( #steps )*
                    #ok(request)
                }
                #err(refused) => #err(refused),
            }
        }
    };
    let streamed = match (events, &op.success) {
        (Some(data), _) => Some((MediaKind::EventStream, data)),
        (None, Some(data)) if op.streams() => Some((op.success_kind, data)),
        _ => None,
    };
    let arms = bodies::response_match(api, op, paths, streamed.is_some());
    let facts = operation_facts(api, paths, op);
    let call = match streamed {
        Some((kind, data)) => {
            let statuses = bodies::streamed_statuses(op, events.is_some());
            let open = bodies::stream_opener(kind, data);
            quote!(crate::runtime::streamed_call(self.core, #facts, request, #statuses, #open, |response| #arms))
        }
        None => quote!(crate::runtime::call(self.core, #facts, request, |response| #arms)),
    };
    // The success's documented headers, typed, on `send()`'s answer (not on `events()`'s).
    let headers = if events.is_none() { success_headers(op) } else { None };
    // `Call<'a, [Option<]success[>], errors::E[, headers::H]>`, or `Call<'a, EventStream<data, errors::E>, errors::E>`.
    let optional = op.success_optional && op.success_kind == MediaKind::Json;
    let (name, success, doc, allow) = match events {
        Some(data) => (
            quote!(events),
            bodies::event_stream_type(api, op, data, paths, &errors),
            Doc::default()
                .line(
                    "Sends the request asking for the answer as server-sent events (`Accept: text/event-stream`), \
                     and returns them as they arrive. Whether the server streams may also depend on the request \
                     itself (OpenAI's `stream: true`, say).",
                )
                .outer(),
            allow_complex(data, 3, 80),
        ),
        None => (
            quote!(send),
            bodies::success_type(api, op, paths, &errors),
            {
                let streams = op.streams().then(|| {
                    let doc =
                        Doc::default().line("A success answer's body is not read here: it streams as the returned value is read.").outer();
                    quote!(#[doc = ""] #doc)
                });
                quote! {
                    /// Sends the request and reads the answer, as awaiting the builder does. The request
                    /// is built now and sent when the returned future is first polled.
                    #streams
                }
            },
            op.success.as_ref().and_then(|ty| allow_complex(ty, 2 + usize::from(optional), 30 + if optional { 20 } else { 0 })),
        ),
    };
    quote! {
        #doc
        #allow
        pub fn #name(self) -> crate::runtime::Call<'a, #success, #errors::#error #headers> {
            #( #binds )*
            let url = #url;
            let request = #request;
            #call
        }
    }
}

/// The operation's facts as the runtime takes them: a struct of plain strings, for the call's
/// tracing span and its idempotency key. Nothing here depends on the `tracing` feature: the
/// runtime alone decides what to do with them. Passed by value: a `&` to it would be a promoted
/// constant per operation, which made nexus's `cargo check` 0.17 % slower still (instructions
/// counted with cachegrind).
fn operation_facts(api: &Api, paths: &Paths, op: &Operation) -> TokenStream {
    let (some, none) = (paths.std("Some"), paths.std("None"));
    let module = &api.module;
    let id = op.operation_id.as_deref().unwrap_or(&op.method_name);
    let method = op.http_method.as_str();
    let route = &op.path;
    let header = match &op.idempotency_header {
        Some(name) => quote!(#some(#name)),
        None => quote!(#none),
    };
    quote!(crate::runtime::Operation { api: #module, id: #id, method: #method, route: #route, idempotency_header: #header })
}

/// `, super::headers::H`: the type parameter of the success's documented headers, if any.
fn success_headers(op: &Operation) -> Option<TokenStream> {
    op.success_headers.as_ref().map(|h| {
        let name = ident(&h.name);
        quote!(, super::headers::#name)
    })
}

/// One operation's builder: the struct, its setters, `stream()` and `IntoFuture`.
fn builder(api: &Api, paths: &Paths, op: &Operation) -> TokenStream {
    let option = paths.std("Option");
    let result = paths.std("Result");
    let into_future = paths.std("IntoFuture");
    let string = paths.std("String");
    let derive = emit::derive(paths, &["Clone"]);
    let name = ident(&op.builder_name);
    // A field `Option<T>` or `&'a T`; a setter `impl Into<T>`.
    let tys = op.params.iter().map(|p| &p.ty).chain(op.body.iter().map(|b| &b.ty));
    let allow_fields = tys.filter_map(|ty| allow_complex(ty, 2, 10)).next();
    let mut fields: Vec<TokenStream> = op
        .params
        .iter()
        .map(|p| {
            let field = ident(&p.rust_name);
            let ty = if p.required {
                required_type(api, p, paths)
            } else {
                let ty = owned_type(api, &p.ty, paths);
                quote!(#option<#ty>)
            };
            quote!(pub(super) #field: #ty)
        })
        .collect();
    if let Some(body) = &op.body {
        let ty = body_type(api, body, paths);
        fields.push(if body.required { quote!(pub(super) body: #ty) } else { quote!(pub(super) body: #option<#ty>) });
    }
    if is_link(op) {
        fields.push(quote!(pub(super) next_url: #option<#string>));
    }
    let mut methods: Vec<TokenStream> = op.params.iter().filter(|p| !p.required).map(|p| setter(api, paths, p)).collect();
    if let Some(body) = op.body.as_ref().filter(|b| !b.required) {
        methods.push(body_setter(api, paths, body));
    }
    // `send` (and `events()` where the success may come as server-sent events) reads the
    // parameters' locals and `self.core` for the URL and the credentials.
    let (url, security) = (url_expr(api, op), security_expr(api, op));
    methods.push(call_method(api, paths, op, &url, &security, None));
    if let Some(data) = &op.events {
        methods.push(call_method(api, paths, op, &url, &security, Some(data)));
    }
    if let Some(pagination) = &op.pagination {
        methods.push(stream(api, paths, op, pagination));
    }
    let errors = paths.module("errors");
    let success = bodies::success_type(api, op, paths, &errors);
    let error = ident(&op.error_name);
    let headers = success_headers(op);
    let output = quote!(#result<crate::runtime::ResponseValue<#success #headers>, crate::runtime::Error<#errors::#error>>);
    let optional = op.params.iter().any(|p| !p.required) || op.body.as_ref().is_some_and(|b| !b.required);
    let how = if optional { "set its optional parameters, then await it" } else { "await it" };
    let doc = Doc::default()
        .line(format!(
            "The call of [`Client::{0}`](super::Client::{0}), `{1} {2}`: {how} or [`send`](Self::send) it.",
            unraw(&op.method_name),
            op.http_method,
            op.path.replace('`', "'")
        ))
        .outer();
    let debug = debug_impl(&name, op);
    quote! {
        #doc
        #derive
        #[must_use = "a builder sends nothing until it is awaited"]
        #allow_fields
        pub struct #name<'a> {
            pub(super) core: &'a crate::runtime::ClientCore,
            #( #fields, )*
        }

        impl<'a> #name<'a> {
            #( #methods )*
        }

        #debug

        impl<'a> #into_future for #name<'a> {
            type Output = #output;
            type IntoFuture = crate::runtime::Call<'a, #success, #errors::#error #headers>;

            fn into_future(self) -> Self::IntoFuture {
                self.send()
            }
        }
    }
}

/// A builder's `Debug`: the operation and its route, not the values set, which may carry
/// personal data or secrets (the request as sent is in the call's tracing span). Deriving it,
/// values and all, cost 3.0 % of nexus's `cargo check` (317 builders, instructions counted with
/// cachegrind); this costs about half of that, one small impl each.
fn debug_impl(name: &syn::Ident, op: &Operation) -> TokenStream {
    let shown = format!("{name} ({} {})", op.http_method, op.path);
    quote! {
        impl std::fmt::Debug for #name<'_> {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(#shown)
            }
        }
    }
}

/// Clippy expects `as_`, `from_`, `into_`, `is_` and `to_` methods to take `self` otherwise.
pub(crate) fn conventional_allow(name: &str) -> Option<TokenStream> {
    let prefixed = ["as_", "from_", "into_", "is_", "to_"].iter().any(|p| unraw(name).starts_with(p));
    prefixed.then(|| quote!(#[allow(clippy::wrong_self_convention, reason = "a setter named after its spec parameter")]))
}

fn setter(api: &Api, paths: &Paths, p: &Param) -> TokenStream {
    let some = paths.std("Some");
    let into = paths.std("Into");
    let name = ident(&p.rust_name);
    let (arg, value) = match held(&p.ty) {
        Held::Copied => (type_tokens(api, &p.ty, paths), quote!(value)),
        _ => {
            let ty = owned_type(api, &p.ty, paths);
            (quote!(impl #into<#ty>), quote!(value.into()))
        }
    };
    let location = p.location.as_str();
    let doc = Doc::default().prose(p.description.as_deref()).line(format!("Sets the {location} parameter {}.", code(&p.wire_name))).outer();
    let allow = conventional_allow(&p.rust_name);
    let complex = allow_complex(&p.ty, 2, 10);
    quote! {
        #doc
        #allow
        #complex
        pub fn #name(mut self, value: #arg) -> Self {
            self.#name = #some(#value);
            self
        }
    }
}

fn body_setter(api: &Api, paths: &Paths, body: &Body) -> TokenStream {
    let some = paths.std("Some");
    let into = paths.std("Into");
    let ty = body_type(api, body, paths);
    let doc = Doc::default()
        .prose(body.description.as_deref())
        .line(format!("Sets the request body, sent as {}.", code(&body.content_type)))
        .outer();
    let complex = allow_complex(&body.ty, 2, 10);
    quote! {
        #doc
        #complex
        pub fn body(mut self, value: impl #into<#ty>) -> Self {
            self.body = #some(value.into());
            self
        }
    }
}

/// A field's value moved out of `root`, as an `Option` of it (`optional` is set when any step
/// may be absent) or the value itself.
fn take(root: TokenStream, field: &PageField) -> (TokenStream, bool) {
    let mut expr = root;
    let mut optional = false;
    for ((name, &holding), &boxed) in field.path.iter().zip(&field.holding).zip(&field.boxed) {
        let name = ident(name);
        let opt = holding != Holding::Value;
        // A three-state field's value, as an `Option`.
        let of = |base: TokenStream| match holding {
            Holding::Nullable => quote!(#base.#name.value()),
            _ => quote!(#base.#name),
        };
        expr = match (optional, opt, boxed) {
            (false, false, false) => quote!(#expr.#name),
            (false, false, true) => quote!((*#expr.#name)),
            (false, true, false) => of(expr),
            (false, true, true) => {
                let value = of(expr);
                quote!(#value.map(|v| *v))
            }
            (true, false, false) => quote!(#expr.map(|v| v.#name)),
            (true, false, true) => quote!(#expr.map(|v| *v.#name)),
            (true, true, false) => {
                let value = of(quote!(v));
                quote!(#expr.and_then(|v| #value))
            }
            (true, true, true) => {
                let value = of(quote!(v));
                quote!(#expr.and_then(|v| #value.map(|v| *v)))
            }
        };
        optional |= opt;
    }
    (expr, optional)
}

/// `take` as an `Option`.
fn take_optional(paths: &Paths, root: TokenStream, field: &PageField) -> TokenStream {
    let some = paths.std("Some");
    match take(root, field) {
        (expr, true) => expr,
        (expr, false) => quote!(#some(#expr)),
    }
}

/// The items of the answer `answer`, as a `Vec`.
fn items_expr(pagination: &Pagination) -> TokenStream {
    match &pagination.items {
        None => quote!(answer),
        Some(field) => match take(quote!(answer), field) {
            (expr, true) => quote!(#expr.unwrap_or_default()),
            (expr, false) => expr,
        },
    }
}

/// A guard that refuses an empty text cursor, which some APIs send on the last page.
fn not_empty(ty: &TypeRef, value: &TokenStream) -> TokenStream {
    if *ty == TypeRef::String { quote!(&& !#value.is_empty()) } else { TokenStream::new() }
}

fn stream(api: &Api, paths: &Paths, op: &Operation, pagination: &Pagination) -> TokenStream {
    let none = paths.std("None");
    let some = paths.std("Some");
    let item = type_tokens(api, &pagination.item, paths);
    let error = ident(&op.error_name);
    let errors = paths.module("errors");
    let items = items_expr(pagination);
    let where_items = match &pagination.items {
        Some(field) => format!("the answer's {}", code(&field.dotted())),
        None => "the answer".to_owned(),
    };
    let (how, body) = match &pagination.style {
        PageStyle::Cursor { param, next, reset } => {
            let p = &op.params[*param];
            let field = ident(&p.rust_name);
            let cursor = take_optional(paths, quote!(answer), next);
            let reset_fields = reset.iter().map(|&i| ident(&op.params[i].rust_name));
            let guard = not_empty(&p.ty, &quote!(cursor));
            let mut how = format!(
                "The next page is asked for with the answer's {} as {}; the stream ends without one.",
                code(&next.dotted()),
                code(&p.wire_name)
            );
            if !reset.is_empty() {
                let names: Vec<String> = reset.iter().map(|&i| code(&op.params[i].wire_name)).collect();
                how.push_str(&format!(" The requests after the first leave out {}, which the cursor stands for.", names.join(", ")));
            }
            let body = quote! {
                let answer = page.into_inner();
                let cursor = #cursor;
                let items = #items;
                let next = match cursor {
                    #some(cursor) if next.#field.as_ref() != #some(&cursor) #guard => {
                        next.#field = #some(cursor);
                        #( next.#reset_fields = #none; )*
                        #some(next)
                    }
                    _ => #none,
                };
            };
            (how, body)
        }
        PageStyle::AfterLast { param, has_more, last } => {
            let p = &op.params[*param];
            let field = ident(&p.rust_name);
            let guard = not_empty(&p.ty, &quote!(last));
            let (more, more_guard, more_doc) = match has_more {
                Some(has_more) => {
                    let value = match take(quote!(answer), has_more) {
                        (expr, true) => quote!(#expr.unwrap_or(false)),
                        (expr, false) => expr,
                    };
                    (quote!(let more = #value;), quote!(&&more), format!(" while the answer's {} is true", code(&has_more.dotted())))
                }
                None => (TokenStream::new(), TokenStream::new(), String::new()),
            };
            let (before, after, from) = match last {
                LastId::Answer(field) => {
                    let value = take_optional(paths, quote!(answer), field);
                    (quote!(let last = #value;), TokenStream::new(), format!("the answer's {}", code(&field.dotted())))
                }
                LastId::Item(field) => {
                    let id = ident(&field.path[0]);
                    let value = match field.holding[0] {
                        Holding::Value => quote!(items.last().map(|item| item.#id.clone())),
                        Holding::Option => quote!(items.last().and_then(|item| item.#id.clone())),
                        Holding::Nullable => {
                            quote!(items.last().and_then(|item| item.#id.clone().value()))
                        }
                    };
                    (TokenStream::new(), quote!(let last = #value;), format!("the last item's {}", code(&field.dotted())))
                }
            };
            let how = format!("The next page is asked for{more_doc}, with {from} as {}.", code(&p.wire_name));
            let body = quote! {
                let answer = page.into_inner();
                #more
                #before
                let items = #items;
                #after
                let next = match last {
                    #some(last) if next.#field.as_ref() != #some(&last) #more_guard #guard => {
                        next.#field = #some(last);
                        #some(next)
                    }
                    _ => #none,
                };
            };
            (how, body)
        }
        PageStyle::PageNumber { param, first } => {
            let p = &op.params[*param];
            let field = ident(&p.rust_name);
            let first_lit = Literal::i64_unsuffixed(*first);
            let how =
                format!("Pages are numbered by `{}`, from the one set (else {first}) up, until a page comes back empty.", p.wire_name);
            let body = quote! {
                let answer = page.into_inner();
                let items = #items;
                let next = match next.#field.unwrap_or(#first_lit).checked_add(1) {
                    #some(number) => {
                        next.#field = #some(number);
                        #some(next)
                    }
                    #none => #none,
                };
            };
            (how, body)
        }
        PageStyle::Link => {
            let how = "The next page is the answer's `Link` header's `rel=\"next\"` target (on the client's own \
                       origin only); the stream ends without one."
                .to_owned();
            let body = quote! {
                let link = crate::runtime::next_link(page.headers(), next.core.base_url());
                let answer = page.into_inner();
                let items = #items;
                let next = match link {
                    #some(url) if next.next_url.as_ref() != #some(&url) => {
                        next.next_url = #some(url);
                        #some(next)
                    }
                    _ => #none,
                };
            };
            (how, body)
        }
    };
    let doc = Doc::default()
        .line(format!(
            "Every item of every page ({where_items}), as a stream that fetches each page when its first item \
             is asked for. {how}"
        ))
        .line(
            "An empty page ends the stream too. A page that fails yields its error as the stream's last \
             item; the items before it have been yielded already.",
        )
        .outer();
    let allow = allow_complex(&pagination.item, 2, 30);
    quote! {
        #doc
        #allow
        pub fn stream(self) -> crate::runtime::Pages<'a, #item, #errors::#error> {
            crate::runtime::pages(self, Self::send, |page, mut next| {
                #body
                (items, next)
            })
        }
    }
}

/// The request's URL: the base URL and the path, each path parameter (a `{}` in the template)
/// encoded as one segment by the runtime. A brace in the path's own text is written as the
/// percent-encoding URL parsing would give it anyway, so it never reads as a placeholder.
fn url_expr(api: &Api, op: &Operation) -> TokenStream {
    let mut template = String::new();
    let mut values = Vec::new();
    for part in &op.path_parts {
        match part {
            PathPart::Literal(text) => template.push_str(&text.replace('{', "%7B").replace('}', "%7D")),
            PathPart::Param(i) => {
                let p = &op.params[*i];
                let name = ident(&p.rust_name);
                template.push_str("{}");
                values.push(text_of(api, &p.ty, &quote!(#name)).as_str());
            }
        }
    }
    quote!(self.core.url(#template, &[ #( #values ),* ]))
}

/// The operation's alternatives of security schemes, as the client module's constants.
fn security_expr(api: &Api, op: &Operation) -> TokenStream {
    let alternatives = op.security.iter().map(|alt| {
        let schemes = alt.iter().map(|&i| scheme_const_name(&api.security_schemes[i]));
        match api.is_grouped() {
            true => quote!(&[ #( super::client::#schemes ),* ]),
            false => quote!(&[ #( #schemes ),* ]),
        }
    });
    quote!(&[ #( #alternatives ),* ])
}
