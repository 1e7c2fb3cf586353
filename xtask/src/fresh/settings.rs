//! Per-spec settings: a table per module in `specs/codegen.toml`.

use std::collections::BTreeMap;
use std::fs;
use std::path::Path;

/// Where per-spec settings are read from, relative to the workspace root.
pub(super) const SETTINGS_FILE: &str = "specs/codegen.toml";

/// The settings of one spec: a table named after its module in `specs/codegen.toml`, e.g.
/// `[clemta]` then `deny-warnings = true`. A missing file, table or key means the default; an
/// unknown key or module is an error. A new setting is a new field here.
#[derive(Debug, Clone, PartialEq, Eq, serde::Deserialize)]
#[serde(default, deny_unknown_fields, rename_all = "kebab-case")]
pub struct Settings {
    /// The spec's warnings are errors, as `--deny-warnings` makes them for every spec.
    pub deny_warnings: bool,
    /// A pagination pattern the spec does not show, for every operation it fits, e.g.
    /// `pagination = { style = "after-last", param = "starting_after", has-more = "has_more" }`
    /// (the fields of `x-pagination`; see `codegen/src/lower/pagination.rs`).
    pub pagination: Option<codegen::PageRule>,
    /// FastAPI's default operation ids (`read_item_items__item_id__get`) name their methods by
    /// the handler (`read_item`) where it is unique; `false` keeps the ids as written.
    pub handler_names: bool,
    /// The header of an idempotency key the client sends with every POST and PATCH, e.g.
    /// `idempotency-header = "Idempotency-Key"`, for a spec that does not declare it as a
    /// parameter (operations that do use their own).
    pub idempotency_header: Option<String>,
    /// How the operations are split into cargo features: `"auto"` (from
    /// `codegen::AUTO_OPERATIONS` operations on, by first tag, or by path where most operations
    /// have no tag), `"tags"`, `"paths"`, `"off"`, or named lists of path prefixes
    /// (`groups = { billing = ["/v1/invoices", "/v1/plans"] }`; see `codegen::Grouping`).
    pub groups: codegen::Grouping,
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            deny_warnings: false,
            pagination: None,
            handler_names: true,
            idempotency_header: None,
            groups: codegen::Grouping::Auto,
        }
    }
}

/// The settings in `specs/codegen.toml` by module, checked against the specs' `modules`.
pub(super) fn load_settings(root: &Path, modules: &[String]) -> Result<BTreeMap<String, Settings>, String> {
    let text = match fs::read_to_string(root.join(SETTINGS_FILE)) {
        Ok(text) => text,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(BTreeMap::new()),
        Err(e) => return Err(format!("error: cannot read {SETTINGS_FILE}: {e}")),
    };
    let line = |span: Option<std::ops::Range<usize>>| {
        span.map_or(1, |s| 1 + text.as_bytes()[..s.start.min(text.len())].iter().filter(|&&b| b == b'\n').count())
    };
    let tables: BTreeMap<toml::Spanned<String>, Settings> =
        toml::from_str(&text).map_err(|e| format!("error: {SETTINGS_FILE}:{}: {}", line(e.span()), e.message().trim_end()))?;
    let mut settings = BTreeMap::new();
    for (module, table) in tables {
        if !modules.contains(module.get_ref()) {
            return Err(format!(
                "error: {SETTINGS_FILE}:{}: `[{}]` is not the module of any spec in specs/ (they are: {})",
                line(Some(module.span())),
                module.get_ref(),
                modules.join(", ")
            ));
        }
        settings.insert(module.into_inner(), table);
    }
    Ok(settings)
}
