//! Every Rust name the generator emits comes from here: case conversion, keywords, odd characters,
//! length and collisions, each case tested below (and, for whole specs, in `tests/names.rs`).
//!
//! A name is made from the spec's text alone, so it is the same on every run: ASCII letters and
//! digits are kept as words, everything else separates them; a name that starts with a digit or
//! is a keyword is adjusted; a name longer than [`MAX_LEN`] is cut and given a hash of the whole
//! text. What remains to clash (`foo-bar` and `fooBar`) is numbered by a [`Scope`].

use std::collections::HashSet;

use heck::{ToKebabCase, ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Keywords that `r#` makes usable as identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn", "else", "enum", "extern", "false",
    "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop", "macro", "match", "mod", "move", "mut", "override", "priv", "pub",
    "ref", "return", "static", "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual", "where", "while",
    "yield",
];

/// Keywords that cannot even be raw identifiers.
const PLAIN_RESERVED: &[&str] = &["self", "super", "crate", "Self", "_"];

/// The longest name the generator makes, in bytes: longer ones are cut, and end in a hash of the
/// whole text so that two long names that begin alike stay apart. Module names become file names
/// (`tests/<module>_examples.rs`), which most file systems limit to 255 bytes.
pub const MAX_LEN: usize = 128;

/// The names a generated method's body uses besides its parameters (its locals, its closures'
/// arguments and the functions it calls by a bare name). A parameter never takes one of them:
/// it would hide the local, or the local would hide it. `self` is a keyword, so [`snake`] already
/// turns a parameter named `self` into `self_`.
pub const METHOD_LOCALS: &[&str] = &["body", "form", "item", "request", "response", "url", "value"];

/// clippy's default `disallowed-names`, which it warns of wherever one is bound: a parameter
/// or field of that name gets another.
pub const PLACEHOLDERS: &[&str] = &["foo", "baz", "quux"];

/// The types the generated crate's root re-exports from its runtime (`generated::Error`, …). An
/// inline schema is not named like one of them: its name is prefixed with its API's.
pub const CRATE_ROOT_TYPES: &[&str] = &[
    "ByteStream",
    "Call",
    "Error",
    "Event",
    "EventStream",
    "HeaderError",
    "InvalidHeader",
    "InvalidPath",
    "MissingCredentials",
    "Nullable",
    "Pages",
    "RawResponse",
    "ResponseValue",
    "RetryPolicy",
    "UnlistedValue",
    "Upload",
];

/// Names the generated `Client` already uses for its own methods, and those of the traits it
/// implements that a method of the same name would hide (`client.clone()`).
pub const CLIENT_METHODS: &[&str] = &[
    "new",
    "with_base_url",
    "with_http_client",
    "with_middleware",
    "with_timeout",
    "with_retry",
    "with_default_header",
    "base_url",
    "clone",
    "clone_from",
    "default",
];

/// Names a builder gives its own fields and methods besides one per parameter (`body` is a
/// method local already): a parameter of the same name gets another.
pub const BUILDER_OWN: &[&str] = &["core", "events", "next_url", "send", "stream"];

/// Names the generated mock server (`mock::MockServer`) and its `Received` give their own methods
/// besides one per operation (`base_url` is a client method already): an operation of the same
/// name gets another.
pub const MOCK_SERVER_OWN: &[&str] = &["count", "received", "start", "unmatched", "uri", "verify"];

/// Names a mock expectation gives its own methods besides one setter per parameter (`body` is a
/// method local already); its responders to documented errors are [`responder`]s, and a
/// parameter is never named like one (see [`param`]).
pub const MOCK_OWN: &[&str] = &["expect", "mount", "mount_as_scoped", "respond_ok", "respond_status"];

/// The types the `mock` module defines besides one expectation per operation (named as the
/// operation's builder): no builder takes their names.
pub const MOCK_TYPES: &[&str] = &["MockServer", "Received"];

