//! Property tests of the runtime and the generated code, with arbitrary input:
//!
//! - arbitrary JSON (random values, and the specs' own examples mutated) against the seed and
//!   fixture types: decoding an answer gives the value or `Error::Decode`, never a panic; a
//!   value that decodes encodes back to JSON that decodes to an equal value, and encodes the
//!   same again (round trip);
//! - arbitrary path, query, header and cookie values never change the request's path, add a
//!   query pair, a header or a cookie; a header value that HTTP cannot carry (CR, LF, …) and a
//!   path value that URLs resolve away (`.`, `..`) are refused by the client, not sent.
//!
//! `PROPTEST_CASES` sets the number of cases (256 by default; `cargo xtask fuzz --cases N`),
//! `PROPTEST_RNG_SEED` the seed (fixed otherwise, so `cargo test` runs the same cases every
//! time). Each property prints its figures (`--nocapture` shows them); a failure is kept in
//! `fuzz_runtime.proptest-regressions` and run first from then on.

use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::sync::OnceLock;
use std::sync::atomic::{AtomicU64, Ordering};

use bytes::Bytes;
use percent_encoding::percent_decode_str;
use proptest::prelude::*;
use proptest::test_runner::{Config, FileFailurePersistence, RngSeed, TestCaseError, TestRunner};
use reqwest::StatusCode;
use reqwest::header::HeaderMap;
use serde::Serialize;
use serde::de::DeserializeOwned;
use serde_json::Value;
use wire_tests::runtime::RawResponse;
use wire_tests::{Error, parameters, security_variants};
use wiremock::{Mock, MockServer, Request, ResponseTemplate};

// ---------------------------------------------------------------------------------------------
// Decoding and round trips.

/// How one type fared over a run.
struct Tally {
    name: &'static str,
    decoded: AtomicU64,
    refused: AtomicU64,
}

