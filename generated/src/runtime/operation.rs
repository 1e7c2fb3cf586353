//! What the runtime knows of the operation a call belongs to.

/// An operation's facts, written by the generated code as a literal in its `send`: they
/// name the call's span (with the `tracing` feature) and say whether the call carries an
/// idempotency key. Plain `&'static str`s, so a build without tracing pays nothing for them but
/// the strings.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Operation {
    /// The API's module, e.g. `clemta`.
    pub api: &'static str,
    /// The spec's `operationId` (or the method's name where the spec gives none).
    pub id: &'static str,
    /// The HTTP method, e.g. `PATCH`.
    pub method: &'static str,
    /// The path template as the spec writes it, e.g. `/contacts/{contact_id}`.
    pub route: &'static str,
    /// The header that carries an idempotency key, e.g. `Idempotency-Key`: filled with a fresh
    /// key when the caller did not set one, the same on every attempt, and the call may then be
    /// retried whatever its method.
    pub idempotency_header: Option<&'static str>,
}
