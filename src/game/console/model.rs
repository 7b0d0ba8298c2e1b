//! What the host console shows, as plain data: [`ConsoleView`] is built by [`build`] from
//! the screen, the session or the lobby, the phone room and what the host just did, with
//! no Bevy query in it, so that it is tested as data; [`super::view`] draws it. It holds
//! what the room must not see yet (the right answer, the explanation, each seat's pick,
//! the next question, the whole picture while the TV still uncovers it).
//!
//! A question's media are data too ([`MediaView`], see [`super::media`]: the picture's
//! path in the pack, the clip's length, why nothing is heard).

use std::time::Duration;

use bevy::prelude::*;

use super::media::media_view;
use crate::core::game::{Format, Game, Phase, Rules, ScoreboardEvery};
use crate::core::round::Asked;
use crate::core::seat::{Device, SeatId, TEAM_NAMES, TeamId};
use crate::game::host::HostButton;
use crate::game::screens::lobby::{Lobby, device_keys};
use crate::game::screens::podium::PodiumAction;
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::widgets;
use crate::phones::Phones;

pub use super::media::MediaView;

/// One button of the console.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleAction {
    /// A host action with a key: pause, reveal, skip, +10 s, undo, end.
    Host(HostButton),
    /// Next question (Enter on the reveal and the scoreboard).
    Next,
    /// Points for a seat: ± one step of the scores panel.
    Adjust(SeatId, i32),
    /// Remove a seat (press twice).
    Remove(SeatId),
    /// Lock or open the room to new phones.
    LockRoom,
    /// Start the party (the lobby's Start).
    Start,
    /// The podium's buttons.
    Podium(PodiumAction),
    /// At a round's end: stop for tonight (the series goes on another evening).
    StopEvening,
    /// The question's clip again from its start (F8).
    ReplayClip,
}

/// Whether a button does something now (a greyed one does nothing).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enabled(pub bool);

/// The current question as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionView {
    pub prompt: String,
    /// Badge, text, and whether it is the right answer.
    pub options: Vec<(String, String, bool)>,
    pub explanation: String,
    /// Its picture and sound, if it has any.
    pub media: Option<MediaView>,
}

/// A seat's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatView {
    pub id: SeatId,
    pub name: String,
    pub colour: u8,
    /// Device and team.
    pub detail: String,
    pub state: String,
    pub score: Option<i64>,
    /// Whether ± points and Remove apply (in a game, not removed).
    pub adjustable: bool,
}

/// Everything on the console, as data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConsoleView {
    pub title: String,
    pub status: String,
    pub question: Option<QuestionView>,
    pub next: Option<String>,
    pub seats: Vec<SeatView>,
    pub buttons: Vec<(ConsoleAction, String, bool)>,
    pub settings: Vec<String>,
    pub join: Option<String>,
    pub said: Option<String>,
    /// What undo would take back.
    pub undo: Option<String>,
}

/// The phone room as the console shows it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct RoomView {
    /// The phone server is running.
    pub running: bool,
    /// No new phones may join.
    pub locked: bool,
    /// Where phones join, while the server runs.
    pub join_url: Option<String>,
    /// The room's code.
    pub code: String,
    /// Phones connected now.
    pub connected: usize,
}

impl RoomView {
    pub fn of(phones: &Phones) -> Self {
        Self {
            running: phones.running(),
            locked: phones.locked,
            join_url: phones.join_url(),
            code: phones.room().unwrap_or_default().to_string(),
            connected: phones.connected.len(),
        }
    }
}

/// The letter of option `i`, with its shape as the public screen shows it.
fn badge(i: usize) -> String {
    widgets::option_badge(i, true)
}

fn seat_detail(device: Device, team: Option<TeamId>) -> String {
    let device = match device {
        Device::Phone => "phone".to_string(),
        Device::Gamepad(n) => format!("gamepad {}", n + 1),
        other => device_keys(other),
    };
    match team.and_then(|t| TEAM_NAMES.get(usize::from(t.0))) {
        Some(team) => format!("{device} · {team}"),
        None => device,
    }
}

fn rules_line(rules: &Rules) -> String {
    let on = |b: bool| if b { "on" } else { "off" };
    let scores = match rules.scoreboard {
        ScoreboardEvery::End => "scores at the end".to_string(),
        ScoreboardEvery::Questions(1) => "scores after every question".to_string(),
        ScoreboardEvery::Questions(n) => format!("scores every {n} questions"),
    };
    let mut line = format!(
        "{} · speed bonus {} · streak bonus {} · {scores}",
        rules.format.label(),
        on(rules.speed_bonus),
        on(rules.streak_bonus)
    );
    if rules.format == Format::BuzzIn {
        line.push_str(&format!(" · wrong buzz −{}", rules.wrong_penalty));
    }
    line
}

