//! Inputs that need not be specs at all: arbitrary bytes, byte-level and structural mutations
//! of real specs (the corpus, the fixtures, the seeds) and of built ones, and bombs (YAML alias
//! expansion, deep nesting, long `$ref` chains and cycles).

use fastrand::Rng;
use serde_json::{Map, Value, json};

/// A spec to mutate: its label and text.
pub struct Base {
    pub label: String,
    pub text: String,
}

/// What kind of raw input a case is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Flavour {
    Bytes,
    Bomb,
    ByteMutation,
    Structural,
    BuiltThenMutated,
}

impl Flavour {
    #[cfg(test)]
    pub const ALL: [Flavour; 5] = [Flavour::Bytes, Flavour::Bomb, Flavour::ByteMutation, Flavour::Structural, Flavour::BuiltThenMutated];

    pub fn label(self) -> &'static str {
        match self {
            Flavour::Bytes => "bytes",
            Flavour::Bomb => "bomb",
            Flavour::ByteMutation => "byte mutation",
            Flavour::Structural => "structural mutation",
            Flavour::BuiltThenMutated => "built, then mutated",
        }
    }
}

/// A raw case's input: its flavour, a line saying what it is, the label (extension: format) and text.
pub struct Input {
    pub flavour: Flavour,
    pub what: String,
    pub label: String,
    pub text: String,
}

/// Tokens that YAML and JSON parsers treat specially.
const TOKENS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    ":",
    ",",
    "-",
    " ",
    "\n",
    "  ",
    "\t",
    "&a ",
    "*a",
    "!!str ",
    "!!binary ",
    "!!map ",
    "<<: ",
    "'",
    "\"",
    "#",
    "|",
    ">",
    "? ",
    "%YAML 1.2\n",
    "---\n",
    "...\n",
    "openapi: 3.0.0\n",
    "openapi: 3.1.0\n",
    "swagger: '2.0'\n",
    "$ref",
    "#/components/schemas/",
    "paths:\n",
    "/x:\n",
    "components:\n",
    "schemas:\n",
    "\u{feff}",
    "\0",
    "\r",
    "~",
    "null",
    "1e999",
    "-0",
    "0x1F",
    ".inf",
    ".nan",
    "\\u0000",
    "\"\\ud800\"",
    "é",
    "😀",
    "\u{2028}",
    "!<tag:yaml.org,2002:int> ",
];

pub fn input(seed: u64, bases: &[Base]) -> Input {
    let mut rng = Rng::with_seed(seed ^ 0x005e_ed0f_4a77);
    let flavour = match rng.u8(..100) {
        0..10 => Flavour::Bytes,
        10..20 => Flavour::Bomb,
        20..50 => Flavour::ByteMutation,
        50..85 => Flavour::Structural,
        _ => Flavour::BuiltThenMutated,
    };
    let flavour = if bases.is_empty() && matches!(flavour, Flavour::ByteMutation | Flavour::Structural) {
        Flavour::BuiltThenMutated
    } else {
        flavour
    };
    match flavour {
        Flavour::Bytes => {
            let json = rng.bool();
            let text = bytes(&mut rng);
            Input {
                flavour,
                what: format!("{} random bytes and tokens", text.len()),
                label: label(seed, json),
                text,
            }
        }
        Flavour::Bomb => bomb(&mut rng, seed),
        Flavour::ByteMutation => {
            let base = &bases[rng.usize(..bases.len())];
            let (text, what) = mutate_bytes(&mut rng, &base.text);
            let json = base.label.ends_with(".json");
            Input {
                flavour,
                what: format!("{what} of {}", base.label),
                label: label(seed, json),
                text,
            }
        }
        Flavour::Structural => {
            let base = &bases[rng.usize(..bases.len())];
            structural(&mut rng, seed, &base.label, &base.text, flavour)
        }
        Flavour::BuiltThenMutated => {
            let built = super::spec::build(rng.u64(..));
            let mut input = structural(&mut rng, seed, &built.label, &built.text, flavour);
            if rng.u8(..4) == 0 {
                let (text, what) = mutate_bytes(&mut rng, &input.text);
                input.text = text;
                input.what = format!("{}, then {what}", input.what);
            }
            input
        }
    }
}

