//! The podium at the end of a party: third, second, then first place revealed a moment
//! apart (teams first in a team game), then everyone else, the awards, and a review of
//! every question for every player. Enter shows everything at once; with reduced motion
//! it all shows at once. The party is saved to the party history as the podium opens.
//!
//! An undo, a correction or a seat removed on the podium (F5, F6) draws its places, the
//! standings, the awards and the review again from the game's state, at the step of the
//! reveal they had reached, and saves the corrected party over its record in the history.

mod rounds;
mod tie;

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use bevy::prelude::*;

use crate::core::awards::awards;
use crate::core::command::{Command, HostAction};
use crate::core::game::{Game, Phase, Stats, places};
use crate::core::history::PartyRecord;
use crate::core::seat::{SeatId, TeamId};
use crate::game::audio::Sfx;
use crate::game::clock::Now;
use crate::game::display::Burst;
use crate::game::menu::{Activate, Back, Scrollable};
use crate::game::messages::{GameCommand, RoundSystems};
use crate::game::persist::{self, DataDir, Notices, SavedPartyHistory, SavedSettings};
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::menu_screen::menu_buttons;
use crate::game::theme::redraw::redraw_changed;
use crate::game::theme::{Fonts, palette, widgets};
use tie::{TieButtons, TieLine, tie, tie_line};

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Podium),
        (save_history, start, spawn).chain(),
    )
    .add_systems(OnExit(Screen::Podium), stop_burst)
    .add_systems(
        Update,
        (
            act,
            (redraw, resave, reveal, tie)
                .chain()
                .in_set(RoundSystems::View),
        )
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

/// What the podium shows of the game: the standings, every seat's name, removal and totals
/// (its score and results, which the awards and the review read), and the teams' scores.
/// The places and the list under them are drawn again when it changes (an undo, a
/// correction or a seat removed on the podium); the buttons below keep their focus.
#[derive(Component, Debug, Clone, PartialEq)]
pub struct PodiumView {
    /// The tie for first as it stands (offered, decided, shared).
    tie: (Vec<SeatId>, Option<SeatId>, bool),
    standings: Vec<SeatId>,
    seats: Vec<(SeatId, String, bool, Stats)>,
    teams: Vec<(TeamId, i64)>,
}

impl PodiumView {
    fn of(game: &Game) -> Self {
        Self {
            tie: (
                game.tied_for_first(),
                game.tiebreak_winner(),
                game.win_shared(),
            ),
            standings: game.standings(),
            seats: game
                .players()
                .iter()
                .map(|p| (p.seat.id, p.seat.name.clone(), p.removed, p.stats.clone()))
                .collect(),
            teams: game.team_standings(),
        }
    }
}

/// The list under the places: everyone's place, the awards, every question.
#[derive(Component, Debug, Clone, Copy)]
struct PodiumList;

/// When the party was saved to the history as the podium opened (and which session it
/// was): its record's id comes from it, so a correction on the podium replaces that record
/// instead of adding one.
#[derive(Resource, Debug, Clone, Copy)]
struct SavedAt {
    session: u64,
    when: u64,
}

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum PodiumAction {
    ShowAll,
    PlayAgain,
    Title,
    /// First place is tied: a sudden-death question for the tied seats.
    SuddenDeath,
    /// First place is tied: they share the win.
    ShareWin,
}

fn save_history(
    session: Res<Session>,
    saved_at: Option<Res<SavedAt>>,
    data: Option<Res<DataDir>>,
    mut history: ResMut<SavedPartyHistory>,
    mut notices: ResMut<Notices>,
    mut commands: Commands,
) {
    // Back on the podium after a sudden death: the same party, its record replaced.
    let when = match saved_at {
        Some(saved) if saved.session == session.id => saved.when,
        _ => SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    commands.insert_resource(SavedAt {
        session: session.id,
        when,
    });
    let record = PartyRecord::from_game(&session.game, &session.pack_title, &session.code(), when);
    history.0.record(record);
    persist::save_party_history(data.as_deref(), &history.0, &mut notices);
}

/// Saves the party again when a change on the podium (an undo, a correction, a seat
/// removed) makes its record differ from the one saved: same id, so it replaces it.
fn resave(
    session: Res<Session>,
    saved_at: Option<Res<SavedAt>>,
    data: Option<Res<DataDir>>,
    mut history: ResMut<SavedPartyHistory>,
    mut notices: ResMut<Notices>,
) {
    let Some(saved_at) = saved_at else { return };
    if !session.is_changed()
        || session.game.phase() != Phase::Finished
        || session.id != saved_at.session
    {
        return;
    }
    let record = PartyRecord::from_game(
        &session.game,
        &session.pack_title,
        &session.code(),
        saved_at.when,
    );
    if history.0.parties.contains(&record) {
        return;
    }
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

/// The podium's three places: teams in a team game, else seats (a seat the host removed
/// says so, its points kept); ties share a place.
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
            let left = if p.removed { " (left)" } else { "" };
            Some((
                format!("{}{left}", p.seat.name),
                p.stats.score,
                palette::seat(p.seat.colour),
            ))
        })
        .collect()
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let game = &session.game;
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
                    if game.in_rounds() {
                        format!("{} rounds", played_rounds(game).count())
                    } else {
                        game.rules().format.label().to_string()
                    },
                    played_rounds(game).map(|r| r.len).sum::<usize>(),
                    session.code()
                ),
                &fonts.regular,
                20.0,
                palette::TEXT_MUTED,
            ));
            // Second, first, third from left to right; revealed third, second, first.
            root.spawn((
                Node {
                    align_items: AlignItems::FlexEnd,
                    column_gap: px(16),
                    ..default()
                },
                PodiumView::of(game),
            ))
            .with_children(|podium| draw_places(podium, game, &fonts, 0));
            root.spawn((
                widgets::text(tie_line(game), &fonts.bold, 26.0, palette::TEXT),
                TieLine,
            ));
            if game.tiebreak_offered() {
                button_row(
                    root,
                    &fonts,
                    0,
                    [
                        ("Sudden death ▶", PodiumAction::SuddenDeath),
                        ("Share the win", PodiumAction::ShareWin),
                    ],
                )
                .insert(TieButtons);
            }
            root.spawn((
                PodiumList,
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
            .with_children(|rest| draw_list(rest, game, &fonts));
            button_row(
                root,
                &fonts,
                2,
                [
                    ("Show everything", PodiumAction::ShowAll),
                    ("Play again", PodiumAction::PlayAgain),
                    ("Title", PodiumAction::Title),
                ],
            );
        });
}