/// Decodes `value` as the body of a `200` answer into `T`: the value or `Error::Decode`. What
/// decodes must encode back to JSON that decodes to an equal value and encodes the same again.
fn check<T>(value: &Value, tally: &Tally) -> Result<(), TestCaseError>
where
    T: DeserializeOwned + Serialize + PartialEq + std::fmt::Debug,
{
    let body = Bytes::from(serde_json::to_vec(value).expect("JSON values encode"));
    let answer = RawResponse::new(StatusCode::OK, HeaderMap::new(), body);
    let decoded = catch_unwind(AssertUnwindSafe(|| answer.json::<T, ()>()))
        .map_err(|_| TestCaseError::fail(format!("{}: decoding panicked on {value}", tally.name)))?;
    let typed = match decoded {
        Ok(typed) => typed.into_inner(),
        Err(Error::Decode { .. }) => {
            tally.refused.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        Err(other) => return Err(TestCaseError::fail(format!("{}: {other:?} instead of Error::Decode", tally.name))),
    };
    tally.decoded.fetch_add(1, Ordering::Relaxed);
    let encoded =
        serde_json::to_value(&typed).map_err(|e| TestCaseError::fail(format!("{}: {typed:?} does not encode: {e}", tally.name)))?;
    let again: T = serde_json::from_value(encoded.clone())
        .map_err(|e| TestCaseError::fail(format!("{}: {value} decoded, but its encoding {encoded} does not: {e}", tally.name)))?;
    prop_assert_eq!(&again, &typed, "{}: {} → {} decodes to another value", tally.name, value, encoded);
    let twice = serde_json::to_value(&again).expect("encoded once");
    prop_assert_eq!(&twice, &encoded, "{}: encoding is not stable", tally.name);
    Ok(())
}

/// One checker per type: `check::<T>` with its tally.
macro_rules! types {
    ($($ty:path),* $(,)?) => {
        vec![$((stringify!($ty), check::<$ty> as fn(&Value, &Tally) -> Result<(), TestCaseError>)),*]
    };
}

#[allow(clippy::type_complexity, reason = "a list of checkers")]
fn checkers() -> Vec<(&'static str, fn(&Value, &Tally) -> Result<(), TestCaseError>)> {
    use wire_tests::*;
    types![
        generated::fax_plus::types::Contact,
        generated::fax_plus::types::ContactUpdate,
        generated::fax_plus::types::Error,
        generated::clemta::types::UpdateContactRequest,
        generated::clemta::types::ContactUpdateResponse,
        generated::clemta::types::ContactResponse,
        generated::clemta::types::ContactBilling,
        generated::clemta::types::ContactType,
        generated::clemta::types::BadRequestError,
        generated::clemta::types::ClemtaError,
        additional_properties::types::Labels,
        additional_properties::types::Open,
        additional_properties::types::Closed,
        additional_properties::types::NestedValue,
        all_of::types::Base,
        all_of::types::Named,
        all_of::types::Deep,
        all_of::types::Holder,
        defaults::types::Paging,
        defaults::types::PagingMode,
        formats::types::Everything,
        inline_enum::types::Pet,
        inline_enum::types::Order,
        inline_enum::types::Level,
        inline_enum::types::Status,
        json_pointer_refs::types::Order,
        json_pointer_refs::types::Shipment,
        keyword_fields::types::Odd,
        nullable::types::Record,
        one_of::types::Cat,
        one_of::types::Dog,
        one_of::types::Pet,
        one_of::types::IdOrName,
        one_of::types::Shape,
        one_of::types::Expr,
        one_of::types::Sum,
        open_unions::types::Event,
        open_unions::types::Message,
        open_unions::types::Drawn,
        open_unions::types::Notice,
        open_unions::types::Stroke,
        openapi_3_1::types::Pet,
        openapi_3_1::types::PetIn,
        openapi_3_1::types::Animal,
        openapi_3_1::types::Event,
        openapi_3_1::types::Tag,
        openapi_3_1::types::HttpValidationError,
        openapi_3_1::types::ValidationError,
        openapi_3_1::types::PetSize,
        openapi_3_1::types::PetIdOrCode,
        recursive::types::Node,
        recursive::types::Wrapper,
        response_refs::types::Thing,
        response_refs::types::Problem,
        swagger_2::types::NewItem,
        swagger_2::types::Item,
        swagger_2::types::Error,
        query_styles::types::SearchFilter,
        parameters::types::ListItemsSort,
        parameters::types::ListItemsResponseItem,
    ]
}

/// What the specs are made of: their mapping keys, short strings and examples, read from the
/// fixture and seed specs, so that random objects have the fields the types look for.
struct Pools {
    keys: Vec<String>,
    strings: Vec<String>,
    examples: Vec<Value>,
}

fn pools() -> &'static Pools {
    static POOLS: OnceLock<Pools> = OnceLock::new();
    POOLS.get_or_init(|| {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
        let mut keys = BTreeSet::new();
        let mut strings = BTreeSet::new();
        let mut examples = Vec::new();
        for dir in [root.join("codegen/tests/fixtures"), root.join("specs")] {
            let mut paths: Vec<_> = std::fs::read_dir(&dir).expect("spec folder").map(|e| e.expect("entry").path()).collect();
            paths.sort();
            for path in paths {
                let text = std::fs::read_to_string(&path).expect("spec text");
                let Ok(doc) = serde_yaml::from_str::<Value>(&text) else { continue };
                gather(&doc, &mut keys, &mut strings, &mut examples);
                let mut shapes = Vec::new();
                schemas(&doc, &doc, &mut shapes);
                examples.extend(shapes);
            }
        }
        Pools {
            keys: keys.into_iter().collect(),
            strings: strings.into_iter().collect(),
            examples,
        }
    })
}

fn gather(value: &Value, keys: &mut BTreeSet<String>, strings: &mut BTreeSet<String>, examples: &mut Vec<Value>) {
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                keys.insert(key.clone());
                match (key.as_str(), child) {
                    ("example" | "value", _) => examples.push(child.clone()),
                    ("examples", Value::Array(all)) => examples.extend(all.iter().cloned()),
                    _ => {}
                }
                gather(child, keys, strings, examples);
            }
        }
        Value::Array(items) => items.iter().for_each(|item| gather(item, keys, strings, examples)),
        Value::String(s) if s.len() <= 40 => {
            strings.insert(s.clone());
        }
        _ => {}
    }
}

/// The `choice` of [`instance`] that gives a discriminated union a tag none of its alternatives has.
const UNKNOWN_TAG: usize = 2;

/// An instance of every schema with properties in `node` (with the first and the second
/// alternative of each `oneOf`), so that the types with required fields decode too.
fn schemas(doc: &Value, node: &Value, out: &mut Vec<Value>) {
    match node {
        Value::Object(map) => {
            if map.contains_key("properties") || map.contains_key("oneOf") || map.contains_key("allOf") {
                out.push(instance(doc, node, 0, 0));
                out.push(instance(doc, node, 0, 1));
                // A tag no alternative has: a union read from answers keeps it as it is.
                out.push(instance(doc, node, 0, UNKNOWN_TAG));
            }
            map.values().for_each(|child| schemas(doc, child, out));
        }
        Value::Array(items) => items.iter().for_each(|item| schemas(doc, item, out)),
        _ => {}
    }
}

