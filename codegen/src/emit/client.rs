//! Emits the `Client`: construction, credentials, and per operation a method that returns its
//! builder (the builder, and its `send`, are `emit::builders`').
//!
//! The module's own names are `Client`, the runtime items it imports and the security schemes'
//! `SCREAMING_CASE` constants, none of which hides a std name: std items are written short here.
//! A method's locals (`url`, `request`, `response`, `value`, …) are `naming::METHOD_LOCALS`, names
//! that no parameter takes.

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::builders;
use crate::emit::docs::{Doc, code, inline};
use crate::emit::{Paths, Pieces, gates, ident, names_a_type};
use crate::model::{Api, ApiKeyLocation, GroupId, Operation, SchemeKind, SecurityScheme};
use crate::naming::{credential_setter, unraw};

pub(crate) fn client_module(api: &Api) -> Pieces<'_> {
    let schemes = api.security_schemes.iter().map(scheme_const);
    let mut runtime = vec!["ClientCore", "InvalidHeader"];
    if !api.security_schemes.is_empty() {
        runtime.extend(["Placement", "Scheme"]);
    }
    runtime.sort_unstable();
    let runtime = runtime.into_iter().map(ident);
    let needs_types = api.operations.iter().any(|op| {
        // The method's arguments: required values only, as optional ones are the builder's.
        let params = op.params.iter().filter(|p| p.required).map(|p| &p.ty);
        let body = op.body.iter().filter(|b| b.required).map(|b| &b.ty);
        params.chain(body).any(names_a_type)
    });
    let types_import = (needs_types && !api.is_grouped()).then(|| {
        quote!(
            use super::types;
        )
    });
    let constructors = constructors(api);
    let setters = api.security_schemes.iter().map(|scheme| {
        let session = scheme.sign_in.as_ref().map(|sign_in| session_setter(scheme, &sign_in.session_setter));
        let setter = setter(scheme);
        quote!(#setter #session)
    });
    let doc = Doc::default()
        .line(format!("Client for the {} (version {}).", inline(&api.title), inline(&api.version)))
        .line("Cloning is cheap: clones share one connection pool. Secrets never appear in its `Debug` output.");
    let doc = doc.outer();
    let header = quote! {
        use crate::runtime::{ #( #runtime ),* };

        #types_import

        #( #schemes )*

        #doc
        #[derive(Debug, Clone)]
        pub struct Client {
            core: ClientCore,
        }

        #constructors

        impl Client {
            /// Creates a client for the API at `base_url`, e.g. one of the server constants of
            /// this module, or a local mock server.
            pub fn with_base_url(base_url: &str) -> Self {
                Self { core: ClientCore::new(base_url) }
            }

            /// Sends requests through `http`, e.g. one built with a proxy or custom TLS.
            pub fn with_http_client(mut self, http: reqwest::Client) -> Self {
                self.core.set_http_client(http);
                self
            }

            /// Sends requests through a `reqwest-middleware` client: tracing, metrics, request
            /// signing, or a retry layer of your own.
            pub fn with_middleware(mut self, http: reqwest_middleware::ClientWithMiddleware) -> Self {
                self.core.set_middleware(http);
                self
            }

            /// Fails a call with [`Error::Timeout`](crate::Error::Timeout) when its answer has not
            /// come within `timeout`. For one call only, set it on a clone of the client.
            pub fn with_timeout(mut self, timeout: std::time::Duration) -> Self {
                self.core.set_timeout(Some(timeout));
                self
            }

            /// Retries failed calls as `policy` says (clients do not retry by default). For one
            /// call only, set it on a clone of the client.
            pub fn with_retry(mut self, policy: crate::RetryPolicy) -> Self {
                self.core.set_retry(Some(policy));
                self
            }

            /// Sends the header `name: value` with every request.
            pub fn with_default_header(mut self, name: &str, value: &str) -> Result<Self, InvalidHeader> {
                self.core.set_default_header(name, value)?;
                Ok(self)
            }

            /// The URL that operation paths are appended to.
            pub fn base_url(&self) -> &str {
                self.core.base_url()
            }

            #( #setters )*
        }
    };
    Box::new(std::iter::once(header).chain(tag_groups(api).into_iter().map(move |(tag, ops)| {
        let doc = tag.map(|t| {
            let line = format!(" Operations tagged {}.", code(t));
            quote!(#[doc = #line])
        });
        let paths = Paths::plain(true).through_super(api.is_grouped());
        // The block's operations are of one group: it is compiled with them.
        let cfg = gates::cfg(api, &api.operation_gate(ops[0]));
        let methods = ops.into_iter().map(|op| method(api, &paths, op));
        quote! {
            #doc
            #cfg
            impl Client {
                #( #methods )*
            }
        }
    })))
}

/// Methods per `impl` block at most, so that no rendered piece grows with the spec.
const METHODS_PER_IMPL: usize = 16;

/// Operations grouped by their first tag and their cargo feature's group (an `impl` block is
/// compiled with one group), in order of first appearance, and split into `impl` blocks of at
/// most [`METHODS_PER_IMPL`]: related methods stay together and each rendered piece stays small.
fn tag_groups(api: &Api) -> Vec<(Option<&str>, Vec<&Operation>)> {
    type Key<'a> = (Option<&'a str>, Option<GroupId>);
    let mut groups: Vec<(Key<'_>, Vec<&Operation>)> = Vec::new();
    for op in &api.operations {
        let key = (op.tag.as_deref(), op.group);
        match groups.iter_mut().find(|(k, _)| *k == key) {
            Some((_, ops)) => ops.push(op),
            None => groups.push((key, vec![op])),
        }
    }
    groups
        .into_iter()
        .flat_map(|((tag, _), ops)| ops.chunks(METHODS_PER_IMPL).map(|chunk| (tag, chunk.to_vec())).collect::<Vec<_>>())
        .collect()
}

/// The scheme's name in capitals: distinct schemes have distinct (`snake_case`) names, so
/// distinct constants. The builders' `send` names them too.
pub(crate) fn scheme_const_name(scheme: &SecurityScheme) -> syn::Ident {
    format_ident!("{}", unraw(&scheme.rust_name).to_ascii_uppercase())
}

fn scheme_const(scheme: &SecurityScheme) -> TokenStream {
    let name = scheme_const_name(scheme);
    let key = &scheme.key;
    let placement = match &scheme.kind {
        SchemeKind::Bearer => quote!(Placement::Bearer),
        SchemeKind::Basic => quote!(Placement::Basic),
        SchemeKind::OtherHttp(scheme) => quote!(Placement::Authorization(#scheme)),
        SchemeKind::ApiKey { location, name } => match location {
            ApiKeyLocation::Header => quote!(Placement::Header(#name)),
            ApiKeyLocation::Query => quote!(Placement::Query(#name)),
            ApiKeyLocation::Cookie => quote!(Placement::Cookie(#name)),
        },
    };
    quote! {
        pub(super) const #name: Scheme = Scheme { name: #key, placement: #placement };
    }
}

/// `new()` and `Default` for the first absolute server, when the spec has one.
fn constructors(api: &Api) -> Option<TokenStream> {
    let server = api.servers.iter().find(|s| !s.relative)?;
    let name = ident(&server.const_name);
    let doc = format!(" Creates a client for [`{}`](super::{}), {}.", server.const_name, server.const_name, code(&server.url));
    Some(quote! {
        impl Client {
            #[doc = #doc]
            pub fn new() -> Self {
                Self::with_base_url(super::#name)
            }
        }

        impl Default for Client {
            fn default() -> Self {
                Self::new()
            }
        }
    })
}

/// How a scheme's credential travels, for docs.
fn placement_text(kind: &SchemeKind) -> String {
    match kind {
        SchemeKind::Bearer => "`Authorization: Bearer <token>`".to_owned(),
        SchemeKind::Basic => "HTTP basic authentication".to_owned(),
        SchemeKind::OtherHttp(scheme) => code(&format!("Authorization: {scheme} <token>")),
        SchemeKind::ApiKey { location: ApiKeyLocation::Header, name } => format!("the header {}", code(name)),
        SchemeKind::ApiKey { location: ApiKeyLocation::Query, name } => format!("the query parameter {}", code(name)),
        SchemeKind::ApiKey { location: ApiKeyLocation::Cookie, name } => format!("the cookie {}", code(name)),
    }
}

fn setter(scheme: &SecurityScheme) -> TokenStream {
    let method = format_ident!("{}", credential_setter(&scheme.rust_name));
    let constant = scheme_const_name(scheme);
    let doc = Doc::default()
        .line(format!("Authenticates with the {} scheme, sent as {}.", code(&scheme.key), placement_text(&scheme.kind)))
        .prose(scheme.description.as_deref())
        .outer();
    match scheme.kind {
        SchemeKind::Basic => quote! {
            #doc
            pub fn #method(mut self, username: impl Into<String>, password: Option<String>) -> Self {
                self.core.set_basic(#constant.name, username.into(), password);
                self
            }
        },
        _ => quote! {
            #doc
            pub fn #method(mut self, secret: impl Into<String>) -> Self {
                self.core.set_token(#constant.name, secret.into());
                self
            }
        },
    }
}

/// `with_<scheme>_session`: the client sends the session's token, renewed as it expires.
fn session_setter(scheme: &SecurityScheme, name: &str) -> TokenStream {
    let method = format_ident!("with_{}", name);
    let constant = scheme_const_name(scheme);
    let doc = Doc::default()
        .line(format!(
            "Authenticates with the {} scheme through an OAuth2 [`Session`](crate::oauth::Session): \
             each call sends its access token, which it renews before it expires, and once more \
             when the API refuses it with `401`.",
            code(&scheme.key)
        ))
        .outer();
    quote! {
        #doc
        pub fn #method(mut self, session: crate::oauth::Session) -> Self {
            self.core.set_session(#constant.name, session);
            self
        }
    }
}

/// The operation's `Client` method, which returns its builder (see `emit::builders`).
fn method(api: &Api, paths: &Paths, op: &Operation) -> TokenStream {
    builders::entry_method(api, paths, op, method_doc(api, op))
}

fn method_doc(api: &Api, op: &Operation) -> TokenStream {
    let mut doc = Doc::default().prose(op.summary.as_deref()).prose(op.description.as_deref());
    let id = op.operation_id.as_ref().map(|id| format!(" (operation {})", code(id))).unwrap_or_default();
    doc = doc.line(format!("{}{id}", code(&format!("{} {}", op.http_method, op.path))));
    if op.deprecated {
        doc = doc.line("Deprecated by the API.");
    }
    // Optional parameters are the builder's setters, documented there.
    let described: Vec<_> = op.params.iter().filter(|p| p.required && p.description.is_some()).collect();
    let body_doc = op.body.as_ref().filter(|b| b.required).and_then(|b| b.description.as_deref());
    if !described.is_empty() || body_doc.is_some() {
        doc = doc.line("Arguments:");
        for p in described {
            let text = Doc::default().prose(p.description.as_deref());
            doc = doc.item(format!("- `{}`: {}", unraw(&p.rust_name), text.single_line()));
        }
        if let Some(text) = body_doc {
            doc = doc.item(format!("- `body`: {}", Doc::default().prose(Some(text)).single_line()));
        }
    }
    if !op.security.is_empty() {
        let alternatives: Vec<String> = op
            .security
            .iter()
            .map(|alt| {
                if alt.is_empty() {
                    return "no credentials".to_owned();
                }
                alt.iter().map(|&i| code(&api.security_schemes[i].key)).collect::<Vec<_>>().join(" and ")
            })
            .collect();
        doc = doc.line(format!("Authentication: {}.", alternatives.join(", or ")));
    }
    let errors: Vec<String> = op.error_responses().map(|r| format!("`{}`", r.status.label())).collect();
    if !errors.is_empty() {
        doc = doc.line(format!(
            "Errors: answers {} arrive as [`Error::Api`](crate::Error::Api) with an [`errors::{1}`](super::errors::{1}).",
            errors.join(", "),
            op.error_name
        ));
    }
    doc.outer()
}
