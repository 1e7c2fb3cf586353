//! Which operations send an idempotency key, and in which header: one the operation declares
//! (a header parameter named like `Idempotency-Key`), or else, for POST and PATCH, the one the
//! spec's `idempotency-header` setting names.

use crate::model::{HttpMethod, Operation, ParamLocation};

pub(crate) fn mark(operations: &mut [Operation], setting: Option<&str>) {
    for op in operations {
        let declared = op.params.iter().find(|p| p.location == ParamLocation::Header && names_idempotency_key(&p.wire_name));
        let set = setting.filter(|_| matches!(op.http_method, HttpMethod::Post | HttpMethod::Patch));
        op.idempotency_header = declared.map(|p| p.wire_name.as_str()).or(set).map(str::to_owned);
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
