//! The question-pack model: what a `.ron` pack file holds, as Rust types.
//!
//! A pack is plain data. Parsing it lives in `parse.rs`, checking it in `validate.rs`.
//! The correct answer is stored apart from the wrong ones, so an author never decides
//! the order players see: shuffling is the round engine's job.

use serde::{Deserialize, Serialize};

/// The newest pack format version this build reads. Format 2 added chapters
/// ([`Pack::chapters`], [`Question::safe_after`]) and the [`Answers::Order`] and
/// [`Answers::Number`] kinds; format 3 added pictures and sound ([`Question::image`],
/// [`Question::audio`], [`Question::reveal_image`], [`Question::uncover`]), for packs that
/// are a folder or a `.zip`. Formats 1 and 2 load unchanged.
pub const FORMAT_VERSION: u32 = 3;
/// The oldest format version this build reads.
pub const OLDEST_FORMAT: u32 = 1;

/// A question pack, as written in a `.ron` file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Pack {
    /// Format version of the file; must be [`FORMAT_VERSION`].
    pub format: u32,
    /// The pack's name, as the pack list shows it.
    pub title: String,
    /// A line or two on what the pack is about; may be empty.
    pub description: String,
    /// Who wrote the pack; may be empty.
    pub author: String,
    /// Values that apply to every question unless the question says otherwise.
    #[serde(default)]
    pub defaults: Defaults,
    /// The parts of what the pack is about, in watching order (e.g. `"Part 1"` to
    /// `"Part 4"` of a series), for spoiler-safe rounds. Format 2.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub chapters: Vec<String>,
    /// The questions, in the order written (rounds pick and shuffle them).
    pub questions: Vec<Question>,
}

/// Pack-wide defaults.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Defaults {
    /// Seconds a player has to answer each question.
    #[serde(default = "Defaults::default_seconds")]
    pub seconds_per_question: u32,
}

impl Defaults {
    /// The time per question when the pack gives none.
    pub const SECONDS_PER_QUESTION: u32 = 20;

    fn default_seconds() -> u32 {
        Self::SECONDS_PER_QUESTION
    }
}

impl Default for Defaults {
    fn default() -> Self {
        Self {
            seconds_per_question: Self::SECONDS_PER_QUESTION,
        }
    }
}

/// One question of a pack.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Question {
    /// Stable identifier, unique in the pack: lower-case letters, digits and `-`.
    pub id: String,
    /// The question as players read it.
    pub prompt: String,
    /// How it is answered, with the right answer.
    pub answers: Answers,
    /// Shown after the answer is revealed: why the right answer is right.
    pub explanation: String,
    /// The category it is filed under, shown with the question.
    pub category: String,
    /// How hard it is: rounds can pick by difficulty.
    pub difficulty: Difficulty,
    /// Free labels for the author's own sorting; players do not see them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
    /// This question's own time limit, overriding the pack default.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seconds: Option<u32>,
    /// The first chapter after which this question is safe to ask (it spoils that
    /// chapter); `None`: safe before watching anything. Format 2.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub safe_after: Option<String>,
    /// A picture shown large with the prompt: a path in the pack. Format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// How the picture uncovers itself over the countdown; `None`: shown whole. Format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncover: Option<Uncover>,
    /// A clip played on the computer's speakers when the question opens. Format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<Clip>,
    /// A picture shown with the answer at the reveal. Format 3.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveal_image: Option<String>,
}

/// A question's sound: a file of the pack and the stretch of it to play.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Clip {
    /// The sound file: a path in the pack.
    pub file: String,
    /// Where to start, in seconds from the file's start.
    #[serde(default, skip_serializing_if = "is_zero")]
    pub start: f64,
    /// Where to stop, in seconds from the file's start; `None`: at its end.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub end: Option<f64>,
    /// The answer countdown starts when the clip ends (a "name the track" question);
    /// otherwise it starts with the clip.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub countdown_after: bool,
}

fn is_zero(value: &f64) -> bool {
    *value == 0.0
}

