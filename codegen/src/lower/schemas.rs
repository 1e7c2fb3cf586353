//! Lowers JSON Schemas into named types: every component schema keeps its name, every inline
//! object or enum gets one from where it sits, and identical inline shapes share one type.

use std::collections::{HashMap, HashSet};

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, ReferenceOr, Schema, SchemaData, SchemaKind, Type};

use crate::error::{ErrorKind, Located, push_pointer};
use crate::load;
use crate::lower::form::{Form, ObjectParts, form};
use crate::lower::refs::component_name;
use crate::model::{Docs, Field, StringEnum, Struct, TypeDef, TypeId, TypeKind, TypeRef, Variant};
use crate::naming::{CRATE_ROOT_TYPES, PLACEHOLDERS, Scope, camel, snake, type_name};

/// What an inline type is named after: the type (or operation) holding it and its role there.
#[derive(Debug, Clone)]
pub(crate) struct Hint {
    /// An already camel-cased name, e.g. `UpdateContactRequest`.
    pub parent: String,
    /// The raw role, e.g. a property name `type`, or `body`.
    pub role: String,
}

impl Hint {
    pub fn new(parent: impl Into<String>, role: impl Into<String>) -> Self {
        Self { parent: parent.into(), role: role.into() }
    }

    fn name(&self) -> String {
        type_name(&format!("{} {}", self.parent, camel(&self.role)))
    }

    fn child(&self, suffix: &str) -> Hint {
        Hint::new(self.parent.clone(), format!("{} {suffix}", self.role))
    }
}

/// Object members gathered for one struct: each property with the pointer where it is defined.
#[derive(Default)]
pub(crate) struct Members<'s> {
    pub properties: IndexMap<String, (&'s ReferenceOr<Box<Schema>>, String)>,
    pub required: Vec<String>,
    pub additional: Option<&'s AdditionalProperties>,
}

impl<'s> Members<'s> {
    pub fn of(o: ObjectParts<'s>, pointer: &str) -> Self {
        let mut members = Members::default();
        members.add(o, pointer);
        members
    }

    /// Adds an object's members; a property seen before keeps its place and takes the new schema.
    pub fn add(&mut self, o: ObjectParts<'s>, pointer: &str) {
        let base = push_pointer(pointer, "properties");
        for (name, schema) in o.properties {
            self.properties.insert(name.clone(), (schema, push_pointer(&base, name)));
        }
        self.required.extend(o.required.iter().cloned());
        if o.additional.is_some() {
            self.additional = o.additional;
        }
    }
}

/// The Rust type of a plain string, by its `format`.
fn string_type(format: Option<&str>) -> TypeRef {
    match format {
        Some("date-time") => TypeRef::DateTime,
        Some("date") => TypeRef::Date,
        Some("uuid") => TypeRef::Uuid,
        Some("binary") => TypeRef::Binary,
        _ => TypeRef::String,
    }
}

/// Whether a `format: uuid` string may hold a UUID's 36 characters. Intercom caps its "uuid"
/// ids at 24 (they are not UUIDs, as its own examples show): such a string stays text.
fn fits_uuid(schema: &Schema) -> bool {
    let (min, max) = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => (s.min_length, s.max_length),
        SchemaKind::Any(a) => (a.min_length, a.max_length),
        _ => (None, None),
    };
    max.is_none_or(|m| m >= 36) && min.is_none_or(|m| m <= 36)
}

/// A schema as used somewhere: its type, and whether `null` is allowed there.
pub(crate) struct Lowered {
    pub ty: TypeRef,
    pub nullable: bool,
}

impl Lowered {
    /// The type of an array item or map value, which holds its own `null` (`Json` has one).
    pub fn or_null(self) -> TypeRef {
        match self.ty {
            TypeRef::Json => TypeRef::Json,
            ty if self.nullable => TypeRef::Nullable(Box::new(ty)),
            ty => ty,
        }
    }
}

struct Entry {
    def: TypeDef,
    /// Every place an inline type was found; empty for component schemas.
    sites: Vec<Hint>,
}