fn label(seed: u64, json: bool) -> String {
    format!("fuzz/raw_{seed}.{}", if json { "json" } else { "yaml" })
}

/// Random bytes, mostly parser tokens, as text (invalid UTF-8 is replaced, as the generator
/// takes `&str`).
fn bytes(rng: &mut Rng) -> String {
    let len = rng.usize(0..=400);
    let mut out = Vec::new();
    for _ in 0..len {
        if rng.u8(..3) == 0 {
            out.push(rng.u8(..));
        } else {
            out.extend_from_slice(TOKENS[rng.usize(..TOKENS.len())].as_bytes());
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// One to eight byte-level edits: bit flips, deletions, duplicated spans, truncation, tokens.
fn mutate_bytes(rng: &mut Rng, text: &str) -> (String, String) {
    let mut bytes = text.as_bytes().to_vec();
    let mut done = Vec::new();
    for _ in 0..rng.usize(1..=8) {
        let len = bytes.len();
        let at = if len == 0 { 0 } else { rng.usize(..len) };
        let span = rng.usize(1..=64).min(len - at.min(len));
        match rng.u8(..7) {
            0 if len > 0 => {
                bytes[at] ^= 1 << rng.u8(..8);
                done.push("bit flip");
            }
            1 => {
                bytes.drain(at..at + span);
                done.push("deletion");
            }
            2 => {
                let copy = bytes[at..at + span].to_vec();
                let to = rng.usize(..=bytes.len());
                bytes.splice(to..to, copy);
                done.push("duplicated span");
            }
            3 if rng.u8(..3) == 0 => {
                bytes.truncate(at);
                done.push("truncation");
            }
            4 => {
                let token = TOKENS[rng.usize(..TOKENS.len())].as_bytes();
                bytes.splice(at..at, token.iter().copied());
                done.push("token");
            }
            5 => {
                for b in bytes.iter_mut().skip(at).take(span) {
                    *b = rng.u8(..);
                }
                done.push("random span");
            }
            _ => {
                // Re-indent a line: YAML structure hangs on it.
                if let Some(nl) = bytes[at..].iter().position(|&b| b == b'\n') {
                    let spaces = vec![b' '; rng.usize(1..=4)];
                    bytes.splice(at + nl + 1..at + nl + 1, spaces);
                }
                done.push("indent");
            }
        }
    }
    (String::from_utf8_lossy(&bytes).into_owned(), done.join(", "))
}

/// Every node's pointer (up to a bound), for picking nodes to mutate.
fn pointers(value: &Value, at: &mut String, out: &mut Vec<String>) {
    if out.len() >= 50_000 {
        return;
    }
    out.push(at.clone());
    let len = at.len();
    match value {
        Value::Object(map) => {
            for (key, child) in map {
                at.push('/');
                at.push_str(&key.replace('~', "~0").replace('/', "~1"));
                pointers(child, at, out);
                at.truncate(len);
            }
        }
        Value::Array(items) => {
            for (i, child) in items.iter().enumerate() {
                at.push('/');
                at.push_str(&i.to_string());
                pointers(child, at, out);
                at.truncate(len);
            }
        }
        _ => {}
    }
}

fn odd_value(rng: &mut Rng) -> Value {
    match rng.u8(..14) {
        0 => Value::Null,
        1 => json!(rng.bool()),
        2 => json!(u64::MAX),
        3 => json!(i64::MIN),
        4 => json!(f64::MAX),
        5 => json!(5e-324),
        6 => json!(""),
        7 => json!([]),
        8 => json!({}),
        9 => json!("#/components/schemas/"),
        10 => json!(-1),
        11 => json!(["a", 1, null, {}]),
        12 => json!({"$ref": "#"}),
        _ => json!("x".repeat(rng.usize(0..5000))),
    }
}

/// Keys whose insertion changes what the generator does with an object.
const KEYS: &[&str] = &[
    "$ref",
    "allOf",
    "oneOf",
    "anyOf",
    "not",
    "type",
    "nullable",
    "enum",
    "const",
    "properties",
    "items",
    "required",
    "discriminator",
    "additionalProperties",
    "format",
    "default",
    "example",
    "examples",
    "prefixItems",
    "$defs",
    "parameters",
    "requestBody",
    "responses",
    "content",
    "schema",
    "in",
    "name",
    "style",
    "explode",
    "security",
    "paths",
    "components",
    "webhooks",
    "callbacks",
    "x-nullable",
    "readOnly",
    "minimum",
    "maxItems",
    "multipleOf",
    "description",
];

/// One to six edits on the parsed document: deleted keys, swapped types, `$ref`s pointed
/// elsewhere, self-references and cycles, huge numbers, deep nesting, copied subtrees.
fn structural(rng: &mut Rng, seed: u64, base_label: &str, text: &str, flavour: Flavour) -> Input {
    let parsed: Option<Value> =
        if base_label.ends_with(".json") { serde_json::from_str(text).ok() } else { serde_yaml::from_str(text).ok() };
    let Some(mut doc) = parsed else {
        let (text, what) = mutate_bytes(rng, text);
        return Input {
            flavour: Flavour::ByteMutation,
            what: format!("{what} of {base_label}"),
            label: label(seed, false),
            text,
        };
    };
    let mut all = Vec::new();
    pointers(&doc, &mut String::new(), &mut all);
    let refs: Vec<&String> = all.iter().filter(|p| p.ends_with("/$ref")).collect();
    let refs: Vec<String> = refs.into_iter().cloned().collect();
    let mut done = Vec::new();
    for _ in 0..rng.usize(1..=6) {
        let target = all[rng.usize(..all.len())].clone();
        match rng.u8(..10) {
            0 => {
                if let Some((parent, key)) = target.rsplit_once('/') {
                    let key = key.replace("~1", "/").replace("~0", "~");
                    match doc.pointer_mut(parent) {
                        Some(Value::Object(map)) => {
                            map.shift_remove(&key);
                        }
                        Some(Value::Array(items)) => {
                            if let Ok(i) = key.parse::<usize>() {
                                if i < items.len() {
                                    items.remove(i);
                                }
                            }
                        }
                        _ => {}
                    }
                }
                done.push("deleted key");
            }
            1 => {
                if let Some(node) = doc.pointer_mut(&target) {
                    *node = odd_value(rng);
                }
                done.push("swapped type");
            }
            2 | 3 => {
                let pointer = if refs.is_empty() { target.clone() } else { refs[rng.usize(..refs.len())].clone() };
                let to = match rng.u8(..6) {
                    0 => "#/nope".to_owned(),
                    1 => String::new(),
                    2 => "other.yaml#/x".to_owned(),
                    3 => "http://example.com/spec.yaml".to_owned(),
                    4 => format!("#{}", pointer.trim_end_matches("/$ref")),
                    _ => format!("#{}", all[rng.usize(..all.len())]),
                };
                if let Some(node) = doc.pointer_mut(&pointer) {
                    *node = json!(to);
                } else if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                    map.insert("$ref".into(), json!(to));
                }
                done.push("ref elsewhere");
            }
            4 => {
                // A cycle: the node refers to itself, or two nodes to each other.
                let other = all[rng.usize(..all.len())].clone();
                if let Some(node) = doc.pointer_mut(&target) {
                    *node = json!({"$ref": format!("#{other}")});
                }
                if let Some(node) = doc.pointer_mut(&other) {
                    *node = json!({"allOf": [{"$ref": format!("#{target}")}]});
                }
                done.push("cycle");
            }
            5 => {
                if let Some(node) = doc.pointer_mut(&target) {
                    let mut inner = node.take();
                    let levels = rng.usize(1..=120);
                    let key = ["items", "allOf", "additionalProperties", "not", "properties"][rng.usize(..5)];
                    for _ in 0..levels {
                        inner = match key {
                            "allOf" => json!({"allOf": [inner]}),
                            "properties" => json!({"type": "object", "properties": {"p": inner}}),
                            k => {
                                let mut m = Map::new();
                                m.insert(k.to_owned(), inner);
                                Value::Object(m)
                            }
                        };
                    }
                    *node = inner;
                }
                done.push("deep nesting");
            }
            6 => {
                let from = all[rng.usize(..all.len())].clone();
                let copy = doc.pointer(&from).cloned();
                if let (Some(copy), Some(Value::Object(map))) = (copy, doc.pointer_mut(&target)) {
                    let key = KEYS[rng.usize(..KEYS.len())];
                    map.insert(key.to_owned(), copy);
                }
                done.push("copied subtree");
            }
            7 => {
                if let Some(Value::Object(map)) = doc.pointer_mut(&target) {
                    let key = KEYS[rng.usize(..KEYS.len())];
                    map.insert(key.to_owned(), odd_value(rng));
                }
                done.push("inserted key");
            }
            8 => {
                if let Some(node) = doc.pointer_mut(&target) {
                    *node = [json!(1e308), json!(-1e308), json!(u64::MAX), json!(i64::MIN), json!(0.1)][rng.usize(..5)].clone();
                }
                done.push("huge number");
            }
            _ => {
                // Rename a key: components whose refs now dangle, or odd names.
                if let Some((parent, key)) = target.rsplit_once('/') {
                    let key = key.replace("~1", "/").replace("~0", "~");
                    if let Some(Value::Object(map)) = doc.pointer_mut(parent) {
                        if let Some(value) = map.shift_remove(&key) {
                            let names = ["", "type", "Self", "名前", "fooBar", "foo_bar", "$ref", "1", "a/b"];
                            map.insert(names[rng.usize(..names.len())].to_owned(), value);
                        }
                    }
                }
                done.push("renamed key");
            }
        }
        all.retain(|p| doc.pointer(p).is_some());
        if all.is_empty() {
            all.push(String::new());
        }
    }
    let json = rng.bool();
    let text = if json {
        serde_json::to_string_pretty(&doc)
    } else {
        serde_yaml::to_string(&doc).map_err(|e| serde_json::Error::io(std::io::Error::other(e)))
    };
    let text = text.unwrap_or_default();
    Input {
        flavour,
        what: format!("{} of {base_label}", done.join(", ")),
        label: label(seed, json),
        text,
    }
}

/// Inputs built to blow up: YAML alias expansion (exponential and quadratic), deep nesting,
/// long `$ref` chains and reference cycles, huge documents of many small schemas.
fn bomb(rng: &mut Rng, seed: u64) -> Input {
    let (what, json, text) = match rng.u8(..8) {
        0 => {
            let (depth, width) = (rng.usize(3..=12), rng.usize(2..=12));
            (format!("billion laughs, {depth} levels of {width}"), false, billion_laughs(depth, width))
        }
        1 => {
            let (k, m) = (rng.usize(1000..=30_000), rng.usize(1000..=30_000));
            (format!("quadratic aliases, {m} aliases of a {k}-item list"), false, quadratic_aliases(k, m))
        }
        2 => {
            let depth = rng.usize(100..=100_000);
            let json = rng.bool();
            let open = if rng.bool() {
                "["
            } else if json {
                "{\"a\":"
            } else {
                "{a: "
            };
            (format!("{depth} nested openings"), json, open.repeat(depth))
        }
        3 => {
            let n = rng.usize(100..=2_000);
            let key = ["$ref", "allOf", "items", "properties", "oneOf", "additionalProperties"][rng.usize(..6)];
            (format!("{n}-long chain of schemas by {key}"), true, chain(n, key, rng.bool()))
        }
        4 => {
            let n = rng.usize(2..=2000);
            (format!("{n} schemas in a $ref cycle"), true, chain(n, "$ref", true))
        }
        5 => {
            let n = rng.usize(500..=2_000);
            (format!("{n} small schemas"), true, many(n))
        }
        6 => {
            let len = rng.usize(100_000..=4_000_000);
            (
                format!("a {len}-byte string"),
                rng.bool(),
                format!("openapi: 3.0.0\ninfo: {{title: t, version: '1'}}\npaths: {{}}\nx: \"{}\"\n", "a".repeat(len)),
            )
        }
        _ => {
            let (depth, width) = (rng.usize(3..=10), rng.usize(2..=10));
            (format!("merge-key laughs, {depth} levels of {width}"), false, merge_laughs(depth, width))
        }
    };
    Input { flavour: Flavour::Bomb, what, label: label(seed, json), text }
}

/// The billion laughs: each level a list of `width` aliases of the level below.
pub fn billion_laughs(depth: usize, width: usize) -> String {
    let mut text = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-lol:\n  l0: &l0 [lol]\n");
    for level in 1..=depth {
        let items = vec![format!("*l{}", level - 1); width].join(", ");
        text.push_str(&format!("  l{level}: &l{level} [{items}]\n"));
    }
    text.push_str(&format!("components:\n  schemas:\n    A:\n      example: *l{depth}\n"));
    text
}

/// `m` aliases of one `k`-item list: few jumps, `k × m` nodes.
pub fn quadratic_aliases(k: usize, m: usize) -> String {
    let mut text = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-big: &big\n");
    for _ in 0..k {
        text.push_str("- a\n");
    }
    text.push_str("x-copies:\n");
    for _ in 0..m {
        text.push_str("- *big\n");
    }
    text
}

fn merge_laughs(depth: usize, width: usize) -> String {
    let mut text = String::from("openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths: {}\nx-lol:\n  l0: &l0 {a: lol}\n");
    for level in 1..=depth {
        let items: Vec<String> = (0..width).map(|i| format!("k{i}: *l{}", level - 1)).collect();
        text.push_str(&format!("  l{level}: &l{level} {{<<: *l{}, {}}}\n", level - 1, items.join(", ")));
    }
    text
}

/// `n` schemas, each leading to the next by `key` (and the last back to the first if `cycle`).
fn chain(n: usize, key: &str, cycle: bool) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        let next = if i + 1 < n {
            i + 1
        } else if cycle {
            0
        } else {
            usize::MAX
        };
        let target = if next == usize::MAX { json!({"type": "string"}) } else { json!({"$ref": format!("#/components/schemas/S{next}")}) };
        let schema = match key {
            "$ref" => target,
            "allOf" | "oneOf" => {
                let mut m = Map::new();
                m.insert(key.to_owned(), json!([target, {"type": "object", "properties": {format!("p{i}"): {"type": "integer"}}}]));
                Value::Object(m)
            }
            "items" => json!({"type": "array", "items": target}),
            "properties" => json!({"type": "object", "required": ["next"], "properties": {"next": target}}),
            _ => json!({"type": "object", "additionalProperties": target}),
        };
        schemas.insert(format!("S{i}"), schema);
    }
    let doc = json!({
        "openapi": "3.0.3",
        "info": {"title": "chain", "version": "1"},
        "paths": {"/x": {"get": {"operationId": "get", "responses": {"200": {"description": "ok", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/S0"}}}}}}}},
        "components": {"schemas": schemas}
    });
    serde_json::to_string(&doc).unwrap_or_default()
}

fn many(n: usize) -> String {
    let mut schemas = Map::new();
    for i in 0..n {
        schemas.insert(format!("S{i}"), json!({"type": "object", "properties": {"a": {"type": "string"}, "b": {"$ref": format!("#/components/schemas/S{}", (i * 7 + 1) % n)}}}));
    }
    let doc = json!({"openapi": "3.0.3", "info": {"title": "many", "version": "1"}, "paths": {}, "components": {"schemas": schemas}});
    serde_json::to_string(&doc).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inputs_are_reproducible_and_every_flavour_shows_up() {
        let bases = [Base {
            label: "a.yaml".into(),
            text: "openapi: 3.0.0\ninfo: {title: t, version: '1'}\npaths:\n  /a: {$ref: '#/x'}\n".into(),
        }];
        let inputs: Vec<Input> = (0..200).map(|seed| input(seed, &bases)).collect();
        for flavour in Flavour::ALL {
            assert!(inputs.iter().any(|i| i.flavour == flavour), "{flavour:?}");
        }
        for seed in [0, 7, 99] {
            assert_eq!(input(seed, &bases).text, inputs[seed as usize].text);
        }
    }

    #[test]
    fn the_laughs_are_small_as_text() {
        assert!(billion_laughs(9, 9).len() < 2000);
        assert!(quadratic_aliases(20_000, 20_000).len() < 250_000);
    }
}
