//! Every failure `cargo xtask fuzz` found, kept as a spec in `tests/fuzz_regressions/`: each one
//! generates or fails with a located error, in bounded time, and without panicking; the tests
//! below say what each was and check its own outcome, fixed where its cause was. A failure
//! found but not yet fixed would be `#[ignore]`d with its reason and listed as known in
//! `xtask/src/fuzz.rs`; there is none.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::{ErrorKind, SpecFile, generate_crate};

fn folder() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fuzz_regressions")
}

fn text(name: &str) -> String {
    std::fs::read_to_string(folder().join(name)).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Generates `text` as the CLI does, on a thread with the main thread's 8 MB of stack (a test's
/// own thread has 2 MB), and returns the outcome and how long it took.
fn generate(name: &str, text: String) -> (Result<usize, Vec<codegen::Error>>, Duration) {
    let label = format!("tests/fuzz_regressions/{name}");
    std::thread::Builder::new()
        .stack_size(8 << 20)
        .spawn(move || {
            let started = Instant::now();
            let outcome = generate_crate(&[SpecFile::new(&label, &text)]).map(|(_, files)| files.len());
            (outcome, started.elapsed())
        })
        .expect("a thread")
        .join()
        .unwrap_or_else(|_| panic!("{name}: the generator panicked"))
}

/// Every error names its place: a line, or a pointer into the document.
fn assert_located(name: &str, errors: &[codegen::Error]) {
    for e in errors {
        assert!(!e.file.is_empty() && (e.line.is_some() || !e.pointer.is_empty()) || e.kind == ErrorKind::Syntax, "{name}: {e}");
    }
}

#[test]
fn every_regression_generates_or_fails_with_a_located_error_in_bounded_time() {
    let mut names: Vec<String> = std::fs::read_dir(folder())
        .expect("the regressions folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".yaml") || n.ends_with(".json"))
        .collect();
    names.sort();
    assert!(names.len() >= 8, "{names:?}");
    for name in &names {
        let (outcome, took) = generate(name, text(name));
        if let Err(errors) = &outcome {
            assert_located(name, errors);
        }
        assert!(took < Duration::from_secs(20), "{name} took {took:?}");
    }
}

#[test]
fn an_inline_all_of_that_contains_itself_is_a_recursive_type() {
    for name in ["inline_all_of_contains_itself.yaml", "inline_all_of_contains_itself_swagger2.yaml"] {
        let (outcome, _) = generate(name, text(name));
        assert!(outcome.is_ok(), "{name}: {outcome:?}");
    }
    let spec = text("inline_all_of_contains_itself.yaml");
    let api = codegen::load_model(SpecFile::new("a.yaml", &spec)).unwrap();
    let child = api.types.iter().find(|t| t.name == "NodeChild").expect("the inline allOf is a type");
    let codegen::model::TypeKind::Struct(s) = &child.kind else { panic!("{child:?}") };
    let wire: Vec<&str> = s.fields.iter().map(|f| f.wire_name.as_str()).collect();
    assert_eq!(wire, ["child", "label"]);
    // Its `child` is itself, boxed.
    assert!(s.fields[0].boxed, "{:?}", s.fields[0]);
}

#[test]
fn a_node_used_in_two_roles_stops_bundling_at_once() {
    let (outcome, took) = generate("ref_used_in_two_roles.yaml", text("ref_used_in_two_roles.yaml"));
    assert!(took < Duration::from_secs(2), "{took:?}");
    let errors = outcome.expect_err("a request body is no response");
    assert_located("ref_used_in_two_roles.yaml", &errors);
    assert!(!errors[0].message.contains("keep bringing in new nodes"), "{}", errors[0]);
}

#[test]
fn a_response_reused_from_a_path_without_operation_id_resolves() {
    let (outcome, _) = generate("ref_into_a_path_without_operation_id.yaml", text("ref_into_a_path_without_operation_id.yaml"));
    assert!(outcome.is_ok(), "{outcome:?}");
}

#[test]
fn yaml_alias_bombs_are_refused_small() {
    for (name, expected) in [("billion_laughs.yaml", "repetition limit exceeded"), ("quadratic_alias_bomb.yaml", "alias bomb")] {
        let (outcome, took) = generate(name, text(name));
        let errors = outcome.expect_err("an alias bomb is refused");
        assert_eq!(errors[0].kind, ErrorKind::Syntax, "{name}");
        assert!(errors[0].message.contains(expected), "{name}: {}", errors[0]);
        assert!(took < Duration::from_secs(10), "{name}: {took:?}");
    }
}

#[test]
fn deep_flow_nesting_is_refused_at_once() {
    let (outcome, took) = generate("deep_flow_nesting.yaml", text("deep_flow_nesting.yaml"));
    let errors = outcome.expect_err("refused");
    assert_eq!((errors[0].kind.clone(), errors[0].line), (ErrorKind::Syntax, Some(8)), "{}", errors[0]);
    assert!(took < Duration::from_secs(2), "{took:?}");
}

/// Thousands of schemas, each an alias of a map of the next: checking alias cycles and boxing
/// recursive fields searched the graph once per type (quadratic: 16 000 schemas took seconds in
/// a release build, minutes in a debug one). Built here rather than stored: it is 150 kB.
#[test]
fn long_alias_chains_and_big_cycles_are_checked_in_linear_time() {
    let n = 3000;
    let mut text = String::from("openapi: 3.0.3\ninfo: {title: Chain, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..n {
        text.push_str(&format!("    A{i}: {{type: object, additionalProperties: {{$ref: '#/components/schemas/A{}'}}}}\n", i + 1));
        text.push_str(&format!("    S{i}: {{type: object, properties: {{next: {{$ref: '#/components/schemas/S{}'}}}}}}\n", (i + 1) % n));
    }
    text.push_str(&format!("    A{n}: {{type: string}}\n"));
    let started = Instant::now();
    let api = codegen::load_model(SpecFile::new("chain.yaml", &text)).unwrap();
    assert!(started.elapsed() < Duration::from_secs(10), "{:?}", started.elapsed());
    // The ring of structs is one cycle: every `next` is boxed.
    let boxed = api.types.iter().filter(|t| matches!(&t.kind, codegen::model::TypeKind::Struct(s) if s.fields[0].boxed)).count();
    assert_eq!(boxed, n);
}

#[test]
fn a_value_listed_twice_is_one_variant() {
    let api = codegen::load_model(SpecFile::new("a.yaml", &text("duplicate_enum_values.yaml"))).unwrap();
    let enums: Vec<Vec<&str>> = api
        .types
        .iter()
        .filter_map(|t| match &t.kind {
            codegen::model::TypeKind::Enum(e) => Some(e.variants.iter().map(|v| v.wire_name.as_str()).collect()),
            _ => None,
        })
        .collect();
    assert_eq!(enums, [vec!["fast", "slow"], vec!["X-Request-Id", "url"]]);
}

#[test]
fn tags_that_do_not_tell_the_variants_apart_are_not_used() {
    let api = codegen::load_model(SpecFile::new("a.yaml", &text("duplicate_discriminator_tags.yaml"))).unwrap();
    let kind = api.types.iter().find(|t| t.name == "Kind").expect("Kind");
    let codegen::model::TypeKind::OneOf(one_of) = &kind.kind else { panic!("{kind:?}") };
    assert_eq!((one_of.variants.len(), &one_of.discriminator), (3, &None));
}

#[test]
fn alternatives_that_are_all_null_are_any_value() {
    let api = codegen::load_model(SpecFile::new("a.yaml", &text("only_null_alternatives.yaml"))).unwrap();
    let empty: Vec<&str> = api
        .types
        .iter()
        .filter(|t| matches!(&t.kind, codegen::model::TypeKind::OneOf(o) if o.variants.is_empty()))
        .map(|t| t.name.as_str())
        .collect();
    assert!(empty.is_empty(), "enums without variants: {empty:?}");
    let nothing = api.types.iter().find(|t| t.name == "Nothing").expect("Nothing");
    assert!(matches!(&nothing.kind, codegen::model::TypeKind::Alias(codegen::model::TypeRef::Json)), "{nothing:?}");
}

/// The generated files of a regression spec that generates.
fn files(name: &str) -> Vec<codegen::GeneratedFile> {
    let label = format!("tests/fuzz_regressions/{name}");
    let text = text(name);
    generate_crate(&[SpecFile::new(&label, &text)]).unwrap_or_else(|e| panic!("{name}: {e:?}")).1
}

/// The doc comments of the generated code, each as its lines without their `///` or `//!`;
/// block doc comments (`/*! … */`, which prettyplease writes for docs with line breaks) line by
/// line. A comment ends at the first line that is not part of it.
fn doc_comments(files: &[codegen::GeneratedFile]) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = Vec::new();
    for file in files {
        let mut block = false;
        let mut current: Vec<String> = Vec::new();
        for line in file.contents.split('\n') {
            let trimmed = line.trim_start();
            if block || trimmed.starts_with("/*!") || trimmed.starts_with("/**") {
                let text = trimmed.trim_start_matches("/*!").trim_start_matches("/**");
                block = !text.contains("*/");
                current.push(text.split("*/").next().unwrap_or_default().to_owned());
            } else if let Some(text) = trimmed.strip_prefix("///").or_else(|| trimmed.strip_prefix("//!")) {
                current.push(text.to_owned());
            } else if !current.is_empty() {
                out.push(std::mem::take(&mut current));
            }
        }
        out.extend((!current.is_empty()).then_some(current));
    }
    out
}

/// A CR in a description made a doc comment rustc refuses (a bare CR), a tab one clippy
/// refuses (`tabs_in_doc_comments`): line endings are line breaks, tabs are spaces.
#[test]
fn descriptions_with_cr_and_tabs() {
    let files = files("descriptions_with_cr_and_tabs.yaml");
    let lines: Vec<String> = doc_comments(&files).concat();
    let bad: Vec<&String> = lines.iter().filter(|l| l.contains('\r') || l.contains('\t')).collect();
    assert!(bad.is_empty(), "{bad:?}");
    // The text is all there, each line ending a break and each tab a space.
    let text = lines.join("\n");
    for expected in ["line one line two line three", "Tabs    in  the text", "a b", "c   d"] {
        assert!(text.contains(expected), "{expected:?} in {text}");
    }
}

/// Markdown that clippy's doc lints refuse: a line after a list item or a quote that neither
/// starts a new block nor is indented (`doc_lazy_continuation`), an over-indented list item
/// (`doc_overindented_list_items`); in the spec's title too, which the generator writes into
/// lines of its own.
#[test]
fn markdown_descriptions() {
    let files = files("markdown_descriptions.yaml");
    let item = |l: &str| {
        let l = l.trim_start();
        l.starts_with("- ")
            || l.starts_with("> ")
            || l.contains(": - ")
            || l.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()))
    };
    let comments = doc_comments(&files);
    let lazy: Vec<(&String, &String)> = comments
        .iter()
        .flat_map(|lines| lines.windows(2))
        .filter(|w| {
            item(&w[0]) && !w[1].trim().is_empty() && !item(&w[1]) && !w[1].starts_with("   ") && !w[1].trim_start().starts_with('>')
        })
        .map(|w| (&w[0], &w[1]))
        .collect();
    assert!(lazy.is_empty(), "{lazy:?}");
    let over_indented: Vec<&String> = comments.iter().flatten().filter(|l| l.starts_with("     ") && item(l)).collect();
    assert!(over_indented.is_empty(), "{over_indented:?}");
    // The title is one line, whose `-` starts no list (escaped, it shows as it is).
    let text = comments.concat().join("\n");
    assert!(text.contains("\n \\- a list continued lazily, version 1.\n"), "{text}");
    assert!(text.contains("Client for the \\- a list continued lazily (version 1)."), "{text}");
}

