//! Defiant Trivia: a desktop trivia game for watch parties.
//!
//! - [`core`]: the rules, with no Bevy in them: packs, validation, rounds, scoring.
//! - [`game`]: the Bevy shell: screens, theme, input, pack assets.
//! - [`cli`]: the command line: play (the default) and `check`.

pub mod cli;
/// The rules, from the `defiant-core` crate (no Bevy).
pub use defiant_core as core;
pub mod game;
pub mod phones;
