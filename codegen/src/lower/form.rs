//! One structural view of a schema, whether openapiv3 parsed it as a typed schema or as "any"
//! (which it does for objects without `type`, and for mixes such as `allOf` plus `properties`).

use indexmap::IndexMap;
use openapiv3::{
    AdditionalProperties, IntegerFormat, NumberFormat, ReferenceOr, Schema, SchemaKind, StringFormat, Type, VariantOrUnknownOrEmpty,
};

/// The members of an object schema.
#[derive(Clone, Copy)]
pub(crate) struct ObjectParts<'s> {
    pub properties: &'s IndexMap<String, ReferenceOr<Box<Schema>>>,
    pub required: &'s [String],
    pub additional: Option<&'s AdditionalProperties>,
}

pub(crate) enum Form<'s> {
    Object(ObjectParts<'s>),
    Array(Option<&'s ReferenceOr<Box<Schema>>>),
    /// A string, with its enum values (if any) and its `format`.
    String {
        values: Vec<String>,
        format: Option<String>,
    },
    Integer {
        int32: bool,
    },
    Number {
        float: bool,
    },
    Boolean,
    /// No constraint at all: any JSON value.
    Any,
    /// `allOf`, plus the object members written beside it, if any.
    AllOf {
        parts: &'s [ReferenceOr<Schema>],
        own: Option<ObjectParts<'s>>,
    },
    /// `oneOf` or `anyOf` (`keyword` says which).
    OneOf {
        parts: &'s [ReferenceOr<Schema>],
        keyword: &'static str,
    },
    Unsupported(&'static str),
}

fn string_format(format: &VariantOrUnknownOrEmpty<StringFormat>) -> Option<String> {
    match format {
        VariantOrUnknownOrEmpty::Item(f) => Some(
            match f {
                StringFormat::Date => "date",
                StringFormat::DateTime => "date-time",
                StringFormat::Password => "password",
                StringFormat::Byte => "byte",
                StringFormat::Binary => "binary",
            }
            .to_owned(),
        ),
        VariantOrUnknownOrEmpty::Unknown(other) => Some(other.clone()),
        VariantOrUnknownOrEmpty::Empty => None,
    }
}

pub(crate) fn form(schema: &Schema) -> Form<'_> {
    match &schema.schema_kind {
        SchemaKind::Type(Type::Object(o)) => Form::Object(ObjectParts {
            properties: &o.properties,
            required: &o.required,
            additional: o.additional_properties.as_ref(),
        }),
        SchemaKind::Type(Type::Array(a)) => Form::Array(a.items.as_ref()),
        SchemaKind::Type(Type::String(s)) => Form::String {
            values: s.enumeration.iter().flatten().cloned().collect(),
            format: string_format(&s.format),
        },
        SchemaKind::Type(Type::Integer(i)) => {
            Form::Integer { int32: matches!(i.format, VariantOrUnknownOrEmpty::Item(IntegerFormat::Int32)) }
        }
        SchemaKind::Type(Type::Number(n)) => Form::Number { float: matches!(n.format, VariantOrUnknownOrEmpty::Item(NumberFormat::Float)) },
        SchemaKind::Type(Type::Boolean(_)) => Form::Boolean,
        SchemaKind::OneOf { one_of } => Form::OneOf { parts: one_of, keyword: "oneOf" },
        SchemaKind::AnyOf { any_of } => Form::OneOf { parts: any_of, keyword: "anyOf" },
        SchemaKind::AllOf { all_of } => Form::AllOf { parts: all_of, own: None },
        SchemaKind::Not { .. } => Form::Unsupported("not"),
        SchemaKind::Any(any) => {
            let object = ObjectParts {
                properties: &any.properties,
                required: &any.required,
                additional: any.additional_properties.as_ref(),
            };
            let has_members = !any.properties.is_empty() || any.additional_properties.is_some();
            if !any.all_of.is_empty() {
                Form::AllOf { parts: &any.all_of, own: has_members.then_some(object) }
            } else if !any.one_of.is_empty() {
                Form::OneOf { parts: &any.one_of, keyword: "oneOf" }
            } else if !any.any_of.is_empty() {
                Form::OneOf { parts: &any.any_of, keyword: "anyOf" }
            } else if any.not.is_some() {
                Form::Unsupported("not")
            } else {
                match any.typ.as_deref() {
                    Some("object") | None if has_members => Form::Object(object),
                    Some("object") => Form::Object(ObjectParts { additional: None, ..object }),
                    Some("array") => Form::Array(any.items.as_ref()),
                    None if any.items.is_some() => Form::Array(any.items.as_ref()),
                    Some("string") | None if any.enumeration.iter().any(|v| v.is_string()) => Form::String {
                        values: any.enumeration.iter().filter_map(|v| v.as_str().map(str::to_owned)).collect(),
                        format: any.format.clone(),
                    },
                    Some("string") => Form::String { values: Vec::new(), format: any.format.clone() },
                    Some("integer") => Form::Integer { int32: any.format.as_deref() == Some("int32") },
                    Some("number") => Form::Number { float: any.format.as_deref() == Some("float") },
                    Some("boolean") => Form::Boolean,
                    _ => Form::Any,
                }
            }
        }
    }
}

/// A schema that adds nothing to an `allOf`: no type, no members, only prose.
pub(crate) fn is_trivial(schema: &Schema) -> bool {
    matches!(form(schema), Form::Any)
}
