//! Generates a client module for every fixture spec in `codegen/tests/fixtures/` into OUT_DIR,
//! so the wire tests exercise exactly what the generator emits.

use std::fmt::Write as _;
use std::path::Path;
use std::{env, fs};

fn main() {
    let fixtures = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/fixtures");
    println!("cargo::rerun-if-changed={}", fixtures.display());
    let mut paths: Vec<_> = fs::read_dir(&fixtures).expect("fixtures folder").map(|e| e.expect("entry").path()).collect();
    paths.sort();
    let mut out = String::new();
    for path in paths {
        println!("cargo::rerun-if-changed={}", path.display());
        let text = fs::read_to_string(&path).expect("fixture text");
        let label = path.display().to_string();
        let source = codegen::generate_inline_module(codegen::SpecFile::new(&label, &text))
            .unwrap_or_else(|e| panic!("{e}"));
        let module = codegen::module_name(&label);
        let file = Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join(format!("{module}.rs"));
        fs::write(&file, source).expect("write generated module");
        let _ = writeln!(out, "pub mod {module} {{ include!(concat!(env!(\"OUT_DIR\"), \"/{module}.rs\")); }}");
    }
    fs::write(Path::new(&env::var("OUT_DIR").expect("OUT_DIR")).join("fixtures.rs"), out).expect("write fixtures.rs");
}
