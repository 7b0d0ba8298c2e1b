//! A night in rounds: each round its own format and modifier (double points), a
//! scoreboard between rounds, a final where every seat stakes points on one question,
//! a sudden-death tiebreak when first place is tied, and evenings: a night stopped at a
//! round's end and continued another evening with more rounds.
//!
//! The questions of every round sit end to end in the game's question list; a
//! [`GameRound`] names a stretch of it. A game built without rounds is one regular round
//! of all its questions in the rules' format, as a night was before rounds.

use std::collections::BTreeMap;
use std::time::Duration;

use serde::{Deserialize, Serialize};

use crate::command::{Event, Refusal};
use crate::round::{Asked, RoundQuestion};
use crate::seat::SeatId;

use super::{Clock, Format, Game, Given, Phase, Points, QuestionResult};

/// What a round is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum RoundKind {
    /// Questions scored as usual.
    #[default]
    Regular,
    /// One question; first only its category shows and every seat stakes points on it.
    Final,
    /// Sudden death between the seats tied for first: one number question, closest wins.
    Tiebreak,
}

/// How a round's points count.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
pub enum Modifier {
    /// As earned.
    #[default]
    Normal,
    /// Every point earned (answer and streak bonus) counts twice; penalties do not grow.
    Double,
}

impl Modifier {
    /// The modifier in words ("double points").
    pub fn label(self) -> &'static str {
        match self {
            Modifier::Normal => "normal points",
            Modifier::Double => "double points",
        }
    }
}

/// One round of a game: a stretch of its questions.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct GameRound {
    /// The round's name as the room sees it ("Round 2", "The final").
    pub name: String,
    /// How its questions are played (a final and a tiebreak: everyone answers).
    pub format: Format,
    /// Normal or double points.
    pub modifier: Modifier,
    /// Regular, final or tiebreak.
    pub kind: RoundKind,
    /// The index of its first question in the game.
    pub first: usize,
    /// How many questions it has.
    pub len: usize,
    /// The evening it is played on, from 1.
    pub evening: u32,
}

impl GameRound {
    /// The index of the round's last question.
    pub fn last(&self) -> usize {
        self.first + self.len.saturating_sub(1)
    }

    /// Whether question `index` belongs to this round.
    pub fn holds(&self, index: usize) -> bool {
        index >= self.first && index < self.first + self.len
    }
}

/// A stake may be at most the seat's score, or this much when the score is at or below
/// zero (so a seat behind can still play the final).
pub const STAKE_FLOOR: u32 = 500;

/// What the next evening of a series adds: its rounds (numbered from its first question,
/// 0), their questions, and number questions kept for a tiebreak.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evening {
    /// The evening's rounds; `first` counts from the evening's first question.
    pub rounds: Vec<GameRound>,
    /// Their questions, end to end.
    pub questions: Vec<RoundQuestion>,
    /// Number questions for a sudden death, none of them asked in the rounds.
    pub tiebreaks: Vec<RoundQuestion>,
}

impl Game {
    // ---- Reading the state -------------------------------------------------------------

    /// The game's rounds, in order (tiebreaks run are appended).
    pub fn rounds(&self) -> &[GameRound] {
        &self.rounds
    }

    /// The index of the round the current question belongs to.
    pub fn round_index(&self) -> usize {
        self.rounds
            .iter()
            .position(|r| r.holds(self.current))
            .unwrap_or(0)
    }

    /// The round being played (or just played).
    pub fn round(&self) -> &GameRound {
        &self.rounds[self.round_index()]
    }

    /// The evening being played, from 1.
    pub fn evening(&self) -> u32 {
        self.round().evening
    }

    /// Whether the night has more than one round (or goes on over evenings): it shows a
    /// round scoreboard after each round.
    pub fn in_rounds(&self) -> bool {
        self.rounds
            .iter()
            .filter(|r| r.kind != RoundKind::Tiebreak)
            .count()
            > 1
            || self.series
    }

    /// Whether this game may go on another evening.
    pub fn is_series(&self) -> bool {
        self.series
    }

    /// Marks the game as a series: it ends each evening on a round scoreboard.
    pub fn set_series(&mut self, series: bool) {
        self.series = series;
    }

    /// Whether the current question is the last of its round.
    pub fn is_last_of_round(&self) -> bool {
        self.current >= self.round().last()
    }