/// All types of one API, keyed by [`TypeId`].
pub(crate) struct TypeTable<'a> {
    pub(super) components: Option<&'a IndexMap<String, ReferenceOr<Schema>>>,
    entries: Vec<Entry>,
    by_component: HashMap<&'a str, TypeId>,
    by_shape: HashMap<String, TypeId>,
    scope: Scope,
    /// Inline schemas being lowered, by address, with where they are and the type reserved for
    /// them once one turns out to contain itself.
    in_progress: HashMap<*const Schema, (Option<TypeId>, String, Hint)>,
}

pub(super) fn docs(data: &SchemaData) -> Docs {
    // A JSON Schema `examples` list: its first member is already `example` (see `load`).
    let more_examples = match data.extensions.get(load::EXAMPLES) {
        Some(serde_json::Value::Array(all)) => all.iter().skip(1).cloned().collect(),
        _ => Vec::new(),
    };
    Docs {
        title: data.title.clone(),
        description: data.description.clone(),
        example: data.example.clone(),
        more_examples,
        default: data.default.clone(),
    }
}

/// How deeply arrays, maps and tuples may nest in one type expression (a named type starts
/// afresh). Real specs nest a few levels; far deeper ones only make a type that rustc, syn and
/// prettyplease recurse through once per level, which can overflow a thread's stack.
const MAX_NESTING: usize = 64;

/// How many arrays, maps and tuples the type expression `ty` nests: `Vec<Vec<String>>` is 2.
fn nesting(ty: &TypeRef) -> usize {
    match ty {
        TypeRef::Array(inner) | TypeRef::Map(inner) | TypeRef::Nullable(inner) => 1 + nesting(inner),
        TypeRef::Tuple(members) => 1 + members.iter().map(nesting).max().unwrap_or(0),
        _ => 0,
    }
}

/// A string `const`: a closed set of one value.
fn is_const(schema: &Schema) -> bool {
    schema.schema_data.extensions.contains_key(load::CONST)
}

/// The schemas of a tuple's members, in order (see `load`'s `prefixItems`).
fn tuple_members(schema: &Schema) -> Option<&[ReferenceOr<Schema>]> {
    if !schema.schema_data.extensions.contains_key(load::TUPLE) {
        return None;
    }
    let Form::Array(Some(ReferenceOr::Item(items))) = form(schema) else { return None };
    match form(items) {
        Form::OneOf { parts, .. } => Some(parts),
        _ => None,
    }
}

impl<'a> TypeTable<'a> {
    /// Reserves a type for every component schema, so `$ref`s resolve before their targets are lowered.
    pub fn new(components: Option<&'a IndexMap<String, ReferenceOr<Schema>>>) -> Self {
        let mut table = Self {
            components,
            entries: Vec::new(),
            by_component: HashMap::new(),
            by_shape: HashMap::new(),
            scope: Scope::default(),
            in_progress: HashMap::new(),
        };
        for name in components.into_iter().flat_map(|c| c.keys()) {
            let def = TypeDef {
                name: table.scope.claim(type_name(name)),
                pointer: push_pointer("/components/schemas", name),
                docs: Docs::default(),
                kind: TypeKind::Alias(TypeRef::Json),
            };
            table.by_component.insert(name, TypeId(table.entries.len()));
            table.entries.push(Entry { def, sites: Vec::new() });
        }
        table
    }

    /// Lowers the bodies of all component schemas.
    pub fn lower_components(&mut self) -> Result<(), Located> {
        let Some(components) = self.components else { return Ok(()) };
        for (name, schema) in components {
            let id = self.by_component[name.as_str()];
            let pointer = self.entries[id.0].def.pointer.clone();
            let own_name = self.entries[id.0].def.name.clone();
            let (kind, docs) = match schema {
                ReferenceOr::Reference { reference } => {
                    let target = self.component(reference, &push_pointer(&pointer, "$ref"))?;
                    (TypeKind::Alias(TypeRef::Named(target)), Docs::default())
                }
                ReferenceOr::Item(schema) => (self.named_kind(schema, &pointer, &own_name)?, docs(&schema.schema_data)),
            };
            let def = &mut self.entries[id.0].def;
            def.kind = kind;
            def.docs = docs;
        }
        Ok(())
    }

