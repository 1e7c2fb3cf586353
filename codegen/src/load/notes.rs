//! What a loading step learns besides the document it returns: the spec's slips (warnings, at
//! pointers of the step's input) and where the nodes it moved came from, so that every later
//! message can still point at the text the user wrote.

/// A slip in the spec that loading worked around; `pointer` is in the step's input document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Slip {
    pub pointer: String,
    /// What is wrong, and what the generator does instead.
    pub message: String,
}

/// Where moved nodes came from: each entry maps a pointer prefix of the step's output to the
/// prefix of its input that the node was taken from.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Moves(Vec<(String, String)>);

impl Moves {
    /// Records that the node now at `new` (and everything below it) was at `old`.
    pub fn record(&mut self, new: impl Into<String>, old: impl Into<String>) {
        self.0.push((new.into(), old.into()));
    }

    /// The input pointer of an output pointer: the longest recorded prefix is replaced; a pointer
    /// under no recorded prefix did not move.
    pub fn back(&self, pointer: &str) -> String {
        let best = self.0.iter().filter(|(new, _)| is_prefix(new, pointer)).max_by_key(|(new, _)| new.len());
        match best {
            Some((new, old)) => format!("{old}{}", &pointer[new.len()..]),
            None => pointer.to_owned(),
        }
    }
}

/// `prefix` is `pointer` or one of its ancestors (whole reference tokens only).
pub(crate) fn is_prefix(prefix: &str, pointer: &str) -> bool {
    pointer.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// What one loading step noticed.
#[derive(Debug, Default)]
pub(crate) struct Notes {
    pub slips: Vec<Slip>,
    pub moves: Moves,
}

impl Notes {
    pub fn slip(&mut self, pointer: impl Into<String>, message: impl Into<String>) {
        self.slips.push(Slip { pointer: pointer.into(), message: message.into() });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn moves_map_back_by_longest_prefix() {
        let mut moves = Moves::default();
        moves.record("/components/schemas", "/definitions");
        moves.record("/components/schemas/Pet", "/x/Pet");
        assert_eq!(moves.back("/components/schemas/Tag/properties/id"), "/definitions/Tag/properties/id");
        assert_eq!(moves.back("/components/schemas/Pet/properties/id"), "/x/Pet/properties/id");
        assert_eq!(moves.back("/components/schemas/Petty"), "/definitions/Petty");
        assert_eq!(moves.back("/paths"), "/paths");
    }
}
