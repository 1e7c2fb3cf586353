//! Random but well-formed specs, built as a JSON value from a seed: Swagger 2.0, OpenAPI 3.0 and
//! 3.1, as YAML or JSON. Schemas nest and refer to each other (themselves too), compose
//! (`allOf`, `oneOf`, `anyOf`, discriminators), and every parameter location and style, body
//! media type, status and security scheme shows up; names are drawn from pools of the awkward
//! (Rust keywords, prelude and runtime names, digits first, Unicode, names that collide after
//! case conversion, empty strings and punctuation).

use fastrand::Rng;
use serde_json::{Map, Value, json};

/// The spec versions the generator reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Version {
    Swagger2,
    OpenApi30,
    OpenApi31,
}

impl Version {
    pub const ALL: [Version; 3] = [Version::Swagger2, Version::OpenApi30, Version::OpenApi31];

    pub fn label(self) -> &'static str {
        match self {
            Version::Swagger2 => "2.0",
            Version::OpenApi30 => "3.0",
            Version::OpenApi31 => "3.1",
        }
    }
}

/// A built spec: its version, file label (the extension says YAML or JSON) and text.
pub struct Built {
    pub version: Version,
    pub label: String,
    pub text: String,
}

const PLAIN: &[&str] = &[
    "id",
    "name",
    "pet",
    "user",
    "items",
    "value",
    "data",
    "status",
    "created_at",
    "updatedAt",
    "kind",
    "tag",
    "limit",
    "offset",
    "page",
    "filter",
    "sort",
    "query",
    "file",
    "photo",
    "owner",
    "parent",
    "children",
    "next",
    "metadata",
    "url",
    "count",
    "address",
    "line_items",
    "X-Request-Id",
    "petId",
    "orderID",
    "HTTPStatus",
    "ipV4Address",
];
const KEYWORDS: &[&str] = &[
    "type",
    "self",
    "Self",
    "super",
    "crate",
    "fn",
    "match",
    "async",
    "await",
    "dyn",
    "try",
    "union",
    "static",
    "ref",
    "mod",
    "impl",
    "where",
    "loop",
    "yield",
    "gen",
    "abstract",
    "box",
    "macro",
    "move",
    "mut",
    "pub",
    "return",
    "struct",
    "trait",
    "true",
    "false",
    "use",
    "enum",
    "extern",
    "for",
    "if",
    "else",
    "in",
    "let",
    "const",
    "continue",
    "break",
    "as",
    "unsafe",
    "virtual",
    "final",
    "override",
    "priv",
    "typeof",
    "unsized",
    "do",
    "become",
    "macro_rules",
    "raw",
    "_",
    "r#type",
    "safe",
];
const PRELUDE: &[&str] = &[
    "Option",
    "Some",
    "None",
    "Result",
    "Ok",
    "Err",
    "String",
    "Vec",
    "Box",
    "Default",
    "Clone",
    "Debug",
    "Send",
    "Sync",
    "Copy",
    "Eq",
    "PartialEq",
    "Hash",
    "Serialize",
    "Deserialize",
    "Deserializer",
    "Serializer",
    "Value",
    "Map",
    "BTreeMap",
    "HashMap",
    "Bytes",
    "Client",
    "Error",
    "ResponseValue",
    "RawResponse",
    "types",
    "errors",
    "runtime",
    "client",
    "serde",
    "serde_json",
    "std",
    "core",
    "alloc",
    "reqwest",
    "chrono",
    "uuid",
    "request",
    "response",
    "url",
    "body",
    "headers",
    "fields",
    "f",
    "T",
    "E",
    "R",
    "D",
    "S",
    "__",
    "Unknown",
    "Other",
    "unknown",
    "other",
    "new",
    "with_base_url",
    "base_url",
    "send",
    "default",
    "from",
    "into",
    "as_str",
    "fmt",
    "deserialize",
    "serialize",
    "Fields",
    "ClientCore",
    "Method",
    "ACCEPT",
    "encode_path",
    "core_",
    "self_",
    "Self_",
    "Ok_",
    "Unknown_",
];
const DIGITS: &[&str] = &["1", "2fa", "123abc", "3d-model", "404", "0", "9lives", "1.5", "-1", "+1", "1e3", "2XX", "007"];
const UNICODE: &[&str] = &[
    "ü",
    "naïve",
    "名前",
    "Ελληνικά",
    "emoji😀",
    "İstanbul",
    "Straße",
    "ǅemal",
    "zero\u{200b}width",
    "مرحبا",
    "e\u{301}",
    "Ωmega",
    "ﬁle",
    "Ⅻ",
    "ßig",
    "ÀÉÎ",
    "日本語のAPI",
    "ΣΑΣ",
    "ǈ",
    "\u{feff}bom",
];
const CASE_DUPS: &[&str] = &[
    "fooBar",
    "foo_bar",
    "FooBar",
    "foo-bar",
    "FOO_BAR",
    "foo bar",
    "foo.bar",
    "Foo__Bar",
    "foobar",
    "FOOBAR",
    "fooBAR",
    "foo__bar",
    "_foo_bar",
    "foo_bar_",
    "Foo-Bar",
    "fooBar2",
    "foo_bar_2",
    "FooBar2",
];
const ODD: &[&str] = &[
    "",
    " ",
    "_",
    "-",
    "$",
    "@type",
    "$ref",
    "a/b",
    "{x}",
    "~",
    "~1",
    "%",
    "%20",
    "\"quoted\"",
    "back\\slash",
    "new\nline",
    "tab\t",
    "a;b",
    "a=b",
    "a&b",
    "a?b",
    "a#b",
    "x-y",
    "::",
    "<T>",
    "*/",
    "/*",
    "'",
    "null",
    "true",
    "a\rb",
    "\u{0}nul",
    "}",
    "{",
    "#[doc]",
    "a,b",
    "__proto__",
];
const TEXTS: &[&str] = &[
    "A plain sentence.",
    "*/ closes a comment /* opens one",
    "```rust\nfn main() { panic!() }\n```",
    "```\nnot rust\n```",
    "<script>alert(1)</script> <T> & </b>",
    "[a link](http://example.com) and a bare http://example.com/url",
    "back\\slash \\n and \"quotes\" and 'single'",
    "#[doc = \"x\"] #![deny(warnings)]",
    "line one\r\nline two\rline three",
    "    indented code block\n    second line",
    "- a list\ncontinued lazily\n- next\n\nafter",
    "1. one\n2. two\nlazy",
    "> quote\nlazy quote",
    "[`Foo`] and [Bar] and [`crate::x`]",
    "| a | b |\n|---|---|\n| 1 | 2 |",
    "Tabs\tand\u{0}nul and \u{7f} del",
    "ünïcödé 名前 😀 \u{200b}",
    "",
    " ",
    "# Heading\n## Sub",
    "{} {0} {name} {{",
    "trailing backslash \\",
    "unclosed `code",
    "Email <me@example.com> and <https://example.com>",
    "Very long: aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
];
const STRING_FORMATS: &[&str] = &[
    "date-time",
    "date",
    "uuid",
    "binary",
    "byte",
    "email",
    "uri",
    "password",
    "hostname",
    "ipv4",
    "time",
    "duration",
    "int64",
    "decimal",
    "weird-format",
    "",
];
const JSON_TYPES: &[&str] = &[
    "application/json",
    "application/json; charset=utf-8",
    "application/vnd.api+json",
    "application/problem+json",
    "application/merge-patch+json",
    "*/*",
    "application/*",
];
const OTHER_TYPES: &[&str] = &[
    "application/x-www-form-urlencoded",
    "multipart/form-data",
    "text/plain",
    "text/csv",
    "text/html; charset=utf-8",
    "application/octet-stream",
    "application/xml",
    "image/png",
    "application/pdf",
    "weird",
];
const STATUSES: &[&str] = &[
    "200", "201", "202", "204", "206", "2XX", "2xx", "3XX", "301", "304", "400", "401", "403", "404", "409", "422", "429", "4XX", "500",
    "503", "5XX", "default", "1XX", "100", "299", "599",
];
const METHODS: &[&str] = &["get", "put", "post", "delete", "options", "head", "patch", "trace"];

