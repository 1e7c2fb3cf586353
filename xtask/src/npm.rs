//! npm packages the xtasks run (Prism, openapi-diff), each pinned by a lockfile in
//! `xtask/<name>/` and installed with `npm ci` into `target/<name>/`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

/// The command `name` of the package installed in `dir`.
pub fn bin(dir: &Path, name: &str) -> PathBuf {
    dir.join("node_modules/.bin").join(name)
}

/// Installs `xtask/<name>` into `target/<name>/` unless the installed lockfile is the pinned
/// one and its command `name` is there; returns the installed folder.
pub fn install(root: &Path, name: &str) -> Result<PathBuf, String> {
    let dir = root.join("target").join(name);
    let pinned = root.join("xtask").join(name);
    let bin = bin(&dir, name);
    if bin.exists() && fs::read(pinned.join("package-lock.json")).ok() == fs::read(dir.join("package-lock.json")).ok() {
        return Ok(dir);
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        fs::copy(pinned.join(file), dir.join(file)).map_err(|e| format!("cannot copy {file}: {e}"))?;
    }
    println!("installing {name} with npm ci into {}", dir.display());
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run npm (is Node.js installed?): {e}"))?;
    if !status.success() || !bin.exists() {
        return Err(format!("npm ci failed in {}", dir.display()));
    }
    Ok(dir)
}
