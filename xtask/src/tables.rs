//! Tables in `docs/` that come from code, never pasted by hand: regen writes each between its
//! markers (`<!-- NAME: written by … -->` and `<!-- end NAME -->`), and check fails when one
//! differs from what the code renders.

use std::fs;
use std::path::{Path, PathBuf};

/// A table: the file that holds it, its marker name, and how the code renders it.
struct Table {
    file: &'static str,
    name: &'static str,
    render: fn() -> String,
}

const TABLES: [Table; 2] = [
    Table { file: "docs/change-report.md", name: "rules", render: codegen::diff::rules_table },
    Table { file: "docs/specs.md", name: "keywords", render: codegen::load::keywords_table },
];

/// Every file holding a table, with the contents it should have: `(path, contents)`. A workspace
/// without the file (a test's scratch one) has nothing to write.
pub fn planned(root: &Path) -> Result<Vec<(PathBuf, String)>, String> {
    let mut files = Vec::new();
    for Table { file, name, render } in TABLES {
        let path = root.join(file);
        let Ok(text) = fs::read_to_string(&path) else { continue };
        let text = text.replace("\r\n", "\n");
        files.push((path, with_table(&text, name, &render()).map_err(|e| format!("error: {file}: {e}"))?));
    }
    Ok(files)
}

/// `text` with the lines between the markers of `name` replaced by `table`.
fn with_table(text: &str, name: &str, table: &str) -> Result<String, String> {
    let begin = format!("<!-- {name}: written by ");
    let end = format!("<!-- end {name} -->");
    let start = text.find(&begin).ok_or_else(|| format!("no `{begin}…` marker"))?;
    let body = start + text[start..].find('\n').ok_or("the begin marker ends the file")? + 1;
    let stop = body + text[body..].find(&end).ok_or_else(|| format!("no `{end}` marker after the begin marker"))?;
    Ok(format!("{}{table}{}", &text[..body], &text[stop..]))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_goes_between_its_markers_and_nothing_else_moves() {
        let text = "intro\n<!-- rules: written by regen -->\n| old |\n<!-- end rules -->\nafter\n";
        let new = with_table(text, "rules", "| a |\n| b |\n").unwrap();
        assert_eq!(new, "intro\n<!-- rules: written by regen -->\n| a |\n| b |\n<!-- end rules -->\nafter\n");
        assert_eq!(with_table(&new, "rules", "| a |\n| b |\n").unwrap(), new);
        assert!(with_table("no markers\n", "rules", "").unwrap_err().contains("marker"));
    }
}
