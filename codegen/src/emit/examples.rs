//! Emits a test file per API that round-trips every example of its spec through the generated
//! types: schema `example`s, objects assembled from property `example`s, and request and
//! response `example`/`examples`. A new spec gets these checks without anyone writing them.

use proc_macro2::Literal;
use quote::quote;
use serde_json::{Map, Value};

use crate::emit::docs::code;
use crate::emit::{Paths, Pieces, ident, names_a_type, type_tokens};
use crate::model::{Api, TypeKind, TypeRef};
use crate::naming::{Scope, snake};

/// One example: a label saying where it is from, the type it should decode into, and the value.
pub(crate) struct Example {
    pub label: String,
    pub ty: TypeRef,
    pub value: Value,
}

/// Every example of the API, in a stable order: types first, then operations.
pub(crate) fn collect(api: &Api) -> Vec<Example> {
    let mut out = Vec::new();
    for (index, def) in api.types.iter().enumerate() {
        let ty = TypeRef::Named(crate::model::TypeId(index));
        if let Some(value) = &def.docs.example {
            out.push(Example {
                label: format!("{} schema example", def.name),
                ty: ty.clone(),
                value: value.clone(),
            });
        }
        for (n, value) in def.docs.more_examples.iter().enumerate() {
            let label = format!("{} schema example {}", def.name, n + 2);
            out.push(Example { label, ty: ty.clone(), value: value.clone() });
        }
        if let TypeKind::Struct(s) = &def.kind {
            let with_examples: Map<String, Value> =
                s.fields.iter().filter_map(|f| f.docs.example.as_ref().map(|v| (f.wire_name.clone(), v.clone()))).collect();
            let complete = s.fields.iter().all(|f| !f.required || with_examples.contains_key(&f.wire_name));
            if complete && !with_examples.is_empty() {
                let label = format!("{} property examples", def.name);
                out.push(Example { label, ty, value: Value::Object(with_examples) });
            }
        }
    }
    for op in &api.operations {
        if let Some(body) = &op.body {
            for (name, value) in &body.examples {
                let label = format!("{} request {name}", op.method_name);
                out.push(Example { label, ty: body.ty.clone(), value: value.clone() });
            }
        }
        for response in &op.responses {
            let Some(ty) = &response.body else { continue };
            for (name, value) in &response.examples {
                let label = format!("{} {} {name}", op.method_name, response.variant);
                out.push(Example { label, ty: ty.clone(), value: value.clone() });
            }
        }
    }
    for webhook in &api.webhooks {
        let Some(body) = &webhook.payload else { continue };
        for (name, value) in &body.examples {
            let label = format!("{} payload {name}", webhook.rust_name);
            out.push(Example { label, ty: body.ty.clone(), value: value.clone() });
        }
    }
    out
}

/// A raw string literal holding `text`, with enough `#`s that the text cannot end it.
fn raw_string(text: &str) -> Literal {
    let hashes = (1..).map(|n| "#".repeat(n)).find(|h| !text.contains(&format!("\"{h}"))).unwrap_or_default();
    format!("r{hashes}\"{text}\"{hashes}").parse().expect("a raw string literal always parses")
}

/// `tests/<module>_examples.rs`, or `None` when the spec has no examples.
pub(crate) fn examples_test<'a>(api: &'a Api, examples: &'a [Example], spec_file: &str) -> Option<Pieces<'a>> {
    if examples.is_empty() {
        return None;
    }
    let module = ident(&api.module);
    let feature = &api.module;
    let doc = format!(
        " Every example in {} ({} in all) decodes into its generated type and encodes back to the same JSON.",
        code(spec_file),
        examples.len()
    );
    let import = examples.iter().any(|e| names_a_type(&e.ty)).then(|| quote!(use generated::#module::types;));
    let mut names = Scope::default();
    let tests = examples.iter().map(move |example| {
        let name = ident(&names.claim(snake(&example.label)));
        // The test file's own items are snake-case functions: no std name is hidden.
        let ty = type_tokens(api, &example.ty, &Paths::plain(true));
        let label = &example.label;
        let json = raw_string(&serde_json::to_string_pretty(&example.value).unwrap_or_default());
        quote! {
            #[test]
            fn #name() {
                let json = #json;
                support::round_trip::<#ty>(#label, json);
            }
        }
    });
    let header = quote! {
        #![doc = #doc]
        #![cfg(feature = #feature)]

        mod support;

        #import
    };
    Some(Box::new(std::iter::once(header).chain(tests)))
}
