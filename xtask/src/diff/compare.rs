//! `cargo xtask diff-compare [DIR] [--timeout SECS]`: our change report beside Atlassian's openapi-diff (pinned in
//! `xtask/openapi-diff/package-lock.json`, installed with `npm ci` into `target/openapi-diff/`)
//! on every consecutive pair of the spec histories in DIR (default `../shared/spec-history`).
//! Every breaking change openapi-diff reports must be in our report: a change in the same
//! operation, or in a type that operation uses. Also counts what we find that it cannot: breaks
//! of the Rust API that leave the wire alone. Writes the table to
//! `target/diff-compare/comparison.md`, and each of its breaks with what our report says there
//! to `details.md` beside it.

use std::collections::{BTreeMap, HashSet};
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use codegen::diff::{Change, Impact, Report, Surface};
use codegen::model::Api;
use serde_json::Value;

/// Installs the pinned openapi-diff into `target/openapi-diff/` unless it is there, beside the
/// script that asks it for the breaking differences; returns the script.
fn install(root: &Path) -> Result<PathBuf, String> {
    let dir = crate::npm::install(root, "openapi-diff")?;
    let script = dir.join("breaking.js");
    fs::copy(root.join("xtask/openapi-diff/breaking.js"), &script).map_err(|e| format!("cannot copy breaking.js: {e}"))?;
    Ok(script)
}

/// A breaking difference as openapi-diff reports it.
struct Break {
    code: String,
    /// Its location, e.g. `paths./domains.post.responses.200.content.application/json.schema`.
    location: String,
}

/// openapi-diff's breaking differences; an error when it cannot read a version or takes longer
/// than `timeout` (it compares schemas exhaustively: Oxide Nexus takes it many minutes).
fn openapi_diff(script: &Path, dir: &Path, old: &str, new: &str, timeout: Duration) -> Result<Vec<Break>, String> {
    let out_path = std::env::temp_dir().join(format!("openapi-diff-{}.json", std::process::id()));
    let out = fs::File::create(&out_path).map_err(|e| format!("cannot create {}: {e}", out_path.display()))?;
    let mut child = Command::new("node")
        .current_dir(dir)
        .arg(script)
        .arg(old)
        .arg(new)
        .stdout(out)
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("cannot run node: {e}"))?;
    let started = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
            break status;
        }
        if started.elapsed() > timeout {
            let _ = child.kill();
            let _ = child.wait();
            let _ = fs::remove_file(&out_path);
            return Err(format!("timed out after {} s", timeout.as_secs()));
        }
        std::thread::sleep(Duration::from_millis(100));
    };
    let stdout = fs::read(&out_path).unwrap_or_default();
    let _ = fs::remove_file(&out_path);
    if !status.success() {
        let mut stderr = String::new();
        let _ = std::io::Read::read_to_string(&mut child.stderr.take().expect("piped"), &mut stderr);
        return Err(stderr.trim().to_owned());
    }
    let value: Value = serde_json::from_slice(&stdout).map_err(|e| format!("openapi-diff's answer is not JSON: {e}"))?;
    Ok(value
        .as_array()
        .map(Vec::as_slice)
        .unwrap_or_default()
        .iter()
        .map(|b| Break {
            code: b["code"].as_str().unwrap_or_default().to_owned(),
            location: b["location"].as_str().unwrap_or_default().to_owned(),
        })
        .collect())
}

const METHODS: [&str; 8] = ["get", "put", "post", "delete", "patch", "head", "options", "trace"];

/// The operation a location names: `(METHOD, path)`.
fn operation_of(location: &str) -> Option<(String, String)> {
    let rest = location.strip_prefix("paths.")?;
    METHODS.iter().find_map(|m| {
        let at = rest.find(&format!(".{m}")).filter(|&i| rest[i + 1 + m.len()..].is_empty() || rest[i + 1 + m.len()..].starts_with('.'))?;
        Some((m.to_ascii_uppercase(), rest[..at].to_owned()))
    })
}

/// The types an operation mentions, directly or through other types.
fn types_of(surface: &Surface, method: &str, path: &str) -> HashSet<String> {
    let mut stack = Vec::new();
    for op in surface.operations.iter().filter(|op| op.method == method && op.path == path) {
        op.params.iter().for_each(|p| p.ty.names(&mut stack));
        if let Some(b) = &op.body {
            b.ty.names(&mut stack);
        }
        if let Some(t) = &op.ok {
            t.names(&mut stack);
        }
        op.responses.iter().filter_map(|r| r.body.as_ref()).for_each(|t| t.names(&mut stack));
    }
    let mut seen = HashSet::new();
    while let Some(name) = stack.pop() {
        if !seen.insert(name.clone()) {
            continue;
        }
        if let Some(def) = surface.type_def(&name) {
            match &def.kind {
                codegen::diff::Kind::Struct { fields, additional } => {
                    fields.iter().for_each(|f| f.ty.names(&mut stack));
                    if let Some(t) = additional {
                        t.names(&mut stack);
                    }
                }
                codegen::diff::Kind::OneOf { variants, .. } => variants.iter().for_each(|v| v.ty.names(&mut stack)),
                codegen::diff::Kind::Alias(t) => t.names(&mut stack),
                codegen::diff::Kind::Enum { .. } => {}
            }
        }
    }
    seen
}

