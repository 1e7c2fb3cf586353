//! `cargo xtask conformance [SPEC...] [--server URL] [--modes static,dynamic] [--json FILE]`:
//! every operation of each spec called through its generated client, against a server that
//! checks each request against the spec.
//!
//! Per spec: the client is generated into `target/conformance/<module>/`, with the program
//! `codegen::conformance` writes for it (every operation minimal, full, and with the spec's
//! examples where they differ). The pinned Prism mocks the spec twice, answering from the
//! spec's examples (static) and from answers generated from the schemas with a fixed seed
//! (dynamic); the program runs against each. A request passes when Prism reports no violation
//! and does not refuse it; an answer passes when it decodes into the typed success or a typed
//! documented error. With `--server URL`, a live server serving the spec takes Prism's place,
//! and a request passes unless the server refuses it as malformed (400 or 422).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::Instant;

use codegen::SpecFile;
use serde_json::{Value, json};

use crate::e2e::prism;

/// The hand-written half of every program.
const SUPPORT: &str = include_str!("../conformance/support.rs");

/// What CI runs: the seeds, the fixtures whose forms and parameters reach the wire, and small
/// corpus specs with form, multipart, deepObject and header-parameter operations.
const CI_SPECS: &[&str] = &[
    "specs/fax_plus.yaml",
    "specs/clemta.yaml",
    "codegen/tests/fixtures/form_styles.yaml",
    "codegen/tests/fixtures/form_body.yaml",
    "codegen/tests/fixtures/multipart_body.yaml",
    "codegen/tests/fixtures/parameters.yaml",
    "codegen/tests/fixtures/query_styles.yaml",
    "../shared/corpus/vonage-sms.yaml",
    "../shared/corpus/vonage-verify.yaml",
    "../shared/corpus/oxide-progenitor-keeper.json",
    "../shared/corpus/swagger-petstore-v3.yaml",
    "../shared/corpus/xero-identity.yaml",
];

pub struct Options {
    specs: Vec<PathBuf>,
    server: Option<String>,
    modes: Vec<Mode>,
    json: Option<PathBuf>,
    /// Fail when any operation fails by our bug (CI); otherwise the report is the result.
    strict: bool,
    /// Seconds one run of a program may take.
    timeout: u64,
    /// Judge the calls the last run recorded again, without generating or calling anything.
    rejudge: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum Mode {
    Static,
    Dynamic,
    #[value(skip)]
    Live,
}

impl Mode {
    fn label(self) -> &'static str {
        match self {
            Mode::Static => "static",
            Mode::Dynamic => "dynamic",
            Mode::Live => "live",
        }
    }
}

/// `cargo xtask conformance [SPEC|DIR...]`: every operation of each spec (default: the specs
/// in specs/) called through its generated client, minimal, full and with the spec's examples;
/// requests must pass validation, answers must decode.
#[derive(clap::Args)]
pub struct Args {
    /// Spec files, or folders of them.
    specs: Vec<PathBuf>,
    /// CI's selection (the seeds, the wire fixtures, small corpus specs); fails as --strict does.
    #[arg(long)]
    ci: bool,
    /// Call a live server that serves the spec instead of Prism.
    #[arg(long, value_name = "URL")]
    server: Option<String>,
    /// Prism's modes to run in.
    #[arg(long, value_enum, value_delimiter = ',', default_values_t = [Mode::Static, Mode::Dynamic])]
    modes: Vec<Mode>,
    /// Where the JSON report goes (default target/conformance/report.json).
    #[arg(long, value_name = "FILE")]
    json: Option<PathBuf>,
    /// Fail when any operation fails by our bug.
    #[arg(long)]
    strict: bool,
    /// Seconds one run of a program may take.
    #[arg(long, value_name = "SECS", default_value_t = 900)]
    timeout: u64,
    /// Judge the calls the last run recorded again, without generating or calling anything.
    #[arg(long)]
    rejudge: bool,
}

