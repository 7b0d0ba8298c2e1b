//! Buzz-in: the reading time and false starts, ties within the window drawn with the
//! seed, the winner's answer time, wrong answers that lock a seat out and reopen buzzing.

use std::time::Duration;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::command::{Event, Refusal};
use crate::scoring;
use crate::seat::SeatId;

use super::{Game, Points, QuestionResult};

/// Presses this close after the first buzz are a tie.
pub const BUZZ_TIE_WINDOW: Duration = Duration::from_millis(300);
/// How long a false start locks a seat out.
pub const FALSE_START_LOCKOUT: Duration = Duration::from_secs(3);
/// How long the winner of a buzz has to pick an option.
pub const BUZZ_ANSWER_TIME: Duration = Duration::from_secs(5);
/// How long after the question shows before buzzing opens.
pub const BUZZ_READING_TIME: Duration = Duration::from_secs(2);

/// The buzz-in state of the open question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Buzz {
    /// Reading time: a press now is a false start. Opens at this question time.
    Reading {
        /// When buzzing opens, in question time.
        opens_at: Duration,
    },
    /// Anyone not locked out may buzz.
    Open,
    /// A first press came at `first`; presses until `first + BUZZ_TIE_WINDOW` tie.
    Gathering {
        /// When the first press came, in question time.
        first: Duration,
        /// Every seat that has pressed so far, in the order pressed.
        presses: Vec<SeatId>,
    },
    /// `seat` won the buzz and may answer until `until`; buzzing had been open for
    /// `taken` (of the countdown) when the buzz came.
    Answering {
        /// The seat answering.
        seat: SeatId,
        /// When its answer time runs out, in question time.
        until: Duration,
        /// The countdown used up before the buzz: what the speed rule scores.
        taken: Duration,
    },
}

impl Game {
    /// Where buzzing stands on the open question.
    pub fn buzz(&self) -> &Buzz {
        &self.buzz
    }

    /// Whether `seat` is locked out of buzzing at `now` (and until when, if not for good).
    pub fn lockout(&self, seat: SeatId, now: Duration) -> Option<Option<Duration>> {
        let elapsed = self.clock.elapsed(now);
        match self.lockouts.get(&seat) {
            Some(None) => Some(None),
            Some(Some(until)) if *until > elapsed => Some(Some(*until - elapsed)),
            _ => None,
        }
    }

    pub(super) fn fire_buzz_timer(&mut self, elapsed: Duration) -> bool {
        match self.buzz.clone() {
            Buzz::Reading { opens_at } if elapsed >= opens_at => {
                self.open_buzzing(opens_at);
                true
            }
            Buzz::Open => {
                let since = self.open_since.unwrap_or(elapsed);
                let due = since + self.time_limit().saturating_sub(self.open_spent);
                if elapsed >= due {
                    self.stop_open_clock(due);
                    let at = self.clock.instant_of(due);
                    self.close(at);
                    return true;
                }
                false
            }
            Buzz::Gathering { first, presses } if elapsed >= first + BUZZ_TIE_WINDOW => {
                self.award_buzz(first + BUZZ_TIE_WINDOW, first, presses);
                true
            }
            Buzz::Answering { seat, until, .. } if elapsed >= until => {
                self.judge(seat, None, until);
                true
            }
            _ => false,
        }
    }

    pub(super) fn press_buzzer(&mut self, seat: SeatId, at: Duration) -> Result<(), Refusal> {
        let elapsed = self.clock.elapsed(at);
        if self.lockout(seat, at).is_some() {
            return Err(Refusal::LockedOut);
        }
        match &mut self.buzz {
            Buzz::Reading { .. } => {
                self.lockouts
                    .insert(seat, Some(elapsed + FALSE_START_LOCKOUT));
                if let Some(i) = self.index_of(seat) {
                    self.players[i].stats.false_starts += 1;
                }
                self.events.push(Event::FalseStart { seat });
                Ok(())
            }
            Buzz::Open => {
                self.buzz = Buzz::Gathering {
                    first: elapsed,
                    presses: vec![seat],
                };
                self.last_buzz_at = Some(at);
                self.events.push(Event::Buzzed { seat });
                self.award_if_everyone_pressed(elapsed);
                Ok(())
            }
            Buzz::Gathering { presses, .. } => {
                if presses.contains(&seat) {
                    return Err(Refusal::AlreadyAnswered);
                }
                presses.push(seat);
                self.last_buzz_at = Some(at);
                self.events.push(Event::Buzzed { seat });
                self.award_if_everyone_pressed(elapsed);
                Ok(())
            }
            Buzz::Answering { .. } => Err(Refusal::NotYourTurn),
        }
    }

    /// Seats that may still buzz on this question at question time `elapsed`.
    fn may_buzz(&self, elapsed: Duration) -> Vec<SeatId> {
        self.players
            .iter()
            .filter(|p| p.in_play() && !p.away)
            .map(|p| p.seat.id)
            .filter(|s| match self.lockouts.get(s) {
                Some(None) => false,
                Some(Some(until)) => *until <= elapsed,
                None => true,
            })
            .collect()
    }

    /// When every seat that could buzz has, the tie is settled at once.
    fn award_if_everyone_pressed(&mut self, elapsed: Duration) {
        if let Buzz::Gathering { first, presses } = &self.buzz {
            let (first, presses) = (*first, presses.clone());
            if self.may_buzz(elapsed).iter().all(|s| presses.contains(s)) {
                self.award_buzz(elapsed, first, presses);
            }
        }
    }

