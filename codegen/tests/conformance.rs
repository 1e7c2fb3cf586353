//! The conformance programs `cargo xtask conformance` runs: every operation called through the
//! typed client, with values from the spec's own schemas and examples.

use std::fs;
use std::path::Path;

use codegen::{SpecFile, conformance, load_model, seeds};

/// The whole program of one spec, for a reviewer to read.
#[test]
fn the_form_fixture_program_reads_as_calls_through_the_client() {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/form_styles.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let program = conformance::program(SpecFile::new("tests/fixtures/form_styles.yaml", &text)).unwrap();
    assert_eq!((program.module.as_str(), program.operations), ("form_styles", 6));
    insta::assert_snapshot!(program.source);
}

/// Every operation of every fixture and seed is called at least twice (minimal and full), through
/// its own `Client` method.
#[test]
fn every_operation_is_called_minimal_and_full() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut specs: Vec<(String, String)> = fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .map(|p| (format!("tests/fixtures/{}", p.file_name().unwrap().to_str().unwrap()), fs::read_to_string(&p).unwrap()))
        .collect();
    specs.sort();
    specs.extend([seeds::CLEMTA, seeds::FAX_PLUS].map(|s| (s.path.to_owned(), s.text.to_owned())));
    for (path, text) in &specs {
        let spec = SpecFile::new(path, text);
        let api = load_model(spec).unwrap();
        let program = conformance::program(spec).unwrap_or_else(|e| panic!("{path}: {e}"));
        for op in &api.operations {
            let name = op.operation_id.clone().unwrap_or_else(|| op.method_name.clone());
            for variant in ["minimal", "full"] {
                let calls = program.calls.iter().filter(|(o, v)| *o == name && *v == variant).count();
                assert_eq!(calls, 1, "{path}: {name} has {calls} {variant} calls");
            }
            assert!(program.source.contains(&format!(".{}(", op.method_name)), "{path}: {name} is not called through its method");
        }
    }
}

/// The seed's example values go through the typed body: the examples call differs from the
/// synthesized one where the spec has examples.
#[test]
fn examples_are_used_where_the_spec_has_them() {
    let program = conformance::program(seeds::FAX_PLUS).unwrap();
    let variants: Vec<&str> = program.calls.iter().map(|(_, v)| *v).collect();
    assert_eq!(variants, ["minimal", "full", "examples"], "{}", program.source);
    assert!(program.source.contains("Jane Smith") || program.source.contains("5f7a8b9c0d1e2f3a4b5c6d7f"), "{}", program.source);
}
