//! Generated Rust files are written as `cargo fmt` would leave them, with the workspace's own
//! `rustfmt.toml`, so that `cargo fmt --check` holds for the whole tree, `generated/` included.
//! The toolchain's rustfmt is the formatter, as rust-analyzer's generated sources use it.

use std::io::Write as _;
use std::path::Path;
use std::process::{Command, Stdio};

use codegen::GeneratedFile;

/// Formats every `.rs` file of `files` in place.
pub fn format_files(root: &Path, files: &mut [GeneratedFile]) -> Result<(), String> {
    for file in files.iter_mut().filter(|f| f.path.ends_with(".rs")) {
        file.contents = format(root, &file.contents).map_err(|e| format!("error: cannot format {}: {e}", file.path))?;
    }
    Ok(())
}

/// `text` as rustfmt prints it, with `root`'s `rustfmt.toml` where it has one.
pub fn format(root: &Path, text: &str) -> Result<String, String> {
    let mut command = Command::new(std::env::var_os("RUSTFMT").unwrap_or_else(|| "rustfmt".into()));
    command.args(["--edition", "2024", "--emit", "stdout", "--quiet"]);
    let config = root.join("rustfmt.toml");
    if config.is_file() {
        command.arg("--config-path").arg(config);
    }
    let mut child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|e| format!("rustfmt does not start ({e}); `rustup component add rustfmt` installs it"))?;
    // Written from a thread, so that a large file cannot fill the output pipe while its input
    // is still being written.
    let mut stdin = child.stdin.take().expect("stdin is piped");
    let input = text.to_owned();
    let writer = std::thread::spawn(move || stdin.write_all(input.as_bytes()));
    let output = child.wait_with_output().map_err(|e| format!("rustfmt: {e}"))?;
    writer.join().map_err(|_| "rustfmt: the writing thread panicked".to_owned())?.map_err(|e| format!("rustfmt: {e}"))?;
    if !output.status.success() {
        return Err(format!("rustfmt failed: {}", String::from_utf8_lossy(&output.stderr).trim()));
    }
    String::from_utf8(output.stdout).map_err(|e| format!("rustfmt wrote non-UTF-8: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_with_the_workspace_settings() {
        let root = crate::workspace::workspace_root();
        let text = format(&root, "fn  main ( ) { let x=1 ; }").unwrap();
        assert_eq!(text, "fn main() {\n    let x = 1;\n}\n");
        let error = format(&root, "fn (").unwrap_err();
        assert!(error.starts_with("rustfmt failed"), "{error}");
    }
}
