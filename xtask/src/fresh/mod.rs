//! Keeps `generated/` in step with `specs/`: one plan serves `regen` (apply it), `check` (report
//! it) and the test that fails `cargo test` when the checked-in code is stale.
//!
//! What is a spec, in `specs/` and in the corpus harness's folder alike
//! ([`specs_in`](crate::workspace::specs_in)):
//! - each `.yaml`, `.yml` or `.json` file directly in the folder, its module named after its stem;
//! - each sub-folder `<name>/` holding a root file (the first of
//!   [`ROOT_FILES`](crate::workspace::ROOT_FILES) found), its
//!   module named `<name>`: the spec is that root file and whatever its `$ref`s bring in.
//!
//! Other sub-folders hold shared files only. Every spec may `$ref` any file inside the folder
//! (`./schemas/pet.yaml#/Pet`, `../shared/errors.yaml#/Error`) and none outside it; regen and
//! check read those files, so editing one alone makes `check` report the code stale.
//!
//! Per-spec settings live in `specs/codegen.toml`, a table per module (see `settings::Settings`).
//!
//! The plan's parts: `settings` (`specs/codegen.toml`), `surfaces` (the recorded API surfaces
//! and the change reports) and `version` (`--bump`).

mod settings;
mod surfaces;
mod version;

use std::fs;
use std::path::{Path, PathBuf};

use codegen::diff::Report;
use codegen::{GeneratedFile, SpecFile};

use settings::load_settings;
use surfaces::{SURFACE_DIR, removed_apis, stale_surfaces, surface_file};
use version::{version, with_version};

use crate::workspace::spec_paths;

/// The command-line flags of `regen` (and, through [`CheckFlags`], of `check`).
#[derive(Debug, Default, Clone, clap::Args)]
pub struct Flags {
    /// Every spec's warnings are errors: regen fails and leaves generated/ untouched (a spec's
    /// `deny-warnings = true` in specs/codegen.toml does this for that spec).
    #[arg(long)]
    pub deny_warnings: bool,
    /// Bump the generated crate's version by the class of the API changes.
    #[arg(long)]
    pub bump: bool,
    /// Also write the change report here: Markdown for `.md`, JSON for `.json`, else text.
    #[arg(long, value_name = "FILE")]
    pub report: Option<PathBuf>,
}

/// The command-line flags of `check`.
#[derive(Debug, Default, Clone, clap::Args)]
pub struct CheckFlags {
    /// Every spec's warnings are errors.
    #[arg(long)]
    pub deny_warnings: bool,
}

impl From<CheckFlags> for Flags {
    fn from(flags: CheckFlags) -> Self {
        Flags { deny_warnings: flags.deny_warnings, ..Flags::default() }
    }
}

/// What regen would do to one file.
#[derive(Debug)]
enum Change {
    Write { path: PathBuf, contents: String, old: Option<String> },
    Delete { path: PathBuf, old: String },
}

struct Plan {
    /// The specs' warnings, one `warning: file:line: at /pointer: message` line each.
    warnings: Vec<String>,
    /// One line per spec for the user: what it holds, and how many of its files change.
    summaries: Vec<String>,
    changes: Vec<Change>,
    unchanged: usize,
    /// Per spec whose API changed since its recorded surface, what changed.
    reports: Vec<Report>,
    /// The generated crate's version: as checked in, or bumped (`--bump`).
    version: Option<(String, String)>,
}

/// `1 type`, `2 types`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

