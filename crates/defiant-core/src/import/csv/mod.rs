//! Spreadsheets saved as CSV: one question per row.
//!
//! The first row names the columns (any order, any case; `wrong 1`, `wrong_1` and `wrong1`
//! are the same). `prompt` and `correct` are required; the others are optional:
//!
//! | column | holds |
//! | --- | --- |
//! | `id` | the question's id; made from the prompt when empty |
//! | `prompt` | the question |
//! | `correct` | the right answer; `True` or `False` (with `wrong1` empty or the other one) makes a true/false question |
//! | `wrong1` … `wrong5` | wrong answers; empty cells are skipped |
//! | `category` | the category; `General` when empty |
//! | `difficulty` | Easy, Medium or Hard; Medium when empty |
//! | `explanation` | shown after the answer; a placeholder naming the answer when empty |
//! | `seconds` | the question's own time limit |
//! | `tags` | tags separated by `;` |
//! | `chapter` | the first chapter after which the question is safe to ask (format 2); empty: safe before watching |
//! | `kind` | `choice`, `truefalse`, `order` or `number` (format 2 for the last two); empty: true/false when `correct` is `True` or `False` as above, else choice |
//! | `tolerance` | number questions: how far off a guess may be and still be right; 0 when empty |
//! | `unit` | number questions: shown after the number, e.g. `years` |
//! | `limit` | number questions: how far off a guess scores nothing; the game's default when empty |
//! | `first`, `last` | order questions: the names of the two ends, e.g. `Earliest` and `Latest`; [`DEFAULT_FIRST`] and [`DEFAULT_LAST`] when empty |
//! | `image` | a picture shown with the prompt: a path in the pack's folder (format 3) |
//! | `uncover` | how the picture uncovers itself: `tiles`, or `zoom X Y` (the point to start on) |
//! | `audio` | a sound played when the question opens: a path, then optionally the stretch to play as a media fragment, `#t=2,12`, `#t=2` or `#t=,12` (seconds) |
//! | `countdown_after` | `yes`: the answer countdown starts when the sound ends; empty or `no`: with the sound |
//! | `reveal_image` | a picture shown with the answer |
//!
//! An order question has its 3 to 6 items in their right order in `correct`, `wrong1` …
//! `wrong5` (empty cells skipped); a number question has its number in `correct`, written
//! as digits with an optional sign and a `.` for decimals (`1992`, `-3`, `2.5`: no
//! thousands separators, no decimal commas, no exponents). A cell that does not apply to
//! the row's kind (a `unit` on a choice row, a wrong answer on a number row) makes the row
//! a problem, never silently ignored. A sheet's own `type` column is not read as `kind`
//! (OpenTDB exports fill it with `multiple` and `boolean`): it is skipped, with a warning,
//! as before.
//!
//! A file without a header row must have the fixed layout [`FIXED_LAYOUT`]. Fields may be
//! quoted ("a, b" and "say ""hi""" as usual) and span lines; commas, semicolons or tabs
//! separate fields, whichever the first row uses. A UTF-8 byte-order mark is skipped.
//!
//! The file and its header are read here; each data row becomes a draft in `row`, and
//! [`export`] writes a pack back out as such a sheet.

mod export;
mod media;
mod row;

pub use export::export;

use super::{Imported, finish};
use crate::diagnostic::{Diagnostic, Location};
use crate::pack::Kind;
use crate::parse::nearest;

use row::row;

/// The columns [`export`] writes, in order; [`import`] reads them back.
pub const COLUMNS: [&str; 20] = [
    "id",
    "prompt",
    "correct",
    "wrong1",
    "wrong2",
    "wrong3",
    "wrong4",
    "wrong5",
    "category",
    "difficulty",
    "explanation",
    "seconds",
    "tags",
    "chapter",
    "kind",
    "tolerance",
    "unit",
    "limit",
    "first",
    "last",
];

/// The picture and sound columns (format 3), which [`export`] writes after [`COLUMNS`] for a
/// pack that has pictures or sounds, and [`import`] reads in any sheet.
pub const MEDIA_COLUMNS: [&str; 5] = [
    "image",
    "uncover",
    "audio",
    "countdown_after",
    "reveal_image",
];

