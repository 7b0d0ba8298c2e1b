//! Questions from other formats into packs, and packs out to a spreadsheet.
//!
//! Each importer reads its format into [`Draft`]s, one per source row, or a problem for a
//! row it cannot read. [`finish`] then turns drafts into questions by the pack rules of
//! `validate.rs`: ids are made from the prompts, a missing explanation gets a placeholder
//! that names the right answer, and a row that breaks a rule is reported, not dropped
//! silently. [`to_ron`] writes a pack in the house style, which `check` reads back.

pub mod csv;
pub mod opentdb;

use std::collections::{HashMap, HashSet};

use super::diagnostic::{Diagnostic, Location};
use super::pack::{Answers, Defaults, Difficulty, FORMAT_VERSION, Pack, Question};
use super::spans::PackSpans;
use super::validate::{MAX_CATEGORY, MAX_ID, MAX_TAG, validate};

/// A source file too large to import, by its size alone.
pub fn too_large(len: u64) -> Option<String> {
    (len > super::MAX_PACK_BYTES as u64).then(|| super::parse::too_large(len))
}

/// One source row, read but not yet checked against the pack rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Where the row starts in the source file.
    pub at: Location,
    /// How to name the row in a report, e.g. `results[3]` or `row 4`.
    pub label: String,
    pub id: Option<String>,
    pub prompt: String,
    pub answers: Answers,
    /// Empty when the source has none: a placeholder is written.
    pub explanation: String,
    pub category: String,
    pub difficulty: Difficulty,
    pub tags: Vec<String>,
    pub seconds: Option<u32>,
    /// The chapter after which the question is safe (format 2).
    pub safe_after: Option<String>,
}

/// The result of an import: the questions converted, and what was not.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    pub questions: Vec<Question>,
    /// Rows that could not be converted: errors at their place in the source.
    pub problems: Vec<Diagnostic>,
    /// Rows converted with something the author should look at: warnings.
    pub notes: Vec<Diagnostic>,
    /// Ids of the questions that got a placeholder explanation.
    pub placeholder_explanations: Vec<String>,
    /// Rows read from the source, converted or not (blank rows are not counted).
    pub rows: usize,
}

/// The placeholder for a question whose source has no explanation.
pub fn placeholder_explanation(answers: &Answers) -> String {
    format!("The right answer is “{}”.", answers.correct_text())
}

/// An id from the prompt: its first words in lower case, joined by `-`.
pub fn slug(prompt: &str) -> String {
    let mut id = String::new();
    for word in prompt
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_ascii_lowercase();
        if !id.is_empty() && id.len() + 1 + word.len() > 40 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word[..word.len().min(40)]);
        if id.matches('-').count() >= 5 {
            break;
        }
    }
    id
}

/// A label (a category, a tag) shortened to at most `max` characters, or `None` when it
/// fits. "Entertainment: Japanese Anime & Manga" keeps its last part ("Japanese Anime &
/// Manga"); anything else is cut at a word boundary and ends in "…".
pub fn fit_label(label: &str, max: usize) -> Option<String> {
    let label = label.trim();
    if label.chars().count() <= max {
        return None;
    }
    if let Some((_, tail)) = label.rsplit_once(": ")
        && !tail.trim().is_empty()
        && tail.chars().count() <= max
    {
        return Some(tail.trim().to_string());
    }
    let room: String = label.chars().take(max.saturating_sub(1)).collect();
    let cut = match room.rfind(' ') {
        Some(space) if space > room.len() / 2 => &room[..space],
        _ => room.as_str(),
    };
    Some(format!(
        "{}…",
        cut.trim_end_matches([' ', ',', ':', ';', '-', '&'])
    ))
}

/// A pack with one question, to check a row by the pack rules on its own (its chapter,
/// if it names one, is the pack's: the chapters are gathered when the pack is made).
fn pack_of(question: Question) -> Pack {
    Pack {
        format: FORMAT_VERSION,
        title: "import".to_string(),
        description: String::new(),
        author: String::new(),
        defaults: Defaults::default(),
        chapters: question.safe_after.iter().cloned().collect(),
        questions: vec![question],
    }
}

