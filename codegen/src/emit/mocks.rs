//! Emits the `mock` module (behind the `mock` feature): a typed mock server of the API.
//!
//! `MockServer::start()` starts it; per operation, a method named as the client's returns an
//! expectation (named as the operation's builder) with a setter per parameter and `body` that
//! match what the client would send, responders (`respond_ok`, one per documented error,
//! `respond_status`), `expect` and `mount`; `received()` reads back, per operation, the requests
//! received as typed values (the `requests` module). The matching, answering and reading are
//! the runtime's (`runtime/mock.rs`); this module only names the operations and writes each
//! value the way the client does, with the client's own statements (`param_step`, `body_step`),
//! so that an expectation matches exactly what the client sends.

use proc_macro2::{Literal, TokenStream};
use quote::quote;

use crate::emit::bodies::body_step;
use crate::emit::builders::{Held, allow_complex, conventional_allow, held, owned_type};
use crate::emit::docs::{Doc, code};
use crate::emit::params::{has_members, is_json_text, param_step, text_of};
use crate::emit::{Paths, Pieces, gates, ident, names_a_type, type_tokens};
use crate::model::{Api, Body, MediaKind, Operation, Param, ParamLocation, PathPart, QueryStyle, Response, TypeRef};
use crate::naming::{MOCK_TYPES, responder, unraw};

/// Whether the API has a `mock` module: it has operations to mock.
pub(crate) fn has_mock(api: &Api) -> bool {
    !api.operations.is_empty()
}

/// The `mock` module: the server, one expectation per operation, and the received requests.
pub(crate) fn mock_module(api: &Api) -> Pieces<'_> {
    // A grouped API names types through `super::` (see `Paths::supers`).
    let grouped = api.is_grouped();
    let types = (api.operations.iter().any(|op| mentioned(op).any(names_a_type)) && !grouped).then(|| {
        quote!(
            use super::types;
        )
    });
    let names = api.operations.iter().map(|op| op.builder_name.as_str()).chain(MOCK_TYPES.iter().copied());
    let paths = Paths::new(true, names).through_super(grouped);
    let gate = |op: &Operation| gates::cfg(api, &api.operation_gate(op));
    let routes = api.operations.iter().map(route);
    let methods = api.operations.iter().enumerate().map(|(i, op)| gates::gated(&gate(op), expect_method(op, i)));
    let readers: Vec<TokenStream> =
        api.operations.iter().enumerate().map(|(i, op)| gates::gated(&gate(op), reader(api, &paths, op, i))).collect();
    let header = quote! {
        #![doc = " A typed mock server of the API, for tests of code that calls it (the `mock` feature)."]
        #![doc = ""]
        #![doc = " [`MockServer::start`] starts one on 127.0.0.1; pass its [`base_url`](MockServer::base_url) to"]
        #![doc = " [`Client::with_base_url`](super::Client::with_base_url). Each operation's method (named as the"]
        #![doc = " client's) returns an expectation: its setters match the parameters and body the client sends,"]
        #![doc = " its responders answer with typed values, and `mount` puts it on the server."]
        #![doc = " [`MockServer::received`] reads the requests back as typed values. A request that no"]
        #![doc = " expectation matches is answered `404` and fails the test when the server is verified or"]
        #![doc = " dropped, with a message naming the operation it resembles."]

        #types

        /// Every operation, in the order of the methods below.
        const ROUTES: &[crate::runtime::mock::Route] = &[ #( #routes ),* ];

        /// A running mock server of the API; see the [module](self).
        #[derive(Debug)]
        pub struct MockServer {
            inner: crate::runtime::mock::MockServer,
        }

        impl MockServer {
            /// Starts a server on 127.0.0.1 with no expectations.
            pub async fn start() -> Self {
                Self { inner: crate::runtime::mock::MockServer::start(ROUTES).await }
            }

            /// The server's URL, e.g. `http://127.0.0.1:4372`.
            pub fn uri(&self) -> String {
                self.inner.uri()
            }

            /// The base URL to give the client: the server's URL, as the paths start at its root.
            pub fn base_url(&self) -> String {
                self.inner.uri()
            }

            /// Panics when a request matched no expectation (naming the operation it resembles) or
            /// when an expectation's call count is not met. Dropping the server checks both too.
            pub async fn verify(&self) {
                self.inner.verify().await;
            }

            /// Takes the messages of the requests that no expectation matched, so that a test
            /// that expects them can assert them: they then no longer fail it.
            pub fn unmatched(&self) -> Vec<String> {
                self.inner.unmatched()
            }

            /// The requests received so far, per operation, as typed values.
            pub fn received(&self) -> Received<'_> {
                Received(&self.inner)
            }

            #( #methods )*
        }

        /// The requests a [`MockServer`] received, per operation: every request with the
        /// operation's method and path, whether an expectation matched it or not.
        #[derive(Debug)]
        pub struct Received<'s>(&'s crate::runtime::mock::MockServer);

        impl Received<'_> {
            /// How many requests the server received so far, of every operation and of none.
            pub async fn count(&self) -> usize {
                self.0.received_count().await
            }

            #( #readers )*
        }
    };
    let requests = requests_module(api);
    let expectations = api.operations.iter().map(move |op| gates::gated(&gate(op), expectation(api, &paths, op)));
    Box::new(std::iter::once(header).chain(expectations).chain(std::iter::once(requests)))
}

