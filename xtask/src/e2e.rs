//! `cargo xtask e2e`: starts Stoplight Prism (a mock server that validates every request against
//! the spec) for each spec, runs the generated clients' Prism tests against them, and stops
//! Prism again, whether the tests pass or not.

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// A running Prism; killed when dropped, so a failing test run cannot leave it behind.
struct Prism {
    child: Child,
    log: PathBuf,
}

impl Drop for Prism {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Installs the pinned Prism from `xtask/prism/package-lock.json` into `target/prism/`.
fn install(root: &Path) -> Result<PathBuf, String> {
    let dir = root.join("target/prism");
    let bin = dir.join("node_modules/.bin/prism");
    let lock = root.join("xtask/prism/package-lock.json");
    let installed_lock = dir.join("package-lock.json");
    if bin.exists() && fs::read(&lock).ok() == fs::read(&installed_lock).ok() {
        return Ok(bin);
    }
    fs::create_dir_all(&dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    for file in ["package.json", "package-lock.json"] {
        fs::copy(root.join("xtask/prism").join(file), dir.join(file)).map_err(|e| format!("cannot copy {file}: {e}"))?;
    }
    println!("installing Prism with npm ci into {}", dir.display());
    let status = Command::new("npm")
        .args(["ci", "--no-audit", "--no-fund", "--loglevel=error"])
        .current_dir(&dir)
        .status()
        .map_err(|e| format!("cannot run npm (is Node.js installed?): {e}"))?;
    if !status.success() || !bin.exists() {
        return Err(format!("npm ci failed in {}", dir.display()));
    }
    Ok(bin)
}

fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

fn start(bin: &Path, spec: &Path, log: PathBuf) -> Result<(Prism, u16), String> {
    let port = free_port()?;
    let out = fs::File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
    let err = out.try_clone().map_err(|e| e.to_string())?;
    let child = Command::new(bin)
        .args(["mock", "--host", "127.0.0.1", "--port", &port.to_string()])
        .arg(spec)
        .stdin(Stdio::null())
        .stdout(out)
        .stderr(err)
        .spawn()
        .map_err(|e| format!("cannot start Prism: {e}"))?;
    let mut prism = Prism { child, log };
    let deadline = Instant::now() + Duration::from_secs(60);
    loop {
        if TcpStream::connect(("127.0.0.1", port)).is_ok() {
            return Ok((prism, port));
        }
        let exited = prism.child.try_wait().map_err(|e| e.to_string())?;
        if exited.is_some() || Instant::now() > deadline {
            let log = fs::read_to_string(&prism.log).unwrap_or_default();
            return Err(format!("Prism did not start for {}:\n{log}", spec.display()));
        }
        std::thread::sleep(Duration::from_millis(100));
    }
}

pub fn run(root: &Path) -> Result<(), String> {
    let bin = install(root)?;
    let mut servers = Vec::new();
    let mut env = Vec::new();
    // One Prism per spec; each test file finds its server in `PRISM_<MODULE>_URL`.
    for spec in crate::fresh::spec_paths(root)? {
        let module = codegen::module_name(&spec.to_string_lossy());
        let log = root.join(format!("target/prism/{module}.log"));
        let (prism, port) = start(&bin, &spec, log)?;
        println!("Prism serves {} on http://127.0.0.1:{port}", spec.display());
        env.push((format!("PRISM_{}_URL", module.to_ascii_uppercase()), format!("http://127.0.0.1:{port}")));
        servers.push(prism);
    }
    let status = crate::cargo()
        .args(["test", "-p", "generated", "--test", "prism", "--", "--include-ignored"])
        .current_dir(root)
        .envs(env)
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    drop(servers);
    if status.success() {
        Ok(())
    } else {
        Err(format!("the Prism tests failed; Prism's logs are in {}", root.join("target/prism").display()))
    }
}
