//! The `oauth` suite: axa-group's oauth2-mock-server, pinned in `xtask/oauth2-mock-server/` and
//! run through its `server.mjs` (which plays accounts.fax.plus and lets the tests count token
//! requests), with `generated/tests/oauth.rs` signing the Fax.Plus client in against it.

use std::fs;
use std::path::Path;
use std::process::Command;

use super::{Probe, Server, free_port};

const PACKAGE: &str = "oauth2-mock-server";

/// Installs the pinned server into `target/oauth2-mock-server/` with its script, and starts it.
pub fn start(root: &Path) -> Result<Server, String> {
    let dir = crate::npm::install(root, PACKAGE)?;
    let script = root.join("xtask").join(PACKAGE).join("server.mjs");
    // Beside its `node_modules`, where Node resolves the script's imports.
    fs::copy(&script, dir.join("server.mjs")).map_err(|e| format!("cannot copy {}: {e}", script.display()))?;
    let port = free_port()?;
    let mut command = Command::new("node");
    command.arg("server.mjs").arg(port.to_string()).current_dir(&dir);
    let probe = Probe::Get("/.well-known/openid-configuration");
    Server::spawn(format!("{PACKAGE} ({})", script.display()), command, port, dir.join("server.log"), probe)
}

/// `generated/tests/oauth.rs`, with the server's URL in `OAUTH_SERVER_URL`.
pub fn test(root: &Path, server: &Server) -> Result<(), String> {
    let status = crate::workspace::cargo()
        .args(["test", "-p", "generated", "--test", "oauth", "--", "--include-ignored"])
        .current_dir(root)
        .env("OAUTH_SERVER_URL", server.url())
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    if status.success() { Ok(()) } else { Err("the OAuth2 tests failed".to_owned()) }
}
