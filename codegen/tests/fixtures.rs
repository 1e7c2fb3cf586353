//! One small spec per construct in `tests/fixtures/`, each with a snapshot of its API surface and
//! of its generated code, so a reviewer sees each behaviour's diff on its own.

use std::fs;
use std::path::Path;

use codegen::{SpecFile, generate_api, load_model, surface};

#[test]
fn every_fixture_matches_its_snapshots() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures");
    let mut paths: Vec<_> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().path()).collect();
    paths.sort();
    assert!(paths.len() >= 8, "fixtures missing from {}", dir.display());
    for path in paths {
        let name = path.file_stem().unwrap().to_str().unwrap().to_owned();
        let text = fs::read_to_string(&path).unwrap();
        let label = format!("tests/fixtures/{}", path.file_name().unwrap().to_str().unwrap());
        let spec = match idempotency_setting(&text) {
            Some(header) => SpecFile::new(&label, &text).with_idempotency_header(header),
            None => SpecFile::new(&label, &text),
        };
        let api = load_model(spec).unwrap_or_else(|e| panic!("{e}"));
        insta::assert_snapshot!(format!("{name}_surface"), surface(&api));
        let out = generate_api(spec).unwrap_or_else(|e| panic!("{e}"));
        let code: String = out.files.iter().map(|f| format!("==> {} <==\n{}", f.path, f.contents)).collect();
        insta::assert_snapshot!(format!("{name}_code"), code);
    }
}

/// A fixture's first line may stand for the `idempotency-header` setting of `specs/codegen.toml`:
/// `# idempotency-header: NAME` (the wire tests' build script reads it too).
fn idempotency_setting(text: &str) -> Option<&str> {
    text.lines().next()?.strip_prefix("# idempotency-header: ")
}
