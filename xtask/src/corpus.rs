//! `cargo xtask corpus [DIR]`: runs the generator on every spec in a directory, compiles each
//! result as a scratch crate outside the tree, and prints one row per spec plus a summary.

use std::fmt::Write as _;
use std::fs;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::Stdio;
use std::time::{Duration, Instant};

use codegen::SpecFile;

/// Options from the command line.
pub struct Options {
    pub dir: PathBuf,
    /// Only specs whose file name contains this.
    pub filter: Option<String>,
    /// Skip `cargo check`: generation only.
    pub no_check: bool,
    /// Give up on one spec's `cargo check` after this long.
    pub timeout: Duration,
    /// Skip spec files larger than this many bytes.
    pub max_bytes: Option<u64>,
    /// Also fail when generated code does not compile or warns (CI guards against regressions).
    pub strict: bool,
    /// Run `cargo clippy` instead of `cargo check`, and count its warnings.
    pub clippy: bool,
}

impl Options {
    pub fn parse(root: &Path, args: &[String]) -> Result<Self, String> {
        let mut options = Options {
            dir: root.join("../shared/corpus"),
            filter: None,
            no_check: false,
            timeout: Duration::from_secs(300),
            max_bytes: None,
            strict: false,
            clippy: false,
        };
        let mut args = args.iter();
        while let Some(arg) = args.next() {
            match arg.as_str() {
                "--filter" => options.filter = Some(args.next().ok_or("--filter needs a value")?.clone()),
                "--timeout" => {
                    let secs = args.next().and_then(|s| s.parse().ok()).ok_or("--timeout needs seconds")?;
                    options.timeout = Duration::from_secs(secs);
                }
                "--no-check" => options.no_check = true,
                "--strict" => options.strict = true,
                "--clippy" => options.clippy = true,
                "--max-bytes" => {
                    let bytes = args.next().and_then(|s| s.parse().ok()).ok_or("--max-bytes needs a number")?;
                    options.max_bytes = Some(bytes);
                }
                dir if !dir.starts_with("--") => options.dir = PathBuf::from(dir),
                other => return Err(format!("unknown option {other}")),
            }
        }
        Ok(options)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Outcome {
    Compiles,
    Generated,
    Diagnostic,
    CompileError,
    Timeout,
    Panic,
}

impl Outcome {
    fn label(self) -> &'static str {
        match self {
            Outcome::Compiles => "generated+compiles",
            Outcome::Generated => "generated",
            Outcome::Diagnostic => "diagnostic",
            Outcome::CompileError => "compile error",
            Outcome::Timeout => "check timed out",
            Outcome::Panic => "PANIC",
        }
    }
}

struct Row {
    file: String,
    version: String,
    operations: String,
    types: String,
    outcome: Outcome,
    generate: Duration,
    check: Option<Duration>,
    lines: usize,
    warnings: usize,
    detail: String,
}

/// The spec files of `options.dir` that pass the name filter and the size bound.
fn spec_files(options: &Options) -> Result<Vec<PathBuf>, String> {
    let mut paths = crate::fresh::specs_in(&options.dir)?;
    paths.retain(|p| {
        let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
        let small_enough = options.max_bytes.is_none_or(|max| fs::metadata(p).is_ok_and(|m| m.len() <= max));
        options.filter.as_deref().is_none_or(|f| name.contains(f)) && small_enough
    });
    Ok(paths)
}

/// The `openapi:`/`swagger:` version, read loosely for the table only.
fn version_of(text: &str) -> String {
    let probe: Option<serde_json::Value> =
        serde_json::from_str(text).ok().or_else(|| serde_yaml::from_str(text).ok());
    probe
        .and_then(|v| v.get("openapi").or_else(|| v.get("swagger")).cloned())
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned))
        .unwrap_or_else(|| "?".to_owned())
}

pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    let scratch = root.join("target/corpus");
    let target_dir = root.join("target/corpus-target");
    let runtime = root.join("generated/src/runtime");
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut rows = Vec::new();
    for path in spec_files(options)? {
        let file = path.file_name().and_then(|n| n.to_str()).unwrap_or_default().to_owned();
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut row = Row {
            version: version_of(&text),
            file,
            operations: "-".into(),
            types: "-".into(),
            outcome: Outcome::Diagnostic,
            generate: Duration::ZERO,
            check: None,
            lines: 0,
            warnings: 0,
            detail: String::new(),
        };
        let label = format!("corpus/{}", row.file);
        let started = Instant::now();
        let generated = catch_unwind(AssertUnwindSafe(|| codegen::generate_crate(&[SpecFile::new(&label, &text)])));
        row.generate = started.elapsed();
        match generated {
            Err(panic) => {
                row.outcome = Outcome::Panic;
                row.detail = panic
                    .downcast_ref::<String>()
                    .cloned()
                    .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                    .unwrap_or_default();
            }
            Ok(Err(errors)) => {
                row.detail = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
            }
            Ok(Ok((outputs, files))) => {
                row.operations = outputs[0].operations.to_string();
                row.types = outputs[0].types.to_string();
                row.lines = files.iter().map(|f| f.contents.lines().count()).sum();
                row.outcome = Outcome::Generated;
                if !options.no_check {
                    let dir = scratch.join(&outputs[0].module);
                    write_scratch(&dir, &files, &runtime, &lock)?;
                    let started = Instant::now();
                    let (outcome, warnings, detail) = cargo_check(&dir, &target_dir, options)?;
                    row.check = Some(started.elapsed());
                    row.outcome = outcome;
                    row.warnings = warnings;
                    row.detail = detail;
                }
            }
        }
        print_row(&row);
        rows.push(row);
    }
    summary(&rows, options.strict)
}

/// A workspace of its own holding the generated crate verbatim, plus the hand-written runtime.
pub(crate) fn write_scratch(dir: &Path, files: &[codegen::GeneratedFile], runtime: &Path, lock: &[u8]) -> Result<(), String> {
    let io = |e: std::io::Error| format!("cannot write scratch crate in {}: {e}", dir.display());
    if dir.exists() {
        fs::remove_dir_all(dir).map_err(io)?;
    }
    let krate = dir.join("generated");
    fs::create_dir_all(&krate).map_err(io)?;
    fs::write(
        dir.join("Cargo.toml"),
        "[workspace]\nresolver = \"3\"\nmembers = [\"generated\"]\n\n[workspace.package]\nedition = \"2024\"\nrust-version = \"1.85\"\nlicense = \"MIT OR Apache-2.0\"\npublish = false\n",
    )
    .map_err(io)?;
    fs::write(dir.join("Cargo.lock"), lock).map_err(io)?;
    for file in files {
        let path = krate.join(&file.path);
        fs::create_dir_all(path.parent().expect("generated paths have a parent")).map_err(io)?;
        fs::write(path, &file.contents).map_err(io)?;
    }
    // The hand-written parts beside the generated ones: the runtime, and the example and bench
    // that the generated manifest names (cargo refuses a manifest naming a missing target).
    let generated = runtime.parent().and_then(Path::parent).ok_or("the runtime lives in generated/src")?;
    let copies = [
        (runtime.to_path_buf(), krate.join("src/runtime")),
        (generated.join("benches"), krate.join("benches")),
        (generated.join("examples"), krate.join("examples")),
    ];
    for (from, to) in copies {
        fs::create_dir_all(&to).map_err(io)?;
        for entry in fs::read_dir(&from).map_err(io)? {
            let entry = entry.map_err(io)?;
            fs::copy(entry.path(), to.join(entry.file_name())).map_err(io)?;
        }
    }
    Ok(())
}

