//! Brings every `$ref` into the form the later stages read: `#/components/<section>/<name>`
//! (`#/definitions/<name>` and the like in Swagger 2.0). A `$ref` to any other node of the
//! document, or to a node of another file beside the spec, has its target hoisted into the
//! components under a name of its own (moved, for a node of the spec itself, leaving a `$ref` in
//! its place so that every use shares one type); path items are copied in place. Each hoisted
//! node remembers the file and pointer it came from, for later messages.

use std::collections::{HashMap, HashSet};

use serde_json::{Map, Value};

use crate::error::{ErrorKind, Located, push_pointer, unescape_token};
use crate::load::Source;
use crate::load::walk::{Role, walk};

/// Where a multi-file spec's other files are read from: a folder on disk, shown in messages
/// under a label (`specs`). No `$ref` may leave it.
#[derive(Debug, Clone)]
pub struct Files {
    disk: std::path::PathBuf,
    label: String,
}

impl Files {
    /// Files under `disk`, named in messages as `label/<path inside disk>`.
    pub fn new(disk: impl Into<std::path::PathBuf>, label: impl Into<String>) -> Self {
        Self { disk: disk.into(), label: label.into().trim_end_matches('/').to_owned() }
    }

    /// Whether `folder` (a label) is the folder itself rather than one inside it.
    pub(crate) fn is_root(&self, folder: &str) -> bool {
        folder.trim_end_matches('/') == self.label
    }

    /// The label of `relative`, taken from the folder of the file labelled `from`; `None` when
    /// it leaves the folder.
    fn join(&self, from: &str, relative: &str) -> Option<String> {
        let mut parts: Vec<&str> = from.split('/').collect();
        parts.pop();
        for part in relative.split('/') {
            match part {
                "" | "." => {}
                ".." => {
                    parts.pop()?;
                }
                part => parts.push(part),
            }
        }
        let label = parts.join("/");
        let inside = label.strip_prefix(&self.label).is_some_and(|rest| rest.starts_with('/'));
        inside.then_some(label)
    }

    fn read(&self, label: &str) -> std::io::Result<String> {
        let inside = label.strip_prefix(&self.label).unwrap_or(label).trim_start_matches('/');
        std::fs::read_to_string(self.disk.join(inside))
    }
}

/// A failure in one of the spec's files (an index into the sources).
pub(crate) struct FileError {
    pub file: usize,
    pub error: Located,
}

/// Which Swagger/OpenAPI layout the document has: where components live.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Layout {
    Swagger2,
    OpenApi3,
}

impl Layout {
    /// The pointer of the section that holds named nodes of `role`, if the layout has one.
    fn section(self, role: Role) -> Option<String> {
        match self {
            Layout::OpenApi3 => role.components_section().map(|s| format!("/components/{s}")),
            Layout::Swagger2 => match role {
                Role::Schema => Some("/definitions".to_owned()),
                Role::Parameter => Some("/parameters".to_owned()),
                Role::Response => Some("/responses".to_owned()),
                _ => None,
            },
        }
    }
}

/// A node's identity: which file (index into the sources) and where in it.
type Key = (usize, String);

/// Where each hoisted node came from: (its pointer in the bundled document, file, pointer there).
pub(crate) type Origins = Vec<(String, usize, String)>;

/// Rewrites `doc` (the spec in `sources[0]`) until every `$ref` has its canonical form; reads
/// other files through `files`, appending them to `sources`.
pub(crate) fn bundle(doc: &mut Value, layout: Layout, sources: &mut Vec<Source>, files: Option<&Files>) -> Result<Origins, FileError> {
    let mut bundler = Bundler {
        layout,
        sources,
        files,
        parsed: HashMap::new(),
        names: HashMap::new(),
        hoisted: HashSet::new(),
        origins: Vec::new(),
    };
    // Each round resolves what the previous one brought in; chains of files end, and a file's
    // nodes are hoisted once, so rounds are few. The bound only guards against a bug.
    for _ in 0..1000 {
        if !bundler.round(doc)? {
            return Ok(bundler.origins);
        }
    }
    Err(FileError {
        file: 0,
        error: Located::new(ErrorKind::CyclicRef, "", "`$ref`s keep bringing in new nodes"),
    })
}

struct Bundler<'s> {
    layout: Layout,
    sources: &'s mut Vec<Source>,
    files: Option<&'s Files>,
    /// Other files, parsed, by source index.
    parsed: HashMap<usize, Value>,
    /// Hoisted nodes and the canonical `$ref` they now have.
    names: HashMap<Key, String>,
    /// Where nodes of the spec itself were moved to.
    hoisted: HashSet<String>,
    origins: Origins,
}

