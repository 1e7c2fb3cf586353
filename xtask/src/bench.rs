//! `cargo xtask bench-compile [SPEC…]`: what a generated client costs to compile. Each spec is
//! generated into a scratch crate; with its dependencies built, the crate itself is checked
//! from clean three times (`cargo check`, then `CARGO_INCREMENTAL=0 cargo check`), and the
//! medians are reported with the size of the generated code.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::SpecFile;

const DEFAULT_SPECS: &[&str] = &[
    "specs/fax_plus.yaml",
    "specs/clemta.yaml",
    "../shared/corpus/oxide-wicketd.json",
    "../shared/corpus/oxide-nexus.json",
];

const RUNS: usize = 3;

fn cargo_check(dir: &Path, target: &Path, incremental: bool) -> Result<Duration, String> {
    let clean = crate::cargo()
        .args(["clean", "--quiet", "--offline", "-p", "generated"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| e.to_string())?;
    if !clean.success() {
        return Err(format!("cargo clean failed in {}", dir.display()));
    }
    let mut command = crate::cargo();
    command.args(["check", "--quiet", "--offline"]).current_dir(dir).env("CARGO_TARGET_DIR", target);
    if !incremental {
        command.env("CARGO_INCREMENTAL", "0");
    }
    let started = Instant::now();
    let status = command.status().map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    if status.success() { Ok(elapsed) } else { Err(format!("cargo check failed in {}", dir.display())) }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Items a reader (and the compiler) sees: types, impls and functions.
fn count_items(source: &str) -> (usize, usize, usize) {
    let (mut types, mut impls, mut fns) = (0, 0, 0);
    for line in source.lines().map(str::trim_start) {
        let line = line.strip_prefix("pub ").unwrap_or(line);
        if line.starts_with("struct ") || line.starts_with("enum ") || line.starts_with("type ") {
            types += 1;
        } else if line.starts_with("impl") {
            impls += 1;
        } else if line.starts_with("fn ") || line.starts_with("async fn ") {
            fns += 1;
        }
    }
    (types, impls, fns)
}

pub fn run(root: &Path, args: &[String]) -> Result<(), String> {
    let specs: Vec<PathBuf> = if args.is_empty() {
        DEFAULT_SPECS.iter().map(|s| root.join(s)).collect()
    } else {
        args.iter().map(PathBuf::from).collect()
    };
    let runtime = root.join("generated/src/runtime");
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let target = root.join("target/bench-compile");
    println!("{:<28} {:>7} {:>6} {:>6} {:>5} {:>11} {:>16}", "spec", "lines", "types", "impls", "fns", "cargo check", "incremental=0");
    for path in specs {
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let label = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let (outputs, files) =
            codegen::generate_crate(&[SpecFile { path: &label, text: &text }]).map_err(|errors| {
                errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n")
            })?;
        let dir = root.join("target/bench-compile-crates").join(&outputs[0].module);
        crate::corpus::write_scratch(&dir, &files, &runtime, &lock)?;
        let source: String = files.iter().filter(|f| f.path.ends_with(".rs")).map(|f| f.contents.as_str()).collect();
        let (types, impls, fns) = count_items(&source);
        // The first check builds the dependencies; only the crate itself is timed after it.
        cargo_check(&dir, &target, true)?;
        let check = median((0..RUNS).map(|_| cargo_check(&dir, &target, true)).collect::<Result<_, _>>()?);
        let cold = median((0..RUNS).map(|_| cargo_check(&dir, &target, false)).collect::<Result<_, _>>()?);
        println!(
            "{label:<28} {:>7} {types:>6} {impls:>6} {fns:>5} {:>10.2}s {:>15.2}s",
            source.lines().count(),
            check.as_secs_f64(),
            cold.as_secs_f64()
        );
    }
    Ok(())
}