/// The types the module writes for `op`: its parameters, a JSON or form body, and the JSON
/// bodies of its answers.
fn mentioned(op: &Operation) -> impl Iterator<Item = &TypeRef> {
    // As `responder_method` types a body: all but text and bytes.
    let json = |kind: MediaKind| !matches!(kind, MediaKind::Text | MediaKind::Binary | MediaKind::EventStream);
    let params = op.params.iter().map(|p| &p.ty);
    let body = op.body.iter().filter(|b| matches!(b.kind, MediaKind::Json | MediaKind::Form)).map(|b| &b.ty);
    let success = op.success.as_ref().filter(|_| json(op.success_kind) && op.mock_success().is_some());
    let errors = op.error_responses().filter(move |r| json(r.kind)).filter_map(|r| r.body.as_ref());
    params.chain(body).chain(success).chain(errors)
}

/// The client's path template of `op`, each parameter a `{}` (as `builders::url_expr` writes it).
fn template(op: &Operation) -> String {
    op.path_parts
        .iter()
        .map(|part| match part {
            PathPart::Literal(text) => text.replace('{', "%7B").replace('}', "%7D"),
            PathPart::Param(_) => "{}".to_owned(),
        })
        .collect()
}

fn route(op: &Operation) -> TokenStream {
    let operation = op.operation_id.as_deref().unwrap_or(unraw(&op.method_name));
    let method_name = unraw(&op.method_name);
    let method = op.http_method.as_str();
    let (path, template) = (&op.path, template(op));
    quote! {
        crate::runtime::mock::Route { operation: #operation, method_name: #method_name, method: #method, path: #path, template: #template }
    }
}

/// The server's method that starts an expectation of `op` (the `index`th route).
fn expect_method(op: &Operation, index: usize) -> TokenStream {
    let (name, expectation) = (ident(&op.method_name), ident(&op.builder_name));
    let index = Literal::usize_unsuffixed(index);
    let doc = Doc::default()
        .line(format!(
            "Expects a call of [`Client::{0}`](super::Client::{0}), {1}: set what it must hold, how to answer, then `mount` it.",
            unraw(&op.method_name),
            code(&format!("{} {}", op.http_method, op.path))
        ))
        .outer();
    quote! {
        #doc
        pub fn #name(&self) -> #expectation<'_> {
            #expectation { mock: self.inner.expect(&ROUTES[#index]) }
        }
    }
}

/// The index of each path parameter among the path's parameters, in the template's order.
fn path_index(op: &Operation, param: &Param) -> usize {
    let path_params = op.path_parts.iter().filter_map(|part| match part {
        PathPart::Param(i) => Some(&op.params[*i]),
        PathPart::Literal(_) => None,
    });
    path_params.take_while(|p| p.wire_name != param.wire_name).count()
}

