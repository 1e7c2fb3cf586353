//! `cargo xtask bench-compile [SPEC…]`: what a generated client costs to compile. Each spec is
//! generated into a scratch crate; with its dependencies built, the crate itself is checked
//! from clean three times (`cargo check`, then `CARGO_INCREMENTAL=0 cargo check`), and the
//! medians are reported with the size of the generated code. With `--instructions`, the
//! crate's own `rustc` also runs once under valgrind's cachegrind, whose instruction count does
//! not vary from run to run or with the machine's load: the figure to compare two generators by.
//! `--features mock` checks the crate with those features on besides its default ones.

use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use codegen::{Files, SpecFile};

const DEFAULT_SPECS: &[&str] =
    &["specs/fax_plus.yaml", "specs/clemta.yaml", "../shared/corpus/oxide-wicketd.json", "../shared/corpus/oxide-nexus.json"];

const RUNS: usize = 3;

fn cargo_check(dir: &Path, target: &Path, incremental: bool, features: &[String]) -> Result<Duration, String> {
    let clean = crate::workspace::cargo()
        .args(["clean", "--quiet", "--offline", "-p", "generated"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| e.to_string())?;
    if !clean.success() {
        return Err(format!("cargo clean failed in {}", dir.display()));
    }
    let mut command = crate::workspace::cargo();
    command.args(["check", "--quiet", "--offline"]).args(feature_args(features)).current_dir(dir).env("CARGO_TARGET_DIR", target);
    if !incremental {
        command.env("CARGO_INCREMENTAL", "0");
    }
    let started = Instant::now();
    let status = command.status().map_err(|e| e.to_string())?;
    let elapsed = started.elapsed();
    if status.success() { Ok(elapsed) } else { Err(format!("cargo check failed in {}", dir.display())) }
}

/// Instructions the crate's own `rustc` executes in `cargo check` (`CARGO_INCREMENTAL=0`), counted
/// by cachegrind: `RUSTC_WORKSPACE_WRAPPER` reaches only the scratch crate, not its dependencies.
fn check_instructions(dir: &Path, target: &Path, features: &[String]) -> Result<u64, String> {
    let wrapper = target.join("cachegrind-rustc.sh");
    let log = target.join("cachegrind-rustc.log");
    let script =
        "#!/bin/sh\nexec valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null --log-file=\"$CACHEGRIND_LOG\" \"$@\"\n";
    fs::write(&wrapper, script).map_err(|e| format!("cannot write {}: {e}", wrapper.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        fs::set_permissions(&wrapper, fs::Permissions::from_mode(0o755)).map_err(|e| e.to_string())?;
    }
    crate::workspace::cargo()
        .args(["clean", "--quiet", "--offline", "-p", "generated"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .status()
        .map_err(|e| e.to_string())?;
    let status = crate::workspace::cargo()
        .args(["check", "--quiet", "--offline"])
        .args(feature_args(features))
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target)
        .env("CARGO_INCREMENTAL", "0")
        .env("RUSTC_WORKSPACE_WRAPPER", &wrapper)
        .env("CACHEGRIND_LOG", &log)
        .status()
        .map_err(|e| format!("cannot run cargo check under valgrind (is valgrind installed?): {e}"))?;
    if !status.success() {
        return Err(format!("cargo check under valgrind failed in {}", dir.display()));
    }
    let text = fs::read_to_string(&log).map_err(|e| format!("cannot read {}: {e}", log.display()))?;
    instructions_in(&text).ok_or_else(|| format!("no instruction count in {}", log.display()))
}

/// `--features a,b` for the features asked for, nothing without any.
fn feature_args(features: &[String]) -> Vec<String> {
    if features.is_empty() { Vec::new() } else { vec!["--features".to_owned(), features.join(",")] }
}

/// The `I refs` total of a cachegrind log, e.g. `==12== I   refs:      17,203,621,221`.
fn instructions_in(log: &str) -> Option<u64> {
    let line = log.lines().find(|l| l.contains("I") && l.contains("refs:"))?;
    line.split("refs:").nth(1)?.trim().replace(',', "").parse().ok()
}

/// The spec at `path`: its label `<folder>/<file>`, its text, and its folder, from which its
/// `$ref`s may read other files (`specs/clemta.yaml` is labelled as regen labels it).
fn spec_at(path: &Path) -> Result<(String, String, Files), String> {
    let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
    let folder = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let name = |p: &Path| p.file_name().map(|n| n.to_string_lossy().into_owned());
    let folder_label = fs::canonicalize(folder).ok().and_then(|f| name(&f)).unwrap_or_else(|| "spec".into());
    let label = format!("{folder_label}/{}", name(path).unwrap_or_default());
    Ok((label, text, Files::new(folder, folder_label)))
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

/// `cargo xtask bench-compile [SPEC...]`.
#[derive(clap::Args)]
pub struct CompileArgs {
    /// The specs (default: the seeds, oxide-wicketd and oxide-nexus).
    specs: Vec<PathBuf>,
    /// Also count the instructions of the crate's `rustc` under cachegrind (needs valgrind).
    #[arg(long)]
    instructions: bool,
    /// Instead, time a grouped API whole, as one mid-size group and as three groups (`cargo
    /// check` and `cargo build`, median of 3).
    #[arg(long)]
    groups: bool,
    /// Features of the generated crate to check with besides its default ones, e.g. `mock`.
    #[arg(long, value_delimiter = ',')]
    features: Vec<String>,
}

pub fn run(root: &Path, args: &CompileArgs) -> Result<(), String> {
    let specs: Vec<PathBuf> = if args.specs.is_empty() { DEFAULT_SPECS.iter().map(|s| root.join(s)).collect() } else { args.specs.clone() };
    let runtime = root.join("generated/src/runtime");
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let target = root.join("target/bench-compile");
    let counted = if args.instructions { format!(" {:>14}", "instructions") } else { String::new() };
    if !args.groups {
        println!(
            "{:<28} {:>7} {:>6} {:>6} {:>5} {:>11} {:>16}{counted}",
            "spec", "lines", "types", "impls", "fns", "cargo check", "incremental=0"
        );
    }
    for path in specs {
        let (label, text, spec_files) = spec_at(&path)?;
        let (outputs, files) = codegen::generate_crate(&[SpecFile::new(&label, &text).with_files(&spec_files)])
            .map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("\n"))?;
        let dir = root.join("target/bench-compile-crates").join(&outputs[0].module);
        crate::workspace::write_scratch(&dir, &files, &runtime, &lock)?;
        if args.groups {
            let api = codegen::load_model(SpecFile::new(&label, &text).with_files(&spec_files)).map_err(|e| e.to_string())?;
            crate::bench_groups::run(&api, &dir, &target)?;
            continue;
        }
        let source: String = files.iter().filter(|f| f.path.ends_with(".rs")).map(|f| f.contents.as_str()).collect();
        let (types, impls, fns) = count_items(&source);
        // The first check builds the dependencies; only the crate itself is timed after it.
        cargo_check(&dir, &target, true, &args.features)?;
        let check = median((0..RUNS).map(|_| cargo_check(&dir, &target, true, &args.features)).collect::<Result<_, _>>()?);
        let cold = median((0..RUNS).map(|_| cargo_check(&dir, &target, false, &args.features)).collect::<Result<_, _>>()?);
        let instructions = match args.instructions {
            true => format!(" {:>14}", check_instructions(&dir, &target, &args.features)?),
            false => String::new(),
        };
        println!(
            "{label:<28} {:>7} {types:>6} {impls:>6} {fns:>5} {:>10.2}s {:>15.2}s{instructions}",
            source.lines().count(),
            check.as_secs_f64(),
            cold.as_secs_f64()
        );
    }
    Ok(())
}

/// Peak resident memory of this process so far, from `/proc/self/status` (Linux only).
fn peak_rss_bytes() -> Option<u64> {
    let status = fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kib: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kib * 1024)
}

/// `cargo xtask bench-gen [--parse-only | --model-only] SPEC`.
#[derive(clap::Args)]
pub struct GenArgs {
    /// Only load the spec: the floor for memory.
    #[arg(long, conflicts_with = "model_only")]
    parse_only: bool,
    /// Load and lower the spec, without emitting code.
    #[arg(long)]
    model_only: bool,
    spec: PathBuf,
}

/// `cargo xtask bench-gen SPEC`: one generation of one spec, its wall time and the peak memory
/// it took beyond the process before it. One spec per process, so peaks do not mix; run it
/// with `--release` for figures comparable to the benchmarks.
pub fn generation(args: &GenArgs) -> Result<(), String> {
    let stage = match (args.parse_only, args.model_only) {
        (true, _) => "parse",
        (_, true) => "model",
        _ => "all",
    };
    let (label, text, files) = spec_at(&args.spec)?;
    let spec = SpecFile::new(&label, &text).with_files(&files);
    let before = peak_rss_bytes().unwrap_or(0);
    let started = Instant::now();
    let lines = if stage == "parse" {
        // The floor for memory: the OpenAPI document itself, as openapiv3 holds it.
        let doc = codegen::stages::load(spec).map_err(|e| e.to_string())?;
        std::hint::black_box(&doc);
        0
    } else if stage == "model" {
        let api = codegen::load_model(spec).map_err(|e| e.to_string())?;
        std::hint::black_box(&api);
        0
    } else {
        let output = codegen::generate_api(spec).map_err(|e| e.to_string())?;
        output.files.iter().map(|f| f.contents.lines().count()).sum()
    };
    let elapsed = started.elapsed();
    let peak = peak_rss_bytes().unwrap_or(0);
    let spec = text.len() as f64;
    let extra = peak.saturating_sub(before) as f64;
    println!(
        "{}: {:.1} ms, {lines} lines; spec {:.1} MB, peak memory {:.1} MB above the {:.1} MB before ({:.1}x the spec)",
        args.spec.display(),
        elapsed.as_secs_f64() * 1000.0,
        spec / 1e6,
        extra / 1e6,
        before as f64 / 1e6,
        extra / spec
    );
    Ok(())
}

#[cfg(test)]
mod tests {
    #[test]
    fn cachegrind_totals_are_read() {
        let log = "==3673== Cachegrind, a cache and branch-prediction profiler\n==3673== \n==3673== I   refs:      17,203,621,221\n";
        assert_eq!(super::instructions_in(log), Some(17_203_621_221));
        assert_eq!(super::instructions_in("==1== Command: rustc\n"), None);
    }
}
