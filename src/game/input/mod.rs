//! One input layer: every keyboard and gamepad event is read here, once, and becomes an
//! intent stamped with when it arrived.
//!
//! The layer runs as [`InputLayer`] in `PreUpdate`, right after Bevy's own input systems,
//! so every other system of the frame sees only intents:
//!
//! - **Typing** is a context ([`TextEntry`]): while a screen takes text (a name, a round
//!   code), keys become [`TextKey`]s and nothing else, so no other system has to ask
//!   whether someone is typing.
//! - Otherwise menu keys and the host's pads become [`MenuIntent`]s (the `menu` module
//!   turns them into focus moves and activations); the host's keys become [`HostIntent`]s;
//!   every other key press is a [`KeyPress`] and every pad press a [`PadPress`]; and
//!   `seats` turns the presses of seats' devices into the round controller's commands
//!   (see [`bindings`] for which key does what) and the lobby's [`SeatPress`]es.
//!
//! Keys are stamped when the event loop hands them over (Bevy gives key events no
//! timestamps, so that is the earliest moment the game sees them); pad presses with the
//! kernel's own time of the press, kept by [`pad_watch`]. Every event of a frame is read
//! in order: one frame can carry several players' presses.
//!
//! The mouse is read by Bevy's UI picking (`Interaction` on buttons, in `menu`), not here.

pub mod bindings;
mod gamepads;
mod keyboard;
pub mod pad_watch;
mod seats;

use std::time::Duration;

use bevy::input::InputSystems;
use bevy::input::keyboard::Key;
use bevy::prelude::*;

pub use bindings::Bindings;

use crate::game::states::Screen;

pub(crate) fn plugin(app: &mut App) {
    app.init_resource::<Bindings>()
        .init_resource::<TextEntry>()
        .add_message::<MenuIntent>()
        .add_message::<HostIntent>()
        .add_message::<TextKey>()
        .add_message::<KeyPress>()
        .add_message::<PadPress>()
        .add_message::<SeatPress>()
        .configure_sets(PreUpdate, InputLayer.after(InputSystems))
        .add_plugins((
            pad_watch::plugin,
            keyboard::plugin,
            gamepads::plugin,
            seats::plugin,
        ));
    for screen in Screen::ALL {
        app.add_systems(OnEnter(screen), forget_stale_intents);
    }
}

/// Drops intents left from the previous screen, so that one press acts only once (the
/// Enter that opened a screen does not also press its first button).
fn forget_stale_intents(
    mut menu: ResMut<Messages<MenuIntent>>,
    mut host: ResMut<Messages<HostIntent>>,
    mut text: ResMut<Messages<TextKey>>,
    mut keys: ResMut<Messages<KeyPress>>,
    mut pads: ResMut<Messages<PadPress>>,
    mut seats: ResMut<Messages<SeatPress>>,
) {
    menu.clear();
    host.clear();
    text.clear();
    keys.clear();
    pads.clear();
    seats.clear();
}

/// The input layer's systems: device events become intents, before anything reads them.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct InputLayer;

/// A menu key or a host's pad button: moves over the screen's menu buttons.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum MenuIntent {
    /// Esc, a host pad's East: leave the screen (or open the pause menu).
    Back,
    /// Up/Down, Tab/Shift+Tab, the d-pad: the previous (-1) or next (+1) button.
    Move(i32),
    /// Left/Right: change the focused setting, or move along a row.
    Adjust(i32),
    /// Enter, Space, a host pad's South: press the focused button.
    Activate,
    /// Delete: remove what the focused row stands for (a seat).
    Remove,
    /// Backspace: the lobby removes a focused seat with it too.
    Erase,
    /// PageUp (-1) or PageDown (+1): scroll a long list.
    Page(i32),
    /// A host pad's Start: pause or go on.
    Pause,
}

/// One of the host's keys, anywhere in the game.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostKey {
    /// F1: show or hide the host's legend.
    Legend,
    /// F2: reveal the answer now.
    Reveal,
    /// F3: skip the question.
    Skip,
    /// F4: more time.
    AddTime,
    /// F5 or Ctrl+Z: undo the last host correction.
    Undo,
    /// F6: the scores panel.
    Scores,
    /// F7: open or close the host console.
    Console,
    /// F8: play the question's clip again from its start.
    Replay,
    /// F10: end the game.
    End,
    /// F11: fullscreen on or off.
    Fullscreen,
}

/// A host key, stamped with when it arrived.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct HostIntent {
    /// Which key.
    pub key: HostKey,
    /// When it arrived, on the game clock.
    pub at: Duration,
}

/// A key while a screen takes text.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub enum TextKey {
    /// Typed text (a character, a space).
    Text(String),
    /// Backspace: the last character goes.
    Backspace,
    /// Enter (or a pad's South): done.
    Enter,
    /// Esc: cancel.
    Escape,
}

impl TextKey {
    /// Applies a field's keys to its text: each typed character that `keep` accepts
    /// (given the text so far; it may change the character, e.g. to upper case) is
    /// added, Backspace erases the last one. Enter ends the field (`Some(true)`), Esc
    /// cancels it (`Some(false)`); `None` while it goes on.
    pub fn edit<'a>(
        text: &mut String,
        keys: impl IntoIterator<Item = &'a TextKey>,
        mut keep: impl FnMut(&str, char) -> Option<char>,
    ) -> Option<bool> {
        let mut done = None;
        for key in keys {
            match key {
                TextKey::Enter => done = Some(true),
                TextKey::Escape => done = Some(false),
                TextKey::Backspace => {
                    text.pop();
                }
                TextKey::Text(typed) => {
                    for c in typed.chars().filter(|c| !c.is_control()) {
                        if let Some(c) = keep(text, c) {
                            text.push(c);
                        }
                    }
                }
            }
        }
        done
    }
}

/// Whether a screen takes typed text now: the input context of the keyboard. A screen
/// opens it when a field starts taking text and closes it when the field is done; the
/// input layer alone reads it.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct TextEntry(bool);

impl TextEntry {
    /// Keys go to the field from now on.
    pub fn open(&mut self) {
        if !self.0 {
            self.0 = true;
        }
    }

    /// Keys are menu, host and seat keys again.
    pub fn close(&mut self) {
        if self.0 {
            self.0 = false;
        }
    }

    /// Whether a field takes the keys.
    pub fn is_open(&self) -> bool {
        self.0
    }
}

/// A key press outside typing (not a repeat), with what it is on the keyboard and what it
/// types, stamped with when it arrived.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct KeyPress {
    /// The key's position (the digit row and keypad are matched by position).
    pub code: KeyCode,
    /// What the key means on the user's layout (key groups are matched by character).
    pub key: Key,
    /// When it arrived, on the game clock.
    pub at: Duration,
}

/// A gamepad button press, stamped with when the pad watch saw it (else when it arrived).
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct PadPress {
    /// The pad (the entity Bevy keeps for it, even while unplugged).
    pub pad: Entity,
    /// The button.
    pub button: GamepadButton,
    /// When it was pressed, on the game clock.
    pub at: Duration,
}

/// A press of a seat's kind of device (a key group's key, any pad button), for the lobby:
/// joining, and lighting a seat's card so that everyone can test their keys.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatPress {
    /// A key of the keyboard's key group `0`-`3`.
    Keys(usize),
    /// A button of this pad.
    Pad(Entity),
}
