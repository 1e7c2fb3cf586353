//! The API model: plain data lowered from a spec, with every name decided and every `$ref`
//! resolved. Tests inspect it; emission is a pure function of it.

use serde_json::Value;

mod groups;

pub use groups::{Gate, Group, GroupId};

/// One API: everything the emitter needs to write its module.
#[derive(Debug, Clone, PartialEq)]
pub struct Api {
    /// Module and cargo feature name, e.g. `fax_plus`.
    pub module: String,
    pub title: String,
    pub version: String,
    pub description: Option<String>,
    pub servers: Vec<Server>,
    pub security_schemes: Vec<SecurityScheme>,
    /// Every named type; [`TypeId`] indexes this list.
    pub types: Vec<TypeDef>,
    pub operations: Vec<Operation>,
    /// Requests the API sends to its users: webhooks, then operations' callbacks.
    pub webhooks: Vec<Webhook>,
    /// The operations' groups, each a cargo feature of its own; empty when the API is one
    /// feature. [`GroupId`] indexes this list.
    pub groups: Vec<Group>,
}

impl Api {
    pub fn type_def(&self, id: TypeId) -> &TypeDef {
        &self.types[id.0]
    }

    /// Whether a value of `ty` is read with the decoding policy's allowances (the runtime's
    /// `Tolerant`): a date-time without an offset, an integer with a zero fraction, and arrays,
    /// maps and aliases of them. Aliases end: lowering refuses one defined through itself.
    pub fn reads_leniently(&self, ty: &TypeRef) -> bool {
        match ty {
            TypeRef::I32 | TypeRef::I64 | TypeRef::DateTime => true,
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => self.reads_leniently(inner),
            TypeRef::Named(id) => match &self.type_def(*id).kind {
                TypeKind::Alias(inner) => self.reads_leniently(inner),
                _ => false,
            },
            _ => false,
        }
    }

    /// The longest names of each kind, and how many were cut or come from FastAPI handlers.
    pub fn name_report(&self) -> NameReport {
        let sign_ins = || self.security_schemes.iter().filter_map(|s| s.sign_in.as_ref());
        let methods: Vec<&str> = self.operations.iter().map(|op| op.method_name.as_str()).collect();
        let types: Vec<&str> = self
            .types
            .iter()
            .map(|t| t.name.as_str())
            .chain(self.operations.iter().flat_map(|op| [op.error_name.as_str(), op.builder_name.as_str()]))
            .chain(sign_ins().filter_map(|s| s.scopes.as_ref()).map(|e| e.name.as_str()))
            .collect();
        let constants: Vec<&str> = self
            .servers
            .iter()
            .map(|s| s.const_name.as_str())
            .chain(sign_ins().flat_map(|s| match &s.source {
                TokenSource::Flows(flows) => flows.iter().map(|f| f.const_name.as_str()).collect::<Vec<_>>(),
                TokenSource::Discovery { const_name, .. } => vec![const_name.as_str()],
            }))
            .collect();
        let members = self.types.iter().flat_map(|t| match &t.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| f.rust_name.as_str()).collect::<Vec<_>>(),
            TypeKind::Enum(e) => e.variants.iter().map(|v| v.rust_name.as_str()).collect(),
            TypeKind::OneOf(o) => o.variants.iter().map(|v| v.rust_name.as_str()).collect(),
            TypeKind::Alias(_) => Vec::new(),
        });
        let longest = |names: &[&str]| names.iter().max_by_key(|n| n.len()).map_or_else(String::new, |n| (*n).to_owned());
        let every = methods.iter().chain(&types).chain(&constants).copied().chain(members);
        NameReport {
            longest_method: longest(&methods),
            longest_type: longest(&types),
            longest_const: longest(&constants),
            hashed: every.filter(|n| crate::naming::is_hashed(n)).count(),
            handler_named: self.operations.iter().filter(|op| op.handler_named).count(),
        }
    }
}

