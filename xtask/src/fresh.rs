//! Keeps `generated/` in step with `specs/`: one plan serves `regen` (apply it), `check` (report
//! it) and the test that fails `cargo test` when the checked-in code is stale.
//!
//! What is a spec, in `specs/` and in the corpus harness's folder alike ([`specs_in`]):
//! - each `.yaml`, `.yml` or `.json` file directly in the folder, its module named after its stem;
//! - each sub-folder `<name>/` holding a root file (the first of [`ROOT_FILES`] found), its
//!   module named `<name>`: the spec is that root file and whatever its `$ref`s bring in.
//!
//! Other sub-folders hold shared files only. Every spec may `$ref` any file inside the folder
//! (`./schemas/pet.yaml#/Pet`, `../shared/errors.yaml#/Error`) and none outside it; regen and
//! check read those files, so editing one alone makes `check` report the code stale.
//!
//! Per-spec settings live in `specs/codegen.toml`, a table per module (see [`Settings`]).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use codegen::diff::{Impact, Report, Surface};
use codegen::{GeneratedFile, SpecFile};

/// The directory holding the workspace's `Cargo.toml`.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}

/// The names a folder spec's root file may have, in the order they are looked for.
pub const ROOT_FILES: [&str; 6] = ["openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json"];

/// Where per-spec settings are read from, relative to the workspace root.
const SETTINGS_FILE: &str = "specs/codegen.toml";

/// The settings of one spec: a table named after its module in `specs/codegen.toml`, e.g.
/// `[clemta]` then `deny-warnings = true`. A missing file, table or key means the default; an
/// unknown key or module is an error. A new setting is a new field here.
#[derive(Debug, Default, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// The spec's warnings are errors, as `--deny-warnings` makes them for every spec.
    pub deny_warnings: bool,
    /// A pagination pattern the spec does not show, for every operation it fits, e.g.
    /// `pagination = { style = "after-last", param = "starting_after", has-more = "has_more" }`
    /// (the fields of `x-pagination`; see `codegen/src/lower/pagination.rs`).
    pub pagination: Option<codegen::PageRule>,
}

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

/// Where the surfaces are recorded, relative to the generated crate.
const SURFACE_DIR: &str = "api";

/// Spec files in `specs/`: see [`specs_in`].
pub fn spec_paths(root: &Path) -> Result<Vec<PathBuf>, String> {
    specs_in(&root.join("specs"))
}

/// The specs in `dir`, sorted by path: its `.yaml`, `.yml` and `.json` files, and the root file
/// of each sub-folder that has one (see the module's documentation).
pub fn specs_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths = Vec::new();
    for path in entries.filter_map(|e| e.ok().map(|e| e.path())) {
        if path.is_dir() {
            paths.extend(ROOT_FILES.iter().map(|name| path.join(name)).find(|root| root.is_file()));
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")) {
            paths.push(path);
        }
    }
    paths.sort();
    Ok(paths)
}

/// `1 type`, `2 types`.
fn count(n: usize, noun: &str) -> String {
    if n == 1 { format!("1 {noun}") } else { format!("{n} {noun}s") }
}

