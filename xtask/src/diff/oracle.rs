//! `cargo xtask diff-oracle`: the Rust axis of every rule checked against cargo-semver-checks.
//! Each fixture pair of `codegen/tests/diff_fixtures/` is generated into two scratch crates
//! (`target/diff-oracle/<rule>/{old,new}`) and compared by the pinned cargo-semver-checks
//! (installed into `target/tools/`); wherever it finds a break, our report must say `major` on
//! the Rust axis. Prints the agreement table (`target/diff-oracle/agreement.md` too).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use codegen::SpecFile;
use codegen::diff::Impact;

/// The cargo-semver-checks the oracle is pinned to.
pub const SEMVER_CHECKS_VERSION: &str = "0.51.0";

/// Installs the pinned cargo-semver-checks into `target/tools/` unless it is there.
fn install(root: &Path) -> Result<PathBuf, String> {
    let tools = root.join("target/tools");
    let bin = tools.join("bin/cargo-semver-checks");
    let installed =
        Command::new(&bin).args(["semver-checks", "--version"]).output().ok().map(|o| String::from_utf8_lossy(&o.stdout).into_owned());
    if installed.is_some_and(|v| v.contains(SEMVER_CHECKS_VERSION)) {
        return Ok(bin);
    }
    println!("installing cargo-semver-checks {SEMVER_CHECKS_VERSION} into {} (several minutes)", tools.display());
    let status = crate::workspace::cargo()
        .args(["install", "cargo-semver-checks", "--locked", "--version", SEMVER_CHECKS_VERSION, "--root"])
        .arg(&tools)
        .status()
        .map_err(|e| format!("cannot run cargo install: {e}"))?;
    if !status.success() || !bin.exists() {
        return Err("cargo install cargo-semver-checks failed".to_owned());
    }
    Ok(bin)
}

/// One fixture pair's verdicts.
struct Row {
    rule: String,
    ours: Impact,
    /// The lints cargo-semver-checks failed (a break needs a major version).
    lints: Vec<String>,
}

impl Row {
    fn agrees(&self) -> bool {
        self.lints.is_empty() || self.ours == Impact::Major
    }
}

/// `cargo xtask diff-oracle [--filter TEXT]`.
#[derive(clap::Args)]
pub struct Args {
    /// Only the rules whose id contains this.
    #[arg(long)]
    filter: Option<String>,
}

pub fn run(root: &Path, args: &Args) -> Result<(), String> {
    let filter = args.filter.as_ref();
    let bin = install(root)?;
    let fixtures = root.join("codegen/tests/diff_fixtures");
    let mut rules: Vec<String> = fs::read_dir(&fixtures)
        .map_err(|e| format!("cannot read {}: {e}", fixtures.display()))?
        .filter_map(|e| e.ok().map(|e| e.file_name().to_string_lossy().into_owned()))
        .filter(|r| filter.as_ref().is_none_or(|f| r.contains(f.as_str())))
        .collect();
    rules.sort();
    let scratch = root.join("target/diff-oracle");
    let target_dir = root.join("target/diff-oracle-target");
    let runtime = root.join("generated/src/runtime");
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let mut rows = Vec::new();
    for rule in rules {
        let dir = scratch.join(&rule);
        let mut apis = Vec::new();
        for side in ["old", "new"] {
            let text =
                fs::read_to_string(fixtures.join(&rule).join(format!("{side}.yaml"))).map_err(|e| format!("{rule}/{side}.yaml: {e}"))?;
            let spec = SpecFile::new("specs/api.yaml", &text);
            apis.push(codegen::load_model(spec).map_err(|e| format!("{rule}/{side}.yaml: {e}"))?);
            let (_, files) = codegen::generate_crate(&[spec]).map_err(|e| format!("{rule}/{side}.yaml: {}", e[0]))?;
            crate::workspace::write_scratch(&dir.join(side), &files, &runtime, &lock)?;
        }
        let ours = codegen::diff::diff(&apis[0], &apis[1]).rust();
        let output = Command::new(&bin)
            .args(["semver-checks", "check-release", "--release-type", "minor", "--color", "never", "--manifest-path"])
            .arg(dir.join("new/generated/Cargo.toml"))
            .arg("--baseline-root")
            .arg(dir.join("old/generated"))
            .env("CARGO_TARGET_DIR", &target_dir)
            .output()
            .map_err(|e| format!("cannot run cargo-semver-checks: {e}"))?;
        let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
        let lints: Vec<String> =
            text.lines().filter_map(|l| l.strip_prefix("--- failure ")).filter_map(|l| l.split(':').next()).map(str::to_owned).collect();
        if !output.status.success() && lints.is_empty() {
            return Err(format!("cargo-semver-checks failed on {rule} without a lint:\n{text}"));
        }
        let row = Row { rule, ours, lints };
        println!(
            "{:<28} ours: {:<5}  cargo-semver-checks: {}",
            row.rule,
            row.ours.as_str(),
            if row.lints.is_empty() { "no break".to_owned() } else { row.lints.join(", ") }
        );
        rows.push(row);
    }
    let table = table(&rows);
    fs::write(scratch.join("agreement.md"), &table).map_err(|e| format!("cannot write the agreement table: {e}"))?;
    println!("\n{table}");
    let disagreements: Vec<&str> = rows.iter().filter(|r| !r.agrees()).map(|r| r.rule.as_str()).collect();
    if disagreements.is_empty() {
        Ok(())
    } else {
        Err(format!("cargo-semver-checks finds a break where our report does not say major: {}", disagreements.join(", ")))
    }
}

fn table(rows: &[Row]) -> String {
    let mut out = String::from("| rule | our Rust API class | cargo-semver-checks | agree |\n|---|---|---|---|\n");
    for r in rows {
        let theirs = if r.lints.is_empty() {
            "no break".to_owned()
        } else {
            format!("major: {}", r.lints.iter().map(|l| format!("`{l}`")).collect::<Vec<_>>().join(", "))
        };
        let agree = match (r.lints.is_empty(), r.ours == Impact::Major) {
            (false, true) => "yes",
            (false, false) => "**no**",
            (true, false) => "yes",
            (true, true) => "yes (a break it does not check)",
        };
        out.push_str(&format!("| `{}` | {} | {theirs} | {agree} |\n", r.rule, r.ours.as_str()));
    }
    let breaks = rows.iter().filter(|r| !r.lints.is_empty()).count();
    let agreed = rows.iter().filter(|r| !r.lints.is_empty() && r.ours == Impact::Major).count();
    let beyond = rows.iter().filter(|r| r.lints.is_empty() && r.ours == Impact::Major).count();
    out.push_str(&format!(
        "\n{} fixture pairs; cargo-semver-checks finds a break in {breaks}, and our report says major in {agreed} of them; our report says major in {beyond} more that it does not check.\n",
        rows.len()
    ));
    out
}