/// The changes of our report at openapi-diff's `b`: in its operation, or in a type that
/// operation uses (openapi-diff names a request or response schema, not the member in it).
fn found<'r>(b: &Break, report: &'r Report, old: &Surface, new: &Surface) -> Vec<&'r Change> {
    let Some((method, path)) = operation_of(&b.location) else {
        return report.changes.iter().collect();
    };
    let mut types = types_of(old, &method, &path);
    types.extend(types_of(new, &method, &path));
    let relevant: Vec<_> = report
        .changes
        .iter()
        .filter(|c| match &c.location {
            codegen::diff::Location::Operation { method: m, path: p, .. } => *m == method && *p == path,
            codegen::diff::Location::Type { name, .. } => types.contains(name),
            _ => false,
        })
        .collect();
    relevant
}

struct Row {
    pair: String,
    /// `Err`: openapi-diff cannot read one of the versions, or timed out.
    theirs: Result<usize, String>,
    found: usize,
    major: usize,
    /// Of `major`, those we call breaking on the wire too.
    wire_major: usize,
    /// openapi-diff's codes where our report holds the change but calls the wire safe.
    wire_safe: BTreeMap<String, usize>,
    missed: Vec<String>,
    /// Each of openapi-diff's breaks with what our report says there.
    details: Vec<String>,
    ours: Impact,
    /// Our changes that break the Rust API and not the wire, by rule.
    rust_only: BTreeMap<&'static str, usize>,
}

/// `cargo xtask diff-compare [DIR] [--timeout SECS]`.
#[derive(clap::Args)]
pub struct Args {
    /// The spec histories, with their MANIFEST.tsv (default ../shared/spec-history).
    dir: Option<PathBuf>,
    /// A pair openapi-diff takes longer on has no verdict.
    #[arg(long, value_name = "SECS", default_value_t = 600)]
    timeout: u64,
}

pub fn run(root: &Path, args: &Args) -> Result<(), String> {
    let dir = args.dir.clone().unwrap_or_else(|| root.join("../shared/spec-history"));
    let timeout = Duration::from_secs(args.timeout);
    let script = install(root)?;
    let manifest = fs::read_to_string(dir.join("MANIFEST.tsv")).map_err(|e| format!("cannot read {}/MANIFEST.tsv: {e}", dir.display()))?;
    let files: Vec<&str> = manifest.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
    let mut rows = Vec::new();
    let mut histories: Vec<&str> = files.iter().filter_map(|f| f.split('/').next()).collect();
    histories.dedup();
    for history in histories {
        let versions: Vec<&str> = files.iter().copied().filter(|f| f.starts_with(&format!("{history}/"))).collect();
        // A version that does not load is skipped: the next is compared with the last that did.
        let mut last: Option<(&str, Api)> = None;
        for file in versions {
            let api = match super::load(&dir.join(file)) {
                Ok(api) => api,
                Err(message) => {
                    println!("{file}: skipped, {message}");
                    continue;
                }
            };
            if let Some((old_file, old_api)) = last.take() {
                rows.push(compare(&script, &dir, (old_file, &old_api), (file, &api), timeout)?);
                let row = rows.last().expect("just pushed");
                let theirs = row.theirs.as_ref().map_or_else(|e| format!("no verdict ({})", first_line(e)), |n| format!("{n:>3} breaking"));
                println!(
                    "{:<60} openapi-diff: {theirs}, ours: {:>3} found ({} major), {}",
                    row.pair,
                    row.found,
                    row.major,
                    row.ours.as_str()
                );
            }
            last = Some((file, api));
        }
    }
    let table = table(&rows);
    fs::create_dir_all(root.join("target/diff-compare")).map_err(|e| e.to_string())?;
    fs::write(root.join("target/diff-compare/comparison.md"), &table).map_err(|e| e.to_string())?;
    let details: String =
        rows.iter().filter(|r| !r.details.is_empty()).map(|r| format!("\n{}\n\n{}\n", r.pair, r.details.join("\n"))).collect();
    fs::write(root.join("target/diff-compare/details.md"), details).map_err(|e| e.to_string())?;
    println!("\n{table}");
    let missed: Vec<String> = rows.iter().flat_map(|r| r.missed.iter().map(move |m| format!("{}: {m}", r.pair))).collect();
    if missed.is_empty() { Ok(()) } else { Err(format!("breaking changes openapi-diff reports and we do not:\n{}", missed.join("\n"))) }
}

