//! The pure core of the game: packs, validation, rounds and scoring. No Bevy in here;
//! every rule is plain Rust, unit-tested without a window.

pub mod diagnostic;
pub mod highscores;
pub mod import;
pub mod pack;
pub mod parse;
pub mod round;
pub mod round_code;
pub mod scoring;
pub mod settings;
pub mod spans;
pub mod store;
pub mod validate;

pub use diagnostic::{Diagnostic, Location, Severity};
pub use pack::{Answers, Defaults, Difficulty, Pack, Question};
pub use parse::{Checked, MAX_PACK_BYTES, check_bytes, check_file, check_text};
pub use round::{Phase, PlayerId, QuestionResult, Round, RoundError, RoundQuestion, RoundSettings};
