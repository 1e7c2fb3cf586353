//! Doc comments: spec prose made safe for rustdoc (no accidental doctests, intra-doc links or
//! bare URLs) and laid out as `#[doc]` attributes for prettyplease to print as `///`.

use proc_macro2::TokenStream;
use quote::quote;
use serde_json::Value;

/// Paragraphs of a doc comment, built up in order.
#[derive(Default)]
pub(crate) struct Doc {
    lines: Vec<String>,
}

impl Doc {
    /// Adds spec prose as a paragraph; blank or missing text adds nothing.
    pub fn prose(mut self, text: Option<&str>) -> Self {
        if let Some(text) = text.filter(|t| !t.trim().is_empty()) {
            self.break_paragraph();
            self.lines.extend(sanitize(text));
        }
        self
    }

    /// Adds a paragraph written by the generator (already valid Markdown, on one line: spec
    /// names in it that hold line breaks or tabs get spaces instead).
    pub fn line(mut self, text: impl Into<String>) -> Self {
        self.break_paragraph();
        self.lines.push(one_line(text.into()));
        self
    }

    /// Adds a line to the current paragraph, e.g. an item of a list.
    pub fn item(mut self, text: impl Into<String>) -> Self {
        self.lines.push(one_line(text.into()));
        self
    }

    /// Adds an example value: short ones inline, larger ones as a JSON block.
    pub fn example(self, value: Option<&Value>) -> Self {
        let Some(value) = value else { return self };
        let compact = value.to_string();
        if compact.len() <= 80 && !compact.contains('`') {
            return self.line(format!("Example: `{compact}`"));
        }
        let pretty = serde_json::to_string_pretty(value).unwrap_or(compact);
        let mut doc = self.line("Example:").item("```json");
        doc.lines.extend(pretty.lines().map(str::to_owned));
        doc.item("```")
    }

    /// Notes the value the server assumes when the field is absent.
    pub fn default_value(self, value: Option<&Value>) -> Self {
        match value {
            Some(value) => self.line(format!("Default: `{}`", value.to_string().replace('`', "'"))),
            None => self,
        }
    }

    fn break_paragraph(&mut self) {
        if !self.lines.is_empty() {
            self.lines.push(String::new());
        }
    }

