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

use super::{Draft, Imported, difficulty, finish};
use crate::diagnostic::{Diagnostic, Location};
use crate::kinds::{MAX_ITEMS, MIN_ITEMS};
use crate::pack::{Answers, Difficulty, Kind, Pack};
use crate::parse::nearest;

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

/// The columns of a file without a header row, in order: `prompt` to `explanation`.
pub const FIXED_LAYOUT: &[&str] = COLUMNS.split_at(1).1.split_at(10).0;

/// The category of a row that gives none.
pub const DEFAULT_CATEGORY: &str = "General";

/// The end labels of an order row whose `first` or `last` cell is empty.
pub const DEFAULT_FIRST: &str = "First";
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

/// The kind a `kind` cell names: any case, with spaces, `_`, `-` and `/` ignored
/// (`True/False`, `multiple choice`); OpenTDB's `multiple` and `boolean` too.
fn kind(text: &str) -> Option<Kind> {
    let key: String = text
        .chars()
        .filter(|c| !matches!(c, ' ' | '_' | '-' | '/'))
        .flat_map(char::to_lowercase)
        .collect();
    match key.as_str() {
        "choice" | "multiplechoice" | "multiple" => Some(Kind::Choice),
        "truefalse" | "trueorfalse" | "boolean" => Some(Kind::TrueFalse),
        "order" => Some(Kind::Order),
        "number" => Some(Kind::Number),
        _ => None,
    }
}

/// A kind as a row error names it: "a number question".
fn a_question_of(kind: Kind) -> &'static str {
    match kind {
        Kind::Choice => "a multiple-choice question",
        Kind::TrueFalse => "a true/false question",
        Kind::Order => "an order question",
        Kind::Number => "a number question",
    }
}