impl Clip {
    /// How long the clip plays, in seconds, when its end is known.
    pub fn length(&self) -> Option<f64> {
        self.end.map(|end| (end - self.start).max(0.0))
    }
}

/// How a question's picture reveals itself over the countdown.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Uncover {
    /// Covered by tiles that come off one by one, in an order drawn from the round's seed.
    Tiles,
    /// Starts close in on the point (`x`, `y`) (fractions of the width and height from the
    /// top left) and zooms out step by step to the whole picture.
    Zoom {
        /// Across, from 0 (left) to 1 (right).
        x: f64,
        /// Down, from 0 (top) to 1 (bottom).
        y: f64,
    },
}

/// The answers of a question.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub enum Answers {
    /// Multiple choice: one correct answer and 1 to 5 wrong ones (2 to 6 options in all).
    Choice {
        /// The right answer.
        correct: String,
        /// The wrong answers; players see them shuffled with the right one.
        wrong: Vec<String>,
    },
    /// A statement that is either true or false.
    TrueFalse {
        /// Whether the statement is true.
        correct: bool,
    },
    /// Items to put in order, written here in their right order (3 to 6); `first` and
    /// `last` name the two ends for players, e.g. "Earliest" and "Latest". Format 2.
    Order {
        /// The items, in their right order.
        items: Vec<String>,
        /// What the first end means ("Earliest").
        first: String,
        /// What the last end means ("Latest").
        last: String,
    },
    /// A number to guess: a guess within `tolerance` of `answer` is right; points fall
    /// to nothing at `limit` (by default five times the tolerance, at least the tolerance
    /// plus 1; see [`crate::kinds::NumberRule`]). `unit` is shown after the number, e.g.
    /// "years". Format 2.
    Number {
        /// The right number.
        answer: f64,
        /// How far off a guess may be and still be right; 0 (the default): only the exact
        /// number.
        #[serde(default)]
        tolerance: f64,
        /// Shown after the number ("years"); empty for none.
        #[serde(default, skip_serializing_if = "String::is_empty")]
        unit: String,
        /// How far off a guess scores nothing; `None`: the default.
        #[serde(default, skip_serializing_if = "Option::is_none")]
        limit: Option<f64>,
    },
}

/// The kinds of answer a question can have.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Pick one of several options.
    Choice,
    /// True or false.
    TrueFalse,
    /// Put items in order.
    Order,
    /// Guess a number.
    Number,
}

impl Kind {
    /// The kind in words, as a report or a menu names it ("multiple choice").
    pub fn label(self) -> &'static str {
        match self {
            Kind::Choice => "multiple choice",
            Kind::TrueFalse => "true or false",
            Kind::Order => "order",
            Kind::Number => "number",
        }
    }
}

/// The letter of option or item `index` as shown (A, B, C ...), `?` past Z.
pub fn option_letter(index: usize) -> char {
    u8::try_from(index)
        .ok()
        .filter(|i| *i < 26)
        .map_or('?', |i| char::from(b'A' + i))
}

/// A number as players read it: no trailing `.0`, at most 6 decimals, and the unit after
/// it ("1992", "2.5 years").
pub fn number_text(value: f64, unit: &str) -> String {
    let mut text = format!("{:.6}", value);
    if text.contains('.') {
        text = text.trim_end_matches('0').trim_end_matches('.').to_string();
    }
    if text == "-0" {
        text = "0".to_string();
    }
    if unit.is_empty() {
        text
    } else {
        format!("{text} {unit}")
    }
}

impl Answers {
    /// Which kind of answer this is.
    pub fn kind(&self) -> Kind {
        match self {
            Answers::Choice { .. } => Kind::Choice,
            Answers::TrueFalse { .. } => Kind::TrueFalse,
            Answers::Order { .. } => Kind::Order,
            Answers::Number { .. } => Kind::Number,
        }
    }

