//! Generates a client module for every fixture spec in `codegen/tests/fixtures/` into OUT_DIR,
//! so the wire tests exercise exactly what the generator emits, and the example tests regen
//! would write for each (`tests/examples.rs` runs them).

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    println!("cargo::rerun-if-changed={}", fixtures.display());
    let mut paths: Vec<_> = fs::read_dir(&fixtures).expect("fixtures folder").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let mut out = String::new();
    let mut examples = String::new();
    for path in paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("fixture text");
        let label = path.display().to_string();
        let spec = match idempotency_setting(&text) {
            Some(header) => codegen::SpecFile::new(&label, &text).with_idempotency_header(header),
            None => codegen::SpecFile::new(&label, &text),
        };
        let source = codegen::generate_inline_module(spec).unwrap_or_else(|e| panic!("{e}"));
        let module = codegen::module_name(&label);
        let file = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join(format!("{module}.rs"));
        fs::write(&file, source).expect("write generated module");
        let _ = writeln!(out, "pub mod {module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{module}.rs\")); }}");
        // The example tests regen writes for a crate, pointed at this one instead.
        let api = codegen::generate_api(spec).unwrap_or_else(|e| panic!("{e}"));
        if let Some(test) = api.files.iter().find(|f| f.path == format!("tests/{module}_examples.rs")) {
            let body: String = test
                .contents
                .lines()
                .filter(|l| !l.starts_with("//!") && !l.starts_with("#![") && *l != "mod support;")
                .map(|l| format!("{}\n", l.replace("use generated::", "use wire_tests::")))
                .collect();
            let file = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join(format!("{module}_examples.rs"));
            fs::write(&file, body).expect("write examples test");
            let _ = writeln!(
                examples,
                "mod {module} {{ use super::support; include!(concat!(env!(\"OUT_DIR\"), \"/{module}_examples.rs\")); }}"
            );
        }
    }
    let out_dir = env::var("OUT_DIR").expect("OUT_DIR");
    fs::write(Path::new(&out_dir).join("fixtures.rs"), out).expect("write fixtures.rs");
    fs::write(Path::new(&out_dir).join("examples.rs"), examples).expect("write examples.rs");
}

/// A fixture's first line may stand for the `idempotency-header` setting of `specs/codegen.toml`:
/// `# idempotency-header: NAME` (as the generator's fixture snapshots read it).
fn idempotency_setting(text: &str) -> Option<&str> {
    text.lines().next()?.strip_prefix("# idempotency-header: ")
}
