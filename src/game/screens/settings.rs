//! Settings: fullscreen, volume and mute, default time per question, reduced motion, and
//! where a party goes: the TV's monitor and when the host console opens.
//! Every change is saved at once.

use bevy::prelude::*;
use bevy::window::{Monitor, PrimaryMonitor};

use crate::core::monitors::{MonitorInfo, TvScreen, cycle_tv};
use crate::game::console;
use crate::game::menu::{Activate, Adjust};
use crate::game::persist::{self, DataDir, Notices, SavedSettings};
use crate::game::round_setup::SECONDS;
use crate::game::states::Screen;
use crate::game::theme::menu_screen::{MenuScreen, back_to};
use crate::game::theme::{Fonts, stepper, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Settings), spawn)
        .add_systems(
            Update,
            (act, adjust, back_to(Screen::Title), refresh)
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
    MenuScreen::new(Screen::Settings, "Settings screen", "Settings")
        .hint("↑↓ choose · ←→ or Enter change · F11 fullscreen anywhere · Esc back")
        .spawn(&mut commands, &fonts, |root| {
            root.spawn(widgets::setting_list(rows.to_vec(), &fonts, RowText));
        });
}

fn on_off(on: bool) -> &'static str {
    if on { "On" } else { "Off" }
}

fn label(row: SettingRow, s: &crate::core::settings::Settings) -> String {
    match row {
        SettingRow::Fullscreen => stepper::label("Fullscreen", on_off(s.fullscreen)),
        SettingRow::Volume => stepper::label("Volume", format!("{}%", s.volume)),
        SettingRow::Mute => stepper::label("Mute", on_off(s.muted)),
        SettingRow::Seconds => {
            let seconds = match s.seconds_per_question {
                Some(n) => format!("{n} s"),
                None => "pack default".to_string(),
            };
            stepper::label("Default time per question", seconds)
        }
        SettingRow::ReducedMotion => stepper::label("Reduced motion", on_off(s.reduced_motion)),
        SettingRow::TvScreen => {
            let tv = match &s.tv_screen {
                TvScreen::Auto => "second monitor (auto)",
                TvScreen::Named(name) => name.as_str(),
                TvScreen::Off => "off: stay in this window",
            };
            stepper::label("Party TV screen", tv)
        }
        SettingRow::HostConsole => stepper::label("Host console", s.host_console.label()),
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
            if let Some(next) = stepper::step_in(&SECONDS, &s.seconds_per_question, step) {
                s.seconds_per_question = next;
            }
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
