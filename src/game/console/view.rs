//! The host console's UI: it draws the [`ConsoleView`] of [`super::model`], rebuilt only
//! when the view changes (the countdown and the clip's position are updated in place), and
//! only by the console's own camera, as it holds what the room must not see yet.
//!
//! A question's picture and clip are drawn by [`super::media`].
//!
//! Every button is a [`ConsoleAction`] that does exactly what the host's key does (see
//! `super::press`).

use bevy::prelude::*;

use super::media::{clip_line, media_row, wake_for_clip};
use super::model::{self, ConsoleView, RoomView};
use super::{Console, FONT_BODY, FONT_SMALL};
use crate::game::clock::Now;
use crate::game::host::{ADJUST_STEP, HostUi};
use crate::game::media::{MediaCache, clip::ClipPlayer};
use crate::game::screens::lobby::Lobby;
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::seat_chip::{self, ChipSize};
use crate::game::theme::{Fonts, palette, widgets};
use crate::phones::Phones;

pub use super::media::{CLIP_FRAME, ConsoleClip, ConsoleClipNotice};
pub use super::model::{ConsoleAction, Enabled};

pub(super) fn plugin(app: &mut App) {
    app.init_resource::<Shown>().add_systems(
        PostUpdate,
        (rebuild, clock, clip_position, wake_for_clip, paint).chain(),
    );
}

/// The root of the console's UI.
#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleRoot;

/// The console's clock line (time left), updated in place.
#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleClock;

/// The view on screen now, and the console root it was built into.
#[derive(Resource, Debug, Default)]
struct Shown(Option<(Entity, ConsoleView)>);

const FONT_TITLE: f32 = 24.0;

fn section(title: &str, fonts: &Fonts) -> impl Bundle {
    widgets::text(
        title.to_uppercase(),
        &fonts.bold,
        FONT_SMALL,
        palette::ACCENT,
    )
}

fn console_button(
    action: ConsoleAction,
    label: impl Into<String>,
    enabled: bool,
    size: f32,
    fonts: &Fonts,
) -> impl Bundle {
    let colour = if enabled {
        palette::TEXT
    } else {
        palette::TEXT_MUTED
    };
    (
        Button,
        action,
        Enabled(enabled),
        Node {
            padding: UiRect::axes(px(12), px(6)),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(8)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(if enabled {
            palette::PANEL_RAISED
        } else {
            palette::PANEL
        }),
        BorderColor::all(if enabled {
            palette::PANEL_RAISED
        } else {
            palette::PANEL
        }),
        children![widgets::text(label, &fonts.bold, size, colour)],
    )
}

/// The console's UI for `view`, drawn by `camera`: the title bar, the host's buttons,
/// the last thing said, the question and players columns, and the footer.
fn spawn_view(
    commands: &mut Commands,
    view: &ConsoleView,
    lines: Lines,
    camera: Entity,
    cache: &MediaCache,
    fonts: &Fonts,
) -> Entity {
    commands
        .spawn((
            Name::new("Host console"),
            ConsoleRoot,
            UiTargetCamera(camera),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(px(14)),
                row_gap: px(10),
                ..default()
            },
            BackgroundColor(palette::BACKGROUND),
        ))
        .with_children(|root| {
            title_bar(root, view, lines.clock, fonts);
            button_bar(root, view, fonts);
            // What the host just did, or else what undo would take back: one line, so
            // the layout below never jumps.
            let (line, colour) = match (&view.said, &view.undo) {
                (Some(said), _) => (said.clone(), palette::WARNING),
                (None, Some(undo)) => (format!("F5 undoes: {undo}"), palette::TEXT_MUTED),
                (None, None) => (" ".to_string(), palette::TEXT_MUTED),
            };
            root.spawn(widgets::text(line, &fonts.regular, FONT_SMALL, colour));
            columns(root, view, lines.clip, cache, fonts);
            // The party's settings and the join address.
            for line in view.join.iter().chain(view.settings.iter()) {
                root.spawn(widgets::text(
                    line.clone(),
                    &fonts.regular,
                    FONT_SMALL,
                    palette::TEXT_MUTED,
                ));
            }
            root.spawn(widgets::text(
                "Only you see this window. F7 closes it; the game goes on. Keys work in either window.",
                &fonts.regular,
                FONT_SMALL,
                palette::TEXT_MUTED,
            ));
        })
        .id()
}

