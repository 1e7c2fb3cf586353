//! Every rule the diff applies: its id, what it finds, and how it is classified on each axis.
//! [`rules_table`] renders them as the Markdown table in the module's documentation (a test keeps
//! the two identical).

use std::fmt;

/// One kind of change. [`Rule::id`] is its stable name in reports and fixture folders.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Rule {
    InfoChanged,
    DocsChanged,
    ServerAdded,
    ServerRemoved,
    ServerChanged,
    AuthAdded,
    AuthRemoved,
    AuthChanged,
    SignInAdded,
    SignInRemoved,
    OperationAdded,
    OperationRemoved,
    OperationRenamed,
    OperationMoved,
    OperationDeprecated,
    OperationRegrouped,
    SecurityChanged,
    ParameterAdded,
    RequiredParameterAdded,
    ParameterRemoved,
    ParameterRequired,
    ParameterOptional,
    ParameterTypeChanged,
    ParameterWireRenamed,
    ParameterMoved,
    ParametersReordered,
    ParameterRenamed,
    BodyAdded,
    BodyRemoved,
    BodyRequired,
    BodyOptional,
    BodyTypeChanged,
    BodyMediaChanged,
    SuccessTypeChanged,
    SuccessOptional,
    StreamAdded,
    StreamRemoved,
    StreamChanged,
    SuccessStatusAdded,
    SuccessStatusRemoved,
    ErrorStatusAdded,
    ErrorStatusRemoved,
    ErrorStatusMoved,
    ErrorTypeChanged,
    ResponseMediaChanged,
    WebhookAdded,
    WebhookRemoved,
    WebhookChanged,
    TypeAdded,
    TypeRemoved,
    TypeRenamed,
    TypeKindChanged,
    TypeFeaturesChanged,
    FieldAdded,
    RequiredFieldAdded,
    FieldRemoved,
    FieldRenamed,
    FieldWireRenamed,
    FieldTypeChanged,
    FieldOptional,
    FieldRequired,
    FieldNullable,
    FieldNotNullable,
    ConstraintsChanged,
    BoxChanged,
    MapChanged,
    EnumValueAdded,
    EnumValueRemoved,
    EnumValueChanged,
    EnumVariantRenamed,
    EnumCatchAllChanged,
    VariantAdded,
    VariantRemoved,
    VariantRenamed,
    VariantTypeChanged,
    TagChanged,
    AliasChanged,
}

/// How a rule classifies, for the table: `(id, Rust API, wire, why)`.
struct Row(&'static str, &'static str, &'static str, &'static str);

impl Rule {
    pub const ALL: [Rule; 77] = [
        Rule::InfoChanged,
        Rule::DocsChanged,
        Rule::ServerAdded,
        Rule::ServerRemoved,
        Rule::ServerChanged,
        Rule::AuthAdded,
        Rule::AuthRemoved,
        Rule::AuthChanged,
        Rule::SignInAdded,
        Rule::SignInRemoved,
        Rule::OperationAdded,
        Rule::OperationRemoved,
        Rule::OperationRenamed,
        Rule::OperationMoved,
        Rule::OperationDeprecated,
        Rule::OperationRegrouped,
        Rule::SecurityChanged,
        Rule::ParameterAdded,
        Rule::RequiredParameterAdded,
        Rule::ParameterRemoved,
        Rule::ParameterRequired,
        Rule::ParameterOptional,
        Rule::ParameterTypeChanged,
        Rule::ParameterWireRenamed,
        Rule::ParameterMoved,
        Rule::ParametersReordered,
        Rule::ParameterRenamed,
        Rule::BodyAdded,
        Rule::BodyRemoved,
        Rule::BodyRequired,
        Rule::BodyOptional,
        Rule::BodyTypeChanged,
        Rule::BodyMediaChanged,
        Rule::SuccessTypeChanged,
        Rule::SuccessOptional,
        Rule::StreamAdded,
        Rule::StreamRemoved,
        Rule::StreamChanged,
        Rule::SuccessStatusAdded,
        Rule::SuccessStatusRemoved,
        Rule::ErrorStatusAdded,
        Rule::ErrorStatusRemoved,
        Rule::ErrorStatusMoved,
        Rule::ErrorTypeChanged,
        Rule::ResponseMediaChanged,
        Rule::WebhookAdded,
        Rule::WebhookRemoved,
        Rule::WebhookChanged,
        Rule::TypeAdded,
        Rule::TypeRemoved,
        Rule::TypeRenamed,
        Rule::TypeKindChanged,
        Rule::TypeFeaturesChanged,
        Rule::FieldAdded,
        Rule::RequiredFieldAdded,
        Rule::FieldRemoved,
        Rule::FieldRenamed,
        Rule::FieldWireRenamed,
        Rule::FieldTypeChanged,
        Rule::FieldOptional,
        Rule::FieldRequired,
        Rule::FieldNullable,
        Rule::FieldNotNullable,
        Rule::ConstraintsChanged,
        Rule::BoxChanged,
        Rule::MapChanged,
        Rule::EnumValueAdded,
        Rule::EnumValueRemoved,
        Rule::EnumValueChanged,
        Rule::EnumVariantRenamed,
        Rule::EnumCatchAllChanged,
        Rule::VariantAdded,
        Rule::VariantRemoved,
        Rule::VariantRenamed,
        Rule::VariantTypeChanged,
        Rule::TagChanged,
        Rule::AliasChanged,
    ];

