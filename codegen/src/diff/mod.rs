//! What changed between two versions of an API, and whether each change breaks code that uses
//! the generated crate or an old client talking to the new server.
//!
//! [`diff`] compares two models; [`diff_surfaces`] compares two [`Surface`]s, which is what
//! `cargo xtask regen` does with the surface checked in beside the code (the record of the last
//! version) and the new one. Both are pure functions. Operations are matched by HTTP method and
//! path (path parameters' names aside), then by method name; types by name, then by shape (a
//! type of the same shape under a new name is a rename); fields, parameters and enum values by
//! their name on the wire, then by their Rust name.
//!
//! Every change is classified on two axes, each an [`Impact`]:
//!
//! - **Rust API**: would code that compiled against the old crate still compile (and mean the
//!   same)? `major` it would not, `minor` something was added, `patch` only docs changed.
//! - **Wire**: would a client built from the old spec still work against a server that follows
//!   the new one? `major` it would not, `minor` the wire gained something old clients do not
//!   use, `none` nothing on the wire changed. A type's changes count in the direction the type
//!   travels: sent in requests (the new server must accept what old clients send), read from
//!   responses and webhook payloads (old clients must decode what the new server sends).
//!
//! The [`Report`]'s class (its `semver`) is the larger of the two: `major` (breaks code or the
//! wire), `minor` (additions only), `patch` (docs only), `none`.
//!
//! # The crate's policy
//!
//! - **Nothing is `#[non_exhaustive]`.** Request structs are meant to be built with struct
//!   literals (the README's example does), and the error enums are meant to be matched. So a new
//!   field in any struct (`field-added`) and a new variant in any enum (`enum-value-added`,
//!   `error-status-added`, `variant-added`) are Rust `major`: a literal listing every field, or a
//!   `match` listing every variant, stops compiling. cargo-semver-checks agrees
//!   (`constructible_struct_adds_field`, `enum_variant_added`). A test fails if the generated
//!   code ever gains `#[non_exhaustive]` (or loses what the other points below rely on), so
//!   these rules cannot silently go stale.
//! - **String enums are open on the wire.** They carry `Unknown(String)`, so a value an old client
//!   does not know still decodes: a new value is wire `minor`, not `major`. Closed enums (from a
//!   JSON Schema `const`) have no catch-all: a new value read from a response is wire `major`.
//! - **Required values are positional arguments, optional ones named setters.** An operation's
//!   method takes its required parameters (in spec order) and a required body, and returns a
//!   builder; each optional parameter, and an optional body, is a setter on the builder, named
//!   after it. So a new optional parameter is Rust `minor` (a new setter) and a new required one
//!   `major` (a new argument); a renamed argument is `patch`, a renamed setter `major`;
//!   reordered arguments are `major` even when they still compile, as values swap places. The
//!   builders' fields are private, so a builder can grow.
//! - **Decoding ignores unknown members**, and an `Option` field takes an absent member and
//!   `null` alike as `None` (a `Nullable` one tells them apart): a new optional response field is
//!   wire `minor`; a field that may now be absent or `null` is wire `major` in a response where
//!   old clients hold it as `T`.
//! - **Deprecation is documentation**: the crate emits no `#[deprecated]`, so it is `patch`.
//!
//! # Rules
//!
//! [`rules_table`] renders every rule with its class on each axis; `cargo xtask regen` writes
//! the table into `docs/change-report.md`.

mod constraints;
mod docs;
mod features;
mod operations;
mod render;
mod rules;
pub(crate) mod surface;
mod types;
mod wire;

use std::collections::HashMap;
use std::fmt;

pub use render::{json, markdown, text};
pub use rules::{Rule, rules_table};
pub use surface::{Kind, ParseError, Surface, Ty, TypeDef};

use crate::model::Api;
use wire::{Reads, Usage};

/// How much a change matters on one axis; also a report's semver class.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Default)]
pub enum Impact {
    #[default]
    None,
    /// Documentation only.
    Patch,
    /// Something new; nothing that exists breaks.
    Minor,
    /// Something that worked breaks.
    Major,
}

impl Impact {
    pub fn as_str(self) -> &'static str {
        match self {
            Impact::None => "none",
            Impact::Patch => "patch",
            Impact::Minor => "minor",
            Impact::Major => "major",
        }
    }

    /// `Major` when `breaks`, else `otherwise`.
    fn major_if(breaks: bool, otherwise: Impact) -> Impact {
        if breaks { Impact::Major } else { otherwise }
    }
}

