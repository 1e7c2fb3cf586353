//! Every Rust name the generator emits comes from here: case conversion, keywords, odd characters
//! and collisions, each case tested below.

use std::collections::HashSet;

use heck::{ToShoutySnakeCase, ToSnakeCase, ToUpperCamelCase};

/// Keywords that `r#` makes usable as identifiers.
const RAW_KEYWORDS: &[&str] = &[
    "abstract", "as", "async", "await", "become", "box", "break", "const", "continue", "do", "dyn",
    "else", "enum", "extern", "false", "final", "fn", "for", "gen", "if", "impl", "in", "let", "loop",
    "macro", "match", "mod", "move", "mut", "override", "priv", "pub", "ref", "return", "static",
    "struct", "trait", "true", "try", "type", "typeof", "unsafe", "unsized", "use", "virtual",
    "where", "while", "yield",
];

/// Keywords that cannot even be raw identifiers.
const PLAIN_RESERVED: &[&str] = &["self", "super", "crate", "Self", "_"];

/// Type names that would shadow the prelude items generated code relies on.
const PRELUDE_TYPES: &[&str] = &["Option", "Some", "None", "Result", "Ok", "Err", "String", "Vec", "Box"];

/// Keeps ASCII letters and digits as words; a leading sign on a number becomes a word.
fn words(raw: &str) -> String {
    let spelled = match raw.as_bytes() {
        [b'+', d, ..] if d.is_ascii_digit() => format!("plus {}", &raw[1..]),
        [b'-', d, ..] if d.is_ascii_digit() => format!("minus {}", &raw[1..]),
        _ => raw.to_owned(),
    };
    spelled.chars().map(|c| if c.is_ascii_alphanumeric() { c } else { ' ' }).collect()
}

/// A name in `snake_case` for fields, parameters, methods and modules.
pub fn snake(raw: &str) -> String {
    let mut name = words(raw).to_snake_case();
    if name.is_empty() {
        name.push_str("value");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
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
    name
}

/// A type name: like [`camel`], and never one of the prelude types the generated code uses.
pub fn type_name(raw: &str) -> String {
    let mut name = camel(raw);
    if PRELUDE_TYPES.contains(&name.as_str()) {
        name.push_str("Type");
    }
    name
}

/// A name in `SCREAMING_SNAKE_CASE` for constants.
pub fn shouty(raw: &str) -> String {
    let mut name = words(raw).to_shouty_snake_case();
    if name.is_empty() {
        name.push_str("VALUE");
    }
    if name.starts_with(|c: char| c.is_ascii_digit()) {
        name.insert(0, '_');
    }
    name
}

/// The name without its `r#` prefix, as serde sees it.
pub fn unraw(name: &str) -> &str {
    name.strip_prefix("r#").unwrap_or(name)
}

/// The variant name for a response status, e.g. `404` → `NotFound`, `5XX` → `ServerError`.
pub fn status_variant(code: u16) -> String {
    http::StatusCode::from_u16(code)
        .ok()
        .and_then(|s| s.canonical_reason())
        .map_or_else(|| format!("Status{code}"), camel)
}

/// Hands out names that are unique within one scope, appending `2`, `3`, … on a clash.
#[derive(Default)]
pub struct Scope {
    taken: HashSet<String>,
}

impl Scope {
    pub fn with_reserved(names: &[&str]) -> Self {
        Self { taken: names.iter().map(|n| (*n).to_owned()).collect() }
    }

    /// Claims `name`, or the first free numbered variant of it.
    pub fn claim(&mut self, name: String) -> String {
        if self.taken.insert(name.clone()) {
            return name;
        }
        let sep = if name.contains('_') || name.chars().all(|c| !c.is_ascii_uppercase()) { "_" } else { "" };
        (2..)
            .map(|n| format!("{name}{sep}{n}"))
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
    }

    #[test]
    fn camel_case_handles_digits_and_odd_names() {
        assert_eq!(camel("customer"), "Customer");
        assert_eq!(camel("api.v2010.account"), "ApiV2010Account");
        assert_eq!(camel("AiItem--Base"), "AiItemBase");
        assert_eq!(camel("2xx"), "V2xx");
        assert_eq!(camel(""), "Value");
        assert_eq!(camel("self"), "SelfValue");
        assert_eq!(type_name("Result"), "ResultType");
        assert_eq!(type_name("Error"), "Error");
    }

    #[test]
    fn constants_are_shouty() {
        assert_eq!(shouty("Production server"), "PRODUCTION_SERVER");
        assert_eq!(shouty("1st"), "_1ST");
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
        assert_eq!(unraw("r#type"), "type");
    }
}
