//! What goes into the game and what comes out of it, as plain serialisable types.
//!
//! Every device (a key group, a gamepad, the mouse, a phone, the host's shortcuts or
//! console buttons) becomes a [`Command`] stamped with the time its input arrived; the
//! game answers with [`Event`]s. A seat can only send [`SeatAction`]s for itself; host
//! actions are a separate type, so nothing a player's device sends can act as the host.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::pack::Difficulty;
use crate::round::RoundQuestion;
use crate::seat::SeatId;

/// What a seat's device can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeatAction {
    /// Lock in option `n` (0-based) of the open question.
    Answer(u8),
    /// Press the buzzer in a buzz-in round.
    Buzz,
}

/// What the host can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HostAction {
    Pause,
    Resume,
    /// Pause when running, resume when paused.
    TogglePause,
    /// Leave the question unscored and move on.
    Skip,
    /// Close the question now and show its answer.
    Reveal,
    /// Move on from the reveal or the scoreboard.
    Next,
    /// More seconds for the open question.
    AddTime(u16),
    /// Give (or, negative, take) points.
    Adjust {
        seat: SeatId,
        points: i32,
    },
    /// Take back the last scoring decision or host correction.
    Undo,
    /// Take a seat out of the game; its score stays in the results.
    RemoveSeat(SeatId),
    /// End the game now and go to the podium.
    End,
}

/// One input, from a seat or the host, with the time it arrived on the game clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    Seat {
        seat: SeatId,
        action: SeatAction,
        at: Duration,
    },
    Host {
        action: HostAction,
        at: Duration,
    },
}

impl Command {
    pub fn at(&self) -> Duration {
        match self {
            Command::Seat { at, .. } | Command::Host { at, .. } => *at,
        }
    }
}

/// What happened, for screens, sounds and phones to react to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Event {
    /// Question `index` (0-based) opened.
    QuestionOpened {
        index: usize,
    },
    /// A seat locked in an answer (which one stays secret until the reveal).
    LockedIn {
        seat: SeatId,
    },
    /// Buzzing opened (after the reading time, or again after a wrong answer).
    BuzzingOpened,
    /// A seat pressed its buzzer in time (first of a possible tie).
    Buzzed {
        seat: SeatId,
    },
    /// A seat buzzed before buzzing opened and is locked out for a moment.
    FalseStart {
        seat: SeatId,
    },
    /// The buzz went to `seat`; `tied` lists every seat in the tie window, if more than one.
    BuzzWon {
        seat: SeatId,
        tied: Vec<SeatId>,
    },
    /// A buzz-in answer was judged (a timed-out buzz counts as wrong).
    Judged {
        seat: SeatId,
        correct: bool,
        points: i64,
    },
    /// The question closed and was scored; the reveal shows.
    Revealed,
    /// The question was skipped unscored.
    Skipped,
    /// The scoreboard shows between questions.
    Scoreboard,
    Paused,
    Resumed,
    TimeAdded {
        seconds: u16,
    },
    Adjusted {
        seat: SeatId,
        points: i32,
    },
    SeatRemoved {
        seat: SeatId,
    },
    /// An undo took back the decision described.
    Undone {
        what: String,
    },
    /// The game is over: podium.
    Finished,
}

/// Why a command changed nothing. Refusals are normal (a late press, a double tap) and
/// never disturb the game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    NoSuchSeat,
    SeatRemoved,
    /// The seat joined during this question and plays from the next one.
    Waiting,
    NoSuchOption,
    AlreadyAnswered,
    TimeUp,
    Paused,
    /// Not possible in the current phase (e.g. an answer during the reveal).
    WrongPhase,
    /// Stamped before the current question opened: meant for an earlier one.
    Stale,
    /// Buzz-in: this seat is locked out (false start or a wrong answer).
    LockedOut,
    /// Buzz-in: someone else holds the buzz.
    NotYourTurn,
    /// Buzz-in: an answer needs a buzz first.
    BuzzFirst,
    /// The host's Next, Skip or Reveal came within half a second of a buzz.
    TooSoonAfterBuzz,
    NothingToUndo,
    /// Not a command for this kind of round (e.g. a buzz in an everyone-answers round).
    NotInThisFormat,
}

/// A question as the room sees it: no correct answer, no explanation. Safe to show on
/// the public screen and to send to phones before the reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicQuestion {
    pub index: usize,
    pub count: usize,
    pub prompt: String,
    pub options: Vec<String>,
    pub category: String,
    pub difficulty: Difficulty,
    pub seconds: u32,
    pub true_false: bool,
}

impl PublicQuestion {
    pub fn of(question: &RoundQuestion, index: usize, count: usize) -> Self {
        Self {
            index,
            count,
            prompt: question.prompt.clone(),
            options: question.options.clone(),
            category: question.category.clone(),
            difficulty: question.difficulty,
            seconds: question.time_limit.as_secs() as u32,
            true_false: question.true_false,
        }
    }
}