/// `Received`'s method of `op`: every received request of it, typed.
fn reader(api: &Api, paths: &Paths, op: &Operation, index: usize) -> TokenStream {
    let (name, request) = (ident(&op.method_name), ident(&op.builder_name));
    let index = Literal::usize_unsuffixed(index);
    let fields: Vec<TokenStream> = op
        .params
        .iter()
        .filter_map(|p| {
            let field = ident(&p.rust_name);
            read_back(api, op, p).map(|read| quote!(#field: #read))
        })
        .chain(op.body.as_ref().map(|body| {
            let read = match body.kind {
                MediaKind::Json => quote!(received.json()),
                MediaKind::Text | MediaKind::EventStream => quote!(received.text()),
                _ => quote!(received.bytes()),
            };
            quote!(body: #read)
        }))
        .collect();
    let arg = if fields.is_empty() { quote!(_) } else { quote!(received) };
    let (future, vec) = (paths.std("Future"), paths.std("Vec"));
    let doc = Doc::default()
        .line(format!("The requests received for [`Client::{0}`](super::Client::{0}), in the order they came.", unraw(&op.method_name)))
        .outer();
    quote! {
        #doc
        pub fn #name(&self) -> impl #future<Output = #vec<requests::#request>> + '_ {
            self.0.received(&ROUTES[#index], |#arg| requests::#request { #( #fields ),* })
        }
    }
}

/// How a parameter is read back from a received request (`received`), or `None` for one whose
/// wire form loses its shape: an object exploded into the query, or JSON items joined by commas.
fn read_back(api: &Api, op: &Operation, p: &Param) -> Option<TokenStream> {
    let wire = &p.wire_name;
    let array = match &p.ty {
        TypeRef::Array(inner) => Some(&**inner),
        _ => None,
    };
    let joined_json = array.is_some_and(|inner| matches!(inner, TypeRef::Array(_)) || is_json_text(api, inner));
    Some(match p.location {
        ParamLocation::Path if joined_json => return None,
        ParamLocation::Path => {
            let index = Literal::usize_unsuffixed(path_index(op, p));
            if array.is_some() { quote!(received.path_list(#index)) } else { quote!(received.path(#index)) }
        }
        ParamLocation::Query => match (array, p.style) {
            (_, QueryStyle::DeepObject) => return None,
            // The whole array as one JSON value (as `params::query_step` sends it).
            (Some(_), QueryStyle::Form) if joined_json => quote!(received.query(#wire)),
            (Some(_), QueryStyle::Form) => quote!(received.query_all(#wire)),
            (Some(_), _) if joined_json => return None,
            (Some(_), style) => {
                let separator = match style {
                    QueryStyle::SpaceDelimited => " ",
                    QueryStyle::PipeDelimited => "|",
                    _ => ",",
                };
                quote!(received.query_list(#wire, #separator))
            }
            (None, QueryStyle::Form) if has_members(api, &p.ty) => return None,
            (None, _) => quote!(received.query(#wire)),
        },
        ParamLocation::Header | ParamLocation::Cookie if joined_json => return None,
        ParamLocation::Header if array.is_some() => quote!(received.header_list(#wire)),
        ParamLocation::Header => quote!(received.header(#wire)),
        ParamLocation::Cookie if array.is_some() => quote!(received.cookie_list(#wire)),
        ParamLocation::Cookie => quote!(received.cookie(#wire)),
    })
}

/// The `requests` module: per operation, a received request as typed values.
fn requests_module(api: &Api) -> TokenStream {
    let grouped = api.is_grouped();
    let paths = &Paths::new(true, api.operations.iter().map(|op| op.builder_name.as_str()).chain(MOCK_TYPES.iter().copied()))
        .through_supers(grouped, 2);
    let structs = api.operations.iter().map(|op| {
        let name = ident(&op.builder_name);
        let option = paths.std("Option");
        let params = op.params.iter().filter(|p| read_back(api, op, p).is_some()).map(|p| {
            let (field, ty) = (ident(&p.rust_name), owned_type(api, &p.ty, paths));
            let doc = Doc::default()
                .line(format!("The {} parameter {}, where sent and readable as its type.", location(p), code(&p.wire_name)))
                .outer();
            let allow = allow_complex(&p.ty, 1, 20);
            quote! { #doc #allow pub #field: #option<#ty>, }
        });
        let body = op.body.as_ref().map(|body| {
            let (ty, doc) = match body.kind {
                MediaKind::Json => {
                    let ty = type_tokens(api, &body.ty, paths);
                    (quote!(#option<#ty>), "The body, where it reads as its type.")
                }
                MediaKind::Text | MediaKind::EventStream => (quote!(#option<String>), "The body as text, where it is UTF-8."),
                _ => (quote!(Vec<u8>), "The body's bytes, as they came (a form, multipart or binary body is not decoded)."),
            };
            let doc = Doc::default().line(doc).outer();
            let allow = allow_complex(&body.ty, 1, 20);
            quote! { #doc #allow pub body: #ty, }
        });
        let doc = Doc::default()
            .line(format!(
                "A request received for `{} {}` (`{}`): what it held, typed.",
                op.http_method,
                op.path.replace('`', "'"),
                unraw(&op.method_name)
            ))
            .outer();
        let derive = crate::emit::derive(paths, &["Debug", "Clone", "PartialEq"]);
        let cfg = gates::cfg(api, &api.operation_gate(op));
        quote! {
            #doc
            #cfg
            #derive
            pub struct #name {
                #( #params )*
                #body
            }
        }
    });
    let types = api.operations.iter().any(|op| {
        let params = op.params.iter().filter(|p| read_back(api, op, p).is_some()).map(|p| &p.ty);
        params.chain(op.body.iter().filter(|b| b.kind == MediaKind::Json).map(|b| &b.ty)).any(names_a_type)
    });
    let types = (types && !grouped).then(|| {
        quote!(
            use super::types;
        )
    });
    quote! {
        /// The requests the server received, per operation, as [`MockServer::received`] reads them.
        pub mod requests {
            #types
            #( #structs )*
        }
    }
}

fn location(p: &Param) -> &'static str {
    p.location.as_str()
}

/// The expectation of `op`: its setters, responders, call count and mounting.
fn expectation(api: &Api, paths: &Paths, op: &Operation) -> TokenStream {
    let name = ident(&op.builder_name);
    let setters = op.params.iter().map(|p| param_setter(api, paths, op, p));
    let body = op.body.as_ref().and_then(|b| body_setter(api, paths, b));
    let ok = op.mock_success().map(|r| responder_method(api, paths, op, r, "respond_ok", true));
    let errors = op.error_responses().map(|r| responder_method(api, paths, op, r, &responder(&r.variant), false));
    let doc = Doc::default()
        .line(format!(
            "An expectation of [`Client::{0}`](super::Client::{0}), {1}, from [`MockServer::{0}`]. It matches the \
             method and path, and what its setters add; without a responder it answers `200` with no body.",
            unraw(&op.method_name),
            code(&format!("{} {}", op.http_method, op.path))
        ))
        .outer();
    let u16 = quote!(u16);
    // Handing on the runtime's futures, not `async fn`s: a state machine per operation would
    // cost `cargo check`.
    let future = paths.std("Future");
    quote! {
        #doc
        #[derive(Debug)]
        #[must_use = "an expectation does nothing until it is mounted"]
        pub struct #name<'s> {
            mock: crate::runtime::mock::Expectation<'s>,
        }

        impl<'s> #name<'s> {
            #( #setters )*
            #body
            #ok
            #( #errors )*

            /// Answers with `status` and no body.
            pub fn respond_status(mut self, status: #u16) -> Self {
                self.mock = self.mock.respond_status(status);
                self
            }

            /// How many calls must match (`1`, `1..`, `..=3`), checked when the server is verified or dropped.
            pub fn expect(mut self, times: impl Into<crate::runtime::mock::Times>) -> Self {
                self.mock = self.mock.times(times);
                self
            }

            /// Puts the expectation on the server, for as long as the server runs.
            pub fn mount(self) -> impl #future<Output = ()> + 's {
                self.mock.mount()
            }

            /// Puts the expectation on the server until the returned guard is dropped (its call
            /// count is checked then).
            pub fn mount_as_scoped(self) -> impl #future<Output = crate::runtime::mock::MockGuard> + 's {
                self.mock.mount_as_scoped()
            }
        }
    }
}

/// A setter that matches the parameter `p` as the client sends it: it takes what the client's
/// setter takes, binds it as the client's `send` holds it, and writes it with the same code.
fn param_setter(api: &Api, paths: &Paths, op: &Operation, p: &Param) -> TokenStream {
    let into = paths.std("Into");
    let name = ident(&p.rust_name);
    let (arg, bind) = match held(&p.ty) {
        Held::Copied => (type_tokens(api, &p.ty, paths), quote!(let #name = value;)),
        held => {
            let ty = owned_type(api, &p.ty, paths);
            let bind = match held {
                Held::Str => quote!(let #name: &str = &value;),
                Held::Slice => quote!(let #name = value.as_slice();),
                _ => quote!(let #name = &value;),
            };
            (quote!(impl #into<#ty>), quote!(let value: #ty = value.into(); #bind))
        }
    };
    let put = match p.location {
        ParamLocation::Path => {
            let index = Literal::usize_unsuffixed(path_index(op, p));
            let text = text_of(api, &p.ty, &quote!(#name)).as_str();
            quote!(self.mock = self.mock.path_param(#index, #text);)
        }
        _ => {
            let required = Param { required: true, ..p.clone() };
            let step = param_step(api, &required);
            quote! {
                let mut request = crate::runtime::mock::blank();
                #step
                self.mock = self.mock.param(request);
            }
        }
    };
    let doc =
        Doc::default().line(format!("Matches the {} parameter {} as the client sends `value`.", location(p), code(&p.wire_name))).outer();
    let allow = conventional_allow(&p.rust_name);
    let complex = allow_complex(&p.ty, 2, 10);
    quote! {
        #doc
        #allow
        #complex
        pub fn #name(mut self, value: #arg) -> Self {
            #bind
            #put
            self
        }
    }
}

/// `body`, which matches the body as the client sends it: JSON as JSON (whatever the spacing or
/// member order), forms and text byte for byte. Multipart (its boundary is random) and binary
/// bodies (possibly a stream) are not matched: no setter.
fn body_setter(api: &Api, paths: &Paths, body: &Body) -> Option<TokenStream> {
    let required = Body { required: true, ..body.clone() };
    let step = body_step(api, &required);
    let (arg, bind) = match body.kind {
        MediaKind::Json | MediaKind::Form => {
            let ty = borrowed(api, &body.ty, paths);
            (quote!(&#ty), quote!(let body = value;))
        }
        MediaKind::Text | MediaKind::EventStream => {
            let (into, string) = (paths.std("Into"), paths.std("String"));
            (quote!(impl #into<#string>), quote!(let body: #string = value.into();))
        }
        MediaKind::Multipart | MediaKind::Binary => return None,
    };
    let json = body.kind == MediaKind::Json;
    let doc = Doc::default()
        .line(format!("Matches the request body, sent as {}, as the client sends `value`.", code(&body.content_type)))
        .outer();
    let complex = allow_complex(&body.ty, 2, 10);
    Some(quote! {
        #doc
        #complex
        pub fn body(mut self, value: #arg) -> Self {
            #bind
            let mut request = crate::runtime::mock::blank();
            #step
            self.mock = self.mock.body(request, #json);
            self
        }
    })
}

/// A responder named `name` that answers as the documented answer `r` (the `success` one, or an
/// error): with its status (see `Operation::mock_status`), media type and typed body.
fn responder_method(api: &Api, paths: &Paths, op: &Operation, r: &Response, name: &str, success: bool) -> TokenStream {
    let code = op.mock_status(r, success);
    let status = Literal::u16_unsuffixed(code);
    let name = ident(name);
    let (ty, kind) = match success {
        true => (op.success.as_ref().filter(|_| r.body.is_some()), op.success_kind),
        false => (r.body.as_ref(), r.kind),
    };
    let what = if success {
        "the success".to_owned()
    } else {
        format!("the documented error `{}` (`errors::{}::{}`)", r.status.label(), op.error_name, unraw(&r.variant))
    };
    let status_note = match r.status {
        crate::model::Status::Code(_) => format!("status {code}"),
        _ => format!("status {code}, standing for `{}`", r.status.label()),
    };
    let (arg, answer, typed) = match (ty, kind) {
        (None, _) => (None, quote!(respond_status(#status)), ""),
        (Some(ty), kind) => {
            let media = r.content_type.clone().unwrap_or_else(|| default_media(kind).to_owned());
            match kind {
                MediaKind::Text | MediaKind::EventStream => {
                    let (into, string) = (paths.std("Into"), paths.std("String"));
                    (Some(quote!(value: impl #into<#string>)), quote!(respond_text(#status, #media, value)), ", with `value` as its body")
                }
                MediaKind::Binary => {
                    let (into, vec) = (paths.std("Into"), paths.std("Vec"));
                    (Some(quote!(value: impl #into<#vec<u8>>)), quote!(respond_bytes(#status, #media, value)), ", with `value` as its body")
                }
                _ => {
                    let ty = borrowed(api, ty, paths);
                    (Some(quote!(value: &#ty)), quote!(respond_json(#status, #media, value)), ", with `value` as its JSON body")
                }
            }
        }
    };
    let doc = Doc::default().line(format!("Answers as {what}: {status_note}{typed}.")).outer();
    let complex = ty.and_then(|ty| allow_complex(ty, 2, 10));
    quote! {
        #doc
        #complex
        pub fn #name(mut self, #arg) -> Self {
            self.mock = self.mock.#answer;
            self
        }
    }
}

fn default_media(kind: MediaKind) -> &'static str {
    match kind {
        MediaKind::Text => "text/plain",
        MediaKind::EventStream => "text/event-stream",
        MediaKind::Binary => "application/octet-stream",
        _ => "application/json",
    }
}

/// A value's type as a `&` argument takes it: a slice for an array and `str` for a string
/// (clippy's `ptr_arg`), the type itself otherwise.
fn borrowed(api: &Api, ty: &TypeRef, paths: &Paths) -> TokenStream {
    match ty {
        TypeRef::String => quote!(str),
        TypeRef::Array(inner) => {
            let inner = type_tokens(api, inner, paths);
            quote!([#inner])
        }
        ty => type_tokens(api, ty, paths),
    }
}
