//! `cargo xtask fuzz`: the generator must return files or a located error for any input, never
//! panic, hang or blow up in memory; a sample of what it generates must compile without warnings.
//!
//! - **structured** cases build a random, well-formed spec from a seed ([`spec`]);
//! - **raw** cases feed arbitrary bytes, byte-level and structural mutations of real and built
//!   specs, and bombs (YAML alias expansion, deep nesting, long `$ref` chains) ([`raw`]);
//! - **runtime** runs the wire crate's property tests (`codegen/wire/tests/fuzz_runtime.rs`)
//!   with as many cases.
//!
//! Cases run one at a time in a worker process (this binary with `fuzz --worker`), so that a case
//! can be timed out, can overflow its stack or run out of memory without taking the run down;
//! the worker runs each case under `catch_unwind` and reports its time and peak memory. Every
//! case has its own seed (the run's seed plus its index): a failure prints the command that
//! runs it alone and leaves its input in `target/fuzz/failures/`.

mod raw;
mod spec;

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::fs;
use std::io::{BufRead, BufReader, Write};
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::process::{Child, ChildStdin, Command, Stdio};
use std::sync::Mutex;
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::time::{Duration, Instant};

use serde::{Deserialize, Serialize};

/// Options from the command line.
struct Options {
    cases: u64,
    seed: u64,
    kinds: Vec<Kind>,
    /// Every this many generated structured specs, one is compiled with clippy (0: none).
    compile_every: u64,
    timeout: Duration,
    /// A case whose peak memory grows the worker by more than this is a failure.
    max_memory_mb: u64,
    corpus: PathBuf,
    /// Corpus specs larger than this are not mutated (debug builds are slow on big specs).
    max_bytes: u64,
    target_dir: PathBuf,
    keep: bool,
    /// Print every case's error, not only the figures.
    verbose: bool,
    /// Print every case's input (with `--cases 1`, to look at one).
    print: bool,
    /// Known failures (see [`KNOWN`]) fail the run too.
    strict: bool,
}

/// Whether a failed case is one of a known cause.
type Matches = fn(&Answer) -> bool;

/// Failures whose cause is known and left to the code that has it, each with the ignored
/// regression test that reproduces it (`codegen/tests/fuzz_regressions.rs`): counted and shown,
/// but only `--strict` fails the run on them, so that CI catches what is new. None today: every
/// failure found so far is fixed, and its regression test runs.
const KNOWN: &[(&str, Matches)] = &[];

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "lowercase")]
enum Kind {
    Structured,
    Raw,
    Runtime,
}

impl Kind {
    fn label(self) -> &'static str {
        match self {
            Kind::Structured => "structured",
            Kind::Raw => "raw",
            Kind::Runtime => "runtime",
        }
    }
}

/// `cargo xtask fuzz`: N random well-formed specs (2.0, 3.0, 3.1; YAML, JSON) and N raw inputs
/// (bytes, mutated specs, bombs) through the generator, each in a worker process with a time and
/// memory limit, then the runtime's property tests with N cases. A failure prints the command
/// that repeats it and keeps its input in target/fuzz/.
#[derive(clap::Args)]
pub struct Args {
    /// Cases of each kind.
    #[arg(long, value_name = "N", default_value_t = 200)]
    cases: u64,
    /// The first case's seed (default: from the clock).
    #[arg(long, value_name = "S")]
    seed: Option<u64>,
    /// The kinds of input.
    #[arg(long = "kind", value_enum, value_delimiter = ',', default_values_t = [Kind::Structured, Kind::Raw, Kind::Runtime])]
    kinds: Vec<Kind>,
    /// Every Kth generated crate must pass clippy -D warnings (0: none).
    #[arg(long, value_name = "K", default_value_t = 25)]
    compile_every: u64,
    /// Seconds one case may take.
    #[arg(long, value_name = "SECS", default_value_t = 10)]
    timeout: u64,
    /// A case whose peak memory grows the worker by more than this fails.
    #[arg(long, value_name = "MB", default_value_t = 1024)]
    max_memory_mb: u64,
    /// The real specs that raw inputs mutate (default ../shared/corpus).
    #[arg(long, value_name = "DIR")]
    corpus: Option<PathBuf>,
    /// Corpus specs larger than this are not mutated.
    #[arg(long, value_name = "N", default_value_t = 200_000)]
    max_bytes: u64,
    /// The target dir of the compiled crates, relative to the workspace (default target/fuzz-target).
    #[arg(long, value_name = "DIR")]
    target_dir: Option<PathBuf>,
    /// Keep the generated crates.
    #[arg(long)]
    keep: bool,
    /// Print every case's error, not only the figures.
    #[arg(long)]
    verbose: bool,
    /// Print every case's input.
    #[arg(long)]
    print: bool,
    /// Known failures fail the run too.
    #[arg(long)]
    strict: bool,
    /// Run as a worker process: the input comes on stdin (internal).
    #[arg(long, hide = true, num_args = 2, value_names = ["CORPUS", "MAX_BYTES"])]
    worker: Option<Vec<String>>,
}

