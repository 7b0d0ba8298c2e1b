//! A night's plan: the rounds the host lines up in the lobby (each with its format,
//! question count, time, category, difficulty and modifier; the last may be a final),
//! the presets, and the picking of every round's questions from a pack so that no
//! question is asked twice in a night, over all its evenings.

use std::collections::BTreeSet;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use serde::{Deserialize, Serialize};

use crate::game::{Evening, Format, GameRound, Modifier, RoundKind};
use crate::pack::{Answers, Difficulty, Pack};
use crate::round::{RoundQuestion, RoundSettings, pick_questions};

/// Most rounds in one evening.
pub const MAX_ROUNDS: usize = 6;
/// Number questions kept aside for a sudden death, at most.
pub const TIEBREAKS_KEPT: usize = 3;
/// Options shown per question in a party: one button per option on every device.
pub const PARTY_OPTIONS: usize = 4;

/// One round as the host plans it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RoundPlan {
    /// Regular or final (a final is one question, whatever `count` says).
    pub kind: RoundKind,
    /// Everyone answers or buzz-in (a final: everyone answers).
    pub format: Format,
    /// Normal or double points.
    pub modifier: Modifier,
    /// How many questions; `None` is every one left that matches.
    pub count: Option<usize>,
    /// Seconds per question; `None` keeps each question's own.
    pub seconds: Option<u32>,
    /// Only this category; `None` is all.
    pub category: Option<String>,
    /// Only this difficulty; `None` is all.
    pub difficulty: Option<Difficulty>,
}

impl RoundPlan {
    /// A regular round of `count` questions in `format`, normal points.
    pub fn regular(format: Format, count: usize) -> Self {
        Self {
            kind: RoundKind::Regular,
            format,
            modifier: Modifier::Normal,
            count: Some(count),
            seconds: None,
            category: None,
            difficulty: None,
        }
    }

    /// A final: one question, stakes first.
    pub fn final_round() -> Self {
        Self {
            kind: RoundKind::Final,
            format: Format::EveryoneAnswers,
            count: Some(1),
            seconds: Some(30),
            ..Self::regular(Format::EveryoneAnswers, 1)
        }
    }

    /// The round in a few words ("Buzz-in · 10 questions · double points").
    pub fn describe(&self) -> String {
        if self.kind == RoundKind::Final {
            return "The final: one question, everyone stakes points on it".to_string();
        }
        let mut parts = vec![self.format.label().to_string()];
        parts.push(match self.count {
            Some(1) => "1 question".to_string(),
            Some(n) => format!("{n} questions"),
            None => "every question left".to_string(),
        });
        if let Some(s) = self.seconds {
            parts.push(format!("{s} s each"));
        }
        if let Some(c) = &self.category {
            parts.push(c.clone());
        }
        if let Some(d) = self.difficulty {
            parts.push(d.label().to_string());
        }
        if self.modifier == Modifier::Double {
            parts.push("double points".to_string());
        }
        parts.join(" · ")
    }
}

/// Ready-made nights.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Preset {
    /// One round of ten.
    Quick,
    /// Two rounds (the second for double points) and a final.
    Classic,
    /// Everyone answers, then buzz-in for double, then a final.
    Showdown,
}

impl Preset {
    /// Every preset, in the order the lobby offers them.
    pub const ALL: [Preset; 3] = [Preset::Quick, Preset::Classic, Preset::Showdown];

    /// The preset's name as the lobby shows it.
    pub fn label(self) -> &'static str {
        match self {
            Preset::Quick => "Quick night: one round",
            Preset::Classic => "Classic: two rounds and a final",
            Preset::Showdown => "Showdown: answer, buzz for double, final",
        }
    }

    /// The rounds of the preset, each in `format` unless the preset says otherwise.
    pub fn rounds(self, format: Format) -> Vec<RoundPlan> {
        match self {
            Preset::Quick => vec![RoundPlan::regular(format, 10)],
            Preset::Classic => vec![
                RoundPlan::regular(format, 5),
                RoundPlan {
                    modifier: Modifier::Double,
                    ..RoundPlan::regular(format, 5)
                },
                RoundPlan::final_round(),
            ],
            Preset::Showdown => vec![
                RoundPlan::regular(Format::EveryoneAnswers, 5),
                RoundPlan {
                    modifier: Modifier::Double,
                    ..RoundPlan::regular(Format::BuzzIn, 5)
                },
                RoundPlan::final_round(),
            ],
        }
    }
}

/// Why a plan cannot be played.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum PlanError {
    /// No rounds.
    #[error("the night has no rounds")]
    Empty,
    /// More than [`MAX_ROUNDS`].
    #[error("at most {MAX_ROUNDS} rounds a night")]
    TooMany,
    /// A final that is not the last round.
    #[error("only the last round can be the final")]
    FinalNotLast,
    /// A round found no question.
    #[error("round {0} has no question left that matches its settings")]
    NoQuestions(usize),
}

