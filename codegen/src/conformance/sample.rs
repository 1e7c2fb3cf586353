//! Request values synthesized from a spec's schemas, valid against them: the type, `format`,
//! `enum`, ranges, lengths, `pattern`s, `required`, unions and their discriminators are
//! honoured. Minimal values hold only what is required; full ones every member, one entry of
//! every map and an item in every array. With examples preferred, a schema's own `example`
//! stands in for what would be synthesized.

use indexmap::IndexMap;
use openapiv3::{AdditionalProperties, OpenAPI, ReferenceOr, Schema, SchemaKind, Type};
use rand::{RngExt as _, SeedableRng};
use serde_json::{Map, Value, json};

use crate::lower::form::{Form, ObjectParts, form};
use crate::lower::refs::component_schema;

/// How much of each value to fill in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Fill {
    /// Only what is required.
    Minimal,
    /// Every member, synthesized.
    Full,
    /// Every member, the spec's examples first.
    Examples,
}

/// Nesting past which only what is required is filled in, so recursive types end.
const DEEP: usize = 4;
/// Nesting past which nothing more is filled in at all.
const DEEPEST: usize = 12;

pub struct Sampler<'a> {
    doc: &'a OpenAPI,
    fill: Fill,
}

impl<'a> Sampler<'a> {
    pub fn new(doc: &'a OpenAPI, fill: Fill) -> Self {
        Self { doc, fill }
    }

    /// A value for `schema`, as a request sends it: `readOnly` members are left out unless
    /// required.
    pub fn value(&self, schema: &ReferenceOr<Schema>) -> Value {
        self.sample(schema, 0)
    }