    /// Whether a round follows the current one.
    pub fn next_round(&self) -> Option<&GameRound> {
        self.rounds
            .get(self.round_index() + 1)
            .filter(|r| r.kind != RoundKind::Tiebreak)
    }

    /// What `seat` earned in round `round` (corrections not included).
    pub fn round_points(&self, seat: SeatId, round: usize) -> i64 {
        let Some(round) = self.rounds.get(round) else {
            return 0;
        };
        self.player(seat).map_or(0, |p| {
            p.stats
                .results
                .iter()
                .filter(|r| round.holds(r.question))
                .map(|r| r.points.total())
                .sum()
        })
    }

    /// The seats that earned the most in round `round` (several on a tie), if anyone
    /// earned anything.
    pub fn round_winners(&self, round: usize) -> Vec<SeatId> {
        let points: Vec<(SeatId, i64)> = self
            .players
            .iter()
            .filter(|p| !p.removed)
            .map(|p| (p.seat.id, self.round_points(p.seat.id, round)))
            .collect();
        let best = points.iter().map(|(_, p)| *p).max().unwrap_or(0);
        if best <= 0 {
            return Vec::new();
        }
        points
            .into_iter()
            .filter(|(_, p)| *p == best)
            .map(|(s, _)| s)
            .collect()
    }

    /// The most `seat` may stake on the final: its score, or [`STAKE_FLOOR`] when that is
    /// zero or less.
    pub fn max_stake(&self, seat: SeatId) -> u32 {
        let score = self.player(seat).map_or(0, |p| p.stats.score);
        if score <= 0 {
            STAKE_FLOOR
        } else {
            u32::try_from(score).unwrap_or(u32::MAX)
        }
    }

    /// The stake `seat` has set on the final (secret until its reveal).
    pub fn stake(&self, seat: SeatId) -> Option<u32> {
        self.stakes.get(&seat).copied()
    }

    /// Whether `seat` has staked on the final.
    pub fn has_staked(&self, seat: SeatId) -> bool {
        self.stakes.contains_key(&seat)
    }

    /// The final's reveal: the seats in the order they are revealed (lowest score first),
    /// and how many have been.
    pub fn final_reveal(&self) -> (&[SeatId], usize) {
        (&self.final_order, self.final_step)
    }

    /// Whether the final's reveal has shown `seat`'s answer and stake.
    pub fn final_revealed(&self, seat: SeatId) -> bool {
        self.final_order[..self.final_step.min(self.final_order.len())].contains(&seat)
    }

    /// Whether the current question is a final being revealed with seats still to show.
    pub fn final_pending(&self) -> bool {
        self.phase == Phase::Reveal
            && self.round().kind == RoundKind::Final
            && self.final_step < self.final_order.len()
    }

    /// The seats tied for first, when the game is over and the tie may be broken by a
    /// sudden death (a question is left for it, and the host has not shared the win).
    pub fn tied_for_first(&self) -> Vec<SeatId> {
        // A team game is won by the teams' scores: a tie there is shared.
        if self.phase != Phase::Finished
            || self.shared_win
            || self.tiebreak_winner().is_some()
            || !self.teams.is_empty()
        {
            return Vec::new();
        }
        let live: Vec<&super::Player> = self.players.iter().filter(|p| !p.removed).collect();
        let Some(best) = live.iter().map(|p| p.stats.score).max() else {
            return Vec::new();
        };
        let tied: Vec<SeatId> = live
            .iter()
            .filter(|p| p.stats.score == best)
            .map(|p| p.seat.id)
            .collect();
        if tied.len() < 2 { Vec::new() } else { tied }
    }

    /// Whether a sudden death can be played now: first place is tied and a number
    /// question is left for it.
    pub fn tiebreak_offered(&self) -> bool {
        !self.tied_for_first().is_empty() && !self.tiebreak_pool.is_empty()
    }

    /// The seat that won a sudden death, if one was won and it still counts: while the
    /// winner shares the top score (a correction since that moves someone ahead or
    /// behind decides first place by the scores again).
    pub fn tiebreak_winner(&self) -> Option<SeatId> {
        let winner = self.tiebreak_winner?;
        let best = self.top_score()?;
        let tied = self
            .players
            .iter()
            .filter(|p| !p.removed && p.stats.score == best)
            .count();
        let score = self.player(winner).filter(|p| !p.removed)?.stats.score;
        (score == best && tied > 1).then_some(winner)
    }