    pub(super) fn component(&self, reference: &str, at: &str) -> Result<TypeId, Located> {
        let name = component_name(reference, "schemas", at)?;
        self.by_component.get(name.as_str()).copied().ok_or_else(|| {
            Located::new(ErrorKind::DanglingRef, at, format!("`$ref: {reference}` points at nothing: there is no schema `{name}`"))
        })
    }

    /// The type of a schema used at `pointer`; inline objects and enums are named from `hint`.
    pub fn lower_ref<S: std::borrow::Borrow<Schema>>(
        &mut self,
        schema: &'a ReferenceOr<S>,
        pointer: &str,
        hint: &Hint,
    ) -> Result<Lowered, Located> {
        match schema {
            ReferenceOr::Reference { reference } => {
                let id = self.component(reference, &push_pointer(pointer, "$ref"))?;
                let nullable = self.target(reference).is_some_and(|s| self.nullable(s, 0));
                Ok(Lowered { ty: TypeRef::Named(id), nullable })
            }
            ReferenceOr::Item(schema) => self.lower(schema.borrow(), pointer, hint),
        }
    }

    /// The component schema a `$ref` names, following `$ref`s between components.
    fn target(&self, reference: &str) -> Option<&'a Schema> {
        super::refs::component_schema(self.components, reference)
    }

    /// [`nullable`](Self::nullable) of a schema or of the schema a `$ref` names.
    fn nullable_ref(&self, schema: &ReferenceOr<Schema>, depth: usize) -> bool {
        match schema {
            ReferenceOr::Item(s) => self.nullable(s, depth),
            ReferenceOr::Reference { reference } => self.target(reference).is_some_and(|s| self.nullable(s, depth)),
        }
    }

    /// Whether `null` is a value of `schema`: it says `nullable`, or names a schema that does,
    /// or is an `allOf` whose parts all do (Box writes `allOf: [{nullable: true, …}]` for a
    /// nullable field with its own docs); parts of prose only do not count.
    fn nullable(&self, schema: &Schema, depth: usize) -> bool {
        if schema.schema_data.nullable {
            return true;
        }
        // A union takes `null` when one of its alternatives does (Sentry's `anyOf: [integer,
        // number, {type: object, nullable: true}]`).
        let alternatives = match &schema.schema_kind {
            SchemaKind::OneOf { one_of } => Some(one_of),
            SchemaKind::AnyOf { any_of } => Some(any_of),
            SchemaKind::Any(any) if !any.one_of.is_empty() => Some(&any.one_of),
            SchemaKind::Any(any) if !any.any_of.is_empty() => Some(&any.any_of),
            _ => None,
        };
        if let Some(alternatives) = alternatives {
            return depth < 8 && alternatives.iter().any(|a| self.nullable_ref(a, depth + 1));
        }
        let parts = match &schema.schema_kind {
            SchemaKind::AllOf { all_of } => all_of,
            SchemaKind::Any(any) if any.properties.is_empty() && any.typ.is_none() => &any.all_of,
            _ => return false,
        };
        let part_nullable = |part: &ReferenceOr<Schema>| match part {
            ReferenceOr::Item(s) if super::form::is_trivial(s) && !s.schema_data.nullable => None,
            part => Some(depth < 8 && self.nullable_ref(part, depth + 1)),
        };
        let judged: Vec<bool> = parts.iter().filter_map(part_nullable).collect();
        !judged.is_empty() && judged.iter().all(|n| *n)
    }

    fn lower(&mut self, schema: &'a Schema, pointer: &str, hint: &Hint) -> Result<Lowered, Located> {
        let nullable = self.nullable(schema, 0);
        let ty = match form(schema) {
            Form::Object(o) if o.properties.is_empty() => self.free_object(o, pointer, hint)?,
            // `allOf: [{}, {example: …}, {description: …}]` (Box's metadata values) says
            // nothing of the value: any JSON.
            Form::AllOf { parts, own: None } if parts.iter().all(|p| matches!(p, ReferenceOr::Item(p) if super::form::is_trivial(p))) => {
                TypeRef::Json
            }
            Form::Object(_) | Form::AllOf { .. } | Form::OneOf { .. } => self.inline_composite(schema, pointer, hint)?,
            Form::String { values, .. } if !values.is_empty() => {
                let kind = TypeKind::Enum(string_enum(&values, is_const(schema)));
                self.inline_or_alias(kind, pointer, schema, hint)
            }
            Form::Array(_) if tuple_members(schema).is_some() => {
                let members = tuple_members(schema).unwrap_or_default();
                let at = push_pointer(&push_pointer(pointer, "items"), "oneOf");
                let mut types = Vec::with_capacity(members.len());
                for (i, member) in members.iter().enumerate() {
                    let hint = hint.child(&format!("item {i}"));
                    types.push(self.lower_ref(member, &push_pointer(&at, &i.to_string()), &hint)?.ty);
                }
                TypeRef::Tuple(types)
            }
            Form::String { format, .. } => string_type(format.as_deref().filter(|f| *f != "uuid" || fits_uuid(schema))),
            Form::Array(items) => TypeRef::Array(Box::new(match items {
                Some(items) => self.lower_ref(items, &push_pointer(pointer, "items"), &hint.child("item"))?.or_null(),
                None => TypeRef::Json,
            })),
            Form::Integer { int32 } => {
                if int32 {
                    TypeRef::I32
                } else {
                    TypeRef::I64
                }
            }
            Form::Number { float } => {
                if float {
                    TypeRef::F32
                } else {
                    TypeRef::F64
                }
            }
            Form::Boolean => TypeRef::Bool,
            Form::Any => TypeRef::Json,
            Form::Unsupported(what) => return Err(unsupported(pointer, what)),
        };
        if nesting(&ty) > MAX_NESTING {
            return Err(Located::new(
                ErrorKind::Unsupported,
                pointer,
                format!("arrays, maps and tuples nest more than {MAX_NESTING} deep here; a Rust type this deep is not generated"),
            ));
        }
        Ok(Lowered { ty, nullable })
    }

    /// An inline object, `allOf` or `oneOf`. One that contains itself (an inline `allOf` that
    /// takes the members of the schema around it, one of which is that `allOf` again) has its
    /// type reserved when it is met inside itself, instead of being lowered forever.
    fn inline_composite(&mut self, schema: &'a Schema, pointer: &str, hint: &Hint) -> Result<TypeRef, Located> {
        let key: *const Schema = schema;
        if let Some((reserved, at, outer)) = self.in_progress.get(&key) {
            if let Some(id) = reserved {
                return Ok(TypeRef::Named(*id));
            }
            let (at, outer) = (at.clone(), outer.clone());
            let id = TypeId(self.entries.len());
            let def = TypeDef {
                name: String::new(),
                pointer: at,
                docs: Docs::default(),
                kind: TypeKind::Alias(TypeRef::Json),
            };
            self.entries.push(Entry { def, sites: vec![outer] });
            self.in_progress.insert(key, (Some(id), String::new(), hint.clone()));
            return Ok(TypeRef::Named(id));
        }
        self.in_progress.insert(key, (None, pointer.to_owned(), hint.clone()));
        let kind = self.named_kind(schema, pointer, &hint.name());
        let reserved = self.in_progress.remove(&key).and_then(|(id, ..)| id);
        let kind = kind?;
        Ok(match reserved {
            Some(id) => {
                self.by_shape.entry(shape_key(&kind)).or_insert(id);
                let def = &mut self.entries[id.0].def;
                def.kind = kind;
                def.docs = docs(&schema.schema_data);
                TypeRef::Named(id)
            }
            None => self.inline_or_alias(kind, pointer, schema, hint),
        })
    }

    fn inline_or_alias(&mut self, kind: TypeKind, pointer: &str, schema: &Schema, hint: &Hint) -> TypeRef {
        match kind {
            TypeKind::Alias(ty) => ty,
            kind => TypeRef::Named(self.inline(kind, pointer, docs(&schema.schema_data), hint)),
        }
    }

    /// An object without properties: a typed map, or any JSON object.
    fn free_object(&mut self, o: ObjectParts<'a>, pointer: &str, hint: &Hint) -> Result<TypeRef, Located> {
        Ok(match o.additional {
            Some(AdditionalProperties::Schema(values)) => {
                let at = push_pointer(pointer, "additionalProperties");
                TypeRef::Map(Box::new(self.lower_ref(values, &at, &hint.child("value"))?.or_null()))
            }
            _ => TypeRef::JsonObject,
        })
    }

    /// The body of a type named `own_name`: a struct, an enum, or an alias of anything else.
    fn named_kind(&mut self, schema: &'a Schema, pointer: &str, own_name: &str) -> Result<TypeKind, Located> {
        Ok(match form(schema) {
            Form::Object(o) if !o.properties.is_empty() => {
                let members = Members::of(o, pointer);
                TypeKind::Struct(self.lower_struct(&members, pointer, own_name)?)
            }
            Form::String { values, .. } if !values.is_empty() => TypeKind::Enum(string_enum(&values, is_const(schema))),
            Form::AllOf { parts, own } => self.all_of(parts, own, pointer, own_name)?,
            Form::OneOf { parts, keyword } => self.one_of(schema, parts, keyword, pointer, own_name)?,
            _ => TypeKind::Alias(self.lower(schema, pointer, &Hint::new(own_name, ""))?.ty),
        })
    }

    /// A struct from object members, which may come from several schemas (`allOf`).
    pub(super) fn lower_struct(&mut self, members: &Members<'a>, pointer: &str, own_name: &str) -> Result<Struct, Located> {
        // The decoder binds a local per field.
        let mut names = Scope::with_reserved(PLACEHOLDERS);
        let mut fields = Vec::with_capacity(members.properties.len());
        for (wire_name, (schema, at)) in &members.properties {
            let lowered = self.lower_ref(*schema, at, &Hint::new(own_name, wire_name.as_str()))?;
            let mut docs = match schema {
                ReferenceOr::Item(s) => docs(&s.schema_data),
                ReferenceOr::Reference { .. } => Docs::default(),
            };
            // One type serves both directions: a member the schema requires in one direction only
            // is optional, so that requests need not invent a server-set `id` and answers
            // decode without a `password` they never carry.
            let data = match schema {
                ReferenceOr::Item(s) => Some(&s.schema_data),
                ReferenceOr::Reference { reference } => self.target(reference).map(|s| &s.schema_data),
            };
            let one_way = match data {
                Some(d) if d.read_only => Some("Read-only: the server sets it, and requests leave it out."),
                Some(d) if d.write_only => Some("Write-only: requests send it, and answers never carry it."),
                _ => None,
            };
            if let Some(note) = one_way {
                docs.description = Some(match docs.description.take() {
                    Some(text) => format!("{text}\n\n{note}"),
                    None => note.to_owned(),
                });
            }
            // Any JSON value has `null` among its values already: `Some(Value::Null)` is it.
            let nullable = lowered.nullable && lowered.ty != TypeRef::Json;
            fields.push(Field {
                rust_name: names.claim(snake(wire_name)),
                wire_name: wire_name.clone(),
                ty: lowered.ty,
                required: one_way.is_none() && members.required.iter().any(|r| r == wire_name),
                nullable,
                boxed: false,
                docs,
                constraints: super::constraints::of(schema),
            });
        }
        // A name `required` lists but no property declares must still be sendable: a field that
        // takes any value (Figma's `putWebhook` requires `team_id` this way). It is optional, as
        // such a name is often a slip (Box requires a `shared_link.accessed` it never sends)
        // and an answer without it must still decode.
        for wire_name in members.required.iter().filter(|r| !members.properties.contains_key(*r)) {
            if fields.iter().any(|f| &f.wire_name == wire_name) || members.additional.is_some() {
                continue;
            }
            fields.push(Field {
                rust_name: names.claim(snake(wire_name)),
                wire_name: wire_name.clone(),
                ty: TypeRef::Json,
                required: false,
                nullable: false,
                boxed: false,
                docs: Docs {
                    description: Some("Listed as required by the schema, which declares no property for it: any JSON value.".to_owned()),
                    ..Docs::default()
                },
                constraints: Vec::new(),
            });
        }
        let additional = match members.additional {
            Some(AdditionalProperties::Schema(values)) => {
                let at = push_pointer(pointer, "additionalProperties");
                Some(self.lower_ref(values, &at, &Hint::new(own_name, "value"))?.or_null())
            }
            Some(AdditionalProperties::Any(true)) => Some(TypeRef::Json),
            Some(AdditionalProperties::Any(false)) | None => None,
        };
        Ok(Struct { fields, additional })
    }

    /// The name a type has so far (inline types are named at the end, from where they are used).
    pub(super) fn name_of(&self, id: TypeId) -> String {
        let entry = &self.entries[id.0];
        entry.sites.first().map_or_else(|| entry.def.name.clone(), Hint::name)
    }

    /// Registers an inline type, or returns the existing one of the same shape.
    fn inline(&mut self, kind: TypeKind, pointer: &str, docs: Docs, hint: &Hint) -> TypeId {
        let key = shape_key(&kind);
        if let Some(&id) = self.by_shape.get(&key) {
            self.entries[id.0].sites.push(hint.clone());
            return id;
        }
        let id = TypeId(self.entries.len());
        let def = TypeDef { name: String::new(), pointer: pointer.to_owned(), docs, kind };
        self.entries.push(Entry { def, sites: vec![hint.clone()] });
        self.by_shape.insert(key, id);
        id
    }

    /// Names the inline types and hands back the finished table. `module` (the API's) prefixes
    /// a name the crate's root already gives a type of its own (`Error` becomes `ClemtaError`).
    pub fn finish(mut self, module: &str) -> Vec<TypeDef> {
        for entry in &mut self.entries {
            if !entry.sites.is_empty() {
                let mut name = shared_name(&entry.sites, entry.def.docs.title.as_deref());
                if CRATE_ROOT_TYPES.contains(&name.as_str()) {
                    name = type_name(&format!("{} {name}", camel(module)));
                }
                entry.def.name = self.scope.claim(name);
            }
        }
        self.entries.into_iter().map(|e| e.def).collect()
    }
}

