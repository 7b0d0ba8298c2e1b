//! The podium's round-by-round list: each round's points and winner (and its evening, in
//! a series).

use bevy::prelude::*;

use crate::core::game::Game;
use crate::core::seat::SeatId;
use crate::game::theme::{Fonts, palette, widgets};

/// A line for every round of a night of rounds.
pub(super) fn round_lines(rest: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts) {
    let name = |seat: &SeatId| {
        game.player(*seat)
            .map_or(String::new(), |p| p.seat.name.clone())
    };
    rest.spawn(widgets::text(
        "Round by round",
        &fonts.bold,
        24.0,
        palette::TEXT_MUTED,
    ));
    for (i, round) in game.rounds().iter().enumerate() {
        let mut points: Vec<(i64, String)> = game
            .players()
            .iter()
            .filter(|p| !p.removed)
            .map(|p| (game.round_points(p.seat.id, i), p.seat.name.clone()))
            .collect();
        points.sort_by_key(|p| std::cmp::Reverse(p.0));
        let line: Vec<String> = points
            .iter()
            .take(8)
            .map(|(pts, who)| format!("{who} {pts:+}"))
            .collect();
        let winners: Vec<String> = game.round_winners(i).iter().map(name).collect();
        let won = if winners.is_empty() {
            String::new()
        } else {
            format!(" · ★ {}", winners.join(" & "))
        };
        let evening = if game.is_series() {
            format!("Evening {} · ", round.evening)
        } else {
            String::new()
        };
        rest.spawn(widgets::text(
            format!("{evening}{}{won}\n    {}", round.name, line.join("   ")),
            &fonts.regular,
            21.0,
            palette::TEXT,
        ));
    }
}
