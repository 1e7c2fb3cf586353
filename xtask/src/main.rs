//! Project automation: `cargo xtask regen` rewrites `generated/` from `specs/`, and
//! `cargo xtask check` fails when the checked-in code is not what regen would write.

// Generation allocates a token tree and a syntax tree for every item: glibc's allocator took
// a third of the time of a large spec's generation, mimalloc a fraction of it.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

/// mimalloc's `mi_option_purge_delay` (`mimalloc.h`), which its Rust bindings do not name.
const MI_OPTION_PURGE_DELAY: libmimalloc_sys::mi_option_t = 15;

mod bench;
mod bench_groups;
mod conformance;
mod corpus;
mod diff;
mod e2e;
mod fresh;
mod fuzz;
mod npm;
mod rustfmt;
mod tables;
mod workspace;

use std::process::ExitCode;

/// Project automation for this workspace (`cargo xtask <command>`).
#[derive(clap::Parser)]
#[command(name = "cargo xtask", bin_name = "cargo xtask", about, long_about = None)]
enum Command {
    /// Regenerate generated/ from specs/, writing only files whose bytes change.
    ///
    /// Prints the specs' warnings, records each spec's API surface in generated/api/<module>.txt
    /// and prints, per spec whose surface changed, the change report. A failed regen leaves
    /// generated/ untouched.
    Regen(fresh::Flags),
    /// Fail, with a diff, when generated/ (API surfaces and the docs' tables included) is stale.
    Check(fresh::CheckFlags),
    /// What changed between two versions of a spec, on the Rust API and on the wire.
    ///
    /// Exits 0 when nothing breaks, 2 when something does, 1 on error.
    Diff(diff::Args),
    /// Check the Rust axis of every rule against the pinned cargo-semver-checks.
    DiffOracle(diff::oracle::Args),
    /// Compare the report with the pinned openapi-diff on every consecutive pair of spec histories.
    DiffCompare(diff::compare::Args),
    /// Time `cargo check` of each spec's generated crate alone, median of 3.
    BenchCompile(bench::CompileArgs),
    /// One generation of a spec (or its first stages): wall time and peak memory (use --release).
    BenchGen(bench::GenArgs),
    /// Run the generated clients against Prism mocks, a live FastAPI app and an axum server.
    E2e(e2e::Args),
    /// Call every operation of each spec through its generated client against Prism or a live server.
    Conformance(conformance::Args),
    /// Generate every spec of a folder into a scratch crate and compile it.
    Corpus(corpus::Args),
    /// Random specs and raw inputs through the generator: never a panic, hang or crash.
    Fuzz(fuzz::Args),
}

fn main() -> ExitCode {
    // Memory freed by one item's trees is returned to the system 10 ms later rather than the
    // default's much later: Stripe's peak is 71 MB instead of 110 to 135 MB (80 MB with glibc),
    // with no more time in the kernel.
    // SAFETY: options may be set at any time; this one only changes when pages are released.
    unsafe { libmimalloc_sys::mi_option_set(MI_OPTION_PURGE_DELAY, 10) };
    let root = workspace::workspace_root();
    let result = match <Command as clap::Parser>::parse() {
        Command::Regen(flags) => fresh::regen(&root, flags),
        Command::Check(flags) => fresh::check(&root, flags.into()),
        Command::E2e(args) => e2e::run(&root, &args),
        Command::Conformance(args) => args.resolve(&root).and_then(|o| conformance::run(&root, &o)),
        Command::BenchCompile(args) => bench::run(&root, &args),
        Command::BenchGen(args) => bench::generation(&args),
        Command::Diff(args) => return diff::exit(diff::diff(&root, &args)),
        Command::DiffOracle(args) => return diff::exit(diff::oracle::run(&root, &args).map(|()| false)),
        Command::DiffCompare(args) => return diff::exit(diff::compare::run(&root, &args).map(|()| false)),
        Command::Corpus(args) => corpus::run(&root, &args.resolve(&root)),
        Command::Fuzz(args) => fuzz::run(&root, args),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("{message}");
            ExitCode::FAILURE
        }
    }
}