/// The lines updated in place, as they are when the console is built.
struct Lines {
    clock: String,
    /// The clip's line, for a question with a clip.
    clip: String,
}

/// Where the game is, its status, and the clock.
fn title_bar(root: &mut ChildSpawnerCommands, view: &ConsoleView, clock: String, fonts: &Fonts) {
    root.spawn(Node {
        width: percent(100),
        justify_content: JustifyContent::SpaceBetween,
        align_items: AlignItems::Center,
        column_gap: px(12),
        ..default()
    })
    .with_children(|bar| {
        bar.spawn(widgets::text(
            format!("HOST CONSOLE  ·  {}", view.title),
            &fonts.bold,
            FONT_TITLE,
            palette::ACCENT,
        ));
        bar.spawn(Node {
            column_gap: px(16),
            align_items: AlignItems::Center,
            ..default()
        })
        .with_children(|right| {
            right.spawn(widgets::text(
                view.status.clone(),
                &fonts.bold,
                FONT_BODY,
                palette::TEXT,
            ));
            right.spawn((
                ConsoleClock,
                widgets::text(clock, &fonts.bold, FONT_TITLE, palette::TEXT),
            ));
        });
    });
}

/// The host's buttons, wrapping.
fn button_bar(root: &mut ChildSpawnerCommands, view: &ConsoleView, fonts: &Fonts) {
    root.spawn(Node {
        width: percent(100),
        flex_wrap: FlexWrap::Wrap,
        column_gap: px(8),
        row_gap: px(6),
        align_items: AlignItems::Center,
        ..default()
    })
    .with_children(|bar| {
        for (action, label, enabled) in &view.buttons {
            bar.spawn(console_button(
                *action,
                label.clone(),
                *enabled,
                FONT_BODY,
                fonts,
            ));
        }
    });
}

/// Two columns: the question (left) and the players (right, scrolling).
fn columns(
    root: &mut ChildSpawnerCommands,
    view: &ConsoleView,
    clip: String,
    cache: &MediaCache,
    fonts: &Fonts,
) {
    root.spawn(Node {
        width: percent(100),
        flex_grow: 1.0,
        min_height: px(0),
        column_gap: px(14),
        ..default()
    })
    .with_children(|columns| {
        columns
            .spawn(Node {
                width: percent(56),
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                padding: UiRect::all(px(12)),
                border_radius: BorderRadius::all(px(12)),
                overflow: Overflow::clip(),
                ..default()
            })
            .insert(BackgroundColor(palette::PANEL))
            .with_children(|left| question_column(left, view, clip, cache, fonts));
        columns
            .spawn(Node {
                flex_grow: 1.0,
                flex_basis: px(0),
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                padding: UiRect::all(px(12)),
                border_radius: BorderRadius::all(px(12)),
                overflow: Overflow::scroll_y(),
                ..default()
            })
            .insert((
                BackgroundColor(palette::PANEL),
                ScrollPosition::default(),
                crate::game::menu::Scrollable,
            ))
            .with_children(|right| seats_column(right, view, fonts));
    });
}

