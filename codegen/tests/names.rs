//! Names: whatever a spec (or its file) is called, every Rust name generated from it is a valid
//! identifier, the same on every run, and distinct from its neighbours; the names the generated
//! code uses itself are never taken. The spec that holds them all is
//! `tests/fixtures/hygiene.yaml`, which the `wire` crate compiles and calls.

use codegen::model::{Api, TypeKind};
use codegen::naming::{MAX_LEN, METHOD_LOCALS, camel, snake};
use codegen::{ErrorKind, SpecFile, generate_api, generate_crate, load_model, module_name};

const HYGIENE: &str = include_str!("fixtures/hygiene.yaml");

fn hygiene() -> Api {
    load_model(SpecFile::new("tests/fixtures/hygiene.yaml", HYGIENE)).unwrap_or_else(|e| panic!("{e}"))
}

/// A valid identifier: a keyword only as a raw one (`r#type`), never `self` and the like.
fn assert_ident(name: &str) {
    assert!(syn::parse_str::<syn::Ident>(name).is_ok(), "`{name}` is not an identifier");
    assert!(name.len() <= MAX_LEN + "_2".len() || name.starts_with("r#"), "`{name}` is too long");
}

#[test]
fn odd_names_from_real_specs() {
    // (as the spec writes it, snake_case, UpperCamelCase)
    let table = [
        ("$ref", "r#ref", "Ref"),
        ("@type", "r#type", "Type"),
        ("type", "r#type", "Type"),
        ("+1", "plus_1", "Plus1"),
        ("-1", "minus_1", "Minus1"),
        ("files[0]", "files_0", "Files0"),
        ("files[1]", "files_1", "Files1"),
        ("foo-bar", "foo_bar", "FooBar"),
        ("fooBar", "foo_bar", "FooBar"),
        ("FOO_BAR", "foo_bar", "FooBar"),
        ("foo.bar", "foo_bar", "FooBar"),
        ("__proto__", "proto", "Proto"),
        ("X-Rate-Limit", "x_rate_limit", "XRateLimit"),
        ("24h", "_24h", "V24h"),
        ("1", "value_1", "V1"),
        ("%20", "value_20", "V20"),
        ("self", "self_", "SelfValue"),
        ("Self", "self_", "SelfValue"),
        ("crate", "crate_", "Crate"),
        ("super", "super_", "Super"),
        ("None", "none", "None"),
        ("", "value", "Value"),
        ("$", "value", "Value"),
        ("日本", "value", "Value"),
    ];
    for (raw, snake_case, camel_case) in table {
        assert_eq!((snake(raw).as_str(), camel(raw).as_str()), (snake_case, camel_case), "{raw:?}");
        assert_ident(&snake(raw));
        assert_ident(&camel(raw));
    }
}

#[test]
fn names_that_differ_only_in_case_or_punctuation_are_numbered() {
    let api = hygiene();
    let names = api.types.iter().find(|t| t.name == "Names").expect("Names");
    let TypeKind::Struct(s) = &names.kind else { panic!("Names is a struct") };
    let fields: Vec<(&str, &str)> = s.fields.iter().take(16).map(|f| (f.rust_name.as_str(), f.wire_name.as_str())).collect();
    assert_eq!(
        fields,
        [
            ("r#ref", "$ref"),
            ("r#type", "@type"),
            ("type_2", "type"),
            ("plus_1", "+1"),
            ("minus_1", "-1"),
            ("files_0", "files[0]"),
            ("files_1", "files[1]"),
            ("foo_bar", "foo-bar"),
            ("foo_bar_2", "foo_bar"),
            ("foo_bar_3", "fooBar"),
            ("foo_bar_4", "FooBar"),
            ("foo_bar_5", "foo.bar"),
            ("proto", "__proto__"),
            ("_24h", "24h"),
            ("value", ""),
            ("value_2", "日本"),
        ]
    );
    // Schemas `Names`, `names` and `NAMES`, in the order the spec lists them.
    let types: Vec<(&str, &str)> = api
        .types
        .iter()
        .filter(|t| t.name.starts_with("Names"))
        .map(|t| (t.name.as_str(), t.pointer.rsplit('/').next().unwrap_or_default()))
        .collect();
    assert_eq!(types, [("Names", "Names"), ("Names2", "names"), ("Names3", "NAMES")]);
}

