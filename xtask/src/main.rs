//! Project automation: `cargo xtask regen` rewrites `generated/` from `specs/`, and
//! `cargo xtask check` fails when the checked-in code is not what regen would write.

mod bench;
mod corpus;
mod e2e;
mod fresh;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  regen [--deny-warnings]
          regenerate generated/ from specs/ (writes only files whose bytes change); prints
          the specs' warnings, which --deny-warnings (or `deny-warnings = true` in a spec's
          table in specs/codegen.toml) makes errors that leave generated/ untouched
  check [--deny-warnings]
          fail, with a diff, when generated/ is stale
  bench-compile [SPEC...]
          generate each spec (default: the seeds, oxide-wicketd, oxide-nexus) into a scratch
          crate and time `cargo check` of that crate alone, median of 3
  bench-gen [--parse-only | --model-only] SPEC
          one generation of SPEC (or its first stages): wall time and peak memory
          (use `cargo run --release -p xtask`)
  e2e     run the generated clients against Prism mock servers of the specs (installs Prism)
  corpus [DIR] [--filter TEXT] [--max-bytes N] [--timeout SECS] [--no-check] [--strict] [--clippy]
          generate every spec in DIR (default ../shared/corpus; files, and folders with a root
          file, as in specs/) into a scratch crate and `cargo check` it; prints a table and
          fails on any generator panic (and, with --strict, on any crate that does not compile
          or has clippy warnings; generation warnings are counted, never fatal)";

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
        Some("bench-compile") => bench::run(&root, &args[1..]),
        Some("bench-gen") => bench::generation(&args[1..]),
        Some("corpus") => corpus::Options::parse(&root, &args[1..]).and_then(|o| corpus::run(&root, &o)),
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
