//! The change report (`codegen::diff`):
//! - one fixture pair per rule in `tests/diff_fixtures/<rule>/{old,new}.yaml`, each with a
//!   snapshot of its report (a pair whose first line is `# groups: tags` is split into operation
//!   groups by tag);
//! - surfaces read back as written, so the checked-in ones can be compared with;
//! - the real spec histories in `../shared/spec-history`, every consecutive pair, each with what
//!   its commit subject says changed;
//! - the generated code still follows the policy the rules assume.

use std::fs;
use std::path::{Path, PathBuf};

use codegen::diff::{self, Impact, Report, Rule, Surface};
use codegen::model::Api;
use codegen::{Grouping, SpecFile, load_model};

fn manifest_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A fixture spec, loaded as `api.yaml` so that both sides of a pair name the same module.
fn fixture(rule: &str, side: &str) -> (Api, String) {
    let path = manifest_dir().join("tests/diff_fixtures").join(rule).join(format!("{side}.yaml"));
    let text = fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    let label = format!("tests/diff_fixtures/{rule}/api.yaml");
    // A fixture about operation groups asks for them, as `specs/codegen.toml` would.
    let grouping = if text.starts_with("# groups: tags\n") { Grouping::Tags } else { Grouping::Auto };
    let spec = SpecFile::new(&label, &text).with_grouping(&grouping);
    let api = load_model(spec).unwrap_or_else(|e| panic!("{rule}/{side}.yaml: {e}"));
    (api, text)
}

