//! Spec text → a generic JSON value, with the line of any syntax error. JSON is read with
//! serde_json, everything else as YAML.

use std::cell::Cell;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

/// Text that is neither YAML nor JSON: the parser's message and line.
pub(crate) struct SyntaxError {
    pub line: Option<usize>,
    pub message: String,
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Value, SyntaxError> {
    if file.ends_with(".json") {
        return serde_json::from_str(text).map_err(|e| SyntaxError { line: Some(e.line()), message: e.to_string() });
    }
    if let Some(line) = too_deep(text, MAX_FLOW_DEPTH) {
        let message = format!("`[` and `{{` nest more than {MAX_FLOW_DEPTH} deep; YAML this deep is not read");
        return Err(SyntaxError { line: Some(line), message });
    }
    let failure = match yaml(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let out_of_range = failure.to_string().contains("out of range") || failure.to_string().contains("i128");
    if out_of_range {
        if let Some(Ok(value)) = widen_big_integers(text).map(|t| yaml(&t)) {
            return Ok(value);
        }
    }
    Err(SyntaxError { line: failure.location().map(|l| l.line()), message: failure.to_string() })
}

/// How deeply flow collections (`[`, `{`) may nest before YAML is refused unread. libyaml's
/// scanner spends time proportional to the nesting on every token, so `{a: {a: {a: …` reads
/// in quadratic time (40 000 levels, 160 kB, took 8 s); serde_yaml refuses more than 128
/// levels anyway, so nothing readable is lost.
const MAX_FLOW_DEPTH: usize = 1000;

/// The line where flow collections first nest deeper than `limit`, by a quick scan: brackets
/// count where a value can start (after `:`, `,`, `-`, `?`, an opening bracket or at the start
/// of a line), quoted scalars and comments are skipped. Brackets inside plain text rarely open
/// there, and any closing bracket lowers the count, so text YAML would read never reaches it.
fn too_deep(text: &str, limit: usize) -> Option<usize> {
    let bytes = text.as_bytes();
    let starts_value = |previous: u8| matches!(previous, b'\n' | b'[' | b'{' | b',' | b':' | b'-' | b'?');
    let (mut depth, mut line, mut previous, mut i) = (0usize, 1, b'\n', 0);
    while i < bytes.len() {
        match bytes[i] {
            b'\n' => {
                line += 1;
                previous = b'\n';
            }
            b' ' | b'\t' | b'\r' => {}
            b'#' if i == 0 || bytes[i - 1].is_ascii_whitespace() => {
                while i + 1 < bytes.len() && bytes[i + 1] != b'\n' {
                    i += 1;
                }
            }
            quote @ (b'\'' | b'"') if starts_value(previous) => {
                i += 1;
                while i < bytes.len() && bytes[i] != quote {
                    if bytes[i] == b'\n' {
                        line += 1;
                    }
                    // `\"` in double quotes; `''` in single quotes is two quotes, read as a close and an open.
                    i += usize::from(quote == b'"' && bytes[i] == b'\\') + 1;
                }
                previous = quote;
            }
            open @ (b'[' | b'{') if starts_value(previous) => {
                depth += 1;
                if depth > limit {
                    return Some(line);
                }
                previous = open;
            }
            close @ (b']' | b'}') => {
                depth = depth.saturating_sub(1);
                previous = close;
            }
            separator @ (b':' | b',' | b'-' | b'?') => previous = separator,
            // Plain text, brackets included: what follows it does not start a value.
            _ => previous = b'.',
        }
        i += 1;
    }
    None
}

/// Reads YAML into a JSON value, within a memory budget. Aliases (`*a`) repeat what their
/// anchor holds, so a few kilobytes can stand for gigabytes: the billion laughs (aliases of
/// aliases) stops at serde_yaml's own limit on alias jumps, but one anchor of `k` items repeated
/// by `m` aliases makes `k × m` nodes in few jumps. The value's size is estimated as it is
/// built, and reading stops once it passes far more than any text of this length needs.
fn yaml(text: &str) -> Result<Value, serde_yaml::Error> {
    let budget = Cell::new(text.len().saturating_mul(BYTES_PER_TEXT_BYTE).saturating_add(BUDGET_FLOOR));
    Bounded(&budget).deserialize(serde_yaml::Deserializer::from_str(text))
}

/// What each node costs in the budget besides its text: about its size in memory.
const NODE_COST: usize = 32;
/// The budget: this many bytes per byte of text (a one-character list item costs two bytes of
/// text and a node), plus a floor.
const BYTES_PER_TEXT_BYTE: usize = 32;
const BUDGET_FLOOR: usize = 16 << 20;

/// Builds a `serde_json::Value` exactly as its own `Deserialize` does, spending the budget.
#[derive(Clone, Copy)]
struct Bounded<'b>(&'b Cell<usize>);

impl Bounded<'_> {
    fn spend<E: serde::de::Error>(self, bytes: usize) -> Result<(), E> {
        match self.0.get().checked_sub(NODE_COST + bytes) {
            Some(left) => {
                self.0.set(left);
                Ok(())
            }
            None => Err(E::custom("the document's aliases (`*name`) expand it far beyond the size of its text; an alias bomb is not read")),
        }
    }
}