/// Checks a plan: rounds there, at most [`MAX_ROUNDS`], a final only last.
pub fn check(rounds: &[RoundPlan]) -> Result<(), PlanError> {
    if rounds.is_empty() {
        return Err(PlanError::Empty);
    }
    if rounds.len() > MAX_ROUNDS {
        return Err(PlanError::TooMany);
    }
    let last = rounds.len() - 1;
    if rounds
        .iter()
        .enumerate()
        .any(|(i, r)| r.kind == RoundKind::Final && i != last)
    {
        return Err(PlanError::FinalNotLast);
    }
    Ok(())
}

/// Picks the questions of an evening's `rounds` from `pack`: with `seed`, only questions
/// safe for `watched` chapters, none of the ids in `asked` (earlier evenings), none twice.
/// Also keeps aside up to [`TIEBREAKS_KEPT`] number questions for a sudden death.
pub fn pick(
    pack: &Pack,
    rounds: &[RoundPlan],
    seed: u64,
    watched: Option<usize>,
    asked: &BTreeSet<String>,
) -> Result<Evening, PlanError> {
    check(rounds)?;
    let mut used: BTreeSet<String> = asked.clone();
    let mut out = Evening {
        rounds: Vec::new(),
        questions: Vec::new(),
        tiebreaks: Vec::new(),
    };
    let regular_count = rounds
        .iter()
        .filter(|r| r.kind == RoundKind::Regular)
        .count();
    for (i, plan) in rounds.iter().enumerate() {
        let mut left = pack.clone();
        left.questions.retain(|q| !used.contains(&q.id));
        let final_round = plan.kind == RoundKind::Final;
        if final_round {
            // A final's one question is a choice: a stake rides on right or wrong.
            left.questions
                .retain(|q| matches!(q.answers, Answers::Choice { .. }));
        }
        let settings = RoundSettings {
            question_count: if final_round { Some(1) } else { plan.count },
            seconds_per_question: plan.seconds,
            categories: plan.category.iter().cloned().collect(),
            difficulties: plan.difficulty.into_iter().collect(),
            seed: round_seed(seed, i),
            max_options: Some(PARTY_OPTIONS),
            watched,
        };
        let questions = pick_questions(&left, &settings);
        if questions.is_empty() {
            return Err(PlanError::NoQuestions(i + 1));
        }
        used.extend(questions.iter().map(|q| q.id.clone()));
        out.rounds.push(GameRound {
            name: if final_round {
                "The final".to_string()
            } else if regular_count == 1 && rounds.len() == 1 {
                "Round 1".to_string()
            } else {
                format!("Round {}", i + 1)
            },
            format: if final_round {
                Format::EveryoneAnswers
            } else {
                plan.format
            },
            modifier: plan.modifier,
            kind: plan.kind,
            first: out.questions.len(),
            len: questions.len(),
            evening: 1,
        });
        out.questions.extend(questions);
    }
    // Number questions no round asked, drawn with the seed, for a sudden death.
    let mut numbers: Vec<&str> = pack
        .questions
        .iter()
        .filter(|q| matches!(q.answers, Answers::Number { .. }))
        .filter(|q| watched.is_none_or(|w| pack.chapters_needed(q) <= w))
        .filter(|q| !used.contains(&q.id))
        .map(|q| q.id.as_str())
        .collect();
    numbers.sort_unstable();
    numbers.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x71EB_4EA4));
    numbers.truncate(TIEBREAKS_KEPT);
    let tiebreak_ids: BTreeSet<String> = numbers.iter().map(|s| s.to_string()).collect();
    out.tiebreaks = pick_ids(pack, &tiebreak_ids, seed, watched);

    Ok(out)
}

/// The seed of round `i` of a night seeded `seed`: round 0's is the night's own, so a
/// one-round night asks what the round code always asked.
fn round_seed(seed: u64, i: usize) -> u64 {
    if i == 0 {
        seed
    } else {
        seed ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15)
    }
}

/// The questions with `ids`, as asked (options drawn with the seed).
fn pick_ids(
    pack: &Pack,
    ids: &BTreeSet<String>,
    seed: u64,
    watched: Option<usize>,
) -> Vec<RoundQuestion> {
    let mut only = pack.clone();
    only.questions.retain(|q| ids.contains(&q.id));
    pick_questions(
        &only,
        &RoundSettings {
            question_count: None,
            seed,
            max_options: Some(PARTY_OPTIONS),
            watched,
            ..RoundSettings::default()
        },
    )
}

#[cfg(test)]
mod tests;