impl Args {
    /// The options, with folders read and the defaults that depend on the workspace.
    pub fn resolve(self, root: &Path) -> Result<Options, String> {
        let mut specs = Vec::new();
        if self.ci {
            specs.extend(CI_SPECS.iter().map(|s| root.join(s)).filter(|p| p.exists()));
        }
        for path in self.specs {
            if path.is_dir() {
                let mut found: Vec<PathBuf> = fs::read_dir(&path)
                    .map_err(|e| format!("cannot read {}: {e}", path.display()))?
                    .filter_map(|e| e.ok().map(|e| e.path()))
                    .filter(|p| matches!(p.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")))
                    .collect();
                found.sort();
                specs.extend(found);
            } else {
                specs.push(path);
            }
        }
        if specs.is_empty() {
            specs = crate::workspace::spec_paths(root)?;
        }
        let modes = if self.server.is_some() { vec![Mode::Live] } else { self.modes };
        Ok(Options {
            specs,
            server: self.server,
            modes,
            json: self.json,
            strict: self.strict || self.ci,
            timeout: self.timeout,
            rejudge: self.rejudge,
        })
    }
}

/// One call's record, as the program wrote it, with the mode it ran in.
#[derive(Debug, Clone)]
struct Record {
    mode: Mode,
    line: Value,
}

impl Record {
    fn str(&self, key: &str) -> &str {
        self.line.get(key).and_then(Value::as_str).unwrap_or_default()
    }

    fn operation(&self) -> &str {
        self.str("operation")
    }

    fn variant(&self) -> &str {
        self.str("variant")
    }

    /// Why the server did not take the request, if it did not.
    fn refused(&self) -> Option<String> {
        if let Some(v) = self.line.get("violations").filter(|v| !v.is_null()) {
            // Prism also checks the answers it makes up (`response` locations): the decoding
            // judges those. Warnings are advice.
            let about_request =
                |e: &&Value| e.get("severity").and_then(Value::as_str) != Some("Warning") && location(e).first() != Some(&"response");
            let errors: Vec<&Value> = match v {
                Value::Array(list) => list.iter().filter(about_request).collect(),
                // Past about 8 KB Prism cuts the list short into text ("Too many violations!
                // [{…"), which no longer parses: what it names is all there is to go on.
                Value::String(text) if text.contains(r#""location":["request""#) => vec![v],
                Value::String(_) => Vec::new(),
                other => vec![other],
            };
            if !errors.is_empty() {
                return Some(format!("violations: {}", Value::Array(errors.into_iter().cloned().collect())));
            }
        }
        match self.str("outcome") {
            "unsendable" | "failed" => return Some(self.str("detail").to_owned()),
            _ => {}
        }
        let request = self.line.get("request")?;
        let status = request.get("status").and_then(Value::as_u64).unwrap_or(0);
        let answer = request.get("answer").and_then(Value::as_str).unwrap_or_default();
        let refused = match self.mode {
            // Prism's own refusals (no such route, no credentials, a body it cannot read)
            // carry its error types.
            Mode::Static | Mode::Dynamic => answer.contains("stoplight.io/prism/errors#"),
            Mode::Live => status == 400 || status == 422,
        };
        refused.then(|| format!("refused with {status}: {answer}"))
    }

    /// Why the answer did not decode, if it did not.
    fn undecoded(&self) -> Option<String> {
        match self.str("outcome") {
            "success" | "documented" => None,
            "undocumented" => Some(format!("status {} is not documented: {}", self.line["status"], self.str("detail"))),
            _ => Some(self.str("detail").to_owned()),
        }
    }
}

/// One spec's result.
struct SpecResult {
    file: String,
    module: String,
    operations: usize,
    calls: usize,
    records: Vec<Record>,
    /// Why the spec could not be run at all.
    skipped: Option<String>,
}

pub fn run(root: &Path, options: &Options) -> Result<(), String> {
    let begun = Instant::now();
    let prism_bin = if options.server.is_none() { Some(prism::install(root)?) } else { None };
    let mut results = Vec::new();
    for spec in &options.specs {
        let result = run_spec(root, spec, options, prism_bin.as_deref());
        let result = result.unwrap_or_else(|why| SpecResult {
            file: spec.display().to_string(),
            module: String::new(),
            operations: 0,
            calls: 0,
            records: Vec::new(),
            skipped: Some(why),
        });
        print_spec(&result);
        results.push(result);
    }
    let report = report(&results);
    let json_path = options.json.clone().unwrap_or_else(|| root.join("target/conformance/report.json"));
    fs::create_dir_all(json_path.parent().unwrap_or(Path::new("."))).map_err(|e| e.to_string())?;
    fs::write(&json_path, serde_json::to_string_pretty(&report).map_err(|e| e.to_string())? + "\n")
        .map_err(|e| format!("cannot write {}: {e}", json_path.display()))?;
    let totals = &report["totals"];
    println!(
        "conformance: {} specs ({} skipped), {} operations, {} pass both ways in every mode, {} fail; {:.0}s; report: {}",
        results.len(),
        results.iter().filter(|r| r.skipped.is_some()).count(),
        totals["operations"],
        totals["passed"],
        totals["failed"],
        begun.elapsed().as_secs_f64(),
        json_path.display()
    );
    for (class, count) in totals["classes"].as_object().into_iter().flatten() {
        println!("  {count} operations: {class}");
    }
    let ours = totals["ours"].as_u64().unwrap_or(0) + results.iter().filter(|r| r.skipped.is_some()).count() as u64;
    if options.strict && ours > 0 {
        return Err(format!("conformance: {ours} operations or specs fail by our bug; see {}", json_path.display()));
    }
    Ok(())
}

fn run_spec(root: &Path, spec: &Path, options: &Options, prism_bin: Option<&Path>) -> Result<SpecResult, String> {
    let text = fs::read_to_string(spec).map_err(|e| format!("cannot read {}: {e}", spec.display()))?;
    let label = spec.display().to_string();
    let file = SpecFile::new(&label, &text);
    let (_, files) =
        codegen::generate_crate(&[file]).map_err(|errors| errors.iter().map(ToString::to_string).collect::<Vec<_>>().join("; "))?;
    let program = codegen::conformance::program(file).map_err(|e| e.to_string())?;
    let dir = root.join("target/conformance").join(&program.module);
    if program.operations == 0 {
        // Webhooks only: nothing to call, and nothing for Prism to serve.
        return Ok(SpecResult {
            file: label,
            module: program.module,
            operations: 0,
            calls: 0,
            records: Vec::new(),
            skipped: None,
        });
    }
    if options.rejudge {
        let records = options.modes.iter().map(|&mode| recorded(&dir, mode)).collect::<Result<Vec<_>, _>>()?.concat();
        return Ok(SpecResult {
            file: label,
            module: program.module,
            operations: program.operations,
            calls: program.calls.len(),
            records,
            skipped: None,
        });
    }
    let lock = fs::read(root.join("Cargo.lock")).map_err(|e| format!("cannot read Cargo.lock: {e}"))?;
    crate::workspace::write_scratch(&dir, &files, &root.join("generated/src/runtime"), &lock)?;
    write_program(&dir, &program.source)?;
    build(root, &dir)?;

    let mock = mockable(spec, &text, &dir)?;
    let mut records = Vec::new();
    for &mode in &options.modes {
        let (url, _server) = match mode {
            Mode::Live => (options.server.clone().unwrap_or_default(), None),
            Mode::Static | Mode::Dynamic => {
                let bin = prism_bin.ok_or("Prism is not installed")?;
                let log = dir.join(format!("prism-{}.log", mode.label()));
                let dynamic: &[&str] = if mode == Mode::Dynamic { &["--dynamic", "--seed", "1"] } else { &[] };
                let mut server = prism::start_with(bin, &mock, log, dynamic)?;
                server.wait_ready()?;
                (server.url(), Some(server))
            }
        };
        let out = dir.join(format!("calls-{}.jsonl", mode.label()));
        let mut child = crate::workspace::cargo()
            .args(["test", "-q", "-p", "generated", "--test", "conformance"])
            .current_dir(&dir)
            .env("CARGO_TARGET_DIR", root.join("target/conformance-target"))
            .env("CONFORMANCE_URL", &url)
            .env("CONFORMANCE_OUT", &out)
            .spawn()
            .map_err(|e| format!("cannot run the program: {e}"))?;
        let deadline = Instant::now() + std::time::Duration::from_secs(options.timeout);
        let status = loop {
            if let Some(status) = child.try_wait().map_err(|e| e.to_string())? {
                break status;
            }
            if Instant::now() > deadline {
                let _ = child.kill();
                let _ = child.wait();
                return Err(format!("the conformance program of {label} took over {}s ({} mode)", options.timeout, mode.label()));
            }
            std::thread::sleep(std::time::Duration::from_millis(200));
        };
        if !status.success() {
            return Err(format!("the conformance program of {label} failed ({status})"));
        }
        records.extend(recorded(&dir, mode)?);
    }
    Ok(SpecResult {
        file: label,
        module: program.module,
        operations: program.operations,
        calls: program.calls.len(),
        records,
        skipped: None,
    })
}

/// The calls a program recorded in `mode`, in `dir`.
fn recorded(dir: &Path, mode: Mode) -> Result<Vec<Record>, String> {
    let out = dir.join(format!("calls-{}.jsonl", mode.label()));
    let lines = fs::read_to_string(&out).map_err(|e| format!("cannot read {}: {e}", out.display()))?;
    lines
        .lines()
        .map(|line| serde_json::from_str(line).map(|line| Record { mode, line }).map_err(|e| format!("{}: {e}", out.display())))
        .collect()
}

/// The spec as Prism is given it: as written, unless a `$ref` in it cannot be resolved (one to
/// a URL, which Prism would download, or a dangling one, which stops Prism from starting):
/// each such `$ref` becomes `{}`, any value, as the generator reads a dangling one. The copy is
/// `prism-spec.json` beside the scratch crate.
fn mockable(spec: &Path, text: &str, dir: &Path) -> Result<PathBuf, String> {
    let mut doc = codegen::load::parse_text(&spec.display().to_string(), text).map_err(|e| e.to_string())?;
    let root = doc.clone();
    let mut replaced = 0;
    unresolvable_refs(&mut doc, &root, &mut replaced);
    let examples = header_examples(&mut doc);
    if replaced == 0 && examples == 0 {
        return Ok(spec.to_path_buf());
    }
    let copy = dir.join("prism-spec.json");
    fs::write(&copy, serde_json::to_string(&doc).map_err(|e| e.to_string())?)
        .map_err(|e| format!("cannot write {}: {e}", copy.display()))?;
    println!(
        "{}: in {}, {replaced} `$ref`s Prism cannot resolve are `{{}}`, and {examples} documented headers have an example",
        spec.display(),
        copy.display()
    );
    Ok(copy)
}

/// Gives each documented header of a scalar type without an example one: Prism sends `null`
/// for such a header (Twilio's `Access-Control-Allow-Credentials: boolean`), which no real
/// server sends and no typed client can read. Returns how many it gave.
fn header_examples(node: &mut Value) -> usize {
    let mut given = 0;
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(headers)) = map.get_mut("headers") {
                for header in headers.values_mut().filter_map(Value::as_object_mut) {
                    let documented = header.contains_key("example") || header.contains_key("examples");
                    let schema = header.get("schema").filter(|s| s.get("example").is_none() && s.get("$ref").is_none());
                    let example = match schema.and_then(|s| s.get("type")).and_then(Value::as_str) {
                        _ if documented => None,
                        Some("boolean") => Some(json!(true)),
                        Some("integer") => Some(json!(1)),
                        Some("number") => Some(json!(1.5)),
                        Some("string") => {
                            let format = schema.and_then(|s| s.get("format")).and_then(Value::as_str);
                            Some(json!(codegen::conformance::format_example(format)))
                        }
                        _ => None,
                    };
                    if let Some(example) = example {
                        header.insert("example".to_owned(), example);
                        given += 1;
                    }
                }
            }
            given += map.values_mut().map(header_examples).sum::<usize>();
        }
        Value::Array(items) => given += items.iter_mut().map(header_examples).sum::<usize>(),
        _ => {}
    }
    given
}

