//! Parameters on the wire, for the client's methods: argument types, text forms, and the
//! statements that put query, header and cookie parameters on a request.

use proc_macro2::TokenStream;
use quote::quote;

use crate::emit::ident;
use crate::model::{Api, Param, ParamLocation, QueryStyle, TypeKind, TypeRef};

/// Whether a type is a string enum, which travels as its `as_str()`.
pub(crate) fn is_enum(api: &Api, ty: &TypeRef) -> bool {
    matches!(ty, TypeRef::Named(id) if matches!(api.type_def(*id).kind, TypeKind::Enum(_)))
}

/// A parameter value as text: borrowed where the value already is a string, owned otherwise.
pub(crate) enum Text {
    /// An expression of type `&str`.
    Borrowed(TokenStream),
    /// An expression of type `String`.
    Owned(TokenStream),
}

impl Text {
    /// As a `&str` argument.
    pub(crate) fn as_str(&self) -> TokenStream {
        match self {
            Text::Borrowed(e) => e.clone(),
            Text::Owned(e) => quote!(&#e),
        }
    }

    /// As a value reqwest and `format!` take either way.
    fn value(&self) -> TokenStream {
        match self {
            Text::Borrowed(e) | Text::Owned(e) => e.clone(),
        }
    }

    fn into_owned(self) -> TokenStream {
        match self {
            Text::Borrowed(e) => quote!(#e.to_owned()),
            Text::Owned(e) => e,
        }
    }
}

/// Whether a value's text is its JSON (`crate::runtime::to_text`), as [`text_of`] writes what
/// has no text of its own.
pub(crate) fn is_json_text(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::Binary | TypeRef::Json | TypeRef::JsonObject | TypeRef::Tuple(_) | TypeRef::Map(_) | TypeRef::Nullable(_) => true,
        TypeRef::Named(_) => !is_enum(api, ty),
        _ => false,
    }
}

/// The text of a parameter value `value` (a reference, or a copy of a number).
pub(crate) fn text_of(api: &Api, ty: &TypeRef, value: &TokenStream) -> Text {
    match ty {
        TypeRef::String => Text::Borrowed(quote!(#value)),
        _ if is_enum(api, ty) => Text::Borrowed(quote!(#value.as_str())),
        TypeRef::Array(inner) => Text::Owned(joined(api, inner, value, ",")),
        TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool | TypeRef::Date | TypeRef::Uuid => {
            Text::Owned(quote!(#value.to_string()))
        }
        TypeRef::DateTime => Text::Owned(quote!(#value.to_rfc3339())),
        _ => Text::Owned(quote!(crate::runtime::to_text(#value))),
    }
}

/// The items of an array parameter as text, joined by `separator` (OpenAPI's unexploded styles).
fn joined(api: &Api, inner: &TypeRef, value: &TokenStream, separator: &str) -> TokenStream {
    // Items written as JSON map by the function's name: a closure that only calls it is
    // clippy's `redundant_closure`.
    let item = if is_json_text(api, inner) {
        quote!(crate::runtime::to_text)
    } else {
        let item = text_of(api, inner, &quote!(item)).into_owned();
        quote!(|item| #item)
    };
    quote!(#value.iter().map(#item).collect::<Vec<_>>().join(#separator))
}

/// Whether a value has members, which the exploded `form` style writes as `key=value` pairs.
pub(crate) fn has_members(api: &Api, ty: &TypeRef) -> bool {
    match ty {
        TypeRef::JsonObject | TypeRef::Map(_) => true,
        TypeRef::Named(id) => match &api.type_def(*id).kind {
            TypeKind::Struct(_) => true,
            TypeKind::Alias(inner) => has_members(api, inner),
            // A union of objects (Intercom's `filter: oneOf [{user_id}, {email}]`).
            TypeKind::OneOf(o) => o.variants.iter().any(|v| has_members(api, &v.ty)),
            TypeKind::Enum(_) => false,
        },
        _ => false,
    }
}

/// Adds a query parameter in its style.
fn query_step(api: &Api, p: &Param) -> TokenStream {
    let wire = &p.wire_name;
    let value = quote!(value);
    match (&p.ty, p.style) {
        // Items without text of their own (objects, unions): OpenAPI leaves them undefined, and
        // APIs that take them (Box's `mdfilters`) read the whole array as one JSON value.
        (TypeRef::Array(inner), QueryStyle::Form) if is_json_text(api, inner) || matches!(**inner, TypeRef::Array(_)) => {
            quote!(request = request.query(&[(#wire, crate::runtime::to_text(value))]);)
        }
        (TypeRef::Array(inner), QueryStyle::Form) => {
            let item = if is_enum(api, inner) { quote!(item.as_str()) } else { quote!(item) };
            quote!(request = request.query(&value.iter().map(|item| (#wire, #item)).collect::<Vec<_>>());)
        }
        (TypeRef::Array(inner), style) => {
            let separator = match style {
                QueryStyle::SpaceDelimited => " ",
                QueryStyle::PipeDelimited => "|",
                _ => ",",
            };
            let text = joined(api, inner, &value, separator);
            quote!(request = request.query(&[(#wire, #text)]);)
        }
        (_, QueryStyle::DeepObject) => quote!(request = request.query(&crate::runtime::deep_object(#wire, value));),
        (ty, QueryStyle::Form) if has_members(api, ty) => quote!(request = request.query(&crate::runtime::form_members(#wire, value));),
        (ty, _) if is_enum(api, ty) => quote!(request = request.query(&[(#wire, value.as_str())]);),
        (ty, _) if has_members(api, ty) || *ty == TypeRef::Json => {
            quote!(request = request.query(&[(#wire, crate::runtime::to_text(value))]);)
        }
        _ => quote!(request = request.query(&[(#wire, value)]);),
    }
}

/// Adds a query, header or cookie parameter to `request`; path parameters are in the URL.
pub(crate) fn param_step(api: &Api, p: &Param) -> Option<TokenStream> {
    let name = ident(&p.rust_name);
    let wire = &p.wire_name;
    let value = quote!(value);
    let add = match p.location {
        ParamLocation::Path => return None,
        ParamLocation::Query => query_step(api, p),
        ParamLocation::Header => {
            let text = text_of(api, &p.ty, &value).value();
            quote!(request = request.header(#wire, #text);)
        }
        ParamLocation::Cookie => {
            // `cookie` takes what implements `Display` as it is, without a `to_string()` first,
            // and percent-encodes what a cookie value cannot hold.
            let text = match &p.ty {
                TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64 | TypeRef::Bool | TypeRef::Date | TypeRef::Uuid => value,
                ty => text_of(api, ty, &value).value(),
            };
            quote!(request = request.header(reqwest::header::COOKIE, crate::runtime::cookie(#wire, #text));)
        }
    };
    Some(if p.required {
        quote! { let value = #name; #add }
    } else {
        quote! { if let Some(value) = #name { #add } }
    })
}
