//! One data row of a sheet as a draft: its kind (from the `kind` cell or the answers),
//! its answers, numbers written plainly, and every cell that does not fit the row's kind
//! or its column refused with the reason.

use super::{DEFAULT_CATEGORY, DEFAULT_FIRST, DEFAULT_LAST, FIXED_LAYOUT, kind_name};
use crate::diagnostic::Location;
use crate::import::{Draft, difficulty};
use crate::kinds::{MAX_ITEMS, MIN_ITEMS};
use crate::pack::{Answers, Difficulty, Kind};

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

/// One data row as a draft, or why it cannot be one.
pub(super) fn row(
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
    let media = super::media::read(get)?;
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
        media,
    })
}
