//! What goes into the game and what comes out of it, as plain serialisable types.
//!
//! Every device (a key group, a gamepad, the mouse, a phone, the host's shortcuts or
//! console buttons) becomes a [`Command`] stamped with the time its input arrived; the
//! game answers with [`Event`]s. A seat can only send [`SeatAction`]s for itself; host
//! actions are a separate type, so nothing a player's device sends can act as the host.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::pack::Difficulty;
use crate::round::{Asked, RoundQuestion};
use crate::seat::SeatId;

/// What a seat's device can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum SeatAction {
    /// Lock in option `n` (0-based) of the open question.
    Answer(u8),
    /// Press the buzzer in a buzz-in round.
    Buzz,
    /// Lock in an order of the open question's items.
    Order(Arrangement),
    /// Lock in a guess at the open question's number.
    Number(Guess),
    /// The final: stake this many points (secretly) on its question.
    Stake(u32),
}

/// An order of a question's items: `items()[k]` is the index (as shown) of the item the
/// player put in place `k`. Fixed-size so that commands stay plain values.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Arrangement {
    items: [u8; crate::kinds::MAX_ITEMS],
    len: u8,
}

impl Arrangement {
    /// `None` for more than [`crate::kinds::MAX_ITEMS`] items or an index over 255;
    /// whether it is an order of the question's items, the game checks.
    pub fn new(items: &[usize]) -> Option<Self> {
        if items.len() > crate::kinds::MAX_ITEMS {
            return None;
        }
        let mut out = [0u8; crate::kinds::MAX_ITEMS];
        for (slot, &item) in out.iter_mut().zip(items) {
            *slot = u8::try_from(item).ok()?;
        }
        Some(Self {
            items: out,
            len: items.len() as u8,
        })
    }

    /// The items in the player's order: `items()[k]` is the item (as shown, 0-based) put in
    /// place `k`.
    pub fn items(&self) -> Vec<usize> {
        self.items[..usize::from(self.len).min(crate::kinds::MAX_ITEMS)]
            .iter()
            .map(|&i| usize::from(i))
            .collect()
    }
}

/// A guess at a number: always finite (see [`Guess::new`]), so it compares like a value.
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize)]
#[serde(try_from = "f64", into = "f64")]
pub struct Guess(f64);

impl Eq for Guess {}

impl Guess {
    /// The biggest guess taken either way: room for any count or year, and for text typed
    /// on a phone to stay a number.
    pub const MAX: f64 = 1e12;

    /// `None` unless `value` is a finite number within ±[`Guess::MAX`].
    pub fn new(value: f64) -> Option<Self> {
        (value.is_finite() && value.abs() <= Self::MAX).then_some(Self(value))
    }

    /// The number guessed.
    pub fn value(self) -> f64 {
        self.0
    }
}

impl TryFrom<f64> for Guess {
    type Error = &'static str;
    fn try_from(value: f64) -> Result<Self, Self::Error> {
        Guess::new(value).ok_or("a guess must be a finite number")
    }
}

impl From<Guess> for f64 {
    fn from(guess: Guess) -> f64 {
        guess.0
    }
}

/// What the host can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum HostAction {
    /// Stop every clock: the question's countdown, the buzzers' and the reveal's.
    Pause,
    /// Start the clocks again from where they stopped.
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
        /// The seat whose score changes.
        seat: SeatId,
        /// Points added; negative takes them away.
        points: i32,
    },
    /// Take back the last scoring decision or host correction.
    Undo,
    /// Take a seat out of the game; its score stays in the results.
    RemoveSeat(SeatId),
    /// End the game now and go to the podium.
    End,
    /// At a round's end: stop for tonight, to continue the series another evening.
    EndEvening,
    /// First place is tied at the end: a sudden-death question for the tied seats.
    Tiebreak,
    /// First place is tied at the end: no sudden death, the tied seats share the win.
    ShareWin,
}