/// The columns of a file without a header row, in order: `prompt` to `explanation`.
pub const FIXED_LAYOUT: &[&str] = COLUMNS.split_at(1).1.split_at(10).0;

/// The category of a row that gives none.
pub const DEFAULT_CATEGORY: &str = "General";

/// The `first` label of an order row whose `first` cell is empty.
pub const DEFAULT_FIRST: &str = "First";
/// The `last` label of an order row whose `last` cell is empty.
pub const DEFAULT_LAST: &str = "Last";

/// The name of a kind in the `kind` column, as [`export`] writes it.
pub fn kind_name(kind: Kind) -> &'static str {
    match kind {
        Kind::Choice => "choice",
        Kind::TrueFalse => "truefalse",
        Kind::Order => "order",
        Kind::Number => "number",
    }
}

/// The column a header cell names, if any.
fn column(name: &str) -> Option<&'static str> {
    let key: String = name
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '#' | '.'))
        .flat_map(char::to_lowercase)
        .collect();
    let alias = match key.as_str() {
        "question" => "prompt",
        "answer" | "correctanswer" | "right" | "rightanswer" => "correct",
        "wrong" | "wronganswer" | "incorrect" => "wrong1",
        "tag" => "tags",
        "safeafter" | "chapters" => "chapter",
        "time" | "timelimit" => "seconds",
        "questionkind" => "kind",
        "units" => "unit",
        "firstlabel" => "first",
        "lastlabel" => "last",
        "picture" | "img" => "image",
        "sound" | "clip" | "audioclip" => "audio",
        "countdownafter" | "audiocountdownafter" => "countdown_after",
        "revealimage" | "revealpicture" | "answerimage" | "answerpicture" => "reveal_image",
        k => k,
    };
    let alias = alias
        .strip_prefix("wronganswer")
        .or_else(|| alias.strip_prefix("incorrectanswer"))
        .or_else(|| alias.strip_prefix("incorrect"))
        .map_or(alias.to_string(), |n| format!("wrong{n}"));
    COLUMNS
        .iter()
        .chain(&MEDIA_COLUMNS)
        .find(|c| **c == alias)
        .copied()
}

/// The separator the first line uses: comma, semicolon or tab.
fn delimiter(bytes: &[u8]) -> u8 {
    let first = bytes.split(|b| *b == b'\n').next().unwrap_or_default();
    [b',', b';', b'\t']
        .into_iter()
        .max_by_key(|d| (first.iter().filter(|b| *b == d).count(), *d == b','))
        .unwrap_or(b',')
}

/// Where a quoted field opens and never closes, if one does (which would swallow the rest
/// of the file into one cell).
fn unclosed_quote(text: &str) -> Option<Location> {
    let mut open_at = None;
    let (mut line, mut col) = (1, 0);
    let mut chars = text.chars().peekable();
    let mut at_field_start = true;
    while let Some(c) = chars.next() {
        col += 1;
        match (open_at.is_some(), c) {
            (true, '"') if chars.peek() == Some(&'"') => {
                chars.next();
                col += 1;
            }
            (true, '"') => open_at = None,
            (false, '"') if at_field_start => open_at = Some(Location::new(line, col)),
            _ => {}
        }
        if c == '\n' {
            line += 1;
            col = 0;
        }
        at_field_start = matches!(c, ',' | ';' | '\t' | '\n' | '\r');
    }
    open_at
}

