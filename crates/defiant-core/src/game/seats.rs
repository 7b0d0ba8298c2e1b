//! The seats in a game: who is playing, latecomers, seats away or renamed, and what each
//! seat is doing on the open question.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::seat::{Seat, SeatId};

use super::{Buzz, Format, Game, GameError, Given, Phase, QuestionResult, Stats};

/// A seat in the game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Player {
    /// The seat: its name, colour, device and team.
    pub seat: Seat,
    /// Its score and results so far.
    pub stats: Stats,
    /// Taken out by the host: no longer asked, score kept.
    pub removed: bool,
    /// Its device is gone for now (a pad unplugged, a phone asleep): kept, not waited for.
    pub away: bool,
    /// Joined while a question was open: plays from the next one.
    pub waiting: bool,
    /// Sits out a sudden death it is not part of.
    #[serde(default)]
    pub benched: bool,
}

impl Player {
    /// Expected to answer the open question.
    pub fn in_play(&self) -> bool {
        !self.removed && !self.waiting && !self.benched
    }
}

/// A seat's state on the open question, for the host.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SeatState {
    /// Between questions, or a skipped question.
    Idle,
    /// Has not answered yet.
    Thinking,
    /// Locked in an answer (which one, the host sees in the console).
    Answered,
    /// Pressed the buzzer; the tie window is still open.
    Buzzed,
    /// Won the buzz and is answering.
    Holding,
    /// Locked out of buzzing (a false start or a wrong answer).
    LockedOut,
    /// The reveal: the answer was right.
    Right,
    /// The reveal: the answer earned some points but was not right.
    Partly,
    /// The reveal: the answer was wrong.
    Wrong,
    /// The reveal: no answer was given.
    NoAnswer,
    /// Its device is gone for now.
    Away,
    /// Joined during a question: plays from the next.
    Waiting,
    /// Taken out by the host.
    Removed,
    /// The final: has set a stake (how much stays secret).
    Staked,
}

impl SeatState {
    /// In words, so that no state is told by colour alone.
    pub fn label(self) -> &'static str {
        match self {
            SeatState::Idle => "joined",
            SeatState::Thinking => "thinking",
            SeatState::Answered => "answered",
            SeatState::Buzzed => "buzzed",
            SeatState::Holding => "holds the buzz",
            SeatState::LockedOut => "locked out",
            SeatState::Right => "right",
            SeatState::Partly => "partly right",
            SeatState::Wrong => "wrong",
            SeatState::NoAnswer => "no answer",
            SeatState::Away => "away",
            SeatState::Waiting => "waiting for the next question",
            SeatState::Removed => "removed",
            SeatState::Staked => "staked ✓",
        }
    }
}

impl Game {
    /// Whether `seat` has locked in an answer to the open question.
    pub fn has_answered(&self, seat: SeatId) -> bool {
        self.answers.contains_key(&seat)
            || (self.phase == Phase::Question && self.last_result(seat).is_some())
    }

    /// The option `seat` locked in (or answered after a buzz) on the current question.
    pub fn chosen(&self, seat: SeatId) -> Option<usize> {
        self.answers
            .get(&seat)
            .and_then(|a| a.option)
            .or_else(|| self.last_result(seat).and_then(|r| r.chosen))
    }

    /// The order or number `seat` locked in on the current question.
    pub fn given(&self, seat: SeatId) -> Option<Given> {
        self.answers
            .get(&seat)
            .and_then(|a| a.given)
            .or_else(|| self.last_result(seat).and_then(|r| r.given))
    }

    /// The latest result of `seat` (on the question just closed).
    pub fn last_result(&self, seat: SeatId) -> Option<&QuestionResult> {
        let result = self.player(seat)?.stats.results.last()?;
        (result.question == self.current).then_some(result)
    }

    /// What `seat` is doing now, as the host console lists it.
    pub fn seat_state(&self, seat: SeatId, now: Duration) -> Option<SeatState> {
        let player = self.player(seat)?;
        if player.removed {
            return Some(SeatState::Removed);
        }
        if player.waiting {
            return Some(SeatState::Waiting);
        }
        if player.benched && matches!(self.phase, Phase::Question | Phase::Reveal) {
            return Some(SeatState::Idle);
        }
        let result = self.last_result(seat);
        let state = match self.phase {
            Phase::Question => match &self.buzz {
                Buzz::Answering { seat: holder, .. } if *holder == seat => SeatState::Holding,
                _ if self.format_now() == Format::BuzzIn && self.lockout(seat, now).is_some() => {
                    SeatState::LockedOut
                }
                Buzz::Gathering { presses, .. } if presses.contains(&seat) => SeatState::Buzzed,
                _ if self.has_answered(seat) => SeatState::Answered,
                _ if player.away => SeatState::Away,
                _ => SeatState::Thinking,
            },
            Phase::Reveal => match result {
                Some(r) if r.skipped => SeatState::Idle,
                Some(r) if r.correct => SeatState::Right,
                Some(r) if r.partly() => SeatState::Partly,
                Some(r) if r.answered() => SeatState::Wrong,
                _ if player.away => SeatState::Away,
                _ => SeatState::NoAnswer,
            },
            Phase::Wager if self.has_staked(seat) => SeatState::Staked,
            _ if player.away => SeatState::Away,
            Phase::Wager => SeatState::Thinking,
            Phase::Ready
            | Phase::Scoreboard
            | Phase::RoundEnd
            | Phase::Intermission
            | Phase::Finished => SeatState::Idle,
        };
        Some(state)
    }

    // ---- Changing the roster ----------------------------------------------------------

    /// Adds a seat during the game (a latecomer). During a question it waits for the next.
    pub fn add_seat(&mut self, seat: Seat) -> Result<(), GameError> {
        if self.index_of(seat.id).is_some() {
            return Err(GameError::DuplicateSeat);
        }
        let waiting = self.phase == Phase::Question;
        self.players.push(Player {
            seat,
            stats: Stats::default(),
            removed: false,
            away: false,
            waiting,
            benched: false,
        });
        Ok(())
    }

    /// Marks a seat away (its device is gone) or back at `at`, after the timers due by
    /// then (as [`Game::apply`] does). Its score is untouched.
    pub fn set_away(&mut self, seat: SeatId, away: bool, at: Duration) {
        let at = at.max(self.advanced_to);
        self.advance(at);
        if let Some(i) = self.index_of(seat) {
            self.players[i].away = away;
        }
        self.settle(at);
    }

    /// Gives `seat` a new name (the score and results stay).
    pub fn rename(&mut self, seat: SeatId, name: String) {
        if let Some(i) = self.index_of(seat) {
            self.players[i].seat.name = name;
        }
    }
}
