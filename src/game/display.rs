//! The window: how often it redraws, and fullscreen (from the settings; F11 anywhere).
//!
//! The game runs in Bevy's reactive mode: an idle screen redraws only on input, so a menu
//! left open costs next to nothing. Screens that move (the countdown) ask for a redraw rate
//! through [`RedrawRate`]; gamepad buttons wake the window through the pad watch
//! ([`super::pad_watch`]), or where that cannot run a connected gamepad is polled; and
//! for a moment after a pack file changes on disk, every screen follows it (the pack
//! list, the title's warning).

use std::time::Duration;

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use bevy::window::{MonitorSelection, PrimaryWindow, RequestRedraw, WindowMode};
use bevy::winit::{UpdateMode, WinitSettings};

use super::packs::FolderWatch;
use super::persist::{self, DataDir, Notices, SavedSettings};
use super::screens::Screen;

pub fn plugin(app: &mut App) {
    app.init_resource::<RedrawRate>()
        .init_resource::<Burst>()
        .add_systems(Update, (toggle_fullscreen, apply_fullscreen).chain())
        .add_systems(Last, (apply_redraw_rate, redraw_for_pending_screen));
}

/// How often an idle screen wakes up by itself (input always wakes it at once).
const IDLE_WAKE: Duration = Duration::from_secs(60);

/// How often a gamepad is polled while no screen animates.
const GAMEPAD_POLL: Duration = Duration::from_millis(50);

/// The redraw interval the current screen needs, or `None` to redraw only on input.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RedrawRate(pub Option<Duration>);

/// A screen's own animation (the podium's reveal), on top of the round's [`RedrawRate`].
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Burst(pub Option<Duration>);

/// How long every screen keeps updating after a pack file changed on disk: the folder
/// watch wakes the game at once, and Bevy's file watcher reloads the file a moment later.
const FOLLOW_PACK_CHANGE: Duration = Duration::from_secs(3);
/// The redraw interval meanwhile.
const PACK_CHANGE_POLL: Duration = Duration::from_millis(250);

fn apply_redraw_rate(
    rate: Res<RedrawRate>,
    burst: Res<Burst>,
    pad_watch: Option<Res<super::pad_watch::PadWatch>>,
    gamepads: Query<(), With<Gamepad>>,
    watch: Option<Res<FolderWatch>>,
    winit: Option<ResMut<WinitSettings>>,
) {
    let Some(mut winit) = winit else {
        return;
    };
    // Gamepads wake the game by themselves when the pad watch runs; else they are polled.
    let watched = pad_watch.is_some_and(|w| w.running());
    let gamepad = (!gamepads.is_empty() && !watched).then_some(GAMEPAD_POLL);
    let packs = watch
        .is_some_and(|w| w.changed_within(FOLLOW_PACK_CHANGE))
        .then_some(PACK_CHANGE_POLL);
    let wanted = [rate.0, burst.0, gamepad, packs]
        .into_iter()
        .flatten()
        .min();
    let settings = match wanted {
        Some(every) => WinitSettings {
            focused_mode: UpdateMode::reactive(every),
            unfocused_mode: UpdateMode::reactive(every),
        },
        None => WinitSettings {
            focused_mode: UpdateMode::reactive(IDLE_WAKE),
            unfocused_mode: UpdateMode::reactive_low_power(IDLE_WAKE),
        },
    };
    if winit.focused_mode != settings.focused_mode
        || winit.unfocused_mode != settings.unfocused_mode
    {
        *winit = settings;
    }
}

/// A screen change decided this frame happens on the next one: make sure there is one.
fn redraw_for_pending_screen(
    next: Res<NextState<Screen>>,
    redraw: Option<ResMut<Messages<RequestRedraw>>>,
) {
    if matches!(*next, NextState::Pending(_))
        && let Some(mut redraw) = redraw
    {
        redraw.write(RequestRedraw);
    }
}

fn toggle_fullscreen(
    keys: Res<ButtonInput<Key>>,
    mut settings: ResMut<SavedSettings>,
    data: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
) {
    if keys.just_pressed(Key::F11) {
        settings.0.fullscreen = !settings.0.fullscreen;
        persist::save_settings(data.as_deref(), &settings.0, &mut notices);
    }
}

/// Applies the fullscreen setting when it changes (only then: a party's TV placement, see
/// `console`, is not undone by changing the volume).
fn apply_fullscreen(
    settings: Res<SavedSettings>,
    mut applied: Local<Option<bool>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    if !settings.is_changed() || *applied == Some(settings.0.fullscreen) {
        return;
    }
    *applied = Some(settings.0.fullscreen);
    let wanted = if settings.0.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    };
    for mut window in &mut windows {
        if window.mode != wanted {
            window.mode = wanted;
        }
    }
}