pub(crate) fn unsupported(pointer: &str, what: &str) -> Located {
    Located::new(ErrorKind::Unsupported, pointer, format!("`{what}` schemas are not supported yet"))
}

pub(super) fn string_enum(values: &[String], closed: bool) -> StringEnum {
    let mut names = Scope::default();
    // A value listed twice is one variant (a second would be an unreachable match arm).
    let mut seen = HashSet::new();
    let variants: Vec<Variant> = values
        .iter()
        .filter(|v| seen.insert(v.as_str()))
        .map(|v| Variant { rust_name: names.claim(camel(v)), wire_name: v.clone() })
        .collect();
    // `Unknown` reads best; a spec that lists `unknown` itself gets `Other` instead.
    if closed {
        return StringEnum { catch_all: None, variants };
    }
    let taken = |name: &str| variants.iter().any(|v| v.rust_name == name);
    let catch_all = if taken("Unknown") { "Other" } else { "Unknown" };
    StringEnum { catch_all: Some(names.claim(catch_all.to_owned())), variants }
}

/// Two inline types with the same key are interchangeable: docs and examples do not count.
fn shape_key(kind: &TypeKind) -> String {
    match kind {
        TypeKind::Struct(s) => {
            let fields: Vec<_> = s.fields.iter().map(|f| (&f.wire_name, &f.ty, f.required, f.nullable)).collect();
            format!("struct {fields:?} {:?}", s.additional)
        }
        TypeKind::Enum(e) => {
            let values: Vec<_> = e.variants.iter().map(|v| &v.wire_name).collect();
            format!("enum {values:?} {}", e.catch_all.is_some())
        }
        TypeKind::OneOf(o) => {
            let variants: Vec<_> = o.variants.iter().map(|v| (&v.ty, &v.tag)).collect();
            format!("oneOf {variants:?} {:?}", o.discriminator)
        }
        TypeKind::Alias(ty) => format!("alias {ty:?}"),
    }
}

