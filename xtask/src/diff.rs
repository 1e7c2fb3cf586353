//! `cargo xtask diff OLD NEW` and `cargo xtask diff --since REV`: what changed between two
//! versions of a spec, classified on the Rust API and on the wire (see `codegen::diff`).
//! Exit code 0 when nothing breaks, 2 when something does, 1 on error. Beside it, the checks of
//! the report against other tools: `diff-oracle` (cargo-semver-checks, [`oracle`]) and
//! `diff-compare` (openapi-diff, [`compare`]).

pub mod compare;
pub mod oracle;

use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode};

use codegen::SpecFile;
use codegen::diff::{Report, Surface};
use codegen::model::Api;

/// How a report is written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum Format {
    Text,
    #[value(alias = "md")]
    Markdown,
    Json,
}

impl Format {
    /// By a file's extension: `.md` Markdown, `.json` JSON, anything else text.
    pub fn for_file(path: &Path) -> Format {
        match path.extension().and_then(|e| e.to_str()) {
            Some("md" | "markdown") => Format::Markdown,
            Some("json") => Format::Json,
            _ => Format::Text,
        }
    }
}

/// The reports in `format`; no report at all reads as "no API changes".
pub fn render(reports: &[Report], format: Format) -> String {
    match format {
        Format::Json => codegen::diff::json(reports),
        Format::Markdown if reports.is_empty() => "No API changes.\n".to_owned(),
        Format::Markdown => codegen::diff::markdown(reports),
        Format::Text if reports.is_empty() => "no API changes\n".to_owned(),
        Format::Text => codegen::diff::text(reports),
    }
}

/// `cargo xtask diff OLD NEW | --since REV | --rules`.
#[derive(clap::Args)]
pub struct Args {
    /// How the report is written.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Compare the specs in specs/ with their versions at this git revision.
    #[arg(long, value_name = "REV", conflicts_with = "files")]
    since: Option<String>,
    /// Print the rules table instead.
    #[arg(long, conflicts_with_all = ["since", "files"])]
    rules: bool,
    /// The old and the new spec file.
    #[arg(num_args = 2, value_names = ["OLD", "NEW"], required_unless_present_any = ["since", "rules"])]
    files: Vec<PathBuf>,
}

/// The process's exit code for a diff's outcome: 0 when nothing breaks, 2 when something does,
/// 1 on error.
pub fn exit(outcome: Result<bool, String>) -> ExitCode {
    match outcome {
        Ok(false) => ExitCode::SUCCESS,
        Ok(true) => ExitCode::from(2),
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}

/// Whether something breaks.
pub fn diff(root: &Path, args: &Args) -> Result<bool, String> {
    if args.rules {
        print!("{}", codegen::diff::rules_table());
        return Ok(false);
    }
    let reports = match (&args.since, args.files.as_slice()) {
        (Some(rev), _) => since(root, rev)?,
        (None, [old, new]) => vec![files(old, new)?],
        _ => return Err("give OLD and NEW, or --since REV".to_owned()),
    };
    print!("{}", render(&reports, args.format));
    Ok(reports.iter().any(Report::breaks))
}

/// Loads one spec file; its `$ref`s may read files in its folder.
pub fn load(path: &Path) -> Result<Api, String> {
    let text = fs::read_to_string(path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
    let label = path.to_string_lossy().replace('\\', "/");
    let (folder, label) = match label.rsplit_once('/') {
        Some((folder, _)) if !folder.is_empty() => (folder.to_owned(), label.clone()),
        _ => (".".to_owned(), format!("./{label}")),
    };
    let disk = path.parent().filter(|p| !p.as_os_str().is_empty()).unwrap_or(Path::new("."));
    let files = codegen::Files::new(disk, folder);
    codegen::load_model(SpecFile::new(&label, &text).with_files(&files)).map_err(|e| format!("error: {e}"))
}

/// Two spec files. Loading them is most of the time (the comparison of GitHub's spec with a
/// changed copy is a tenth of it), so the two load side by side.
pub fn files(old: &Path, new: &Path) -> Result<Report, String> {
    let (old, new) = std::thread::scope(|scope| {
        let old = scope.spawn(|| load(old));
        let new = load(new);
        (old.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), new)
    });
    let (old, new) = (old?, new?);
    Ok(codegen::diff::diff(&old, &new))
}

/// The specs of `specs/` as they are against the same specs at `rev`: a report per spec whose
/// surface or docs changed, added and removed specs included.
fn since(root: &Path, rev: &str) -> Result<Vec<Report>, String> {
    let scratch = root.join("target/tmp").join(format!("diff-since-{}", std::process::id()));
    let result = checkout_specs(root, rev, &scratch).and_then(|()| {
        let label = format!("{rev}:specs");
        let (old, new) = std::thread::scope(|scope| {
            let old = scope.spawn(|| load_all(&scratch.join("specs"), &label));
            let new = load_all(&root.join("specs"), "specs");
            (old.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)), new)
        });
        Ok(compare_all(old?, new?))
    });
    let _ = fs::remove_dir_all(&scratch);
    result
}

