//! Emits the roots: each API's `mod.rs`, and the crate's `lib.rs` listing the APIs.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{Doc, code, inline};
use crate::emit::ident;
use crate::model::Api;
use crate::naming::CRATE_ROOT_TYPES;

pub(crate) fn api_root(api: &Api, spec_file: &str) -> TokenStream {
    let doc = Doc::default()
        .line(format!("{}, version {}.", inline(&api.title), inline(&api.version)))
        .prose(api.description.as_deref())
        .line(format!("Generated from {}; see [`Client`] to call it and [`types`] for its data.", code(spec_file)))
        .inner();
    let webhooks = (!api.webhooks.is_empty()).then(|| {
        quote!(
            pub mod webhooks;
        )
    });
    let headers = crate::emit::headers::has_headers(api).then(|| {
        quote!(
            pub mod headers;
        )
    });
    let mock = crate::emit::mocks::has_mock(api).then(|| {
        quote!(
            #[cfg(feature = "mock")]
            pub mod mock;
        )
    });
    let servers = api.servers.iter().map(|server| {
        let name = ident(&server.const_name);
        let url = &server.url;
        let mut doc = Doc::default().prose(server.description.as_deref()).line(code(url));
        if server.relative {
            doc = doc.line(
                "Relative to the host that serves the API: resolve it with [`crate::resolve_server`] and \
                 pass the result to [`Client::with_base_url`].",
            );
        }
        let doc = doc.outer();
        quote! { #doc pub const #name: &str = #url; }
    });
    let sign_in = api.security_schemes.iter().map(crate::emit::sign_in::sign_in_items);
    quote! {
        #doc
        pub mod builders;
        mod client;
        pub mod errors;
        #headers
        #mock
        pub mod types;
        #webhooks

        pub use self::client::Client;

        #( #servers )*

        #( #sign_in )*
    }
}

/// An API of the crate, as its root and manifest list it.
pub(crate) struct CrateApi {
    pub module: String,
    pub title: String,
    /// Its spec declares an OAuth2 or OpenID Connect sign-in: its feature turns on `oauth`.
    pub signs_in: bool,
    /// The features of its operation groups; empty when the API is one feature.
    pub groups: Vec<String>,
}

impl CrateApi {
    /// The feature that compiles the API's module: the API's own, or for a grouped API the
    /// base feature that each group turns on.
    fn module_feature(&self) -> String {
        match self.groups.is_empty() {
            true => self.module.clone(),
            false => format!("{}-base", self.module),
        }
    }

    /// The API's lines of `[features]`.
    fn features(&self) -> String {
        let oauth = if self.signs_in { "\"oauth\"" } else { "" };
        if self.groups.is_empty() {
            return format!("{} = [{oauth}]\n", self.module);
        }
        let quoted = |names: &[String]| names.iter().map(|n| format!("\"{n}\"")).collect::<Vec<_>>().join(", ");
        let base = self.module_feature();
        let mut lines = format!("{} = [{}]\n{base} = [{oauth}]\n", self.module, quoted(&self.groups));
        for group in &self.groups {
            lines.push_str(&format!("{group} = [\"{base}\"]\n"));
        }
        lines
    }
}

/// `lib.rs` of the generated crate: the shared runtime and one feature-gated module per API, in
/// the order of `apis`.
pub(crate) fn crate_root(apis: &[CrateApi]) -> TokenStream {
    let list = apis.iter().map(|api| format!("- `{}`: {}", api.module, inline(&api.title)));
    let doc = Doc::default().line("Typed async clients for the APIs described in `specs/`.").line(
        "Each API is a module behind a cargo feature of the same name, all on by default, so a consumer \
         compiles only the APIs it uses:",
    );
    let doc = list.fold(doc, Doc::item).inner();
    let features: Vec<String> = apis.iter().map(CrateApi::module_feature).collect();
    let any = match features.as_slice() {
        [one] => quote!(#[cfg(feature = #one)]),
        many => quote!(#[cfg(any( #( feature = #many ),* ))]),
    };
    let modules = apis.iter().map(|api| {
        let feature = api.module_feature();
        let name = ident(&api.module);
        quote! {
            #[cfg(feature = #feature)]
            pub mod #name;
        }
    });
    let exported = CRATE_ROOT_TYPES.iter().map(|name| ident(name));
    quote! {
        #doc
        #any
        #[doc(hidden)]
        pub mod runtime;

        #any
        pub use runtime::{ #( #exported, )* oauth, resolve_server };

        #( #modules )*
    }
}

/// `Cargo.toml` of the generated crate: fixed dependencies and one feature per API, which turns
/// on `oauth` for an API whose spec declares a sign-in.
pub(crate) fn cargo_toml(apis: &[CrateApi]) -> String {
    let default = apis.iter().map(|api| format!("\"{}\"", api.module)).collect::<Vec<_>>().join(", ");
    let features: String = apis.iter().map(CrateApi::features).collect();
    CARGO_TEMPLATE.replace("{default}", &default).replace("{features}\n", &features)
}

const CARGO_TEMPLATE: &str = include_str!("generated.Cargo.toml.in");
