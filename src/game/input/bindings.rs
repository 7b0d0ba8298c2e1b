//! Which device drives which seat, and what each key and button means: the one binding
//! table per device.
//!
//! - **Solo**: the one seat takes `1`-`6` and `A`-`F` (by the key's position on the digit
//!   row and keypad, or by the letter it types); the mouse and the gamepad answer through
//!   the menu focus on the question screen.
//! - **Party, keyboard**: up to four players share the keyboard in fixed key groups
//!   ([`KEY_GROUPS`]), laid out like the 2x2 grid of options on screen, each with a buzz
//!   key below. They are matched by the character a key types, so they work on any
//!   layout, and none of them is a host key (arrows, Enter, Space, Esc, Backspace, the F
//!   keys).
//! - **Party, gamepads**: one seat each; the face buttons answer (A/✕ South for option
//!   A, B/○ East for B, X/□ West for C, Y/△ North for D), a shoulder button buzzes.
//!
//! Order and number questions (see [`crate::game::drafts`]) use the same keys and
//! buttons:
//!
//! - **Order**: an item's key or button puts it in the next place (solo `1`-`6`/`A`-`F`,
//!   a key group's four keys, a pad's face buttons); Backspace, a group's buzz key or a
//!   pad's shoulder button takes the last one back; placing the last item locks in.
//! - **Number**: solo, type it (`0`-`9`, `-`, `.`, Backspace; Enter on the Lock in
//!   button). A key group or pad turns a digit dial: up and down (`Q`/`A`, the d-pad)
//!   change the selected digit, left and right (`W`/`S`, the d-pad) select another, and
//!   the buzz key or South locks in.
//!
//! Pads bound to a seat never move the menu focus (see [`Bindings::is_seat_pad`]).

use bevy::input::keyboard::Key;
use bevy::prelude::*;

use super::KeyPress;
use crate::core::command::SeatAction;
use crate::core::game::Game;
use crate::core::round::Asked;
use crate::core::seat::{Device, SeatId};
use crate::game::drafts::Step;
use crate::game::session::SOLO;

/// One of the shared keyboard's key groups: four answer keys in the options' 2x2 layout
/// (top-left, top-right, bottom-left, bottom-right) and a buzz key.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct KeyGroup {
    pub answers: [char; 4],
    pub buzz: char,
}

/// The keyboard's key groups, left to right.
pub const KEY_GROUPS: [KeyGroup; 4] = [
    KeyGroup {
        answers: ['q', 'w', 'a', 's'],
        buzz: 'z',
    },
    KeyGroup {
        answers: ['r', 't', 'f', 'g'],
        buzz: 'v',
    },
    KeyGroup {
        answers: ['y', 'u', 'h', 'j'],
        buzz: 'n',
    },
    KeyGroup {
        answers: ['o', 'p', 'k', 'l'],
        buzz: 'm',
    },
];

impl KeyGroup {
    /// Which of this group's keys a typed character is: `Some(Some(k))` the answer key
    /// `k`, `Some(None)` the buzz key. The one lookup of the table.
    pub fn key_of(&self, c: char) -> Option<Option<usize>> {
        let c = c.to_lowercase().next()?;
        if c == self.buzz {
            return Some(None);
        }
        Some(Some(self.answers.iter().position(|&k| k == c)?))
    }

    /// The keys as the lobby and the legend show them, e.g. `Q W A S, buzz Z`.
    pub fn describe(&self) -> String {
        let keys: Vec<String> = self
            .answers
            .iter()
            .map(|c| c.to_uppercase().to_string())
            .collect();
        format!("{}, buzz {}", keys.join(" "), self.buzz.to_uppercase())
    }
}

/// What a press does on the open question: a whole action (an option, a buzz) or a step
/// towards an order or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Input {
    Action(SeatAction),
    Step(Step),
}