impl fmt::Display for Impact {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// Where a change is.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    /// The API as a whole (`info`).
    Api,
    /// A server constant.
    Server(String),
    /// A security scheme, by its key.
    Auth(String),
    /// An operation; `part` is a parameter, `body`, `->` (the success) or a status.
    Operation {
        name: String,
        method: String,
        path: String,
        part: Option<String>,
    },
    Webhook(String),
    /// A type; `member` is a field, enum value or union variant.
    Type {
        name: String,
        member: Option<String>,
    },
}

impl Location {
    fn order(&self) -> u8 {
        match self {
            Location::Api => 0,
            Location::Server(_) => 1,
            Location::Auth(_) => 2,
            Location::Operation { .. } => 3,
            Location::Webhook(_) => 4,
            Location::Type { .. } => 5,
        }
    }

    /// The item's name, for ordering.
    fn item(&self) -> &str {
        match self {
            Location::Api => "",
            Location::Server(n) | Location::Auth(n) | Location::Webhook(n) => n,
            Location::Operation { name, .. } | Location::Type { name, .. } => name,
        }
    }

    /// The operation's HTTP method and path, when the change is in one.
    pub fn operation(&self) -> Option<(&str, &str)> {
        match self {
            Location::Operation { method, path, .. } => Some((method, path)),
            _ => None,
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Location::Api => f.write_str("api"),
            Location::Server(n) => write!(f, "server {n}"),
            Location::Auth(k) => write!(f, "auth {k}"),
            Location::Operation { name, method, path, part } => {
                write!(f, "fn {name} ({method} {path})")?;
                match part {
                    Some(part) => write!(f, " {part}"),
                    None => Ok(()),
                }
            }
            Location::Webhook(n) => write!(f, "webhook {n}"),
            Location::Type { name, member: None } => f.write_str(name),
            Location::Type { name, member: Some(m) } => write!(f, "{name}.{m}"),
        }
    }
}

/// One change, classified.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Change {
    /// The rule that found it.
    pub what: Rule,
    pub location: Location,
    /// Old and new, e.g. ``"`DateTime` → `String`"``; empty when the rule says it all.
    pub detail: String,
    pub rust: Impact,
    pub wire: Impact,
    /// Why it is classified so, for this change.
    pub reason: String,
}

impl Change {
    /// The larger of the two axes.
    pub fn class(&self) -> Impact {
        self.rust.max(self.wire)
    }
}

/// Every change between two versions of one API.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Report {
    pub module: String,
    pub old_version: String,
    pub new_version: String,
    pub changes: Vec<Change>,
}

impl Report {
    /// The largest Rust API impact.
    pub fn rust(&self) -> Impact {
        self.changes.iter().map(|c| c.rust).max().unwrap_or_default()
    }

    /// The largest wire impact.
    pub fn wire(&self) -> Impact {
        self.changes.iter().map(|c| c.wire).max().unwrap_or_default()
    }

    /// The API's class: `major` (breaks code or the wire), `minor` (additions only), `patch`
    /// (docs only), `none`.
    pub fn semver(&self) -> Impact {
        self.rust().max(self.wire())
    }

    /// Something breaks, on either axis.
    pub fn breaks(&self) -> bool {
        self.semver() == Impact::Major
    }
}

/// Compares two versions of an API: their surfaces, and their documentation.
pub fn diff(old: &Api, new: &Api) -> Report {
    let (mut report, renames) = compare(&Surface::of(old), &Surface::of(new));
    report.changes.extend(docs::changes(old, new, &renames));
    sort(&mut report.changes);
    report
}

/// Compares two surfaces: everything but documentation, which a surface does not hold.
pub fn diff_surfaces(old: &Surface, new: &Surface) -> Report {
    compare(old, new).0
}

/// The report, and the types found under new names (old name → new).
fn compare(old: &Surface, new: &Surface) -> (Report, HashMap<String, String>) {
    let mut cx = Cx::new(old, new);
    if old.title != new.title || old.version != new.version {
        cx.push(
            Rule::InfoChanged,
            Location::Api,
            format!("`{} {}` → `{} {}`", old.title, old.version, new.title, new.version),
            Impact::Patch,
            Impact::None,
            "the title and version only show in the docs",
        );
    }
    operations::servers(&mut cx);
    operations::auth(&mut cx);
    operations::operations(&mut cx);
    operations::webhooks(&mut cx);
    types::types(&mut cx);
    let mut changes = cx.changes;
    sort(&mut changes);
    let report = Report {
        module: new.module.clone(),
        old_version: old.version.clone(),
        new_version: new.version.clone(),
        changes,
    };
    (report, cx.renames)
}

/// A new API: every item of it added.
pub fn added_api(new: &Surface) -> Report {
    diff_surfaces(&none_like(new), new)
}

