//! Each stage of the generator on the seeds and the largest corpus specs:
//! `cargo bench -p codegen` (specs from `../shared/corpus/` are skipped when it is absent).
//!
//! The floors: `parse_yaml` reads the text into a generic YAML value (JSON is YAML too), and
//! `parse_native` into a generic value with its own format's parser (serde_json for JSON). The
//! stages: `load` (text into the OpenAPI structs), `lower`, `emit`, `render`; `total` is all.

use std::path::Path;
use std::time::Duration;

use codegen::{SpecFile, stages};
use criterion::{BenchmarkId, Criterion, criterion_group, criterion_main};

const CORPUS: &[&str] = &["oxide-wicketd.json", "oxide-nexus.json", "box-platform.json", "asana.yaml", "github-rest-api.json"];

fn specs() -> Vec<(String, String)> {
    let mut specs = vec![
        ("fax_plus.yaml".to_owned(), codegen::seeds::FAX_PLUS.text.to_owned()),
        ("clemta.yaml".to_owned(), codegen::seeds::CLEMTA.text.to_owned()),
    ];
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/corpus");
    for name in CORPUS {
        match std::fs::read_to_string(dir.join(name)) {
            Ok(text) => specs.push(((*name).to_owned(), text)),
            Err(e) => eprintln!("skipping {name}: {e}"),
        }
    }
    specs
}

fn pipeline(c: &mut Criterion) {
    let mut group = c.benchmark_group("pipeline");
    group.sample_size(10).warm_up_time(Duration::from_millis(500)).measurement_time(Duration::from_secs(3));
    for (name, text) in specs() {
        let spec = SpecFile::new(&name, &text);
        let doc = stages::load(spec).unwrap_or_else(|e| panic!("{e}"));
        let api = stages::lower(&doc, "bench");
        group.bench_with_input(BenchmarkId::new("parse_yaml", &name), &spec, |b, s| b.iter(|| stages::parse_yaml(*s)));
        group.bench_with_input(BenchmarkId::new("parse_native", &name), &spec, |b, s| b.iter(|| stages::parse_native(*s)));
        group.bench_with_input(BenchmarkId::new("load", &name), &spec, |b, s| b.iter(|| stages::load(*s)));
        group.bench_with_input(BenchmarkId::new("lower", &name), &doc, |b, d| b.iter(|| stages::lower(d, "bench")));
        group.bench_with_input(BenchmarkId::new("emit", &name), &api, |b, a| b.iter(|| stages::emit(a)));
        group.bench_with_input(BenchmarkId::new("render_parse_only", &name), &api, |b, a| {
            b.iter_batched(|| stages::emit(a), stages::parse_tokens, criterion::BatchSize::LargeInput)
        });
        group.bench_with_input(BenchmarkId::new("render", &name), &api, |b, a| {
            b.iter_batched(|| stages::emit(a), stages::render, criterion::BatchSize::LargeInput)
        });
        group.bench_with_input(BenchmarkId::new("total", &name), &spec, |b, s| b.iter(|| codegen::generate_api(*s)));
    }
    group.finish();
}

criterion_group!(benches, pipeline);
criterion_main!(benches);
