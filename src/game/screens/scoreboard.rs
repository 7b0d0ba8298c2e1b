//! The scoreboard between questions (as often as the host chose): every seat ranked by
//! score with its change of rank since the question began (▲ 2, ▼ 1, or –), and in a team
//! game the teams' scores (the average of their members'). Rows slide from their old
//! places to their new ones; with reduced motion they stand still. Enter moves on. An undo
//! or a correction on the scoreboard draws the rows again at once.

use bevy::prelude::*;

use crate::core::command::{Command, HostAction};
use crate::core::game::{Game, Phase, places};
use crate::core::seat::{SeatId, TeamId};
use crate::game::clock::Now;
use crate::game::controller::SCOREBOARD_ANIMATION;
use crate::game::menu::Activate;
use crate::game::messages::{GameCommand, RoundSystems};
use crate::game::persist::SavedSettings;
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::redraw::redraw_changed;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Scoreboard), spawn)
        .add_systems(
            Update,
            (
                next_on_activate.in_set(RoundSystems::Commands),
                (redraw, slide).chain().in_set(RoundSystems::View),
            )
                .run_if(in_state(Screen::Scoreboard).and_then(resource_exists::<Session>)),
        );
}

/// Height of one row, design pixels (8 rows and the teams fit at 1280x720).
pub const ROW_HEIGHT: f32 = 52.0;
/// Most player rows shown; a bigger party (phones) shows the top and a count.
pub const MAX_ROWS: usize = 10;

#[derive(Component)]
pub struct NextButton;

/// A row that slides from `from` rows away to its place.
#[derive(Component, Debug, Clone, Copy)]
struct Slide {
    from: f32,
}

/// A seat's row on the scoreboard.
#[derive(Component, Debug, Clone, Copy)]
pub struct ScoreRow(pub SeatId);

/// The rank change of `seat` since the question opened: positive = moved up.
pub fn rank_change(game: &Game, seat: SeatId) -> i64 {
    let now = game.standings().iter().position(|s| *s == seat);
    let before = game.standings_before().iter().position(|s| *s == seat);
    match (before, now) {
        (Some(b), Some(n)) => b as i64 - n as i64,
        _ => 0,
    }
}

/// `▲ 2`, `▼ 1` or `–`: the arrow and the number, never colour alone.
pub fn change_label(change: i64) -> (String, Color) {
    match change {
        c if c > 0 => (format!("▲ {c}"), palette::RIGHT),
        c if c < 0 => (format!("▼ {}", -c), palette::WRONG),
        _ => ("–".to_string(), palette::TEXT_MUTED),
    }
}

/// What the scoreboard shows of the game: each seat's place, score and whether it left,
/// and the teams' scores. The columns are drawn again when it changes (an undo or a
/// correction on the scoreboard, a seat removed).
#[derive(Component, Debug, Clone, PartialEq)]
pub struct ScoreColumns {
    seats: Vec<(SeatId, i64, bool, Option<i64>)>,
    teams: Vec<(TeamId, i64)>,
}

impl ScoreColumns {
    fn of(game: &Game) -> Self {
        Self {
            seats: game
                .standings()
                .into_iter()
                .filter_map(|s| {
                    let p = game.player(s)?;
                    Some((s, p.stats.score, p.removed, round_points(game, s)))
                })
                .collect(),
            teams: game.team_standings(),
        }
    }
}

/// At a round's end: what `seat` earned in the round.
fn round_points(game: &Game, seat: SeatId) -> Option<i64> {
    (game.phase() == Phase::RoundEnd).then(|| game.round_points(seat, game.round_index()))
}

/// What the next round is: "Up next: Round 2 · Buzz-in · 5 questions · double points".
fn up_next(next: &crate::core::game::GameRound) -> String {
    use crate::core::game::{Modifier, RoundKind};
    if next.kind == RoundKind::Final {
        return "Up next: the final · one question, and everyone stakes points on it".to_string();
    }
    let mut line = format!(
        "Up next: {} · {} · {} question{}",
        next.name,
        next.format.label(),
        next.len,
        if next.len == 1 { "" } else { "s" }
    );
    if next.modifier == Modifier::Double {
        line.push_str(" · double points");
    }
    line
}

/// Stops the night at a round's end: the series goes on another evening. It asks for a
/// second press (the rounds not played yet are dropped).
#[derive(Component)]
pub struct StopButton;

/// The line that asks for the second press of Stop for tonight.
#[derive(Component)]
pub struct StopHint;

/// A second press of Stop for tonight within this long stops the evening.
pub const STOP_CONFIRM: std::time::Duration = std::time::Duration::from_secs(3);

