//! Defiant Trivia: a desktop trivia game for watch parties.
//!
//! - [`core`]: the rules, with no Bevy in them (the `defiant-core` crate): packs,
//!   validation, rounds, the game engine, scoring, the night's journal, saves.
//! - [`game`]: the Bevy shell: screens, theme, input, the round controller, pack assets.
//! - [`phones`]: phone play: the web server on the local network and its plugin.
//! - [`shipped`]: what the binary carries: the shipped packs and its version.
//! - [`cli`]: the command line: play (the default), `party`, `check`, `new`, `import`,
//!   `export`.

pub mod cli;
/// The rules, from the `defiant-core` crate (no Bevy).
pub use defiant_core as core;
pub mod game;
pub mod phones;
pub mod shipped;
