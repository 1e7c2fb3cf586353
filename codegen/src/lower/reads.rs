//! Unions the client reads get a catch-all variant: an API that adds an alternative to what it
//! sends (an event type, a component kind) must not break every deployed client on the first
//! such answer. A union only ever sent stays closed: the client chooses what it sends.

use crate::model::{Operation, TypeDef, TypeId, TypeKind, TypeRef, Webhook};
use crate::naming::Scope;

/// Sets the catch-all of every `oneOf` reachable from an answer, an event or a webhook payload.
pub(super) fn open_read_unions(types: &mut [TypeDef], operations: &[Operation], webhooks: &[Webhook]) {
    let answers = operations.iter().flat_map(|op| op.responses.iter().filter_map(|r| r.body.as_ref()).chain(op.events.as_ref()));
    let payloads = webhooks.iter().filter_map(|w| w.payload.as_ref().map(|p| &p.ty));
    let mut read = vec![false; types.len()];
    let mut pending: Vec<&TypeRef> = answers.chain(payloads).collect();
    let mut ids: Vec<TypeId> = Vec::new();
    while let Some(ty) = pending.pop() {
        match ty {
            TypeRef::Named(id) if !read[id.0] => {
                read[id.0] = true;
                ids.push(*id);
                match &types[id.0].kind {
                    TypeKind::Struct(s) => pending.extend(s.fields.iter().map(|f| &f.ty).chain(s.additional.as_ref())),
                    TypeKind::OneOf(o) => pending.extend(o.variants.iter().map(|v| &v.ty)),
                    TypeKind::Alias(inner) => pending.push(inner),
                    TypeKind::Enum(_) => {}
                }
            }
            TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => pending.push(inner),
            TypeRef::Tuple(members) => pending.extend(members),
            _ => {}
        }
    }
    for id in ids {
        if let TypeKind::OneOf(o) = &mut types[id.0].kind {
            let mut names = Scope::default();
            for v in &o.variants {
                names.claim(v.rust_name.clone());
            }
            o.catch_all = Some(names.claim("Unknown".to_owned()));
        }
    }
}