fn unresolvable_refs(node: &mut Value, root: &Value, replaced: &mut usize) {
    match node {
        Value::Object(map) => {
            if let Some(Value::String(reference)) = map.get("$ref") {
                let resolves = reference
                    .strip_prefix('#')
                    .is_some_and(|pointer| root.pointer(pointer).or_else(|| root.pointer(&percent_decoded(pointer))).is_some());
                if !resolves {
                    *node = json!({});
                    *replaced += 1;
                    return;
                }
            }
            map.values_mut().for_each(|v| unresolvable_refs(v, root, replaced));
        }
        Value::Array(items) => items.iter_mut().for_each(|v| unresolvable_refs(v, root, replaced)),
        _ => {}
    }
}

/// A URI fragment's `%XX` escapes decoded (`#/paths/~1a%7Bid%7D`).
fn percent_decoded(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// The program and its support beside the generated crate, and the manifest entries it needs.
fn write_program(dir: &Path, source: &str) -> Result<(), String> {
    let krate = dir.join("generated");
    let io = |e: std::io::Error| format!("cannot write the program in {}: {e}", krate.display());
    fs::create_dir_all(krate.join("tests/conformance_support")).map_err(io)?;
    fs::write(krate.join("tests/conformance.rs"), source).map_err(io)?;
    fs::write(krate.join("tests/conformance_support/mod.rs"), SUPPORT).map_err(io)?;
    let manifest = krate.join("Cargo.toml");
    let text = fs::read_to_string(&manifest).map_err(io)?;
    let text = text.replacen("[dev-dependencies]\n", "[dev-dependencies]\nasync-trait = \"0.1\"\nhttp-body-util = \"0.1\"\n", 1)
        + "\n[[test]]\nname = \"conformance\"\nharness = false\n";
    fs::write(&manifest, text).map_err(io)
}

fn build(root: &Path, dir: &Path) -> Result<(), String> {
    let output = crate::workspace::cargo()
        .args(["test", "-q", "--no-run", "-p", "generated", "--test", "conformance"])
        .current_dir(dir)
        .env("CARGO_TARGET_DIR", root.join("target/conformance-target"))
        .output()
        .map_err(|e| format!("cannot run cargo: {e}"))?;
    if output.status.success() {
        return Ok(());
    }
    let stderr = String::from_utf8_lossy(&output.stderr);
    let first: Vec<&str> = stderr.lines().filter(|l| !l.trim().is_empty()).take(30).collect();
    // A full disk breaks the build too, and must not be counted against the generator.
    let class = if stderr.contains("No space left on device") { "the disk is full" } else { "our bug" };
    Err(format!("the program does not compile ({class}):\n{}", first.join("\n")))
}

/// Per operation: whether every call passed both ways in every mode, else its failures.
fn verdicts(result: &SpecResult) -> BTreeMap<String, Vec<Value>> {
    let mut by_op: BTreeMap<String, Vec<&Record>> = BTreeMap::new();
    for r in &result.records {
        by_op.entry(r.operation().to_owned()).or_default().push(r);
    }
    let mut out = BTreeMap::new();
    for (op, records) in by_op {
        // Whether the full call of `mode` got as far as `what` (its request accepted, or its
        // answer decoded too): an example that fails where the synthesized value did not is
        // the example's fault.
        // A full request that Prism refused only by one of its own limitations was sent, so the
        // typed API took the synthesized value: an example it cannot take is the example's fault.
        let full_passes = |mode: Mode, what: &str| {
            records.iter().any(|r| {
                let sent = r.refused().is_none() || (what == "request" && prism_limitation(r, "request").is_some());
                r.mode == mode && r.variant() == "full" && sent && (what == "request" || r.undecoded().is_none())
            })
        };
        let mut failures = Vec::new();
        for r in &records {
            let (what, why) = match (r.refused(), r.undecoded()) {
                (Some(why), _) => ("request", why),
                (None, Some(why)) => ("answer", why),
                (None, None) => continue,
            };
            let class = classify(r, what, &records, full_passes(r.mode, what));
            failures.push(json!({
                "mode": r.mode.label(),
                "variant": r.variant(),
                "failed": what,
                "class": class,
                "why": why,
                "request": r.line.get("request"),
            }));
        }
        out.insert(op, failures);
    }
    out
}

/// Whose failure it is, on the evidence at hand:
/// - Prism's limitations, each read in its source (`@stoplight/prism-http` 5.16.0,
///   `dist/validator/validators/body.js`): see [`prism_limitation`];
/// - an example that its own schema refuses is the spec's slip; an answer Prism made up from an
///   example that does not decode, while the answer generated from the schema does, is too;
/// - everything else is counted as ours.
fn classify(r: &Record, what: &str, records: &[&Record], full_passes: bool) -> &'static str {
    if let Some(limitation) = prism_limitation(r, what) {
        return limitation;
    }
    // Prism takes the spec's media type literally: `form-data` for `multipart/form-data`.
    let supported = r.line.get("violations").map(Value::to_string).unwrap_or_default();
    if let Some((_, listed)) = supported.split_once("Supported content types: ") {
        let listed = listed.split('"').next().unwrap_or_default();
        if listed.split(',').any(|t| !t.contains('/')) {
            return "spec slip: a request media type that is not one (`form-data`)";
        }
    }
    // A path parameter the template does not name (OpenAI declares `certificate_id` for
    // `{cert_id}`): the client sends the template's, and Prism misses the declared one.
    let route = r.str("route");
    let undeclared = r.line.get("request").and_then(|q| q.get("answer")).and_then(Value::as_str).unwrap_or_default();
    if let Some(name) = undeclared.split("Request path must have required property '").nth(1).and_then(|m| m.split('\'').next()) {
        if !route.contains(&format!("{{{name}}}")) {
            return "spec slip: a path parameter that the path template does not name";
        }
    }
    // Box tells operations apart by a `#fragment` in the path (`/shared_items#app_items`), which
    // is never sent: the server cannot tell them apart either.
    if r.str("route").contains('#') {
        return "spec slip: the path differs from another's only by a #fragment, which is not sent";
    }
    if r.variant() == "examples" && full_passes {
        return "spec slip: the spec's example does not satisfy its own schema";
    }
    if what == "request" && uuid_capped(r) {
        return "spec slip: a `format: uuid` capped below a UUID's 36 characters admits no value";
    }
    if what == "answer" && r.mode == Mode::Static {
        let dynamic_ok = records
            .iter()
            .any(|o| o.mode == Mode::Dynamic && o.variant() == r.variant() && o.refused().is_none() && o.undecoded().is_none());
        if dynamic_ok {
            return "spec slip: the answer's example does not satisfy its own schema";
        }
    }
    "our bug"
}

