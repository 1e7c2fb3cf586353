//! `cargo xtask corpus [DIR]`: runs the generator on every spec in a directory, compiles each
//! result as a scratch crate outside the tree, and prints one row per spec plus a summary.
//! Specs are found as in `specs/` ([`crate::workspace::specs_in`]): files, and folders with a root
//! file; their `$ref`s may read any file under `DIR`, labelled `corpus/…` in messages.

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
    /// Only specs whose path inside the directory contains this.
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
    /// Also run `cargo doc`, and count its warnings.
    pub doc: bool,
    /// Also compile each of this many operation groups of a grouped API alone (0: none).
    pub groups: usize,
}

/// `cargo xtask corpus [DIR]`: every spec of DIR generated into a scratch crate and compiled.
/// Fails on any generator panic; generation warnings are counted, never fatal.
#[derive(clap::Args)]
pub struct Args {
    /// The specs (default ../shared/corpus): files, and folders with a root file, as in specs/.
    dir: Option<PathBuf>,
    /// Only specs whose path inside DIR contains this.
    #[arg(long, value_name = "TEXT")]
    filter: Option<String>,
    /// Skip `cargo check`: generation only.
    #[arg(long)]
    no_check: bool,
    /// Give up on one spec's `cargo check` after this long.
    #[arg(long, value_name = "SECS", default_value_t = 300)]
    timeout: u64,
    /// Skip spec files larger than this many bytes.
    #[arg(long, value_name = "N")]
    max_bytes: Option<u64>,
    /// Also fail when generated code does not compile or warns.
    #[arg(long)]
    strict: bool,
    /// Run `cargo clippy` instead of `cargo check`, and count its warnings.
    #[arg(long)]
    clippy: bool,
    /// Also run `cargo doc` on each crate that compiles, and count its warnings (rustdoc's lints
    /// on the spec's prose: broken links, HTML, code blocks).
    #[arg(long)]
    doc: bool,
    /// Also compile each of N operation groups (cargo features) of a grouped API alone, spread
    /// over its groups in name order, and its base feature (no group); `all` for every group.
    #[arg(long, value_name = "N|all", value_parser = parse_groups)]
    groups: Option<usize>,
}

fn parse_groups(value: &str) -> Result<usize, String> {
    match value {
        "all" => Ok(usize::MAX),
        n => n.parse().map_err(|_| format!("`{n}` is not a number of groups nor `all`")),
    }
}

