//! `cargo xtask bench-compile --groups SPEC…`: what a grouped API costs to compile whole, as one
//! mid-size group, and as three groups, `cargo check` and `cargo build` of the crate alone in
//! the same run.

use std::path::Path;
use std::time::{Duration, Instant};

use codegen::model::{Api, GroupId};

/// Runs of each case; the median is reported.
const RUNS: usize = 3;

/// The cases to time: a label and the features it builds with.
pub(crate) fn cases(api: &Api) -> Vec<(String, Vec<String>)> {
    let mut sizes: Vec<(usize, GroupId)> =
        (0..api.groups.len()).map(|g| (api.operations.iter().filter(|op| op.group == Some(GroupId(g))).count(), GroupId(g))).collect();
    sizes.sort();
    let at = |share: usize| sizes[(sizes.len() - 1) * share / 4].1;
    let (middle, quarters) = (at(2), [at(1), at(2), at(3)]);
    let describe = |g: GroupId| {
        let ops = sizes.iter().find(|(_, id)| *id == g).map_or(0, |(n, _)| *n);
        format!("{} ({ops} ops)", api.groups[g.0].name)
    };
    let mut three: Vec<GroupId> = quarters.to_vec();
    three.dedup();
    vec![
        (format!("whole API ({} ops)", api.operations.len()), vec![api.module.clone()]),
        (format!("one group: {}", describe(middle)), vec![api.group_feature(middle)]),
        (
            format!("three groups: {}", three.iter().map(|g| describe(*g)).collect::<Vec<_>>().join(", ")),
            three.iter().map(|g| api.group_feature(*g)).collect(),
        ),
    ]
}

/// `cargo <command>` of the crate alone (rebuilt from clean) with only `features`.
fn timed(dir: &Path, target: &Path, command: &str, features: &[String]) -> Result<Duration, String> {
    let run = |args: &[&str]| {
        crate::workspace::cargo()
            .args(args)
            .args(["--quiet", "--offline"])
            .current_dir(dir)
            .env("CARGO_TARGET_DIR", target)
            .status()
            .map_err(|e| e.to_string())
    };
    run(&["clean", "-p", "generated"])?;
    let features = features.join(",");
    let started = Instant::now();
    let status = run(&[command, "--no-default-features", "--features", &features])?;
    let elapsed = started.elapsed();
    if status.success() { Ok(elapsed) } else { Err(format!("cargo {command} --features {features} failed in {}", dir.display())) }
}

fn median(mut runs: Vec<Duration>) -> Duration {
    runs.sort();
    runs[runs.len() / 2]
}

/// Times each case of `api`, generated into the scratch crate `dir`, and prints a row per case.
pub(crate) fn run(api: &Api, dir: &Path, target: &Path) -> Result<(), String> {
    if api.groups.is_empty() {
        println!("{}: one feature, no groups to time", api.module);
        return Ok(());
    }
    println!("{:<72} {:>11} {:>11}", format!("{} ({} groups)", api.module, api.groups.len()), "cargo check", "cargo build");
    let cases = cases(api);
    // Dependencies built once for each profile, outside the timings.
    timed(dir, target, "check", &cases[0].1)?;
    timed(dir, target, "build", &cases[0].1)?;
    let mut whole = None;
    for (label, features) in cases {
        let check = median((0..RUNS).map(|_| timed(dir, target, "check", &features)).collect::<Result<_, _>>()?);
        let build = median((0..RUNS).map(|_| timed(dir, target, "build", &features)).collect::<Result<_, _>>()?);
        let (whole_check, whole_build) = *whole.get_or_insert((check, build));
        let share = |t: Duration, of: Duration| 100.0 * t.as_secs_f64() / of.as_secs_f64();
        println!(
            "  {label:<70} {:>6.2}s {:>3.0}% {:>6.2}s {:>3.0}%",
            check.as_secs_f64(),
            share(check, whole_check),
            build.as_secs_f64(),
            share(build, whole_build)
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use codegen::{Grouping, SpecFile};

    #[test]
    fn cases_are_the_whole_api_a_middle_group_and_three() {
        let mut spec = String::from("openapi: 3.0.3\ninfo: {title: T, version: '1'}\npaths:\n");
        // Groups a..e with 1..5 operations.
        for (g, tag) in ["a", "b", "c", "d", "e"].iter().enumerate() {
            for n in 0..=g {
                spec.push_str(&format!("  /{tag}{n}:\n    get:\n      tags: [{tag}]\n      responses: {{'204': {{description: ok}}}}\n"));
            }
        }
        let api = codegen::load_model(SpecFile::new("t.yaml", &spec).with_grouping(&Grouping::Tags)).unwrap();
        let cases = super::cases(&api);
        assert_eq!(cases[0], ("whole API (15 ops)".to_owned(), vec!["t".to_owned()]));
        assert_eq!(cases[1], ("one group: c (3 ops)".to_owned(), vec!["t-c".to_owned()]));
        assert_eq!(cases[2].1, ["t-b", "t-c", "t-d"]);
    }
}