    /// Every option in author order, the correct one first, with its correctness. An
    /// order's items in their right order, all marked right; a number has none.
    pub fn options(&self) -> Vec<(String, bool)> {
        match self {
            Answers::Choice { correct, wrong } => std::iter::once((correct.clone(), true))
                .chain(wrong.iter().map(|w| (w.clone(), false)))
                .collect(),
            Answers::TrueFalse { correct } => {
                vec![
                    ("True".to_string(), *correct),
                    ("False".to_string(), !*correct),
                ]
            }
            Answers::Order { items, .. } => items.iter().map(|i| (i.clone(), true)).collect(),
            Answers::Number { .. } => Vec::new(),
        }
    }

    /// The right answer in words: the correct option, the items in order joined by " → ",
    /// or the number with its unit.
    pub fn correct_text(&self) -> String {
        match self {
            Answers::Choice { correct, .. } => correct.clone(),
            Answers::TrueFalse { correct: true } => "True".to_string(),
            Answers::TrueFalse { correct: false } => "False".to_string(),
            Answers::Order { items, .. } => items.join(" → "),
            Answers::Number { answer, unit, .. } => number_text(*answer, unit),
        }
    }

    /// True/false questions keep their order (True, False); only choices are shuffled.
    pub fn is_true_false(&self) -> bool {
        matches!(self, Answers::TrueFalse { .. })
    }
}

/// How hard a question is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Difficulty {
    /// Easy: most of the room should know it.
    Easy,
    /// Medium: also what a spreadsheet row with no difficulty gets.
    Medium,
    /// Hard: for the keenest fans.
    Hard,
}

impl Difficulty {
    /// Every difficulty, easiest first.
    pub const ALL: [Difficulty; 3] = [Difficulty::Easy, Difficulty::Medium, Difficulty::Hard];

    /// The difficulty in words, as menus and spreadsheets write it ("Easy").
    pub fn label(self) -> &'static str {
        match self {
            Difficulty::Easy => "Easy",
            Difficulty::Medium => "Medium",
            Difficulty::Hard => "Hard",
        }
    }
}

impl Question {
    /// Whether the question carries a picture, a sound or a reveal picture.
    pub fn has_media(&self) -> bool {
        self.image.is_some()
            || self.audio.is_some()
            || self.reveal_image.is_some()
            || self.uncover.is_some()
    }
}

impl Pack {
    /// Whether any question carries a picture or a sound: such a pack lives in a folder
    /// or a `.zip` with its files.
    pub fn has_media(&self) -> bool {
        self.questions.iter().any(Question::has_media)
    }

    /// Seconds allowed for `question`: its own limit, else the pack default.
    pub fn seconds_for(&self, question: &Question) -> u32 {
        question
            .seconds
            .unwrap_or(self.defaults.seconds_per_question)
    }

    /// The lowest format version that can hold this pack: 3 with pictures or sound, 2
    /// with chapters or order and number questions, else 1.
    pub fn needed_format(&self) -> u32 {
        if self.questions.iter().any(Question::has_media) {
            3
        } else if self.chapters.is_empty()
            && self.questions.iter().all(|q| {
                q.safe_after.is_none() && matches!(q.answers.kind(), Kind::Choice | Kind::TrueFalse)
            })
        {
            OLDEST_FORMAT
        } else {
            2
        }
    }

    /// How many chapters must have been watched before `question` is safe: 0 for a
    /// question safe before watching, `k` for one safe after the `k`th chapter. A chapter
    /// the pack does not name (a broken pack) counts as the last.
    pub fn chapters_needed(&self, question: &Question) -> usize {
        match &question.safe_after {
            None => 0,
            Some(name) => self
                .chapters
                .iter()
                .position(|c| c == name)
                .map_or(self.chapters.len().max(1), |i| i + 1),
        }
    }

    /// Distinct categories in order of first appearance.
    pub fn categories(&self) -> Vec<String> {
        let mut seen: Vec<String> = Vec::new();
        for q in &self.questions {
            if !seen.contains(&q.category) {
                seen.push(q.category.clone());
            }
        }
        seen
    }
}