/// The title and the line under it: after a question, or at a round's end its winner.
fn headline(game: &Game) -> (String, String) {
    if game.phase() != Phase::RoundEnd {
        let title = format!(
            "Scoreboard · after question {} of {}",
            game.current_index() + 1,
            game.questions().len()
        );
        return (title, String::new());
    }
    let round = game.round();
    let title = if game.next_round().is_none() {
        format!("{} over · final standings", round.name)
    } else {
        format!("{} over", round.name)
    };
    let index = game.round_index();
    let winners: Vec<String> = game
        .round_winners(index)
        .into_iter()
        .filter_map(|s| game.player(s).map(|p| p.seat.name.clone()))
        .collect();
    let best = game
        .round_winners(index)
        .first()
        .map_or(0, |s| game.round_points(*s, index));
    let line = match winners.len() {
        0 => "Nobody scored in this round.".to_string(),
        1 => format!("★ Round winner: {} (+{best})", winners[0]),
        _ => format!("★ Round winners: {} (+{best} each)", winners.join(" and ")),
    };
    (title, line)
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let game = &session.game;
    let (title, line) = headline(game);
    let round_end = game.phase() == Phase::RoundEnd;
    let next_label = match game.next_round() {
        _ if !round_end => "Next question ▶".to_string(),
        Some(next) => format!("Next: {} ▶", next.name),
        None => "To the podium ▶".to_string(),
    };
    commands
        .spawn((
            widgets::round_root("Scoreboard screen", JustifyContent::FlexStart, 14.0),
            DespawnOnExit(Screen::Scoreboard),
        ))
        .with_children(|root| {
            root.spawn(widgets::text(title, &fonts.bold, 44.0, palette::ACCENT));
            if !line.is_empty() {
                root.spawn(widgets::text(line, &fonts.bold, 30.0, palette::TEXT));
            }
            if round_end && let Some(next) = game.next_round() {
                root.spawn(widgets::text(
                    up_next(next),
                    &fonts.regular,
                    24.0,
                    palette::TEXT_MUTED,
                ));
            }
            root.spawn((
                Node {
                    width: percent(100),
                    flex_grow: 1.0,
                    column_gap: px(28),
                    justify_content: JustifyContent::Center,
                    ..default()
                },
                ScoreColumns::of(game),
            ))
            .with_children(|columns| draw_columns(columns, game, &fonts));
            root.spawn((
                widgets::text("", &fonts.regular, 22.0, palette::WARNING),
                StopHint,
            ));
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(24),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::button(next_label, &fonts.bold, 0, NextButton));
                if round_end {
                    row.spawn(widgets::button(
                        "Stop for tonight",
                        &fonts.bold,
                        1,
                        StopButton,
                    ));
                }
                row.spawn(widgets::hint("Enter continue", &fonts.regular));
                row.spawn(widgets::pause_button(&fonts.bold, 2));
            });
        });
}

/// Draws the columns again when the scores under them changed: the buttons below keep
/// their focus, and the rows their slide.
fn redraw(
    session: Res<Session>,
    fonts: Res<Fonts>,
    mut shown: Query<(Entity, &mut ScoreColumns)>,
    mut commands: Commands,
) {
    if !session.is_changed() || !matches!(session.game.phase(), Phase::Scoreboard | Phase::RoundEnd)
    {
        return;
    }
    let wanted = ScoreColumns::of(&session.game);
    redraw_changed(&mut shown, &wanted, &mut commands, |columns| {
        draw_columns(columns, &session.game, &fonts)
    });
}