    /// The rule's stable name, e.g. `field-type-changed`.
    pub fn id(self) -> &'static str {
        self.row().0
    }

    /// The rule by its id.
    pub fn from_id(id: &str) -> Option<Rule> {
        Rule::ALL.into_iter().find(|r| r.id() == id)
    }

    /// The rule in words, e.g. `field type changed`.
    pub fn title(self) -> String {
        self.id().replace('-', " ")
    }

    fn row(self) -> Row {
        const MAJOR_IF_DECODES: &str = "major if the old client cannot decode every value the new server may send, else none";
        const MAJOR_IF_ACCEPTS: &str = "major if the new server may refuse a value the old client sends, else none";
        const BY_DIRECTION: &str = "requests: major if the new server may refuse what the old client sends; responses: \
             major if the old client cannot decode what the new server sends; else none";
        match self {
            Rule::InfoChanged => Row("info-changed", "patch", "none", "The title or version in `info` only shows in the docs."),
            Rule::DocsChanged => Row(
                "docs-changed",
                "patch",
                "none",
                "Descriptions, summaries and examples become doc comments and example tests; no signature changes.",
            ),
            Rule::ServerAdded => Row("server-added", "minor", "none", "A new server constant; `Client::new()` keeps the first one."),
            Rule::ServerRemoved => Row(
                "server-removed",
                "major",
                "major unless another server keeps the URL",
                "Code naming the constant stops compiling; old clients send their requests to a server the spec no longer lists.",
            ),
            Rule::ServerChanged => Row(
                "server-changed",
                "none",
                "major",
                "The constant keeps its name, so code compiles, but old clients still call the old URL.",
            ),
            Rule::AuthAdded => {
                Row("auth-added", "minor", "none", "A new `with_…` credential setter; operations say whether they accept it.")
            }
            Rule::AuthRemoved => {
                Row("auth-removed", "major", "major", "The `with_…` setter is gone; credentials of that scheme are no longer accepted.")
            }
            Rule::AuthChanged => Row(
                "auth-changed",
                "major if the setter's name or arguments change (basic takes a user and a password), else patch",
                "major if the credential travels differently, else none",
                "Old clients send the credential where the server no longer looks for it.",
            ),
            Rule::SignInAdded => Row(
                "sign-in-added",
                "minor",
                "none",
                "An OAuth2 or OpenID Connect scheme offers more to sign in with: a session setter, a flow's constant, a scope.",
            ),
            Rule::SignInRemoved => {
                Row("sign-in-removed", "major", "none", "Code naming the session setter, a flow's constant or a scope stops compiling.")
            }
            Rule::OperationAdded => Row("operation-added", "minor", "minor", "A new method; nothing that exists changes."),
            Rule::OperationRemoved => Row(
                "operation-removed",
                "major",
                "major",
                "The method is gone; the server no longer serves the path, so old clients get an error.",
            ),
            Rule::OperationRenamed => Row(
                "operation-renamed",
                "major",
                "none",
                "Same HTTP method and path under a new `operationId`: the method and its error enum are renamed, the request is the same.",
            ),
            Rule::OperationMoved => Row(
                "operation-moved",
                "none",
                "major",
                "Same method name, new HTTP method or path: code compiles, but old clients call what the server no longer serves.",
            ),
            Rule::OperationDeprecated => Row(
                "operation-deprecated",
                "patch",
                "none",
                "Deprecation (or its end) only shows in the method's docs: the crate emits no `#[deprecated]`.",
            ),
            Rule::OperationRegrouped => Row(
                "operation-group-changed",
                "major if the method leaves a group's cargo feature, minor if it only joins one",
                "none",
                "In a grouped API each method compiles with its group's feature (`<api>-<group>`): a build that enables only \
                 the old group loses the method. The API's own feature still compiles every group.",
            ),
            Rule::SecurityChanged => Row(
                "security-changed",
                "none",
                "major if some credentials that used to be enough no longer are, else minor",
                "Security is data the client reads at run time; an old client configured for a dropped alternative is refused.",
            ),
            Rule::ParameterAdded => Row(
                "parameter-added",
                "minor",
                "minor",
                "A new optional parameter is a new setter on the operation's builder; old clients leave it out, which the server allows.",
            ),
            Rule::RequiredParameterAdded => Row(
                "required-parameter-added",
                "major",
                "major",
                "Required parameters are the method's arguments: a new one breaks every call, and old clients never send what the server now requires.",
            ),
            Rule::ParameterRemoved => Row(
                "parameter-removed",
                "major",
                "none",
                "The argument or setter is gone; old clients still send the parameter and servers ignore parameters they do not know.",
            ),
            Rule::ParameterRequired => Row(
                "parameter-required",
                "major",
                "major",
                "The builder's setter becomes an argument of the method; old clients may leave out what the server now requires.",
            ),
            Rule::ParameterOptional => Row(
                "parameter-optional",
                "major",
                "none",
                "The method's argument becomes a setter on the builder; what old clients send is still accepted.",
            ),
            Rule::ParameterTypeChanged => Row(
                "parameter-type-changed",
                "major",
                MAJOR_IF_ACCEPTS,
                "The argument's or setter's type changes. On the wire parameters are text: `i32` → `i64` or `DateTime` → `String` widen what the server takes, `String` → `i64` narrows it.",
            ),
            Rule::ParameterWireRenamed => Row(
                "parameter-wire-renamed",
                "none",
                "major",
                "The Rust name is the same, but old clients send the parameter under a name the server no longer reads.",
            ),
            Rule::ParameterMoved => Row(
                "parameter-moved",
                "none",
                "major",
                "A parameter moved between query, header and cookie, or its query style changed: old clients send it the old way.",
            ),
            Rule::ParametersReordered => Row(
                "parameters-reordered",
                "major if required parameters (the method's arguments) change order, else none",
                "none",
                "Arguments are positional: reordered ones of different types stop compiling, of the same type silently swap values. Setters are named: their order does not matter.",
            ),
            Rule::ParameterRenamed => Row(
                "parameter-renamed",
                "patch for a required parameter, major for an optional one",
                "none",
                "Only the Rust name changed: arguments are positional, so calls are unaffected, but an optional parameter's setter is renamed.",
            ),
            Rule::BodyAdded => Row(
                "body-added",
                "major if required (a new argument), else minor (a new `body` setter)",
                "major if required, else minor",
                "A required body is a new argument of the method, and a body old clients never send; an optional one is a setter on the builder.",
            ),
            Rule::BodyRemoved => {
                Row("body-removed", "major", "none", "The `body` argument or setter is gone; servers ignore a body they do not expect.")
            }
            Rule::BodyRequired => Row(
                "body-required",
                "major",
                "major",
                "The builder's `body` setter becomes an argument of the method; old clients may send no body where the server now requires one.",
            ),
            Rule::BodyOptional => Row(
                "body-optional",
                "major",
                "none",
                "The method's `body` argument becomes a setter on the builder; what old clients send is still accepted.",
            ),
            Rule::BodyTypeChanged => Row(
                "body-type-changed",
                "major if the argument's type changes (text and bytes bodies are `String` and `Vec<u8>` whatever the schema)",
                MAJOR_IF_ACCEPTS,
                "The `body` argument has a new type.",
            ),
            Rule::BodyMediaChanged => Row(
                "body-media-changed",
                "major if the argument's type changes (a required JSON or form body is borrowed, multipart, text and bytes are owned)",
                "major",
                "Old clients send the old content type, which the server may refuse with 415.",
            ),
            Rule::SuccessTypeChanged => Row(
                "success-type-changed",
                "major",
                MAJOR_IF_DECODES,
                "The method returns a new type; `String` → `DateTime` still decodes in an old client, `DateTime` → `String` does not.",
            ),
            Rule::SuccessOptional => Row(
                "success-optional",
                "major",
                "none",
                "The success becomes (or stops being) an `Option` as 2xx answers without a body are documented (or no longer).",
            ),
            Rule::StreamAdded => {
                Row("stream-added", "minor", "none", "The answers now say how to ask for the next page: the builder gains `stream()`.")
            }
            Rule::StreamRemoved => {
                Row("stream-removed", "major", "none", "The builder loses `stream()`; what is sent and answered is its own change.")
            }
            Rule::StreamChanged => Row(
                "stream-changed",
                "major if the items' type changes",
                "major if the next page is asked for differently",
                "Old clients' `stream()` follows pages the old way, and may stop early or fail where the server pages differently.",
            ),
            Rule::SuccessStatusAdded => Row(
                "success-status-added",
                "none",
                "major if the old client did not document the status (it reports a success as `Error::UnexpectedStatus`), else none",
                "New 2xx answers change no signature unless the success type changes (its own rule).",
            ),
            Rule::SuccessStatusRemoved => {
                Row("success-status-removed", "none", "none", "Old clients still know every status the server sends.")
            }
            Rule::ErrorStatusAdded => Row(
                "error-status-added",
                "major",
                "none",
                "A new variant in the operation's error enum breaks exhaustive matches; old clients get the status as `Error::UnexpectedStatus`, still an error.",
            ),
            Rule::ErrorStatusRemoved => Row(
                "error-status-removed",
                "major",
                "none",
                "The error enum loses a variant; old clients still decode the status if it comes.",
            ),
            Rule::ErrorStatusMoved => Row(
                "error-status-moved",
                "major",
                "major",
                "An error moved to another status (404 → 410): old clients matching its variant never see it again, it arrives as `Error::UnexpectedStatus`.",
            ),
            Rule::ErrorTypeChanged => Row(
                "error-type-changed",
                "major if the variant's Rust type changes",
                MAJOR_IF_DECODES,
                "The error variant holds a new type.",
            ),
            Rule::ResponseMediaChanged => Row(
                "response-media-changed",
                "major if the Rust type changes (JSON is typed, text is `String`, bytes are `Bytes`)",
                "major",
                "Old clients decode the body the old way.",
            ),
            Rule::WebhookAdded => Row("webhook-added", "minor", "minor", "A new payload type in the `webhooks` module."),
            Rule::WebhookRemoved => Row(
                "webhook-removed",
                "major",
                "none",
                "The payload type is gone; the API stops sending the request, which breaks no client.",
            ),
            Rule::WebhookChanged => Row(
                "webhook-changed",
                "major if the payload type changes, else none",
                "major if an old handler cannot decode every payload the API may now send, or its method or content type changed, else none",
                "The payload type, method or content type changed.",
            ),
            Rule::TypeAdded => Row("type-added", "minor", "none", "A new type in the `types` module."),
            Rule::TypeRemoved => {
                Row("type-removed", "major", "none", "Code naming the type stops compiling; where it was used, that use is its own change.")
            }
            Rule::TypeRenamed => Row(
                "type-renamed",
                "major",
                "none",
                "A type of the same shape under a new name (a renamed schema, or a new name for an inline one): code naming it breaks, JSON does not.",
            ),
            Rule::TypeKindChanged => Row(
                "type-kind-changed",
                "major",
                "major if the type is used",
                "A struct became an enum, a union or an alias (or the reverse): both the Rust type and its JSON change shape.",
            ),
            Rule::TypeFeaturesChanged => Row(
                "type-features-changed",
                "major if a cargo feature that compiled the type no longer does, else minor",
                "none",
                "In a grouped API a type compiles with the groups that use it: a build that enables only a group that no \
                 longer needs the type loses it. The API's own feature still compiles every type.",
            ),
            Rule::FieldAdded => Row(
                "field-added",
                "major",
                "minor",
                "Structs are not `#[non_exhaustive]`: struct literals that list every field stop compiling. An optional member is safe on the wire: servers may omit it, old clients ignore members they do not know.",
            ),
            Rule::RequiredFieldAdded => Row(
                "required-field-added",
                "major",
                "major if the type is sent in requests, else minor",
                "Struct literals break and the struct loses `Default`; old clients never send the member the server now requires.",
            ),
            Rule::FieldRemoved => Row(
                "field-removed",
                "major",
                "major if the type is read from responses and the field was not an `Option`, else none",
                "Code reading or setting the field stops compiling; old clients fail to decode answers without a member they require.",
            ),
            Rule::FieldRenamed => {
                Row("field-renamed", "major", "none", "Same JSON member, new Rust field name (code generation naming changed).")
            }
            Rule::FieldWireRenamed => Row(
                "field-wire-renamed",
                "none",
                "major if the type is used",
                "Same Rust field, new JSON member name: old clients read and write the old one.",
            ),
            Rule::FieldTypeChanged => Row("field-type-changed", "major", BY_DIRECTION, "The field has a new type (`DateTime` → `String`)."),
            Rule::FieldOptional => Row(
                "field-optional",
                "major if the Rust type changes (`T` → `Option<T>`, `Option<T>` → `Nullable<T>`), else none",
                "major if the type is read from responses and old clients hold the member as `T`",
                "A member no longer required: old clients decoding it as `T` fail on an answer without it; an `Option` takes its absence as `None`.",
            ),
            Rule::FieldRequired => Row(
                "field-required",
                "major if the Rust type changes (`Option<T>` → `T`, `Nullable<T>` → `Option<T>`), else none",
                "major if the type is sent in requests: old clients may leave the member out",
                "A member now required.",
            ),
            Rule::FieldNullable => Row(
                "field-nullable",
                "major if the Rust type changes (`T` → `Option<T>`, `Option<T>` → `Nullable<T>`), else none",
                "major if the type is read from responses and old clients hold the member as `T`",
                "`null` is now one of the member's values: old clients decoding it as `T` fail on it; an `Option` takes it as `None`.",
            ),
            Rule::FieldNotNullable => Row(
                "field-not-nullable",
                "major if the Rust type changes (`Option<T>` → `T`, `Nullable<T>` → `Option<T>`), else none",
                "major if the type is sent in requests: old clients may send `null`",
                "`null` is no longer one of the member's values.",
            ),
            Rule::ConstraintsChanged => Row(
                "constraints-changed",
                "none",
                "major if the value is sent in requests and a keyword was added or tightened, else none",
                "A parameter's or field's validation keywords (`maxLength`, `minimum`, `pattern`, `minItems`, …) changed. The client checks none of them, so no code changes and no answer is refused; but a server that checks a new or tighter one refuses what old clients may send.",
            ),
            Rule::BoxChanged => Row(
                "box-changed",
                "major",
                "none",
                "A field or variant gains or loses its `Box` (recursion or size changed elsewhere); JSON is the same.",
            ),
            Rule::MapChanged => {
                Row("map-changed", "major", BY_DIRECTION, "The flattened map of `additionalProperties` appeared, went or changed type.")
            }
            Rule::EnumValueAdded => Row(
                "enum-value-added",
                "major",
                "minor; major for a closed enum (`const`) read from responses",
                "Enums are not `#[non_exhaustive]`: exhaustive matches stop compiling. String enums keep unknown values in `Unknown(String)`, so old clients still decode the new value; a closed one cannot.",
            ),
            Rule::EnumValueRemoved => Row(
                "enum-value-removed",
                "major",
                "major if the enum is sent in requests, else none",
                "The variant is gone; old clients may still send the value, which the server no longer accepts.",
            ),
            Rule::EnumValueChanged => Row(
                "enum-value-changed",
                "none",
                "major if the enum is used",
                "Same variant, new value on the wire (`\"Failed\"` → `\"failed\"`): old clients send the old one and decode the new one as unknown.",
            ),
            Rule::EnumVariantRenamed => Row("enum-variant-renamed", "major", "none", "Same value on the wire, new Rust variant name."),
            Rule::EnumCatchAllChanged => Row(
                "enum-catch-all-changed",
                "major",
                "none",
                "The catch-all (an enum's `Unknown(String)`, a union's `Unknown(Json)`) appeared, went or was renamed (a `const` became an `enum`, a union became read from answers, or the reverse).",
            ),
            Rule::VariantAdded => Row(
                "variant-added",
                "major",
                "major if the union is read from responses without a catch-all, else minor",
                "A new alternative in a `oneOf`: exhaustive matches break; old clients keep it in their catch-all, or cannot decode it without one.",
            ),
            Rule::VariantRemoved => Row(
                "variant-removed",
                "major",
                "major if the union is sent in requests, else none",
                "The alternative is gone; old clients may still send it.",
            ),
            Rule::VariantRenamed => Row("variant-renamed", "major", "none", "Same alternative, new Rust variant name."),
            Rule::VariantTypeChanged => Row("variant-type-changed", "major", BY_DIRECTION, "The alternative holds a new type."),
            Rule::TagChanged => Row(
                "tag-changed",
                "none",
                "major if the union is used",
                "The discriminator property or a variant's tag value changed: the Rust enum is the same, old clients tag and read the old way.",
            ),
            Rule::AliasChanged => Row("alias-changed", "major", BY_DIRECTION, "`type X = …` names a new type."),
        }
    }
}

impl fmt::Display for Rule {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.id())
    }
}

/// The rules as a Markdown table: rule, Rust API, wire, why.
pub fn rules_table() -> String {
    let mut out = String::from("| rule | Rust API | wire | why |\n|---|---|---|---|\n");
    for rule in Rule::ALL {
        let Row(id, rust, wire, why) = rule.row();
        out.push_str(&format!("| `{id}` | {rust} | {wire} | {why} |\n"));
    }
    out
}
