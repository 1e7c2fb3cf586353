//! Which group (cargo feature) each operation of a large API is compiled with.

use std::collections::BTreeMap;

use crate::model::{Group, GroupId, Operation};

/// How a spec's operations are split into cargo features (the `groups` setting in
/// `specs/codegen.toml`): `"auto"`, `"tags"`, `"paths"`, `"off"`, or a table of named lists
/// of path prefixes, `{ billing = ["/v1/invoices", "/v1/subscriptions"] }`.
#[derive(Debug, Clone, Default, PartialEq, Eq, serde::Deserialize)]
#[serde(try_from = "Setting")]
pub enum Grouping {
    /// From [`AUTO_OPERATIONS`] operations on: by first tag where most operations have one, by
    /// path otherwise. One feature below that size.
    #[default]
    Auto,
    /// By each operation's first tag, whatever the API's size.
    Tags,
    /// By each path's first segment after a version (`/v1/customers/{id}` → `customers`).
    Paths,
    /// Named groups, each the operations under any of its path prefixes; the rest are grouped
    /// by path.
    Named(Vec<(String, Vec<String>)>),
    /// One feature for the whole API.
    Off,
}

/// The `groups` setting as written.
#[derive(serde::Deserialize)]
#[serde(untagged)]
enum Setting {
    Word(String),
    Named(BTreeMap<String, Vec<String>>),
}

impl TryFrom<Setting> for Grouping {
    type Error = String;

    fn try_from(setting: Setting) -> Result<Self, String> {
        match setting {
            Setting::Word(word) => match word.as_str() {
                "auto" => Ok(Grouping::Auto),
                "tags" => Ok(Grouping::Tags),
                "paths" => Ok(Grouping::Paths),
                "off" => Ok(Grouping::Off),
                _ => Err(format!("unknown grouping `{word}`: expected \"auto\", \"tags\", \"paths\", \"off\" or a table of path prefixes")),
            },
            Setting::Named(lists) => {
                for (name, prefixes) in &lists {
                    if feature_name(name) != *name {
                        return Err(format!("group `{name}` is not a feature name: write it `{}`", feature_name(name)));
                    }
                    if let Some(bad) = prefixes.iter().find(|p| !p.starts_with('/')) {
                        return Err(format!("group `{name}`: `{bad}` is not a path prefix (it starts with `/`)"));
                    }
                }
                Ok(Grouping::Named(lists.into_iter().collect()))
            }
        }
    }
}

/// The size from which `auto` groups an API: below it, the whole API compiles in seconds.
pub const AUTO_OPERATIONS: usize = 100;

/// The group of an operation without tags.
const UNTAGGED: &str = "untagged";

/// Puts each operation in its group, and returns the groups in name order. Tags that read the
/// same as a feature (`Pull Requests`, `pull-requests`) share a group.
pub(super) fn assign(operations: &mut [Operation], grouping: &Grouping) -> Vec<Group> {
    let by_tags = match grouping {
        Grouping::Off => return Vec::new(),
        Grouping::Auto if operations.len() < AUTO_OPERATIONS => return Vec::new(),
        Grouping::Auto => 2 * operations.iter().filter(|op| op.tag.is_some()).count() >= operations.len(),
        Grouping::Tags => true,
        Grouping::Paths | Grouping::Named(_) => false,
    };
    let named: &[(String, Vec<String>)] = match grouping {
        Grouping::Named(lists) => lists,
        _ => &[],
    };
    let name_of = |op: &Operation| -> (String, Option<String>) {
        if by_tags {
            let name = op.tag.as_deref().map(feature_name).filter(|n| !n.is_empty());
            return (name.unwrap_or_else(|| UNTAGGED.to_owned()), op.tag.clone());
        }
        let listed = named
            .iter()
            .flat_map(|(name, prefixes)| prefixes.iter().map(move |p| (name, p)))
            .filter(|(_, prefix)| under(&op.path, prefix))
            .max_by_key(|(_, prefix)| prefix.len());
        match listed {
            Some((name, _)) => (name.clone(), None),
            None => (path_group(&op.path), None),
        }
    };
    let named_ops: Vec<(String, Option<String>)> = operations.iter().map(name_of).collect();
    let mut names: BTreeMap<&str, &Option<String>> = BTreeMap::new();
    for (name, tag) in &named_ops {
        names.entry(name).or_insert(tag);
    }
    if names.len() < 2 {
        return Vec::new();
    }
    let index: BTreeMap<&str, GroupId> = names.keys().enumerate().map(|(i, n)| (*n, GroupId(i))).collect();
    for (op, (name, _)) in operations.iter_mut().zip(&named_ops) {
        op.group = Some(index[name.as_str()]);
    }
    names.into_iter().map(|(name, tag)| Group { name: name.to_owned(), tag: tag.clone() }).collect()
}

