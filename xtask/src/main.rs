//! Project automation: `cargo xtask regen` rewrites `generated/` from `specs/`, and
//! `cargo xtask check` fails when the checked-in code is not what regen would write.

mod fresh;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <command>

commands:
  regen   regenerate generated/ from specs/ (writes only files whose bytes change)
  check   fail, with a diff, when generated/ is stale";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let root = fresh::workspace_root();
    let result = match args.first().map(String::as_str) {
        Some("regen") => fresh::regen(&root),
        Some("check") => fresh::check(&root),
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
