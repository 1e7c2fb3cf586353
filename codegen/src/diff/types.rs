//! Types: matched by name, then by shape (renames); their fields, values and variants.

use std::collections::{HashMap, HashSet};
use std::fmt::Write;

use super::surface::{Field, Holding, Kind, Ty, TypeDef, Variant};
use super::wire::Usage;
use super::{Cx, Impact, Location, Rule};

/// A type's shape with the names of the types it mentions mapped, for finding renames.
fn signature(kind: &Kind, map: &dyn Fn(&str) -> String) -> String {
    fn ty(t: &Ty, map: &dyn Fn(&str) -> String, out: &mut String) {
        match t {
            Ty::Prim(p) => out.push_str(p),
            Ty::Named(n) => {
                out.push('@');
                out.push_str(&map(n));
            }
            Ty::Vec(inner) => {
                out.push_str("Vec<");
                ty(inner, map, out);
                out.push('>');
            }
            Ty::Map(inner) => {
                out.push_str("Map<");
                ty(inner, map, out);
                out.push('>');
            }
            Ty::Option(inner) => {
                out.push_str("Option<");
                ty(inner, map, out);
                out.push('>');
            }
            Ty::Tuple(members) => {
                out.push('(');
                for m in members {
                    ty(m, map, out);
                    out.push(',');
                }
                out.push(')');
            }
        }
    }
    let mut out = String::new();
    match kind {
        Kind::Struct { fields, additional } => {
            out.push_str("struct{");
            for f in fields {
                let _ = write!(out, "{}:{}:{:?}:{}:", f.wire, f.name, f.holding, f.required);
                ty(&f.ty, map, &mut out);
                out.push(';');
            }
            if let Some(a) = additional {
                out.push_str("..");
                ty(a, map, &mut out);
            }
            out.push('}');
        }
        Kind::Enum { values, catch_all } => {
            let _ = write!(out, "enum{values:?}{catch_all:?}");
        }
        Kind::OneOf { discriminator, variants, catch_all } => {
            let _ = write!(out, "oneOf{discriminator:?}{catch_all:?}{{");
            // Variants are named after their types: a rename renames them too.
            for v in variants {
                let _ = write!(out, "{:?}:", v.tag);
                ty(&v.ty, map, &mut out);
                out.push(';');
            }
            out.push('}');
        }
        Kind::Alias(t) => {
            out.push_str("alias ");
            ty(t, map, &mut out);
        }
    }
    out
}

/// Old type name → new name. A type missing from the new version (or whose name another type
/// took) is renamed to a type of the same shape missing from the old one; types of one shape
/// pair in order. Shapes compare with the types they mention renamed, repeated while that finds
/// more; then, for what is left (types that mention each other), with those names left out.
pub(super) fn renames(cx: &Cx<'_>) -> HashMap<String, String> {
    let mut renames: HashMap<String, String> = HashMap::new();
    let (displaced_old, displaced_new) = displaced(cx);
    let hidden = |_: &str| String::new();
    let same = |n: &str| n.to_owned();
    for anonymous in [false, true] {
        for _ in 0..8 {
            let targets: HashSet<&str> = renames.values().map(String::as_str).collect();
            let mut candidates: HashMap<String, (Vec<&str>, Vec<&str>)> = HashMap::new();
            let new_map: &dyn Fn(&str) -> String = if anonymous { &hidden } else { &same };
            for t in cx.new.types.iter().filter(|t| {
                let name = t.name.as_str();
                (!cx.old_types.contains_key(name) || displaced_new.contains(name)) && !targets.contains(name)
            }) {
                candidates.entry(signature(&t.kind, new_map)).or_default().1.push(&t.name);
            }
            if candidates.is_empty() {
                break;
            }
            let renamed = |n: &str| renames.get(n).cloned().unwrap_or_else(|| n.to_owned());
            let old_map: &dyn Fn(&str) -> String = if anonymous { &hidden } else { &renamed };
            for t in cx.old.types.iter().filter(|t| {
                let name = t.name.as_str();
                (!cx.new_types.contains_key(name) || displaced_old.contains(name)) && !renames.contains_key(name)
            }) {
                if let Some(entry) = candidates.get_mut(&signature(&t.kind, old_map)) {
                    entry.0.push(&t.name);
                }
            }
            let found: Vec<(String, String)> = candidates
                .into_values()
                .filter(|(old, new)| !old.is_empty() && old.len() == new.len())
                .flat_map(|(old, new)| old.into_iter().zip(new).map(|(o, n)| (o.to_owned(), n.to_owned())))
                .collect();
            if found.is_empty() {
                break;
            }
            renames.extend(found);
        }
    }
    // An old type whose name went to another, and which went nowhere itself, is gone: no new
    // type answers to its name.
    let taken: Vec<String> =
        renames.values().filter(|n| cx.old_types.contains_key(n.as_str()) && !renames.contains_key(n.as_str())).cloned().collect();
    for name in taken {
        renames.insert(name.clone(), format!("{name} (gone)"));
    }
    renames
}