/// Whether every violation of a refused request is a `uuid` format that the value sent does not
/// have: the client sends a UUID (36 characters, as `uuid::Uuid` writes it) wherever the spec
/// allows one, and shorter text only where the spec caps the string below a UUID's length
/// (Intercom's 24-character ids), which then no value meets.
fn uuid_capped(r: &Record) -> bool {
    let request = r.line.get("request");
    let answer = request.and_then(|q| q.get("answer")).and_then(Value::as_str).unwrap_or_default();
    let body = request.and_then(|q| q.get("body")).and_then(Value::as_str).and_then(|b| serde_json::from_str::<Value>(b).ok());
    let refused = serde_json::from_str::<Value>(answer).ok().and_then(|a| a.get("validation").cloned());
    let Some(Value::Array(violations)) = refused else { return false };
    let capped = |v: &Value| {
        let message = v.get("message").and_then(Value::as_str).unwrap_or_default();
        let sent = match in_request(v)[..] {
            ["body", ref path @ ..] => path.iter().try_fold(body.as_ref(), |at, key| Some(at?.get(key))).flatten(),
            _ => None,
        };
        let text = sent.and_then(Value::as_str);
        message.ends_with("must match format \"uuid\"") && text.is_some_and(|t| t.len() < 36)
    };
    !violations.is_empty() && violations.iter().all(capped)
}

/// The member a `required` violation names: `'x'` in "… must have required property 'x'".
fn required_member(message: &str) -> Option<&str> {
    message.split("must have required property '").nth(1).and_then(|m| m.split('\'').next())
}

/// Where a violation is, as Prism names it: `["request", "body", …]` in `sl-violations`.
fn location(violation: &Value) -> Vec<&str> {
    violation.get("location").and_then(Value::as_array).into_iter().flatten().filter_map(Value::as_str).collect()
}

/// Where in the request a violation is: `["body", …]` whether from `sl-violations`
/// (`["request", "body", …]`) or from a refusal's `validation` list (`["body", …]`).
fn in_request(violation: &Value) -> Vec<&str> {
    let mut at = location(violation);
    if at.first() == Some(&"request") {
        at.remove(0);
    }
    at
}

