//! Project automation: `cargo xtask regen` rewrites `generated/` from `specs/`, and
//! `cargo xtask check` fails when the checked-in code is not what regen would write.

mod corpus;
mod fresh;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  regen   regenerate generated/ from specs/ (writes only files whose bytes change)
  check   fail, with a diff, when generated/ is stale
  corpus [DIR] [--filter TEXT] [--timeout SECS] [--no-check]
          generate every spec in DIR (default ../shared/corpus) into a scratch crate and
          `cargo check` it; prints a table and fails on any generator panic";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = fresh::workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("regen") => fresh::regen(&root),
        Some("check") => fresh::check(&root),
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
