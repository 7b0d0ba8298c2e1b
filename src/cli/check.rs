//! `defiant-trivia check`: validates pack files and folders and reports every problem.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::{Checked, Diagnostic, check_file};

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

/// How `check` prints its report.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum Format {
    /// For people: each problem with its source line and a caret, like a compiler.
    #[default]
    Human,
    /// For editors and CI: one JSON document with every pack and problem.
    Json,
}

/// One diagnostic in the compiler form: `path:line:col: error: reason`, then the source
/// line with a caret under the spot, then the help line if any.
pub fn render(path: &Path, d: &Diagnostic, source: Option<&str>) -> String {
    let mut out = d.render(&path.display().to_string());
    let line_text = source.and_then(|s| s.lines().nth(d.location.line.saturating_sub(1)));
    if let Some(text) = line_text {
        let number = d.location.line.to_string();
        let pad = " ".repeat(number.len());
        let (shown, col) = excerpt(text.trim_end_matches('\r'), d.location.col);
        // Tabs keep their width so the caret lines up under the column.
        let before: String = shown
            .chars()
            .take(col.saturating_sub(1))
            .map(|c| if c == '\t' { '\t' } else { ' ' })
            .collect();
        out.push_str(&format!("\n{pad} |\n{number} | {shown}\n{pad} | {before}^"));
    }
    if let Some(help) = &d.help {
        out.push_str(&format!("\n    = help: {help}"));
    }
    out
}