/// One input, from a seat or the host, with the time it arrived on the game clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum Command {
    /// A press from a seat's device.
    Seat {
        /// The seat that pressed.
        seat: SeatId,
        /// What it pressed.
        action: SeatAction,
        /// When the press arrived, on the game clock.
        at: Duration,
    },
    /// An action of the host, from a shortcut or the console.
    Host {
        /// What the host did.
        action: HostAction,
        /// When it arrived, on the game clock.
        at: Duration,
    },
}

impl Command {
    /// When the input arrived, on the game clock.
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
        /// The question's place in the round, from 0.
        index: usize,
    },
    /// A seat locked in an answer (which one stays secret until the reveal).
    LockedIn {
        /// The seat that locked in.
        seat: SeatId,
    },
    /// Buzzing opened (after the reading time, or again after a wrong answer).
    BuzzingOpened,
    /// A seat pressed its buzzer in time (first of a possible tie).
    Buzzed {
        /// The seat that buzzed.
        seat: SeatId,
    },
    /// A seat buzzed before buzzing opened and is locked out for a moment.
    FalseStart {
        /// The seat that pressed too early.
        seat: SeatId,
    },
    /// The buzz went to `seat`; `tied` lists every seat in the tie window, if more than
    /// one.
    BuzzWon {
        /// The seat that may answer.
        seat: SeatId,
        /// Every seat that pressed within the tie window, the winner among them; empty when
        /// nobody tied.
        tied: Vec<SeatId>,
    },
    /// A buzz-in answer was judged (a timed-out buzz counts as wrong).
    Judged {
        /// The seat that answered.
        seat: SeatId,
        /// Whether the answer was right.
        correct: bool,
        /// Points won, or lost to the wrong-answer penalty (negative).
        points: i64,
    },
    /// The question closed and was scored; the reveal shows.
    Revealed,
    /// The question was skipped unscored.
    Skipped,
    /// The scoreboard shows between questions.
    Scoreboard,
    /// The host paused: every clock stands still.
    Paused,
    /// The host resumed: the clocks run again.
    Resumed,
    /// The host gave the open question more time.
    TimeAdded {
        /// How many seconds were added.
        seconds: u16,
    },
    /// The host corrected a seat's score.
    Adjusted {
        /// The seat corrected.
        seat: SeatId,
        /// Points given; negative when taken away.
        points: i32,
    },
    /// The host took a seat out of the game; its score stays in the results.
    SeatRemoved {
        /// The seat taken out.
        seat: SeatId,
    },
    /// An undo took back the decision described.
    Undone {
        /// The decision taken back, in words ("-100 points for Ana").
        what: String,
    },
    /// The game is over: podium.
    Finished,
    /// Round `round` (0-based) began.
    RoundStarted {
        /// The round's place in the game, from 0.
        round: usize,
    },
    /// Round `round` is over: its scoreboard shows.
    RoundEnded {
        /// The round's place in the game, from 0.
        round: usize,
    },
    /// The final's category shows: stakes are open.
    WagerOpened,
    /// A seat set its stake (how much stays secret).
    Staked {
        /// The seat that staked.
        seat: SeatId,
    },
    /// The final's reveal showed a seat's answer and stake.
    FinalShown {
        /// The seat shown.
        seat: SeatId,
        /// Its stake won (positive) or lost (negative).
        points: i64,
    },
    /// A sudden death was decided (`None`: nobody answered it).
    TiebreakWon {
        /// The winner.
        seat: Option<SeatId>,
    },
    /// The host declined a sudden death: the tied seats share the win.
    WinShared,
    /// The night stopped at a round's end, to go on another evening.
    EveningEnded {
        /// The evening that ended, from 1.
        evening: u32,
    },
    /// A series went on: the next evening's rounds were added.
    EveningStarted {
        /// The evening that began, from 1.
        evening: u32,
    },
}

/// Why a command changed nothing. Refusals are normal (a late press, a double tap) and
/// never disturb the game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Refusal {
    /// No seat with that id is in the game.
    NoSuchSeat,
    /// The host took this seat out of the game.
    SeatRemoved,
    /// The seat joined during this question and plays from the next one.
    Waiting,
    /// The question has no such option, or the order does not place each of its items once.
    NoSuchOption,
    /// This seat already locked in (or pressed its buzzer) on this question.
    AlreadyAnswered,
    /// The question's time ran out before the press.
    TimeUp,
    /// The game is paused: nothing is answered until the host resumes.
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
    /// Undo has nothing left to take back.
    NothingToUndo,
    /// Not a command for this kind of round (e.g. a buzz in an everyone-answers round).
    NotInThisFormat,
    /// The final: a stake above what the seat may stake.
    StakeTooHigh,
}

