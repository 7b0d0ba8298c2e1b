//! The points of an answer: what each answer earned (an option, an order, a number), the
//! speed and streak bonuses, and the results of the seats that did not answer. The
//! formulas themselves are the crate's [`crate::scoring`].

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::kinds::{self, Credit};
use crate::round::Asked;
use crate::scoring::{self, BASE_POINTS};
use crate::seat::SeatId;

use super::{Game, Given, Modifier, QuestionResult};

/// The points of one answer, split as the reveal shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Points {
    /// For the answer itself: 1000 at most (less for a slow answer with the speed bonus),
    /// a share of that for an order partly in place or a number near enough.
    pub answer: u32,
    /// For a run of right answers: +100 for the second in a row, growing to +500.
    pub streak_bonus: u32,
    /// Taken for a wrong buzz-in answer.
    pub penalty: u32,
}

impl Points {
    /// These points under a round's modifier: double points double the answer and the
    /// streak bonus (never a penalty).
    pub fn times(self, modifier: Modifier) -> Self {
        let factor = match modifier {
            Modifier::Normal => 1,
            Modifier::Double => 2,
        };
        Self {
            answer: self.answer.saturating_mul(factor),
            streak_bonus: self.streak_bonus.saturating_mul(factor),
            penalty: self.penalty,
        }
    }

    /// What the answer earned in all: the answer and the streak bonus, less the penalty.
    pub fn total(self) -> i64 {
        i64::from(self.answer) + i64::from(self.streak_bonus) - i64::from(self.penalty)
    }
}

impl Game {
    pub(super) fn answer_points(&self, taken: Duration) -> u32 {
        if self.rules.speed_bonus {
            scoring::answer_points(taken, self.time_limit())
        } else {
            BASE_POINTS
        }
    }

    /// What each seat's answer to the open question earned, before the speed rule.
    pub(super) fn credits(&self) -> BTreeMap<SeatId, Credit> {
        let question = self.current();
        let mut out = BTreeMap::new();
        let in_play = self.players.iter().filter(|p| p.in_play());
        match &question.asked {
            Asked::Choice => {
                for p in in_play {
                    let right = self
                        .answers
                        .get(&p.seat.id)
                        .is_some_and(|a| a.option == Some(question.correct));
                    out.insert(p.seat.id, if right { Credit::FULL } else { Credit::NONE });
                }
            }
            Asked::Order { right, .. } => {
                for p in in_play {
                    let credit = match self.answers.get(&p.seat.id).and_then(|a| a.given) {
                        // The shown index of each placed item, as its right place.
                        Some(Given::Order(order)) => {
                            let places: Vec<usize> = order
                                .items()
                                .iter()
                                .filter_map(|shown| right.iter().position(|r| r == shown))
                                .collect();
                            kinds::order_credit(&places, right.len()).unwrap_or(Credit::NONE)
                        }
                        _ => Credit::NONE,
                    };
                    out.insert(p.seat.id, credit);
                }
            }
            Asked::Number { rule, .. } => {
                let guesses: Vec<(SeatId, f64)> = in_play
                    .filter_map(|p| match self.answers.get(&p.seat.id)?.given? {
                        Given::Number(guess) => Some((p.seat.id, guess.value())),
                        Given::Order(_) => None,
                    })
                    .collect();
                // Alone, a guess earns its own credit; with others, the closest wins.
                let credits = if self.players.len() > 1 {
                    rule.party_credits(&guesses)
                } else {
                    guesses.iter().map(|&(s, g)| (s, rule.credit(g))).collect()
                };
                out.extend(credits);
            }
        }
        out
    }

    pub(super) fn score_everyone(&mut self) {
        self.save(format!("the scores of question {}", self.current + 1));
        let question = self.current;
        let limit = self.time_limit();
        let (speed, streaks) = (self.rules.speed_bonus, self.rules.streak_bonus);
        let credits = self.credits();
        let double = self.round().modifier;
        let modified = |points: Points| points.times(double);
        for p in self.players.iter_mut().filter(|p| p.in_play()) {
            let answer = self.answers.get(&p.seat.id);
            let credit = credits.get(&p.seat.id).copied().unwrap_or(Credit::NONE);
            let correct = credit.right;
            let taken = answer.map_or(limit, |a| a.taken);
            let (speed_points, streak) = scoring::score(true, taken, limit, p.stats.streak);
            let streak = if correct { streak } else { 0 };
            let full = if speed {
                speed_points.answer
            } else {
                BASE_POINTS
            };
            let points = modified(Points {
                answer: credit.points(full),
                streak_bonus: if streaks && correct {
                    speed_points.streak_bonus
                } else {
                    0
                },
                penalty: 0,
            });
            p.stats.streak = streak;
            p.stats.best_streak = p.stats.best_streak.max(streak);
            p.stats.score += points.total();
            p.stats.results.push(QuestionResult {
                question,
                chosen: answer.and_then(|a| a.option),
                given: answer.and_then(|a| a.given),
                correct,
                taken: answer.map(|a| a.taken),
                points,
                streak,
                buzzed: false,
                skipped: false,
            });
        }
    }

    /// Buzz-in: the judged seats have their results; everyone else in play gets an
    /// unanswered one (no points, streak untouched: a question you did not buzz on costs
    /// nothing). With `skipped`, the question was skipped.
    pub(super) fn record_unanswered(&mut self, skipped: bool) {
        let question = self.current;
        for p in self.players.iter_mut().filter(|p| p.in_play()) {
            if p.stats
                .results
                .last()
                .is_some_and(|r| r.question == question)
            {
                continue;
            }
            p.stats.results.push(QuestionResult {
                question,
                chosen: None,
                given: None,
                correct: false,
                taken: None,
                points: Points::default(),
                streak: p.stats.streak,
                buzzed: false,
                skipped,
            });
        }
    }
}