/// The settings in `specs/codegen.toml` by module, checked against the specs' `modules`.
fn load_settings(root: &Path, modules: &[String]) -> Result<BTreeMap<String, Settings>, String> {
    let text = match fs::read_to_string(root.join(SETTINGS_FILE)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(format!("error: cannot read {SETTINGS_FILE}: {e}")),
    };
    let line = |span: Option<std::ops::Range<usize>>| {
        span.map_or(1, |s| 1 + text.as_bytes()[..s.start.min(text.len())].iter().filter(|&&b| b == b'\n').count())
    };
    let tables: BTreeMap<toml::Spanned<String>, Settings> =
        toml::from_str(&text).map_err(|e| format!("error: {SETTINGS_FILE}:{}: {}", line(e.span()), e.message().trim_end()))?;
    let mut settings = BTreeMap::new();
    for (module, table) in tables {
        if !modules.contains(module.get_ref()) {
            return Err(format!(
                "error: {SETTINGS_FILE}:{}: `[{}]` is not the module of any spec in specs/ (they are: {})",
                line(Some(module.span())),
                module.get_ref(),
                modules.join(", ")
            ));
        }
        settings.insert(module.into_inner(), table);
    }
    Ok(settings)
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
        .map(|(spec, module)| match settings.get(module).and_then(|s| s.pagination.as_ref()) {
            Some(rule) => spec.with_pagination(rule),
            None => spec,
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
            diff_file(&crate_dir, file, &mut changes, &mut unchanged);
        }
        let code_changed = changes.len() > before;
        let model = model.map_err(|e| format!("error: {e}"))?;
        let surface = surface_file(&crate_dir, spec, &model, &output.module);
        diff_file(&crate_dir, &surface.file, &mut changes, &mut unchanged);
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
                diff_file(&crate_dir, &file, &mut changes, &mut unchanged);
            }
            _ => diff_file(&crate_dir, file, &mut changes, &mut unchanged),
        }
    }
    for (path, contents) in crate::tables::planned(root)? {
        diff_contents(path, &contents, &mut changes, &mut unchanged);
    }
    for dir in ["src", "tests"] {
        stale_files(&crate_dir.join(dir), &produced, &mut changes)?;
    }
    stale_surfaces(&crate_dir.join(SURFACE_DIR), &produced, &mut changes);
    Ok(Plan { warnings, summaries, changes, unchanged, reports, version })
}

/// One spec's surface file, and its recorded predecessor.
struct SurfaceFile {
    file: GeneratedFile,
    new: Surface,
    /// The checked-in text, if any.
    old: Option<String>,
    /// The module's code was there before (a spec whose surface was never recorded).
    existed: bool,
    label: String,
}

/// `generated/api/<module>.txt`: the spec's API surface, checked in so that a pull request
/// updating a spec shows what changed in the API beside the code.
fn surface_file(crate_dir: &Path, spec: &SpecFile<'_>, api: &codegen::model::Api, module: &str) -> SurfaceFile {
    let new = Surface::of(api);
    let path = format!("{SURFACE_DIR}/{module}.txt");
    let contents = format!(
        "# @generated by `cargo xtask regen` from `{}`: the API surface, for review beside the code. Do not edit.\n{new}",
        spec.path
    );
    let old = fs::read_to_string(crate_dir.join(&path)).ok().map(|s| s.replace("\r\n", "\n"));
    let label = format!("generated/{path}");
    let existed = crate_dir.join("src").join(module).join("mod.rs").exists();
    SurfaceFile { file: GeneratedFile { path, contents }, new, old, existed, label }
}

impl SurfaceFile {
    /// What changed since the recorded surface: `None` when nothing did, or when there is no
    /// record of a module that was there (its first regen since surfaces are recorded); a new
    /// module is a new API. An error is a note for the user.
    fn report(&self, code_changed: bool) -> Result<Option<Report>, String> {
        let Some(old_text) = &self.old else {
            return Ok((!self.existed).then(|| codegen::diff::added_api(&self.new)));
        };
        if *old_text == self.file.contents {
            // The same API, other code: documentation, or the generator itself.
            return Ok(code_changed.then(|| codegen_only(&self.new)));
        }
        let old = Surface::parse(old_text).map_err(|e| {
            format!("warning: {}:{}: cannot read the recorded surface ({}); no change report", self.label, e.line, e.message)
        })?;
        Ok(Some(codegen::diff::diff_surfaces(&old, &self.new)))
    }
}

/// The report of a module whose code changed but whose surface did not: a patch. The recorded
/// surface holds no docs, so which ones changed takes the old spec: `diff --since` reads it from git.
fn codegen_only(surface: &Surface) -> Report {
    Report {
        module: surface.module.clone(),
        old_version: surface.version.clone(),
        new_version: surface.version.clone(),
        changes: vec![codegen::diff::Change {
            what: codegen::diff::Rule::DocsChanged,
            location: codegen::diff::Location::Api,
            detail: "generated code changed, API surface unchanged (`cargo xtask diff --since HEAD` names the docs that changed)"
                .to_owned(),
            rust: Impact::Patch,
            wire: Impact::None,
            reason: "documentation (or the generator's own output) changed; every signature is the same".to_owned(),
        }],
    }
}

