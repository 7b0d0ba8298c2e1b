//! Every rule a pack must follow beyond being well-formed RON, in one place.
//!
//! `validate` collects all problems in a pack rather than stopping at the first, and
//! points each at the field, question or answer it concerns.

use std::borrow::Cow;
use std::collections::HashMap;

use super::command::Guess;
use super::diagnostic::{Diagnostic, Location};
use super::kinds::{MAX_ITEMS, MIN_ITEMS};
use super::pack::{Answers, FORMAT_VERSION, Kind, OLDEST_FORMAT, Pack};
use super::parse::nearest;
use super::spans::PackSpans;

/// Longest pack title, in characters.
pub const MAX_TITLE: usize = 80;
/// Longest pack description, in characters.
pub const MAX_DESCRIPTION: usize = 500;
/// Longest author name, in characters.
pub const MAX_AUTHOR: usize = 80;
/// Longest question id, in characters.
pub const MAX_ID: usize = 48;
/// Longest prompt, in characters: about four lines on screen.
pub const MAX_PROMPT: usize = 250;
/// Longest answer option, in characters.
pub const MAX_ANSWER: usize = 100;
/// Longest explanation, in characters.
pub const MAX_EXPLANATION: usize = 600;
/// Longest category name, in characters.
pub const MAX_CATEGORY: usize = 32;
/// Longest tag, in characters.
pub const MAX_TAG: usize = 32;
/// Longest chapter name, in characters.
pub const MAX_CHAPTER: usize = 32;
/// Most chapters a pack names.
pub const MAX_CHAPTERS: usize = 30;
/// Fewest and most options of a multiple-choice question, the correct one included.
pub const MIN_OPTIONS: usize = 2;
pub const MAX_OPTIONS: usize = 6;
/// Longest label of an order's ends (`first`, `last`), in characters: it sits beside the
/// items on screen.
pub const MAX_END_LABEL: usize = 24;
/// Longest unit of a number question, in characters.
pub const MAX_UNIT: usize = 16;
/// Shortest and longest time limit for a question, in seconds.
pub const MIN_SECONDS: u32 = 5;
pub const MAX_SECONDS: u32 = 120;

/// Names in quotes, joined: `"Part 1", "Part 2"`.
fn quoted(names: &[&str]) -> String {
    names
        .iter()
        .map(|n| format!("\"{n}\""))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Checks every rule; returns all problems found, errors and warnings, in file order.
pub fn validate(pack: &Pack, spans: &PackSpans) -> Vec<Diagnostic> {
    let mut v = Validator {
        spans,
        out: Vec::new(),
    };
    v.pack(pack);
    let mut out = v.out;
    out.sort_by_key(|d| d.location);
    out
}

struct Validator<'a> {
    spans: &'a PackSpans,
    out: Vec<Diagnostic>,
}

/// Answers that only make sense in a fixed order, which shuffling breaks.
const SHUFFLE_BREAKERS: [&str; 6] = [
    "all of the above",
    "none of the above",
    "both of the above",
    "all of these",
    "none of these",
    "both a and b",
];

/// Compares answers the way a player would: ignoring case and surrounding spaces.
/// Borrows the text when it is already in that form (most lower-case ASCII answers).
pub fn normalize_answer(text: &str) -> Cow<'_, str> {
    let trimmed = text.trim();
    if trimmed
        .bytes()
        .all(|b| b.is_ascii() && !b.is_ascii_uppercase())
    {
        Cow::Borrowed(trimmed)
    } else {
        Cow::Owned(trimmed.to_lowercase())
    }
}