impl Args {
    pub fn resolve(self, root: &Path) -> Options {
        Options {
            dir: self.dir.unwrap_or_else(|| root.join("../shared/corpus")),
            filter: self.filter,
            no_check: self.no_check,
            timeout: Duration::from_secs(self.timeout),
            max_bytes: self.max_bytes,
            strict: self.strict,
            clippy: self.clippy,
            doc: self.doc,
            groups: self.groups.unwrap_or(0),
        }
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
    /// The spec's path inside the directory: `asana.yaml`, or `petstore/openapi.yaml`.
    file: String,
    version: String,
    operations: String,
    /// Operations with a page stream.
    streams: usize,
    /// The OAuth2 flows and OpenID Connect schemes with sign-in helpers, by grant.
    sign_in: Vec<&'static str>,
    types: String,
    outcome: Outcome,
    generate: Duration,
    check: Option<Duration>,
    lines: usize,
    /// Warnings about the spec's slips, from the generator.
    gen_warnings: usize,
    /// Warnings of `cargo check` (or clippy) on the generated crate.
    lint_warnings: usize,
    /// Those of them about a name: its case, or a placeholder name.
    naming_lints: usize,
    names: codegen::model::NameReport,
    /// The API's operation groups (cargo features), if it has any.
    groups: Vec<String>,
    /// Groups compiled alone, and their warnings.
    groups_checked: usize,
    detail: String,
}

impl Row {
    fn new(file: String, version: String) -> Self {
        Row {
            file,
            version,
            operations: "-".into(),
            streams: 0,
            sign_in: Vec::new(),
            types: "-".into(),
            outcome: Outcome::Diagnostic,
            generate: Duration::ZERO,
            check: None,
            lines: 0,
            gen_warnings: 0,
            lint_warnings: 0,
            naming_lints: 0,
            names: codegen::model::NameReport::default(),
            groups: Vec::new(),
            groups_checked: 0,
            detail: String::new(),
        }
    }
}

/// The specs of `options.dir` that pass the name filter and the size bound (of the root file
/// alone, for a folder spec), with their paths inside the directory.
fn spec_files(options: &Options) -> Result<Vec<(PathBuf, String)>, String> {
    let mut specs = Vec::new();
    for path in crate::workspace::specs_in(&options.dir)? {
        let name = path.strip_prefix(&options.dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let small_enough = options.max_bytes.is_none_or(|max| fs::metadata(&path).is_ok_and(|m| m.len() <= max));
        if options.filter.as_deref().is_none_or(|f| name.contains(f)) && small_enough {
            specs.push((path, name));
        }
    }
    Ok(specs)
}

/// The `openapi:`/`swagger:` version, read loosely for the table only: from the parsed text, or
/// from its lines when the text does not parse as it is (integers beyond 64 bits, say).
fn version_of(text: &str) -> String {
    let probe: Option<serde_json::Value> = serde_json::from_str(text).ok().or_else(|| serde_yaml::from_str(text).ok());
    let parsed = probe
        .and_then(|v| v.get("openapi").or_else(|| v.get("swagger")).cloned())
        .map(|v| v.as_str().map_or_else(|| v.to_string(), str::to_owned));
    let scanned = || {
        text.lines().find_map(|line| {
            let (key, value) = line.split_once(':')?;
            let value = value.split(',').next()?.trim().trim_matches(['"', '\'']);
            matches!(key.trim().trim_matches('"'), "openapi" | "swagger").then(|| value.to_owned())
        })
    };
    parsed.or_else(scanned).unwrap_or_else(|| "?".to_owned())
}

pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    let scratch = root.join("target/corpus");
    let target_dir = root.join("target/corpus-target");
    let runtime = root.join("generated/src/runtime");
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let files = codegen::Files::new(&options.dir, "corpus");
    let mut rows = Vec::new();
    for (path, file) in spec_files(options)? {
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let mut row = Row::new(file, version_of(&text));
        if let Some((module, generated)) = generate(&mut row, &text, &files) {
            if !options.no_check {
                let dir = scratch.join(&module);
                crate::workspace::write_scratch(&dir, &generated, &runtime, &lock)?;
                let started = Instant::now();
                let (mut outcome, Lints { mut warnings, naming }, mut detail) =
                    cargo_check(&dir, &target_dir, options, &[if options.clippy { "clippy" } else { "check" }])?;
                row.naming_lints = naming;
                if options.doc && outcome == Outcome::Compiles {
                    let (_, Lints { warnings: doc_warnings, .. }, doc_detail) =
                        cargo_check(&dir, &target_dir, options, &["doc", "--no-deps"])?;
                    warnings += doc_warnings;
                    if detail.is_empty() {
                        detail = doc_detail;
                    }
                }
                // The module without any group (what every group turns on) compiles cleanly too.
                let base = format!("{module}-base");
                let alone: Vec<&str> = match (row.groups.is_empty(), options.groups) {
                    (true, _) | (_, 0) => Vec::new(),
                    _ => std::iter::once(base.as_str()).chain(sample(&row.groups, options.groups)).collect(),
                };
                if outcome == Outcome::Compiles {
                    for group in alone {
                        let command = [if options.clippy { "clippy" } else { "check" }, "--no-default-features", "--features", group];
                        let (alone, Lints { warnings: group_warnings, .. }, group_detail) =
                            cargo_check(&dir, &target_dir, options, &command)?;
                        row.groups_checked += usize::from(group != base);
                        warnings += group_warnings;
                        if alone != Outcome::Compiles || (group_warnings > 0 && detail.is_empty()) {
                            detail = format!("feature {group} alone: {group_detail}");
                        }
                        if alone != Outcome::Compiles {
                            outcome = alone;
                            break;
                        }
                    }
                }
                row.check = Some(started.elapsed());
                row.outcome = outcome;
                row.lint_warnings = warnings;
                row.detail = detail;
            }
        }
        print_row(&row);
        rows.push(row);
    }
    for line in summary(&rows) {
        println!("{line}");
    }
    verdict(&rows, options.strict)
}

/// `count` of `groups`, spread evenly over them in order (all of them when there are no more).
fn sample(groups: &[String], count: usize) -> Vec<&str> {
    if count >= groups.len() {
        return groups.iter().map(String::as_str).collect();
    }
    (0..count).map(|i| groups[i * groups.len() / count].as_str()).collect()
}

/// Generates the spec of `row` (its root file's `text`; other files are read through `files`)
/// and fills in the row; on success, the module's name and the crate's files.
fn generate(row: &mut Row, text: &str, files: &codegen::Files) -> Option<(String, Vec<codegen::GeneratedFile>)> {
    let label = format!("corpus/{}", row.file);
    let spec = SpecFile::new(&label, text).with_files(files);
    let started = Instant::now();
    let generated = catch_unwind(AssertUnwindSafe(|| codegen::generate_crate(&[spec])));
    row.generate = started.elapsed();
    match generated {
        Err(panic) => {
            row.outcome = Outcome::Panic;
            row.detail = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            None
        }
        Ok(Err(errors)) => {
            row.detail = errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; ");
            None
        }
        Ok(Ok((mut outputs, files))) => {
            let output = outputs.remove(0);
            row.operations = output.operations.to_string();
            row.streams = output.streams;
            row.sign_in = output.sign_in;
            row.names = output.names;
            row.groups = output.groups;
            row.types = output.types.to_string();
            row.gen_warnings = output.warnings.len();
            row.lines = files.iter().map(|f| f.contents.lines().count()).sum();
            row.outcome = Outcome::Generated;
            Some((output.module, files))
        }
    }
}

/// The warnings of a cargo command, and how many of them are naming lints.
#[derive(Default)]
struct Lints {
    warnings: usize,
    naming: usize,
}

/// What rustc and clippy say of a name that breaks its case convention
/// (`non_upper_case_globals`, `non_camel_case_types`, `non_snake_case`) or is a placeholder
/// (`disallowed_names`).
const NAMING_LINTS: &[&str] = &[
    "should have an upper case name",
    "should have an upper camel case name",
    "should have a snake case name",
    "disallowed/placeholder name",
];

/// Runs `cargo <command>` on a scratch crate: the outcome, its warnings, and the first problem
/// seen.
fn cargo_check(dir: &Path, target_dir: &Path, options: &Options, command: &[&str]) -> Result<(Outcome, Lints, String), String> {
    let timeout = options.timeout;
    let mut child = crate::workspace::cargo()
        .args(command)
        // With the typed mock servers: the `mock` module of every spec must compile cleanly too.
        .args(["--quiet", "--offline", "--message-format=short", "--features", "mock"])
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
                let warnings: Vec<&str> = stderr.lines().filter(|l| l.contains("warning:") && !l.contains(" generated ")).collect();
                let naming = warnings.iter().filter(|l| NAMING_LINTS.iter().any(|lint| l.contains(lint))).count();
                let detail = match warnings.first() {
                    Some(first) => format!("{} warnings, first: {first}", warnings.len()),
                    None => String::new(),
                };
                (Outcome::Compiles, Lints { warnings: warnings.len(), naming }, detail)
            } else {
                (Outcome::CompileError, Lints::default(), first_error)
            });
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            return Ok((Outcome::Timeout, Lints::default(), format!("no answer in {}s", timeout.as_secs())));
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

