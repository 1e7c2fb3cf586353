//! Specs split across files: `$ref`s to files beside the spec are read, each node brought in
//! once, and every message names the file and line it comes from.

use std::path::Path;

use codegen::{ErrorKind, Files, SpecFile, generate_api, load_model_warned, surface};

fn files() -> Files {
    Files::new(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/multi_file"), "specs")
}

fn root_text() -> String {
    std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/multi_file/petstore/openapi.yaml")).unwrap()
}

#[test]
fn a_spec_in_several_files_generates_as_one() {
    let files = files();
    let text = root_text();
    let spec = SpecFile::new("specs/petstore/openapi.yaml", &text).with_files(&files);
    let (api, warnings) = load_model_warned(spec).unwrap_or_else(|e| panic!("{e}"));
    insta::assert_snapshot!("petstore_surface", surface(&api));
    // One `Pet` however many files and paths name it.
    assert_eq!(api.types.iter().filter(|t| t.name == "Pet").count(), 1);
    assert!(api.types.iter().all(|t| !t.name.starts_with("Pet2")), "{}", surface(&api));
    // The slip sits in a shared file: the warning says which, and where.
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    let w = &warnings[0];
    assert_eq!((w.file.as_str(), w.line), ("specs/common/responses.yaml", Some(11)), "{w}");
    assert_eq!(w.pointer, "/components/responses/Problem/content/application~1json/schema/properties/detail/$ref");
    let out = generate_api(spec).unwrap();
    assert_eq!(out.operations, 3);
}

fn error_of(text: &str) -> codegen::Error {
    let files = files();
    let spec = SpecFile::new("specs/petstore/openapi.yaml", text).with_files(&files);
    match load_model_warned(spec) {
        Ok(_) => panic!("expected an error"),
        Err(e) => e,
    }
}

const HEAD: &str = "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n";

#[test]
fn refs_to_urls_and_outside_the_folder_are_errors() {
    let e = error_of(&format!("{HEAD}    A: {{$ref: 'https://example.com/a.yaml#/A'}}\n"));
    assert_eq!((e.kind.clone(), e.pointer.as_str(), e.line), (ErrorKind::Unsupported, "/components/schemas/A/$ref", Some(6)));
    assert!(e.message.contains("never a URL"), "{e}");
    let e = error_of(&format!("{HEAD}    A: {{$ref: '../../outside.yaml'}}\n"));
    assert!(e.message.contains("leaves the folder `specs`"), "{e}");
    let e = error_of(&format!("{HEAD}    A: {{$ref: '/etc/passwd'}}\n"));
    assert_eq!(e.kind, ErrorKind::Unsupported);
}

#[test]
fn a_missing_or_broken_file_is_named() {
    let e = error_of(&format!("{HEAD}    A: {{$ref: './nope.yaml'}}\n"));
    assert_eq!(e.file, "specs/petstore/openapi.yaml");
    assert!(e.message.contains("cannot read `specs/petstore/nope.yaml`"), "{e}");
    let e = error_of(&format!("{HEAD}    A: {{$ref: '../broken/bad.yaml'}}\n"));
    assert_eq!((e.kind.clone(), e.file.as_str(), e.line), (ErrorKind::Syntax, "specs/broken/bad.yaml", Some(4)), "{e}");
}

#[test]
fn a_spec_given_alone_cannot_read_other_files() {
    let spec = SpecFile::new(
        "specs/a.yaml",
        "openapi: 3.0.3\ninfo: {title: t, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    A: {$ref: 'b.yaml'}\n",
    );
    let e = load_model_warned(spec).unwrap_err();
    assert_eq!((e.kind.clone(), e.pointer.as_str()), (ErrorKind::Unsupported, "/components/schemas/A/$ref"));
}