/// `1 question`, `2 questions`.
fn count(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// At most [`EXCERPT_CHARS`] characters of a long line around column `col`, marked with
/// `…` where cut, and the column within the excerpt. (A JSON response is often one line.)
fn excerpt(line: &str, col: usize) -> (String, usize) {
    let chars: Vec<char> = line.chars().collect();
    if chars.len() <= EXCERPT_CHARS {
        return (line.to_string(), col);
    }
    let at = col.saturating_sub(1).min(chars.len());
    let start = at.saturating_sub(EXCERPT_CHARS / 3);
    let end = (start + EXCERPT_CHARS).min(chars.len());
    let mut shown: String = chars[start..end].iter().collect();
    let mut col = at - start + 1;
    if start > 0 {
        shown.insert(0, '…');
        col += 1;
    }
    if end < chars.len() {
        shown.push('…');
    }
    (shown, col)
}

/// The longest source line shown whole under a diagnostic.
const EXCERPT_CHARS: usize = 160;

/// Writes each diagnostic about `path` in the compiler form, with source lines when given.
pub fn report(out: &mut impl Write, path: &Path, diagnostics: &[Diagnostic], source: Option<&str>) {
    for d in diagnostics {
        let _ = writeln!(out, "{}\n", render(path, d, source));
    }
}

/// Writes the human report of one checked file: every diagnostic with its source line,
/// then the file's summary line (`ok: "Title", 52 questions in 6 categories`, or its
/// error count).
pub fn report_checked(out: &mut impl Write, file: &Path, checked: &Checked) {
    let source = if checked.diagnostics.is_empty() {
        None
    } else {
        source_of(file)
    };
    report_checked_with(out, file, checked, source.as_deref());
}

/// [`report_checked`] with the source text at hand (a pack built into the binary).
fn report_checked_with(out: &mut impl Write, file: &Path, checked: &Checked, source: Option<&str>) {
    report(out, file, &checked.diagnostics, source);
    let errors = checked.errors().count();
    let warned = match checked.diagnostics.len() - errors {
        0 => String::new(),
        1 => ", 1 warning".to_string(),
        n => format!(", {n} warnings"),
    };
    let _ = match &checked.pack {
        Some(pack) => writeln!(
            out,
            "{}: ok: \"{}\", {} in {}{warned}",
            file.display(),
            pack.title,
            count(pack.questions.len(), "question", "questions"),
            count(pack.categories().len(), "category", "categories"),
        ),
        None => writeln!(
            out,
            "{}: {} error{}{warned}",
            file.display(),
            errors,
            if errors == 1 { "" } else { "s" }
        ),
    };
}

/// The file's text for showing source lines, when it is small enough and readable.
fn source_of(file: &Path) -> Option<String> {
    let meta = std::fs::metadata(file).ok()?;
    if meta.len() > crate::core::MAX_PACK_BYTES as u64 {
        return None;
    }
    std::fs::read(file)
        .ok()
        .map(|bytes| String::from_utf8_lossy(&bytes).into_owned())
}

/// Checks every pack and writes the report to `out`. Exit 0 when every pack is valid
/// (and, with `deny_warnings`, has no warnings), 1 otherwise.
pub fn run(
    paths: &[PathBuf],
    format: Format,
    deny_warnings: bool,
    out: &mut impl Write,
) -> ExitCode {
    let packs = pack_files(paths).into_iter().map(Pack::File).collect();
    run_packs(packs, format, deny_warnings, out)
}

/// With no game folder (an installed binary): checks the packs built into the binary
/// (shown as `quizzes/NAME`) and the `.ron` files in the player's own packs folder.
pub fn run_installed(
    user_dir: &Path,
    format: Format,
    deny_warnings: bool,
    out: &mut impl Write,
) -> ExitCode {
    let mut packs: Vec<Pack> = crate::shipped::PACKS
        .iter()
        .map(|(name, text)| Pack::Shipped(name, text))
        .collect();
    if user_dir.is_dir() {
        packs.extend(
            pack_files(&[user_dir.to_path_buf()])
                .into_iter()
                .filter(|p| p.is_file())
                .map(Pack::File),
        );
    }
    run_packs(packs, format, deny_warnings, out)
}

/// A pack to check: a file (or a folder found empty), or one built into the binary.
enum Pack {
    File(PathBuf),
    Shipped(&'static str, &'static str),
}

fn run_packs(
    packs: Vec<Pack>,
    format: Format,
    deny_warnings: bool,
    out: &mut impl Write,
) -> ExitCode {
    let (mut good, mut bad, mut warnings) = (0usize, 0usize, 0usize);
    let mut json_packs = Vec::new();
    let total = packs.len();
    for pack in &packs {
        let (file, text) = match pack {
            Pack::File(file) => (file.clone(), None),
            Pack::Shipped(name, text) => (Path::new("quizzes").join(name), Some(*text)),
        };
        let file = &file;
        let checked = match text {
            Some(text) => crate::core::check_text(text),
            None if file.is_dir() => Checked {
                pack: None,
                diagnostics: vec![Diagnostic::error(
                    crate::core::Location::START,
                    "this folder has no .ron pack files",
                )],
            },
            None => check_file(file),
        };
        let errors = checked.errors().count();
        let file_warnings = checked.diagnostics.len() - errors;
        warnings += file_warnings;
        if checked.pack.is_some() {
            good += 1;
        } else {
            bad += 1;
        }
        match format {
            Format::Json => json_packs.push(serde_json::json!({
                "file": file.display().to_string(),
                "valid": checked.pack.is_some(),
                "title": checked.pack.as_ref().map(|p| p.title.clone()),
                "questions": checked.pack.as_ref().map(|p| p.questions.len()),
                "diagnostics": checked.diagnostics.iter().map(|d| serde_json::json!({
                    "severity": d.severity.label(),
                    "line": d.location.line,
                    "column": d.location.col,
                    "message": d.message,
                    "help": d.help,
                })).collect::<Vec<_>>(),
            })),
            Format::Human => match text {
                Some(text) => report_checked_with(out, file, &checked, Some(text)),
                None => report_checked(out, file, &checked),
            },
        }
    }
    match format {
        Format::Json => {
            let report = serde_json::json!({
                "packs": json_packs,
                "valid": good,
                "invalid": bad,
                "warnings": warnings,
            });
            let _ = writeln!(
                out,
                "{}",
                serde_json::to_string_pretty(&report).unwrap_or_default()
            );
        }
        Format::Human => {
            let _ = writeln!(
                out,
                "checked {} pack{}: {good} valid, {bad} with errors, {warnings} warning{}",
                total,
                if total == 1 { "" } else { "s" },
                if warnings == 1 { "" } else { "s" }
            );
        }
    }
    if bad == 0 && !(deny_warnings && warnings > 0) {
        ExitCode::SUCCESS
    } else {
        ExitCode::FAILURE
    }
}

#[cfg(test)]
mod tests {
    use super::excerpt;

    #[test]
    fn long_lines_are_cut_around_the_column() {
        assert_eq!(excerpt("short", 3), ("short".to_string(), 3));
        let line: String = ('a'..='z').cycle().take(500).collect();
        let (shown, col) = excerpt(&line, 300);
        assert_eq!(shown.chars().count(), 162);
        assert!(shown.starts_with('…') && shown.ends_with('…'));
        assert_eq!(shown.chars().nth(col - 1), line.chars().nth(299));
        let (shown, col) = excerpt(&line, 1);
        assert!(!shown.starts_with('…'));
        assert_eq!(col, 1);
    }
}