/// Names both versions have for types of different shapes, where the old type's shape is found
/// only under a new name and the new type's only under an old one: another type took the name
/// (a name given to inline types moved), so both are candidates for renames.
fn displaced(cx: &Cx<'_>) -> (HashSet<String>, HashSet<String>) {
    let hidden = |_: &str| String::new();
    let old_only: HashSet<String> =
        cx.old.types.iter().filter(|t| !cx.new_types.contains_key(t.name.as_str())).map(|t| signature(&t.kind, &hidden)).collect();
    let new_only: HashSet<String> =
        cx.new.types.iter().filter(|t| !cx.old_types.contains_key(t.name.as_str())).map(|t| signature(&t.kind, &hidden)).collect();
    let mut names = HashSet::new();
    for t in &cx.old.types {
        let Some(n) = cx.new_types.get(t.name.as_str()) else { continue };
        let (old_shape, new_shape) = (signature(&t.kind, &hidden), signature(&n.kind, &hidden));
        if old_shape != new_shape && new_only.contains(&old_shape) && old_only.contains(&new_shape) {
            names.insert(t.name.clone());
        }
    }
    (names.clone(), names)
}

fn kind_word(kind: &Kind) -> &'static str {
    match kind {
        Kind::Struct { .. } => "struct",
        Kind::Enum { .. } => "enum",
        Kind::OneOf { .. } => "oneOf",
        Kind::Alias(_) => "alias",
    }
}

/// How a type travels, in words.
fn travels(usage: Usage) -> &'static str {
    match (usage.request, usage.response) {
        (true, true) => "sent in requests and read from responses",
        (true, false) => "sent in requests",
        (false, true) => "read from responses",
        (false, false) => "not used by any operation",
    }
}

pub(super) fn types(cx: &mut Cx<'_>) {
    let (old, new) = (cx.old, cx.new);
    let mut matched: HashSet<&str> = HashSet::new();
    for t in &old.types {
        let name = cx.renamed(&t.name).to_owned();
        match cx.new_types.get(name.as_str()).copied() {
            None => cx.push(
                Rule::TypeRemoved,
                Location::Type { name: t.name.clone(), member: None },
                kind_word(&t.kind),
                Impact::Major,
                Impact::None,
                "code naming the type stops compiling; where it was used, that use is its own change",
            ),
            Some(n) => {
                matched.insert(n.name.as_str());
                if n.name != t.name {
                    cx.push(
                        Rule::TypeRenamed,
                        Location::Type { name: n.name.clone(), member: None },
                        format!("`{}` → `{}`", t.name, n.name),
                        Impact::Major,
                        Impact::None,
                        "code naming the type stops compiling; its JSON is the same",
                    );
                }
                super::features::type_def(cx, t, n);
                compare(cx, t, n);
            }
        }
    }
    for n in new.types.iter().filter(|n| !matched.contains(n.name.as_str())) {
        cx.push(
            Rule::TypeAdded,
            Location::Type { name: n.name.clone(), member: None },
            kind_word(&n.kind),
            Impact::Minor,
            Impact::None,
            "a new type",
        );
    }
}

