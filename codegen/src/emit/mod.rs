//! Stage 3: [`Api`] model → token streams, one per generated file. Pure functions of the model.

mod bodies;
pub(crate) mod builders;
mod client;
mod docs;
mod errors;
mod examples;
mod gates;
mod headers;
pub(crate) mod mocks;
mod params;
mod paths;
mod root;
mod sign_in;
mod types;
mod webhooks;

use std::ops::Range;

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::files::ApiFile;
use crate::model::{Api, TypeRef};

pub(crate) use examples::{collect as collect_examples, examples_test};
pub(crate) use paths::Paths;
pub(crate) use root::{CrateApi, cargo_toml, crate_root};

/// The files of every API's module, largest first.
const API_FILES: [ApiFile; 5] = [ApiFile::Types, ApiFile::Client, ApiFile::Builders, ApiFile::Errors, ApiFile::Root];

/// The files of one API's module: [`API_FILES`], `headers.rs` when answers document headers,
/// `webhooks.rs` when the API sends requests, and `mock.rs` when it has operations.
pub(crate) fn api_files(api: &Api) -> impl Iterator<Item = ApiFile> {
    let headers = headers::has_headers(api).then_some(ApiFile::Headers);
    let mock = mocks::has_mock(api).then_some(ApiFile::Mock);
    API_FILES.into_iter().chain(headers).chain((!api.webhooks.is_empty()).then_some(ApiFile::Webhooks)).chain(mock)
}

/// A share of one file's items that can be emitted and rendered on its own thread; a file's
/// parts, rendered in order and joined, are the file.
#[derive(Debug, Clone)]
pub(crate) struct Part {
    pub file: ApiFile,
    /// For `types.rs`: the types this part holds.
    pub types: Range<usize>,
    /// The part begins its file: it carries the header and the file's own attributes.
    pub opens_file: bool,
}

/// The parts of one API's module: `types.rs`, usually the largest file, in two halves.
pub(crate) fn api_parts(api: &Api) -> Vec<Part> {
    let (all, half) = (api.types.len(), api.types.len() / 2);
    let mut parts = vec![
        Part { file: ApiFile::Types, types: 0..half, opens_file: true },
        Part { file: ApiFile::Types, types: half..all, opens_file: false },
    ];
    parts.extend(api_files(api).skip(1).map(|file| Part { file, types: 0..0, opens_file: true }));
    parts
}

/// The tokens of one part; the first part of a file carries the file's own attributes.
pub(crate) fn api_part<'a>(api: &'a Api, part: &Part, spec_file: &str) -> Pieces<'a> {
    match part.file {
        ApiFile::Types => types::types_module(api, part.types.clone(), part.opens_file),
        file => api_file(api, file, spec_file),
    }
}

/// A file's tokens in pieces of a few items each, produced one at a time, so that rendering a
/// large spec never holds a whole file's tokens at once. The first piece may carry the file's
/// inner attributes.
pub(crate) type Pieces<'a> = Box<dyn Iterator<Item = TokenStream> + 'a>;

/// The tokens of one of [`api_files`].
pub(crate) fn api_file<'a>(api: &'a Api, file: ApiFile, spec_file: &str) -> Pieces<'a> {
    match file {
        ApiFile::Types => types::types_module(api, 0..api.types.len(), true),
        ApiFile::Client => client::client_module(api),
        ApiFile::Builders => builders::builders_module(api),
        ApiFile::Errors => errors::errors_module(api),
        ApiFile::Headers => headers::headers_module(api),
        ApiFile::Webhooks => webhooks::webhooks_module(api),
        ApiFile::Mock => mocks::mock_module(api),
        ApiFile::Root => Box::new(std::iter::once(root::api_root(api, spec_file))),
    }
}

/// The token streams of one API's module, whole.
pub(crate) fn api_module(api: &Api, spec_file: &str) -> Vec<(ApiFile, TokenStream)> {
    api_files(api).map(|file| (file, api_file(api, file, spec_file).collect())).collect()
}

/// `#[derive(…)]` of the std traits `names`, as the module that `paths` describes writes them.
pub(crate) fn derive(paths: &Paths, names: &[&str]) -> TokenStream {
    let names = names.iter().map(|n| paths.std(n));
    quote!(#[derive( #( #names ),* )])
}

/// An identifier, raw (`r#type`) where the model says so.
pub(crate) fn ident(name: &str) -> syn::Ident {
    match name.strip_prefix("r#") {
        Some(raw) => syn::Ident::new_raw(raw, proc_macro2::Span::call_site()),
        None => format_ident!("{}", name),
    }
}

/// The Rust type for a [`TypeRef`], as the module that `paths` describes writes it: named
/// types as `types::X` outside the `types` module, std items in full where the module hides them.
pub(crate) fn type_tokens(api: &Api, ty: &TypeRef, paths: &Paths) -> TokenStream {
    match ty {
        TypeRef::String => paths.std("String"),
        TypeRef::I32 => quote!(i32),
        TypeRef::I64 => quote!(i64),
        TypeRef::F32 => quote!(f32),
        TypeRef::F64 => quote!(f64),
        TypeRef::Bool => quote!(bool),
        TypeRef::DateTime => quote!(chrono::DateTime<chrono::Utc>),
        TypeRef::Date => quote!(chrono::NaiveDate),
        TypeRef::Uuid => quote!(uuid::Uuid),
        TypeRef::Binary => {
            let vec = paths.std("Vec");
            quote!(#vec<u8>)
        }
        TypeRef::Upload => quote!(crate::runtime::Upload),
        TypeRef::Json => quote!(serde_json::Value),
        TypeRef::JsonObject => {
            let string = paths.std("String");
            quote!(serde_json::Map<#string, serde_json::Value>)
        }
        TypeRef::Array(inner) => {
            let (vec, inner) = (paths.std("Vec"), type_tokens(api, inner, paths));
            quote!(#vec<#inner>)
        }
        TypeRef::Map(inner) => {
            let (string, inner) = (paths.std("String"), type_tokens(api, inner, paths));
            quote!(std::collections::BTreeMap<#string, #inner>)
        }
        TypeRef::Tuple(members) => {
            let members = members.iter().map(|m| type_tokens(api, m, paths));
            quote!((#( #members, )*))
        }
        TypeRef::Nullable(inner) => {
            let (option, inner) = (paths.std("Option"), type_tokens(api, inner, paths));
            quote!(#option<#inner>)
        }
        TypeRef::Named(id) => {
            let name = ident(&api.type_def(*id).name);
            let supers = std::iter::repeat_n(quote!(super::), paths.supers);
            if paths.qualified { quote!(#( #supers )* types::#name) } else { quote!(#name) }
        }
    }
}

/// Whether the type mentions a named type, so the `types` module must be in scope.
pub(crate) fn names_a_type(ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Named(_) => true,
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => names_a_type(inner),
        TypeRef::Tuple(members) => members.iter().any(names_a_type),
        _ => false,
    }
}