impl Validator<'_> {
    fn error(&mut self, at: Option<Location>, message: String) -> &mut Diagnostic {
        self.out
            .push(Diagnostic::error(at.unwrap_or(Location::START), message));
        self.out.last_mut().expect("just pushed")
    }

    /// A required text: not blank and not longer than `max` characters.
    fn text(&mut self, at: Option<Location>, what: &str, text: &str, max: usize) {
        if text.chars().all(char::is_whitespace) {
            self.error(at, format!("{what} is empty"));
        } else if text.len() > max {
            // Characters are never more than bytes: count them only when it can matter.
            let len = text.chars().count();
            if len > max {
                self.error(
                    at,
                    format!("{what} is {len} characters long; the limit is {max}"),
                );
            }
        }
    }

    fn warn(&mut self, at: Option<Location>, message: String, help: &str) {
        self.out
            .push(Diagnostic::warning(at.unwrap_or(Location::START), message).with_help(help));
    }

    fn seconds(&mut self, at: Option<Location>, what: &str, seconds: u32) {
        if !(MIN_SECONDS..=MAX_SECONDS).contains(&seconds) {
            self.error(
                at,
                format!(
                    "{what} is {seconds} seconds; it must be between {MIN_SECONDS} and {MAX_SECONDS}"
                ),
            );
        }
    }

    /// The pack's chapters: named, short, each once, not too many.
    fn chapters(&mut self, pack: &Pack) {
        let spans = self.spans;
        if pack.chapters.len() > MAX_CHAPTERS {
            self.error(
                spans.pack_field("chapters"),
                format!(
                    "{} chapters; a pack names at most {MAX_CHAPTERS}",
                    pack.chapters.len()
                ),
            );
        }
        for (i, chapter) in pack.chapters.iter().enumerate() {
            self.text(spans.chapter(i), "a chapter", chapter, MAX_CHAPTER);
            if let Some(first) = pack.chapters[..i].iter().position(|c| c == chapter) {
                self.error(
                    spans.chapter(i),
                    format!(
                        "the chapter \"{chapter}\" is named twice (chapter {} and chapter {})",
                        first + 1,
                        i + 1
                    ),
                )
                .help = Some("every chapter needs its own name".to_string());
            }
        }
    }

    fn pack(&mut self, pack: &Pack) {
        let spans = self.spans;
        if !(OLDEST_FORMAT..=FORMAT_VERSION).contains(&pack.format) {
            self.error(
                spans.pack_field("format"),
                format!(
                    "unsupported format version {}; this version of Defiant Trivia reads formats {OLDEST_FORMAT} to {FORMAT_VERSION}",
                    pack.format
                ),
            )
            .help = Some(format!("this pack needs format {}", pack.needed_format()));
        } else if pack.format < pack.needed_format() {
            // The first thing in the file that needs the newer format.
            let newer = |kind: Kind| matches!(kind, Kind::Order | Kind::Number);
            let (at, what) = if !pack.chapters.is_empty() {
                (spans.pack_field("chapters"), "`chapters` needs")
            } else {
                let i = pack
                    .questions
                    .iter()
                    .position(|q| q.safe_after.is_some() || newer(q.answers.kind()))
                    .unwrap_or(0);
                match pack.questions.get(i).map(|q| q.answers.kind()) {
                    Some(Kind::Order) => {
                        (spans.question_field(i, "answers"), "`Order` answers need")
                    }
                    Some(Kind::Number) => {
                        (spans.question_field(i, "answers"), "`Number` answers need")
                    }
                    _ => (spans.question_field(i, "safe_after"), "`safe_after` needs"),
                }
            };
            self.error(
                at,
                format!(
                    "{what} pack format {}; this file says format {}",
                    pack.needed_format(),
                    pack.format
                ),
            )
            .help = Some(format!(
                "write `format: {}` at the top of the pack",
                pack.needed_format()
            ));
        }
        self.chapters(pack);
        self.text(
            spans.pack_field("title"),
            "the title",
            &pack.title,
            MAX_TITLE,
        );
        let len = pack.description.chars().count();
        if len > MAX_DESCRIPTION {
            self.error(
                spans.pack_field("description"),
                format!("the description is {len} characters long; the limit is {MAX_DESCRIPTION}"),
            );
        }
        let len = pack.author.chars().count();
        if len > MAX_AUTHOR {
            self.error(
                spans.pack_field("author"),
                format!("the author is {len} characters long; the limit is {MAX_AUTHOR}"),
            );
        }
        self.seconds(
            spans.default_field("seconds_per_question"),
            "the default time per question",
            pack.defaults.seconds_per_question,
        );
        if pack.questions.is_empty() {
            self.error(
                spans.pack_field("questions"),
                "the pack has no questions".to_string(),
            )
            .help = Some("add at least one question to `questions: [ ... ]`".to_string());
        }

        let mut first_by_prompt: HashMap<Cow<str>, usize> =
            HashMap::with_capacity(pack.questions.len());
        let mut category_uses: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut first_by_id: HashMap<&str, usize> = HashMap::with_capacity(pack.questions.len());
        for (i, q) in pack.questions.iter().enumerate() {
            let at = |field: &str| spans.question_field(i, field);
            let id_at = at("id");
            if q.id.is_empty() {
                self.error(id_at, "the question id is empty".to_string());
            } else if q.id.chars().count() > MAX_ID {
                self.error(
                    id_at,
                    format!("the id `{}` is longer than {MAX_ID} characters", q.id),
                );
            } else if !q
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                self.error(
                    id_at,
                    format!(
                        "the id `{}` may use only lower-case letters, digits and `-`",
                        q.id
                    ),
                );
            }
            if !q.id.is_empty() {
                if let Some(&first) = first_by_id.get(q.id.as_str()) {
                    let first_at = spans.question_field(first, "id");
                    let where_first = first_at.map_or(format!("question {}", first + 1), |l| {
                        format!("line {}", l.line)
                    });
                    self.error(
                        id_at,
                        format!("duplicate id `{}`: already used at {where_first}", q.id),
                    )
                    .help = Some("every question needs its own id".to_string());
                } else {
                    first_by_id.insert(&q.id, i);
                }
            }
            self.text(at("prompt"), "the prompt", &q.prompt, MAX_PROMPT);
            self.text(
                at("explanation"),
                "the explanation",
                &q.explanation,
                MAX_EXPLANATION,
            );
            self.text(at("category"), "the category", &q.category, MAX_CATEGORY);
            for (t, tag) in q.tags.iter().enumerate() {
                self.text(spans.tag(i, t), "a tag", tag, MAX_TAG);
            }
            if let Some(chapter) = &q.safe_after
                && !pack.chapters.contains(chapter)
            {
                let names: Vec<&str> = pack.chapters.iter().map(String::as_str).collect();
                let help = match nearest(chapter, &names) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None if names.is_empty() => {
                        "name the pack's chapters first: `chapters: [\"Part 1\", \"Part 2\"]`"
                            .to_string()
                    }
                    None => format!("the chapters are {}", quoted(&names)),
                };
                self.error(
                    at("safe_after"),
                    format!("`safe_after` names the chapter \"{chapter}\", which the pack's `chapters` do not name"),
                )
                .help = Some(help);
            }
            if let Some(seconds) = q.seconds {
                self.seconds(at("seconds"), "the time limit", seconds);
            }
            let prompt = normalize_answer(&q.prompt);
            match &q.answers {
                Answers::Choice { correct, wrong } => {
                    let options = self.choice(i, correct, wrong);
                    if !prompt.is_empty() {
                        for (option, (text, answer)) in std::iter::once(correct)
                            .chain(wrong)
                            .zip(&options)
                            .enumerate()
                        {
                            self.answer_warnings(i, option, text, answer, &prompt);
                        }
                    }
                }
                // An item is one of several to order, never the answer by itself: one that
                // repeats the prompt gives nothing away, and shuffling is the point.
                Answers::Order { items, first, last } => self.order(i, items, first, last),
                Answers::Number {
                    answer,
                    tolerance,
                    unit,
                    limit,
                } => self.number(i, *answer, *tolerance, unit, *limit),
                Answers::TrueFalse { .. } => {}
            }
            // True/false answers are fixed words: only written answers can go wrong above.
            if !prompt.is_empty() {
                self.repeated_prompt(&mut first_by_prompt, i, prompt);
                category_uses
                    .entry(q.category.as_str())
                    .and_modify(|(n, _)| *n += 1)
                    .or_insert((1, i));
            }
        }
        self.categories_used_once(pack, &category_uses);
    }

    /// Warns when question `i` asks what an earlier one asked (ignoring case and spaces).
    fn repeated_prompt<'p>(
        &mut self,
        first_by_prompt: &mut HashMap<Cow<'p, str>, usize>,
        i: usize,
        prompt: Cow<'p, str>,
    ) {
        let spans = self.spans;
        if let Some(&first) = first_by_prompt.get(&prompt) {
            let line = spans
                .question_field(first, "prompt")
                .map_or(format!("question {}", first + 1), |l| {
                    format!("line {}", l.line)
                });
            self.warn(
                spans.question_field(i, "prompt"),
                format!("the same prompt as the question at {line}"),
                "ask it once, or reword one of them",
            );
        } else {
            first_by_prompt.insert(prompt, i);
        }
    }

    /// Warns about categories only one question uses (likely typos), in packs of three or
    /// more questions. `category_uses` holds each category's count and first question.
    fn categories_used_once(&mut self, pack: &Pack, category_uses: &HashMap<&str, (usize, usize)>) {
        let spans = self.spans;
        if pack.questions.len() >= 3 {
            let mut once: Vec<(&str, usize)> = category_uses
                .iter()
                .filter(|(_, (n, _))| *n == 1)
                .map(|(c, (_, i))| (*c, *i))
                .collect();
            once.sort_by_key(|(_, i)| *i);
            for (category, i) in once {
                self.warn(
                    spans.question_field(i, "category"),
                    format!("the category \"{category}\" is used by this question only"),
                    "check its spelling against the other categories",
                );
            }
        }
    }

    /// Warnings about option `option` (0 is the correct answer) of question `i`.
    fn answer_warnings(&mut self, i: usize, option: usize, text: &str, answer: &str, prompt: &str) {
        let spans = self.spans;
        let at = || {
            if option == 0 {
                spans.correct_answer(i)
            } else {
                spans.wrong_answer(i, option - 1)
            }
        };
        if answer == prompt {
            self.warn(
                at(),
                format!("the answer \"{}\" repeats the prompt", text.trim()),
                "an answer that repeats the question gives it away",
            );
        }
        // Every phrase has "of th" or "both": look for the phrases only then.
        if (answer.contains("of th") || answer.contains("both"))
            && SHUFFLE_BREAKERS.iter().any(|b| answer.contains(b))
        {
            self.warn(
                at(),
                format!("the answer \"{}\" refers to the other answers", text.trim()),
                "answers are shuffled, so \"all/none of the above\" and \"both\" lose their meaning",
            );
        }
    }

    /// Checks an order question's items (3 to 6, each once) and the labels of its ends.
    fn order(&mut self, i: usize, items: &[String], first: &str, last: &str) {
        let spans = self.spans;
        if items.len() < MIN_ITEMS {
            self.error(
                spans.answers_field(i, "items"),
                format!(
                    "an order question needs at least {MIN_ITEMS} items; this one has {}",
                    items.len()
                ),
            )
            .help = Some("add items to `items: [...]`, written in their right order".to_string());
        } else if items.len() > MAX_ITEMS {
            self.error(
                spans.order_item(i, MAX_ITEMS),
                format!(
                    "{} items; an order question has at most {MAX_ITEMS}",
                    items.len()
                ),
            )
            .help = Some("leave out the items past the sixth, or split the question".to_string());
        }
        // At most a few items: comparing each with the ones before it beats hashing.
        let mut seen: Vec<Cow<str>> = Vec::with_capacity(items.len());
        for (k, text) in items.iter().enumerate() {
            let at = spans.order_item(i, k);
            self.text(at, "an item", text, MAX_ANSWER);
            let item = normalize_answer(text);
            if !item.is_empty()
                && let Some(before) = seen.iter().position(|s| *s == item)
            {
                self.error(
                    at,
                    format!(
                        "the item \"{}\" appears twice: it is also item {} (items are compared ignoring case and surrounding spaces)",
                        text.trim(),
                        before + 1
                    ),
                )
                .help = Some("every item needs its own place in the order".to_string());
            }
            seen.push(item);
        }
        let first_at = spans.answers_field(i, "first");
        let last_at = spans.answers_field(i, "last");
        self.text(first_at, "the `first` label", first, MAX_END_LABEL);
        self.text(last_at, "the `last` label", last, MAX_END_LABEL);
        let (a, b) = (normalize_answer(first), normalize_answer(last));
        if !a.is_empty() && a == b {
            self.error(
                last_at,
                format!(
                    "the `first` and `last` labels are the same (\"{}\")",
                    last.trim()
                ),
            )
            .help = Some(
                "name the two ends of the order, e.g. `first: \"Earliest\", last: \"Latest\"`"
                    .to_string(),
            );
        }
    }

    /// Checks a number question: a finite answer players can type, a tolerance of 0 or
    /// more, a limit past the tolerance, a short unit.
    fn number(&mut self, i: usize, answer: f64, tolerance: f64, unit: &str, limit: Option<f64>) {
        let spans = self.spans;
        let at = |field: &str| spans.answers_field(i, field);
        if !answer.is_finite() {
            self.error(
                at("answer"),
                format!("the answer is `{answer}`, a non-number"),
            )
            .help = Some("write the answer as a number, e.g. `answer: 1992`".to_string());
        } else if answer.abs() > Guess::MAX {
            self.error(
                at("answer"),
                format!(
                    "the answer {answer:e} is out of range; players can enter numbers up to {:e} either way",
                    Guess::MAX
                ),
            );
        }
        if !tolerance.is_finite() {
            self.error(
                at("tolerance"),
                format!("the tolerance is `{tolerance}`, a non-number"),
            )
            .help = Some(
                "write how far off a guess may be and still be right, e.g. `tolerance: 1`"
                    .to_string(),
            );
        } else if tolerance < 0.0 {
            self.error(
                at("tolerance"),
                format!("the tolerance is {tolerance}; it must be 0 or more"),
            )
            .help = Some(
                "0 (or leaving `tolerance` out) means only the exact number is right".to_string(),
            );
        }
        if let Some(limit) = limit {
            if !limit.is_finite() {
                self.error(at("limit"), format!("the limit is `{limit}`, a non-number"))
                    .help =
                    Some("leave `limit` out for the default: five times the tolerance".to_string());
            } else if tolerance.is_finite() && limit <= tolerance.max(0.0) {
                self.error(
                    at("limit"),
                    format!(
                        "the limit ({}) must be greater than the tolerance ({})",
                        limit,
                        tolerance.max(0.0)
                    ),
                )
                .help = Some(
                    "a guess as far off as the limit scores nothing; leave `limit` out for the default, five times the tolerance (at least the tolerance plus 1)"
                        .to_string(),
                );
            }
        }
        let len = unit.chars().count();
        if len > MAX_UNIT {
            self.error(
                at("unit"),
                format!("the unit is {len} characters long; the limit is {MAX_UNIT}"),
            );
        }
    }

    /// Checks a multiple-choice question's answers; returns them normalized (correct first),
    /// for the warnings.
    fn choice<'a>(&mut self, i: usize, correct: &'a str, wrong: &'a [String]) -> Vec<Cow<'a, str>> {
        let spans = self.spans;
        let options = wrong.len() + 1;
        if options < MIN_OPTIONS {
            self.error(
                spans.question_field(i, "answers"),
                "a multiple-choice question needs at least one wrong answer".to_string(),
            )
            .help = Some(
                "add wrong answers to `wrong: [...]`, or use `TrueFalse(correct: ...)`".to_string(),
            );
        } else if options > MAX_OPTIONS {
            self.error(
                spans.wrong_answer(i, MAX_OPTIONS - 1),
                format!(
                    "{options} answers in all; a question has at most {MAX_OPTIONS} (the correct one and {} wrong)",
                    MAX_OPTIONS - 1
                ),
            );
        }
        self.text(
            spans.correct_answer(i),
            "the correct answer",
            correct,
            MAX_ANSWER,
        );
        // At most six answers: comparing each with the ones before it beats hashing.
        let mut seen: Vec<Cow<str>> = Vec::with_capacity(wrong.len() + 1);
        seen.push(normalize_answer(correct));
        for (w, text) in wrong.iter().enumerate() {
            let at = spans.wrong_answer(i, w);
            self.text(at, "a wrong answer", text, MAX_ANSWER);
            let answer = normalize_answer(text);
            if answer.is_empty() {
                seen.push(answer);
                continue;
            }
            match seen.iter().position(|s| *s == answer) {
                Some(0) => {
                    self.error(
                        at,
                        format!(
                            "the wrong answer \"{}\" is the same as the correct answer",
                            text.trim()
                        ),
                    );
                }
                Some(_) => {
                    self.error(
                        at,
                        format!(
                            "the answer \"{}\" appears twice (answers are compared ignoring case and surrounding spaces)",
                            text.trim()
                        ),
                    );
                }
                None => {}
            }
            seen.push(answer);
        }
        seen
    }
}

