//! `allOf` (merged into one struct) and `oneOf`/`anyOf` (an enum of the alternatives).

use openapiv3::{ReferenceOr, Schema};

use crate::error::{ErrorKind, Located, push_pointer};
use crate::load;
use crate::lower::form::{Form, ObjectParts, form, is_trivial};
use crate::lower::refs::{component_name, resolve};
use crate::lower::schemas::{Hint, Members, TypeTable};
use crate::model::{OneOf, OneOfVariant, TypeKind, TypeRef};
use crate::naming::{Scope, camel};

/// How deep `allOf`s may nest inside each other before it must be a cycle.
const MAX_DEPTH: usize = 64;

impl<'a> TypeTable<'a> {
    /// Gathers the object members of an `allOf` part; `false` when the part is not an object.
    fn gather(&self, part: &'a ReferenceOr<Schema>, pointer: &str, members: &mut Members<'a>, depth: usize) -> Result<bool, Located> {
        let (schema, at) = resolve(part, pointer, "schemas", self.components)?;
        Ok(match form(schema) {
            Form::Object(o) => {
                members.add(o, &at);
                true
            }
            Form::AllOf { parts, own } => {
                if depth > MAX_DEPTH {
                    return Err(Located::new(ErrorKind::CyclicRef, at, "`allOf` contains itself"));
                }
                for (i, inner) in parts.iter().enumerate() {
                    let inner_at = push_pointer(&push_pointer(&at, "allOf"), &i.to_string());
                    if !self.gather(inner, &inner_at, members, depth + 1)? {
                        return Ok(false);
                    }
                }
                if let Some(o) = own {
                    members.add(o, &at);
                }
                true
            }
            Form::Any => true,
            _ => false,
        })
    }

    /// `allOf`: a single meaningful part is that part's type; object parts merge into one struct.
    pub(super) fn all_of(
        &mut self,
        parts: &'a [ReferenceOr<Schema>],
        own: Option<ObjectParts<'a>>,
        pointer: &str,
        own_name: &str,
    ) -> Result<TypeKind, Located> {
        let part_pointer = |i: usize| push_pointer(&push_pointer(pointer, "allOf"), &i.to_string());
        let meaningful: Vec<usize> = (0..parts.len()).filter(|&i| !matches!(&parts[i], ReferenceOr::Item(s) if is_trivial(s))).collect();
        if let ([only], None) = (meaningful.as_slice(), own) {
            let lowered = self.lower_ref(&parts[*only], &part_pointer(*only), &Hint::new(own_name, ""))?;
            return Ok(TypeKind::Alias(lowered.ty));
        }
        let mut members = Members::default();
        for (i, part) in parts.iter().enumerate() {
            if !self.gather(part, &part_pointer(i), &mut members, 0)? {
                // Parts that are not objects (an enum beside a struct, say) have no merged form.
                return Ok(TypeKind::Alias(TypeRef::Json));
            }
        }
        if let Some(o) = own {
            members.add(o, pointer);
        }
        if members.properties.is_empty() {
            return Ok(TypeKind::Alias(TypeRef::JsonObject));
        }
        Ok(TypeKind::Struct(self.lower_struct(&members, pointer, own_name)?))
    }

    /// `oneOf`/`anyOf`: an enum with a variant per alternative, chosen by the discriminator
    /// when the spec gives one, else by the first alternative that decodes.
    pub(super) fn one_of(
        &mut self,
        schema: &'a Schema,
        parts: &'a [ReferenceOr<Schema>],
        keyword: &str,
        pointer: &str,
        own_name: &str,
    ) -> Result<TypeKind, Located> {
        let part_pointer = |i: usize| push_pointer(&push_pointer(pointer, keyword), &i.to_string());
        if let [only] = parts {
            return Ok(TypeKind::Alias(self.lower_ref(only, &part_pointer(0), &Hint::new(own_name, ""))?.ty));
        }
        if parts.is_empty() {
            // No alternative left (3.1's `anyOf: [{type: 'null'}, …]` once its nulls are taken
            // out): an enum without variants would decode nothing; any JSON value, `null` included.
            return Ok(TypeKind::Alias(TypeRef::Json));
        }
        let discriminator = schema.schema_data.discriminator.as_ref();
        // Without a `discriminator`, a property that is a `const` in every alternative tags them.
        let property = discriminator.map(|d| d.property_name.clone()).or_else(|| self.common_const(parts, pointer));
        let mut names = Scope::default();
        let mut variants = Vec::with_capacity(parts.len());
        for (i, part) in parts.iter().enumerate() {
            let constant = property.as_deref().and_then(|p| self.const_of(part, &part_pointer(i), p, discriminator.is_some()));
            let (label, tag) = match part {
                ReferenceOr::Reference { reference } => {
                    let name = component_name(reference, "schemas", &push_pointer(&part_pointer(i), "$ref"))?;
                    let tag = constant.or_else(|| {
                        discriminator.map(|d| {
                            d.mapping
                                .iter()
                                .find(|(_, target)| *target == reference || target.as_str() == name)
                                .map_or_else(|| name.clone(), |(value, _)| value.clone())
                        })
                    });
                    (Some(name), tag)
                }
                ReferenceOr::Item(s) => (s.schema_data.title.clone().or_else(|| constant.clone()), constant),
            };
            let hint = Hint::new(own_name, label.clone().unwrap_or_else(|| format!("variant {i}")));
            let ty = self.lower_ref(part, &part_pointer(i), &hint)?.ty;
            let label = label.unwrap_or_else(|| self.describe(&ty));
            variants.push(OneOfVariant { rust_name: names.claim(camel(&label)), ty, tag, boxed: false });
        }
        // Tags pick one variant each; when two alternatives share one (the same schema listed
        // twice, say), the value decides instead, as without a discriminator.
        let tags: std::collections::HashSet<_> = variants.iter().filter_map(|v| v.tag.as_deref()).collect();
        let discriminator = property.filter(|_| variants.iter().all(|v| v.tag.is_some()) && tags.len() == variants.len());
        Ok(TypeKind::OneOf(OneOf { variants, discriminator, catch_all: None }))
    }

