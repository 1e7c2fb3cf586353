//! Which operations the model says send an idempotency key, and in which header.

use codegen::SpecFile;

const SPEC: &str = r#"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /charges:
    get:
      operationId: listCharges
      responses: {'200': {description: ok}}
    post:
      operationId: createCharge
      responses: {'200': {description: ok}}
  /charges/{id}:
    parameters:
      - {name: id, in: path, required: true, schema: {type: string}}
    patch:
      operationId: updateCharge
      responses: {'200': {description: ok}}
    put:
      operationId: replaceCharge
      parameters:
        - {name: x-idempotency_KEY, in: header, schema: {type: string}}
      responses: {'200': {description: ok}}
"#;

fn headers(spec: SpecFile<'_>) -> Vec<(String, Option<String>)> {
    let api = codegen::load_model(spec).unwrap();
    let mut found: Vec<_> = api.operations.into_iter().map(|op| (op.operation_id.unwrap(), op.idempotency_header)).collect();
    found.sort();
    found
}

fn expected(list: &[(&str, Option<&str>)]) -> Vec<(String, Option<String>)> {
    let mut list: Vec<_> = list.iter().map(|(id, header)| ((*id).to_owned(), header.map(str::to_owned))).collect();
    list.sort();
    list
}

#[test]
fn a_declared_header_parameter_carries_the_key() {
    let found = headers(SpecFile::new("shop.yaml", SPEC));
    assert_eq!(
        found,
        expected(&[("listCharges", None), ("createCharge", None), ("updateCharge", None), ("replaceCharge", Some("x-idempotency_KEY"))])
    );
}

#[test]
fn the_setting_names_the_header_of_every_post_and_patch() {
    let found = headers(SpecFile::new("shop.yaml", SPEC).with_idempotency_header("Idempotency-Key"));
    assert_eq!(
        found,
        expected(&[
            ("listCharges", None),
            ("createCharge", Some("Idempotency-Key")),
            ("updateCharge", Some("Idempotency-Key")),
            // The operation's own header wins.
            ("replaceCharge", Some("x-idempotency_KEY")),
        ])
    );
}

/// An operation given its header by the setting gets it as an optional parameter, so the caller
/// can choose the key; one that declares the header (in whatever case) keeps its own.
#[test]
fn the_setting_adds_the_header_as_an_optional_parameter() {
    let api = codegen::load_model(SpecFile::new("shop.yaml", SPEC).with_idempotency_header("X-IDEMPOTENCY_key")).unwrap();
    let headers = |id: &str| -> Vec<(String, String, bool)> {
        let op = api.operations.iter().find(|op| op.operation_id.as_deref() == Some(id)).unwrap();
        op.params
            .iter()
            .filter(|p| p.location == codegen::model::ParamLocation::Header)
            .map(|p| (p.rust_name.clone(), p.wire_name.clone(), p.required))
            .collect()
    };
    let added = vec![("x_idempotency_key".to_owned(), "X-IDEMPOTENCY_key".to_owned(), false)];
    assert_eq!(headers("createCharge"), added);
    assert_eq!(headers("updateCharge"), added);
    assert_eq!(headers("listCharges"), vec![]);
    assert_eq!(headers("replaceCharge"), vec![("x_idempotency_key".to_owned(), "x-idempotency_KEY".to_owned(), false)]);
    let replace = api.operations.iter().find(|op| op.operation_id.as_deref() == Some("replaceCharge")).unwrap();
    assert_eq!(replace.idempotency_header.as_deref(), Some("x-idempotency_KEY"), "declared, so not added again");
}
