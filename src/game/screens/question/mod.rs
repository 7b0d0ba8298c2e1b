//! The question screen: the prompt, the shuffled options labelled with their keys, a
//! countdown, and (solo) the player's score and streak or (party) a strip of seats showing
//! who has locked in — never which option — and, in buzz-in rounds, who holds the buzz.
//!
//! Solo: answer with 1-6 or A-F, a click, or the d-pad and South; the first choice locks
//! in. Party: every seat answers from its own keys or pad (see [`crate::game::input`]).
//! Esc pauses (the host's key in a party).
//!
//! An order question shows its items as the cards, with the ends ("Earliest" to
//! "Latest") and, solo, the order so far; each placed card says its place. A number
//! question shows the number typed so far (solo, with an on-screen keypad for the mouse
//! and the pad) or, in a party, each seat's dial on its chip until it locks in.
//!
//! - [`layout`]: the screen as it opens, part by part;
//! - [`view`]: what changes while it is open (the countdown, the buzz line, a solo order
//!   or number so far) and its sounds;
//! - [`strip`]: the party's seat chips and what each says;
//! - [`input`]: the answer cards and keypad as buttons (solo).

mod input;
mod layout;
pub(crate) mod strip;
mod view;

use bevy::prelude::*;

use crate::core::seat::SeatId;
use crate::game::controller;
use crate::game::drafts::Step;
use crate::game::messages::RoundSystems;
use crate::game::session::Session;
use crate::game::states::Screen;

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Question),
        (controller::start_if_ready, layout::spawn).chain(),
    )
    .add_systems(
        Update,
        (
            controller::start_if_ready.in_set(RoundSystems::Commands),
            input::answer_by_button.in_set(RoundSystems::Commands),
            (
                view::cues,
                view::countdown,
                view::clip_line,
                (strip::restrip, strip::seat_strip).chain(),
                view::buzz_banner,
                view::order_progress,
                view::number_display,
            )
                .in_set(RoundSystems::View),
        )
            .run_if(in_state(Screen::Question).and_then(resource_exists::<Session>)),
    );
}

/// From here on the countdown turns urgent and ticks.
pub const URGENT_SECONDS: u64 = 5;

/// An answer button (solo); the number is the option's index.
#[derive(Component, Debug, Clone, Copy)]
pub struct AnswerButton(pub usize);

#[derive(Component)]
struct CountdownFill;

#[derive(Component)]
struct CountdownText;

/// A solo order's progress line ("Earliest → C, A, _, _ → Latest").
#[derive(Component)]
pub struct OrderLine;

/// The place an item card was put in (solo), shown on the card.
#[derive(Component, Debug, Clone, Copy)]
pub struct PlacedMark(pub usize);

/// The number typed so far (solo).
#[derive(Component)]
pub struct NumberDisplay;

/// A key of the on-screen keypad (solo numbers) or the Take back button (solo orders).
#[derive(Component, Debug, Clone, Copy)]
pub struct KeypadButton(pub Step);

/// A seat's chip in the party strip; its text says the seat's state.
#[derive(Component, Debug, Clone, Copy)]
pub struct SeatChip(pub SeatId);

/// The line under a sound question's prompt: listening, or how to hear it again.
#[derive(Component)]
pub struct ClipLine;

/// The line that says where buzzing is (buzz-in).
#[derive(Component)]
pub struct BuzzBanner;