#[cfg(test)]
mod tests {
    use crate::pack::{Answers, Kind};
    use crate::parse::check_text;

    /// A valid two-question pack; tests break one thing at a time.
    pub const GOOD: &str = r#"Pack(
    format: 1,
    title: "Test pack",
    description: "For tests",
    author: "Tester",
    questions: [
        (
            id: "q1",
            prompt: "Which city?",
            answers: Choice(correct: "Compton", wrong: ["Long Beach", "Watts"]),
            explanation: "Because.",
            category: "Places",
            difficulty: Easy,
        ),
        (
            id: "q2",
            prompt: "Is it true?",
            answers: TrueFalse(correct: true),
            explanation: "It is.",
            category: "Facts",
            difficulty: Hard,
            seconds: 10,
        ),
    ],
)"#;

    /// `(line, col, message)` of every error in `text`.
    fn errors(text: &str) -> Vec<(usize, usize, String)> {
        let checked = check_text(text);
        checked
            .errors()
            .map(|d| (d.location.line, d.location.col, d.message.clone()))
            .collect()
    }

    fn one_error(text: &str) -> (usize, usize, String) {
        let mut all = errors(text);
        assert_eq!(all.len(), 1, "expected one error, got {all:?}");
        all.remove(0)
    }

    fn edit(from: &str, to: &str) -> String {
        assert!(GOOD.contains(from), "fixture lacks {from:?}");
        GOOD.replacen(from, to, 1)
    }

    #[test]
    fn the_fixture_is_valid() {
        let checked = check_text(GOOD);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        assert_eq!(checked.pack.map(|p| p.questions.len()), Some(2));
    }

    #[test]
    fn duplicate_id_points_at_the_second_and_names_the_first() {
        let (line, col, msg) = one_error(&edit("id: \"q2\"", "id: \"q1\""));
        assert_eq!((line, col), (16, 17));
        assert_eq!(msg, "duplicate id `q1`: already used at line 8");
    }

    #[test]
    fn bad_id_characters() {
        let (line, col, msg) = one_error(&edit("id: \"q2\"", "id: \"Q 2\""));
        assert_eq!((line, col), (16, 17));
        assert!(msg.contains("lower-case letters, digits and `-`"), "{msg}");
        let (_, _, msg) = one_error(&edit("id: \"q2\"", "id: \"\""));
        assert_eq!(msg, "the question id is empty");
    }

    #[test]
    fn empty_prompt() {
        let (line, col, msg) = one_error(&edit("\"Is it true?\"", "\"   \""));
        assert_eq!((line, col), (17, 21));
        assert_eq!(msg, "the prompt is empty");
    }

    #[test]
    fn over_long_prompt() {
        let long = format!("\"{}\"", "é".repeat(super::MAX_PROMPT + 1));
        let (line, col, msg) = one_error(&edit("\"Which city?\"", &long));
        assert_eq!((line, col), (9, 21));
        assert_eq!(msg, "the prompt is 251 characters long; the limit is 250");
    }

    #[test]
    fn empty_explanation_category_and_tag() {
        let text = edit("\"Because.\"", "\"\"").replacen(
            "category: \"Facts\",",
            "category: \"\", tags: [\"ok\", \" \"],",
            1,
        );
        let all = errors(&text);
        assert_eq!(
            all,
            vec![
                (11, 26, "the explanation is empty".to_string()),
                (20, 23, "the category is empty".to_string()),
                (20, 40, "a tag is empty".to_string()),
            ]
        );
    }

    #[test]
    fn duplicate_answer_of_the_correct_one_ignoring_case_and_spaces() {
        let (line, col, msg) = one_error(&edit("\"Watts\"", "\"  compton \""));
        assert_eq!((line, col), (10, 71));
        assert_eq!(
            msg,
            "the wrong answer \"compton\" is the same as the correct answer"
        );
    }

    #[test]
    fn duplicate_wrong_answers() {
        let (line, col, msg) = one_error(&edit("\"Watts\"", "\"LONG BEACH\""));
        assert_eq!((line, col), (10, 71));
        assert!(
            msg.starts_with("the answer \"LONG BEACH\" appears twice"),
            "{msg}"
        );
    }

    #[test]
    fn too_few_answers() {
        let (line, col, msg) = one_error(&edit("[\"Long Beach\", \"Watts\"]", "[]"));
        assert_eq!((line, col), (10, 22));
        assert_eq!(
            msg,
            "a multiple-choice question needs at least one wrong answer"
        );
    }

    #[test]
    fn too_many_answers() {
        let (line, col, msg) = one_error(&edit(
            "[\"Long Beach\", \"Watts\"]",
            "[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]",
        ));
        // Points at the first wrong answer past the limit (the sixth).
        assert_eq!((line, col), (10, 82));
        assert_eq!(
            msg,
            "7 answers in all; a question has at most 6 (the correct one and 5 wrong)"
        );
    }

    #[test]
    fn time_limits_out_of_range() {
        let (line, col, msg) = one_error(&edit("seconds: 10", "seconds: 2"));
        assert_eq!((line, col), (22, 22));
        assert_eq!(
            msg,
            "the time limit is 2 seconds; it must be between 5 and 120"
        );
        let text = edit(
            "author: \"Tester\",",
            "author: \"Tester\",\n    defaults: (seconds_per_question: 500),",
        );
        let (line, col, msg) = one_error(&text);
        assert_eq!((line, col), (6, 38));
        assert!(msg.starts_with("the default time per question is 500 seconds"));
    }

    #[test]
    fn empty_pack() {
        let text = format!(
            "{}    questions: [],\n)",
            &GOOD[..GOOD.find("    questions").unwrap()]
        );
        let (line, col, msg) = one_error(&text);
        assert_eq!((line, col), (6, 16));
        assert_eq!(msg, "the pack has no questions");
    }

    #[test]
    fn unsupported_format_version() {
        let (line, col, msg) = one_error(&edit("format: 1", "format: 3"));
        assert_eq!((line, col), (2, 13));
        assert!(msg.starts_with("unsupported format version 3"), "{msg}");
        assert!(msg.contains("formats 1 to 2"), "{msg}");
    }

    /// The fixture as format 2 with four chapters, `q1` safe after "Part 2".
    fn chaptered() -> String {
        edit("format: 1", "format: 2")
            .replacen(
                "    questions: [",
                "    chapters: [\"Part 1\", \"Part 2\", \"Part 3\", \"Part 4\"],\n    questions: [",
                1,
            )
            .replacen(
                "difficulty: Easy,",
                "difficulty: Easy,\n            safe_after: \"Part 2\",",
                1,
            )
    }

    #[test]
    fn chapters_are_format_2_and_a_format_1_file_says_which_it_needs() {
        let good = chaptered();
        assert!(errors(&good).is_empty(), "{:?}", errors(&good));
        let checked = check_text(&good);
        let pack = checked.pack.unwrap();
        assert_eq!(pack.needed_format(), 2);
        assert_eq!(pack.chapters_needed(&pack.questions[0]), 2);
        assert_eq!(pack.chapters_needed(&pack.questions[1]), 0);
        // The same file saying format 1: the error is at `chapters`, naming format 2.
        let (line, col, msg) = one_error(&good.replacen("format: 2", "format: 1", 1));
        assert_eq!((line, col), (6, 15));
        assert_eq!(
            msg,
            "`chapters` needs pack format 2; this file says format 1"
        );
        // A format 1 pack stays valid as format 1 (the fixture).
        assert_eq!(check_text(GOOD).pack.unwrap().needed_format(), 1);
    }

    #[test]
    fn chapter_rules_point_at_the_chapter() {
        // Named twice.
        let text = chaptered().replacen("\"Part 3\"", "\"Part 2\"", 1);
        let all = errors(&text);
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!((all[0].0, all[0].1), (6, 36));
        assert!(all[0].2.contains("\"Part 2\" is named twice"), "{all:?}");
        // Blank, and too long.
        let long = format!("\"{}\"", "x".repeat(super::MAX_CHAPTER + 1));
        let text = chaptered()
            .replacen("\"Part 4\"", &long, 1)
            .replacen("\"Part 1\"", "\"\"", 1);
        let all = errors(&text);
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!((all[0].0, all[0].1), (6, 16));
        assert!(all[0].2.contains("a chapter is empty"), "{all:?}");
        assert!(all[1].2.contains("33 characters"), "{all:?}");
        // A question naming a chapter the pack does not name.
        let text = chaptered().replacen("safe_after: \"Part 2\"", "safe_after: \"Part 22\"", 1);
        let (line, col, msg) = one_error(&text);
        assert_eq!((line, col), (15, 25));
        assert!(
            msg.contains("the chapter \"Part 22\", which the pack's `chapters` do not name"),
            "{msg}"
        );
        let checked = check_text(&text);
        let help = checked.errors().next().unwrap().help.clone().unwrap();
        assert_eq!(help, "did you mean \"Part 2\"?");
        // `safe_after` without any chapters, in a format 1 file: both problems.
        let text = edit(
            "difficulty: Easy,",
            "difficulty: Easy,\n            safe_after: \"Part 1\",",
        );
        let all = errors(&text);
        assert_eq!(all.len(), 2, "{all:?}");
        assert!(
            all[0].2.contains("`safe_after` needs pack format 2"),
            "{all:?}"
        );
    }

    /// A valid format 2 pack with one question of each new kind; tests break one thing at
    /// a time.
    const KINDS: &str = r#"Pack(
    format: 2,
    title: "Kinds",
    description: "",
    author: "Tester",
    questions: [
        (
            id: "order",
            prompt: "Oldest first?",
            answers: Order(items: ["Alpha", "Beta", "Gamma"], first: "Earliest", last: "Latest"),
            explanation: "In that order.",
            category: "Order",
            difficulty: Easy,
        ),
        (
            id: "number",
            prompt: "Which year?",
            answers: Number(answer: 1992, tolerance: 1, unit: "years", limit: 6),
            explanation: "1992.",
            category: "Number",
            difficulty: Medium,
        ),
    ],
)"#;

    fn edit_kinds(from: &str, to: &str) -> String {
        assert!(KINDS.contains(from), "fixture lacks {from:?}");
        KINDS.replacen(from, to, 1)
    }

    #[test]
    fn format_1_packs_load_unchanged() {
        let checked = check_text(GOOD);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let pack = checked.pack.unwrap();
        assert_eq!((pack.format, pack.needed_format()), (1, 1));
        let kinds: Vec<Kind> = pack.questions.iter().map(|q| q.answers.kind()).collect();
        assert_eq!(kinds, vec![Kind::Choice, Kind::TrueFalse]);
    }

    #[test]
    fn a_format_2_pack_with_order_and_number_has_no_diagnostics() {
        let checked = check_text(KINDS);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let pack = checked.pack.unwrap();
        assert_eq!(pack.needed_format(), 2);
        assert_eq!(
            pack.questions[0].answers,
            Answers::Order {
                items: vec!["Alpha".into(), "Beta".into(), "Gamma".into()],
                first: "Earliest".into(),
                last: "Latest".into(),
            }
        );
        assert_eq!(
            pack.questions[1].answers,
            Answers::Number {
                answer: 1992.0,
                tolerance: 1.0,
                unit: "years".into(),
                limit: Some(6.0),
            }
        );
        // The optional fields left out: tolerance 0, no unit, the default limit.
        let short = edit_kinds(", tolerance: 1, unit: \"years\", limit: 6", "");
        let checked = check_text(&short);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        assert_eq!(
            checked.pack.unwrap().questions[1].answers,
            Answers::Number {
                answer: 1992.0,
                tolerance: 0.0,
                unit: String::new(),
                limit: None,
            }
        );
        // Negative and fractional answers are fine.
        let text = edit_kinds("answer: 1992, tolerance: 1", "answer: -2.5, tolerance: 0.5");
        assert!(errors(&text).is_empty(), "{:?}", errors(&text));
    }

    #[test]
    fn a_format_1_file_with_order_or_number_points_at_the_answers() {
        let text = edit_kinds("format: 2", "format: 1");
        let checked = check_text(&text);
        let all: Vec<_> = checked.errors().collect();
        assert_eq!(all.len(), 1, "{all:?}");
        assert_eq!(all[0].location.to_string(), "10:22");
        assert_eq!(
            all[0].message,
            "`Order` answers need pack format 2; this file says format 1"
        );
        assert_eq!(
            all[0].help.as_deref(),
            Some("write `format: 2` at the top of the pack")
        );
        // With only a number question, the error is at its answers.
        let text = text.replacen(
            "Order(items: [\"Alpha\", \"Beta\", \"Gamma\"], first: \"Earliest\", last: \"Latest\")",
            "TrueFalse(correct: true)",
            1,
        );
        let (line, col, msg) = one_error(&text);
        assert_eq!((line, col), (18, 22));
        assert_eq!(
            msg,
            "`Number` answers need pack format 2; this file says format 1"
        );
    }

    #[test]
    fn order_with_too_few_items() {
        let (line, col, msg) = one_error(&edit_kinds(", \"Gamma\"]", "]"));
        // At the `items` list.
        assert_eq!((line, col), (10, 35));
        assert_eq!(
            msg,
            "an order question needs at least 3 items; this one has 2"
        );
    }

    #[test]
    fn order_with_too_many_items() {
        let (line, col, msg) = one_error(&edit_kinds(
            "\"Gamma\"]",
            "\"Gamma\", \"D\", \"E\", \"F\", \"G\"]",
        ));
        // At the seventh item.
        assert_eq!((line, col), (10, 77));
        assert_eq!(msg, "7 items; an order question has at most 6");
    }

    #[test]
    fn order_items_empty_or_too_long() {
        let long = format!("\"{}\"", "x".repeat(super::MAX_ANSWER + 1));
        let text = edit_kinds("\"Beta\"", "\"  \"").replacen("\"Gamma\"", &long, 1);
        let all = errors(&text);
        assert_eq!(
            all,
            vec![
                (10, 45, "an item is empty".to_string()),
                (
                    10,
                    51,
                    "an item is 101 characters long; the limit is 100".to_string()
                ),
            ]
        );
    }

    #[test]
    fn order_items_repeated_ignoring_case_and_spaces() {
        let (line, col, msg) = one_error(&edit_kinds("\"Gamma\"", "\" alpha \""));
        // At the second, naming the first.
        assert_eq!((line, col), (10, 53));
        assert_eq!(
            msg,
            "the item \"alpha\" appears twice: it is also item 1 (items are compared ignoring case and surrounding spaces)"
        );
    }

    #[test]
    fn order_end_labels_empty_too_long_or_the_same() {
        let (line, col, msg) = one_error(&edit_kinds("first: \"Earliest\"", "first: \"\""));
        assert_eq!((line, col), (10, 70));
        assert_eq!(msg, "the `first` label is empty");
        let long = format!("last: \"{}\"", "y".repeat(super::MAX_END_LABEL + 1));
        let (line, col, msg) = one_error(&edit_kinds("last: \"Latest\"", &long));
        assert_eq!((line, col), (10, 88));
        assert_eq!(
            msg,
            "the `last` label is 25 characters long; the limit is 24"
        );
        let (line, col, msg) = one_error(&edit_kinds("last: \"Latest\"", "last: \"EARLIEST \""));
        assert_eq!((line, col), (10, 88));
        assert_eq!(
            msg,
            "the `first` and `last` labels are the same (\"EARLIEST\")"
        );
    }

    #[test]
    fn number_answer_not_a_number() {
        for (value, shown) in [("inf", "inf"), ("-inf", "-inf"), ("NaN", "NaN")] {
            let text = edit_kinds("answer: 1992", &format!("answer: {value}"));
            let (line, col, msg) = one_error(&text);
            assert_eq!((line, col), (18, 37), "{value}");
            assert_eq!(msg, format!("the answer is `{shown}`, a non-number"));
        }
    }

    #[test]
    fn number_answer_out_of_range() {
        let (line, col, msg) = one_error(&edit_kinds("answer: 1992", "answer: -2e12"));
        assert_eq!((line, col), (18, 37));
        assert_eq!(
            msg,
            "the answer -2e12 is out of range; players can enter numbers up to 1e12 either way"
        );
        // The biggest number a player can enter is fine.
        let text = edit_kinds("answer: 1992", "answer: 1e12");
        assert!(errors(&text).is_empty(), "{:?}", errors(&text));
    }

    #[test]
    fn number_tolerance_negative_or_not_a_number() {
        let (line, col, msg) = one_error(&edit_kinds("tolerance: 1,", "tolerance: -1,"));
        assert_eq!((line, col), (18, 54));
        assert_eq!(msg, "the tolerance is -1; it must be 0 or more");
        let (line, col, msg) = one_error(&edit_kinds("tolerance: 1,", "tolerance: inf,"));
        assert_eq!((line, col), (18, 54));
        assert_eq!(msg, "the tolerance is `inf`, a non-number");
    }

    #[test]
    fn number_limit_not_past_the_tolerance() {
        let (line, col, msg) = one_error(&edit_kinds("limit: 6", "limit: 1"));
        assert_eq!((line, col), (18, 79));
        assert_eq!(msg, "the limit (1) must be greater than the tolerance (1)");
        let (_, _, msg) = one_error(&edit_kinds("limit: 6", "limit: 0.5"));
        assert_eq!(
            msg,
            "the limit (0.5) must be greater than the tolerance (1)"
        );
        let (line, col, msg) = one_error(&edit_kinds("limit: 6", "limit: NaN"));
        assert_eq!((line, col), (18, 79));
        assert_eq!(msg, "the limit is `NaN`, a non-number");
        // Just past the tolerance is fine.
        let text = edit_kinds("limit: 6", "limit: 1.5");
        assert!(errors(&text).is_empty(), "{:?}", errors(&text));
    }

    #[test]
    fn number_unit_too_long() {
        let long = format!("unit: \"{}\"", "u".repeat(super::MAX_UNIT + 1));
        let (line, col, msg) = one_error(&edit_kinds("unit: \"years\"", &long));
        assert_eq!((line, col), (18, 63));
        assert_eq!(msg, "the unit is 17 characters long; the limit is 16");
    }

    #[test]
    fn number_written_as_text_is_a_syntax_error_with_position() {
        let (line, col, msg) = one_error(&edit_kinds("answer: 1992", "answer: \"1992\""));
        assert_eq!((line, col), (18, 37));
        assert_eq!(msg, "expected a number, e.g. `1992` or `2.5`");
        let checked = check_text(&edit_kinds("limit: 6", "limit: \"6\""));
        let d = checked.first_error().unwrap();
        assert_eq!(d.location.to_string(), "18:79");
        assert_eq!(d.help.as_deref(), Some("write numbers without quotes"));
    }

    #[test]
    fn empty_title_and_long_description() {
        let long = format!("\"{}\"", "x".repeat(super::MAX_DESCRIPTION + 1));
        let text = edit("\"Test pack\"", "\"\"").replacen("\"For tests\"", &long, 1);
        let all = errors(&text);
        assert_eq!(all.len(), 2, "{all:?}");
        assert_eq!((all[0].0, all[0].1), (3, 12));
        assert_eq!(all[0].2, "the title is empty");
        assert_eq!((all[1].0, all[1].1), (4, 18));
    }

    #[test]
    fn every_problem_is_reported_not_just_the_first() {
        let text = edit("id: \"q2\"", "id: \"q1\"")
            .replacen("\"Which city?\"", "\"\"", 1)
            .replacen("seconds: 10", "seconds: 1000", 1);
        let lines: Vec<usize> = errors(&text).iter().map(|e| e.0).collect();
        assert_eq!(lines, vec![9, 16, 22]);
    }

    #[test]
    fn unknown_field_is_a_syntax_error_with_position() {
        let (line, col, msg) =
            one_error(&edit("prompt: \"Is it true?\"", "promt: \"Is it true?\""));
        assert_eq!(line, 17);
        assert!(col >= 13, "col {col}");
        assert!(msg.contains("promt"), "{msg}");
    }
}