    /// The schema, or the one a `$ref` names; `None` when it points at nothing.
    fn resolve<'s>(&self, schema: &'s ReferenceOr<Schema>) -> Option<&'s Schema>
    where
        'a: 's,
    {
        match schema {
            ReferenceOr::Item(s) => Some(s),
            ReferenceOr::Reference { reference } => self.target(reference),
        }
    }

    fn target(&self, reference: &str) -> Option<&'a Schema> {
        component_schema(self.doc.components.as_ref().map(|c| &c.schemas), reference)
    }

    fn sample(&self, schema: &ReferenceOr<Schema>, depth: usize) -> Value {
        let Some(schema) = self.resolve(schema) else { return json!("value") };
        self.schema(schema, depth)
    }

    fn boxed(&self, schema: &ReferenceOr<Box<Schema>>, depth: usize) -> Value {
        let schema = match schema {
            ReferenceOr::Item(s) => Some(&**s),
            ReferenceOr::Reference { reference } => self.target(reference),
        };
        schema.map_or_else(|| json!("value"), |s| self.schema(s, depth))
    }

    fn schema(&self, schema: &Schema, depth: usize) -> Value {
        if depth > DEEPEST {
            return json!({});
        }
        if self.fill == Fill::Examples {
            if let Some(example) = schema.schema_data.example.as_ref().filter(|e| !e.is_null()) {
                return example.clone();
            }
        }
        // A default of the schema's own type (Vault writes `default: "24h"` for integers).
        let typed_default = schema.schema_data.default.as_ref().filter(|d| match (&schema.schema_kind, d) {
            (SchemaKind::Type(Type::String(_)), Value::String(_)) => true,
            (SchemaKind::Type(Type::Integer(_)), Value::Number(n)) => n.is_i64() || n.is_u64(),
            (SchemaKind::Type(Type::Number(_)), Value::Number(_)) => true,
            (SchemaKind::Type(Type::Boolean(_)), Value::Bool(_)) => true,
            _ => false,
        });
        if let Some(default) = typed_default {
            return enum_value(schema).unwrap_or_else(|| default.clone());
        }
        if let Some(value) = enum_value(schema) {
            return value;
        }
        if let Some(value) = self.object_with_union(schema, depth) {
            return value;
        }
        match form(schema) {
            Form::Object(parts) => Value::Object(self.object(parts, depth, min_properties(schema))),
            Form::Array(items) => self.array(schema, items, depth),
            Form::String { format, .. } => string(schema, format.as_deref()),
            Form::Integer { .. } => number(schema, true),
            Form::Number { .. } => number(schema, false),
            Form::Boolean => json!(true),
            Form::Any | Form::Unsupported(_) => json!("value"),
            Form::AllOf { parts, own } => {
                if let Some((properties, required, additional)) = self.object_parts(parts, own, 0) {
                    let parts = ObjectParts { properties: &properties, required: &required, additional: additional.as_ref() };
                    return Value::Object(self.object(parts, depth, 0));
                }
                let mut merged = Map::new();
                let mut other = None;
                // Parts of prose add nothing.
                for part in parts.iter().filter(|p| !self.resolve(p).is_some_and(crate::lower::form::is_trivial)) {
                    match self.sample(part, depth + 1) {
                        Value::Object(members) => merge(&mut merged, members),
                        value => other = Some(value),
                    }
                }
                if let Some(own) = own {
                    merge(&mut merged, self.object(own, depth, 0));
                }
                match other {
                    Some(value) if merged.is_empty() => value,
                    _ => Value::Object(merged),
                }
            }
            Form::OneOf { parts, .. } => self.one_of(schema, parts, depth),
        }
    }

    /// The members of an `allOf` of objects, together: a part may require what another
    /// declares. `None` when a part is not an object (nor says nothing at all).
    fn object_parts(&self, parts: &[ReferenceOr<Schema>], own: Option<ObjectParts<'_>>, depth: usize) -> Option<Joined> {
        let mut joined = Joined::default();
        let add = |p: ObjectParts<'_>, joined: &mut Joined| {
            for (name, schema) in p.properties {
                joined.0.entry(name.clone()).or_insert_with(|| schema.clone());
            }
            joined.1.extend(p.required.iter().cloned());
            if joined.2.is_none() {
                joined.2 = p.additional.cloned();
            }
        };
        if depth > DEEPEST {
            return None;
        }
        for part in parts {
            let part = self.resolve(part)?;
            match form(part) {
                Form::Object(p) => add(p, &mut joined),
                Form::AllOf { parts, own } => {
                    let (properties, required, additional) = self.object_parts(parts, own, depth + 1)?;
                    add(ObjectParts { properties: &properties, required: &required, additional: additional.as_ref() }, &mut joined);
                }
                Form::Any if !part.schema_data.nullable => {
                    // A part with only `required` (or only prose).
                    if let SchemaKind::Any(any) = &part.schema_kind {
                        joined.1.extend(any.required.iter().cloned());
                    }
                }
                _ => return None,
            }
        }
        if let Some(own) = own {
            add(own, &mut joined);
        }
        Some(joined)
    }

    /// Members beside a `oneOf`/`anyOf` (Apideck's `anyOf: [{required: [id]}, {required:
    /// [name]}]`): the members, with what the first variant requires or adds.
    fn object_with_union(&self, schema: &Schema, depth: usize) -> Option<Value> {
        let SchemaKind::Any(any) = &schema.schema_kind else { return None };
        let variants = if any.one_of.is_empty() { &any.any_of } else { &any.one_of };
        if any.properties.is_empty() || variants.is_empty() {
            return None;
        }
        let required_of = |v: &ReferenceOr<Schema>| -> Vec<String> {
            match self.resolve(v).map(|v| &v.schema_kind) {
                Some(SchemaKind::Any(v)) => v.required.clone(),
                Some(SchemaKind::Type(Type::Object(v))) => v.required.clone(),
                _ => Vec::new(),
            }
        };
        let chosen = variants.first().map(required_of).unwrap_or_default();
        let required: Vec<String> = any.required.iter().chain(&chosen).cloned().collect();
        let parts = ObjectParts {
            properties: &any.properties,
            required: &required,
            additional: any.additional_properties.as_ref(),
        };
        let mut members = self.object(parts, depth, 0);
        // `oneOf` wants exactly one: a member only another alternative requires would make the
        // value fit that one too (OpenAI's `file_search: oneOf [{required: [vector_store_ids]},
        // {required: [vector_stores]}]`).
        if !any.one_of.is_empty() {
            for other in variants.iter().skip(1).flat_map(required_of) {
                if !required.contains(&other) {
                    members.remove(&other);
                }
            }
        }
        // `not: {required: [a, b]}` forbids the members together ("exactly one of `image_url`
        // or `file_id`"): those the chosen alternative does not require are left out.
        let forbidden: Vec<String> = match schema.schema_data.extensions.get(crate::load::NOT_TOGETHER) {
            Some(Value::Array(together)) => together.iter().filter_map(Value::as_str).map(str::to_owned).collect(),
            _ => any.not.as_deref().map(required_of).unwrap_or_default(),
        };
        if !forbidden.is_empty() && forbidden.iter().all(|m| members.contains_key(m)) {
            for member in forbidden.iter().filter(|m| !required.contains(m)) {
                members.remove(member);
            }
        }
        // A variant with members of its own adds them (a bare `required` list samples as no
        // object).
        if let Some(Value::Object(more)) = variants.first().map(|v| self.sample(v, depth + 1)) {
            merge(&mut members, more.into_iter().filter(|(k, _)| !any.properties.contains_key(k)).collect());
        }
        Some(Value::Object(members))
    }

    fn object(&self, parts: ObjectParts<'_>, depth: usize, min: usize) -> Map<String, Value> {
        let mut out = Map::new();
        let everything = self.fill != Fill::Minimal && depth < DEEP;
        for (name, property) in parts.properties {
            let required = parts.required.contains(name);
            if !required && !everything {
                continue;
            }
            let read_only = match property {
                ReferenceOr::Item(s) => s.schema_data.read_only,
                ReferenceOr::Reference { reference } => self.target(reference).is_some_and(|s| s.schema_data.read_only),
            };
            // A read-only member is left out of requests, required or not.
            if read_only {
                continue;
            }
            out.insert(name.clone(), self.boxed(property, depth + 1));
        }
        for name in parts.required {
            if !out.contains_key(name) && !parts.properties.contains_key(name) {
                out.insert(name.clone(), json!("value"));
            }
        }
        // `minProperties`: the declared members first, then entries of the map.
        for (name, property) in parts.properties {
            if out.len() >= min {
                break;
            }
            if !out.contains_key(name) {
                out.insert(name.clone(), self.boxed(property, depth + 1));
            }
        }
        if out.len() < min {
            if let Some(AdditionalProperties::Schema(extra)) = parts.additional {
                while out.len() < min {
                    out.insert(format!("key{}", out.len() + 1), self.sample(extra, depth + 1));
                }
            }
        }
        if everything {
            match parts.additional {
                Some(AdditionalProperties::Schema(extra)) => {
                    out.insert("key1".to_owned(), self.sample(extra, depth + 1));
                }
                Some(AdditionalProperties::Any(true)) if parts.properties.is_empty() => {
                    out.insert("key1".to_owned(), json!("value"));
                }
                _ => {}
            }
        }
        out
    }

    fn array(&self, schema: &Schema, items: Option<&ReferenceOr<Box<Schema>>>, depth: usize) -> Value {
        let (min, max) = match &schema.schema_kind {
            SchemaKind::Type(Type::Array(a)) => (a.min_items.unwrap_or(0), a.max_items),
            SchemaKind::Any(any) => (any.min_items.unwrap_or(0), any.max_items),
            _ => (0, None),
        };
        let count = min.max(1).min(max.unwrap_or(usize::MAX));
        let Some(items) = items else { return Value::Array(vec![json!("value"); count]) };
        let first = self.boxed(items, depth + 1);
        let mut out = vec![first.clone()];
        // Items beyond the first differ where they can, for `uniqueItems`.
        for i in 1..count {
            out.push(match &first {
                Value::String(s) => Value::String(format!("{s}{i}")),
                Value::Number(n) if n.is_i64() => json!(n.as_i64().unwrap_or(0) + i as i64),
                other => other.clone(),
            });
        }
        if count == 0 { Value::Array(Vec::new()) } else { Value::Array(out) }
    }

    /// The one value `property` may have in the object schema `part`: a `const`, or an `enum`
    /// of one string.
    fn declared_tag(&self, part: &ReferenceOr<Schema>, property: &str) -> Option<String> {
        let properties = match &self.resolve(part)?.schema_kind {
            SchemaKind::Type(Type::Object(o)) => &o.properties,
            SchemaKind::Any(a) => &a.properties,
            _ => return None,
        };
        let declared = match properties.get(property)? {
            ReferenceOr::Item(schema) => &**schema,
            ReferenceOr::Reference { reference } => self.target(reference)?,
        };
        if let Some(constant) = declared.schema_data.extensions.get(crate::load::CONST) {
            return constant.as_str().map(str::to_owned);
        }
        match &declared.schema_kind {
            SchemaKind::Type(Type::String(t)) if t.enumeration.len() == 1 => t.enumeration[0].clone(),
            _ => None,
        }
    }

    /// The first variant that is not `null`, with its discriminator's tag set.
    fn one_of(&self, schema: &Schema, parts: &[ReferenceOr<Schema>], depth: usize) -> Value {
        let not_null = |p: &&ReferenceOr<Schema>| {
            self.resolve(p).is_none_or(|s| !matches!(&s.schema_kind, SchemaKind::Any(a) if a.typ.as_deref() == Some("null")))
        };
        let Some(part) = parts.iter().find(not_null) else { return Value::Null };
        let mut value = self.sample(part, depth + 1);
        if let (Some(discriminator), Value::Object(members)) = (&schema.schema_data.discriminator, &mut value) {
            // The mapping's tag; else the value the variant's own schema gives the property (an
            // `enum` or `const`, sampled already); else the schema's name.
            let own = members.get(&discriminator.property_name).filter(|v| v.as_str().is_some_and(|s| s != "string" && s != "value"));
            let tag = match part {
                ReferenceOr::Reference { reference } => {
                    let mapped = discriminator.mapping.iter().find(|(_, target)| *target == reference).map(|(tag, _)| tag.clone());
                    let own = own.and_then(Value::as_str).map(str::to_owned);
                    // An optional tag left out of a minimal value still has the one value its
                    // schema allows (OpenAI's `EasyInputMessage.type: {enum: [message]}`).
                    let declared = || self.declared_tag(part, &discriminator.property_name);
                    mapped.or(own).or_else(declared).or_else(|| reference.rsplit('/').next().map(str::to_owned))
                }
                ReferenceOr::Item(_) => None,
            };
            if let Some(tag) = tag {
                members.insert(discriminator.property_name.clone(), Value::String(tag));
            }
        }
        value
    }
}

