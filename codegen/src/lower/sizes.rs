//! Keeps enums lean: a variant much larger than the others makes every value of the enum that
//! large (clippy's `large_enum_variant`), so such variants are boxed. Sizes are estimates for
//! 64-bit targets, good enough to tell a 600-byte struct from a string.

use std::collections::HashMap;

use crate::model::{Operation, TypeDef, TypeId, TypeKind, TypeRef};

/// Box variants until the largest is within this many bytes of the next; clippy warns at 200.
const MAX_SPREAD: usize = 128;

/// Sizes of types, each measured once: a `oneOf` is measured with the variants it boxes
/// already boxed, and which to box is decided when it is first measured, after the types its
/// variants hold (so a chain of `oneOf`s is sized in one pass, not once per `oneOf`).
struct Sizes<'t> {
    types: &'t [TypeDef],
    memo: HashMap<TypeId, usize>,
    /// Per `oneOf`, the variants to box.
    boxed: HashMap<TypeId, Vec<usize>>,
}

impl Sizes<'_> {
    fn of(&mut self, ty: &TypeRef) -> usize {
        match ty {
            TypeRef::String | TypeRef::Array(_) | TypeRef::Map(_) | TypeRef::JsonObject | TypeRef::Binary => 24,
            TypeRef::Json => 32,
            // Its content (bytes or a shared stream) and an optional file name.
            TypeRef::Upload => 64,
            TypeRef::I64 | TypeRef::F64 => 8,
            TypeRef::I32 | TypeRef::F32 | TypeRef::Date => 4,
            TypeRef::Bool => 1,
            TypeRef::DateTime => 12,
            TypeRef::Uuid => 16,
            TypeRef::Named(id) => self.named(*id),
            TypeRef::Tuple(members) => members.iter().map(|m| self.of(m)).sum(),
            TypeRef::Nullable(inner) => self.of(inner) + 8,
        }
    }

    fn named(&mut self, id: TypeId) -> usize {
        if let Some(&size) = self.memo.get(&id) {
            return size;
        }
        // A type met again while being measured is behind a `Box` (cycles are boxed).
        self.memo.insert(id, 8);
        let size = match &self.types[id.0].kind {
            TypeKind::Struct(s) => {
                let fields: usize =
                    s.fields.iter().map(|f| if f.boxed { 8 } else { self.of(&f.ty) + if f.optional() { 8 } else { 0 } }).sum();
                fields + if s.additional.is_some() { 24 } else { 0 }
            }
            TypeKind::Enum(_) => 24,
            TypeKind::OneOf(o) => {
                let mut measured: Vec<usize> = o.variants.iter().map(|v| if v.boxed { 8 } else { self.of(&v.ty) }).collect();
                let boxed = to_box(&measured);
                for &i in &boxed {
                    measured[i] = 8;
                }
                self.boxed.insert(id, boxed);
                8 + measured.into_iter().max().unwrap_or(0)
            }
            TypeKind::Alias(ty) => self.of(ty),
        };
        self.memo.insert(id, size);
        size
    }
}

/// Indices of the variants to box so that no variant dwarfs the others.
fn to_box(sizes: &[usize]) -> Vec<usize> {
    let mut sizes: Vec<(usize, usize)> = sizes.iter().copied().enumerate().collect();
    let mut boxed = Vec::new();
    loop {
        sizes.sort_by_key(|&(i, size)| (std::cmp::Reverse(size), i));
        match sizes.as_slice() {
            [(i, largest), (_, next), ..] if largest - next > MAX_SPREAD => {
                boxed.push(*i);
                sizes[0].1 = 8;
            }
            _ => return boxed,
        }
    }
}

/// Boxes the large variants of `oneOf` enums and of the operations' error enums.
pub(crate) fn box_large_variants(types: &mut [TypeDef], operations: &mut [Operation]) {
    let mut sizes = Sizes { types, memo: HashMap::new(), boxed: HashMap::new() };
    for index in 0..types.len() {
        sizes.named(TypeId(index));
    }
    let mut errors_boxed = Vec::new();
    for (o, op) in operations.iter().enumerate() {
        let errors: Vec<usize> = (0..op.responses.len()).filter(|&i| !op.responses[i].status.is_success()).collect();
        let measured: Vec<usize> = errors.iter().map(|&i| op.responses[i].body.as_ref().map_or(0, |b| sizes.of(b))).collect();
        errors_boxed.extend(to_box(&measured).into_iter().map(|i| (o, errors[i])));
    }
    for (id, variants) in sizes.boxed {
        if let TypeKind::OneOf(o) = &mut types[id.0].kind {
            for i in variants {
                o.variants[i].boxed = true;
            }
        }
    }
    for (o, r) in errors_boxed {
        operations[o].responses[r].boxed = true;
    }
}

#[cfg(test)]
mod tests {
    use super::to_box;

    #[test]
    fn boxes_only_what_stands_out() {
        assert_eq!(to_box(&[24, 8, 32]), Vec::<usize>::new());
        assert_eq!(to_box(&[24, 600, 32]), [1]);
        // Like clippy, only the two largest are compared.
        assert_eq!(to_box(&[700, 600, 8]), Vec::<usize>::new());
        assert_eq!(to_box(&[900, 300, 8]), [0, 1]);
    }
}
