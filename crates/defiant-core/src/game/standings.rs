//! Who leads: seats and teams from best to worst, and shared places.

use crate::seat::{SeatId, TeamId};

use super::Game;

impl Game {
    /// Seats from best to worst: score, then right answers, then the order they joined.
    pub fn standings(&self) -> Vec<SeatId> {
        let mut order: Vec<usize> = (0..self.players.len()).collect();
        // Once, not per comparison: it looks over every seat.
        let winner = self.tiebreak_winner();
        let won = |i: usize| Some(self.players[i].seat.id) == winner;
        order.sort_by(|&a, &b| {
            let (pa, pb) = (&self.players[a].stats, &self.players[b].stats);
            pb.score
                .cmp(&pa.score)
                .then(won(b).cmp(&won(a)))
                .then(pb.correct_count().cmp(&pa.correct_count()))
                .then(a.cmp(&b))
        });
        order.into_iter().map(|i| self.players[i].seat.id).collect()
    }

    /// Places for the standings, best first: equal scores share a place, except that the
    /// winner of a sudden death is alone in first.
    pub fn placed(&self) -> Vec<(SeatId, usize)> {
        let order = self.standings();
        let scores: Vec<i64> = order
            .iter()
            .map(|s| self.player(*s).map_or(0, |p| p.stats.score))
            .collect();
        let mut out: Vec<(SeatId, usize)> = order.into_iter().zip(places(&scores)).collect();
        if let Some(winner) = self.tiebreak_winner() {
            for (seat, place) in &mut out {
                if *place == 1 && *seat != winner {
                    *place = 2;
                }
            }
        }
        out
    }

    /// Standings when the current question opened (for rank changes on the scoreboard).
    pub fn standings_before(&self) -> &[SeatId] {
        &self.ranks_before
    }

    /// A team's score: the average of its members' scores (removed members included, as
    /// their points stand), rounded; so teams of different sizes compete fairly.
    pub fn team_score(&self, team: TeamId) -> Option<i64> {
        let scores: Vec<i64> = self
            .players
            .iter()
            .filter(|p| p.seat.team == Some(team))
            .map(|p| p.stats.score)
            .collect();
        let n = i64::try_from(scores.len()).ok().filter(|&n| n > 0)?;
        let sum: i64 = scores.iter().sum();
        // Rounded half away from zero.
        Some((2 * sum + n * sum.signum()) / (2 * n))
    }

    /// Teams from best to worst by [`Game::team_score`].
    pub fn team_standings(&self) -> Vec<(TeamId, i64)> {
        let mut teams: Vec<(TeamId, i64)> = self
            .teams
            .iter()
            .filter_map(|t| Some((t.id, self.team_score(t.id)?)))
            .collect();
        teams.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
        teams
    }
}

/// Places for scores listed best first, equal scores sharing a place ("1, 2, 2, 4").
pub fn places(scores: &[i64]) -> Vec<usize> {
    scores
        .iter()
        .map(|score| 1 + scores.iter().filter(|other| *other > score).count())
        .collect()
}