/// The number in the `col` cell: digits with an optional sign and a `.` for decimals
/// (`1992`, `-3`, `2.5`, `.5`). Anything else is refused, not guessed at: `1,992` could
/// be a thousands separator or a decimal comma, and `1e3`, `inf` or `1992 years` are not
/// what a sheet's author means to write.
fn decimal(col: &str, text: &str) -> Result<f64, String> {
    let digits = text.strip_prefix(['+', '-']).unwrap_or(text);
    let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
    let plain = !(whole.is_empty() && fraction.is_empty())
        && whole.chars().all(|c| c.is_ascii_digit())
        && fraction.chars().all(|c| c.is_ascii_digit());
    let value = if plain {
        text.parse::<f64>().ok()
    } else {
        None
    };
    match value {
        Some(value) if value.is_finite() => Ok(value),
        Some(_) => Err(format!("{col} `{text}` is too large a number")),
        None => {
            let mut message = format!(
                "{col} `{text}` is not a number: write it with digits, an optional `-` and a `.` for decimals (1992, -3, 2.5)"
            );
            if text.contains(',') {
                message.push_str(", without `,`");
            }
            if col == "correct" && text.chars().any(char::is_alphabetic) {
                message.push_str("; a unit goes in the `unit` column");
            }
            Err(message)
        }
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
    let kind_cell = get("kind");
    let kind =
        match kind_cell.as_str() {
            "" => None,
            text => Some(kind(text).ok_or_else(|| {
                format!("kind `{text}` is not choice, truefalse, order or number")
            })?),
        };
    let answers = match kind {
        None => match as_bool(&correct) {
            Some(value) if wrong.len() <= 1 && wrong.iter().all(|w| as_bool(w) == Some(!value)) => {
                Answers::TrueFalse { correct: value }
            }
            _ => Answers::Choice { correct, wrong },
        },
        Some(Kind::Choice) => Answers::Choice { correct, wrong },
        Some(Kind::TrueFalse) => {
            let value = as_bool(&correct).ok_or_else(|| {
                format!("correct `{correct}` is not True or False, as a true/false question needs")
            })?;
            let other = if value { "False" } else { "True" };
            if wrong.len() > 1 || wrong.iter().any(|w| as_bool(w) != Some(!value)) {
                return Err(format!(
                    "a true/false question takes no wrong answer but `{other}` in `wrong1`"
                ));
            }
            Answers::TrueFalse { correct: value }
        }
        Some(Kind::Order) => {
            let items: Vec<String> = std::iter::once(correct)
                .chain(wrong)
                .filter(|i| !i.is_empty())
                .collect();
            if !(MIN_ITEMS..=MAX_ITEMS).contains(&items.len()) {
                return Err(format!(
                    "an order question needs {MIN_ITEMS} to {MAX_ITEMS} items, in their right order in `correct`, `wrong1` … `wrong5`; this row has {}",
                    items.len()
                ));
            }
            let label = |col: &str, default: &str| match get(col) {
                l if l.is_empty() => default.to_string(),
                l => l,
            };
            Answers::Order {
                items,
                first: label("first", DEFAULT_FIRST),
                last: label("last", DEFAULT_LAST),
            }
        }
        Some(Kind::Number) => {
            if correct.is_empty() {
                return Err("a number question needs its number in `correct`".to_string());
            }
            if let Some(n) = (1..=5).find(|n| !get(&format!("wrong{n}")).is_empty()) {
                return Err(format!(
                    "a number question has no wrong answers, but `wrong{n}` holds `{}`",
                    get(&format!("wrong{n}"))
                ));
            }
            let answer = decimal("correct", &correct)?;
            let tolerance = match get("tolerance") {
                t if t.is_empty() => 0.0,
                t => decimal("tolerance", &t)?,
            };
            if tolerance < 0.0 {
                return Err(format!(
                    "tolerance `{}` is negative; it is how far off a guess may be and still be right",
                    get("tolerance")
                ));
            }
            let limit = match get("limit") {
                l if l.is_empty() => None,
                l => Some(decimal("limit", &l)?),
            };
            Answers::Number {
                answer,
                tolerance,
                unit: get("unit"),
                limit,
            }
        }
    };
    // A cell of another kind's column is a mistake (often a forgotten `kind`): say so.
    let kind = answers.kind();
    for (col, of) in [
        ("tolerance", Kind::Number),
        ("unit", Kind::Number),
        ("limit", Kind::Number),
        ("first", Kind::Order),
        ("last", Kind::Order),
    ] {
        if kind != of && !get(col).is_empty() {
            return Err(format!(
                "`{col}` is only for {} questions, and this row is {}: empty the cell, or set `kind` to `{}`",
                kind_name(of),
                a_question_of(kind),
                kind_name(of)
            ));
        }
    }
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

/// Writes a pack as CSV with the [`COLUMNS`] header, one question per row, its `kind`
/// always written (so a choice whose answers are `True` and `False` stays a choice) and
/// the other kind columns empty where they do not apply; [`import`] reads it back to the
/// same questions, numbers exactly.
pub fn export(pack: &Pack) -> Vec<u8> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    let mut rows = vec![COLUMNS.iter().map(|s| s.to_string()).collect::<Vec<_>>()];
    for q in &pack.questions {
        // The cells of the kind columns: tolerance, unit, limit, first, last.
        let mut kind_cells: [String; 5] = Default::default();
        let (correct, wrong) = match &q.answers {
            Answers::Choice { correct, wrong } => (correct.clone(), wrong.clone()),
            Answers::TrueFalse { correct } => (
                if *correct { "True" } else { "False" }.to_string(),
                vec![if *correct { "False" } else { "True" }.to_string()],
            ),
            Answers::Order { items, first, last } => {
                kind_cells[3] = first.clone();
                kind_cells[4] = last.clone();
                let (head, rest) = items
                    .split_first()
                    .map_or((String::new(), &[][..]), |(h, r)| (h.clone(), r));
                (head, rest.to_vec())
            }
            Answers::Number {
                answer,
                tolerance,
                unit,
                limit,
            } => {
                // `{}` writes the shortest plain decimal that reads back as the same f64.
                kind_cells[0] = format!("{tolerance}");
                kind_cells[1] = unit.clone();
                kind_cells[2] = limit.map(|l| format!("{l}")).unwrap_or_default();
                (format!("{answer}"), Vec::new())
            }
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
            kind_name(q.answers.kind()).to_string(),
        ]);
        row.extend(kind_cells);
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
        // Read where cargo runs the test, not where it built it: the target dir is shared by
        // every clone, so this binary may have been built in another one.
        let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
            || env!("CARGO_MANIFEST_DIR").into(),
            std::path::PathBuf::from,
        );
        let path = manifest.join("../../quizzes/the-defiant-ones.ron");
        let checked = check_file(&path);
        let pack = checked
            .pack
            .unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
        let csv = export(&pack);
        let out = import(&csv).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert!(out.placeholder_explanations.is_empty());
        assert_eq!(out.questions, pack.questions);
    }
}