fn first_line(text: &str) -> &str {
    text.lines().next().unwrap_or_default()
}

fn compare(
    script: &Path,
    dir: &Path,
    (old_file, old): (&str, &Api),
    (new_file, new): (&str, &Api),
    timeout: Duration,
) -> Result<Row, String> {
    let report = codegen::diff::diff(old, new);
    let (old_surface, new_surface) = (Surface::of(old), Surface::of(new));
    // openapi-diff refuses some files our loader reads (duplicate keys): the pair has no verdict.
    let breaks = openapi_diff(script, dir, old_file, new_file, timeout);
    let mut row = Row {
        pair: format!("{} → {}", old_file, new_file.rsplit('/').next().unwrap_or(new_file)),
        theirs: breaks.as_ref().map(Vec::len).map_err(Clone::clone),
        found: 0,
        major: 0,
        wire_major: 0,
        wire_safe: BTreeMap::new(),
        missed: Vec::new(),
        details: Vec::new(),
        ours: report.semver(),
        rust_only: BTreeMap::new(),
    };
    for b in breaks.as_deref().unwrap_or_default() {
        let changes = found(b, &report, &old_surface, &new_surface);
        let ours: Vec<String> =
            changes.iter().map(|c| format!("`{}` {} (Rust {}, wire {})", c.what.id(), c.location, c.rust, c.wire)).collect();
        row.details.push(format!(
            "- `{}` at `{}`: {}",
            b.code,
            b.location,
            if ours.is_empty() { "**nothing**".to_owned() } else { ours.join("; ") }
        ));
        if changes.is_empty() {
            row.missed.push(format!("{} at {}", b.code, b.location));
            continue;
        }
        let wire = changes.iter().any(|c| c.wire == Impact::Major);
        row.found += 1;
        row.major += usize::from(changes.iter().any(|c| c.class() == Impact::Major));
        row.wire_major += usize::from(wire);
        if !wire {
            *row.wire_safe.entry(b.code.clone()).or_default() += 1;
        }
    }
    for c in report.changes.iter().filter(|c| c.rust == Impact::Major && c.wire != Impact::Major) {
        *row.rust_only.entry(c.what.id()).or_default() += 1;
    }
    Ok(row)
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from(
        "| pair | openapi-diff: breaking | in our report | we call major | on the wire | our class | Rust-only breaks we report (openapi-diff cannot see them) |\n|---|---:|---:|---:|---:|---|---|\n",
    );
    for r in rows {
        let rust_only: Vec<String> = r.rust_only.iter().map(|(rule, n)| format!("{rule} ×{n}")).collect();
        let theirs = r.theirs.as_ref().map_or_else(|e| format!("no verdict: {}", first_line(e)), ToString::to_string);
        out.push_str(&format!(
            "| {} | {theirs} | {} | {} | {} | {} | {} |\n",
            r.pair,
            r.found,
            r.major,
            r.wire_major,
            r.ours.as_str(),
            rust_only.join(", ")
        ));
    }
    let sum = |f: fn(&Row) -> usize| rows.iter().map(f).sum::<usize>();
    let theirs = sum(|r| r.theirs.as_ref().map_or(0, |n| *n));
    let (found, major, wire_major) = (sum(|r| r.found), sum(|r| r.major), sum(|r| r.wire_major));
    let rust_only = sum(|r| r.rust_only.values().sum());
    let no_verdict = rows.iter().filter(|r| r.theirs.is_err()).count();
    let mut wire_safe: BTreeMap<&str, usize> = BTreeMap::new();
    for (code, n) in rows.iter().flat_map(|r| &r.wire_safe) {
        *wire_safe.entry(code).or_default() += n;
    }
    let wire_safe: Vec<String> = wire_safe.iter().map(|(code, n)| format!("`{code}` ×{n}")).collect();
    out.push_str(&format!(
        "\n{} pairs ({no_verdict} without a verdict from openapi-diff): it reports {theirs} breaking changes; {found} are in our report, {major} of them classified major, {wire_major} major on the wire; we also report {rust_only} Rust-only breaks.\n",
        rows.len()
    ));
    if !wire_safe.is_empty() {
        out.push_str(&format!("Found, but safe on the wire by our rules: {}.\n", wire_safe.join(", ")));
    }
    out
}
