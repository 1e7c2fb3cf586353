//! A compact, stable text view of an API model: what a user can call and what they get back.
//! Snapshotted per spec and checked in beside the generated code (`generated/api/<module>.txt`),
//! so a spec change reviews as a semantic diff rather than a code diff.
//!
//! The text is the rendering of a [`Surface`], a plain structure with every type spelled by
//! name, and [`Surface::parse`] reads it back: a checked-in surface is a record of the API that
//! [`crate::diff`] can compare the next version with. `Surface::parse(&s.to_string()) == s`.
//!
//! The format, one item per paragraph:
//!
//! ```text
//! api <module> (<title> <version>)
//! server <CONST> = <url>[ (relative)]
//! auth <key> -> with_<setter>: <how the credential travels>
//!   session with_<setter>                  (OAuth2 and OpenID Connect schemes: a session's setter)
//!   flow <CONST>: <authorizationCode | clientCredentials | password>
//!   discovery <CONST> = <url>
//!   scopes <Enum>: <Variant> = "<scope>" | …
//!
//! fn <method>: <HTTP method> <path>[ (deprecated)][ (builder <Name>)]
//!   feature <api>-<group>                  (grouped APIs: the cargo feature the method needs)
//!   <path|query|header|cookie> <arg>[?]: <type> (`<wire name>`[, <query style>])
//!     <keyword> <value>, …      (the validation keywords of the parameter's schema, if any)
//!   body[?]: <type> (<content type>)
//!   -> <success type, `()` without a body, `Option<…>` when some 2xx answers have none>
//!   stream: <item type> (<how the next page is asked for>)
//!   events: <the data type of the server-sent events `events()` yields>
//!   <status> <ok | ErrorEnum::Variant>: <type | Box<type> | no body>[ (<non-JSON media type>)]
//!   security: <scheme + scheme | … | none>
//!
//! webhook <Name> = <type> (<content type>) | no body: <HTTP method>[ <url>] `<name>`
//!
//! struct <Name>
//!   feature <api>-<group> | …               (grouped APIs: the features that compile the type,
//!                                           `<api>` alone when only the whole API does; none
//!                                           when every group does; also under enum, oneOf, type)
//!   <field>: <type, in Option<…> when it may be absent or null, in Nullable<…> when it may be
//!            either and the two are told apart>[ required][ (`<wire name>`)]
//!     <keyword> <value>, …      (as for parameters: `maxLength 50, pattern "^[a-z]+$"`)
//!   ..: Map<<type>>
//! enum <Name>: <Variant> = "<value>" | … | <CatchAll>(String)      (or ` (closed)`)
//! oneOf <Name> (by `<property>` | untagged)
//!   <Variant>(<type>)[ = "<tag>"]
//! type <Name> = <type>
//! ```
//!
//! Types are `String`, `i32`, `i64`, `f32`, `f64`, `bool`, `DateTime`, `Date`, `Uuid`, `Bytes`,
//! `Upload` (bytes, a file or a stream to send), `Json`, `JsonObject`, `Vec<…>`, `Map<…>` (string keys), tuples `(…, …)` and the API's own
//! types by name (as `types::Name` where a name is also one of the words above). Parameters with
//! `?` are optional: setters on the operation's builder; the others are the method's arguments.
//! The builder is named after the method unless it says otherwise. Lines starting with `#` are
//! comments.

use std::fmt::{self, Write};

use crate::model::{
    self, Api, ApiKeyLocation, Gate, LastId, MediaKind, PageStyle, ParamId, ParamLocation, QueryStyle, SchemeKind, Status, TypeKind,
    TypeRef,
};
pub use crate::model::{Constraints, Holding};

mod parse;

pub use parse::ParseError;

