//! Stage 1: spec text → one OpenAPI 3.0-shaped document, whatever the spec's version and however
//! many files it spans. All version-specific work happens here, in steps over a generic JSON
//! value: parse (`syntax`), gather `$ref`s into components (`bundle`), upgrade Swagger 2.0
//! (`swagger2`) or OpenAPI 3.1 (`openapi31`), work around vendor slips with warnings (`repair`),
//! and finally read the result with openapiv3. Every message is mapped back through the steps
//! to the file and line the user wrote.

mod bundle;
mod defaults;
mod keywords;
mod notes;
mod openapi31;
mod repair;
mod swagger2;
mod syntax;
mod walk;

use indexmap::IndexMap;
use openapiv3::{OpenAPI, PathItem, ReferenceOr};
use serde::Deserialize;
use serde_json::Value;

pub use bundle::Files;

/// The text of a spec file as a JSON value, read as the generator reads it (JSON for `.json`,
/// else YAML, integers beyond 64 bits widened): for tools that hand the spec on as it is
/// written, such as the conformance run's copy for Prism.
pub fn parse_text(file: &str, text: &str) -> Result<serde_json::Value, Error> {
    syntax::parse(file, text).map_err(|e| Error {
        kind: ErrorKind::Syntax,
        file: file.to_owned(),
        pointer: String::new(),
        line: e.line,
        message: e.message,
    })
}
pub use keywords::keywords_table;
pub(crate) use openapi31::{CONST, EXAMPLES, TUPLE};
pub(crate) use repair::NOT_TOGETHER;

use crate::error::{Error, ErrorKind, Located, Warning, push_pointer};
use crate::locate::lines_of;
use bundle::{FileError, Layout, Origins};
use notes::{Moves, Notes, Slip};

/// One file of a spec: its label in messages and its text.
pub(crate) struct Source {
    pub label: String,
    pub text: String,
}

/// The document the later stages read: OpenAPI 3.0 in shape, plus what 3.0 has no place for.
pub struct Document {
    pub openapi: OpenAPI,
    /// 3.1's `webhooks`: requests the API sends to its users, by name.
    pub webhooks: IndexMap<String, PathItem>,
}

/// A loaded spec, with what is needed to point at its text.
pub struct Spec {
    pub doc: Document,
    /// The spec's slips that loading worked around.
    pub warnings: Vec<Warning>,
    /// The root file first, then every file a `$ref` brought in.
    sources: Vec<Source>,
    origins: Origins,
    /// How the version upgrade moved nodes: its output pointers back to its input.
    moves: Moves,
}

/// The spec versions read, by where their version field says so.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Version {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl Spec {
    /// Loads `text` (JSON when `file` ends in `.json`, YAML otherwise): Swagger 2.0, OpenAPI 3.0
    /// or 3.1. `files`, when given, is where `$ref`s to other files are read from.
    pub fn parse(file: &str, text: &str, files: Option<&Files>) -> Result<Self, Error> {
        let mut spec = Spec {
            doc: Document { openapi: OpenAPI::default(), webhooks: IndexMap::new() },
            warnings: Vec::new(),
            sources: vec![Source { label: file.to_owned(), text: text.to_owned() }],
            origins: Vec::new(),
            moves: Moves::default(),
        };
        let mut doc = syntax::parse(file, text).map_err(|e| Error {
            kind: ErrorKind::Syntax,
            file: file.to_owned(),
            pointer: String::new(),
            line: e.line,
            message: e.message,
        })?;
        let version = version(&doc).map_err(|e| spec.error(e))?;
        let layout = if version == Version::Swagger2 { Layout::Swagger2 } else { Layout::OpenApi3 };
        spec.origins = bundle::bundle(&mut doc, layout, &mut spec.sources, files).map_err(|e| spec.file_error(e))?;

        let mut upgrade = Notes::default();
        match version {
            Version::Swagger2 => doc = swagger2::upgrade(doc, &mut upgrade).map_err(|e| spec.bundled_error(e))?,
            Version::OpenApi31 => openapi31::upgrade(&mut doc, &mut upgrade),
            Version::OpenApi30 => {}
        }
        spec.moves = upgrade.moves;
        defaults::fill(&mut doc);
        let mut repairs = Notes::default();
        repair::repair(&mut doc, &mut repairs);

        let mut slips: Vec<(String, Slip)> = upgrade.slips.into_iter().map(|s| (s.pointer.clone(), s)).collect();
        slips.extend(repairs.slips.into_iter().map(|s| (spec.moves.back(&s.pointer), s)));
        spec.warnings = spec.warnings_at(slips);

        let webhooks = match &mut doc {
            Value::Object(root) => root.shift_remove("webhooks"),
            _ => None,
        };
        spec.doc.openapi = read_document(&doc).map_err(|e| spec.error(e))?;
        drop(doc);
        if let Some(webhooks) = webhooks {
            let webhooks: IndexMap<String, ReferenceOr<PathItem>> = read(&webhooks, "/webhooks").map_err(|e| spec.error(e))?;
            // Path item `$ref`s were copied in place by `bundle`; one left is dangling.
            spec.doc.webhooks = webhooks.into_iter().filter_map(|(name, item)| item.into_item().map(|i| (name, i))).collect();
        }
        Ok(spec)
    }

    /// Attaches file and line to an error at a pointer of the final document.
    pub(crate) fn error(&self, e: Located) -> Error {
        let bundled = self.moves.back(&e.pointer);
        self.bundled_error(Located { pointer: bundled, ..e })
    }

    /// Attaches file and line to an error at a pointer of the bundled (not yet upgraded) document.
    fn bundled_error(&self, e: Located) -> Error {
        let (file, pointer) = self.origin(&e.pointer);
        self.file_error(FileError { file, error: Located { pointer, ..e } })
    }

    fn file_error(&self, e: FileError) -> Error {
        let source = &self.sources[e.file];
        let line = e.error.line.or_else(|| lines_of(&source.text, &[&e.error.pointer])[0].map(|(_, line)| line));
        Error {
            kind: e.error.kind,
            file: source.label.clone(),
            pointer: e.error.pointer,
            line,
            message: e.error.message,
        }
    }

    /// The file and pointer that a pointer of the bundled document came from.
    fn origin(&self, pointer: &str) -> (usize, String) {
        let best = self.origins.iter().filter(|(new, ..)| notes::is_prefix(new, pointer)).max_by_key(|(new, ..)| new.len());
        match best {
            Some((new, file, old)) => (*file, format!("{old}{}", &pointer[new.len()..])),
            None => (0, pointer.to_owned()),
        }
    }

    /// Slips at bundled-document pointers, located in their files (one pass over each file).
    fn warnings_at(&self, slips: Vec<(String, Slip)>) -> Vec<Warning> {
        let located: Vec<(usize, String, String)> = slips
            .into_iter()
            .map(|(pointer, slip)| {
                let (file, pointer) = self.origin(&pointer);
                (file, pointer, slip.message)
            })
            .collect();
        let mut lines = vec![None; located.len()];
        for (index, source) in self.sources.iter().enumerate() {
            let wanted: Vec<usize> = (0..located.len()).filter(|&i| located[i].0 == index).collect();
            if wanted.is_empty() {
                continue;
            }
            let pointers: Vec<&str> = wanted.iter().map(|&i| located[i].1.as_str()).collect();
            for (&i, line) in wanted.iter().zip(lines_of(&source.text, &pointers)) {
                lines[i] = line.map(|(_, line)| line);
            }
        }
        located
            .into_iter()
            .zip(lines)
            .map(|((file, pointer, message), line)| Warning { file: self.sources[file].label.clone(), pointer, line, message })
            .collect()
    }
}