/// The mock expectation's responder to the error variant `variant`: `respond_not_found`.
pub fn responder(variant: &str) -> String {
    format!("respond_{}", variant.to_snake_case())
}

/// A parameter's name: [`snake`], but never one that begins like a [`responder`] (a responder
/// never ends in `_`).
pub fn param(raw: &str) -> String {
    let name = snake(raw);
    if name.starts_with("respond_") { format!("{name}_") } else { name }
}

/// The std prelude's names, which no builder type takes, so the `builders` module can use them.
pub const PRELUDE: &[&str] = &[
    "AsMut",
    "AsRef",
    "Box",
    "Clone",
    "Copy",
    "Default",
    "DoubleEndedIterator",
    "Drop",
    "Eq",
    "Err",
    "ExactSizeIterator",
    "Extend",
    "Fn",
    "FnMut",
    "FnOnce",
    "From",
    "FromIterator",
    "Future",
    "Hash",
    "Into",
    "IntoFuture",
    "IntoIterator",
    "Iterator",
    "None",
    "Ok",
    "Option",
    "Ord",
    "PartialEq",
    "PartialOrd",
    "Result",
    "Send",
    "Sized",
    "Some",
    "String",
    "Sync",
    "ToOwned",
    "ToString",
    "TryFrom",
    "TryInto",
    "Unpin",
    "Vec",
];

