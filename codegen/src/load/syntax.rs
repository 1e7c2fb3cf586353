//! Spec text → a generic JSON value, with the line of any syntax error. JSON is read with
//! serde_json, everything else as YAML.

use serde_json::Value;

/// Text that is neither YAML nor JSON: the parser's message and line.
pub(crate) struct SyntaxError {
    pub line: Option<usize>,
    pub message: String,
}

pub(crate) fn parse(file: &str, text: &str) -> Result<Value, SyntaxError> {
    if file.ends_with(".json") {
        return serde_json::from_str(text).map_err(|e| SyntaxError { line: Some(e.line()), message: e.to_string() });
    }
    let failure = match serde_yaml::from_str(text) {
        Ok(value) => return Ok(value),
        Err(e) => e,
    };
    let out_of_range = failure.to_string().contains("out of range") || failure.to_string().contains("i128");
    if out_of_range {
        if let Some(Ok(value)) = widen_big_integers(text).map(|t| serde_yaml::from_str(&t)) {
            return Ok(value);
        }
    }
    Err(SyntaxError { line: failure.location().map(|l| l.line()), message: failure.to_string() })
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

    #[test]
    fn syntax_errors_have_a_line() {
        let e = parse("a.yaml", "a: 1\nb: [\n").err().unwrap();
        assert!(e.line.is_some());
        let e = parse("a.json", "{\n\"a\": }").err().unwrap();
        assert_eq!(e.line, Some(2));
    }
}
