//! Operation groups: which cargo feature compiles each operation and each type, and the
//! features and `cfg`s the generated crate declares for them.

use codegen::model::{Gate, GroupId};
use codegen::{Grouping, SpecFile};

/// Four groups (three tags and the untagged), a type each group reaches alone, one two groups
/// share, one every group reaches, and one no operation reaches.
const SPEC: &str = r##"
openapi: 3.0.3
info: {title: Shop, version: '1'}
paths:
  /pets:
    get:
      operationId: listPets
      tags: [Pets]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Pet'}}}}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /stores:
    get:
      operationId: getStore
      tags: [Stores]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/Store'}}}}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /users:
    get:
      operationId: getUser
      tags: [User Accounts]
      responses:
        '200': {description: ok, content: {application/json: {schema: {$ref: '#/components/schemas/User'}}}}
        '429':
          description: slow down
          headers: {X-Policy: {schema: {$ref: '#/components/schemas/Policy'}}}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
  /health:
    get:
      operationId: health
      responses:
        '204': {description: ok}
        default: {description: error, content: {application/json: {schema: {$ref: '#/components/schemas/Problem'}}}}
components:
  schemas:
    Pet: {type: object, properties: {name: {type: string}, tag: {$ref: '#/components/schemas/Label'}}}
    Store: {type: object, properties: {pets: {type: array, items: {$ref: '#/components/schemas/Label'}}}}
    User: {type: object, properties: {id: {type: string}}}
    Label: {type: object, properties: {text: {type: string}}}
    Problem: {type: object, properties: {detail: {type: string}}}
    Unused: {type: object, properties: {x: {type: string}}}
    Policy: {type: string, enum: [burst, daily]}
"##;

fn gate_of(api: &codegen::model::Api, name: &str) -> Gate {
    let index = api.types.iter().position(|t| t.name == name).unwrap();
    api.type_gates().swap_remove(index)
}

#[test]
fn each_type_is_compiled_with_the_groups_that_reach_it() {
    let api = codegen::load_model(SpecFile::new("shop.yaml", SPEC).with_grouping(&Grouping::Tags)).unwrap();
    let names: Vec<&str> = api.groups.iter().map(|g| g.name.as_str()).collect();
    assert_eq!(names, ["pets", "stores", "untagged", "user-accounts"]);
    assert_eq!(api.group_feature(GroupId(3)), "shop-user-accounts");
    let group = |id: &str| api.operations.iter().find(|op| op.operation_id.as_deref() == Some(id)).unwrap().group;
    assert_eq!(group("listPets"), Some(GroupId(0)));
    assert_eq!(group("health"), Some(GroupId(2)));
    assert_eq!(gate_of(&api, "Pet"), Gate::Groups(vec![GroupId(0)]));
    assert_eq!(gate_of(&api, "Label"), Gate::Groups(vec![GroupId(0), GroupId(1)]), "through Pet and Store");
    assert_eq!(gate_of(&api, "Problem"), Gate::Always, "four groups are more than a cfg names");
    assert_eq!(gate_of(&api, "Unused"), Gate::Whole);
    assert_eq!(gate_of(&api, "Policy"), Gate::Groups(vec![GroupId(3)]), "through an error answer's headers");
}

#[test]
fn the_crate_declares_a_feature_per_group() {
    let spec = SpecFile::new("shop.yaml", SPEC).with_grouping(&Grouping::Tags);
    let (_, files) = codegen::generate_crate(&[spec]).unwrap();
    let file = |path: &str| files.iter().find(|f| f.path == path).unwrap().contents.clone();
    let manifest = file("Cargo.toml");
    for line in [
        "shop = [\"shop-pets\", \"shop-stores\", \"shop-untagged\", \"shop-user-accounts\"]",
        "shop-base = []",
        "shop-pets = [\"shop-base\"]",
    ] {
        assert!(manifest.contains(line), "{line} in\n{manifest}");
    }
    assert!(file("src/lib.rs").contains("#[cfg(feature = \"shop-base\")]\npub mod shop;"));
    // The module alone (`shop-base`) imports nothing that only the groups' items use.
    let builders = file("src/shop/builders.rs");
    assert!(!builders.contains("use super::errors;") && builders.contains("super::errors::ListPetsError"), "{builders}");
    let types = file("src/shop/types.rs");
    let derive = "#[derive(Debug, Clone, PartialEq, Default)]\n";
    assert!(
        types.contains(&format!("#[cfg(any(feature = \"shop-pets\", feature = \"shop-stores\"))]\n{derive}pub struct Label")),
        "{types}"
    );
    assert!(types.contains(&format!("#[cfg(feature = \"shop\")]\n{derive}pub struct Unused")), "{types}");
    assert!(types.contains(&format!("`.\n{derive}pub struct Problem")), "compiled with every group: {types}");
    let builders = file("src/shop/builders.rs");
    assert!(!builders.contains("use super::types;"), "a group without types would leave it unused");
    assert!(builders.contains("#[cfg(feature = \"shop-pets\")]\nimpl<'a> ListPets<'a>"), "{builders}");
}

#[test]
fn small_apis_stay_one_feature() {
    let api = codegen::load_model(SpecFile::new("shop.yaml", SPEC)).unwrap();
    assert!(api.groups.is_empty(), "auto groups from {} operations", codegen::AUTO_OPERATIONS);
    let api = codegen::load_model(SpecFile::new("shop.yaml", SPEC).with_grouping(&Grouping::Off)).unwrap();
    assert!(api.operations.iter().all(|op| op.group.is_none()));
}

