//! A shared value whose `Send + Sync` the compiler reads off its type.
//!
//! Every paged operation's `stream()` proves its builder `Send`, and with it that the client's
//! `ClientCore` is `Sync`. rustc does not keep that answer for reqwest's client (its auto-trait
//! proof goes through cycles) and walked the client's whole structure again for each operation:
//! 3 % of oxide-nexus's `cargo check` (instructions, cachegrind). Behind a trait object that
//! states `Send + Sync`, the answer is in the type, and the walk happens once, where the value
//! is wrapped.

use std::fmt;
use std::ops::Deref;
use std::sync::Arc;

/// `T`, shared like an `Arc<T>`.
pub(crate) struct Opaque<T: 'static>(Arc<dyn Reach<T> + Send + Sync>);

trait Reach<T> {
    fn reach(&self) -> &T;
}

impl<T> Reach<T> for T {
    fn reach(&self) -> &T {
        self
    }
}

impl<T: Send + Sync + 'static> Opaque<T> {
    pub(crate) fn new(value: T) -> Self {
        Self(Arc::new(value))
    }
}

impl<T> Deref for Opaque<T> {
    type Target = T;

    fn deref(&self) -> &T {
        (*self.0).reach()
    }
}

impl<T> Clone for Opaque<T> {
    fn clone(&self) -> Self {
        Self(Arc::clone(&self.0))
    }
}

impl<T: fmt::Debug> fmt::Debug for Opaque<T> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (**self).fmt(f)
    }
}

#[cfg(test)]
mod tests {
    use super::Opaque;

    #[test]
    fn clones_share_one_value() {
        let first = Opaque::new(vec![1, 2]);
        let second = first.clone();
        assert!(std::ptr::eq(&*first, &*second));
        assert_eq!(*second, [1, 2]);
        fn send_sync<T: Send + Sync>(_: &T) {}
        send_sync(&first);
    }
}