pub struct Builder {
    rng: Rng,
    version: Version,
    /// Component schema names (`definitions` in 2.0).
    schemas: Vec<String>,
    responses: Vec<String>,
    parameters: Vec<String>,
    bodies: Vec<String>,
    schemes: Vec<String>,
    /// How many schema nodes were built: a bound on the spec's size.
    nodes: usize,
    /// While component `i` is built, a `$ref` where it would make the schema its own alias or
    /// part (at the top, or an `allOf`/`oneOf` part) names one of the first `i` only: such
    /// cycles are not well-formed. Below a property, item or map value, any schema will do.
    limit: Option<usize>,
    /// operationIds must be unique (they may still collide after case conversion).
    operation_ids: Vec<String>,
}

/// Builds the spec of one seed.
pub fn build(seed: u64) -> Built {
    let mut rng = Rng::with_seed(seed);
    let version = Version::ALL[rng.usize(..3)];
    let json = rng.bool();
    let stem = if rng.u8(..10) == 0 { pick_name(&mut rng) } else { format!("fuzz_{seed}") };
    let mut b = Builder {
        rng,
        version,
        schemas: Vec::new(),
        responses: Vec::new(),
        parameters: Vec::new(),
        bodies: Vec::new(),
        schemes: Vec::new(),
        nodes: 0,
        limit: None,
        operation_ids: Vec::new(),
    };
    let value = b.document();
    let text = if json { serde_json::to_string_pretty(&value).expect("JSON") } else { serde_yaml::to_string(&value).expect("YAML") };
    let stem = stem.replace(['/', '\\', '\0'], "_");
    let label = format!("fuzz/{stem}.{}", if json { "json" } else { "yaml" });
    Built { version, label, text }
}

fn pick_name(rng: &mut Rng) -> String {
    let pool = match rng.u8(..100) {
        0..40 => PLAIN,
        40..52 => KEYWORDS,
        52..64 => PRELUDE,
        64..71 => DIGITS,
        71..79 => UNICODE,
        79..91 => CASE_DUPS,
        91..97 => ODD,
        97 => return "long_".repeat(rng.usize(20..80)),
        _ => {
            let a = pick_name(rng);
            let b = pick_name(rng);
            let sep = ["", "_", "-", " ", ".", "/"][rng.usize(..6)];
            return format!("{a}{sep}{b}");
        }
    };
    pool[rng.usize(..pool.len())].to_owned()
}

/// A JSON pointer token, escaped as RFC 6901 asks.
fn token(name: &str) -> String {
    name.replace('~', "~0").replace('/', "~1")
}

impl Builder {
    fn name(&mut self) -> String {
        pick_name(&mut self.rng)
    }

    fn chance(&mut self, percent: u8) -> bool {
        self.rng.u8(..100) < percent
    }