impl Args {
    fn resolve(self, root: &Path) -> Options {
        let clock = || std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0, |d| d.as_secs() % 1_000_000 * 1000);
        Options {
            cases: self.cases,
            seed: self.seed.unwrap_or_else(clock),
            kinds: self.kinds,
            compile_every: self.compile_every,
            timeout: Duration::from_secs(self.timeout),
            max_memory_mb: self.max_memory_mb,
            corpus: self.corpus.unwrap_or_else(|| root.join("../shared/corpus")),
            max_bytes: self.max_bytes,
            // Relative to the workspace: cargo runs in each sample crate's own folder, where a
            // relative path would give every crate a target dir (and a dependency build) of its own.
            target_dir: root.join(self.target_dir.unwrap_or_else(|| PathBuf::from("target/fuzz-target"))),
            keep: self.keep,
            verbose: self.verbose,
            print: self.print,
            strict: self.strict,
        }
    }
}

pub fn run(root: &Path, mut args: Args) -> Result<(), String> {
    if let Some(worker_args) = args.worker.take() {
        return worker(root, &worker_args);
    }
    let options = args.resolve(root);
    let started = Instant::now();
    let out = root.join("target/fuzz");
    fs::create_dir_all(out.join("failures")).map_err(|e| format!("cannot create {}: {e}", out.display()))?;
    let kinds: Vec<&str> = options.kinds.iter().map(|k| k.label()).collect();
    println!(
        "fuzz: seed {}, {} cases of each of {}; timeout {}s per case, {} MB memory per case",
        options.seed,
        options.cases,
        kinds.join(", "),
        options.timeout.as_secs(),
        options.max_memory_mb
    );
    let mut report = Report::default();
    let compiler = Compiler::start(&options);
    let mut pool = WorkerPool::new(root, &options, &out);
    for kind in [Kind::Structured, Kind::Raw] {
        if !options.kinds.contains(&kind) {
            continue;
        }
        let mut since_compile = 0;
        for index in 0..options.cases {
            let seed = options.seed.wrapping_add(index);
            let compile = kind == Kind::Structured && options.compile_every > 0 && since_compile % options.compile_every == 0;
            let scratch = compile.then(|| out.join(format!("crates/s{seed}")));
            if options.print {
                let (_, what, label, text) = input(kind, seed, &pool.bases);
                println!("== {} seed {seed}: {label} ({what})\n{text}", kind.label());
            }
            let result = pool.run(kind, seed, scratch.as_deref());
            if result.outcome == Outcome::Generated && kind == Kind::Structured {
                since_compile += 1;
            }
            if let (Some(dir), true) = (scratch, result.written) {
                compiler.queue(seed, dir);
                since_compile = 1;
            }
            report.add(&options, &out, result);
            if (index + 1) % 100 == 0 {
                println!("  {} {}/{} cases, {:.0}s", kind.label(), index + 1, options.cases, started.elapsed().as_secs_f64());
            }
        }
    }
    drop(pool);
    if options.kinds.contains(&Kind::Runtime) {
        report.runtime = Some(runtime(root, &options)?);
    }
    println!("  waiting for the sample crates to compile…");
    report.compiled = compiler.finish();
    let failures = report.print(&options, started.elapsed());
    if failures > 0 { Err(format!("fuzz: {failures} failures")) } else { Ok(()) }
}

// ---------------------------------------------------------------------------------------------
// The worker: runs cases sent on stdin, answers one JSON line per case on stdout.

