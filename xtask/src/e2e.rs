//! `cargo xtask e2e [SUITE...]`: the generated clients against live servers. Every server binds
//! 127.0.0.1 on a free port, logs to a file under `target/`, and is stopped however the run ends
//! (a guard kills it when dropped). The suites, all run by default:
//!
//! - `seeds`: Stoplight Prism mocking each spec in `specs/`, with `generated/tests/prism.rs`.
//! - `prism31`: Prism mocking the hand-written OpenAPI 3.1 spec `e2e/prism31/openapi.yaml`.
//! - `fastapi`: the FastAPI app `e2e/fastapi/app.py` under uvicorn, installed from hashed pins
//!   into a virtualenv in `target/e2e/venv`.
//! - `utoipa`: the axum + utoipa server `e2e/utoipa-server`, built into `target/e2e-target`.
//! - `oauth`: an OAuth2 and OpenID Connect server (axa-group's oauth2-mock-server) that
//!   `generated/tests/oauth.rs` signs the Fax.Plus client in with.
//!
//! `prism31`, `fastapi` and `utoipa` are round trips through specs we do not hand to the
//! generator ourselves: the spec the server serves at `/openapi.json` (for Prism, the spec it mocks) is saved under
//! `target/e2e/<suite>/`, a client crate is generated from it into `target/e2e/<suite>/client/`,
//! and `e2e/<suite>/client_tests.rs` runs there as `tests/live.rs` with the server's URL in
//! `E2E_SERVER_URL`. The scratch crates share `target/e2e-target`, so dependencies build once.
//!
//! Servers are all started first, so that they boot while the others install or build; then each
//! suite runs in turn, and a failing suite does not stop the others.

mod fastapi;
mod http;
mod oauth;
pub(crate) mod prism;
mod utoipa;

use std::fs;
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use codegen::SpecFile;

const SUITES: [&str; 5] = ["seeds", "prism31", "fastapi", "utoipa", "oauth"];

/// How long a server may take to answer after it was started.
const STARTUP: Duration = Duration::from_secs(60);

/// How to tell that a server is ready.
#[derive(Clone, Copy)]
pub(crate) enum Probe {
    /// It accepts connections.
    Connect,
    /// `GET` of this path answers 200.
    Get(&'static str),
}

/// A running server; killed when dropped, so a failing run cannot leave it behind.
pub(crate) struct Server {
    /// What it is, for messages: `FastAPI (uvicorn) serving e2e/fastapi/app.py`.
    what: String,
    child: Child,
    port: u16,
    log: PathBuf,
    probe: Probe,
}

impl Server {
    /// Starts `command` (which must make the server listen on 127.0.0.1:`port`) with its output
    /// in `log`. Does not wait: see [`Server::wait_ready`].
    pub(crate) fn spawn(what: String, mut command: Command, port: u16, log: PathBuf, probe: Probe) -> Result<Server, String> {
        if let Some(dir) = log.parent() {
            fs::create_dir_all(dir).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
        }
        let out = fs::File::create(&log).map_err(|e| format!("cannot create {}: {e}", log.display()))?;
        let err = out.try_clone().map_err(|e| e.to_string())?;
        let child = command.stdin(Stdio::null()).stdout(out).stderr(err).spawn().map_err(|e| format!("cannot start {what}: {e}"))?;
        Ok(Server { what, child, port, log, probe })
    }

    pub(crate) fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Waits until the server answers its probe; on failure, the error carries its log.
    pub(crate) fn wait_ready(&mut self) -> Result<(), String> {
        let deadline = Instant::now() + STARTUP;
        loop {
            let ready = match self.probe {
                Probe::Connect => TcpStream::connect(("127.0.0.1", self.port)).is_ok(),
                Probe::Get(path) => http::get(self.port, path).is_ok_and(|(status, _)| status == 200),
            };
            if ready {
                println!("{} on {} (log: {})", self.what, self.url(), self.log.display());
                return Ok(());
            }
            let exited = self.child.try_wait().map_err(|e| e.to_string())?;
            if exited.is_some() || Instant::now() > deadline {
                let why = match exited {
                    Some(status) => format!("exited ({status})"),
                    None => format!("did not answer in {}s", STARTUP.as_secs()),
                };
                return Err(format!("{} {why}; its log, {}:\n{}", self.what, self.log.display(), self.log_tail()));
            }
            std::thread::sleep(Duration::from_millis(100));
        }
    }