/// The chapters of an imported pack: those of the pack it replaces, in their order, then
/// any other chapter the questions name, in natural order ("Part 2" before "Part 10").
pub fn chapters_for(questions: &[Question], replaced: Option<&Pack>) -> Vec<String> {
    let mut chapters: Vec<String> = replaced.map(|p| p.chapters.clone()).unwrap_or_default();
    let mut new: Vec<String> = questions
        .iter()
        .filter_map(|q| q.safe_after.clone())
        .filter(|c| !chapters.contains(c))
        .collect();
    new.sort_by_key(|c| natural_key(c));
    new.dedup();
    chapters.extend(new);
    chapters
}

/// A sort key that compares runs of digits as numbers.
fn natural_key(text: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut word = String::new();
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            if !number.is_empty() {
                key.push((
                    std::mem::take(&mut word),
                    number.parse().unwrap_or(u64::MAX),
                ));
                number.clear();
            }
            word.extend(c.to_lowercase());
        }
    }
    key.push((word, number.parse().unwrap_or(0)));
    key
}

/// Turns drafts into questions: ids made unique, placeholders for missing explanations,
/// and every row checked by the pack rules. `problems` are the rows the reader could not
/// read at all; `rows` counts every row read.
pub fn finish(drafts: Vec<Draft>, problems: Vec<Diagnostic>, rows: usize) -> Imported {
    let mut out = Imported {
        problems,
        rows,
        ..Imported::default()
    };
    let mut taken: HashSet<String> = drafts.iter().filter_map(|d| d.id.clone()).collect();
    // Ids the source gives, with the row that gave each first.
    let mut given: HashMap<String, String> = HashMap::new();
    for draft in drafts {
        if let Some(id) = draft.id.as_ref().filter(|id| !id.trim().is_empty()) {
            if let Some(first) = given.get(id) {
                out.problems.push(
                    Diagnostic::error(
                        draft.at,
                        format!(
                            "{}: duplicate id `{id}`: already used at {first}",
                            draft.label
                        ),
                    )
                    .with_help(
                        "every question needs its own id; leave the cell empty to have one made",
                    ),
                );
                continue;
            }
            given.insert(id.clone(), draft.label.clone());
        }
        let mut placeholder = false;
        let explanation = if draft.explanation.trim().is_empty() {
            placeholder = true;
            placeholder_explanation(&draft.answers)
        } else {
            draft.explanation
        };
        let id = match draft.id {
            Some(id) if !id.trim().is_empty() => id,
            _ => {
                let base = match slug(&draft.prompt) {
                    s if s.is_empty() => "question".to_string(),
                    s => s,
                };
                let mut id = base.clone();
                let mut n = 2;
                while taken.contains(&id) {
                    let suffix = format!("-{n}");
                    let keep = base.len().min(MAX_ID - suffix.len());
                    id = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
                    n += 1;
                }
                taken.insert(id.clone());
                id
            }
        };
        // Categories and tags are labels the game shows in a small space: a long one is
        // shortened (and said so), never a reason to lose the row.
        let mut shortened = Vec::new();
        let category = match fit_label(&draft.category, MAX_CATEGORY) {
            Some(short) => {
                shortened.push((
                    "category",
                    draft.category.clone(),
                    short.clone(),
                    MAX_CATEGORY,
                ));
                short
            }
            None => draft.category,
        };
        let tags = draft
            .tags
            .into_iter()
            .map(|tag| match fit_label(&tag, MAX_TAG) {
                Some(short) => {
                    shortened.push(("tag", tag, short.clone(), MAX_TAG));
                    short
                }
                None => tag,
            })
            .collect();
        let question = Question {
            id,
            prompt: draft.prompt,
            answers: draft.answers,
            explanation,
            category,
            difficulty: draft.difficulty,
            tags,
            seconds: draft.seconds,
            safe_after: draft.safe_after,
        };
        let pack = pack_of(question);
        let diagnostics = validate(&pack, &PackSpans::default());
        let label = &draft.label;
        let errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            // The rules' help lines speak of RON syntax, which is not what the source is in.
            .map(|d| Diagnostic::error(draft.at, format!("{label}: {}", d.message)))
            .collect();
        if !errors.is_empty() {
            out.problems.extend(errors);
            continue;
        }
        for (what, long, short, max) in shortened {
            out.notes.push(Diagnostic::warning(
                draft.at,
                format!(
                    "{label}: the {what} “{long}” is {} characters, longer than the {max} the game shows: shortened to “{short}”",
                    long.chars().count()
                ),
            ));
        }
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            out.notes.push(Diagnostic::warning(
                draft.at,
                format!("{label}: {}", d.message),
            ));
        }
        let Some(question) = pack.questions.into_iter().next() else {
            continue;
        };
        if placeholder {
            out.placeholder_explanations.push(question.id.clone());
        }
        out.questions.push(question);
    }
    out.problems.sort_by_key(|d| d.location);
    out
}

