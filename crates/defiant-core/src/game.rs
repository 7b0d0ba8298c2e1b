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
//! Every scoring decision and host correction first saves the scores: [`HostAction::Undo`]
//! restores them exactly, back to the start of the game.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Duration;

use rand::rngs::Xoshiro256PlusPlus;
use rand::{RngExt, SeedableRng};
use serde::{Deserialize, Serialize};

use crate::command::{
    Arrangement, Command, Event, Guess, HostAction, PublicQuestion, Refusal, SeatAction,
};
use crate::kinds::{self, Credit};
use crate::round::{Asked, RoundQuestion};
use crate::scoring::{self, BASE_POINTS};
use crate::seat::{Seat, SeatId, Team, TeamId};

/// Presses this close after the first buzz are a tie.
pub const BUZZ_TIE_WINDOW: Duration = Duration::from_millis(300);
/// How long a false start locks a seat out.
pub const FALSE_START_LOCKOUT: Duration = Duration::from_secs(3);
/// How long the winner of a buzz has to pick an option.
pub const BUZZ_ANSWER_TIME: Duration = Duration::from_secs(5);
/// How long after the question shows before buzzing opens.
pub const BUZZ_READING_TIME: Duration = Duration::from_secs(2);
/// The host's Next, Skip and Reveal are ignored this long after a buzz.
pub const HOST_GUARD_AFTER_BUZZ: Duration = Duration::from_millis(500);
/// The most extra time the host can add to one question.
pub const MAX_EXTRA_TIME: Duration = Duration::from_secs(600);

/// The two ways to play a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    EveryoneAnswers,
    BuzzIn,
}

impl Format {
    pub fn label(self) -> &'static str {
        match self {
            Format::EveryoneAnswers => "Everyone answers",
            Format::BuzzIn => "Buzz-in",
        }
    }
}

/// When the scoreboard shows between questions (the podium always ends the game).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScoreboardEvery {
    /// Only the podium at the end.
    End,
    /// After every `n` questions.
    Questions(u8),
}

/// The rules of one game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    pub format: Format,
    /// Faster right answers earn more (1000 falling to 500); off: every right answer 1000.
    pub speed_bonus: bool,
    /// Consecutive right answers add +100, +200, ... up to +500.
    pub streak_bonus: bool,
    /// Points a wrong buzz-in answer costs.
    pub wrong_penalty: u32,
    /// The reveal moves on by itself after this long; `None` waits for Next.
    pub reveal_for: Option<Duration>,
    pub scoreboard: ScoreboardEvery,
}

impl Rules {
    /// A solo round: speed and streak bonus, the reveal moves on after 12 seconds.
    pub fn solo() -> Self {
        Self {
            format: Format::EveryoneAnswers,
            speed_bonus: true,
            streak_bonus: true,
            wrong_penalty: 0,
            reveal_for: Some(Duration::from_secs(12)),
            scoreboard: ScoreboardEvery::End,
        }
    }

    /// A party's defaults: the host moves on, a scoreboard after every question.
    pub fn party(format: Format) -> Self {
        Self {
            format,
            speed_bonus: true,
            streak_bonus: true,
            wrong_penalty: if format == Format::BuzzIn { 250 } else { 0 },
            reveal_for: None,
            scoreboard: ScoreboardEvery::Questions(1),
        }
    }

    /// The scoring rules as players read them.
    pub fn describe(&self) -> String {
        let mut lines = Vec::new();
        lines.push(if self.speed_bonus {
            "A right answer earns up to 1000 points: all 1000 within half a second, falling steadily to 500 at the buzzer.".to_string()
        } else {
            "A right answer earns 1000 points, however long it took.".to_string()
        });
        if self.streak_bonus {
            lines.push(
                "Every right answer in a row after the first adds +100, growing by 100 up to +500."
                    .to_string(),
            );
        }
        match self.format {
            Format::EveryoneAnswers => lines.push(
                "Everyone answers every question; a wrong answer or none scores 0.".to_string(),
            ),
            Format::BuzzIn => {
                let penalty = if self.wrong_penalty > 0 {
                    format!("a wrong answer costs {} points and", self.wrong_penalty)
                } else {
                    "a wrong answer".to_string()
                };
                lines.push(format!(
                    "Buzz first, then answer within {} seconds; {penalty} locks you out of the question. Buzzes within 0.3 s of each other are a tie, drawn fairly. Buzzing before it opens locks you out for 3 s.",
                    BUZZ_ANSWER_TIME.as_secs()
                ));
            }
        }
        lines.join(" ")
    }
}

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
    /// Over: podium.
    Finished,
}

/// The buzz-in state of the open question.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum Buzz {
    /// Reading time: a press now is a false start. Opens at this question time.
    Reading { opens_at: Duration },
    /// Anyone not locked out may buzz.
    Open,
    /// A first press came at `first`; presses until `first + BUZZ_TIE_WINDOW` tie.
    Gathering {
        first: Duration,
        presses: Vec<SeatId>,
    },
    /// `seat` won the buzz and may answer until `until`; buzzing had been open for
    /// `taken` (of the countdown) when the buzz came.
    Answering {
        seat: SeatId,
        until: Duration,
        taken: Duration,
    },
}

/// The points of one answer, split as the reveal shows them.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Points {
    pub answer: u32,
    pub streak_bonus: u32,
    /// Taken for a wrong buzz-in answer.
    pub penalty: u32,
}

impl Points {
    pub fn total(self) -> i64 {
        i64::from(self.answer) + i64::from(self.streak_bonus) - i64::from(self.penalty)
    }
}

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
    pub correct: bool,
    /// Time from the question opening (buzz-in: from buzzing opening to the buzz).
    pub taken: Option<Duration>,
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
    Order(Arrangement),
    Number(Guess),
}

/// A seat's running totals. Everything undo restores is in here.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
pub struct Stats {
    pub score: i64,
    pub streak: u32,
    pub best_streak: u32,
    pub results: Vec<QuestionResult>,
    /// The host's corrections, added up.
    pub adjustments: i64,
    pub buzzes_won: u32,
    pub false_starts: u32,
}

impl Stats {
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

/// A seat in the game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Player {
    pub seat: Seat,
    pub stats: Stats,
    /// Taken out by the host: no longer asked, score kept.
    pub removed: bool,
    /// Its device is gone for now (a pad unplugged, a phone asleep): kept, not waited for.
    pub away: bool,
    /// Joined while a question was open: plays from the next one.
    pub waiting: bool,
}

impl Player {
    /// Expected to answer the open question.
    pub fn in_play(&self) -> bool {
        !self.removed && !self.waiting
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
    /// The reveal: right, partly right (some points), wrong, or no answer.
    Right,
    Partly,
    Wrong,
    NoAnswer,
    /// Its device is gone for now.
    Away,
    /// Joined during a question: plays from the next.
    Waiting,
    /// Taken out by the host.
    Removed,
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
        }
    }
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

