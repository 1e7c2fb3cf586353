//! Keeps `generated/` in step with `specs/`: one plan serves `regen` (apply it), `check` (report
//! it) and the test that fails `cargo test` when the checked-in code is stale.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::{GeneratedFile, SpecFile};

/// The directory holding the workspace's `Cargo.toml`.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}

/// What regen would do to one file.
#[derive(Debug)]
enum Change {
    Write { path: PathBuf, contents: String, old: Option<String> },
    Delete { path: PathBuf, old: String },
}

struct Plan {
    /// One line per spec for the user: what it holds, and how many of its files change.
    summaries: Vec<String>,
    changes: Vec<Change>,
    unchanged: usize,
}

/// Spec files in `specs/`.
pub fn spec_paths(root: &Path) -> Result<Vec<PathBuf>, String> {
    specs_in(&root.join("specs"))
}

/// Spec files in `dir`, by name: `.yaml`, `.yml` and `.json`.
pub fn specs_in(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let entries = fs::read_dir(dir).map_err(|e| format!("cannot read {}: {e}", dir.display()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
        .collect();
    paths.sort();
    Ok(paths)
}

fn plan(root: &Path) -> Result<Plan, String> {
    let paths = spec_paths(root)?;
    let mut texts = Vec::with_capacity(paths.len());
    for path in &paths {
        let text = fs::read_to_string(path).map_err(|e| format!("cannot read {}: {e}", path.display()))?;
        let label = path.strip_prefix(root).unwrap_or(path).to_string_lossy().replace('\\', "/");
        texts.push((label, text));
    }
    let specs: Vec<SpecFile<'_>> = texts.iter().map(|(path, text)| SpecFile::new(path, text)).collect();
    let (outputs, files) = codegen::generate_crate(&specs).map_err(|errors| {
        let lines: Vec<String> = errors.iter().map(|e| format!("error: {e}")).collect();
        format!("{}\nregen failed: generated/ was left untouched", lines.join("\n"))
    })?;

    let crate_dir = root.join("generated");
    let mut changes = Vec::new();
    let mut unchanged = 0;
    let mut summaries = Vec::new();
    for output in &outputs {
        let before = changes.len();
        for file in &output.files {
            diff_file(&crate_dir, file, &mut changes, &mut unchanged);
        }
        let written = changes.len() - before;
        summaries.push(format!(
            "{}: {} types, {} operations, {} examples; {written} files changed, {} unchanged",
            output.module,
            output.types,
            output.operations,
            output.examples,
            output.files.len() - written
        ));
    }
    let per_api: Vec<&str> = outputs.iter().flat_map(|o| o.files.iter().map(|f| f.path.as_str())).collect();
    for file in files.iter().filter(|f| !per_api.contains(&f.path.as_str())) {
        diff_file(&crate_dir, file, &mut changes, &mut unchanged);
    }
    let produced: Vec<PathBuf> = files.iter().map(|f| crate_dir.join(&f.path)).collect();
    for dir in ["src", "tests"] {
        stale_files(&crate_dir.join(dir), &produced, &mut changes)?;
    }
    Ok(Plan { summaries, changes, unchanged })
}

fn diff_file(crate_dir: &Path, file: &GeneratedFile, changes: &mut Vec<Change>, unchanged: &mut usize) {
    let path = crate_dir.join(&file.path);
    // Line endings are normalised so a checkout with CRLF conversion is not "stale".
    let old = fs::read_to_string(&path).ok().map(|s| s.replace("\r\n", "\n"));
    if old.as_deref() == Some(file.contents.as_str()) {
        *unchanged += 1;
    } else {
        changes.push(Change::Write { path, contents: file.contents.clone(), old });
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

pub fn regen(root: &Path) -> Result<(), String> {
    let plan = plan(root)?;
    for line in &plan.summaries {
        println!("{line}");
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

pub fn check(root: &Path) -> Result<(), String> {
    let plan = plan(root)?;
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
            fs::write(dir.path().join("specs").join(name), text).unwrap();
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
        regen(ws.path()).unwrap();
        let first = mtimes(ws.path());
        assert_eq!(first.len(), 12, "Cargo.toml, lib.rs, 4 files and an examples test per API");
        check(ws.path()).unwrap();

        regen(ws.path()).unwrap();
        assert_eq!(mtimes(ws.path()), first, "an unchanged tree must not be touched");

        let edited = ws.path().join("generated/src/clemta/types.rs");
        fs::write(&edited, "// hand edit\n").unwrap();
        let report = check(ws.path()).unwrap_err();
        assert!(report.contains("stale: generated/src/clemta/types.rs"), "{report}");
        assert!(report.contains("-// hand edit"), "{report}");
        regen(ws.path()).unwrap();
        check(ws.path()).unwrap();
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
        let message = regen(ws.path()).unwrap_err();
        assert!(message.contains("specs/zz_broken.yaml:"), "{message}");
        assert!(message.contains("generated/ was left untouched"), "{message}");
        assert_eq!(fs::read_to_string(&lib).unwrap(), "// before\n");
        assert_eq!(mtimes(ws.path()).len(), 1, "no file may be added");
    }

    #[test]
    fn a_removed_spec_removes_its_module() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
        regen(ws.path()).unwrap();
        fs::remove_file(ws.path().join("specs/fax_plus.yaml")).unwrap();
        let report = check(ws.path()).unwrap_err();
        assert!(report.contains("stale: generated/src/fax_plus/client.rs"), "{report}");
        regen(ws.path()).unwrap();
        assert!(!ws.path().join("generated/src/fax_plus").exists());
        assert!(!ws.path().join("generated/tests/fax_plus_examples.rs").exists());
        let lib = fs::read_to_string(ws.path().join("generated/src/lib.rs")).unwrap();
        assert!(lib.contains("pub mod clemta;") && !lib.contains("fax_plus"), "{lib}");
        check(ws.path()).unwrap();
    }

    #[test]
    fn a_new_spec_needs_no_code_change() {
        let ws = workspace(&[("clemta.yaml", CLEMTA), ("fax_plus.yaml", FAX_PLUS)]);
        regen(ws.path()).unwrap();
        let petstore = "openapi: 3.0.0\ninfo: {title: Pets, version: '1'}\npaths:\n  /pets:\n    get:\n      operationId: listPets\n      responses: {'204': {description: ok}}\n";
        fs::write(ws.path().join("specs/pet-store.json"), serde_json::to_string(&serde_yaml::from_str::<serde_json::Value>(petstore).unwrap()).unwrap()).unwrap();
        regen(ws.path()).unwrap();
        let cargo = fs::read_to_string(ws.path().join("generated/Cargo.toml")).unwrap();
        assert!(cargo.contains("default = [\"clemta\", \"fax_plus\", \"pet_store\"]"), "{cargo}");
        assert!(cargo.contains("\npet_store = []\n"), "{cargo}");
        let client = fs::read_to_string(ws.path().join("generated/src/pet_store/client.rs")).unwrap();
        assert!(client.contains("pub async fn list_pets("), "{client}");
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
        if let Err(report) = check(&workspace_root()) {
            panic!("{report}");
        }
    }
}