#[cfg(test)]
mod kind_tests {
    use super::*;
    use crate::pack::Question;

    const HEADER: &str =
        "prompt,correct,wrong1,wrong2,wrong3,explanation,kind,tolerance,unit,limit,first,last\n";

    fn messages(out: &Imported) -> Vec<String> {
        out.problems
            .iter()
            .map(|d| format!("{}: {}", d.location, d.message))
            .collect()
    }

    #[test]
    fn order_and_number_rows_import() {
        let csv = format!(
            "{HEADER}\
             Oldest first?,Compton,The Chronic,2001,,Because.,order,,,,Earliest,Latest\n\
             Smallest first?,\"1, one\",2,3,4,Because.,Order,,,,,\n\
             Year?,1992,,,,Because.,number,1,years,6,,\n\
             Below zero?,-3,,,,Because.,NUMBER,,,,,\n\
             Half?,2.5,,,,Because.,number,0.25,\"kg, dry\",,,\n\
             Plus?,+4,,,,Because.,number,.5,,1.,,\n\
             Chosen?,True,False,,,Because.,choice,,,,,\n\
             Stated?,false,,,,Because.,True/False,,,,,\n\
             Guessed?,TRUE,FALSE,,,Because.,,,,,,\n"
        );
        let out = import(csv.as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        let answers: Vec<&Answers> = out.questions.iter().map(|q| &q.answers).collect();
        let strings = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            answers,
            [
                &Answers::Order {
                    items: strings(&["Compton", "The Chronic", "2001"]),
                    first: "Earliest".into(),
                    last: "Latest".into(),
                },
                &Answers::Order {
                    items: strings(&["1, one", "2", "3", "4"]),
                    first: DEFAULT_FIRST.into(),
                    last: DEFAULT_LAST.into(),
                },
                &Answers::Number {
                    answer: 1992.0,
                    tolerance: 1.0,
                    unit: "years".into(),
                    limit: Some(6.0),
                },
                &Answers::Number {
                    answer: -3.0,
                    tolerance: 0.0,
                    unit: String::new(),
                    limit: None,
                },
                &Answers::Number {
                    answer: 2.5,
                    tolerance: 0.25,
                    unit: "kg, dry".into(),
                    limit: None,
                },
                &Answers::Number {
                    answer: 4.0,
                    tolerance: 0.5,
                    unit: String::new(),
                    limit: Some(1.0),
                },
                // An explicit kind: a choice whose answers happen to be True and False.
                &Answers::Choice {
                    correct: "True".into(),
                    wrong: strings(&["False"]),
                },
                &Answers::TrueFalse { correct: false },
                // No kind: as before, True/False makes a true/false question.
                &Answers::TrueFalse { correct: true },
            ]
        );
    }

