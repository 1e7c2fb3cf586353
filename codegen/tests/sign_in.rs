//! Which APIs get sign-in helpers, and the crate feature that compiles them.

use codegen::{SpecFile, generate_crate};

const FAX_PLUS: &str = include_str!("../../specs/fax_plus.yaml");

fn spec(schemes: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: Pets, version: '1'}}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: {{'204': {{description: ok}}}}\ncomponents:\n  securitySchemes:\n{schemes}"
    )
}

fn file<'f>(files: &'f [codegen::GeneratedFile], path: &str) -> &'f str {
    &files.iter().find(|f| f.path == path).unwrap_or_else(|| panic!("no {path}")).contents
}

#[test]
fn an_api_with_a_flow_turns_on_the_oauth_feature() {
    let pets = spec("    auth:\n      type: oauth2\n      flows: {clientCredentials: {tokenUrl: 'https://t.example/token', scopes: {}}}\n");
    let (outputs, files) =
        generate_crate(&[SpecFile::new("specs/fax_plus.yaml", FAX_PLUS), SpecFile::new("specs/pets.yaml", &pets)]).unwrap();
    assert!(outputs.iter().all(|o| o.signs_in));
    let manifest = file(&files, "Cargo.toml");
    assert!(manifest.contains("\nfax_plus = [\"oauth\"]\n") && manifest.contains("\npets = [\"oauth\"]\n"), "{manifest}");
    assert!(manifest.contains("\noauth = [\"dep:oauth2\"]\n") && manifest.contains("optional = true"), "{manifest}");
    assert!(file(&files, "src/pets/client.rs").contains("pub fn with_auth_session("));
    assert!(file(&files, "src/pets/mod.rs").contains("pub const AUTH_CLIENT_CREDENTIALS_FLOW: crate::oauth::Flow"));
}

/// The implicit flow hands its token to a browser: no helper, no session setter, and the API
/// compiles without the `oauth` feature (its token still goes in `with_<scheme>`).
#[test]
fn an_implicit_flow_alone_gets_no_sign_in() {
    let pets = spec(
        "    auth:\n      type: oauth2\n      flows: {implicit: {authorizationUrl: 'https://t.example/authorize', scopes: {read: Read}}}\n",
    );
    let (outputs, files) = generate_crate(&[SpecFile::new("specs/pets.yaml", &pets)]).unwrap();
    assert!(!outputs[0].signs_in && outputs[0].sign_in.is_empty());
    assert!(file(&files, "Cargo.toml").contains("\npets = []\n"));
    let client = file(&files, "src/pets/client.rs");
    assert!(client.contains("pub fn with_auth(") && !client.contains("_session("), "{client}");
    assert!(!file(&files, "src/pets/mod.rs").contains("crate::oauth"));
}
