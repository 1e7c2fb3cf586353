//! Conformance programs: a Rust program, per spec, that calls every operation of the spec's
//! generated client through its typed API, with values synthesized from the spec's schemas
//! (`sample`), and records how each call went (`cargo xtask conformance` runs it against a
//! server that checks requests against the spec).
//!
//! It reads the loaded document beside the model: the values honour schema keywords (formats,
//! ranges, patterns) that the model does not keep, since the client does not check them.

mod program;
mod sample;

use crate::{Error, SpecFile, joined, load, lower};

pub use sample::Fill;

/// One spec's conformance program.
#[derive(Debug, Clone)]
pub struct Program {
    /// The API's module in the generated crate.
    pub module: String,
    /// The program's source: `tests/conformance.rs` of a crate generated from the spec, beside
    /// its hand-written `tests/conformance/support.rs`.
    pub source: String,
    /// The calls it makes: every operation minimal and full, and with the spec's examples where
    /// they give other values.
    pub calls: usize,
    pub operations: usize,
}

/// Writes the conformance program of `spec`.
pub fn program(spec: SpecFile<'_>) -> Result<Program, Error> {
    let made = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().stack_size(crate::STACK).spawn_scoped(scope, || {
            let loaded = load::Spec::parse(spec.path, spec.text, spec.files)?;
            let api = lower::lower(&loaded.doc, &spec.module(), spec.pagination).map_err(|e| loaded.error(e))?;
            let (tokens, calls) = program::program(&api, &loaded.doc.openapi);
            let source = crate::render::render(tokens, &format!("`{}`", spec.path)).map_err(|m| Error::bug(spec.path, m))?;
            Ok(Program { module: api.module.clone(), source, calls, operations: api.operations.len() })
        });
        joined(thread)
    });
    made.map_err(|message| Error::bug(spec.path, message))?
}