    /// The value of `property` in an alternative where it is a string `const`, or, for a
    /// `discriminator` (`one_value`), an `enum` of one value: what the alternative's JSON
    /// carries there, whatever the implicit mapping (the schema's name) says (OpenAI's
    /// `role: {enum: [developer]}`).
    fn const_of(&self, part: &'a ReferenceOr<Schema>, pointer: &str, property: &str, one_value: bool) -> Option<String> {
        let mut members = Members::default();
        if !self.gather(part, pointer, &mut members, 0).ok()? {
            return None;
        }
        let (schema, at) = members.properties.get(property)?;
        let schema: &Schema = match schema {
            ReferenceOr::Item(schema) => schema,
            ReferenceOr::Reference { reference } => {
                let target = self.components?.get(&component_name(reference, "schemas", at).ok()?)?;
                resolve(target, at, "schemas", self.components).ok()?.0
            }
        };
        if let Some(constant) = schema.schema_data.extensions.get(load::CONST) {
            return constant.as_str().map(str::to_owned);
        }
        if !one_value {
            return None;
        }
        let listed: Vec<String> = match &schema.schema_kind {
            openapiv3::SchemaKind::Type(openapiv3::Type::String(s)) => s.enumeration.iter().flatten().cloned().collect(),
            openapiv3::SchemaKind::Any(a) => a.enumeration.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
            _ => Vec::new(),
        };
        match listed.as_slice() {
            [only] => Some(only.clone()),
            _ => None,
        }
    }

    /// A property that is a `const` with a different value in every alternative.
    fn common_const(&self, parts: &'a [ReferenceOr<Schema>], pointer: &str) -> Option<String> {
        let at = |i: usize| push_pointer(pointer, &i.to_string());
        let mut first = Members::default();
        self.gather(parts.first()?, &at(0), &mut first, 0).ok()?;
        first
            .properties
            .keys()
            .find(|property| {
                let values: Vec<Option<String>> =
                    parts.iter().enumerate().map(|(i, part)| self.const_of(part, &at(i), property, false)).collect();
                let distinct: std::collections::HashSet<_> = values.iter().flatten().collect();
                values.iter().all(Option::is_some) && distinct.len() == values.len()
            })
            .cloned()
    }

    /// A variant name for an alternative that has no name of its own.
    fn describe(&self, ty: &TypeRef) -> String {
        match ty {
            TypeRef::String => "String".into(),
            TypeRef::I32 | TypeRef::I64 => "Integer".into(),
            TypeRef::F32 | TypeRef::F64 => "Number".into(),
            TypeRef::Bool => "Boolean".into(),
            TypeRef::DateTime => "DateTime".into(),
            TypeRef::Date => "Date".into(),
            TypeRef::Uuid => "Uuid".into(),
            TypeRef::Binary => "Bytes".into(),
            TypeRef::Upload => "Upload".into(),
            TypeRef::Json => "Value".into(),
            TypeRef::JsonObject | TypeRef::Map(_) => "Object".into(),
            TypeRef::Array(inner) => format!("{} list", self.describe(inner)),
            TypeRef::Tuple(_) => "Tuple".into(),
            TypeRef::Nullable(inner) => self.describe(inner),
            TypeRef::Named(id) => self.name_of(*id),
        }
    }
}
