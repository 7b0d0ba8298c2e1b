//! A series between evenings: the night stopped at a round's end ("Stop for tonight" on
//! a round's scoreboard) and waits for its next evening, kept in its journal.
//!
//! The screen shows the standings so far and plans the next evening: its rounds (a
//! preset), and how far everyone has watched by then (only questions safe for those
//! chapters are asked; none asked on an earlier evening is asked again). **Start evening
//! N** goes on at once; **Title** leaves it for another day: the title's **Continue the
//! series** brings it back here, with the same seats (phones find theirs again).

use bevy::prelude::*;

use crate::core::game::{Format, Game};
use crate::core::plan::{self, Preset};
use crate::game::clock::Now;
use crate::game::menu::{Activate, Adjust, Adjustable, Back, MenuButton};
use crate::game::messages::{EveningPlanned, RoundSystems};
use crate::game::packs::{PackAsset, PackLibrary};
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::stepper::stepped;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Intermission), (choose, spawn).chain())
        .add_systems(
            Update,
            ((act, adjust, back).in_set(RoundSystems::Commands), label)
                .chain()
                .run_if(in_state(Screen::Intermission).and_then(resource_exists::<Session>)),
        );
}

/// The next evening's plan as the host sets it.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct EveningChoices {
    /// Index into [`Preset::ALL`].
    pub preset: usize,
    /// As the lobby's Watched row: 0 the whole pack, 1 nothing yet, `k + 1` up to the
    /// pack's `k`th chapter.
    pub watched: usize,
    /// The chapters of the night's pack.
    pub chapters: Vec<String>,
    pub message: Option<String>,
}

/// A row of the planner.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum EveningRow {
    Preset,
    Watched,
    Start,
    Title,
}

#[derive(Component)]
struct RowText(EveningRow);

#[derive(Component)]
struct Message;

/// The evenings played so far.
fn evenings(game: &Game) -> u32 {
    game.rounds().iter().map(|r| r.evening).max().unwrap_or(1)
}

/// The next evening's defaults: the night's first preset shape, one more chapter watched
/// for each evening played (a four-part series over four evenings).
fn choose(
    session: Res<Session>,
    library: Res<PackLibrary>,
    packs: Res<Assets<PackAsset>>,
    mut commands: Commands,
) {
    let chapters = night_pack(&session, &library, &packs)
        .map(|p| p.chapters.clone())
        .unwrap_or_default();
    let first = session.settings.watched;
    let played = evenings(&session.game) as usize;
    commands.insert_resource(EveningChoices {
        preset: 1,
        watched: first.map_or(0, |w| (w + 1 + played).min(chapters.len() + 1)),
        chapters,
        message: None,
    });
}

/// The night's pack, found again by its file name (if it is there and has no errors).
fn night_pack<'a>(
    session: &Session,
    library: &PackLibrary,
    packs: &'a Assets<PackAsset>,
) -> Option<&'a crate::core::Pack> {
    let file = &session.header.pack_file;
    library
        .playable()
        .find(|e| &e.file_name == file)
        .and_then(|e| packs.get(&e.handle))
        .and_then(PackAsset::pack)
}

fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    session: Res<Session>,
    choices: Res<EveningChoices>,
) {
    let game = &session.game;
    let played = evenings(game);
    let standings: Vec<String> = game
        .standings()
        .iter()
        .take(8)
        .enumerate()
        .filter_map(|(i, s)| {
            let p = game.player(*s)?;
            Some(format!("{}. {} — {}", i + 1, p.seat.name, p.stats.score))
        })
        .collect();
    commands
        .spawn((
            widgets::round_root("Intermission screen", JustifyContent::FlexStart, 12.0),
            DespawnOnExit(Screen::Intermission),
        ))
        .with_children(|root| {
            root.spawn(widgets::text(
                format!("Evening {played} is over"),
                &fonts.bold,
                48.0,
                palette::ACCENT,
            ));
            root.spawn(widgets::text(
                format!(
                    "{} · the series is saved: go on now, or another evening from the title (Continue the series)",
                    session.pack_title
                ),
                &fonts.regular,
                20.0,
                palette::TEXT_MUTED,
            ));
            root.spawn(widgets::text(
                standings.join("   ·   "),
                &fonts.bold,
                24.0,
                palette::TEXT,
            ));
            root.spawn(widgets::text(
                format!("Evening {}", played + 1),
                &fonts.bold,
                30.0,
                palette::TEXT,
            ));
            root.spawn(Node {
                width: px(760),
                max_width: percent(100),
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                ..default()
            })
            .with_children(|list| {
                for (order, row) in [
                    EveningRow::Preset,
                    EveningRow::Watched,
                    EveningRow::Start,
                    EveningRow::Title,
                ]
                .into_iter()
                .enumerate()
                {
                    list.spawn((
                        Button,
                        MenuButton { order, group: 0 },
                        Adjustable,
                        row,
                        widgets::list_row(40.0, UiRect::axes(px(14), px(2))),
                        children![(
                            widgets::text(
                                row_label(row, &choices, played),
                                &fonts.bold,
                                22.0,
                                palette::TEXT
                            ),
                            RowText(row)
                        )],
                    ));
                }
            });
            root.spawn((
                widgets::text("", &fonts.regular, 20.0, palette::WARNING),
                Message,
            ));
            root.spawn(widgets::hint(
                "↑↓ choose · ←→ change · Enter select · Esc title (the series stays saved)",
                &fonts.regular,
            ));
        });
}

