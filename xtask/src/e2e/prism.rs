//! Stoplight Prism, the mock server that validates every request against the spec it mocks: the
//! pinned install, the seeds suite (`generated/tests/prism.rs` against each spec in `specs/`) and
//! the OpenAPI 3.1 spec of the `prism31` suite.

use std::path::{Path, PathBuf};
use std::process::Command;

use super::{Probe, Server, free_port};

/// The hand-written OpenAPI 3.1 spec that the `prism31` suite mocks.
pub const SPEC_31: &str = "e2e/prism31/openapi.yaml";

/// Installs the pinned Prism from `xtask/prism/package-lock.json` into `target/prism/`.
pub(crate) fn install(root: &Path) -> Result<PathBuf, String> {
    crate::npm::install(root, "prism").map(|dir| crate::npm::bin(&dir, "prism"))
}

/// Starts `prism mock` for `spec` on a free port, logging to `log`.
fn start(bin: &Path, spec: &Path, log: PathBuf) -> Result<Server, String> {
    start_with(bin, spec, log, &[])
}

/// [`start`] with more of `prism mock`'s options, such as `--dynamic`.
pub(crate) fn start_with(bin: &Path, spec: &Path, log: PathBuf, options: &[&str]) -> Result<Server, String> {
    let port = free_port()?;
    let mut command = Command::new(bin);
    command.args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()]).args(options).arg(spec);
    Server::spawn(format!("Prism mocking {}", spec.display()), command, port, log, Probe::Connect)
}

/// One Prism per spec in `specs/`.
pub fn start_seeds(root: &Path) -> Result<Vec<Server>, String> {
    let bin = install(root)?;
    let mut servers = Vec::new();
    for spec in crate::workspace::spec_paths(root)? {
        let module = codegen::module_name(&spec.to_string_lossy());
        servers.push(start(&bin, &spec, root.join(format!("target/prism/{module}.log")))?);
    }
    Ok(servers)
}

/// Prism mocking the 3.1 spec.
pub fn start_31(root: &Path) -> Result<Server, String> {
    let bin = install(root)?;
    start(&bin, &root.join(SPEC_31), root.join("target/e2e/prism31/server.log"))
}

/// `generated/tests/prism.rs`, each test file finding its server in `PRISM_<MODULE>_URL`.
pub fn test_seeds(root: &Path, servers: &[Server]) -> Result<(), String> {
    let specs = crate::workspace::spec_paths(root)?;
    let env = specs.iter().zip(servers).map(|(spec, server)| {
        let module = codegen::module_name(&spec.to_string_lossy());
        (format!("PRISM_{}_URL", module.to_ascii_uppercase()), server.url())
    });
    let status = crate::workspace::cargo()
        .args(["test", "-p", "generated", "--test", "prism", "--", "--include-ignored"])
        .current_dir(root)
        .envs(env)
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("the Prism tests failed; Prism's logs are in {}", root.join("target/prism").display()))
    }
}
