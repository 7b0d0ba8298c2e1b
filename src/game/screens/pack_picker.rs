//! The pack picker: every pack found in `quizzes/` and in the player's own packs folder.
//! Broken packs are listed with their first error and cannot be started.

use bevy::prelude::*;

use crate::game::menu::{Activate, MenuButton};
use crate::game::packs::{PackAsset, PackEntry, PackLibrary};
use crate::game::persist::DataDir;
use crate::game::session::ChosenPack;
use crate::game::states::Screen;
use crate::game::theme::menu_screen::{MenuScreen, back_to};
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::PackPicker), spawn)
        .add_systems(
            Update,
            (
                rebuild_list.run_if(resource_changed::<PackLibrary>),
                choose,
                back_to(Screen::Title),
            )
                .run_if(in_state(Screen::PackPicker)),
        );
}

/// A playable pack's button.
#[derive(Component, Debug, Clone)]
pub struct PackChoice(pub Handle<PackAsset>);

/// The container the list is rebuilt in when packs change on disk.
#[derive(Component)]
struct PackList;

fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    library: Res<PackLibrary>,
    data: Option<Res<DataDir>>,
) {
    let folder = data.map_or_else(String::new, |d| {
        format!("Your own packs go in {}", d.packs_dir().display())
    });
    let mut list = None;
    MenuScreen::new(Screen::PackPicker, "Pack picker", "Choose a pack")
        .title_size(48.0)
        .hint("↑↓ choose · Enter play · Esc back")
        .spawn(&mut commands, &fonts, |root| {
            root.spawn(widgets::text(
                folder,
                &fonts.regular,
                18.0,
                palette::TEXT_MUTED,
            ));
            list = Some(
                root.spawn((
                    PackList,
                    Node {
                        flex_direction: FlexDirection::Column,
                        row_gap: px(10),
                        width: px(980),
                        max_height: px(470),
                        overflow: Overflow::scroll_y(),
                        align_items: AlignItems::Stretch,
                        ..default()
                    },
                    crate::game::menu::Scrollable,
                ))
                .id(),
            );
        });
    if let Some(list) = list {
        fill_list(&mut commands, list, &fonts, &library);
    }
}

fn fill_list(commands: &mut Commands, list: Entity, fonts: &Fonts, library: &PackLibrary) {
    commands.entity(list).despawn_related::<Children>();
    if library.entries.is_empty() {
        commands.entity(list).with_child(widgets::text(
            "No packs found. Put .ron packs in quizzes/ or your packs folder.",
            &fonts.regular,
            24.0,
            palette::WARNING,
        ));
        return;
    }
    let mut order = 0;
    for entry in &library.entries {
        let row = pack_row(entry, fonts);
        let mut spawned = commands.spawn(row);
        if entry.status.is_ok() {
            spawned.insert((
                Button,
                MenuButton { order, group: 0 },
                PackChoice(entry.handle.clone()),
            ));
            order += 1;
        }
        let id = spawned.id();
        commands.entity(list).add_child(id);
    }
}

/// One pack as a card: title, counts and categories; or the file and its first error.
fn pack_row(entry: &PackEntry, fonts: &Fonts) -> impl Bundle {
    let (title, detail, detail_color, border) = match &entry.status {
        Ok(s) => (
            s.title.clone(),
            format!(
                "{} questions · {}\n{}",
                s.question_count,
                s.categories.join(" · "),
                entry.display_path
            ),
            palette::TEXT_MUTED,
            palette::PANEL,
        ),
        Err(error) => (
            format!("⚠ Broken: {}", entry.file_name),
            format!("{error}\nFix it and save: the list updates by itself."),
            palette::WARNING,
            palette::WRONG,
        ),
    };
    (
        Node {
            flex_direction: FlexDirection::Column,
            padding: UiRect::axes(px(22), px(12)),
            row_gap: px(4),
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(12)),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(border),
        children![
            widgets::text(title, &fonts.bold, 28.0, palette::TEXT),
            widgets::text(detail, &fonts.regular, 18.0, detail_color),
        ],
    )
}

fn rebuild_list(
    mut commands: Commands,
    fonts: Res<Fonts>,
    library: Res<PackLibrary>,
    lists: Query<Entity, With<PackList>>,
) {
    for list in &lists {
        fill_list(&mut commands, list, &fonts, &library);
    }
}

fn choose(
    mut activated: MessageReader<Activate>,
    choices: Query<&PackChoice>,
    packs: Res<Assets<PackAsset>>,
    mut commands: Commands,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        let Ok(choice) = choices.get(*entity) else {
            continue;
        };
        if let Some(asset) = packs.get(&choice.0)
            && let Some(pack) = asset.pack()
        {
            commands.insert_resource(ChosenPack {
                file_name: asset.file_name.clone(),
                pack: pack.clone(),
            });
            next.set(Screen::Setup);
        }
    }
}
