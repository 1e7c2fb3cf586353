//! The one error type of the generator: every failure names the spec file and where in it.

use std::fmt;

/// Why a spec could not be turned into code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ErrorKind {
    /// The text is not valid YAML or JSON.
    Syntax,
    /// The document is valid YAML/JSON but not a Swagger 2.0 or OpenAPI 3.0/3.1 description.
    NotOpenApi,
    /// A `$ref` points at nothing.
    DanglingRef,
    /// A chain of `$ref`s leads back to where it started.
    CyclicRef,
    /// A construct the generator does not (yet) support.
    Unsupported,
    /// Two things that must have distinct names share one.
    NameCollision,
    /// The spec contradicts itself or the OpenAPI rules.
    Invalid,
    /// The generator emitted code that does not parse: a bug to report, not a spec problem.
    GeneratorBug,
}

/// A located error: file, JSON pointer into the document, and the line when known.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub struct Error {
    pub kind: ErrorKind,
    /// The spec file as the caller named it, e.g. `specs/clemta.yaml`.
    pub file: String,
    /// RFC 6901 pointer to the offending node (`""` for the whole document).
    pub pointer: String,
    /// 1-based line in the spec text, when the position is known.
    pub line: Option<usize>,
    pub message: String,
}

impl Error {
    /// The generator produced something it cannot stand behind: not the spec's fault.
    pub(crate) fn bug(file: &str, message: String) -> Self {
        Self {
            kind: ErrorKind::GeneratorBug,
            file: file.to_owned(),
            pointer: String::new(),
            line: None,
            message,
        }
    }
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_located(f, &self.file, self.line, &self.pointer, &self.message)
    }
}

/// `file:line: at /pointer: message`, the form editors and terminals link to the place.
fn write_located(f: &mut fmt::Formatter<'_>, file: &str, line: Option<usize>, pointer: &str, message: &str) -> fmt::Result {
    write!(f, "{file}")?;
    if let Some(line) = line {
        write!(f, ":{line}")?;
    }
    let pointer = if pointer.is_empty() { "(document root)" } else { pointer };
    write!(f, ": at {pointer}: {message}")
}

/// A slip in a spec that the generator worked around: where it is, what is wrong and what was
/// generated instead. The rest of the spec is generated as usual.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Warning {
    pub file: String,
    /// RFC 6901 pointer to the node in `file`.
    pub pointer: String,
    pub line: Option<usize>,
    pub message: String,
}

impl fmt::Display for Warning {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write_located(f, &self.file, self.line, &self.pointer, &self.message)
    }
}

/// An error before it knows which file it is in; [`crate::load::Spec`] attaches file and line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Located {
    pub kind: ErrorKind,
    pub pointer: String,
    pub message: String,
    /// The line, when the parser knows it better than the pointer can tell.
    pub line: Option<usize>,
}

impl Located {
    pub fn new(kind: ErrorKind, pointer: impl Into<String>, message: impl Into<String>) -> Self {
        Self { kind, pointer: pointer.into(), message: message.into(), line: None }
    }

    pub fn with_line(self, line: Option<usize>) -> Self {
        Self { line, ..self }
    }
}

/// Appends one reference token to a JSON pointer, escaping as RFC 6901 requires.
pub(crate) fn push_pointer(base: &str, token: &str) -> String {
    let mut out = String::with_capacity(base.len() + token.len() + 1);
    out.push_str(base);
    out.push('/');
    for c in token.chars() {
        match c {
            '~' => out.push_str("~0"),
            '/' => out.push_str("~1"),
            c => out.push(c),
        }
    }
    out
}

/// One reference token of a JSON pointer, unescaped as RFC 6901 says: `~1` is `/`, then `~0`
/// is `~` (in that order, so that `~01` is `~1`).
pub(crate) fn unescape_token(token: &str) -> String {
    token.replace("~1", "/").replace("~0", "~")
}

/// A token of a `$ref`'s pointer as it names a key: percent-decoded (the pointer is a URI
/// fragment), then unescaped ([`unescape_token`]).
pub(crate) fn ref_token(token: &str) -> String {
    let decoded = percent_encoding::percent_decode_str(token).decode_utf8().unwrap_or_else(|_| token.into());
    unescape_token(&decoded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ref_tokens_are_percent_decoded_then_unescaped() {
        assert_eq!(ref_token("a~1b"), "a/b");
        assert_eq!(ref_token("~0"), "~");
        assert_eq!(ref_token("~01"), "~1");
        assert_eq!(ref_token("a%20b~1c"), "a b/c");
        assert_eq!(ref_token("%7E1"), "/");
        assert_eq!(ref_token("100%"), "100%");
        assert_eq!(ref_token("%FF"), "%FF");
    }

    #[test]
    fn pointer_tokens_are_escaped() {
        assert_eq!(push_pointer("/paths", "/contacts/{id}"), "/paths/~1contacts~1{id}");
        assert_eq!(push_pointer("", "a~b"), "/a~0b");
    }

    #[test]
    fn display_names_file_line_and_pointer() {
        let e = Error {
            kind: ErrorKind::DanglingRef,
            file: "specs/x.yaml".into(),
            pointer: "/components/schemas/A".into(),
            line: Some(12),
            message: "no schema `B`".into(),
        };
        assert_eq!(e.to_string(), "specs/x.yaml:12: at /components/schemas/A: no schema `B`");
    }
}
