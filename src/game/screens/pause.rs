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
use crate::game::menu::{Activate, Back};
use crate::game::messages::{GameCommand, RoundSystems};
use crate::game::seat_input::Bindings;
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::{Fonts, palette, widgets};

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
                        .or_else(in_state(Screen::Scoreboard)),
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

/// An on-screen pause button, for playing with the mouse alone.
#[derive(Component, Debug, Clone, Copy)]
pub struct PauseButton;

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
    gamepads: Query<(Entity, &Gamepad)>,
    bindings: Res<Bindings>,
    session: Res<Session>,
    mut host_ui: ResMut<HostUi>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
) {
    let start = gamepads
        .iter()
        .any(|(e, g)| !bindings.is_seat_pad(e) && g.just_pressed(GamepadButton::Start));
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
    commands
        .spawn((PauseOverlay, DespawnOnExit(screen), widgets::overlay()))
        .with_children(|overlay| {
            overlay.spawn(widgets::text("Paused", &fonts.bold, 64.0, palette::ACCENT));
            overlay.spawn(widgets::text(
                subtitle,
                &fonts.regular,
                26.0,
                palette::TEXT_MUTED,
            ));
            overlay
                .spawn(widgets::modal_column())
                .with_children(|list| {
                    for (order, (action, label)) in actions.into_iter().enumerate() {
                        list.spawn(widgets::modal_button(label, &fonts.bold, order, action));
                    }
                });
            overlay.spawn(widgets::hint(
                "Esc resume · ↑↓ choose · Enter select",
                &fonts.regular,
            ));
        });
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
