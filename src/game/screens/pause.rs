//! Pausing a round: Esc (or a gamepad's Start) during a question or its reveal stops the
//! clock and shows Resume, Restart and Quit to title. Esc again resumes.

use bevy::prelude::*;

use super::Screen;
use crate::game::display::RedrawRate;
use crate::game::menu::{Activate, Back};
use crate::game::session::{self, Session};
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.init_resource::<Paused>()
        .add_systems(OnExit(Screen::Question), unpause)
        .add_systems(OnExit(Screen::Reveal), unpause)
        .add_systems(
            Update,
            (toggle, act)
                .chain()
                .run_if(in_state(Screen::Question).or_else(in_state(Screen::Reveal))),
        );
}

/// Whether the round is paused.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Paused(pub bool);

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PauseAction {
    Resume,
    Restart,
    Quit,
}

#[derive(Component)]
struct PauseOverlay;

/// An on-screen pause button, for playing with the mouse alone.
#[derive(Component, Debug, Clone, Copy)]
pub struct PauseButton;

fn unpause(mut paused: ResMut<Paused>) {
    paused.0 = false;
}

fn toggle(
    mut backs: MessageReader<Back>,
    mut activated: MessageReader<Activate>,
    pause_buttons: Query<(), With<PauseButton>>,
    gamepads: Query<&Gamepad>,
    mut paused: ResMut<Paused>,
    mut session: ResMut<Session>,
    time: Res<Time>,
    overlays: Query<Entity, With<PauseOverlay>>,
    fonts: Res<Fonts>,
    state: Res<State<Screen>>,
    mut rate: ResMut<RedrawRate>,
    mut paused_rate: Local<RedrawRate>,
    mut commands: Commands,
) {
    let start = gamepads
        .iter()
        .any(|g| g.just_pressed(GamepadButton::Start));
    let clicked = activated
        .read()
        .any(|Activate(e)| pause_buttons.contains(*e));
    if backs.read().count() == 0 && !start && !clicked {
        return;
    }
    let now = session::now(&time);
    if paused.0 {
        resume(&mut paused, &mut session, now, &overlays, &mut commands);
        *rate = *paused_rate;
    } else {
        paused.0 = true;
        let _ = session.round.pause(now);
        spawn_overlay(&mut commands, &fonts, *state.get());
        // Nothing moves while paused: back to redrawing on input only.
        *paused_rate = *rate;
        rate.0 = None;
    }
}

fn resume(
    paused: &mut Paused,
    session: &mut Session,
    now: std::time::Duration,
    overlays: &Query<Entity, With<PauseOverlay>>,
    commands: &mut Commands,
) {
    paused.0 = false;
    let _ = session.round.resume(now);
    for overlay in overlays {
        commands.entity(overlay).despawn();
    }
}

fn spawn_overlay(commands: &mut Commands, fonts: &Fonts, screen: Screen) {
    commands.spawn((
        PauseOverlay,
        DespawnOnExit(screen),
        widgets::overlay(),
        children![
            widgets::text("Paused", &fonts.bold, 64.0, palette::ACCENT),
            widgets::text(
                "The clock is stopped and the question hidden.",
                &fonts.regular,
                26.0,
                palette::TEXT_MUTED
            ),
            (
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(14),
                    margin: UiRect::top(px(16)),
                    ..default()
                },
                children![
                    widgets::modal_button("Resume", &fonts.bold, 0, PauseAction::Resume),
                    widgets::modal_button("Restart round", &fonts.bold, 1, PauseAction::Restart),
                    widgets::modal_button("Quit to title", &fonts.bold, 2, PauseAction::Quit),
                ],
            ),
            widgets::hint("Esc resume · ↑↓ choose · Enter select", &fonts.regular),
        ],
    ));
}

fn act(
    mut activated: MessageReader<Activate>,
    actions: Query<&PauseAction>,
    mut paused: ResMut<Paused>,
    mut session: ResMut<Session>,
    time: Res<Time>,
    overlays: Query<Entity, With<PauseOverlay>>,
    state: Res<State<Screen>>,
    mut rate: ResMut<RedrawRate>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        let Ok(action) = actions.get(*entity) else {
            continue;
        };
        match action {
            PauseAction::Resume => {
                resume(
                    &mut paused,
                    &mut session,
                    session::now(&time),
                    &overlays,
                    &mut commands,
                );
                rate.0 = Some(match state.get() {
                    Screen::Question => super::question::COUNTDOWN_FRAME,
                    _ => super::reveal::REVEAL_FRAME,
                });
            }
            PauseAction::Restart => {
                *session = session.restarted();
                next.set(Screen::Question);
            }
            PauseAction::Quit => next.set(Screen::Title),
        }
    }
}
