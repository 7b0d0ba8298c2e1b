//! `defiant-trivia check`: validates packs (lone `.ron` files, pack folders with their
//! pictures and sounds, and pack `.zip`s) and reports every problem.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use crate::core::media::{self, MediaKind, PACK_FILE, PackPlace, archive};
use crate::core::spans::PackSpans;
use crate::core::{Checked, Diagnostic};

/// A pack to check.
enum Entry {
    /// A pack where it is: a lone `.ron` file, a pack folder or a pack `.zip`.
    Place(PackPlace),
    /// A folder given to check that holds no pack.
    EmptyFolder(PathBuf),
    /// A pack built into the binary: its name and text.
    Shipped(&'static str, &'static str),
}

/// Where the pack at `path` is, as `check` and the other commands read it: a folder holding
/// `pack.ron` (or that `pack.ron` itself), a `.zip`, or a lone `.ron` file. A path that does
/// not exist is a lone file, reported as one that cannot be opened.
pub fn place_of(path: &Path) -> PackPlace {
    if path.exists() {
        PackPlace::of(path)
    } else {
        PackPlace::File(path.to_path_buf())
    }
}

/// The packs in the folder `dir` (not itself a pack folder): its `.ron` files, its
/// subfolders holding `pack.ron` and its `.zip` files, in name order.
fn packs_in(dir: &Path) -> Vec<PackPlace> {
    let mut found: Vec<PackPlace> = std::fs::read_dir(dir)
        .map(|entries| {
            entries
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter_map(|p| {
                    let ext = p.extension().map(|x| x.to_ascii_lowercase());
                    if p.is_dir() {
                        p.join(PACK_FILE).is_file().then_some(PackPlace::Folder(p))
                    } else if !p.is_file() {
                        None
                    } else if p.extension().is_some_and(|x| x == "ron") {
                        Some(PackPlace::File(p))
                    } else if ext.is_some_and(|x| x == "zip") {
                        Some(PackPlace::Zip(p))
                    } else {
                        None
                    }
                })
                .collect()
        })
        .unwrap_or_default();
    found.sort_by(|a, b| path_of(a).cmp(path_of(b)));
    found
}

/// The path a place was found at.
fn path_of(place: &PackPlace) -> &Path {
    match place {
        PackPlace::File(p) | PackPlace::Folder(p) | PackPlace::Zip(p) => p,
    }
}

/// The packs named by `paths`: a pack folder (one holding `pack.ron`) is one pack; any other
/// folder stands for the packs in it ([`packs_in`]); a file is the pack it is.
fn entries(paths: &[PathBuf]) -> Vec<Entry> {
    let mut out = Vec::new();
    for path in paths {
        if path.is_dir() && !path.join(PACK_FILE).is_file() {
            let found = packs_in(path);
            if found.is_empty() {
                out.push(Entry::EmptyFolder(path.clone()));
            }
            out.extend(found.into_iter().map(Entry::Place));
        } else {
            out.push(Entry::Place(place_of(path)));
        }
    }
    out
}

/// A pack checked where it is, with what its report needs.
pub struct Report {
    /// The pack file as the report names it: `quizzes/x.ron`, `my-pack/pack.ron`, or
    /// `my-pack.zip/pack.ron` for the `pack.ron` inside a `.zip` (the `.zip` itself when it
    /// cannot be read).
    pub file: PathBuf,
    /// The pack and every problem, its pictures and sounds included.
    pub checked: Checked,
    /// The pack file's text, for source lines (read only when there are problems).
    pub text: Option<String>,
}