fn compare(cx: &mut Cx<'_>, o: &TypeDef, n: &TypeDef) {
    let usage = cx.usage_of(&n.name);
    match (&o.kind, &n.kind) {
        (Kind::Struct { fields: a, additional: aa }, Kind::Struct { fields: b, additional: ba }) => {
            fields(cx, &n.name, usage, a, b);
            additional(cx, &n.name, usage, aa.as_ref(), ba.as_ref());
        }
        (Kind::Enum { values: a, catch_all: ca }, Kind::Enum { values: b, catch_all: cb }) => values(cx, &n.name, usage, (a, ca), (b, cb)),
        (Kind::OneOf { discriminator: da, variants: a, catch_all: ca }, Kind::OneOf { discriminator: db, variants: b, catch_all: cb }) => {
            variants(cx, &n.name, usage, (da, a), (db, b), ca.is_some());
            catch_all(cx, &n.name, (ca, cb), "Json");
        }
        (Kind::Alias(a), Kind::Alias(b)) => {
            if !cx.same_ty(a, b) {
                let (wire, why) = cx.by_direction(usage, a, b);
                cx.push(
                    Rule::AliasChanged,
                    Location::Type { name: n.name.clone(), member: None },
                    format!("`{a}` → `{b}`"),
                    Impact::Major,
                    wire,
                    format!("code using the alias as `{a}` stops compiling; {why}"),
                );
            }
        }
        (a, b) => cx.push(
            Rule::TypeKindChanged,
            Location::Type { name: n.name.clone(), member: None },
            format!("{} → {}", kind_word(a), kind_word(b)),
            Impact::Major,
            Impact::major_if(usage.used(), Impact::None),
            format!("the Rust type and its JSON change shape; the type is {}", travels(usage)),
        ),
    }
}

fn show_field(f: &Field) -> String {
    let mut t = f.ty.to_string();
    if f.boxed {
        t = format!("Box<{t}>");
    }
    let t = f.holding.wrap(&t);
    format!("`{}: {t}`{}", f.name, if f.required { " required" } else { "" })
}

fn fields(cx: &mut Cx<'_>, name: &str, usage: Usage, old: &[Field], new: &[Field]) {
    let at = |f: &Field| Location::Type { name: name.to_owned(), member: Some(f.name.clone()) };
    let mut taken = vec![false; new.len()];
    let mut pairs: Vec<(usize, usize)> = Vec::new();
    let mut matched = vec![false; old.len()];
    for (i, f) in old.iter().enumerate() {
        if let Some(j) = new.iter().enumerate().position(|(j, g)| !taken[j] && g.wire == f.wire) {
            pairs.push((i, j));
            (matched[i], taken[j]) = (true, true);
        }
    }
    for (i, f) in old.iter().enumerate().filter(|(i, _)| !matched[*i]).collect::<Vec<_>>() {
        if let Some(j) = new.iter().enumerate().position(|(j, g)| !taken[j] && g.name == f.name) {
            pairs.push((i, j));
            (matched[i], taken[j]) = (true, true);
        }
    }
    pairs.sort_unstable();
    let lost_default = old.iter().all(Field::optional) && !new.iter().all(Field::optional);
    let default_note = if lost_default { ", and the struct no longer implements `Default`" } else { "" };
    for (i, j) in pairs {
        let (f, g) = (&old[i], &new[j]);
        if f.name != g.name {
            cx.push(
                Rule::FieldRenamed,
                at(g),
                format!("`{}` → `{}`", f.name, g.name),
                Impact::Major,
                Impact::None,
                "code using the field by name stops compiling; its JSON member is the same",
            );
        }
        if f.wire != g.wire {
            cx.push(
                Rule::FieldWireRenamed,
                at(g),
                format!("`{}` → `{}`", f.wire, g.wire),
                Impact::None,
                Impact::major_if(usage.used(), Impact::None),
                format!("old clients read and write the member under its old name; the type is {}", travels(usage)),
            );
        }
        if !cx.same_ty(&f.ty, &g.ty) {
            let (wire, why) = cx.by_direction(usage, &f.ty, &g.ty);
            cx.push(
                Rule::FieldTypeChanged,
                at(g),
                format!("`{}` → `{}`", f.ty, g.ty),
                Impact::Major,
                wire,
                format!("code using the field as `{}` stops compiling; {why}", f.ty),
            );
        }
        super::constraints::compare(cx, at(g), &f.constraints, &g.constraints, usage.request);
        if f.boxed != g.boxed {
            let detail = if g.boxed { "now boxed" } else { "no longer boxed" };
            cx.push(
                Rule::BoxChanged,
                at(g),
                detail,
                Impact::Major,
                Impact::None,
                "the field's Rust type gains or loses a `Box`; its JSON is the same",
            );
        }
        presence(cx, usage, at(g), f, g, default_note);
    }
    for (_, g) in new.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        if g.required {
            let wire = if usage.request { Impact::Major } else { Impact::Minor };
            let why = if usage.request {
                "old clients never send this member, which the server now requires"
            } else {
                "old clients ignore members they do not know"
            };
            cx.push(
                Rule::RequiredFieldAdded,
                at(g),
                show_field(g),
                Impact::Major,
                wire,
                format!("struct literals listing every field stop compiling{default_note}; {why}"),
            );
        } else {
            cx.push(
                Rule::FieldAdded,
                at(g),
                show_field(g),
                Impact::Major,
                Impact::Minor,
                "struct literals listing every field stop compiling (the crate uses no `#[non_exhaustive]`); an optional member is safe on the wire",
            );
        }
    }
    for (_, f) in old.iter().enumerate().filter(|(i, _)| !matched[*i]) {
        let breaks = usage.response && !f.optional();
        let why = if breaks {
            "code using the field stops compiling, and old clients fail to decode answers without the member they require"
        } else {
            "code using the field stops compiling; on the wire old clients do without it"
        };
        cx.push(Rule::FieldRemoved, at(f), show_field(f), Impact::Major, Impact::major_if(breaks, Impact::None), why);
    }
}

