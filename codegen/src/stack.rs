//! The threads that load and render a spec, each on a stack of known size whatever the caller's.
//!
//! Parsing, lowering and rendering recurse once per level of nesting, by tens of kB per level in
//! a debug build (syn's parser most): a thread's default 2 MB overflow near 60 levels. Documents
//! nest at most 128 deep (the parsers' limit), and lowering refuses types nested deeper than 64.
//! Untouched pages of a stack cost no memory.

use std::thread::{Builder, Scope, ScopedJoinHandle};

const STACK: usize = 16 << 20;

/// Starts `work` on a thread of its own in `scope`; [`joined`] gives its result.
pub(crate) fn spawn<'scope, T: Send + 'scope>(
    scope: &'scope Scope<'scope, '_>,
    work: impl FnOnce() -> T + Send + 'scope,
) -> std::io::Result<ScopedJoinHandle<'scope, T>> {
    Builder::new().stack_size(STACK).spawn_scoped(scope, work)
}

/// Runs `work` on a thread of its own and waits for it.
pub(crate) fn run<T: Send>(work: impl FnOnce() -> T + Send) -> Result<T, String> {
    std::thread::scope(|scope| joined(spawn(scope, work)))
}

/// What a thread returned. A panic is a generator bug: it is resumed here, where the caller can
/// see it.
pub(crate) fn joined<T>(thread: std::io::Result<ScopedJoinHandle<'_, T>>) -> Result<T, String> {
    let thread = thread.map_err(|e| format!("cannot start a thread: {e}"))?;
    Ok(thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
}
