//! Validation keywords (`maxLength`, `minimum`, `pattern`, …) of a parameter or field. The
//! client checks none of them, so they never break code or decoding; a new or tighter one
//! breaks old clients only where the value is sent, as the server may refuse what they send.

use super::surface::Constraints;
use super::{Cx, Impact, Location, Rule};

/// The new value admits less than the old: a higher minimum, a lower maximum, or any other
/// change (a pattern, `multipleOf`), which cannot be assumed to admit everything it did.
fn tighter(keyword: &str, old: &str, new: &str) -> bool {
    let base = keyword.rsplit('.').next().unwrap_or(keyword);
    match (old.parse::<f64>(), new.parse::<f64>()) {
        (Ok(a), Ok(b)) if base.starts_with("min") || base == "exclusiveMinimum" => b > a,
        (Ok(a), Ok(b)) if base.starts_with("max") || base == "exclusiveMaximum" => b < a,
        _ => true,
    }
}

/// Reports the changes between `old` and `new`, the keywords of a value that old clients send
/// to the server when `sent`.
pub(super) fn compare(cx: &mut Cx<'_>, location: Location, old: &Constraints, new: &Constraints, sent: bool) {
    if old == new {
        return;
    }
    let find = |list: &'_ Constraints, keyword: &str| list.iter().find(|(k, _)| k == keyword).map(|(_, v)| v.clone());
    let mut parts = Vec::new();
    let mut narrower = Vec::new();
    for (keyword, value) in new {
        match find(old, keyword) {
            None => {
                parts.push(format!("`{keyword} {value}` added"));
                narrower.push(format!("`{keyword} {value}`"));
            }
            Some(was) if was != *value => {
                parts.push(format!("`{keyword} {was}` → `{keyword} {value}`"));
                if tighter(keyword, &was, value) {
                    narrower.push(format!("`{keyword} {value}`"));
                }
            }
            Some(_) => {}
        }
    }
    for (keyword, value) in old.iter().filter(|(k, _)| find(new, k).is_none()) {
        parts.push(format!("`{keyword} {value}` removed"));
    }
    let breaks = sent && !narrower.is_empty();
    let why = if breaks {
        format!("old clients may send values outside {}, which the server may now refuse", narrower.join(", "))
    } else if narrower.is_empty() {
        "the server accepts every value it did; the client checks no validation keywords".to_owned()
    } else {
        "only answers carry the value, and the client checks no validation keywords".to_owned()
    };
    cx.push(Rule::ConstraintsChanged, location, parts.join(", "), Impact::None, Impact::major_if(breaks, Impact::None), why);
}

#[cfg(test)]
mod tests {
    use super::tighter;

    #[test]
    fn bounds_tighten_one_way() {
        assert!(tighter("maxLength", "100", "50"));
        assert!(!tighter("maxLength", "50", "100"));
        assert!(tighter("items.minimum", "0", "1"));
        assert!(!tighter("exclusiveMinimum", "1", "0.5"));
        assert!(tighter("pattern", "\"^a\"", "\"^b\""));
    }
}
