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
//!
//! A file without a header row must have the fixed layout [`FIXED_LAYOUT`]. Fields may be
//! quoted ("a, b" and "say ""hi""" as usual) and span lines; commas, semicolons or tabs
//! separate fields, whichever the first row uses. A UTF-8 byte-order mark is skipped.

use super::{Draft, Imported, difficulty, finish};
use crate::diagnostic::{Diagnostic, Location};
use crate::pack::{Answers, Difficulty, Pack};
use crate::parse::nearest;

/// The columns [`export`] writes, in order; [`import`] reads them back.
pub const COLUMNS: [&str; 14] = [
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
];

/// The columns of a file without a header row, in order: `prompt` to `explanation`.
pub const FIXED_LAYOUT: &[&str] = COLUMNS.split_at(1).1.split_at(10).0;

/// The category of a row that gives none.
pub const DEFAULT_CATEGORY: &str = "General";

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
        k => k,
    };
    let alias = alias
        .strip_prefix("wronganswer")
        .or_else(|| alias.strip_prefix("incorrectanswer"))
        .or_else(|| alias.strip_prefix("incorrect"))
        .map_or(alias.to_string(), |n| format!("wrong{n}"));
    COLUMNS.iter().find(|c| **c == alias).copied()
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
            let known = COLUMNS;
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

