//! regen and check on scratch workspaces, and on this one.

use super::version::{bumped, package_version};
use super::*;
use crate::workspace::{specs_in, workspace_root};
use codegen::diff::Impact;
use std::time::SystemTime;

const CLEMTA: &str = include_str!("../../../specs/clemta.yaml");
const FAX_PLUS: &str = include_str!("../../../specs/fax_plus.yaml");

fn workspace(specs: &[(&str, &str)]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    fs::create_dir_all(dir.path().join("specs")).unwrap();
    for (name, text) in specs {
        let path = dir.path().join("specs").join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, text).unwrap();
    }
    dir
}

fn mtimes(root: &Path) -> Vec<(PathBuf, SystemTime)> {
    let mut out = Vec::new();
    let mut stack = vec![root.join("generated")];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                out.push((path.clone(), fs::metadata(&path).unwrap().modified().unwrap()));
            }
        }
    }
    out.sort();
    out
}

#[test]
fn regen_rewrites_only_changed_files() {
    let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
    regen(ws.path(), Flags::default()).unwrap();
    let first = mtimes(ws.path());
    let surfaces = first.iter().filter(|(path, _)| path.starts_with(ws.path().join("generated/api"))).count();
    assert_eq!(surfaces, 2, "a surface per API");
    let first_code = first.len() - surfaces;
    assert_eq!(first_code, 16, "Cargo.toml, lib.rs, 6 files (mock.rs included) and an examples test per API");
    check(ws.path(), Flags::default()).unwrap();

    regen(ws.path(), Flags::default()).unwrap();
    assert_eq!(mtimes(ws.path()), first, "an unchanged tree must not be touched");

    let edited = ws.path().join("generated/src/clemta/types.rs");
    fs::write(&edited, "// hand edit\n").unwrap();
    let report = check(ws.path(), Flags::default()).unwrap_err();
    assert!(report.contains("stale: generated/src/clemta/types.rs"), "{report}");
    assert!(report.contains("-// hand edit"), "{report}");
    regen(ws.path(), Flags::default()).unwrap();
    check(ws.path(), Flags::default()).unwrap();
    let changed: Vec<_> = mtimes(ws.path()).into_iter().filter(|entry| !first.contains(entry)).collect();
    assert_eq!(changed.len(), 1, "{changed:?}");
    assert_eq!(changed[0].0, edited);
}

#[test]
fn failed_regen_leaves_generated_untouched() {
    let ws = workspace(&[("clemta.yaml", CLEMTA), ("zz_broken.yaml", "openapi: 3.0.3\ninfo: [\n")]);
    let lib = ws.path().join("generated/src/lib.rs");
    fs::create_dir_all(lib.parent().unwrap()).unwrap();
    fs::write(&lib, "// before\n").unwrap();
    let message = regen(ws.path(), Flags::default()).unwrap_err();
    assert!(message.contains("specs/zz_broken.yaml:"), "{message}");
    assert!(message.contains("generated/ was left untouched"), "{message}");
    assert_eq!(fs::read_to_string(&lib).unwrap(), "// before\n");
    assert_eq!(mtimes(ws.path()).len(), 1, "no file may be added");
}

#[test]
fn a_removed_spec_removes_its_module() {
    let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
    regen(ws.path(), Flags::default()).unwrap();
    fs::remove_file(ws.path().join("specs/fax_plus.yaml")).unwrap();
    let report = check(ws.path(), Flags::default()).unwrap_err();
    assert!(report.contains("stale: generated/src/fax_plus/client.rs"), "{report}");
    regen(ws.path(), Flags::default()).unwrap();
    assert!(!ws.path().join("generated/src/fax_plus").exists());
    assert!(!ws.path().join("generated/tests/fax_plus_examples.rs").exists());
    let lib = fs::read_to_string(ws.path().join("generated/src/lib.rs")).unwrap();
    assert!(lib.contains("pub mod clemta;") && !lib.contains("fax_plus"), "{lib}");
    check(ws.path(), Flags::default()).unwrap();
}