/// A value of `schema`, with every property present; `choice` picks `oneOf` alternatives.
fn instance(doc: &Value, schema: &Value, depth: u32, choice: usize) -> Value {
    if depth > 6 {
        return Value::Null;
    }
    if let Some(Value::String(reference)) = schema.get("$ref") {
        let target = reference.strip_prefix('#').and_then(|pointer| doc.pointer(pointer));
        return target.map_or(Value::Null, |t| instance(doc, t, depth + 1, choice));
    }
    if let Some(value) = schema.get("const") {
        return value.clone();
    }
    if let Some(Value::Array(values)) = schema.get("enum") {
        return values.get(choice % values.len().max(1)).or(values.first()).cloned().unwrap_or(Value::Null);
    }
    for keyword in ["oneOf", "anyOf"] {
        if let Some(Value::Array(parts)) = schema.get(keyword) {
            let Some(part) = parts.get(choice % parts.len().max(1)) else { return Value::Null };
            let mut value = instance(doc, part, depth + 1, choice);
            // The discriminator's value for this alternative, from the mapping or its name.
            if let (Some(property), Some(reference), Value::Object(members)) =
                (schema.pointer("/discriminator/propertyName").and_then(Value::as_str), part.get("$ref"), &mut value)
            {
                let mapped = schema
                    .pointer("/discriminator/mapping")
                    .and_then(Value::as_object)
                    .and_then(|mapping| mapping.iter().find(|(_, target)| *target == reference).map(|(tag, _)| tag.clone()));
                let name = reference.as_str().and_then(|r| r.rsplit('/').next()).unwrap_or_default().to_owned();
                let tag = if choice == UNKNOWN_TAG { "a-kind-added-later".to_owned() } else { mapped.unwrap_or(name) };
                members.insert(property.to_owned(), Value::String(tag));
            }
            return value;
        }
    }
    if let Some(Value::Array(parts)) = schema.get("allOf") {
        let mut merged = serde_json::Map::new();
        for part in parts {
            if let Value::Object(members) = instance(doc, part, depth + 1, choice) {
                merged.extend(members);
            }
        }
        return Value::Object(merged);
    }
    let ty = match schema.get("type") {
        Some(Value::Array(types)) => types.iter().find(|t| *t != "null").and_then(Value::as_str),
        Some(t) => t.as_str(),
        None if schema.get("properties").is_some() => Some("object"),
        None => None,
    };
    match ty {
        Some("object") => {
            let mut out = serde_json::Map::new();
            if let Some(Value::Object(properties)) = schema.get("properties") {
                for (name, property) in properties {
                    out.insert(name.clone(), instance(doc, property, depth + 1, choice));
                }
            }
            Value::Object(out)
        }
        Some("array") => Value::Array(schema.get("items").map(|items| instance(doc, items, depth + 1, choice)).into_iter().collect()),
        Some("integer") => Value::from(1),
        Some("number") => Value::from(1.5),
        Some("boolean") => Value::from(true),
        Some("string") => Value::from(match schema.get("format").and_then(Value::as_str) {
            Some("date-time") => "2024-01-31T12:00:00Z",
            Some("date") => "2024-01-31",
            Some("uuid") => "67e55044-10b1-426f-9247-bb680e5fe0c8",
            _ => "text",
        }),
        _ => Value::Null,
    }
}

