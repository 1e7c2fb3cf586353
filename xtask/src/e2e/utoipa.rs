//! The axum + utoipa server `e2e/utoipa-server`: a crate outside the workspace with its own
//! Cargo.lock, built into `target/e2e-target` (shared with the e2e scratch crates).

use std::path::Path;
use std::process::Command;

use super::{Probe, Server, free_port};

/// The folder of `e2e/` holding the server and its client tests.
pub const DIR: &str = "utoipa-server";

/// Builds the server and starts it on a free port.
pub fn start(root: &Path) -> Result<Server, String> {
    let manifest = root.join("e2e").join(DIR).join("Cargo.toml");
    let target = root.join("target/e2e-target");
    let status = crate::workspace::cargo()
        .args(["build", "--quiet", "--locked", "--manifest-path"])
        .arg(&manifest)
        .env("CARGO_TARGET_DIR", &target)
        .status()
        .map_err(|e| format!("cannot run cargo build: {e}"))?;
    if !status.success() {
        return Err(format!("cannot build {}", manifest.display()));
    }
    let port = free_port()?;
    let mut command = Command::new(target.join("debug/utoipa-server").with_extension(std::env::consts::EXE_EXTENSION));
    command.arg(port.to_string());
    let log = root.join("target/e2e/utoipa/server.log");
    Server::spawn(format!("axum + utoipa serving e2e/{DIR}"), command, port, log, Probe::Get("/openapi.json"))
}