/// A title whose first word is not ASCII panicked the check that keeps a title from starting a
/// list (a byte slice inside a character), found by the run after `markdown_descriptions`'s fix.
#[test]
fn non_ascii_title() {
    let files = files("non_ascii_title.yaml");
    let text = doc_comments(&files).concat().join("\n");
    assert!(text.contains("\n ünïcödé API, version Ⅻ.\n"), "{text}");
    assert!(text.contains("Client for the ünïcödé API (version Ⅻ)."), "{text}");
}

/// A security scheme named `base_url` made the setter `with_base_url`, the client's own
/// constructor: the crate did not compile.
#[test]
fn scheme_named_like_a_client_method() {
    let api = codegen::load_model(SpecFile::new("a.yaml", &text("scheme_named_like_a_client_method.yaml"))).unwrap();
    let names: Vec<&str> = api.security_schemes.iter().map(|s| s.rust_name.as_str()).collect();
    assert_eq!(names, ["base_url_", "timeout_", "retry_"]);
    let files = files("scheme_named_like_a_client_method.yaml");
    let client = files.iter().find(|f| f.path.ends_with("/client.rs")).expect("client.rs");
    for method in ["with_base_url", "with_timeout", "with_retry", "with_base_url_", "with_timeout_", "with_retry_"] {
        let defined = client.contents.matches(&format!("pub fn {method}(")).count();
        assert_eq!(defined, 1, "{method}: {}", client.contents);
    }
}

