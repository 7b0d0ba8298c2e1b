//! `defiant-trivia check`: validates pack files and folders and reports every problem.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::{Diagnostic, check_file};

/// Pack files named by `paths`: files as given, folders expanded to their `.ron` files.
fn pack_files(paths: &[PathBuf]) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for path in paths {
        if path.is_dir() {
            let mut found: Vec<PathBuf> = std::fs::read_dir(path)
                .map(|entries| {
                    entries
                        .filter_map(Result::ok)
                        .map(|e| e.path())
                        .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "ron"))
                        .collect()
                })
                .unwrap_or_default();
            found.sort();
            if found.is_empty() {
                files.push(path.clone());
            }
            files.extend(found);
        } else {
            files.push(path.clone());
        }
    }
    files
}

/// One diagnostic in the compiler form, with its help line if any.
pub fn render(path: &Path, d: &Diagnostic) -> String {
    let mut out = d.render(&path.display().to_string());
    if let Some(help) = &d.help {
        out.push_str(&format!("\n    help: {help}"));
    }
    out
}

/// Checks every pack and writes the report to `out`. Exit 0 if all are valid, else 1.
pub fn run(paths: &[PathBuf], out: &mut impl Write) -> ExitCode {
    let files = pack_files(paths);
    let (mut good, mut bad) = (0usize, 0usize);
    for file in &files {
        let checked = if file.is_dir() {
            crate::core::Checked {
                pack: None,
                diagnostics: vec![Diagnostic::error(
                    crate::core::Location::START,
                    "this folder has no .ron pack files",
                )],
            }
        } else {
            check_file(file)
        };
        for d in &checked.diagnostics {
            let _ = writeln!(out, "{}", render(file, d));
        }
        match &checked.pack {
            Some(pack) => {
                good += 1;
                let _ = writeln!(
                    out,
                    "{}: ok: \"{}\", {} questions in {} categories",
                    file.display(),
                    pack.title,
                    pack.questions.len(),
                    pack.categories().len()
                );
            }
            None => {
                bad += 1;
                let errors = checked.errors().count();
                let _ = writeln!(
                    out,
                    "{}: {} error{}",
                    file.display(),
                    errors,
                    if errors == 1 { "" } else { "s" }
                );
            }
        }
    }
    let _ = writeln!(
        out,
        "checked {} pack{}: {good} valid, {bad} with errors",
        files.len(),
        if files.len() == 1 { "" } else { "s" }
    );
    if bad == 0 {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}
