//! Finds the line of a JSON pointer in the spec text, so errors can say where to look.
//!
//! Only runs on the error path: it re-reads the text as YAML events (JSON is YAML too) and walks
//! them while tracking the current pointer, stopping at the first node whose pointer matches.

use std::collections::HashMap;

use yaml_rust2::parser::{Event, MarkedEventReceiver, Parser};
use yaml_rust2::scanner::Marker;

use crate::error::push_pointer;

/// The 1-based line where the node at `pointer` starts, or `None` if the text has no such node.
#[cfg(test)]
pub(crate) fn line_of(text: &str, pointer: &str) -> Option<usize> {
    lines_of(text, &[pointer]).pop().flatten().filter(|(exact, _)| *exact).map(|(_, line)| line)
}

/// For each pointer, the line of its node, or else of its nearest ancestor in the text (a node
/// that loading made up, such as a converted Swagger 2.0 body, is shown where its parent is):
/// `(true, line)` for the node itself, `(false, line)` for an ancestor. One pass over the text.
pub(crate) fn lines_of(text: &str, pointers: &[&str]) -> Vec<Option<(bool, usize)>> {
    let mut targets: HashMap<String, Option<usize>> = HashMap::new();
    for pointer in pointers {
        let mut p = *pointer;
        loop {
            targets.insert(p.to_owned(), None);
            match p.rfind('/') {
                Some(i) => p = &p[..i],
                None => break,
            }
        }
    }
    let mut walker = Walker { targets, stack: Vec::new() };
    // A parse error simply means fewer lines: the caller still reports the pointer.
    let _ = Parser::new_from_str(text).load(&mut walker, false);
    pointers
        .iter()
        .map(|pointer| {
            let mut p = *pointer;
            loop {
                if let Some(Some(line)) = walker.targets.get(p) {
                    return Some((p.len() == pointer.len(), *line));
                }
                p = &p[..p.rfind('/')?];
            }
        })
        .collect()
}

enum Frame {
    /// Inside a mapping: `key` is set once its key scalar was read and a value is awaited.
    Map {
        pointer: String,
        key: Option<String>,
    },
    Seq {
        pointer: String,
        index: usize,
    },
}

struct Walker {
    /// Pointers wanted, with the line once found.
    targets: HashMap<String, Option<usize>>,
    stack: Vec<Frame>,
}

impl Walker {
    /// The pointer of the node about to start; `None` when the next scalar is a mapping key.
    fn next_pointer(&mut self) -> Option<String> {
        match self.stack.last_mut() {
            None => Some(String::new()),
            Some(Frame::Map { key: None, .. }) => None,
            Some(Frame::Map { pointer, key }) => key.take().map(|k| push_pointer(pointer, &k)),
            Some(Frame::Seq { pointer, index }) => {
                *index += 1;
                Some(push_pointer(pointer, &(*index - 1).to_string()))
            }
        }
    }

    fn visit(&mut self, pointer: &str, mark: Marker) {
        if let Some(slot @ None) = self.targets.get_mut(pointer) {
            *slot = Some(mark.line());
        }
    }
}

impl MarkedEventReceiver for Walker {
    fn on_event(&mut self, ev: Event, mark: Marker) {
        match ev {
            Event::Scalar(value, ..) => match self.next_pointer() {
                Some(pointer) => self.visit(&pointer, mark),
                None => {
                    if let Some(Frame::Map { pointer, key }) = self.stack.last_mut() {
                        let child = push_pointer(pointer, &value);
                        *key = Some(value);
                        // A key's line is where its value is shown to the reader.
                        self.visit(&child, mark);
                    }
                }
            },
            Event::Alias(_) => {
                self.next_pointer();
            }
            Event::MappingStart(..) | Event::SequenceStart(..) => {
                let pointer = self.next_pointer().unwrap_or_default();
                self.visit(&pointer, mark);
                let frame = if matches!(ev, Event::MappingStart(..)) {
                    Frame::Map { pointer, key: None }
                } else {
                    Frame::Seq { pointer, index: 0 }
                };
                self.stack.push(frame);
            }
            Event::MappingEnd | Event::SequenceEnd => {
                self.stack.pop();
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::{line_of, lines_of};

    const YAML: &str =
        "openapi: 3.0.0\npaths:\n  /a/{b}:\n    get:\n      parameters:\n        - name: b\n        - name: c\ncomponents: {}\n";

    #[test]
    fn finds_keys_and_sequence_items() {
        assert_eq!(line_of(YAML, ""), Some(1));
        assert_eq!(line_of(YAML, "/paths"), Some(2));
        assert_eq!(line_of(YAML, "/paths/~1a~1{b}/get"), Some(4));
        assert_eq!(line_of(YAML, "/paths/~1a~1{b}/get/parameters/1"), Some(7));
        assert_eq!(line_of(YAML, "/paths/~1a~1{b}/get/parameters/1/name"), Some(7));
        assert_eq!(line_of(YAML, "/components"), Some(8));
    }

    #[test]
    fn json_text_works_too() {
        let json = "{\n  \"openapi\": \"3.0.0\",\n  \"info\": {\n    \"title\": \"t\"\n  }\n}";
        assert_eq!(line_of(json, "/info/title"), Some(4));
    }

    #[test]
    fn made_up_nodes_are_shown_at_their_nearest_ancestor() {
        let lines = lines_of(YAML, &["/paths/~1a~1{b}/get/requestBody/content", "/components", "/nope"]);
        assert_eq!(lines, [Some((false, 4)), Some((true, 8)), Some((false, 1))]);
    }

    #[test]
    fn missing_nodes_have_no_line() {
        assert_eq!(line_of(YAML, "/nope"), None);
        // Broken text yields what was read before the break, never a panic.
        assert_eq!(line_of("a: 1\nb: [", "/a"), Some(1));
    }
}
