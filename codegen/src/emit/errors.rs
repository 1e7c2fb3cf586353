//! Emits the `errors` module: per operation, an enum of its documented error answers.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::Doc;
use crate::emit::{Paths, Pieces, derive, gates, ident, names_a_type};
use crate::model::{Api, Operation};

pub(crate) fn errors_module(api: &Api) -> Pieces<'_> {
    let needs_types = api.operations.iter().flat_map(Operation::error_responses).filter_map(|r| r.body.as_ref()).any(names_a_type);
    // A grouped API's items name types through `super::types`: an import would go unused in a
    // build of groups that need none.
    let import = (needs_types && !api.is_grouped()).then(|| {
        quote!(
            use super::types;
        )
    });
    let header = quote! {
        #![doc = " Per operation, the error answers its spec documents, each with its typed body."]
        #import
    };
    let paths = Paths::new(true, api.operations.iter().map(|op| op.error_name.as_str())).through_super(api.is_grouped());
    let enums = api.operations.iter().map(move |op| gates::gated(&gates::cfg(api, &api.operation_gate(op)), error_enum(api, &paths, op)));
    Box::new(std::iter::once(header).chain(enums))
}

fn error_enum(api: &Api, paths: &Paths, op: &Operation) -> TokenStream {
    let name = ident(&op.error_name);
    let doc = Doc::default().line(format!("Documented error answers of [`Client::{0}`](super::Client::{0}).", op.method_name)).outer();
    let variants = op.error_responses().map(|r| {
        let variant = ident(&r.variant);
        let doc = Doc::default().line(format!("`{}`", r.status.label())).prose(Some(&r.description)).outer();
        let body = r.body.as_ref().map(|ty| {
            let ty = crate::emit::bodies::response_type(api, ty, r.kind, paths);
            let boxed = paths.std("Box");
            if r.boxed { quote!(#boxed<#ty>) } else { ty }
        });
        match (body, &r.headers) {
            (Some(body), Some(headers)) => {
                let headers = ident(&headers.name);
                quote! { #doc #variant { body: #body, headers: super::headers::#headers }, }
            }
            (None, Some(headers)) => {
                let headers = ident(&headers.name);
                quote! { #doc #variant { headers: super::headers::#headers }, }
            }
            (Some(body), None) => quote! { #doc #variant(#body), },
            (None, None) => quote! { #doc #variant, },
        }
    });
    let derive = derive(paths, &["Debug", "Clone", "PartialEq"]);
    quote! {
        #doc
        #derive
        pub enum #name {
            #( #variants )*
        }
    }
}
