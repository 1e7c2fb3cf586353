//! Bad specs end in a located error (file, JSON pointer, line), never a panic.

use codegen::{Error, ErrorKind, SpecFile, load_model};

fn error_of(text: &str) -> Error {
    let spec = SpecFile::new("specs/bad.yaml", text);
    match load_model(spec) {
        Ok(api) => panic!("expected an error, got a model with {} types", api.types.len()),
        Err(e) => e,
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\n";

#[test]
fn malformed_yaml() {
    let e = error_of("openapi: 3.0.3\ninfo: {title: t\npaths: [\n");
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!(e.file, "specs/bad.yaml");
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn malformed_json_names_its_line() {
    let spec = SpecFile::new("specs/bad.json", "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\n}}}");
    let e = load_model(spec).unwrap_err();
    assert_eq!(e.kind, ErrorKind::Syntax);
    assert_eq!(e.line, Some(4), "{e}");
}

#[test]
fn swagger_1_is_refused_clearly() {
    let e = error_of("swagger: '1.2'\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(e.kind, ErrorKind::NotOpenApi);
    assert_eq!((e.pointer.as_str(), e.line), ("/swagger", Some(1)));
    assert!(e.to_string().contains("Swagger 1.2 is not supported"), "{e}");
}

#[test]
fn openapi_4_is_refused_clearly() {
    let e = error_of("openapi: 4.0.0\ninfo: {title: t, version: '1'}\npaths: {}\n");
    assert_eq!(e.kind, ErrorKind::NotOpenApi);
    assert_eq!(e.pointer, "/openapi");
    assert!(e.to_string().starts_with("specs/bad.yaml:1: at /openapi: OpenAPI 4.0.0 is not supported"), "{e}");
}

#[test]
fn not_an_openapi_document() {
    let e = error_of("name: something else\n");
    assert_eq!(e.kind, ErrorKind::NotOpenApi);
    let e = error_of("[1, 2]\n");
    assert_eq!(e.kind, ErrorKind::NotOpenApi);
}

#[test]
fn wrong_shape_names_the_pointer() {
    let e = error_of(&format!("{HEAD}paths:\n  /a:\n    get:\n      responses: 12\n"));
    assert_eq!(e.kind, ErrorKind::Invalid);
    // openapiv3 buffers `paths`, so serde cannot see deeper; the parser's line narrows it down.
    assert!(e.pointer.starts_with("/paths"), "{e}");
    assert_eq!(e.line, Some(4), "{e}");
    assert!(e.message.contains("expected struct Responses"), "{e}");
}

#[test]
fn cyclic_schema_refs() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: '#/components/schemas/B'}}\n    B: {{$ref: '#/components/schemas/A'}}\n"
    );
    let e = error_of(&text);
    assert_eq!(e.kind, ErrorKind::CyclicRef);
    assert_eq!((e.pointer.as_str(), e.line), ("/components/schemas/A", Some(6)), "{e}");
}

#[test]
fn cyclic_response_refs() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get:\n      responses:\n        '200': {{$ref: '#/components/responses/X'}}\ncomponents:\n  responses:\n    X: {{$ref: '#/components/responses/Y'}}\n    Y: {{$ref: '#/components/responses/X'}}\n"
    );
    let e = error_of(&text);
    assert_eq!(e.kind, ErrorKind::CyclicRef, "{e}");
    assert!(e.line.is_some(), "{e}");
}

#[test]
fn external_refs_are_unsupported() {
    let text = format!("{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A: {{$ref: 'other.yaml#/components/schemas/B'}}\n");
    let e = error_of(&text);
    assert_eq!(e.kind, ErrorKind::Unsupported);
    assert_eq!(e.pointer, "/components/schemas/A/$ref");
}

#[test]
fn duplicate_operation_ids_collide() {
    let text = format!(
        "{HEAD}paths:\n  /a:\n    get: {{operationId: same, responses: {{'204': {{description: ok}}}}}}\n  /b:\n    get: {{operationId: same, responses: {{'204': {{description: ok}}}}}}\n"
    );
    let e = error_of(&text);
    assert_eq!(e.kind, ErrorKind::NameCollision);
    assert_eq!((e.pointer.as_str(), e.line), ("/paths/~1b/get/operationId", Some(7)), "{e}");
}

#[test]
fn all_of_that_contains_itself() {
    let text = format!(
        "{HEAD}paths: {{}}\ncomponents:\n  schemas:\n    A:\n      allOf: [{{$ref: '#/components/schemas/B'}}, {{properties: {{a: {{type: string}}}}}}]\n    B:\n      allOf: [{{$ref: '#/components/schemas/A'}}, {{properties: {{b: {{type: string}}}}}}]\n"
    );
    let e = error_of(&text);
    assert_eq!(e.kind, ErrorKind::CyclicRef, "{e}");
    assert!(e.pointer.starts_with("/components/schemas/"), "{e}");
}