fn question_column(
    left: &mut ChildSpawnerCommands,
    view: &ConsoleView,
    clip: String,
    cache: &MediaCache,
    fonts: &Fonts,
) {
    let Some(q) = &view.question else {
        left.spawn(section("Question", fonts));
        left.spawn(widgets::text(
            "No question open.",
            &fonts.regular,
            FONT_BODY,
            palette::TEXT_MUTED,
        ));
        return;
    };
    left.spawn(section("Now", fonts));
    left.spawn(widgets::text(
        q.prompt.clone(),
        &fonts.bold,
        20.0,
        palette::TEXT,
    ));
    if let Some(media) = &q.media {
        media_row(left, media, clip, cache, fonts);
    }
    for (badge, text, correct) in &q.options {
        let (mark, colour) = if *correct {
            ("✔ ANSWER", palette::RIGHT)
        } else {
            ("", palette::TEXT_MUTED)
        };
        left.spawn(Node {
            column_gap: px(10),
            align_items: AlignItems::Center,
            ..default()
        })
        .with_children(|row| {
            row.spawn(widgets::text(badge.clone(), &fonts.bold, FONT_BODY, colour));
            row.spawn(widgets::text(
                text.clone(),
                if *correct {
                    &fonts.bold
                } else {
                    &fonts.regular
                },
                FONT_BODY,
                if *correct {
                    palette::TEXT
                } else {
                    palette::TEXT_MUTED
                },
            ));
            if *correct {
                row.spawn(widgets::text(mark, &fonts.bold, FONT_SMALL, colour));
            }
        });
    }
    left.spawn(widgets::text(
        format!("Why: {}", q.explanation),
        &fonts.regular,
        FONT_SMALL,
        palette::TEXT,
    ));
    if let Some(next) = &view.next {
        left.spawn(Node {
            margin: UiRect::top(px(6)),
            ..default()
        })
        .with_child(section("Next question", fonts));
        left.spawn(widgets::text(
            next.clone(),
            &fonts.regular,
            FONT_SMALL,
            palette::TEXT_MUTED,
        ));
    }
}

fn seats_column(right: &mut ChildSpawnerCommands, view: &ConsoleView, fonts: &Fonts) {
    right.spawn(section(&format!("Players ({})", view.seats.len()), fonts));
    if view.seats.is_empty() {
        right.spawn(widgets::text(
            "Nobody yet.",
            &fonts.regular,
            FONT_BODY,
            palette::TEXT_MUTED,
        ));
    }
    for seat in &view.seats {
        right
            .spawn(seat_chip::frame(seat.colour, ChipSize::Normal))
            .insert(Node {
                width: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Stretch,
                row_gap: px(2),
                padding: UiRect::axes(px(10), px(4)),
                border: UiRect::left(px(6)),
                border_radius: BorderRadius::all(px(8)),
                flex_shrink: 0.0,
                ..default()
            })
            .with_children(|card| {
                card.spawn(Node {
                    justify_content: JustifyContent::SpaceBetween,
                    column_gap: px(8),
                    ..default()
                })
                .with_children(|line| {
                    line.spawn(widgets::text(
                        seat.name.clone(),
                        &fonts.bold,
                        FONT_BODY,
                        palette::TEXT,
                    ));
                    line.spawn(widgets::text(
                        seat.score.map_or(String::new(), |s| format!("{s} pts")),
                        &fonts.bold,
                        FONT_BODY,
                        palette::ACCENT,
                    ));
                });
                card.spawn(Node {
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::Center,
                    column_gap: px(6),
                    ..default()
                })
                .with_children(|line| {
                    line.spawn(widgets::text(
                        format!("{} · {}", seat.state, seat.detail),
                        &fonts.regular,
                        FONT_SMALL,
                        palette::TEXT_MUTED,
                    ));
                    line.spawn(Node {
                        column_gap: px(4),
                        flex_shrink: 0.0,
                        ..default()
                    })
                    .with_children(|buttons| {
                        if seat.score.is_some() {
                            for (step, label) in [
                                (-1, format!("−{ADJUST_STEP}")),
                                (1, format!("+{ADJUST_STEP}")),
                            ] {
                                buttons.spawn(console_button(
                                    ConsoleAction::Adjust(seat.id, step),
                                    label,
                                    seat.adjustable,
                                    FONT_SMALL,
                                    fonts,
                                ));
                            }
                        }
                        buttons.spawn(console_button(
                            ConsoleAction::Remove(seat.id),
                            "Remove",
                            seat.adjustable,
                            FONT_SMALL,
                            fonts,
                        ));
                    });
                });
            });
    }
}

