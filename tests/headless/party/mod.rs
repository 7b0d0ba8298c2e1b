//! A whole party night, headless: three keyboard seats and one gamepad join in the lobby,
//! play an everyone-answers game (lock-ins, reveal with picks, scoreboard, pause, added
//! time, skip, a score adjustment and its undo, ending early), reach the podium with the
//! party history saved, then a buzz-in game with a false start and a tie, a gamepad
//! unplugged and plugged back mid-round; the history is read back by a new game.

use bevy::input::gamepad::{GamepadConnection, GamepadConnectionEvent};
use bevy::input::keyboard::Key;
use bevy::prelude::*;
use defiant_trivia::core::command::Event;
use defiant_trivia::core::game::{Buzz, Format, Given, Phase, draw};
use defiant_trivia::core::round::Asked;
use defiant_trivia::core::seat::{Device, SeatId};
use defiant_trivia::game::input::bindings::{KEY_GROUPS, PAD_ANSWERS};
use defiant_trivia::game::messages::GameEvent;
use defiant_trivia::game::persist::SavedPartyHistory;
use defiant_trivia::game::round_setup::SetupRow;
use defiant_trivia::game::screens::lobby::{Lobby, LobbyRow};
use defiant_trivia::game::screens::podium::PodiumAction;
use defiant_trivia::game::screens::scoreboard::ScoreRow;
use defiant_trivia::game::session::Session;
use defiant_trivia::game::states::Screen;

use crate::common::*;

fn session(app: &App) -> &Session {
    app.world().resource::<Session>()
}

fn lobby(app: &App) -> &Lobby {
    app.world().resource::<Lobby>()
}

fn click_row(app: &mut App, row: LobbyRow) {
    let entity = find_by::<LobbyRow>(app, |r| *r == row).unwrap();
    click(app, entity);
}

fn score(app: &App, seat: SeatId) -> i64 {
    session(app).game.player(seat).unwrap().stats.score
}

/// The text of `seat`'s chip on the question screen.
fn events(app: &App) -> Vec<Event> {
    let messages = app.world().resource::<Messages<GameEvent>>();
    messages
        .get_cursor()
        .read(messages)
        .map(|e| e.0.clone())
        .collect()
}

/// Seat `group`'s key for option `option`.
fn key(group: usize, option: usize) -> char {
    KEY_GROUPS[group].answers[option]
}

/// Every text on the screen.
fn texts(app: &mut App) -> Vec<String> {
    let mut query = app.world_mut().query::<&Text>();
    query.iter(app.world()).map(|t| t.0.clone()).collect()
}

mod night;
mod rounds;
mod saves;
mod series;
mod undo;