    /// The text as one line, for a list item.
    pub fn single_line(&self) -> String {
        self.lines.iter().map(|l| l.trim()).filter(|l| !l.is_empty()).collect::<Vec<_>>().join(" ")
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    /// Outer `#[doc]` attributes, one per line.
    pub fn outer(&self) -> TokenStream {
        let lines = wrapped(&self.lines).into_iter().map(|l| pad(&l));
        quote! { #( #[doc = #lines] )* }
    }

    /// Inner `#![doc]` attributes, for a module's own documentation.
    pub fn inner(&self) -> TokenStream {
        let lines = wrapped(&self.lines).into_iter().map(|l| pad(&l));
        quote! { #( #![doc = #lines] )* }
    }
}

/// Text columns of a doc line: with `/// ` and an item's indentation, about 100.
const WIDTH: usize = 92;

/// `lines` with prose wrapped at [`WIDTH`], at spaces. Code blocks, tables and indented code are
/// kept as they are, and a line never starts with what would make it a list, heading, quote,
/// table or fence.
fn wrapped(lines: &[String]) -> Vec<String> {
    let mut out = Vec::with_capacity(lines.len());
    let mut in_fence = false;
    for line in lines {
        let fence = is_fence(line.trim(), in_fence);
        in_fence ^= fence;
        // A heading is one line: its text cannot go on. A code span that starts a line is kept
        // whole, as its first part alone would read as a fence.
        let verbatim = fence || in_fence || line.starts_with("    ") || line.starts_with(['|', '#']) || line.starts_with("```");
        if verbatim || line.chars().count() <= WIDTH {
            out.push(line.clone());
            continue;
        }
        let indent = " ".repeat(list_marker(line));
        let mut current = String::new();
        for word in line.split(' ') {
            let fits = current.chars().count() + 1 + word.chars().count() <= WIDTH;
            if current.is_empty() || fits || word.is_empty() || opens_block(word) {
                if !current.is_empty() || line.starts_with(' ') {
                    current.push(' ');
                }
                current.push_str(word);
            } else {
                out.push(std::mem::replace(&mut current, format!("{indent}{word}")));
            }
        }
        out.push(current);
    }
    out
}

/// Whether `line` (trimmed) opens a code fence, or closes the one that is open, as CommonMark
/// reads it: an opening fence's info string holds no backtick, a closing one is backticks alone.
/// (`` ```json {…} ``` `` on one line is a code span in prose.)
fn is_fence(line: &str, in_fence: bool) -> bool {
    match line.strip_prefix("```") {
        Some(_) if in_fence => line.bytes().all(|b| b == b'`'),
        Some(info) => !info.contains('`'),
        None => false,
    }
}

/// Where a list item's text starts (after `- `, `*   `, `12. `), which its continuation lines are
/// indented to; 0 for a line that is no list item.
fn list_marker(line: &str) -> usize {
    let trimmed = line.trim_start();
    let lead = line.len() - trimmed.len();
    let digits = trimmed.bytes().take_while(u8::is_ascii_digit).count();
    let marker = match trimmed.as_bytes() {
        [b'-' | b'*' | b'+', b' ', ..] => 1,
        bytes if digits > 0 && matches!(bytes.get(digits..digits + 2), Some([b'.' | b')', b' '])) => digits + 1,
        _ => return 0,
    };
    // CommonMark: the text starts after the marker's spaces, one to four of them.
    let spaces = trimmed[marker..].bytes().take_while(|&b| b == b' ').count();
    lead + marker + if spaces <= 4 { spaces } else { 1 }
}

/// Whether a line starting with `word` would be read as the start of a block: what
/// [`marks_block`] finds, a quote, HTML, a fence or a thematic break.
fn opens_block(word: &str) -> bool {
    marks_block(word) || word.starts_with(['>', '<']) || word.starts_with("```") || word.starts_with("---")
}

/// `text` without line breaks or tabs (a bare CR is an error in a doc comment, a tab a clippy
/// warning), each a space.
fn one_line(text: String) -> String {
    if text.contains(['\r', '\n', '\t']) { text.replace("\r\n", " ").replace(['\r', '\n', '\t'], " ") } else { text }
}

/// Spec text (a title, say) for the middle of a generated line: on one line, its spaces
/// collapsed, escaped as prose is ([`escape`]), and a leading `-`, `#`, `>`, `1.`, … escaped so
/// that a line starting with it is no list, heading or quote.
pub(crate) fn inline(text: &str) -> String {
    let words: Vec<&str> = text.split_whitespace().collect();
    let escaped = escape(&words.join(" "));
    let first = words.first().copied().unwrap_or_default();
    if marks_block(first) { format!("\\{escaped}") } else { escaped }
}

/// Whether `word`, first on a line, makes it a list item, a heading, a table row or a setext
/// underline.
fn marks_block(word: &str) -> bool {
    let ordered = word.strip_suffix(['.', ')']).is_some_and(|n| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    ordered || ["-", "*", "+"].contains(&word) || word.starts_with(['#', '|', '='])
}

/// Spec text (a name, a path, a URL) as a Markdown code span, whatever it holds: on one line,
/// and delimited by more backticks than it has in a row (with spaces inside when it starts or
/// ends with one), as CommonMark allows.
pub(crate) fn code(text: &str) -> String {
    let text = one_line(text.to_owned());
    let longest = text.split(|c| c != '`').map(str::len).max().unwrap_or(0);
    let ticks = "`".repeat(longest + 1);
    let pad = if text.starts_with('`') || text.ends_with('`') { " " } else { "" };
    format!("{ticks}{pad}{text}{pad}{ticks}")
}

/// `///` comments carry a space after the slashes; an empty line carries none.
fn pad(line: &str) -> String {
    if line.is_empty() { String::new() } else { format!(" {line}") }
}

/// Makes spec Markdown safe for rustdoc, line by line.
fn sanitize(text: &str) -> Vec<String> {
    let text = text.replace("<br />", "\n").replace("<br/>", "\n").replace("<br>", "\n");
    // Every line ending is a line break (a bare CR is an error in a doc comment), and tabs are
    // spaces to the next multiple of four (clippy's `tabs_in_doc_comments`).
    let text = expand_tabs(&text.replace("\r\n", "\n").replace('\r', "\n"));
    let mut out: Vec<String> = Vec::new();
    let mut in_fence = false;
    let mut continues = false;
    let mut in_list = false;
    for raw in text.lines() {
        let line = raw.trim();
        if let Some(info) = line.strip_prefix("```").filter(|_| is_fence(line, in_fence)) {
            // Fences without a language would be compiled as Rust doctests.
            let fence = if in_fence || !info.trim().is_empty() && info.trim() != "rust" { line.to_owned() } else { "```text".to_owned() };
            in_fence = !in_fence;
            out.push(fence);
            continues = false;
            continue;
        }
        if in_fence {
            out.push(raw.trim_end().to_owned());
            continue;
        }
        if line.is_empty() {
            out.push(String::new());
            continues = false;
            in_list = false;
            continue;
        }
        let escaped = escape(line);
        // Joining wrapped lines keeps list items and paragraphs whole, without the indentation
        // that would turn them into code blocks.
        match out.last_mut() {
            Some(last) if continues && !starts_block(line) => {
                last.push(' ');
                last.push_str(&escaped);
            }
            _ => {
                // A line that is no list item, right after one, would be read as part of it.
                if in_list && !is_list_item(line) {
                    out.push(String::new());
                }
                in_list = is_list_item(line);
                out.push(escaped);
            }
        }
        continues = true;
    }
    if in_fence {
        out.push("```".to_owned());
    }
    while out.last().is_some_and(String::is_empty) {
        out.pop();
    }
    out
}

/// Tabs replaced by spaces up to the next column that is a multiple of four, as editors show
/// them (code blocks keep their alignment).
fn expand_tabs(text: &str) -> String {
    if !text.contains('\t') {
        return text.to_owned();
    }
    let mut out = String::with_capacity(text.len() + 16);
    let mut column = 0;
    for c in text.chars() {
        match c {
            '\t' => {
                let spaces = 4 - column % 4;
                out.extend(std::iter::repeat_n(' ', spaces));
                column += spaces;
            }
            '\n' => {
                out.push(c);
                column = 0;
            }
            c => {
                out.push(c);
                column += 1;
            }
        }
    }
    out
}

fn starts_block(line: &str) -> bool {
    is_list_item(line) || ["#", "|", ">"].iter().any(|p| line.starts_with(p))
}

fn is_list_item(line: &str) -> bool {
    let ordered = line.split_once(". ").is_some_and(|(n, _)| !n.is_empty() && n.bytes().all(|b| b.is_ascii_digit()));
    ordered || ["- ", "* ", "+ "].iter().any(|p| line.starts_with(p))
}

/// Escapes what rustdoc would misread outside code spans: `[x]` (an intra-doc link), `<x>` (an
/// HTML tag), and bare URLs, which become autolinks. Markdown links `[text](url)` are kept.
fn escape(line: &str) -> String {
    let mut out = String::with_capacity(line.len() + 8);
    let mut rest = line;
    let mut in_code = false;
    while let Some(c) = rest.chars().next() {
        if c == '`' {
            in_code = !in_code;
        } else if !in_code {
            if c == '[' {
                if let Some((text, target)) = markdown_link(rest) {
                    // The link's text is prose too (Twilio's `[<Conference> TwiML](…)`).
                    out.push_str(&format!("[{}]({target})", escape(text)));
                    rest = &rest[text.len() + target.len() + 4..];
                    continue;
                }
            }
            if let Some(url) = bare_url(rest) {
                out.push('<');
                out.push_str(url);
                out.push('>');
                rest = &rest[url.len()..];
                continue;
            }
            if matches!(c, '[' | ']' | '<' | '>') {
                out.push('\\');
            }
        }
        out.push(c);
        rest = &rest[c.len_utf8()..];
    }
    if in_code {
        // An unclosed code span would swallow the next line; close it.
        out.push('`');
    }
    out
}

/// `[text](target)` at the start of `s`, whose target is a web address: one that is a Rust path
/// (`crate::views::Certificate`, as Rust servers' specs write) would be an intra-doc link to an
/// item this crate does not have.
fn markdown_link(s: &str) -> Option<(&str, &str)> {
    let close = s.find("](")?;
    if s[1..close].contains(['[', ']']) {
        return None;
    }
    let end = s[close..].find(')')? + close;
    let target = &s[close + 2..end];
    let web = target.contains("://") || target.starts_with(['/', '#', '.']) || target.starts_with("mailto:");
    web.then_some((&s[1..close], target))
}

/// An `http(s)://` URL at the start of `s`, without trailing punctuation.
fn bare_url(s: &str) -> Option<&str> {
    if !(s.starts_with("http://") || s.starts_with("https://")) {
        return None;
    }
    let end = s.find(|c: char| c.is_whitespace() || matches!(c, '*' | ')' | ']' | '>' | '<' | '"' | '\'' | '`')).unwrap_or(s.len());
    let url = s[..end].trim_end_matches(['.', ',', ';', ':', '!', '?']);
    Some(url)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_breaks_and_urls_become_markdown() {
        let lines = sanitize("base url **https://restapi.fax.plus/v3**. <br /><br /> - next");
        assert_eq!(lines, ["base url **<https://restapi.fax.plus/v3>**.", "", "- next"]);
    }

    #[test]
    fn brackets_and_tags_are_escaped_outside_code() {
        assert_eq!(escape("see [RFC] and <T> but `Vec<T>[0]`"), r"see \[RFC\] and \<T\> but `Vec<T>[0]`");
        assert_eq!(escape("a [link](https://x.y/z) here"), "a [link](https://x.y/z) here");
        // A Rust path is no link for this crate: kept as text.
        assert_eq!(escape("a [`Cert`](crate::views::Cert)"), r"a \[`Cert`\](crate::views::Cert)");
        assert_eq!(escape("[up](../x) [top](#a)"), "[up](../x) [top](#a)");
        assert_eq!(escape("the [<Conference> verb](https://t.co/c)"), r"the [\<Conference\> verb](https://t.co/c)");
    }

    #[test]
    fn fences_never_become_doctests() {
        let lines = sanitize("Use:\n```\nlet x = 1;\n```\nand\n```json\n{}\n```");
        assert_eq!(lines, ["Use:", "```text", "let x = 1;", "```", "and", "```json", "{}", "```"]);
    }

    #[test]
    fn a_line_after_a_list_starts_a_paragraph() {
        assert_eq!(sanitize("For example:\n* a\n* b\n> note"), ["For example:", "* a", "* b", "", "\\> note"]);
    }

    #[test]
    fn indented_and_wrapped_lines_are_joined() {
        let lines = sanitize("First line\n    wrapped here\n\n- item\n  continued\n- other");
        assert_eq!(lines, ["First line wrapped here", "", "- item continued", "- other"]);
    }

    #[test]
    fn line_endings_are_line_breaks_and_tabs_spaces() {
        assert_eq!(sanitize("one\r\ntwo\rthree"), ["one two three"]);
        assert_eq!(sanitize("a\tb\n\n```\n\tx\ty\n```"), ["a   b", "", "```text", "    x   y", "```"]);
        assert_eq!(Doc::default().line("a\r\nb\tc").lines, ["a b c"]);
    }

    #[test]
    fn prose_wraps_at_spaces_and_keeps_blocks_whole() {
        let long = ["word"; 40].join(" ");
        let lines = wrapped(&[long.clone(), format!("- {long}"), "```".into(), long.clone(), "```".into(), format!("| {long} |")]);
        assert!(lines.iter().take(2).all(|l| l.len() <= WIDTH), "{lines:?}");
        let item = lines.iter().position(|l| l.starts_with("- ")).unwrap();
        assert!(lines[item + 1].starts_with("  word"), "{lines:?}");
        let fence = lines.iter().position(|l| l == "```").unwrap();
        assert_eq!(lines[fence + 1], long);
        assert_eq!(lines.last().unwrap(), &format!("| {long} |"));
        // A break never starts a line with a list marker or a heading.
        let star = wrapped(&[format!("*   {long}")]);
        assert!(star[1].starts_with("    word"), "{star:?}");
        // A code span that starts a line is no fence, and stays whole: what follows is prose, wrapped.
        let span = format!("```json {long} ``` </details>");
        let after_span = wrapped(&[span.clone(), long.clone()]);
        assert_eq!(after_span[0], span);
        assert!(after_span.len() > 2 && after_span[1..].iter().all(|l| l.len() <= WIDTH), "{after_span:?}");
        let lines = sanitize("```json { \"a\": 1 } ``` </details>\n\nafter");
        assert_eq!(lines, ["```json { \"a\": 1 } ``` \\</details\\>", "", "after"]);
        let heading = format!("## {long}");
        assert_eq!(wrapped(std::slice::from_ref(&heading)), [heading]);
        let risky = format!("{} - not a list and # not a heading", ["a"; 44].join(" "));
        for line in wrapped(&[risky]) {
            assert!(!line.starts_with("- ") && !line.starts_with("# "), "{line}");
        }
    }

    #[test]
    fn code_spans_hold_any_text() {
        assert_eq!(code("GET /pets"), "`GET /pets`");
        assert_eq!(code("a`b"), "``a`b``");
        assert_eq!(code("`x``"), "``` `x`` ```");
        assert_eq!(code("new\nline\ttab"), "`new line tab`");
    }

    #[test]
    fn inline_text_is_one_line_and_starts_no_block() {
        assert_eq!(inline("- a list\ncontinued  lazily"), "\\- a list continued lazily");
        assert_eq!(inline("1. one"), "\\1. one");
        assert_eq!(inline("# API"), "\\# API");
        assert_eq!(inline("> quote"), "\\> quote");
        assert_eq!(inline("Pet [beta] API"), "Pet \\[beta\\] API");
        assert_eq!(inline("Petstore 2.0"), "Petstore 2.0");
        assert_eq!(inline("-1 degrees"), "-1 degrees");
        // Found by the fuzzer: a first word that ends inside a character.
        assert_eq!(inline("ünïcödé API"), "ünïcödé API");
        assert_eq!(inline("Ⅻ"), "Ⅻ");
        assert_eq!(inline("12) twelve"), "\\12) twelve");
    }

    #[test]
    fn examples_are_inline_or_blocks() {
        let short = Doc::default().example(Some(&serde_json::json!("Jane"))).lines;
        assert_eq!(short, ["Example: `\"Jane\"`"]);
        let long = Doc::default().example(Some(&serde_json::json!({"a": "x".repeat(80)}))).lines;
        assert_eq!(long.first().map(String::as_str), Some("Example:"));
        assert_eq!(long[1], "```json");
        assert_eq!(long.last().map(String::as_str), Some("```"));
    }
}