fn plan(root: &Path, flags: Flags) -> Result<Plan, String> {
    let failed = |lines: Vec<String>| format!("{}\nregen failed: generated/ was left untouched", lines.join("\n"));
    let paths = spec_paths(root)?;
    let mut texts = Vec::with_capacity(paths.len());
    for path in &paths {
        let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let label = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        texts.push((label, text));
    }
    // Every spec, single file or not, may read shared files from anywhere in `specs/`; with them,
    // codegen names a folder spec's module after its folder.
    let shared = codegen::Files::new(root.join("specs"), "specs");
    let specs: Vec<SpecFile<'_>> = texts.iter().map(|(path, text)| SpecFile::new(path, text).with_files(&shared)).collect();
    let modules: Vec<String> = specs.iter().map(SpecFile::module).collect();
    let settings = load_settings(root, &modules)?;
    let specs: Vec<SpecFile<'_>> = specs
        .into_iter()
        .zip(&modules)
        .map(|(spec, module)| {
            let Some(setting) = settings.get(module) else { return spec };
            let spec = if setting.handler_names { spec } else { spec.without_handler_names() };
            let spec = spec.with_grouping(&setting.groups);
            let spec = match &setting.idempotency_header {
                Some(header) => spec.with_idempotency_header(header),
                None => spec,
            };
            match &setting.pagination {
                Some(rule) => spec.with_pagination(rule),
                None => spec,
            }
        })
        .collect();
    // The models for the recorded surfaces load on a thread of their own, beside generation.
    let (generated, models) = std::thread::scope(|scope| {
        let models = scope.spawn(|| specs.iter().map(|spec| codegen::load_model(*spec)).collect::<Vec<_>>());
        let generated = codegen::generate_crate(&specs);
        (generated, models.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
    });
    let (mut outputs, mut files) = generated.map_err(|errors| failed(errors.iter().map(|e| format!("error: {e}")).collect()))?;
    crate::rustfmt::format_files(root, &mut files).map_err(|e| failed(vec![e]))?;
    for output in &mut outputs {
        crate::rustfmt::format_files(root, &mut output.files).map_err(|e| failed(vec![e]))?;
    }

    let mut warnings = Vec::new();
    let mut denied = Vec::new();
    for output in &outputs {
        let deny = flags.deny_warnings || settings.get(&output.module).is_some_and(|s| s.deny_warnings);
        let (into, kind) = if deny { (&mut denied, "error") } else { (&mut warnings, "warning") };
        into.extend(output.warnings.iter().map(|w| format!("{kind}: {w}")));
    }
    if !denied.is_empty() {
        let why = if flags.deny_warnings { "--deny-warnings" } else { "deny-warnings in specs/codegen.toml" };
        denied.push(format!("warnings are errors ({why})"));
        warnings.append(&mut denied);
        return Err(failed(warnings));
    }

    let crate_dir = root.join("generated");
    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut summaries = Vec::new();
    let mut reports = Vec::new();
    let mut produced: Vec<PathBuf> = files.iter().map(|f| crate_dir.join(&f.path)).collect();
    for ((output, spec), model) in outputs.iter().zip(&specs).zip(models) {
        let before = changes.len();
        for file in &output.files {
            plan_file(&crate_dir, file, &mut changes, &mut unchanged);
        }
        let code_changed = changes.len() > before;
        let model = model.map_err(|e| format!("error: {e}"))?;
        let surface = surface_file(&crate_dir, spec, &model, &output.module);
        plan_file(&crate_dir, &surface.file, &mut changes, &mut unchanged);
        produced.push(crate_dir.join(&surface.file.path));
        let written = changes.len() - before;
        summaries.push(format!(
            "{}: {}, {}, {}, {}; {} changed, {} unchanged",
            output.module,
            count(output.types, "type"),
            count(output.operations, "operation"),
            count(output.warnings.len(), "warning"),
            count(output.examples, "example"),
            count(written, "file"),
            output.files.len() + 1 - written
        ));
        match surface.report(code_changed) {
            Ok(Some(report)) => reports.push(report),
            Ok(None) => {}
            Err(note) => summaries.push(note),
        }
    }
    reports.extend(removed_apis(&crate_dir, &outputs)?);
    let per_api: Vec<&str> = outputs.iter().flat_map(|o| o.files.iter().map(|f| f.path.as_str())).collect();
    let version = version(&crate_dir, &files, &reports, flags.bump)?;
    for file in files.iter().filter(|f| !per_api.contains(&f.path.as_str())) {
        match (&version, file.path.as_str()) {
            (Some((_, new)), "Cargo.toml") => {
                let file = GeneratedFile { path: file.path.clone(), contents: with_version(&file.contents, new) };
                plan_file(&crate_dir, &file, &mut changes, &mut unchanged);
            }
            _ => plan_file(&crate_dir, file, &mut changes, &mut unchanged),
        }
    }
    for (path, contents) in crate::tables::planned(root)? {
        plan_contents(path, &contents, &mut changes, &mut unchanged);
    }
    for dir in ["src", "tests"] {
        stale_files(&crate_dir.join(dir), &produced, &mut changes)?;
    }
    stale_surfaces(&crate_dir.join(SURFACE_DIR), &produced, &mut changes);
    Ok(Plan { warnings, summaries, changes, unchanged, reports, version })
}

fn plan_file(crate_dir: &Path, file: &GeneratedFile, changes: &mut Vec<Change>, unchanged: &mut usize) {
    plan_contents(crate_dir.join(&file.path), &file.contents, changes, unchanged);
}

fn plan_contents(path: PathBuf, contents: &str, changes: &mut Vec<Change>, unchanged: &mut usize) {
    // Line endings are normalised so a checkout with CRLF conversion is not "stale".
    let old = fs::read_to_string(&path).ok().map(|s| s.replace("\r\n", "\n"));
    if old.as_deref() == Some(contents) {
        *unchanged += 1;
    } else {
        changes.push(Change::Write { path, contents: contents.to_owned(), old });
    }
}

/// Generated files that regen no longer produces (their spec is gone): to be deleted. Files
/// without the `@generated` header, such as the runtime, are never touched.
fn stale_files(dir: &Path, produced: &[PathBuf], changes: &mut Vec<Change>) -> Result<(), String> {
    let Ok(entries) = fs::read_dir(dir) else { return Ok(()) };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            stale_files(&path, produced, changes)?;
        } else if !produced.contains(&path) {
            if let Ok(old) = fs::read_to_string(&path) {
                if old.starts_with("// @generated") {
                    changes.push(Change::Delete { path, old });
                }
            }
        }
    }
    Ok(())
}