#[test]
fn a_new_spec_needs_no_code_change() {
    let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
    regen(ws.path(), Flags::default()).unwrap();
    let petstore = "openapi: 3.0.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: {'204': {description: ok}}\n";
    fs::write(
        ws.path().join("specs/pet-store.json"),
        serde_json::to_string(&serde_yaml::from_str::<serde_json::Value>(petstore).unwrap()).unwrap(),
    )
    .unwrap();
    regen(ws.path(), Flags::default()).unwrap();
    let cargo = fs::read_to_string(ws.path().join("generated/Cargo.toml")).unwrap();
    assert!(cargo.contains("default = [\"clemta\", \"fax_plus\", \"pet_store\"]"), "{cargo}");
    assert!(cargo.contains("\npet_store = []\n"), "{cargo}");
    let client = fs::read_to_string(ws.path().join("generated/src/pet_store/client.rs")).unwrap();
    assert!(client.contains("pub fn list_pets<'a>("), "{client}");
    let builders = fs::read_to_string(ws.path().join("generated/src/pet_store/builders.rs")).unwrap();
    assert!(builders.contains("pub struct ListPets<'a>"), "{builders}");
}

/// A spec answering `GET /pets` with the schema at `reference`.
fn pets(reference: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: Pets, version: '1'}}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '{reference}'}}\n"
    )
}

const PET: &str = "Pet:\n  type: object\n  properties:\n    name: {type: string}\n";

/// Every file of `generated/`: its bytes and its modification time.
fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
    mtimes(root).into_iter().map(|(path, time)| (path.clone(), fs::read(&path).unwrap(), time)).collect()
}

#[test]
fn specs_are_files_and_folders_with_a_root_file() {
    let dir = tempfile::tempdir().unwrap();
    let files = [
        "b.json",
        "a.yaml",
        "codegen.toml",
        "notes.txt",
        "x/swagger.yaml",
        "x/openapi.json",
        "x/pet.yaml",
        "y/openapi.yml",
        "shared/pet.yaml",
        "shared/deeper/openapi.yaml",
    ];
    for file in files {
        let path = dir.path().join(file);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, "").unwrap();
    }
    let found: Vec<String> =
        specs_in(dir.path()).unwrap().iter().map(|p| p.strip_prefix(dir.path()).unwrap().to_string_lossy().replace('\\', "/")).collect();
    assert_eq!(found, ["a.yaml", "b.json", "x/openapi.json", "y/openapi.yml"]);
}

#[test]
fn a_folder_spec_is_one_module_named_after_its_folder() {
    let ws = workspace(&[("clemta.yaml", CLEMTA), ("pet-store/openapi.yaml", &pets("./schemas/pet.yaml#/Pet"))]);
    fs::create_dir_all(ws.path().join("specs/pet-store/schemas")).unwrap();
    fs::write(ws.path().join("specs/pet-store/schemas/pet.yaml"), PET).unwrap();
    regen(ws.path(), Flags::default()).unwrap();
    let types = fs::read_to_string(ws.path().join("generated/src/pet_store/types.rs")).unwrap();
    assert!(types.contains("pub struct Pet"), "{types}");
    let cargo = fs::read_to_string(ws.path().join("generated/Cargo.toml")).unwrap();
    assert!(cargo.contains("default = [\"clemta\", \"pet_store\"]"), "{cargo}");
    check(ws.path(), Flags::default()).unwrap();
}

#[test]
fn a_change_to_a_referenced_file_alone_makes_check_stale() {
    let ws = workspace(&[("pets.yaml", &pets("./shared/pet.yaml#/Pet")), ("shared/pet.yaml", PET)]);
    regen(ws.path(), Flags::default()).unwrap();
    check(ws.path(), Flags::default()).unwrap();
    let types = fs::read_to_string(ws.path().join("generated/src/pets/types.rs")).unwrap();
    assert!(types.contains("pub struct Pet") && !types.contains("pub age"), "{types}");

    fs::write(ws.path().join("specs/shared/pet.yaml"), format!("{PET}    age: {{type: integer}}\n")).unwrap();
    let report = check(ws.path(), Flags::default()).unwrap_err();
    assert!(report.contains("stale: generated/src/pets/types.rs"), "{report}");
    assert!(report.contains("pub age"), "{report}");
}