/// Strings: from the specs, shaped like the formats the types decode, or anything at all.
fn string() -> impl Strategy<Value = String> {
    let pools = pools();
    prop_oneof![
        4 => proptest::sample::select(pools.strings.clone()),
        2 => proptest::sample::select(vec![
            "2024-02-29T23:59:60Z", "2024-01-31T12:00:00+05:30", "2024-13-01", "2024-01-31", "0000-01-01",
            "67e55044-10b1-426f-9247-bb680e5fe0c8", "67E55044-10B1-426F-9247-BB680E5FE0C8", "not-a-uuid", "aGVsbG8=", "",
            "unknown", "Unknown", "other", "null", "1", "-0", "1e400",
            // What the decoding policy accepts beyond RFC 3339, and near misses that it does not.
            "2024-01-02T03:04:05.400000", "2024-01-02 03:04:05", "2024-01-02t03:04:05z", "2024-01-02T03:04", "2024-01-02T25:04:05",
        ]).prop_map(str::to_owned),
        3 => any::<String>(),
    ]
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        1 => Just(Value::Null),
        1 => any::<bool>().prop_map(Value::from),
        1 => any::<i64>().prop_map(Value::from),
        1 => any::<u64>().prop_map(Value::from),
        1 => (-100i64..100).prop_map(Value::from),
        1 => any::<f32>().prop_filter_map("finite", |f| serde_json::Number::from_f64(f64::from(f)).map(Value::Number)),
        // Beyond `f32`'s range too, which a `float` field refuses (it would be infinity).
        1 => proptest::sample::select(vec![0.1, -0.0, 1e-300, f64::MIN_POSITIVE, 3.5, f64::from(f32::MAX), 3.5e38, -1e39, 1e308])
            .prop_map(Value::from),
        // Whole numbers written as decimals, which integers take, within their range only.
        1 => proptest::sample::select(vec![1.0, -2.0, 2e3, 3e9, 9.007_199_254_740_992e15, 1e19]).prop_map(Value::from),
        4 => string().prop_map(Value::String),
    ]
}

fn key() -> impl Strategy<Value = String> {
    prop_oneof![8 => proptest::sample::select(pools().keys.clone()), 1 => any::<String>()]
}

/// Any JSON value, up to 4 levels deep, whose object keys mostly come from the specs.
fn json() -> impl Strategy<Value = Value> {
    leaf().prop_recursive(4, 48, 8, |inner| {
        prop_oneof![
            proptest::collection::vec(inner.clone(), 0..5).prop_map(Value::Array),
            proptest::collection::vec((key(), inner), 0..10).prop_map(|members| Value::Object(members.into_iter().collect())),
        ]
    })
}

/// An example from the specs with a few nodes replaced, removed or added.
fn mutated_example() -> impl Strategy<Value = Value> {
    let examples = pools().examples.clone();
    (proptest::sample::select(examples), proptest::collection::vec((any::<u32>(), any::<u8>(), json(), key()), 0..4)).prop_map(
        |(mut value, edits)| {
            for (at, op, replacement, key) in edits {
                edit(&mut value, at, op, replacement, key);
            }
            value
        },
    )
}

fn count(value: &Value) -> u32 {
    1 + match value {
        Value::Object(map) => map.values().map(count).sum(),
        Value::Array(items) => items.iter().map(count).sum(),
        _ => 0,
    }
}

/// Edits the node numbered `at % nodes` (depth first): replaced, emptied, or given a member.
fn edit(value: &mut Value, at: u32, op: u8, replacement: Value, key: String) {
    fn nth<'v>(value: &'v mut Value, n: &mut u32) -> Option<&'v mut Value> {
        if *n == 0 {
            return Some(value);
        }
        *n -= 1;
        match value {
            Value::Object(map) => map.values_mut().find_map(|child| nth(child, n)),
            Value::Array(items) => items.iter_mut().find_map(|child| nth(child, n)),
            _ => None,
        }
    }
    let mut n = at % count(value);
    let Some(node) = nth(value, &mut n) else { return };
    match (op % 4, node) {
        (0, node) => *node = replacement,
        (1, Value::Object(map)) => {
            let first = map.keys().next().cloned();
            if let Some(first) = first {
                map.remove(&first);
            }
        }
        (2, Value::Object(map)) => {
            map.insert(key, replacement);
        }
        (3, Value::Array(items)) => items.push(replacement),
        (_, node) => *node = Value::Null,
    }
}

fn config() -> Config {
    // The defaults read `PROPTEST_CASES` and `PROPTEST_RNG_SEED`; failures are kept beside this
    // file (`fuzz_runtime.proptest-regressions`) and run first next time.
    let regressions = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fuzz_runtime.proptest-regressions");
    let mut config = Config {
        failure_persistence: Some(Box::new(FileFailurePersistence::Direct(regressions))),
        ..Config::default()
    };
    // `cargo test` runs the same cases every time; `cargo xtask fuzz` passes its own seed.
    if std::env::var_os("PROPTEST_RNG_SEED").is_none() {
        config.rng_seed = RngSeed::Fixed(1);
    }
    config
}