/// Figures about an API's names, for the corpus harness's names report.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NameReport {
    pub longest_method: String,
    pub longest_type: String,
    pub longest_const: String,
    /// Names cut to the length limit and ended with a hash.
    pub hashed: usize,
    /// Methods named after the FastAPI handler of a default operation id.
    pub handler_named: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Server {
    /// Constant name, e.g. `PRODUCTION_SERVER`.
    pub const_name: String,
    pub url: String,
    pub description: Option<String>,
    /// A relative URL (`/v3`) is resolved against the host that serves the API.
    pub relative: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SecurityScheme {
    /// The key under `components/securitySchemes`.
    pub key: String,
    /// Snake-case name used for the client's setter, e.g. `api_key_auth`.
    pub rust_name: String,
    pub kind: SchemeKind,
    pub description: Option<String>,
    /// How the token of an OAuth2 or OpenID Connect scheme is obtained.
    pub sign_in: Option<SignIn>,
}

/// The sign-in an OAuth2 or OpenID Connect scheme declares.
#[derive(Debug, Clone, PartialEq)]
pub struct SignIn {
    /// Snake-case name of the client's setter that takes a session, without `with_`.
    pub session_setter: String,
    pub source: TokenSource,
    /// The scopes the flows list, when they list any.
    pub scopes: Option<ScopeEnum>,
}

impl SignIn {
    /// What a user signs in with: per flow its grant's key, or `openIdConnect` for discovery.
    pub fn helpers(&self) -> Vec<&'static str> {
        match &self.source {
            TokenSource::Flows(flows) => flows.iter().map(|f| f.grant.key()).collect(),
            TokenSource::Discovery { .. } => vec!["openIdConnect"],
        }
    }
}

