//! What the core's integration tests share: the repository's root (for the shipped packs
//! and the docs), and what the property tests of games (`game_properties.rs`) and of
//! nights (`night_properties.rs`) build and generate alike: the proptest config, the
//! teams, choice questions, the setup a game or night is built from, and the host's
//! generated inputs. Each test file includes it with `mod common;` and keeps what is its
//! own.

// Each test file is its own crate and uses only part of this.
#![allow(dead_code)]

use std::collections::BTreeSet;
use std::fmt::Debug;
use std::ops::RangeInclusive;
use std::path::PathBuf;
use std::time::Duration;

use defiant_core::command::{HostAction, SeatAction};
use defiant_core::game::{Evening, Format, GameRound, Modifier, RoundKind, Rules, ScoreboardEvery};
use defiant_core::kinds::NumberRule;
use defiant_core::pack::Difficulty;
use defiant_core::round::{Asked, RoundQuestion};
use defiant_core::seat::{SeatId, Team, TeamId};
use proptest::prelude::*;

/// The repository (two folders above this crate), as cargo names the crate when it runs
/// the test, not when it built it: clones that share one target dir may reuse a test
/// binary built in another clone.
pub fn repo() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
        .join("../..")
}

/// `cases` (or `PROPTEST_CASES` when set, for a longer hunt), with no
/// `proptest-regressions` files: shrunk failures worth keeping become scenarios.
pub fn config(cases: u32) -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(cases);
    ProptestConfig {
        cases,
        failure_persistence: None,
        ..ProptestConfig::default()
    }
}

// ---- Building games ----------------------------------------------------------------------

/// The two teams seats `id` join as team `id % 2`.
pub fn teams() -> Vec<Team> {
    vec![
        Team {
            id: TeamId(0),
            name: "Odd".into(),
        },
        Team {
            id: TeamId(1),
            name: "Even".into(),
        },
    ]
}

/// Question `n`, `seconds` long, a choice with no options yet (the right one at 0).
pub fn blank_question(n: usize, seconds: u64) -> RoundQuestion {
    RoundQuestion {
        id: format!("q{n}"),
        prompt: format!("Question {n}?"),
        options: Vec::new(),
        correct: 0,
        explanation: "Because.".to_string(),
        category: "Music".to_string(),
        difficulty: Difficulty::Easy,
        time_limit: Duration::from_secs(seconds),
        true_false: false,
        asked: Asked::Choice,
        media: Default::default(),
    }
}

/// A question with `options` options, the right one at `correct`.
pub fn question(n: usize, seconds: u64, options: usize, correct: usize) -> RoundQuestion {
    RoundQuestion {
        options: (0..options).map(|o| format!("option {o}")).collect(),
        correct: correct % options,
        ..blank_question(n, seconds)
    }
}

/// A number question `n`, `seconds` long: `answer`, right within `tolerance`.
pub fn number_question(n: usize, seconds: u64, answer: f64, tolerance: f64) -> RoundQuestion {
    RoundQuestion {
        asked: Asked::Number {
            rule: NumberRule::new(answer, tolerance),
            unit: "m".to_string(),
        },
        ..blank_question(n, seconds)
    }
}

/// Everything a generated game or night is built from: `Q` is what a test generates per
/// question, `X` what else only it has (the night's phones).
#[derive(Debug, Clone)]
pub struct Setup<Q, X = ()> {
    pub format: Format,
    pub seats: u32,
    pub extra: X,
    pub questions: Vec<Q>,
    pub speed_bonus: bool,
    pub streak_bonus: bool,
    pub wrong_penalty: u32,
    pub reveal_for: Option<Duration>,
    pub scoreboard: ScoreboardEvery,
    pub seed: u64,
}

impl<Q, X> Setup<Q, X> {
    pub fn rules(&self) -> Rules {
        Rules {
            format: self.format,
            speed_bonus: self.speed_bonus,
            streak_bonus: self.streak_bonus,
            wrong_penalty: self.wrong_penalty,
            reveal_for: self.reveal_for,
            scoreboard: self.scoreboard,
        }
    }