/// Whether Prism's `sl-violations` say that the answer it sent breaks the spec: Prism checks the
/// answers it makes up (from an example, or from the schema with json-schema-faker), and an
/// answer that breaks the spec is no test of the decoder.
fn answer_violations(r: &Record) -> bool {
    if let Some(Value::String(cut)) = r.line.get("violations") {
        return cut.contains(r#""location":["response""#) && cut.contains(r#""severity":"Error""#);
    }
    r.line.get("violations").and_then(Value::as_array).is_some_and(|list| {
        list.iter().any(|v| v.get("severity").and_then(Value::as_str) == Some("Error") && location(v).first() == Some(&"response"))
    })
}

/// A refusal that Prism's own code makes of a valid request, where the request shows it was
/// sent as the spec says (the exact bytes of each style are proven by the wire tests).
fn prism_limitation(r: &Record, what: &str) -> Option<&'static str> {
    if r.mode == Mode::Live {
        return None;
    }
    let request = r.line.get("request")?;
    let answer = request.get("answer").and_then(Value::as_str).unwrap_or_default();
    let content_type = request.get("content_type").and_then(Value::as_str).unwrap_or_default();
    let body = request.get("body").and_then(Value::as_str);
    let form = content_type.starts_with("application/x-www-form-urlencoded");
    let multipart = content_type.starts_with("multipart/form-data");
    if answer.contains("errors#NO_COMPLEX_OBJECT_TEXT") {
        return Some("Prism's limitation: it cannot write an object example as the text a `*/*` answer asks for");
    }
    if answer.contains("errors#UNKNOWN") {
        // An exception inside Prism (`Prop not found`, `schema is not defined`), not a verdict.
        return Some("Prism's limitation: it fails inside (errors#UNKNOWN) on this operation");
    }
    // A JavaScript exception inside Prism, answered as its own problem document with the
    // exception's name as the type (`RangeError: Maximum call stack size exceeded`).
    let shown = r.str("detail").split("; body: ").nth(1).unwrap_or_default();
    let crashed = ["RangeError", "TypeError", "ReferenceError"].iter().any(|e| shown.starts_with(&format!("{{\"type\":\"{e}\"")));
    if what == "answer" && crashed && r.str("detail").contains("\"status\":500") {
        return Some("Prism's limitation: it fails inside (a JavaScript exception) on this operation");
    }
    // Prism writes `null` as the value of a documented header that has no example, in static and
    // dynamic mode alike (Twilio's `Access-Control-Allow-Credentials: boolean`).
    let detail = r.str("detail");
    if what == "answer" && detail.contains("answer's header `") && detail.contains("`null` is not a") {
        return Some("Prism's limitation: it sends `null` as a documented header's value");
    }
    if what == "answer" && answer_violations(r) {
        return Some(match r.mode {
            Mode::Static => "spec slip: the answer's example breaks its own schema, by Prism's check",
            _ => "Prism's limitation: the answer it made up breaks the spec, by its own check",
        });
    }
    // Where an answer has no example, Prism samples one with json-schema-sampler, whose object
    // sampler fills `additionalProperties` as `property1` and `property2`; its guard against
    // circular schemas (`traverse.js`) writes the second as `{}`, missing what is required.
    if what == "answer" && r.mode == Mode::Static && detail.contains("missing field") {
        let stopped = detail.rsplit(" … up to column ").next().filter(|_| detail.contains(" … up to column ")).unwrap_or(detail);
        if stopped.trim_end_matches('}').ends_with("\"property2\":{") {
            return Some("Prism's limitation: its sampler writes a repeated map value as `{}` (json-schema-sampler's circular guard)");
        }
    }
    if answer.contains("errors#NO_RESPONSE_RESPONSE_DEFINED") {
        return Some("Prism's limitation: it cannot answer an operation that documents no response");
    }
    if answer.contains("Cannot deserialize JSON object array in form data request body") {
        // `deserializeFormBody` joins the objects its deepObject reader built as if they were
        // JSON text (`parseBrokenJSONArray`), which never parses: `items[0][price]=p` is refused.
        return Some("Prism's limitation: it refuses deepObject arrays of objects in forms (items[0][price]=p)");
    }
    // `deserializeFormBody` keeps only the members `properties` declares: one that `required`
    // lists without declaring it (Box's `grant_type`) is dropped, then found missing.
    let sent = |name: &str| body.is_some_and(|b| b.starts_with(&format!("{name}=")) || b.contains(&format!("&{name}=")));
    let undeclared = r.line.get("violations").and_then(Value::as_array).is_some_and(|list| {
        !list.is_empty()
            && list.iter().all(|v| {
                let message = v.get("message").and_then(Value::as_str).unwrap_or_default();
                required_member(message).is_some_and(sent)
            })
    });
    if form && undeclared {
        return Some("Prism's limitation: it drops form members the schema requires without declaring, then misses them");
    }
    if form && body == Some("") && answer.contains("Body parameter is required") {
        return Some("Prism's limitation: it reads an empty form (no member set) as no body");
    }
    // RFC 2046 asks a multipart body for one part at least: a call that sets no member has no
    // encoding, and reqwest sends no bytes (`--<boundary>--` alone, which some send, is no
    // better: Prism reads either as no body).
    let no_part = |b: &str| !b.contains("Content-Disposition");
    if multipart && body.is_some_and(no_part) && answer.contains("Body parameter is required") {
        return Some("spec slip: a required multipart body whose members are all optional has no encoding without one");
    }
    // `splitUriParams` keeps the last of repeated keys, `parseMultipartFormDataParams` keeps every
    // part as text, and members without an encoding style are not deserialized: Prism cannot
    // see an array or object member of a form, however it is sent.
    let refused = serde_json::from_str::<Value>(answer).ok().and_then(|a| a.get("validation").cloned());
    let validation: Vec<Value> = [refused, r.line.get("violations").cloned()]
        .into_iter()
        .flatten()
        .flat_map(|v| match v {
            Value::Array(list) => list,
            _ => Vec::new(),
        })
        .collect();
    let structural = |v: &Value| {
        let message = v.get("message").and_then(Value::as_str).unwrap_or_default();
        // `["body", …]` in a refusal, `["request", "body", …]` in `sl-violations`.
        let in_body = matches!(in_request(v)[..], ["body", ..]);
        in_body && (message.contains("must be array") || message.contains("must be object"))
    };
    // A member of a union of an object and text (OpenAI's `chunking_strategy: anyOf ["auto",
    // object, null]`) adds `anyOf` and `must be null` at the same place: the place is what counts.
    let places_read_as_text = validation.iter().all(|v| {
        let at = in_request(v);
        matches!(at[..], ["body", ..]) && validation.iter().any(|w| in_request(w) == at && structural(w))
    });
    if (form || multipart) && !validation.is_empty() && places_read_as_text {
        return Some("Prism's limitation: it reads array and object members of forms as one string");
    }
    // A query value sent as JSON text (an array of objects, an object in `form` style): Prism
    // reads query values as strings, and only `deepObject` as an object.
    let url = request.get("url").and_then(Value::as_str).unwrap_or_default();
    let json_in_query = |v: &Value| {
        let message = v.get("message").and_then(Value::as_str).unwrap_or_default();
        let name = match in_request(v)[..] {
            ["query", name, ..] => name,
            _ => return false,
        };
        (message.ends_with("must be object") || message.ends_with("must be array"))
            && (url.contains(&format!("{name}=%5B")) || url.contains(&format!("{name}=%7B")))
    };
    if !validation.is_empty() && validation.iter().all(json_in_query) {
        return Some("Prism's limitation: it cannot read a query value sent as JSON");
    }
    // A parameter is text, which Prism coerces to every type it can: `1` for GitHub's
    // `workflow_id: oneOf [integer, string]` fits both, and `oneOf` wants exactly one.
    let coerced = |v: &Value| {
        v.get("code").and_then(Value::as_str) == Some("oneOf") && matches!(in_request(v)[..], ["path" | "query" | "header", ..])
    };
    if !validation.is_empty() && validation.iter().all(coerced) {
        return Some("Prism's limitation: it coerces a parameter's text to every type of a oneOf, so a value fits two");
    }
    // An exploded `form` object parameter is read back from the schema's own `properties`
    // (`deserializeImplodeObject` in `deserializers/style/form.js`): a `oneOf` object declares
    // none there, so Prism sees `{}` whatever members were sent under their own names.
    let sent_member = |v: &Value| {
        let message = v.get("message").and_then(Value::as_str).unwrap_or_default();
        required_member(message).is_some_and(|m| url.contains(&format!("?{m}=")) || url.contains(&format!("&{m}=")))
    };
    let union_unread = |v: &Value| {
        let code = v.get("code").and_then(Value::as_str).unwrap_or_default();
        let exploded = match in_request(v)[..] {
            ["query", name] => !url.contains(&format!("?{name}=")) && !url.contains(&format!("&{name}=")),
            _ => false,
        };
        exploded && matches!(code, "required" | "oneOf" | "anyOf")
    };
    if !validation.is_empty() && validation.iter().all(union_unread) && validation.iter().any(sent_member) {
        return Some("Prism's limitation: it reads an exploded form object from the schema's own properties, which a oneOf has none of");
    }
    None
}

