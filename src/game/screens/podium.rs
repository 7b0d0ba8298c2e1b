//! The podium at the end of a party: third, second, then first place revealed a moment
//! apart (teams first in a team game), then everyone else, the awards, and a review of
//! every question for every player. Enter shows everything at once; with reduced motion
//! it all shows at once. The party is saved to the party history as the podium opens.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bevy::prelude::*;

use super::Screen;
use crate::core::awards::awards;
use crate::core::game::{Game, places};
use crate::core::history::PartyRecord;
use crate::core::seat::SeatId;
use crate::game::audio::Sfx;
use crate::game::controller::{Now, RoundSystems};
use crate::game::display::Burst;
use crate::game::menu::{Activate, Back, Scrollable};
use crate::game::persist::{self, DataDir, Notices, SavedPartyHistory, SavedSettings};
use crate::game::session::Session;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Podium),
        (save_history, start, spawn).chain(),
    )
    .add_systems(OnExit(Screen::Podium), stop_burst)
    .add_systems(
        Update,
        (act, reveal.in_set(RoundSystems::View))
            .chain()
            .run_if(in_state(Screen::Podium).and_then(resource_exists::<Session>)),
    );
}

/// Time between the podium's steps: third, second, first, the rest.
pub const STEP: Duration = Duration::from_millis(1200);
/// How many steps the reveal has.
const STEPS: u8 = 4;

/// When the podium opened, and whether the host asked to see everything.
#[derive(Resource, Debug, Clone, Copy)]
pub struct PodiumReveal {
    started: Duration,
    all: bool,
}

impl PodiumReveal {
    /// How many steps are showing at `now` (0 = nothing yet, 4 = everything).
    pub fn shown(&self, now: Duration) -> u8 {
        if self.all {
            return STEPS;
        }
        let steps = now.saturating_sub(self.started).as_millis() / STEP.as_millis();
        (steps as u8 + 1).min(STEPS)
    }
}

/// Part of the podium that appears at `step` (1 = third place ... 4 = the rest).
#[derive(Component, Debug, Clone, Copy)]
struct Step(u8);

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodiumAction {
    ShowAll,
    PlayAgain,
    Title,
}

fn save_history(
    session: Res<Session>,
    data: Option<Res<DataDir>>,
    mut history: ResMut<SavedPartyHistory>,
    mut notices: ResMut<Notices>,
) {
    let when = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    let record = PartyRecord::from_game(&session.game, &session.pack_title, &session.code(), when);
    history.0.record(record);
    persist::save_party_history(data.as_deref(), &history.0, &mut notices);
}

fn start(
    now: Now,
    settings: Res<SavedSettings>,
    mut commands: Commands,
    mut burst: ResMut<Burst>,
    mut sfx: MessageWriter<Sfx>,
) {
    let reduced = settings.0.reduced_motion;
    commands.insert_resource(PodiumReveal {
        started: now.now(),
        all: reduced,
    });
    if !reduced {
        burst.0 = Some(Duration::from_millis(250));
    }
    sfx.write(Sfx::RoundEnd);
}

fn stop_burst(mut burst: ResMut<Burst>) {
    burst.0 = None;
}

/// A podium place: name, score, and a block whose height says the place (1-based; tied
/// scores share a place and its height).
fn place_block(place: usize, name: &str, score: i64, colour: Color, fonts: &Fonts) -> impl Bundle {
    let step = place.clamp(1, 3) - 1;
    let height = [210.0, 160.0, 120.0][step];
    let medal = ["1st", "2nd", "3rd"][step];
    (
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::FlexEnd,
            width: px(300),
            row_gap: px(6),
            ..default()
        },
        children![
            widgets::text(name.to_string(), &fonts.bold, 34.0, palette::TEXT),
            widgets::text(
                format!("{score} points"),
                &fonts.bold,
                26.0,
                palette::ACCENT
            ),
            (
                Node {
                    width: percent(100),
                    height: px(height),
                    justify_content: JustifyContent::Center,
                    padding: UiRect::top(px(12)),
                    border: UiRect::top(px(8)),
                    border_radius: BorderRadius::top(px(14)),
                    ..default()
                },
                BackgroundColor(palette::PANEL_RAISED),
                BorderColor::all(colour),
                children![widgets::text(medal, &fonts.bold, 44.0, palette::TEXT)],
            ),
        ],
    )
}