/// A type found in one place is named after it; one shared by several places is named after what
/// they have in common, never after one of them: `Contact` in `UpdateContactRequest.type` and
/// `ContactResponse.type` gives `ContactType`; Stripe's `created` filter of `GetAccounts`,
/// `GetCustomers`, … gives `Created` (an operation's verb is nothing in common). Sites in
/// different roles take the schema's `title`, or else the role most of them have.
fn shared_name(sites: &[Hint], title: Option<&str>) -> String {
    const VERBS: [&str; 8] = ["Get", "Post", "Put", "Patch", "Delete", "Head", "Options", "List"];
    let first = &sites[0];
    if sites.len() == 1 {
        return first.name();
    }
    let same_role = sites.iter().all(|s| s.role == first.role);
    if let Some(title) = title.filter(|t| !same_role && !type_name(t).is_empty()) {
        return type_name(title);
    }
    let role = if same_role {
        first.role.as_str()
    } else {
        // The most frequent role; the first one seen among equals.
        let count = |role: &str| sites.iter().filter(|s| s.role == role).count();
        sites.iter().map(|s| s.role.as_str()).fold(first.role.as_str(), |best, r| if count(r) > count(best) { r } else { best })
    };
    let split: Vec<Vec<String>> = sites.iter().map(|s| camel_words(&s.parent)).collect();
    let mut words: Vec<String> =
        split[0].iter().filter(|w| !VERBS.contains(&w.as_str()) && split.iter().all(|ws| ws.contains(w))).cloned().collect();
    for w in camel_words(&camel(role)) {
        if words.last() != Some(&w) {
            words.push(w);
        }
    }
    type_name(&words.join(" "))
}