/// Recorded surfaces whose spec is gone: the whole API is removed.
fn removed_apis(crate_dir: &Path, outputs: &[codegen::ApiOutput]) -> Result<Vec<Report>, String> {
    let Ok(entries) = fs::read_dir(crate_dir.join(SURFACE_DIR)) else { return Ok(Vec::new()) };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    let mut reports = Vec::new();
    for path in paths {
        let Some(module) = path.file_stem().and_then(|s| s.to_str()) else { continue };
        if path.extension().is_none_or(|e| e != "txt") || outputs.iter().any(|o| o.module == module) {
            continue;
        }
        let text = fs::read_to_string(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        if let Ok(old) = Surface::parse(&text) {
            reports.push(codegen::diff::removed_api(&old));
        }
    }
    Ok(reports)
}

/// Recorded surfaces regen no longer produces: to be deleted.
fn stale_surfaces(dir: &Path, produced: &[PathBuf], changes: &mut Vec<Change>) {
    let Ok(entries) = fs::read_dir(dir) else { return };
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.extension().is_some_and(|e| e == "txt") && !produced.contains(&path) {
            if let Ok(old) = fs::read_to_string(&path) {
                if old.starts_with("# @generated") {
                    changes.push(Change::Delete { path, old });
                }
            }
        }
    }
}

/// The `version = "…"` of the `[package]` table, and its line's byte range.
fn package_version(manifest: &str) -> Option<(String, std::ops::Range<usize>)> {
    let mut in_package = false;
    let mut offset = 0;
    for line in manifest.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_package = trimmed == "[package]";
        } else if in_package {
            if let Some(value) = trimmed.strip_prefix("version = \"").and_then(|v| v.strip_suffix('"')) {
                return Some((value.to_owned(), offset..offset + line.trim_end_matches('\n').len()));
            }
        }
        offset += line.len();
    }
    None
}

fn with_version(manifest: &str, version: &str) -> String {
    match package_version(manifest) {
        Some((_, range)) => format!("{}version = \"{version}\"{}", &manifest[..range.start], &manifest[range.end..]),
        None => manifest.to_owned(),
    }
}

/// The version after changes of `class`, as cargo reads semver: before 1.0, the minor number is
/// the major one (`0.3.1` → `0.4.0` for a break, `0.3.2` for an addition).
pub fn bumped(version: &str, class: Impact) -> Result<String, String> {
    let numbers: Vec<u64> = version.split('.').map(|n| n.parse().map_err(|_| ())).collect::<Result<_, _>>().unwrap_or_default();
    let [major, minor, patch] = numbers[..] else {
        return Err(format!("cannot bump version `{version}`: not `major.minor.patch`"));
    };
    Ok(match (class, major) {
        (Impact::None, _) => version.to_owned(),
        (Impact::Major, 0) => format!("0.{}.0", minor + 1),
        (Impact::Major, _) => format!("{}.0.0", major + 1),
        (Impact::Minor, 0) | (Impact::Patch, _) => format!("{major}.{minor}.{}", patch + 1),
        (Impact::Minor, _) => format!("{major}.{}.0", minor + 1),
    })
}

/// The generated crate's version: the one checked in (regen keeps it), bumped by the largest
/// class among `reports` when asked. `(before, after)`.
fn version(crate_dir: &Path, files: &[GeneratedFile], reports: &[Report], bump: bool) -> Result<Option<(String, String)>, String> {
    let Some(manifest) = files.iter().find(|f| f.path == "Cargo.toml") else { return Ok(None) };
    let checked_in = fs::read_to_string(crate_dir.join("Cargo.toml")).ok().and_then(|m| package_version(&m)).map(|(v, _)| v);
    let Some(current) = checked_in.or_else(|| package_version(&manifest.contents).map(|(v, _)| v)) else { return Ok(None) };
    let class = reports.iter().map(Report::semver).max().unwrap_or_default();
    let next = if bump { bumped(&current, class)? } else { current.clone() };
    Ok(Some((current, next)))
}

fn diff_file(crate_dir: &Path, file: &GeneratedFile, changes: &mut Vec<Change>, unchanged: &mut usize) {
    diff_contents(crate_dir.join(&file.path), &file.contents, changes, unchanged);
}