fn additional(cx: &mut Cx<'_>, name: &str, usage: Usage, old: Option<&Ty>, new: Option<&Ty>) {
    // The flattened map's Rust field.
    let at = || Location::Type { name: name.to_owned(), member: Some("additional_properties".to_owned()) };
    match (old, new) {
        (None, None) => {}
        (Some(a), Some(b)) if cx.same_ty(a, b) => {}
        (Some(a), Some(b)) => {
            let (wire, why) = cx.by_direction(usage, a, b);
            cx.push(
                Rule::MapChanged,
                at(),
                format!("`Map<{a}>` → `Map<{b}>`"),
                Impact::Major,
                wire,
                format!("the map's type changes; {why}"),
            );
        }
        (None, Some(b)) => cx.push(
            Rule::MapChanged,
            at(),
            format!("added `Map<{b}>`"),
            Impact::Major,
            Impact::None,
            "a new field holds the members beyond the listed ones; old clients ignore them",
        ),
        (Some(a), None) => {
            let breaks = usage.request;
            let why = if breaks {
                "the map's field is gone, and the server may refuse the extra members old clients send"
            } else {
                "the map's field is gone; old clients simply see no extra members"
            };
            cx.push(Rule::MapChanged, at(), format!("removed `Map<{a}>`"), Impact::Major, Impact::major_if(breaks, Impact::None), why);
        }
    }
}

type Values<'a> = (&'a [(String, String)], &'a Option<String>);

fn values(cx: &mut Cx<'_>, name: &str, usage: Usage, (old, old_catch): Values<'_>, (new, new_catch): Values<'_>) {
    let at = |v: &str| Location::Type { name: name.to_owned(), member: Some(v.to_owned()) };
    let mut taken = vec![false; new.len()];
    let mut matched = vec![false; old.len()];
    for (i, (variant, wire)) in old.iter().enumerate() {
        let found = new.iter().enumerate().position(|(j, (_, w))| !taken[j] && w == wire);
        if let Some(j) = found {
            (matched[i], taken[j]) = (true, true);
            if new[j].0 != *variant {
                cx.push(
                    Rule::EnumVariantRenamed,
                    at(&new[j].0),
                    format!("`{variant}` → `{}` (`{wire:?}`)", new[j].0),
                    Impact::Major,
                    Impact::None,
                    "code naming the variant stops compiling; the value on the wire is the same",
                );
            }
        }
    }
    for (i, (variant, wire)) in old.iter().enumerate() {
        if matched[i] {
            continue;
        }
        if let Some(j) = new.iter().enumerate().position(|(j, (v, _))| !taken[j] && v == variant) {
            (matched[i], taken[j]) = (true, true);
            cx.push(
                Rule::EnumValueChanged,
                at(variant),
                format!("{wire:?} → {:?}", new[j].1),
                Impact::None,
                Impact::major_if(usage.used(), Impact::None),
                format!("old clients send the old value and do not recognise the new one; the enum is {}", travels(usage)),
            );
        }
    }
    for (_, (variant, wire)) in new.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        let closed = old_catch.is_none();
        let breaks = usage.response && closed;
        let why = if breaks {
            "exhaustive matches stop compiling, and old clients fail to decode the value: the enum is closed (a `const`) and read from responses"
        } else if closed {
            "exhaustive matches stop compiling (enums are not `#[non_exhaustive]`); the closed enum is not read from responses"
        } else {
            "exhaustive matches stop compiling (enums are not `#[non_exhaustive]`); old clients decode the value into the catch-all variant"
        };
        let impact = Impact::major_if(breaks, if usage.used() { Impact::Minor } else { Impact::None });
        cx.push(Rule::EnumValueAdded, at(variant), format!("{variant} = {wire:?}"), Impact::Major, impact, why);
    }
    for (_, (variant, wire)) in old.iter().enumerate().filter(|(i, _)| !matched[*i]) {
        let why = if usage.request {
            "code naming the variant stops compiling, and old clients may send the value, which the server no longer accepts"
        } else {
            "code naming the variant stops compiling; the server no longer sends the value, which breaks no client"
        };
        cx.push(
            Rule::EnumValueRemoved,
            at(variant),
            format!("{variant} = {wire:?}"),
            Impact::Major,
            Impact::major_if(usage.request, Impact::None),
            why,
        );
    }
    catch_all(cx, name, (old_catch, new_catch), "String");
}