/// A value in RON syntax: a quoted, escaped string.
/// A number as RON reads it back exactly: `1992`, `2.5`, `-0.125`.
fn ron_number(value: f64) -> String {
    // `{}` prints the shortest text that reads back as the same f64.
    let text = format!("{value}");
    if value.is_finite() {
        text
    } else {
        "0".to_string()
    }
}

fn ron_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// Writes a pack as RON in the style of the shipped packs: one block per question.
pub fn to_ron(pack: &Pack, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("// {line}\n"));
    }
    out.push_str("Pack(\n");
    out.push_str(&format!("    format: {},\n", pack.format));
    out.push_str(&format!("    title: {},\n", ron_string(&pack.title)));
    out.push_str(&format!(
        "    description: {},\n",
        ron_string(&pack.description)
    ));
    out.push_str(&format!("    author: {},\n", ron_string(&pack.author)));
    if pack.defaults != Defaults::default() {
        out.push_str(&format!(
            "    defaults: (seconds_per_question: {}),\n",
            pack.defaults.seconds_per_question
        ));
    }
    if !pack.chapters.is_empty() {
        let chapters: Vec<String> = pack.chapters.iter().map(|c| ron_string(c)).collect();
        out.push_str(&format!("    chapters: [{}],\n", chapters.join(", ")));
    }
    out.push_str("    questions: [\n");
    for q in &pack.questions {
        out.push_str("        (\n");
        out.push_str(&format!("            id: {},\n", ron_string(&q.id)));
        out.push_str(&format!("            prompt: {},\n", ron_string(&q.prompt)));
        match &q.answers {
            Answers::Choice { correct, wrong } => {
                out.push_str("            answers: Choice(\n");
                out.push_str(&format!(
                    "                correct: {},\n",
                    ron_string(correct)
                ));
                let wrong: Vec<String> = wrong.iter().map(|w| ron_string(w)).collect();
                out.push_str(&format!("                wrong: [{}],\n", wrong.join(", ")));
                out.push_str("            ),\n");
            }
            Answers::TrueFalse { correct } => {
                out.push_str(&format!(
                    "            answers: TrueFalse(correct: {correct}),\n"
                ));
            }
            Answers::Order { items, first, last } => {
                out.push_str("            answers: Order(\n");
                let items: Vec<String> = items.iter().map(|i| ron_string(i)).collect();
                out.push_str(&format!("                items: [{}],\n", items.join(", ")));
                out.push_str(&format!("                first: {},\n", ron_string(first)));
                out.push_str(&format!("                last: {},\n", ron_string(last)));
                out.push_str("            ),\n");
            }
            Answers::Number {
                answer,
                tolerance,
                unit,
                limit,
            } => {
                let mut fields = vec![
                    format!("answer: {}", ron_number(*answer)),
                    format!("tolerance: {}", ron_number(*tolerance)),
                ];
                if !unit.is_empty() {
                    fields.push(format!("unit: {}", ron_string(unit)));
                }
                if let Some(limit) = limit {
                    fields.push(format!("limit: {}", ron_number(*limit)));
                }
                out.push_str(&format!(
                    "            answers: Number({}),\n",
                    fields.join(", ")
                ));
            }
        }
        out.push_str(&format!(
            "            explanation: {},\n",
            ron_string(&q.explanation)
        ));
        out.push_str(&format!(
            "            category: {},\n",
            ron_string(&q.category)
        ));
        out.push_str(&format!("            difficulty: {:?},\n", q.difficulty));
        if !q.tags.is_empty() {
            let tags: Vec<String> = q.tags.iter().map(|t| ron_string(t)).collect();
            out.push_str(&format!("            tags: [{}],\n", tags.join(", ")));
        }
        if let Some(seconds) = q.seconds {
            out.push_str(&format!("            seconds: {seconds},\n"));
        }
        if let Some(chapter) = &q.safe_after {
            out.push_str(&format!(
                "            safe_after: {},\n",
                ron_string(chapter)
            ));
        }
        out.push_str("        ),\n");
    }
    out.push_str("    ],\n)\n");
    out
}