fn row_label(row: EveningRow, choices: &EveningChoices, played: u32) -> String {
    match row {
        EveningRow::Preset => format!("Rounds:  ‹ {} ›", Preset::ALL[choices.preset].label()),
        EveningRow::Watched => {
            let chapters = &choices.chapters;
            if chapters.is_empty() {
                return "Watched up to:  ‹ the whole pack (no chapters) ›".to_string();
            }
            match choices.watched {
                0 => "Watched up to:  ‹ the whole pack ›".to_string(),
                1 => "Watched up to:  ‹ nothing yet ›".to_string(),
                n => format!(
                    "Watched up to:  ‹ {} ›",
                    chapters[(n - 2).min(chapters.len() - 1)]
                ),
            }
        }
        EveningRow::Start => format!("▶  Start evening {}", played + 1),
        EveningRow::Title => "Title (continue another evening)".to_string(),
    }
}

fn label(
    choices: Res<EveningChoices>,
    session: Res<Session>,
    mut texts: Query<(&RowText, &mut Text)>,
    mut messages: Query<&mut Text, (With<Message>, Without<RowText>)>,
) {
    if !choices.is_changed() {
        return;
    }
    let played = evenings(&session.game);
    for (row, mut text) in &mut texts {
        let wanted = row_label(row.0, &choices, played);
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
    for mut text in &mut messages {
        let wanted = choices.message.clone().unwrap_or_default();
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
}

fn adjust(
    mut adjusts: MessageReader<Adjust>,
    rows: Query<&EveningRow>,
    mut choices: ResMut<EveningChoices>,
) {
    for adjust in adjusts.read() {
        match rows.get(adjust.entity) {
            Ok(EveningRow::Preset) => {
                choices.preset = stepped(choices.preset, Preset::ALL.len(), adjust.step)
            }
            Ok(EveningRow::Watched) => {
                let chapters = choices.chapters.len();
                if chapters > 0 {
                    choices.watched =
                        stepped(choices.watched.min(chapters + 1), chapters + 2, adjust.step);
                }
            }
            _ => {}
        }
    }
}

fn back(mut backs: MessageReader<Back>, mut next: ResMut<NextState<Screen>>) {
    if backs.read().count() > 0 {
        next.set(Screen::Title);
    }
}

#[allow(clippy::too_many_arguments)]
fn act(
    mut activated: MessageReader<Activate>,
    rows: Query<&EveningRow>,
    session: Res<Session>,
    library: Res<PackLibrary>,
    packs: Res<Assets<PackAsset>>,
    mut choices: ResMut<EveningChoices>,
    now: Now,
    mut out: MessageWriter<EveningPlanned>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        match rows.get(*entity) {
            Ok(EveningRow::Start) => match next_evening(&session, &library, &packs, &choices) {
                Ok(evening) => {
                    choices.message = None;
                    out.write(EveningPlanned {
                        evening: Box::new(evening),
                        at: now.now(),
                    });
                }
                Err(why) => choices.message = Some(why),
            },
            Ok(EveningRow::Title) => next.set(Screen::Title),
            Ok(row @ (EveningRow::Preset | EveningRow::Watched)) => {
                let row = *row;
                let chapters = choices.chapters.len();
                match row {
                    EveningRow::Preset => {
                        choices.preset = stepped(choices.preset, Preset::ALL.len(), 1)
                    }
                    _ if chapters > 0 => {
                        choices.watched =
                            stepped(choices.watched.min(chapters + 1), chapters + 2, 1)
                    }
                    _ => {}
                }
            }
            Err(_) => {}
        }
    }
}

/// The next evening's rounds and questions from the night's pack (found again by its
/// file name): none asked before, only those safe for the chapters watched.
fn next_evening(
    session: &Session,
    library: &PackLibrary,
    packs: &Assets<PackAsset>,
    choices: &EveningChoices,
) -> Result<crate::core::game::Evening, String> {
    let file = &session.header.pack_file;
    let pack = night_pack(session, library, packs).ok_or_else(|| {
            format!("The pack {file} is not in your packs folder (or has errors): the series goes on when it is back.")
        })?;
    let game = &session.game;
    let asked = game.questions().iter().map(|q| q.id.clone()).collect();
    let evening = u64::from(evenings(game) + 1);
    let seed = session.header.seed ^ evening.wrapping_mul(0x9E37_79B9_7F4A_7C15);
    let watched = match choices.watched {
        0 => None,
        n => Some((n - 1).min(pack.chapters.len())),
    };
    let format = game
        .rounds()
        .first()
        .map_or(Format::EveryoneAnswers, |r| r.format);
    let rounds = Preset::ALL[choices.preset].rounds(format);
    plan::pick(pack, &rounds, seed, watched, &asked).map_err(|e| {
        format!("Cannot plan that evening: {e}. Try fewer rounds or more chapters watched.")
    })
}