/// An API that is gone: every item of it removed.
pub fn removed_api(old: &Surface) -> Report {
    diff_surfaces(old, &none_like(old))
}

/// An API with the same name and version as `surface`, and nothing in it.
fn none_like(surface: &Surface) -> Surface {
    Surface {
        module: surface.module.clone(),
        title: surface.title.clone(),
        version: surface.version.clone(),
        ..Surface::default()
    }
}

/// Changes in a fixed order: by section, then item name; within an item, as found.
fn sort(changes: &mut [Change]) {
    changes.sort_by(|a, b| (a.location.order(), a.location.item()).cmp(&(b.location.order(), b.location.item())));
}

/// What the comparisons share.
struct Cx<'a> {
    old: &'a Surface,
    new: &'a Surface,
    old_types: HashMap<&'a str, &'a TypeDef>,
    new_types: HashMap<&'a str, &'a TypeDef>,
    /// Old type name → new, for types found under a new name.
    renames: HashMap<String, String>,
    /// How each type travels, in either version, by its new name.
    usage: HashMap<String, Usage>,
    changes: Vec<Change>,
}

impl<'a> Cx<'a> {
    fn new(old: &'a Surface, new: &'a Surface) -> Self {
        let old_types: HashMap<&str, &TypeDef> = old.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let new_types: HashMap<&str, &TypeDef> = new.types.iter().map(|t| (t.name.as_str(), t)).collect();
        let mut cx = Cx {
            old,
            new,
            old_types,
            new_types,
            renames: HashMap::new(),
            usage: HashMap::new(),
            changes: Vec::new(),
        };
        cx.renames = types::renames(&cx);
        let mut usage = wire::usage(new, &cx.new_types);
        for (name, u) in wire::usage(old, &cx.old_types) {
            let name = cx.renamed(&name).to_owned();
            let entry = usage.entry(name).or_default();
            *entry = entry.union(u);
        }
        cx.usage = usage;
        cx
    }

    /// The new name of an old type.
    fn renamed<'s>(&'s self, old: &'s str) -> &'s str {
        self.renames.get(old).map_or(old, String::as_str)
    }

    fn usage_of(&self, new_name: &str) -> Usage {
        self.usage.get(new_name).copied().unwrap_or_default()
    }

    /// The same type in both versions, renames aside.
    fn same_ty(&self, old: &Ty, new: &Ty) -> bool {
        match (old, new) {
            (Ty::Prim(a), Ty::Prim(b)) => a == b,
            (Ty::Named(a), Ty::Named(b)) => self.renamed(a) == b,
            (Ty::Vec(a), Ty::Vec(b)) | (Ty::Map(a), Ty::Map(b)) | (Ty::Option(a), Ty::Option(b)) => self.same_ty(a, b),
            (Ty::Tuple(a), Ty::Tuple(b)) => a.len() == b.len() && a.iter().zip(b).all(|(a, b)| self.same_ty(a, b)),
            _ => false,
        }
    }

    /// An old client decodes every `new` value the new server sends as `old`.
    fn old_reads_new(&self, old: &Ty, new: &Ty) -> bool {
        let same = |r: &str, w: &str| self.renamed(r) == w;
        Reads::new(&self.old_types, &self.new_types, &same).reads(old, new)
    }

    /// The new server reads every `old` value an old client sends as `new`.
    fn new_reads_old(&self, new: &Ty, old: &Ty) -> bool {
        let same = |r: &str, w: &str| self.renamed(w) == r;
        Reads::new(&self.new_types, &self.old_types, &same).reads(new, old)
    }

    /// The wire impact of a type changing from `old` to `new` where values travel as `usage`
    /// says, with the reason.
    fn by_direction(&self, usage: Usage, old: &Ty, new: &Ty) -> (Impact, String) {
        if !usage.used() {
            return (Impact::None, "not used by any operation".to_owned());
        }
        let mut why = Vec::new();
        if usage.response && !self.old_reads_new(old, new) {
            why.push(format!("old clients cannot decode a `{new}` as `{old}`"));
        }
        if usage.request && !self.new_reads_old(new, old) {
            why.push(format!("the server may refuse the `{old}` old clients send where it now reads `{new}`"));
        }
        if why.is_empty() {
            (Impact::None, format!("`{old}` values read as `{new}` and the reverse where they travel"))
        } else {
            (Impact::Major, why.join("; "))
        }
    }

    fn push(&mut self, what: Rule, location: Location, detail: impl Into<String>, rust: Impact, wire: Impact, reason: impl Into<String>) {
        self.changes.push(Change { what, location, detail: detail.into(), rust, wire, reason: reason.into() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn rule_ids_are_unique_and_read_back() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
    }
}
