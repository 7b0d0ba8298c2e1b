//! The solo player's answer cards and keypad as buttons (a click, or the focus and
//! Enter): a choice is answered at once, an order's item or a keypad key is a step of the
//! draft being built.

use bevy::prelude::*;

use super::{AnswerButton, KeypadButton};
use crate::core::command::{Command, SeatAction};
use crate::core::round::Asked;
use crate::game::clock::Now;
use crate::game::drafts::{DraftStep, Step};
use crate::game::menu::Activate;
use crate::game::messages::GameCommand;
use crate::game::session::{SOLO, Session};

pub(super) fn answer_by_button(
    mut activated: MessageReader<Activate>,
    answers: Query<&AnswerButton>,
    keypad: Query<&KeypadButton>,
    session: Res<Session>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut steps: MessageWriter<DraftStep>,
) {
    let order = matches!(session.game.current().asked, Asked::Order { .. });
    for Activate(entity) in activated.read() {
        let at = now.now();
        if let Ok(AnswerButton(option)) = answers.get(*entity) {
            if order {
                steps.write(DraftStep {
                    seat: SOLO,
                    step: Step::Pick(*option as u8),
                    at,
                });
            } else {
                out.write(GameCommand(Command::Seat {
                    seat: SOLO,
                    action: SeatAction::Answer(*option as u8),
                    at,
                }));
            }
        } else if let Ok(KeypadButton(step)) = keypad.get(*entity) {
            steps.write(DraftStep {
                seat: SOLO,
                step: *step,
                at,
            });
        }
    }
}
