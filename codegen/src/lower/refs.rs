//! Resolves local `$ref`s (`#/components/<section>/<name>`) and reports dangling, external and
//! cyclic ones with the pointer of the `$ref` itself.

use indexmap::IndexMap;
use openapiv3::{ReferenceOr, Schema};

use crate::error::{ErrorKind, Located, push_pointer, ref_token};

/// Follows `$ref`s of one component section (responses, parameters, …) to the item they name.
/// `section` is e.g. `responses`; returns the item and the pointer where it is defined.
pub(crate) fn resolve<'a, T>(
    item: &'a ReferenceOr<T>,
    pointer: &str,
    section: &str,
    components: Option<&'a IndexMap<String, ReferenceOr<T>>>,
) -> Result<(&'a T, String), Located> {
    let mut current = item;
    let mut at = pointer.to_owned();
    let mut seen: Vec<String> = Vec::new();
    loop {
        match current {
            ReferenceOr::Item(value) => return Ok((value, at)),
            ReferenceOr::Reference { reference } => {
                let name = component_name(reference, section, &push_pointer(&at, "$ref"))?;
                if seen.contains(&name) {
                    return Err(Located::new(
                        ErrorKind::CyclicRef,
                        push_pointer(&at, "$ref"),
                        format!("`$ref: {reference}` leads back to itself"),
                    ));
                }
                current = components.and_then(|c| c.get(&name)).ok_or_else(|| {
                    Located::new(
                        ErrorKind::DanglingRef,
                        push_pointer(&at, "$ref"),
                        format!("`$ref: {reference}` points at nothing: there is no {section} entry `{name}`"),
                    )
                })?;
                at = push_pointer(&push_pointer("/components", section), &name);
                seen.push(name);
            }
        }
    }
}

/// The `<name>` of `#/components/<section>/<name>`, unescaped (`a~1b` names `a/b`); `at` is the
/// pointer of the `$ref` for errors.
/// The schema a `$ref` to `#/components/schemas/…` names, following `$ref`s between
/// components; `None` when it points at nothing, elsewhere, or round in a circle. For the
/// questions asked of a schema beside lowering it (is it nullable, read-only, a file?).
pub(crate) fn component_schema<'a>(schemas: Option<&'a IndexMap<String, ReferenceOr<Schema>>>, reference: &str) -> Option<&'a Schema> {
    let name = component_name(reference, "schemas", "").ok()?;
    resolve(schemas?.get(&name)?, "", "schemas", schemas).ok().map(|(schema, _)| schema)
}

pub(crate) fn component_name(reference: &str, section: &str, at: &str) -> Result<String, Located> {
    let Some(local) = reference.strip_prefix('#') else {
        return Err(Located::new(
            ErrorKind::Unsupported,
            at,
            format!("external `$ref: {reference}` is not supported; bundle the spec into one file first"),
        ));
    };
    let prefix = format!("/components/{section}/");
    match local.strip_prefix(&prefix) {
        Some(name) if !name.is_empty() && !name.contains('/') => Ok(ref_token(name)),
        _ => Err(Located::new(ErrorKind::Unsupported, at, format!("`$ref: {reference}` must point at `#/components/{section}/<name>`"))),
    }
}
