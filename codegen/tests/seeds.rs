//! The seed specs end to end: their model, their API surface and their full generated code.

use codegen::model::{Api, SchemeId, SchemeKind, Status, TypeKind, TypeRef};
use codegen::seeds::{CLEMTA, FAX_PLUS};
use codegen::{SpecFile, generate_api, load_model, surface};

fn code(spec: SpecFile<'_>) -> String {
    let out = generate_api(spec).unwrap_or_else(|e| panic!("{e}"));
    out.files.iter().map(|f| format!("==> {} <==\n{}", f.path, f.contents)).collect()
}

fn type_named<'a>(api: &'a Api, name: &str) -> &'a codegen::model::TypeDef {
    api.types.iter().find(|t| t.name == name).unwrap_or_else(|| panic!("no type {name}"))
}

#[test]
fn seed_code_snapshots() {
    insta::assert_snapshot!("fax_plus_code", code(FAX_PLUS));
    insta::assert_snapshot!("clemta_code", code(CLEMTA));
}

#[test]
fn seed_surface_snapshots() {
    insta::assert_snapshot!("fax_plus_surface", surface(&load_model(FAX_PLUS).unwrap()));
    insta::assert_snapshot!("clemta_surface", surface(&load_model(CLEMTA).unwrap()));
}

#[test]
fn generation_is_deterministic() {
    for spec in [FAX_PLUS, CLEMTA] {
        assert_eq!(code(spec), code(spec), "{}", spec.path);
    }
}

#[test]
fn clemta_error_statuses_keep_their_own_schemas() {
    let api = load_model(CLEMTA).unwrap();
    let op = &api.operations[0];
    let errors: Vec<(Status, &str, String)> = op
        .responses
        .iter()
        .filter(|r| !r.status.is_success())
        .map(|r| match &r.body {
            Some(TypeRef::Named(id)) => (r.status, r.variant.as_str(), api.type_def(*id).name.clone()),
            other => panic!("unexpected body {other:?}"),
        })
        .collect();
    assert_eq!(
        errors,
        [
            (Status::Code(400), "BadRequest", "BadRequestError".to_owned()),
            (Status::Code(401), "Unauthorized", "UnauthorizedError".to_owned()),
            (Status::Code(404), "NotFound", "ContactNotFoundError".to_owned()),
            (Status::Code(500), "InternalServerError", "InternalServerError".to_owned()),
        ]
    );
}

#[test]
fn clemta_identical_inline_shapes_share_one_type() {
    let api = load_model(CLEMTA).unwrap();
    // `error: {code, details}` appears in four schemas, `type: [customer, vendor]` in two; the
    // first is not called `Error`, the crate's own `generated::Error`, but after its API.
    let error = type_named(&api, "ClemtaError");
    assert!(error.pointer.starts_with("/components/schemas/BadRequestError/properties/error"));
    let contact_type = type_named(&api, "ContactType");
    let TypeKind::Enum(e) = &contact_type.kind else { panic!("ContactType is not an enum") };
    let values: Vec<&str> = e.variants.iter().map(|v| v.wire_name.as_str()).collect();
    assert_eq!(values, ["customer", "vendor"]);
    assert_eq!(api.types.len(), 10, "8 component schemas + 2 shared inline types");
    // `type` becomes a raw identifier that serde maps back to `type`.
    let TypeKind::Struct(request) = &type_named(&api, "UpdateContactRequest").kind else { panic!() };
    assert_eq!(request.fields[0].rust_name, "r#type");
    assert!(request.fields[0].required);
}

#[test]
fn security_is_taken_per_operation() {
    let fax = load_model(FAX_PLUS).unwrap();
    // Global `security: []`, but the operation lists two alternatives.
    assert_eq!(fax.operations[0].security, vec![vec![SchemeId(0)], vec![SchemeId(1)]]);
    assert_eq!(fax.security_schemes[0].kind, SchemeKind::Bearer);
    assert_eq!(fax.security_schemes[1].kind, SchemeKind::Bearer);
    let clemta = load_model(CLEMTA).unwrap();
    // No operation-level `security`: the global requirement applies.
    assert_eq!(clemta.operations[0].security, vec![vec![SchemeId(0)]]);
    assert!(matches!(&clemta.security_schemes[0].kind, SchemeKind::ApiKey { name, .. } if name == "X-API-Key"));
}

#[test]
fn servers_become_constants() {
    let fax = load_model(FAX_PLUS).unwrap();
    let servers: Vec<(&str, &str, bool)> = fax.servers.iter().map(|s| (s.const_name.as_str(), s.url.as_str(), s.relative)).collect();
    assert_eq!(servers, [("RESTAPI_FAX_PLUS_V3_SERVER", "https://restapi.fax.plus/v3", false), ("V3_SERVER", "/v3", true)]);
    let clemta = load_model(CLEMTA).unwrap();
    let names: Vec<&str> = clemta.servers.iter().map(|s| s.const_name.as_str()).collect();
    assert_eq!(names, ["PRODUCTION_SERVER", "SANDBOX_SERVER"]);
}
