//! What the reveal's headline and the line under it say (solo: right or wrong and the
//! points' parts; a party: the answer and who got it), and where Next goes from here.

use bevy::prelude::*;

use super::answers::solo_order;
use crate::core::game::{Format, Game, QuestionResult, RoundKind};
use crate::core::round::Asked;
use crate::core::seat::SeatId;
use crate::game::session::{SOLO, Session};
use crate::game::theme::{palette, widgets};

/// The continue button's label: where Next goes from this reveal.
pub(super) fn continue_label(session: &Session) -> &'static str {
    let game = &session.game;
    if session.preview.is_some() {
        "Show it again ▶"
    } else if game.round().kind == RoundKind::Final {
        "Next ▶"
    } else if game.round().kind == RoundKind::Tiebreak {
        "Podium ▶"
    } else if game.is_last_of_round() && game.in_rounds() {
        "Round scores ▶"
    } else if game.is_last_of_round() {
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

pub(super) fn solo_headline(game: &Game) -> (String, Color, String) {
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

pub(super) fn party_headline(game: &Game) -> (String, Color, String) {
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

/// The final's reveal: the answer, and how far the stakes have been shown.
pub(super) fn final_headline(game: &Game) -> (String, Color, String) {
    let q = game.current();
    let answer = format!(
        "The answer: {} {}",
        widgets::option_badge(q.correct, true),
        q.correct_text()
    );
    let (order, shown) = game.final_reveal();
    let line = if shown < order.len() {
        let next = game
            .player(order[shown])
            .map_or(String::new(), |p| p.seat.name.clone());
        format!(
            "Stakes one by one, lowest score first: {shown} of {} shown. Next: {next}.",
            order.len()
        )
    } else {
        "Every stake is shown: on to the final standings.".to_string()
    };
    (answer, palette::RIGHT, line)
}

/// A sudden death's reveal: the answer and who was closest.
pub(super) fn tiebreak_headline(game: &Game) -> (String, Color, String) {
    let answer = format!("The answer: {}", game.current().correct_text());
    let line = match game.tiebreak_winner().and_then(|s| game.player(s)) {
        Some(p) => format!("★ {} was closest and wins the night!", p.seat.name),
        None => "Nobody answered: the tie stands.".to_string(),
    };
    (answer, palette::RIGHT, line)
}