/// Reads a difficulty as a spreadsheet or a web API writes it: any case, spaces around.
pub fn difficulty(text: &str) -> Option<Difficulty> {
    Difficulty::ALL
        .into_iter()
        .find(|d| d.label().eq_ignore_ascii_case(text.trim()))
}

/// Finds the line and column of byte offsets in `text`, each from the last one found, so
/// the places of a file's rows (met in order) cost one pass over the file, not one each.
#[derive(Debug, Clone)]
pub struct Locator<'a> {
    text: &'a str,
    offset: usize,
    at: Location,
}

impl<'a> Locator<'a> {
    pub fn new(text: &'a str) -> Self {
        Self {
            text,
            offset: 0,
            at: Location::START,
        }
    }

    /// The location of byte `offset` (clamped to the text, moved back to a character
    /// boundary); an offset before the last one found starts again from the top.
    pub fn at(&mut self, offset: usize) -> Location {
        let mut offset = offset.min(self.text.len());
        while !self.text.is_char_boundary(offset) {
            offset -= 1;
        }
        if offset < self.offset {
            *self = Self::new(self.text);
        }
        self.at = self.at.after(&self.text[self.offset..offset]);
        self.offset = offset;
        self.at
    }

    /// The location of a slice of the text (e.g. a JSON value borrowed from it).
    pub fn of(&mut self, part: &str) -> Location {
        let offset = (part.as_ptr() as usize).saturating_sub(self.text.as_ptr() as usize);
        self.at(offset)
    }
}

#[cfg(test)]
mod label_tests {
    use super::fit_label;

