//! Which operations send an idempotency key, and in which header: one the operation declares
//! (a header parameter named like `Idempotency-Key`), or else, for POST and PATCH, the one the
//! spec's `idempotency-header` setting names.

use crate::lower::operations::param_names;
use crate::model::{HttpMethod, Operation, Param, ParamLocation, QueryStyle, TypeRef};
use crate::naming::param;

pub(crate) fn mark(operations: &mut [Operation], setting: Option<&str>) {
    for op in operations {
        let set = setting.filter(|_| matches!(op.http_method, HttpMethod::Post | HttpMethod::Patch));
        let declared = op.params.iter().find(|p| {
            p.location == ParamLocation::Header
                && (names_idempotency_key(&p.wire_name) || set.is_some_and(|h| p.wire_name.eq_ignore_ascii_case(h)))
        });
        op.idempotency_header = match (declared, set) {
            (Some(p), _) => Some(p.wire_name.clone()),
            (None, Some(header)) => {
                op.params.push(setting_param(&op.params, header));
                Some(header.to_owned())
            }
            (None, None) => None,
        };
    }
}

/// The header the setting names, as an optional parameter of an operation that does not declare
/// it: the caller can then choose the key, e.g. to send it again after the process restarts.
fn setting_param(params: &[Param], header: &str) -> Param {
    Param {
        rust_name: param_names(params).claim(param(header)),
        wire_name: header.to_owned(),
        location: ParamLocation::Header,
        style: QueryStyle::Form,
        ty: TypeRef::String,
        required: false,
        description: Some(
            "The call's idempotency key, sent on every attempt; a fresh one when it is not set. The spec does not declare this \
             header: the `idempotency-header` setting names it."
                .to_owned(),
        ),
        constraints: Vec::new(),
    }
}

/// `Idempotency-Key`, `X-Idempotency-Key`, `idempotency_key`, `IdempotencyKey`: whatever the
/// case, the separators or an `X-` prefix.
pub(crate) fn names_idempotency_key(name: &str) -> bool {
    let name = name.to_ascii_lowercase();
    let name = name.strip_prefix("x-").or_else(|| name.strip_prefix("x_")).unwrap_or(&name);
    name.replace(['-', '_'], "") == "idempotencykey"
}

#[cfg(test)]
mod tests {
    use super::names_idempotency_key;

    #[test]
    fn names_of_an_idempotency_header() {
        for name in ["Idempotency-Key", "idempotency-key", "X-Idempotency-Key", "Idempotency_Key", "IdempotencyKey", "x_idempotency_key"] {
            assert!(names_idempotency_key(name), "{name}");
        }
        for name in ["Idempotency", "Key", "X-Request-Id", "Idempotency-Keys", "XIdempotency-Key"] {
            assert!(!names_idempotency_key(name), "{name}");
        }
    }
}
