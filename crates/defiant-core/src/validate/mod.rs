//! Every rule a pack must follow beyond being well-formed RON, in one place.
//!
//! `validate` collects all problems in a pack rather than stopping at the first, and
//! points each at the field, question or answer it concerns.
//!
//! The limits and the checker's plumbing are here; the pack's own fields, its chapters
//! and what every question has are checked in `questions`, each kind of answer in
//! `answers`.

mod answers;
mod media;
mod questions;

use std::borrow::Cow;

use crate::diagnostic::{Diagnostic, Location};
use crate::pack::Pack;
use crate::spans::PackSpans;

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
/// Fewest options of a multiple-choice question, the correct one included.
pub const MIN_OPTIONS: usize = 2;
/// Most options of a multiple-choice question, the correct one included.
pub const MAX_OPTIONS: usize = 6;
/// Longest label of an order's ends (`first`, `last`), in characters: it sits beside the
/// items on screen.
pub const MAX_END_LABEL: usize = 24;
/// Longest unit of a number question, in characters.
pub const MAX_UNIT: usize = 16;
/// Shortest time limit for a question, in seconds.
pub const MIN_SECONDS: u32 = 5;
/// Longest time limit for a question, in seconds.
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
}

#[cfg(test)]
mod tests;