    #[test]
    fn long_labels_are_shortened_to_fit() {
        assert_eq!(fit_label("Music", 32), None);
        assert_eq!(fit_label(&"x".repeat(32), 32), None);
        assert_eq!(
            fit_label("Entertainment: Japanese Anime & Manga", 32).as_deref(),
            Some("Japanese Anime & Manga")
        );
        let cut = fit_label("The History of Hip-Hop Production in Los Angeles", 32).unwrap();
        assert_eq!(cut, "The History of Hip-Hop…");
        assert!(cut.chars().count() <= 32);
        // One long word: cut inside it.
        let cut = fit_label(&"é".repeat(40), 32).unwrap();
        assert_eq!(cut.chars().count(), 32);
        assert!(cut.ends_with('…'));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::check_text;

    fn draft(prompt: &str, answers: Answers) -> Draft {
        Draft {
            at: Location::new(3, 1),
            label: "row 2".to_string(),
            id: None,
            prompt: prompt.to_string(),
            answers,
            explanation: String::new(),
            category: "Films".to_string(),
            difficulty: Difficulty::Easy,
            tags: Vec::new(),
            seconds: None,
            safe_after: None,
        }
    }

    fn choice(correct: &str, wrong: &[&str]) -> Answers {
        Answers::Choice {
            correct: correct.to_string(),
            wrong: wrong.iter().map(|w| w.to_string()).collect(),
        }
    }

    #[test]
    fn an_id_given_twice_is_a_problem_on_the_second_row() {
        let mut a = draft("One?", choice("A", &["B"]));
        a.id = Some("same".to_string());
        let mut b = draft("Two?", choice("A", &["B"]));
        b.id = Some("same".to_string());
        b.label = "row 3".to_string();
        let c = draft("Same", choice("A", &["B"]));
        let out = finish(vec![a, b, c], Vec::new(), 3);
        assert_eq!(out.questions.len(), 2);
        assert_eq!(out.questions[1].id, "same-2");
        assert_eq!(
            out.problems[0].message,
            "row 3: duplicate id `same`: already used at row 2"
        );
    }

    #[test]
    fn slugs_are_short_valid_ids() {
        assert_eq!(
            slug("Who directed “The Defiant Ones” (2017)?"),
            "who-directed-the-defiant-ones-2017"
        );
        assert_eq!(slug("¿Qué?"), "qu");
        assert_eq!(slug("日本"), "");
        let long = slug(&"abcdefghij ".repeat(20));
        assert!(long.len() <= 40, "{long}");
    }

    #[test]
    fn finish_makes_unique_ids_and_placeholders_and_reports_rule_breakers() {
        let drafts = vec![
            draft("Same prompt?", choice("A", &["B"])),
            draft("Same prompt?", choice("C", &["D"])),
            draft("日本?", Answers::TrueFalse { correct: true }),
            draft(
                "Too many options?",
                choice("A", &["B", "C", "D", "E", "F", "G"]),
            ),
        ];
        let out = finish(drafts, Vec::new(), 4);
        let ids: Vec<&str> = out.questions.iter().map(|q| q.id.as_str()).collect();
        assert_eq!(ids, ["same-prompt", "same-prompt-2", "question"]);
        assert_eq!(out.questions[0].explanation, "The right answer is “A”.");
        assert_eq!(out.questions[2].explanation, "The right answer is “True”.");
        assert_eq!(out.placeholder_explanations.len(), 3);
        assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
        assert!(out.problems[0].message.starts_with("row 2: "));
        assert!(
            out.problems[0].message.contains("7 answers in all"),
            "{:?}",
            out.problems
        );
    }

    #[test]
    fn to_ron_round_trips_through_check_with_awkward_text() {
        let mut q = finish(
            vec![draft(
                "A \"quoted\" back\\slash, a tab\tand é, 日本 and emoji 🎤?",
                choice("Line\nbreak", &["x"]),
            )],
            Vec::new(),
            1,
        )
        .questions;
        q[0].tags = vec!["a tag".to_string()];
        q[0].seconds = Some(30);
        q[0].safe_after = Some("Part 2".to_string());
        let pack = Pack {
            format: 2,
            title: "T \"x\"".to_string(),
            description: "D".to_string(),
            author: "A".to_string(),
            defaults: Defaults {
                seconds_per_question: 15,
            },
            chapters: vec!["Part 1".to_string(), "Part 2".to_string()],
            questions: q,
        };
        let text = to_ron(&pack, "Imported from test.csv\nsecond line");
        assert!(text.starts_with("// Imported from test.csv\n// second line\nPack(\n"));
        let checked = check_text(&text);
        assert_eq!(
            checked.pack.as_ref(),
            Some(&pack),
            "{:?}",
            checked.diagnostics
        );
    }

    #[test]
    fn locations_count_lines_and_characters() {
        let text = "ab\ncdé\nf";
        let mut at = Locator::new(text);
        assert_eq!(at.at(0), Location::new(1, 1));
        assert_eq!(at.at(3), Location::new(2, 1));
        assert_eq!(at.at(7), Location::new(2, 4));
        assert_eq!(at.at(6), Location::new(2, 3), "inside é: its start");
        assert_eq!(at.at(999), Location::new(3, 2));
        assert_eq!(at.at(1), Location::new(1, 2), "backwards starts again");
        assert_eq!(at.of(&text[8..]), Location::new(3, 1));
    }
}