#[test]
fn names_longer_than_255_characters_are_cut_with_a_hash() {
    let api = hygiene();
    let names = api.types.iter().find(|t| t.name == "Names").expect("Names");
    let TypeKind::Struct(s) = &names.kind else { panic!("Names is a struct") };
    let long: Vec<&str> = s.fields.iter().filter(|f| f.wire_name.len() > 255).map(|f| f.rust_name.as_str()).collect();
    assert_eq!(long.len(), 2);
    assert_ne!(long[0], long[1], "names that differ past the cut stay apart");
    for name in &long {
        assert!(name.len() <= MAX_LEN && name.starts_with("a_property_name_longer_than"), "{name}");
    }
    let op = api.operations.iter().find(|op| op.path == "/long").expect("/long");
    assert!(op.method_name.len() <= MAX_LEN && op.method_name.starts_with("an_operation_id_longer"), "{}", op.method_name);
    let ty = api.types.iter().find(|t| t.pointer.len() > 255).expect("the long schema");
    assert!(ty.name.len() <= MAX_LEN && ty.name.starts_with("ASchemaNameLonger"), "{}", ty.name);
    // The same spec gives the same names.
    assert_eq!(hygiene(), api);
}

#[test]
fn every_name_of_the_hygiene_spec_is_an_identifier() {
    let api = hygiene();
    for def in &api.types {
        assert_ident(&def.name);
        match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().for_each(|f| assert_ident(&f.rust_name)),
            TypeKind::Enum(e) => e.variants.iter().for_each(|v| assert_ident(&v.rust_name)),
            TypeKind::OneOf(o) => o.variants.iter().for_each(|v| assert_ident(&v.rust_name)),
            TypeKind::Alias(_) => {}
        }
    }
    for op in &api.operations {
        assert_ident(&op.method_name);
        assert_ident(&op.error_name);
        for p in &op.params {
            assert_ident(&p.rust_name);
        }
    }
    api.webhooks.iter().for_each(|w| assert_ident(&w.rust_name));
    api.security_schemes.iter().for_each(|s| assert_ident(&s.rust_name));
}

#[test]
fn parameters_never_take_a_name_the_method_uses() {
    let api = hygiene();
    for op in &api.operations {
        for p in &op.params {
            assert!(!METHOD_LOCALS.contains(&p.rust_name.as_str()), "{}: {}", op.method_name, p.rust_name);
        }
    }
    // The names the issue lists, each a parameter in the path: those the method uses itself get an
    // underscore, the rest stay as they are.
    let path = &api.operations[0];
    let wire: Vec<&str> = path.params.iter().map(|p| p.wire_name.as_str()).collect();
    let listed = ["url", "request", "response", "body", "client", "value", "form", "result", "query", "self", "headers"];
    assert_eq!(&wire[..listed.len()], listed);
    for p in &path.params {
        let name = &p.wire_name;
        if METHOD_LOCALS.contains(&name.as_str()) || name == "self" {
            assert_eq!(p.rust_name, format!("{name}_"));
        } else {
            assert!(p.rust_name == *name || p.rust_name == format!("{name}_"), "{name}: {}", p.rust_name);
        }
    }
}

#[test]
fn operations_never_take_a_name_the_client_uses() {
    let api = hygiene();
    let methods: Vec<(&str, &str)> = api
        .operations
        .iter()
        .filter_map(|op| op.operation_id.as_deref().map(|id| (id, op.method_name.as_str())))
        .filter(|(id, _)| id.len() < 20)
        .collect();
    assert_eq!(
        methods,
        [
            ("type", "r#type"),
            ("self", "self_"),
            ("fn", "r#fn"),
            ("new", "new_"),
            ("crate", "crate_"),
            ("clone", "clone_"),
            ("withType", "with_type_")
        ]
    );
}

#[test]
fn schemas_keep_the_names_of_std_items() {
    let api = hygiene();
    for name in ["From", "Option", "Result", "Some", "None", "Ok", "Err", "Box", "Vec", "String", "Default", "Clone", "Debug"] {
        assert!(api.types.iter().any(|t| t.name == name), "no type {name}");
    }
    for name in
        ["Serialize", "Deserialize", "Error", "Client", "ResponseValue", "Serde", "Std", "Core", "Crate", "Types", "Errors", "Super"]
    {
        assert!(api.types.iter().any(|t| t.name == name), "no type {name}");
    }
}

#[test]
fn std_items_are_written_in_full_only_where_a_type_hides_them() {
    let code = |text: &str| {
        let out = generate_api(SpecFile::new("specs/x.yaml", text)).unwrap_or_else(|e| panic!("{e}"));
        out.files.into_iter().find(|f| f.path.ends_with("types.rs")).map(|f| f.contents).unwrap_or_default()
    };
    let head = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n";
    let pet = "    Pet: {type: object, properties: {name: {type: string}}}\n";
    let plain = code(&format!("{head}{pet}"));
    assert!(plain.contains("pub name: Option<String>,") && !plain.contains("::std::"), "{plain}");
    let hidden = code(&format!("{head}{pet}    Option: {{type: string}}\n"));
    assert!(hidden.contains("pub name: ::core::option::Option<String>,"), "{hidden}");
    assert!(hidden.contains("pub type Option = String;"), "{hidden}");
}