    /// The best score of the seats still in the game.
    fn top_score(&self) -> Option<i64> {
        self.players
            .iter()
            .filter(|p| !p.removed)
            .map(|p| p.stats.score)
            .max()
    }

    /// Whether the host declined a sudden death and the tied seats share the win (while
    /// they are still tied).
    pub fn win_shared(&self) -> bool {
        self.shared_win && {
            let best = self.top_score();
            self.players
                .iter()
                .filter(|p| !p.removed && Some(p.stats.score) == best)
                .count()
                > 1
        }
    }

    // ---- Building -----------------------------------------------------------------------

    /// Sets the game's rounds (before it starts) and the number questions kept for a
    /// tiebreak. Rounds must cover the questions end to end; `None` if they do not.
    pub fn plan(&mut self, rounds: Vec<GameRound>, tiebreaks: Vec<RoundQuestion>) -> Option<()> {
        if self.phase != Phase::Ready || !covers(&rounds, 0, self.questions.len()) {
            return None;
        }
        self.rounds = rounds;
        self.tiebreak_pool = tiebreaks;
        Some(())
    }

    /// Adds the next evening's rounds to a series stopped for the night, and opens its
    /// first round at `at`.
    pub fn add_evening(&mut self, evening: Evening, at: Duration) -> Result<(), Refusal> {
        if self.phase != Phase::Intermission || !covers(&evening.rounds, 0, evening.questions.len())
        {
            return Err(Refusal::WrongPhase);
        }
        let offset = self.questions.len();
        let number = self.rounds.iter().map(|r| r.evening).max().unwrap_or(1) + 1;
        self.questions.extend(evening.questions);
        self.rounds.extend(evening.rounds.into_iter().map(|mut r| {
            r.first += offset;
            r.evening = number;
            r
        }));
        self.tiebreak_pool = evening.tiebreaks;
        self.events.push(Event::EveningStarted { evening: number });
        self.open_round(self.round_index() + 1, at);
        Ok(())
    }

    // ---- Moving through rounds ---------------------------------------------------------

    /// Opens round `index`: its first question, or for a final the stakes.
    pub(super) fn open_round(&mut self, index: usize, at: Duration) {
        let Some(round) = self.rounds.get(index).cloned() else {
            self.finish();
            return;
        };
        self.events.push(Event::RoundStarted { round: index });
        if round.kind == RoundKind::Final {
            self.ranks_before = self.standings();
            self.current = round.first;
            self.phase = Phase::Wager;
            self.clock = Clock::new(at);
            self.stakes.clear();
            self.answers.clear();
            self.final_order.clear();
            self.final_step = 0;
            for p in &mut self.players {
                p.waiting = false;
            }
            self.events.push(Event::WagerOpened);
        } else {
            self.open(round.first, at);
        }
    }

    /// After the reveal of a round's last question: the round's scoreboard in a night of
    /// rounds, else the end.
    pub(super) fn end_round(&mut self, at: Duration) {
        let round = self.round().clone();
        if round.kind == RoundKind::Tiebreak {
            self.finish();
            return;
        }
        if self.in_rounds() {
            self.phase = Phase::RoundEnd;
            self.clock = Clock::new(at);
            self.events.push(Event::RoundEnded {
                round: self.round_index(),
            });
        } else {
            self.finish();
        }
    }

    /// From a round's scoreboard: the next round, or the end.
    pub(super) fn after_round_end(&mut self, at: Duration) {
        if self.next_round().is_some() {
            self.open_round(self.round_index() + 1, at);
        } else {
            self.finish();
        }
    }

    /// Stops the night at a round's end, to go on another evening: the rounds not played
    /// yet are dropped (the next evening plans its own).
    pub(super) fn end_evening(&mut self, at: Duration) -> Result<(), Refusal> {
        if self.phase != Phase::RoundEnd {
            return Err(Refusal::WrongPhase);
        }
        if self.is_paused() {
            return Err(Refusal::Paused);
        }
        let keep = self.round_index() + 1;
        let cut = self.round().first + self.round().len;
        self.rounds.truncate(keep);
        self.questions.truncate(cut);
        self.series = true;
        self.phase = Phase::Intermission;
        self.clock = Clock::new(at);
        self.events.push(Event::EveningEnded {
            evening: self.evening(),
        });
        Ok(())
    }