#[derive(Debug, Serialize, Deserialize)]
struct Request {
    kind: Kind,
    seed: u64,
    scratch: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
enum Outcome {
    Generated,
    Error,
    Panic,
    Hang,
    Crash,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Answer {
    kind: Kind,
    seed: u64,
    /// Version (structured) or flavour (raw).
    group: String,
    what: String,
    label: String,
    bytes: usize,
    outcome: Outcome,
    detail: String,
    /// Error kinds, for an `Error` outcome.
    errors: Vec<String>,
    /// Whether every error names a place (a pointer or a line).
    located: bool,
    micros: u64,
    rss_kb: u64,
    hwm_kb: u64,
    written: bool,
}

static LAST_PANIC: Mutex<Option<String>> = Mutex::new(None);

/// The input of a case, built the same way in the worker and (for a failure) in the parent.
fn input(kind: Kind, seed: u64, bases: &[raw::Base]) -> (String, String, String, String) {
    match kind {
        Kind::Structured => {
            let built = spec::build(seed);
            let what = format!("{} {}", built.version.label(), if built.label.ends_with(".json") { "json" } else { "yaml" });
            (built.version.label().to_owned(), what, built.label, built.text)
        }
        _ => {
            let input = raw::input(seed, bases);
            (input.flavour.label().to_owned(), input.what, input.label, input.text)
        }
    }
}

/// The specs the raw cases mutate: the fixtures, the seeds, and the corpus specs up to a size.
fn bases(root: &Path, corpus: &Path, max_bytes: u64) -> Vec<raw::Base> {
    let mut out = Vec::new();
    for dir in [root.join("codegen/tests/fixtures"), root.join("specs"), corpus.to_path_buf()] {
        let Ok(paths) = crate::workspace::specs_in(&dir) else { continue };
        for path in paths {
            if fs::metadata(&path).is_ok_and(|m| m.len() <= max_bytes) {
                if let Ok(text) = fs::read_to_string(&path) {
                    let label = path.strip_prefix(root).unwrap_or(&path).to_string_lossy().into_owned();
                    out.push(raw::Base { label, text });
                }
            }
        }
    }
    out
}

fn kib_of(field: &str) -> u64 {
    let status = fs::read_to_string("/proc/self/status").unwrap_or_default();
    let line = status.lines().find(|l| l.starts_with(field)).unwrap_or_default();
    line.split_whitespace().nth(1).and_then(|n| n.parse().ok()).unwrap_or(0)
}

fn worker(root: &Path, args: &[String]) -> Result<(), String> {
    let (corpus, max_bytes) = match args {
        [corpus, max_bytes] => (PathBuf::from(corpus), max_bytes.parse().map_err(|_| "worker: bad max bytes")?),
        _ => return Err("usage: xtask fuzz --worker CORPUS MAX_BYTES".into()),
    };
    let bases = bases(root, &corpus, max_bytes);
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    let runtime = root.join("generated/src/runtime");
    std::panic::set_hook(Box::new(|info| {
        let payload = info
            .payload()
            .downcast_ref::<String>()
            .cloned()
            .or_else(|| info.payload().downcast_ref::<&str>().map(|s| (*s).to_owned()))
            .unwrap_or_default();
        let place = info.location().map(|l| format!(" at {}:{}", l.file(), l.line())).unwrap_or_default();
        *LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()) = Some(format!("{payload}{place}"));
    }));
    let stdin = std::io::stdin();
    let mut stdout = std::io::stdout();
    for line in stdin.lock().lines() {
        let line = line.map_err(|e| e.to_string())?;
        let request: Request = serde_json::from_str(&line).map_err(|e| format!("worker: bad request {line}: {e}"))?;
        let (group, what, label, text) = input(request.kind, request.seed, &bases);
        // Reset the peak (Linux: `5` clears VmHWM), so that it is this case's.
        let _ = fs::write("/proc/self/clear_refs", "5");
        let rss_kb = kib_of("VmRSS:");
        let started = Instant::now();
        let generated = catch_unwind(AssertUnwindSafe(|| codegen::generate_crate(&[codegen::SpecFile::new(&label, &text)])));
        let micros = started.elapsed().as_micros() as u64;
        let hwm_kb = kib_of("VmHWM:");
        let mut answer = Answer {
            kind: request.kind,
            seed: request.seed,
            group,
            what,
            label,
            bytes: text.len(),
            outcome: Outcome::Generated,
            detail: String::new(),
            errors: Vec::new(),
            located: true,
            micros,
            rss_kb,
            hwm_kb,
            written: false,
        };
        match generated {
            Err(_) => {
                answer.outcome = Outcome::Panic;
                answer.detail = LAST_PANIC.lock().unwrap_or_else(|e| e.into_inner()).take().unwrap_or_default();
            }
            Ok(Err(errors)) => {
                answer.outcome = Outcome::Error;
                answer.errors = errors.iter().map(|e| format!("{:?}", e.kind)).collect();
                answer.located = errors.iter().all(|e| !e.pointer.is_empty() || e.line.is_some());
                answer.detail = errors.first().map(ToString::to_string).unwrap_or_default().chars().take(400).collect();
            }
            Ok(Ok((_, files))) => {
                if let Some(dir) = &request.scratch {
                    crate::workspace::write_scratch(dir, &files, &runtime, &lock)?;
                    answer.written = true;
                }
            }
        }
        let line = serde_json::to_string(&answer).map_err(|e| e.to_string())?;
        writeln!(stdout, "{line}").and_then(|()| stdout.flush()).map_err(|e| e.to_string())?;
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The parent's side: a worker process, restarted after a hang or a crash.

struct WorkerPool<'a> {
    root: &'a Path,
    options: &'a Options,
    stderr: PathBuf,
    current: Option<Running>,
    bases: Vec<raw::Base>,
    exe: Option<PathBuf>,
}

struct Running {
    child: Child,
    stdin: ChildStdin,
    answers: Receiver<String>,
}

impl<'a> WorkerPool<'a> {
    fn new(root: &'a Path, options: &'a Options, out: &Path) -> Self {
        let bases = bases(root, &options.corpus, options.max_bytes);
        // Workers run a copy of this binary: a build in the same tree may replace it meanwhile.
        let exe = std::env::current_exe().ok().and_then(|exe| {
            let copy = out.join(format!("worker{}", std::env::consts::EXE_SUFFIX));
            fs::copy(&exe, &copy).ok().map(|_| copy)
        });
        Self { root, options, stderr: out.join("worker.stderr"), current: None, bases, exe }
    }