/// Names of digits only or of another script became identifiers clippy refuses: a parameter
/// `1` (or `%20`) was `_1` (`just_underscores_and_digits`), a scheme `3d-model` gave the method
/// `with__3d_model` (`non_snake_case`). Digits alone are a numbered value, and the setter joins
/// `with_` to the scheme's name without a second underscore.
#[test]
fn odd_names() {
    let files = files("odd_names.yaml");
    let code: String = files.iter().map(|f| f.contents.as_str()).collect();
    let words = code.split(|c: char| !(c.is_alphanumeric() || c == '_'));
    let bad: std::collections::BTreeSet<&str> = words
        .filter(|w| (w.starts_with('_') && w.len() > 1 && w[1..].bytes().all(|b| b.is_ascii_digit() || b == b'_')) || w.contains("__"))
        .collect();
    assert!(bad.is_empty(), "{bad:?}");
    let api = codegen::load_model(SpecFile::new("a.yaml", &text("odd_names.yaml"))).unwrap();
    let params: Vec<(&str, &str)> = api.operations[0].params.iter().map(|p| (p.wire_name.as_str(), p.rust_name.as_str())).collect();
    // `value` is a local of the generated method: the parameter takes `value_`.
    assert_eq!(params, [("1", "value_1"), ("مرحبا", "value_")]);
    assert!(code.contains("pub fn with_3d_model("), "{code}");
}

