//! Emits what signing in with a scheme needs at an API module's root: a constant per OAuth2
//! flow (its endpoints), one per OpenID Connect discovery URL, and the enum of a scheme's scopes.
//! The client's `with_<scheme>_session` setter is `emit::client`'s.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{Doc, code};
use crate::emit::ident;
use crate::model::{Grant, OAuthFlow, ScopeEnum, SecurityScheme, TokenSource};

pub(crate) fn sign_in_items(scheme: &SecurityScheme) -> TokenStream {
    let Some(sign_in) = &scheme.sign_in else { return TokenStream::new() };
    let setter = format!("[`Client::with_{}`]", sign_in.session_setter);
    let source = match &sign_in.source {
        TokenSource::Flows(flows) => flows.iter().map(|flow| flow_const(scheme, flow, &setter)).collect(),
        TokenSource::Discovery { url, const_name } => {
            let name = ident(const_name);
            let doc = Doc::default()
                .line(format!("The OpenID Connect discovery document of the {} scheme: {}.", code(&scheme.key), code(url)))
                .line(format!(
                    "[`OAuth2::discover`](crate::oauth::OAuth2::discover) reads the provider's endpoints from it; \
                     give the session you sign in with to {setter}."
                ))
                .outer();
            quote! { #doc pub const #name: &str = #url; }
        }
    };
    let scopes = sign_in.scopes.as_ref().map(|scopes| scope_enum(scheme, scopes));
    quote! { #source #scopes }
}

fn flow_const(scheme: &SecurityScheme, flow: &OAuthFlow, setter: &str) -> TokenStream {
    let name = ident(&flow.const_name);
    let how = match flow.grant {
        Grant::AuthorizationCode => {
            "Sign a user in with [`OAuth2::authorize`](crate::oauth::OAuth2::authorize) and \
             [`OAuth2::exchange`](crate::oauth::OAuth2::exchange)"
        }
        Grant::ClientCredentials => "Sign the application in with [`OAuth2::client_credentials`](crate::oauth::OAuth2::client_credentials)",
        Grant::Password => "Sign a user in with [`OAuth2::password`](crate::oauth::OAuth2::password)",
    };
    let mut doc = Doc::default()
        .line(format!("The {} flow of the {} scheme.", code(flow.grant.key()), code(&scheme.key)))
        .line(format!("{how}, and give the session to {setter}."))
        .line("Its endpoints:");
    for (role, url) in
        [("Authorization", &flow.authorization_url), ("Token", &Some(flow.token_url.clone())), ("Refresh", &flow.refresh_url)]
    {
        if let Some(url) = url {
            doc = doc.item(format!("- {role} URL: {}", code(url)));
        }
    }
    let urls = [&flow.authorization_url, &flow.refresh_url];
    if flow.token_url.contains('?') || urls.iter().any(|url| url.as_ref().is_some_and(|u| u.contains('?'))) {
        doc = doc.line("Query parameters that OAuth2 sets itself (`client_id`, `scope`, …) are replaced when signing in.");
    }
    let url = |url: &Option<String>| match url {
        Some(url) => quote!(Some(#url)),
        None => quote!(None),
    };
    let (authorization, refresh) = (url(&flow.authorization_url), url(&flow.refresh_url));
    let token = &flow.token_url;
    let doc = doc.outer();
    quote! {
        #doc
        pub const #name: crate::oauth::Flow = crate::oauth::Flow {
            authorization_url: #authorization,
            token_url: Some(#token),
            refresh_url: #refresh,
        };
    }
}

fn scope_enum(scheme: &SecurityScheme, scopes: &ScopeEnum) -> TokenStream {
    let name = ident(&scopes.name);
    let doc = Doc::default().line(format!("The scopes of the {} scheme, to ask for when signing in.", code(&scheme.key))).outer();
    let variants = scopes.scopes.iter().map(|scope| {
        let variant = ident(&scope.variant);
        let doc = Doc::default().prose(Some(&scope.description)).line(code(&scope.name)).outer();
        quote!(#doc #variant)
    });
    let arms = scopes.scopes.iter().map(|scope| {
        let variant = ident(&scope.variant);
        let wire = &scope.name;
        quote!(Self::#variant => #wire)
    });
    quote! {
        #doc
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
        pub enum #name {
            #( #variants, )*
        }

        impl #name {
            /// The scope as the authorization server spells it.
            pub const fn as_str(self) -> &'static str {
                match self {
                    #( #arms, )*
                }
            }
        }

        impl AsRef<str> for #name {
            fn as_ref(&self) -> &str {
                self.as_str()
            }
        }
    }
}