    // ---- The final ---------------------------------------------------------------------

    /// A seat's stake on the final; it may change it until the question opens.
    pub(super) fn set_stake(&mut self, seat: SeatId, stake: u32) -> Result<(), Refusal> {
        let i = self.index_of(seat).ok_or(Refusal::NoSuchSeat)?;
        if !self.players[i].in_play() {
            return Err(Refusal::SeatRemoved);
        }
        if stake > self.max_stake(seat) {
            return Err(Refusal::StakeTooHigh);
        }
        if self.stakes.get(&seat) == Some(&stake) {
            return Err(Refusal::AlreadyAnswered);
        }
        // One undo step per seat's stake: changing it again right after keeps the step.
        if self.undo.last().and_then(|s| s.stake_of) != Some(seat) {
            self.save(format!("the stake of {}", self.players[i].seat.name));
            if let Some(step) = self.undo.last_mut() {
                step.stake_of = Some(seat);
            }
        }
        self.stakes.insert(seat, stake);
        self.events.push(Event::Staked { seat });
        Ok(())
    }

    /// From the stakes to the final's question. A stake a correction since left above
    /// what its seat may stake is brought down to it.
    pub(super) fn open_final_question(&mut self, at: Duration) {
        let seats: Vec<SeatId> = self.stakes.keys().copied().collect();
        for seat in seats {
            let max = self.max_stake(seat);
            if let Some(stake) = self.stakes.get_mut(&seat) {
                *stake = (*stake).min(max);
            }
        }
        // The stakes are settled: their undo steps go (the question's own follow).
        let index = self.current;
        self.undo.retain(|s| s.stake_of.is_none());
        self.open(index, at);
    }

    /// Closes the final's question: the answers are recorded, unscored; the reveal scores
    /// them one seat at a time, lowest score first.
    pub(super) fn close_final(&mut self) {
        // Undo can take the final's answers back as a whole, like a question's scores.
        self.save("the final's answers".to_string());
        let question = self.current;
        let credits = self.credits();
        let mut order: Vec<(i64, usize, SeatId)> = Vec::new();
        for (k, p) in self.players.iter_mut().enumerate() {
            if !p.in_play() {
                continue;
            }
            let answer = self.answers.get(&p.seat.id);
            let correct = credits.get(&p.seat.id).is_some_and(|c| c.right);
            order.push((p.stats.score, k, p.seat.id));
            let streak = p.stats.streak;
            p.stats
                .results
                .push(unscored(question, answer.copied(), correct, streak));
        }
        order.sort();
        self.final_order = order.into_iter().map(|(_, _, s)| s).collect();
        self.final_step = 0;
    }

    /// The final's reveal moves on one seat: its answer and stake show and its score
    /// changes by the stake, up if right, down if not.
    pub(super) fn reveal_next_seat(&mut self, at: Duration) {
        let Some(&seat) = self.final_order.get(self.final_step) else {
            return;
        };
        let Some(i) = self.index_of(seat) else { return };
        // A seat the host took out keeps its score: its turn passes.
        if self.players[i].removed {
            self.final_step += 1;
            self.after_final_step(at);
            return;
        }
        self.save(format!("the final of {}", self.players[i].seat.name));
        let stake = self.stakes.get(&seat).copied().unwrap_or(0);
        let question = self.current;
        let stats = &mut self.players[i].stats;
        let mut points = Points::default();
        if let Some(result) = stats
            .results
            .iter_mut()
            .rev()
            .find(|r| r.question == question)
        {
            if result.correct {
                points.answer = stake;
            } else {
                points.penalty = stake;
            }
            result.points = points;
        }
        stats.score += points.total();
        self.final_step += 1;
        self.events.push(Event::FinalShown {
            seat,
            points: points.total(),
        });
        self.after_final_step(at);
    }

    /// Once every seat is shown, the reveal's own countdown (when the reveal moves on by
    /// itself) starts: from the last seat shown, never from the question's close.
    fn after_final_step(&mut self, at: Duration) {
        if !self.final_pending() {
            self.clock = Clock::new(at);
        }
    }

    // ---- The tiebreak ------------------------------------------------------------------

