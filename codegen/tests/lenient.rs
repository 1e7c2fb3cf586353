//! Oddities of real specs that the generator handles instead of refusing the whole spec.

use codegen::model::{ParamId, ParamLocation, PathPart, TypeRef};
use codegen::{SpecFile, load_model};

#[test]
fn path_template_and_parameters_are_reconciled() {
    // OpenAI's 3.0 spec declares `cert_id` but writes `{certificate_id}` in the path.
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /certs/{certificate_id}:\n    get:\n      operationId: getCert\n      parameters: [{name: cert_id, in: path, required: true, schema: {type: integer}}]\n      responses: {'204': {description: ok}}\n";
    let api = load_model(SpecFile::new("t.yaml", text)).unwrap();
    let op = &api.operations[0];
    assert_eq!(op.params.len(), 1, "{:?}", op.params);
    let p = &op.params[0];
    assert_eq!((p.wire_name.as_str(), p.location, &p.ty, p.required), ("certificate_id", ParamLocation::Path, &TypeRef::String, true));
    assert_eq!(op.path_parts, [PathPart::Literal("/certs/".into()), PathPart::Param(ParamId(0))]);
}

#[test]
fn big_integers_in_yaml_do_not_stop_generation() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Seed:\n      type: integer\n      minimum: -9223372036854776000\n";
    let api = load_model(SpecFile::new("t.yaml", text)).unwrap();
    assert_eq!(api.types[0].name, "Seed");
}

#[test]
fn keyword_operation_ids_name_types_without_the_raw_prefix() {
    let text = "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /t:\n    get:\n      operationId: type\n      responses:\n        '200': {description: ok, content: {application/json: {schema: {type: object, properties: {a: {type: string}}}}}}\n";
    let api = load_model(SpecFile::new("t.yaml", text)).unwrap();
    assert_eq!(api.operations[0].method_name, "r#type");
    assert_eq!(api.operations[0].error_name, "TypeError");
    assert_eq!(api.types[0].name, "TypeResponse");
}