fn print_row(row: &Row) {
    let check = row.check.map_or_else(|| "-".to_owned(), |d| format!("{:.1}s", d.as_secs_f64()));
    let mut line = format!(
        "{:<40} {:<7} {:>5} ops {:>5} types {:>4} warn  {:<20} gen {:>7.1}ms  check {:>6}  {:>7} lines",
        row.file,
        row.version,
        row.operations,
        row.types,
        row.gen_warnings,
        row.outcome.label(),
        row.generate.as_secs_f64() * 1000.0,
        check,
        row.lines
    );
    if !row.detail.is_empty() {
        let detail: String = row.detail.chars().take(300).collect();
        let _ = write!(line, "\n    {detail}");
    }
    if row.operations != "-" {
        let _ = write!(line, "\n    names: {}", names_line(row));
    }
    println!("{line}");
}

/// A spec's names report: the longest name of each kind, cut names, handler names, and
/// naming lints.
fn names_line(row: &Row) -> String {
    let names = &row.names;
    let longest = |kind: &str, name: &str| match name {
        "" => format!("{kind} none"),
        name => format!("{kind} {} (`{name}`)", name.len()),
    };
    format!(
        "longest {}, {}, {}; {} cut and hashed, {} named after FastAPI handlers, {} naming lints",
        longest("method", &names.longest_method),
        longest("type", &names.longest_type),
        longest("constant", &names.longest_const),
        names.hashed,
        names.handler_named,
        row.naming_lints
    )
}