#[test]
fn arbitrary_json_decodes_or_is_a_decode_error_and_round_trips() {
    let checkers = checkers();
    let tallies: Vec<Tally> =
        checkers.iter().map(|(name, _)| Tally { name, decoded: AtomicU64::new(0), refused: AtomicU64::new(0) }).collect();
    let mut runner = TestRunner::new(config());
    let cases = runner.config().cases;
    let values = prop_oneof![json(), mutated_example()];
    let result = runner.run(&values, |value| {
        for ((_, check), tally) in checkers.iter().zip(&tallies) {
            check(&value, tally)?;
        }
        Ok(())
    });
    let decoded: u64 = tallies.iter().map(|t| t.decoded.load(Ordering::Relaxed)).sum();
    let refused: u64 = tallies.iter().map(|t| t.refused.load(Ordering::Relaxed)).sum();
    let never: Vec<&str> = tallies.iter().filter(|t| t.decoded.load(Ordering::Relaxed) == 0).map(|t| t.name).collect();
    println!(
        "fuzz_runtime: decode and round trip: {cases} cases (JSON values) × {} types: {decoded} decoded and round-tripped, {refused} Error::Decode; types never decoded: {}",
        checkers.len(),
        if never.is_empty() { "none".to_owned() } else { never.join(", ") }
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------------------------
// No injection through parameter values.

/// A value HTTP can carry in a header: no control characters but tabs (bytes of non-ASCII
/// characters travel as they are, as HTTP's obsolete `obs-text`).
fn header_safe(value: &str) -> bool {
    value.bytes().all(|b| b == b'\t' || (b >= 0x20 && b != 0x7f))
}

/// Strings made to break out of where they are put: separators of paths, queries, headers and
/// cookies, percent signs, line breaks, Unicode, and anything at all.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        proptest::sample::select(vec![
            "/",
            "?",
            "#",
            "%",
            "%2F",
            "%00",
            "&",
            "=",
            ";",
            ",",
            " ",
            "+",
            "\r",
            "\n",
            "\r\n",
            "\0",
            "\t",
            "..",
            ".",
            "a",
            "ü",
            "名",
            "😀",
            "\u{7f}",
            "X-Injected: 1",
            "\r\nX-Injected: 1",
            "a=b; c=d",
            "[",
            "]",
            "{",
            "}",
            "\\",
        ])
        .prop_map(str::to_owned),
        any::<String>(),
    ];
    proptest::collection::vec(piece, 0..6).prop_map(|pieces| pieces.concat())
}

/// The answer of `listItems`: an empty list.
fn items() -> ResponseTemplate {
    ResponseTemplate::new(200).set_body_json(serde_json::json!([]))
}

struct Wire {
    runtime: tokio::runtime::Runtime,
    server: MockServer,
}

/// A server that answers every request with `answer`.
fn wire(answer: ResponseTemplate) -> Wire {
    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("tokio runtime");
    let server = runtime.block_on(async {
        let server = MockServer::start().await;
        Mock::given(wiremock::matchers::any()).respond_with(answer).mount(&server).await;
        server
    });
    Wire { runtime, server }
}

impl Wire {
    /// The requests the server received since `before` of them.
    fn received_since(&self, before: usize) -> Vec<Request> {
        let all = self.runtime.block_on(self.server.received_requests()).unwrap_or_default();
        all.into_iter().skip(before).collect()
    }

    fn received(&self) -> usize {
        self.runtime.block_on(self.server.received_requests()).map_or(0, |r| r.len())
    }
}

/// A header value as a server reads it: without the spaces and tabs around it (HTTP's `OWS`).
fn trim(value: &[u8]) -> &[u8] {
    let blank = |b: &u8| *b == b' ' || *b == b'\t';
    let start = value.iter().position(|b| !blank(b)).unwrap_or(value.len());
    let end = value.iter().rposition(|b| !blank(b)).map_or(start, |i| i + 1);
    &value[start..end]
}

fn names(request: &Request) -> BTreeSet<String> {
    request.headers.keys().map(|k| k.as_str().to_owned()).collect()
}

/// `.` and `..` cannot travel as one path segment: URL parsing resolves them (`%2E` too), so
/// the client refuses them.
fn dot_segment(value: &str) -> bool {
    value == "." || value == ".."
}

/// A cookie value as RFC 6265 allows it: what a `cookie-octet` cannot be, percent-encoded (`%`
/// itself is a `cookie-octet`, kept as it is).
fn cookie_value(value: &str) -> String {
    let allowed = |b: u8| {
        b == 0x21 || (0x23..=0x2b).contains(&b) || (0x2d..=0x3a).contains(&b) || (0x3c..=0x5b).contains(&b) || (0x5d..=0x7e).contains(&b)
    };
    value.bytes().map(|b| if allowed(b) { char::from(b).to_string() } else { format!("%{b:02X}") }).collect()
}

