//! The answers of each kind: a multiple choice's options, an order's items and ends, a
//! number's answer, tolerance, limit and unit; and answers that give the question away or
//! lose their meaning once shuffled.

use std::borrow::Cow;

use crate::command::Guess;
use crate::kinds::{MAX_ITEMS, MIN_ITEMS};

use super::{
    MAX_ANSWER, MAX_END_LABEL, MAX_OPTIONS, MAX_UNIT, MIN_OPTIONS, Validator, normalize_answer,
};

/// Answers that only make sense in a fixed order, which shuffling breaks.
const SHUFFLE_BREAKERS: [&str; 6] = [
    "all of the above",
    "none of the above",
    "both of the above",
    "all of these",
    "none of these",
    "both a and b",
];

impl Validator<'_> {
    /// Warnings about option `option` (0 is the correct answer) of question `i`.
    pub(super) fn answer_warnings(
        &mut self,
        i: usize,
        option: usize,
        text: &str,
        answer: &str,
        prompt: &str,
    ) {
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
    pub(super) fn order(&mut self, i: usize, items: &[String], first: &str, last: &str) {
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
    pub(super) fn number(
        &mut self,
        i: usize,
        answer: f64,
        tolerance: f64,
        unit: &str,
        limit: Option<f64>,
    ) {
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
    pub(super) fn choice<'a>(
        &mut self,
        i: usize,
        correct: &'a str,
        wrong: &'a [String],
    ) -> Vec<Cow<'a, str>> {
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