#[test]
fn a_ref_leaving_specs_is_a_located_error() {
    let ws = workspace(&[("clemta.yaml", CLEMTA)]);
    regen(ws.path(), Flags::default()).unwrap();
    let before = snapshot(ws.path());
    fs::write(ws.path().join("pet.yaml"), PET).unwrap();
    fs::write(ws.path().join("specs/pets.yaml"), pets("../pet.yaml#/Pet")).unwrap();
    let message = regen(ws.path(), Flags::default()).unwrap_err();
    assert!(
        message.contains("error: specs/pets.yaml:12: at /paths/~1pets/get/responses/200/content/application~1json/schema/$ref: "),
        "{message}"
    );
    assert!(message.contains("leaves the folder `specs`"), "{message}");
    assert!(message.contains("generated/ was left untouched"), "{message}");
    assert_eq!(snapshot(ws.path()), before);
}

#[test]
fn warnings_are_counted_and_denied_on_request() {
    let ws = workspace(&[("clemta.yaml", CLEMTA), ("pets.yaml", &pets("#/components/schemas/Missing"))]);
    let plan = plan(ws.path(), Flags::default()).unwrap();
    assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
    assert!(plan.warnings[0].starts_with("warning: specs/pets.yaml:12: at /paths/"), "{:?}", plan.warnings);
    assert!(plan.warnings[0].contains("points at nothing"), "{:?}", plan.warnings);
    assert!(plan.summaries.iter().any(|s| s.starts_with("pets: 0 types, 1 operation, 1 warning,")), "{:?}", plan.summaries);
    assert!(plan.summaries.iter().any(|s| s.contains(", 0 warnings,")), "{:?}", plan.summaries);
    regen(ws.path(), Flags::default()).unwrap();
    let before = snapshot(ws.path());

    let deny = Flags { deny_warnings: true, ..Flags::default() };
    for message in [regen(ws.path(), deny.clone()).unwrap_err(), check(ws.path(), deny).unwrap_err()] {
        assert!(message.starts_with("error: specs/pets.yaml:12: at /paths/"), "{message}");
        assert!(message.contains("(--deny-warnings)") && message.contains("generated/ was left untouched"), "{message}");
    }

    // Per spec: only the spec whose table says so.
    fs::write(ws.path().join("specs/codegen.toml"), "[clemta]\ndeny-warnings = true\n[pets]\n").unwrap();
    regen(ws.path(), Flags::default()).unwrap();
    fs::write(ws.path().join("specs/codegen.toml"), "[pets]\ndeny-warnings = true\n").unwrap();
    let message = regen(ws.path(), Flags::default()).unwrap_err();
    assert!(message.starts_with("error: specs/pets.yaml:12:"), "{message}");
    assert!(message.contains("deny-warnings in specs/codegen.toml"), "{message}");
    assert_eq!(snapshot(ws.path()), before);
}

