//! The generator's stages flow one way: spec text → `load` → `lower` → the `model` → `emit` →
//! `render`. A stage may use the ones before it (and the shared `model`, `naming`, `error` and
//! `locate`), never one after it; the change report (`diff`, with its API surface) and `conformance` sit
//! beside the pipeline and read its model, so no stage may use them.

use std::fs;
use std::path::{Path, PathBuf};

/// Each stage, as the files that hold it, and the modules it must not name.
const STAGES: [(&str, &[&str]); 5] = [
    ("load", &["lower", "emit", "render", "diff", "conformance"]),
    ("lower", &["emit", "render", "diff", "conformance"]),
    ("model", &["load", "lower", "emit", "render", "diff", "conformance"]),
    ("emit", &["load", "lower", "render", "diff", "conformance"]),
    ("render.rs", &["load", "lower", "emit", "diff", "conformance"]),
];

fn sources(at: &Path) -> Vec<PathBuf> {
    if at.is_file() {
        return vec![at.to_path_buf()];
    }
    let mut files = Vec::new();
    for entry in fs::read_dir(at).unwrap() {
        files.extend(sources(&entry.unwrap().path()));
    }
    files
}

/// The `crate::<module>` paths a source names, outside comments.
fn named_modules(text: &str) -> Vec<String> {
    let code = text.lines().filter(|l| !l.trim_start().starts_with("//")).collect::<Vec<_>>().join("\n");
    code.match_indices("crate::")
        .map(|(at, _)| code[at + "crate::".len()..].chars().take_while(|c| c.is_alphanumeric() || *c == '_').collect())
        .collect()
}

#[test]
fn no_stage_uses_a_later_one() {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut breaches = Vec::new();
    for (stage, forbidden) in STAGES {
        for file in sources(&src.join(stage)) {
            let text = fs::read_to_string(&file).unwrap();
            for module in named_modules(&text) {
                if forbidden.contains(&module.as_str()) {
                    breaches.push(format!("{} uses crate::{module}", file.strip_prefix(&src).unwrap().display()));
                }
            }
            // A sibling stage reached through `super::` is the same breach.
            if stage != "render.rs" {
                for module in forbidden {
                    if text.contains(&format!("super::super::{module}")) {
                        breaches.push(format!("{} uses super::super::{module}", file.strip_prefix(&src).unwrap().display()));
                    }
                }
            }
        }
    }
    breaches.sort();
    breaches.dedup();
    assert!(breaches.is_empty(), "stages reaching forward or back:\n{}", breaches.join("\n"));
}

#[test]
fn the_check_sees_a_breach() {
    assert_eq!(named_modules("use crate::lower::successes;\n// crate::emit in a comment\nlet x = crate::model::Api;"), ["lower", "model"]);
}

/// The top-level modules of `src` (a file `x.rs` or a folder `x/`), each with the top-level
/// modules its files name as `crate::…`.
fn module_graph(src: &Path) -> Vec<(String, Vec<String>)> {
    let mut graph = Vec::new();
    for entry in fs::read_dir(src).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_stem().unwrap().to_string_lossy().into_owned();
        if matches!(name.as_str(), "lib" | "main") {
            continue;
        }
        let mut uses: Vec<String> = sources(&path).iter().flat_map(|f| named_modules(&fs::read_to_string(f).unwrap())).collect();
        uses.sort();
        uses.dedup();
        uses.retain(|m| *m != name);
        graph.push((name, uses));
    }
    graph.sort();
    graph
}

/// A cycle among the modules of `graph`, as the modules along it, if there is one.
fn cycle(graph: &[(String, Vec<String>)]) -> Option<Vec<String>> {
    fn visit(at: &str, graph: &[(String, Vec<String>)], path: &mut Vec<String>, done: &mut Vec<String>) -> Option<Vec<String>> {
        if let Some(start) = path.iter().position(|m| m == at) {
            let mut found = path[start..].to_vec();
            found.push(at.to_owned());
            return Some(found);
        }
        if done.iter().any(|m| m == at) {
            return None;
        }
        path.push(at.to_owned());
        let uses = graph.iter().find(|(m, _)| m == at).map_or(&[][..], |(_, u)| &u[..]);
        for next in uses {
            if let Some(found) = visit(next, graph, path, done) {
                return Some(found);
            }
        }
        path.pop();
        done.push(at.to_owned());
        None
    }
    let mut done = Vec::new();
    graph.iter().find_map(|(m, _)| visit(m, graph, &mut Vec::new(), &mut done))
}

#[test]
fn no_module_imports_in_a_circle() {
    for crate_dir in ["", "../xtask"] {
        let src = Path::new(env!("CARGO_MANIFEST_DIR")).join(crate_dir).join("src");
        let graph = module_graph(&src);
        assert!(graph.len() > 5, "{}: {graph:?}", src.display());
        assert_eq!(cycle(&graph), None, "{}: modules that import each other in a circle", src.display());
    }
    let circle = [("a".to_owned(), vec!["b".to_owned()]), ("b".to_owned(), vec!["a".to_owned()])];
    assert_eq!(cycle(&circle), Some(vec!["a".to_owned(), "b".to_owned(), "a".to_owned()]));
}
