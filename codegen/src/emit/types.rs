//! Emits the `types` module: one item per [`TypeDef`].

use proc_macro2::TokenStream;
use quote::{format_ident, quote};

use crate::emit::docs::{Doc, code};
use crate::emit::{Paths, Pieces, derive, gates, ident, type_tokens};
use crate::model::{Api, Docs, Field, OneOf, StringEnum, Struct, TypeDef, TypeKind, TypeRef};

/// The `types` module, or the share of it holding the types in `range`; `opens_file` adds the
/// module's own docs.
pub(crate) fn types_module(api: &Api, range: std::ops::Range<usize>, opens_file: bool) -> Pieces<'_> {
    let header = opens_file.then(|| quote!(#![doc = " Data types of the API, from its schemas."]));
    // A schema may be called `Option` or `From`: the module's every type is one of its names.
    let paths = Paths::new(false, api.types.iter().map(|def| def.name.as_str()));
    let gates = api.type_gates();
    let defs = range.map(move |i| gates::gated(&gates::cfg(api, &gates[i]), type_def(api, &api.types[i], &paths)));
    Box::new(header.into_iter().chain(defs))
}

fn type_docs(docs: &Docs) -> Doc {
    Doc::default()
        .prose(docs.title.as_deref())
        .prose(docs.description.as_deref())
        .example(docs.example.as_ref())
        .default_value(docs.default.as_ref())
}

fn type_def(api: &Api, def: &TypeDef, paths: &Paths) -> TokenStream {
    let name = ident(&def.name);
    let doc = type_docs(&def.docs);
    // A schema that says nothing of itself is described by where it is, with its pointer.
    let from = format!("From {}.", code(&format!("#{}", def.pointer)));
    let doc = match def.origin() {
        _ if !doc.is_empty() => doc,
        Some(origin) => Doc::default().line(origin).line(from),
        None => Doc::default().line(from),
    };
    let doc = doc.outer();
    match &def.kind {
        TypeKind::Struct(s) => struct_def(api, paths, &name, doc, s),
        TypeKind::Enum(e) => enum_def(paths, &name, doc, e),
        TypeKind::OneOf(o) => one_of_def(api, paths, &name, doc, o),
        TypeKind::Alias(ty) => {
            let ty = type_tokens(api, ty, paths);
            quote! { #doc pub type #name = #ty; }
        }
    }
}

fn struct_def(api: &Api, paths: &Paths, name: &syn::Ident, doc: TokenStream, s: &Struct) -> TokenStream {
    // `Serialize` and `Deserialize` are written out, not derived: serde's derives were most of
    // the generated crate's `cargo check` time.
    let derive = if s.all_optional() {
        derive(paths, &["Debug", "Clone", "PartialEq", "Default"])
    } else {
        derive(paths, &["Debug", "Clone", "PartialEq"])
    };
    let fields = s.fields.iter().map(|f| field(api, paths, f));
    let taken = |n: &str| s.fields.iter().any(|f| f.rust_name == n);
    let rest_name = ident(if taken("additional_properties") { "additional_properties_" } else { "additional_properties" });
    let additional = s.additional.as_ref().map(|ty| {
        let (string, ty) = (paths.std("String"), type_tokens(api, ty, paths));
        quote! {
            #[doc = " Members beyond the fields above."]
            pub #rest_name: std::collections::BTreeMap<#string, #ty>,
        }
    });
    let encode = encode_struct(paths, name, s, &rest_name);
    let decode = decode_struct(api, paths, name, s, &rest_name);
    quote! {
        #doc
        #derive
        pub struct #name {
            #( #fields )*
            #additional
        }

        #encode
        #decode
    }
}

/// The struct's `Serialize`, through the runtime's `StructEncoder`: one call per field, in
/// order; an absent optional field is left out, a required nullable one is sent as `null`.
fn encode_struct(paths: &Paths, name: &syn::Ident, s: &Struct, rest_name: &syn::Ident) -> TokenStream {
    let fields = s.fields.iter().map(|f| {
        let (field, wire) = (ident(&f.rust_name), &f.wire_name);
        if f.required {
            quote!(.field(#wire, &self.#field))
        } else if f.nullable {
            quote!(.nullable(#wire, &self.#field))
        } else {
            quote!(.optional(#wire, &self.#field))
        }
    });
    let rest = s.additional.as_ref().map(|_| quote!(.rest(&self.#rest_name)));
    let (result, ser) = (paths.std("Result"), &paths.serializer);
    quote! {
        impl serde::Serialize for #name {
            fn serialize<#ser: serde::Serializer>(&self, serializer: #ser) -> #result<#ser::Ok, #ser::Error> {
                crate::runtime::struct_encoder(serializer) #( #fields )* #rest .end()
            }
        }
    }
}

/// `base`, or `base_`, `base__`…: a local of the struct's decoder that no field's local is.
fn free_local(s: &Struct, rest_name: &syn::Ident, base: &str) -> syn::Ident {
    let taken = |n: &str| s.fields.iter().any(|f| f.rust_name == n) || rest_name == n;
    let name = (0..).map(|n| format!("{base}{}", "_".repeat(n))).find(|n| !taken(n));
    ident(&name.expect("an unbounded search always finds a free name"))
}

/// The struct's `Deserialize`, through the runtime's `DecodeStruct` (see `runtime/de.rs`): a
/// local per field, filled as its member goes by, so members decode straight from the input.
/// Every line per field costs `cargo check` time in a crate of hundreds of structs, so there
/// are few: a local, a slot, and for a required field a pattern.
fn decode_struct(api: &Api, paths: &Paths, name: &syn::Ident, s: &Struct, rest_name: &syn::Ident) -> TokenStream {
    let type_name = name.to_string();
    let map = free_local(s, rest_name, "map");
    // Untyped: the field types are known from `Self { … }` below, and writing them again made
    // `cargo check` slower, not faster.
    let none = paths.std("None");
    let empty = |f: &Field| if f.three_state() { quote!(crate::Nullable::Absent) } else { none.clone() };
    let locals: Vec<_> = s.fields.iter().map(|f| ident(&f.rust_name)).collect();
    let declare = match (locals.as_slice(), s.fields.as_slice()) {
        ([], _) => quote!(),
        ([local], [f]) => {
            let empty = empty(f);
            quote!(let mut #local = #empty;)
        }
        _ => {
            let empties = s.fields.iter().map(empty);
            quote!(let (#( mut #locals ),*) = (#( #empties ),*);)
        }
    };
    // `f32`s refuse numbers beyond their range, which serde would make infinity; integers and
    // date-times take what the decoding policy allows (see `Api::reads_leniently`). A field
    // whose type can hold `null` keeps it as its value, where an `Option` local would take it for
    // no value: an optional one is then `None` only when absent.
    let slot = |f: &Field| {
        let (local, wire) = (ident(&f.rust_name), &f.wire_name);
        if f.ty == TypeRef::F32 && !f.boxed {
            quote!((#wire, &mut crate::runtime::Float(&mut #local)))
        } else if api.reads_leniently(&f.ty) {
            quote!((#wire, &mut crate::runtime::Lenient(&mut #local)))
        } else if !f.three_state() && holds_null(api, &f.ty) {
            quote!((#wire, &mut crate::runtime::Present(&mut #local)))
        } else {
            quote!((#wire, &mut #local))
        }
    };
    let (required, optional): (Vec<&Field>, Vec<&Field>) = s.fields.iter().partition(|f| !f.optional());
    let (required_slots, optional_slots) = (required.iter().map(|f| slot(f)), optional.iter().map(|f| slot(f)));
    let read = match s.additional {
        Some(_) => quote! {
            crate::runtime::members(#map, #type_name)
                .read_with_rest(&mut [#( #required_slots ),*], &mut [#( #optional_slots ),*], crate::runtime::Rest(&mut #rest_name))
        },
        None => quote! {
            crate::runtime::members(#map, #type_name).read(&mut [#( #required_slots ),*], &mut [#( #optional_slots ),*])
        },
    };
    let rest_local = s.additional.as_ref().map(|_| quote!(let mut #rest_name = std::collections::BTreeMap::new();));
    let rest_field = s.additional.as_ref().map(|_| rest_name);
    let (result, ok, err, some) = (paths.std("Result"), paths.std("Ok"), paths.std("Err"), paths.std("Some"));
    let a = &paths.map_access;
    let build = quote!(#ok(Self { #( #locals, )* #rest_field }));
    // One `match` on what `read` gave, with no `?` or early return: cheaper to check (see
    // `unfilled`). `read` has refused an object without a required field, so the last arm
    // only ever passes its error on.
    let filled: Vec<_> = required.iter().map(|f| ident(&f.rust_name)).collect();
    let finish = if filled.is_empty() {
        quote! {
            match #read {
                #ok(()) => #build,
                #err(e) => #err(e),
            }
        }
    } else {
        let outcome = free_local(s, rest_name, "read");
        quote! {
            let #outcome = #read;
            match (#outcome, #( #filled ),*) {
                (#ok(()), #( #some(#filled) ),*) => #build,
                (#outcome, ..) => #err(crate::runtime::unfilled(#outcome, #type_name)),
            }
        }
    };
    quote! {
        impl crate::runtime::DecodeStruct for #name {
            fn decode<'de, #a: serde::de::MapAccess<'de>>(#map: #a) -> #result<Self, #a::Error> {
                #declare
                #rest_local
                #finish
            }
        }

        crate::runtime::deserialize_struct!(#name);
    }
}

/// Whether `null` is a value of `ty`: any JSON value, or an alias or union of one.
fn holds_null(api: &Api, ty: &TypeRef) -> bool {
    // Unions can refer back to themselves: each named type is looked at once.
    let mut seen = std::collections::BTreeSet::new();
    let mut pending = vec![ty];
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Json | TypeRef::Nullable(_) => return true,
            TypeRef::Named(id) if seen.insert(id.0) => match &api.type_def(*id).kind {
                TypeKind::Alias(inner) => pending.push(inner),
                TypeKind::OneOf(o) => pending.extend(o.variants.iter().map(|v| &v.ty)),
                TypeKind::Struct(_) | TypeKind::Enum(_) => {}
            },
            _ => {}
        }
    }
    false
}

/// A field's type: boxed where the model says, in a `Nullable` when it may be absent and may be
/// `null`, else in an `Option` when it may be either.
fn field_type(api: &Api, paths: &Paths, f: &Field) -> TokenStream {
    let mut ty = type_tokens(api, &f.ty, paths);
    if f.boxed {
        let boxed = paths.std("Box");
        ty = quote!(#boxed<#ty>);
    }
    if f.three_state() {
        ty = quote!(crate::Nullable<#ty>);
    } else if f.optional() {
        let option = paths.std("Option");
        ty = quote!(#option<#ty>);
    }
    ty
}

fn field(api: &Api, paths: &Paths, f: &Field) -> TokenStream {
    let name = ident(&f.rust_name);
    let ty = field_type(api, paths, f);
    let doc = type_docs(&f.docs).outer();
    quote! {
        #doc
        pub #name: #ty,
    }
}

/// The `Display`, `Serialize` and `Deserialize` impls of a string enum; `decode` is the body of
/// `deserialize`.
fn string_impls(paths: &Paths, name: &syn::Ident, decode: TokenStream) -> TokenStream {
    let (result, d, s) = (paths.std("Result"), &paths.deserializer, &paths.serializer);
    quote! {
        impl std::fmt::Display for #name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl serde::Serialize for #name {
            fn serialize<#s: serde::Serializer>(&self, serializer: #s) -> #result<#s::Ok, #s::Error> {
                serializer.serialize_str(self.as_str())
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<#d: serde::Deserializer<'de>>(deserializer: #d) -> #result<Self, #d::Error> {
                #decode
            }
        }
    }
}

fn enum_def(paths: &Paths, name: &syn::Ident, doc: TokenStream, e: &StringEnum) -> TokenStream {
    let variants: Vec<_> = e.variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let wires: Vec<_> = e.variants.iter().map(|v| v.wire_name.as_str()).collect();
    let variant_docs = wires.iter().map(|w| format!(" {}", code(w)));
    let Some(catch_all) = &e.catch_all else { return closed_enum_def(paths, name, doc, &variants, &wires) };
    let other = format_ident!("{}", catch_all);
    let (string, from, option, some, none) =
        (paths.std("String"), paths.std("From"), paths.std("Option"), paths.std("Some"), paths.std("None"));
    let (result, ok) = (paths.std("Result"), paths.std("Ok"));
    let derive = derive(paths, &["Debug", "Clone", "PartialEq", "Eq", "Hash"]);
    // The wire strings are written once, in `as_str`: `known` looks for the value among `KNOWN`.
    let count = proc_macro2::Literal::usize_unsuffixed(variants.len());
    let decode = quote!(crate::runtime::known_or(deserializer, Self::known, Self::#other));
    let impls = string_impls(paths, name, decode);
    quote! {
        #doc
        #derive
        pub enum #name {
            #( #[doc = #variant_docs] #variants, )*
            #[doc = " A value the spec does not list, kept as sent so that newer servers do not break this client."]
            #other(#string),
        }

        impl #name {
            /// Every value the spec lists.
            pub const KNOWN: [Self; #count] = [#( Self::#variants ),*];

            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &str {
                match self {
                    #( Self::#variants => #wires, )*
                    Self::#other(value) => value,
                }
            }

            /// The variant of a value the spec lists; `None` for any other.
            pub fn known(value: &str) -> #option<Self> {
                crate::runtime::listed(value, Self::KNOWN, Self::as_str)
            }
        }

        impl #from<#string> for #name {
            fn from(value: #string) -> Self {
                match Self::known(&value) {
                    #some(known) => known,
                    #none => Self::#other(value),
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = std::convert::Infallible;

            fn from_str(value: &str) -> #result<Self, std::convert::Infallible> {
                #ok(match Self::known(value) {
                    #some(known) => known,
                    #none => Self::#other(value.to_owned()),
                })
            }
        }

        #impls
    }
}

/// An enum of the listed values only (a JSON Schema `const` is one): another value does not
/// decode, which is what lets a `const` tag tell union members apart. Its wire strings are
/// written once, in `as_str`; parsing (`FromStr`) looks for the value among `KNOWN`.
fn closed_enum_def(paths: &Paths, name: &syn::Ident, doc: TokenStream, variants: &[syn::Ident], wires: &[&str]) -> TokenStream {
    let variant_docs = wires.iter().map(|w| format!(" {}", code(w)));
    // A single value is the only one there is: it is the default.
    let (derive, first) = if variants.len() == 1 {
        (derive(paths, &["Debug", "Clone", "Copy", "PartialEq", "Eq", "Hash", "Default"]), quote!(#[default]))
    } else {
        (derive(paths, &["Debug", "Clone", "Copy", "PartialEq", "Eq", "Hash"]), quote!())
    };
    let rest = &variants[1..];
    let first_variant = &variants[0];
    let (first_doc, rest_docs) = {
        let mut docs = variant_docs;
        (docs.next(), docs.collect::<Vec<_>>())
    };
    let count = proc_macro2::Literal::usize_unsuffixed(variants.len());
    let result = paths.std("Result");
    let decode = quote!(crate::runtime::parsed(deserializer));
    let impls = string_impls(paths, name, decode);
    quote! {
        #doc
        #derive
        pub enum #name {
            #[doc = #first_doc]
            #first
            #first_variant,
            #( #[doc = #rest_docs] #rest, )*
        }

        impl #name {
            /// Every value there is.
            pub const KNOWN: [Self; #count] = [#( Self::#variants ),*];

            /// The value as it travels on the wire.
            pub fn as_str(&self) -> &'static str {
                match self {
                    #( Self::#variants => #wires, )*
                }
            }
        }

        impl std::str::FromStr for #name {
            type Err = crate::UnlistedValue;

            fn from_str(value: &str) -> #result<Self, crate::UnlistedValue> {
                Self::KNOWN
                    .into_iter()
                    .find(|known| known.as_str() == value)
                    .ok_or_else(|| crate::UnlistedValue::new(value, &Self::KNOWN.map(|known| known.as_str())))
            }
        }

        #impls
    }
}

fn one_of_def(api: &Api, paths: &Paths, name: &syn::Ident, doc: TokenStream, o: &OneOf) -> TokenStream {
    let variants: Vec<_> = o.variants.iter().map(|v| format_ident!("{}", v.rust_name)).collect();
    let boxed = paths.std("Box");
    let types = o.variants.iter().map(|v| {
        let ty = type_tokens(api, &v.ty, paths);
        if v.boxed { quote!(#boxed<#ty>) } else { ty }
    });
    let wraps: Vec<TokenStream> = o
        .variants
        .iter()
        .zip(&variants)
        .map(|(v, variant)| if v.boxed { quote!(|value| Self::#variant(#boxed::new(value))) } else { quote!(Self::#variant) })
        .collect();
    let (result, ok, err, some, d) = (paths.std("Result"), paths.std("Ok"), paths.std("Err"), paths.std("Some"), &paths.deserializer);
    let catch_all = o.catch_all.as_ref().map(|c| format_ident!("{}", c));
    // Encoding writes the variant as it is (a tagged variant's type carries the tag itself);
    // decoding reads a JSON value and picks the variant by tag, or tries each in turn as
    // `#[serde(untagged)]` would, without its derive. It does so in `from_json`, which is not
    // generic over the deserializer and so is checked once, not in serde's generic context.
    let (how, decode) = match &o.discriminator {
        Some(property) => {
            let tags: Vec<&str> = o.variants.iter().map(|v| v.tag.as_deref().unwrap_or_default()).collect();
            let unknown_tag = match &catch_all {
                Some(unknown) => quote!(_ => #ok(Self::#unknown(value)),),
                None => quote!(other => #err(serde::de::Error::unknown_variant(other, &[#( #tags ),*])),),
            };
            let how = format!(" Chosen by the {} property.", code(property));
            let decode = quote! {
                match crate::runtime::discriminator(&value, #property).map_err(serde::de::Error::custom)? {
                    #( #tags => serde_json::from_value(value).map(#wraps), )*
                    #unknown_tag
                }
            };
            (how, decode)
        }
        None => {
            let tries = o.variants.iter().zip(&variants).map(|(v, variant)| {
                let ty = type_tokens(api, &v.ty, paths);
                let make = if v.boxed { quote!(Self::#variant(#boxed::new(value))) } else { quote!(Self::#variant(value)) };
                quote! {
                    if let #some(value) = crate::runtime::try_as::<#ty>(&value) {
                        return #ok(#make);
                    }
                }
            });
            let type_name = name.to_string();
            let none_fits = match &catch_all {
                Some(unknown) => quote!(#ok(Self::#unknown(value))),
                None => quote!(#err(crate::runtime::no_variant(#type_name))),
            };
            let decode = quote! {
                #( #tries )*
                #none_fits
            };
            (" The first alternative that fits is taken.".to_owned(), decode)
        }
    };
    let derive = derive(paths, &["Debug", "Clone", "PartialEq"]);
    let s = &paths.serializer;
    let (unknown_variant, unknown_encode, unknown_how) = match &catch_all {
        Some(unknown) => (
            quote! {
                /// An alternative this client does not know (the API added it after the spec it
                /// was generated from), as the JSON received; sent back, it is that same JSON.
                #unknown(serde_json::Value),
            },
            quote!(Self::#unknown(value) => serde::Serialize::serialize(value, serializer),),
            format!(" Read from answers: an alternative the spec does not list is kept in [`{unknown}`](Self::{unknown})."),
        ),
        None => (TokenStream::new(), TokenStream::new(), String::new()),
    };
    let how = format!("{how}{unknown_how}");
    quote! {
        #doc
        #[doc = ""]
        #[doc = #how]
        #derive
        pub enum #name {
            #( #variants(#types), )*
            #unknown_variant
        }

        impl serde::Serialize for #name {
            fn serialize<#s: serde::Serializer>(&self, serializer: #s) -> #result<#s::Ok, #s::Error> {
                match self {
                    #( Self::#variants(value) => serde::Serialize::serialize(value, serializer), )*
                    #unknown_encode
                }
            }
        }

        impl #name {
            fn from_json(value: serde_json::Value) -> #result<Self, serde_json::Error> {
                #decode
            }
        }

        impl<'de> serde::Deserialize<'de> for #name {
            fn deserialize<#d: serde::Deserializer<'de>>(deserializer: #d) -> #result<Self, #d::Error> {
                crate::runtime::decode_union(deserializer, Self::from_json)
            }
        }
    }
}