    /// The questions, built by `question` from their number and what was generated for them.
    pub fn round_questions(
        &self,
        question: impl Fn(usize, &Q) -> RoundQuestion,
    ) -> Vec<RoundQuestion> {
        self.questions
            .iter()
            .enumerate()
            .map(|(n, q)| question(n, q))
            .collect()
    }
}

/// Setups with `seats` seats, `extra` and `questions` from the test's own strategies, and
/// any format and scoring rules.
pub fn setup<Q: Debug, X: Debug>(
    seats: RangeInclusive<u32>,
    extra: impl Strategy<Value = X>,
    questions: impl Strategy<Value = Vec<Q>>,
) -> impl Strategy<Value = Setup<Q, X>> {
    (
        prop_oneof![Just(Format::EveryoneAnswers), Just(Format::BuzzIn)],
        seats,
        extra,
        questions,
        any::<bool>(),
        any::<bool>(),
        prop_oneof![Just(0u32), 1u32..=500],
        prop::option::of((300u64..=4000).prop_map(Duration::from_millis)),
        prop_oneof![
            Just(ScoreboardEvery::End),
            (0u8..=3).prop_map(ScoreboardEvery::Questions)
        ],
        any::<u64>(),
    )
        .prop_map(
            |(
                format,
                seats,
                extra,
                questions,
                speed_bonus,
                streak_bonus,
                wrong_penalty,
                reveal_for,
                scoreboard,
                seed,
            )| Setup {
                format,
                seats,
                extra,
                questions,
                speed_bonus,
                streak_bonus,
                wrong_penalty,
                reveal_for,
                scoreboard,
                seed,
            },
        )
}

// ---- Rounds ------------------------------------------------------------------------------

/// How a generated night splits its questions into rounds: one to three rounds, each with
/// its format, modifier and where in the questions it starts (the first at 0, the others
/// at 1 + `cut` modulo the questions after the first; two at one place are one); the last
/// may be a final (of the last question); a series or not; and number questions kept for
/// a sudden death (their answers).
#[derive(Debug, Clone)]
pub struct RoundsPlan {
    pub rounds: Vec<(Format, Modifier, u8)>,
    pub final_round: bool,
    pub series: bool,
    pub tiebreaks: Vec<f64>,
}

impl RoundsPlan {
    /// The rounds over `count` questions (at least one), end to end.
    pub fn rounds(&self, count: usize) -> Vec<GameRound> {
        let finals = usize::from(self.final_round);
        let regular = count - finals;
        // Regular rounds wanted: the plan's, less the final, and at least one when some
        // questions are left for it.
        let wanted = (self.rounds.len() - finals).max(1).min(regular);
        let mut starts: BTreeSet<usize> = BTreeSet::new();
        if regular > 0 {
            starts.insert(0);
        }
        for (_, _, cut) in self.rounds.iter().skip(1).take(wanted.saturating_sub(1)) {
            starts.insert(1 + usize::from(*cut) % (regular - 1));
        }
        let starts: Vec<usize> = starts.into_iter().collect();
        let mut out: Vec<GameRound> = starts
            .iter()
            .enumerate()
            .map(|(i, &first)| {
                let end = starts.get(i + 1).copied().unwrap_or(regular);
                let (format, modifier, _) = self.rounds[i];
                GameRound {
                    name: format!("Round {}", i + 1),
                    format,
                    modifier,
                    kind: RoundKind::Regular,
                    first,
                    len: end - first,
                    evening: 1,
                }
            })
            .collect();
        if self.final_round {
            out.push(final_round(regular));
        }
        out
    }

    /// The number questions kept for a sudden death, numbered from `n`.
    pub fn tiebreaks(&self, n: usize) -> Vec<RoundQuestion> {
        self.tiebreaks
            .iter()
            .enumerate()
            .map(|(k, &answer)| number_question(n + k, 5, answer, 0.0))
            .collect()
    }
}

/// The final: question `first` alone, everyone answers, stakes first.
pub fn final_round(first: usize) -> GameRound {
    GameRound {
        name: "The final".to_string(),
        format: Format::EveryoneAnswers,
        modifier: Modifier::Normal,
        kind: RoundKind::Final,
        first,
        len: 1,
        evening: 1,
    }
}