/// The night's rounds, not counting a sudden death.
fn played_rounds(game: &Game) -> impl Iterator<Item = &crate::core::game::GameRound> {
    game.rounds()
        .iter()
        .filter(|r| r.kind != crate::core::game::RoundKind::Tiebreak)
}

/// A row of the podium's buttons, in focus order from `first`.
fn button_row<'a>(
    root: &'a mut ChildSpawnerCommands,
    fonts: &Fonts,
    first: usize,
    buttons: impl IntoIterator<Item = (&'static str, PodiumAction)>,
) -> EntityCommands<'a> {
    let mut row = root.spawn(Node {
        align_items: AlignItems::Center,
        column_gap: px(20),
        ..default()
    });
    row.with_children(|row| menu_buttons(row, fonts, first, buttons));
    row
}

/// Draws the places and the list under them again when the game under them changed (an
/// undo, a correction or a seat removed on the podium). The places come back at the step
/// the reveal has reached, so it goes on rather than starting over; the list keeps its
/// scroll, and the buttons below their focus.
fn redraw(
    now: Now,
    session: Res<Session>,
    fonts: Res<Fonts>,
    podium: Option<Res<PodiumReveal>>,
    mut shown: Query<(Entity, &mut PodiumView)>,
    lists: Query<Entity, With<PodiumList>>,
    mut commands: Commands,
) {
    if !session.is_changed() || session.game.phase() != Phase::Finished {
        return;
    }
    let game = &session.game;
    let wanted = PodiumView::of(game);
    let step = podium.map_or(STEPS, |p| p.shown(now.now()));
    let changed = redraw_changed(&mut shown, &wanted, &mut commands, |podium| {
        draw_places(podium, game, &fonts, step)
    });
    if changed {
        for list in &lists {
            commands
                .entity(list)
                .despawn_related::<Children>()
                .with_children(|rest| draw_list(rest, game, &fonts));
        }
    }
}

/// The three places, second, first, third from left to right, each hidden until its step
/// of the reveal (third at 1, second at 2, first at 3): those up to `shown` show at once.
fn draw_places(podium: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts, shown: u8) {
    let podium_scores = podium_places(game);
    // Teams share places by score; seats by `placed` (a sudden death's winner alone first).
    let shared: Vec<usize> = if game.team_standings().is_empty() {
        game.placed().into_iter().map(|(_, place)| place).collect()
    } else {
        places(&podium_scores.iter().map(|p| p.1).collect::<Vec<_>>())
    };
    for slot in [1usize, 0, 2] {
        if let Some((who, score, colour)) = podium_scores.get(slot) {
            let step = 3 - slot as u8;
            let visibility = if step <= shown {
                Visibility::Inherited
            } else {
                Visibility::Hidden
            };
            podium.spawn((
                Step(step),
                visibility,
                place_block(shared[slot], who, *score, *colour, fonts),
            ));
        }
    }
}

/// Everyone in order (with teams, the seats' own places), the awards, and every question
/// with every seat's mark on it.
fn draw_list(rest: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts) {
    let name = |seat: &SeatId| {
        game.player(*seat)
            .map_or(String::new(), |p| p.seat.name.clone())
    };
    let line: Vec<String> = game
        .placed()
        .into_iter()
        .filter_map(|(s, place)| {
            let p = game.player(s)?;
            let left = if p.removed { " (left)" } else { "" };
            Some(format!(
                "{place}. {}{left} — {}",
                p.seat.name, p.stats.score
            ))
        })
        .collect();
    rest.spawn(widgets::text(
        line.join("   ·   "),
        &fonts.bold,
        24.0,
        palette::TEXT,
    ));
    if game.in_rounds() {
        rounds::round_lines(rest, game, fonts);
    }
    for award in &awards(game) {
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
    mut out: MessageWriter<GameCommand>,
    now: Now,
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
            Ok(PodiumAction::SuddenDeath) => {
                out.write(GameCommand(Command::Host {
                    action: HostAction::Tiebreak,
                    at: now.now(),
                }));
            }
            Ok(PodiumAction::ShareWin) => {
                out.write(GameCommand(Command::Host {
                    action: HostAction::ShareWin,
                    at: now.now(),
                }));
            }
            Err(_) => {}
        }
    }
}