    #[test]
    fn header_aliases_of_the_kind_columns() {
        let csv = "Question,Answer,Wrong 1,Wrong 2,Question Kind,First Label,Last_Label\n\
                   Order?,a,b,c,order,Top,Bottom\n";
        let out = import(csv.as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(
            out.questions[0].answers,
            Answers::Order {
                items: vec!["a".into(), "b".into(), "c".into()],
                first: "Top".into(),
                last: "Bottom".into(),
            }
        );
        let out = import(b"prompt,correct,kind,units\nHow far?,12,number,km\n").unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert!(matches!(&out.questions[0].answers, Answers::Number { unit, .. } if unit == "km"));
    }

    #[test]
    fn bad_kind_rows_are_reported_by_line_and_the_rest_kept() {
        let csv = format!(
            "{HEADER}\
             Fine?,1992,,,,Because.,number,,,,,\n\
             Kind?,A,B,,,Because.,quiz,,,,,\n\
             Comma?,\"1,992\",,,,Because.,number,,,,,\n\
             Unit?,1992 years,,,,Because.,number,,,,,\n\
             Exponent?,1e3,,,,Because.,number,,,,,\n\
             Tolerance?,5,,,,Because.,number,about 2,,,,\n\
             Negative?,5,,,,Because.,number,-1,,,,\n\
             Limit?,5,,,,Because.,number,1,,x,,\n\
             Empty?,,,,,Because.,number,,,,,\n\
             Wrong?,5,,6,,Because.,number,,,,,\n\
             Short?,a,,b,,Because.,order,,,,,\n\
             Forgot the kind?,5,,,,Because.,,1,,,,\n\
             Order unit?,a,b,c,,Because.,order,,cm,,,\n\
             Number label?,5,,,,Because.,number,,,,Low,\n\
             Yes?,Yes,No,,,Because.,truefalse,,,,,\n\
             Both?,True,True,,,Because.,truefalse,,,,,\n\
             Huge?,{},,,,Because.,number,,,,,\n",
            "9".repeat(400)
        );
        let out = import(csv.as_bytes()).unwrap();
        let wanted = [
            "3:1: line 3: kind `quiz` is not choice, truefalse, order or number",
            "4:1: line 4: correct `1,992` is not a number: write it with digits, an optional `-` and a `.` for decimals (1992, -3, 2.5), without `,`",
            "5:1: line 5: correct `1992 years` is not a number: write it with digits, an optional `-` and a `.` for decimals (1992, -3, 2.5); a unit goes in the `unit` column",
            "6:1: line 6: correct `1e3` is not a number",
            "7:1: line 7: tolerance `about 2` is not a number",
            "8:1: line 8: tolerance `-1` is negative; it is how far off a guess may be and still be right",
            "9:1: line 9: limit `x` is not a number",
            "10:1: line 10: a number question needs its number in `correct`",
            "11:1: line 11: a number question has no wrong answers, but `wrong2` holds `6`",
            "12:1: line 12: an order question needs 3 to 6 items, in their right order in `correct`, `wrong1` … `wrong5`; this row has 2",
            "13:1: line 13: `tolerance` is only for number questions, and this row is a multiple-choice question: empty the cell, or set `kind` to `number`",
            "14:1: line 14: `unit` is only for number questions, and this row is an order question",
            "15:1: line 15: `first` is only for order questions, and this row is a number question: empty the cell, or set `kind` to `order`",
            "16:1: line 16: correct `Yes` is not True or False, as a true/false question needs",
            "17:1: line 17: a true/false question takes no wrong answer but `False` in `wrong1`",
            "18:1: line 18: correct `999",
        ];
        let got = messages(&out);
        assert_eq!(got.len(), wanted.len(), "{got:#?}");
        for (got, want) in got.iter().zip(wanted) {
            assert!(got.starts_with(want), "{got}\n{want}");
        }
        assert!(got[15].ends_with("is too large a number"), "{}", got[15]);
        assert_eq!(out.questions.len(), 1);
        assert_eq!(out.rows, 17);
    }

    #[test]
    fn a_header_less_file_has_no_kind_columns() {
        // The fixed layout is unchanged: an 11th cell is still one too many.
        let out = import(b"Q?,3,,,,,,Films,Easy,Because.,number\n").unwrap();
        assert!(out.problems[0].message.contains("without a header row"));
        let out = import(b"Q?,3,4,,,,,Films,Easy,Because.\n").unwrap();
        assert!(matches!(out.questions[0].answers, Answers::Choice { .. }));
    }

    fn question(id: &str, answers: Answers) -> Question {
        Question {
            id: id.to_string(),
            prompt: format!("What about {id}?"),
            answers,
            explanation: "Because, \"quoted\".".to_string(),
            category: "Films".to_string(),
            difficulty: Difficulty::Hard,
            tags: vec!["a".to_string(), "b c".to_string()],
            seconds: Some(30),
            safe_after: None,
        }
    }

    #[test]
    fn every_kind_round_trips_exactly() {
        let number =
            |answer: f64, tolerance: f64, unit: &str, limit: Option<f64>| Answers::Number {
                answer,
                tolerance,
                unit: unit.to_string(),
                limit,
            };
        let questions = vec![
            question(
                "choice",
                Answers::Choice {
                    correct: "A, with a comma".into(),
                    wrong: vec!["B".into(), "\"C\"".into()],
                },
            ),
            // Without the `kind` column this would read back as true/false.
            question(
                "choice-true-false",
                Answers::Choice {
                    correct: "True".into(),
                    wrong: vec!["False".into()],
                },
            ),
            question("true-false", Answers::TrueFalse { correct: false }),
            question(
                "order",
                Answers::Order {
                    items: vec!["1, one".into(), "two".into(), "3".into(), "True".into()],
                    first: "Earliest, first".into(),
                    last: "Latest".into(),
                },
            ),
            question(
                "order-six",
                Answers::Order {
                    items: (1..=6).map(|i| format!("item {i}")).collect(),
                    first: "First".into(),
                    last: "Last".into(),
                },
            ),
            question("number", number(1992.0, 1.0, "years", Some(6.0))),
            question("number-third", number(1.0 / 3.0, 0.1 + 0.2, "", None)),
            question("number-tiny", number(-1e-7, 0.0, "m, wet", Some(5e-7))),
            question(
                "number-big",
                number(-999_999_999_999.5, 12345.678, "$", None),
            ),
            question("number-zero", number(0.0, 0.0, "", Some(1.0))),
        ];
        let pack = Pack {
            format: 2,
            title: "All kinds".to_string(),
            description: String::new(),
            author: String::new(),
            defaults: Default::default(),
            chapters: Vec::new(),
            questions,
        };
        let csv = export(&pack);
        let text = String::from_utf8(csv.clone()).unwrap();
        assert!(
            text.starts_with(&format!("{}\n", COLUMNS.join(","))),
            "{text}"
        );
        assert!(
            text.contains("\nnumber,What about number?,1992,,,,,,Films,Hard,"),
            "{text}"
        );
        assert!(text.contains(",number,1,years,6,,\n"), "{text}");
        assert!(text.contains(",choice,,,,,\n"), "{text}");
        let out = import(&csv).unwrap();
        assert!(out.problems.is_empty(), "{:?}\n{text}", out.problems);
        assert!(out.notes.is_empty(), "{:?}", out.notes);
        assert_eq!(out.questions, pack.questions);
        // Bit for bit, not just equal.
        for (a, b) in out.questions.iter().zip(&pack.questions) {
            if let (
                Answers::Number {
                    answer: x,
                    tolerance: t,
                    limit: l,
                    ..
                },
                Answers::Number {
                    answer: y,
                    tolerance: u,
                    limit: m,
                    ..
                },
            ) = (&a.answers, &b.answers)
            {
                assert_eq!(x.to_bits(), y.to_bits());
                assert_eq!(t.to_bits(), u.to_bits());
                assert_eq!(l.map(f64::to_bits), m.map(f64::to_bits));
            }
        }
    }
}