/// Properties, required names and `additionalProperties` gathered from several schemas.
type Joined = (IndexMap<String, ReferenceOr<Box<Schema>>>, Vec<String>, Option<AdditionalProperties>);

fn min_properties(schema: &Schema) -> usize {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => o.min_properties.unwrap_or(0),
        SchemaKind::Any(a) => a.min_properties.unwrap_or(0),
        _ => 0,
    }
}

fn merge(into: &mut Map<String, Value>, from: Map<String, Value>) {
    for (key, value) in from {
        match (into.get_mut(&key), value) {
            (Some(Value::Object(old)), Value::Object(new)) => merge(old, new),
            (_, value) => {
                into.insert(key, value);
            }
        }
    }
}

/// The first listed value that is not `null`, for any type.
fn enum_value(schema: &Schema) -> Option<Value> {
    let listed: Vec<Value> = match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => s.enumeration.iter().flatten().map(|v| json!(v)).collect(),
        SchemaKind::Type(Type::Integer(i)) => i.enumeration.iter().flatten().map(|v| json!(v)).collect(),
        SchemaKind::Type(Type::Number(n)) => n.enumeration.iter().flatten().map(|v| json!(v)).collect(),
        SchemaKind::Type(Type::Boolean(b)) => b.enumeration.iter().flatten().map(|v| json!(v)).collect(),
        SchemaKind::Any(any) => any.enumeration.clone(),
        _ => Vec::new(),
    };
    listed.into_iter().find(|v| !v.is_null())
}