/// An API as its users see it: [`Api`] with names instead of indices and without documentation.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Surface {
    pub module: String,
    pub title: String,
    pub version: String,
    pub servers: Vec<Server>,
    pub auth: Vec<Auth>,
    pub operations: Vec<Operation>,
    pub webhooks: Vec<Webhook>,
    pub types: Vec<TypeDef>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Server {
    pub const_name: String,
    pub url: String,
    pub relative: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Auth {
    /// The key under `components/securitySchemes`.
    pub key: String,
    /// The client's setter without `with_`, e.g. `api_key_auth`.
    pub setter: String,
    pub how: AuthHow,
    pub sign_in: Option<SignIn>,
}

/// What signing in with an OAuth2 or OpenID Connect scheme offers.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct SignIn {
    /// The client's setter that takes a session, without `with_`.
    pub session: String,
    /// A constant per flow, or the discovery document's.
    pub constants: Vec<SignInConst>,
    /// The enum of the scopes, with its `(variant, scope)` pairs.
    pub scopes: Option<(String, Vec<(String, String)>)>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SignInConst {
    Flow { name: String, grant: String },
    Discovery { name: String, url: String },
}

/// How a credential travels.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum AuthHow {
    Bearer,
    Basic,
    /// `Authorization: <scheme> <token>`.
    OtherHttp(String),
    ApiKey {
        location: String,
        name: String,
    },
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Operation {
    pub name: String,
    /// The cargo feature of the operation's group, in a grouped API.
    pub feature: Option<String>,
    /// Upper case, e.g. `GET`.
    pub method: String,
    pub path: String,
    pub deprecated: bool,
    /// The builder the method returns, in the `builders` module.
    pub builder: String,
    /// The builder's `stream()`, for an operation whose answers say how to get the next page.
    pub stream: Option<Stream>,
    /// The builder's `events()`, for an operation whose success may also come as server-sent
    /// events: their data's type.
    pub events: Option<Ty>,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// The success type; `None` is `()`.
    pub ok: Option<Ty>,
    /// The success is an `Option`: some 2xx answers have no body.
    pub ok_optional: bool,
    pub responses: Vec<Response>,
    /// Alternatives, any one of which authorises the call, each the scheme keys that apply
    /// together. Empty: no credentials needed.
    pub security: Vec<Vec<String>>,
}

/// A paged operation's `stream()`: the items' type, and how the next page is asked for.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Stream {
    pub item: Ty,
    /// E.g. ``cursor `meta.next` → `page_token` ``; never holds parentheses.
    pub how: String,
}

