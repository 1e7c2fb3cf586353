//! The change report on the largest corpus spec: `cargo bench -p codegen --bench diff`.
//!
//! The corpus holds one version of the GitHub spec, so the second is made from it here: a copy
//! with changes of every kind a vendor makes (an operation removed, one added, one renamed,
//! fields added, required and retyped, enum values added, docs edited), so that the report has
//! work to do everywhere. `report` is what `cargo xtask diff OLD NEW` does after reading the two
//! files (load both, compare, render as text); `compare` is the comparison of two loaded models
//! alone. The changed copy is written to `target/bench-diff/github-next.json`, to time
//! `cargo xtask diff` itself on the two files. Skipped when `../shared/corpus/` is absent.

use std::path::Path;
use std::time::Duration;

use codegen::{SpecFile, load_model};
use criterion::{Criterion, criterion_group, criterion_main};
use serde_json::{Value, json};

const SPEC: &str = "github-rest-api.json";

/// The next version of `old`: a few of each kind of change, spread over the document.
fn next_version(old: &str) -> String {
    let mut doc: Value = serde_json::from_str(old).expect("the spec is JSON");
    let paths = doc["paths"].as_object_mut().expect("paths");
    let names: Vec<String> = paths.keys().cloned().collect();
    // One operation gone, one renamed, one new; every tenth path's docs edited.
    paths.shift_remove(&names[0]);
    for (i, name) in names.iter().enumerate().skip(1) {
        for (_, op) in paths[name].as_object_mut().expect("a path item").iter_mut().filter(|(_, op)| op.get("operationId").is_some()) {
            if i == 1 {
                let id = op["operationId"].as_str().unwrap_or_default().to_owned();
                op["operationId"] = json!(format!("{id}-renamed"));
            }
            if i % 10 == 0 {
                op["summary"] = json!("Edited summary.");
            }
        }
    }
    paths.insert(
        "/bench/added".to_owned(),
        json!({"get": {"operationId": "bench/added", "responses": {"204": {"description": "Nothing."}}}}),
    );
    // In every twentieth schema: a new optional field, a new required one where the schema has
    // properties, a string property retyped; in every enum, a new value.
    let schemas = doc["components"]["schemas"].as_object_mut().expect("schemas");
    for (i, (_, schema)) in schemas.iter_mut().enumerate() {
        if let Some(values) = schema.get_mut("enum").and_then(Value::as_array_mut) {
            values.push(json!("bench_value"));
        }
        if i % 20 != 0 {
            continue;
        }
        let Some(properties) = schema.get_mut("properties").and_then(Value::as_object_mut) else { continue };
        if let Some((_, p)) = properties.iter_mut().find(|(_, p)| p.get("type") == Some(&json!("string")) && p.get("enum").is_none()) {
            p["type"] = json!("integer");
        }
        properties.insert("bench_note".to_owned(), json!({"type": "string", "description": "Added."}));
        properties.insert("bench_count".to_owned(), json!({"type": "integer"}));
        match schema.get_mut("required").and_then(Value::as_array_mut) {
            Some(required) => required.push(json!("bench_count")),
            None => schema["required"] = json!(["bench_count"]),
        }
    }
    serde_json::to_string(&doc).expect("JSON")
}

fn diff(c: &mut Criterion) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus").join(SPEC);
    let old = match std::fs::read_to_string(&path) {
        Ok(text) => text,
        Err(e) => {
            eprintln!("skipping {SPEC}: {e}");
            return;
        }
    };
    let new = next_version(&old);
    let copy = Path::new(env!("CARGO_MANIFEST_DIR")).join("../target/bench-diff");
    if std::fs::create_dir_all(&copy).and_then(|()| std::fs::write(copy.join("github-next.json"), &new)).is_err() {
        eprintln!("cannot write the changed copy into {}", copy.display());
    }
    let report = |old: &str, new: &str| {
        let (a, b) =
            (load_model(SpecFile::new("old/github.json", old)).unwrap(), load_model(SpecFile::new("new/github.json", new)).unwrap());
        codegen::diff::text(&[codegen::diff::diff(&a, &b)])
    };
    let text = report(&old, &new);
    eprintln!("{SPEC}: {}", text.lines().next().unwrap_or_default());
    let (a, b) = (load_model(SpecFile::new("old/github.json", &old)).unwrap(), load_model(SpecFile::new("new/github.json", &new)).unwrap());

    let mut group = c.benchmark_group("diff");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(5));
    group.bench_function(format!("report/{SPEC}"), |bench| bench.iter(|| report(&old, &new)));
    group.bench_function(format!("compare/{SPEC}"), |bench| bench.iter(|| codegen::diff::diff(&a, &b)));
    group.bench_function(format!("compare_surfaces/{SPEC}"), |bench| {
        let (sa, sb) = (codegen::diff::Surface::of(&a), codegen::diff::Surface::of(&b));
        bench.iter(|| codegen::diff::diff_surfaces(&sa, &sb))
    });
    group.finish();
}

criterion_group!(benches, diff);
criterion_main!(benches);
