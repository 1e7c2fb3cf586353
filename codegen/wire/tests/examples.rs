//! Every fixture spec's own examples (schema `example`s and `examples` lists, request, response
//! and webhook examples) decode into the generated types and encode back, as in a regenerated
//! crate's `tests/<api>_examples.rs`.

#[path = "../../../generated/tests/support/mod.rs"]
mod support;

include!(concat!(env!("OUT_DIR"), "/examples.rs"));