fn report(results: &[SpecResult]) -> Value {
    let mut specs = Vec::new();
    let (mut operations, mut passed, mut failed) = (0, 0, 0);
    // Operations with a failure, by the class of their worst one (ours first).
    let mut classes: BTreeMap<String, usize> = BTreeMap::new();
    for result in results {
        if let Some(why) = &result.skipped {
            specs.push(json!({"file": result.file, "skipped": why}));
            continue;
        }
        let verdicts = verdicts(result);
        // An operation passes when its minimal and full calls pass both ways in every mode; an
        // example the spec contradicts does not fail it.
        let ok = verdicts.values().filter(|f| f.iter().all(|f| f["variant"] == "examples" && f["class"] != "our bug")).count();
        operations += result.operations;
        passed += ok;
        failed += result.operations - ok;
        for failures in verdicts.values().filter(|f| !f.is_empty()) {
            let class = failures.iter().map(|f| f["class"].as_str().unwrap_or_default()).min_by_key(|c| !c.starts_with("our bug"));
            *classes.entry(class.unwrap_or_default().to_owned()).or_insert(0usize) += 1;
        }
        let count = |pred: &dyn Fn(&Record) -> bool| result.records.iter().filter(|r| pred(r)).count();
        specs.push(json!({
            "file": result.file,
            "module": result.module,
            "operations": result.operations,
            "calls": result.calls * result.records.iter().map(|r| r.mode.label()).collect::<std::collections::BTreeSet<_>>().len(),
            "requests_accepted": count(&|r| r.refused().is_none()),
            "answers_decoded": count(&|r| r.refused().is_none() && r.undecoded().is_none()),
            "operations_passed": ok,
            "failures": verdicts.into_iter().filter(|(_, f)| !f.is_empty()).map(|(op, f)| json!({"operation": op, "failures": f})).collect::<Vec<_>>(),
        }));
    }
    let ours = classes.get("our bug").copied().unwrap_or(0);
    json!({"totals": {"operations": operations, "passed": passed, "failed": failed, "ours": ours, "classes": classes}, "specs": specs})
}