#[test]
fn every_spec_file_name_becomes_a_module() {
    let table = [
        ("specs/fax_plus.yaml", "fax_plus"),
        ("specs/Fax-Plus.v2.yaml", "fax_plus_v2"),
        ("specs/2024-api.yaml", "api_2024"),
        ("specs/2024.yaml", "api_2024"),
        ("specs/3d-secure.json", "secure_3d"),
        ("specs/type.yaml", "type_api"),
        ("specs/self.yaml", "self_api"),
        ("specs/Self.yaml", "self_api"),
        ("specs/crate.yaml", "crate_api"),
        ("specs/super.yml", "super_api"),
        ("specs/runtime.yaml", "runtime_api"),
        ("specs/default.yaml", "default_api"),
        ("specs/types.yaml", "types_api"),
        ("specs/client.json", "client_api"),
        ("specs/builders.yaml", "builders_api"),
        ("specs/日本.yaml", "api_65e5_672c"),
        ("specs/$.yaml", "api_24"),
        ("", "api"),
    ];
    for (path, module) in table {
        assert_eq!(module_name(path), module, "{path:?}");
        assert_ident(module);
    }
    let long = format!("specs/{}.yaml", "very-long-spec-name-".repeat(15));
    let module = module_name(&long);
    assert!(module.len() <= MAX_LEN && module.starts_with("very_long_spec_name"), "{module}");
    assert_ident(&module);
}

#[test]
fn specs_named_after_years_and_keywords_generate_a_crate() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths:\n  /a:\n    get:\n      responses: {'204': {description: ok}}\n";
    let paths = ["specs/2024-api.yaml", "specs/type.yaml", "specs/self.yaml", "specs/crate.yaml", "specs/日本.yaml", "specs/default.yaml"];
    let specs: Vec<SpecFile<'_>> = paths.iter().map(|p| SpecFile::new(p, text)).collect();
    let (outputs, files) = generate_crate(&specs).unwrap_or_else(|e| panic!("{e:?}"));
    let modules: Vec<&str> = outputs.iter().map(|o| o.module.as_str()).collect();
    assert_eq!(modules, ["api_2024", "type_api", "self_api", "crate_api", "api_65e5_672c", "default_api"]);
    for file in files.iter().filter(|f| f.path.ends_with(".rs")) {
        syn::parse_file(&file.contents).unwrap_or_else(|e| panic!("{}: {e}", file.path));
    }
    let lib = files.iter().find(|f| f.path == "src/lib.rs").expect("lib.rs");
    assert!(lib.contents.contains("pub mod api_2024;"), "{}", lib.contents);
}

#[test]
fn specs_whose_names_meet_are_a_located_error() {
    let text = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\n";
    let specs = [SpecFile::new("specs/foo-bar.yaml", text), SpecFile::new("specs/foo_bar.yaml", text)];
    let errors = generate_crate(&specs).expect_err("two specs, one module");
    assert_eq!(errors.len(), 1);
    assert!(matches!(errors[0].kind, ErrorKind::NameCollision), "{}", errors[0]);
    assert_eq!(errors[0].file, "specs/foo_bar.yaml");
    assert!(errors[0].message.contains("`foo_bar`"), "{}", errors[0].message);
}

