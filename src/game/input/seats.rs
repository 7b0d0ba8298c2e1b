//! Seats' presses become the round controller's commands: an answer or a buzz is a
//! [`GameCommand`], a step towards an order or a number a [`DraftStep`], each with the
//! press's own stamp. In the lobby they are [`SeatPress`]es (joining, testing keys).

use std::time::Duration;

use bevy::input::keyboard::Key;
use bevy::prelude::*;

use super::bindings::{Input, group_key, pad_input, seat_input, solo_input};
use super::{Bindings, InputLayer, KeyPress, PadPress, SeatPress, gamepads, keyboard};
use crate::core::command::Command;
use crate::core::game::Phase;
use crate::core::kinds::NumberRule;
use crate::core::night::Roster;
use crate::core::round::Asked;
use crate::core::seat::SeatId;
use crate::game::clock::Now;
use crate::game::drafts::DraftStep;
use crate::game::messages::{GameCommand, RosterCommand};
use crate::game::session::Session;
use crate::game::states::{Screen, in_game_screen};

pub(super) fn plugin(app: &mut App) {
    let after_devices = (keyboard::read_keys, gamepads::read_pads);
    app.add_systems(
        PreUpdate,
        (
            (keys, pads).run_if(
                in_state(Screen::Question)
                    .or_else(in_state(Screen::Wager))
                    .and_then(resource_exists::<Session>),
            ),
            pads_away.run_if(resource_exists::<Session>.and_then(in_game_screen)),
            seat_presses.run_if(in_state(Screen::Lobby)),
        )
            .in_set(InputLayer)
            .after(after_devices.0)
            .after(after_devices.1),
    );
}

/// The seat a key press is for, and what it does on the open question.
fn keys(
    mut presses: MessageReader<KeyPress>,
    bindings: Res<Bindings>,
    session: Res<Session>,
    mut out: MessageWriter<GameCommand>,
    mut steps: MessageWriter<DraftStep>,
) {
    let asked = asked_now(&session);
    for press in presses.read() {
        let input = if let Some(seat) = bindings.solo {
            solo_input(asked, press).map(|input| (seat, input))
        } else {
            let Key::Character(s) = &press.key else {
                continue;
            };
            s.chars()
                .next()
                .and_then(group_key)
                .and_then(|(group, k)| Some((bindings.keys[group]?, seat_input(asked, k)?)))
        };
        send(input, press.at, &mut out, &mut steps);
    }
}

/// The seat a pad press is for (a resumed night's pads take their seats as they press),
/// and what it does on the open question.
fn pads(
    mut presses: MessageReader<PadPress>,
    mut bindings: ResMut<Bindings>,
    session: Res<Session>,
    mut out: MessageWriter<GameCommand>,
    mut steps: MessageWriter<DraftStep>,
) {
    let asked = asked_now(&session);
    for press in presses.read() {
        if bindings.party && bindings.pad_seat(press.pad).is_none() {
            bindings.rebind_pad(press.pad, &session.game);
        }
        let (Some(seat), Some(input)) =
            (bindings.pad_seat(press.pad), pad_input(asked, press.button))
        else {
            continue;
        };
        send(Some((seat, input)), press.at, &mut out, &mut steps);
    }
}

/// What a seat's keys and buttons answer now: the open question, or during the final's
/// stakes a whole number, set on the dial like a number question's.
fn asked_now(session: &Session) -> &Asked {
    if session.game.phase() == Phase::Wager {
        &STAKE
    } else {
        &session.game.current().asked
    }
}

/// A stake as the dial sets it: a whole number.
static STAKE: Asked = Asked::Number {
    rule: NumberRule {
        answer: 0.0,
        tolerance: 0.0,
        limit: 1.0,
    },
    unit: String::new(),
};

/// Sends a seat's input on: an action to the game, a step to its draft.
fn send(
    input: Option<(SeatId, Input)>,
    at: Duration,
    out: &mut MessageWriter<GameCommand>,
    steps: &mut MessageWriter<DraftStep>,
) {
    match input {
        Some((seat, Input::Action(action))) => {
            out.write(GameCommand(Command::Seat { seat, action, at }));
        }
        Some((seat, Input::Step(step))) => {
            steps.write(DraftStep { seat, step, at });
        }
        None => {}
    }
}

/// In the lobby, any key of a key group and any pad button is a seat's device speaking.
fn seat_presses(
    mut keys: MessageReader<KeyPress>,
    mut pads: MessageReader<PadPress>,
    mut out: MessageWriter<SeatPress>,
) {
    for press in keys.read() {
        if let Key::Character(s) = &press.key
            && let Some((group, _)) = s.chars().next().and_then(group_key)
        {
            out.write(SeatPress::Keys(group));
        }
    }
    for press in pads.read() {
        out.write(SeatPress::Pad(press.pad));
    }
}

/// A seat's gamepad unplugged: the seat stays, shown as away, and is not waited for;
/// plugged back in (Bevy gives it back its entity), the seat is back.
fn pads_away(
    bindings: Res<Bindings>,
    connected: Query<(), With<Gamepad>>,
    now: Now,
    session: Res<Session>,
    mut roster: MessageWriter<RosterCommand>,
) {
    for &(pad, seat) in &bindings.pads {
        let away = !connected.contains(pad);
        if session.game.player(seat).is_some_and(|p| p.away != away) {
            roster.write(RosterCommand {
                change: if away {
                    Roster::Away(seat)
                } else {
                    Roster::Back(seat)
                },
                at: now.now(),
            });
        }
    }
}