/// How the four answer keys or buttons and the buzz key of a seat work on a question of
/// kind `asked`: `Some(k)` the answer key `k`, `None` the buzz key.
pub fn seat_input(asked: &Asked, key: Option<usize>) -> Option<Input> {
    Some(match (asked, key) {
        (Asked::Choice, Some(k)) => Input::Action(SeatAction::Answer(k as u8)),
        (Asked::Choice, None) => Input::Action(SeatAction::Buzz),
        (Asked::Order { .. }, Some(k)) => Input::Step(Step::Pick(k as u8)),
        (Asked::Order { .. }, None) => Input::Step(Step::Back),
        // The dial, in the keys' 2x2 layout: up/down on the left, left/right on the right.
        (Asked::Number { .. }, Some(0)) => Input::Step(Step::Turn(1)),
        (Asked::Number { .. }, Some(2)) => Input::Step(Step::Turn(-1)),
        (Asked::Number { .. }, Some(1)) => Input::Step(Step::Select(1)),
        (Asked::Number { .. }, Some(3)) => Input::Step(Step::Select(-1)),
        (Asked::Number { .. }, Some(_)) => return None,
        (Asked::Number { .. }, None) => Input::Step(Step::Submit),
    })
}

/// What a gamepad button of a seat does on a question of kind `asked`.
pub fn pad_input(asked: &Asked, button: GamepadButton) -> Option<Input> {
    if let Asked::Number { .. } = asked {
        return Some(Input::Step(match button {
            GamepadButton::DPadUp => Step::Turn(1),
            GamepadButton::DPadDown => Step::Turn(-1),
            GamepadButton::DPadLeft => Step::Select(1),
            GamepadButton::DPadRight => Step::Select(-1),
            GamepadButton::South => Step::Submit,
            GamepadButton::East => Step::Back,
            _ => return None,
        }));
    }
    if PAD_BUZZ.contains(&button) {
        return seat_input(asked, None);
    }
    seat_input(asked, Some(PAD_ANSWERS.iter().position(|&b| b == button)?))
}

/// What a key does for the solo seat on a question of kind `asked`.
pub fn solo_input(asked: &Asked, key: &KeyPress) -> Option<Input> {
    match asked {
        Asked::Choice => solo_answer(key).map(|o| Input::Action(SeatAction::Answer(o))),
        Asked::Order { .. } if key.code == KeyCode::Backspace => Some(Input::Step(Step::Back)),
        Asked::Order { .. } => solo_answer(key).map(|o| Input::Step(Step::Pick(o))),
        Asked::Number { .. } => number_key(key).map(Input::Step),
    }
}

/// A key typing a number: digits, `-`, `.` or `,`, Backspace.
pub fn number_key(key: &KeyPress) -> Option<Step> {
    match key.code {
        KeyCode::Backspace => return Some(Step::Back),
        KeyCode::NumpadSubtract | KeyCode::Minus => return Some(Step::Sign),
        KeyCode::NumpadDecimal | KeyCode::NumpadComma => return Some(Step::Point),
        _ => {}
    }
    if let Some(d) = digit_key(key) {
        return Some(Step::Digit(d));
    }
    let Key::Character(s) = &key.key else {
        return None;
    };
    match s.chars().next()? {
        d @ '0'..='9' => Some(Step::Digit(d as u8 - b'0')),
        '-' => Some(Step::Sign),
        '.' | ',' => Some(Step::Point),
        _ => None,
    }
}

/// A gamepad's answer buttons, option by option, and its buzz buttons.
pub const PAD_ANSWERS: [GamepadButton; 4] = [
    GamepadButton::South,
    GamepadButton::East,
    GamepadButton::West,
    GamepadButton::North,
];
pub const PAD_BUZZ: [GamepadButton; 4] = [
    GamepadButton::LeftTrigger,
    GamepadButton::RightTrigger,
    GamepadButton::LeftTrigger2,
    GamepadButton::RightTrigger2,
];

/// Which seat each device drives in the current game.
#[derive(Resource, Debug, Clone, PartialEq, Eq)]
pub struct Bindings {
    /// A party (lobby or game): every gamepad is a player's, none drives the menus; the
    /// host uses the keyboard and mouse.
    pub party: bool,
    /// The solo seat, which every key and the menu focus drive.
    pub solo: Option<SeatId>,
    /// The seat of each keyboard key group.
    pub keys: [Option<SeatId>; 4],
    /// Each seat's gamepad (the entity Bevy keeps for it, even while unplugged).
    pub pads: Vec<(Entity, SeatId)>,
}