/// The names `naming` reserves for the generated code's own use are the ones `emit` writes: the
/// `Client`'s own methods, and a builder's own fields and methods besides one per parameter.
#[test]
fn reserved_names_are_the_ones_the_generated_code_uses() {
    use codegen::naming::{BUILDER_OWN, CLIENT_METHODS, METHOD_LOCALS};
    let specs = [
        ("tests/fixtures/pagination.yaml", include_str!("fixtures/pagination.yaml")),
        ("tests/fixtures/server_sent_events.yaml", include_str!("fixtures/server_sent_events.yaml")),
        ("tests/fixtures/security_variants.yaml", include_str!("fixtures/security_variants.yaml")),
    ];
    let (mut client_own, mut builder_own) = (std::collections::BTreeSet::new(), std::collections::BTreeSet::new());
    for (path, text) in specs {
        let api = load_model(SpecFile::new(path, text)).unwrap_or_else(|e| panic!("{e}"));
        let out = generate_api(SpecFile::new(path, text)).unwrap_or_else(|e| panic!("{e}"));
        let file = |name: &str| &out.files.iter().find(|f| f.path == format!("src/{}/{name}", api.module)).unwrap().contents;
        let sessions = api.security_schemes.iter().filter_map(|s| Some(format!("with_{}", s.sign_in.as_ref()?.session_setter)));
        let setters: Vec<String> =
            api.security_schemes.iter().map(|s| codegen::naming::credential_setter(&s.rust_name)).chain(sessions).collect();
        let operations: Vec<&str> = api.operations.iter().map(|op| op.method_name.as_str()).collect();
        for name in pub_fns(file("client.rs")) {
            if !operations.contains(&name.as_str()) && !setters.contains(&name) {
                client_own.insert(name);
            }
        }
        let params: Vec<&str> = api.operations.iter().flat_map(|op| op.params.iter().map(|p| p.rust_name.as_str())).collect();
        let builders = file("builders.rs");
        let fields = builders.lines().filter_map(|l| l.trim().strip_prefix("pub(super) ")?.split(':').next().map(str::to_owned));
        for name in pub_fns(builders).into_iter().chain(fields) {
            if !params.contains(&name.as_str()) {
                builder_own.insert(name);
            }
        }
    }
    // `clone`, `clone_from` and `default` are the traits' (`Clone`, `Default`).
    let written: Vec<&str> = CLIENT_METHODS.iter().copied().filter(|m| !["clone", "clone_from", "default"].contains(m)).collect();
    assert_eq!(client_own.iter().map(String::as_str).collect::<Vec<_>>(), {
        let mut w = written.clone();
        w.sort_unstable();
        w
    });
    for name in &builder_own {
        assert!(
            BUILDER_OWN.contains(&name.as_str()) || METHOD_LOCALS.contains(&name.as_str()),
            "the builders use `{name}`, which naming does not reserve"
        );
    }
    for name in BUILDER_OWN {
        assert!(builder_own.contains(*name), "naming reserves `{name}` for the builders, which do not use it");
    }
}

/// The names `naming` reserves for the mock module are the ones `emit` writes there: the mock
/// server's own methods and an expectation's, besides one per operation and per parameter.
#[test]
fn reserved_mock_names_are_the_ones_the_mocks_use() {
    use codegen::naming::{CLIENT_METHODS, METHOD_LOCALS, MOCK_OWN, MOCK_SERVER_OWN};
    let specs = [
        ("tests/fixtures/pagination.yaml", include_str!("fixtures/pagination.yaml")),
        ("tests/fixtures/security_variants.yaml", include_str!("fixtures/security_variants.yaml")),
    ];
    let mut own = std::collections::BTreeSet::new();
    for (path, text) in specs {
        let api = load_model(SpecFile::new(path, text)).unwrap_or_else(|e| panic!("{e}"));
        let out = generate_api(SpecFile::new(path, text)).unwrap_or_else(|e| panic!("{e}"));
        let mock = &out.files.iter().find(|f| f.path == format!("src/{}/mock.rs", api.module)).unwrap().contents;
        let operations: Vec<&str> = api.operations.iter().map(|op| op.method_name.as_str()).collect();
        let params: Vec<&str> = api.operations.iter().flat_map(|op| op.params.iter().map(|p| p.rust_name.as_str())).collect();
        let asyncs = mock
            .lines()
            .filter_map(|l| l.trim().strip_prefix("pub async fn "))
            .map(|rest| rest.split(['(', '<']).next().unwrap_or_default().to_owned());
        for name in pub_fns(mock).into_iter().chain(asyncs) {
            let responder = name.starts_with("respond_") && !MOCK_OWN.contains(&name.as_str());
            if !operations.contains(&name.as_str()) && !params.contains(&name.as_str()) && !responder {
                own.insert(name);
            }
        }
    }
    for name in &own {
        let reserved = [MOCK_OWN, MOCK_SERVER_OWN, CLIENT_METHODS, METHOD_LOCALS].iter().any(|list| list.contains(&name.as_str()));
        assert!(reserved, "the mocks use `{name}`, which naming does not reserve");
    }
    for name in MOCK_OWN.iter().chain(MOCK_SERVER_OWN) {
        assert!(own.contains(*name), "naming reserves `{name}` for the mocks, which do not use it");
    }
}

/// The names of the `pub fn`s of a generated file.
fn pub_fns(source: &str) -> Vec<String> {
    source
        .lines()
        .filter_map(|l| l.trim().strip_prefix("pub fn "))
        .map(|rest| rest.split(['(', '<']).next().unwrap_or_default().to_owned())
        .collect()
}