/// `200` and `2XX` both documented made the arms `200 =>` and `200..=299 =>` of one match,
/// which clippy flags (`match_overlapping_arm`): the range's arm takes what the code leaves.
#[test]
fn a_status_and_its_range() {
    let files = files("a_status_and_its_range.yaml");
    let code: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(code.contains("200 => response.json()") && code.contains("201..=299 => response.json()"), "{code}");
    assert!(!code.contains("200..=299"), "overlapping arms");
}

/// A pipe-delimited query array of binary strings mapped its items with
/// `|item| crate::runtime::to_text(item)`, which clippy flags (`redundant_closure`).
#[test]
fn pipe_delimited_binary() {
    let files = files("pipe_delimited_binary.yaml");
    let code: String = files.iter().map(|f| f.contents.as_str()).collect();
    assert!(!code.contains("|item| crate::runtime::to_text(item)"), "a redundant closure");
    assert!(code.contains(".map(crate::runtime::to_text)"), "{code}");
}

/// A required array-of-enum parameter is `&'a [types::…]` in its builder, but `builders.rs`
/// imported `types` only for optional parameters: the crate did not compile.
#[test]
fn required_enum_array_parameter() {
    let files = files("required_enum_array_parameter.yaml");
    let builders = files.iter().find(|f| f.path.ends_with("/builders.rs")).expect("builders.rs");
    assert!(builders.contents.contains("[types::"), "{}", builders.contents);
    assert!(builders.contents.contains("use super::types;"), "builders.rs names `types` without importing it");
}

