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
        TypeKind::Alias(ty) => mentioned(ty),
        TypeKind::Enum(_) => Vec::new(),
    }
}

/// Every named type `ty` mentions, containers included (for an alias: `type A = Vec<A>` is
/// already illegal).
pub(super) fn mentioned(ty: &TypeRef) -> Vec<TypeId> {
    match ty {
        TypeRef::Named(id) => vec![*id],
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => mentioned(inner),
        TypeRef::Tuple(members) => members.iter().flat_map(mentioned).collect(),
        _ => Vec::new(),
    }
}

/// The strongly connected component of every type over the edges `follow` gives: two types
/// share one when each reaches the other. Tarjan's algorithm with an explicit stack, linear in
/// types and edges (a search from every type was quadratic: 16 000 schemas took seconds) and
/// safe from stack overflow on long chains.
fn components(types: &[TypeDef], follow: fn(&TypeDef) -> Vec<TypeId>) -> Vec<usize> {
    const UNSEEN: usize = usize::MAX;
    let edges: Vec<Vec<usize>> = types.iter().map(|t| follow(t).into_iter().map(|id| id.0).collect()).collect();
    let n = types.len();
    let (mut order, mut low, mut component) = (vec![UNSEEN; n], vec![0; n], vec![UNSEEN; n]);
    let mut on_stack = vec![false; n];
    let (mut stack, mut work) = (Vec::new(), Vec::new());
    let (mut next_order, mut next_component) = (0, 0);
    for root in 0..n {
        if order[root] != UNSEEN {
            continue;
        }
        work.push((root, 0));
        while let Some(top) = work.len().checked_sub(1) {
            let (v, edge) = work[top];
            if edge == 0 && order[v] == UNSEEN {
                (order[v], low[v]) = (next_order, next_order);
                next_order += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(edge) {
                work[top].1 += 1;
                if order[w] == UNSEEN {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(order[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == order[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    component[w] = next_component;
                    if w == v {
                        break;
                    }
                }
                next_component += 1;
            }
        }
    }
    component
}

fn alias_edges(def: &TypeDef) -> Vec<TypeId> {
    match &def.kind {
        TypeKind::Alias(ty) => mentioned(ty),
        _ => Vec::new(),
    }
}

/// Rejects aliases that refer back to themselves only through aliases.
pub(crate) fn check_aliases(types: &[TypeDef]) -> Result<(), Located> {
    let component = components(types, alias_edges);
    for (index, def) in types.iter().enumerate() {
        // A next type that reaches this one back is in its component (or is this one).
        if alias_edges(def).into_iter().any(|next| component[next.0] == component[index]) {
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
    let component = components(types, edges);
    let mut to_box = Vec::new();
    for (index, def) in types.iter().enumerate() {
        let members: Vec<&TypeRef> = match &def.kind {
            TypeKind::Struct(s) => s.fields.iter().map(|f| &f.ty).collect(),
            TypeKind::OneOf(o) => o.variants.iter().map(|v| &v.ty).collect(),
            _ => continue,
        };
        for (m, ty) in members.into_iter().enumerate() {
            if direct(ty).into_iter().any(|next| component[next.0] == component[index]) {
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
