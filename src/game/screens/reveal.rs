//! The reveal: the right answer marked (✓ and green), and then
//! - solo: the player's pick (✗ and red if wrong), the points with their speed and streak
//!   parts;
//! - party: how many seats chose each option and who, and every seat's points;
//!
//! An order question shows the items in their right order (solo: where you put each;
//! party: how many put it in its place); a number question shows the answer and the
//! guesses (solo: yours and how far off; party: each seat's on its chip).
//!
//! and the explanation. Enter continues (the host's Next); a solo reveal continues by
//! itself after the time the game's rules give it, counted by the core and stopped by
//! pause. An undo, a correction or a seat removed on the reveal draws it again from the
//! game's state, so it never claims points that were taken back.

use bevy::prelude::*;

use crate::core::command::{Command, HostAction};
use crate::core::game::{Format, Game, Given, Phase, QuestionResult};
use crate::core::pack::number_text;
use crate::core::round::Asked;
use crate::core::seat::SeatId;
use crate::game::audio::Sfx;
use crate::game::clock::Now;
use crate::game::menu::Activate;
use crate::game::messages::{GameCommand, GameEvent, RoundSystems};
use crate::game::night::SessionRequest;
use crate::game::preview::{self, Preview};
use crate::game::session::{self, ChosenPack, SOLO, Session};
use crate::game::states::Screen;
use crate::game::theme::seat_chip::{self, ChipSize};
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Reveal), (spawn, cue).chain())
        .add_systems(
            Update,
            (
                continue_on_activate.in_set(RoundSystems::Commands),
                (redraw, auto_text).in_set(RoundSystems::View),
            )
                .run_if(in_state(Screen::Reveal).and_then(resource_exists::<Session>)),
        );
}

#[derive(Component)]
pub struct ContinueButton;

#[derive(Component)]
struct AutoText;

/// The line naming a previewed pack's error, empty while the pack is fine.
#[derive(Component)]
struct PreviewError;

fn cue(session: Res<Session>, mut sfx: MessageWriter<Sfx>) {
    let game = &session.game;
    let right = if session.is_party() {
        game.players()
            .iter()
            .any(|p| game.last_result(p.seat.id).is_some_and(|r| r.correct))
    } else {
        game.last_result(SOLO).is_some_and(|r| r.correct)
    };
    sfx.write(if right { Sfx::Correct } else { Sfx::Wrong });
}

/// The continue button's label: where Next goes from this reveal.
fn continue_label(session: &Session) -> &'static str {
    let game = &session.game;
    if session.preview.is_some() {
        "Show it again ▶"
    } else if game.is_last_question() {
        if session.is_party() {
            "Podium ▶"
        } else {
            "See results ▶"
        }
    } else if game.scoreboard_due() {
        "Scoreboard ▶"
    } else {
        "Next question ▶"
    }
}

/// The part of the reveal that shows the game's state (the headline, the answers with
/// their picks, the seats' points), with the state it was drawn from: it is drawn again
/// when that changes (an undo or a correction on the reveal, a seat removed).
#[derive(Component, Debug, Clone, PartialEq)]
pub struct RevealBody(Vec<SeatShown>);

/// What the reveal shows of one seat: removed or not, its score and streak, and its result
/// on this question.
type SeatShown = (bool, i64, u32, Option<QuestionResult>);