fn print_spec(result: &SpecResult) {
    if let Some(why) = &result.skipped {
        println!("{}: skipped: {}", result.file, why.lines().next().unwrap_or_default());
        return;
    }
    let verdicts = verdicts(result);
    let accepted = result.records.iter().filter(|r| r.refused().is_none()).count();
    let decoded = result.records.iter().filter(|r| r.refused().is_none() && r.undecoded().is_none()).count();
    println!(
        "{}: {} operations, {} calls: {} requests accepted, {} answers decoded",
        result.file,
        result.operations,
        result.records.len(),
        accepted,
        decoded
    );
    for (op, failures) in verdicts.iter().filter(|(_, f)| !f.is_empty()) {
        for f in failures.iter().take(3) {
            let why: String = f["why"].as_str().unwrap_or_default().chars().take(300).collect();
            println!(
                "  {op} [{} {}] {} ({}): {why}",
                f["mode"].as_str().unwrap_or_default(),
                f["variant"].as_str().unwrap_or_default(),
                f["failed"].as_str().unwrap_or_default(),
                f["class"].as_str().unwrap_or_default()
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn record(mode: Mode, line: Value) -> Record {
        Record { mode, line }
    }

    fn refused_with(answer: &str, content_type: &str, body: &str) -> Value {
        json!({"operation": "op", "variant": "full", "outcome": "undocumented", "status": 422,
               "request": {"status": 422, "answer": answer, "content_type": content_type, "body": body}})
    }

    #[test]
    fn requests_are_judged_by_prisms_violations_and_refusals() {
        let ok = record(Mode::Static, json!({"outcome": "success", "request": {"status": 200}, "violations": null}));
        assert_eq!((ok.refused(), ok.undecoded()), (None, None));
        let about_the_answer = json!([{"location": ["response", "body"], "severity": "Error", "message": "m"}]);
        let prism_checks_itself =
            record(Mode::Static, json!({"outcome": "success", "request": {"status": 200}, "violations": about_the_answer}));
        assert_eq!(prism_checks_itself.refused(), None);
        let bad = json!([{"location": ["request", "query", "limit"], "severity": "Error", "message": "must be integer"}]);
        let violated = record(Mode::Dynamic, json!({"outcome": "success", "request": {"status": 200}, "violations": bad}));
        assert!(violated.refused().unwrap().contains("must be integer"));
        let cut =
            |first: &str| json!(format!(r#"Too many violations! [{{"location":["{first}","body"],"severity":"Error","code":"required""#));
        let about_answer = record(Mode::Dynamic, json!({"outcome": "success", "request": {"status": 200}, "violations": cut("response")}));
        assert_eq!(about_answer.refused(), None);
        assert!(answer_violations(&about_answer));
        let about_request = record(Mode::Dynamic, json!({"outcome": "success", "request": {"status": 200}, "violations": cut("request")}));
        assert!(about_request.refused().is_some());
        let no_route = record(Mode::Static, refused_with(r#"{"type":"https://stoplight.io/prism/errors#NO_PATH_MATCHED_ERROR"}"#, "", ""));
        assert!(no_route.refused().is_some());
        assert_eq!(classify(&no_route, "request", &[], false), "our bug");
        let live = record(Mode::Live, json!({"outcome": "documented", "status": 422, "request": {"status": 422, "answer": "{}"}}));
        assert!(live.refused().is_some(), "a live server's 422 is a refusal");
        let not_found = record(Mode::Live, json!({"outcome": "documented", "status": 404, "request": {"status": 404, "answer": "{}"}}));
        assert_eq!((not_found.refused(), not_found.undecoded()), (None, None), "a documented 404 decodes");
    }

    #[test]
    fn prisms_own_limits_are_told_apart_from_ours() {
        let items = refused_with(
            "Cannot deserialize JSON object array in form data request body",
            "application/x-www-form-urlencoded",
            "items[0][price]=p",
        );
        assert!(prism_limitation(&record(Mode::Static, items), "request").unwrap().contains("deepObject arrays of objects"));
        let empty = refused_with(r#"{"validation":[{"message":"Body parameter is required"}]}"#, "application/x-www-form-urlencoded", "");
        assert!(prism_limitation(&record(Mode::Static, empty), "request").unwrap().contains("empty form"));
        let required = r#"{"validation":[{"message":"Body parameter is required"}]}"#;
        for no_part in ["", "--b1--\r\n"] {
            let no_part = refused_with(required, "multipart/form-data; boundary=b1", no_part);
            assert!(prism_limitation(&record(Mode::Static, no_part), "request").unwrap().contains("has no encoding"));
        }
        let a_part = "--b1\r\nContent-Disposition: form-data; name=\"file_id\"\r\n\r\nf\r\n--b1--\r\n";
        assert_eq!(
            prism_limitation(&record(Mode::Static, refused_with(required, "multipart/form-data; boundary=b1", a_part)), "request"),
            None
        );
        let mut undeclared = refused_with("{}", "application/x-www-form-urlencoded", "token=t&grant_type=value");
        undeclared["violations"] =
            json!([{"location": ["request", "body"], "message": "Request body must have required property 'grant_type'"}]);
        assert!(prism_limitation(&record(Mode::Static, undeclared.clone()), "request").unwrap().contains("drops form members"));
        undeclared["request"]["body"] = json!("token=t");
        assert_eq!(prism_limitation(&record(Mode::Static, undeclared), "request"), None, "not sent: ours");
        let shape = r#"{"validation":[{"location":["body","tags"],"message":"Request body property tags must be array"}]}"#;
        let multipart = refused_with(shape, "multipart/form-data; boundary=x", "");
        assert!(prism_limitation(&record(Mode::Static, multipart.clone()), "request").unwrap().contains("as one string"));
        let union = r#"{"validation":[{"location":["body","chunking"],"message":"Request body property chunking must be object"},{"location":["body","chunking"],"code":"anyOf","message":"must match a schema in anyOf"}]}"#;
        let read_as_text = refused_with(union, "multipart/form-data; boundary=x", "");
        assert!(prism_limitation(&record(Mode::Static, read_as_text), "request").unwrap().contains("as one string"));
        let elsewhere = r#"{"validation":[{"location":["body","chunking"],"message":"Request body property chunking must be object"},{"location":["body","model"],"code":"enum","message":"must be equal to one of the allowed values"}]}"#;
        assert_eq!(
            prism_limitation(&record(Mode::Static, refused_with(elsewhere, "multipart/form-data; boundary=x", "")), "request"),
            None
        );
        // The same refusal of a JSON body is ours, and so is any refusal by a live server.
        assert_eq!(prism_limitation(&record(Mode::Static, refused_with(shape, "application/json", "{}")), "request"), None);
        assert_eq!(prism_limitation(&record(Mode::Live, multipart), "request"), None);
        // Intercom's `filter: {oneOf: [{user_id}, {email}, …]}`, exploded as `?user_id=…`.
        let union = r#"{"validation":[{"location":["query","filter"],"code":"required","message":"Request query parameter filter must have required property 'user_id'"},{"location":["query","filter"],"code":"oneOf","message":"must match exactly one schema in oneOf"}]}"#;
        let mut exploded = refused_with(union, "", "");
        exploded["request"]["url"] = json!("http://127.0.0.1:1/events?user_id=u&type=user");
        assert!(prism_limitation(&record(Mode::Static, exploded.clone()), "request").unwrap().contains("exploded form object"));
        exploded["request"]["url"] = json!("http://127.0.0.1:1/events?type=user");
        assert_eq!(prism_limitation(&record(Mode::Static, exploded), "request"), None, "the member was not sent: ours");
        // An answer Prism itself finds wrong is no test of the decoder; one it finds right is.
        let checked = |severity: &str| {
            json!({"outcome": "undecodable", "request": {"status": 200},
                   "violations": [{"location": ["response", "body"], "severity": severity, "message": "m"}]})
        };
        assert!(prism_limitation(&record(Mode::Dynamic, checked("Error")), "answer").is_some());
        let header = json!({"outcome": "undecodable", "detail": "the 200 OK answer's header `X-Flag`: `null` is not a boolean; body: ", "request": {"status": 200}});
        assert!(prism_limitation(&record(Mode::Dynamic, header), "answer").unwrap().contains("`null`"));
        assert_eq!(prism_limitation(&record(Mode::Dynamic, checked("Warning")), "answer"), None);
        // Figma's `nodes` map, sampled: the decoder stops at the end of the empty second value.
        let sampled = |near: &str| {
            json!({"outcome": "undecodable", "request": {"status": 200},
                   "detail": format!("the 200 OK answer's body does not match the spec: R.nodes: missing field `document` at line 1 column 11507; body: {{\"nodes\":… … up to column 11507: {near}")})
        };
        let crash = json!({"outcome": "undecodable", "request": {"status": 500},
            "detail": "the 500 Internal Server Error answer's body does not match the spec: missing field `err` at line 1 column 89; body: {\"type\":\"RangeError\",\"title\":\"Maximum call stack size exceeded\",\"status\":500,\"detail\":\"\"}"});
        assert!(prism_limitation(&record(Mode::Dynamic, crash), "answer").unwrap().contains("JavaScript exception"));
        let empty = sampled(r#"ng","styleType":"FILL"}}},"property2":{}"#);
        assert!(prism_limitation(&record(Mode::Static, empty), "answer").unwrap().contains("circular guard"));
        assert_eq!(
            prism_limitation(&record(Mode::Static, sampled(r#""property2":{"id":"1"}"#)), "answer"),
            None,
            "a value with members: ours"
        );
    }

    #[test]
    fn refs_prism_cannot_resolve_become_any_value() {
        let mut doc = json!({
            "components": {"schemas": {"A": {"type": "string"}}},
            "x": [{"$ref": "#/components/schemas/A"}, {"$ref": "#/components/schemas/Gone"}, {"$ref": "https://example.com/a"}],
            "y": {"$ref": "#/components/schemas/A~1b"},
            "z": {"$ref": "#/components/schemas/%41"}
        });
        let root = doc.clone();
        let mut replaced = 0;
        unresolvable_refs(&mut doc, &root, &mut replaced);
        assert_eq!(replaced, 3);
        assert_eq!(doc["x"], json!([{"$ref": "#/components/schemas/A"}, {}, {}]));
    }

    #[test]
    fn headers_without_an_example_get_one() {
        let mut doc = json!({"responses": {"200": {"headers": {
            "X-Flag": {"schema": {"type": "boolean"}},
            "X-Rate": {"schema": {"type": "integer"}, "example": 5},
            "X-At": {"schema": {"type": "string", "format": "date-time"}},
            "X-Ref": {"$ref": "#/components/headers/X"}
        }}}});
        assert_eq!(header_examples(&mut doc), 2);
        let headers = &doc["responses"]["200"]["headers"];
        assert_eq!((&headers["X-Flag"]["example"], &headers["X-Rate"]["example"]), (&json!(true), &json!(5)));
        assert_eq!(headers["X-At"]["example"], "2024-01-02T03:04:05Z");
        assert!(headers["X-Ref"].get("example").is_none());
    }

    #[test]
    fn a_contradicted_example_is_the_specs_slip() {
        let unsendable = record(Mode::Static, json!({"variant": "examples", "outcome": "unsendable", "detail": "does not decode"}));
        assert_eq!(classify(&unsendable, "request", &[], true), "spec slip: the spec's example does not satisfy its own schema");
        let uuid = r#"{"validation":[{"location":["body","from","id"],"code":"format","message":"Request body property from.id must match format \"uuid\""}]}"#;
        let capped = record(Mode::Static, refused_with(uuid, "application/json", r#"{"from":{"id":"667d60d18a68186f43bafddd"}}"#));
        assert!(classify(&capped, "request", &[], false).contains("admits no value"));
        let sent_a_uuid =
            record(Mode::Static, refused_with(uuid, "application/json", r#"{"from":{"id":"3fa85f64-5717-4562-b3fc-2c963f66afa6"}}"#));
        assert_eq!(classify(&sent_a_uuid, "request", &[], false), "our bug");
        assert_eq!(classify(&unsendable, "request", &[], false), "our bug");
        let undecoded = record(Mode::Static, json!({"variant": "full", "outcome": "undecodable", "request": {"status": 200}}));
        let dynamic_ok = record(Mode::Dynamic, json!({"variant": "full", "outcome": "success", "request": {"status": 200}}));
        assert!(classify(&undecoded, "answer", &[&dynamic_ok], true).starts_with("spec slip"));
        assert_eq!(classify(&undecoded, "answer", &[], true), "our bug");
    }

    /// Box's `mdfilters` example holds an array where the schema has an object: the typed API
    /// cannot take it, while the full value was sent and refused only by Prism's limitation.
    #[test]
    fn an_example_the_types_refuse_is_the_specs_slip_when_the_full_value_was_sent() {
        let example = json!({"operation": "get_search", "variant": "examples", "outcome": "unsendable", "detail": "does not decode"});
        let mut full = refused_with("{}", "", "");
        full["operation"] = json!("get_search");
        full["violations"] = json!([{"code": "type", "location": ["request", "query", "mdfilters", "0"], "message": "Request query parameter mdfilters.0 must be object"}]);
        full["request"]["url"] = json!("http://127.0.0.1:1/search?mdfilters=%5B%7B%7D%5D");
        let result = |full: Value| SpecResult {
            file: "box.json".into(),
            module: "box_platform".into(),
            operations: 1,
            calls: 2,
            records: vec![record(Mode::Static, example.clone()), record(Mode::Static, full)],
            skipped: None,
        };
        let class =
            |result: &SpecResult| verdicts(result)["get_search"].iter().find(|f| f["variant"] == "examples").unwrap()["class"].clone();
        assert_eq!(class(&result(full.clone())), "spec slip: the spec's example does not satisfy its own schema");
        full["violations"] =
            json!([{"code": "required", "location": ["request", "query", "query"], "message": "must have required property"}]);
        assert_eq!(class(&result(full)), "our bug", "a full request refused for our fault proves nothing of the example");
    }
}