/// The catch-all variant of an enum (holding a `String`) or a union (holding `Json`).
fn catch_all(cx: &mut Cx<'_>, name: &str, (old, new): (&Option<String>, &Option<String>), holds: &str) {
    if old != new {
        let show = |c: &Option<String>| c.as_ref().map_or_else(|| "closed".to_owned(), |c| format!("`{c}({holds})`"));
        cx.push(
            Rule::EnumCatchAllChanged,
            Location::Type { name: name.to_owned(), member: None },
            format!("{} → {}", show(old), show(new)),
            Impact::Major,
            Impact::None,
            "the catch-all variant appears, goes or is renamed; the listed values travel as before",
        );
    }
}

/// Pairs an old variant with a new one.
type Finder<'f> = &'f dyn Fn(&Variant, &Variant) -> bool;

type Variants<'a> = (&'a Option<String>, &'a [Variant]);

/// `open`: the old union had a catch-all, so old clients keep an added alternative in it.
fn variants(cx: &mut Cx<'_>, name: &str, usage: Usage, (old_tag, old): Variants<'_>, (new_tag, new): Variants<'_>, open: bool) {
    let at = |v: &Variant| Location::Type { name: name.to_owned(), member: Some(v.name.clone()) };
    if old_tag != new_tag {
        let breaks = old_tag.is_some() && new_tag.is_some() && usage.used();
        let show = |t: &Option<String>| t.as_ref().map_or_else(|| "untagged".to_owned(), |t| format!("by `{t}`"));
        let why = if breaks {
            "the Rust enum is the same, but old clients read and write the tag under its old name"
        } else {
            "the Rust enum is the same; the variants' JSON still carries what old clients read"
        };
        cx.push(
            Rule::TagChanged,
            Location::Type { name: name.to_owned(), member: None },
            format!("{} → {}", show(old_tag), show(new_tag)),
            Impact::None,
            Impact::major_if(breaks, Impact::None),
            why,
        );
    }
    let mut taken = vec![false; new.len()];
    let mut pairs = Vec::new();
    let mut matched = vec![false; old.len()];
    let finders: [Finder<'_>; 3] = [&|a, b| a.tag.is_some() && a.tag == b.tag, &|a, b| a.name == b.name, &|a, b| cx.same_ty(&a.ty, &b.ty)];
    for find in finders {
        for (i, v) in old.iter().enumerate() {
            if matched[i] {
                continue;
            }
            if let Some(j) = new.iter().enumerate().position(|(j, w)| !taken[j] && find(v, w)) {
                pairs.push((i, j));
                (matched[i], taken[j]) = (true, true);
            }
        }
    }
    pairs.sort_unstable();
    for (i, j) in pairs {
        let (v, w) = (&old[i], &new[j]);
        if v.name != w.name {
            cx.push(
                Rule::VariantRenamed,
                at(w),
                format!("`{}` → `{}`", v.name, w.name),
                Impact::Major,
                Impact::None,
                "code naming the variant stops compiling; its JSON is the same",
            );
        }
        if !cx.same_ty(&v.ty, &w.ty) {
            let (wire, why) = cx.by_direction(usage, &v.ty, &w.ty);
            cx.push(
                Rule::VariantTypeChanged,
                at(w),
                format!("`{}` → `{}`", v.ty, w.ty),
                Impact::Major,
                wire,
                format!("code building or matching the variant stops compiling; {why}"),
            );
        }
        if v.boxed != w.boxed {
            let detail = if w.boxed { "now boxed" } else { "no longer boxed" };
            cx.push(
                Rule::BoxChanged,
                at(w),
                detail,
                Impact::Major,
                Impact::None,
                "the variant's Rust type gains or loses a `Box`; its JSON is the same",
            );
        }
        if let (Some(a), Some(b)) = (&v.tag, &w.tag) {
            if a != b {
                cx.push(
                    Rule::TagChanged,
                    at(w),
                    format!("{a:?} → {b:?}"),
                    Impact::None,
                    Impact::major_if(usage.used(), Impact::None),
                    "the Rust variant is the same, but old clients send and expect the old tag",
                );
            }
        }
    }
    for (_, w) in new.iter().enumerate().filter(|(j, _)| !taken[*j]) {
        let why = if usage.response && open {
            "exhaustive matches stop compiling; old clients keep the new alternative in answers as JSON, in their catch-all"
        } else if usage.response {
            "exhaustive matches stop compiling, and old clients cannot decode the new alternative in answers"
        } else {
            "exhaustive matches stop compiling; old clients never send the new alternative"
        };
        let wire = Impact::major_if(usage.response && !open, if usage.used() { Impact::Minor } else { Impact::None });
        cx.push(Rule::VariantAdded, at(w), format!("`{}({})`", w.name, w.ty), Impact::Major, wire, why);
    }
    for (_, v) in old.iter().enumerate().filter(|(i, _)| !matched[*i]) {
        let why = if usage.request {
            "code naming the variant stops compiling, and old clients may still send the alternative"
        } else {
            "code naming the variant stops compiling; the server no longer sends the alternative"
        };
        cx.push(
            Rule::VariantRemoved,
            at(v),
            format!("`{}({})`", v.name, v.ty),
            Impact::Major,
            Impact::major_if(usage.request, Impact::None),
            why,
        );
    }
}

/// A member's presence changed: whether the spec requires it, and whether `null` is one of its
/// values, each an axis of its own with a rule of its own. The Rust side breaks when the field's
/// type changes (`T`, `Option<T>`, `Nullable<T>`). On the wire, old clients decode what the new
/// server sends, and the new server reads what old clients send: a `T` field refuses both an
/// absent member and `null`, an `Option` takes both as `None`.
fn presence(cx: &mut Cx<'_>, usage: Usage, at: Location, f: &Field, g: &Field, default_note: &str) {
    let rust = Impact::major_if(f.holding != g.holding, Impact::None);
    let rust_why = match (f.holding, g.holding) {
        (a, b) if a == b => "the field's Rust type is the same".to_owned(),
        (_, Holding::Value) => format!("the field is no longer an `Option`{default_note}"),
        (_, b) => format!("the field becomes `{}`", b.wrap(&g.ty.to_string())),
    };
    let detail = format!("{} → {}", show_field(f), show_field(g));
    let nothing = || format!("nothing breaks where the type travels: it is {}", travels(usage));
    if f.required != g.required {
        let (rule, breaks, why) = if g.required {
            (Rule::FieldRequired, usage.request, "old clients may leave out a member the server now requires")
        } else {
            (Rule::FieldOptional, usage.response && !f.optional(), "old clients fail to decode an answer where the member is absent")
        };
        let wire_why = if breaks { why.to_owned() } else { nothing() };
        cx.push(rule, at.clone(), detail.clone(), rust, Impact::major_if(breaks, Impact::None), format!("{rust_why}; {wire_why}"));
    }
    if f.nullable() != g.nullable() {
        let (rule, breaks, why) = if g.nullable() {
            (Rule::FieldNullable, usage.response && !f.optional(), "old clients fail to decode an answer where the member is `null`")
        } else {
            (Rule::FieldNotNullable, usage.request, "old clients may send `null`, which the server no longer takes")
        };
        let wire_why = if breaks { why.to_owned() } else { nothing() };
        cx.push(rule, at, detail, rust, Impact::major_if(breaks, Impact::None), format!("{rust_why}; {wire_why}"));
    }
}
