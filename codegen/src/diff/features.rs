//! Cargo features of a grouped API: which group's feature compiles a method, and which features
//! compile a type. Nothing here reaches the wire; a build that enables only a group's feature is
//! what can break.

use super::surface::{Operation, TypeDef};
use super::{Cx, Impact, Location, Rule};

/// What a feature compiles, whatever the module is called in either version: a group, by its
/// name, or the whole API (`None`).
fn group<'f>(module: &str, feature: &'f str) -> Option<&'f str> {
    feature.strip_prefix(module).and_then(|rest| rest.strip_prefix('-'))
}

pub(super) fn operation(cx: &mut Cx<'_>, o: &Operation, n: &Operation) {
    let old = o.feature.as_deref().and_then(|f| group(&cx.old.module, f));
    let new = n.feature.as_deref().and_then(|f| group(&cx.new.module, f));
    if old == new {
        return;
    }
    let (rust, why) = match old {
        None => (Impact::Minor, "the method now also compiles with its group's feature alone"),
        Some(_) => (Impact::Major, "a build that enables only the old group's feature no longer has the method"),
    };
    let name = |f: &Option<String>| f.as_deref().map_or_else(|| "no group".to_owned(), |f| format!("`{f}`"));
    let location = Location::Operation { name: n.name.clone(), method: n.method.clone(), path: n.path.clone(), part: None };
    cx.push(Rule::OperationRegrouped, location, format!("{} → {}", name(&o.feature), name(&n.feature)), rust, Impact::None, why);
}

/// `features` is empty when every group compiles the type (see [`TypeDef::features`]).
pub(super) fn type_def(cx: &mut Cx<'_>, o: &TypeDef, n: &TypeDef) {
    let groups = |module: &str, features: &[String]| -> Vec<Option<String>> {
        features.iter().map(|f| group(module, f).map(str::to_owned)).collect()
    };
    let (old, new) = (groups(&cx.old.module, &o.features), groups(&cx.new.module, &n.features));
    if old == new {
        return;
    }
    // The API's own feature compiles every type, so no build loses a type that only it compiled,
    // or any type of an API that had no groups.
    let ungrouped = cx.old.operations.iter().all(|op| op.feature.is_none());
    let whole = old == [None];
    let kept = new.is_empty() || ungrouped || whole || (!old.is_empty() && old.iter().all(|g| new.contains(g)));
    let (rust, why) = if kept {
        (Impact::Minor, "every build that compiled the type still does, and more may")
    } else {
        (Impact::Major, "a build that enables only a feature that compiled the type no longer has it")
    };
    let name = |features: &[String]| {
        if features.is_empty() {
            "every group".to_owned()
        } else {
            features.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(" | ")
        }
    };
    let location = Location::Type { name: n.name.clone(), member: None };
    cx.push(Rule::TypeFeaturesChanged, location, format!("{} → {}", name(&o.features), name(&n.features)), rust, Impact::None, why);
}