    /// Sudden death between the seats tied for first: the next kept number question, for
    /// them alone.
    pub(super) fn start_tiebreak(&mut self, at: Duration) -> Result<(), Refusal> {
        let tied = self.tied_for_first();
        if tied.is_empty() || self.tiebreak_pool.is_empty() {
            return Err(Refusal::WrongPhase);
        }
        let question = self.tiebreak_pool.remove(0);
        let first = self.questions.len();
        self.questions.push(question);
        let evening = self.rounds.last().map_or(1, |r| r.evening);
        self.rounds.push(GameRound {
            name: "Sudden death".to_string(),
            format: Format::EveryoneAnswers,
            modifier: Modifier::Normal,
            kind: RoundKind::Tiebreak,
            first,
            len: 1,
            evening,
        });
        for p in &mut self.players {
            p.benched = !tied.contains(&p.seat.id);
        }
        self.events.push(Event::RoundStarted {
            round: self.rounds.len() - 1,
        });
        self.open(first, at);
        Ok(())
    }

    /// Closes a sudden death: the closest guess wins, a tie by who locked in first, then
    /// by seat order. No score changes; nobody wins if nobody answered.
    pub(super) fn close_tiebreak(&mut self) {
        let question = self.current;
        let target = match &self.current().asked {
            Asked::Number { rule, .. } => Some(rule.answer),
            _ => None,
        };
        let credits = self.credits();
        let mut best: Option<(f64, Duration, usize, SeatId)> = None;
        for (k, p) in self.players.iter_mut().enumerate() {
            if !p.in_play() {
                continue;
            }
            let answer = self.answers.get(&p.seat.id).copied();
            if let (Some(a), Some(target)) = (answer, target)
                && let Some(Given::Number(guess)) = a.given
            {
                let key = ((guess.value() - target).abs(), a.taken, k, p.seat.id);
                if best.is_none_or(|b| (key.0, key.1, key.2) < (b.0, b.1, b.2)) {
                    best = Some(key);
                }
            } else if target.is_none()
                && let Some(a) = answer
                && credits.get(&p.seat.id).is_some_and(|c| c.right)
            {
                let key = (0.0, a.taken, k, p.seat.id);
                if best.is_none_or(|b| (key.0, key.1, key.2) < (b.0, b.1, b.2)) {
                    best = Some(key);
                }
            }
            let correct = credits.get(&p.seat.id).is_some_and(|c| c.right);
            let streak = p.stats.streak;
            p.stats
                .results
                .push(unscored(question, answer, correct, streak));
        }
        self.tiebreak_winner = best.map(|b| b.3);
        self.events.push(Event::TiebreakWon {
            seat: self.tiebreak_winner,
        });
    }

    /// Ends a sudden death: everyone is back on the bench's other side.
    pub(super) fn unbench(&mut self) {
        for p in &mut self.players {
            p.benched = false;
        }
    }

    /// The host declines a sudden death: the tied seats share the win.
    pub(super) fn share_win(&mut self) -> Result<(), Refusal> {
        if self.tied_for_first().is_empty() {
            return Err(Refusal::WrongPhase);
        }
        self.shared_win = true;
        self.events.push(Event::WinShared);
        Ok(())
    }
}

/// A result recorded with no points (yet): the final's before its reveal, a sudden death's.
fn unscored(
    question: usize,
    answer: Option<super::Answer>,
    correct: bool,
    streak: u32,
) -> QuestionResult {
    QuestionResult {
        question,
        chosen: answer.and_then(|a| a.option),
        given: answer.and_then(|a| a.given),
        correct,
        taken: answer.map(|a| a.taken),
        points: Points::default(),
        streak,
        buzzed: false,
        skipped: false,
    }
}

/// Whether `rounds` cover questions `from..to` end to end, each at least one question.
fn covers(rounds: &[GameRound], from: usize, to: usize) -> bool {
    let mut next = from;
    for r in rounds {
        if r.first != next || r.len == 0 {
            return false;
        }
        next += r.len;
    }
    next == to && !rounds.is_empty()
}

/// The rounds of a game built without any: one regular round of every question.
pub(super) fn one_round(format: Format, len: usize) -> Vec<GameRound> {
    vec![GameRound {
        name: "Round 1".to_string(),
        format,
        modifier: Modifier::Normal,
        kind: RoundKind::Regular,
        first: 0,
        len,
        evening: 1,
    }]
}

/// Stakes by seat, as undo keeps them.
pub(super) type Stakes = BTreeMap<SeatId, u32>;
