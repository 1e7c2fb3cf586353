//! The wire side: which types travel in which direction, and whether JSON written for one type
//! reads as another.

use std::collections::{HashMap, HashSet};

use super::surface::{Kind, Surface, Ty, TypeDef};

/// How a type travels: sent by the client (`request`), received by it (`response`: answers,
/// and the webhook payloads a user's handler decodes).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Usage {
    pub request: bool,
    pub response: bool,
}

impl Usage {
    pub fn used(self) -> bool {
        self.request || self.response
    }

    pub fn union(self, other: Usage) -> Usage {
        Usage {
            request: self.request || other.request,
            response: self.response || other.response,
        }
    }
}

/// The usage of every type reachable from the operations and webhooks.
pub fn usage(surface: &Surface, types: &HashMap<&str, &TypeDef>) -> HashMap<String, Usage> {
    let mut usage: HashMap<String, Usage> = HashMap::new();
    let mut request = Vec::new();
    let mut response = Vec::new();
    for op in &surface.operations {
        op.params.iter().for_each(|p| p.ty.names(&mut request));
        if let Some(b) = &op.body {
            b.ty.names(&mut request);
        }
        if let Some(ok) = &op.ok {
            ok.names(&mut response);
        }
        op.responses.iter().filter_map(|r| r.body.as_ref()).for_each(|t| t.names(&mut response));
    }
    for w in &surface.webhooks {
        if let Some((t, _)) = &w.body {
            t.names(&mut response);
        }
    }
    for (roots, is_request) in [(request, true), (response, false)] {
        let mut stack = roots;
        while let Some(name) = stack.pop() {
            let entry = usage.entry(name.clone()).or_default();
            let seen = if is_request { &mut entry.request } else { &mut entry.response };
            if *seen {
                continue;
            }
            *seen = true;
            if let Some(def) = types.get(name.as_str()) {
                members(def, &mut stack);
            }
        }
    }
    usage
}

/// The types a type's members mention.
fn members(def: &TypeDef, out: &mut Vec<String>) {
    match &def.kind {
        Kind::Struct { fields, additional } => {
            fields.iter().for_each(|f| f.ty.names(out));
            if let Some(t) = additional {
                t.names(out);
            }
        }
        Kind::Enum { .. } => {}
        Kind::OneOf { variants, .. } => variants.iter().for_each(|v| v.ty.names(out)),
        Kind::Alias(t) => t.names(out),
    }
}

/// Decides whether JSON written as one type (by the writer's API version) reads as another (in
/// the reader's): the question for every type change on the wire.
pub struct Reads<'a> {
    pub reader: &'a HashMap<&'a str, &'a TypeDef>,
    pub writer: &'a HashMap<&'a str, &'a TypeDef>,
    /// Types the same on both sides: the old name in the writer's or reader's version, by the
    /// new name (identity for unrenamed types). Their own changes are reported on their own.
    pub same: &'a dyn Fn(&str, &str) -> bool,
    seen: HashSet<(String, String)>,
}

impl<'a> Reads<'a> {
    pub fn new(
        reader: &'a HashMap<&'a str, &'a TypeDef>,
        writer: &'a HashMap<&'a str, &'a TypeDef>,
        same: &'a dyn Fn(&str, &str) -> bool,
    ) -> Self {
        Reads { reader, writer, same, seen: HashSet::new() }
    }

    fn alias<'t>(types: &HashMap<&str, &'t TypeDef>, ty: &'t Ty) -> &'t Ty {
        let mut ty = ty;
        for _ in 0..16 {
            match ty {
                Ty::Named(n) => match types.get(n.as_str()).map(|d| &d.kind) {
                    Some(Kind::Alias(target)) => ty = target,
                    _ => return ty,
                },
                _ => return ty,
            }
        }
        ty
    }