#[test]
fn parameter_values_never_change_the_path_add_query_pairs_or_headers() {
    let wire = wire(items());
    let client = parameters::Client::with_base_url(&wire.server.uri());
    // The headers every request has, whatever its parameters.
    let before = wire.received();
    wire.runtime.block_on(client.list_items("o", 1).into_future()).expect("a plain call succeeds");
    let baseline = names(&wire.received_since(before)[0]);
    let sent = AtomicU64::new(0);
    let refused = AtomicU64::new(0);
    let mut runner = TestRunner::new(config());
    let cases = runner.config().cases;
    let inputs = (
        prop_oneof![9 => hostile(), 1 => proptest::sample::select(vec![".", ".."]).prop_map(str::to_owned)],
        any::<i64>(),
        proptest::option::of(proptest::collection::vec(hostile(), 0..3)),
        proptest::option::of(hostile()),
        proptest::option::of(hostile()),
        proptest::option::of(hostile()),
        proptest::option::of(any::<bool>()),
    );
    let result = runner.run(&inputs, |(org, limit, tags, sort, request_id, session, verbose)| {
        let sort =
            sort.map(|s| serde_json::from_value::<parameters::types::ListItemsSort>(Value::String(s)).expect("any string is a sort"));
        let before = wire.received();
        let mut call = client.list_items(&org, limit);
        if let Some(tags) = &tags {
            call = call.tag(tags.clone());
        }
        if let Some(sort) = &sort {
            call = call.sort(sort.clone());
        }
        if let Some(id) = &request_id {
            call = call.x_request_id(id.clone());
        }
        if let Some(session) = &session {
            call = call.session(session.clone());
        }
        if let Some(verbose) = verbose {
            call = call.verbose(verbose);
        }
        let answer = wire.runtime.block_on(call.into_future());
        let received = wire.received_since(before);
        if dot_segment(&org) {
            prop_assert!(matches!(answer, Err(Error::InvalidPath(_))), "a dot segment must be refused, got {answer:?}");
            prop_assert!(received.is_empty(), "nothing may be sent for a dot segment");
            refused.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        // A cookie's value is percent-encoded where it cannot go as it is: only a header value
        // can be unsendable.
        if request_id.as_deref().is_some_and(|v| !header_safe(v)) {
            prop_assert!(matches!(answer, Err(Error::Transport(_))), "a CR/LF header value must be refused, got {answer:?}");
            prop_assert!(received.is_empty(), "nothing may be sent for an unsendable header value");
            refused.fetch_add(1, Ordering::Relaxed);
            return Ok(());
        }
        prop_assert!(answer.is_ok(), "{answer:?}");
        prop_assert_eq!(received.len(), 1);
        sent.fetch_add(1, Ordering::Relaxed);
        let request = &received[0];
        // The path: exactly its three segments, the middle one the value as given.
        let segments: Vec<&str> = request.url.path().split('/').collect();
        prop_assert_eq!(segments.len(), 4, "path {} for {:?}", request.url.path(), org);
        prop_assert_eq!((segments[0], segments[1], segments[3]), ("", "orgs", "items"));
        prop_assert_eq!(percent_decode_str(segments[2]).decode_utf8_lossy(), org.as_str());
        // The query: exactly the pairs of the arguments, in order.
        let mut expected = vec![("limit".to_owned(), limit.to_string())];
        expected.extend(tags.iter().flatten().map(|t| ("tag".to_owned(), t.clone())));
        expected.extend(sort.as_ref().map(|s| ("sort".to_owned(), s.as_str().to_owned())));
        expected.extend(verbose.map(|v| ("verbose".to_owned(), v.to_string())));
        let pairs: Vec<(String, String)> = request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        prop_assert_eq!(pairs, expected);
        prop_assert!(request.url.fragment().is_none());
        // The headers: the usual ones, plus only the two parameters, each one value as given.
        let mut allowed = baseline.clone();
        allowed.extend(request_id.iter().map(|_| "x-request-id".to_owned()));
        allowed.extend(session.iter().map(|_| "cookie".to_owned()));
        prop_assert_eq!(names(request), allowed);
        if let Some(id) = &request_id {
            let values: Vec<&[u8]> = request.headers.get_all("x-request-id").iter().map(|v| v.as_bytes()).collect();
            prop_assert_eq!(values, vec![trim(id.as_bytes())]);
        }
        if let Some(session) = &session {
            let values: Vec<&[u8]> = request.headers.get_all("cookie").iter().map(|v| v.as_bytes()).collect();
            let expected = format!("session={}", cookie_value(session));
            prop_assert_eq!(values, vec![expected.as_bytes()]);
        }
        Ok(())
    });
    println!(
        "fuzz_runtime: path, query, header and cookie values: {cases} cases: {} requests checked, {} refused before sending (control characters in a header value, a dot segment)",
        sent.load(Ordering::Relaxed),
        refused.load(Ordering::Relaxed)
    );
    if let Err(e) = result {
        panic!("{e}");
    }
}

#[test]
fn credentials_never_add_headers_or_query_pairs() {
    let wire = wire(ResponseTemplate::new(204));
    let base = wire.server.uri();
    let before = wire.received();
    wire.runtime.block_on(security_variants::Client::with_base_url(&base).public_one().into_future()).expect("a plain call succeeds");
    let baseline = names(&wire.received_since(before)[0]);
    let checked = AtomicU64::new(0);
    let mut runner = TestRunner::new(config());
    let cases = runner.config().cases;
    let result = runner.run(&(hostile(), 0u8..4), |(secret, which)| {
        let client = security_variants::Client::with_base_url(&base);
        let before = wire.received();
        let (answer, header, expected) = match which {
            0 => {
                let client = client.with_bearer(secret.clone());
                (
                    wire.runtime.block_on(client.uses_global().into_future()).map(|_| ()).map_err(|e| format!("{e:?}")),
                    "authorization",
                    format!("Bearer {secret}"),
                )
            }
            1 => {
                let client = client.with_header_key(secret.clone());
                (
                    wire.runtime.block_on(client.either_key_or_basic().into_future()).map(|_| ()).map_err(|e| format!("{e:?}")),
                    "x-api-key",
                    secret.clone(),
                )
            }
            2 => {
                let client = client.with_query_key(secret.clone()).with_cookie_key("c");
                (wire.runtime.block_on(client.key_and_cookie().into_future()).map(|_| ()).map_err(|e| format!("{e:?}")), "", String::new())
            }
            _ => {
                // A cookie key is percent-encoded where a cookie cannot hold it: always sent.
                let client = client.with_query_key("q").with_cookie_key(secret.clone());
                let answer = wire.runtime.block_on(client.key_and_cookie().into_future()).map(|_| ()).map_err(|e| format!("{e:?}"));
                (answer, "cookie", format!("session={}", cookie_value(&secret)))
            }
        };
        let received = wire.received_since(before);
        if !header.is_empty() && !header_safe(&expected) {
            prop_assert!(answer.is_err(), "an unsendable credential must be refused");
            prop_assert!(received.is_empty());
            return Ok(());
        }
        prop_assert!(answer.is_ok(), "{answer:?}");
        prop_assert_eq!(received.len(), 1);
        checked.fetch_add(1, Ordering::Relaxed);
        let request = &received[0];
        if header.is_empty() {
            let pairs: Vec<(String, String)> = request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
            prop_assert_eq!(pairs, vec![("api_key".to_owned(), secret.clone())]);
            return Ok(());
        }
        let mut allowed = baseline.clone();
        allowed.insert(header.to_owned());
        prop_assert_eq!(names(request), allowed);
        let values: Vec<&[u8]> = request.headers.get_all(header).iter().map(|v| v.as_bytes()).collect();
        prop_assert_eq!(values, vec![trim(expected.as_bytes())]);
        let pairs: Vec<(String, String)> = request.url.query_pairs().map(|(k, v)| (k.into_owned(), v.into_owned())).collect();
        let query = if which == 3 { vec![("api_key".to_owned(), "q".to_owned())] } else { Vec::new() };
        prop_assert_eq!(pairs, query);
        Ok(())
    });
    println!("fuzz_runtime: credentials: {cases} cases: {} requests checked", checked.load(Ordering::Relaxed));
    if let Err(e) = result {
        panic!("{e}");
    }
}

// ---------------------------------------------------------------------------------------------
// Found by the properties above, each fixed where its cause was.

/// `.` and `..` as a path parameter were sent as `/orgs/./items` and `/orgs/../items`, which URL
/// parsing resolves to `/orgs/items` and `/items`: another path than the one asked for. No
/// encoding survives URL parsing (`%2E` is a dot segment too), so the client refuses them.
#[test]
fn dot_segments_stay_one_segment() {
    let wire = wire(items());
    let client = parameters::Client::with_base_url(&wire.server.uri());
    for org in [".", ".."] {
        let before = wire.received();
        let answer = wire.runtime.block_on(client.list_items(org, 1).into_future());
        assert!(matches!(&answer, Err(Error::InvalidPath(e)) if e.segment == org), "{org:?}: {answer:?}");
        assert!(wire.received_since(before).is_empty(), "{org:?} was sent");
    }
    // Dots among other characters are one segment as they are.
    for org in ["...", ".a", "%2e"] {
        let before = wire.received();
        wire.runtime.block_on(client.list_items(org, 1).into_future()).expect("sent");
        let received = wire.received_since(before);
        let segments: Vec<&str> = received[0].url.path().split('/').collect();
        assert_eq!(segments.len(), 4, "{org:?} was sent as {}", received[0].url.path());
        assert_eq!(percent_decode_str(segments[2]).decode_utf8_lossy(), org);
    }
}

/// A cookie parameter's value was written into the `Cookie` header as it is, so `s; admin=1`
/// added a cookie `admin` the caller never passed: it is percent-encoded where a cookie value
/// cannot hold it, for cookie API keys too.
#[test]
fn cookie_values_never_add_cookies() {
    let wire = wire(items());
    let client = parameters::Client::with_base_url(&wire.server.uri());
    let before = wire.received();
    wire.runtime.block_on(client.list_items("o", 1).session("s; admin=1").into_future()).expect("sent");
    let keyed = security_variants::Client::with_base_url(&wire.server.uri()).with_query_key("q").with_cookie_key("k; admin=1");
    let _ = wire.runtime.block_on(keyed.key_and_cookie().into_future());
    let received = wire.received_since(before);
    let cookies: Vec<String> = received
        .iter()
        .flat_map(|r| r.headers.get_all("cookie").iter().map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned()))
        .collect();
    assert_eq!(cookies, ["session=s%3B%20admin=1", "session=k%3B%20admin=1"]);
}

