//! Reports as text (the terminal and regen), Markdown (a pull-request comment) and JSON.

use std::fmt::Write;

use serde_json::{Value, json};

use super::{Change, Impact, Report};

/// The class of several APIs' reports together.
fn overall(reports: &[Report], axis: fn(&Report) -> Impact) -> Impact {
    reports.iter().map(axis).max().unwrap_or_default()
}

fn headline(report: &Report) -> String {
    let versions = if report.old_version == report.new_version {
        report.new_version.clone()
    } else {
        format!("{} → {}", report.old_version, report.new_version)
    };
    let n = report.changes.len();
    let changes = if n == 1 { "1 change".to_owned() } else { format!("{n} changes") };
    format!("{} {versions}: {} (Rust API: {}, wire: {}), {changes}", report.module, report.semver(), report.rust(), report.wire())
}

fn what(change: &Change) -> String {
    if change.detail.is_empty() { change.what.title() } else { format!("{}: {}", change.what.title(), change.detail) }
}

/// One block per API: a headline, then a line per change (Rust and wire impact, where, what),
/// breaking ones with their reason beneath.
pub fn text(reports: &[Report]) -> String {
    let mut out = String::new();
    for report in reports {
        let _ = writeln!(out, "{}", headline(report));
        for c in &report.changes {
            let _ = writeln!(out, "  {:<5} {:<5}  {}: {}", c.rust.as_str(), c.wire.as_str(), c.location, what(c));
            if c.class() == Impact::Major {
                let _ = writeln!(out, "               {}", c.reason);
            }
        }
    }
    out
}

fn cell(text: &str) -> String {
    text.replace('|', "\\|").replace('\n', " ")
}

fn impact_cell(impact: Impact) -> String {
    if impact == Impact::Major { "**major**".to_owned() } else { impact.as_str().to_owned() }
}

/// A section per API with a table of its changes, breaking ones first.
pub fn markdown(reports: &[Report]) -> String {
    let mut out = String::new();
    if reports.len() > 1 {
        let semver = overall(reports, Report::semver);
        let _ = writeln!(out, "## API changes: **{semver}**\n");
    }
    for report in reports {
        let versions = if report.old_version == report.new_version {
            report.new_version.clone()
        } else {
            format!("{} → {}", report.old_version, report.new_version)
        };
        let _ = writeln!(out, "### `{}` {}: **{}**\n", report.module, cell(&versions), report.semver());
        let n = report.changes.len();
        let changes = if n == 1 { "1 change".to_owned() } else { format!("{n} changes") };
        let _ = writeln!(out, "Rust API: {} · wire: {} · {changes}\n", report.rust(), report.wire());
        if report.changes.is_empty() {
            continue;
        }
        let _ = writeln!(out, "| Rust API | wire | where | change | why |\n|---|---|---|---|---|");
        let mut changes: Vec<&Change> = report.changes.iter().collect();
        changes.sort_by_key(|c| std::cmp::Reverse(c.class()));
        for c in changes {
            let _ = writeln!(
                out,
                "| {} | {} | `{}` | {} | {} |",
                impact_cell(c.rust),
                impact_cell(c.wire),
                cell(&c.location.to_string()).replace('`', "'"),
                cell(&what(c)),
                cell(&c.reason)
            );
        }
        out.push('\n');
    }
    out
}

fn change_json(c: &Change) -> Value {
    let mut value = json!({
        "rule": c.what.id(),
        "location": c.location.to_string(),
        "detail": c.detail,
        "rust": c.rust.as_str(),
        "wire": c.wire.as_str(),
        "reason": c.reason,
    });
    if let Some((method, path)) = c.location.operation() {
        value["method"] = json!(method);
        value["path"] = json!(path);
    }
    value
}

/// `{"semver": …, "rust": …, "wire": …, "apis": [{"module", "old_version", "new_version",
/// "semver", "rust", "wire", "changes": [{"rule", "location", "detail", "rust", "wire",
/// "reason"}]}]}`; changes in operations also carry `method` and `path`.
pub fn json(reports: &[Report]) -> String {
    let apis: Vec<Value> = reports
        .iter()
        .map(|r| {
            json!({
                "module": r.module,
                "old_version": r.old_version,
                "new_version": r.new_version,
                "semver": r.semver().as_str(),
                "rust": r.rust().as_str(),
                "wire": r.wire().as_str(),
                "changes": r.changes.iter().map(change_json).collect::<Vec<_>>(),
            })
        })
        .collect();
    let value = json!({
        "semver": overall(reports, Report::semver).as_str(),
        "rust": overall(reports, Report::rust).as_str(),
        "wire": overall(reports, Report::wire).as_str(),
        "apis": apis,
    });
    let mut text = serde_json::to_string_pretty(&value).expect("JSON values always serialize");
    text.push('\n');
    text
}
