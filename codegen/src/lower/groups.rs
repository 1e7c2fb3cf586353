//! Which group (cargo feature) each operation of a large API is compiled with.

use std::collections::BTreeMap;

use crate::model::{Group, GroupId, Operation};

/// How a spec's operations are split into cargo features (the `groups` setting in
/// `specs/codegen.toml`).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Grouping {
    /// By first tag for an API of at least [`AUTO_OPERATIONS`] operations; one feature otherwise.
    #[default]
    Auto,
    /// By each operation's first tag, whatever the API's size.
    Tags,
    /// One feature for the whole API.
    Off,
}

/// The size from which `auto` groups an API: below it, the whole API compiles in seconds.
pub const AUTO_OPERATIONS: usize = 100;

/// The group of an operation without tags.
const UNTAGGED: &str = "untagged";

/// Puts each operation in the group of its first tag, and returns the groups in name order.
/// Tags that read the same as a feature (`Pull Requests`, `pull-requests`) share a group.
pub(super) fn assign(operations: &mut [Operation], grouping: Grouping) -> Vec<Group> {
    let wanted = match grouping {
        Grouping::Off => false,
        Grouping::Tags => true,
        Grouping::Auto => operations.len() >= AUTO_OPERATIONS,
    };
    let name_of = |op: &Operation| op.tag.as_deref().map(feature_name).filter(|n| !n.is_empty());
    let mut names: BTreeMap<String, Option<String>> = BTreeMap::new();
    for op in operations.iter() {
        let name = name_of(op).unwrap_or_else(|| UNTAGGED.to_owned());
        names.entry(name).or_insert_with(|| op.tag.clone());
    }
    if !wanted || names.len() < 2 {
        return Vec::new();
    }
    let index: BTreeMap<&str, GroupId> = names.keys().enumerate().map(|(i, n)| (n.as_str(), GroupId(i))).collect();
    for op in operations.iter_mut() {
        let name = name_of(op).unwrap_or_else(|| UNTAGGED.to_owned());
        op.group = Some(index[name.as_str()]);
    }
    names.into_iter().map(|(name, tag)| Group { name, tag }).collect()
}

/// A tag as a feature's suffix: lower-case ASCII words joined by `-`. `base` is the module's own
/// feature, so a tag of that name becomes `base-tag`.
fn feature_name(tag: &str) -> String {
    let name = crate::naming::feature(tag);
    if name == "base" { "base-tag".to_owned() } else { name }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tags_read_as_features() {
        assert_eq!(feature_name("Pull Requests"), "pull-requests");
        assert_eq!(feature_name("pull-requests"), "pull-requests");
        assert_eq!(feature_name("OAuth2 Apps"), "o-auth2-apps");
        assert_eq!(feature_name("base"), "base-tag");
    }
}