    /// Every value written as `writer` decodes as `reader`.
    pub fn reads(&mut self, reader: &Ty, writer: &Ty) -> bool {
        if let (Ty::Named(r), Ty::Named(w)) = (reader, writer) {
            if (self.same)(r, w) {
                return true;
            }
        }
        let reader = Self::alias(self.reader, reader);
        let writer = Self::alias(self.writer, writer);
        match (reader, writer) {
            (Ty::Prim("Json"), _) => true,
            (Ty::Prim(r), Ty::Prim(w)) => prim_reads(r, w),
            (Ty::Vec(r), Ty::Vec(w)) | (Ty::Map(r), Ty::Map(w)) | (Ty::Option(r), Ty::Option(w)) => self.reads(r, w),
            // A reader that takes `null` takes whatever its inner type takes.
            (Ty::Option(r), w) => self.reads(r, w),
            (Ty::Tuple(r), Ty::Tuple(w)) => r.len() == w.len() && r.iter().zip(w).all(|(r, w)| self.reads(r, w)),
            (Ty::Prim("JsonObject"), Ty::Map(_)) => true,
            (Ty::Prim("JsonObject"), Ty::Named(w)) => {
                matches!(self.writer.get(w.as_str()).map(|d| &d.kind), Some(Kind::Struct { .. }))
            }
            (Ty::Prim("String"), Ty::Named(w)) => matches!(self.writer.get(w.as_str()).map(|d| &d.kind), Some(Kind::Enum { .. })),
            (Ty::Named(r), _) => {
                let (Some(rdef), wdef) = (self.reader.get(r.as_str()).copied(), self.writer_def(writer)) else { return false };
                if let Some(wdef) = wdef {
                    if !self.seen.insert((rdef.name.clone(), wdef.name.clone())) {
                        return true; // recursion: assume it holds, as the rest decides
                    }
                }
                self.named_reads(rdef, writer, wdef)
            }
            (_, Ty::Named(w)) => match self.writer.get(w.as_str()).map(|d| &d.kind) {
                // A union written as any of its alternatives.
                Some(Kind::OneOf { variants, .. }) => variants.iter().all(|v| self.reads(reader, &v.ty)),
                _ => false,
            },
            _ => false,
        }
    }

    fn writer_def(&self, writer: &Ty) -> Option<&'a TypeDef> {
        match writer {
            Ty::Named(w) => self.writer.get(w.as_str()).copied(),
            _ => None,
        }
    }

    fn named_reads(&mut self, rdef: &'a TypeDef, writer: &Ty, wdef: Option<&'a TypeDef>) -> bool {
        match (&rdef.kind, wdef.map(|d| &d.kind)) {
            (Kind::Enum { catch_all: Some(_), .. }, Some(Kind::Enum { .. })) => true,
            (Kind::Enum { catch_all: Some(_), .. }, None) => matches!(writer, Ty::Prim("String")),
            (Kind::Enum { values: r, catch_all: None }, Some(Kind::Enum { values: w, catch_all: None })) => {
                w.iter().all(|(_, wire)| r.iter().any(|(_, v)| v == wire))
            }
            (Kind::Struct { fields: r, additional: ra }, Some(Kind::Struct { fields: w, additional: wa })) => {
                let fields_read = r.iter().all(|rf| match w.iter().find(|wf| wf.wire == rf.wire) {
                    Some(wf) => (rf.optional() || !wf.optional()) && self.reads(&rf.ty, &wf.ty),
                    None => rf.optional(),
                });
                let extra_read = match (ra, wa) {
                    (Some(ra), Some(wa)) => self.reads(ra, wa),
                    _ => true,
                };
                fields_read && extra_read
            }
            (Kind::OneOf { variants: r, .. }, Some(Kind::OneOf { variants: w, .. })) => {
                w.iter().all(|wv| r.iter().any(|rv| self.reads(&rv.ty, &wv.ty)))
            }
            (Kind::OneOf { variants, .. }, _) => variants.iter().any(|v| self.reads(&v.ty, writer)),
            (_, Some(Kind::OneOf { variants, .. })) => {
                let reader = Ty::Named(rdef.name.clone());
                variants.iter().all(|v| self.reads(&reader, &v.ty))
            }
            _ => false,
        }
    }
}

/// Built-in types: a narrower value reads as a wider type.
fn prim_reads(reader: &str, writer: &str) -> bool {
    reader == writer
        || matches!(
            (reader, writer),
            ("String", "DateTime" | "Date" | "Uuid") | ("i64", "i32") | ("f64", "i32" | "i64" | "f32") | ("f32", "i32")
        )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrower_values_read_as_wider_types() {
        let none = HashMap::new();
        let same = |a: &str, b: &str| a == b;
        let mut reads = Reads::new(&none, &none, &same);
        let s = |p: &'static str| Ty::Prim(p);
        assert!(reads.reads(&s("String"), &s("DateTime")));
        assert!(!reads.reads(&s("DateTime"), &s("String")));
        assert!(reads.reads(&s("i64"), &s("i32")));
        assert!(!reads.reads(&s("i32"), &s("i64")));
        assert!(reads.reads(&Ty::Vec(Box::new(s("f64"))), &Ty::Vec(Box::new(s("i32")))));
        assert!(reads.reads(&s("Json"), &Ty::Named("Anything".into())));
        assert!(!reads.reads(&Ty::Vec(Box::new(s("String"))), &s("String")));
    }
}