impl Refusal {
    /// What a player is shown on their seat's chip when their press changed nothing:
    /// a few words, never a rule the room cannot see.
    pub fn words(&self) -> &'static str {
        match self {
            Refusal::NoSuchSeat | Refusal::SeatRemoved => "not in this game",
            Refusal::Waiting => "plays from the next question",
            Refusal::NoSuchOption => "no such answer",
            Refusal::AlreadyAnswered => "already locked in",
            Refusal::TimeUp => "too late: time's up",
            Refusal::Paused => "paused",
            Refusal::WrongPhase | Refusal::Stale => "too late",
            Refusal::LockedOut => "locked out",
            Refusal::NotYourTurn => "someone else answers",
            Refusal::BuzzFirst => "buzz first",
            Refusal::TooSoonAfterBuzz => "just buzzed: wait",
            Refusal::NothingToUndo => "nothing to undo",
            Refusal::NotInThisFormat => "not in this round",
            Refusal::StakeTooHigh => "stake too high",
        }
    }
}

/// A question as the room sees it: no correct answer, no explanation. Safe to show on
/// the public screen and to send to phones before the reveal.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PublicQuestion {
    /// The question's place in the round, from 0.
    pub index: usize,
    /// How many questions the round has.
    pub count: usize,
    /// The question as asked.
    pub prompt: String,
    /// The options (or an order's items) in the order shown; none for a number question.
    pub options: Vec<String>,
    /// The question's category, from the pack.
    pub category: String,
    /// Easy, medium or hard, from the pack.
    pub difficulty: Difficulty,
    /// The time limit in whole seconds, before any time the host adds.
    pub seconds: u32,
    /// A true/false question: its two options are True and False.
    pub true_false: bool,
    /// How it is answered, without the answer.
    #[serde(default)]
    pub kind: PublicKind,
}

/// How a question is answered, as the room may know it before the reveal: never the
/// answer. Phones get it flattened into their question and result
/// (`"kind":"order","first":"Earliest","last":"Latest"`).
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum PublicKind {
    /// Pick one option.
    #[default]
    Choice,
    /// Put the options in order, from `first` to `last`.
    Order {
        /// What the first end of the order means ("Earliest").
        first: String,
        /// What the last end means ("Latest").
        last: String,
    },
    /// Guess a number; `unit` follows it; the dial offers `decimals` digits after the
    /// point.
    Number {
        /// Shown after the number ("years"); empty for none.
        unit: String,
        /// Digits after the point the dial offers: 0 for whole numbers.
        decimals: u8,
    },
}

impl PublicKind {
    /// How `question` is answered, without its answer.
    pub fn of(question: &RoundQuestion) -> Self {
        match &question.asked {
            Asked::Choice => PublicKind::Choice,
            Asked::Order { first, last, .. } => PublicKind::Order {
                first: first.clone(),
                last: last.clone(),
            },
            Asked::Number { unit, rule } => PublicKind::Number {
                unit: unit.clone(),
                decimals: crate::entry::decimals_of(rule.answer, rule.tolerance),
            },
        }
    }
}

impl PublicQuestion {
    /// Question `index` of `count` as the room may see it: no answer, no explanation.
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
            kind: PublicKind::of(question),
        }
    }
}

/// Seat actions built from plain values, for the crate's unit tests.
#[cfg(test)]
pub(crate) mod test_answers {
    use super::{Arrangement, Guess, SeatAction};

    /// An order answer: the items (as shown, 0-based) from the first end to the last.
    pub fn order(items: &[usize]) -> SeatAction {
        SeatAction::Order(Arrangement::new(items).unwrap())
    }

    /// A number answer.
    pub fn guess(value: f64) -> SeatAction {
        SeatAction::Number(Guess::new(value).unwrap())
    }
}
