//! Questions from other formats into packs, and packs out to a spreadsheet.
//!
//! Each importer reads its format into [`Draft`]s, one per source row, or a problem for a
//! row it cannot read. [`finish`] then turns drafts into questions by the pack rules of
//! `validate.rs`: ids are made from the prompts, a missing explanation gets a placeholder
//! that names the right answer, and a row that breaks a rule is reported, not dropped
//! silently. [`to_ron`] writes a pack in the house style, which `check` reads back.
//!
//! The drafts and what an import returns are here; turning drafts into questions is in
//! `finish`, writing a pack as RON in `write`.

pub mod csv;
mod finish;
mod media;
pub mod opentdb;
mod write;

pub use finish::{chapters_for, finish, fit_label, placeholder_explanation, slug};
pub use media::check_files;
pub use write::to_ron;

use crate::diagnostic::{Diagnostic, Location};
use crate::pack::{Answers, Clip, Difficulty, Question, Uncover};

/// A source file too large to import, by its size alone.
pub fn too_large(len: u64) -> Option<String> {
    (len > crate::MAX_PACK_BYTES as u64).then(|| crate::parse::too_large(len))
}

/// One source row, read but not yet checked against the pack rules.
#[derive(Debug, Clone, PartialEq)]
pub struct Draft {
    /// Where the row starts in the source file.
    pub at: Location,
    /// How to name the row in a report, e.g. `results[3]` or `row 4`.
    pub label: String,
    /// The id the source gives, if any; one is made from the prompt otherwise.
    pub id: Option<String>,
    /// The question.
    pub prompt: String,
    /// The answers, the right one apart.
    pub answers: Answers,
    /// Empty when the source has none: a placeholder is written.
    pub explanation: String,
    /// The category; the importer's default when the source has none.
    pub category: String,
    /// How hard the question is.
    pub difficulty: Difficulty,
    /// Tags, for the author's own sorting.
    pub tags: Vec<String>,
    /// The question's own time limit, in seconds, if the source gives one.
    pub seconds: Option<u32>,
    /// The chapter after which the question is safe (format 2).
    pub safe_after: Option<String>,
    /// Its picture, sound and reveal picture (format 3).
    pub media: QuestionMedia,
}

/// A question's pictures and sound, as a source gives them (format 3): paths in the pack
/// folder the imported pack is written to.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct QuestionMedia {
    /// The picture shown with the prompt.
    pub image: Option<String>,
    /// How the picture uncovers itself.
    pub uncover: Option<Uncover>,
    /// The clip played when the question opens.
    pub audio: Option<Clip>,
    /// The picture shown with the answer.
    pub reveal_image: Option<String>,
}

impl QuestionMedia {
    /// A question's media.
    pub fn of(question: &Question) -> Self {
        Self {
            image: question.image.clone(),
            uncover: question.uncover,
            audio: question.audio.clone(),
            reveal_image: question.reveal_image.clone(),
        }
    }
}

/// The result of an import: the questions converted, and what was not.
#[derive(Debug, Clone, Default)]
pub struct Imported {
    /// The questions converted, in source order.
    pub questions: Vec<Question>,
    /// Where each of `questions` came from: its row's place in the source and its label
    /// (`line 4`), in the same order.
    pub origins: Vec<(Location, String)>,
    /// Rows that could not be converted: errors at their place in the source.
    pub problems: Vec<Diagnostic>,
    /// Rows converted with something the author should look at: warnings.
    pub notes: Vec<Diagnostic>,
    /// Ids of the questions that got a placeholder explanation.
    pub placeholder_explanations: Vec<String>,
    /// Rows read from the source, converted or not (blank rows are not counted).
    pub rows: usize,
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
    /// A locator at the start of `text`.
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
mod tests;