struct Lengths {
    min: usize,
    max: Option<usize>,
    pattern: Option<String>,
}

fn lengths(schema: &Schema) -> Lengths {
    match &schema.schema_kind {
        SchemaKind::Type(Type::String(s)) => Lengths { min: s.min_length.unwrap_or(0), max: s.max_length, pattern: s.pattern.clone() },
        SchemaKind::Any(a) => Lengths { min: a.min_length.unwrap_or(0), max: a.max_length, pattern: a.pattern.clone() },
        _ => Lengths { min: 0, max: None, pattern: None },
    }
}

fn string(schema: &Schema, format: Option<&str>) -> Value {
    let Lengths { min, max, pattern } = lengths(schema);
    // A `uuid` capped below a UUID's length is text (the generator types it `String`).
    let format = format.filter(|f| *f != "uuid" || max.is_none_or(|m| m >= 36));
    if let Some(pattern) = pattern {
        if let Some(text) = matching(&pattern, min, max) {
            return Value::String(text);
        }
    }
    let mut text = format_example(format).to_owned();
    // A format's value is kept whole: a `uuid` cut to a `maxLength` of 20 is no uuid, and the
    // typed API would not take it (the spec contradicts itself there).
    if format.is_some_and(|f| !matches!(f, "" | "password")) && text != "string" {
        return Value::String(text);
    }
    while text.chars().count() < min {
        text.push('x');
    }
    if let Some(max) = max {
        text = text.chars().take(max).collect();
    }
    Value::String(text)
}