/// The podium's three places: teams in a team game, else seats; ties share a place.
fn podium_places(game: &Game) -> Vec<(String, i64, Color)> {
    let teams = game.team_standings();
    if !teams.is_empty() {
        return teams
            .iter()
            .take(3)
            .map(|(id, score)| {
                let name = game
                    .teams()
                    .iter()
                    .find(|t| t.id == *id)
                    .map_or(String::new(), |t| t.name.clone());
                (name, *score, palette::ACCENT)
            })
            .collect();
    }
    game.standings()
        .iter()
        .take(3)
        .filter_map(|seat| {
            let p = game.player(*seat)?;
            Some((
                p.seat.name.clone(),
                p.stats.score,
                palette::seat(p.seat.colour),
            ))
        })
        .collect()
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let game = &session.game;
    let podium_scores = podium_places(game);
    let standings = game.standings();
    let prizes = awards(game);
    let name = |seat: &SeatId| {
        game.player(*seat)
            .map_or(String::new(), |p| p.seat.name.clone())
    };
    commands
        .spawn((
            widgets::round_root("Podium screen", JustifyContent::FlexStart, 10.0),
            DespawnOnExit(Screen::Podium),
        ))
        .with_children(|root| {
            root.spawn(widgets::text("Podium", &fonts.bold, 48.0, palette::ACCENT));
            root.spawn(widgets::text(
                format!(
                    "{} · {} · {} questions · round code {}",
                    session.pack_title,
                    game.rules().format.label(),
                    game.questions().len(),
                    session.code()
                ),
                &fonts.regular,
                20.0,
                palette::TEXT_MUTED,
            ));
            // Second, first, third from left to right; revealed third, second, first.
            root.spawn(Node {
                align_items: AlignItems::FlexEnd,
                column_gap: px(16),
                ..default()
            })
            .with_children(|podium| {
                let shared = places(&podium_scores.iter().map(|p| p.1).collect::<Vec<_>>());
                for slot in [1usize, 0, 2] {
                    if let Some((who, score, colour)) = podium_scores.get(slot) {
                        let step = 3 - slot as u8;
                        podium.spawn((
                            Step(step),
                            Visibility::Hidden,
                            place_block(shared[slot], who, *score, *colour, &fonts),
                        ));
                    }
                }
            });
            root.spawn((
                Step(STEPS),
                Visibility::Hidden,
                Scrollable,
                Node {
                    width: percent(100),
                    flex_grow: 1.0,
                    flex_direction: FlexDirection::Column,
                    row_gap: px(8),
                    overflow: Overflow::scroll_y(),
                    ..default()
                },
            ))
            .with_children(|rest| {
                // Everyone, in order (with teams, the seats' own places).
                let scores: Vec<i64> = standings
                    .iter()
                    .filter_map(|s| game.player(*s).map(|p| p.stats.score))
                    .collect();
                let line: Vec<String> = standings
                    .iter()
                    .zip(places(&scores))
                    .filter_map(|(s, place)| {
                        let p = game.player(*s)?;
                        Some(format!("{place}. {} — {}", p.seat.name, p.stats.score))
                    })
                    .collect();
                rest.spawn(widgets::text(
                    line.join("   ·   "),
                    &fonts.bold,
                    24.0,
                    palette::TEXT,
                ));
                for award in &prizes {
                    let winners: Vec<String> = award.seats.iter().map(name).collect();
                    rest.spawn(widgets::text(
                        format!(
                            "★ {}: {} — {} ({})",
                            award.title,
                            winners.join(" & "),
                            award.detail,
                            award.rule
                        ),
                        &fonts.regular,
                        22.0,
                        palette::TEXT,
                    ));
                }
                rest.spawn(widgets::text(
                    "Every question",
                    &fonts.bold,
                    24.0,
                    palette::TEXT_MUTED,
                ));
                for (i, q) in game.questions().iter().enumerate() {
                    let marks: Vec<String> = game
                        .players()
                        .iter()
                        .filter_map(|p| {
                            let r = p.stats.results.iter().find(|r| r.question == i)?;
                            let mark = if r.skipped {
                                "skipped".to_string()
                            } else if r.correct {
                                format!("✓ +{}", r.points.total())
                            } else if r.chosen.is_some() || r.points.total() < 0 {
                                format!("✗ {}", r.points.total())
                            } else {
                                "—".to_string()
                            };
                            Some(format!("{} {mark}", p.seat.name))
                        })
                        .collect();
                    if marks.is_empty() {
                        continue;
                    }
                    rest.spawn(widgets::text(
                        format!(
                            "{}. {} → {}\n    {}",
                            i + 1,
                            q.prompt,
                            q.correct_text(),
                            marks.join("   ")
                        ),
                        &fonts.regular,
                        19.0,
                        palette::TEXT_MUTED,
                    ));
                }
            });
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(20),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::button(
                    "Show everything",
                    &fonts.bold,
                    0,
                    PodiumAction::ShowAll,
                ));
                row.spawn(widgets::button(
                    "Play again",
                    &fonts.bold,
                    1,
                    PodiumAction::PlayAgain,
                ));
                row.spawn(widgets::button(
                    "Title",
                    &fonts.bold,
                    2,
                    PodiumAction::Title,
                ));
            });
        });
}

fn reveal(
    now: Now,
    podium: Option<Res<PodiumReveal>>,
    mut parts: Query<(&Step, &mut Visibility)>,
    mut burst: ResMut<Burst>,
) {
    let Some(podium) = podium else { return };
    let shown = podium.shown(now.now());
    for (step, mut visibility) in &mut parts {
        let wanted = if step.0 <= shown {
            Visibility::Inherited
        } else {
            Visibility::Hidden
        };
        if *visibility != wanted {
            *visibility = wanted;
        }
    }
    if shown >= STEPS && burst.0.is_some() {
        burst.0 = None;
    }
}

fn act(
    mut activated: MessageReader<Activate>,
    mut backs: MessageReader<Back>,
    actions: Query<&PodiumAction>,
    podium: Option<ResMut<PodiumReveal>>,
    mut requests: MessageWriter<crate::game::night::SessionRequest>,
    mut next: ResMut<NextState<Screen>>,
) {
    if backs.read().count() > 0 {
        next.set(Screen::Title);
        return;
    }
    let mut podium = podium;
    for Activate(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(PodiumAction::ShowAll) => {
                if let Some(podium) = podium.as_mut() {
                    podium.all = true;
                }
            }
            Ok(PodiumAction::PlayAgain) => {
                requests.write(crate::game::night::SessionRequest::Restart);
            }
            Ok(PodiumAction::Title) => next.set(Screen::Title),
            Err(_) => {}
        }
    }
}