impl<'de> DeserializeSeed<'de> for Bounded<'_> {
    type Value = Value;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Bounded<'_> {
    type Value = Value;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("any valid JSON value")
    }

    fn visit_bool<E: serde::de::Error>(self, value: bool) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Bool(value))
    }

    fn visit_i64<E: serde::de::Error>(self, value: i64) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Number(value.into()))
    }

    fn visit_u64<E: serde::de::Error>(self, value: u64) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Number(value.into()))
    }

    fn visit_i128<E: serde::de::Error>(self, value: i128) -> Result<Value, E> {
        self.spend(0)?;
        serde::Deserialize::deserialize(serde::de::value::I128Deserializer::<E>::new(value)).map(Value::Number)
    }

    fn visit_u128<E: serde::de::Error>(self, value: u128) -> Result<Value, E> {
        self.spend(0)?;
        serde::Deserialize::deserialize(serde::de::value::U128Deserializer::<E>::new(value)).map(Value::Number)
    }

    fn visit_f64<E: serde::de::Error>(self, value: f64) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Number::from_f64(value).map_or(Value::Null, Value::Number))
    }

    fn visit_str<E: serde::de::Error>(self, value: &str) -> Result<Value, E> {
        self.spend(value.len())?;
        Ok(Value::String(value.to_owned()))
    }

    fn visit_string<E: serde::de::Error>(self, value: String) -> Result<Value, E> {
        self.spend(value.len())?;
        Ok(Value::String(value))
    }

    fn visit_none<E: serde::de::Error>(self) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Null)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Value, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_unit<E: serde::de::Error>(self) -> Result<Value, E> {
        self.spend(0)?;
        Ok(Value::Null)
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut items: A) -> Result<Value, A::Error> {
        self.spend(0)?;
        let mut out = Vec::new();
        while let Some(item) = items.next_element_seed(self)? {
            out.push(item);
        }
        Ok(Value::Array(out))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut members: A) -> Result<Value, A::Error> {
        self.spend(0)?;
        let mut out = Map::new();
        while let Some(key) = members.next_key::<String>()? {
            self.spend::<A::Error>(key.len())?;
            let value = members.next_value_seed(self)?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// Integers beyond 64 bits (OpenAI's `minimum: -9223372036854776000`) fit no JSON number; written
/// as floats (`….0`) they parse, as they would in JSON. Lines and their count are kept, so
/// positions in later messages stay right.
fn widen_big_integers(text: &str) -> Option<String> {
    let mut changed = false;
    let lines: Vec<String> = text
        .split('\n')
        .map(|line| {
            let Some((key, value)) = line.split_once(": ") else { return line.to_owned() };
            let digits = value.trim().strip_prefix('-').unwrap_or(value.trim());
            let big = digits.len() >= 19 && digits.bytes().all(|b| b.is_ascii_digit()) && value.trim().parse::<i64>().is_err();
            if big {
                changed = true;
                format!("{key}: {}.0", value.trim())
            } else {
                line.to_owned()
            }
        })
        .collect();
    changed.then(|| lines.join("\n"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_keys_of_any_scalar_become_strings() {
        let v = parse("a.yaml", "responses:\n  200: ok\n  default: d\n").ok().unwrap();
        assert_eq!(v["responses"]["200"], "ok");
    }

    #[test]
    fn integers_beyond_64_bits_read_as_floats() {
        let v = parse("a.yaml", "minimum: -9223372036854776000\n").ok().unwrap();
        assert!(v["minimum"].is_f64());
    }

    /// One anchor of many items, repeated by many aliases: a few hundred kilobytes of text for
    /// hundreds of millions of nodes. Reading stops within the budget instead.
    #[test]
    fn quadratic_alias_bombs_stay_small() {
        let mut text = String::from("big: &big\n");
        text.push_str(&"- aaaaaaaa\n".repeat(20_000));
        text.push_str("copies:\n");
        text.push_str(&"- *big\n".repeat(20_000));
        let started = std::time::Instant::now();
        let e = parse("bomb.yaml", &text).expect_err("an alias bomb is refused");
        assert!(e.message.contains("alias bomb"), "{}", e.message);
        assert!(started.elapsed() < std::time::Duration::from_secs(20));
    }

    /// The billion laughs: aliases of aliases, nine levels of nine. serde_yaml's own limit on
    /// alias jumps (a hundred per event of the document) stops it.
    #[test]
    fn billion_laughs_stay_small() {
        let mut text = String::from("l0: &l0 [lol]\n");
        for level in 1..=9 {
            text.push_str(&format!("l{level}: &l{level} [{}]\n", vec![format!("*l{}", level - 1); 9].join(", ")));
        }
        let e = parse("laughs.yaml", &text).expect_err("the billion laughs are refused");
        assert!(e.message.contains("repetition limit") || e.message.contains("alias bomb"), "{}", e.message);
    }

    /// Aliases a spec may really use (a shared parameter list, say) read as they always did.
    #[test]
    fn modest_aliases_and_odd_keys_still_read() {
        let text = "a: &p {name: id, in: path, 200: ok}\nb: *p\nlist: [*p, *p, 1, -2, 1.5, true, null, ~]\nbig: 18446744073709551615\n";
        let v = parse("a.yaml", text).ok().unwrap();
        assert_eq!(v["b"], v["a"]);
        assert_eq!(v["a"]["200"], "ok");
        assert_eq!(v["list"][2], 1);
        assert_eq!(v["list"][3], -2);
        assert_eq!(v["list"][6], Value::Null);
        assert_eq!(v["big"], u64::MAX);
        let expected: Value = serde_yaml::from_str(text).unwrap();
        assert_eq!(v, expected);
    }

    /// Deep flow nesting made libyaml's scanner quadratic: refused at once, with its line.
    #[test]
    fn deep_flow_nesting_is_refused_quickly() {
        for open in ["{a: ", "[", "- [", "x: {y: [", "\n  ["] {
            let text = format!("openapi: 3.0.0\nx: {}\n", open.repeat(50_000));
            let started = std::time::Instant::now();
            let e = parse("deep.yaml", &text).expect_err("refused");
            assert!(started.elapsed() < std::time::Duration::from_secs(2), "{open:?}: {:?}", started.elapsed());
            assert!(e.message.contains("nest more than") || e.message.contains("recursion limit"), "{open:?}: {}", e.message);
        }
        // Brackets in quoted and plain text, comments and many closed collections do not count.
        let text = format!(
            "a: '{}'\nb: \"{}\"\nc: text [ {} \n# {}\nd: [{}]\n",
            "[".repeat(5000),
            "{".repeat(5000),
            "[".repeat(5000),
            "[".repeat(5000),
            "[1], ".repeat(5000)
        );
        assert_eq!(too_deep(&text, MAX_FLOW_DEPTH), None);
        assert!(parse("ok.yaml", &text).is_ok());
    }

    #[test]
    fn syntax_errors_have_a_line() {
        let e = parse("a.yaml", "a: 1\nb: [\n").err().unwrap();
        assert!(e.line.is_some());
        let e = parse("a.json", "{\n\"a\": }").err().unwrap();
        assert_eq!(e.line, Some(2));
    }
}