/// Whether `path` is `prefix` or below it, segment by segment (`/v1/invoices` holds
/// `/v1/invoices/{id}`, not `/v1/invoiceitems`).
fn under(path: &str, prefix: &str) -> bool {
    let prefix = prefix.trim_end_matches('/');
    path.strip_prefix(prefix).is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

/// The group of a path: its first segment that is neither a version (`v1`, `2010-04-01`,
/// `api`) nor a parameter, as a feature name; `root` when there is none.
fn path_group(path: &str) -> String {
    let versioned = |s: &str| {
        s.eq_ignore_ascii_case("api")
            || (s.starts_with(['v', 'V']) && s.len() > 1 && s[1..].chars().all(|c| c.is_ascii_digit() || c == '.'))
            || s.chars().all(|c| c.is_ascii_digit() || c == '-' || c == '.')
    };
    let segment = path.split('/').find(|s| !s.is_empty() && !s.starts_with('{') && !versioned(s));
    // `Calls.json` is the `calls` resource.
    let segment = segment.map(|s| s.split('.').next().unwrap_or(s));
    segment.map(feature_name).filter(|n| !n.is_empty()).unwrap_or_else(|| "root".to_owned())
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

    #[test]
    fn paths_are_grouped_by_their_first_resource() {
        assert_eq!(path_group("/v1/customers/{customer}/sources"), "customers");
        assert_eq!(path_group("/v1/application_fees"), "application-fees");
        assert_eq!(path_group("/2010-04-01/Accounts/{AccountSid}/Calls.json"), "accounts");
        assert_eq!(path_group("/api/v2.1/{org}/projects"), "projects");
        assert_eq!(path_group("/Calls.json"), "calls");
        assert_eq!(path_group("/"), "root");
        assert_eq!(path_group("/{id}"), "root");
        assert_eq!(path_group("/version"), "version");
    }

    #[test]
    fn prefixes_hold_whole_segments() {
        assert!(under("/v1/invoices/{id}", "/v1/invoices"));
        assert!(under("/v1/invoices", "/v1/invoices/"));
        assert!(!under("/v1/invoiceitems", "/v1/invoices"));
    }

    #[test]
    fn the_setting_reads_words_and_tables() {
        let read = |text: &str| toml::from_str::<std::collections::BTreeMap<String, Grouping>>(text).map(|m| m["groups"].clone());
        assert_eq!(read("groups = \"paths\"").unwrap(), Grouping::Paths);
        assert_eq!(
            read("groups = { billing = [\"/v1/invoices\", \"/v1/plans\"] }").unwrap(),
            Grouping::Named(vec![("billing".to_owned(), vec!["/v1/invoices".to_owned(), "/v1/plans".to_owned()])])
        );
        assert!(read("groups = \"tag\"").unwrap_err().to_string().contains("unknown grouping `tag`"));
        assert!(read("groups = { Billing = [\"/v1\"] }").unwrap_err().to_string().contains("write it `billing`"));
        assert!(read("groups = { billing = [\"v1\"] }").unwrap_err().to_string().contains("not a path prefix"));
    }
}
