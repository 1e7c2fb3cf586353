//! Vendor slips that generation can work around are located warnings, not errors: the rest of
//! the spec is still generated, typed as before.

use codegen::model::{Api, SchemeId, TypeKind, TypeRef};
use codegen::{SpecFile, Warning, load_model_warned};

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

fn warned(text: &str) -> (Api, Vec<Warning>) {
    load_model_warned(SpecFile::new("specs/slips.yaml", text)).unwrap_or_else(|e| panic!("{e}"))
}

fn field_type(api: &Api, type_name: &str, field: &str) -> TypeRef {
    let mut def = api.types.iter().find(|t| t.name == type_name).unwrap_or_else(|| panic!("no type {type_name}"));
    while let TypeKind::Alias(TypeRef::Named(id)) = &def.kind {
        def = api.type_def(*id);
    }
    let TypeKind::Struct(s) = &def.kind else { panic!("{type_name} is not a struct") };
    s.fields.iter().find(|f| f.wire_name == field).map(|f| f.ty.clone()).unwrap_or_else(|| panic!("no field {field}"))
}

#[test]
fn a_dangling_schema_ref_is_a_json_value_there_only() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties:\n        b: {{$ref: '#/components/schemas/B'}}\n        c: {{type: string}}\n"
    );
    let (api, warnings) = warned(&text);
    assert_eq!(warnings.len(), 1);
    let w = &warnings[0];
    assert_eq!((w.file.as_str(), w.pointer.as_str(), w.line), ("specs/slips.yaml", "/components/schemas/A/properties/b/$ref", Some(9)));
    assert!(w.to_string().starts_with("specs/slips.yaml:9: at /components/schemas/A/properties/b/$ref: `$ref: #/components/schemas/B` points at nothing; typed as `serde_json::Value` here"), "{w}");
    assert_eq!(field_type(&api, "A", "b"), TypeRef::Json);
    assert_eq!(field_type(&api, "A", "c"), TypeRef::String);
}

#[test]
fn a_dangling_response_ref_keeps_the_status_without_a_body() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200': {{description: ok, content: {{application/json: {{schema: {{type: string}}}}}}}}\n        '404': {{$ref: '#/components/responses/Gone'}}\n"
    );
    let (api, warnings) = warned(&text);
    assert_eq!((warnings[0].pointer.as_str(), warnings[0].line), ("/paths/~1a/get/responses/404/$ref", Some(8)));
    let op = &api.operations[0];
    assert_eq!(op.success, Some(TypeRef::String));
    let gone = op.responses.iter().find(|r| r.variant == "NotFound").expect("404 kept");
    assert_eq!(gone.body, None);
}

#[test]
fn an_undefined_security_scheme_is_dropped_from_the_requirement() {
    let text = format!(
        "{HEAD}security: [{{nope: [], key: []}}]\npaths:\n  /a:\n    get: {{responses: {{'204': {{description: ok}}}}}}\ncomponents:\n  securitySchemes:\n    key: {{type: apiKey, in: header, name: X-Key}}\n"
    );
    let (api, warnings) = warned(&text);
    assert_eq!(warnings.len(), 1);
    assert_eq!((warnings[0].pointer.as_str(), warnings[0].line), ("/security/0/nope", Some(3)));
    assert!(warnings[0].message.contains("`nope` is not defined"), "{}", warnings[0]);
    assert_eq!(api.operations[0].security, vec![vec![SchemeId(0)]], "the defined scheme still applies");
}

#[test]
fn not_is_ignored_and_the_type_kept() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      type: object\n      properties: {{x: {{type: string}}}}\n      not: {{required: [x]}}\n    B:\n      not: {{type: string}}\n"
    );
    let (api, warnings) = warned(&text);
    let pointers: Vec<&str> = warnings.iter().map(|w| w.pointer.as_str()).collect();
    assert_eq!(pointers, ["/components/schemas/A/not", "/components/schemas/B/not"]);
    assert_eq!(warnings[0].line, Some(9));
    assert_eq!(field_type(&api, "A", "x"), TypeRef::String);
    let b = api.types.iter().find(|t| t.name == "B").unwrap();
    assert_eq!(b.kind, TypeKind::Alias(TypeRef::Json));
}

#[test]
fn an_all_of_with_a_dangling_part_keeps_the_other_parts() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      allOf: [{{$ref: '#/components/schemas/Gone'}}, {{properties: {{a: {{type: string}}}}}}]\n"
    );
    let (api, warnings) = warned(&text);
    assert_eq!((warnings[0].pointer.as_str(), warnings[0].line), ("/components/schemas/A/allOf/0/$ref", Some(7)));
    assert_eq!(field_type(&api, "A", "a"), TypeRef::String);
}

#[test]
fn a_clean_spec_has_no_warnings() {
    let (_, warnings) = load_model_warned(codegen::seeds::CLEMTA).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
}
