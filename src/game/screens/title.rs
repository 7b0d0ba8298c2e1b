//! The title screen: the game's name, the default pack, notices, and the main menu.

use bevy::app::AppExit;
use bevy::prelude::*;

use crate::core::scoring::RULE_TEXT;
use crate::game::menu::{Activate, Adjust, Adjustable, Back};
use crate::game::night::{ResumeOffer, SeriesOffers, SessionRequest};
use crate::game::packs::PackLibrary;
use crate::game::persist::{Notices, SavedPartyHistory};
use crate::game::states::Screen;
use crate::game::theme::menu_screen::{MenuScreen, menu_buttons};
use crate::game::theme::{Fonts, palette, widgets};
use crate::shipped;

pub fn plugin(app: &mut App) {
    // After the night just left is offered to resume.
    app.init_resource::<SeriesPick>()
        .add_systems(
            OnEnter(Screen::Title),
            spawn.after(crate::game::night::offer_quit_night),
        )
        .add_systems(
            Update,
            (
                refresh_status.run_if(resource_changed::<PackLibrary>),
                act,
                back,
                pick_series,
                show_offer.run_if(resource_changed::<ResumeOffer>),
            )
                .run_if(in_state(Screen::Title)),
        );
}

/// A night to resume found after the title was drawn (start-up reads the journals after
/// the first screen opens): the title is drawn again with it.
fn show_offer(
    offer: Res<ResumeOffer>,
    shown: Query<(), With<ResumeSummary>>,
    mut next: ResMut<NextState<Screen>>,
) {
    if offer.0.is_some() == shown.is_empty() {
        next.set(Screen::Title);
    }
}

/// What a title-screen button does.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum TitleAction {
    /// Go on with the night a crash interrupted (see [`crate::game::night`]).
    Resume,
    /// Go on with a series stopped for the night (←→ choose which, if several).
    ContinueSeries,
    Play,
    Party,
    HighScores,
    Settings,
    Quit,
}

/// The pack line and the warnings under it, rebuilt when the packs change on disk.
#[derive(Component)]
struct PackStatus;

/// The line about tonight's pack (and the last party's winner), and the warnings
/// (unreadable saves, broken packs).
fn status_lines(
    library: &PackLibrary,
    notices: &Notices,
    history: &SavedPartyHistory,
) -> (String, Vec<String>) {
    let pack_line = match library.default_pack().map(|e| &e.status) {
        Some(Ok(summary)) => format!(
            "Tonight's pack: {} · {} questions · {} categories",
            summary.title,
            summary.question_count,
            summary.categories.len()
        ),
        _ => match library.playable().count() {
            0 => "No playable pack found: add one to quizzes/".to_string(),
            n => format!("{n} packs ready"),
        },
    };
    let pack_line = match history.0.last_winner() {
        Some((winner, pack)) => format!("{pack_line}\nLast party: {winner} won · {pack}"),
        None => pack_line,
    };
    let broken = library.entries.iter().filter(|e| e.status.is_err()).count();
    let mut warnings: Vec<String> = notices.0.iter().map(|n| format!("⚠ {n}")).collect();
    if broken > 0 {
        warnings.push(format!(
            "⚠ {broken} pack{} cannot be played: see the pack list",
            if broken == 1 { "" } else { "s" }
        ));
    }
    (pack_line, warnings)
}

fn fill_status(
    commands: &mut Commands,
    status: Entity,
    fonts: &Fonts,
    library: &PackLibrary,
    notices: &Notices,
    history: &SavedPartyHistory,
) {
    let (pack_line, warnings) = status_lines(library, notices, history);
    commands
        .entity(status)
        .despawn_related::<Children>()
        .with_children(|status| {
            status.spawn(widgets::text(
                pack_line,
                &fonts.regular,
                26.0,
                palette::TEXT,
            ));
            for warning in warnings {
                status.spawn((
                    widgets::text(warning, &fonts.regular, 20.0, palette::WARNING),
                    Node {
                        max_width: px(1100),
                        ..default()
                    },
                ));
            }
        });
}

fn refresh_status(
    mut commands: Commands,
    fonts: Res<Fonts>,
    library: Res<PackLibrary>,
    notices: Res<Notices>,
    history: Res<SavedPartyHistory>,
    status: Query<Entity, With<PackStatus>>,
) {
    for entity in &status {
        fill_status(&mut commands, entity, &fonts, &library, &notices, &history);
    }
}

