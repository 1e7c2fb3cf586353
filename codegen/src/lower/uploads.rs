//! What a client uploads need not be in memory: binary request bodies, and the binary fields of
//! multipart bodies, become [`TypeRef::Upload`]s (bytes, a file or a stream).
//!
//! A multipart body's struct changes only when nothing else uses it: the same struct read from
//! a JSON answer, say, must keep its plain bytes, which can be decoded and compared. A field that
//! is one file or several (OpenAI's `image: anyOf [binary, array of binary]`) becomes a list of
//! uploads: one file is a list of one, and each goes as a part of the field's name.

use std::collections::HashSet;

use crate::model::{MediaKind, Operation, TypeDef, TypeId, TypeKind, TypeRef, Webhook};

pub(crate) fn mark(types: &mut [TypeDef], operations: &mut [Operation], webhooks: &[Webhook]) {
    for op in operations.iter_mut() {
        if let Some(body) = op.body.as_mut().filter(|b| b.kind == MediaKind::Binary) {
            body.ty = TypeRef::Upload;
        }
    }
    let forms: HashSet<TypeId> = operations.iter().filter_map(multipart_struct).collect();
    if forms.is_empty() {
        return;
    }
    let mut used = HashSet::new();
    for def in types.iter() {
        match &def.kind {
            TypeKind::Struct(s) => {
                s.fields.iter().for_each(|f| named(&f.ty, &mut used));
                s.additional.iter().for_each(|t| named(t, &mut used));
            }
            TypeKind::OneOf(o) => o.variants.iter().for_each(|v| named(&v.ty, &mut used)),
            TypeKind::Alias(t) => named(t, &mut used),
            TypeKind::Enum(_) => {}
        }
    }
    for op in operations.iter() {
        op.params.iter().for_each(|p| named(&p.ty, &mut used));
        if let Some(body) = op.body.as_ref().filter(|_| multipart_struct(op).is_none()) {
            named(&body.ty, &mut used);
        }
        op.responses.iter().filter_map(|r| r.body.as_ref()).for_each(|t| named(t, &mut used));
        op.success.iter().chain(&op.events).for_each(|t| named(t, &mut used));
        op.pagination.iter().for_each(|p| named(&p.item, &mut used));
    }
    webhooks.iter().filter_map(|w| w.payload.as_ref()).for_each(|b| named(&b.ty, &mut used));
    let files: HashSet<TypeId> = (0..types.len()).map(TypeId).filter(|id| files_union(&types[id.0])).collect();
    for id in forms.difference(&used) {
        let TypeKind::Struct(s) = &mut types[id.0].kind else { continue };
        for field in &mut s.fields {
            field.ty = match &field.ty {
                TypeRef::Binary => TypeRef::Upload,
                TypeRef::Array(inner) if **inner == TypeRef::Binary => TypeRef::Array(Box::new(TypeRef::Upload)),
                TypeRef::Named(union) if files.contains(union) => TypeRef::Array(Box::new(TypeRef::Upload)),
                other => other.clone(),
            };
        }
    }
}

/// A union of one file or a list of files, and nothing else.
fn files_union(def: &TypeDef) -> bool {
    let TypeKind::OneOf(union) = &def.kind else { return false };
    let file = |ty: &TypeRef| match ty {
        TypeRef::Binary => true,
        TypeRef::Array(inner) => **inner == TypeRef::Binary,
        _ => false,
    };
    !union.variants.is_empty() && union.variants.iter().all(|v| file(&v.ty))
}

/// The struct of an operation's multipart body.
fn multipart_struct(op: &Operation) -> Option<TypeId> {
    match op.body.as_ref().filter(|b| b.kind == MediaKind::Multipart)?.ty {
        TypeRef::Named(id) => Some(id),
        _ => None,
    }
}

/// Adds the named types `ty` mentions to `used`.
fn named(ty: &TypeRef, used: &mut HashSet<TypeId>) {
    used.extend(super::cycles::mentioned(ty));
}