    /// Draws the winner among the tied presses with the round's seed, at question time
    /// `elapsed`; the first press came at `first`.
    fn award_buzz(&mut self, elapsed: Duration, first: Duration, presses: Vec<SeatId>) {
        let winner = draw(self.seed, self.current, self.buzz_rounds, &presses);
        self.buzz_rounds += 1;
        let taken = self.used(first).min(self.time_limit());
        self.stop_open_clock(elapsed);
        self.buzz = Buzz::Answering {
            seat: winner,
            until: elapsed + BUZZ_ANSWER_TIME,
            taken,
        };
        if let Some(i) = self.index_of(winner) {
            self.players[i].stats.buzzes_won += 1;
        }
        let tied = if presses.len() > 1 {
            presses
        } else {
            Vec::new()
        };
        self.events.push(Event::BuzzWon { seat: winner, tied });
        // A buzzer who pressed an option straight after the buzz, before the tie was
        // settled, answered then.
        let early = std::mem::take(&mut self.early_answers);
        if let Some(&option) = early.get(&winner) {
            self.judge(winner, Some(option), elapsed);
        }
    }

    pub(super) fn buzz_answer(
        &mut self,
        seat: SeatId,
        option: usize,
        at: Duration,
    ) -> Result<(), Refusal> {
        match &self.buzz {
            Buzz::Answering { seat: holder, .. } if *holder == seat => {}
            Buzz::Answering { .. } => return Err(Refusal::NotYourTurn),
            // Buzzed and answered at once: kept until the tie is settled.
            Buzz::Gathering { presses, .. } if presses.contains(&seat) => {
                if self.early_answers.contains_key(&seat) {
                    return Err(Refusal::AlreadyAnswered);
                }
                self.early_answers.insert(seat, option);
                return Ok(());
            }
            _ if self.lockouts.get(&seat) == Some(&None) => return Err(Refusal::LockedOut),
            _ => return Err(Refusal::BuzzFirst),
        }
        let elapsed = self.clock.elapsed(at);
        self.judge(seat, Some(option), elapsed);
        Ok(())
    }

    /// Scores a buzz-in answer (`None`: the answer time ran out) at question time
    /// `elapsed`.
    fn judge(&mut self, seat: SeatId, option: Option<usize>, elapsed: Duration) {
        let Some(i) = self.index_of(seat) else { return };
        let correct = option == Some(self.current().correct);
        self.save(format!(
            "{} answer from {}",
            if correct { "the right" } else { "a wrong" },
            self.players[i].seat.name
        ));
        // The buzz time: buzzing open until the press, for the speed rule.
        let taken = match self.buzz {
            Buzz::Answering { taken, .. } => taken,
            _ => self.open_spent.min(self.time_limit()),
        };
        let answer_points = self.answer_points(taken);
        let streak_bonus = self.rules.streak_bonus;
        let modifier = self
            .rounds
            .iter()
            .find(|r| r.holds(self.current))
            .map(|r| r.modifier)
            .unwrap_or_default();
        let stats = &mut self.players[i].stats;
        let points = if correct {
            let streak = stats.streak + 1;
            Points {
                answer: answer_points,
                streak_bonus: if streak_bonus {
                    scoring::streak_bonus(streak)
                } else {
                    0
                },
                penalty: 0,
            }
            .times(modifier)
        } else {
            Points {
                penalty: self.rules.wrong_penalty,
                ..Points::default()
            }
        };
        stats.streak = if correct { stats.streak + 1 } else { 0 };
        stats.best_streak = stats.best_streak.max(stats.streak);
        stats.score += points.total();
        let result = QuestionResult {
            question: self.current,
            chosen: option,
            given: None,
            correct,
            taken: Some(taken),
            points,
            streak: stats.streak,
            buzzed: true,
            skipped: false,
        };
        stats.results.push(result);
        self.events.push(Event::Judged {
            seat,
            correct,
            points: points.total(),
        });
        let at = self.clock.instant_of(elapsed);
        if correct {
            self.close(at);
        } else {
            self.lockouts.insert(seat, None);
            self.reopen_or_close(elapsed, at);
        }
    }

    /// After a wrong answer (or the answering seat leaving): buzzing opens again for the
    /// others, or the question closes when nobody is left to buzz.
    pub(super) fn reopen_or_close(&mut self, elapsed: Duration, at: Duration) {
        let left = self
            .players
            .iter()
            .filter(|p| p.in_play() && !p.away)
            .any(|p| self.lockouts.get(&p.seat.id) != Some(&None));
        if left && self.remaining_at(elapsed) > Duration::ZERO {
            self.open_buzzing(elapsed);
        } else if self.is_paused() {
            // Nobody is left, but the host has paused: the question closes on resume.
            self.open_buzzing(elapsed);
        } else {
            self.close(at);
        }
    }

    fn remaining_at(&self, elapsed: Duration) -> Duration {
        self.time_limit().saturating_sub(self.used(elapsed))
    }

    fn open_buzzing(&mut self, elapsed: Duration) {
        self.buzz = Buzz::Open;
        self.open_since = Some(elapsed);
        self.events.push(Event::BuzzingOpened);
    }

    /// Stops the buzz-in countdown (someone is answering, or the question ends).
    pub(super) fn stop_open_clock(&mut self, elapsed: Duration) {
        if let Some(since) = self.open_since.take() {
            self.open_spent += elapsed.saturating_sub(since);
        }
    }
}

/// The winner among tied presses, drawn from the round's seed, the question and how many
/// buzzes it has had: the same round code replays the same winners.
pub fn draw(seed: u64, question: usize, round: u32, presses: &[SeatId]) -> SeatId {
    let mut sorted = presses.to_vec();
    // The draw must not depend on which of the tied presses the machine saw first.
    sorted.sort();
    let mix =
        seed ^ (question as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (u64::from(round) << 48);
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(mix);
    sorted[rng.random_range(0..sorted.len())]
}