fn camel_words(name: &str) -> Vec<String> {
    let mut words: Vec<String> = Vec::new();
    for c in name.chars() {
        match words.last_mut() {
            Some(w) if !c.is_ascii_uppercase() => w.push(c),
            _ => words.push(c.to_string()),
        }
    }
    words
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shared_names_keep_common_words() {
        let sites = [Hint::new("UpdateContactRequest", "type"), Hint::new("ContactResponse", "type")];
        assert_eq!(shared_name(&sites, None), "ContactType");
        let errors = [Hint::new("BadRequestError", "error"), Hint::new("UnauthorizedError", "error")];
        assert_eq!(shared_name(&errors, None), "Error");
        let unrelated = [Hint::new("Pet", "status"), Hint::new("Order", "status")];
        assert_eq!(shared_name(&unrelated, None), "Status");
    }

    #[test]
    fn shared_names_never_come_from_one_site() {
        let filters = [Hint::new("GetAccounts", "created"), Hint::new("GetCustomers", "created"), Hint::new("GetCharges", "created")];
        assert_eq!(shared_name(&filters, None), "Created");
        let mixed = [Hint::new("Pet", "status"), Hint::new("Order", "state"), Hint::new("Store", "state")];
        assert_eq!(shared_name(&mixed, None), "State");
        assert_eq!(shared_name(&mixed, Some("range filter")), "RangeFilter");
        // One site keeps the name it has always had.
        assert_eq!(shared_name(&[Hint::new("GetAccounts", "created")], Some("t")), "GetAccountsCreated");
    }
}