/// Reads a CSV file of questions. A file that cannot be read as a table is one error; rows
/// that cannot be converted are reported by line and left out.
pub fn import(bytes: &[u8]) -> Result<Imported, Diagnostic> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.iter().all(u8::is_ascii_whitespace) {
        return Err(Diagnostic::error(Location::START, "the file is empty"));
    }
    if let Some(at) = unclosed_quote(&String::from_utf8_lossy(bytes)) {
        return Err(
            Diagnostic::error(at, "a quoted field opens here and is never closed")
                .with_help("close it with a `\"`; write a quote inside a quoted field as `\"\"`"),
        );
    }
    let mut reader = csv::ReaderBuilder::new()
        .has_headers(false)
        .flexible(true)
        .delimiter(delimiter(bytes))
        .from_reader(bytes);
    let mut records = Vec::new();
    for record in reader.byte_records() {
        let record = record.map_err(|e| {
            let line = e.position().map_or(1, |p| p.line() as usize);
            Diagnostic::error(Location::new(line, 1), format!("not a CSV table: {e}"))
        })?;
        if record.iter().all(|f| f.iter().all(u8::is_ascii_whitespace)) {
            continue;
        }
        let line = record.position().map_or(1, |p| p.line() as usize);
        records.push((line, record));
    }
    let Some((header_line, first)) = records.first() else {
        return Err(Diagnostic::error(Location::START, "the file is empty"));
    };
    let first_cell = String::from_utf8_lossy(first.get(0).unwrap_or_default()).into_owned();
    // A header row: its first cell names the prompt or the id, or it names the prompt
    // and the right answer somewhere (a spreadsheet that starts with its category).
    let named: Vec<Option<&'static str>> = first
        .iter()
        .map(|c| column(String::from_utf8_lossy(c).trim()))
        .collect();
    let has_header = matches!(column(&first_cell), Some("prompt" | "id"))
        || (named.contains(&Some("prompt")) && named.contains(&Some("correct")));
    let mut header_notes = Vec::new();
    let columns: Vec<Option<&'static str>> = if has_header {
        header(first, *header_line, &mut header_notes)?
    } else {
        FIXED_LAYOUT.iter().map(|c| Some(*c)).collect()
    };
    let data = if has_header {
        &records[1..]
    } else {
        &records[..]
    };
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    for (line, record) in data {
        let at = Location::new(*line, 1);
        let label = format!("line {line}");
        match row(record, &columns, has_header) {
            Ok(mut draft) => {
                draft.at = at;
                draft.label = label;
                drafts.push(draft);
            }
            Err(message) => problems.push(Diagnostic::error(at, format!("{label}: {message}"))),
        }
    }
    let mut out = finish(drafts, problems, data.len());
    header_notes.extend(out.notes);
    out.notes = header_notes;
    Ok(out)
}

/// The column of each header cell. A column the importer does not read (a sheet's own
/// `type` or `notes`) is skipped with a warning in `notes`; a repeated name, or no prompt
/// or right-answer column, is an error.
fn header(
    record: &csv::ByteRecord,
    line: usize,
    notes: &mut Vec<Diagnostic>,
) -> Result<Vec<Option<&'static str>>, Diagnostic> {
    let mut unknown: Vec<Diagnostic> = Vec::new();
    let mut columns = Vec::new();
    for (i, cell) in record.iter().enumerate() {
        let name = String::from_utf8_lossy(cell).trim().to_string();
        if name.is_empty() {
            columns.push(None);
            continue;
        }
        let Some(col) = column(&name) else {
            let known: Vec<&str> = COLUMNS.iter().chain(&MEDIA_COLUMNS).copied().collect();
            let mut e = Diagnostic::warning(
                Location::new(line, 1),
                format!(
                    "column {} is named `{name}`, which is not a column this importer reads: it is skipped",
                    i + 1
                ),
            );
            e.help = Some(match nearest(&name.to_lowercase(), &known) {
                Some(near) => format!("did you mean `{near}`?"),
                None => format!("the columns are {}", known.join(", ")),
            });
            unknown.push(e);
            columns.push(None);
            continue;
        };
        if columns.contains(&Some(col)) {
            return Err(Diagnostic::error(
                Location::new(line, 1),
                format!("the column `{col}` is named twice in the header"),
            ));
        }
        columns.push(Some(col));
    }
    for required in ["prompt", "correct"] {
        if !columns.contains(&Some(required)) {
            // A misspelt required column: say which cell it probably is.
            let help = unknown
                .iter()
                .find(|u| u.help.as_deref() == Some(&format!("did you mean `{required}`?")))
                .and_then(|u| u.help.clone())
                .unwrap_or_else(|| "the first row names the columns: prompt, correct, wrong1 … wrong5, category, difficulty, explanation".to_string());
            return Err(Diagnostic::error(
                Location::new(line, 1),
                format!("the header has no `{required}` column"),
            )
            .with_help(help));
        }
    }
    notes.extend(unknown);
    Ok(columns)
}

#[cfg(test)]
mod kind_tests;
#[cfg(test)]
mod media_tests;
#[cfg(test)]
mod tests;