/// Every spec in `dir` (as regen finds them), by module; files are named `label/…` in messages.
fn load_all(dir: &Path, label: &str) -> Result<Vec<Api>, String> {
    let shared = codegen::Files::new(dir, label);
    let mut apis = Vec::new();
    let paths = if dir.is_dir() { crate::workspace::specs_in(dir)? } else { Vec::new() };
    for path in paths {
        let text = fs::read_to_string(&path).map_err(|e| format!("error: cannot read {}: {e}", path.display()))?;
        let inside = path.strip_prefix(dir).unwrap_or(&path).to_string_lossy().replace('\\', "/");
        let label = format!("{label}/{inside}");
        let api = codegen::load_model(SpecFile::new(&label, &text).with_files(&shared)).map_err(|e| format!("error: {e}"))?;
        apis.push(api);
    }
    apis.sort_by(|a, b| a.module.cmp(&b.module));
    Ok(apis)
}

/// Reports for the modules of two sets of APIs; a module on one side only is compared with
/// nothing (every item added, or removed).
pub fn compare_all(old: Vec<Api>, new: Vec<Api>) -> Vec<Report> {
    let mut reports = Vec::new();
    for api in &new {
        let report = match old.iter().find(|o| o.module == api.module) {
            Some(o) => codegen::diff::diff(o, api),
            None => codegen::diff::added_api(&Surface::of(api)),
        };
        if !report.changes.is_empty() {
            reports.push(report);
        }
    }
    for api in old.iter().filter(|o| !new.iter().any(|n| n.module == o.module)) {
        reports.push(codegen::diff::removed_api(&Surface::of(api)));
    }
    reports
}

/// Writes the files under `specs/` at `rev` into `scratch/specs/`.
fn checkout_specs(root: &Path, rev: &str, scratch: &Path) -> Result<(), String> {
    let git = |args: &[&str]| -> Result<Vec<u8>, String> {
        let out = Command::new("git").current_dir(root).args(args).output().map_err(|e| format!("error: cannot run git: {e}"))?;
        if !out.status.success() {
            return Err(format!("error: git {}: {}", args.join(" "), String::from_utf8_lossy(&out.stderr).trim()));
        }
        Ok(out.stdout)
    };
    git(&["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| format!("error: `{rev}` is not a git revision"))?;
    let listing = String::from_utf8(git(&["ls-tree", "-r", "--name-only", rev, "--", "specs"])?).map_err(|e| e.to_string())?;
    let _ = fs::remove_dir_all(scratch);
    fs::create_dir_all(scratch.join("specs")).map_err(|e| format!("error: cannot create {}: {e}", scratch.display()))?;
    for path in listing.lines().filter(|l| !l.is_empty()) {
        let contents = git(&["show", &format!("{rev}:{path}")])?;
        let target = scratch.join(path);
        if let Some(parent) = target.parent() {
            fs::create_dir_all(parent).map_err(|e| format!("error: cannot create {}: {e}", parent.display()))?;
        }
        fs::write(&target, contents).map_err(|e| format!("error: cannot write {}: {e}", target.display()))?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    const PETS: &str = "openapi: 3.0.3\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: {'204': {description: ok}}\n";

    fn git(dir: &Path, args: &[&str]) {
        let status = Command::new("git")
            .current_dir(dir)
            .args(["-c", "user.name=test", "-c", "user.email=test@example.com", "-c", "commit.gpgsign=false"])
            .args(args)
            .output()
            .unwrap();
        assert!(status.status.success(), "git {args:?}: {}", String::from_utf8_lossy(&status.stderr));
    }

    #[test]
    fn since_compares_the_specs_with_a_git_revision() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::create_dir_all(root.join("specs")).unwrap();
        fs::write(root.join("specs/pets.yaml"), PETS).unwrap();
        fs::write(root.join("specs/gone.yaml"), PETS.replace("title: Pets", "title: Gone")).unwrap();
        git(root, &["init", "--quiet"]);
        git(root, &["add", "specs"]);
        git(root, &["commit", "--quiet", "-m", "specs"]);
        fs::write(root.join("specs/pets.yaml"), PETS.replace("      operationId: listPets\n", "      operationId: listAllPets\n")).unwrap();
        fs::remove_file(root.join("specs/gone.yaml")).unwrap();
        fs::write(root.join("specs/new.yaml"), PETS.replace("title: Pets", "title: New")).unwrap();

        let reports = since(root, "HEAD").unwrap();
        let summary: Vec<(String, String, &str)> =
            reports.iter().flat_map(|r| r.changes.iter().map(|c| (r.module.clone(), c.location.to_string(), c.what.id()))).collect();
        assert_eq!(
            summary,
            [
                ("new".to_owned(), "fn list_pets (GET /pets)".to_owned(), "operation-added"),
                ("pets".to_owned(), "fn list_all_pets (GET /pets)".to_owned(), "operation-renamed"),
                ("gone".to_owned(), "fn list_pets (GET /pets)".to_owned(), "operation-removed"),
            ]
        );
        assert!(reports.iter().any(Report::breaks));
        assert!(!root.join("target/tmp").read_dir().is_ok_and(|mut d| d.next().is_some()), "the checkout is cleaned up");
        let message = since(root, "no-such-rev").unwrap_err();
        assert_eq!(message, "error: `no-such-rev` is not a git revision");
    }

    #[test]
    fn a_broken_spec_is_a_located_error() {
        let dir = tempfile::tempdir().unwrap();
        let (old, new) = (dir.path().join("old.yaml"), dir.path().join("new.yaml"));
        fs::write(&old, PETS).unwrap();
        fs::write(&new, "openapi: 3.0.3\ninfo: [\n").unwrap();
        let message = files(&old, &new).unwrap_err();
        assert!(message.starts_with(&format!("error: {}:", new.display())), "{message}");
        let report = files(&old, &old).unwrap();
        assert!(report.changes.is_empty());
        assert_eq!(render(&[], Format::Text), "no API changes\n");
    }
}