/// Reads and checks the pack at `place`, media files included.
pub fn check_at(place: &PackPlace) -> Report {
    let mut placed = media::check_place(place);
    if let (PackPlace::Zip(_), None) = (place, &placed.source) {
        // The `.zip` itself could not be read as a pack: say what one is.
        for d in placed
            .checked
            .diagnostics
            .iter_mut()
            .filter(|d| d.help.is_none())
        {
            d.help = Some(format!(
                "a pack .zip holds {PACK_FILE} at its top (or in its one top folder) with its \
                 pictures and sounds; make one with: defiant-trivia pack FOLDER"
            ));
        }
    }
    let file = match place {
        PackPlace::File(path) => path.clone(),
        PackPlace::Folder(dir) => dir.join(PACK_FILE),
        PackPlace::Zip(path) if placed.source.is_some() => {
            path.join(archive::pack_entry(path).unwrap_or_else(|| PACK_FILE.to_string()))
        }
        PackPlace::Zip(path) => path.clone(),
    };
    let text = if placed.checked.diagnostics.is_empty() {
        None
    } else {
        match (place, &placed.source) {
            (PackPlace::Zip(_), Some(source)) => source
                .read(PACK_FILE, crate::core::MAX_PACK_BYTES as u64)
                .ok()
                .map(|bytes| String::from_utf8_lossy(&bytes).into_owned()),
            (PackPlace::Zip(_), None) => None,
            _ => source_of(&file),
        }
    };
    Report {
        file,
        checked: placed.checked,
        text,
    }
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

/// [`report_checked`] with the source text at hand (a pack built into the binary, or the
/// `pack.ron` of a `.zip`).
pub fn report_checked_with(
    out: &mut impl Write,
    file: &Path,
    checked: &Checked,
    source: Option<&str>,
) {
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
            "{}: ok: \"{}\", {} in {}{}{warned}",
            file.display(),
            pack.title,
            count(pack.questions.len(), "question", "questions"),
            count(pack.categories().len(), "category", "categories"),
            media_count(pack),
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

/// The pictures and sounds a pack uses, for its summary line: `, 3 pictures, 1 sound`
/// (each file once; nothing for a pack without any).
fn media_count(pack: &crate::core::Pack) -> String {
    let refs = media::media_refs(pack, &PackSpans::default());
    let distinct = |kind: MediaKind| {
        let mut paths: Vec<&str> = refs
            .iter()
            .filter(|m| m.kind == kind)
            .map(|m| m.path.as_str())
            .collect();
        paths.sort_unstable();
        paths.dedup();
        paths.len()
    };
    let mut text = String::new();
    for (n, one, many) in [
        (distinct(MediaKind::Image), "picture", "pictures"),
        (distinct(MediaKind::Audio), "sound", "sounds"),
    ] {
        if n > 0 {
            text.push_str(&format!(", {}", count(n, one, many)));
        }
    }
    text
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
    run_packs(entries(paths), format, deny_warnings, out)
}

/// With no game folder (an installed binary): checks the packs built into the binary
/// (shown as `quizzes/NAME`) and the packs in the player's own packs folder.
pub fn run_installed(
    user_dir: &Path,
    format: Format,
    deny_warnings: bool,
    out: &mut impl Write,
) -> ExitCode {
    let mut packs: Vec<Entry> = crate::shipped::PACKS
        .iter()
        .map(|(name, text)| Entry::Shipped(name, text))
        .collect();
    if user_dir.is_dir() {
        packs.extend(packs_in(user_dir).into_iter().map(Entry::Place));
    }
    run_packs(packs, format, deny_warnings, out)
}

fn run_packs(
    packs: Vec<Entry>,
    format: Format,
    deny_warnings: bool,
    out: &mut impl Write,
) -> ExitCode {
    let (mut good, mut bad, mut warnings) = (0usize, 0usize, 0usize);
    let mut json_packs = Vec::new();
    let total = packs.len();
    for pack in &packs {
        let Report {
            file,
            checked,
            text,
        } = match pack {
            Entry::Shipped(name, text) => Report {
                file: Path::new("quizzes").join(name),
                checked: crate::core::check_text(text),
                text: Some(text.to_string()),
            },
            Entry::EmptyFolder(dir) => Report {
                file: dir.clone(),
                checked: Checked {
                    pack: None,
                    diagnostics: vec![
                        Diagnostic::error(
                            crate::core::Location::START,
                            "this folder has no packs",
                        )
                        .with_help(
                            "a pack is a .ron file, a folder holding pack.ron, or a .zip of one",
                        ),
                    ],
                },
                text: None,
            },
            Entry::Place(place) => check_at(place),
        };
        let file = &file;
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
            Format::Human => report_checked_with(out, file, &checked, text.as_deref()),
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
