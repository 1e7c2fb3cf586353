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
//! | rule | Rust API | wire | why |
//! |---|---|---|---|
//! | `info-changed` | patch | none | The title or version in `info` only shows in the docs. |
//! | `docs-changed` | patch | none | Descriptions, summaries and examples become doc comments and example tests; no signature changes. |
//! | `server-added` | minor | none | A new server constant; `Client::new()` keeps the first one. |
//! | `server-removed` | major | major unless another server keeps the URL | Code naming the constant stops compiling; old clients send their requests to a server the spec no longer lists. |
//! | `server-changed` | none | major | The constant keeps its name, so code compiles, but old clients still call the old URL. |
//! | `auth-added` | minor | none | A new `with_…` credential setter; operations say whether they accept it. |
//! | `auth-removed` | major | major | The `with_…` setter is gone; credentials of that scheme are no longer accepted. |
//! | `auth-changed` | major if the setter's name or arguments change (basic takes a user and a password), else patch | major if the credential travels differently, else none | Old clients send the credential where the server no longer looks for it. |
//! | `operation-added` | minor | minor | A new method; nothing that exists changes. |
//! | `operation-removed` | major | major | The method is gone; the server no longer serves the path, so old clients get an error. |
//! | `operation-renamed` | major | none | Same HTTP method and path under a new `operationId`: the method and its error enum are renamed, the request is the same. |
//! | `operation-moved` | none | major | Same method name, new HTTP method or path: code compiles, but old clients call what the server no longer serves. |
//! | `operation-deprecated` | patch | none | Deprecation (or its end) only shows in the method's docs: the crate emits no `#[deprecated]`. |
//! | `security-changed` | none | major if some credentials that used to be enough no longer are, else minor | Security is data the client reads at run time; an old client configured for a dropped alternative is refused. |
//! | `parameter-added` | minor | minor | A new optional parameter is a new setter on the operation's builder; old clients leave it out, which the server allows. |
//! | `required-parameter-added` | major | major | Required parameters are the method's arguments: a new one breaks every call, and old clients never send what the server now requires. |
//! | `parameter-removed` | major | none | The argument or setter is gone; old clients still send the parameter and servers ignore parameters they do not know. |
//! | `parameter-required` | major | major | The builder's setter becomes an argument of the method; old clients may leave out what the server now requires. |
//! | `parameter-optional` | major | none | The method's argument becomes a setter on the builder; what old clients send is still accepted. |
//! | `parameter-type-changed` | major | major if the new server may refuse a value the old client sends, else none | The argument's or setter's type changes. On the wire parameters are text: `i32` → `i64` or `DateTime` → `String` widen what the server takes, `String` → `i64` narrows it. |
//! | `parameter-wire-renamed` | none | major | The Rust name is the same, but old clients send the parameter under a name the server no longer reads. |
//! | `parameter-moved` | none | major | A parameter moved between query, header and cookie, or its query style changed: old clients send it the old way. |
//! | `parameters-reordered` | major if required parameters (the method's arguments) change order, else none | none | Arguments are positional: reordered ones of different types stop compiling, of the same type silently swap values. Setters are named: their order does not matter. |
//! | `parameter-renamed` | patch for a required parameter, major for an optional one | none | Only the Rust name changed: arguments are positional, so calls are unaffected, but an optional parameter's setter is renamed. |
//! | `body-added` | major if required (a new argument), else minor (a new `body` setter) | major if required, else minor | A required body is a new argument of the method, and a body old clients never send; an optional one is a setter on the builder. |
//! | `body-removed` | major | none | The `body` argument or setter is gone; servers ignore a body they do not expect. |
//! | `body-required` | major | major | The builder's `body` setter becomes an argument of the method; old clients may send no body where the server now requires one. |
//! | `body-optional` | major | none | The method's `body` argument becomes a setter on the builder; what old clients send is still accepted. |
//! | `body-type-changed` | major if the argument's type changes (text and bytes bodies are `String` and `Vec<u8>` whatever the schema) | major if the new server may refuse a value the old client sends, else none | The `body` argument has a new type. |
//! | `body-media-changed` | major if the argument's type changes (a required JSON or form body is borrowed, multipart, text and bytes are owned) | major | Old clients send the old content type, which the server may refuse with 415. |
//! | `success-type-changed` | major | major if the old client cannot decode every value the new server may send, else none | The method returns a new type; `String` → `DateTime` still decodes in an old client, `DateTime` → `String` does not. |
//! | `success-optional` | major | none | The success becomes (or stops being) an `Option` as 2xx answers without a body are documented (or no longer). |
//! | `stream-added` | minor | none | The answers now say how to ask for the next page: the builder gains `stream()`. |
//! | `stream-removed` | major | none | The builder loses `stream()`; what is sent and answered is its own change. |
//! | `stream-changed` | major if the items' type changes | major if the next page is asked for differently | Old clients' `stream()` follows pages the old way, and may stop early or fail where the server pages differently. |
//! | `success-status-added` | none | major if the old client did not document the status (it reports a success as `Error::UnexpectedStatus`), else none | New 2xx answers change no signature unless the success type changes (its own rule). |
//! | `success-status-removed` | none | none | Old clients still know every status the server sends. |
//! | `error-status-added` | major | none | A new variant in the operation's error enum breaks exhaustive matches; old clients get the status as `Error::UnexpectedStatus`, still an error. |
//! | `error-status-removed` | major | none | The error enum loses a variant; old clients still decode the status if it comes. |
//! | `error-status-moved` | major | major | An error moved to another status (404 → 410): old clients matching its variant never see it again, it arrives as `Error::UnexpectedStatus`. |
//! | `error-type-changed` | major if the variant's Rust type changes | major if the old client cannot decode every value the new server may send, else none | The error variant holds a new type. |
//! | `response-media-changed` | major if the Rust type changes (JSON is typed, text is `String`, bytes are `Bytes`) | major | Old clients decode the body the old way. |
//! | `webhook-added` | minor | minor | A new payload type in the `webhooks` module. |
//! | `webhook-removed` | major | none | The payload type is gone; the API stops sending the request, which breaks no client. |
//! | `webhook-changed` | major if the payload type changes, else none | major if an old handler cannot decode every payload the API may now send, or its method or content type changed, else none | The payload type, method or content type changed. |
//! | `type-added` | minor | none | A new type in the `types` module. |
//! | `type-removed` | major | none | Code naming the type stops compiling; where it was used, that use is its own change. |
//! | `type-renamed` | major | none | A type of the same shape under a new name (a renamed schema, or a new name for an inline one): code naming it breaks, JSON does not. |
//! | `type-kind-changed` | major | major if the type is used | A struct became an enum, a union or an alias (or the reverse): both the Rust type and its JSON change shape. |
//! | `field-added` | major | minor | Structs are not `#[non_exhaustive]`: struct literals that list every field stop compiling. An optional member is safe on the wire: servers may omit it, old clients ignore members they do not know. |
//! | `required-field-added` | major | major if the type is sent in requests, else minor | Struct literals break and the struct loses `Default`; old clients never send the member the server now requires. |
//! | `field-removed` | major | major if the type is read from responses and the field was not an `Option`, else none | Code reading or setting the field stops compiling; old clients fail to decode answers without a member they require. |
//! | `field-renamed` | major | none | Same JSON member, new Rust field name (code generation naming changed). |
//! | `field-wire-renamed` | none | major if the type is used | Same Rust field, new JSON member name: old clients read and write the old one. |
//! | `field-type-changed` | major | requests: major if the new server may refuse what the old client sends; responses: major if the old client cannot decode what the new server sends; else none | The field has a new type (`DateTime` → `String`). |
//! | `field-optional` | major if the Rust type changes (`T` → `Option<T>`, `Option<T>` → `Nullable<T>`), else none | major if the type is read from responses and old clients hold the member as `T` | A member no longer required: old clients decoding it as `T` fail on an answer without it; an `Option` takes its absence as `None`. |
//! | `field-required` | major if the Rust type changes (`Option<T>` → `T`, `Nullable<T>` → `Option<T>`), else none | major if the type is sent in requests: old clients may leave the member out | A member now required. |
//! | `field-nullable` | major if the Rust type changes (`T` → `Option<T>`, `Option<T>` → `Nullable<T>`), else none | major if the type is read from responses and old clients hold the member as `T` | `null` is now one of the member's values: old clients decoding it as `T` fail on it; an `Option` takes it as `None`. |
//! | `field-not-nullable` | major if the Rust type changes (`Option<T>` → `T`, `Nullable<T>` → `Option<T>`), else none | major if the type is sent in requests: old clients may send `null` | `null` is no longer one of the member's values. |
//! | `constraints-changed` | none | major if the value is sent in requests and a keyword was added or tightened, else none | A parameter's or field's validation keywords (`maxLength`, `minimum`, `pattern`, `minItems`, …) changed. The client checks none of them, so no code changes and no answer is refused; but a server that checks a new or tighter one refuses what old clients may send. |
//! | `box-changed` | major | none | A field or variant gains or loses its `Box` (recursion or size changed elsewhere); JSON is the same. |
//! | `map-changed` | major | requests: major if the new server may refuse what the old client sends; responses: major if the old client cannot decode what the new server sends; else none | The flattened map of `additionalProperties` appeared, went or changed type. |
//! | `enum-value-added` | major | minor; major for a closed enum (`const`) read from responses | Enums are not `#[non_exhaustive]`: exhaustive matches stop compiling. String enums keep unknown values in `Unknown(String)`, so old clients still decode the new value; a closed one cannot. |
//! | `enum-value-removed` | major | major if the enum is sent in requests, else none | The variant is gone; old clients may still send the value, which the server no longer accepts. |
//! | `enum-value-changed` | none | major if the enum is used | Same variant, new value on the wire (`"Failed"` → `"failed"`): old clients send the old one and decode the new one as unknown. |
//! | `enum-variant-renamed` | major | none | Same value on the wire, new Rust variant name. |
//! | `enum-catch-all-changed` | major | none | The catch-all (an enum's `Unknown(String)`, a union's `Unknown(Json)`) appeared, went or was renamed (a `const` became an `enum`, a union became read from answers, or the reverse). |
//! | `variant-added` | major | major if the union is read from responses without a catch-all, else minor | A new alternative in a `oneOf`: exhaustive matches break; old clients keep it in their catch-all, or cannot decode it without one. |
//! | `variant-removed` | major | major if the union is sent in requests, else none | The alternative is gone; old clients may still send it. |
//! | `variant-renamed` | major | none | Same alternative, new Rust variant name. |
//! | `variant-type-changed` | major | requests: major if the new server may refuse what the old client sends; responses: major if the old client cannot decode what the new server sends; else none | The alternative holds a new type. |
//! | `tag-changed` | none | major if the union is used | The discriminator property or a variant's tag value changed: the Rust enum is the same, old clients tag and read the old way. |
//! | `alias-changed` | major | requests: major if the new server may refuse what the old client sends; responses: major if the old client cannot decode what the new server sends; else none | `type X = …` names a new type. |

mod constraints;
mod docs;
mod operations;
mod render;
mod rules;
mod types;
mod wire;

use std::collections::HashMap;
use std::fmt;

pub use crate::surface::{Kind, ParseError, Surface, Ty, TypeDef};
pub use render::{json, markdown, text};
pub use rules::{Rule, rules_table};

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

    /// The table in this module's documentation is the rules' own, word for word.
    #[test]
    fn the_documented_table_is_the_rules_table() {
        let source = include_str!("mod.rs");
        let documented: String =
            source.lines().filter_map(|l| l.strip_prefix("//! ")).filter(|l| l.starts_with('|')).map(|l| format!("{l}\n")).collect();
        assert_eq!(documented, rules_table(), "paste `rules_table()` into the module docs");
    }

    #[test]
    fn rule_ids_are_unique_and_read_back() {
        for rule in Rule::ALL {
            assert_eq!(Rule::from_id(rule.id()), Some(rule));
        }
    }
}
