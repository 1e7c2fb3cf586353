//! Project automation: `cargo xtask regen` rewrites `generated/` from `specs/`, and
//! `cargo xtask check` fails when the checked-in code is not what regen would write.

mod bench;
mod conformance;
mod corpus;
mod diff;
mod e2e;
mod fresh;
mod fuzz;
mod npm;
mod rustfmt;
mod tables;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  regen [--deny-warnings] [--report FILE] [--bump]
          regenerate generated/ from specs/ (writes only files whose bytes change); prints
          the specs' warnings, which --deny-warnings (or `deny-warnings = true` in a spec's
          table in specs/codegen.toml) makes errors that leave generated/ untouched; records
          each spec's API surface in generated/api/<module>.txt and prints, per spec whose
          surface changed, the change report (also written to FILE: .md Markdown, .json JSON,
          else text); --bump bumps the generated crate's version by the report's class
  check [--deny-warnings]
          fail, with a diff, when generated/ (API surfaces included) is stale
  diff OLD NEW | --since REV [--format text|markdown|json]
          what changed between two versions of a spec (files, or the specs in specs/ against
          git revision REV), each change classified on the Rust API and on the wire, and the
          class (major, minor, patch, none); exit 0 when nothing breaks, 2 when something does,
          1 on error. `diff --rules` prints the rules table
  diff-oracle [--filter TEXT]
          generate both crates of every fixture pair in codegen/tests/diff_fixtures and run the
          pinned cargo-semver-checks (installed into target/tools): wherever it finds a break,
          the report must say major on the Rust axis; prints the agreement table
  diff-compare [DIR] [--timeout SECS]
          run the pinned openapi-diff (npm ci into target/openapi-diff) and the report on every
          consecutive pair of the spec histories in DIR (default ../shared/spec-history): every
          breaking change it reports must be in the report; prints the comparison table (a pair
          openapi-diff cannot read, or takes over SECS on (default 600), has no verdict)
  bench-compile [SPEC...]
          generate each spec (default: the seeds, oxide-wicketd, oxide-nexus) into a scratch
          crate and time `cargo check` of that crate alone, median of 3
  bench-gen [--parse-only | --model-only] SPEC
          one generation of SPEC (or its first stages): wall time and peak memory
          (use `cargo run --release -p xtask`)
  e2e     run the generated clients against Prism mock servers of the specs (installs Prism)
  conformance [SPEC|DIR...] [--ci] [--server URL] [--modes static,dynamic] [--json FILE] [--strict] [--timeout SECS] [--rejudge]
          call every operation of each spec (default: the specs in specs/) through its generated
          client, minimal, full and with the spec's examples, against Prism (static and dynamic)
          or a live server: requests must pass validation, answers must decode; prints a report
          per spec and writes JSON (default target/conformance/report.json); --ci runs CI's
          selection and, like --strict, fails on any operation failing by our bug; --rejudge
          judges the calls the last run recorded again, without generating or calling
  corpus [DIR] [--filter TEXT] [--max-bytes N] [--timeout SECS] [--no-check] [--strict] [--clippy]
          generate every spec in DIR (default ../shared/corpus; files, and folders with a root
          file, as in specs/) into a scratch crate and `cargo check` it; prints a table and
          fails on any generator panic (and, with --strict, on any crate that does not compile
          or has clippy warnings; generation warnings are counted, never fatal)
  fuzz [--cases N] [--seed S] [--kind structured,raw,runtime] [--compile-every K] [--timeout SECS]
       [--max-memory-mb MB] [--corpus DIR] [--max-bytes N] [--target-dir DIR] [--keep] [--verbose] [--print] [--strict]
          N random well-formed specs (2.0, 3.0, 3.1; YAML, JSON) and N raw inputs (bytes,
          mutated specs, bombs) through the generator, each in a worker process with a time and
          memory limit: never a panic, hang or crash; every Kth generated crate must pass
          clippy -D warnings; then the runtime's property tests with N cases. A failure prints
          `cargo xtask fuzz --kind KIND --seed S --cases 1` and keeps its input in target/fuzz/;
          failures of a known cause left to other code are listed, and fail only with --strict";

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

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = fresh::workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("regen") => fresh::Flags::parse(&args[1..]).and_then(|flags| fresh::regen(&root, flags)),
        Some("check") => fresh::Flags::parse(&args[1..]).and_then(|flags| fresh::check(&root, flags)),
        Some("e2e") => e2e::run(&root),
        Some("conformance") => conformance::Options::parse(&root, &args[1..]).and_then(|o| conformance::run(&root, &o)),
        Some("bench-compile") => bench::run(&root, &args[1..]),
        Some("bench-gen") => bench::generation(&args[1..]),
        Some(command @ ("diff" | "diff-oracle" | "diff-compare")) => return diff::main(&root, command, &args[1..]),
        Some("corpus") => corpus::Options::parse(&root, &args[1..]).and_then(|o| corpus::run(&root, &o)),
        Some("fuzz") => fuzz::run(&root, &args[1..]),
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