/// A `$ref` found in the document: where it sits, what kind of node it stands for, its text.
struct Site {
    holder: String,
    role: Role,
    reference: String,
}

impl Bundler<'_> {
    /// One pass; `true` when it changed the document.
    fn round(&mut self, doc: &mut Value) -> Result<bool, FileError> {
        let mut sites = Vec::new();
        walk(doc, &mut String::new(), Role::Root, &mut |node, pointer, role| {
            if let Some(Value::String(reference)) = node.get("$ref") {
                sites.push(Site { holder: pointer.to_owned(), role, reference: reference.clone() });
            }
        });
        let mut changed = false;
        let mut rewrites: HashMap<String, String> = HashMap::new();
        let mut moves: Vec<(String, String, Role)> = Vec::new();
        for site in sites {
            let at = push_pointer(&site.holder, "$ref");
            let target = self.key(0, &site.reference, &at)?;
            if site.role == Role::PathItem || self.layout.section(site.role).is_none() {
                // Path items (and what a layout cannot name) are copied where they are used.
                let Some((file, pointer)) = self.resolve(doc, &target)? else { continue };
                let Some(mut node) = self.node(doc, file, &pointer).cloned() else { continue };
                self.rebase(&mut node, file, site.role, &pointer)?;
                if let (Some(Value::Object(target)), Value::Object(node)) = (doc.pointer_mut(&site.holder), node) {
                    target.remove("$ref");
                    for (key, value) in node {
                        target.entry(key).or_insert(value);
                    }
                }
                self.origins.push((site.holder.clone(), file, pointer));
                changed = true;
                continue;
            }
            if rewrites.contains_key(&site.reference) || self.is_canonical(doc, &target, site.role) {
                continue;
            }
            let Some((file, pointer)) = self.resolve(doc, &target)? else { continue };
            if file == 0 && self.hoisted.contains(&pointer) {
                // Moved here for a `$ref` of another kind (a request body used as a response,
                // say): moving it again would go back and forth forever. The `$ref` stays as
                // written, and lowering reports it.
                continue;
            }
            let key = (file, pointer.clone());
            let canonical = if let Some(name) = self.names.get(&key) {
                name.clone()
            } else if file == 0 && self.is_canonical(doc, &key, site.role) {
                format!("#{pointer}")
            } else {
                let section = self.layout.section(site.role).unwrap_or_default();
                let name = self.fresh_name(doc, &section, file, &pointer, &moves);
                let new = push_pointer(&section, &name);
                if file == 0 {
                    self.hoisted.insert(new.clone());
                    moves.push((pointer.clone(), new.clone(), site.role));
                } else {
                    let Some(mut node) = self.node(doc, file, &pointer).cloned() else { continue };
                    self.rebase(&mut node, file, site.role, &pointer)?;
                    insert(doc, &section, &name, node);
                }
                self.origins.push((new.clone(), file, pointer.clone()));
                let canonical = format!("#{new}");
                self.names.insert(key, canonical.clone());
                canonical
            };
            rewrites.insert(site.reference.clone(), canonical);
        }
        // Deepest first: a node moved out of another leaves a `$ref` in it, and moves with it.
        moves.sort_by_key(|(from, ..)| std::cmp::Reverse(from.matches('/').count()));
        for (from, to, _) in &moves {
            let (section, name) = to.rsplit_once('/').unwrap_or_default();
            let name = unescape_token(name);
            if let Some(slot) = doc.pointer_mut(from) {
                let node = std::mem::replace(slot, single_ref(&format!("#{to}")));
                insert(doc, section, &name, node);
            }
        }
        if rewrites.is_empty() {
            return Ok(changed);
        }
        walk(doc, &mut String::new(), Role::Root, &mut |node, _, _| {
            if let Some(Value::String(reference)) = node.get_mut("$ref") {
                if let Some(canonical) = rewrites.get(reference.as_str()) {
                    canonical.clone_into(reference);
                }
            }
        });
        Ok(true)
    }

    /// The node a `$ref` written in file `from` points at. `at` locates the `$ref` for errors.
    fn key(&mut self, from: usize, reference: &str, at: &str) -> Result<Key, FileError> {
        let fail = |message: String| FileError { file: from, error: Located::new(ErrorKind::Unsupported, at, message) };
        let (path, fragment) = reference.split_once('#').unwrap_or((reference, ""));
        let fragment = percent_encoding::percent_decode_str(fragment).decode_utf8_lossy().into_owned();
        if path.is_empty() {
            return Ok((from, fragment));
        }
        if path.contains("://") || path.starts_with("//") || path.starts_with('/') || path.contains('\\') {
            return Err(fail(format!(
                "`$ref: {reference}` is not a path relative to the spec; only files beside it can be read (never a URL)"
            )));
        }
        let Some(files) = self.files else {
            return Err(fail(format!("`$ref: {reference}` names another file, but this spec was given alone, not in a folder")));
        };
        let from_label = self.sources[from].label.clone();
        let path = percent_encoding::percent_decode_str(path).decode_utf8_lossy();
        let Some(label) = files.join(&from_label, &path) else {
            return Err(fail(format!("`$ref: {reference}` leaves the folder `{}` that holds the specs", files.label)));
        };
        if let Some(index) = self.sources.iter().position(|s| s.label == label) {
            return Ok((index, fragment));
        }
        let text = files.read(&label).map_err(|e| fail(format!("`$ref: {reference}`: cannot read `{label}`: {e}")))?;
        let index = self.sources.len();
        let parsed = super::syntax::parse(&label, &text);
        self.sources.push(Source { label, text });
        match parsed {
            Ok(value) => {
                self.parsed.insert(index, value);
                Ok((index, fragment))
            }
            Err(e) => Err(FileError {
                file: index,
                error: Located::new(ErrorKind::Syntax, "", e.message).with_line(e.line),
            }),
        }
    }

    fn node<'v>(&'v self, doc: &'v Value, file: usize, pointer: &str) -> Option<&'v Value> {
        if file == 0 { doc.pointer(pointer) } else { self.parsed.get(&file)?.pointer(pointer) }
    }

    /// Where the node of `key` really is, following `$ref`s met on the way down (a pointer
    /// may pass through a node that was moved, or that is a `$ref` to another file).
    fn resolve(&mut self, doc: &Value, key: &Key) -> Result<Option<Key>, FileError> {
        let (mut file, pointer) = key.clone();
        let mut at = String::new();
        let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_token).collect();
        let mut hops = 0;
        for token in tokens {
            let Some(node) = self.node(doc, file, &at) else { return Ok(None) };
            if let Some(Value::String(reference)) = node.get("$ref") {
                hops += 1;
                if hops > 64 {
                    return Ok(None);
                }
                let reference = reference.clone();
                (file, at) = self.key(file, &reference, &push_pointer(&at, "$ref"))?;
                if self.node(doc, file, &at).is_none() {
                    return Ok(None);
                }
            }
            at = push_pointer(&at, &token);
        }
        Ok(self.node(doc, file, &at).is_some().then_some((file, at)))
    }

    /// A node of the spec itself, directly in the section for its role.
    fn is_canonical(&self, doc: &Value, key: &Key, role: Role) -> bool {
        let (file, pointer) = key;
        let Some(section) = self.layout.section(role) else { return false };
        *file == 0
            && pointer.strip_prefix(&section).is_some_and(|rest| rest.len() > 1 && rest[1..].split('/').count() == 1)
            && doc.pointer(pointer).is_some()
    }

    /// Rewrites the `$ref`s inside a node taken from `file` at `pointer` so that they read
    /// from the spec's own file (the bundled document).
    fn rebase(&mut self, node: &mut Value, file: usize, role: Role, pointer: &str) -> Result<(), FileError> {
        if file == 0 {
            return Ok(());
        }
        let mut found = Vec::new();
        walk(node, &mut pointer.to_owned(), role, &mut |n, at, _| {
            if let Some(Value::String(reference)) = n.get("$ref") {
                found.push((at.to_owned(), reference.clone()));
            }
        });
        let mut rebased = HashMap::new();
        for (at, reference) in found {
            let (target, fragment) = self.key(file, &reference, &push_pointer(&at, "$ref"))?;
            let text = if target == 0 {
                format!("#{}", escape_fragment(&fragment))
            } else {
                let label = &self.sources[target].label;
                let root = &self.sources[0].label;
                format!("{}#{}", relative(root, label), escape_fragment(&fragment))
            };
            rebased.insert(reference, text);
        }
        walk(node, &mut pointer.to_owned(), role, &mut |n, _, _| {
            if let Some(Value::String(reference)) = n.get_mut("$ref") {
                if let Some(text) = rebased.get(reference.as_str()) {
                    text.clone_into(reference);
                }
            }
        });
        Ok(())
    }

    /// A name for a hoisted node, free in `section`: from the pointer's meaningful tokens (the
    /// operation, parameter, component or property names on the way), or the file's name for a
    /// whole file.
    fn fresh_name(&self, doc: &Value, section: &str, file: usize, pointer: &str, moves: &[(String, String, Role)]) -> String {
        const STRUCTURE: [&str; 16] = [
            "components",
            "schemas",
            "definitions",
            "$defs",
            "properties",
            "items",
            "schema",
            "content",
            "allOf",
            "anyOf",
            "oneOf",
            "additionalProperties",
            "headers",
            "prefixItems",
            "patternProperties",
            "requestBodies",
        ];
        let tokens: Vec<String> = pointer.split('/').skip(1).map(unescape_token).collect();
        let mut words: Vec<String> = Vec::new();
        let mut at = String::new();
        let mut i = 0;
        while i < tokens.len() {
            let token = tokens[i].as_str();
            let next = tokens.get(i + 1);
            at = push_pointer(&at, token);
            match (token, next) {
                // An operation is named by its `operationId`, or its method and path.
                ("paths", Some(path)) if tokens.len() > i + 2 => {
                    let method = &tokens[i + 2];
                    let operation = push_pointer(&push_pointer(&at, path), method);
                    let id = self.node(doc, file, &push_pointer(&operation, "operationId")).and_then(Value::as_str);
                    // A name holds no `/`: `$ref`s escape it, and component names may not have one.
                    words.push(id.map_or_else(
                        || format!("{method} {}", path.split('/').filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")),
                        str::to_owned,
                    ));
                    at = operation;
                    i += 3;
                    continue;
                }
                ("parameters", Some(index)) => {
                    let name = self.node(doc, file, &push_pointer(&push_pointer(&at, index), "name")).and_then(Value::as_str);
                    words.push(name.unwrap_or(index).to_owned());
                    at = push_pointer(&at, index);
                    i += 2;
                    continue;
                }
                ("responses", Some(status)) if i == 0 || tokens[i - 1] != "components" => {
                    words.push(format!("{status} response"));
                    at = push_pointer(&at, status);
                    i += 2;
                    continue;
                }
                ("requestBody", _) => words.push("body".to_owned()),
                (token, _) if !STRUCTURE.contains(&token) && !token.contains('/') && !token.is_empty() => {
                    words.push(token.to_owned());
                }
                _ => {}
            }
            i += 1;
        }
        if words.is_empty() {
            let label = &self.sources[file].label;
            let stem = label.rsplit('/').next().unwrap_or(label);
            words.push(stem.split('.').next().unwrap_or(stem).to_owned());
        }
        let base = words.join(" ");
        let taken = |name: &str| {
            let pointer = push_pointer(section, name);
            doc.pointer(&pointer).is_some() || moves.iter().any(|(_, to, _)| *to == pointer)
        };
        let mut name = base.clone();
        let mut n = 2;
        while taken(&name) {
            name = format!("{base} {n}");
            n += 1;
        }
        name
    }
}