/// A `format: float` field is an `f32`, and serde read a number beyond its range as infinity,
/// which serde_json encodes as `null`: `{"weight": 1e308}` decoded, then encoded as
/// `{"weight": null}`, another value. The runtime's decoding refuses such a number.
#[test]
fn f32_fields_refuse_numbers_beyond_their_range() {
    let body = Bytes::from_static(br#"{"weight": 1e308}"#);
    let answer = RawResponse::new(StatusCode::OK, HeaderMap::new(), body);
    let decoded = answer.json::<wire_tests::additional_properties::types::NestedValue, ()>();
    assert!(
        matches!(&decoded, Err(Error::Decode { source, .. }) if source.to_string().contains("beyond the range of a 32-bit float")),
        "{decoded:?}"
    );
    let tally = Tally { name: "NestedValue", decoded: AtomicU64::new(0), refused: AtomicU64::new(0) };
    for weight in [1e308, -3.5e38, 3.5e38] {
        let outcome = check::<wire_tests::additional_properties::types::NestedValue>(&serde_json::json!({"weight": weight}), &tally);
        assert!(outcome.is_ok(), "{outcome:?}");
    }
    assert_eq!(tally.refused.load(Ordering::Relaxed), 3);
    check::<wire_tests::additional_properties::types::NestedValue>(&serde_json::json!({"weight": 3.4e38}), &tally).unwrap();
    assert_eq!(tally.decoded.load(Ordering::Relaxed), 1);
}

#[test]
fn header_values_with_line_breaks_are_refused_not_sent() {
    let wire = wire(items());
    let client = parameters::Client::with_base_url(&wire.server.uri());
    for value in ["a\r\nX-Injected: 1", "a\nb", "a\rb", "\0"] {
        let before = wire.received();
        let answer = wire.runtime.block_on(client.list_items("o", 1).x_request_id(value).into_future());
        assert!(matches!(answer, Err(Error::Transport(_))), "{value:?}: {answer:?}");
        assert!(wire.received_since(before).is_empty(), "{value:?} was sent");
    }
}

/// The pools are read from the specs: a change that empties them would make the properties
/// above test nothing much.
#[test]
fn the_pools_hold_the_specs_keys_strings_and_examples() {
    let pools = pools();
    assert!(
        pools.keys.len() > 100 && pools.strings.len() > 100 && pools.examples.len() > 20,
        "{} {} {}",
        pools.keys.len(),
        pools.strings.len(),
        pools.examples.len()
    );
}
