//! The reveal's cards: a choice's options with the picks, an order's right order with
//! where the player (or the party) put each item, a number's answer with the guesses;
//! and every seat's points in a party.

use bevy::prelude::*;

use crate::core::game::{Game, Given, QuestionResult};
use crate::core::pack::number_text;
use crate::core::round::Asked;
use crate::game::session::SOLO;
use crate::game::theme::seat_chip::{self, ChipSize};
use crate::game::theme::{Fonts, palette, widgets};

/// The answer cards: a choice's options, the right one marked, with the solo player's
/// pick or who picked what in a party (`compact`, long answers solo: only the right one
/// and the pick); or an order's or a number's cards.
pub(super) fn cards(
    grid: &mut ChildSpawnerCommands,
    game: &Game,
    party: bool,
    fonts: &Fonts,
    size: f32,
    compact: bool,
) {
    if !matches!(game.current().asked, Asked::Choice) {
        kind_cards(grid, game, party, fonts, size);
        return;
    }
    let q = game.current();
    let solo_pick = game.last_result(SOLO).and_then(|r| r.chosen);
    let counts = game.option_counts();
    for (i, option) in q.options.iter().enumerate() {
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
            size,
        ))
        .insert(card_node(64.0, 8.0));
    }
}

/// A reveal card's box: half the row, at least `min_height` high.
fn card_node(min_height: f32, padding: f32) -> Node {
    Node {
        width: percent(49.3),
        min_height: px(min_height),
        flex_direction: FlexDirection::Row,
        align_items: AlignItems::Center,
        column_gap: px(14),
        padding: UiRect::axes(px(14), px(padding)),
        border_radius: BorderRadius::all(px(12)),
        ..default()
    }
}

/// The cards of an order or a number question: the right order, item by item, or the
/// answer; with the solo player's own answer beside it, or a party's tally.
fn kind_cards(grid: &mut ChildSpawnerCommands, game: &Game, party: bool, fonts: &Fonts, size: f32) {
    let q = game.current();
    let card = |grid: &mut ChildSpawnerCommands, badge: String, text: String, colour: Color| {
        let (min_height, padding) = if size < 16.0 {
            (40.0, 3.0)
        } else {
            (56.0, 6.0)
        };
        grid.spawn(widgets::answer_card(badge, &text, fonts, colour, size))
            .insert(card_node(min_height, padding));
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
pub(super) fn solo_order(game: &Game) -> Option<Vec<usize>> {
    match game.last_result(SOLO)?.given? {
        Given::Order(order) => Some(order.items()),
        Given::Number(_) => None,
    }
}

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

/// The names of the seats that chose option `i`, in seat order.
fn pickers(game: &Game, i: usize) -> Vec<String> {
    game.players()
        .iter()
        .filter(|p| game.last_result(p.seat.id).and_then(|r| r.chosen) == Some(i))
        .map(|p| p.seat.name.clone())
        .collect()
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

/// Every seat's points on this question (a number's guess beside its name); a crowd's
/// best first, in two rows of small chips (every phone shows its own result).
pub(super) fn points_strip(body: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts) {
    let q = game.current();
    let mut seated: Vec<_> = game.players().iter().filter(|p| !p.removed).collect();
    let crowd = seated.len() > seat_chip::CROWD;
    let strip = if crowd {
        // A crowd (phones): the best points first, two rows of small chips;
        // every phone shows its own result.
        seated.sort_by_key(|p| {
            std::cmp::Reverse(game.last_result(p.seat.id).map_or(0, |r| r.points.total()))
        });
        // Two rows of 37 design pixels and their gap, and none of a third.
        seat_chip::crowd_strip(80.0)
    } else {
        seat_chip::strip()
    };
    let size = if crowd { 16.0 } else { 22.0 };
    // More than two rows can show, not hundreds of hidden ones.
    let most = if crowd { 18 } else { usize::MAX };
    body.spawn(strip).with_children(|strip| {
        for player in seated.into_iter().take(most) {
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

/// The final's reveal: a row per seat in the order of the reveal (lowest score first):
/// shown seats with their answer, right or wrong in words, the stake and the new score;
/// the rest wait, the next one marked.
pub(super) fn final_rows(body: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts) {
    let (order, shown) = game.final_reveal();
    // A crowd shows those around the reveal's point; the phones show their own.
    let start = shown.saturating_sub(4);
    let most = 8;
    body.spawn(Node {
        flex_direction: FlexDirection::Column,
        row_gap: px(6),
        width: px(900),
        max_width: percent(100),
        ..default()
    })
    .with_children(|rows| {
        for (k, seat) in order.iter().enumerate().skip(start).take(most) {
            let Some(player) = game.player(*seat) else {
                continue;
            };
            let (text, colour) = if player.removed {
                (
                    format!("left the game · keeps {} points", player.stats.score),
                    palette::TEXT_MUTED,
                )
            } else if k < shown && game.last_result(*seat).is_none() {
                // The final's answers were taken back (undo): nothing was scored.
                (
                    "answers taken back · nothing scored".to_string(),
                    palette::TEXT_MUTED,
                )
            } else if k < shown {
                let result = game.last_result(*seat);
                let stake = game.stake(*seat).unwrap_or(0);
                let pick = result
                    .and_then(|r| r.chosen)
                    .map_or("no answer".to_string(), |o| {
                        widgets::option_badge(o, true).to_string()
                    });
                if result.is_some_and(|r| r.correct) {
                    (
                        format!(
                            "{pick} ✓ right · staked {stake} · +{stake} → {}",
                            player.stats.score
                        ),
                        palette::RIGHT,
                    )
                } else {
                    (
                        format!(
                            "{pick} ✗ wrong · staked {stake} · −{stake} → {}",
                            player.stats.score
                        ),
                        palette::WRONG,
                    )
                }
            } else if k == shown {
                (
                    format!("next · {} points", player.stats.score),
                    palette::ACCENT,
                )
            } else {
                (
                    format!("waiting · {} points", player.stats.score),
                    palette::TEXT_MUTED,
                )
            };
            rows.spawn((
                Node {
                    align_items: AlignItems::Center,
                    column_gap: px(16),
                    padding: UiRect::axes(px(14), px(6)),
                    border: UiRect::left(px(8)),
                    border_radius: BorderRadius::all(px(10)),
                    ..default()
                },
                BackgroundColor(palette::PANEL),
                BorderColor::all(palette::seat(player.seat.colour)),
                children![
                    (
                        widgets::text(player.seat.name.clone(), &fonts.bold, 26.0, palette::TEXT),
                        Node {
                            width: px(260),
                            ..default()
                        }
                    ),
                    widgets::text(text, &fonts.bold, 24.0, colour),
                ],
            ));
        }
        if order.len() > most {
            rows.spawn(widgets::text(
                format!(
                    "{} of {} shown: each phone shows its own",
                    shown,
                    order.len()
                ),
                &fonts.regular,
                20.0,
                palette::TEXT_MUTED,
            ));
        }
    });
}
