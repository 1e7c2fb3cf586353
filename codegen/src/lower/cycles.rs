//! Recursion between types: aliases that contain themselves cannot exist in Rust, and a struct
//! that contains itself without a `Vec` or map in between needs a `Box`.

use crate::error::{ErrorKind, Located};
use crate::model::{TypeDef, TypeId, TypeKind, TypeRef};

/// Type ids a value of `ty` holds inline (not behind a `Vec` or map, which already allocate).
fn direct(ty: &TypeRef) -> Vec<TypeId> {
    match ty {
        TypeRef::Named(id) => vec![*id],
        TypeRef::Tuple(members) => members.iter().flat_map(direct).collect(),
        _ => Vec::new(),
    }
}

/// What a type holds inline: its direct fields, or what it aliases.
fn edges(def: &TypeDef) -> Vec<TypeId> {
    match &def.kind {
        TypeKind::Struct(s) => s.fields.iter().flat_map(|f| direct(&f.ty)).collect(),
        TypeKind::OneOf(o) => o.variants.iter().flat_map(|v| direct(&v.ty)).collect(),
        TypeKind::Alias(ty) => alias_targets(ty),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Every type an alias mentions, containers included: `type A = Vec<A>` is already illegal.
fn alias_targets(ty: &TypeRef) -> Vec<TypeId> {
    match ty {
        TypeRef::Named(id) => vec![*id],
        TypeRef::Array(inner) | TypeRef::Map(inner) => alias_targets(inner),
        TypeRef::Tuple(members) => members.iter().flat_map(alias_targets).collect(),
        _ => Vec::new(),
    }
}

fn reaches(types: &[TypeDef], from: TypeId, to: TypeId, follow: fn(&TypeDef) -> Vec<TypeId>) -> bool {
    let mut seen = vec![false; types.len()];
    let mut stack = vec![from];
    while let Some(id) = stack.pop() {
        if id == to {
            return true;
        }
        if !std::mem::replace(&mut seen[id.0], true) {
            stack.extend(follow(&types[id.0]));
        }
    }
    false
}

fn alias_edges(def: &TypeDef) -> Vec<TypeId> {
    match &def.kind {
        TypeKind::Alias(ty) => alias_targets(ty),
        _ => Vec::new(),
    }
}

/// Rejects aliases that refer back to themselves only through aliases.
pub(crate) fn check_aliases(types: &[TypeDef]) -> Result<(), Located> {
    for (index, def) in types.iter().enumerate() {
        let id = TypeId(index);
        if alias_edges(def).into_iter().any(|next| reaches(types, next, id, alias_edges)) {
            return Err(Located::new(
                ErrorKind::CyclicRef,
                def.pointer.clone(),
                format!("schema `{}` is defined in terms of itself through `$ref`s only", def.name),
            ));
        }
    }
    Ok(())
}

/// Marks the struct fields and enum variants through which a type contains itself.
pub(crate) fn box_recursive_fields(types: &mut [TypeDef]) {
    let mut to_box = Vec::new();
    for (index, def) in types.iter().enumerate() {
        let members: Vec<&TypeRef> = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::OneOf(o) => o.variants.iter().map(|v| &v.ty).collect(),
            _ => continue,
        };
        for (m, ty) in members.into_iter().enumerate() {
            if direct(ty).into_iter().any(|next| reaches(types, next, TypeId(index), edges)) {
                to_box.push((index, m));
            }
        }
    }
    for (index, m) in to_box {
        match &mut types[index].kind {
            TypeKind::Struct(s) => s.fields[m].boxed = true,
            TypeKind::OneOf(o) => o.variants[m].boxed = true,
            _ => {}
        }
    }
}
