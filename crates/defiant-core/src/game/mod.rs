//! The game: one engine for a solo round and a party night.
//!
//! A [`Game`] holds the questions picked for the round, the seats, their scores and every
//! rule of the two formats:
//!
//! - **Everyone answers**: every seat locks in one option; the question closes when the
//!   time is up or every seat present has answered; then everyone is scored at once.
//! - **Buzz-in**: the question shows; after a short reading time buzzing opens. Presses
//!   within [`BUZZ_TIE_WINDOW`] of the first are a tie, drawn with the round's seed. The
//!   winner has [`BUZZ_ANSWER_TIME`] to pick an option: right scores and ends the
//!   question; wrong costs the penalty, locks that seat out for the question and reopens
//!   buzzing for the others. A press before buzzing opens is a false start: that seat is
//!   locked out for [`FALSE_START_LOCKOUT`].
//!
//! Time enters only as the `at` of each command and the `now` of [`Game::advance`]: the
//! time on one game clock at which the input arrived. Timers (time up, the tie window, a
//! buzzer's answer time, the reveal's countdown) fire at their exact instants when the
//! game is advanced past them, before any later command, so the order of a frame never
//! changes an outcome. Pause lives here and stops every timer.
//!
//! Every scoring decision and host correction first saves the scores:
//! [`HostAction::Undo`](crate::command::HostAction::Undo) restores them exactly, back to
//! the start of the game.
//!
//! The engine is split by concern: [`Rules`] and formats (`rules`), a question's life
//! and its clocks (`flow`), buzzing (`buzz`), the host's actions and undo (`host`), the
//! seats (`seats`), points (`points`), running totals (`stats`) and standings
//! (`standings`).

mod buzz;
mod flow;
mod host;
mod points;
mod rounds;
mod rules;
mod seats;
mod standings;
mod stats;

pub use buzz::{
    BUZZ_ANSWER_TIME, BUZZ_READING_TIME, BUZZ_TIE_WINDOW, Buzz, FALSE_START_LOCKOUT, draw,
};
pub use host::{HOST_GUARD_AFTER_BUZZ, MAX_EXTRA_TIME};
pub use points::Points;
pub use rounds::{Evening, GameRound, Modifier, RoundKind, STAKE_FLOOR};
pub use rules::{Format, Rules, ScoreboardEvery};
pub use seats::{Player, SeatState};
pub use standings::places;
pub use stats::{Given, QuestionResult, Stats};

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::command::{Command, Event, PublicQuestion, Refusal, SeatAction};
use crate::kinds;
use crate::round::{Asked, RoundQuestion};
use crate::seat::{Seat, SeatId, Team};

use host::Snapshot;

/// Where the game is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Phase {
    /// Built, nothing shown yet.
    Ready,
    /// A question is open.
    Question,
    /// The answer of the question just closed is shown.
    Reveal,
    /// The scores between questions.
    Scoreboard,
    /// The final's category shows; every seat stakes points on its one question.
    Wager,
    /// A round is over: its winner and the totals, at the host's pace.
    RoundEnd,
    /// A series stopped for the night at a round's end: it goes on another evening.
    Intermission,
    /// Over: podium.
    Finished,
}

/// A lock-in: an option, or an order or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Answer {
    option: Option<usize>,
    given: Option<Given>,
    taken: Duration,
}

/// A phase's clock: how long it has run, not counting pauses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
struct Clock {
    started: Duration,
    paused_at: Option<Duration>,
    paused_for: Duration,
}

impl Clock {
    fn new(at: Duration) -> Self {
        Self {
            started: at,
            paused_at: None,
            paused_for: Duration::ZERO,
        }
    }

    fn elapsed(&self, at: Duration) -> Duration {
        self.paused_at
            .unwrap_or(at)
            .saturating_sub(self.started)
            .saturating_sub(self.paused_for)
    }

    /// The game-clock time at which this phase has run `elapsed` (while not paused).
    fn instant_of(&self, elapsed: Duration) -> Duration {
        self.started + self.paused_for + elapsed
    }
}

