//! The podium's word on first place: a tie and the host's choice (sudden death or a
//! shared win), the sudden death's winner, or a shared win.

use bevy::prelude::*;

use crate::core::game::Game;
use crate::core::seat::SeatId;
use crate::game::session::Session;

/// The line about a tie for first: offered, decided or shared.
#[derive(Component)]
pub(super) struct TieLine;

/// The tie's buttons, shown while a sudden death is offered.
#[derive(Component)]
pub(super) struct TieButtons;

/// What the podium says about first place: a tie and what the host may do, who won the
/// sudden death, or a shared win. Empty when nobody tied.
pub(super) fn tie_line(game: &Game) -> String {
    let names = |seats: &[SeatId]| {
        seats
            .iter()
            .filter_map(|s| game.player(*s).map(|p| p.seat.name.clone()))
            .collect::<Vec<_>>()
            .join(" and ")
    };
    if let Some(p) = game.tiebreak_winner().and_then(|s| game.player(s)) {
        return format!("★ {} won the sudden death", p.seat.name);
    }
    let tied = game.tied_for_first();
    if game.tiebreak_offered() {
        return format!(
            "Tied for first: {}. Sudden death (one number question, closest wins) or share the win?",
            names(&tied)
        );
    }
    if !tied.is_empty() || game.win_shared() {
        // (Both mean two or more seats share the top score.)
        let top = game.standings();
        let best = top
            .first()
            .and_then(|s| game.player(*s))
            .map_or(0, |p| p.stats.score);
        let sharing: Vec<SeatId> = game
            .players()
            .iter()
            .filter(|p| !p.removed && p.stats.score == best)
            .map(|p| p.seat.id)
            .collect();
        return format!("{} share the win", names(&sharing));
    }
    String::new()
}

/// The tie's line follows the game (a shared win, an undo); its buttons go once the host
/// has decided.
pub(super) fn tie(
    session: Res<Session>,
    mut lines: Query<&mut Text, With<TieLine>>,
    buttons: Query<Entity, With<TieButtons>>,
    mut commands: Commands,
) {
    if !session.is_changed() {
        return;
    }
    let wanted = tie_line(&session.game);
    for mut text in &mut lines {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
    }
    if !session.game.tiebreak_offered() {
        for entity in &buttons {
            commands.entity(entity).despawn();
        }
    }
}
