//! A question's life: the clocks and their timers, opening a question, closing it on time
//! or once nobody is left to answer, the reveal, the scoreboard and the end.

use std::time::Duration;

use crate::command::{Event, Refusal};

use super::{BUZZ_READING_TIME, Buzz, Clock, Format, Game, Phase, RoundKind, ScoreboardEvery};

impl Game {
    /// Whether the host has paused the game: every clock stands still.
    pub fn is_paused(&self) -> bool {
        self.clock.paused_at.is_some()
    }

    /// How long the current phase has run, not counting pauses.
    pub fn phase_elapsed(&self, now: Duration) -> Duration {
        self.clock.elapsed(now)
    }

    /// The open question's time limit with any time the host added.
    pub fn time_limit(&self) -> Duration {
        self.current().time_limit + self.extra_time
    }

    /// Question time that counts against the limit: all of it when everyone answers;
    /// in buzz-in only while buzzing is open (not reading, not while someone answers).
    pub(super) fn used(&self, elapsed: Duration) -> Duration {
        match self.format_now() {
            Format::EveryoneAnswers => elapsed,
            Format::BuzzIn => {
                self.open_spent
                    + self
                        .open_since
                        .map_or(Duration::ZERO, |s| elapsed.saturating_sub(s))
            }
        }
    }

    /// Time left on the open question's countdown.
    pub fn remaining(&self, now: Duration) -> Duration {
        if self.phase != Phase::Question {
            return Duration::ZERO;
        }
        self.time_limit()
            .saturating_sub(self.used(self.clock.elapsed(now)))
    }

    /// Time left before the reveal moves on by itself, if it does.
    pub fn reveal_remaining(&self, now: Duration) -> Option<Duration> {
        // The final's reveal waits for the host until every seat is shown.
        if self.phase != Phase::Reveal || self.final_pending() {
            return None;
        }
        Some(
            self.rules
                .reveal_for?
                .saturating_sub(self.clock.elapsed(now)),
        )
    }

    /// Whether the scoreboard is due after the current question.
    pub fn scoreboard_due(&self) -> bool {
        match self.rules.scoreboard {
            ScoreboardEvery::End => false,
            ScoreboardEvery::Questions(n) => {
                let n = usize::from(n.max(1));
                let into_round = self.current + 1 - self.round().first;
                !self.is_last_of_round() && into_round.is_multiple_of(n)
            }
        }
    }

    // ---- Time -------------------------------------------------------------------------

    /// Starts the game: the first question opens at `at`.
    pub fn start(&mut self, at: Duration) -> Result<(), Refusal> {
        if self.phase != Phase::Ready {
            return Err(Refusal::WrongPhase);
        }
        self.advanced_to = at;
        self.open_round(0, at);
        Ok(())
    }

    /// Fires every timer due by `now`, each at its own instant, in order. True when a
    /// timer fired (the state changed beyond the time it is advanced to).
    pub fn advance(&mut self, now: Duration) -> bool {
        let now = now.max(self.advanced_to);
        // Each pass fires at most one timer; a timer may arm the next (a tie window ends,
        // the winner's answer time starts), so loop until nothing is due.
        let mut fired = false;
        for _ in 0..64 {
            if !self.fire_next_timer(now) {
                break;
            }
            fired = true;
        }
        self.advanced_to = now;
        fired
    }

    /// The game-clock time the game has been advanced to: no input is applied earlier.
    pub fn advanced_to(&self) -> Duration {
        self.advanced_to
    }