fn fixture_rules() -> Vec<String> {
    let dir = manifest_dir().join("tests/diff_fixtures");
    let mut rules: Vec<String> = fs::read_dir(&dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    rules.sort();
    rules
}

#[test]
fn every_rule_has_a_fixture_pair_with_a_snapshot_of_its_report() {
    let rules = fixture_rules();
    let mut missing: Vec<&str> = Rule::ALL.iter().map(|r| r.id()).filter(|id| !rules.iter().any(|r| r == id)).collect();
    missing.sort_unstable();
    assert!(missing.is_empty(), "rules without a fixture pair: {missing:?}");
    for rule in &rules {
        let what = Rule::from_id(rule).unwrap_or_else(|| panic!("`{rule}` is not a rule id"));
        let (old, _) = fixture(rule, "old");
        let (new, _) = fixture(rule, "new");
        let report = diff::diff(&old, &new);
        assert!(report.changes.iter().any(|c| c.what == what), "{rule}: the report does not apply the rule:\n{}", diff::text(&[report]));
        for api in [&old, &new] {
            assert!(diff::diff(api, api).changes.is_empty(), "{rule}: a spec differs from itself");
        }
        // The surfaces alone (what regen compares) find the same, docs aside.
        let (a, b) = (Surface::parse(&Surface::of(&old).to_string()).unwrap(), Surface::parse(&Surface::of(&new).to_string()).unwrap());
        let from_surfaces = diff::diff_surfaces(&a, &b);
        let without_docs: Vec<_> = report.changes.iter().filter(|c| c.what != Rule::DocsChanged).cloned().collect();
        assert_eq!(from_surfaces.changes, without_docs, "{rule}");
        insta::assert_snapshot!(format!("diff_{rule}"), diff::markdown(&[report]));
    }
}

#[test]
fn reports_render_as_text_markdown_and_json() {
    let (old, _) = fixture("field-type-changed", "old");
    let (new, _) = fixture("field-type-changed", "new");
    let report = diff::diff(&old, &new);
    assert_eq!(report.semver(), Impact::Major);
    let text = diff::text(std::slice::from_ref(&report));
    assert!(text.starts_with("api 1.0.0: major (Rust API: major, wire: major), 1 change\n"), "{text}");
    assert!(text.contains("Pet.born_at: field type changed: `DateTime` → `String`"), "{text}");
    let json: serde_json::Value = serde_json::from_str(&diff::json(&[report])).unwrap();
    assert_eq!(json["semver"], "major");
    assert_eq!(json["apis"][0]["changes"][0]["rule"], "field-type-changed");
    assert_eq!(json["apis"][0]["changes"][0]["rust"], "major");
    let none = diff::json(&[]);
    assert!(none.contains("\"semver\": \"none\""), "{none}");
}

/// The checked-in surfaces are read back to be compared with: every surface must read back as
/// it was written, the corpus's included.
#[test]
fn surfaces_read_back_as_written() {
    let mut specs: Vec<(String, String)> = Vec::new();
    for rule in fixture_rules() {
        for side in ["old", "new"] {
            let (_, text) = fixture(&rule, side);
            specs.push((format!("tests/diff_fixtures/{rule}/api.yaml"), text));
        }
    }
    let dirs = [manifest_dir().join("tests/fixtures"), manifest_dir().join("../../shared/corpus"), manifest_dir().join("../specs")];
    for dir in dirs.iter().filter(|d| d.is_dir()) {
        for entry in fs::read_dir(dir).unwrap() {
            let path = entry.unwrap().path();
            if matches!(path.extension().and_then(|e| e.to_str()), Some("yaml" | "yml" | "json")) {
                specs.push((path.to_string_lossy().into_owned(), fs::read_to_string(&path).unwrap()));
            }
        }
    }
    let mut checked = 0;
    for (label, text) in &specs {
        let Ok(api) = load_model(SpecFile::new(label, text)) else { continue };
        let surface = Surface::of(&api);
        let written = surface.to_string();
        let read = Surface::parse(&written).unwrap_or_else(|e| panic!("{label}: {e}"));
        assert!(read == surface, "{label}: the surface does not read back as written");
        checked += 1;
    }
    assert!(checked >= 100, "only {checked} surfaces checked");
}

/// The rules assume the generated crate uses no `#[non_exhaustive]` and no `#[deprecated]`,
/// string enums have a catch-all, and an operation's method takes the required parameters as
/// arguments and returns a builder with a setter per optional parameter.
#[test]
fn the_generated_code_follows_the_documented_policy() {
    let path = manifest_dir().join("tests/diff_fixtures/parameter-added/new.yaml");
    let text = fs::read_to_string(&path).unwrap();
    let spec = text.replace("      operationId: listPets\n", "      operationId: listPets\n      deprecated: true\n").replace(
        "- {name: limit, in: query,",
        "- {name: owner, in: query, required: true, schema: {type: string}}\n        - {name: limit, in: query,",
    ) + "    Status:\n      type: string\n      enum: [available, sold]\n";
    let out = codegen::generate_api(SpecFile::new("api.yaml", &spec)).unwrap();
    let code: String = out.files.iter().map(|f| f.contents.as_str()).collect();
    let flat: String = code.split_whitespace().collect::<Vec<_>>().join(" ");
    assert!(!code.contains("non_exhaustive"), "the rules for added fields and variants assume no #[non_exhaustive]");
    assert!(!code.contains("#[deprecated"), "operation-deprecated assumes deprecation is documentation only");
    assert!(code.contains("Unknown(String)"), "enum-value-added assumes string enums keep unknown values");
    assert!(flat.contains("pub struct Pet {"), "{code}");
    assert!(
        flat.contains("pub fn list_pets<'a>(&'a self, owner: &'a str) -> super::builders::ListPets<'a>"),
        "the parameter rules assume required parameters are the method's arguments:\n{code}"
    );
    assert!(
        flat.contains("pub fn tag(mut self, value: impl Into<String>) -> Self")
            && flat.contains("pub fn limit(mut self, value: i32) -> Self"),
        "and optional ones setters:\n{code}"
    );
    assert!(flat.contains("pub(super) core:"), "and the builders' fields private:\n{code}");
}

// ---- The real histories ---------------------------------------------------------------------

fn history_dir() -> PathBuf {
    manifest_dir().join("../../shared/spec-history")
}

fn load_file(path: &Path) -> Result<Api, codegen::Error> {
    let text = fs::read_to_string(path).unwrap();
    load_model(SpecFile::new(&path.to_string_lossy(), &text))
}

/// A pair's expectation: the newer file's prefix, the class, `(rule, location piece)`s.
type Expected = (&'static str, &'static str, &'static [(&'static str, &'static str)]);

/// What each commit's subject (MANIFEST.tsv) says changed, as changes the report must hold:
/// `(file of the newer version, its class, [(rule, a piece of the change's location)])`.
/// Read from each pair's own differences; generated names (inline types, methods without an
/// `operationId`) are left out where a path or a schema's own name says the same.
const EXPECTED: &[Expected] = &[
    // fix: fixed typos (summaries, tag names)
    ("resend/08-", "patch", &[("docs-changed", "(POST /emails)"), ("docs-changed", "(GET /domains)")]),
    // fix: removed dnsprovider and react attributes
    ("resend/09-", "major", &[("field-removed", "CreateDomainResponse.dns_provider"), ("field-removed", "SendEmailRequest.react")]),
    // fix: added correct responses for create domain and apikey (200 → 201)
    (
        "resend/10-",
        "major",
        &[
            ("success-status-added", "(POST /domains) 201"),
            ("success-status-removed", "(POST /domains) 200"),
            ("success-status-added", "(POST /api-keys) 201"),
        ],
    ),
    // chore: Bump version to 1.0.0
    ("resend/11-", "patch", &[("info-changed", "api")]),
    // feat: Add audiences and contacts specification
    (
        "resend/12-",
        "minor",
        &[
            ("operation-added", "(POST /audiences)"),
            ("operation-added", "(GET /audiences/{id})"),
            ("operation-added", "(POST /audiences/{audience_id}/contacts)"),
            ("operation-added", "(PATCH /audiences/{audience_id}/contacts/{id})"),
            ("type-added", "CreateContactOptions"),
        ],
    ),
    // feat: Add missing examples
    ("resend/13-", "patch", &[("docs-changed", "GetAudienceResponseSuccess")]),
    // chore: Bump version to 1.1.0
    ("resend/14-", "patch", &[("info-changed", "api")]),
    // feat: Add patch operation for domains module
    ("resend/15-", "minor", &[("operation-added", "(PATCH /domains/{domain_id})"), ("type-added", "UpdateDomainOptions")]),
    // feat: Remove extra param and standardize verb
    ("resend/16-", "major", &[("field-removed", "UpdateDomainOptions.id"), ("docs-changed", "(PATCH /domains/{domain_id})")]),
    // feat: Add `content_type` prop to Attachment schema
    ("resend/17-", "major", &[("field-added", "Attachment.content_type")]),
    // feat: Add email scheduling
    (
        "resend/18-",
        "major",
        &[
            ("field-added", "SendEmailRequest.scheduled_at"),
            ("operation-added", "(PATCH /emails/{email_id})"),
            ("operation-added", "(POST /emails/{email_id}/cancel)"),
        ],
    ),
    // fix: Duplicate keys (the domain update's options, which the duplicate hid)
    ("resend/19-", "major", &[("field-added", "UpdateDomainOptions.tls")]),
    // feat: Add broadcast endpoints
    (
        "resend/20-",
        "minor",
        &[
            ("operation-added", "(POST /broadcasts)"),
            ("operation-added", "(GET /broadcasts)"),
            ("operation-added", "(GET /broadcasts/{id})"),
            ("operation-added", "(DELETE /broadcasts/{id})"),
            ("operation-added", "(POST /broadcasts/{id}/send)"),
        ],
    ),
    // feat: update openAPI spec (idempotency keys, contacts by email)
    (
        "resend/21-",
        "minor",
        &[
            ("parameter-added", "(POST /emails) header idempotency_key"),
            ("parameter-added", "(POST /emails/batch) header idempotency_key"),
            ("operation-added", "(GET /audiences/{audience_id}/contacts/{email})"),
        ],
    ),
    // feat: add OpenAPI spec for inbound-related endpoints
    ("resend/22-", "minor", &[("operation-added", "(GET /emails/receiving)"), ("operation-added", "(GET /emails/{email_id}/attachments)")]),
    // feat: add OpenAPI spec for webhooks
    ("resend/23-", "minor", &[("operation-added", "(POST /webhooks)"), ("operation-added", "(DELETE /webhooks/{webhook_id})")]),
    // feat: update domain APIs with capabilities
    (
        "resend/24-",
        "major",
        &[("field-added", "CreateDomainRequest.capability"), ("field-added", "Domain.capability"), ("enum-value-added", "ApNortheast1")],
    ),
    // feat: add openAPI spec for templates
    (
        "resend/25-",
        "major",
        &[
            ("operation-added", "(POST /templates)"),
            ("operation-added", "(POST /templates/{id}/publish)"),
            ("field-added", "SendEmailRequest.template"),
        ],
    ),
    // fix: remove domain capabilities
    ("resend/26-", "major", &[("field-removed", "CreateDomainRequest.capability"), ("field-removed", "Domain.capability")]),
    // feat: update GET broadcast/:id endpoint — this revision is not valid YAML (fixed by the next)
    ("resend/27-", "error", &[]),
    // fix: invalid syntax — compared with the last valid revision, 26
    ("resend/28-", "major", &[("field-added", "GetBroadcastResponseSuccess.html"), ("field-added", "GetBroadcastResponseSuccess.text")]),
    // feat: update with last release endpoints (segments, topics, contact properties, email list)
    (
        "resend/29-",
        "major",
        &[
            ("operation-added", "(POST /segments)"),
            ("operation-added", "(POST /topics)"),
            ("operation-added", "(POST /contact-properties)"),
            ("operation-added", "(GET /emails)"),
            ("operation-added", "(PATCH /broadcasts/{id})"),
        ],
    ),
    // feat: create and send broadcasts on the same request
    (
        "resend/30-",
        "major",
        &[
            ("field-added", "CreateBroadcastOptions.send"),
            ("field-added", "CreateBroadcastOptions.scheduled_at"),
            ("required-field-added", "CreateBroadcastOptions.segment_id"),
        ],
    ),
    // feat: support string or array for email fields
    (
        "resend/31-",
        "major",
        &[
            ("field-type-changed", "SendEmailRequest.to"),
            ("field-type-changed", "SendEmailRequest.cc"),
            ("field-type-changed", "SendEmailRequest.bcc"),
        ],
    ),
    // feat: Update with docs (pagination, contact properties, domain options)
    (
        "resend/32-",
        "major",
        &[
            ("parameter-added", "(GET /domains) query limit"),
            ("parameter-added", "(GET /api-keys) query after"),
            ("required-field-added", "CreateContactPropertyOptions.key"),
            ("field-removed", "CreateContactPropertyOptions.name"),
            ("field-added", "CreateDomainRequest.tls"),
        ],
    ),
    // chore: v1.4.0
    ("resend/33-", "patch", &[("info-changed", "api")]),
    // feat: deprecate audiences in favor of segments (contacts move out of audiences)
    (
        "resend/34-",
        "major",
        &[
            ("operation-deprecated", "(GET /audiences)"),
            ("operation-deprecated", "(POST /audiences)"),
            ("operation-removed", "(POST /audiences/{audience_id}/contacts)"),
            ("operation-added", "(POST /contacts)"),
        ],
    ),
    // chore: v1.5.0
    ("resend/35-", "patch", &[("info-changed", "api")]),
    // add last_used_at to ApiKey schema
    ("resend/36-", "major", &[("field-added", "ApiKey.last_used_at")]),
    // feat: add Logs endpoints
    ("resend/37-", "minor", &[("operation-added", "(GET /logs)"), ("operation-added", "(GET /logs/{log_id})"), ("type-added", "Log")]),
    // fix: inconsistencies and typos (the key deletion's answer gets its body)
    ("resend/38-", "major", &[("success-type-changed", "(DELETE /api-keys/{api_key_id})"), ("docs-changed", "CreateApiKeyRequest")]),
    // feat: update with automations and events
    ("resend/39-", "major", &[("operation-added", "(POST /automations)"), ("operation-added", "(POST /events/send)")]),
    // feat: add custom click tracking
    ("resend/40-", "major", &[("field-added", "CreateDomainRequest.tracking_subdomain"), ("field-added", "Domain.click_tracking")]),
    // fix: update automations schema to match current API (edges → connections)
    (
        "resend/41-",
        "major",
        &[("required-field-added", "CreateAutomationRequest.connections"), ("field-removed", "CreateAutomationRequest.edges")],
    ),
    // fix: remove extra seconds field (from the delay step's documented config)
    ("resend/42-", "patch", &[("docs-changed", "AutomationStep")]),
    // feat(domains): add TrackingCAA record type
    ("resend/43-", "major", &[("enum-value-added", "TrackingCaa"), ("enum-value-added", "Caa")]),
    // fix: add new domain statuses (the status becomes an enum of them)
    ("resend/44-", "major", &[("field-type-changed", "Domain.status")]),
    // chore: update open api spec (the email's last event becomes an enum)
    ("resend/45-", "major", &[("field-type-changed", "Email.last_event")]),
    // fix: declare type for nullable jsonb fields in Log and AutomationRunStep
    ("resend/46-", "major", &[("field-type-changed", "Log.request_body"), ("field-type-changed", "AutomationRunStep.output")]),
    // Oxide Nexus: a sled's slot
    ("oxide-nexus/nexus-2026081200", "major", &[("info-changed", "api"), ("field-added", "Sled.slot")]),
    // Oxide Nexus: alerts
    (
        "oxide-nexus/nexus-2026081400",
        "minor",
        &[("operation-added", "(GET /v1/alerts)"), ("operation-added", "(GET /v1/alerts/{alert_id})")],
    ),
];

/// Every consecutive pair of every history: no panic, a report whenever the surfaces differ, and
/// what the owner's commit subject describes is in it.
#[test]
fn spec_history_pairs_report_what_their_owners_describe() {
    let root = history_dir();
    if !root.is_dir() {
        eprintln!("{} not found: the spec histories are not checked", root.display());
        return;
    }
    let manifest = fs::read_to_string(root.join("MANIFEST.tsv")).unwrap();
    let files: Vec<&str> = manifest.lines().skip(1).filter_map(|l| l.split('\t').next()).collect();
    let mut pairs = Vec::new();
    for history in ["resend/", "oxide-nexus/"] {
        let versions: Vec<&str> = files.iter().copied().filter(|f| f.starts_with(history)).collect();
        pairs.extend(versions.windows(2).map(|w| (w[0], w[1])));
    }
    assert_eq!(pairs.len(), EXPECTED.len(), "an expectation per consecutive pair");
    let mut last_valid: Option<Api> = None;
    let mut failures = Vec::new();
    for (old_file, new_file) in pairs {
        let (prefix, class, expected) =
            EXPECTED.iter().find(|(p, ..)| new_file.starts_with(p)).unwrap_or_else(|| panic!("no expectation for {new_file}"));
        let old = match load_file(&root.join(old_file)) {
            Ok(api) => api,
            Err(_) => last_valid.clone().expect("the first version loads"),
        };
        let new = match load_file(&root.join(new_file)) {
            Ok(api) => api,
            Err(e) => {
                assert_eq!(*class, "error", "{new_file}: {e}");
                assert!(e.to_string().contains(new_file) && e.line.is_some(), "a located error: {e}");
                continue;
            }
        };
        let report = diff::diff(&old, &new);
        let (a, b) = (Surface::of(&old), Surface::of(&new));
        let surfaces_differ = Surface { module: String::new(), ..a } != Surface { module: String::new(), ..b };
        assert!(
            !surfaces_differ || report.changes.iter().any(|c| c.what != Rule::DocsChanged),
            "{new_file}: the surfaces differ, the report does not say how"
        );
        if report.semver().as_str() != *class {
            failures.push(format!("{prefix}: class {} where {class} was expected", report.semver()));
        }
        for (rule, place) in expected.iter() {
            let found = report.changes.iter().any(|c| c.what.id() == *rule && c.location.to_string().contains(place));
            if !found {
                failures.push(format!("{prefix}: no `{rule}` at `{place}` in\n{}", diff::text(std::slice::from_ref(&report))));
            }
        }
        last_valid = Some(new);
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// The classes a report can have, for the regen's `--bump`: the largest of its changes'.
#[test]
fn a_report_is_as_major_as_its_largest_change() {
    let (old, _) = fixture("operation-added", "old");
    let (new, _) = fixture("operation-added", "new");
    let report: Report = diff::diff(&old, &new);
    assert_eq!((report.rust(), report.wire(), report.semver()), (Impact::Minor, Impact::Minor, Impact::Minor));
    assert!(!report.breaks());
    let empty = diff::diff(&old, &old);
    assert_eq!(empty.semver(), Impact::None);
}