impl RevealBody {
    fn of(game: &Game) -> Self {
        Self(
            game.players()
                .iter()
                .map(|p| {
                    (
                        p.removed,
                        p.stats.score,
                        p.stats.streak,
                        game.last_result(p.seat.id).cloned(),
                    )
                })
                .collect(),
        )
    }
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let game = &session.game;
    if game.phase() != Phase::Reveal {
        return;
    }
    let party = session.is_party();
    commands
        .spawn((
            widgets::round_root("Reveal screen", JustifyContent::FlexStart, 12.0),
            DespawnOnExit(Screen::Reveal),
        ))
        .with_children(|root| {
            root.spawn((body_node(), RevealBody::of(game)))
                .with_children(|body| draw_body(body, &session, &fonts));
            // Keeps the continue button at the bottom whatever the length of the text.
            root.spawn(Node {
                flex_grow: 1.0,
                ..default()
            });
            // A previewed pack's error since its last save, on its own wrapping line.
            root.spawn((
                widgets::text("", &fonts.regular, 20.0, palette::WARNING),
                TextLayout::justify(Justify::Center),
                Node {
                    max_width: percent(100),
                    margin: UiRect::bottom(px(12)),
                    ..default()
                },
                PreviewError,
            ));
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(24),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::button(
                    continue_label(&session),
                    &fonts.bold,
                    0,
                    ContinueButton,
                ));
                row.spawn((
                    widgets::text("", &fonts.regular, 20.0, palette::TEXT_MUTED),
                    AutoText,
                ));
                if party {
                    row.spawn(widgets::pause_button(&fonts.bold, 1));
                }
            });
        });
}

/// The body's column: laid out as if its children were the screen's own.
fn body_node() -> Node {
    Node {
        width: percent(100),
        flex_direction: FlexDirection::Column,
        align_items: AlignItems::Center,
        row_gap: px(12),
        ..default()
    }
}

/// Draws the body again when the game's state under it changed: the buttons below keep
/// their focus.
fn redraw(
    session: Res<Session>,
    fonts: Res<Fonts>,
    mut bodies: Query<(Entity, &mut RevealBody)>,
    mut commands: Commands,
) {
    if !session.is_changed() || session.game.phase() != Phase::Reveal {
        return;
    }
    let wanted = RevealBody::of(&session.game);
    for (entity, mut body) in &mut bodies {
        if *body == wanted {
            continue;
        }
        *body = wanted.clone();
        commands
            .entity(entity)
            .despawn_related::<Children>()
            .with_children(|body| draw_body(body, &session, &fonts));
    }
}