/// Writes through a temporary file and a rename, so a file is never left half-written.
fn write_atomically(path: &Path, contents: &str) -> std::io::Result<()> {
    if let Some(parent) = path.parent() {
        fs::create_dir_all(parent)?;
    }
    let tmp = path.with_extension("regen-tmp");
    fs::write(&tmp, contents)?;
    fs::rename(&tmp, path)
}

pub fn regen(root: &Path, flags: Flags) -> Result<(), String> {
    let plan = plan(root, flags.clone())?;
    for line in &plan.warnings {
        eprintln!("{line}");
    }
    for line in &plan.summaries {
        println!("{line}");
    }
    if !plan.reports.is_empty() {
        print!("\n{}", codegen::diff::text(&plan.reports));
    }
    if let Some(path) = &flags.report {
        let report = crate::diff::render(&plan.reports, crate::diff::Format::for_file(path));
        fs::write(path, report).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        println!("change report written to {}", path.display());
    }
    if let Some((before, after)) = plan.version.as_ref().filter(|(before, after)| before != after) {
        println!("generated crate version {before} → {after} (--bump)");
    }
    for change in &plan.changes {
        match change {
            Change::Write { path, contents, .. } => {
                write_atomically(path, contents).map_err(|e| format!("cannot write {}: {e}", path.display()))?;
            }
            Change::Delete { path, .. } => {
                fs::remove_file(path).map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                if let Some(dir) = path.parent() {
                    // Only succeeds once the directory is empty, which is what we want.
                    let _ = fs::remove_dir(dir);
                }
                println!("removed {}", path.strip_prefix(root).unwrap_or(path).display());
            }
        }
    }
    println!("{} files written or removed, {} unchanged", plan.changes.len(), plan.unchanged);
    Ok(())
}

pub fn check(root: &Path, flags: Flags) -> Result<(), String> {
    if flags.bump || flags.report.is_some() {
        return Err("--bump and --report are options of regen".to_owned());
    }
    let plan = plan(root, flags)?;
    if plan.changes.is_empty() {
        println!("generated/ is up to date ({} files)", plan.unchanged);
        return Ok(());
    }
    let mut report = String::from("generated/ is stale; run `cargo xtask regen` and commit the result.\n");
    for change in &plan.changes {
        let (path, old, new) = match change {
            Change::Write { path, contents, old } => (path, old.as_deref().unwrap_or(""), contents.as_str()),
            Change::Delete { path, old } => (path, old.as_str(), ""),
        };
        let name = path.strip_prefix(root).unwrap_or(path).display().to_string();
        report.push_str(&format!("\nstale: {name}\n"));
        let diff = similar::TextDiff::from_lines(old, new);
        report.push_str(&diff.unified_diff().context_radius(2).header(&format!("a/{name}"), &format!("b/{name}")).to_string());
    }
    Err(report)
}

#[cfg(test)]
mod tests;