/// A game being played.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Game {
    questions: Vec<RoundQuestion>,
    rules: Rules,
    seed: u64,
    players: Vec<Player>,
    teams: Vec<Team>,
    current: usize,
    phase: Phase,
    clock: Clock,
    extra_time: Duration,
    answers: BTreeMap<SeatId, Answer>,
    /// Buzz-in: the state of buzzing, the seats locked out (until a question time, or
    /// `None` for the rest of the question), the open time used up before the current
    /// stretch, and when that stretch began.
    buzz: Buzz,
    lockouts: BTreeMap<SeatId, Option<Duration>>,
    /// Answers pressed by tied buzzers before the tie was settled: the winner's counts.
    early_answers: BTreeMap<SeatId, usize>,
    open_spent: Duration,
    open_since: Option<Duration>,
    buzz_rounds: u32,
    last_buzz_at: Option<Duration>,
    /// Standings when the current question opened, for the scoreboard's rank changes.
    ranks_before: Vec<SeatId>,
    undo: Vec<Snapshot>,
    advanced_to: Duration,
    events: Vec<Event>,
    /// The rounds, end to end over the questions (see `rounds`).
    #[serde(default)]
    rounds: Vec<GameRound>,
    /// Goes on over several evenings.
    #[serde(default)]
    series: bool,
    /// The final: each seat's stake, the reveal's order and how far it has gone.
    #[serde(default)]
    stakes: rounds::Stakes,
    #[serde(default)]
    final_order: Vec<SeatId>,
    #[serde(default)]
    final_step: usize,
    /// Number questions kept for a sudden death, and how the last one ended.
    #[serde(default)]
    tiebreak_pool: Vec<RoundQuestion>,
    #[serde(default)]
    tiebreak_winner: Option<SeatId>,
    #[serde(default)]
    shared_win: bool,
}

impl Game {
    /// A game of `questions` for `seats` (at least one) and `teams` under `rules`; the
    /// seed draws buzz ties.
    pub fn new(
        questions: Vec<RoundQuestion>,
        seats: Vec<Seat>,
        teams: Vec<Team>,
        rules: Rules,
        seed: u64,
    ) -> Result<Self, GameError> {
        if questions.is_empty() {
            return Err(GameError::NoQuestions);
        }
        if seats.is_empty() {
            return Err(GameError::NoSeats);
        }
        let mut ids = BTreeSet::new();
        if !seats.iter().all(|s| ids.insert(s.id)) {
            return Err(GameError::DuplicateSeat);
        }
        let players: Vec<Player> = seats
            .into_iter()
            .map(|seat| Player {
                seat,
                stats: Stats::default(),
                removed: false,
                away: false,
                waiting: false,
                benched: false,
            })
            .collect();
        let ranks_before = players.iter().map(|p| p.seat.id).collect();
        let rounds = rounds::one_round(rules.format, questions.len());
        Ok(Self {
            questions,
            rules,
            seed,
            players,
            teams,
            current: 0,
            phase: Phase::Ready,
            clock: Clock::new(Duration::ZERO),
            extra_time: Duration::ZERO,
            answers: BTreeMap::new(),
            buzz: Buzz::Open,
            lockouts: BTreeMap::new(),
            early_answers: BTreeMap::new(),
            open_spent: Duration::ZERO,
            open_since: None,
            buzz_rounds: 0,
            last_buzz_at: None,
            ranks_before,
            undo: Vec::new(),
            advanced_to: Duration::ZERO,
            events: Vec::new(),
            rounds,
            series: false,
            stakes: rounds::Stakes::new(),
            final_order: Vec::new(),
            final_step: 0,
            tiebreak_pool: Vec::new(),
            tiebreak_winner: None,
            shared_win: false,
        })
    }

    // ---- Reading the state -------------------------------------------------------------

    /// Where the game is: ready, a question, the reveal, the scoreboard or the end.
    pub fn phase(&self) -> Phase {
        self.phase
    }

    /// The rules the game is played by.
    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    /// The seed that draws buzz ties: the same seed replays the same winners.
    pub fn seed(&self) -> u64 {
        self.seed
    }

    /// The round's questions, in the order asked, each with its options as shown.
    pub fn questions(&self) -> &[RoundQuestion] {
        &self.questions
    }

    /// The index of the question being asked or last asked, from 0.
    pub fn current_index(&self) -> usize {
        self.current
    }

    /// The question being asked or last asked (with its answer: not for the public screen
    /// before the reveal; see [`Game::public_question`]).
    pub fn current(&self) -> &RoundQuestion {
        &self.questions[self.current]
    }

    /// The current question as the room may see it before the reveal.
    pub fn public_question(&self) -> PublicQuestion {
        PublicQuestion::of(self.current(), self.current, self.questions.len())
    }

    /// Whether the current question is the round's last.
    pub fn is_last_question(&self) -> bool {
        self.current + 1 >= self.questions.len()
    }

    /// Every seat in the game, removed ones included, in the order they joined.
    pub fn players(&self) -> &[Player] {
        &self.players
    }

    /// The player in `seat`, if that seat is in the game.
    pub fn player(&self, seat: SeatId) -> Option<&Player> {
        self.players.iter().find(|p| p.seat.id == seat)
    }

    fn index_of(&self, seat: SeatId) -> Option<usize> {
        self.players.iter().position(|p| p.seat.id == seat)
    }

    /// The teams, in a team party; empty otherwise.
    pub fn teams(&self) -> &[Team] {
        &self.teams
    }

