//! Values as text, for where JSON does not go: path segments, headers, multipart parts.

use std::fmt::Display;

use percent_encoding::{AsciiSet, CONTROLS, utf8_percent_encode};
use serde::Serialize;
use serde_json::Value;

/// What a cookie value cannot hold (RFC 6265's `cookie-octet` excludes them): controls, space,
/// `"`, `,`, `;` and `\\`, and (by `utf8_percent_encode`) every byte beyond ASCII. `%` stays as
/// it is, so a value that a server sent already percent-encoded goes back unchanged.
const COOKIE_VALUE: &AsciiSet = &CONTROLS.add(b' ').add(b'"').add(b',').add(b';').add(b'\\');

/// A `Cookie` header's `name=value` pair, the value percent-encoded where a cookie cannot hold
/// it: a `;` in a value never adds a cookie.
pub fn cookie(name: &str, value: impl Display) -> String {
    format!("{name}={}", utf8_percent_encode(&value.to_string(), COOKIE_VALUE))
}

/// A value as text: strings as they are, anything else as its JSON. Encoding the generated
/// types cannot fail (their maps have string keys); should a hand-made value fail, the error's
/// text is what is sent, and the server will refuse it.
pub fn to_text<T: Serialize + ?Sized>(value: &T) -> String {
    match serde_json::to_value(value) {
        Ok(Value::String(text)) => text,
        Ok(other) => other.to_string(),
        Err(e) => e.to_string(),
    }
}

/// A multipart form with one text part per member of a JSON object, for bodies that are not
/// structs; anything else becomes a single `body` part.
pub fn multipart_from_json<T: Serialize + ?Sized>(body: &T) -> reqwest::multipart::Form {
    let mut form = reqwest::multipart::Form::new();
    match serde_json::to_value(body) {
        Ok(Value::Object(members)) => {
            for (name, value) in members {
                form = form.text(name, to_text(&value));
            }
        }
        Ok(other) => form = form.text("body", to_text(&other)),
        Err(e) => form = form.text("body", e.to_string()),
    }
    form
}

/// A multipart part holding `text`, of media type `content_type`, as the spec's `encoding` says
/// (the generator passes only single, well-formed media types).
pub fn text_part(text: String, content_type: &str) -> reqwest::multipart::Part {
    let bytes = bytes::Bytes::from(text);
    let length = bytes.len() as u64;
    // A clone of `Bytes` shares the buffer: the fallback costs no copy.
    reqwest::multipart::Part::stream_with_length(bytes.clone(), length)
        .mime_str(content_type)
        .unwrap_or_else(|_| reqwest::multipart::Part::stream_with_length(bytes, length))
}

/// A multipart part holding `value` as JSON (OpenAPI's default for an object or array of
/// objects), of media type `content_type`, `application/json` unless the spec says otherwise.
pub fn json_part<T: Serialize + ?Sized>(value: &T, content_type: Option<&str>) -> reqwest::multipart::Part {
    let json = serde_json::to_string(value).unwrap_or_else(|e| e.to_string());
    text_part(json, content_type.unwrap_or("application/json"))
}

/// An object as OpenAPI's exploded `form` query style writes it: `key=value` per member, a
/// member without text of its own as its JSON (serde_urlencoded refuses nested values). A value
/// that is not an object (a union's other alternative) is `name=value`.
pub fn form_members<T: Serialize + ?Sized>(name: &str, value: &T) -> Vec<(String, String)> {
    match serde_json::to_value(value) {
        Ok(Value::Object(members)) => members.iter().filter(|(_, v)| !v.is_null()).map(|(key, v)| (key.clone(), to_text(v))).collect(),
        Ok(Value::Null) => Vec::new(),
        Ok(other) => vec![(name.to_owned(), to_text(&other))],
        Err(e) => vec![(name.to_owned(), e.to_string())],
    }
}

/// An object as OpenAPI's `deepObject` query style writes it: `name[key]=value` per member,
/// sorted by key so the query is the same whichever map type serde_json was built with.
pub fn deep_object<T: Serialize + ?Sized>(name: &str, value: &T) -> Vec<(String, String)> {
    match serde_json::to_value(value) {
        Ok(Value::Object(members)) => {
            let mut pairs: Vec<(String, String)> =
                members.iter().filter(|(_, v)| !v.is_null()).map(|(key, v)| (format!("{name}[{key}]"), to_text(v))).collect();
            pairs.sort();
            pairs
        }
        Ok(Value::Null) => Vec::new(),
        Ok(other) => vec![(name.to_owned(), to_text(&other))],
        Err(e) => vec![(name.to_owned(), e.to_string())],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn strings_stay_bare_and_the_rest_is_json() {
        assert_eq!(to_text("a b"), "a b");
        assert_eq!(to_text(&3), "3");
        assert_eq!(to_text(&serde_json::json!({"k": [1, true]})), r#"{"k":[1,true]}"#);
    }

    #[test]
    fn cookie_values_cannot_add_cookies() {
        assert_eq!(cookie("session", "s; admin=1"), "session=s%3B%20admin=1");
        assert_eq!(cookie("session", "a,b\"c\\d\r\nü"), "session=a%2Cb%22c%5Cd%0D%0A%C3%BC");
        assert_eq!(cookie("session", "s%3Aabc.def=="), "session=s%3Aabc.def==");
        assert_eq!(cookie("n", 42), "n=42");
    }

    #[test]
    fn form_members_write_nested_values_as_json() {
        let mut pairs = form_members("filter", &serde_json::json!({"a": 1, "n": {"k": [true]}, "gone": null}));
        pairs.sort();
        assert_eq!(pairs, [("a".to_owned(), "1".to_owned()), ("n".to_owned(), r#"{"k":[true]}"#.to_owned())]);
        assert_eq!(form_members("filter", &"x"), [("filter".to_owned(), "x".to_owned())]);
    }

    #[test]
    fn deep_objects_spell_out_their_members() {
        let pairs = deep_object("filter", &serde_json::json!({"state": "open", "n": 2, "gone": null}));
        assert_eq!(pairs, [("filter[n]".to_owned(), "2".to_owned()), ("filter[state]".to_owned(), "open".to_owned())]);
    }
}