/// The surface says which feature compiles each method and type, and reads back the same.
#[test]
fn the_surface_names_each_items_features() {
    let api = codegen::load_model(SpecFile::new("shop.yaml", SPEC).with_grouping(&Grouping::Tags)).unwrap();
    let text = codegen::diff::Surface::of(&api).to_string();
    for expected in [
        "fn list_pets: GET /pets\n  feature shop-pets\n",
        "\nstruct Label\n  feature shop-pets | shop-stores\n",
        "\nstruct Unused\n  feature shop\n",
        "\nenum Policy: Burst = \"burst\" | Daily = \"daily\" | Unknown(String)\n  feature shop-user-accounts\n",
    ] {
        assert!(text.contains(expected), "no {expected:?} in\n{text}");
    }
    // Every group reaches `Problem`: nothing to say.
    assert!(text.contains("\nstruct Problem\n  detail: Option<String>\n"), "{text}");
    let surface = codegen::diff::Surface::parse(&text).unwrap();
    assert_eq!(surface, codegen::diff::Surface::of(&api));
    assert_eq!(surface.type_def("Label").unwrap().features, ["shop-pets", "shop-stores"]);
}

/// `count` untagged operations, spread over `/v1/customers/…`, `/v1/invoices/…` and
/// `/v1/invoiceitems/…`.
fn untagged_spec(count: usize) -> String {
    let resources = ["customers", "invoices", "invoiceitems"];
    let paths: Vec<String> = (0..count)
        .map(|i| {
            let resource = resources[i % resources.len()];
            format!(r#""/v1/{resource}/x{i}": {{"get": {{"operationId": "op{i}", "responses": {{"204": {{"description": "ok"}}}}}}}}"#)
        })
        .collect();
    format!(r#"{{"openapi": "3.0.3", "info": {{"title": "Shop", "version": "1"}}, "paths": {{{}}}}}"#, paths.join(", "))
}

fn group_names(api: &codegen::model::Api) -> Vec<&str> {
    api.groups.iter().map(|g| g.name.as_str()).collect()
}

#[test]
fn a_large_api_without_tags_is_grouped_by_path() {
    let text = untagged_spec(codegen::AUTO_OPERATIONS);
    let api = codegen::load_model(SpecFile::new("shop.json", &text)).unwrap();
    assert_eq!(group_names(&api), ["customers", "invoiceitems", "invoices"]);
    let op = api.operations.iter().find(|op| op.path == "/v1/invoices/x1").unwrap();
    assert_eq!(api.group_feature(op.group.unwrap()), "shop-invoices");
    // One operation fewer, and it stays one feature.
    let text = untagged_spec(codegen::AUTO_OPERATIONS - 1);
    assert!(codegen::load_model(SpecFile::new("shop.json", &text)).unwrap().groups.is_empty());
}

#[test]
fn named_lists_of_path_prefixes_make_groups_and_the_rest_go_by_path() {
    let text = untagged_spec(6);
    let billing = Grouping::Named(vec![("billing".to_owned(), vec!["/v1/invoices".to_owned(), "/v1/invoiceitems/".to_owned()])]);
    let api = codegen::load_model(SpecFile::new("shop.json", &text).with_grouping(&billing)).unwrap();
    assert_eq!(group_names(&api), ["billing", "customers"]);
    let grouped: Vec<(&str, &str)> =
        api.operations.iter().map(|op| (op.path.as_str(), api.groups[op.group.unwrap().0].name.as_str())).collect();
    assert!(grouped.contains(&("/v1/invoiceitems/x2", "billing")), "{grouped:?}");
    assert!(grouped.contains(&("/v1/invoices/x1", "billing")), "{grouped:?}");
    assert!(grouped.contains(&("/v1/customers/x0", "customers")), "{grouped:?}");
    let paths = codegen::load_model(SpecFile::new("shop.json", &text).with_grouping(&Grouping::Paths)).unwrap();
    assert_eq!(group_names(&paths), ["customers", "invoiceitems", "invoices"]);
}

/// Each `impl Client` block is compiled with one group, and holds only that group's methods,
/// whatever the tags say (path groups have none).
#[test]
fn client_methods_are_compiled_with_their_own_group() {
    let text = untagged_spec(codegen::AUTO_OPERATIONS);
    let (_, files) = codegen::generate_crate(&[SpecFile::new("shop.json", &text)]).unwrap();
    let client = &files.iter().find(|f| f.path == "src/shop/client.rs").unwrap().contents;
    let resources = ["customers", "invoices", "invoiceitems"];
    // Blocks as they come: the cfg right before `impl Client {` names the group of every method
    // inside.
    let mut checked = 0;
    let pieces: Vec<&str> = client.split("impl Client {").collect();
    for pair in pieces.windows(2) {
        let Some((_, cfg)) = pair[0].rsplit_once("#[cfg(feature = \"shop-") else { continue };
        let group = cfg.split('"').next().unwrap();
        let body = pair[1].split("\n}\n").next().unwrap();
        for method in body.split("pub fn op").skip(1) {
            let n: usize = method.split(|c: char| !c.is_ascii_digit()).next().unwrap().parse().unwrap();
            assert_eq!(group, resources[n % resources.len()], "op{n} is compiled with `shop-{group}`");
            checked += 1;
        }
    }
    assert_eq!(checked, codegen::AUTO_OPERATIONS, "every method is in a block of its group");
}
