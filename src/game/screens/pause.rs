//! Pausing: Esc (a host gamepad's Start, or the on-screen Pause button) during a question,
//! reveal or scoreboard sends the host's pause command; the core stops every clock. The
//! overlay is a view of the game's pause: it shows while the game is paused, whoever
//! paused it, and hides the question. Esc again resumes.
//!
//! Solo: Resume, Restart round, Quit to title. Party: Resume, Undo (naming what it takes
//! back), End game → podium and Quit to title; the last two ask for confirmation (press
//! again).

use bevy::prelude::*;

use crate::core::command::{Command, HostAction};
use crate::core::game::Phase;
use crate::game::clock::Now;
use crate::game::host::HostUi;
use crate::game::input::MenuIntent;
use crate::game::menu::{Activate, Back};
use crate::game::messages::{GameCommand, RoundSystems};
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::Fonts;
use crate::game::theme::modal::Modal;

pub fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            (toggle, act).chain().in_set(RoundSystems::Commands),
            show.in_set(RoundSystems::View),
        )
            .run_if(
                resource_exists::<Session>.and_then(
                    in_state(Screen::Question)
                        .or_else(in_state(Screen::Reveal))
                        .or_else(in_state(Screen::Scoreboard))
                        .or_else(in_state(Screen::Wager)),
                ),
            ),
    );
}

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseAction {
    Resume,
    Restart,
    Undo,
    End,
    Quit,
}

impl PauseAction {
    /// Whether the action ends something and so asks to be pressed twice.
    fn needs_confirmation(self, party: bool) -> bool {
        party && matches!(self, PauseAction::End | PauseAction::Quit)
    }
}

#[derive(Component)]
pub struct PauseOverlay;

/// The round screens' on-screen pause button (drawn by
/// [`crate::game::theme::widgets::pause_button`]).
pub use crate::game::theme::widgets::PauseButton;

/// A button waiting for its confirming second press.
#[derive(Component)]
struct Confirming;

fn host(action: HostAction, now: &Now) -> GameCommand {
    GameCommand(Command::Host {
        action,
        at: now.now(),
    })
}

fn toggle(
    mut backs: MessageReader<Back>,
    mut activated: MessageReader<Activate>,
    pause_buttons: Query<(), With<PauseButton>>,
    mut intents: MessageReader<MenuIntent>,
    session: Res<Session>,
    mut host_ui: ResMut<HostUi>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
) {
    // A host pad's Start (the input layer leaves seats' pads out).
    let start = intents.read().any(|i| *i == MenuIntent::Pause);
    let clicked = activated
        .read()
        .any(|Activate(e)| pause_buttons.contains(*e));
    if backs.read().count() == 0 && !start && !clicked {
        return;
    }
    // Esc closes the host's scores panel first.
    if host_ui.panel && !clicked {
        host_ui.panel = false;
        return;
    }
    if session.game.phase() != Phase::Finished {
        out.write(host(HostAction::TogglePause, &now));
    }
}

/// Shows the overlay while the game is paused, and takes it away when it is not; keeps
/// the Undo button naming what it would take back.
fn show(
    session: Res<Session>,
    overlays: Query<Entity, With<PauseOverlay>>,
    undo_buttons: Query<(&PauseAction, &Children)>,
    mut texts: Query<&mut Text>,
    fonts: Res<Fonts>,
    state: Res<State<Screen>>,
    mut commands: Commands,
) {
    let paused = session.game.is_paused();
    match (paused, overlays.is_empty()) {
        (true, true) => spawn_overlay(&mut commands, &fonts, *state.get(), &session),
        (false, false) => {
            for overlay in &overlays {
                commands.entity(overlay).despawn();
            }
        }
        (true, false) => {
            let wanted = undo_text(&session);
            for (action, children) in &undo_buttons {
                if *action != PauseAction::Undo {
                    continue;
                }
                if let Some(mut text) = children.first().and_then(|c| texts.get_mut(*c).ok())
                    && text.0 != wanted
                {
                    text.0.clone_from(&wanted);
                }
            }
        }
        (false, true) => {}
    }
}

fn undo_text(session: &Session) -> String {
    match session.game.undo_label() {
        Some(what) => format!("Undo {what}"),
        None => "Undo (nothing to undo)".to_string(),
    }
}

fn spawn_overlay(commands: &mut Commands, fonts: &Fonts, screen: Screen, session: &Session) {
    let party = session.is_party();
    let mut actions = vec![(PauseAction::Resume, "Resume".to_string())];
    if party {
        actions.push((PauseAction::Undo, undo_text(session)));
        actions.push((PauseAction::End, "End game → podium".to_string()));
    } else {
        actions.push((PauseAction::Restart, "Restart round".to_string()));
    }
    actions.push((PauseAction::Quit, "Quit to title".to_string()));
    let subtitle = if session.resumed {
        "Back where the night stopped, with every score and the time left."
    } else if screen == Screen::Question {
        "The clock is stopped and the question hidden."
    } else {
        "The clock is stopped."
    };
    Modal {
        title: "Paused".to_string(),
        title_size: 64.0,
        subtitle: subtitle.to_string(),
        buttons: actions
            .into_iter()
            .map(|(action, label)| (label, action))
            .collect(),
        hint: "Esc resume · ↑↓ choose · Enter select".to_string(),
        group: 1,
        layer: 10,
    }
    .spawn(commands, fonts, (PauseOverlay, DespawnOnExit(screen)));
}

fn act(
    mut activated: MessageReader<Activate>,
    actions: Query<(&PauseAction, Option<&Confirming>, &Children)>,
    mut texts: Query<&mut Text>,
    session: Res<Session>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut requests: MessageWriter<crate::game::night::SessionRequest>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    let party = session.is_party();
    for Activate(entity) in activated.read() {
        let Ok((action, confirming, children)) = actions.get(*entity) else {
            continue;
        };
        if action.needs_confirmation(party) && confirming.is_none() {
            commands.entity(*entity).insert(Confirming);
            if let Some(mut text) = children.first().and_then(|c| texts.get_mut(*c).ok()) {
                text.0 = format!("Really? Enter again: {}", text.0);
            }
            continue;
        }
        match action {
            PauseAction::Resume => {
                out.write(host(HostAction::Resume, &now));
            }
            PauseAction::Undo => {
                out.write(host(HostAction::Undo, &now));
            }
            PauseAction::End => {
                out.write(host(HostAction::End, &now));
            }
            PauseAction::Restart => {
                requests.write(crate::game::night::SessionRequest::Restart);
            }
            PauseAction::Quit => next.set(Screen::Title),
        }
    }
}
