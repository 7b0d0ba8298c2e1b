//! What each seat has earned: its result on every question and its running totals.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::command::{Arrangement, Guess};

use super::{Game, Points};

/// What happened to one seat on one question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuestionResult {
    /// Index of the question in the game.
    pub question: usize,
    /// The option chosen, if any.
    pub chosen: Option<usize>,
    /// The order or the number given, on those questions.
    #[serde(default)]
    pub given: Option<Given>,
    /// Whether the answer was right.
    pub correct: bool,
    /// Time from the question opening (buzz-in: from buzzing opening to the buzz).
    pub taken: Option<Duration>,
    /// What the answer earned, split as the reveal shows it.
    pub points: Points,
    /// The run of right answers after this question.
    pub streak: u32,
    /// Buzz-in: this seat won a buzz on this question.
    pub buzzed: bool,
    /// The host skipped the question: nobody was scored.
    pub skipped: bool,
}

impl QuestionResult {
    /// Whether the seat gave an answer (an option, an order or a number).
    pub fn answered(&self) -> bool {
        self.chosen.is_some() || self.given.is_some()
    }

    /// Points earned but not right: part of an order in place, a number near enough.
    pub fn partly(&self) -> bool {
        !self.correct && self.points.answer > 0
    }
}

/// An answer a seat gave to an order or a number question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Given {
    /// The items in the order the seat put them.
    Order(Arrangement),
    /// The number the seat guessed.
    Number(Guess),
}

/// A seat's running totals. Everything undo restores is in here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stats {
    /// The running score, corrections included.
    pub score: i64,
    /// Right answers in a row up to now.
    pub streak: u32,
    /// The longest run of right answers in the game.
    pub best_streak: u32,
    /// The seat's result on every question it played (skipped ones too), in order.
    pub results: Vec<QuestionResult>,
    /// The host's corrections, added up.
    pub adjustments: i64,
    /// Buzz-in: buzzes this seat won.
    pub buzzes_won: u32,
    /// Buzz-in: presses before buzzing opened.
    pub false_starts: u32,
}

impl Stats {
    /// How many questions the seat answered right.
    pub fn correct_count(&self) -> usize {
        self.results.iter().filter(|r| r.correct).count()
    }

    /// Questions this seat was asked (skipped ones do not count).
    pub fn asked(&self) -> usize {
        self.results.iter().filter(|r| !r.skipped).count()
    }

    /// Share of the questions asked answered right, 0.0 to 1.0.
    pub fn accuracy(&self) -> f64 {
        match self.asked() {
            0 => 0.0,
            n => self.correct_count() as f64 / n as f64,
        }
    }

    /// Mean time over the questions answered.
    pub fn average_time(&self) -> Option<Duration> {
        average(self.results.iter().filter_map(|r| r.taken))
    }

    /// Mean time over the questions answered right.
    pub fn average_right_time(&self) -> Option<Duration> {
        average(
            self.results
                .iter()
                .filter(|r| r.correct)
                .filter_map(|r| r.taken),
        )
    }
}

fn average(times: impl Iterator<Item = Duration>) -> Option<Duration> {
    let times: Vec<Duration> = times.collect();
    let n = u32::try_from(times.len()).ok().filter(|&n| n > 0)?;
    Some(times.iter().sum::<Duration>() / n)
}

impl Game {
    /// How many seats picked each option of the question just closed.
    pub fn option_counts(&self) -> Vec<usize> {
        let mut counts = vec![0; self.current().options.len()];
        for p in &self.players {
            if let Some(option) = self.last_result(p.seat.id).and_then(|r| r.chosen) {
                counts[option] += 1;
            }
        }
        counts
    }
}
