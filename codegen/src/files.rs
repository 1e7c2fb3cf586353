//! The files of a generated API's module, named once: `emit` writes each, `render` joins them
//! into one inline module where a single file is wanted.

/// One file of an API's module.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum ApiFile {
    Types,
    Client,
    Builders,
    Errors,
    Headers,
    Webhooks,
    /// `mock.rs`: the typed mock server, behind the `mock` feature.
    Mock,
    /// `mod.rs`: the module's root.
    Root,
}

impl ApiFile {
    /// The file's name, e.g. `types.rs`.
    pub fn name(self) -> &'static str {
        match self {
            ApiFile::Types => "types.rs",
            ApiFile::Client => "client.rs",
            ApiFile::Builders => "builders.rs",
            ApiFile::Errors => "errors.rs",
            ApiFile::Headers => "headers.rs",
            ApiFile::Webhooks => "webhooks.rs",
            ApiFile::Mock => "mock.rs",
            ApiFile::Root => "mod.rs",
        }
    }

    /// The module the file holds, declared by `mod.rs`; `None` for `mod.rs` itself.
    pub fn module(self) -> Option<&'static str> {
        match self {
            ApiFile::Types => Some("types"),
            ApiFile::Client => Some("client"),
            ApiFile::Builders => Some("builders"),
            ApiFile::Errors => Some("errors"),
            ApiFile::Headers => Some("headers"),
            ApiFile::Webhooks => Some("webhooks"),
            ApiFile::Mock => Some("mock"),
            ApiFile::Root => None,
        }
    }
}
