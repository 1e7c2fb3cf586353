//! Emits the `headers` module: a struct of the documented headers of each answer that has any,
//! read when the answer arrives (see `runtime/headers.rs`).

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::docs::{Doc, code};
use crate::emit::{Paths, Pieces, derive, gates, ident, names_a_type, type_tokens};
use crate::model::{Api, Headers, Operation};

/// Every header struct of the API with the operation and the answers it belongs to: the
/// success struct, then one per error answer.
pub(crate) fn header_structs(api: &Api) -> impl Iterator<Item = (&Operation, &Headers, String)> {
    api.operations.iter().flat_map(|op| {
        let success = op.success_headers.iter().map(move |h| (op, h, "a successful answer".to_owned()));
        let errors =
            op.error_responses().filter_map(move |r| r.headers.as_ref().map(|h| (op, h, format!("the `{}` answer", r.status.label()))));
        success.chain(errors)
    })
}

/// Whether the API has a `headers` module.
pub(crate) fn has_headers(api: &Api) -> bool {
    header_structs(api).next().is_some()
}

pub(crate) fn headers_module(api: &Api) -> Pieces<'_> {
    let needs_types = header_structs(api).flat_map(|(_, h, _)| &h.fields).any(|f| names_a_type(&f.ty));
    let import = (needs_types && !api.is_grouped()).then(|| {
        quote!(
            use super::types;
        )
    });
    let header = quote! {
        #![doc = " Per operation, the headers its spec documents for an answer, parsed by their schemas."]
        #import
    };
    let paths = Paths::new(true, header_structs(api).map(|(_, h, _)| h.name.as_str())).through_super(api.is_grouped());
    let structs = header_structs(api)
        .map(move |(op, h, answer)| gates::gated(&gates::cfg(api, &api.operation_gate(op)), header_struct(api, &paths, op, h, &answer)));
    Box::new(std::iter::once(header).chain(structs))
}

fn header_struct(api: &Api, paths: &Paths, op: &Operation, headers: &Headers, answer: &str) -> TokenStream {
    let name = ident(&headers.name);
    let doc =
        Doc::default().line(format!("The documented headers of {answer} of [`Client::{0}`](super::Client::{0}).", op.method_name)).outer();
    let option = paths.std("Option");
    let fields = headers.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let ty = type_tokens(api, &f.ty, paths);
        let ty = if f.required { ty } else { quote!(#option<#ty>) };
        let doc = Doc::default().line(code(&f.wire_name)).prose(f.description.as_deref()).outer();
        quote! { #doc pub #field: #ty, }
    });
    let reads = headers.fields.iter().map(|f| {
        let (field, wire) = (ident(&f.rust_name), &f.wire_name);
        if f.required {
            quote!(#field: crate::runtime::required_header(headers, #wire)?,)
        } else {
            quote!(#field: crate::runtime::header(headers, #wire)?,)
        }
    });
    let derive = derive(paths, &["Debug", "Clone", "PartialEq"]);
    let (result, ok) = (paths.std("Result"), paths.std("Ok"));
    quote! {
        #doc
        #derive
        pub struct #name {
            #( #fields )*
        }

        impl crate::runtime::FromHeaders for #name {
            fn from_headers(headers: &reqwest::header::HeaderMap) -> #result<Self, crate::runtime::HeaderError> {
                #ok(Self {
                    #( #reads )*
                })
            }
        }
    }
}