pub(crate) fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    library: Res<PackLibrary>,
    notices: Res<Notices>,
    history: Res<SavedPartyHistory>,
    offer: Res<ResumeOffer>,
    series: Res<SeriesOffers>,
    picked: Res<SeriesPick>,
) {
    let mut status = None;
    // A night to resume or a series to continue makes the menu longer: the title shrinks.
    let offers = offer.0.is_some() || !series.0.is_empty();
    MenuScreen::new(Screen::Title, "Title screen", "DEFIANT TRIVIA")
        .title_size(if offers { 64.0 } else { 84.0 })
        .spawn(&mut commands, &fonts, |root| {
            // With a night to resume the menu has one more button: the tagline makes room.
            if offer.0.is_none() && series.0.is_empty() {
                root.spawn(widgets::text(
                    "The watch-party quiz",
                    &fonts.regular,
                    30.0,
                    palette::TEXT_MUTED,
                ));
            }
            status = Some(
                root.spawn((
                    Node {
                        flex_direction: FlexDirection::Column,
                        align_items: AlignItems::Center,
                        row_gap: px(8),
                        ..default()
                    },
                    PackStatus,
                ))
                .id(),
            );
            root.spawn(Node {
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Center,
                row_gap: px(if offers { 8 } else { 12 }),
                margin: UiRect::vertical(px(12)),
                ..default()
            })
            .with_children(|menu| {
                // A night a crash interrupted comes first, focused: Enter resumes it.
                let first = if let Some(offer) = &offer.0 {
                    menu.spawn(widgets::button(
                        "Resume the party",
                        &fonts.bold,
                        0,
                        TitleAction::Resume,
                    ));
                    menu.spawn((summary_line(&offer.summary, &fonts), ResumeSummary));
                    1
                } else {
                    0
                };
                // A series waiting for its next evening: ←→ picks which, if several.
                let first = if let Some(entry) =
                    series.0.get(picked.0.min(series.0.len().saturating_sub(1)))
                {
                    let label = if series.0.len() > 1 {
                        format!(
                            "Continue the series  ‹ {} of {} ›",
                            picked.0.min(series.0.len() - 1) + 1,
                            series.0.len()
                        )
                    } else {
                        "Continue the series".to_string()
                    };
                    menu.spawn((
                        widgets::wide_button(
                            label,
                            &fonts.bold,
                            first,
                            TitleAction::ContinueSeries,
                        ),
                        Adjustable,
                    ));
                    menu.spawn((summary_line(&entry.summary, &fonts), SeriesSummary));
                    first + 1
                } else {
                    first
                };
                menu_buttons(
                    menu,
                    &fonts,
                    first,
                    [
                        ("Play", TitleAction::Play),
                        ("Party", TitleAction::Party),
                        ("High scores", TitleAction::HighScores),
                        ("Settings", TitleAction::Settings),
                        ("Quit", TitleAction::Quit),
                    ],
                );
            });
            root.spawn((
                widgets::text(RULE_TEXT, &fonts.regular, 18.0, palette::TEXT_MUTED),
                TextLayout::justify(Justify::Center),
                Node {
                    max_width: px(1000),
                    ..default()
                },
            ));
            // Which build this is, for a bug report: the version and the commit.
            root.spawn((
                widgets::text(
                    format!("v{} · {}", shipped::VERSION, shipped::COMMIT),
                    &fonts.regular,
                    15.0,
                    palette::TEXT_MUTED,
                ),
                Node {
                    position_type: PositionType::Absolute,
                    left: px(14),
                    bottom: px(10),
                    ..default()
                },
                VersionCorner,
            ));
        });
    if let Some(status) = status {
        fill_status(&mut commands, status, &fonts, &library, &notices, &history);
    }
}

/// The title's corner: the version and the commit it was built from.
#[derive(Component)]
pub struct VersionCorner;

/// The line under Resume the party or Continue the series that says which night it is.
fn summary_line(summary: &str, fonts: &Fonts) -> impl Bundle {
    (
        widgets::text(
            summary.to_string(),
            &fonts.regular,
            20.0,
            palette::TEXT_MUTED,
        ),
        TextLayout::justify(Justify::Center),
        Node {
            max_width: px(1160),
            margin: UiRect::bottom(px(4)),
            ..default()
        },
    )
}

/// The line under Continue the series that says which series it is.
#[derive(Component)]
pub struct SeriesSummary;

/// Which waiting series Continue the series goes on with (←→ on it).
#[derive(Resource, Debug, Default, Clone, Copy)]
pub struct SeriesPick(pub usize);

/// ←→ on Continue the series: the next or previous waiting series (the title is drawn
/// again with it, the focus kept).
fn pick_series(
    mut adjusts: MessageReader<Adjust>,
    actions: Query<&TitleAction>,
    series: Res<SeriesOffers>,
    mut picked: ResMut<SeriesPick>,
    mut next: ResMut<NextState<Screen>>,
) {
    for adjust in adjusts.read() {
        if actions.get(adjust.entity) == Ok(&TitleAction::ContinueSeries) && series.0.len() > 1 {
            picked.0 = crate::game::theme::stepper::stepped(
                picked.0.min(series.0.len() - 1),
                series.0.len(),
                adjust.step,
            );
            next.set(Screen::Title);
        }
    }
}

/// The line under Resume the party that says which night it is.
#[derive(Component)]
pub struct ResumeSummary;

fn act(
    mut activated: MessageReader<Activate>,
    actions: Query<&TitleAction>,
    mut next: ResMut<NextState<Screen>>,
    mut requests: MessageWriter<SessionRequest>,
    mut exit: MessageWriter<AppExit>,
    picked: Res<SeriesPick>,
) {
    for Activate(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(TitleAction::Resume) => {
                requests.write(SessionRequest::Resume);
            }
            Ok(TitleAction::ContinueSeries) => {
                requests.write(SessionRequest::ContinueSeries(picked.0));
            }
            Ok(TitleAction::Play) => next.set(Screen::PackPicker),
            Ok(TitleAction::Party) => next.set(Screen::Lobby),
            Ok(TitleAction::HighScores) => next.set(Screen::HighScores),
            Ok(TitleAction::Settings) => next.set(Screen::Settings),
            Ok(TitleAction::Quit) => {
                exit.write(AppExit::Success);
            }
            Err(_) => {}
        }
    }
}

/// Esc on the title does nothing drastic: it moves the focus to Quit.
fn back(
    mut backs: MessageReader<Back>,
    actions: Query<(Entity, &TitleAction)>,
    mut focus: ResMut<crate::game::menu::Focus>,
) {
    if backs.read().count() > 0 {
        focus.0 = actions
            .iter()
            .find(|(_, a)| **a == TitleAction::Quit)
            .map(|(e, _)| e);
    }
}
