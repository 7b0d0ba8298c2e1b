//! Headless game tests: the real game plugins without a window, with manual time and
//! injected key presses, clicks and gamepad buttons. One test binary (each links Bevy).

#[path = "../common/mod.rs"]
mod common;

mod console;
mod input;
mod kinds;
mod media;
mod packs;
mod party;
mod phones;
mod preview;
mod reload;
mod round;
mod settings;