/// One data row as a draft, or why it cannot be one.
fn row(
    record: &csv::ByteRecord,
    columns: &[Option<&'static str>],
    has_header: bool,
) -> Result<Draft, String> {
    let extra = record
        .iter()
        .skip(columns.len())
        .filter(|f| !f.iter().all(u8::is_ascii_whitespace))
        .count();
    if extra > 0 {
        return Err(if has_header {
            format!(
                "the row has {} cells; the header names {} columns",
                record.len(),
                columns.len()
            )
        } else {
            format!(
                "the row has {} cells; without a header row the layout is the {} columns {}",
                record.len(),
                FIXED_LAYOUT.len(),
                FIXED_LAYOUT.join(", ")
            )
        });
    }
    let mut cells: Vec<(&str, String)> = Vec::new();
    for (i, col) in columns.iter().enumerate() {
        let Some(col) = col else { continue };
        let raw = record.get(i).unwrap_or_default();
        let text = std::str::from_utf8(raw).map_err(|e| {
            format!(
                "the `{col}` cell is not UTF-8 text (byte 0x{:02X}); save the spreadsheet as \"CSV UTF-8\"",
                raw[e.valid_up_to()]
            )
        })?;
        cells.push((col, text.trim().to_string()));
    }
    let get = |name: &str| {
        cells
            .iter()
            .find(|(c, _)| *c == name)
            .map(|(_, v)| v.clone())
            .unwrap_or_default()
    };
    let correct = get("correct");
    let wrong: Vec<String> = (1..=5)
        .map(|n| get(&format!("wrong{n}")))
        .filter(|w| !w.is_empty())
        .collect();
    let as_bool = |s: &str| match s.to_ascii_lowercase().as_str() {
        "true" => Some(true),
        "false" => Some(false),
        _ => None,
    };
    let answers = match as_bool(&correct) {
        Some(value) if wrong.len() <= 1 && wrong.iter().all(|w| as_bool(w) == Some(!value)) => {
            Answers::TrueFalse { correct: value }
        }
        _ => Answers::Choice { correct, wrong },
    };
    let level = get("difficulty");
    let difficulty = if level.is_empty() {
        Difficulty::Medium
    } else {
        difficulty(&level)
            .ok_or_else(|| format!("difficulty `{level}` is not Easy, Medium or Hard"))?
    };
    let seconds = match get("seconds") {
        s if s.is_empty() => None,
        s => Some(
            s.parse::<u32>()
                .map_err(|_| format!("seconds `{s}` is not a whole number"))?,
        ),
    };
    let id = Some(get("id")).filter(|id| !id.is_empty());
    Ok(Draft {
        at: Location::START,
        label: String::new(),
        id,
        prompt: get("prompt"),
        answers,
        explanation: get("explanation"),
        category: match get("category") {
            c if c.is_empty() => DEFAULT_CATEGORY.to_string(),
            c => c,
        },
        difficulty,
        tags: get("tags")
            .split(';')
            .map(str::trim)
            .filter(|t| !t.is_empty())
            .map(str::to_string)
            .collect(),
        seconds,
        safe_after: Some(get("chapter")).filter(|c| !c.is_empty()),
    })
}

/// Writes a pack as CSV with the [`COLUMNS`] header, one question per row; [`import`]
/// reads it back to the same questions.
pub fn export(pack: &Pack) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![COLUMNS.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for q in &pack.questions {
        let (correct, wrong) = match &q.answers {
            Answers::Choice { correct, wrong } => (correct.clone(), wrong.clone()),
            Answers::TrueFalse { correct } => (
                if *correct { "True" } else { "False" }.to_string(),
                vec![if *correct { "False" } else { "True" }.to_string()],
            ),
        };
        let mut row = vec![q.id.clone(), q.prompt.clone(), correct];
        row.extend((0..5).map(|i| wrong.get(i).cloned().unwrap_or_default()));
        row.extend([
            q.category.clone(),
            q.difficulty.label().to_string(),
            q.explanation.clone(),
            q.seconds.map(|s| s.to_string()).unwrap_or_default(),
            q.tags.join("; "),
            q.safe_after.clone().unwrap_or_default(),
        ]);
        rows.push(row);
    }
    for row in rows {
        // Writing to memory cannot fail.
        let _ = writer.write_record(&row);
    }
    writer.into_inner().unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_file;

    #[test]
    fn quoted_fields_commas_quotes_and_line_breaks() {
        let csv = "Prompt,Correct,Wrong 1,Wrong 2,Category,Difficulty,Explanation\n\
                   \"Who said \"\"hi, there\"\"?\",\"Dre, of course\",Jimmy,Eazy,Music,hard,\"Two\nlines\"\n\
                   \"The sky is blue.\",TRUE,,,General,,\n";
        let out = import(csv.as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let q = &out.questions[0];
        assert_eq!(q.prompt, "Who said \"hi, there\"?");
        assert_eq!(
            q.answers,
            Answers::Choice {
                correct: "Dre, of course".into(),
                wrong: vec!["Jimmy".into(), "Eazy".into()]
            }
        );
        assert_eq!(q.difficulty, Difficulty::Hard);
        assert_eq!(q.explanation, "Two\nlines");
        let tf = &out.questions[1];
        assert_eq!(tf.answers, Answers::TrueFalse { correct: true });
        assert_eq!(tf.difficulty, Difficulty::Medium);
        assert_eq!(out.placeholder_explanations, std::slice::from_ref(&tf.id));
    }

    #[test]
    fn ragged_and_bad_rows_are_reported_by_line() {
        let csv = "prompt;correct;wrong1;category;difficulty\n\
                   Q1?;A;B;X;Easy\n\
                   Q2?;A;B;X;Easy;surprise\n\
                   Q3?;A;B;X;Expert\n\
                   Q4?;A;;X;Easy\n\
                   \n\
                   Q5?;A;B;X\n";
        let out = import(csv.as_bytes()).unwrap();
        let messages: Vec<String> = out
            .problems
            .iter()
            .map(|d| format!("{}: {}", d.location, d.message))
            .collect();
        let wanted = [
            "3:1: line 3: the row has 6 cells; the header names 5 columns",
            "4:1: line 4: difficulty `Expert` is not Easy, Medium or Hard",
            "5:1: line 5: ",
        ];
        assert_eq!(messages.len(), wanted.len(), "{messages:?}");
        for (got, want) in messages.iter().zip(wanted) {
            assert!(got.starts_with(want), "{got} / {want}");
        }
        assert!(messages[2].contains("wrong"), "{messages:?}");
        assert_eq!(out.questions.len(), 2);
        assert_eq!(out.rows, 5);
    }

    #[test]
    fn headers_are_checked() {
        let e = import(b"prompt,corect,wrong1\nQ?,A,B\n").unwrap_err();
        assert!(e.message.contains("no `correct` column"), "{e:?}");
        assert_eq!(e.help.as_deref(), Some("did you mean `correct`?"));
        // A column of the sheet's own is skipped, with a warning; the rows are kept.
        let out = import(b"category,type,question,answer,wrong\nFilms,multiple,Q?,A,B\n").unwrap();
        assert_eq!(out.questions.len(), 1);
        assert_eq!(out.questions[0].category, "Films");
        assert!(out.notes[0].message.contains("`type`"), "{:?}", out.notes);
        let e = import(b"prompt,wrong1\nQ?,B\n").unwrap_err();
        assert!(e.message.contains("no `correct` column"));
        let e = import(b"prompt,correct,prompt\n").unwrap_err();
        assert!(e.message.contains("named twice"));
    }

    #[test]
    fn no_header_means_the_fixed_layout() {
        let out = import(b"Q?,A,B,C,,,,Films,Easy,Because.\n").unwrap();
        assert_eq!(out.questions.len(), 1);
        assert_eq!(out.questions[0].category, "Films");
        let out = import(b"Q?,A,B,C,,,,Films,Easy,Because.,extra\n").unwrap();
        assert!(out.problems[0].message.contains("without a header row"));
    }

    #[test]
    fn unclosed_quotes_latin1_and_empty_files_are_clear_errors() {
        let e = import(b"prompt,correct\n\"Q?,A\nQ2?,B\n").unwrap_err();
        assert_eq!(e.location, Location::new(2, 1));
        assert!(e.message.contains("never closed"));
        let out = import(b"prompt,correct,wrong1\ncaf\xE9?,A,B\n").unwrap();
        assert!(
            out.problems[0]
                .message
                .contains("not UTF-8 text (byte 0xE9)")
        );
        assert!(import(b"").is_err());
        assert!(import(b"\xEF\xBB\xBF \n\n").is_err());
    }

    #[test]
    fn the_shipped_pack_round_trips_through_csv() {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../quizzes/the-defiant-ones.ron");
        let pack = check_file(&path).pack.unwrap();
        let csv = export(&pack);
        let out = import(&csv).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert!(out.placeholder_explanations.is_empty());
        assert_eq!(out.questions, pack.questions);
    }
}