/// The table's version column, by major and minor version only.
fn version_group(version: &str) -> &'static str {
    ["2.0", "3.0", "3.1"].into_iter().find(|v| version.starts_with(v)).unwrap_or("other")
}

/// Counts per spec version, then over the whole corpus.
fn summary(rows: &[Row]) -> Vec<String> {
    let count = |o: Outcome| rows.iter().filter(|r| r.outcome == o).count();
    let generated = |rows: &[&Row]| rows.iter().filter(|r| !matches!(r.outcome, Outcome::Diagnostic | Outcome::Panic)).count();
    let all: Vec<&Row> = rows.iter().collect();
    let mut lines = vec![format!("{:<8} {:>6} {:>10} {:>9}", "version", "files", "generated", "compiled")];
    for version in ["2.0", "3.0", "3.1", "other"] {
        let group: Vec<&Row> = rows.iter().filter(|r| version_group(&r.version) == version).collect();
        if version != "other" || !group.is_empty() {
            let compiled = group.iter().filter(|r| r.outcome == Outcome::Compiles).count();
            lines.push(format!("{version:<8} {:>6} {:>10} {compiled:>9}", group.len(), generated(&group)));
        }
    }
    lines.push(format!(
        "corpus: {} specs, {} generated, {} compile, {} panics, {} compile errors, {} diagnostics",
        rows.len(),
        generated(&all),
        count(Outcome::Compiles),
        count(Outcome::Panic),
        count(Outcome::CompileError) + count(Outcome::Timeout),
        count(Outcome::Diagnostic)
    ));
    lines.push(format!(
        "generation warnings (the specs' slips): {}; warnings in generated code: {}",
        rows.iter().map(|r| r.gen_warnings).sum::<usize>(),
        rows.iter().map(|r| r.lint_warnings).sum::<usize>()
    ));
    let grouped: Vec<&Row> = rows.iter().filter(|r| !r.groups.is_empty()).collect();
    lines.push(format!(
        "operation groups: {} specs grouped, {} groups in all, {} compiled alone",
        grouped.len(),
        grouped.iter().map(|r| r.groups.len()).sum::<usize>(),
        grouped.iter().map(|r| r.groups_checked).sum::<usize>()
    ));
    let paged: Vec<&Row> = rows.iter().filter(|r| r.streams > 0).collect();
    lines.push(format!("page streams: {} operations in {} specs", paged.iter().map(|r| r.streams).sum::<usize>(), paged.len()));
    let longest = |name: fn(&Row) -> &str| rows.iter().map(|r| name(r).len()).max().unwrap_or(0);
    lines.push(format!(
        "names: longest method {}, type {}, constant {}; {} cut and hashed, {} named after FastAPI handlers, {} naming lints",
        longest(|r| &r.names.longest_method),
        longest(|r| &r.names.longest_type),
        longest(|r| &r.names.longest_const),
        rows.iter().map(|r| r.names.hashed).sum::<usize>(),
        rows.iter().map(|r| r.names.handler_named).sum::<usize>(),
        rows.iter().map(|r| r.naming_lints).sum::<usize>()
    ));
    let mut grants = std::collections::BTreeMap::<&str, usize>::new();
    for grant in rows.iter().flat_map(|r| &r.sign_in) {
        *grants.entry(grant).or_default() += 1;
    }
    let by_grant: Vec<String> = grants.iter().map(|(grant, n)| format!("{n} {grant}")).collect();
    let signing = rows.iter().filter(|r| !r.sign_in.is_empty()).count();
    lines.push(match signing {
        0 => "sign-in helpers: none".to_owned(),
        _ => format!("sign-in helpers: {} in {signing} specs ({})", grants.values().sum::<usize>(), by_grant.join(", ")),
    });
    lines
}

