//! Writes the conformance program: per operation, the calls through the `Client` method and
//! the builder's setters, each value decoded from synthesized JSON into its typed form first.

use openapiv3::{
    MediaType, OpenAPI, Operation as SpecOperation, Parameter, ParameterSchemaOrContent, PathItem, ReferenceOr, RequestBody, Schema,
};
use proc_macro2::{Literal, TokenStream};
use quote::quote;
use serde_json::Value;

use super::sample::{Fill, Sampler};
use crate::emit::builders::{Held, held};
use crate::emit::{Paths, ident, type_tokens};
use crate::lower::refs::resolve;
use crate::model::{Api, Body, Holding, MediaKind, Operation, Param, ParamLocation, SchemeKind, TypeKind, TypeRef};
use crate::naming::credential_setter;

/// The program's tokens, and the calls it makes: `(operation, variant)`.
pub(super) fn program(api: &Api, doc: &OpenAPI) -> (TokenStream, Vec<(String, &'static str)>) {
    let paths = Paths::new(true, std::iter::empty());
    let module = ident(&api.module);
    let credentials = api.security_schemes.iter().map(|s| {
        let setter = ident(&credential_setter(&s.rust_name));
        match s.kind {
            SchemeKind::Basic => quote!(.#setter("conformance", Some("secret".to_owned()))),
            _ => quote!(.#setter("conformance")),
        }
    });
    let mut calls = Vec::new();
    let mut made = Vec::new();
    for (op, spec_op) in api.operations.iter().zip(spec_operations(doc)) {
        let inputs = Inputs::of(doc, spec_op);
        let variants = [("minimal", Fill::Minimal), ("full", Fill::Full), ("examples", Fill::Examples)];
        let mut full = Vec::new();
        for (label, fill) in variants {
            let values = inputs.values(api, op, doc, fill);
            // The examples give nothing the full call does not: no third call.
            if fill == Fill::Examples && values == full {
                continue;
            }
            calls.push(call(api, &paths, op, label, &values));
            made.push((op.operation_id.clone().unwrap_or_else(|| op.method_name.clone()), label));
            if fill == Fill::Full {
                full = values;
            }
        }
    }
    let tokens = quote! {
        //! Calls every operation of the API through its typed client, and records each call's
        //! request and outcome (see `conformance_support/mod.rs`). Written by `cargo xtask conformance`.
        #![allow(unused_imports, clippy::all)]

        mod conformance_support;

        use conformance_support::{judge, value};
        use generated::#module::{self as api, types};

        #[tokio::main(flavor = "current_thread")]
        async fn main() {
            let mut run = conformance_support::Run::from_env();
            let client = api::Client::with_base_url(run.url())
                .with_middleware(run.middleware())
                .with_timeout(std::time::Duration::from_secs(30))
                #( #credentials )*;
            #( #calls )*
            run.finish();
        }
    };
    (tokens, made)
}

/// The spec's operations in the order lowering takes them, one per model operation.
fn spec_operations(doc: &OpenAPI) -> impl Iterator<Item = (&PathItem, &SpecOperation)> {
    doc.paths.paths.iter().filter_map(|(_, item)| item.as_item()).flat_map(|item| item.iter().map(move |(_, op)| (item, op)))
}

/// Where an operation's inputs are described: each parameter's schema and example, and the
/// body's.
struct Inputs<'a> {
    params: Vec<(&'a Parameter, Option<&'a ReferenceOr<Schema>>)>,
    body: Option<&'a RequestBody>,
}

impl<'a> Inputs<'a> {
    fn of(doc: &'a OpenAPI, (item, op): (&'a PathItem, &'a SpecOperation)) -> Self {
        let components = doc.components.as_ref();
        let parameter =
            |p: &'a ReferenceOr<Parameter>| resolve(p, "", "parameters", components.map(|c| &c.parameters)).ok().map(|(p, _)| p);
        let params = item
            .parameters
            .iter()
            .chain(&op.parameters)
            .filter_map(parameter)
            .map(|p| {
                let schema = match &p.parameter_data_ref().format {
                    ParameterSchemaOrContent::Schema(s) => Some(s),
                    ParameterSchemaOrContent::Content(c) => c.first().and_then(|(_, m)| m.schema.as_ref()),
                };
                (p, schema)
            })
            .collect();
        let bodies = components.map(|c| &c.request_bodies);
        let body = op.request_body.as_ref().and_then(|b| resolve(b, "", "requestBodies", bodies).ok().map(|(b, _)| b));
        Inputs { params, body }
    }

    /// The value of each input the call of `fill` sends, keyed `param:<name>` and `body`.
    fn values(&self, api: &Api, op: &Operation, doc: &OpenAPI, fill: Fill) -> Vec<(String, Value)> {
        let sampler = Sampler::new(doc, fill);
        let mut out = Vec::new();
        for p in &op.params {
            if !p.required && fill == Fill::Minimal {
                continue;
            }
            let spec = self.params.iter().rev().find(|(q, _)| {
                let data = q.parameter_data_ref();
                data.name == p.wire_name && location(q) == p.location
            });
            let example = spec.and_then(|(q, _)| example_of(&q.parameter_data_ref().example, &q.parameter_data_ref().examples));
            let value = match (spec, example) {
                (_, Some(example)) if fill == Fill::Examples => example,
                (Some((_, Some(schema))), _) => sampler.value(schema),
                _ => Value::String("value".to_owned()),
            };
            out.push((format!("param:{}", p.rust_name), fit(api, &p.ty, value)));
        }
        if let Some(body) = &op.body {
            if body.required || fill != Fill::Minimal {
                let media = self.body.and_then(|b| b.content.get(&body.content_type));
                let example = media.and_then(|m| example_of(&m.example, &m.examples));
                let value = match (media, example) {
                    (_, Some(example)) if fill == Fill::Examples && body.kind == MediaKind::Json => example,
                    (Some(MediaType { schema: Some(schema), .. }), _) => sampler.value(schema),
                    _ => Value::String("value".to_owned()),
                };
                out.push(("body".to_owned(), fit(api, &body.ty, value)));
            }
        }
        out
    }
}

fn location(p: &Parameter) -> ParamLocation {
    match p {
        Parameter::Path { .. } => ParamLocation::Path,
        Parameter::Query { .. } => ParamLocation::Query,
        Parameter::Header { .. } => ParamLocation::Header,
        Parameter::Cookie { .. } => ParamLocation::Cookie,
    }
}

fn example_of(example: &Option<Value>, examples: &indexmap::IndexMap<String, ReferenceOr<openapiv3::Example>>) -> Option<Value> {
    let listed = examples.values().find_map(|e| e.as_item().and_then(|e| e.value.clone()));
    example.clone().or(listed).filter(|v| !v.is_null())
}

/// A value the model's type can hold: a value of another JSON type is written as text where
/// the model says string (a spec whose `example` is a number for a string parameter).
fn fit(api: &Api, ty: &TypeRef, value: Value) -> Value {
    match (ty, value) {
        (TypeRef::String, Value::Number(n)) => Value::String(n.to_string()),
        (TypeRef::String, Value::Bool(b)) => Value::String(b.to_string()),
        // A parameter travels as text: its example is often written as text too (Twilio's
        // `example: "true"` for a boolean).
        (TypeRef::Bool | TypeRef::I32 | TypeRef::I64 | TypeRef::F32 | TypeRef::F64, Value::String(s)) => {
            serde_json::from_str::<Value>(&s).ok().filter(|v| v.is_boolean() || v.is_number()).unwrap_or(Value::String(s))
        }
        (TypeRef::Named(id), value) => match &api.type_def(*id).kind {
            TypeKind::Alias(inner) => fit(api, inner, value),
            _ => value,
        },
        (_, value) => value,
    }
}

/// `value::<T>("json")?`: a typed value from its JSON.
fn typed(api: &Api, paths: &Paths, ty: &TypeRef, value: &Value) -> TokenStream {
    let ty = type_tokens(api, ty, paths);
    let json = Literal::string(&value.to_string());
    quote!(value::<#ty>(#json)?)
}

/// One call, recorded under `label`.
fn call(api: &Api, paths: &Paths, op: &Operation, label: &str, values: &[(String, Value)]) -> TokenStream {
    let get = |key: &str| values.iter().find(|(k, _)| k == key).map(|(_, v)| v);
    let mut lets = Vec::new();
    let mut args = Vec::new();
    let mut setters = Vec::new();
    for p in &op.params {
        let Some(value) = get(&format!("param:{}", p.rust_name)) else { continue };
        let local = ident(&format!("p_{}", crate::naming::unraw(&p.rust_name)));
        let (owned, by_ref) = param_type(api, paths, p);
        let json = Literal::string(&value.to_string());
        lets.push(quote!(let #local: #owned = value(#json)?;));
        if p.required {
            args.push(if by_ref { quote!(&#local) } else { quote!(#local) });
        } else {
            let setter = ident(&p.rust_name);
            setters.push(quote!(.#setter(#local)));
        }
    }
    if let (Some(body), Some(value)) = (&op.body, get("body")) {
        let expr = body_value(api, paths, body, value);
        lets.push(quote!(let body = #expr;));
        let borrowed = matches!(body.kind, MediaKind::Json | MediaKind::Form);
        match body.required {
            true if borrowed => args.push(quote!(&body)),
            true => args.push(quote!(body)),
            false => setters.push(quote!(.body(body))),
        }
    }
    let method = ident(&op.method_name);
    let name = op.operation_id.clone().unwrap_or_else(|| op.method_name.clone());
    let (http, route) = (op.http_method.as_str(), &op.path);
    quote! {
        {
            let call = run.call(#name, #http, #route, #label);
            let outcome = async {
                #( #lets )*
                Ok(judge(client.#method(#( #args ),*) #( #setters )* .send().await))
            }
            .await;
            run.record(call, outcome);
        }
    }
}

/// The type a parameter's value is held in, and whether the `Client` method borrows it.
fn param_type(api: &Api, paths: &Paths, p: &Param) -> (TokenStream, bool) {
    match (held(&p.ty), &p.ty) {
        (Held::Str, _) => (quote!(String), true),
        (Held::Copied, ty) => (type_tokens(api, ty, paths), false),
        (Held::Slice, TypeRef::Array(inner)) => {
            let inner = type_tokens(api, inner, paths);
            (quote!(Vec<#inner>), true)
        }
        (_, ty) => (type_tokens(api, ty, paths), true),
    }
}

/// The expression of a body's value: typed JSON, text, bytes, or a multipart struct whose
/// file fields hold bytes.
fn body_value(api: &Api, paths: &Paths, body: &Body, value: &Value) -> TokenStream {
    match body.kind {
        MediaKind::Text | MediaKind::EventStream => {
            let text = match value {
                Value::String(s) => s.clone(),
                other => other.to_string(),
            };
            quote!(#text.to_owned())
        }
        MediaKind::Binary => quote!(generated::Upload::from(b"conformance".to_vec())),
        MediaKind::Multipart => multipart_value(api, paths, &body.ty, value),
        MediaKind::Json | MediaKind::Form => typed(api, paths, &body.ty, value),
    }
}

fn multipart_value(api: &Api, paths: &Paths, ty: &TypeRef, value: &Value) -> TokenStream {
    let TypeRef::Named(id) = ty else { return typed(api, paths, ty, value) };
    let TypeKind::Struct(s) = &api.type_def(*id).kind else { return typed(api, paths, ty, value) };
    let name = type_tokens(api, ty, paths);
    let fields = s.fields.iter().map(|f| {
        let field = ident(&f.rust_name);
        let member = value.get(&f.wire_name);
        let inner = match (&f.ty, member) {
            (_, None) if f.three_state() => return quote!(#field: generated::Nullable::Absent),
            (_, None) if f.optional() => return quote!(#field: None),
            (TypeRef::Upload, _) => quote!(generated::Upload::from(b"conformance".to_vec())),
            (TypeRef::Binary, _) => quote!(b"conformance".to_vec()),
            (TypeRef::Array(inner), _) if **inner == TypeRef::Upload => {
                quote!(vec![generated::Upload::from(b"conformance".to_vec())])
            }
            (ty, member) => typed(api, paths, ty, member.unwrap_or(&Value::Null)),
        };
        let inner = if f.boxed { quote!(Box::new(#inner)) } else { inner };
        match f.holding() {
            Holding::Value => quote!(#field: #inner),
            Holding::Option => quote!(#field: Some(#inner)),
            Holding::Nullable => quote!(#field: generated::Nullable::Value(#inner)),
        }
    });
    let rest = s.additional.as_ref().map(|_| {
        let taken = s.fields.iter().any(|f| f.rust_name == "additional_properties");
        let rest = ident(if taken { "additional_properties_" } else { "additional_properties" });
        quote!(, #rest: Default::default())
    });
    quote!(#name { #( #fields ),* #rest })
}