#[test]
fn settings_name_known_modules_and_keys() {
    let ws = workspace(&[("clemta.yaml", CLEMTA)]);
    let settings = ws.path().join("specs/codegen.toml");
    for (text, expected) in [
        ("[clemta]\ndeny-warning = true\n", "error: specs/codegen.toml:2: unknown field `deny-warning`, expected one of `deny-warnings`"),
        ("[clemta]\ndeny-warnings = 'yes'\n", "error: specs/codegen.toml:2: invalid type"),
        ("# pets come later\n[pets]\n", "error: specs/codegen.toml:2: `[pets]` is not the module of any spec in specs/ (they are: clemta)"),
        ("[clemta\n", "error: specs/codegen.toml:1: "),
        ("[clemta]\n\ngroups = \"tag\"\n", "error: specs/codegen.toml:3: unknown grouping `tag`: expected"),
        ("[clemta]\ngroups = { Billing = [\"/v1/invoices\"] }\n", "error: specs/codegen.toml:2: group `Billing` is not a feature name"),
    ] {
        fs::write(&settings, text).unwrap();
        let message = regen(ws.path(), Flags::default()).unwrap_err();
        assert!(message.starts_with(expected), "{text}: {message}");
        assert!(!ws.path().join("generated").exists(), "nothing is generated");
    }
    fs::write(&settings, "[clemta]\n").unwrap();
    regen(ws.path(), Flags::default()).unwrap();
}

#[test]
fn a_pagination_setting_names_the_pattern_a_spec_does_not_show() {
    let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      parameters: [{name: token, in: query, schema: {type: string}}]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {pets: {type: array, items: {type: string}}, more: {type: string}}}\n";
    let ws = workspace(&[("pets.yaml", spec)]);
    let builders = ws.path().join("generated/src/pets/builders.rs");
    regen(ws.path(), Flags::default()).unwrap();
    assert!(!fs::read_to_string(&builders).unwrap().contains("pub fn stream("), "nothing in the spec says it pages");
    let settings = ws.path().join("specs/codegen.toml");
    fs::write(&settings, "[pets]\npagination = { style = \"cursor\", param = \"token\", next = \"more\" }\n").unwrap();
    regen(ws.path(), Flags::default()).unwrap();
    assert!(fs::read_to_string(&builders).unwrap().contains("pub fn stream("));
    fs::write(&settings, "[pets]\npagination = { style = \"sideways\" }\n").unwrap();
    let message = regen(ws.path(), Flags::default()).unwrap_err();
    assert!(message.starts_with("error: specs/codegen.toml:2: unknown variant `sideways`"), "{message}");
}

#[test]
fn the_handler_names_setting_keeps_fastapi_ids_as_written() {
    let spec = "openapi: 3.1.0\ninfo: {title: Items, version: '1'}\npaths:\n  /items/{item_id}:\n    get:\n      operationId: read_item_items__item_id__get\n      parameters: [{name: item_id, in: path, required: true, schema: {type: integer}}]\n      responses: {'204': {description: ok}}\n";
    let ws = workspace(&[("items.yaml", spec)]);
    let client = ws.path().join("generated/src/items/client.rs");
    regen(ws.path(), Flags::default()).unwrap();
    let method = |code: &str, name: &str| code.contains(&format!("pub fn {name}(")) || code.contains(&format!("pub fn {name}<"));
    assert!(method(&fs::read_to_string(&client).unwrap(), "read_item"), "named after the handler by default");
    fs::write(ws.path().join("specs/codegen.toml"), "[items]\nhandler-names = false\n").unwrap();
    regen(ws.path(), Flags::default()).unwrap();
    let written = fs::read_to_string(&client).unwrap();
    assert!(method(&written, "read_item_items_item_id_get") && !method(&written, "read_item"), "the id as written");
}

/// A spec `GET /pets` answering a `Pet` with the given extra properties (YAML lines).
fn pet_api(extra: &str) -> String {
    format!(
        "openapi: 3.0.3\ninfo: {{title: Pets, version: '1'}}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Pet'}}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name: {{type: string}}\n{extra}"
    )
}

fn crate_version(root: &Path) -> String {
    package_version(&fs::read_to_string(root.join("generated/Cargo.toml")).unwrap()).unwrap().0
}