/// The top bar, the headline and its line, the prompt, the answers, the seats' points
/// (party) and the explanation.
fn draw_body(body: &mut ChildSpawnerCommands, session: &Session, fonts: &Fonts) {
    let game = &session.game;
    let party = session.is_party();
    let q = game.current();
    let header = format!("{}  ·  {}", session.progress(), q.category);
    let right = if party {
        game.rules().format.label().to_string()
    } else {
        session::standing(session.solo_stats())
    };
    let (headline, colour, breakdown) = if party {
        party_headline(game)
    } else {
        solo_headline(game)
    };
    // Sizes that keep the longest texts a pack allows on one 1280x720 screen.
    let prompt_size = widgets::fit(q.prompt.chars().count(), &[(100, 28.0), (180, 24.0)], 22.0);
    let all_answers: usize = q.options.iter().map(|o| o.chars().count()).sum();
    let compact = all_answers > 240;
    let longest = q.longest_option_chars();
    let answer_size = widgets::fit(longest, &[(30, 26.0), (60, 22.0)], 18.0);
    let explanation_size = widgets::fit(
        q.explanation.chars().count(),
        &[(200, 27.0), (400, 23.0)],
        20.0,
    );
    // A long order (six items of up to 100 characters) takes most of the screen: its
    // cards, the prompt and the explanation shrink so that all of it fits at 1280x720.
    let long_order = compact && matches!(q.asked, Asked::Order { .. });
    let (prompt_size, answer_size, explanation_size) = if long_order {
        (prompt_size.min(20.0), 15.0, explanation_size.min(17.0))
    } else {
        (prompt_size, answer_size, explanation_size)
    };
    let solo_pick = game.last_result(SOLO).and_then(|r| r.chosen);
    let counts = game.option_counts();
    body.spawn(widgets::top_bar(header, right, fonts));
    // A party's headline names the answer: a long one shrinks to leave room for the rest.
    let headline_size = widgets::fit(headline.chars().count(), &[(45, 44.0), (90, 32.0)], 26.0);
    body.spawn(widgets::text(headline, &fonts.bold, headline_size, colour));
    body.spawn(widgets::text(
        breakdown,
        &fonts.regular,
        22.0,
        palette::TEXT_MUTED,
    ));
    body.spawn((
        widgets::text(q.prompt.clone(), &fonts.bold, prompt_size, palette::TEXT),
        TextLayout::justify(Justify::Center),
        Node {
            max_width: px(1120),
            ..default()
        },
    ));
    body.spawn(Node {
        width: percent(100),
        flex_wrap: FlexWrap::Wrap,
        justify_content: JustifyContent::SpaceBetween,
        row_gap: px(10),
        ..default()
    })
    .with_children(|grid| {
        if !matches!(q.asked, Asked::Choice) {
            kind_cards(grid, game, party, fonts, answer_size);
        }
        for (i, option) in q.options.iter().enumerate() {
            if !matches!(q.asked, Asked::Choice) {
                break;
            }
            // With long answers only the right one and the player's pick are shown.
            if compact && i != q.correct && solo_pick != Some(i) && !party {
                continue;
            }
            let text = if party {
                let mark = if i == q.correct {
                    "  ✓ right answer"
                } else {
                    ""
                };
                let chose = match counts.get(i).copied().unwrap_or(0) {
                    0 => String::new(),
                    1 => format!("  ·  1 pick: {}", pickers(game, i).join(", ")),
                    n => format!("  ·  {n} picks: {}", few(&pickers(game, i))),
                };
                format!("{option}{mark}{chose}")
            } else if i == q.correct && solo_pick == Some(i) {
                format!("{option}  ✓ your answer")
            } else if i == q.correct {
                format!("{option}  ✓ right answer")
            } else if solo_pick == Some(i) {
                format!("{option}  ✗ your answer")
            } else {
                option.clone()
            };
            let background = if i == q.correct {
                palette::RIGHT
            } else if !party && solo_pick == Some(i) {
                palette::WRONG
            } else {
                palette::PANEL
            };
            grid.spawn(widgets::answer_card(
                widgets::option_badge(i, party),
                &text,
                fonts,
                background,
                answer_size,
            ))
            .insert(Node {
                width: percent(49.3),
                min_height: px(64),
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Center,
                column_gap: px(14),
                padding: UiRect::axes(px(14), px(8)),
                border_radius: BorderRadius::all(px(12)),
                ..default()
            });
        }
    });
    if party {
        let mut seated: Vec<_> = game.players().iter().filter(|p| !p.removed).collect();
        let crowd = seated.len() > seat_chip::CROWD;
        let strip = if crowd {
            // A crowd (phones): the best points first, two rows of small chips;
            // every phone shows its own result.
            seated.sort_by_key(|p| {
                std::cmp::Reverse(game.last_result(p.seat.id).map_or(0, |r| r.points.total()))
            });
            seat_chip::crowd_strip(70.0)
        } else {
            seat_chip::strip()
        };
        let size = if crowd { 16.0 } else { 22.0 };
        body.spawn(strip).with_children(|strip| {
            for player in seated {
                let result = game.last_result(player.seat.id);
                let name = match (result.and_then(|r| r.given), &q.asked) {
                    (Some(Given::Number(guess)), Asked::Number { unit, .. }) => {
                        format!(
                            "{} · {}",
                            player.seat.name,
                            number_text(guess.value(), unit)
                        )
                    }
                    _ => player.seat.name.clone(),
                };
                strip.spawn(points_chip(
                    player.seat.colour,
                    &name,
                    result,
                    !player.waiting,
                    fonts,
                    size,
                ));
            }
        });
    }
    body.spawn((
        Node {
            width: percent(100),
            padding: UiRect::axes(px(22), px(14)),
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        children![widgets::text(
            q.explanation.clone(),
            &fonts.regular,
            explanation_size,
            palette::TEXT
        )],
    ));
}

/// The cards of an order or a number question: the right order, item by item, or the
/// answer; with the solo player's own answer beside it, or a party's tally.
fn kind_cards(grid: &mut ChildSpawnerCommands, game: &Game, party: bool, fonts: &Fonts, size: f32) {
    let q = game.current();
    let card = |grid: &mut ChildSpawnerCommands, badge: String, text: String, colour: Color| {
        grid.spawn(widgets::answer_card(badge, &text, fonts, colour, size))
            .insert(Node {
                width: percent(49.3),
                min_height: px(if size < 16.0 { 40 } else { 56 }),
                flex_direction: FlexDirection::Row,
                align_items: AlignItems::Center,
                column_gap: px(14),
                padding: UiRect::axes(px(14), px(if size < 16.0 { 3 } else { 6 })),
                border_radius: BorderRadius::all(px(12)),
                ..default()
            });
    };
    match &q.asked {
        Asked::Choice => {}
        Asked::Order { right, first, last } => {
            let mine = solo_order(game);
            let placed: Vec<Vec<usize>> = game
                .players()
                .iter()
                .filter_map(|p| match game.last_result(p.seat.id)?.given? {
                    Given::Order(order) => Some(order.items()),
                    Given::Number(_) => None,
                })
                .collect();
            let n = right.len();
            for (k, &shown) in right.iter().enumerate() {
                let end = if k == 0 {
                    format!("  ({first})")
                } else if k + 1 == n {
                    format!("  ({last})")
                } else {
                    String::new()
                };
                let item = &q.options[shown];
                let (text, colour) = if party {
                    let here = placed.iter().filter(|o| o.get(k) == Some(&shown)).count();
                    let tally = match (here, placed.len()) {
                        (_, 0) => String::new(),
                        (h, all) => format!("  ·  {h} of {all} put it here"),
                    };
                    (format!("{item}{end}{tally}"), palette::PANEL)
                } else {
                    match mine.as_ref().map(|o| o.iter().position(|&i| i == shown)) {
                        Some(Some(p)) if p == k => {
                            (format!("{item}{end}  ✓ yours too"), palette::RIGHT)
                        }
                        Some(Some(p)) => (
                            format!("{item}{end}  ✗ you put it #{}", p + 1),
                            palette::WRONG,
                        ),
                        _ => (format!("{item}{end}"), palette::PANEL),
                    }
                };
                card(grid, format!("#{}", k + 1), text, colour);
            }
        }
        Asked::Number { rule, unit } => {
            card(
                grid,
                "✓".to_string(),
                format!("The answer: {}", number_text(rule.answer, unit)),
                palette::RIGHT,
            );
            if party {
                let mut guesses: Vec<(f64, String)> = game
                    .players()
                    .iter()
                    .filter_map(|p| match game.last_result(p.seat.id)?.given? {
                        Given::Number(g) => Some((rule.distance(g.value()), p.seat.name.clone())),
                        Given::Order(_) => None,
                    })
                    .collect();
                guesses.sort_by(|a, b| a.0.total_cmp(&b.0));
                if let Some((closest, _)) = guesses.first().cloned() {
                    let names: Vec<String> = guesses
                        .iter()
                        .filter(|(d, _)| *d == closest)
                        .map(|(_, n)| n.clone())
                        .collect();
                    card(
                        grid,
                        "★".to_string(),
                        format!("Closest: {} ({})", few(&names), off_by(closest)),
                        palette::PANEL,
                    );
                }
            } else if let Some(Some(Given::Number(g))) = game.last_result(SOLO).map(|r| r.given) {
                let off = rule.distance(g.value());
                let colour = match rule.credit(g.value()) {
                    c if c.right => palette::RIGHT,
                    c if c.share > 0.0 => palette::WARNING,
                    _ => palette::WRONG,
                };
                card(
                    grid,
                    "you".to_string(),
                    format!(
                        "Your guess: {} — {}",
                        number_text(g.value(), unit),
                        off_by(off)
                    ),
                    colour,
                );
            }
        }
    }
}

/// How far a guess is from the answer, in words ("off by 3"; the unit is on the answer).
fn off_by(distance: f64) -> String {
    if distance == 0.0 {
        "exactly right".to_string()
    } else {
        format!("off by {}", number_text(distance, ""))
    }
}

/// The solo player's order, if it gave one.
fn solo_order(game: &Game) -> Option<Vec<usize>> {
    match game.last_result(SOLO)?.given? {
        Given::Order(order) => Some(order.items()),
        Given::Number(_) => None,
    }
}

/// The names of the seats that chose option `i`, in seat order.
/// Names as a short list: a crowd shows the first three and how many more.
fn few(names: &[String]) -> String {
    const SHOWN: usize = 3;
    if names.len() <= SHOWN + 1 {
        return names.join(", ");
    }
    format!(
        "{} and {} more",
        names[..SHOWN].join(", "),
        names.len() - SHOWN
    )
}

fn pickers(game: &Game, i: usize) -> Vec<String> {
    game.players()
        .iter()
        .filter(|p| game.last_result(p.seat.id).and_then(|r| r.chosen) == Some(i))
        .map(|p| p.seat.name.clone())
        .collect()
}

fn solo_headline(game: &Game) -> (String, Color, String) {
    let Some(result) = game.last_result(SOLO) else {
        return ("Skipped".to_string(), palette::TEXT_MUTED, String::new());
    };
    let (headline, colour) = match (result.correct, result.answered()) {
        (true, _) => (
            format!("✓ Right!  +{} points", result.points.total()),
            palette::RIGHT,
        ),
        (false, true) if result.partly() => {
            // A guess is close to a number; an order is partly right.
            let word = match game.current().asked {
                Asked::Order { .. } => "Partly right",
                _ => "Close",
            };
            (
                format!("◐ {word} — +{} points", result.points.total()),
                palette::WARNING,
            )
        }
        (false, true) => ("✗ Wrong — 0 points".to_string(), palette::WRONG),
        (false, false) => ("✗ Time's up — 0 points".to_string(), palette::WARNING),
    };
    let stats = &game.players()[0].stats;
    let breakdown = if result.partly() {
        match &game.current().asked {
            Asked::Order { right, .. } => {
                let in_place = solo_order(game)
                    .map_or(0, |o| o.iter().zip(right).filter(|(a, b)| a == b).count());
                format!(
                    "{in_place} of {} in the right place: part of the points, and no streak",
                    right.len()
                )
            }
            _ => "Near enough for part of the points, not for the streak".to_string(),
        }
    } else if result.correct {
        let taken = result.taken.unwrap_or_default().as_secs_f32();
        if result.points.streak_bonus > 0 {
            format!(
                "{} for answering in {taken:.1} s  +  {} streak bonus (×{} in a row)",
                result.points.answer, result.points.streak_bonus, result.streak
            )
        } else {
            format!("{} for answering in {taken:.1} s", result.points.answer)
        }
    } else if stats
        .results
        .iter()
        .rev()
        .nth(1)
        .is_some_and(|r| r.streak > 0)
    {
        "Your streak is broken.".to_string()
    } else {
        String::new()
    };
    (headline, colour, breakdown)
}

fn party_headline(game: &Game) -> (String, Color, String) {
    let q = game.current();
    let answer = match &q.asked {
        Asked::Choice => format!(
            "{} {}",
            widgets::option_badge(q.correct, true),
            q.correct_text()
        ),
        Asked::Order { .. } => String::new(),
        Asked::Number { .. } => q.correct_text(),
    };
    let results: Vec<(SeatId, &QuestionResult)> = game
        .players()
        .iter()
        .filter_map(|p| Some((p.seat.id, game.last_result(p.seat.id)?)))
        .collect();
    let name = |seat: SeatId| {
        game.player(seat)
            .map_or(String::new(), |p| p.seat.name.clone())
    };
    let right: Vec<String> = results
        .iter()
        .filter(|(_, r)| r.correct)
        .map(|(s, _)| name(*s))
        .collect();
    let headline = if answer.is_empty() {
        "The right order".to_string()
    } else {
        format!("The answer: {answer}")
    };
    let partly = results.iter().filter(|(_, r)| r.partly()).count();
    let line = match game.format_now() {
        // Every seat's result on this question was undone.
        _ if results.is_empty() => "Scores taken back: nobody scores on this question.".to_string(),
        Format::EveryoneAnswers if !matches!(q.asked, Asked::Choice) => {
            match (right.len(), partly) {
                (0, 0) => "Nobody scored this time.".to_string(),
                (0, p) => format!("Nobody got it exactly; {p} scored points."),
                (r, 0) => format!("{r} of {} got it exactly.", results.len()),
                (r, p) => format!(
                    "{r} of {} got it exactly; {p} more scored points.",
                    results.len()
                ),
            }
        }
        Format::BuzzIn => match right.first() {
            Some(who) => format!("{who} got it!"),
            None if results.iter().any(|(_, r)| r.skipped) => "Skipped.".to_string(),
            None => "Nobody got it this time.".to_string(),
        },
        Format::EveryoneAnswers => match right.len() {
            0 => "Nobody got it this time.".to_string(),
            n if n == results.len() => "Everyone got it!".to_string(),
            1 => format!("Only {} got it.", right[0]),
            n => format!("{n} of {} got it.", results.len()),
        },
    };
    (headline, palette::RIGHT, line)
}

/// A seat's points on this question: its colour, name, and `+850`, `0`, `−250`. A seat that
/// played the question without a result has had it taken back (undo): `— 0`.
fn points_chip(
    colour: u8,
    name: &str,
    result: Option<&QuestionResult>,
    played: bool,
    fonts: &Fonts,
    size: f32,
) -> impl Bundle {
    let (points, tone) = match result {
        Some(r) if r.correct => (format!("✓ +{}", r.points.total()), palette::RIGHT),
        Some(r) if r.points.total() < 0 => (format!("✗ −{}", -r.points.total()), palette::WRONG),
        Some(r) if r.partly() => (format!("◐ +{}", r.points.total()), palette::WARNING),
        Some(r) if r.answered() => ("✗ 0".to_string(), palette::WRONG),
        Some(_) => ("— 0".to_string(), palette::TEXT_MUTED),
        None if played => ("— 0".to_string(), palette::TEXT_MUTED),
        None => (String::new(), palette::TEXT_MUTED),
    };
    (
        seat_chip::frame(colour, ChipSize::Normal),
        children![
            widgets::text(name.to_string(), &fonts.bold, size, palette::TEXT),
            widgets::text(points, &fonts.bold, size, tone),
        ],
    )
}

fn continue_on_activate(
    mut activated: MessageReader<Activate>,
    buttons: Query<(), With<ContinueButton>>,
    session: Res<Session>,
    chosen: Option<Res<ChosenPack>>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut requests: MessageWriter<SessionRequest>,
) {
    for Activate(entity) in activated.read() {
        if !buttons.contains(*entity) {
            continue;
        }
        // A previewed question is shown again, as its file is saved now (not while
        // paused: the core refuses Next then, and the preview waits the same way).
        if let (Some(id), Some(chosen)) = (session.preview.clone(), chosen.as_deref())
            && !session.game.is_paused()
            && let Ok(again) = Session::preview(chosen, &id)
        {
            requests.write(SessionRequest::Begin(
                Box::new(again),
                crate::game::input::bindings::Bindings::default(),
            ));
            return;
        }
        out.write(GameCommand(Command::Host {
            action: HostAction::Next,
            at: now.now(),
        }));
        return;
    }
}

/// The line beside the continue button: the reveal's own countdown, or a preview's hint
/// and error.
fn auto_text(
    session: Res<Session>,
    preview: Option<Res<Preview>>,
    now: Now,
    mut events: MessageReader<GameEvent>,
    mut texts: Query<&mut Text, (With<AutoText>, Without<PreviewError>)>,
    mut errors: Query<&mut Text, (With<PreviewError>, Without<AutoText>)>,
) {
    events.clear();
    let game = &session.game;
    let (hint, error) = if let Some(id) = &session.preview {
        preview::reveal_lines(preview.as_deref(), id)
    } else if game.is_paused() {
        ("Paused".to_string(), String::new())
    } else if let Some(left) = game.reveal_remaining(now.now()) {
        let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
        (
            format!("Enter to continue · continues by itself in {secs} s"),
            String::new(),
        )
    } else {
        ("Enter to continue".to_string(), String::new())
    };
    for mut text in &mut texts {
        if text.0 != hint {
            text.0.clone_from(&hint);
        }
    }
    for mut text in &mut errors {
        if text.0 != error {
            text.0.clone_from(&error);
        }
    }
}