/// Which version the document declares; an error for anything else.
fn version(doc: &Value) -> Result<Version, Located> {
    let Value::Object(root) = doc else {
        return Err(Located::new(ErrorKind::NotOpenApi, "", "not an OpenAPI document: the top level is not a mapping"));
    };
    let text = |v: &Value| v.as_str().map_or_else(|| v.to_string(), str::to_owned);
    if let Some(v) = root.get("swagger") {
        return match text(v).as_str() {
            "2.0" => Ok(Version::Swagger2),
            other => Err(Located::new(
                ErrorKind::NotOpenApi,
                "/swagger",
                format!("Swagger {other} is not supported; this generator reads Swagger 2.0 and OpenAPI 3.0 and 3.1"),
            )),
        };
    }
    let Some(v) = root.get("openapi") else {
        return Err(Located::new(ErrorKind::NotOpenApi, "", "not an OpenAPI document: it has no `openapi` field"));
    };
    let v = text(v);
    if v.starts_with("3.0.") || v == "3.0" {
        Ok(Version::OpenApi30)
    } else if v.starts_with("3.1.") || v == "3.1" {
        Ok(Version::OpenApi31)
    } else {
        Err(Located::new(
            ErrorKind::NotOpenApi,
            "/openapi",
            format!("OpenAPI {v} is not supported; this generator reads Swagger 2.0 and OpenAPI 3.0 and 3.1"),
        ))
    }
}

/// Reads the whole document into openapiv3's types. Reading from a borrowed value is the fast
/// way (a third of the time of an owned one); only a failure is read again, tracking the path
/// to say where, and item by item inside `paths`, which openapiv3 buffers.
fn read_document(doc: &Value) -> Result<OpenAPI, Located> {
    OpenAPI::deserialize(doc).map_err(|_| {
        let e = read::<OpenAPI>(doc, "").err().unwrap_or_else(|| Located::new(ErrorKind::Invalid, "", "unreadable document"));
        let items = doc.get("paths").and_then(Value::as_object).filter(|_| e.pointer == "/paths");
        let inside = items.and_then(|items| {
            items
                .iter()
                .filter(|(path, _)| !path.starts_with("x-"))
                .find_map(|(path, item)| read::<ReferenceOr<PathItem>>(item, &push_pointer("/paths", path)).err())
        });
        inside.unwrap_or(e)
    })
}

/// Reads a generic value into an openapiv3 type, saying where it fails; `base` is the value's
/// pointer in the document.
fn read<'v, T: serde::Deserialize<'v>>(value: &'v Value, base: &str) -> Result<T, Located> {
    serde_path_to_error::deserialize(value).map_err(|e| {
        let pointer = pointer_of(base, e.path());
        Located::new(ErrorKind::Invalid, pointer, e.into_inner().to_string())
    })
}

fn pointer_of(base: &str, path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter().fold(base.to_owned(), |pointer, segment| match segment {
        Segment::Seq { index } => push_pointer(&pointer, &index.to_string()),
        Segment::Map { key } => push_pointer(&pointer, key),
        Segment::Enum { variant } => push_pointer(&pointer, variant),
        Segment::Unknown => pointer,
    })
}