/// The teams' column (in a team game) and the players' rows.
fn draw_columns(columns: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts) {
    let standings = game.standings();
    let teams = game.team_standings();
    if !teams.is_empty() {
        columns
            .spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(8),
                width: px(450),
                ..default()
            })
            .with_children(|col| {
                col.spawn(widgets::text(
                    "Teams (average score)",
                    &fonts.bold,
                    26.0,
                    palette::TEXT_MUTED,
                ));
                let team_places = places(&teams.iter().map(|t| t.1).collect::<Vec<_>>());
                for ((team, score), place) in teams.iter().zip(team_places) {
                    let name = game
                        .teams()
                        .iter()
                        .find(|t| t.id == *team)
                        .map_or("", |t| t.name.as_str());
                    let members = game
                        .players()
                        .iter()
                        .filter(|p| p.seat.team == Some(*team))
                        .count();
                    col.spawn(score_line(
                        format!("{place}."),
                        format!("{name} ({members})"),
                        score.to_string(),
                        palette::ACCENT,
                        fonts,
                    ));
                }
            });
    }
    columns
        .spawn(Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(6),
            width: px(if teams.is_empty() { 760.0 } else { 600.0 }),
            overflow: Overflow::clip(),
            ..default()
        })
        .with_children(|col| {
            let scores: Vec<i64> = standings
                .iter()
                .filter_map(|s| game.player(*s).map(|p| p.stats.score))
                .collect();
            // A crowd (phones): the top rows; everyone sees their own rank on
            // their phone.
            let more = standings.len().saturating_sub(MAX_ROWS);
            let shown = if more > 0 { MAX_ROWS - 1 } else { MAX_ROWS };
            for (seat, place) in standings.iter().zip(places(&scores)).take(shown) {
                let Some(player) = game.player(*seat) else {
                    continue;
                };
                let change = rank_change(game, *seat);
                let (arrow, arrow_colour) = change_label(change);
                let team = player
                    .seat
                    .team
                    .and_then(|t| game.teams().iter().find(|x| x.id == t))
                    .map(|t| t.name.clone())
                    .unwrap_or_default();
                let removed = if player.removed { " (left)" } else { "" };
                col.spawn((
                    ScoreRow(*seat),
                    Slide {
                        from: change as f32,
                    },
                    Node {
                        height: px(ROW_HEIGHT - 6.0),
                        align_items: AlignItems::Center,
                        column_gap: px(14),
                        padding: UiRect::horizontal(px(14)),
                        border: UiRect::left(px(8)),
                        border_radius: BorderRadius::all(px(10)),
                        top: px(change as f32 * ROW_HEIGHT),
                        ..default()
                    },
                    BackgroundColor(palette::PANEL),
                    BorderColor::all(palette::seat(player.seat.colour)),
                ))
                .with_children(|row| {
                    row.spawn((
                        widgets::text(format!("{place}."), &fonts.bold, 28.0, palette::TEXT),
                        Node {
                            width: px(44),
                            ..default()
                        },
                    ));
                    row.spawn((
                        widgets::text(arrow, &fonts.bold, 22.0, arrow_colour),
                        Node {
                            width: px(56),
                            ..default()
                        },
                    ));
                    // The name, then its team (smaller: the teams have their own
                    // column), so long names fit at 800x600.
                    row.spawn(Node {
                        flex_grow: 1.0,
                        align_items: AlignItems::Center,
                        column_gap: px(10),
                        ..default()
                    })
                    .with_children(|name| {
                        name.spawn(widgets::text(
                            format!("{}{removed}", player.seat.name),
                            &fonts.bold,
                            26.0,
                            palette::TEXT,
                        ));
                        name.spawn(widgets::text(
                            team,
                            &fonts.regular,
                            18.0,
                            palette::TEXT_MUTED,
                        ));
                    });
                    if let Some(points) = round_points(game, *seat) {
                        row.spawn(widgets::text(
                            format!("{points:+} this round"),
                            &fonts.regular,
                            20.0,
                            palette::TEXT_MUTED,
                        ));
                    }
                    row.spawn(widgets::text(
                        player.stats.score.to_string(),
                        &fonts.bold,
                        28.0,
                        palette::ACCENT,
                    ));
                });
            }
            if more > 0 {
                col.spawn(widgets::text(
                    format!(
                        "… and {} more players: each phone shows its own place",
                        standings.len() - shown
                    ),
                    &fonts.regular,
                    22.0,
                    palette::TEXT_MUTED,
                ));
            }
        });
}

/// A plain ranked line: place, name, score.
fn score_line(
    place: String,
    name: String,
    score: String,
    colour: Color,
    fonts: &Fonts,
) -> impl Bundle {
    (
        Node {
            height: px(ROW_HEIGHT - 6.0),
            align_items: AlignItems::Center,
            column_gap: px(14),
            padding: UiRect::horizontal(px(14)),
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        children![
            (
                widgets::text(place, &fonts.bold, 28.0, palette::TEXT),
                Node {
                    width: px(44),
                    ..default()
                }
            ),
            (
                widgets::text(name, &fonts.bold, 26.0, palette::TEXT),
                Node {
                    flex_grow: 1.0,
                    ..default()
                }
            ),
            widgets::text(score, &fonts.bold, 28.0, colour),
        ],
    )
}

/// Rows start where they were before the question and glide to their new places.
fn slide(
    session: Res<Session>,
    settings: Res<SavedSettings>,
    now: Now,
    mut rows: Query<(&Slide, &mut Node)>,
) {
    let elapsed = session.game.phase_elapsed(now.now());
    let t = if settings.0.reduced_motion {
        1.0
    } else {
        (elapsed.as_secs_f32() / SCOREBOARD_ANIMATION.as_secs_f32()).clamp(0.0, 1.0)
    };
    // Ease out: fast at first, settling gently.
    let left = (1.0 - t).powi(3);
    for (slide, mut node) in &mut rows {
        let top = px(slide.from * ROW_HEIGHT * left);
        if node.top != top {
            node.top = top;
        }
    }
}

fn next_on_activate(
    mut activated: MessageReader<Activate>,
    buttons: Query<(), With<NextButton>>,
    stops: Query<(), With<StopButton>>,
    mut hints: Query<&mut Text, With<StopHint>>,
    mut armed: Local<Option<std::time::Duration>>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
) {
    // The core refuses Next while paused (see `Refusal::Paused`).
    for Activate(entity) in activated.read() {
        let action = if buttons.contains(*entity) {
            HostAction::Next
        } else if stops.contains(*entity) {
            let at = now.now();
            if armed.is_none_or(|first| at.saturating_sub(first) > STOP_CONFIRM) {
                *armed = Some(at);
                for mut hint in &mut hints {
                    hint.0 = "Press Stop for tonight again: this evening ends here, and the rounds not played are dropped (the series goes on another evening)".to_string();
                }
                continue;
            }
            *armed = None;
            HostAction::EndEvening
        } else {
            continue;
        };
        out.write(GameCommand(Command::Host {
            action,
            at: now.now(),
        }));
    }
}