/// Rebuilds the console when what it shows has changed.
#[allow(clippy::too_many_arguments)]
fn rebuild(
    console: Res<Console>,
    state: Res<State<Screen>>,
    session: Option<Res<Session>>,
    lobby: Option<Res<Lobby>>,
    phones: Res<Phones>,
    ui: Res<HostUi>,
    fonts: Res<Fonts>,
    cache: Res<MediaCache>,
    player: Res<ClipPlayer>,
    now: Now,
    roots: Query<Entity, With<ConsoleRoot>>,
    mut shown: ResMut<Shown>,
    mut commands: Commands,
) {
    let Some(camera) = console.camera else {
        for root in &roots {
            commands.entity(root).despawn();
        }
        shown.0 = None;
        return;
    };
    let view = model::build(
        *state.get(),
        session.as_deref(),
        lobby.as_deref(),
        &RoomView::of(&phones),
        ui.said.as_deref(),
        player.notice(),
        now.now(),
    );
    if let Some((root, old)) = &shown.0
        && *old == view
        && roots.contains(*root)
    {
        return;
    }
    for root in &roots {
        commands.entity(root).despawn();
    }
    let lines = Lines {
        clock: model::clock_line(session.as_deref(), *state.get(), now.now()),
        clip: clip_text(&view, &player).unwrap_or_default(),
    };
    let root = spawn_view(&mut commands, &view, lines, camera, &cache, &fonts);
    shown.0 = Some((root, view));
}

fn clock(
    state: Res<State<Screen>>,
    session: Option<Res<Session>>,
    now: Now,
    mut texts: Query<&mut Text, With<ConsoleClock>>,
) {
    if texts.is_empty() {
        return;
    }
    let wanted = model::clock_line(session.as_deref(), *state.get(), now.now());
    for mut text in &mut texts {
        if text.0 != wanted {
            text.0.clone_from(&wanted);
        }
    }
}

/// The clip's line of `view`, if its question has a clip.
fn clip_text(view: &ConsoleView, player: &ClipPlayer) -> Option<String> {
    let clip = view.question.as_ref()?.media.as_ref()?.clip.as_ref()?;
    Some(clip_line(clip, player.position()))
}

/// The clip's line follows the clip (only its text changes: nothing is rebuilt).
fn clip_position(
    shown: Res<Shown>,
    player: Res<ClipPlayer>,
    mut texts: Query<&mut Text, With<ConsoleClip>>,
) {
    if texts.is_empty() {
        return;
    }
    let Some(wanted) = shown
        .0
        .as_ref()
        .and_then(|(_, view)| clip_text(view, &player))
    else {
        return;
    };
    for mut text in &mut texts {
        if text.0 != wanted {
            text.0.clone_from(&wanted);
        }
    }
}

/// Hover and press colours of the console's buttons (the console has no keyboard focus:
/// its keys are the host's shortcuts, printed on the buttons).
fn paint(
    mut buttons: Query<
        (&Interaction, &Enabled, &mut BorderColor),
        (With<ConsoleAction>, Changed<Interaction>),
    >,
) {
    for (interaction, enabled, mut border) in &mut buttons {
        let edge = match (interaction, enabled.0) {
            (_, false) => palette::PANEL,
            (Interaction::Pressed, true) => palette::TEXT,
            (Interaction::Hovered, true) => palette::ACCENT,
            (Interaction::None, true) => palette::PANEL_RAISED,
        };
        *border = BorderColor::all(edge);
    }
}
