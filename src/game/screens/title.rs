//! The title screen: the game's name, the pack that will be played, and the main menu.

use bevy::app::AppExit;
use bevy::prelude::*;

use super::Screen;
use crate::game::menu::Activate;
use crate::game::packs::PackLibrary;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Title), spawn)
        .add_systems(Update, act.run_if(in_state(Screen::Title)));
}

/// What a title-screen button does.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleAction {
    Quit,
}

/// The line under the title naming the pack that will be played.
#[derive(Component)]
pub struct PackLine;

fn spawn(mut commands: Commands, fonts: Res<Fonts>, library: Res<PackLibrary>) {
    let pack_line = match library.default_pack().map(|e| &e.status) {
        Some(Ok(summary)) => format!(
            "Pack: {} · {} questions · {} categories",
            summary.title,
            summary.question_count,
            summary.categories.len()
        ),
        _ => match library.playable().count() {
            0 => "No playable pack found in quizzes/".to_string(),
            n => format!("{n} packs ready"),
        },
    };
    let broken = library.entries.iter().filter(|e| e.status.is_err()).count();
    commands.spawn((
        widgets::screen_root("Title screen"),
        DespawnOnExit(Screen::Title),
        children![
            widgets::text("DEFIANT TRIVIA", &fonts.bold, 84.0, palette::ACCENT),
            widgets::text(
                "The watch-party quiz",
                &fonts.regular,
                30.0,
                palette::TEXT_MUTED
            ),
            (
                widgets::text(pack_line, &fonts.regular, 26.0, palette::TEXT),
                PackLine
            ),
            widgets::text(
                if broken > 0 {
                    format!("{broken} pack(s) in quizzes/ have errors: run `defiant-trivia check`")
                } else {
                    String::new()
                },
                &fonts.regular,
                22.0,
                palette::WARNING
            ),
            (
                Node {
                    flex_direction: FlexDirection::Column,
                    row_gap: px(14),
                    margin: UiRect::top(px(24)),
                    ..default()
                },
                children![widgets::button("Quit", &fonts.bold, 0, TitleAction::Quit)],
            ),
        ],
    ));
}

fn act(
    mut activated: MessageReader<Activate>,
    actions: Query<&TitleAction>,
    mut exit: MessageWriter<AppExit>,
) {
    for Activate(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(TitleAction::Quit) => {
                exit.write(AppExit::Success);
            }
            Err(_) => {}
        }
    }
}