    fn spawn(&self) -> Result<Running, String> {
        let exe = match &self.exe {
            Some(exe) => exe.clone(),
            None => std::env::current_exe().map_err(|e| e.to_string())?,
        };
        let stderr = fs::File::create(&self.stderr).map_err(|e| e.to_string())?;
        // The address space is capped (well above the per-case limit) so that a memory bomb
        // ends the worker instead of the machine.
        let cap_kb = (self.options.max_memory_mb * 4).max(4096) * 1024;
        let mut command = if cfg!(unix) {
            let mut c = Command::new("sh");
            c.args(["-c", "ulimit -v \"$0\" 2>/dev/null; exec \"$@\"", &cap_kb.to_string()]).arg(exe);
            c
        } else {
            Command::new(exe)
        };
        let mut child = command
            .args(["fuzz", "--worker"])
            .arg(&self.options.corpus)
            .arg(self.options.max_bytes.to_string())
            .current_dir(self.root)
            .env("RUST_BACKTRACE", "0")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(stderr)
            .spawn()
            .map_err(|e| format!("cannot start the fuzz worker: {e}"))?;
        let stdin = child.stdin.take().ok_or("no worker stdin")?;
        let stdout = child.stdout.take().ok_or("no worker stdout")?;
        let (send, answers) = mpsc::channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if send.send(line).is_err() {
                    break;
                }
            }
        });
        Ok(Running { child, stdin, answers })
    }

    fn stop(&mut self) {
        if let Some(mut running) = self.current.take() {
            let _ = running.child.kill();
            let _ = running.child.wait();
        }
    }

    /// Runs one case; a worker that does not answer in time is killed (a hang), one that dies
    /// is reported with its stderr (a crash: a stack overflow, an abort, memory exhausted).
    fn run(&mut self, kind: Kind, seed: u64, scratch: Option<&Path>) -> Answer {
        let (group, what, label, text) = input(kind, seed, &self.bases);
        let failed = |outcome, detail: String, micros| Answer {
            kind,
            seed,
            group: group.clone(),
            what: what.clone(),
            label: label.clone(),
            bytes: text.len(),
            outcome,
            detail,
            errors: Vec::new(),
            located: true,
            micros,
            rss_kb: 0,
            hwm_kb: 0,
            written: false,
        };
        if self.current.is_none() {
            match self.spawn() {
                Ok(running) => self.current = Some(running),
                Err(e) => return failed(Outcome::Crash, e, 0),
            }
        }
        let running = self.current.as_mut().expect("a worker runs");
        let request = serde_json::to_string(&Request { kind, seed, scratch: scratch.map(Path::to_path_buf) }).expect("JSON");
        let started = Instant::now();
        let sent = writeln!(running.stdin, "{request}").and_then(|()| running.stdin.flush());
        let answer = match sent {
            Ok(()) => running.answers.recv_timeout(self.options.timeout),
            Err(_) => Err(RecvTimeoutError::Disconnected),
        };
        let micros = started.elapsed().as_micros() as u64;
        match answer {
            Ok(line) => {
                serde_json::from_str(&line).unwrap_or_else(|e| failed(Outcome::Crash, format!("unreadable answer {line}: {e}"), micros))
            }
            Err(RecvTimeoutError::Timeout) => {
                self.stop();
                failed(Outcome::Hang, format!("no answer in {}s", self.options.timeout.as_secs()), micros)
            }
            Err(RecvTimeoutError::Disconnected) => {
                let status = running.child.wait().map(|s| s.to_string()).unwrap_or_default();
                self.current = None;
                let stderr = fs::read_to_string(&self.stderr).unwrap_or_default();
                let tail: Vec<&str> = stderr.lines().rev().take(3).collect();
                let tail: Vec<&str> = tail.into_iter().rev().collect();
                failed(Outcome::Crash, format!("worker died ({status}): {}", tail.join(" | ")), micros)
            }
        }
    }
}