fn diff_contents(path: PathBuf, contents: &str, changes: &mut Vec<Change>, unchanged: &mut usize) {
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
mod tests {
    use super::*;
    use std::time::SystemTime;

    const CLEMTA: &str = include_str!("../../specs/clemta.yaml");
    const FAX_PLUS: &str = include_str!("../../specs/fax_plus.yaml");

    fn workspace(specs: &[(&str, &str)]) -> tempfile::TempDir {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join("specs")).unwrap();
        for (name, text) in specs {
            let path = dir.path().join("specs").join(name);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, text).unwrap();
        }
        dir
    }

    fn mtimes(root: &Path) -> Vec<(PathBuf, SystemTime)> {
        let mut out = Vec::new();
        let mut stack = vec![root.join("generated")];
        while let Some(dir) = stack.pop() {
            for entry in fs::read_dir(dir).unwrap() {
                let path = entry.unwrap().path();
                if path.is_dir() {
                    stack.push(path);
                } else {
                    out.push((path.clone(), fs::metadata(&path).unwrap().modified().unwrap()));
                }
            }
        }
        out.sort();
        out
    }

    #[test]
    fn regen_rewrites_only_changed_files() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
        regen(ws.path(), Flags::default()).unwrap();
        let first = mtimes(ws.path());
        let surfaces = first.iter().filter(|(path, _)| path.starts_with(ws.path().join("generated/api"))).count();
        assert_eq!(surfaces, 2, "a surface per API");
        let first_code = first.len() - surfaces;
        assert_eq!(first_code, 14, "Cargo.toml, lib.rs, 5 files and an examples test per API");
        check(ws.path(), Flags::default()).unwrap();

        regen(ws.path(), Flags::default()).unwrap();
        assert_eq!(mtimes(ws.path()), first, "an unchanged tree must not be touched");

        let edited = ws.path().join("generated/src/clemta/types.rs");
        fs::write(&edited, "// hand edit\n").unwrap();
        let report = check(ws.path(), Flags::default()).unwrap_err();
        assert!(report.contains("stale: generated/src/clemta/types.rs"), "{report}");
        assert!(report.contains("-// hand edit"), "{report}");
        regen(ws.path(), Flags::default()).unwrap();
        check(ws.path(), Flags::default()).unwrap();
        let changed: Vec<_> = mtimes(ws.path()).into_iter().filter(|entry| !first.contains(entry)).collect();
        assert_eq!(changed.len(), 1, "{changed:?}");
        assert_eq!(changed[0].0, edited);
    }

    #[test]
    fn failed_regen_leaves_generated_untouched() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("zz_broken.yaml", "openapi: 3.0.3\ninfo: [\n")]);
        let lib = ws.path().join("generated/src/lib.rs");
        fs::create_dir_all(lib.parent().unwrap()).unwrap();
        fs::write(&lib, "// before\n").unwrap();
        let message = regen(ws.path(), Flags::default()).unwrap_err();
        assert!(message.contains("specs/zz_broken.yaml:"), "{message}");
        assert!(message.contains("generated/ was left untouched"), "{message}");
        assert_eq!(fs::read_to_string(&lib).unwrap(), "// before\n");
        assert_eq!(mtimes(ws.path()).len(), 1, "no file may be added");
    }

    #[test]
    fn a_removed_spec_removes_its_module() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
        regen(ws.path(), Flags::default()).unwrap();
        fs::remove_file(ws.path().join("specs/fax_plus.yaml")).unwrap();
        let report = check(ws.path(), Flags::default()).unwrap_err();
        assert!(report.contains("stale: generated/src/fax_plus/client.rs"), "{report}");
        regen(ws.path(), Flags::default()).unwrap();
        assert!(!ws.path().join("generated/src/fax_plus").exists());
        assert!(!ws.path().join("generated/tests/fax_plus_examples.rs").exists());
        let lib = fs::read_to_string(ws.path().join("generated/src/lib.rs")).unwrap();
        assert!(lib.contains("pub mod clemta;") && !lib.contains("fax_plus"), "{lib}");
        check(ws.path(), Flags::default()).unwrap();
    }

    #[test]
    fn a_new_spec_needs_no_code_change() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
        regen(ws.path(), Flags::default()).unwrap();
        let petstore = "openapi: 3.0.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: {'204': {description: ok}}\n";
        fs::write(
            ws.path().join("specs/pet-store.json"),
            serde_json::to_string(&serde_yaml::from_str::<serde_json::Value>(petstore).unwrap()).unwrap(),
        )
        .unwrap();
        regen(ws.path(), Flags::default()).unwrap();
        let cargo = fs::read_to_string(ws.path().join("generated/Cargo.toml")).unwrap();
        assert!(cargo.contains("default = [\"clemta\", \"fax_plus\", \"pet_store\"]"), "{cargo}");
        assert!(cargo.contains("\npet_store = []\n"), "{cargo}");
        let client = fs::read_to_string(ws.path().join("generated/src/pet_store/client.rs")).unwrap();
        assert!(client.contains("pub fn list_pets<'a>("), "{client}");
        let builders = fs::read_to_string(ws.path().join("generated/src/pet_store/builders.rs")).unwrap();
        assert!(builders.contains("pub struct ListPets<'a>"), "{builders}");
    }

    /// A spec answering `GET /pets` with the schema at `reference`.
    fn pets(reference: &str) -> String {
        format!(
            "openapi: 3.0.3\ninfo: {{title: Pets, version: '1'}}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '{reference}'}}\n"
        )
    }

    const PET: &str = "Pet:\n  type: object\n  properties:\n    name: {type: string}\n";

    /// Every file of `generated/`: its bytes and its modification time.
    fn snapshot(root: &Path) -> Vec<(PathBuf, Vec<u8>, SystemTime)> {
        mtimes(root).into_iter().map(|(path, time)| (path.clone(), fs::read(&path).unwrap(), time)).collect()
    }

    #[test]
    fn specs_are_files_and_folders_with_a_root_file() {
        let dir = tempfile::tempdir().unwrap();
        let files = [
            "b.json",
            "a.yaml",
            "codegen.toml",
            "notes.txt",
            "x/swagger.yaml",
            "x/openapi.json",
            "x/pet.yaml",
            "y/openapi.yml",
            "shared/pet.yaml",
            "shared/deeper/openapi.yaml",
        ];
        for file in files {
            let path = dir.path().join(file);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "").unwrap();
        }
        let found: Vec<String> = specs_in(dir.path())
            .unwrap()
            .iter()
            .map(|p| p.strip_prefix(dir.path()).unwrap().to_string_lossy().replace('\\', "/"))
            .collect();
        assert_eq!(found, ["a.yaml", "b.json", "x/openapi.json", "y/openapi.yml"]);
    }

    #[test]
    fn a_folder_spec_is_one_module_named_after_its_folder() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("pet-store/openapi.yaml", &pets("./schemas/pet.yaml#/Pet"))]);
        fs::create_dir_all(ws.path().join("specs/pet-store/schemas")).unwrap();
        fs::write(ws.path().join("specs/pet-store/schemas/pet.yaml"), PET).unwrap();
        regen(ws.path(), Flags::default()).unwrap();
        let types = fs::read_to_string(ws.path().join("generated/src/pet_store/types.rs")).unwrap();
        assert!(types.contains("pub struct Pet"), "{types}");
        let cargo = fs::read_to_string(ws.path().join("generated/Cargo.toml")).unwrap();
        assert!(cargo.contains("default = [\"clemta\", \"pet_store\"]"), "{cargo}");
        check(ws.path(), Flags::default()).unwrap();
    }

    #[test]
    fn a_change_to_a_referenced_file_alone_makes_check_stale() {
        let ws = workspace(&[("pets.yaml", &pets("./shared/pet.yaml#/Pet")), ("shared/pet.yaml", PET)]);
        regen(ws.path(), Flags::default()).unwrap();
        check(ws.path(), Flags::default()).unwrap();
        let types = fs::read_to_string(ws.path().join("generated/src/pets/types.rs")).unwrap();
        assert!(types.contains("pub struct Pet") && !types.contains("pub age"), "{types}");

        fs::write(ws.path().join("specs/shared/pet.yaml"), format!("{PET}    age: {{type: integer}}\n")).unwrap();
        let report = check(ws.path(), Flags::default()).unwrap_err();
        assert!(report.contains("stale: generated/src/pets/types.rs"), "{report}");
        assert!(report.contains("pub age"), "{report}");
    }

    #[test]
    fn a_ref_leaving_specs_is_a_located_error() {
        let ws = workspace(&[("clemta.yaml", CLEMTA)]);
        regen(ws.path(), Flags::default()).unwrap();
        let before = snapshot(ws.path());
        fs::write(ws.path().join("pet.yaml"), PET).unwrap();
        fs::write(ws.path().join("specs/pets.yaml"), pets("../pet.yaml#/Pet")).unwrap();
        let message = regen(ws.path(), Flags::default()).unwrap_err();
        assert!(
            message.contains("error: specs/pets.yaml:12: at /paths/~1pets/get/responses/200/content/application~1json/schema/$ref: "),
            "{message}"
        );
        assert!(message.contains("leaves the folder `specs`"), "{message}");
        assert!(message.contains("generated/ was left untouched"), "{message}");
        assert_eq!(snapshot(ws.path()), before);
    }

    #[test]
    fn warnings_are_counted_and_denied_on_request() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("pets.yaml", &pets("#/components/schemas/Missing"))]);
        let plan = plan(ws.path(), Flags::default()).unwrap();
        assert_eq!(plan.warnings.len(), 1, "{:?}", plan.warnings);
        assert!(plan.warnings[0].starts_with("warning: specs/pets.yaml:12: at /paths/"), "{:?}", plan.warnings);
        assert!(plan.warnings[0].contains("points at nothing"), "{:?}", plan.warnings);
        assert!(plan.summaries.iter().any(|s| s.starts_with("pets: 0 types, 1 operation, 1 warning,")), "{:?}", plan.summaries);
        assert!(plan.summaries.iter().any(|s| s.contains(", 0 warnings,")), "{:?}", plan.summaries);
        regen(ws.path(), Flags::default()).unwrap();
        let before = snapshot(ws.path());

        let deny = Flags { deny_warnings: true, ..Flags::default() };
        for message in [regen(ws.path(), deny.clone()).unwrap_err(), check(ws.path(), deny).unwrap_err()] {
            assert!(message.starts_with("error: specs/pets.yaml:12: at /paths/"), "{message}");
            assert!(message.contains("(--deny-warnings)") && message.contains("generated/ was left untouched"), "{message}");
        }

        // Per spec: only the spec whose table says so.
        fs::write(ws.path().join("specs/codegen.toml"), "[clemta]\ndeny-warnings = true\n[pets]\n").unwrap();
        regen(ws.path(), Flags::default()).unwrap();
        fs::write(ws.path().join("specs/codegen.toml"), "[pets]\ndeny-warnings = true\n").unwrap();
        let message = regen(ws.path(), Flags::default()).unwrap_err();
        assert!(message.starts_with("error: specs/pets.yaml:12:"), "{message}");
        assert!(message.contains("deny-warnings in specs/codegen.toml"), "{message}");
        assert_eq!(snapshot(ws.path()), before);
    }

    #[test]
    fn settings_name_known_modules_and_keys() {
        let ws = workspace(&[("clemta.yaml", CLEMTA)]);
        let settings = ws.path().join("specs/codegen.toml");
        for (text, expected) in [
            ("[clemta]\ndeny-warning = true\n", "error: specs/codegen.toml:2: unknown field `deny-warning`, expected `deny-warnings`"),
            ("[clemta]\ndeny-warnings = 'yes'\n", "error: specs/codegen.toml:2: invalid type"),
            (
                "# pets come later\n[pets]\n",
                "error: specs/codegen.toml:2: `[pets]` is not the module of any spec in specs/ (they are: clemta)",
            ),
            ("[clemta\n", "error: specs/codegen.toml:1: "),
        ] {
            fs::write(&settings, text).unwrap();
            let message = regen(ws.path(), Flags::default()).unwrap_err();
            assert!(message.starts_with(expected), "{text}: {message}");
            assert!(!ws.path().join("generated").exists(), "nothing is generated");
        }
        fs::write(&settings, "[clemta]\n").unwrap();
        regen(ws.path(), Flags::default()).unwrap();
    }

    #[test]
    fn a_pagination_setting_names_the_pattern_a_spec_does_not_show() {
        let spec = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      parameters: [{name: token, in: query, schema: {type: string}}]\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {type: object, properties: {pets: {type: array, items: {type: string}}, more: {type: string}}}\n";
        let ws = workspace(&[("pets.yaml", spec)]);
        let builders = ws.path().join("generated/src/pets/builders.rs");
        regen(ws.path(), Flags::default()).unwrap();
        assert!(!fs::read_to_string(&builders).unwrap().contains("pub fn stream("), "nothing in the spec says it pages");
        let settings = ws.path().join("specs/codegen.toml");
        fs::write(&settings, "[pets]\npagination = { style = \"cursor\", param = \"token\", next = \"more\" }\n").unwrap();
        regen(ws.path(), Flags::default()).unwrap();
        assert!(fs::read_to_string(&builders).unwrap().contains("pub fn stream("));
        fs::write(&settings, "[pets]\npagination = { style = \"sideways\" }\n").unwrap();
        let message = regen(ws.path(), Flags::default()).unwrap_err();
        assert!(message.starts_with("error: specs/codegen.toml:2: unknown variant `sideways`"), "{message}");
    }

    /// A spec `GET /pets` answering a `Pet` with the given extra properties (YAML lines).
    fn pet_api(extra: &str) -> String {
        format!(
            "openapi: 3.0.3\ninfo: {{title: Pets, version: '1'}}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses:\n        '200':\n          description: ok\n          content:\n            application/json:\n              schema: {{$ref: '#/components/schemas/Pet'}}\ncomponents:\n  schemas:\n    Pet:\n      type: object\n      properties:\n        name: {{type: string}}\n{extra}"
        )
    }

    fn crate_version(root: &Path) -> String {
        package_version(&fs::read_to_string(root.join("generated/Cargo.toml")).unwrap()).unwrap().0
    }

    #[test]
    fn regen_records_surfaces_reports_changes_and_bumps_on_request() {
        let ws = workspace(&[("pets.yaml", &pet_api(""))]);
        let first = plan(ws.path(), Flags::default()).unwrap();
        assert_eq!(first.reports.len(), 1, "a new API is reported");
        assert_eq!(first.reports[0].semver(), Impact::Minor);
        regen(ws.path(), Flags::default()).unwrap();
        // A module whose surface was never recorded (code from before surfaces were): no report.
        fs::remove_file(ws.path().join("generated/api/pets.txt")).unwrap();
        assert!(plan(ws.path(), Flags::default()).unwrap().reports.is_empty());
        regen(ws.path(), Flags::default()).unwrap();
        let surface = fs::read_to_string(ws.path().join("generated/api/pets.txt")).unwrap();
        assert!(surface.starts_with("# @generated by `cargo xtask regen` from `specs/pets.yaml`"), "{surface}");
        assert!(surface.contains("\nfn list_pets: GET /pets\n") && surface.contains("\nstruct Pet\n  name: Option<String>\n"), "{surface}");
        assert!(plan(ws.path(), Flags::default()).unwrap().reports.is_empty(), "nothing changed");
        assert_eq!(crate_version(ws.path()), "0.1.0");

        // A new field: a Rust break (struct literals), safe on the wire.
        fs::write(ws.path().join("specs/pets.yaml"), pet_api("        age: {type: integer}\n")).unwrap();
        let stale = check(ws.path(), Flags::default()).unwrap_err();
        assert!(stale.contains("stale: generated/api/pets.txt") && stale.contains("+  age: Option<i64>"), "{stale}");
        let plan_now = plan(ws.path(), Flags::default()).unwrap();
        assert_eq!(plan_now.reports.len(), 1);
        let change = &plan_now.reports[0].changes[0];
        assert_eq!((change.what.id(), change.location.to_string()), ("field-added", "Pet.age".to_owned()));
        assert_eq!((change.rust, change.wire), (Impact::Major, Impact::Minor));

        let report_file = ws.path().join("changes.json");
        regen(ws.path(), Flags { bump: true, report: Some(report_file.clone()), ..Flags::default() }).unwrap();
        let json: serde_json::Value = serde_json::from_str(&fs::read_to_string(&report_file).unwrap()).unwrap();
        assert_eq!(json["semver"], "major");
        assert_eq!(json["apis"][0]["changes"][0]["rule"], "field-added");
        assert_eq!(crate_version(ws.path()), "0.2.0", "a break bumps 0.1.0 to 0.2.0");
        check(ws.path(), Flags::default()).unwrap();

        // Nothing changed since: no report, no bump, the version kept.
        regen(ws.path(), Flags { bump: true, ..Flags::default() }).unwrap();
        assert_eq!(crate_version(ws.path()), "0.2.0");

        // Documentation only: a patch.
        fs::write(ws.path().join("specs/pets.yaml"), pet_api("        age: {type: integer, description: In years.}\n")).unwrap();
        let plan_now = plan(ws.path(), Flags::default()).unwrap();
        assert_eq!(plan_now.reports.iter().map(Report::semver).collect::<Vec<_>>(), [Impact::Patch]);
        regen(ws.path(), Flags { bump: true, ..Flags::default() }).unwrap();
        assert_eq!(crate_version(ws.path()), "0.2.1");
        check(ws.path(), Flags::default()).unwrap();
        assert!(check(ws.path(), Flags { bump: true, ..Flags::default() }).is_err(), "--bump is regen's");
    }

    #[test]
    fn a_removed_spec_is_a_removed_api_and_its_surface_goes() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("pets.yaml", &pet_api(""))]);
        regen(ws.path(), Flags::default()).unwrap();
        fs::remove_file(ws.path().join("specs/pets.yaml")).unwrap();
        let plan_now = plan(ws.path(), Flags::default()).unwrap();
        let report = plan_now.reports.iter().find(|r| r.module == "pets").expect("a report for the removed API");
        assert!(report.breaks(), "{report:?}");
        assert!(report.changes.iter().any(|c| c.what.id() == "operation-removed"), "{report:?}");
        regen(ws.path(), Flags::default()).unwrap();
        assert!(!ws.path().join("generated/api/pets.txt").exists());
        assert!(ws.path().join("generated/api/clemta.txt").exists());
        check(ws.path(), Flags::default()).unwrap();
    }

    #[test]
    fn versions_bump_as_cargo_reads_semver() {
        for (version, class, expected) in [
            ("0.1.0", Impact::Major, "0.2.0"),
            ("0.1.3", Impact::Minor, "0.1.4"),
            ("0.1.3", Impact::Patch, "0.1.4"),
            ("1.2.3", Impact::Major, "2.0.0"),
            ("1.2.3", Impact::Minor, "1.3.0"),
            ("1.2.3", Impact::Patch, "1.2.4"),
            ("1.2.3", Impact::None, "1.2.3"),
        ] {
            assert_eq!(bumped(version, class).unwrap(), expected, "{version} {class}");
        }
        assert!(bumped("1.2", Impact::Major).is_err());
        let manifest = "[package]\nname = \"g\"\nversion = \"0.1.0\"\n\n[dependencies]\nx = { version = \"1\" }\n";
        assert_eq!(with_version(manifest, "0.2.0"), manifest.replace("0.1.0", "0.2.0"));
    }

    /// The README's example is the compiled example, word for word.
    #[test]
    fn readme_example_is_compiled() {
        let root = workspace_root();
        let readme = fs::read_to_string(root.join("README.md")).unwrap();
        let start = readme.find("```rust\n").expect("README has a Rust example") + "```rust\n".len();
        let end = start + readme[start..].find("```\n").unwrap();
        let example = fs::read_to_string(root.join("generated/examples/quickstart.rs")).unwrap();
        assert!(example.contains(&readme[start..end]), "README example and generated/examples/quickstart.rs differ");
    }

    /// `cargo test` fails while the checked-in generated code differs from what regen writes.
    #[test]
    fn generated_code_is_fresh() {
        if let Err(report) = check(&workspace_root(), Flags::default()) {
            panic!("{report}");
        }
    }
}