#[test]
fn regen_records_surfaces_reports_changes_and_bumps_on_request() {
    let ws = workspace(&[("pets.yaml", &pet_api(""))]);
    let first = plan(ws.path(), Flags::default()).unwrap();
    assert_eq!(first.reports.len(), 1, "a new API is reported");
    assert_eq!(first.reports[0].semver(), Impact::Minor);
    regen(ws.path(), Flags::default()).unwrap();
    // A module whose surface was never recorded (code from before surfaces were): no report.
    fs::remove_file(ws.path().join("generated/api/pets.txt")).unwrap();
    assert!(plan(ws.path(), Flags::default()).unwrap().reports.is_empty());
    regen(ws.path(), Flags::default()).unwrap();
    let surface = fs::read_to_string(ws.path().join("generated/api/pets.txt")).unwrap();
    assert!(surface.starts_with("# @generated by `cargo xtask regen` from `specs/pets.yaml`"), "{surface}");
    assert!(surface.contains("\nfn list_pets: GET /pets\n") && surface.contains("\nstruct Pet\n  name: Option<String>\n"), "{surface}");
    assert!(plan(ws.path(), Flags::default()).unwrap().reports.is_empty(), "nothing changed");
    assert_eq!(crate_version(ws.path()), "0.1.0");

    // A new field: a Rust break (struct literals), safe on the wire.
    fs::write(ws.path().join("specs/pets.yaml"), pet_api("        age: {type: integer}\n")).unwrap();
    let stale = check(ws.path(), Flags::default()).unwrap_err();
    assert!(stale.contains("stale: generated/api/pets.txt") && stale.contains("+  age: Option<i64>"), "{stale}");
    let plan_now = plan(ws.path(), Flags::default()).unwrap();
    assert_eq!(plan_now.reports.len(), 1);
    let change = &plan_now.reports[0].changes[0];
    assert_eq!((change.what.id(), change.location.to_string()), ("field-added", "Pet.age".to_owned()));
    assert_eq!((change.rust, change.wire), (Impact::Major, Impact::Minor));

    let report_file = ws.path().join("changes.json");
    regen(ws.path(), Flags { bump: true, report: Some(report_file.clone()), ..Flags::default() }).unwrap();
    let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report_file).unwrap()).unwrap();
    assert_eq!(json["semver"], "major");
    assert_eq!(json["apis"][0]["changes"][0]["rule"], "field-added");
    assert_eq!(crate_version(ws.path()), "0.2.0", "a break bumps 0.1.0 to 0.2.0");
    check(ws.path(), Flags::default()).unwrap();

    // Nothing changed since: no report, no bump, the version kept.
    regen(ws.path(), Flags { bump: true, ..Flags::default() }).unwrap();
    assert_eq!(crate_version(ws.path()), "0.2.0");

    // Documentation only: a patch.
    fs::write(ws.path().join("specs/pets.yaml"), pet_api("        age: {type: integer, description: In years.}\n")).unwrap();
    let plan_now = plan(ws.path(), Flags::default()).unwrap();
    assert_eq!(plan_now.reports.iter().map(Report::semver).collect::<Vec<_>>(), [Impact::Patch]);
    regen(ws.path(), Flags { bump: true, ..Flags::default() }).unwrap();
    assert_eq!(crate_version(ws.path()), "0.2.1");
    check(ws.path(), Flags::default()).unwrap();
    assert!(check(ws.path(), Flags { bump: true, ..Flags::default() }).is_err(), "--bump is regen's");
}

#[test]
fn a_removed_spec_is_a_removed_api_and_its_surface_goes() {
    let ws = workspace(&[("clemta.yaml", CLEMTA), ("pets.yaml", &pet_api(""))]);
    regen(ws.path(), Flags::default()).unwrap();
    fs::remove_file(ws.path().join("specs/pets.yaml")).unwrap();
    let plan_now = plan(ws.path(), Flags::default()).unwrap();
    let report = plan_now.reports.iter().find(|r| r.module == "pets").expect("a report for the removed API");
    assert!(report.breaks(), "{report:?}");
    assert!(report.changes.iter().any(|c| c.what.id() == "operation-removed"), "{report:?}");
    regen(ws.path(), Flags::default()).unwrap();
    assert!(!ws.path().join("generated/api/pets.txt").exists());
    assert!(ws.path().join("generated/api/clemta.txt").exists());
    check(ws.path(), Flags::default()).unwrap();
}