impl Drop for WorkerPool<'_> {
    fn drop(&mut self) {
        if let Some(mut running) = self.current.take() {
            // Closing stdin ends the worker's loop.
            drop(running.stdin);
            let _ = running.child.wait();
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Sample crates, compiled with clippy on a thread of their own while the cases go on.

#[derive(Debug, Default)]
struct Compiled {
    crates: usize,
    clean: usize,
    /// Per crate that does not compile cleanly: its distinct diagnostics, each with a place.
    failures: Vec<(u64, Vec<String>)>,
    time: Duration,
}

/// Diagnostics of generated crates whose cause is known and left to the code that has it (the
/// emitter and the naming rules), each as `(what the diagnostic says, why and its ignored
/// regression test)`. None today, as for [`KNOWN`].
const KNOWN_COMPILE: &[(&str, &str)] = &[];

/// The distinct diagnostics of `cargo clippy --message-format=short`: `message (at file:line)`.
fn diagnostics(stderr: &str) -> Vec<String> {
    let mut seen = std::collections::BTreeSet::new();
    let mut out = Vec::new();
    for line in stderr.lines() {
        // `file:line:column: error[E0433]: message: help: …`; the summary lines have no place.
        let Some(at) = line.find(": error").or_else(|| line.find(": warning")) else { continue };
        let (place, rest) = (&line[..at], &line[at + 2..]);
        let Some((_, message)) = rest.split_once(": ") else { continue };
        let message = message.split(": help:").next().unwrap_or(message);
        if seen.insert(message.to_owned()) {
            out.push(format!("{message} (at {place})"));
        }
    }
    if out.is_empty() {
        out.extend(stderr.lines().filter(|l| l.contains("error")).take(3).map(str::to_owned));
    }
    out
}

struct Compiler {
    queue: mpsc::Sender<(u64, PathBuf)>,
    thread: std::thread::JoinHandle<Compiled>,
}

impl Compiler {
    fn start(options: &Options) -> Self {
        let (queue, jobs) = mpsc::channel::<(u64, PathBuf)>();
        let target_dir = options.target_dir.clone();
        let keep = options.keep;
        let thread = std::thread::spawn(move || {
            let mut compiled = Compiled::default();
            for (seed, dir) in jobs {
                let started = Instant::now();
                let output = crate::workspace::cargo()
                    .args(["clippy", "--quiet", "--offline", "--message-format=short", "--", "-D", "warnings"])
                    .current_dir(&dir)
                    .env("CARGO_TARGET_DIR", &target_dir)
                    .env("CARGO_INCREMENTAL", "0")
                    .stdout(Stdio::null())
                    .output();
                compiled.time += started.elapsed();
                compiled.crates += 1;
                match output {
                    Ok(output) if output.status.success() => {
                        compiled.clean += 1;
                        if !keep {
                            let _ = fs::remove_dir_all(&dir);
                        }
                    }
                    Ok(output) => {
                        let stderr = String::from_utf8_lossy(&output.stderr);
                        compiled.failures.push((seed, diagnostics(&stderr)));
                    }
                    Err(e) => compiled.failures.push((seed, vec![format!("cannot run cargo clippy: {e}")])),
                }
            }
            compiled
        });
        Self { queue, thread }
    }

    fn queue(&self, seed: u64, dir: PathBuf) {
        let _ = self.queue.send((seed, dir));
    }

    fn finish(self) -> Compiled {
        drop(self.queue);
        self.thread.join().unwrap_or_default()
    }
}

// ---------------------------------------------------------------------------------------------
// The runtime's property tests, with as many cases.

/// The `fuzz_runtime:` lines the property tests print, and the number of cases they ran.
fn runtime(root: &Path, options: &Options) -> Result<(Vec<String>, u64, bool), String> {
    println!("  runtime: cargo test -p wire-tests --test fuzz_runtime (PROPTEST_CASES={})", options.cases);
    let output = crate::workspace::cargo()
        .args(["test", "--quiet", "-p", "wire-tests", "--test", "fuzz_runtime", "--", "--nocapture", "--test-threads", "2"])
        .current_dir(root)
        .env("PROPTEST_CASES", options.cases.to_string())
        .env("PROPTEST_RNG_SEED", options.seed.to_string())
        .output()
        .map_err(|e| format!("cannot run cargo test: {e}"))?;
    let text = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    // The lines may follow the test harness's progress dots.
    let lines: Vec<String> = text.lines().filter_map(|l| l.find("fuzz_runtime:").map(|at| l[at..].to_owned())).collect();
    let cases = lines.iter().filter_map(|l| l.split(" cases").next()?.rsplit(' ').next()?.parse::<u64>().ok()).sum();
    if !output.status.success() {
        let failed: Vec<&str> = text
            .lines()
            .filter(|l| l.contains("panicked") || l.contains("FAILED") || l.contains("minimal failing input"))
            .take(10)
            .collect();
        println!("  runtime property tests FAILED:\n    {}", failed.join("\n    "));
    }
    Ok((lines, cases, output.status.success()))
}

// ---------------------------------------------------------------------------------------------
// Figures.

#[derive(Default)]
struct Report {
    cases: BTreeMap<&'static str, u64>,
    /// Per kind, per group (version or flavour): cases and how many generated.
    groups: BTreeMap<(&'static str, String), (u64, u64)>,
    error_kinds: BTreeMap<(&'static str, String), u64>,
    unlocated: Vec<(Kind, u64, String)>,
    failures: Vec<String>,
    /// Failures of a known cause, by its description.
    known: BTreeMap<&'static str, Vec<u64>>,
    longest: Option<Answer>,
    peak: Option<Answer>,
    total: Duration,
    runtime: Option<(Vec<String>, u64, bool)>,
    compiled: Compiled,
}

impl Report {
    fn add(&mut self, options: &Options, out: &Path, answer: Answer) {
        let kind = answer.kind.label();
        *self.cases.entry(kind).or_default() += 1;
        let group = self.groups.entry((kind, answer.group.clone())).or_default();
        group.0 += 1;
        group.1 += u64::from(answer.outcome == Outcome::Generated);
        self.total += Duration::from_micros(answer.micros);
        for error in &answer.errors {
            *self.error_kinds.entry((kind, error.clone())).or_default() += 1;
        }
        if options.verbose && answer.outcome == Outcome::Error {
            println!(
                "  {kind} seed {} ({}; {}): {}",
                answer.seed,
                answer.group,
                answer.what.chars().take(100).collect::<String>(),
                answer.detail
            );
        }
        if answer.outcome == Outcome::Error && !answer.located {
            self.unlocated.push((answer.kind, answer.seed, answer.detail.clone()));
        }
        if self.longest.as_ref().is_none_or(|l| answer.micros > l.micros) {
            self.longest = Some(answer.clone());
        }
        let grew = |a: &Answer| a.hwm_kb.saturating_sub(a.rss_kb);
        if self.peak.as_ref().is_none_or(|p| grew(&answer) > grew(p)) {
            self.peak = Some(answer.clone());
        }
        let over_memory = grew(&answer) > options.max_memory_mb * 1024;
        let bug = answer.errors.iter().any(|e| e == "GeneratorBug");
        let failure = match answer.outcome {
            Outcome::Panic => Some("panic"),
            Outcome::Hang => Some("hang"),
            Outcome::Crash => Some("crash"),
            _ if bug => Some("generator bug (code that does not parse)"),
            _ if over_memory => Some("memory"),
            _ => None,
        };
        let known = failure.and_then(|_| KNOWN.iter().find(|(_, matches)| matches(&answer)));
        if let (Some((description, _)), false) = (known, options.strict) {
            self.known.entry(description).or_default().push(answer.seed);
            return;
        }
        if let Some(failure) = failure {
            let ext = if answer.label.ends_with(".json") { "json" } else { "yaml" };
            let saved = out.join(format!("failures/{kind}-{}.{ext}", answer.seed));
            let (.., text) =
                input(answer.kind, answer.seed, &bases(&crate::workspace::workspace_root(), &options.corpus, options.max_bytes));
            let _ = fs::write(&saved, text);
            let mut message = format!(
                "FAIL {kind} seed {} ({}; {}): {failure}: {}",
                answer.seed,
                answer.group,
                answer.what.chars().take(200).collect::<String>(),
                answer.detail
            );
            if over_memory {
                let _ = write!(message, " (peak {} MB above the worker's {} MB)", grew(&answer) / 1024, answer.rss_kb / 1024);
            }
            let _ = write!(
                message,
                "\n    input: {}\n    reproduce: cargo xtask fuzz --kind {kind} --seed {} --cases 1",
                saved.display(),
                answer.seed
            );
            println!("{message}");
            self.failures.push(message);
        }
    }

    /// Prints the figures; the number of failures.
    fn print(&self, options: &Options, elapsed: Duration) -> usize {
        println!("\nfuzz figures (seed {}, {:.0}s):", options.seed, elapsed.as_secs_f64());
        for kind in ["structured", "raw"] {
            let Some(cases) = self.cases.get(kind) else { continue };
            let groups: Vec<String> = self
                .groups
                .iter()
                .filter(|((k, _), _)| *k == kind)
                .map(|((_, g), (n, generated))| format!("{g}: {n} ({generated} generated)"))
                .collect();
            let errors: Vec<String> =
                self.error_kinds.iter().filter(|((k, _), _)| *k == kind).map(|((_, e), n)| format!("{e} {n}")).collect();
            println!("  {kind}: {cases} cases; {}", groups.join(", "));
            if !errors.is_empty() {
                println!("    located errors: {}", errors.join(", "));
            }
        }
        if !self.unlocated.is_empty() {
            println!("  errors without a pointer or line: {}", self.unlocated.len());
            for (kind, seed, detail) in self.unlocated.iter().take(5) {
                println!("    {} seed {seed}: {detail}", kind.label());
            }
        }
        let c = &self.compiled;
        println!(
            "  compiled: {} sample crates (every {}th generated structured spec), {} clean under clippy -D warnings, {} failed ({:.0}s)",
            c.crates,
            options.compile_every,
            c.clean,
            c.failures.len(),
            c.time.as_secs_f64()
        );
        let mut failures = self.failures.len();
        let mut known_compile: BTreeMap<&str, Vec<u64>> = BTreeMap::new();
        for (seed, found) in &c.failures {
            let known = |d: &String| KNOWN_COMPILE.iter().find(|(signature, _)| d.contains(signature)).map(|(_, why)| *why);
            let new: Vec<&String> = found.iter().filter(|d| known(d).is_none()).collect();
            for why in found.iter().filter_map(known) {
                let seeds = known_compile.entry(why).or_default();
                if seeds.last() != Some(seed) {
                    seeds.push(*seed);
                }
            }
            if new.is_empty() && !options.strict {
                continue;
            }
            let shown: Vec<String> = if options.strict { found.clone() } else { new.into_iter().cloned().collect() };
            println!(
                "FAIL structured seed {seed}: the generated crate does not compile cleanly: {}\n    reproduce: cargo xtask fuzz --kind structured --seed {seed} --cases 1 --compile-every 1 --keep",
                shown.join(" | ")
            );
            failures += 1;
        }
        for (why, seeds) in &known_compile {
            let seeds: Vec<String> = seeds.iter().take(10).map(u64::to_string).collect();
            println!("  known, not fixed here (fails with --strict): {why}: seeds {}", seeds.join(", "));
        }
        if let Some((lines, cases, ok)) = &self.runtime {
            println!("  runtime: {cases} property cases{}", if *ok { "" } else { " — FAILED" });
            for line in lines {
                println!("    {}", line.trim_start_matches("fuzz_runtime:").trim());
            }
            failures += usize::from(!ok);
        }
        if let Some(l) = &self.longest {
            println!(
                "  longest case: {:.2}s, {} seed {} ({}; {}, {} bytes)",
                l.micros as f64 / 1e6,
                l.kind.label(),
                l.seed,
                l.group,
                l.what.chars().take(120).collect::<String>(),
                l.bytes
            );
        }
        let total: u64 = self.cases.values().sum();
        if total > 0 {
            println!(
                "  generation time: {:.1}s in all, {:.1}ms a case on average",
                self.total.as_secs_f64(),
                self.total.as_secs_f64() * 1000.0 / total as f64
            );
        }
        if let Some(p) = &self.peak {
            println!(
                "  peak memory: {} MB above the worker's {} MB, {} seed {} ({}; {})",
                p.hwm_kb.saturating_sub(p.rss_kb) / 1024,
                p.rss_kb / 1024,
                p.kind.label(),
                p.seed,
                p.group,
                p.what.chars().take(120).collect::<String>()
            );
        }
        for (description, seeds) in &self.known {
            let seeds: Vec<String> = seeds.iter().take(10).map(u64::to_string).collect();
            println!("  known, not fixed here (fails with --strict): {description}: seeds {}", seeds.join(", "));
        }
        println!(
            "  failures: {failures} (panics, hangs, crashes, memory, generator bugs, crates that do not compile cleanly, runtime properties)"
        );
        failures
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn diagnostics_are_distinct_messages_with_a_place() {
        let stderr = "generated/src/a/builders.rs:14:28: error[E0433]: cannot find module or crate `types` in this scope: use of unresolved module\n\
                      generated/src/a/builders.rs:20:28: error[E0433]: cannot find module or crate `types` in this scope: use of unresolved module\n\
                      generated/src/a/client.rs:93:17: warning: some ranges overlap: help: …\n\
                      error: could not compile `generated` (lib) due to 2 previous errors\n";
        assert_eq!(
            diagnostics(stderr),
            [
                "cannot find module or crate `types` in this scope: use of unresolved module (at generated/src/a/builders.rs:14:28)",
                "some ranges overlap (at generated/src/a/client.rs:93:17)",
            ]
        );
    }

    /// `fuzz`'s own arguments, parsed as the command line parses them.
    #[derive(clap::Parser)]
    struct Fuzz {
        #[command(flatten)]
        args: Args,
    }

    fn parse(root: &Path, args: &[&str]) -> Result<Options, clap::Error> {
        let fuzz = <Fuzz as clap::Parser>::try_parse_from(std::iter::once("fuzz").chain(args.iter().copied()))?;
        Ok(fuzz.args.resolve(root))
    }

    #[test]
    fn options_default_and_parse() {
        let root = Path::new("/w");
        let o = parse(root, &["--cases", "5", "--seed", "42", "--kind", "structured,raw", "--compile-every", "0"]).unwrap();
        assert_eq!((o.cases, o.seed, o.compile_every), (5, 42, 0));
        assert_eq!(o.kinds, [Kind::Structured, Kind::Raw]);
        assert_eq!(o.target_dir, Path::new("/w/target/fuzz-target"));
        let o = parse(root, &["--target-dir", "target/corpus-target"]).unwrap();
        assert_eq!(o.target_dir, Path::new("/w/target/corpus-target"));
        assert!(parse(root, &["--kind", "other"]).is_err());
    }

    /// A handful of cases in-process: built and mutated inputs never panic the generator.
    #[test]
    fn a_few_cases_generate_or_fail_with_a_located_error() {
        for seed in 0..8 {
            for kind in [Kind::Structured, Kind::Raw] {
                let (_, what, label, text) = input(kind, seed, &[]);
                let result = catch_unwind(|| codegen::generate_crate(&[codegen::SpecFile::new(&label, &text)]));
                assert!(result.is_ok(), "{kind:?} seed {seed} ({what}) panicked");
            }
        }
    }
}
