//! The FastAPI app `e2e/fastapi/app.py` under uvicorn, in a virtualenv that xtask installs from
//! `e2e/fastapi/requirements.txt` (every package pinned with its hashes) into `target/e2e/venv`.

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Probe, Server, free_port};

const REQUIREMENTS: &str = "e2e/fastapi/requirements.txt";

/// The copy of the requirements a virtualenv was installed from.
const INSTALLED: &str = "e2e-requirements.txt";

fn python(venv: &Path) -> PathBuf {
    if cfg!(windows) { venv.join("Scripts/python.exe") } else { venv.join("bin/python") }
}

/// Creates `target/e2e/venv` and installs the pinned requirements with `--require-hashes`,
/// unless it already holds exactly these requirements.
fn install(root: &Path) -> Result<PathBuf, String> {
    let venv = root.join("target/e2e/venv");
    let python = python(&venv);
    let requirements = fs::read(root.join(REQUIREMENTS)).map_err(|e| format!("cannot read {REQUIREMENTS}: {e}"))?;
    if python.exists() && fs::read(venv.join(INSTALLED)).ok().as_deref() == Some(&requirements[..]) {
        return Ok(python);
    }
    if venv.exists() {
        fs::remove_dir_all(&venv).map_err(|e| format!("cannot remove the stale {}: {e}", venv.display()))?;
    }
    println!("installing FastAPI and uvicorn from {REQUIREMENTS} into {}", venv.display());
    let interpreter = std::env::var_os("PYTHON").unwrap_or_else(|| "python3".into());
    let status = Command::new(&interpreter)
        .args(["-m", "venv"])
        .arg(&venv)
        .status()
        .map_err(|e| format!("cannot run {} (is Python 3 installed?): {e}", interpreter.to_string_lossy()))?;
    if !status.success() {
        return Err(format!("`python3 -m venv {}` failed", venv.display()));
    }
    let status = Command::new(&python)
        .args(["-m", "pip", "install", "--disable-pip-version-check", "--no-input", "--quiet"])
        .args(["--require-hashes", "--only-binary", ":all:", "-r"])
        .arg(root.join(REQUIREMENTS))
        .status()
        .map_err(|e| format!("cannot run pip: {e}"))?;
    if !status.success() {
        return Err(format!("pip install --require-hashes -r {REQUIREMENTS} failed"));
    }
    // Written last: an interrupted install is redone next time.
    fs::write(venv.join(INSTALLED), &requirements).map_err(|e| format!("cannot write into {}: {e}", venv.display()))?;
    Ok(python)
}

/// Starts `uvicorn app:app` on a free port.
pub fn start(root: &Path) -> Result<Server, String> {
    let python = install(root)?;
    let port = free_port()?;
    let mut command = Command::new(python);
    command
        .args(["-m", "uvicorn", "app:app", "--host", "127.0.0.1", "--port", &port.to_string()])
        .arg("--app-dir")
        .arg(root.join("e2e/fastapi"))
        // No `__pycache__` in the source tree.
        .env("PYTHONDONTWRITEBYTECODE", "1");
    let log = root.join("target/e2e/fastapi/server.log");
    Server::spawn("FastAPI (uvicorn) serving e2e/fastapi/app.py".into(), command, port, log, Probe::Get("/openapi.json"))
}