/// Checks a scratch crate: the outcome, the number of warnings, and the first problem seen.
fn cargo_check(dir: &Path, target_dir: &Path, options: &Options) -> Result<(Outcome, usize, String), String> {
    let timeout = options.timeout;
    let mut child = crate::cargo()
        .arg(if options.clippy { "clippy" } else { "check" })
        .args(["--quiet", "--offline", "--message-format=short"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", target_dir)
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    let started = Instant::now();
    loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                use std::io::Read;
                let _ = pipe.read_to_string(&mut stderr);
            }
            let first_error = stderr.lines().find(|l| l.contains("error")).unwrap_or_default().to_owned();
            return Ok(if status.success() {
                let warnings: Vec<&str> =
                    stderr.lines().filter(|l| l.contains("warning:") && !l.contains(" generated ")).collect();
                let detail = match warnings.first() {
                    Some(first) => format!("{} warnings, first: {first}", warnings.len()),
                    None => String::new(),
                };
                (Outcome::Compiles, warnings.len(), detail)
            } else {
                (Outcome::CompileError, 0, first_error)
            });
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok((Outcome::Timeout, 0, format!("no answer in {}s", timeout.as_secs())));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn print_row(row: &Row) {
    let check = row.check.map_or_else(|| "-".to_owned(), |d| format!("{:.1}s", d.as_secs_f64()));
    let mut line = format!(
        "{:<40} {:<7} {:>5} ops {:>5} types  {:<20} gen {:>7.1}ms  check {:>6}  {:>7} lines",
        row.file,
        row.version,
        row.operations,
        row.types,
        row.outcome.label(),
        row.generate.as_secs_f64() * 1000.0,
        check,
        row.lines
    );
    if !row.detail.is_empty() {
        let detail: String = row.detail.chars().take(300).collect();
        let _ = write!(line, "\n    {detail}");
    }
    println!("{line}");
}

fn summary(rows: &[Row], strict: bool) -> Result<(), String> {
    let count = |o: Outcome| rows.iter().filter(|r| r.outcome == o).count();
    let generated = rows.iter().filter(|r| !matches!(r.outcome, Outcome::Diagnostic | Outcome::Panic)).count();
    let panics = count(Outcome::Panic);
    let v30: Vec<&Row> = rows.iter().filter(|r| r.version.starts_with("3.0")).collect();
    let v30_compile = v30.iter().filter(|r| r.outcome == Outcome::Compiles).count();
    println!("OpenAPI 3.0: {v30_compile} of {} compile", v30.len());
    println!(
        "corpus: {} specs, {generated} generated, {} compile, {panics} panics, {} compile errors, {} diagnostics",
        rows.len(),
        count(Outcome::Compiles),
        count(Outcome::CompileError) + count(Outcome::Timeout),
        count(Outcome::Diagnostic)
    );
    if panics > 0 {
        return Err(format!("{panics} specs made the generator panic"));
    }
    let broken = count(Outcome::CompileError) + count(Outcome::Timeout);
    let warnings: usize = rows.iter().map(|r| r.warnings).sum();
    println!("warnings in generated code: {warnings}");
    if strict && broken + warnings > 0 {
        return Err(format!("{broken} generated crates do not compile; {warnings} warnings"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A scratch crate must carry every target its generated manifest names, or cargo refuses
    /// it before compiling anything.
    #[test]
    fn scratch_crates_have_a_valid_manifest() {
        let root = crate::fresh::workspace_root();
        let (_, files) = codegen::generate_crate(&[codegen::seeds::CLEMTA]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let lock = fs::read(root.join("Cargo.lock")).unwrap();
        write_scratch(dir.path(), &files, &root.join("generated/src/runtime"), &lock).unwrap();
        let output = crate::cargo()
            .args(["metadata", "--no-deps", "--offline", "--format-version", "1"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let metadata = String::from_utf8_lossy(&output.stdout);
        assert!(metadata.contains("\"name\":\"quickstart\"") && metadata.contains("\"name\":\"request\""), "{metadata}");
    }
}