pub fn modifier() -> impl Strategy<Value = Modifier> {
    prop_oneof![2 => Just(Modifier::Normal), 1 => Just(Modifier::Double)]
}

pub fn format() -> impl Strategy<Value = Format> {
    prop_oneof![Just(Format::EveryoneAnswers), Just(Format::BuzzIn)]
}

/// A tiebreak's answer.
pub fn tiebreak_answer() -> impl Strategy<Value = f64> {
    prop_oneof![Just(1992.0f64), -1_000.0f64..1_000.0]
}

pub fn rounds_plan() -> impl Strategy<Value = RoundsPlan> {
    (
        prop::collection::vec((format(), modifier(), any::<u8>()), 1..=3),
        any::<bool>(),
        prop::bool::weighted(0.3),
        prop::collection::vec(tiebreak_answer(), 0..=2),
    )
        .prop_map(|(rounds, final_round, series, tiebreaks)| RoundsPlan {
            rounds,
            final_round,
            series,
            tiebreaks,
        })
}

/// The next evening of a series: one or two small rounds of the test's own questions
/// (`Q`), the last maybe a final (of its first question), maybe a number question kept
/// for a sudden death.
#[derive(Debug, Clone)]
pub struct EveningPlan<Q> {
    pub rounds: Vec<(Format, Modifier, Vec<Q>)>,
    pub final_round: bool,
    pub tiebreak: Option<f64>,
}

impl<Q> EveningPlan<Q> {
    /// The evening, its questions built by `question` from their number (counted from
    /// `n`) and what was generated for them.
    pub fn evening(&self, n: usize, question: impl Fn(usize, &Q) -> RoundQuestion) -> Evening {
        let mut rounds = Vec::new();
        let mut questions = Vec::new();
        let last = self.rounds.len() - 1;
        for (i, (format, modifier, qs)) in self.rounds.iter().enumerate() {
            let first = questions.len();
            let qs = if self.final_round && i == last {
                &qs[..1]
            } else {
                &qs[..]
            };
            for q in qs {
                questions.push(question(n + questions.len(), q));
            }
            rounds.push(if self.final_round && i == last {
                final_round(first)
            } else {
                GameRound {
                    name: format!("Round {}", i + 1),
                    format: *format,
                    modifier: *modifier,
                    kind: RoundKind::Regular,
                    first,
                    len: qs.len(),
                    evening: 1,
                }
            });
        }
        let tiebreaks = self
            .tiebreak
            .iter()
            .map(|&answer| number_question(n + questions.len(), 5, answer, 0.0))
            .collect();
        Evening {
            rounds,
            questions,
            tiebreaks,
        }
    }
}

pub fn evening_plan<Q: Debug>(
    question: impl Strategy<Value = Q>,
) -> impl Strategy<Value = EveningPlan<Q>> {
    (
        prop::collection::vec(
            (format(), modifier(), prop::collection::vec(question, 1..=2)),
            1..=2,
        ),
        any::<bool>(),
        prop::option::of(tiebreak_answer()),
    )
        .prop_map(|(rounds, final_round, tiebreak)| EveningPlan {
            rounds,
            final_round,
            tiebreak,
        })
}

/// A stake on the final, as a share of what the seat may stake, or above it.
#[derive(Debug, Clone, Copy)]
pub enum StakeSize {
    /// This many hundredths of the most it may stake (0 to 100).
    Share(u8),
    /// This much more than it may stake.
    Over(u32),
    /// This many points, whatever it may stake.
    Raw(u32),
}

impl StakeSize {
    /// The points staked by a seat that may stake at most `max`.
    pub fn points(self, max: u32) -> u32 {
        match self {
            StakeSize::Share(share) => (u64::from(max) * u64::from(share.min(100)) / 100) as u32,
            StakeSize::Over(more) => max.saturating_add(more.max(1)),
            StakeSize::Raw(points) => points,
        }
    }
}

