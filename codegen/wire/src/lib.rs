//! Every fixture spec's generated client, compiled against the real runtime, for wire tests.

#[path = "../../../generated/src/runtime/mod.rs"]
pub mod runtime;

pub use runtime::{
    ByteStream, Call, Error, Event, EventStream, HeaderError, Nullable, Pages, ResponseValue, RetryPolicy, UnlistedValue, Upload, oauth,
};

include!(concat!(env!("OUT_DIR"), "/fixtures.rs"));
