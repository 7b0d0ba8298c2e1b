//! The reveal: the right answer marked (✓ and green), and then
//! - solo: the player's pick (✗ and red if wrong), the points with their speed and streak
//!   parts;
//! - party: how many seats chose each option and who, and every seat's points;
//!
//! An order question shows the items in their right order (solo: where you put each;
//! party: how many put it in its place); a number question shows the answer and the
//! guesses (solo: yours and how far off; party: each seat's on its chip).
//!
//! and the explanation. Enter continues (the host's Next); a solo reveal continues by
//! itself after the time the game's rules give it, counted by the core and stopped by
//! pause. An undo, a correction or a seat removed on the reveal draws it again from the
//! game's state, so it never claims points that were taken back.
//!
//! - [`layout`]: the screen as it opens, and its body drawn again from the game's state;
//! - [`answers`]: the answer cards (a choice's picks, an order's places, a number's
//!   guesses) and the seats' points;
//! - [`headline`]: what the headline and the line under it say;
//! - [`view`]: the sound, and the line beside the continue button;
//! - [`input`]: the continue button.

mod answers;
mod headline;
mod input;
mod layout;
mod view;

use bevy::prelude::*;

use crate::core::game::{Game, QuestionResult};
use crate::game::messages::RoundSystems;
use crate::game::session::Session;
use crate::game::states::Screen;

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Reveal), (layout::spawn, view::cue).chain())
        .add_systems(
            Update,
            (
                input::continue_on_activate.in_set(RoundSystems::Commands),
                (layout::redraw, view::auto_text).in_set(RoundSystems::View),
            )
                .run_if(in_state(Screen::Reveal).and_then(resource_exists::<Session>)),
        );
}

#[derive(Component)]
pub struct ContinueButton;

#[derive(Component)]
struct AutoText;

/// The line naming a previewed pack's error, empty while the pack is fine.
#[derive(Component)]
struct PreviewError;

/// The part of the reveal that shows the game's state (the headline, the answers with
/// their picks, the seats' points), with the state it was drawn from: it is drawn again
/// when that changes (an undo or a correction on the reveal, a seat removed).
#[derive(Component, Debug, Clone, PartialEq)]
pub struct RevealBody(Vec<SeatShown>, usize);

/// What the reveal shows of one seat: removed or not, its score and streak, and its result
/// on this question.
type SeatShown = (bool, i64, u32, Option<QuestionResult>);

impl RevealBody {
    fn of(game: &Game) -> Self {
        Self(
            game.players()
                .iter()
                .map(|p| {
                    (
                        p.removed,
                        p.stats.score,
                        p.stats.streak,
                        game.last_result(p.seat.id).cloned(),
                    )
                })
                .collect(),
            game.final_reveal().1,
        )
    }
}
