//! The generated crate's version, bumped by the class of a regen's API changes (`--bump`).

use std::fs;
use std::path::Path;

use codegen::GeneratedFile;
use codegen::diff::{Impact, Report};

/// The `version = "…"` of the `[package]` table, and its line's byte range.
pub(super) fn package_version(manifest: &str) -> Option<(String, std::ops::Range<usize>)> {
    let mut in_package = false;
    let mut offset = 0;
    for line in manifest.split_inclusive('\n') {
        let trimmed = line.trim();
        if trimmed.starts_with('[') {
            in_package = trimmed == "[package]";
        } else if in_package {
            if let Some(value) = trimmed.strip_prefix("version = \"").and_then(|v| v.strip_suffix('"')) {
                return Some((value.to_owned(), offset..offset + line.trim_end_matches('\n').len()));
            }
        }
        offset += line.len();
    }
    None
}

pub(super) fn with_version(manifest: &str, version: &str) -> String {
    match package_version(manifest) {
        Some((_, range)) => format!("{}version = \"{version}\"{}", &manifest[..range.start], &manifest[range.end..]),
        None => manifest.to_owned(),
    }
}

/// The version after changes of `class`, as cargo reads semver: before 1.0, the minor number is
/// the major one (`0.3.1` → `0.4.0` for a break, `0.3.2` for an addition).
pub fn bumped(version: &str, class: Impact) -> Result<String, String> {
    let numbers: Vec<u64> = version.split('.').map(|n| n.parse().map_err(|_| ())).collect::<Result<_, _>>().unwrap_or_default();
    let [major, minor, patch] = numbers[..] else {
        return Err(format!("cannot bump version `{version}`: not `major.minor.patch`"));
    };
    Ok(match (class, major) {
        (Impact::None, _) => version.to_owned(),
        (Impact::Major, 0) => format!("0.{}.0", minor + 1),
        (Impact::Major, _) => format!("{}.0.0", major + 1),
        (Impact::Minor, 0) | (Impact::Patch, _) => format!("{major}.{minor}.{}", patch + 1),
        (Impact::Minor, _) => format!("{major}.{}.0", minor + 1),
    })
}

/// The generated crate's version: the one checked in (regen keeps it), bumped by the largest
/// class among `reports` when asked. `(before, after)`.
pub(super) fn version(
    crate_dir: &Path,
    files: &[GeneratedFile],
    reports: &[Report],
    bump: bool,
) -> Result<Option<(String, String)>, String> {
    let Some(manifest) = files.iter().find(|f| f.path == "Cargo.toml") else { return Ok(None) };
    let checked_in = fs::read_to_string(crate_dir.join("Cargo.toml")).ok().and_then(|m| package_version(&m)).map(|(v, _)| v);
    let Some(current) = checked_in.or_else(|| package_version(&manifest.contents).map(|(v, _)| v)) else { return Ok(None) };
    let class = reports.iter().map(Report::semver).max().unwrap_or_default();
    let next = if bump { bumped(&current, class)? } else { current.clone() };
    Ok(Some((current, next)))
}
