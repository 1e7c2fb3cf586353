//! Documentation: what a surface leaves out, compared on the models themselves.

use std::collections::HashMap;

use super::{Change, Impact, Location, Rule};
use crate::model::{Api, Docs, TypeKind};

fn change(location: Location, parts: Vec<String>) -> Option<Change> {
    (!parts.is_empty()).then(|| Change {
        what: Rule::DocsChanged,
        location,
        detail: parts.join(", "),
        rust: Impact::Patch,
        wire: Impact::None,
        reason: "only doc comments and example tests change".to_owned(),
    })
}

/// What differs between two `Docs`, in words.
fn docs(old: &Docs, new: &Docs, parts: &mut Vec<String>, prefix: &str) {
    let mut note = |differs: bool, what: &str| {
        if differs {
            parts.push(format!("{prefix}{what}"));
        }
    };
    note(old.title != new.title, "title");
    note(old.description != new.description, "description");
    note(old.example != new.example || old.more_examples != new.more_examples, "example");
    note(old.default != new.default, "default");
}

/// The documentation changes of every item both versions have.
pub(super) fn changes(old: &Api, new: &Api, renames: &HashMap<String, String>) -> Vec<Change> {
    let mut out = Vec::new();
    let mut parts = Vec::new();
    if old.description != new.description {
        parts.push("description".to_owned());
    }
    for s in &new.servers {
        if let Some(o) = old.servers.iter().find(|o| o.const_name == s.const_name) {
            if o.description != s.description {
                parts.push(format!("server `{}`", s.const_name));
            }
        }
    }
    out.extend(change(Location::Api, parts));
    for s in &new.security_schemes {
        if let Some(o) = old.security_schemes.iter().find(|o| o.key == s.key) {
            if o.description != s.description {
                out.extend(change(Location::Auth(s.key.clone()), vec!["description".to_owned()]));
            }
        }
    }
    let old_ops: HashMap<&str, &crate::model::Operation> = old.operations.iter().map(|op| (op.method_name.as_str(), op)).collect();
    for n in &new.operations {
        let Some(o) = old_ops.get(n.method_name.as_str()) else { continue };
        let mut parts = Vec::new();
        if o.summary != n.summary {
            parts.push("summary".to_owned());
        }
        if o.description != n.description {
            parts.push("description".to_owned());
        }
        if o.tag != n.tag {
            parts.push("tag".to_owned());
        }
        for p in &n.params {
            if let Some(q) = o.params.iter().find(|q| q.rust_name == p.rust_name) {
                if q.description != p.description {
                    parts.push(format!("`{}`", p.rust_name));
                }
            }
        }
        if let (Some(a), Some(b)) = (&o.body, &n.body) {
            if a.description != b.description || a.examples != b.examples {
                parts.push("body".to_owned());
            }
        }
        for r in &n.responses {
            if let Some(s) = o.responses.iter().find(|s| s.status == r.status) {
                if s.description != r.description || s.examples != r.examples {
                    parts.push(format!("answer {}", super::operations::status_text(r.status)));
                }
            }
        }
        let location = Location::Operation {
            name: n.method_name.clone(),
            method: n.http_method.to_string(),
            path: n.path.clone(),
            part: None,
        };
        out.extend(change(location, parts));
    }
    // Types by their new names.
    let old_types: HashMap<&str, &crate::model::TypeDef> =
        old.types.iter().map(|t| (renames.get(&t.name).map_or(t.name.as_str(), String::as_str), t)).collect();
    for n in &new.types {
        let Some(o) = old_types.get(n.name.as_str()) else { continue };
        let mut parts = Vec::new();
        docs(&o.docs, &n.docs, &mut parts, "");
        if let (TypeKind::Struct(a), TypeKind::Struct(b)) = (&o.kind, &n.kind) {
            for f in &b.fields {
                if let Some(g) = a.fields.iter().find(|g| g.wire_name == f.wire_name) {
                    docs(&g.docs, &f.docs, &mut parts, &format!("`{}` ", f.rust_name));
                }
            }
        }
        out.extend(change(Location::Type { name: n.name.clone(), member: None }, parts));
    }
    for w in &new.webhooks {
        if let Some(o) = old.webhooks.iter().find(|o| o.rust_name == w.rust_name) {
            let payload = |w: &crate::model::Webhook| w.payload.as_ref().map(|b| (b.description.clone(), b.examples.clone()));
            if o.summary != w.summary || o.description != w.description || payload(o) != payload(w) {
                out.extend(change(Location::Webhook(w.rust_name.clone()), vec!["description".to_owned()]));
            }
        }
    }
    out
}