/// The builder's name when the surface does not say: the method's, in `UpperCamelCase`.
pub fn default_builder(method: &str) -> String {
    crate::naming::camel(crate::naming::unraw(method))
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Location {
    Path,
    Query,
    Header,
    Cookie,
}

impl Location {
    pub fn as_str(self) -> &'static str {
        match self {
            Location::Path => "path",
            Location::Query => "query",
            Location::Header => "header",
            Location::Cookie => "cookie",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Param {
    pub location: Location,
    pub name: String,
    pub required: bool,
    pub ty: Ty,
    pub wire: String,
    /// A query parameter's style when it is not exploded `form` (the default), in OpenAPI's
    /// words: `form explode=false`, `spaceDelimited`, `pipeDelimited`, `deepObject`.
    pub style: Option<String>,
    pub constraints: Constraints,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Body {
    pub required: bool,
    pub ty: Ty,
    pub content_type: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Response {
    /// `200`, `4XX`, `default`.
    pub status: String,
    /// `None` for a success; else the error enum and its variant.
    pub error: Option<(String, String)>,
    pub body: Option<Ty>,
    pub boxed: bool,
    /// The media type of a body that is not JSON (decoded as text or bytes).
    pub media: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Webhook {
    pub name: String,
    /// The payload's type and content type.
    pub body: Option<(Ty, String)>,
    pub method: String,
    pub url: Option<String>,
    /// The webhook's key, or the operation and callback names.
    pub key: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeDef {
    pub name: String,
    /// The cargo features that compile the type, besides the API's own: empty when every
    /// group's does, the API's alone when no group's does.
    pub features: Vec<String>,
    pub kind: Kind,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Kind {
    Struct {
        fields: Vec<Field>,
        additional: Option<Ty>,
    },
    /// Values as `(variant, wire value)`; `catch_all` names the variant holding unlisted values
    /// (`None`: a closed set).
    Enum {
        values: Vec<(String, String)>,
        catch_all: Option<String>,
    },
    /// `catch_all` names the variant that keeps an unlisted alternative as JSON (unions the
    /// client reads).
    OneOf {
        discriminator: Option<String>,
        variants: Vec<Variant>,
        catch_all: Option<String>,
    },
    Alias(Ty),
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Field {
    pub name: String,
    pub ty: Ty,
    pub boxed: bool,
    /// How the Rust type holds the value: as it is, in an `Option`, or in a `Nullable`.
    pub holding: Holding,
    /// The spec lists the member as required (it may still be `null`, in an `Option`).
    pub required: bool,
    pub wire: String,
    pub constraints: Constraints,
}

impl Field {
    /// The member may hold no value: absent or `null`.
    pub fn optional(&self) -> bool {
        self.holding != Holding::Value
    }

    /// `null` is one of the member's values.
    pub fn nullable(&self) -> bool {
        self.holding == Holding::Nullable || (self.required && self.holding == Holding::Option)
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Variant {
    pub name: String,
    pub ty: Ty,
    pub boxed: bool,
    pub tag: Option<String>,
}

/// A type as used in a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Ty {
    /// A built-in type, as the surface spells it: `String`, `i32`, `DateTime`, `Json`, …
    Prim(&'static str),
    Named(String),
    Vec(Box<Ty>),
    Map(Box<Ty>),
    Tuple(Vec<Ty>),
    /// An array item or map value that may be `null`.
    Option(Box<Ty>),
}

/// The words for built-in types, as the surface spells them.
pub const PRIMITIVES: [&str; 13] =
    ["String", "i32", "i64", "f32", "f64", "bool", "DateTime", "Date", "Uuid", "Bytes", "Upload", "Json", "JsonObject"];

/// Names that a type of the API is prefixed with `types::` for, not to be read as a built-in.
const RESERVED: [&str; 4] = ["Vec", "Map", "Option", "Box"];

impl Ty {
    fn of(api: &Api, t: &TypeRef) -> Ty {
        match t {
            TypeRef::String => Ty::Prim("String"),
            TypeRef::I32 => Ty::Prim("i32"),
            TypeRef::I64 => Ty::Prim("i64"),
            TypeRef::F32 => Ty::Prim("f32"),
            TypeRef::F64 => Ty::Prim("f64"),
            TypeRef::Bool => Ty::Prim("bool"),
            TypeRef::DateTime => Ty::Prim("DateTime"),
            TypeRef::Date => Ty::Prim("Date"),
            TypeRef::Uuid => Ty::Prim("Uuid"),
            TypeRef::Binary => Ty::Prim("Bytes"),
            TypeRef::Upload => Ty::Prim("Upload"),
            TypeRef::Json => Ty::Prim("Json"),
            TypeRef::JsonObject => Ty::Prim("JsonObject"),
            TypeRef::Array(inner) => Ty::Vec(Box::new(Ty::of(api, inner))),
            TypeRef::Map(inner) => Ty::Map(Box::new(Ty::of(api, inner))),
            TypeRef::Tuple(members) => Ty::Tuple(members.iter().map(|m| Ty::of(api, m)).collect()),
            TypeRef::Nullable(inner) => Ty::Option(Box::new(Ty::of(api, inner))),
            TypeRef::Named(id) => Ty::Named(api.type_def(*id).name.clone()),
        }
    }

    /// The API's types this one mentions.
    pub fn names(&self, out: &mut Vec<String>) {
        match self {
            Ty::Prim(_) => {}
            Ty::Named(n) => out.push(n.clone()),
            Ty::Vec(inner) | Ty::Map(inner) | Ty::Option(inner) => inner.names(out),
            Ty::Tuple(members) => members.iter().for_each(|m| m.names(out)),
        }
    }
}

impl fmt::Display for Ty {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Ty::Prim(p) => f.write_str(p),
            Ty::Named(n) if PRIMITIVES.contains(&n.as_str()) || RESERVED.contains(&n.as_str()) => write!(f, "types::{n}"),
            Ty::Named(n) => f.write_str(n),
            Ty::Vec(inner) => write!(f, "Vec<{inner}>"),
            Ty::Map(inner) => write!(f, "Map<{inner}>"),
            Ty::Option(inner) => write!(f, "Option<{inner}>"),
            Ty::Tuple(members) => {
                f.write_char('(')?;
                for (i, m) in members.iter().enumerate() {
                    if i > 0 {
                        f.write_str(", ")?;
                    }
                    write!(f, "{m}")?;
                }
                f.write_char(')')
            }
        }
    }
}

/// One line of free text: the surface is line-based.
fn one_line(text: &str) -> String {
    if text.contains(['\n', '\r']) {
        text.split(['\n', '\r']).filter(|s| !s.is_empty()).collect::<Vec<_>>().join(" ")
    } else {
        text.to_owned()
    }
}

fn status(s: Status) -> String {
    match s {
        Status::Code(c) => c.to_string(),
        Status::Range(r) => format!("{r}XX"),
        Status::Default => "default".into(),
    }
}

fn style(s: QueryStyle) -> Option<String> {
    match s {
        QueryStyle::Form => None,
        QueryStyle::FormJoined => Some("form explode=false".into()),
        QueryStyle::SpaceDelimited => Some("spaceDelimited".into()),
        QueryStyle::PipeDelimited => Some("pipeDelimited".into()),
        QueryStyle::DeepObject => Some("deepObject".into()),
    }
}

fn sign_in(sign_in: &model::SignIn) -> SignIn {
    let constants = match &sign_in.source {
        model::TokenSource::Flows(flows) => {
            flows.iter().map(|f| SignInConst::Flow { name: f.const_name.clone(), grant: f.grant.key().to_owned() }).collect()
        }
        model::TokenSource::Discovery { url, const_name } => vec![SignInConst::Discovery { name: const_name.clone(), url: one_line(url) }],
    };
    let scopes = sign_in.scopes.as_ref().map(|e| (e.name.clone(), e.scopes.iter().map(|s| (s.variant.clone(), s.name.clone())).collect()));
    SignIn { session: sign_in.session_setter.clone(), constants, scopes }
}

impl Surface {
    /// The surface of a model.
    pub fn of(api: &Api) -> Surface {
        let ty = |t: &TypeRef| Ty::of(api, t);
        let servers =
            api.servers.iter().map(|s| Server { const_name: s.const_name.clone(), url: one_line(&s.url), relative: s.relative }).collect();
        let auth = api
            .security_schemes
            .iter()
            .map(|s| Auth {
                key: one_line(&s.key),
                setter: crate::naming::credential_setter(&s.rust_name).trim_start_matches("with_").to_owned(),
                how: match &s.kind {
                    SchemeKind::Bearer => AuthHow::Bearer,
                    SchemeKind::Basic => AuthHow::Basic,
                    SchemeKind::OtherHttp(scheme) => AuthHow::OtherHttp(one_line(scheme)),
                    SchemeKind::ApiKey { location, name } => AuthHow::ApiKey {
                        location: match location {
                            ApiKeyLocation::Header => "header",
                            ApiKeyLocation::Query => "query",
                            ApiKeyLocation::Cookie => "cookie",
                        }
                        .to_owned(),
                        name: one_line(name),
                    },
                },
                sign_in: s.sign_in.as_ref().map(sign_in),
            })
            .collect();
        let operations = api.operations.iter().map(|op| operation(api, op)).collect();
        let webhooks = api
            .webhooks
            .iter()
            .map(|w| Webhook {
                name: w.rust_name.clone(),
                body: w.payload.as_ref().map(|b| (ty(&b.ty), one_line(&b.content_type))),
                method: w.http_method.to_string(),
                url: w.url.as_deref().map(one_line),
                key: one_line(&w.name),
            })
            .collect();
        let gates = api.type_gates();
        let types = api
            .types
            .iter()
            .zip(&gates)
            .map(|(def, gate)| TypeDef {
                name: def.name.clone(),
                features: features(api, gate),
                kind: match &def.kind {
                    TypeKind::Struct(s) => Kind::Struct {
                        fields: s
                            .fields
                            .iter()
                            .map(|f| Field {
                                name: f.rust_name.clone(),
                                ty: ty(&f.ty),
                                boxed: f.boxed,
                                holding: f.holding(),
                                required: f.required,
                                wire: f.wire_name.clone(),
                                constraints: f.constraints.iter().map(|(k, v)| (k.clone(), one_line(v))).collect(),
                            })
                            .collect(),
                        additional: s.additional.as_ref().map(ty),
                    },
                    TypeKind::Enum(e) => Kind::Enum {
                        values: e.variants.iter().map(|v| (v.rust_name.clone(), v.wire_name.clone())).collect(),
                        catch_all: e.catch_all.clone(),
                    },
                    TypeKind::OneOf(o) => Kind::OneOf {
                        discriminator: o.discriminator.clone(),
                        catch_all: o.catch_all.clone(),
                        variants: o
                            .variants
                            .iter()
                            .map(|v| Variant { name: v.rust_name.clone(), ty: ty(&v.ty), boxed: v.boxed, tag: v.tag.clone() })
                            .collect(),
                    },
                    TypeKind::Alias(t) => Kind::Alias(ty(t)),
                },
            })
            .collect();
        Surface {
            module: api.module.clone(),
            title: one_line(&api.title),
            version: one_line(&api.version),
            servers,
            auth,
            operations,
            webhooks,
            types,
        }
    }

    /// Reads a surface back from its text.
    pub fn parse(text: &str) -> Result<Surface, ParseError> {
        parse::parse(text)
    }

    pub fn type_def(&self, name: &str) -> Option<&TypeDef> {
        self.types.iter().find(|t| t.name == name)
    }
}

/// The features that compile an item behind `gate`: see [`TypeDef::features`].
fn features(api: &Api, gate: &Gate) -> Vec<String> {
    match gate {
        Gate::Always => Vec::new(),
        Gate::Groups(groups) => groups.iter().map(|&g| api.group_feature(g)).collect(),
        Gate::Whole => vec![api.module.clone()],
    }
}

fn operation(api: &Api, op: &model::Operation) -> Operation {
    let ty = |t: &TypeRef| Ty::of(api, t);
    let params = op
        .params
        .iter()
        .map(|p| Param {
            location: match p.location {
                ParamLocation::Path => Location::Path,
                ParamLocation::Query => Location::Query,
                ParamLocation::Header => Location::Header,
                ParamLocation::Cookie => Location::Cookie,
            },
            name: p.rust_name.clone(),
            required: p.required,
            ty: ty(&p.ty),
            wire: p.wire_name.clone(),
            style: if p.location == ParamLocation::Query { style(p.style) } else { None },
            constraints: p.constraints.iter().map(|(k, v)| (k.clone(), one_line(v))).collect(),
        })
        .collect();
    let body = op.body.as_ref().map(|b| Body { required: b.required, ty: ty(&b.ty), content_type: one_line(&b.content_type) });
    let responses = op
        .responses
        .iter()
        .map(|r| Response {
            status: status(r.status),
            error: (!r.status.is_success()).then(|| (op.error_name.clone(), r.variant.clone())),
            body: r.body.as_ref().map(ty),
            boxed: r.boxed,
            media: match (&r.body, r.kind) {
                (Some(_), MediaKind::Text | MediaKind::Binary | MediaKind::EventStream) => {
                    let fallback = match r.kind {
                        MediaKind::Text => "text/plain",
                        MediaKind::EventStream => "text/event-stream",
                        _ => "application/octet-stream",
                    };
                    Some(one_line(r.content_type.as_deref().unwrap_or(fallback)))
                }
                _ => None,
            },
        })
        .collect();
    let mut security: Vec<Vec<String>> =
        op.security.iter().map(|alt| alt.iter().map(|&i| one_line(&api.security_schemes[i].key)).collect()).collect();
    // `none` is both "no requirement" and "one alternative without credentials".
    if security.iter().all(Vec::is_empty) {
        security.clear();
    }
    let stream = op.pagination.as_ref().map(|page| {
        let wire = |id: ParamId| op.params.get(id.0).map_or_else(String::new, |p| p.wire_name.clone());
        let mut how = match &page.style {
            PageStyle::Cursor { param, next, .. } => format!("cursor `{}` → `{}`", next.dotted(), wire(*param)),
            PageStyle::AfterLast { param, last: LastId::Item(id), .. } => {
                format!("after the last item's `{}` → `{}`", id.dotted(), wire(*param))
            }
            PageStyle::AfterLast { param, last: LastId::Answer(id), .. } => format!("after `{}` → `{}`", id.dotted(), wire(*param)),
            PageStyle::PageNumber { param, first } => format!("page number `{}` from {first}", wire(*param)),
            PageStyle::Link => "`Link` header".to_owned(),
        };
        if let Some(items) = &page.items {
            how = format!("items `{}`, {how}", items.dotted());
        }
        Stream { item: Ty::of(api, &page.item), how: one_line(&how).replace(['(', ')'], "") }
    });
    Operation {
        feature: op.group.map(|g| api.group_feature(g)),
        name: op.method_name.clone(),
        method: op.http_method.to_string(),
        path: one_line(&op.path),
        deprecated: op.deprecated,
        builder: op.builder_name.clone(),
        stream,
        events: op.events.as_ref().map(ty),
        params,
        body,
        ok: op.success.as_ref().map(ty),
        ok_optional: op.success.is_some() && op.success_optional && op.success_kind == MediaKind::Json,
        responses,
        security,
    }
}

impl fmt::Display for Surface {
    fn fmt(&self, out: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(out, "api {} ({} {})", self.module, self.title, self.version)?;
        for s in &self.servers {
            let rel = if s.relative { " (relative)" } else { "" };
            writeln!(out, "server {} = {}{rel}", s.const_name, s.url)?;
        }
        for s in &self.auth {
            writeln!(out, "auth {} -> with_{}: {}", s.key, s.setter, s.how)?;
            if let Some(sign_in) = &s.sign_in {
                writeln!(out, "  session with_{}", sign_in.session)?;
                for constant in &sign_in.constants {
                    match constant {
                        SignInConst::Flow { name, grant } => writeln!(out, "  flow {name}: {grant}")?,
                        SignInConst::Discovery { name, url } => writeln!(out, "  discovery {name} = {url}")?,
                    }
                }
                if let Some((name, scopes)) = &sign_in.scopes {
                    let scopes: Vec<String> = scopes.iter().map(|(variant, scope)| format!("{variant} = {scope:?}")).collect();
                    writeln!(out, "  scopes {name}: {}", scopes.join(" | "))?;
                }
            }
        }
        for op in &self.operations {
            let deprecated = if op.deprecated { " (deprecated)" } else { "" };
            let builder = if op.builder == default_builder(&op.name) { String::new() } else { format!(" (builder {})", op.builder) };
            writeln!(out, "\nfn {}: {} {}{deprecated}{builder}", op.name, op.method, op.path)?;
            if let Some(feature) = &op.feature {
                writeln!(out, "  feature {feature}")?;
            }
            for p in &op.params {
                let opt = if p.required { "" } else { "?" };
                let style = p.style.as_ref().map(|s| format!(", {s}")).unwrap_or_default();
                writeln!(out, "  {} {}{opt}: {} (`{}`{style})", p.location.as_str(), p.name, p.ty, p.wire)?;
                write_constraints(out, &p.constraints)?;
            }
            if let Some(b) = &op.body {
                let opt = if b.required { "" } else { "?" };
                writeln!(out, "  body{opt}: {} ({})", b.ty, b.content_type)?;
            }
            match (&op.ok, op.ok_optional) {
                (None, _) => writeln!(out, "  -> ()")?,
                (Some(t), false) => writeln!(out, "  -> {t}")?,
                (Some(t), true) => writeln!(out, "  -> Option<{t}>")?,
            }
            if let Some(stream) = &op.stream {
                writeln!(out, "  stream: {} ({})", stream.item, stream.how)?;
            }
            if let Some(events) = &op.events {
                writeln!(out, "  events: {events}")?;
            }
            for r in &op.responses {
                let body = r.body.as_ref().map_or_else(|| "no body".to_owned(), ToString::to_string);
                let body = if r.boxed { format!("Box<{body}>") } else { body };
                let role = r.error.as_ref().map_or_else(|| "ok".to_owned(), |(e, v)| format!("{e}::{v}"));
                let media = r.media.as_ref().map(|m| format!(" ({m})")).unwrap_or_default();
                writeln!(out, "  {} {role}: {body}{media}", r.status)?;
            }
            let security: Vec<String> =
                op.security.iter().map(|alt| if alt.is_empty() { "none".to_owned() } else { alt.join(" + ") }).collect();
            let security = if security.is_empty() { "none".to_owned() } else { security.join(" | ") };
            writeln!(out, "  security: {security}")?;
        }
        for w in &self.webhooks {
            let url = w.url.as_deref().map_or_else(String::new, |u| format!(" {u}"));
            let body = w.body.as_ref().map_or_else(|| "no body".to_owned(), |(t, ct)| format!("{t} ({ct})"));
            writeln!(out, "\nwebhook {} = {}: {}{url} `{}`", w.name, body, w.method, w.key)?;
        }
        for def in &self.types {
            writeln!(out)?;
            match &def.kind {
                Kind::Struct { fields, additional } => {
                    writeln!(out, "struct {}", def.name)?;
                    write_features(out, &def.features)?;
                    for f in fields {
                        let mut t = f.ty.to_string();
                        if f.boxed {
                            t = format!("Box<{t}>");
                        }
                        t = f.holding.wrap(&t);
                        let req = if f.required { " required" } else { "" };
                        let wire = if crate::naming::unraw(&f.name) == f.wire { String::new() } else { format!(" (`{}`)", f.wire) };
                        writeln!(out, "  {}: {t}{req}{wire}", f.name)?;
                        write_constraints(out, &f.constraints)?;
                    }
                    if let Some(extra) = additional {
                        writeln!(out, "  ..: Map<{extra}>")?;
                    }
                }
                Kind::Enum { values, catch_all } => {
                    let values: Vec<String> = values.iter().map(|(name, wire)| format!("{name} = {wire:?}")).collect();
                    match catch_all {
                        Some(catch_all) => writeln!(out, "enum {}: {} | {catch_all}(String)", def.name, values.join(" | "))?,
                        None => writeln!(out, "enum {}: {} (closed)", def.name, values.join(" | "))?,
                    }
                    write_features(out, &def.features)?;
                }
                Kind::OneOf { discriminator, variants, catch_all } => {
                    let how = discriminator.as_ref().map_or_else(|| "untagged".to_owned(), |d| format!("by `{d}`"));
                    let open = catch_all.as_ref().map(|c| format!(" | {c}(Json)")).unwrap_or_default();
                    writeln!(out, "oneOf {} ({how}){open}", def.name)?;
                    write_features(out, &def.features)?;
                    for v in variants {
                        let t = if v.boxed { format!("Box<{}>", v.ty) } else { v.ty.to_string() };
                        let tag = v.tag.as_ref().map(|t| format!(" = {t:?}")).unwrap_or_default();
                        writeln!(out, "  {}({t}){tag}", v.name)?;
                    }
                }
                Kind::Alias(t) => {
                    writeln!(out, "type {} = {t}", def.name)?;
                    write_features(out, &def.features)?;
                }
            }
        }
        Ok(())
    }
}

/// The features that compile a type, beneath its first line.
fn write_features(out: &mut fmt::Formatter<'_>, features: &[String]) -> fmt::Result {
    if features.is_empty() {
        return Ok(());
    }
    writeln!(out, "  feature {}", features.join(" | "))
}

/// A parameter's or field's validation keywords, on a line of their own beneath it.
fn write_constraints(out: &mut fmt::Formatter<'_>, constraints: &Constraints) -> fmt::Result {
    if constraints.is_empty() {
        return Ok(());
    }
    let words: Vec<String> = constraints.iter().map(|(k, v)| format!("{k} {v}")).collect();
    writeln!(out, "    {}", words.join(", "))
}

impl fmt::Display for AuthHow {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            AuthHow::Bearer => f.write_str("bearer token"),
            AuthHow::Basic => f.write_str("basic"),
            AuthHow::OtherHttp(scheme) => write!(f, "`Authorization: {scheme} <token>`"),
            AuthHow::ApiKey { location, name } => write!(f, "api key in {location} `{name}`"),
        }
    }
}

/// Renders the model's surface.
pub fn surface(api: &Api) -> String {
    Surface::of(api).to_string()
}