/// Panics and naming lints always fail the run; with `strict`, so do crates that do not compile
/// or that warn. Generation warnings never do: they are the specs' slips, not the generator's.
fn verdict(rows: &[Row], strict: bool) -> Result<(), String> {
    let panics = rows.iter().filter(|r| r.outcome == Outcome::Panic).count();
    if panics > 0 {
        return Err(format!("{panics} specs made the generator panic"));
    }
    let naming: usize = rows.iter().map(|r| r.naming_lints).sum();
    if naming > 0 {
        return Err(format!("{naming} naming lints in generated code: a naming rule gives names no lint accepts"));
    }
    let broken = rows.iter().filter(|r| matches!(r.outcome, Outcome::CompileError | Outcome::Timeout)).count();
    let warnings: usize = rows.iter().map(|r| r.lint_warnings).sum();
    if strict && broken + warnings > 0 {
        return Err(format!("{broken} generated crates do not compile; {warnings} warnings"));
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn row(version: &str, outcome: Outcome, gen_warnings: usize, lint_warnings: usize) -> Row {
        Row {
            outcome,
            gen_warnings,
            lint_warnings,
            streams: gen_warnings * 10,
            sign_in: if lint_warnings > 0 { vec!["authorizationCode", "clientCredentials"] } else { vec!["password"] },
            names: codegen::model::NameReport {
                longest_method: "m".repeat(gen_warnings + 1),
                longest_type: "T".repeat(lint_warnings + 2),
                longest_const: "C".repeat(3),
                hashed: gen_warnings,
                handler_named: lint_warnings,
            },
            ..Row::new("x.yaml".into(), version.into())
        }
    }

    #[test]
    fn versions_are_read_even_from_text_that_does_not_parse() {
        assert_eq!(version_of("swagger: '2.0'\ninfo: {}\n"), "2.0");
        assert_eq!(version_of("{\"openapi\": \"3.1.0\"}"), "3.1.0");
        assert_eq!(version_of("openapi: 3.0.0\nx: -92233720368547760000\n"), "3.0.0");
        assert_eq!(version_of("{\n  \"openapi\": \"3.0.1\",\n  \"x\": [\n"), "3.0.1");
        assert_eq!(version_of("info: {}\n"), "?");
    }

    #[test]
    fn group_samples_spread_over_the_groups() {
        let groups: Vec<String> = ["a", "b", "c", "d", "e", "f"].map(String::from).to_vec();
        assert_eq!(sample(&groups, 3), ["a", "c", "e"]);
        assert_eq!(sample(&groups, 0), Vec::<&str>::new());
        assert_eq!(sample(&groups, usize::MAX).len(), 6);
        assert_eq!(parse_groups("all"), Ok(usize::MAX));
        assert!(parse_groups("some").is_err());
    }

    #[test]
    fn summary_counts_per_version() {
        let rows = [
            row("2.0", Outcome::Compiles, 2, 0),
            row("2.0", Outcome::Diagnostic, 0, 0),
            Row {
                groups: vec!["a-x".into(), "a-y".into()],
                groups_checked: 1,
                ..row("3.0.3", Outcome::Compiles, 1, 4)
            },
            row("3.0.0", Outcome::CompileError, 0, 0),
            row("3.0.1", Outcome::Timeout, 0, 0),
            row("3.1.0", Outcome::Generated, 3, 0),
        ];
        assert_eq!(
            summary(&rows),
            [
                "version   files  generated  compiled",
                "2.0           2          1         1",
                "3.0           3          3         1",
                "3.1           1          1         0",
                "corpus: 6 specs, 5 generated, 2 compile, 0 panics, 2 compile errors, 1 diagnostics",
                "generation warnings (the specs' slips): 6; warnings in generated code: 4",
                "operation groups: 1 specs grouped, 2 groups in all, 1 compiled alone",
                "page streams: 60 operations in 3 specs",
                "names: longest method 4, type 6, constant 3; 6 cut and hashed, 4 named after FastAPI handlers, 0 naming lints",
                "sign-in helpers: 7 in 6 specs (1 authorizationCode, 1 clientCredentials, 5 password)",
            ]
        );
        let named = Row { naming_lints: 1, ..row("3.1.0", Outcome::Compiles, 0, 1) };
        assert!(verdict(std::slice::from_ref(&named), false).unwrap_err().contains("1 naming lints"), "even without --strict");
        assert!(
            names_line(&named).ends_with("; 0 cut and hashed, 1 named after FastAPI handlers, 1 naming lints"),
            "{}",
            names_line(&named)
        );
        let odd = [row("?", Outcome::Diagnostic, 0, 0), row("3.0.3", Outcome::Panic, 0, 0)];
        let lines = summary(&odd);
        assert_eq!(lines[2], "3.0           1          0         0");
        assert_eq!(lines[4], "other         1          0         0");
    }

    #[test]
    fn strict_fails_on_the_generated_code_not_on_generation_warnings() {
        let clean = [row("3.0.3", Outcome::Compiles, 5, 0), row("2.0", Outcome::Diagnostic, 0, 0)];
        assert_eq!(verdict(&clean, true), Ok(()));
        assert!(verdict(&[row("3.0.3", Outcome::Compiles, 0, 1)], true).is_err());
        assert_eq!(verdict(&[row("3.0.3", Outcome::CompileError, 0, 0)], false), Ok(()));
        assert!(verdict(&[row("3.0.3", Outcome::Panic, 0, 0)], false).is_err());
    }

    /// Folders in the corpus are specs as in `specs/`, and read the files beside them.
    #[test]
    fn a_folder_in_the_corpus_is_one_spec() {
        let dir = tempfile::tempdir().unwrap();
        let spec = "openapi: 3.1.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {$ref: './pet.json#/Pet'}\n        '404': {$ref: '#/components/responses/Missing'}\n";
        for (file, text) in [("pets/openapi.yaml", spec), ("pets/pet.json", r#"{"Pet": {"type": "object"}}"#), ("shared/x.yaml", "")] {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        let args = Args {
            dir: Some(dir.path().to_path_buf()),
            filter: Some("pets/".into()),
            no_check: false,
            timeout: 300,
            max_bytes: None,
            strict: false,
            clippy: false,
            doc: false,
            groups: None,
        };
        let options = args.resolve(dir.path());
        let specs = spec_files(&options).unwrap();
        assert_eq!(specs, [(dir.path().join("pets/openapi.yaml"), "pets/openapi.yaml".to_owned())]);

        let mut row = Row::new(specs[0].1.clone(), version_of(spec));
        let generated = generate(&mut row, spec, &codegen::Files::new(dir.path(), "corpus"));
        assert_eq!(generated.map(|(module, _)| module).as_deref(), Some("pets"), "{}", row.detail);
        assert_eq!((row.outcome, row.version.as_str(), row.types.as_str(), row.gen_warnings), (Outcome::Generated, "3.1.0", "1", 1));
    }

    /// A scratch crate must carry every target its generated manifest names, or cargo refuses
    /// it before compiling anything.
    #[test]
    fn scratch_crates_have_a_valid_manifest() {
        let root = crate::workspace::workspace_root();
        let (_, files) = codegen::generate_crate(&[codegen::seeds::CLEMTA]).unwrap();
        let dir = tempfile::tempdir().unwrap();
        let lock = fs::read(root.join("Cargo.lock")).unwrap();
        crate::workspace::write_scratch(dir.path(), &files, &root.join("generated/src/runtime"), &lock).unwrap();
        let output = crate::workspace::cargo()
            .args(["metadata", "--no-deps", "--offline", "--format-version", "1"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
        let metadata = String::from_utf8_lossy(&output.stdout);
        assert!(metadata.contains("\"name\":\"quickstart\"") && metadata.contains("\"name\":\"request\""), "{metadata}");
    }
}