#[test]
fn versions_bump_as_cargo_reads_semver() {
    for (version, class, expected) in [
        ("0.1.0", Impact::Major, "0.2.0"),
        ("0.1.3", Impact::Minor, "0.1.4"),
        ("0.1.3", Impact::Patch, "0.1.4"),
        ("1.2.3", Impact::Major, "2.0.0"),
        ("1.2.3", Impact::Minor, "1.3.0"),
        ("1.2.3", Impact::Patch, "1.2.4"),
        ("1.2.3", Impact::None, "1.2.3"),
    ] {
        assert_eq!(bumped(version, class).unwrap(), expected, "{version} {class}");
    }
    assert!(bumped("1.2", Impact::Major).is_err());
    let manifest = "[package]\nname = \"g\"\nversion = \"0.1.0\"\n\n[dependencies]\nx = { version = \"1\" }\n";
    assert_eq!(with_version(manifest, "0.2.0"), manifest.replace("0.1.0", "0.2.0"));
}

/// The README's examples are compiled code, word for word: the quickstart is an example of the
/// generated crate, the OAuth2 sign-in part of its tests against the OAuth2 server.
#[test]
fn readme_examples_are_compiled() {
    let root = workspace_root();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let blocks: Vec<&str> = readme.split("```rust\n").skip(1).map(|rest| &rest[..rest.find("```\n").unwrap()]).collect();
    let homes = ["generated/examples/quickstart.rs", "generated/tests/oauth.rs", "generated/tests/mock.rs"];
    assert_eq!(blocks.len(), homes.len(), "one compiled home per README example");
    for (block, home) in blocks.iter().zip(homes) {
        let code = fs::read_to_string(root.join(home)).unwrap();
        assert!(code.contains(block), "README example and {home} differ");
    }
}

/// The README is a front page: the set-up commands and a short tour, with the depth in `docs/`,
/// and every page it links to exists.
#[test]
fn readme_is_a_front_page() {
    let root = workspace_root();
    let readme = fs::read_to_string(root.join("README.md")).unwrap();
    let lines = readme.lines().count();
    assert!(lines <= 250, "README.md has {lines} lines: move the depth to docs/");
    assert!(readme.contains("cargo xtask regen") && readme.contains("cargo test --workspace"), "the two set-up commands");
    for link in readme.split("](").skip(1).filter_map(|rest| rest.split([')', '#']).next()) {
        if !link.starts_with("http") && !link.is_empty() {
            assert!(root.join(link).exists(), "README links to {link}, which is not there");
        }
    }
}

/// `cargo test` fails while the checked-in generated code differs from what regen writes.
#[test]
fn generated_code_is_fresh() {
    if let Err(report) = check(&workspace_root(), Flags::default()) {
        panic!("{report}");
    }
}

#[test]
fn the_idempotency_header_setting_reaches_every_post() {
    let spec = "openapi: 3.0.3\ninfo: {title: Shop, version: '1'}\npaths:\n  /charges:\n    get:\n      operationId: listCharges\n      responses: {'204': {description: ok}}\n    post:\n      operationId: createCharge\n      responses: {'204': {description: ok}}\n";
    let ws = workspace(&[("shop.yaml", spec)]);
    let builders = ws.path().join("generated/src/shop/builders.rs");
    regen(ws.path(), Flags::default()).unwrap();
    assert!(!fs::read_to_string(&builders).unwrap().contains("Some(\"Idempotency-Key\")"), "the spec declares no key");
    fs::write(ws.path().join("specs/codegen.toml"), "[shop]\nidempotency-header = \"Idempotency-Key\"\n").unwrap();
    regen(ws.path(), Flags::default()).unwrap();
    let written = fs::read_to_string(&builders).unwrap();
    assert_eq!(written.matches("idempotency_header: Some(\"Idempotency-Key\")").count(), 1, "the POST only: {written}");
}