/// The enum of a scheme's scopes: each once, in spec order.
#[derive(Debug, Clone, PartialEq)]
pub struct ScopeEnum {
    pub name: String,
    pub scopes: Vec<OAuthScope>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TokenSource {
    /// OAuth2 flows, implicit left out: it hands the token to a browser, not to a client.
    Flows(Vec<OAuthFlow>),
    /// OpenID Connect: endpoints are read from the discovery document at `url`.
    Discovery { url: String, const_name: String },
}

#[derive(Debug, Clone, PartialEq)]
pub struct OAuthFlow {
    pub grant: Grant,
    /// The module-level constant holding the flow's endpoints.
    pub const_name: String,
    pub authorization_url: Option<String>,
    pub token_url: String,
    pub refresh_url: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Grant {
    AuthorizationCode,
    ClientCredentials,
    Password,
}

impl Grant {
    /// The flow's key under `flows` in OpenAPI 3.
    pub fn key(self) -> &'static str {
        match self {
            Grant::AuthorizationCode => "authorizationCode",
            Grant::ClientCredentials => "clientCredentials",
            Grant::Password => "password",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct OAuthScope {
    pub name: String,
    pub variant: String,
    pub description: String,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum SchemeKind {
    /// `Authorization: Bearer <token>`: HTTP bearer, OAuth2 and OpenID Connect access tokens.
    Bearer,
    /// `Authorization: Basic …`.
    Basic,
    /// `Authorization: <scheme> <token>` for another HTTP scheme, e.g. Sentry's `DSN`.
    OtherHttp(String),
    ApiKey {
        location: ApiKeyLocation,
        name: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ApiKeyLocation {
    Header,
    Query,
    Cookie,
}

/// Index into [`Api::types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub usize);

/// Index into an operation's [`params`](Operation::params).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ParamId(pub usize);

/// Index into [`Api::security_schemes`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct SchemeId(pub usize);

impl std::ops::Index<ParamId> for Vec<Param> {
    type Output = Param;

    fn index(&self, id: ParamId) -> &Param {
        &self[id.0]
    }
}

impl std::ops::Index<SchemeId> for Vec<SecurityScheme> {
    type Output = SecurityScheme;

    fn index(&self, id: SchemeId) -> &SecurityScheme {
        &self[id.0]
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct TypeDef {
    pub name: String,
    /// Where the type was defined, e.g. `/components/schemas/Contact/properties/type`.
    pub pointer: String,
    pub docs: Docs,
    pub kind: TypeKind,
}

impl TypeDef {
    /// What the type is, in words, from where the spec defines it (`the `error` member of
    /// `BadRequestError``): for a type whose schema says nothing of itself. `None` where the
    /// pointer names nothing a reader would know.
    pub fn origin(&self) -> Option<String> {
        // Backticks would end the code spans the names go in.
        let segments: Vec<String> =
            self.pointer.split('/').skip(1).map(|s| s.replace("~1", "/").replace("~0", "~").replace('`', "'")).collect();
        let phrase = origin(&segments)?;
        let mut chars = phrase.chars();
        let first = chars.next()?;
        Some(format!("{}{}.", first.to_uppercase(), chars.as_str()))
    }
}

/// A noun phrase for the schema at `segments` (a JSON pointer's, unescaped).
fn origin(segments: &[String]) -> Option<String> {
    let words: Vec<&str> = segments.iter().map(String::as_str).collect();
    let operation = |path: &str, method: &str| format!("`{} {path}`", method.to_ascii_uppercase());
    Some(match words.as_slice() {
        ["components", "schemas", name] => format!("the `{name}` schema"),
        ["components", "responses", name, "content", _, "schema"] => format!("the `{name}` answer"),
        ["components", "requestBodies", name, "content", _, "schema"] => format!("the `{name}` request body"),
        ["components", "parameters", name, "schema"] => format!("the `{name}` parameter"),
        ["paths", path, method, "requestBody", "content", _, "schema"] => format!("the body of {}", operation(path, method)),
        ["paths", path, method, "responses", status, "content", _, "schema"] => {
            format!("the `{status}` answer of {}", operation(path, method))
        }
        ["paths", path, method, "parameters", _, "schema"] => format!("a parameter of {}", operation(path, method)),
        [parent @ .., "properties", name] => format!("the `{name}` member of {}", origin(&segments[..parent.len()])?),
        [parent @ .., "items"] => format!("an item of {}", origin(&segments[..parent.len()])?),
        [parent @ .., "additionalProperties"] => format!("a value of {}", origin(&segments[..parent.len()])?),
        [parent @ .., "allOf", _] => format!("a part of {}", origin(&segments[..parent.len()])?),
        [parent @ .., "oneOf" | "anyOf", _] => format!("an alternative of {}", origin(&segments[..parent.len()])?),
        _ => return None,
    })
}

/// Documentation carried from the spec into doc comments.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Docs {
    pub title: Option<String>,
    pub description: Option<String>,
    pub example: Option<Value>,
    /// Examples beyond the first, from a JSON Schema `examples` list.
    pub more_examples: Vec<Value>,
    /// The value the server assumes when the field is absent.
    pub default: Option<Value>,
}

#[derive(Debug, Clone, PartialEq)]
pub enum TypeKind {
    Struct(Struct),
    /// A string enum; unknown values from the server land in the catch-all variant.
    Enum(StringEnum),
    /// `oneOf`/`anyOf`: one of several types.
    OneOf(OneOf),
    /// A named schema that is not an object or enum, e.g. `type: array`.
    Alias(TypeRef),
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneOf {
    pub variants: Vec<OneOfVariant>,
    /// The discriminator property, when every variant has a tag value: decoding then picks the
    /// variant by tag instead of trying each in turn.
    pub discriminator: Option<String>,
    /// The variant that keeps, as raw JSON, a value of an alternative the spec does not list
    /// (yet): set for unions the client reads, as APIs add alternatives to what they send.
    pub catch_all: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct OneOfVariant {
    pub rust_name: String,
    pub ty: TypeRef,
    /// The discriminator value that selects this variant.
    pub tag: Option<String>,
    /// Set when the variant's type contains this enum.
    pub boxed: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Struct {
    pub fields: Vec<Field>,
    /// Typed `additionalProperties`, flattened into a map beside the fields.
    pub additional: Option<TypeRef>,
}

impl Struct {
    /// A struct whose fields may all be absent can derive `Default`.
    pub fn all_optional(&self) -> bool {
        self.fields.iter().all(|f| !f.required || f.nullable)
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Field {
    pub rust_name: String,
    pub wire_name: String,
    pub ty: TypeRef,
    pub required: bool,
    pub nullable: bool,
    /// Set when the field's type contains this struct: the field needs a `Box`.
    pub boxed: bool,
    pub docs: Docs,
    pub constraints: Constraints,
}

/// The validation keywords of a value's schema as `(keyword, value)` pairs, e.g. `("maxLength",
/// "50")`; an array's items' keywords come after its own, prefixed `items.`. The client checks
/// none of them: they are here for the change report, as a new or tighter one may make the
/// server refuse what old clients send.
pub type Constraints = Vec<(String, String)>;

impl Field {
    /// The field may hold no value: it may be absent, or it may be `null`.
    pub fn optional(&self) -> bool {
        !self.required || self.nullable
    }

    /// The field may be absent and may be `null`, which a request (a PATCH above all) and an
    /// answer tell apart: it takes three states, not an `Option`'s two.
    pub fn three_state(&self) -> bool {
        !self.required && self.nullable
    }

    pub fn holding(&self) -> Holding {
        if self.three_state() {
            Holding::Nullable
        } else if self.optional() {
            Holding::Option
        } else {
            Holding::Value
        }
    }
}

/// How a field holds its value, which decides its Rust type around the value's own.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Holding {
    /// Always a value: `T`.
    Value,
    /// Absent or `null`, not told apart: `Option<T>`.
    Option,
    /// Absent, `null` or a value: the runtime's `Nullable<T>`.
    Nullable,
}

impl Holding {
    /// The Rust type of a field that holds `ty` this way, as a reader writes it.
    pub fn wrap(self, ty: &str) -> String {
        match self {
            Holding::Value => ty.to_owned(),
            Holding::Option => format!("Option<{ty}>"),
            Holding::Nullable => format!("Nullable<{ty}>"),
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct StringEnum {
    pub variants: Vec<Variant>,
    /// Name of the variant that keeps values the spec does not list; `None` for a closed set
    /// (a JSON Schema `const`), which accepts its listed values only.
    pub catch_all: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Variant {
    pub rust_name: String,
    pub wire_name: String,
}

/// A type as used in a field, parameter or body.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum TypeRef {
    String,
    I32,
    I64,
    F32,
    F64,
    Bool,
    /// `format: date-time`.
    DateTime,
    /// `format: date`.
    Date,
    /// `format: uuid`.
    Uuid,
    /// `format: binary`: raw bytes.
    Binary,
    /// Binary content the client sends, as a binary request body or a multipart file part:
    /// bytes in memory, a file or a stream (the runtime's `Upload`).
    Upload,
    /// Any JSON value.
    Json,
    /// A JSON object with arbitrary members.
    JsonObject,
    Array(Box<TypeRef>),
    /// A fixed-length array whose members have their own types (JSON Schema `prefixItems`).
    Tuple(Vec<TypeRef>),
    /// A string-keyed map.
    Map(Box<TypeRef>),
    /// An array item or map value that may be `null` (`Option<T>`); a field says so with its
    /// own `nullable` instead.
    Nullable(Box<TypeRef>),
    Named(TypeId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Operation {
    pub method_name: String,
    pub operation_id: Option<String>,
    /// The method is named after the FastAPI handler of a default `operationId`.
    pub handler_named: bool,
    pub http_method: HttpMethod,
    /// The path template as written in the spec.
    pub path: String,
    pub path_parts: Vec<PathPart>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The operation's first tag, which groups methods in the client.
    pub tag: Option<String>,
    /// The group (cargo feature) the operation is compiled with, when the API has groups.
    pub group: Option<GroupId>,
    pub deprecated: bool,
    pub params: Vec<Param>,
    pub body: Option<Body>,
    /// The body type of a successful (2xx) response; `None` when it has no body. For an event
    /// stream, the type of each event's data.
    pub success: Option<TypeRef>,
    /// How the success body is decoded. `Binary` and `EventStream` successes are streamed: the
    /// call returns the body unread, as a stream of bytes or of events.
    pub success_kind: MediaKind,
    /// Some 2xx answers have the body and some have none: the success value is an `Option`.
    pub success_optional: bool,
    /// Every documented response, in spec order.
    pub responses: Vec<Response>,
    /// The headers documented for the success answers, together: a header is required when
    /// every success answer requires it.
    pub success_headers: Option<Headers>,
    /// The type of each event's data when a success answer may also come as server-sent events
    /// (`text/event-stream` beside another media type, as OpenAI's `stream: true`): the builder
    /// then has `events()`.
    pub events: Option<TypeRef>,
    /// Alternatives, any one of which authorises the call; each lists scheme indices (into
    /// [`Api::security_schemes`]) that apply together. Empty: no authentication.
    pub security: Vec<Vec<SchemeId>>,
    /// Name of the per-operation error enum, e.g. `UpdateContactError`.
    pub error_name: String,
    /// Name of the operation's builder in the `builders` module, e.g. `UpdateContact`.
    pub builder_name: String,
    /// How the answers link to the next page, where the spec shows it: the builder then has
    /// `stream()`. The rules are in `lower/pagination.rs`.
    pub pagination: Option<Pagination>,
    /// The header (its name as sent) that carries the call's idempotency key: a header
    /// parameter named like `Idempotency-Key`, or the spec's `idempotency-header` setting for a
    /// POST or PATCH. The client then fills it when the caller does not, sends the same key on
    /// every attempt, and may retry the call whatever its method. Rules in `lower/idempotency.rs`.
    pub idempotency_header: Option<String>,
}

/// The HTTP methods an OpenAPI path item can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum HttpMethod {
    Get,
    Put,
    Post,
    Delete,
    Options,
    Head,
    Patch,
    Trace,
}

impl HttpMethod {
    /// The method of a path item's key (`get`, `patch`, …).
    pub fn of_key(key: &str) -> Option<Self> {
        Some(match key {
            "get" => HttpMethod::Get,
            "put" => HttpMethod::Put,
            "post" => HttpMethod::Post,
            "delete" => HttpMethod::Delete,
            "options" => HttpMethod::Options,
            "head" => HttpMethod::Head,
            "patch" => HttpMethod::Patch,
            "trace" => HttpMethod::Trace,
            _ => return None,
        })
    }

    /// As HTTP writes it: `GET`, `PATCH`.
    pub fn as_str(self) -> &'static str {
        match self {
            HttpMethod::Get => "GET",
            HttpMethod::Put => "PUT",
            HttpMethod::Post => "POST",
            HttpMethod::Delete => "DELETE",
            HttpMethod::Options => "OPTIONS",
            HttpMethod::Head => "HEAD",
            HttpMethod::Patch => "PATCH",
            HttpMethod::Trace => "TRACE",
        }
    }
}

impl std::fmt::Display for HttpMethod {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl Operation {
    /// The documented answers that count as success (see [`successes`]).
    pub fn successes(&self) -> impl Iterator<Item = &Response> {
        successes(&self.responses)
    }

    /// The documented answers that are errors, in spec order.
    pub fn error_responses(&self) -> impl Iterator<Item = &Response> {
        self.responses.iter().filter(|r| !r.status.is_success())
    }
}

impl Operation {
    /// The success answer a mock's `respond_ok` gives: the first documented success with a
    /// body when the success has one, else the first documented success.
    pub fn mock_success(&self) -> Option<&Response> {
        let with_body = self.successes().find(|r| self.success.is_some() && r.body.is_some());
        with_body.or_else(|| self.successes().next())
    }

    /// The status a mock answers with for the documented answer `response`, read by the client
    /// as that answer (as the success when `success`, else as its error variant): a code itself;
    /// for a range, its first code not documented on its own (`4XX` beside `404` is `400`); for
    /// `default`, `200` as the success, else the first of 500–599 then 400–499 that no other
    /// answer documents.
    pub fn mock_status(&self, response: &Response, success: bool) -> u16 {
        let taken = |code: u16| {
            self.responses.iter().any(|r| match r.status {
                Status::Code(c) => c == code,
                Status::Range(n) => response.status == Status::Default && n == code / 100,
                Status::Default => false,
            })
        };
        match response.status {
            Status::Code(c) => c,
            Status::Range(n) => (n * 100..n * 100 + 100).find(|&c| !taken(c)).unwrap_or(n * 100),
            Status::Default if success => 200,
            // Never a 2xx: where `default` stands for the success too, a 2xx reads as the success.
            Status::Default => (500..600).chain(400..500).find(|&c| !taken(c)).unwrap_or(599),
        }
    }
}

impl Operation {
    /// The success answer is streamed: bytes or server-sent events, handed over unread.
    pub fn streams(&self) -> bool {
        self.success.is_some() && matches!(self.success_kind, MediaKind::Binary | MediaKind::EventStream)
    }
}

/// How a list operation pages: where the items are, and how the next request is made.
#[derive(Debug, Clone, PartialEq)]
pub struct Pagination {
    pub style: PageStyle,
    /// The field of the success struct that holds the items; `None` when the success body is
    /// the array itself.
    pub items: Option<PageField>,
    /// The items' type.
    pub item: TypeRef,
}

/// A field of an answer, by its path from the success body (one name per nested struct).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PageField {
    /// The fields' Rust names, outermost first.
    pub path: Vec<String>,
    /// Per step: the field may hold no value, and how.
    pub holding: Vec<Holding>,
    /// Per step: the field is boxed.
    pub boxed: Vec<bool>,
}

impl PageField {
    /// The path as the spec's readers write it, e.g. `meta.cursors.next`.
    pub fn dotted(&self) -> String {
        self.path.iter().map(|p| crate::naming::unraw(p)).collect::<Vec<_>>().join(".")
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum PageStyle {
    /// The answer names the next page's cursor (`next`), which the next request sends in the query
    /// parameter `param` (an index into [`Operation::params`]); no cursor ends the stream. The
    /// query parameters in `reset` are left out of the requests after the first (Dropshot's page
    /// tokens carry them).
    Cursor { param: ParamId, next: PageField, reset: Vec<ParamId> },
    /// The answer says whether more items follow (`has_more`; absent: follow while pages have
    /// items); the next request sends the last item's `id` field (or the answer's `last`, such
    /// as `last_id`) in the query parameter `param`.
    AfterLast { param: ParamId, has_more: Option<PageField>, last: LastId },
    /// Numbered pages: the next request sends the next number in the query parameter `param`,
    /// counting from `first` when the caller sets no page.
    PageNumber { param: ParamId, first: i64 },
    /// The answer's `Link` header names the next page (`rel="next"`), which is fetched as it is.
    Link,
}

/// Where an `AfterLast` cursor comes from.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LastId {
    /// A field of the last item, e.g. `id`.
    Item(PageField),
    /// A field of the answer, e.g. `last_id`.
    Answer(PageField),
}

/// A request the API sends to the user's endpoint: a 3.1 webhook or an operation's callback.
#[derive(Debug, Clone, PartialEq)]
pub struct Webhook {
    /// The name of its payload type in the `webhooks` module, e.g. `NewPet`.
    pub rust_name: String,
    /// The webhook's key, or the operation and callback names.
    pub name: String,
    pub http_method: HttpMethod,
    /// A callback's URL expression, e.g. `{$request.body#/callbackUrl}`.
    pub url: Option<String>,
    pub summary: Option<String>,
    pub description: Option<String>,
    /// The body the API sends, if any.
    pub payload: Option<Body>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PathPart {
    Literal(String),
    Param(ParamId),
}

#[derive(Debug, Clone, PartialEq)]
pub struct Param {
    pub rust_name: String,
    pub wire_name: String,
    pub location: ParamLocation,
    /// How a query value is written; other locations always use OpenAPI's `simple` style.
    pub style: QueryStyle,
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
    pub constraints: Constraints,
}

/// OpenAPI's query parameter styles, with `explode` folded in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryStyle {
    /// `form`, exploded (the default): `id=1&id=2`, and an object's members as `key=value`.
    Form,
    /// `form` with `explode: false`: `id=1,2`.
    FormJoined,
    /// `id=1%202`.
    SpaceDelimited,
    /// `id=1|2`.
    PipeDelimited,
    /// `filter[key]=value`.
    DeepObject,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ParamLocation {
    Path,
    Query,
    Header,
    Cookie,
}

impl ParamLocation {
    /// The location as OpenAPI's `in` writes it, e.g. `query`.
    pub fn as_str(self) -> &'static str {
        match self {
            ParamLocation::Path => "path",
            ParamLocation::Query => "query",
            ParamLocation::Header => "header",
            ParamLocation::Cookie => "cookie",
        }
    }
}

/// How a body travels.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MediaKind {
    Json,
    /// `application/x-www-form-urlencoded`.
    Form,
    /// `multipart/form-data`.
    Multipart,
    /// `text/*` and XML: a string as is.
    Text,
    /// Anything else: bytes as they are.
    Binary,
    /// `text/event-stream`: server-sent events.
    EventStream,
}

impl MediaKind {
    pub fn of(media_type: &str) -> Self {
        let essence = media_type.split(';').next().unwrap_or_default().trim().to_ascii_lowercase();
        match essence.as_str() {
            "application/json" => MediaKind::Json,
            e if e.ends_with("+json") => MediaKind::Json,
            "application/x-www-form-urlencoded" => MediaKind::Form,
            "text/event-stream" => MediaKind::EventStream,
            e if e.starts_with("multipart/") || e == "form-data" => MediaKind::Multipart,
            e if e.starts_with("text/") || e.ends_with("/xml") || e.ends_with("+xml") => MediaKind::Text,
            _ => MediaKind::Binary,
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub struct Body {
    pub kind: MediaKind,
    pub ty: TypeRef,
    pub required: bool,
    pub content_type: String,
    pub description: Option<String>,
    /// The media type's `example` and `examples`, by name.
    pub examples: Vec<(String, Value)>,
    /// How members of a form or multipart body are written, per member the spec's `encoding`
    /// names.
    pub encoding: Vec<MemberEncoding>,
}

/// One entry of a media type's `encoding`: how one member of a form or multipart body is sent.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MemberEncoding {
    /// The member's name on the wire.
    pub name: String,
    /// A urlencoded member's style; `None` where the spec gives none.
    pub style: Option<QueryStyle>,
    /// A multipart part's media type, e.g. `application/json` or `image/png`.
    pub content_type: Option<String>,
}

/// A struct of documented response headers, in the API's `headers` module.
#[derive(Debug, Clone, PartialEq)]
pub struct Headers {
    /// The struct's name, unique in the `headers` module.
    pub name: String,
    pub fields: Vec<Header>,
}

/// One documented response header.
#[derive(Debug, Clone, PartialEq)]
pub struct Header {
    pub rust_name: String,
    /// The header's name as the spec writes it.
    pub wire_name: String,
    /// Scalars, enums and arrays of them; other schemas are read as text.
    pub ty: TypeRef,
    pub required: bool,
    pub description: Option<String>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Response {
    pub status: Status,
    /// Variant name in the operation's error enum (unused for successes).
    pub variant: String,
    pub description: String,
    pub body: Option<TypeRef>,
    /// How the body is decoded: JSON, text, bytes, or (a success only) server-sent events.
    pub kind: MediaKind,
    /// Set when the body is much larger than the other error bodies: its variant holds a `Box`.
    pub boxed: bool,
    /// A success that may come as server-sent events (`text/event-stream` is one of its media
    /// types): the answers `events()` streams.
    pub events: bool,
    /// Media type of the body, e.g. `application/json`.
    pub content_type: Option<String>,
    /// The media type's `example` and `examples`, by name.
    pub examples: Vec<(String, Value)>,
    /// The headers the spec documents for this answer, if any.
    pub headers: Option<Headers>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Status {
    Code(u16),
    /// `4XX` is `Range(4)`.
    Range(u16),
    Default,
}

impl Status {
    pub fn is_success(self) -> bool {
        matches!(self, Status::Code(200..=299) | Status::Range(2))
    }

    /// The status as the spec writes it: `404`, `4XX`, `default`.
    pub fn label(self) -> String {
        match self {
            Status::Code(c) => c.to_string(),
            Status::Range(r) => format!("{r}XX"),
            Status::Default => "default".to_owned(),
        }
    }
}

/// The answers that count as success: the 2xx ones, or `default` when no 2xx is documented.
pub fn successes(responses: &[Response]) -> impl Iterator<Item = &Response> {
    let explicit = responses.iter().any(|r| r.status.is_success());
    responses.iter().filter(move |r| r.status.is_success() || (!explicit && r.status == Status::Default))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn origin_of(pointer: &str) -> Option<String> {
        TypeDef {
            name: "X".into(),
            pointer: pointer.into(),
            docs: Docs::default(),
            kind: TypeKind::Alias(TypeRef::Json),
        }
        .origin()
    }

    #[test]
    fn a_type_is_described_by_where_the_spec_defines_it() {
        let cases = [
            ("/components/schemas/BadRequestError/properties/error", "The `error` member of the `BadRequestError` schema."),
            ("/components/schemas/Pets/items", "An item of the `Pets` schema."),
            ("/paths/~1pets~1{id}/patch/requestBody/content/application~1json/schema", "The body of `PATCH /pets/{id}`."),
            (
                "/paths/~1pets/get/responses/200/content/application~1json/schema/properties/data/items",
                "An item of the `data` member of the `200` answer of `GET /pets`.",
            ),
            ("/components/schemas/U/oneOf/1/properties/a`b", "The `a'b` member of an alternative of the `U` schema."),
        ];
        for (pointer, expected) in cases {
            assert_eq!(origin_of(pointer).as_deref(), Some(expected), "{pointer}");
        }
        assert_eq!(origin_of("/webhooks/newPet/post/requestBody/content/application~1json/schema"), None);
    }
}
