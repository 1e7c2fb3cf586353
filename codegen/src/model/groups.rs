//! Operation groups: the cargo features a large API is split into, and which of them each type
//! is compiled with.

use std::collections::BTreeSet;

use super::{Api, TypeDef, TypeId, TypeKind, TypeRef};

/// A group of operations, compiled with a cargo feature of its own: `<api>-<name>`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Group {
    /// The feature's suffix, in kebab case, e.g. `customers`.
    pub name: String,
    /// The tag the group was made from, if it was.
    pub tag: Option<String>,
}

/// An index into [`Api::groups`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct GroupId(pub usize);

/// When an item of a grouped API is compiled.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Gate {
    /// With the API's module: the API is not grouped, or the item is needed by many groups.
    Always,
    /// With any of these groups (a few, in order).
    Groups(Vec<GroupId>),
    /// With the API's whole feature only: no operation needs the item.
    Whole,
}

/// A type needed by more groups than this is compiled with the module itself, rather than
/// behind a `cfg` that would list them all.
const MOST_GROUPS_NAMED: usize = 3;

impl Api {
    /// Whether the API's operations are split into groups.
    pub fn is_grouped(&self) -> bool {
        !self.groups.is_empty()
    }

    /// The cargo feature of a group, e.g. `stripe-customers`.
    pub fn group_feature(&self, group: GroupId) -> String {
        format!("{}-{}", self.module, self.groups[group.0].name)
    }

    /// The cargo feature every group turns on: the module with its client and shared types.
    pub fn base_feature(&self) -> String {
        format!("{}-base", self.module)
    }

    /// When the items of an operation are compiled.
    pub fn operation_gate(&self, op: &super::Operation) -> Gate {
        match op.group {
            Some(group) => Gate::Groups(vec![group]),
            None => Gate::Always,
        }
    }

    /// When each type is compiled, by [`TypeId`]: with the groups whose operations mention it,
    /// directly or through other types.
    pub fn type_gates(&self) -> Vec<Gate> {
        if !self.is_grouped() {
            return vec![Gate::Always; self.types.len()];
        }
        let mut users: Vec<BTreeSet<GroupId>> = vec![BTreeSet::new(); self.types.len()];
        let mut always = vec![false; self.types.len()];
        for op in &self.operations {
            let Some(group) = op.group else { continue };
            for id in self.closure(op.mentioned()) {
                users[id.0].insert(group);
            }
        }
        let webhook_roots = self.webhooks.iter().filter_map(|w| w.payload.as_ref()).flat_map(|b| named(&b.ty)).collect();
        for id in self.closure(webhook_roots) {
            always[id.0] = true;
        }
        users
            .into_iter()
            .zip(always)
            .map(|(groups, always)| match groups.len() {
                _ if always => Gate::Always,
                0 => Gate::Whole,
                n if n > MOST_GROUPS_NAMED => Gate::Always,
                _ => Gate::Groups(groups.into_iter().collect()),
            })
            .collect()
    }

    /// Every type reachable from `roots`, each once.
    fn closure(&self, roots: Vec<TypeId>) -> Vec<TypeId> {
        let mut seen = vec![false; self.types.len()];
        let mut stack = roots;
        let mut reached = Vec::new();
        while let Some(id) = stack.pop() {
            if std::mem::replace(&mut seen[id.0], true) {
                continue;
            }
            reached.push(id);
            stack.extend(mentions(self.type_def(id)));
        }
        reached
    }
}

impl super::Operation {
    /// The named types the operation's parameters, body, answers and headers mention.
    fn mentioned(&self) -> Vec<TypeId> {
        let params = self.params.iter().map(|p| &p.ty);
        let body = self.body.iter().map(|b| &b.ty);
        let answers = self.responses.iter().filter_map(|r| r.body.as_ref());
        let error_headers = self.responses.iter().filter_map(|r| r.headers.as_ref());
        let headers = self.success_headers.iter().chain(error_headers).flat_map(|h| h.fields.iter().map(|f| &f.ty));
        let items = self.pagination.iter().map(|p| &p.item);
        params
            .chain(body)
            .chain(answers)
            .chain(self.success.iter())
            .chain(self.events.iter())
            .chain(headers)
            .chain(items)
            .flat_map(named)
            .collect()
    }
}

/// The named types a type definition mentions.
fn mentions(def: &TypeDef) -> Vec<TypeId> {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).chain(s.additional.iter()).flat_map(named).collect(),
        TypeKind::OneOf(o) => o.variants.iter().flat_map(|v| named(&v.ty)).collect(),
        TypeKind::Alias(ty) => named(ty),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// The named types inside a type reference.
fn named(ty: &TypeRef) -> Vec<TypeId> {
    match ty {
        TypeRef::Named(id) => vec![*id],
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => named(inner),
        TypeRef::Tuple(items) => items.iter().flat_map(named).collect(),
        _ => Vec::new(),
    }
}