/// Keeps ASCII letters and digits as words; a leading sign on a number becomes a word.
fn words(raw: &str) -> String {
    let spelled = match raw.as_bytes() {
        [b'+', d, ..] if d.is_ascii_digit() => format!("plus {}", &raw[1..]),
        [b'-', d, ..] if d.is_ascii_digit() => format!("minus {}", &raw[1..]),
        _ => raw.to_owned(),
    };
    spelled.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// FNV-1a: a hash that, unlike std's, is specified, so names stay the same across Rust releases.
fn fnv1a(text: &str) -> u64 {
    text.bytes().fold(0xcbf2_9ce4_8422_2325, |hash, byte| (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3))
}

/// Cuts `name` (ASCII, made from `raw`) to [`MAX_LEN`], ending it in eight hex digits of the
/// hash of `raw`, after `separator`.
fn bounded(mut name: String, raw: &str, separator: &str) -> String {
    if name.len() <= MAX_LEN {
        return name;
    }
    let hash = format!("{separator}{:08x}", fnv1a(raw) & 0xffff_ffff);
    name.truncate(MAX_LEN - hash.len());
    name.truncate(name.trim_end_matches('_').len());
    name.push_str(&hash);
    name
}

/// Whether `name` (in `snake_case` or `SCREAMING_SNAKE_CASE`) holds no letter: `1`, `1_0`.
fn numbers_only(name: &str) -> bool {
    name.bytes().all(|b| b.is_ascii_digit() || b == b'_')
}

/// A cargo feature's name (or suffix) in kebab case, e.g. `pull-requests`; empty when `raw` has
/// no letter or digit.
pub fn feature(raw: &str) -> String {
    words(raw).to_kebab_case()
}

/// A name in `snake_case` for fields, parameters, methods and modules. One that starts with a
/// digit gets an underscore (`24h` → `_24h`); one of digits only is a numbered value (`1` →
/// `value_1`), as `_1` reads as nothing (clippy's `just_underscores_and_digits`).
pub fn snake(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name.push_str("value");
    }
    if numbers_only(&name) {
        name.insert_str(0, "value_");
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    let mut name = bounded(name, raw, "_");
    if PLAIN_RESERVED.contains(&name.as_str()) {
        name.push('_');
    } else if RAW_KEYWORDS.contains(&name.as_str()) {
        name.insert_str(0, "r#");
    }
    name
}

/// A name in `UpperCamelCase` for types and enum variants.
pub fn camel(raw: &str) -> String {
    let mut name = words(raw).to_upper_camel_case();
    if name.is_empty() {
        name.push_str("Value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, 'V');
    }
    if name == "Self" {
        name.push_str("Value");
    }
    bounded(name, raw, "")
}

/// A type name: [`camel`]. Schemas keep their own names even where they are those of std items
/// (`Option`, `Result`, `From`, `Error`, …): the emitter spells a std item by its full path in
/// any module that defines a type of the same name.
pub fn type_name(raw: &str) -> String {
    camel(raw)
}

/// A name in `SCREAMING_SNAKE_CASE` for constants.
pub fn shouty(raw: &str) -> String {
    let mut name = words(raw).to_shouty_snake_case();
    if name.is_empty() {
        name.push_str("VALUE");
    }
    if numbers_only(&name) {
        name.insert_str(0, "VALUE_");
    } else if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    // The hash of a cut name in capitals too: `non_upper_case_globals` reads every letter.
    bounded(name, raw, "_").to_ascii_uppercase()
}

/// Whether a name was cut to [`MAX_LEN`] and ends in the hash of the whole (eight hex digits).
pub fn is_hashed(name: &str) -> bool {
    let name = unraw(name);
    // The cut may also drop a few trailing `_` before the hash.
    name.len() > MAX_LEN - 16 && name[name.len() - 8..].bytes().all(|b| b.is_ascii_hexdigit())
}

/// Module names the generated crate's root uses itself (`runtime`, `oauth`, and `tracing`, a feature), that cargo gives a meaning to
/// as feature names (each module is a feature of the same name), and those of an API's own
/// modules, which inside a module of the same name would read `types::types` (clippy's
/// `module_inception`).
const RESERVED_MODULES: &[&str] =
    &["runtime", "oauth", "tracing", "default", "builders", "client", "errors", "headers", "types", "webhooks"];

/// The module (and cargo feature) name for a spec whose file (or folder) is called `stem`: its
/// words in `snake_case`. A stem that starts with a number has its leading numbers moved to the
/// end (`2024-api` → `api_2024`), or, with no other words, `api_` in front (`2024` →
/// `api_2024`); one without ASCII letters or digits is spelled by its code points (`日本` →
/// `api_65e5_672c`); a keyword or a name the generated crate uses itself gets `_api` (`type` →
/// `type_api`, `types` → `types_api`).
pub fn module(stem: &str) -> String {
    let words = words(stem).to_snake_case();
    let name = if words.is_empty() {
        let points: Vec<String> = stem.chars().map(|c| format!("{:x}", u32::from(c))).collect();
        if points.is_empty() { "api".to_owned() } else { format!("api_{}", points.join("_")) }
    } else {
        let (numbers, rest): (Vec<&str>, Vec<&str>) = {
            let all: Vec<&str> = words.split('_').collect();
            let split = all.iter().position(|w| !w.starts_with(|c: char| c.is_ascii_digit())).unwrap_or(all.len());
            (all[..split].to_vec(), all[split..].to_vec())
        };
        match (numbers.is_empty(), rest.is_empty()) {
            (true, _) => words,
            (false, true) => format!("api_{words}"),
            (false, false) => format!("{}_{}", rest.join("_"), numbers.join("_")),
        }
    };
    let name = bounded(name, stem, "_");
    let reserved = |n: &str| RAW_KEYWORDS.contains(&n) || PLAIN_RESERVED.contains(&n) || RESERVED_MODULES.contains(&n);
    if reserved(&name) { format!("{name}_api") } else { name }
}

/// The client's method that sets the credential of the security scheme named `scheme` (its
/// `snake_case` name): `with_bearer`, `with_type` for `r#type`, `with_3d_model` for `_3d_model`.
pub fn credential_setter(scheme: &str) -> String {
    format!("with_{}", unraw(scheme).trim_start_matches('_'))
}

/// The name without its `r#` prefix, as serde sees it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The variant name for a response status, e.g. `404` → `NotFound`, `5XX` → `ServerError`.
pub fn status_variant(code: u16) -> String {
    http::StatusCode::from_u16(code).ok().and_then(|s| s.canonical_reason()).map_or_else(|| format!("Status{code}"), camel)
}

/// Hands out names that are unique within one scope. A name already handed out gets the first
/// free numbered variant (`foo_bar_2`, `Thing2`); a reserved name in `snake_case` (one the
/// generated code itself uses there, such as a method's local `url`) gets a trailing underscore
/// first (`url_`), the way Rust code avoids keywords.
#[derive(Default)]
pub struct Scope {
    taken: HashSet<String>,
    reserved: HashSet<String>,
}

impl Scope {
    pub fn with_reserved(names: &[&str]) -> Self {
        let reserved: HashSet<String> = names.iter().map(|n| (*n).to_owned()).collect();
        Self { taken: reserved.clone(), reserved }
    }

    /// Claims `name`, or the first free variant of it.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        // A raw identifier's variants are not keywords: `r#type` gives `type_2`.
        let base = unraw(&name);
        let snake_case = base.chars().all(|c| !c.is_ascii_uppercase());
        if snake_case && self.reserved.contains(&name) {
            let underscored = format!("{base}_");
            if self.taken.insert(underscored.clone()) {
                return underscored;
            }
        }
        let base = base.trim_end_matches('_');
        // `foo_bar` gives `foo_bar_2`, `Thing` gives `Thing2`, and `V2` gives `V2_2`.
        let separated = snake_case || base.contains('_') || base.ends_with(|c: char| c.is_ascii_digit());
        let sep = if separated { "_" } else { "" };
        (2..)
            .map(|n| format!("{base}{sep}{n}"))
            .find(|candidate| self.taken.insert(candidate.clone()))
            .expect("an unbounded counter always finds a free name")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snake_case_handles_keywords_digits_and_symbols() {
        assert_eq!(snake("updateContact"), "update_contact");
        assert_eq!(snake("type"), "r#type");
        assert_eq!(snake("self"), "self_");
        assert_eq!(snake("address_1"), "address_1");
        assert_eq!(snake("24h"), "_24h");
        assert_eq!(snake("X-API-Key"), "x_api_key");
        assert_eq!(snake("$ref"), "r#ref");
        assert_eq!(snake("+1"), "plus_1");
        assert_eq!(snake("-1"), "minus_1");
        assert_eq!(snake("@timestamp"), "timestamp");
        assert_eq!(snake("日本"), "value");
        assert_eq!(snake("1"), "value_1");
        assert_eq!(snake("%20"), "value_20");
        assert_eq!(snake("1.0"), "value_1_0");
        assert_eq!(snake("3d-model"), "_3d_model");
    }

    #[test]
    fn credential_setters_read_as_one_name() {
        assert_eq!(credential_setter("bearer"), "with_bearer");
        assert_eq!(credential_setter("r#type"), "with_type");
        assert_eq!(credential_setter("_3d_model"), "with_3d_model");
    }

    #[test]
    fn camel_case_handles_digits_and_odd_names() {
        assert_eq!(camel("customer"), "Customer");
        assert_eq!(camel("api.v2010.account"), "ApiV2010Account");
        assert_eq!(camel("AiItem--Base"), "AiItemBase");
        assert_eq!(camel("2xx"), "V2xx");
        assert_eq!(camel(""), "Value");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(type_name("Result"), "Result");
        assert_eq!(type_name("Error"), "Error");
    }

    #[test]
    fn long_names_are_cut_with_a_hash_of_the_whole() {
        let long = "very long property ".repeat(20);
        let (s, c, k) = (snake(&long), camel(&long), shouty(&long));
        assert!(s.len() <= MAX_LEN && c.len() <= MAX_LEN && k.len() <= MAX_LEN, "{s} {c} {k}");
        assert!(s.starts_with("very_long_property_very") && c.starts_with("VeryLongPropertyVery"), "{s} {c}");
        assert_eq!(s, snake(&long), "deterministic");
        let other = format!("{long}!");
        assert_ne!(snake(&other), s, "the hash tells apart names that differ past the cut");
        assert_eq!(snake(&"a".repeat(MAX_LEN)), "a".repeat(MAX_LEN), "at the limit nothing is cut");
        assert_eq!(fnv1a("a"), 0xaf63_dc4c_8601_ec8c, "FNV-1a as specified");
        // Each cut name keeps its case: a constant's hash in capitals, a method's in lower case.
        assert_eq!(k, k.to_ascii_uppercase(), "{k}");
        assert!(k[k.len() - 8..].bytes().any(|b| b.is_ascii_uppercase()), "{k}: a hash with letters, in capitals");
        assert_eq!(s, s.to_ascii_lowercase(), "{s}");
        assert!(is_hashed(&s) && is_hashed(&k) && is_hashed(&c), "{s} {k} {c}");
        assert!(!is_hashed("very_long_property") && !is_hashed(&"x".repeat(MAX_LEN)));
    }

    #[test]
    fn constants_are_shouty() {
        assert_eq!(shouty("Production server"), "PRODUCTION_SERVER");
        assert_eq!(shouty("1st"), "_1ST");
        assert_eq!(shouty("2024"), "VALUE_2024");
    }

    #[test]
    fn statuses_have_reason_names() {
        assert_eq!(status_variant(404), "NotFound");
        assert_eq!(status_variant(500), "InternalServerError");
        assert_eq!(status_variant(599), "Status599");
    }

    #[test]
    fn scope_numbers_clashes() {
        let mut scope = Scope::with_reserved(&["Unknown"]);
        assert_eq!(scope.claim("Unknown".into()), "Unknown2");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar");
        assert_eq!(scope.claim("foo_bar".into()), "foo_bar_2");
        assert_eq!(scope.claim("V2".into()), "V2");
        assert_eq!(scope.claim("V2".into()), "V2_2");
        assert_eq!(scope.claim("r#type".into()), "r#type");
        assert_eq!(scope.claim("r#type".into()), "type_2");
        assert_eq!(scope.claim("self_".into()), "self_");
        assert_eq!(scope.claim("self_".into()), "self_2");
        assert_eq!(unraw("r#type"), "type");
    }

    #[test]
    fn reserved_snake_names_take_an_underscore_first() {
        let mut scope = Scope::with_reserved(METHOD_LOCALS);
        assert_eq!(scope.claim("url".into()), "url_");
        assert_eq!(scope.claim("url".into()), "url_2");
        assert_eq!(scope.claim("query".into()), "query");
    }

    #[test]
    fn parameters_are_never_named_like_a_mock_responder() {
        assert_eq!(responder("NotFound"), "respond_not_found");
        assert_eq!(param("respond_not_found"), "respond_not_found_");
        assert_eq!(param("respondent"), "respondent");
        assert_eq!(param("type"), "r#type");
    }

    #[test]
    fn module_names_are_identifiers() {
        assert_eq!(module("fax_plus"), "fax_plus");
        assert_eq!(module("2024-api"), "api_2024");
        assert_eq!(module("2024"), "api_2024");
        assert_eq!(module("1.0"), "api_1_0");
        assert_eq!(module("3d-secure-v2"), "secure_v2_3d");
        assert_eq!(module("type"), "type_api");
        assert_eq!(module("self"), "self_api");
        assert_eq!(module("crate"), "crate_api");
        assert_eq!(module("runtime"), "runtime_api");
        assert_eq!(module("default"), "default_api");
        assert_eq!(module("types"), "types_api");
        assert_eq!(module("client"), "client_api");
        assert_eq!(module("日本"), "api_65e5_672c");
        assert_eq!(module(""), "api");
        assert!(module(&"x".repeat(300)).len() <= MAX_LEN);
    }
}