/// A valid string of `format` (`"string"` for none, or one without a shape of its own).
pub fn format_example(format: Option<&str>) -> &'static str {
    match format.unwrap_or_default() {
        "date-time" => "2024-01-02T03:04:05Z",
        "date" => "2024-01-02",
        "time" => "03:04:05Z",
        "duration" => "P1D",
        "uuid" => "3fa85f64-5717-4562-b3fc-2c963f66afa6",
        "email" | "idn-email" => "user@example.com",
        "uri" | "url" | "iri" => "https://example.com/a",
        "uri-reference" | "iri-reference" => "/a",
        "hostname" | "idn-hostname" => "example.com",
        "ipv4" => "192.0.2.1",
        "ipv6" => "2001:db8::1",
        "byte" => "aGVsbG8=",
        "int32" | "int64" => "1",
        _ => "string",
    }
}

/// A string matching an ECMA-262 `pattern` (as far as Rust's regex syntax reads it) within the
/// lengths, from a fixed seed; `None` when no such string is found.
fn matching(pattern: &str, min: usize, max: Option<usize>) -> Option<String> {
    let regex = regex::Regex::new(pattern).ok()?;
    // ASCII first; a class such as `[\s\S]` needs Unicode to stay within UTF-8.
    [false, true].into_iter().find_map(|unicode| generate(&regex, pattern, unicode, min, max))
}

fn generate(regex: &regex::Regex, pattern: &str, unicode: bool, min: usize, max: Option<usize>) -> Option<String> {
    let mut parser = regex_syntax::ParserBuilder::new().unicode(unicode).build();
    let hir = without_anchors(parser.parse(&ascii_classes(pattern)).ok()?);
    // Repeats long enough to reach `minLength` (GitHub's 40-digit `^[0-9a-f]+$` SHAs).
    let repeat = u32::try_from(min.max(8)).unwrap_or(u32::MAX).min(4096);
    let generator = rand_regex::Regex::with_hir(hir, repeat).ok()?;
    let mut rng = rand::rngs::StdRng::seed_from_u64(7);
    // A repeat's length is drawn evenly: a string of exactly `minLength` may take many draws.
    // Printable ASCII is preferred: servers and mocks read `.` as ECMAScript does, and some
    // Unicode it matches in Rust it does not there.
    let fits = |s: &String| {
        let len = s.chars().count();
        len >= min.max(1) && max.is_none_or(|m| len <= m) && regex.is_match(s)
    };
    let candidates: Vec<String> = (0..2000).map(|_| rng.sample::<String, _>(&generator)).filter(fits).take(64).collect();
    let printable = candidates.iter().find(|s| s.bytes().all(|b| b.is_ascii_graphic())).cloned();
    printable.or_else(|| candidates.into_iter().next())
}

