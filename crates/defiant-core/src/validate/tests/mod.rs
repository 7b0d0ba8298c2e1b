//! The validator's unit tests: the fixtures and helpers they share.

mod answers;
mod questions;

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