impl Default for Bindings {
    /// Solo: the one seat takes every key, and gamepads drive the menus.
    fn default() -> Self {
        Self {
            party: false,
            solo: Some(SOLO),
            keys: [None; 4],
            pads: Vec::new(),
        }
    }
}

impl Bindings {
    /// The devices of a night, derived from its roster (the core game's seats): each key
    /// group's seat, and the pads given (the lobby's; none for a resumed night, whose pads
    /// take their seats as they press, see [`Bindings::rebind_pad`]).
    pub fn party(game: &Game, pads: &[(Entity, SeatId)]) -> Self {
        let mut bindings = Bindings {
            party: true,
            solo: None,
            pads: pads
                .iter()
                .filter(|(_, seat)| game.player(*seat).is_some())
                .copied()
                .collect(),
            ..default()
        };
        for player in game.players() {
            if let Device::Keys(group) = player.seat.device
                && let Some(slot) = bindings.keys.get_mut(usize::from(group))
            {
                *slot = Some(player.seat.id);
            }
        }
        bindings
    }

    /// Whether `pad` plays for a seat (and so must not drive the host's menus).
    pub fn is_seat_pad(&self, pad: Entity) -> bool {
        self.party || self.pads.iter().any(|(p, _)| *p == pad)
    }

    pub fn pad_seat(&self, pad: Entity) -> Option<SeatId> {
        self.pads.iter().find(|(p, _)| *p == pad).map(|(_, s)| *s)
    }

    /// A pad no seat has (a resumed night's pads are new to this run): it takes the first
    /// gamepad seat still in play that has no pad, in the order the pads joined.
    pub fn rebind_pad(&mut self, pad: Entity, game: &Game) {
        let free = game
            .players()
            .iter()
            .filter(|p| !p.removed && !self.pads.iter().any(|(_, s)| *s == p.seat.id))
            .filter_map(|p| match p.seat.device {
                Device::Gamepad(n) => Some((n, p.seat.id)),
                _ => None,
            })
            .min();
        if let Some((_, seat)) = free {
            self.pads.push((pad, seat));
        }
    }
}

/// The digit of a key on the digit row or the keypad, by its position (any layout).
fn digit_key(key: &KeyPress) -> Option<u8> {
    const DIGITS: [[KeyCode; 2]; 10] = [
        [KeyCode::Digit0, KeyCode::Numpad0],
        [KeyCode::Digit1, KeyCode::Numpad1],
        [KeyCode::Digit2, KeyCode::Numpad2],
        [KeyCode::Digit3, KeyCode::Numpad3],
        [KeyCode::Digit4, KeyCode::Numpad4],
        [KeyCode::Digit5, KeyCode::Numpad5],
        [KeyCode::Digit6, KeyCode::Numpad6],
        [KeyCode::Digit7, KeyCode::Numpad7],
        [KeyCode::Digit8, KeyCode::Numpad8],
        [KeyCode::Digit9, KeyCode::Numpad9],
    ];
    let d = DIGITS.iter().position(|keys| keys.contains(&key.code))?;
    Some(d as u8)
}

/// The solo answer a key picks: its position on the digit row or keypad, else the
/// character it types (`1`-`6`, `a`-`f`).
pub fn solo_answer(key: &KeyPress) -> Option<u8> {
    if let Some(d @ 1..=6) = digit_key(key) {
        return Some(d - 1);
    }
    let Key::Character(s) = &key.key else {
        return None;
    };
    match s.chars().next()?.to_ascii_lowercase() {
        d @ '1'..='6' => Some(d as u8 - b'1'),
        l @ 'a'..='f' => Some(l as u8 - b'a'),
        _ => None,
    }
}

/// The key group a typed character belongs to, and which of its keys it is: `Some(k)`
/// the answer key `k`, `None` the buzz key.
pub fn group_key(c: char) -> Option<(usize, Option<usize>)> {
    KEY_GROUPS
        .iter()
        .enumerate()
        .find_map(|(g, group)| Some((g, group.key_of(c)?)))
}