    fn pick<'a>(&mut self, items: &'a [&'a str]) -> &'a str {
        items[self.rng.usize(..items.len())]
    }

    fn text(&mut self) -> String {
        if self.chance(15) { self.name() } else { self.pick(TEXTS).to_owned() }
    }

    /// A component to refer to at a structural place (see `limit`).
    fn pick_ref(&mut self) -> Option<String> {
        let n = self.limit.unwrap_or(self.schemas.len()).min(self.schemas.len());
        (n > 0).then(|| self.schemas[self.rng.usize(..n)].clone())
    }

    /// Builds something below a property, item or map value, where any `$ref` is fine.
    fn nested<T>(&mut self, f: impl FnOnce(&mut Self) -> T) -> T {
        let saved = self.limit.take();
        let out = f(self);
        self.limit = saved;
        out
    }

    fn v2(&self) -> bool {
        self.version == Version::Swagger2
    }

    fn schema_ref(&self, name: &str) -> String {
        let section = if self.v2() { "#/definitions/" } else { "#/components/schemas/" };
        format!("{section}{}", token(name))
    }

    /// Distinct names, possibly equal after case conversion.
    fn names(&mut self, count: usize) -> Vec<String> {
        let mut out: Vec<String> = Vec::new();
        for _ in 0..count * 3 {
            if out.len() == count {
                break;
            }
            let name = self.name();
            if !out.contains(&name) {
                out.push(name);
            }
        }
        out
    }

    fn document(&mut self) -> Value {
        self.schemas = {
            let n = self.rng.usize(0..=7);
            self.names(n)
        };
        if !self.v2() {
            self.responses = {
                let n = self.rng.usize(0..=2);
                self.names(n)
            };
            self.bodies = {
                let n = self.rng.usize(0..=1);
                self.names(n)
            };
        }
        self.parameters = {
            let n = self.rng.usize(0..=2);
            self.names(n)
        };
        self.schemes = {
            let n = self.rng.usize(0..=4);
            self.names(n)
        };
        let mut root = Map::new();
        match self.version {
            Version::Swagger2 => {
                root.insert("swagger".into(), json!("2.0"));
            }
            Version::OpenApi30 => {
                let v = self.pick(&["3.0.0", "3.0.1", "3.0.3", "3.0.4"]);
                root.insert("openapi".into(), json!(v));
            }
            Version::OpenApi31 => {
                let v = self.pick(&["3.1.0", "3.1.1"]);
                root.insert("openapi".into(), json!(v));
            }
        }
        let mut info = Map::new();
        info.insert("title".into(), json!(self.text()));
        info.insert("version".into(), json!(self.pick(&["1", "1.0.0", "", "v2 beta"])));
        if self.chance(30) {
            info.insert("description".into(), json!(self.text()));
        }
        root.insert("info".into(), Value::Object(info));
        self.servers(&mut root);

        // Schemas first, so that paths can refer to them.
        let mut schemas = Map::new();
        for (i, name) in self.schemas.clone().into_iter().enumerate() {
            self.limit = Some(i);
            let s = self.schema(3);
            self.limit = None;
            schemas.insert(name, s);
        }
        let schemes = self.security_schemes();
        if self.chance(40) && !self.schemes.is_empty() {
            let requirement = self.security_requirement();
            root.insert("security".into(), requirement);
        }
        let mut paths = Map::new();
        let n_paths = self.rng.usize(0..=6);
        for _ in 0..n_paths {
            let (path, item) = self.path_item();
            paths.insert(path, item);
        }
        root.insert("paths".into(), Value::Object(paths));

        if self.v2() {
            root.insert("definitions".into(), Value::Object(schemas));
            if !schemes.is_empty() {
                root.insert("securityDefinitions".into(), Value::Object(schemes));
            }
            let mut parameters = Map::new();
            for name in self.parameters.clone() {
                let location = self.pick(&["query", "header"]);
                let pname = self.name();
                let p = self.parameter_v2(location, &pname, false);
                parameters.insert(name, p);
            }
            if !parameters.is_empty() {
                root.insert("parameters".into(), Value::Object(parameters));
            }
            if self.chance(30) {
                let c = self.pick(&["application/json", "application/xml", "text/plain", "multipart/form-data"]);
                root.insert("consumes".into(), json!([c]));
            }
            if self.chance(30) {
                let p = self.pick(&["application/json", "application/xml", "text/plain", "application/octet-stream"]);
                root.insert("produces".into(), json!([p]));
            }
        } else {
            let mut components = Map::new();
            components.insert("schemas".into(), Value::Object(schemas));
            let mut responses = Map::new();
            for name in self.responses.clone() {
                let r = self.response_v3(false);
                responses.insert(name, r);
            }
            components.insert("responses".into(), Value::Object(responses));
            let mut parameters = Map::new();
            for name in self.parameters.clone() {
                let location = self.pick(&["query", "header", "cookie"]);
                let pname = self.name();
                let p = self.parameter_v3(location, &pname, false);
                parameters.insert(name, p);
            }
            components.insert("parameters".into(), Value::Object(parameters));
            let mut bodies = Map::new();
            for name in self.bodies.clone() {
                let b = self.request_body(false);
                bodies.insert(name, b);
            }
            components.insert("requestBodies".into(), Value::Object(bodies));
            if !schemes.is_empty() {
                components.insert("securitySchemes".into(), Value::Object(schemes));
            }
            root.insert("components".into(), Value::Object(components));
            if self.version == Version::OpenApi31 && self.chance(30) {
                let mut hooks = Map::new();
                for _ in 0..self.rng.usize(1..=2) {
                    let name = self.name();
                    let op = self.operation("post", &[], false);
                    hooks.insert(name, json!({ "post": op }));
                }
                root.insert("webhooks".into(), Value::Object(hooks));
            }
        }
        if self.chance(20) {
            let tags: Vec<Value> = (0..self.rng.usize(1..=3)).map(|_| json!({"name": self.name(), "description": self.text()})).collect();
            root.insert("tags".into(), Value::Array(tags));
        }
        Value::Object(root)
    }

    fn servers(&mut self, root: &mut Map<String, Value>) {
        if self.v2() {
            if self.chance(70) {
                root.insert("host".into(), json!(self.pick(&["api.example.com", "localhost:8080", "例え.jp", "", "h"])));
            }
            if self.chance(60) {
                root.insert("basePath".into(), json!(self.pick(&["/v1", "/", "", "/a b/ü", "v2"])));
            }
            if self.chance(50) {
                let s = self.pick(&["https", "http", "ws"]);
                root.insert("schemes".into(), json!([s]));
            }
            return;
        }
        let n = self.rng.usize(0..=2);
        let mut servers = Vec::new();
        for _ in 0..n {
            let url = self.pick(&[
                "https://api.example.com/v1",
                "/v1",
                "http://localhost:8080",
                "https://{region}.example.com/{version}",
                "",
                "{scheme}://example.com",
                "https://例え.jp/ü",
                "https://api.example.com/v1/",
                "https://{region}.example.com/{version}",
            ]);
            let mut server = json!({"url": url});
            if url.contains('{') {
                let mut vars = Map::new();
                for var in ["region", "version", "scheme"] {
                    if url.contains(&format!("{{{var}}}")) {
                        let mut v = json!({"default": self.pick(&["eu", "v2", "https", "", "a b"])});
                        if self.chance(30) {
                            v["enum"] = json!(["eu", "us", "v2", "https"]);
                        }
                        vars.insert(var.to_owned(), v);
                    }
                }
                server["variables"] = Value::Object(vars);
            }
            if self.chance(30) {
                server["description"] = json!(self.text());
            }
            servers.push(server);
        }
        if !servers.is_empty() {
            root.insert("servers".into(), Value::Array(servers));
        }
    }

    /// A random JSON value, for defaults and examples (right or wrong for its schema).
    fn any_value(&mut self, depth: u32) -> Value {
        match self.rng.u8(..10) {
            0 => Value::Null,
            1 => json!(self.rng.bool()),
            2 => json!(self.rng.i64(..)),
            3 => json!([0.5, -1.0e300, 1.0e-300, 3.25][self.rng.usize(..4)]),
            4 | 5 => json!(self.name()),
            6 if depth > 0 => Value::Array((0..self.rng.usize(0..3)).map(|_| self.any_value(depth - 1)).collect()),
            7 if depth > 0 => {
                let mut m = Map::new();
                for _ in 0..self.rng.usize(0..3) {
                    let (k, v) = (self.name(), self.any_value(depth - 1));
                    m.insert(k, v);
                }
                Value::Object(m)
            }
            _ => json!(self.rng.u64(..100)),
        }
    }

    /// A schema, nesting at most `depth` more levels.
    fn schema(&mut self, depth: u32) -> Value {
        self.nodes += 1;
        let budget_left = self.nodes < 400;
        let deep = depth > 0 && budget_left;
        let mut s = match self.rng.u8(..100) {
            0..14 if self.pick_ref().is_some() => {
                let name = self.pick_ref().expect("a schema to refer to");
                let mut r = Map::new();
                r.insert("$ref".into(), json!(self.schema_ref(&name)));
                if self.version == Version::OpenApi31 && self.chance(20) {
                    r.insert("description".into(), json!(self.text()));
                }
                return Value::Object(r);
            }
            0..32 => self.primitive(),
            32..42 => self.enumeration(),
            42..52 if deep => {
                let items = self.nested(|b| b.schema(depth - 1));
                let mut a = json!({"type": "array", "items": items});
                if self.version == Version::OpenApi31 && self.chance(20) {
                    let parts: Vec<Value> = (0..self.rng.usize(1..=3)).map(|_| self.nested(|b| b.schema(depth - 1))).collect();
                    a["prefixItems"] = Value::Array(parts);
                    if self.chance(50) {
                        a.as_object_mut().expect("object").remove("items");
                    }
                }
                if self.chance(15) {
                    a["uniqueItems"] = json!(true);
                }
                if self.chance(15) {
                    a["minItems"] = json!(self.rng.u64(0..3));
                }
                a
            }
            52..72 if deep => self.object(depth - 1),
            72..78 if deep => {
                let values = self.nested(|b| b.schema(depth - 1));
                json!({"type": "object", "additionalProperties": values})
            }
            78..90 if deep && !self.v2() => self.composition(depth - 1),
            78..90 if deep => {
                let parts: Vec<Value> = (0..self.rng.usize(1..=3)).map(|_| self.object_or_ref(depth - 1)).collect();
                json!({"allOf": parts})
            }
            90..95 => [json!({}), json!({"type": "object"}), json!({"description": "anything"}), json!({"type": "array"})]
                [self.rng.usize(..4)]
            .clone(),
            _ => self.primitive(),
        };
        self.decorate(&mut s);
        s
    }

    fn object_or_ref(&mut self, depth: u32) -> Value {
        match self.pick_ref().filter(|_| self.rng.bool()) {
            Some(name) => json!({"$ref": self.schema_ref(&name)}),
            None => self.object(depth),
        }
    }

    fn decorate(&mut self, s: &mut Value) {
        let Value::Object(map) = s else { return };
        if self.chance(25) {
            map.insert("description".into(), json!(self.text()));
        }
        if self.chance(8) {
            map.insert("title".into(), json!(self.text()));
        }
        if self.chance(10) {
            map.insert("default".into(), self.any_value(1));
        }
        if self.chance(10) {
            if self.version == Version::OpenApi31 && self.rng.bool() {
                let examples: Vec<Value> = (0..self.rng.usize(1..=2)).map(|_| self.any_value(2)).collect();
                map.insert("examples".into(), Value::Array(examples));
            } else {
                map.insert("example".into(), self.any_value(2));
            }
        }
        if self.chance(4) {
            map.insert("deprecated".into(), json!(true));
        }
        if self.chance(12) {
            match self.version {
                Version::Swagger2 => {
                    map.insert("x-nullable".into(), json!(true));
                }
                Version::OpenApi30 => {
                    map.insert("nullable".into(), json!(true));
                }
                Version::OpenApi31 => match map.get("type").cloned() {
                    Some(Value::String(t)) => {
                        map.insert("type".into(), json!([t, "null"]));
                    }
                    _ => {
                        let inner = Value::Object(std::mem::take(map));
                        map.insert("anyOf".into(), json!([inner, {"type": "null"}]));
                    }
                },
            }
        }
    }

    fn primitive(&mut self) -> Value {
        match self.rng.u8(..10) {
            0..4 => {
                let mut s = json!({"type": "string"});
                if self.chance(50) {
                    s["format"] = json!(self.pick(STRING_FORMATS));
                }
                if self.chance(10) {
                    s["maxLength"] = json!(self.rng.u64(0..100));
                }
                if self.chance(10) {
                    s["pattern"] = json!(self.pick(&["^[a-z]+$", "(", "\\d{3}", ""]));
                }
                if self.version == Version::OpenApi31 && self.chance(10) {
                    s["contentMediaType"] = json!("image/png");
                }
                s
            }
            4..6 => {
                let mut s = json!({"type": "integer"});
                if self.chance(60) {
                    s["format"] = json!(self.pick(&["int32", "int64", "uint8", "uint64", "int16", "weird"]));
                }
                if self.chance(15) {
                    s["minimum"] = json!([0i64, -1, i64::MIN, 1][self.rng.usize(..4)]);
                }
                if self.chance(10) {
                    s["maximum"] = json!([u64::MAX, 100, 0][self.rng.usize(..3)]);
                }
                s
            }
            6..8 => {
                let mut s = json!({"type": "number"});
                if self.chance(50) {
                    s["format"] = json!(self.pick(&["float", "double", "decimal"]));
                }
                s
            }
            8 => json!({"type": "boolean"}),
            _ if self.version == Version::OpenApi31 => {
                let types = [json!(["string", "integer"]), json!(["null"]), json!(["boolean", "null", "number"]), json!("null")];
                json!({"type": types[self.rng.usize(..4)].clone()})
            }
            _ if self.v2() && self.chance(30) => json!({"type": "file"}),
            _ => json!({"type": "string", "format": "binary"}),
        }
    }

    fn enumeration(&mut self) -> Value {
        match self.rng.u8(..10) {
            0..6 => {
                let n = self.rng.usize(1..=6);
                let mut values: Vec<Value> = (0..n).map(|_| json!(self.name())).collect();
                if self.chance(10) {
                    values.push(values[0].clone());
                }
                if self.chance(10) {
                    values.push(json!(self.pick(&["unknown", "Unknown", "other", "Other", "UNKNOWN"])));
                }
                let mut s = json!({"type": "string", "enum": values});
                if self.chance(10) {
                    s["enum"].as_array_mut().expect("array").push(Value::Null);
                    if self.version == Version::OpenApi30 {
                        s["nullable"] = json!(true);
                    }
                }
                if self.chance(10) {
                    s.as_object_mut().expect("object").remove("type");
                }
                s
            }
            6 | 7 => {
                let values: Vec<Value> = (0..self.rng.usize(1..=4)).map(|_| json!(self.rng.i64(-3..300))).collect();
                json!({"type": "integer", "enum": values})
            }
            8 if self.version == Version::OpenApi31 => json!({"const": self.name()}),
            8 => json!({"type": "boolean", "enum": [true]}),
            _ => json!({"enum": ["a", 1, true, null, 1.5]}),
        }
    }

    fn object(&mut self, depth: u32) -> Value {
        let n = if self.chance(5) { self.rng.usize(8..=14) } else { self.rng.usize(0..=5) };
        let names = self.names(n);
        let mut properties = Map::new();
        for name in &names {
            let mut s = if depth == 0 {
                if self.rng.bool() { self.primitive() } else { self.enumeration() }
            } else {
                self.nested(|b| b.schema(depth))
            };
            if self.chance(5) {
                if let Value::Object(m) = &mut s {
                    m.insert(if self.rng.bool() { "readOnly" } else { "writeOnly" }.into(), json!(true));
                }
            }
            properties.insert(name.clone(), s);
        }
        let mut o = Map::new();
        if self.chance(92) {
            o.insert("type".into(), json!("object"));
        }
        let required: Vec<Value> = names.iter().filter(|_| self.chance(40)).map(|n| json!(n)).collect();
        o.insert("properties".into(), Value::Object(properties));
        if !required.is_empty() || self.chance(5) {
            let mut required = required;
            if self.chance(8) {
                required.push(json!(self.name()));
            }
            o.insert("required".into(), Value::Array(required));
        }
        match self.rng.u8(..20) {
            0..3 => {
                o.insert("additionalProperties".into(), json!(true));
            }
            3..6 => {
                o.insert("additionalProperties".into(), json!(false));
            }
            6..8 if depth > 0 => {
                let values = self.nested(|b| b.schema(depth - 1));
                o.insert("additionalProperties".into(), values);
            }
            _ => {}
        }
        if self.version == Version::OpenApi31 && self.chance(5) {
            let sub = self.enumeration();
            o.insert("$defs".into(), json!({"Sub": sub}));
        }
        if self.v2() && self.chance(5) && !names.is_empty() {
            o.insert("discriminator".into(), json!(names[0]));
        }
        Value::Object(o)
    }

    fn composition(&mut self, depth: u32) -> Value {
        let keyword = self.pick(&["allOf", "oneOf", "anyOf", "oneOf"]);
        let n = self.rng.usize(1..=4);
        let all_refs = self.chance(50) && self.pick_ref().is_some();
        let mut targets = Vec::new();
        let parts: Vec<Value> = (0..n)
            .map(|_| {
                if all_refs {
                    let name = self.pick_ref().expect("a schema to refer to");
                    targets.push(name.clone());
                    json!({"$ref": self.schema_ref(&name)})
                } else if keyword == "allOf" {
                    self.object_or_ref(depth)
                } else {
                    self.schema(depth)
                }
            })
            .collect();
        let mut s = Map::new();
        s.insert(keyword.into(), Value::Array(parts));
        if keyword != "allOf" && self.chance(all_refs as u8 * 60 + 5) {
            let property = self.name();
            let mut d = json!({"propertyName": property});
            if self.chance(60) && !targets.is_empty() {
                let mut mapping = Map::new();
                for target in &targets {
                    let key = self.name();
                    mapping.insert(key, json!(self.schema_ref(target)));
                }
                if self.chance(15) {
                    mapping.insert(self.name(), json!(self.pick(&["Bare", "#/components/schemas/Nope", ""])));
                }
                d["mapping"] = Value::Object(mapping);
            }
            s.insert("discriminator".into(), d);
        }
        if keyword == "allOf" && self.chance(20) {
            let extra = self.object(0);
            s.insert("properties".into(), extra["properties"].clone());
        }
        if keyword != "allOf" && self.chance(10) {
            s.insert("type".into(), json!("object"));
        }
        Value::Object(s)
    }

    fn security_schemes(&mut self) -> Map<String, Value> {
        let mut out = Map::new();
        for name in self.schemes.clone() {
            let scheme = if self.v2() {
                match self.rng.u8(..3) {
                    0 => json!({"type": "basic"}),
                    1 => {
                        let location = self.pick(&["header", "query"]);
                        json!({"type": "apiKey", "in": location, "name": self.name()})
                    }
                    _ => {
                        let flow = self.pick(&["implicit", "password", "application", "accessCode"]);
                        json!({"type": "oauth2", "flow": flow, "authorizationUrl": "https://example.com/auth", "tokenUrl": "https://example.com/token", "scopes": {"read": "Read", "write:all": "Write"}})
                    }
                }
            } else {
                match self.rng.u8(..7) {
                    0 => json!({"type": "http", "scheme": self.pick(&["bearer", "Bearer"]), "bearerFormat": "JWT"}),
                    1 => json!({"type": "http", "scheme": "basic"}),
                    2 => json!({"type": "http", "scheme": self.pick(&["digest", "DSN", "Token", "", "a b"])}),
                    3 => {
                        let location = self.pick(&["header", "query", "cookie"]);
                        json!({"type": "apiKey", "in": location, "name": self.name()})
                    }
                    4 => json!({"type": "oauth2", "flows": {
                        "clientCredentials": {"tokenUrl": "https://auth.example.com/token", "scopes": {"read": "Read"}},
                        "authorizationCode": {"authorizationUrl": "https://auth.example.com/a", "tokenUrl": "/token", "scopes": {}}
                    }}),
                    5 => json!({"type": "openIdConnect", "openIdConnectUrl": "https://auth.example.com/.well-known/openid-configuration"}),
                    _ if self.version == Version::OpenApi31 && self.chance(30) => json!({"type": "mutualTLS"}),
                    _ => json!({"type": "http", "scheme": "bearer"}),
                }
            };
            out.insert(name, scheme);
        }
        out
    }

    fn security_requirement(&mut self) -> Value {
        let alternatives = self.rng.usize(0..=3);
        let mut out = Vec::new();
        for _ in 0..alternatives {
            let mut requirement = Map::new();
            for _ in 0..self.rng.usize(0..=2) {
                let name = if self.chance(5) || self.schemes.is_empty() {
                    self.name()
                } else {
                    self.schemes[self.rng.usize(..self.schemes.len())].clone()
                };
                let scopes = if self.chance(30) { json!(["read"]) } else { json!([]) };
                requirement.insert(name, scopes);
            }
            out.push(Value::Object(requirement));
        }
        Value::Array(out)
    }

    /// A path template and its item: literal segments, `{param}` segments (some sharing a
    /// segment with literal text) and one to three operations.
    fn path_item(&mut self) -> (String, Value) {
        let mut path = String::new();
        let mut params = Vec::new();
        for _ in 0..self.rng.usize(0..=4) {
            path.push('/');
            match self.rng.u8(..10) {
                0..4 => {
                    let name = self.name().replace(['{', '}', '/'], "");
                    if !name.is_empty() && !params.contains(&name) {
                        let before = if self.chance(10) { "v" } else { "" };
                        let after = if self.chance(10) { self.pick(&[".json", ":action", "-x"]) } else { "" };
                        path.push_str(&format!("{before}{{{name}}}{after}"));
                        params.push(name);
                    }
                }
                _ => {
                    let seg = self.pick(&[
                        "pets",
                        "users",
                        "v1",
                        "a b",
                        "ü",
                        "名前",
                        "a%20b",
                        "x.y",
                        "~",
                        "",
                        "items:batch",
                        "$metadata",
                        "a'b",
                        "a\"b",
                    ]);
                    path.push_str(seg);
                }
            }
        }
        if path.is_empty() || self.chance(10) {
            path.push('/');
        }
        let mut item = Map::new();
        let path_level = self.chance(30);
        let path_params: Vec<Value> = params.iter().map(|p| self.path_parameter(p)).collect();
        if path_level && !path_params.is_empty() {
            item.insert("parameters".into(), Value::Array(path_params.clone()));
        }
        if self.chance(10) {
            item.insert("summary".into(), json!(self.text()));
        }
        let n_ops = self.rng.usize(1..=3);
        for _ in 0..n_ops {
            let method = self.pick(METHODS);
            let own: &[Value] = if path_level { &[] } else { &path_params };
            let op = self.operation(method, own, true);
            item.insert(method.to_owned(), op);
        }
        (path, Value::Object(item))
    }

    fn path_parameter(&mut self, name: &str) -> Value {
        if self.v2() { self.parameter_v2("path", name, true) } else { self.parameter_v3("path", name, true) }
    }

    fn operation(&mut self, method: &str, path_params: &[Value], with_id: bool) -> Value {
        let mut op = Map::new();
        if with_id && self.chance(85) {
            let id = self.name();
            if !self.operation_ids.contains(&id) {
                self.operation_ids.push(id.clone());
                op.insert("operationId".into(), json!(id));
            }
        }
        if self.chance(30) {
            op.insert("summary".into(), json!(self.text()));
        }
        if self.chance(20) {
            op.insert("description".into(), json!(self.text()));
        }
        if self.chance(20) {
            op.insert("tags".into(), json!([self.name()]));
        }
        if self.chance(5) {
            op.insert("deprecated".into(), json!(true));
        }
        let mut params: Vec<Value> = path_params.to_vec();
        let mut seen: Vec<(String, String)> = Vec::new();
        for _ in 0..self.rng.usize(0..=4) {
            if !self.parameters.is_empty() && self.chance(15) {
                let name = self.parameters[self.rng.usize(..self.parameters.len())].clone();
                let section = if self.v2() { "#/parameters/" } else { "#/components/parameters/" };
                let reference = format!("{section}{}", token(&name));
                if !seen.contains(&(reference.clone(), String::new())) {
                    params.push(json!({"$ref": reference}));
                    seen.push((reference, String::new()));
                }
                continue;
            }
            let location = if self.v2() {
                self.pick(&["query", "query", "header", "formData"])
            } else {
                self.pick(&["query", "query", "header", "cookie"])
            };
            let name = self.name();
            if seen.contains(&(name.clone(), location.to_owned())) {
                continue;
            }
            seen.push((name.clone(), location.to_owned()));
            let required = self.chance(30);
            let p = if self.v2() { self.parameter_v2(location, &name, required) } else { self.parameter_v3(location, &name, required) };
            params.push(p);
        }
        let wants_body = matches!(method, "post" | "put" | "patch") && self.chance(70) || self.chance(8);
        if wants_body {
            if self.v2() {
                if !seen.iter().any(|(_, l)| l == "formData") {
                    let schema = self.schema(2);
                    let mut body = json!({"name": self.name(), "in": "body", "schema": schema});
                    if self.rng.bool() {
                        body["required"] = json!(true);
                    }
                    params.push(body);
                }
                if self.chance(30) {
                    let c = self.pick(&[
                        "application/json",
                        "application/x-www-form-urlencoded",
                        "multipart/form-data",
                        "text/plain",
                        "application/octet-stream",
                    ]);
                    op.insert("consumes".into(), json!([c]));
                }
            } else {
                let body = self.request_body(true);
                op.insert("requestBody".into(), body);
            }
        }
        if !params.is_empty() {
            op.insert("parameters".into(), Value::Array(params));
        }
        let mut responses = Map::new();
        for _ in 0..self.rng.usize(1..=4) {
            let status = self.pick(STATUSES);
            let r = if self.v2() { self.response_v2() } else { self.response_v3(true) };
            responses.insert(status.to_owned(), r);
        }
        op.insert("responses".into(), Value::Object(responses));
        if self.v2() && self.chance(20) {
            let p = self.pick(&["application/json", "text/plain", "application/octet-stream", "application/xml"]);
            op.insert("produces".into(), json!([p]));
        }
        if self.chance(30) {
            let requirement = self.security_requirement();
            op.insert("security".into(), requirement);
        }
        if !self.v2() && self.chance(4) {
            let cb = self.operation("post", &[], false);
            op.insert("callbacks".into(), json!({ self.name(): { "{$request.body#/callback_url}": { "post": cb } } }));
        }
        Value::Object(op)
    }

    /// A parameter schema fit for `location`: scalars, enums and arrays of scalars anywhere;
    /// objects in the query (deepObject, form).
    fn parameter_schema(&mut self, location: &str) -> Value {
        match self.rng.u8(..10) {
            0..5 => self.primitive(),
            5 | 6 => self.enumeration(),
            7 | 8 => {
                let items = if self.rng.bool() { self.primitive() } else { self.enumeration() };
                json!({"type": "array", "items": items})
            }
            _ if location == "query" => self.object(0),
            _ if !self.schemas.is_empty() => {
                let name = self.schemas[self.rng.usize(..self.schemas.len())].clone();
                json!({"$ref": self.schema_ref(&name)})
            }
            _ => self.primitive(),
        }
    }

    fn parameter_v3(&mut self, location: &str, name: &str, required: bool) -> Value {
        let mut p = Map::new();
        p.insert("name".into(), json!(name));
        p.insert("in".into(), json!(location));
        if required || location == "path" {
            p.insert("required".into(), json!(true));
        }
        if self.chance(5) {
            let schema = self.parameter_schema(location);
            p.insert("content".into(), json!({"application/json": {"schema": schema}}));
        } else {
            let schema = self.parameter_schema(location);
            let is_object = schema.get("properties").is_some();
            let is_array = schema.get("type") == Some(&json!("array"));
            p.insert("schema".into(), schema);
            if location == "query" && self.chance(50) {
                let style = if is_object {
                    self.pick(&["deepObject", "form"])
                } else if is_array {
                    self.pick(&["form", "spaceDelimited", "pipeDelimited"])
                } else {
                    "form"
                };
                p.insert("style".into(), json!(style));
                if self.rng.bool() {
                    p.insert("explode".into(), json!(self.rng.bool()));
                }
            } else if location != "query" && self.chance(10) {
                let style = match location {
                    "path" => self.pick(&["simple", "label", "matrix"]),
                    "header" => "simple",
                    _ => "form",
                };
                p.insert("style".into(), json!(style));
            }
        }
        if self.chance(20) {
            p.insert("description".into(), json!(self.text()));
        }
        if self.chance(5) {
            p.insert("deprecated".into(), json!(true));
        }
        if self.chance(5) {
            p.insert("example".into(), self.any_value(1));
        }
        Value::Object(p)
    }

    fn parameter_v2(&mut self, location: &str, name: &str, required: bool) -> Value {
        let mut p = Map::new();
        p.insert("name".into(), json!(name));
        p.insert("in".into(), json!(location));
        if required || location == "path" {
            p.insert("required".into(), json!(true));
        }
        match self.rng.u8(..10) {
            0..5 => {
                let t = self.pick(&["string", "integer", "number", "boolean"]);
                p.insert("type".into(), json!(t));
                if t == "string" && self.chance(30) {
                    p.insert("format".into(), json!(self.pick(STRING_FORMATS)));
                }
            }
            5 | 6 => {
                p.insert("type".into(), json!("string"));
                let values: Vec<Value> = (0..self.rng.usize(1..=4)).map(|_| json!(self.name())).collect();
                p.insert("enum".into(), Value::Array(values));
            }
            7 if location == "formData" => {
                p.insert("type".into(), json!("file"));
            }
            _ => {
                p.insert("type".into(), json!("array"));
                p.insert("items".into(), json!({"type": self.pick(&["string", "integer"])}));
                if self.chance(70) {
                    let format = if location == "query" || location == "formData" {
                        self.pick(&["csv", "ssv", "tsv", "pipes", "multi"])
                    } else {
                        self.pick(&["csv", "ssv", "tsv", "pipes"])
                    };
                    p.insert("collectionFormat".into(), json!(format));
                }
            }
        }
        if self.chance(20) {
            p.insert("description".into(), json!(self.text()));
        }
        if self.chance(5) {
            p.insert("default".into(), self.any_value(0));
        }
        Value::Object(p)
    }

    fn request_body(&mut self, may_ref: bool) -> Value {
        if may_ref && !self.bodies.is_empty() && self.chance(15) {
            let name = self.bodies[self.rng.usize(..self.bodies.len())].clone();
            return json!({"$ref": format!("#/components/requestBodies/{}", token(&name))});
        }
        let mut content = Map::new();
        for _ in 0..self.rng.usize(1..=2) {
            let media = if self.chance(55) { self.pick(JSON_TYPES) } else { self.pick(OTHER_TYPES) };
            let schema = if media.contains("form") && self.chance(70) { self.object(1) } else { self.schema(2) };
            let mut entry = json!({"schema": schema});
            if self.chance(8) {
                entry["example"] = self.any_value(2);
            }
            if media == "multipart/form-data" && self.chance(20) {
                entry["encoding"] = json!({"file": {"contentType": "image/png"}});
            }
            content.insert(media.to_owned(), entry);
        }
        let mut body = json!({"content": content});
        if self.rng.bool() {
            body["required"] = json!(true);
        }
        if self.chance(20) {
            body["description"] = json!(self.text());
        }
        body
    }

    fn response_v3(&mut self, may_ref: bool) -> Value {
        if may_ref && !self.responses.is_empty() && self.chance(15) {
            let name = self.responses[self.rng.usize(..self.responses.len())].clone();
            return json!({"$ref": format!("#/components/responses/{}", token(&name))});
        }
        let mut r = Map::new();
        r.insert("description".into(), json!(self.text()));
        if self.chance(70) {
            let mut content = Map::new();
            for _ in 0..self.rng.usize(1..=2) {
                let media = if self.chance(70) { self.pick(JSON_TYPES) } else { self.pick(OTHER_TYPES) };
                let mut entry = Map::new();
                if self.chance(92) {
                    entry.insert("schema".into(), self.schema(2));
                }
                if self.chance(8) {
                    entry.insert("example".into(), self.any_value(2));
                }
                content.insert(media.to_owned(), Value::Object(entry));
            }
            r.insert("content".into(), Value::Object(content));
        }
        if self.chance(15) {
            let mut headers = Map::new();
            let (name, schema) = (self.name(), self.primitive());
            headers.insert(name, json!({"schema": schema, "description": "h"}));
            r.insert("headers".into(), Value::Object(headers));
        }
        Value::Object(r)
    }

    fn response_v2(&mut self) -> Value {
        let mut r = Map::new();
        r.insert("description".into(), json!(self.text()));
        if self.chance(70) {
            r.insert("schema".into(), self.schema(2));
        }
        if self.chance(10) {
            r.insert("headers".into(), json!({ self.name(): {"type": "integer"} }));
        }
        if self.chance(8) {
            r.insert("examples".into(), json!({"application/json": self.any_value(2)}));
        }
        Value::Object(r)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_seed_builds_the_same_spec() {
        for seed in 0..20 {
            assert_eq!(build(seed).text, build(seed).text);
        }
    }

    #[test]
    fn every_version_and_format_is_built() {
        let built: Vec<Built> = (0..60).map(build).collect();
        for version in Version::ALL {
            assert!(built.iter().any(|b| b.version == version && b.label.ends_with(".json")), "{version:?} json");
            assert!(built.iter().any(|b| b.version == version && b.label.ends_with(".yaml")), "{version:?} yaml");
        }
        let parsed: serde_json::Value = serde_yaml::from_str(&built.iter().find(|b| b.label.ends_with(".yaml")).unwrap().text).unwrap();
        assert!(parsed.get("info").is_some());
    }
}