    /// Fires the earliest timer due by `now`, if any.
    fn fire_next_timer(&mut self, now: Duration) -> bool {
        if self.is_paused() {
            return false;
        }
        let elapsed = self.clock.elapsed(now);
        match self.phase {
            Phase::Question => match self.format_now() {
                Format::EveryoneAnswers => {
                    if elapsed >= self.time_limit() {
                        let at = self.clock.instant_of(self.time_limit());
                        self.close(at);
                        return true;
                    }
                    false
                }
                Format::BuzzIn => self.fire_buzz_timer(elapsed),
            },
            // The final's reveal goes a seat at a time at the host's pace.
            Phase::Reveal if self.final_pending() => false,
            Phase::Reveal => match self.rules.reveal_for {
                Some(wait) if elapsed >= wait => {
                    let at = self.clock.instant_of(wait);
                    self.move_on(at);
                    true
                }
                _ => false,
            },
            _ => false,
        }
    }

    /// Closes the open question (unless paused) when nothing more can happen in it:
    /// everyone answers, and every seat present has answered; buzz-in, buzzing is open
    /// and every seat present is locked out for the question. Run after anything that
    /// changes who is present or in play, and on resume.
    pub(super) fn settle(&mut self, at: Duration) {
        if self.phase != Phase::Question || self.is_paused() {
            return;
        }
        match self.format_now() {
            Format::EveryoneAnswers => self.close_if_all_answered(at),
            Format::BuzzIn => {
                let someone_left = self
                    .players
                    .iter()
                    .filter(|p| p.in_play() && !p.away)
                    .any(|p| self.lockouts.get(&p.seat.id) != Some(&None));
                if self.buzz == Buzz::Open && !someone_left {
                    let elapsed = self.clock.elapsed(at);
                    self.stop_open_clock(elapsed);
                    self.close(at);
                }
            }
        }
    }

    // ---- Opening and closing questions ------------------------------------------------

    pub(super) fn open(&mut self, index: usize, at: Duration) {
        self.ranks_before = self.standings();
        self.current = index;
        self.phase = Phase::Question;
        self.clock = Clock::new(at);
        self.extra_time = Duration::ZERO;
        self.answers.clear();
        self.early_answers.clear();
        self.lockouts.clear();
        self.open_spent = Duration::ZERO;
        self.open_since = None;
        self.buzz_rounds = 0;
        for p in &mut self.players {
            p.waiting = false;
        }
        self.buzz = if self.format_now() == Format::BuzzIn {
            Buzz::Reading {
                opens_at: BUZZ_READING_TIME,
            }
        } else {
            Buzz::Open
        };
        self.events.push(Event::QuestionOpened { index });
    }

    /// Closes the open question at `at` and scores it; the reveal follows.
    pub(super) fn close(&mut self, at: Duration) {
        if self.phase != Phase::Question {
            return;
        }
        match (self.round().kind, self.format_now()) {
            (RoundKind::Final, _) => self.close_final(),
            (RoundKind::Tiebreak, _) => self.close_tiebreak(),
            (_, Format::EveryoneAnswers) => self.score_everyone(),
            (_, Format::BuzzIn) => self.record_unanswered(false),
        }
        self.phase = Phase::Reveal;
        self.clock = Clock::new(at);
        self.events.push(Event::Revealed);
    }

    /// Skips the open question: no one is scored (buzz-in judgements already made stay,
    /// and undo can take them back).
    pub(super) fn skip(&mut self, at: Duration) {
        self.record_unanswered(true);
        self.events.push(Event::Skipped);
        self.phase = Phase::Reveal; // passes through: move_on never shows it
        self.move_on(at);
    }

    /// From a reveal: the scoreboard if due, else the next question or the end. From the
    /// scoreboard: the next question or the end.
    pub(super) fn move_on(&mut self, at: Duration) {
        if self.phase == Phase::Reveal && self.scoreboard_due() {
            self.phase = Phase::Scoreboard;
            self.clock = Clock::new(at);
            self.events.push(Event::Scoreboard);
        } else if self.is_last_of_round() {
            self.end_round(at);
        } else {
            self.open(self.current + 1, at);
        }
    }

    pub(super) fn finish(&mut self) {
        self.unbench();
        self.phase = Phase::Finished;
        self.clock.paused_at = None;
        self.events.push(Event::Finished);
    }
}
