//! The pure core of the game: packs, validation, picking questions, the game engine for
//! solo and party play (seats, teams, buzzing, scoring, undo), and saves. No Bevy in here
//! (this crate does not depend on it); every rule is plain Rust, unit-tested with explicit
//! times and seeds.

#![warn(missing_docs)]

pub mod awards;
pub mod command;
pub mod diagnostic;
pub mod entry;
pub mod game;
pub mod highscores;
pub mod history;
pub mod import;
pub mod kinds;
pub mod media;
pub mod monitors;
pub mod night;
pub mod pack;
pub mod parse;
pub mod phone;
pub mod plan;
pub mod round;
pub mod round_code;
pub mod scoring;
pub mod seat;
pub mod settings;
pub mod spans;
pub mod store;
pub mod uncover;
pub mod validate;

pub use diagnostic::{Diagnostic, Location, Severity};
pub use pack::{Answers, Defaults, Difficulty, Pack, Question};
pub use parse::{Checked, MAX_PACK_BYTES, check_bytes, check_file, check_text};
pub use round::{RoundQuestion, RoundSettings};