/// Thousands of `oneOf`s, each an alternative of the one before (found by the raw bombs: 1 400
/// took 5.6 s in a debug build). The sizes that decide which variants to box were measured
/// afresh for every `oneOf`, down the whole chain: quadratic (2 800 took 1.7 s in a release
/// build). Each type is now measured once.
#[test]
fn long_one_of_chains_are_sized_in_linear_time() {
    let n = 3000;
    let mut text = String::from("openapi: 3.0.3\ninfo: {title: Chain, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
    for i in 0..n {
        let next = if i + 1 < n { format!("{{$ref: '#/components/schemas/S{}'}}", i + 1) } else { "{type: string}".to_owned() };
        text.push_str(&format!("    S{i}: {{oneOf: [{next}, {{type: object, properties: {{p{i}: {{type: integer}}}}}}]}}\n"));
    }
    let started = Instant::now();
    codegen::load_model(SpecFile::new("chain.yaml", &text)).unwrap();
    assert!(started.elapsed() < Duration::from_secs(5), "{:?}", started.elapsed());
}

/// `Vec<Vec<…>>` 60 deep: syn's parser overflowed the 2 MB stack of a rendering thread in a
/// debug build (an abort). Loading and rendering now run on threads of 16 MB, and lowering
/// refuses types nested deeper than 64, at their place.
#[test]
fn deeply_nested_arrays_render() {
    let (outcome, _) = generate("deeply_nested_arrays.yaml", text("deeply_nested_arrays.yaml"));
    assert!(outcome.is_ok(), "{outcome:?}");
    let nested = |depth: usize| {
        let mut text = String::from("openapi: 3.0.3\ninfo: {title: Deep, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n    Deep:\n");
        for level in 0..depth {
            let indent = " ".repeat(6 + 2 * level);
            text.push_str(&format!("{indent}type: array\n{indent}items:\n"));
        }
        text.push_str(&format!("{}type: string\n", " ".repeat(6 + 2 * depth)));
        text
    };
    // On the test's own 2 MB thread: the generator's stack does not depend on its caller's.
    assert!(generate_crate(&[SpecFile::new("deep.yaml", &nested(64))]).is_ok());
    let errors = generate_crate(&[SpecFile::new("deep.yaml", &nested(100))]).expect_err("too deep");
    assert_located("deep.yaml", &errors);
    assert!(errors[0].message.contains("nest more than 64 deep"), "{}", errors[0]);
    // The innermost place where the nesting passes the bound.
    assert_eq!(errors[0].pointer.matches("/items").count(), 100 - 65, "{}", errors[0]);
}

/// 3.1's `mutualTLS` security scheme is unknown to openapiv3 (a 3.0 reader): it refused the
/// whole spec. The 3.1 upgrade drops it with a warning at the scheme.
#[test]
fn a_mutual_tls_scheme_does_not_refuse_the_spec() {
    let (outcome, _) = generate("mutual_tls_scheme.yaml", text("mutual_tls_scheme.yaml"));
    assert!(outcome.is_ok(), "{outcome:?}");
    let (api, warnings) = codegen::load_model_warned(SpecFile::new("a.yaml", &text("mutual_tls_scheme.yaml"))).unwrap();
    let keys: Vec<&str> = api.security_schemes.iter().map(|s| s.key.as_str()).collect();
    assert_eq!(keys, ["key"]);
    // `[{mtls: []}, {key: []}]`: the first asks for nothing the generated code sends.
    assert_eq!(api.operations[0].security.len(), 2);
    assert!(api.operations[0].security[0].is_empty(), "{:?}", api.operations[0].security);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert_eq!((warnings[0].pointer.as_str(), warnings[0].line), ("/components/securitySchemes/mtls", Some(16)));
    assert!(warnings[0].message.contains("mutualTLS"), "{}", warnings[0]);
}

/// A component named `a/b` or `~` is referred to as `#/components/schemas/a~1b` and
/// `#/components/schemas/~0` (RFC 6901); lowering looked the escaped token up as written.
#[test]
fn component_names_with_slash_or_tilde_resolve() {
    let (outcome, _) = generate("component_names_with_slash_or_tilde.yaml", text("component_names_with_slash_or_tilde.yaml"));
    assert!(outcome.is_ok(), "{outcome:?}");
    let api = codegen::load_model(SpecFile::new("a.yaml", &text("component_names_with_slash_or_tilde.yaml"))).unwrap();
    let slash = api.types.iter().find(|t| t.pointer == "/components/schemas/a~1b").expect("a/b");
    let tilde = api.types.iter().position(|t| t.pointer == "/components/schemas/~0").expect("~");
    let codegen::model::TypeKind::Struct(s) = &slash.kind else { panic!("{slash:?}") };
    assert_eq!(s.fields[0].ty, codegen::model::TypeRef::Named(codegen::model::TypeId(tilde)));
    let get_a = &api.operations[0];
    assert_eq!(get_a.success.as_ref().map(|ty| matches!(ty, codegen::model::TypeRef::Named(_))), Some(true));
}

/// Found in review: whether a required field can hold `null` (and so keeps it) was asked of
/// recursive unions by following every path up to a depth, which is exponential in the number
/// of variants (4 unions of each other: 4^16 steps a field). Each type is now looked at once.
#[test]
fn unions_of_each_other_are_looked_at_once() {
    let mut text = String::from("openapi: 3.0.3\ninfo: {title: Unions, version: '1'}\npaths: {}\ncomponents:\n  schemas:\n");
    let unions = ["U0", "U1", "U2", "U3"];
    for name in unions {
        let refs: Vec<String> = unions.iter().map(|u| format!("{{$ref: '#/components/schemas/{u}'}}")).collect();
        text.push_str(&format!("    {name}:\n      oneOf: [{}, {{type: integer}}]\n", refs.join(", ")));
    }
    text.push_str("    Holder:\n      type: object\n      required: [a, b]\n      properties:\n        a: {$ref: '#/components/schemas/U0'}\n        b: {oneOf: [{$ref: '#/components/schemas/U3'}, {}]}\n");
    let (outcome, took) = generate("unions.yaml", text.clone());
    outcome.expect("generated");
    assert!(took < Duration::from_secs(20), "{took:?}");
    let files = generate_crate(&[SpecFile::new("unions.yaml", &text)]).expect("generated").1;
    let types = files.iter().find(|f| f.path.ends_with("/types.rs")).expect("types.rs");
    // `a` is a union of integers only; `b` may be any value, `null` among them.
    assert!(types.contents.contains(r#"("a", &mut a)"#), "{}", types.contents);
    assert!(types.contents.contains(r#"("b", &mut crate::runtime::Present(&mut b))"#), "{}", types.contents);
}

/// Found in review: the success answers' headers are merged into one struct, but each answer
/// had named its own, so `X-Id` of one and `x_id` of another were two fields `x_id` and the
/// crate did not compile. The merged fields are named together.
#[test]
fn headers_of_two_success_answers_have_distinct_names() {
    let text = "openapi: 3.0.3\ninfo: {title: Headers, version: '1'}\npaths:\n  /a:\n    get:\n      operationId: getA\n      responses:\n        '200':\n          description: ok\n          headers: {X-Id: {schema: {type: string}}}\n        '201':\n          description: made\n          headers: {x_id: {schema: {type: string}}}\n";
    let api = codegen::load_model(SpecFile::new("headers.yaml", text)).unwrap();
    let headers = api.operations[0].success_headers.as_ref().expect("success headers");
    let names: Vec<(&str, &str)> = headers.fields.iter().map(|f| (f.wire_name.as_str(), f.rust_name.as_str())).collect();
    assert_eq!(names, [("X-Id", "x_id"), ("x_id", "x_id_2")]);
}