pub fn stake_size() -> impl Strategy<Value = StakeSize> {
    prop_oneof![
        6 => prop_oneof![Just(0u8), Just(100), 0u8..=100].prop_map(StakeSize::Share),
        2 => prop_oneof![Just(1u32), 1u32..1_000, Just(u32::MAX)].prop_map(StakeSize::Over),
        2 => prop_oneof![0u32..3_000, Just(u32::MAX)].prop_map(StakeSize::Raw),
    ]
}

/// The items `0..n` in some order, `n` from 3 to 6.
pub fn shuffled_items() -> impl Strategy<Value = Vec<usize>> {
    (3usize..=6).prop_flat_map(|n| Just((0..n).collect::<Vec<usize>>()).prop_shuffle())
}

// ---- Generated inputs --------------------------------------------------------------------

/// The pause between two inputs.
pub fn delay() -> impl Strategy<Value = Duration> {
    prop_oneof![
        1 => Just(Duration::ZERO),
        3 => (0u64..400).prop_map(Duration::from_millis),
        3 => (0u64..3_000).prop_map(Duration::from_millis),
        2 => (0u64..12_000).prop_map(Duration::from_millis),
    ]
}

/// A host input; seats are raw bytes, mapped to seat ids by each test.
#[derive(Debug, Clone, Copy)]
pub enum HostStep {
    Adjust { seat: u8, points: i32 },
    Remove { seat: u8 },
    Skip,
    Reveal,
    Next,
    Pause,
    Resume,
    TogglePause,
    AddTime(u16),
    Undo,
    End,
    EndEvening,
    Tiebreak,
    ShareWin,
}

impl HostStep {
    /// The host's action, its seat mapped by `seat_id`.
    pub fn action(self, seat_id: impl Fn(u8) -> SeatId) -> HostAction {
        match self {
            HostStep::Adjust { seat, points } => HostAction::Adjust {
                seat: seat_id(seat),
                points,
            },
            HostStep::Remove { seat } => HostAction::RemoveSeat(seat_id(seat)),
            HostStep::Skip => HostAction::Skip,
            HostStep::Reveal => HostAction::Reveal,
            HostStep::Next => HostAction::Next,
            HostStep::Pause => HostAction::Pause,
            HostStep::Resume => HostAction::Resume,
            HostStep::TogglePause => HostAction::TogglePause,
            HostStep::AddTime(seconds) => HostAction::AddTime(seconds),
            HostStep::Undo => HostAction::Undo,
            HostStep::End => HostAction::End,
            HostStep::EndEvening => HostAction::EndEvening,
            HostStep::Tiebreak => HostAction::Tiebreak,
            HostStep::ShareWin => HostAction::ShareWin,
        }
    }
}

/// Any host input but End (rare: the tests weigh it in themselves).
pub fn host_step() -> impl Strategy<Value = HostStep> {
    prop_oneof![
        3 => (any::<u8>(), -600i32..=600).prop_map(|(seat, points)| HostStep::Adjust { seat, points }),
        1 => any::<u8>().prop_map(|seat| HostStep::Remove { seat }),
        1 => Just(HostStep::Skip),
        1 => Just(HostStep::Reveal),
        8 => Just(HostStep::Next),
        1 => Just(HostStep::Pause),
        2 => Just(HostStep::Resume),
        1 => Just(HostStep::TogglePause),
        1 => (0u16..=20).prop_map(HostStep::AddTime),
        3 => Just(HostStep::Undo),
    ]
}

/// The host's inputs for a night in rounds (the tests weigh them in themselves): stop for
/// the evening, a sudden death, a shared win.
pub fn rounds_host_step() -> impl Strategy<Value = HostStep> {
    prop_oneof![
        2 => Just(HostStep::EndEvening),
        2 => Just(HostStep::Tiebreak),
        1 => Just(HostStep::ShareWin),
    ]
}

/// A player's answer to choice question `q`: the right option, or the one after it.
pub fn choice_answer(q: &RoundQuestion, right: bool) -> SeatAction {
    let option = if right {
        q.correct
    } else {
        (q.correct + 1) % q.options.len()
    };
    SeatAction::Answer(option as u8)
}
