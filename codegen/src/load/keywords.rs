//! The table of schema keywords that the loader reads in a way of its own (in `docs/specs.md`,
//! written by `cargo xtask regen`): each row comes from the list that drives the behaviour, so
//! the page cannot drift from the code.

use super::openapi31::{EXCLUSIVE_BOUNDS, USE_SITE};
use super::repair::NO_RUST_TYPE;

/// The keywords table, in Markdown.
pub fn keywords_table() -> String {
    let listed = |keywords: &[&str]| keywords.iter().map(|k| format!("`{k}`")).collect::<Vec<_>>().join(", ");
    let bounds: Vec<String> = EXCLUSIVE_BOUNDS.iter().map(|(exclusive, bound)| format!("`{exclusive}` → `{bound}`")).collect();
    let rows = [
        (
            listed(&NO_RUST_TYPE),
            "any version",
            "no Rust type can say them: dropped with a warning, so the type also accepts values the spec excludes",
        ),
        (
            listed(&USE_SITE),
            "3.1, beside a `$ref`",
            "kept on the use: the `$ref` becomes `allOf: [$ref]` beside them (a `summary` is the description when there is none)",
        ),
        (bounds.join(", "), "3.1, a number", "the 3.0 bound with its boolean `exclusive…: true`"),
    ];
    let mut out = String::from("| keywords | where | how they are read |\n|---|---|---|\n");
    for (keywords, place, how) in rows {
        out.push_str(&format!("| {keywords} | {place} | {how} |\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn every_listed_keyword_is_in_the_table() {
        let table = super::keywords_table();
        let keywords = super::NO_RUST_TYPE.iter().chain(&super::USE_SITE).chain(super::EXCLUSIVE_BOUNDS.iter().map(|(k, _)| k));
        for keyword in keywords {
            assert!(table.contains(&format!("`{keyword}`")), "{keyword}");
        }
        assert_eq!(table.lines().count(), 5);
    }
}