fn join_line(room: &RoomView) -> Option<String> {
    let url = room.join_url.as_deref()?;
    let state = if room.locked {
        "room locked"
    } else {
        "room open"
    };
    Some(format!(
        "Phones join at {url}  ·  room {}  ·  {} connected  ·  {state}",
        room.code, room.connected
    ))
}

/// Locking the room to new phones, while phones play.
fn lock_button(room: &RoomView) -> Option<(ConsoleAction, String, bool)> {
    let label = if room.locked {
        "Open the room"
    } else {
        "Lock the room"
    };
    room.running
        .then(|| (ConsoleAction::LockRoom, label.to_string(), true))
}

/// The host's buttons of a game, greyed where the phase does not take them.
fn game_buttons(game: &Game, room: &RoomView) -> Vec<(ConsoleAction, String, bool)> {
    let phase = game.phase();
    let paused = game.is_paused();
    let open = phase == Phase::Question && !paused;
    let between = matches!(
        phase,
        Phase::Reveal | Phase::Scoreboard | Phase::Wager | Phase::RoundEnd
    ) && !paused;
    let live = !matches!(phase, Phase::Finished | Phase::Intermission);
    let mut buttons = vec![
        (
            ConsoleAction::Host(HostButton::Pause),
            if paused { "Esc  Resume" } else { "Esc  Pause" }.to_string(),
            live,
        ),
        (
            ConsoleAction::Host(HostButton::Reveal),
            "F2  Reveal".to_string(),
            open,
        ),
        (
            ConsoleAction::Host(HostButton::Skip),
            "F3  Skip".to_string(),
            open,
        ),
        (
            ConsoleAction::Host(HostButton::AddTime),
            "F4  +10 s".to_string(),
            open,
        ),
    ];
    // A question with a clip: it plays again while the question or its answer shows.
    if !matches!(phase, Phase::Finished | Phase::Intermission)
        && game.current().media.audio.is_some()
    {
        buttons.push((
            ConsoleAction::ReplayClip,
            "F8  Replay clip".to_string(),
            matches!(phase, Phase::Question | Phase::Reveal) && !paused,
        ));
    }
    buttons.extend([
        (ConsoleAction::Next, "Enter  Next".to_string(), between),
        (
            ConsoleAction::Host(HostButton::Undo),
            "F5  Undo".to_string(),
            game.undo_label().is_some(),
        ),
    ]);
    buttons.extend(lock_button(room));
    if phase == Phase::RoundEnd {
        buttons.push((
            ConsoleAction::StopEvening,
            "Stop for tonight".to_string(),
            !paused,
        ));
    }
    if game.tiebreak_offered() {
        buttons.push((
            ConsoleAction::Podium(PodiumAction::SuddenDeath),
            "Sudden death".to_string(),
            true,
        ));
        buttons.push((
            ConsoleAction::Podium(PodiumAction::ShareWin),
            "Share the win".to_string(),
            true,
        ));
    }
    if phase == Phase::Intermission {
        // The next evening is planned on the TV's own screen.
    } else if live {
        buttons.push((
            ConsoleAction::Host(HostButton::End),
            "F10  End game".to_string(),
            true,
        ));
    } else {
        buttons.push((
            ConsoleAction::Podium(PodiumAction::ShowAll),
            "Show everything".to_string(),
            true,
        ));
        buttons.push((
            ConsoleAction::Podium(PodiumAction::PlayAgain),
            "Play again".to_string(),
            true,
        ));
        buttons.push((
            ConsoleAction::Podium(PodiumAction::Title),
            "Back to title".to_string(),
            true,
        ));
    }
    buttons
}