    /// How the current question is played: its round's format, except that order and
    /// number questions, a final and a tiebreak are always everyone-answers.
    pub fn format_now(&self) -> Format {
        let round = self.rounds.iter().find(|r| r.holds(self.current));
        if self.current().everyone_answers() || round.is_some_and(|r| r.kind != RoundKind::Regular)
        {
            Format::EveryoneAnswers
        } else {
            round.map_or(self.rules.format, |r| r.format)
        }
    }

    /// Events since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    // ---- Commands ---------------------------------------------------------------------

    /// Applies one command: the game is first advanced to the command's time, so timers
    /// that were due before it fire first. A stamp older than the last one applied is
    /// taken as that one (input is applied in the order it arrived), except that a seat's
    /// press stamped before the current question opened was meant for an earlier one.
    pub fn apply(&mut self, command: Command) -> Result<(), Refusal> {
        let at = command.at().max(self.advanced_to);
        self.advance(at);
        match command {
            Command::Seat {
                seat,
                action,
                at: stamp,
            } => {
                if self.phase == Phase::Question && stamp < self.clock.started {
                    return Err(Refusal::Stale);
                }
                self.seat_action(seat, action, at)
            }
            Command::Host { action, .. } => self.host_action(action, at),
        }
    }

    fn seat_action(
        &mut self,
        seat: SeatId,
        action: SeatAction,
        at: Duration,
    ) -> Result<(), Refusal> {
        let i = self.index_of(seat).ok_or(Refusal::NoSuchSeat)?;
        if self.players[i].removed {
            return Err(Refusal::SeatRemoved);
        }
        if let SeatAction::Stake(stake) = action {
            if self.phase != Phase::Wager {
                return Err(Refusal::WrongPhase);
            }
            return self.set_stake(seat, stake);
        }
        if self.players[i].benched {
            return Err(Refusal::SeatRemoved);
        }
        if self.phase != Phase::Question {
            return Err(Refusal::WrongPhase);
        }
        if self.players[i].waiting {
            return Err(Refusal::Waiting);
        }
        if self.is_paused() {
            return Err(Refusal::Paused);
        }
        let answer = match (&self.current().asked, action) {
            (Asked::Choice, SeatAction::Answer(option)) => {
                let option = usize::from(option);
                if option >= self.current().options.len() {
                    return Err(Refusal::NoSuchOption);
                }
                if self.format_now() == Format::BuzzIn {
                    return self.buzz_answer(seat, option, at);
                }
                Answer {
                    option: Some(option),
                    given: None,
                    taken: Duration::ZERO,
                }
            }
            (Asked::Choice, SeatAction::Buzz) if self.format_now() == Format::BuzzIn => {
                return self.press_buzzer(seat, at);
            }
            (Asked::Order { right, .. }, SeatAction::Order(order)) => {
                if kinds::order_credit(&order.items(), right.len()).is_none() {
                    return Err(Refusal::NoSuchOption);
                }
                Answer {
                    option: None,
                    given: Some(Given::Order(order)),
                    taken: Duration::ZERO,
                }
            }
            (Asked::Number { .. }, SeatAction::Number(guess)) => Answer {
                option: None,
                given: Some(Given::Number(guess)),
                taken: Duration::ZERO,
            },
            _ => return Err(Refusal::NotInThisFormat),
        };
        self.lock_in(seat, answer, at)
    }

    fn lock_in(&mut self, seat: SeatId, mut answer: Answer, at: Duration) -> Result<(), Refusal> {
        if self.answers.contains_key(&seat) {
            return Err(Refusal::AlreadyAnswered);
        }
        let taken = self.clock.elapsed(at);
        if taken >= self.time_limit() {
            return Err(Refusal::TimeUp);
        }
        answer.taken = taken;
        self.answers.insert(seat, answer);
        self.events.push(Event::LockedIn { seat });
        self.close_if_all_answered(at);
        Ok(())
    }

    /// Everyone answers: closes the question once every seat in play that is here has
    /// answered.
    fn close_if_all_answered(&mut self, at: Duration) {
        if self.phase != Phase::Question
            || self.format_now() != Format::EveryoneAnswers
            || self.is_paused()
        {
            return;
        }
        let mut waiting_for = self
            .players
            .iter()
            .filter(|p| p.in_play() && !p.away)
            .filter(|p| !self.answers.contains_key(&p.seat.id));
        let anyone_here = self.players.iter().any(|p| p.in_play() && !p.away);
        if anyone_here && waiting_for.next().is_none() {
            self.close(at);
        }
    }
}

/// Why a game could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GameError {
    /// The settings picked no question from the pack.
    #[error("no question in the pack matches the chosen settings")]
    NoQuestions,
    /// Nobody is seated.
    #[error("a game needs at least one player")]
    NoSeats,
    /// Two seats share an id.
    #[error("two seats have the same id")]
    DuplicateSeat,
}

#[cfg(test)]
mod tests;