/// Puts `node` at `section/name` of the document, creating the section if needed.
fn insert(doc: &mut Value, section: &str, name: &str, node: Value) {
    let mut current = doc;
    for token in section.split('/').skip(1) {
        let Value::Object(map) = current else { return };
        current = map.entry(token.to_owned()).or_insert_with(|| Value::Object(Map::new()));
    }
    if let Value::Object(map) = current {
        map.insert(name.to_owned(), node);
    }
}

fn single_ref(target: &str) -> Value {
    let mut map = Map::new();
    map.insert("$ref".to_owned(), Value::String(target.to_owned()));
    Value::Object(map)
}

/// A pointer as it may be written after `#`: the characters a URI fragment cannot hold, escaped.
fn escape_fragment(pointer: &str) -> String {
    const FRAGMENT: &percent_encoding::AsciiSet =
        &percent_encoding::CONTROLS.add(b' ').add(b'"').add(b'<').add(b'>').add(b'`').add(b'#').add(b'%').add(b'{').add(b'}');
    percent_encoding::utf8_percent_encode(pointer, FRAGMENT).to_string()
}

/// The path of the file labelled `to`, relative to the folder of the file labelled `from`.
fn relative(from: &str, to: &str) -> String {
    let from: Vec<&str> = from.split('/').collect();
    let from = &from[..from.len().saturating_sub(1)];
    let to: Vec<&str> = to.split('/').collect();
    let common = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let mut parts: Vec<&str> = vec![".."; from.len() - common];
    parts.extend(&to[common..]);
    parts.join("/")
}