/// Builds the view from the game's state.
pub fn build(
    screen: Screen,
    session: Option<&Session>,
    lobby: Option<&Lobby>,
    room: &RoomView,
    said: Option<&str>,
    notice: Option<&str>,
    now: Duration,
) -> ConsoleView {
    let mut view = ConsoleView {
        join: join_line(room),
        said: said.map(str::to_string),
        ..Default::default()
    };
    let in_game = screen.in_game();
    match (session, in_game) {
        (Some(session), true) => {
            let game = &session.game;
            let at = game.current_index();
            view.title = format!("{}  ·  {}", session.pack_title, session.progress());
            view.status = match (game.phase(), game.is_paused()) {
                (Phase::Finished, _) => "Game over: the podium".to_string(),
                (_, true) => "PAUSED".to_string(),
                (Phase::Ready | Phase::Question, _) => "Question open".to_string(),
                (Phase::Reveal, _) => "Answer revealed".to_string(),
                (Phase::Scoreboard, _) => "Scoreboard".to_string(),
                (Phase::Wager, _) => "The final: stakes are open".to_string(),
                (Phase::RoundEnd, _) => format!("{} over", game.round().name),
                (Phase::Intermission, _) => {
                    "Stopped for tonight: the series goes on another evening".to_string()
                }
            };
            if game.phase() != Phase::Finished {
                let q = game.current();
                view.question = Some(QuestionView {
                    prompt: q.prompt.clone(),
                    options: match q.asked {
                        Asked::Choice => q
                            .options
                            .iter()
                            .enumerate()
                            .map(|(i, o)| (badge(i), o.clone(), i == q.correct))
                            .collect(),
                        // An order or a number: its answer in words, then the items as
                        // the room sees them.
                        _ => std::iter::once(("✔".to_string(), q.correct_text(), true))
                            .chain(
                                q.options
                                    .iter()
                                    .enumerate()
                                    .map(|(i, o)| (badge(i), o.clone(), false)),
                            )
                            .collect(),
                    },
                    explanation: q.explanation.clone(),
                    media: media_view(q, game.phase(), notice),
                });
                view.next = Some(match game.questions().get(at + 1) {
                    Some(next) => format!("{}  →  {}", next.prompt, next.correct_text()),
                    None => "None: this is the last question.".to_string(),
                });
            }
            view.seats = game
                .players()
                .iter()
                .map(|p| {
                    let id = p.seat.id;
                    let mut state = game
                        .seat_state(id, now)
                        .map_or(String::new(), |s| s.label().to_string());
                    if let Some(pick) = game.chosen(id)
                        && matches!(game.phase(), Phase::Question | Phase::Reveal)
                    {
                        state.push_str(&format!(" · {}", badge(pick)));
                    }
                    if p.away && !state.starts_with("away") {
                        state.push_str(" · away");
                    }
                    SeatView {
                        id,
                        name: p.seat.name.clone(),
                        colour: p.seat.colour,
                        detail: seat_detail(p.seat.device, p.seat.team),
                        state,
                        score: Some(p.stats.score),
                        adjustable: !p.removed && game.phase() != Phase::Finished,
                    }
                })
                .collect();
            view.settings = vec![rules_line(game.rules())];
            view.buttons = game_buttons(game, room);
            view.undo = game.undo_label().map(str::to_string);
        }
        _ if screen == Screen::Lobby => {
            let lobby = lobby.cloned().unwrap_or_default();
            view.title = "Party lobby".to_string();
            view.status = match lobby.not_ready() {
                Some(why) => why,
                None => format!("{} players ready", lobby.seats.len()),
            };
            view.seats = lobby
                .seats
                .iter()
                .map(|s| SeatView {
                    id: s.id,
                    name: s.name.clone(),
                    colour: s.colour,
                    detail: seat_detail(s.device, s.team),
                    state: "joined".to_string(),
                    score: None,
                    adjustable: true,
                })
                .collect();
            view.settings = vec![rules_line(&lobby.rules())];
            if lobby.team_count() > 0 {
                view.settings.push(format!("{} teams", lobby.team_count()));
            }
            view.buttons = vec![(
                ConsoleAction::Start,
                "Start the party".to_string(),
                lobby.not_ready().is_none(),
            )];
            view.buttons.extend(lock_button(room));
        }
        _ => {
            view.title = "No party yet".to_string();
            view.status =
                "Open Party on the TV (or run `defiant-trivia party`) to start one.".to_string();
        }
    }
    view
}

/// The console's clock line.
pub(super) fn clock_line(session: Option<&Session>, screen: Screen, now: Duration) -> String {
    let Some(session) = session else {
        return String::new();
    };
    if !screen.in_game() {
        return String::new();
    }
    let game = &session.game;
    if game.is_paused() {
        return "Clock stopped".to_string();
    }
    match game.phase() {
        Phase::Question => {
            let left = game.remaining(now);
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            format!("{secs} s left")
        }
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests;
