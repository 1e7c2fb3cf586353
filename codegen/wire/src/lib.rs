//! Every fixture spec's generated client, compiled against the real runtime, for wire tests.

#[path = "../../../generated/src/runtime/mod.rs"]
pub mod runtime;

pub use runtime::{Call, Error, HeaderError, Pages, ResponseValue, RetryPolicy};

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