/// `pattern` with `\d` and `\w` spelled out as ECMAScript reads them, ASCII only (Rust's
/// Unicode mode would draw Arabic digits for `\d`, which a server's ECMAScript pattern refuses).
fn ascii_classes(pattern: &str) -> String {
    let mut out = String::with_capacity(pattern.len());
    let (mut chars, mut in_class) = (pattern.chars(), false);
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some('d') => out.push_str(if in_class { "0-9" } else { "[0-9]" }),
                Some('w') => out.push_str(if in_class { "A-Za-z0-9_" } else { "[A-Za-z0-9_]" }),
                Some(other) => {
                    out.push('\\');
                    out.push(other);
                }
                None => out.push('\\'),
            },
            '[' => {
                in_class = true;
                out.push(c);
            }
            ']' => {
                in_class = false;
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

/// `hir` without its anchors and other look-arounds, which the generator cannot make: a string
/// it makes then matches where they hold, which the caller checks (GitHub writes
/// `^ssh-rsa |^ecdsa-… `, anchors inside alternatives).
fn without_anchors(hir: regex_syntax::hir::Hir) -> regex_syntax::hir::Hir {
    use regex_syntax::hir::{Capture, Hir, HirKind, Repetition};
    match hir.into_kind() {
        HirKind::Look(_) => Hir::empty(),
        HirKind::Concat(parts) => Hir::concat(parts.into_iter().map(without_anchors).collect()),
        HirKind::Alternation(parts) => Hir::alternation(parts.into_iter().map(without_anchors).collect()),
        HirKind::Repetition(r) => Hir::repetition(Repetition { sub: Box::new(without_anchors(*r.sub)), ..r }),
        HirKind::Capture(c) => Hir::capture(Capture { sub: Box::new(without_anchors(*c.sub)), ..c }),
        HirKind::Empty => Hir::empty(),
        HirKind::Literal(l) => Hir::literal(l.0),
        HirKind::Class(c) => Hir::class(c),
    }
}

fn number(schema: &Schema, integer: bool) -> Value {
    let (minimum, maximum, exclusive_min, exclusive_max, multiple) = match &schema.schema_kind {
        SchemaKind::Type(Type::Integer(i)) => (
            i.minimum.map(|n| n as f64),
            i.maximum.map(|n| n as f64),
            i.exclusive_minimum,
            i.exclusive_maximum,
            i.multiple_of.map(|n| n as f64),
        ),
        SchemaKind::Type(Type::Number(n)) => (n.minimum, n.maximum, n.exclusive_minimum, n.exclusive_maximum, n.multiple_of),
        SchemaKind::Any(a) => {
            (a.minimum, a.maximum, a.exclusive_minimum.unwrap_or(false), a.exclusive_maximum.unwrap_or(false), a.multiple_of)
        }
        _ => (None, None, false, false, None),
    };
    let step = if integer { 1.0 } else { 0.5 };
    let mut value = if integer { 1.0 } else { 1.5 };
    if let Some(min) = minimum {
        let low = if exclusive_min { min + step } else { min };
        if value < low {
            value = low;
        }
    }
    if let Some(max) = maximum {
        let high = if exclusive_max { max - step } else { max };
        if value > high {
            value = high;
        }
    }
    if let Some(m) = multiple.filter(|m| *m > 0.0) {
        value = (value / m).ceil() * m;
        if maximum.is_some_and(|max| value > max) {
            value -= m;
        }
    }
    if integer { json!(value.round() as i64) } else { json!(value) }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(yaml: &str) -> OpenAPI {
        serde_yaml::from_str(yaml).unwrap()
    }

    const SPEC: &str = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Pet:
      type: object
      required: [id, name, kind, etag]
      properties:
        id: {type: integer, minimum: 10, multipleOf: 5}
        etag: {type: string, readOnly: true}
        name: {type: string, minLength: 8, maxLength: 10}
        kind: {type: string, enum: [dog, cat]}
        sid: {type: string, pattern: '^CA[0-9a-f]{32}$'}
        prompt: {type: string, pattern: '(\{question\}[\s\S]*?\{content\})'}
        key: {type: string, pattern: '^ssh-(rsa|dss) |^ecdsa-sha2-nistp(256|384) '}
        sha: {type: string, pattern: '^[0-9a-f]+$', minLength: 40, maxLength: 40}
        version: {type: string, pattern: '^\d+\.\d+\.\d+([\-\+].+)?$'}
        born: {type: string, format: date-time}
        mail: {type: string, format: email}
        weight: {type: number, exclusiveMinimum: true, minimum: 2, maximum: 3}
        secret: {type: string, readOnly: true}
        tags: {type: array, minItems: 2, items: {type: string}}
        labels: {type: object, additionalProperties: {type: integer}}
        note: {type: string, example: from the spec}
    Shape:
      oneOf: [{$ref: '#/components/schemas/Square'}, {$ref: '#/components/schemas/Round'}]
      discriminator: {propertyName: shape, mapping: {sq: '#/components/schemas/Square'}}
    Square: {type: object, required: [shape, side], properties: {shape: {type: string}, side: {type: integer}}}
    Round: {type: object, properties: {shape: {type: string}, radius: {type: integer}}}
    Node: {type: object, properties: {next: {$ref: '#/components/schemas/Node'}}}
    ImageRef:
      type: object
      properties: {image_url: {type: string}, file_id: {type: string}}
      anyOf: [{required: [image_url]}, {required: [file_id]}]
      not: {required: [image_url, file_id]}
    Input:
      oneOf: [{$ref: '#/components/schemas/Message'}, {$ref: '#/components/schemas/Round'}]
      discriminator: {propertyName: type}
    Message: {type: object, required: [text], properties: {type: {type: string, enum: [message]}, text: {type: string}}}
    Role:
      allOf:
        - {type: object, properties: {kind: {type: string, enum: [guest, admin]}}}
        - {required: [kind]}
        - {description: prose only}
    Filters: {type: array, items: {allOf: [{$ref: '#/components/schemas/Square'}, {description: d}, {type: object}]}}
    Level: {allOf: [{type: string, enum: [editor, viewer]}, {description: prose}]}
"#;

    fn sample(fill: Fill, name: &str) -> Value {
        let doc = doc(SPEC);
        Sampler::new(&doc, fill).value(&ReferenceOr::Reference { reference: format!("#/components/schemas/{name}") })
    }

    #[test]
    fn minimal_values_hold_what_is_required_within_its_bounds() {
        let pet = sample(Fill::Minimal, "Pet");
        // The least value above the minimum that is a multiple; a read-only member left out,
        // though required.
        assert_eq!(pet, json!({"id": 10, "name": "stringxx", "kind": "dog"}));
    }

    #[test]
    fn full_values_honour_formats_patterns_and_ranges() {
        let pet = sample(Fill::Full, "Pet");
        let sid = pet["sid"].as_str().unwrap();
        assert!(regex::Regex::new("^CA[0-9a-f]{32}$").unwrap().is_match(sid), "{sid}");
        let prompt = pet["prompt"].as_str().unwrap();
        assert!(prompt.contains("{question}") && prompt.contains("{content}"), "{prompt}");
        let key = pet["key"].as_str().unwrap();
        assert!(key.starts_with("ssh-") || key.starts_with("ecdsa-"), "{key}");
        let version = pet["version"].as_str().unwrap();
        assert!(version.split('.').take(3).all(|n| !n.is_empty()) && version.is_ascii(), "{version}");
        let sha = pet["sha"].as_str().unwrap();
        assert!(sha.len() == 40 && sha.bytes().all(|b| b.is_ascii_hexdigit()), "{sha}");
        assert_eq!(pet["born"], "2024-01-02T03:04:05Z");
        assert_eq!(pet["mail"], "user@example.com");
        assert_eq!(pet["weight"], 2.5);
        assert_eq!(pet["tags"], json!(["string", "string1"]));
        assert_eq!(pet["labels"], json!({"key1": 1}));
        assert_eq!(pet["note"], "string");
        assert!(pet.get("secret").is_none(), "an optional read-only member is not sent: {pet}");
        assert_eq!(sample(Fill::Examples, "Pet")["note"], "from the spec");
    }

    #[test]
    fn all_of_parts_are_one_object() {
        // One part declares what another requires; a part of prose adds nothing.
        assert_eq!(sample(Fill::Minimal, "Role"), json!({"kind": "guest"}));
        assert_eq!(sample(Fill::Minimal, "Filters"), json!([{"shape": "string", "side": 1}]));
        assert_eq!(sample(Fill::Minimal, "Level"), json!("editor"));
    }

    #[test]
    fn one_of_required_sets_are_met_exactly_once() {
        let spec = r#"
openapi: 3.0.3
info: {title: t, version: '1'}
paths: {}
components:
  schemas:
    Search:
      type: object
      properties: {ids: {type: array, items: {type: string}}, stores: {type: array, items: {type: string}}}
      oneOf: [{required: [ids]}, {required: [stores]}]
"#;
        let doc = doc(spec);
        let value = Sampler::new(&doc, Fill::Full).value(&ReferenceOr::Reference { reference: "#/components/schemas/Search".into() });
        assert_eq!(value, json!({"ids": ["string"]}));
    }

    #[test]
    fn unions_carry_their_discriminator_and_recursion_ends() {
        assert_eq!(sample(Fill::Minimal, "Shape"), json!({"shape": "sq", "side": 1}));
        // No mapping, and the tag not required: the one value its schema allows, not the name.
        assert_eq!(sample(Fill::Minimal, "Input"), json!({"type": "message", "text": "string"}));
        // "Exactly one of": the full value leaves out what `not` forbids beside the chosen one.
        assert_eq!(sample(Fill::Full, "ImageRef"), json!({"image_url": "string"}));
        let node = sample(Fill::Full, "Node");
        let mut depth = 0;
        let mut at = &node;
        while let Some(next) = at.get("next") {
            at = next;
            depth += 1;
        }
        assert!((1..=DEEP + 1).contains(&depth), "{node}");
    }
}
