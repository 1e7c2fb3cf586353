//! Stage 1: spec text → parsed OpenAPI document, with the text kept for locating errors.

use openapiv3::OpenAPI;
use serde::Deserialize;
use serde::de::IgnoredAny;

use crate::error::{Error, ErrorKind, Located, push_pointer};
use crate::locate::line_of;

/// A parsed spec and where it came from.
pub struct Spec<'a> {
    /// The file name used in error messages.
    pub file: &'a str,
    pub text: &'a str,
    pub doc: OpenAPI,
}

impl<'a> Spec<'a> {
    /// Parses `text` (JSON when `file` ends in `.json`, YAML otherwise) as OpenAPI 3.0.x.
    pub fn parse(file: &'a str, text: &'a str) -> Result<Self, Error> {
        let is_json = file.ends_with(".json");
        let parsed = if is_json { parse_json(text) } else { parse_yaml(text) };
        let doc = match parsed {
            Ok(doc) => doc,
            Err(failure) => return Err(explain(file, text, is_json, failure)),
        };
        let spec = Spec { file, text, doc };
        if !spec.doc.openapi.starts_with("3.0.") {
            return Err(spec.error(Located::new(
                ErrorKind::NotOpenApi3,
                "/openapi",
                format!("OpenAPI {} is not supported; this generator reads OpenAPI 3.0.x", spec.doc.openapi),
            )));
        }
        Ok(spec)
    }

    /// Attaches this file's name and the pointer's line to an error.
    pub(crate) fn error(&self, e: Located) -> Error {
        Error {
            kind: e.kind,
            file: self.file.to_owned(),
            line: line_of(self.text, &e.pointer),
            pointer: e.pointer,
            message: e.message,
        }
    }
}

/// A failed parse: where serde stopped, and what it said.
struct ParseFailure {
    pointer: String,
    line: Option<usize>,
    message: String,
}

fn parse_yaml(text: &str) -> Result<OpenAPI, ParseFailure> {
    let de = serde_yaml::Deserializer::from_str(text);
    let parsed: Result<OpenAPI, _> = serde_path_to_error::deserialize(de);
    let parsed = match parsed {
        Err(e) if e.inner().to_string().contains("as i128") => match widen_big_integers(text) {
            Some(widened) => serde_path_to_error::deserialize(serde_yaml::Deserializer::from_str(&widened)).map_err(|_| e),
            None => Err(e),
        },
        other => other,
    };
    parsed.map_err(|e| {
        let pointer = pointer_of(e.path());
        let inner = e.into_inner();
        ParseFailure {
            line: inner.location().map(|l| l.line()),
            message: inner.to_string(),
            pointer,
        }
    })
}

/// Integers beyond 64 bits (OpenAI's `minimum: -9223372036854776000`) reach openapiv3 as
/// `i128`, which no JSON value holds; rewritten as floats (`….0`) they parse, as in JSON.
/// Lines and their count are kept, so positions in errors stay right.
fn widen_big_integers(text: &str) -> Option<String> {
    let mut changed = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let Some((key, value)) = line.split_once(": ") else { return line.to_owned() };
            let digits = value.trim().strip_prefix('-').unwrap_or(value.trim());
            let big = digits.len() >= 19 && digits.bytes().all(|b| b.is_ascii_digit()) && value.trim().parse::<i64>().is_err();
            if big {
                changed = true;
                format!("{key}: {}.0", value.trim())
            } else {
                line.to_owned()
            }
        })
        .collect();
    changed.then(|| lines.join("\n"))
}

fn parse_json(text: &str) -> Result<OpenAPI, ParseFailure> {
    let mut de = serde_json::Deserializer::from_str(text);
    serde_path_to_error::deserialize(&mut de).map_err(|e| {
        let pointer = pointer_of(e.path());
        let inner = e.into_inner();
        ParseFailure {
            line: Some(inner.line()),
            message: inner.to_string(),
            pointer,
        }
    })
}

fn pointer_of(path: &serde_path_to_error::Path) -> String {
    use serde_path_to_error::Segment;
    path.iter().fold(String::new(), |pointer, segment| match segment {
        Segment::Seq { index } => push_pointer(&pointer, &index.to_string()),
        Segment::Map { key } => push_pointer(&pointer, key),
        Segment::Enum { variant } => push_pointer(&pointer, variant),
        Segment::Unknown => pointer,
    })
}

/// Only the version fields, to tell "not OpenAPI 3.0" apart from "broken OpenAPI 3.0".
#[derive(Deserialize)]
struct Versions {
    openapi: Option<serde_json::Value>,
    swagger: Option<serde_json::Value>,
}

fn explain(file: &str, text: &str, is_json: bool, failure: ParseFailure) -> Error {
    let syntax = if is_json {
        serde_json::from_str::<IgnoredAny>(text).err().map(|e| (Some(e.line()), e.to_string()))
    } else {
        serde_yaml::from_str::<IgnoredAny>(text).err().map(|e| (e.location().map(|l| l.line()), e.to_string()))
    };
    if let Some((line, message)) = syntax {
        let kind = ErrorKind::Syntax;
        return Error { kind, file: file.to_owned(), pointer: String::new(), line, message };
    }
    let versions: Option<Versions> =
        if is_json { serde_json::from_str(text).ok() } else { serde_yaml::from_str(text).ok() };
    let (kind, pointer, message) = match versions {
        Some(Versions { swagger: Some(v), .. }) => (
            ErrorKind::NotOpenApi3,
            "/swagger".to_owned(),
            format!("Swagger {} is not supported; convert it to OpenAPI 3.0 first", plain(&v)),
        ),
        Some(Versions { openapi: Some(v), .. }) if !plain(&v).starts_with("3.0.") => (
            ErrorKind::NotOpenApi3,
            "/openapi".to_owned(),
            format!("OpenAPI {} is not supported; this generator reads OpenAPI 3.0.x", plain(&v)),
        ),
        Some(Versions { openapi: None, swagger: None }) => (
            ErrorKind::NotOpenApi3,
            String::new(),
            "not an OpenAPI document: it has no `openapi` field".to_owned(),
        ),
        _ => {
            // The parser knows best where it stopped; the pointer may be coarser than that.
            let line = failure.line.or_else(|| line_of(text, &failure.pointer));
            let kind = ErrorKind::Invalid;
            return Error { kind, file: file.to_owned(), pointer: failure.pointer, line, message: failure.message };
        }
    };
    let line = line_of(text, &pointer);
    Error { kind, file: file.to_owned(), pointer, line, message }
}

fn plain(v: &serde_json::Value) -> String {
    v.as_str().map_or_else(|| v.to_string(), str::to_owned)
}

