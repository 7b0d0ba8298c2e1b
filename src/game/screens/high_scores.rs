//! High scores: the ten best rounds of each pack, kept across restarts. ←→ switch packs.

use bevy::prelude::*;

use crate::game::menu::{Activate, Adjust, Adjustable};
use crate::game::packs::PackLibrary;
use crate::game::persist::{Notices, SavedHighScores};
use crate::game::states::Screen;
use crate::game::theme::menu_screen::{MenuScreen, back_to};
use crate::game::theme::{Fonts, palette, stepper, widgets};

pub fn plugin(app: &mut App) {
    app.init_resource::<ShownPack>()
        .add_systems(OnEnter(Screen::HighScores), spawn)
        .add_systems(
            Update,
            (switch, act, back_to(Screen::Title), refresh)
                .chain()
                .run_if(in_state(Screen::HighScores)),
        );
}

/// Which pack's table is shown, by position in [`packs_with_names`].
#[derive(Resource, Debug, Default)]
struct ShownPack(usize);

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
enum HighScoresAction {
    Switch,
    Back,
}

#[derive(Component)]
struct TableArea;

/// Every pack that is in the library or has scores: (file name, title).
fn packs_with_names(library: &PackLibrary, scores: &SavedHighScores) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = library
        .entries
        .iter()
        .filter_map(|e| {
            e.status
                .as_ref()
                .ok()
                .map(|s| (e.file_name.clone(), s.title.clone()))
        })
        .collect();
    for file in scores.0.packs.keys() {
        if !out.iter().any(|(f, _)| f == file) {
            out.push((file.clone(), file.clone()));
        }
    }
    out
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, notices: Res<Notices>) {
    MenuScreen::new(Screen::HighScores, "High scores screen", "High scores")
        .hint("←→ switch pack · Esc back")
        .spawn(&mut commands, &fonts, |root| {
            for notice in &notices.0 {
                root.spawn(widgets::text(
                    format!("⚠ {notice}"),
                    &fonts.regular,
                    18.0,
                    palette::WARNING,
                ));
            }
            root.spawn((
                TableArea,
                Node {
                    width: px(1080),
                    flex_direction: FlexDirection::Column,
                    row_gap: px(6),
                    ..default()
                },
            ));
            root.spawn(Node {
                column_gap: px(16),
                ..default()
            })
            .with_children(|row| {
                row.spawn((
                    widgets::button("◀ Pack ▶", &fonts.bold, 0, HighScoresAction::Switch),
                    Adjustable,
                ));
                row.spawn(widgets::button(
                    "Back",
                    &fonts.bold,
                    1,
                    HighScoresAction::Back,
                ));
            });
        });
}

fn refresh(
    mut commands: Commands,
    fonts: Res<Fonts>,
    shown: Res<ShownPack>,
    library: Res<PackLibrary>,
    scores: Res<SavedHighScores>,
    areas: Query<Entity, With<TableArea>>,
    added: Query<(), Added<TableArea>>,
) {
    if !shown.is_changed() && !scores.is_changed() && added.is_empty() {
        return;
    }
    let packs = packs_with_names(&library, &scores);
    for area in &areas {
        commands.entity(area).despawn_related::<Children>();
        let Some((file, title)) = packs.get(shown.0 % packs.len().max(1)) else {
            commands.entity(area).with_child(widgets::text(
                "No packs yet.",
                &fonts.regular,
                26.0,
                palette::TEXT_MUTED,
            ));
            continue;
        };
        commands.entity(area).with_children(|table| {
            table.spawn(widgets::text(
                format!("{title}  ({}/{})", shown.0 % packs.len() + 1, packs.len()),
                &fonts.bold,
                30.0,
                palette::TEXT,
            ));
            let rows = scores.0.table(file);
            if rows.is_empty() {
                table.spawn(widgets::text(
                    "No scores yet: play a round to be the first.",
                    &fonts.regular,
                    24.0,
                    palette::TEXT_MUTED,
                ));
            }
            for (i, entry) in rows.iter().enumerate() {
                table.spawn(widgets::score_row(i, entry, &fonts));
            }
        });
    }
}

fn switch(
    mut adjusts: MessageReader<Adjust>,
    library: Res<PackLibrary>,
    scores: Res<SavedHighScores>,
    mut shown: ResMut<ShownPack>,
) {
    let count = packs_with_names(&library, &scores).len().max(1);
    for adjust in adjusts.read() {
        shown.0 = stepper::stepped(shown.0, count, adjust.step);
    }
}

fn act(
    mut activated: MessageReader<Activate>,
    actions: Query<&HighScoresAction>,
    library: Res<PackLibrary>,
    scores: Res<SavedHighScores>,
    mut shown: ResMut<ShownPack>,
    mut next: ResMut<NextState<Screen>>,
) {
    let count = packs_with_names(&library, &scores).len().max(1);
    for Activate(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(HighScoresAction::Switch) => shown.0 = stepper::stepped(shown.0, count, 1),
            Ok(HighScoresAction::Back) => next.set(Screen::Title),
            Err(_) => {}
        }
    }
}
