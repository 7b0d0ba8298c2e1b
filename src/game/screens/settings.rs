//! Settings: fullscreen, volume and mute, default time per question, reduced motion, and
//! where a party goes: the TV's monitor and when the host console opens.
//! Every change is saved at once.

use bevy::prelude::*;
use bevy::window::{Monitor, PrimaryMonitor};

use crate::core::screens::{MonitorInfo, TvScreen, cycle_tv};
use crate::game::console;
use crate::game::menu::{Activate, Adjust, Back};
use crate::game::persist::{self, DataDir, Notices, SavedSettings};
use crate::game::screens::setup::SECONDS;
use crate::game::states::Screen;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Settings), spawn)
        .add_systems(
            Update,
            (act, adjust, back, refresh)
                .chain()
                .run_if(in_state(Screen::Settings)),
        );
}

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SettingRow {
    Fullscreen,
    Volume,
    Mute,
    Seconds,
    ReducedMotion,
    TvScreen,
    HostConsole,
    Back,
}

#[derive(Component)]
struct RowText(SettingRow);

fn spawn(mut commands: Commands, fonts: Res<Fonts>) {
    let rows = [
        SettingRow::Fullscreen,
        SettingRow::Volume,
        SettingRow::Mute,
        SettingRow::Seconds,
        SettingRow::ReducedMotion,
        SettingRow::TvScreen,
        SettingRow::HostConsole,
        SettingRow::Back,
    ];
    commands
        .spawn((
            widgets::screen_root("Settings screen"),
            DespawnOnExit(Screen::Settings),
        ))
        .with_children(|root| {
            root.spawn(widgets::text(
                "Settings",
                &fonts.bold,
                52.0,
                palette::ACCENT,
            ));
            root.spawn(widgets::setting_list(rows.to_vec(), &fonts, RowText));
            root.spawn(widgets::hint(
                "↑↓ choose · ←→ or Enter change · F11 fullscreen anywhere · Esc back",
                &fonts.regular,
            ));
        });
}

fn on_off(on: bool) -> &'static str {
    if on { "On" } else { "Off" }
}

fn label(row: SettingRow, s: &crate::core::settings::Settings) -> String {
    match row {
        SettingRow::Fullscreen => format!("Fullscreen:  ‹ {} ›", on_off(s.fullscreen)),
        SettingRow::Volume => format!("Volume:  ‹ {}% ›", s.volume),
        SettingRow::Mute => format!("Mute:  ‹ {} ›", on_off(s.muted)),
        SettingRow::Seconds => match s.seconds_per_question {
            Some(n) => format!("Default time per question:  ‹ {n} s ›"),
            None => "Default time per question:  ‹ pack default ›".to_string(),
        },
        SettingRow::ReducedMotion => format!("Reduced motion:  ‹ {} ›", on_off(s.reduced_motion)),
        SettingRow::TvScreen => match &s.tv_screen {
            TvScreen::Auto => "Party TV screen:  ‹ second monitor (auto) ›".to_string(),
            TvScreen::Named(name) => format!("Party TV screen:  ‹ {name} ›"),
            TvScreen::Off => "Party TV screen:  ‹ off: stay in this window ›".to_string(),
        },
        SettingRow::HostConsole => format!("Host console:  ‹ {} ›", s.host_console.label()),
        SettingRow::Back => "Back".to_string(),
    }
}

fn refresh(
    settings: Res<SavedSettings>,
    mut texts: Query<(&RowText, &mut Text)>,
    added: Query<(), Added<RowText>>,
) {
    if !settings.is_changed() && added.is_empty() {
        return;
    }
    for (row, mut text) in &mut texts {
        let wanted = label(row.0, &settings.0);
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
}

/// Changes one setting by `step` (±1) and saves.
fn change(
    row: SettingRow,
    step: i32,
    monitors: &[MonitorInfo],
    settings: &mut SavedSettings,
    data: Option<&DataDir>,
    notices: &mut Notices,
) {
    let s = &mut settings.0;
    match row {
        SettingRow::Fullscreen => s.fullscreen = !s.fullscreen,
        SettingRow::Volume => {
            s.volume = (i32::from(s.volume) + step * 10).clamp(0, 100) as u8;
        }
        SettingRow::Mute => s.muted = !s.muted,
        SettingRow::Seconds => {
            let at = SECONDS
                .iter()
                .position(|x| *x == s.seconds_per_question)
                .unwrap_or(0);
            let next = (at as i64 + i64::from(step)).rem_euclid(SECONDS.len() as i64) as usize;
            s.seconds_per_question = SECONDS[next];
        }
        SettingRow::ReducedMotion => s.reduced_motion = !s.reduced_motion,
        SettingRow::TvScreen => s.tv_screen = cycle_tv(&s.tv_screen, monitors, step),
        SettingRow::HostConsole => s.host_console = s.host_console.cycle(step),
        SettingRow::Back => return,
    }
    persist::save_settings(data, &settings.0, notices);
}

fn adjust(
    mut adjusts: MessageReader<Adjust>,
    rows: Query<&SettingRow>,
    monitors: Query<(Entity, &Monitor, Has<PrimaryMonitor>)>,
    mut settings: ResMut<SavedSettings>,
    data: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
) {
    for a in adjusts.read() {
        if let Ok(row) = rows.get(a.entity) {
            let monitors = console::monitor_infos(&monitors);
            change(
                *row,
                a.step,
                &monitors,
                &mut settings,
                data.as_deref(),
                &mut notices,
            );
        }
    }
}

fn act(
    mut activated: MessageReader<Activate>,
    rows: Query<&SettingRow>,
    monitors: Query<(Entity, &Monitor, Has<PrimaryMonitor>)>,
    mut settings: ResMut<SavedSettings>,
    data: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        match rows.get(*entity) {
            Ok(SettingRow::Back) => next.set(Screen::Title),
            Ok(row) => {
                let monitors = console::monitor_infos(&monitors);
                change(
                    *row,
                    1,
                    &monitors,
                    &mut settings,
                    data.as_deref(),
                    &mut notices,
                );
            }
            Err(_) => {}
        }
    }
}

fn back(mut backs: MessageReader<Back>, mut next: ResMut<NextState<Screen>>) {
    if backs.read().count() > 0 {
        next.set(Screen::Title);
    }
}
