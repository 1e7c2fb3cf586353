//! What every command shares: where the workspace is, which files are specs, running cargo, and
//! writing a generated crate into a scratch workspace of its own.

use std::fs;
use std::path::{Path, PathBuf};

/// The directory holding the workspace's `Cargo.toml`.
pub fn workspace_root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("xtask lives inside the workspace").to_path_buf()
}

/// The names a folder spec's root file may have, in the order they are looked for.
pub const ROOT_FILES: [&str; 6] = ["openapi.yaml", "openapi.yml", "openapi.json", "swagger.yaml", "swagger.yml", "swagger.json"];

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

/// A `cargo` command that does not inherit the variables `cargo run` set for xtask itself: build
/// scripts watch some of them (`CARGO_PKG_NAME`, …), and seeing them change forces rebuilds.
pub fn cargo() -> std::process::Command {
    let mut command = std::process::Command::new(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    for (key, _) in std::env::vars_os() {
        let key = key.to_string_lossy();
        if key.starts_with("CARGO_PKG_")
            || key.starts_with("CARGO_MANIFEST_")
            || matches!(&*key, "CARGO_CRATE_NAME" | "CARGO_BIN_NAME" | "CARGO_PRIMARY_PACKAGE")
        {
            command.env_remove(&*key);
        }
    }
    command
}

/// A workspace of its own holding the generated crate verbatim, plus the hand-written runtime.
pub fn write_scratch(dir: &Path, files: &[codegen::GeneratedFile], runtime: &Path, lock: &[u8]) -> Result<(), String> {
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
        copy_tree(&from, &to).map_err(io)?;
    }
    Ok(())
}

/// Copies the folder `from` to `to`, subfolders (the runtime's `oauth/`) included.
fn copy_tree(from: &Path, to: &Path) -> std::io::Result<()> {
    fs::create_dir_all(to)?;
    for entry in fs::read_dir(from)? {
        let entry = entry?;
        if entry.file_type()?.is_dir() {
            copy_tree(&entry.path(), &to.join(entry.file_name()))?;
        } else {
            fs::copy(entry.path(), to.join(entry.file_name()))?;
        }
    }
    Ok(())
}