    /// The end of the server's log, for error messages.
    fn log_tail(&self) -> String {
        let log = fs::read_to_string(&self.log).unwrap_or_default();
        let lines: Vec<&str> = log.lines().collect();
        lines[lines.len().saturating_sub(40)..].join("\n")
    }

    /// `GET` of `path`, which must answer 200: the spec the server serves.
    fn fetch(&self, path: &str) -> Result<String, String> {
        let (status, body) = http::get(self.port, path)?;
        if status != 200 {
            return Err(format!("GET {}{path} answered {status}", self.url()));
        }
        String::from_utf8(body).map_err(|e| format!("GET {}{path}: not UTF-8: {e}", self.url()))
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

pub(crate) fn free_port() -> Result<u16, String> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| format!("no free port: {e}"))?;
    listener.local_addr().map(|a| a.port()).map_err(|e| e.to_string())
}

/// A suite whose servers have been started (or failed to start).
struct Started {
    suite: &'static str,
    servers: Result<Vec<Server>, String>,
}

/// Installs or builds what `suite` needs and starts its servers, without waiting for them.
fn start(root: &Path, suite: &'static str) -> Result<Vec<Server>, String> {
    match suite {
        "seeds" => prism::start_seeds(root),
        "prism31" => prism::start_31(root).map(|s| vec![s]),
        "fastapi" => fastapi::start(root).map(|s| vec![s]),
        "utoipa" => utoipa::start(root).map(|s| vec![s]),
        "oauth" => oauth::start(root).map(|s| vec![s]),
        other => unreachable!("unknown suite {other}"),
    }
}

/// Waits for the suite's servers and runs its tests against them.
fn test(root: &Path, suite: &str, servers: &mut [Server]) -> Result<(), String> {
    for server in servers.iter_mut() {
        server.wait_ready()?;
    }
    let result = match suite {
        "seeds" => prism::test_seeds(root, servers),
        "oauth" => oauth::test(root, &servers[0]),
        "prism31" => {
            let spec = fs::read_to_string(root.join(prism::SPEC_31)).map_err(|e| format!("cannot read {}: {e}", prism::SPEC_31))?;
            round_trip(root, suite, ("prism31.yaml", &root.join(prism::SPEC_31)), &spec, &servers[0].url())
        }
        "fastapi" | "utoipa" => {
            let spec = pretty(&servers[0].fetch("/openapi.json")?)?;
            let saved = root.join("target/e2e").join(suite).join("openapi.json");
            fs::write(&saved, &spec).map_err(|e| format!("cannot write {}: {e}", saved.display()))?;
            println!("{suite}: the server's spec is saved as {}", saved.display());
            round_trip(root, suite, (&format!("{suite}.json"), &saved), &spec, &servers[0].url())
        }
        other => unreachable!("unknown suite {other}"),
    };
    result.map_err(|e| {
        let logs: Vec<String> = servers.iter().map(|s| s.log.display().to_string()).collect();
        format!("{e}\n  server log: {}", logs.join(", "))
    })
}

/// A served JSON spec, re-indented so that the generator's `file:line` messages point somewhere
/// useful (servers send it on one line). Key order is kept.
fn pretty(json: &str) -> Result<String, String> {
    let value: serde_json::Value = serde_json::from_str(json).map_err(|e| format!("the served spec is not JSON: {e}"))?;
    serde_json::to_string_pretty(&value).map(|s| s + "\n").map_err(|e| e.to_string())
}

/// Generates a client crate from `spec` into `target/e2e/<suite>/client/` and runs
/// `e2e/<suite>/client_tests.rs` there against `url`. The spec is named `name` for the generator
/// (its stem becomes the module) and lives in `file` (for messages).
fn round_trip(root: &Path, suite: &str, (name, file): (&str, &Path), spec: &str, url: &str) -> Result<(), String> {
    let started = Instant::now();
    let (outputs, files) = codegen::generate_crate(&[SpecFile::new(name, spec)]).map_err(|errors| {
        let list: Vec<String> = errors.iter().map(|e| format!("  {e}")).collect();
        format!("cannot generate a client from {name} ({}):\n{}", file.display(), list.join("\n"))
    })?;
    let dir = root.join("target/e2e").join(suite).join("client");
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    crate::workspace::write_scratch(&dir, &files, &root.join("generated/src/runtime"), &lock)?;
    let tests = root.join("e2e").join(suite_dir(suite)).join("client_tests.rs");
    let live = dir.join("generated/tests/live.rs");
    fs::create_dir_all(dir.join("generated/tests")).map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
    fs::copy(&tests, &live).map_err(|e| format!("cannot copy {}: {e}", tests.display()))?;
    println!(
        "{suite}: generated `generated::{}` ({} operations, {} types) in {:.2}s into {}",
        outputs[0].module,
        outputs[0].operations,
        outputs[0].types,
        started.elapsed().as_secs_f64(),
        dir.display()
    );
    // The live tests, and the generator's own tests of the spec's examples when it wrote any.
    let mut targets = vec!["--test".to_owned(), "live".to_owned()];
    let examples = format!("tests/{}_examples.rs", outputs[0].module);
    if files.iter().any(|f| f.path == examples) {
        targets.extend(["--test".to_owned(), format!("{}_examples", outputs[0].module)]);
        // Their hand-written helpers, as in `generated/tests/`.
        let support = dir.join("generated/tests/support");
        fs::create_dir_all(&support).map_err(|e| format!("cannot create {}: {e}", support.display()))?;
        fs::copy(root.join("generated/tests/support/mod.rs"), support.join("mod.rs"))
            .map_err(|e| format!("cannot copy generated/tests/support/mod.rs: {e}"))?;
    }
    let status = crate::workspace::cargo()
        .args(["test", "-p", "generated"])
        .args(&targets)
        .current_dir(&dir)
        .env("CARGO_TARGET_DIR", root.join("target/e2e-target"))
        .env("E2E_SERVER_URL", url)
        .status()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    if status.success() { Ok(()) } else { Err(format!("the tests failed ({} in {})", tests.display(), dir.display())) }
}

/// The folder of `e2e/` that holds a suite's server and tests.
fn suite_dir(suite: &str) -> &str {
    match suite {
        "utoipa" => utoipa::DIR,
        other => other,
    }
}

/// The suites named on the command line (`cargo xtask e2e fastapi utoipa`), or all of them.
/// `cargo xtask e2e [SUITE...]`.
#[derive(clap::Args)]
pub struct Args {
    /// The suites to run (default: all of them).
    #[arg(value_parser = SUITES)]
    suites: Vec<String>,
}

/// The suites named on the command line, or all of them.
fn selected(args: &Args) -> Vec<&'static str> {
    if args.suites.is_empty() {
        return SUITES.to_vec();
    }
    SUITES.iter().copied().filter(|s| args.suites.iter().any(|a| a == s)).collect()
}

pub fn run(root: &Path, args: &Args) -> Result<(), String> {
    let suites = selected(args);
    let begun = Instant::now();
    // Every server starts before any test runs: they boot while the others install and build.
    let mut started: Vec<Started> = Vec::new();
    for suite in suites {
        let at = Instant::now();
        let servers = start(root, suite);
        println!("{suite}: prepared in {:.1}s", at.elapsed().as_secs_f64());
        started.push(Started { suite, servers });
    }
    let mut failures = Vec::new();
    for Started { suite, servers } in started {
        let at = Instant::now();
        println!("== e2e {suite}");
        let result = servers.and_then(|mut servers| test(root, suite, &mut servers));
        // `servers` are dropped, and so stopped, once their suite is done.
        match result {
            Ok(()) => println!("{suite}: passed in {:.1}s", at.elapsed().as_secs_f64()),
            Err(e) => {
                eprintln!("{suite}: FAILED after {:.1}s: {e}", at.elapsed().as_secs_f64());
                failures.push(format!("{suite}: {e}"));
            }
        }
    }
    println!("e2e: {:.1}s in all", begun.elapsed().as_secs_f64());
    if failures.is_empty() { Ok(()) } else { Err(format!("e2e failed:\n{}", failures.join("\n"))) }
}