/// What undo restores: the seats' scores and stats (with their answers), the removed
/// flags, and within the same question the buzz-in lockouts.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
struct Snapshot {
    what: String,
    question: usize,
    phase: Phase,
    stats: Vec<Stats>,
    removed: Vec<bool>,
    lockouts: BTreeMap<SeatId, Option<Duration>>,
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
    /// `None` for the rest of the question), the open time used up before the current stretch, and when that stretch began.
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
            })
            .collect();
        let ranks_before = players.iter().map(|p| p.seat.id).collect();
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
        })
    }

    // ---- Reading the state -------------------------------------------------------------

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn rules(&self) -> &Rules {
        &self.rules
    }

    pub fn seed(&self) -> u64 {
        self.seed
    }

    pub fn questions(&self) -> &[RoundQuestion] {
        &self.questions
    }

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

    pub fn is_last_question(&self) -> bool {
        self.current + 1 >= self.questions.len()
    }

    pub fn players(&self) -> &[Player] {
        &self.players
    }

    pub fn player(&self, seat: SeatId) -> Option<&Player> {
        self.players.iter().find(|p| p.seat.id == seat)
    }

    fn index_of(&self, seat: SeatId) -> Option<usize> {
        self.players.iter().position(|p| p.seat.id == seat)
    }

    pub fn teams(&self) -> &[Team] {
        &self.teams
    }

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
    fn used(&self, elapsed: Duration) -> Duration {
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
        if self.phase != Phase::Reveal {
            return None;
        }
        Some(
            self.rules
                .reveal_for?
                .saturating_sub(self.clock.elapsed(now)),
        )
    }

    pub fn buzz(&self) -> &Buzz {
        &self.buzz
    }

    /// How the current question is played: the round's format, except that order and
    /// number questions are always everyone-answers.
    pub fn format_now(&self) -> Format {
        if self.current().everyone_answers() {
            Format::EveryoneAnswers
        } else {
            self.rules.format
        }
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
            Phase::Ready | Phase::Scoreboard | Phase::Finished if player.away => SeatState::Away,
            Phase::Ready | Phase::Scoreboard | Phase::Finished => SeatState::Idle,
        };
        Some(state)
    }

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

    /// Seats from best to worst: score, then right answers, then the order they joined.
    pub fn standings(&self) -> Vec<SeatId> {
        let mut order: Vec<usize> = (0..self.players.len()).collect();
        order.sort_by(|&a, &b| {
            let (pa, pb) = (&self.players[a].stats, &self.players[b].stats);
            pb.score
                .cmp(&pa.score)
                .then(pb.correct_count().cmp(&pa.correct_count()))
                .then(a.cmp(&b))
        });
        order.into_iter().map(|i| self.players[i].seat.id).collect()
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

    /// What undo would take back, if anything.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.what.as_str())
    }

    /// Events since the last call, oldest first.
    pub fn take_events(&mut self) -> Vec<Event> {
        std::mem::take(&mut self.events)
    }

    /// Whether the scoreboard is due after the current question.
    pub fn scoreboard_due(&self) -> bool {
        match self.rules.scoreboard {
            ScoreboardEvery::End => false,
            ScoreboardEvery::Questions(n) => {
                let n = usize::from(n.max(1));
                !self.is_last_question() && (self.current + 1).is_multiple_of(n)
            }
        }
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

    pub fn rename(&mut self, seat: SeatId, name: String) {
        if let Some(i) = self.index_of(seat) {
            self.players[i].seat.name = name;
        }
    }

    // ---- Time -------------------------------------------------------------------------

    /// Starts the game: the first question opens at `at`.
    pub fn start(&mut self, at: Duration) -> Result<(), Refusal> {
        if self.phase != Phase::Ready {
            return Err(Refusal::WrongPhase);
        }
        self.advanced_to = at;
        self.open(0, at);
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

    fn fire_buzz_timer(&mut self, elapsed: Duration) -> bool {
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
                if self.rules.format == Format::BuzzIn {
                    return self.buzz_answer(seat, option, at);
                }
                Answer {
                    option: Some(option),
                    given: None,
                    taken: Duration::ZERO,
                }
            }
            (Asked::Choice, SeatAction::Buzz) if self.rules.format == Format::BuzzIn => {
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

    /// Closes the open question (unless paused) when nothing more can happen in it:
    /// everyone answers, and every seat present has answered; buzz-in, buzzing is open
    /// and every seat present is locked out for the question. Run after anything that
    /// changes who is present or in play, and on resume.
    fn settle(&mut self, at: Duration) {
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

    fn press_buzzer(&mut self, seat: SeatId, at: Duration) -> Result<(), Refusal> {
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

    fn buzz_answer(&mut self, seat: SeatId, option: usize, at: Duration) -> Result<(), Refusal> {
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

    /// Scores a buzz-in answer (`None`: the answer time ran out) at question time `elapsed`.
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
    fn reopen_or_close(&mut self, elapsed: Duration, at: Duration) {
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
    fn stop_open_clock(&mut self, elapsed: Duration) {
        if let Some(since) = self.open_since.take() {
            self.open_spent += elapsed.saturating_sub(since);
        }
    }

    fn answer_points(&self, taken: Duration) -> u32 {
        if self.rules.speed_bonus {
            scoring::answer_points(taken, self.time_limit())
        } else {
            BASE_POINTS
        }
    }

    fn host_action(&mut self, action: HostAction, at: Duration) -> Result<(), Refusal> {
        let guarded = matches!(
            action,
            HostAction::Next | HostAction::Skip | HostAction::Reveal
        );
        if guarded
            && self
                .last_buzz_at
                .is_some_and(|b| at < b + HOST_GUARD_AFTER_BUZZ)
        {
            return Err(Refusal::TooSoonAfterBuzz);
        }
        match action {
            HostAction::Pause => self.pause(at),
            HostAction::Resume => self.resume(at),
            HostAction::TogglePause => {
                if self.is_paused() {
                    self.resume(at)
                } else {
                    self.pause(at)
                }
            }
            HostAction::Skip => {
                self.expect(Phase::Question)?;
                self.skip(at);
                Ok(())
            }
            HostAction::Reveal => {
                self.expect(Phase::Question)?;
                if self.format_now() == Format::BuzzIn {
                    self.stop_open_clock(self.clock.elapsed(at));
                }
                self.close(at);
                Ok(())
            }
            // Paused, the game waits: moving on is for when the room is back.
            HostAction::Next if self.is_paused() => Err(Refusal::Paused),
            HostAction::Next => match self.phase {
                Phase::Reveal | Phase::Scoreboard => {
                    self.move_on(at);
                    Ok(())
                }
                _ => Err(Refusal::WrongPhase),
            },
            HostAction::AddTime(seconds) => {
                self.expect(Phase::Question)?;
                let added = Duration::from_secs(u64::from(seconds));
                if self.extra_time + added > MAX_EXTRA_TIME {
                    return Err(Refusal::WrongPhase);
                }
                self.extra_time += added;
                self.events.push(Event::TimeAdded { seconds });
                Ok(())
            }
            HostAction::Adjust { seat, points } => {
                if self.phase == Phase::Ready {
                    return Err(Refusal::WrongPhase);
                }
                let i = self.index_of(seat).ok_or(Refusal::NoSuchSeat)?;
                self.save(format!(
                    "{points:+} points for {}",
                    self.players[i].seat.name
                ));
                let stats = &mut self.players[i].stats;
                stats.score += i64::from(points);
                stats.adjustments += i64::from(points);
                self.events.push(Event::Adjusted { seat, points });
                Ok(())
            }
            HostAction::Undo => self.undo(),
            HostAction::RemoveSeat(seat) => self.remove(seat, at),
            HostAction::End => {
                if self.phase == Phase::Finished {
                    return Err(Refusal::WrongPhase);
                }
                self.finish();
                Ok(())
            }
        }
    }

    fn expect(&self, phase: Phase) -> Result<(), Refusal> {
        if self.phase == phase {
            Ok(())
        } else {
            Err(Refusal::WrongPhase)
        }
    }

    fn pause(&mut self, at: Duration) -> Result<(), Refusal> {
        if !matches!(
            self.phase,
            Phase::Question | Phase::Reveal | Phase::Scoreboard
        ) {
            return Err(Refusal::WrongPhase);
        }
        if self.clock.paused_at.is_none() {
            self.clock.paused_at = Some(at);
            self.events.push(Event::Paused);
        }
        Ok(())
    }

    fn resume(&mut self, at: Duration) -> Result<(), Refusal> {
        if let Some(since) = self.clock.paused_at.take() {
            self.clock.paused_for += at.saturating_sub(since);
            self.events.push(Event::Resumed);
            // What changed while paused (a seat removed or gone) takes effect now.
            self.settle(at);
            Ok(())
        } else {
            Err(Refusal::WrongPhase)
        }
    }

    fn remove(&mut self, seat: SeatId, at: Duration) -> Result<(), Refusal> {
        let i = self.index_of(seat).ok_or(Refusal::NoSuchSeat)?;
        if self.players[i].removed {
            return Err(Refusal::SeatRemoved);
        }
        self.save(format!("removing {}", self.players[i].seat.name));
        self.players[i].removed = true;
        self.answers.remove(&seat);
        self.events.push(Event::SeatRemoved { seat });
        if self.players.iter().all(|p| p.removed) {
            self.finish();
            return Ok(());
        }
        if self.phase == Phase::Question {
            // While paused the clock stands still, so this is the paused question time.
            let elapsed = self.clock.elapsed(at);
            match self.buzz.clone() {
                Buzz::Answering { seat: holder, .. } if holder == seat => {
                    self.reopen_or_close(elapsed, at);
                }
                Buzz::Gathering { first, mut presses } => {
                    presses.retain(|s| *s != seat);
                    self.buzz = if presses.is_empty() {
                        Buzz::Open
                    } else {
                        Buzz::Gathering { first, presses }
                    };
                }
                _ => {}
            }
            self.settle(at);
        }
        Ok(())
    }

    /// Saves what undo restores, labelled with the decision about to be made.
    fn save(&mut self, what: String) {
        self.undo.push(Snapshot {
            what,
            question: self.current,
            phase: self.phase,
            stats: self.players.iter().map(|p| p.stats.clone()).collect(),
            removed: self.players.iter().map(|p| p.removed).collect(),
            lockouts: self.lockouts.clone(),
        });
    }

    fn undo(&mut self) -> Result<(), Refusal> {
        let snapshot = self.undo.pop().ok_or(Refusal::NothingToUndo)?;
        for (i, (stats, removed)) in snapshot.stats.into_iter().zip(snapshot.removed).enumerate() {
            self.players[i].stats = stats;
            self.players[i].removed = removed;
        }
        // Seats that joined after the snapshot keep their (empty) stats.
        if snapshot.question == self.current && self.phase == Phase::Question {
            self.lockouts = snapshot.lockouts;
        }
        self.events.push(Event::Undone {
            what: snapshot.what,
        });
        Ok(())
    }

    // ---- Opening and closing questions ------------------------------------------------

    fn open(&mut self, index: usize, at: Duration) {
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
    fn close(&mut self, at: Duration) {
        if self.phase != Phase::Question {
            return;
        }
        match self.format_now() {
            Format::EveryoneAnswers => self.score_everyone(),
            Format::BuzzIn => self.record_unanswered(false),
        }
        self.phase = Phase::Reveal;
        self.clock = Clock::new(at);
        self.events.push(Event::Revealed);
    }

    /// What each seat's answer to the open question earned, before the speed rule.
    fn credits(&self) -> BTreeMap<SeatId, Credit> {
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

    fn score_everyone(&mut self) {
        self.save(format!("the scores of question {}", self.current + 1));
        let question = self.current;
        let limit = self.time_limit();
        let (speed, streaks) = (self.rules.speed_bonus, self.rules.streak_bonus);
        let credits = self.credits();
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
            let points = Points {
                answer: credit.points(full),
                streak_bonus: if streaks && correct {
                    speed_points.streak_bonus
                } else {
                    0
                },
                penalty: 0,
            };
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
    fn record_unanswered(&mut self, skipped: bool) {
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

    /// Skips the open question: no one is scored (buzz-in judgements already made stay,
    /// and undo can take them back).
    fn skip(&mut self, at: Duration) {
        self.record_unanswered(true);
        self.events.push(Event::Skipped);
        self.phase = Phase::Reveal; // passes through: move_on never shows it
        self.move_on(at);
    }

    /// From a reveal: the scoreboard if due, else the next question or the end. From the
    /// scoreboard: the next question or the end.
    fn move_on(&mut self, at: Duration) {
        if self.phase == Phase::Reveal && self.scoreboard_due() {
            self.phase = Phase::Scoreboard;
            self.clock = Clock::new(at);
            self.events.push(Event::Scoreboard);
        } else if self.is_last_question() {
            self.finish();
        } else {
            self.open(self.current + 1, at);
        }
    }

    fn finish(&mut self) {
        self.phase = Phase::Finished;
        self.clock.paused_at = None;
        self.events.push(Event::Finished);
    }
}

/// Places for scores listed best first, equal scores sharing a place ("1, 2, 2, 4").
pub fn places(scores: &[i64]) -> Vec<usize> {
    scores
        .iter()
        .map(|score| 1 + scores.iter().filter(|other| *other > score).count())
        .collect()
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

/// Why a game could not be built.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum GameError {
    #[error("no question in the pack matches the chosen settings")]
    NoQuestions,
    #[error("a game needs at least one player")]
    NoSeats,
    #[error("two seats have the same id")]
    DuplicateSeat,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::Difficulty;
    use crate::seat::Device;

    const S: Duration = Duration::from_secs(1);
    const MS: Duration = Duration::from_millis(1);

    fn question(n: usize, seconds: u64) -> RoundQuestion {
        RoundQuestion {
            id: format!("q{n}"),
            prompt: format!("Question {n}?"),
            options: (0..4).map(|o| format!("option {o}")).collect(),
            correct: n % 4,
            explanation: "Because.".to_string(),
            category: "Music".to_string(),
            difficulty: Difficulty::Easy,
            time_limit: Duration::from_secs(seconds),
            true_false: false,
            asked: Default::default(),
        }
    }

    fn seat(id: u32, team: Option<u8>) -> Seat {
        Seat {
            id: SeatId(id),
            name: ["Ana", "Ben", "Cy", "Dee", "Eve", "Flo", "Gus", "Hal"][id as usize].to_string(),
            colour: id as u8,
            device: Device::Keys(id as u8),
            team: team.map(TeamId),
        }
    }

    fn game(format: Format, seats: u32, questions: usize) -> Game {
        let mut rules = Rules::party(format);
        rules.scoreboard = ScoreboardEvery::End;
        Game::new(
            (0..questions).map(|n| question(n, 20)).collect(),
            (0..seats).map(|i| seat(i, None)).collect(),
            Vec::new(),
            rules,
            42,
        )
        .unwrap()
    }

    fn answer(g: &mut Game, seat: u32, option: usize, at: Duration) -> Result<(), Refusal> {
        g.apply(Command::Seat {
            seat: SeatId(seat),
            action: SeatAction::Answer(option as u8),
            at,
        })
    }

    fn answer_right(g: &mut Game, seat: u32, at: Duration) -> Result<(), Refusal> {
        let option = right(g);
        answer(g, seat, option, at)
    }

    fn answer_wrong(g: &mut Game, seat: u32, at: Duration) -> Result<(), Refusal> {
        let option = wrong(g);
        answer(g, seat, option, at)
    }

    fn buzz(g: &mut Game, seat: u32, at: Duration) -> Result<(), Refusal> {
        g.apply(Command::Seat {
            seat: SeatId(seat),
            action: SeatAction::Buzz,
            at,
        })
    }

    fn host(g: &mut Game, action: HostAction, at: Duration) -> Result<(), Refusal> {
        g.apply(Command::Host { action, at })
    }

    fn score(g: &Game, seat: u32) -> i64 {
        g.player(SeatId(seat)).unwrap().stats.score
    }

    fn right(g: &Game) -> usize {
        g.current().correct
    }

    fn wrong(g: &Game) -> usize {
        (g.current().correct + 1) % 4
    }

    #[test]
    fn seat_states_follow_answers_buzzes_and_the_reveal() {
        let mut g = game(Format::EveryoneAnswers, 3, 2);
        g.start(Duration::ZERO).unwrap();
        let state = |g: &Game, s: u32| g.seat_state(SeatId(s), S).unwrap();
        assert_eq!(state(&g, 0), SeatState::Thinking);
        answer_right(&mut g, 0, S).unwrap();
        assert_eq!(state(&g, 0), SeatState::Answered);
        g.set_away(SeatId(2), true, S);
        assert_eq!(state(&g, 2), SeatState::Away);
        answer_wrong(&mut g, 1, 2 * S).unwrap();
        let _ = host(&mut g, HostAction::Reveal, 3 * S); // the away seat is not waited for
        assert_eq!(g.phase(), Phase::Reveal);
        assert_eq!(
            [state(&g, 0), state(&g, 1), state(&g, 2)],
            [SeatState::Right, SeatState::Wrong, SeatState::Away]
        );
        host(&mut g, HostAction::RemoveSeat(SeatId(1)), 4 * S).unwrap();
        assert_eq!(state(&g, 1), SeatState::Removed);
        assert!(g.seat_state(SeatId(9), S).is_none());

        let mut g = game(Format::BuzzIn, 3, 2);
        g.start(Duration::ZERO).unwrap();
        // A false start locks out; the first press in open buzzing holds the buzz.
        buzz(&mut g, 0, S).unwrap_or_default();
        assert_eq!(g.seat_state(SeatId(0), S).unwrap(), SeatState::LockedOut);
        buzz(&mut g, 1, 3 * S).unwrap();
        g.advance(4 * S);
        assert_eq!(g.seat_state(SeatId(1), 4 * S).unwrap(), SeatState::Holding);
        assert_eq!(g.seat_state(SeatId(2), 4 * S).unwrap(), SeatState::Thinking);
        assert_eq!(SeatState::LockedOut.label(), "locked out");
    }

    #[test]
    fn solo_round_scores_right_wrong_and_timeout() {
        let mut g = Game::new(
            (0..4).map(|n| question(n, 20)).collect(),
            vec![seat(0, None)],
            Vec::new(),
            Rules::solo(),
            1,
        )
        .unwrap();
        g.start(Duration::ZERO).unwrap();
        // Right at once: 1000; everyone (one seat) answered, so it closes at once.
        answer_right(&mut g, 0, 200 * MS).unwrap();
        assert_eq!(g.phase(), Phase::Reveal);
        assert_eq!(score(&g, 0), 1000);
        // The reveal moves on by itself after 12 s.
        g.advance(200 * MS + 11 * S);
        assert_eq!(g.phase(), Phase::Reveal);
        g.advance(200 * MS + 12 * S);
        assert_eq!(g.phase(), Phase::Question);
        let t0 = 200 * MS + 12 * S;
        // Right after 10 of 20 s: 750 + 100 streak.
        answer_right(&mut g, 0, t0 + 10 * S).unwrap();
        let r = g.last_result(SeatId(0)).unwrap();
        assert_eq!((r.points.answer, r.points.streak_bonus), (750, 100));
        host(&mut g, HostAction::Next, t0 + 11 * S).unwrap();
        // Wrong: 0 and the streak resets.
        answer_wrong(&mut g, 0, t0 + 12 * S).unwrap();
        assert_eq!(g.player(SeatId(0)).unwrap().stats.streak, 0);
        host(&mut g, HostAction::Next, t0 + 13 * S).unwrap();
        // Nobody answers: the question closes at exactly 20 s.
        let t3 = t0 + 13 * S;
        g.advance(t3 + 19 * S);
        assert_eq!(g.remaining(t3 + 19 * S), S);
        assert_eq!(answer(&mut g, 0, 0, t3 + 20 * S), Err(Refusal::WrongPhase));
        assert_eq!(g.phase(), Phase::Reveal);
        assert_eq!(g.last_result(SeatId(0)).unwrap().chosen, None);
        host(&mut g, HostAction::Next, t3 + 21 * S).unwrap();
        assert_eq!(g.phase(), Phase::Finished);
        let stats = &g.player(SeatId(0)).unwrap().stats;
        assert_eq!(stats.score, 1850);
        assert_eq!(stats.best_streak, 2);
        assert_eq!(stats.correct_count(), 2);
        assert!((stats.accuracy() - 0.5).abs() < 1e-9);
    }

    #[test]
    fn pause_stops_every_clock() {
        let mut g = game(Format::EveryoneAnswers, 2, 2);
        g.start(Duration::ZERO).unwrap();
        host(&mut g, HostAction::Pause, 4 * S).unwrap();
        g.advance(60 * S);
        assert_eq!(g.phase(), Phase::Question);
        assert_eq!(g.remaining(60 * S), 16 * S);
        assert_eq!(answer(&mut g, 0, 0, 61 * S), Err(Refusal::Paused));
        host(&mut g, HostAction::Resume, 70 * S).unwrap();
        answer_right(&mut g, 0, 76 * S).unwrap();
        answer_right(&mut g, 1, 76 * S).unwrap();
        let r = g.last_result(SeatId(0)).unwrap();
        assert_eq!(r.taken, Some(10 * S));
        assert_eq!(r.points.answer, 750);
    }

    #[test]
    fn closes_early_when_everyone_present_answered() {
        let mut g = game(Format::EveryoneAnswers, 3, 2);
        g.start(Duration::ZERO).unwrap();
        answer(&mut g, 0, 0, S).unwrap();
        answer(&mut g, 1, 1, 2 * S).unwrap();
        assert_eq!(g.phase(), Phase::Question);
        assert_eq!(answer(&mut g, 1, 2, 2 * S), Err(Refusal::AlreadyAnswered));
        // The third player's pad is unplugged: nobody waits for an away seat.
        g.set_away(SeatId(2), true, 3 * S);
        assert_eq!(g.phase(), Phase::Reveal);
        assert_eq!(g.option_counts().iter().sum::<usize>(), 2);
        // An away seat keeps its seat and score, and gets an unanswered result.
        assert_eq!(g.last_result(SeatId(2)).unwrap().chosen, None);
    }

    #[test]
    fn presses_stamped_before_a_question_opened_are_stale() {
        let mut g = game(Format::EveryoneAnswers, 1, 2);
        g.start(Duration::ZERO).unwrap();
        answer(&mut g, 0, 0, S).unwrap();
        host(&mut g, HostAction::Next, 5 * S).unwrap();
        // A press from the reveal, handled late, does not answer the new question.
        assert_eq!(answer(&mut g, 0, 0, 4 * S), Err(Refusal::Stale));
        assert!(!g.has_answered(SeatId(0)));
    }

    #[test]
    fn speed_and_streak_bonus_can_be_switched_off() {
        let mut g = game(Format::EveryoneAnswers, 1, 2);
        g.rules.speed_bonus = false;
        g.rules.streak_bonus = false;
        g.start(Duration::ZERO).unwrap();
        answer_right(&mut g, 0, 15 * S).unwrap();
        host(&mut g, HostAction::Next, 16 * S).unwrap();
        answer_right(&mut g, 0, 30 * S).unwrap();
        assert_eq!(score(&g, 0), 2000);
        assert!(g.rules().describe().contains("however long"));
    }

    /// Buzzing opens after the reading time; returns that time.
    fn open_buzzing(g: &mut Game) -> Duration {
        g.start(Duration::ZERO).unwrap();
        g.advance(BUZZ_READING_TIME);
        assert_eq!(g.buzz(), &Buzz::Open);
        BUZZ_READING_TIME
    }

    #[test]
    fn buzz_ties_within_the_window_are_drawn_with_the_seed() {
        let mut winners = BTreeSet::new();
        for seed in 0..40 {
            let mut g = game(Format::BuzzIn, 3, 1);
            g.seed = seed;
            let t = open_buzzing(&mut g);
            buzz(&mut g, 0, t + S).unwrap();
            buzz(&mut g, 1, t + S + 299 * MS).unwrap();
            // Too late for the tie.
            buzz(&mut g, 2, t + S + 301 * MS).unwrap_err();
            let events = g.take_events();
            let won = events
                .iter()
                .find_map(|e| match e {
                    Event::BuzzWon { seat, tied } => Some((*seat, tied.clone())),
                    _ => None,
                })
                .unwrap();
            assert_eq!(won.1, vec![SeatId(0), SeatId(1)]);
            assert_eq!(won.0, draw(seed, 0, 0, &[SeatId(1), SeatId(0)]));
            winners.insert(won.0);
            // A replay with the same seed gives the same winner.
            let mut again = game(Format::BuzzIn, 3, 1);
            again.seed = seed;
            let t = open_buzzing(&mut again);
            buzz(&mut again, 1, t + S + 100 * MS).unwrap();
            buzz(&mut again, 0, t + S).unwrap();
            again.advance(t + 3 * S);
            assert!(matches!(again.buzz(), Buzz::Answering { seat, .. } if *seat == won.0));
        }
        assert_eq!(winners.len(), 2, "both tied seats win with some seeds");
    }

    #[test]
    fn a_lone_buzz_waits_for_the_window_unless_everyone_pressed() {
        let mut g = game(Format::BuzzIn, 2, 1);
        let t = open_buzzing(&mut g);
        buzz(&mut g, 1, t + S).unwrap();
        g.advance(t + S + 299 * MS);
        assert!(matches!(g.buzz(), Buzz::Gathering { .. }));
        g.advance(t + S + 300 * MS);
        assert!(matches!(
            g.buzz(),
            Buzz::Answering {
                seat: SeatId(1),
                ..
            }
        ));

        // With both seats pressed, there is nobody left to wait for.
        let mut g = game(Format::BuzzIn, 2, 1);
        let t = open_buzzing(&mut g);
        buzz(&mut g, 0, t + S).unwrap();
        buzz(&mut g, 1, t + S + 50 * MS).unwrap();
        assert!(matches!(g.buzz(), Buzz::Answering { .. }));
    }

    #[test]
    fn an_answer_pressed_right_after_the_buzz_counts_once_the_tie_is_settled() {
        let mut g = game(Format::BuzzIn, 3, 1);
        let t = open_buzzing(&mut g);
        buzz(&mut g, 1, t + S).unwrap();
        // Ben presses his answer 100 ms later, inside the tie window.
        answer_right(&mut g, 1, t + S + 100 * MS).unwrap();
        assert_eq!(
            answer(&mut g, 1, 0, t + S + 150 * MS),
            Err(Refusal::AlreadyAnswered)
        );
        // Someone who did not buzz cannot answer.
        assert_eq!(
            answer(&mut g, 2, 0, t + S + 150 * MS),
            Err(Refusal::BuzzFirst)
        );
        g.advance(t + S + 300 * MS);
        assert_eq!(g.phase(), Phase::Reveal);
        assert!(g.last_result(SeatId(1)).unwrap().correct);
    }

    #[test]
    fn a_false_start_locks_out_for_three_seconds() {
        let mut g = game(Format::BuzzIn, 2, 1);
        g.start(Duration::ZERO).unwrap();
        buzz(&mut g, 0, S).unwrap();
        assert_eq!(g.player(SeatId(0)).unwrap().stats.false_starts, 1);
        assert!(
            g.take_events()
                .contains(&Event::FalseStart { seat: SeatId(0) })
        );
        g.advance(BUZZ_READING_TIME);
        assert_eq!(buzz(&mut g, 0, 3 * S + 999 * MS), Err(Refusal::LockedOut));
        assert_eq!(g.lockout(SeatId(0), 3 * S), Some(Some(S)));
        buzz(&mut g, 0, 4 * S).unwrap();
        g.advance(5 * S);
        assert!(matches!(
            g.buzz(),
            Buzz::Answering {
                seat: SeatId(0),
                ..
            }
        ));
    }

    #[test]
    fn wrong_buzz_costs_the_penalty_locks_out_and_reopens() {
        let mut g = game(Format::BuzzIn, 3, 2);
        let t = open_buzzing(&mut g);
        buzz(&mut g, 0, t + S).unwrap();
        g.advance(t + 2 * S);
        // Only the buzz winner may answer.
        assert_eq!(answer(&mut g, 1, 0, t + 2 * S), Err(Refusal::NotYourTurn));
        answer_wrong(&mut g, 0, t + 3 * S).unwrap();
        assert_eq!(score(&g, 0), -250);
        assert_eq!(g.buzz(), &Buzz::Open);
        assert_eq!(buzz(&mut g, 0, t + 4 * S), Err(Refusal::LockedOut));
        // Ben buzzes, runs out of answer time: that is wrong too.
        buzz(&mut g, 1, t + 4 * S).unwrap();
        g.advance(t + 10 * S);
        assert_eq!(score(&g, 1), -250);
        // Cy answers right and the question closes.
        buzz(&mut g, 2, t + 11 * S).unwrap();
        g.advance(t + 11 * S + 300 * MS);
        answer_right(&mut g, 2, t + 12 * S).unwrap();
        assert_eq!(g.phase(), Phase::Reveal);
        assert!(score(&g, 2) > 500);
        let cy = g.last_result(SeatId(2)).unwrap();
        assert!(cy.correct && cy.buzzed);
        // Everyone has exactly one result for the question.
        assert!(g.players().iter().all(|p| p.stats.results.len() == 1));
    }

    #[test]
    fn buzz_in_closes_when_everyone_is_locked_out() {
        let mut g = game(Format::BuzzIn, 2, 2);
        let t = open_buzzing(&mut g);
        for seat in 0..2 {
            buzz(&mut g, seat, t + S * (seat + 1)).unwrap();
            g.advance(t + S * (seat + 1) + 300 * MS);
            answer_wrong(&mut g, seat, t + S * (seat + 1) + 400 * MS).unwrap();
        }
        assert_eq!(g.phase(), Phase::Reveal);
    }

    #[test]
    fn buzz_countdown_stops_while_someone_answers() {
        let mut g = game(Format::BuzzIn, 2, 1);
        let t = open_buzzing(&mut g);
        assert_eq!(g.remaining(t), 20 * S);
        buzz(&mut g, 0, t + 5 * S).unwrap();
        g.advance(t + 5 * S + 300 * MS);
        assert_eq!(g.remaining(t + 8 * S), 20 * S - 5 * S - 300 * MS);
        answer_wrong(&mut g, 0, t + 9 * S).unwrap();
        // Reopened: the countdown runs on from where it stopped, and ends the question.
        let left = g.remaining(t + 9 * S);
        assert_eq!(left, 20 * S - 5 * S - 300 * MS);
        g.advance(t + 9 * S + left);
        assert_eq!(g.phase(), Phase::Reveal);
    }

    #[test]
    fn host_next_is_ignored_just_after_a_buzz() {
        let mut g = game(Format::BuzzIn, 2, 2);
        let t = open_buzzing(&mut g);
        buzz(&mut g, 0, t + S).unwrap();
        assert_eq!(
            host(&mut g, HostAction::Skip, t + S + 400 * MS),
            Err(Refusal::TooSoonAfterBuzz)
        );
        g.advance(t + S + 300 * MS);
        answer_right(&mut g, 0, t + S + 350 * MS).unwrap();
        assert_eq!(
            host(&mut g, HostAction::Next, t + S + 499 * MS),
            Err(Refusal::TooSoonAfterBuzz)
        );
        assert_eq!(g.phase(), Phase::Reveal);
        host(&mut g, HostAction::Next, t + S + 500 * MS).unwrap();
        assert_eq!(g.phase(), Phase::Question);
    }

    #[test]
    fn adjustments_and_undo_restore_exact_scores() {
        let mut g = game(Format::EveryoneAnswers, 2, 3);
        g.start(Duration::ZERO).unwrap();
        answer_right(&mut g, 0, S).unwrap();
        answer_wrong(&mut g, 1, S).unwrap();
        let after_q1 = (score(&g, 0), score(&g, 1));
        host(
            &mut g,
            HostAction::Adjust {
                seat: SeatId(1),
                points: 300,
            },
            2 * S,
        )
        .unwrap();
        host(
            &mut g,
            HostAction::Adjust {
                seat: SeatId(0),
                points: -100,
            },
            3 * S,
        )
        .unwrap();
        assert_eq!((score(&g, 0), score(&g, 1)), (after_q1.0 - 100, 300));
        assert_eq!(g.undo_label(), Some("-100 points for Ana"));
        host(&mut g, HostAction::Undo, 4 * S).unwrap();
        assert_eq!((score(&g, 0), score(&g, 1)), (after_q1.0, 300));
        host(&mut g, HostAction::Undo, 4 * S).unwrap();
        assert_eq!((score(&g, 0), score(&g, 1)), after_q1);
        host(&mut g, HostAction::Undo, 4 * S).unwrap();
        assert_eq!((score(&g, 0), score(&g, 1)), (0, 0));
        assert_eq!(
            host(&mut g, HostAction::Undo, 4 * S),
            Err(Refusal::NothingToUndo)
        );
    }

    #[test]
    fn undo_of_a_wrong_buzz_lifts_the_lockout() {
        let mut g = game(Format::BuzzIn, 2, 1);
        let t = open_buzzing(&mut g);
        buzz(&mut g, 0, t + S).unwrap();
        g.advance(t + S + 300 * MS);
        answer_wrong(&mut g, 0, t + 2 * S).unwrap();
        assert_eq!(buzz(&mut g, 0, t + 3 * S), Err(Refusal::LockedOut));
        host(&mut g, HostAction::Undo, t + 4 * S).unwrap();
        assert_eq!(score(&g, 0), 0);
        assert!(g.player(SeatId(0)).unwrap().stats.results.is_empty());
        buzz(&mut g, 0, t + 5 * S).unwrap();
    }

    #[test]
    fn removing_a_seat_mid_question() {
        let mut g = game(Format::EveryoneAnswers, 3, 2);
        g.start(Duration::ZERO).unwrap();
        answer_right(&mut g, 0, S).unwrap();
        answer_right(&mut g, 1, S).unwrap();
        host(
            &mut g,
            HostAction::Adjust {
                seat: SeatId(2),
                points: 50,
            },
            S,
        )
        .unwrap();
        // Removing the one seat still thinking closes the question.
        host(&mut g, HostAction::RemoveSeat(SeatId(2)), 2 * S).unwrap();
        assert_eq!(g.phase(), Phase::Reveal);
        assert_eq!(score(&g, 2), 50, "a removed seat keeps its score");
        assert!(g.standings().contains(&SeatId(2)));
        host(&mut g, HostAction::Next, 3 * S).unwrap();
        assert_eq!(answer(&mut g, 2, 0, 4 * S), Err(Refusal::SeatRemoved));

        // Buzz-in: removing the seat that holds the buzz reopens buzzing.
        let mut g = game(Format::BuzzIn, 3, 1);
        let t = open_buzzing(&mut g);
        buzz(&mut g, 1, t + S).unwrap();
        g.advance(t + 2 * S);
        host(&mut g, HostAction::RemoveSeat(SeatId(1)), t + 2 * S).unwrap();
        assert_eq!(g.buzz(), &Buzz::Open);
        assert_eq!(score(&g, 1), 0);
    }

    #[test]
    fn team_score_is_the_average_of_its_members() {
        let mut g = Game::new(
            vec![question(0, 20)],
            vec![seat(0, Some(0)), seat(1, Some(0)), seat(2, Some(1))],
            vec![
                Team {
                    id: TeamId(0),
                    name: "A".into(),
                },
                Team {
                    id: TeamId(1),
                    name: "B".into(),
                },
            ],
            Rules::party(Format::EveryoneAnswers),
            7,
        )
        .unwrap();
        g.start(Duration::ZERO).unwrap();
        host(
            &mut g,
            HostAction::Adjust {
                seat: SeatId(0),
                points: 1000,
            },
            S,
        )
        .unwrap();
        host(
            &mut g,
            HostAction::Adjust {
                seat: SeatId(1),
                points: 501,
            },
            S,
        )
        .unwrap();
        host(
            &mut g,
            HostAction::Adjust {
                seat: SeatId(2),
                points: 700,
            },
            S,
        )
        .unwrap();
        assert_eq!(
            g.team_score(TeamId(0)),
            Some(751),
            "(1000 + 501) / 2 rounded"
        );
        assert_eq!(g.team_score(TeamId(1)), Some(700));
        assert_eq!(g.team_standings(), vec![(TeamId(0), 751), (TeamId(1), 700)]);
        host(
            &mut g,
            HostAction::Adjust {
                seat: SeatId(2),
                points: -1401,
            },
            S,
        )
        .unwrap();
        assert_eq!(g.team_score(TeamId(1)), Some(-701));
    }

    #[test]
    fn scoreboard_every_n_questions_and_skip() {
        let mut g = game(Format::EveryoneAnswers, 1, 5);
        g.rules.scoreboard = ScoreboardEvery::Questions(2);
        g.start(Duration::ZERO).unwrap();
        answer_right(&mut g, 0, S).unwrap();
        host(&mut g, HostAction::Next, 2 * S).unwrap();
        assert_eq!(g.phase(), Phase::Question);
        // Skipping the second question still brings the scoreboard due after it.
        host(&mut g, HostAction::Skip, 3 * S).unwrap();
        assert_eq!(g.phase(), Phase::Scoreboard);
        assert!(g.player(SeatId(0)).unwrap().stats.results[1].skipped);
        assert_eq!(g.player(SeatId(0)).unwrap().stats.asked(), 1);
        host(&mut g, HostAction::Next, 4 * S).unwrap();
        assert_eq!(g.current_index(), 2);
        host(&mut g, HostAction::End, 5 * S).unwrap();
        assert_eq!(g.phase(), Phase::Finished);
    }

    #[test]
    fn latecomers_wait_for_the_next_question() {
        let mut g = game(Format::EveryoneAnswers, 1, 2);
        g.start(Duration::ZERO).unwrap();
        g.add_seat(seat(1, None)).unwrap();
        assert_eq!(answer(&mut g, 1, 0, S), Err(Refusal::Waiting));
        answer(&mut g, 0, 0, S).unwrap();
        assert_eq!(g.phase(), Phase::Reveal, "nobody waits for a latecomer");
        host(&mut g, HostAction::Next, 2 * S).unwrap();
        answer(&mut g, 1, 0, 3 * S).unwrap();
    }

    #[test]
    fn added_time_extends_the_question() {
        let mut g = game(Format::EveryoneAnswers, 1, 1);
        g.start(Duration::ZERO).unwrap();
        host(&mut g, HostAction::AddTime(10), 19 * S).unwrap();
        g.advance(25 * S);
        assert_eq!(g.phase(), Phase::Question);
        assert_eq!(g.remaining(25 * S), 5 * S);
        g.advance(30 * S);
        assert_eq!(g.phase(), Phase::Reveal);
    }

    #[test]
    fn equal_scores_share_a_place() {
        assert_eq!(places(&[900, 500, 500, 100]), [1, 2, 2, 4]);
        assert_eq!(places(&[0, 0]), [1, 1]);
        assert!(places(&[]).is_empty());
    }

    #[test]
    fn public_question_hides_the_answer() {
        let g = game(Format::EveryoneAnswers, 1, 1);
        let public = g.public_question();
        let json = serde_json::to_string(&public).unwrap();
        assert!(!json.contains("Because"));
        assert!(!json.contains("correct"));
        assert_eq!(public.options.len(), 4);
    }

    /// An order question of four items shown as [C, A, D, B] (right order A B C D), and a
    /// number question: 1992, within 1, nothing from 5 off.
    fn kinds_questions() -> Vec<RoundQuestion> {
        let mut order = question(0, 20);
        order.options = ["C", "A", "D", "B"].map(String::from).to_vec();
        order.asked = Asked::Order {
            right: vec![1, 3, 0, 2],
            first: "Earliest".to_string(),
            last: "Latest".to_string(),
        };
        let mut number = question(1, 20);
        number.options = Vec::new();
        number.asked = Asked::Number {
            rule: kinds::NumberRule::new(1992.0, 1.0),
            unit: String::new(),
        };
        vec![order, number, question(2, 20)]
    }

    fn send(g: &mut Game, seat: u32, action: SeatAction, at: Duration) -> Result<(), Refusal> {
        g.apply(Command::Seat {
            seat: SeatId(seat),
            action,
            at,
        })
    }

    fn order(items: &[usize]) -> SeatAction {
        SeatAction::Order(Arrangement::new(items).unwrap())
    }

    fn guess(value: f64) -> SeatAction {
        SeatAction::Number(Guess::new(value).unwrap())
    }

    #[test]
    fn order_and_number_questions_score_by_their_rules_in_a_buzz_in_party() {
        let mut rules = Rules::party(Format::BuzzIn);
        rules.scoreboard = ScoreboardEvery::End;
        rules.speed_bonus = false;
        let mut g = Game::new(
            kinds_questions(),
            (0..3).map(|i| seat(i, None)).collect(),
            Vec::new(),
            rules,
            7,
        )
        .unwrap();
        g.start(Duration::ZERO).unwrap();
        // Orders are everyone-answers, even in a buzz-in round: no reading time, no buzz.
        assert_eq!(g.format_now(), Format::EveryoneAnswers);
        assert_eq!(
            send(&mut g, 0, SeatAction::Buzz, S),
            Err(Refusal::NotInThisFormat)
        );
        assert_eq!(
            send(&mut g, 0, SeatAction::Answer(0), S),
            Err(Refusal::NotInThisFormat)
        );
        assert_eq!(
            send(&mut g, 0, guess(3.0), S),
            Err(Refusal::NotInThisFormat)
        );
        // Not an order of the four items: refused, and the seat may still answer.
        assert_eq!(
            send(&mut g, 0, order(&[1, 1, 0, 2]), S),
            Err(Refusal::NoSuchOption)
        );
        assert_eq!(
            send(&mut g, 0, order(&[1, 3, 0]), S),
            Err(Refusal::NoSuchOption)
        );
        // Ana exact; Ben swaps the last two (two of four in place: a quarter); Cy reversed.
        send(&mut g, 0, order(&[1, 3, 0, 2]), S).unwrap();
        assert_eq!(
            send(&mut g, 0, order(&[1, 3, 0, 2]), S),
            Err(Refusal::AlreadyAnswered)
        );
        send(&mut g, 1, order(&[1, 3, 2, 0]), 2 * S).unwrap();
        assert_eq!(g.phase(), Phase::Question);
        send(&mut g, 2, order(&[2, 0, 3, 1]), 3 * S).unwrap();
        assert_eq!(g.phase(), Phase::Reveal, "everyone answered");
        let result = |g: &Game, s: u32| g.last_result(SeatId(s)).unwrap().clone();
        assert_eq!(
            (result(&g, 0).points.answer, result(&g, 0).correct),
            (1000, true)
        );
        assert_eq!(
            (result(&g, 1).points.answer, result(&g, 1).correct),
            (250, false)
        );
        assert!(result(&g, 1).partly());
        assert_eq!(result(&g, 2).points.answer, 0);
        assert_eq!(g.seat_state(SeatId(1), 4 * S), Some(SeatState::Partly));
        assert_eq!(g.seat_state(SeatId(2), 4 * S), Some(SeatState::Wrong));
        assert_eq!(
            g.given(SeatId(1)),
            Some(Given::Order(Arrangement::new(&[1, 3, 2, 0]).unwrap()))
        );
        assert_eq!(g.current().correct_text(), "A → B → C → D");
        host(&mut g, HostAction::Next, 5 * S).unwrap();
        // The number: Ana and Ben tie, 2 off, and share the win; Cy is 3 off: half his
        // solo credit (0.5) at most.
        assert_eq!(g.format_now(), Format::EveryoneAnswers);
        send(&mut g, 0, guess(1990.0), 6 * S).unwrap();
        send(&mut g, 1, guess(1994.0), 6 * S).unwrap();
        send(&mut g, 2, guess(1995.0), 6 * S).unwrap();
        assert_eq!(g.phase(), Phase::Reveal);
        assert_eq!(result(&g, 0).points.answer, 1000);
        assert_eq!(result(&g, 1).points.answer, 1000);
        assert!(!result(&g, 0).correct, "2 off is outside the tolerance");
        assert_eq!(result(&g, 2).points.answer, 500);
        // Ana was right on the order, then not right: her streak broke, no bonus.
        assert_eq!(result(&g, 0).streak, 0);
        assert_eq!(g.current().correct_text(), "1992");
        // Undo takes the question's scores back exactly.
        let before = score(&g, 0);
        host(&mut g, HostAction::Undo, 7 * S).unwrap();
        assert_eq!(score(&g, 0), before - 1000);
        host(&mut g, HostAction::Next, 8 * S).unwrap();
        // The choice question after them is a buzz-in question again.
        assert_eq!(g.format_now(), Format::BuzzIn);
        assert!(matches!(g.buzz(), Buzz::Reading { .. }));
    }

    #[test]
    fn alone_a_number_earns_its_own_credit_and_a_late_order_times_out() {
        let mut g = Game::new(
            kinds_questions(),
            vec![seat(0, None)],
            Vec::new(),
            Rules::solo(),
            1,
        )
        .unwrap();
        g.start(Duration::ZERO).unwrap();
        // No answer in 20 s: no points, the order question reveals on time.
        g.advance(20 * S);
        assert_eq!(g.phase(), Phase::Reveal);
        assert!(!g.last_result(SeatId(0)).unwrap().answered());
        assert_eq!(g.seat_state(SeatId(0), 20 * S), Some(SeatState::NoAnswer));
        host(&mut g, HostAction::Next, 21 * S).unwrap();
        // 3 off, alone: half of the points (the tolerance is 1, the limit 5), at once.
        send(&mut g, 0, guess(1995.0), 21 * S + 100 * MS).unwrap();
        let r = g.last_result(SeatId(0)).unwrap();
        assert_eq!((r.points.answer, r.correct), (500, false));
        assert_eq!(r.given, Some(Given::Number(Guess::new(1995.0).unwrap())));
    }
}
