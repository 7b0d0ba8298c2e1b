//! A round: the questions picked for one game and the state machine that plays them.
//!
//! A round is built from a pack, settings and a list of players (solo is one player).
//! The same seed always picks the same questions in the same order with the same answer
//! order. Time enters only as arguments (`now`, the time since any fixed start), so a
//! round plays the same way in a test as in the game.
//!
//! Life of a round: `Ready` -> `start` -> `Open` (players answer; `pause`/`resume`) ->
//! `close` (time up, everyone answered, or the host reveals) -> `Closed` -> `next` ->
//! `Open` ... -> `Finished`.

use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;
use thiserror::Error;

use super::pack::{Difficulty, Pack};
use super::scoring::{self, Points};

/// How a round is put together.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoundSettings {
    /// How many questions to ask; `None` asks every question that passes the filters.
    pub question_count: Option<usize>,
    /// Seconds for every question; `None` keeps each question's own or the pack default.
    pub seconds_per_question: Option<u32>,
    /// Only these categories; empty means all.
    pub categories: Vec<String>,
    /// Only these difficulties; empty means all.
    pub difficulties: Vec<Difficulty>,
    /// Decides the question order and the answer order.
    pub seed: u64,
    /// At most this many options per question (the correct one and wrong ones drawn with
    /// the seed); `None` shows them all. A party uses 4: one button per option on every
    /// device.
    pub max_options: Option<usize>,
}

impl Default for RoundSettings {
    fn default() -> Self {
        Self {
            question_count: Some(10),
            seconds_per_question: None,
            categories: Vec::new(),
            difficulties: Vec::new(),
            seed: 0,
            max_options: None,
        }
    }
}

/// A question as asked in a round: options in their shuffled order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoundQuestion {
    pub id: String,
    pub prompt: String,
    /// The options in the order shown to players.
    pub options: Vec<String>,
    /// Index into `options` of the right answer.
    pub correct: usize,
    pub explanation: String,
    pub category: String,
    pub difficulty: Difficulty,
    pub time_limit: Duration,
    pub true_false: bool,
}

impl RoundQuestion {
    pub fn correct_text(&self) -> &str {
        &self.options[self.correct]
    }

    /// Length in characters of the longest option (screens size their text by it).
    pub fn longest_option_chars(&self) -> usize {
        self.options
            .iter()
            .map(|o| o.chars().count())
            .max()
            .unwrap_or(0)
    }
}

/// Which player, by position in the round's player list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct PlayerId(pub usize);

/// What happened to one player on one question.
#[derive(Debug, Clone, PartialEq)]
pub struct QuestionResult {
    /// Index of the question in the round.
    pub question: usize,
    /// The option chosen, or `None` when the time ran out.
    pub chosen: Option<usize>,
    pub correct: bool,
    /// How long the player took, or `None` when they did not answer.
    pub taken: Option<Duration>,
    pub points: Points,
    /// The run of right answers after this question.
    pub streak: u32,
}

/// One player's running totals and history.
#[derive(Debug, Clone, PartialEq)]
pub struct Player {
    pub name: String,
    pub score: u32,
    pub streak: u32,
    pub best_streak: u32,
    pub results: Vec<QuestionResult>,
}

impl Player {
    fn new(name: String) -> Self {
        Self {
            name,
            score: 0,
            streak: 0,
            best_streak: 0,
            results: Vec::new(),
        }
    }

    pub fn correct_count(&self) -> usize {
        self.results.iter().filter(|r| r.correct).count()
    }

    /// Share of questions answered right, 0.0 to 1.0.
    pub fn accuracy(&self) -> f64 {
        if self.results.is_empty() {
            0.0
        } else {
            self.correct_count() as f64 / self.results.len() as f64
        }
    }

    /// Mean time over the questions this player answered, if any.
    pub fn average_time(&self) -> Option<Duration> {
        let times: Vec<Duration> = self.results.iter().filter_map(|r| r.taken).collect();
        let count = u32::try_from(times.len()).ok().filter(|&n| n > 0)?;
        Some(times.iter().sum::<Duration>() / count)
    }
}

/// Where a round is in its life.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Phase {
    /// Built, no question shown yet.
    Ready,
    /// The current question is open for answers.
    Open,
    /// The current question is closed and scored; its answer can be revealed.
    Closed,
    /// Every question has been played.
    Finished,
}

/// Why a round could not be built or an action was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum RoundError {
    #[error("no question in the pack matches the chosen categories and difficulties")]
    NoQuestions,
    #[error("a round needs at least one player")]
    NoPlayers,
    #[error("there is no player {0}")]
    NoSuchPlayer(usize),
    #[error("this question has no option {0}")]
    NoSuchOption(usize),
    #[error("this player has already answered")]
    AlreadyAnswered,
    #[error("the time for this question is up")]
    TimeUp,
    #[error("that cannot be done while the round is {0:?}")]
    WrongPhase(Phase),
}

/// A lock-in: which option, after how long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Answer {
    option: usize,
    taken: Duration,
}

/// A round being played.
#[derive(Debug, Clone)]
pub struct Round {
    questions: Vec<RoundQuestion>,
    players: Vec<Player>,
    current: usize,
    phase: Phase,
    opened_at: Duration,
    paused_at: Option<Duration>,
    paused_for: Duration,
    answers: Vec<Option<Answer>>,
}

/// Picks and orders the questions for `settings`: filter, shuffle with the seed, take the
/// first N, then shuffle each question's options (true/false stays True, False).
/// Question `k` depends only on the seed and the filters, not on N: a shorter round is a
/// prefix of a longer one with the same seed.
pub fn pick_questions(pack: &Pack, settings: &RoundSettings) -> Vec<RoundQuestion> {
    let mut pool: Vec<&super::pack::Question> = pack
        .questions
        .iter()
        .filter(|q| settings.categories.is_empty() || settings.categories.contains(&q.category))
        .filter(|q| {
            settings.difficulties.is_empty() || settings.difficulties.contains(&q.difficulty)
        })
        .collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
    pool.shuffle(&mut rng);
    if let Some(n) = settings.question_count {
        pool.truncate(n);
    }
    pool.into_iter()
        .map(|q| {
            let mut options = q.answers.options();
            if !q.answers.is_true_false() {
                if let Some(max) = settings
                    .max_options
                    .filter(|&m| m >= 2 && m < options.len())
                {
                    // Keep the correct option and draw max - 1 of the wrong ones.
                    let (mut right, mut wrong): (Vec<_>, Vec<_>) =
                        options.into_iter().partition(|(_, correct)| *correct);
                    wrong.shuffle(&mut rng);
                    wrong.truncate(max - 1);
                    right.append(&mut wrong);
                    options = right;
                }
                options.shuffle(&mut rng);
            }
            let correct = options.iter().position(|(_, right)| *right).unwrap_or(0);
            let seconds = settings
                .seconds_per_question
                .unwrap_or_else(|| pack.seconds_for(q));
            RoundQuestion {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                options: options.into_iter().map(|(text, _)| text).collect(),
                correct,
                explanation: q.explanation.clone(),
                category: q.category.clone(),
                difficulty: q.difficulty,
                time_limit: Duration::from_secs(u64::from(seconds)),
                true_false: q.answers.is_true_false(),
            }
        })
        .collect()
}

impl Round {
    /// Builds a round for the named players.
    pub fn new(
        pack: &Pack,
        settings: &RoundSettings,
        players: Vec<String>,
    ) -> Result<Self, RoundError> {
        Self::from_questions(pick_questions(pack, settings), players)
    }

    /// Builds a round from questions already picked.
    pub fn from_questions(
        questions: Vec<RoundQuestion>,
        players: Vec<String>,
    ) -> Result<Self, RoundError> {
        if questions.is_empty() {
            return Err(RoundError::NoQuestions);
        }
        if players.is_empty() {
            return Err(RoundError::NoPlayers);
        }
        let answers = vec![None; players.len()];
        Ok(Self {
            questions,
            players: players.into_iter().map(Player::new).collect(),
            current: 0,
            phase: Phase::Ready,
            opened_at: Duration::ZERO,
            paused_at: None,
            paused_for: Duration::ZERO,
            answers,
        })
    }

    pub fn phase(&self) -> Phase {
        self.phase
    }

    pub fn questions(&self) -> &[RoundQuestion] {
        &self.questions
    }

    /// Index of the question being asked (or last asked).
    pub fn current_index(&self) -> usize {
        self.current
    }

    pub fn current(&self) -> &RoundQuestion {
        &self.questions[self.current]
    }

    pub fn players(&self) -> &[Player] {
        &self.players
    }

    pub fn player(&self, id: PlayerId) -> Option<&Player> {
        self.players.get(id.0)
    }

    pub fn is_last_question(&self) -> bool {
        self.current + 1 >= self.questions.len()
    }

    pub fn is_paused(&self) -> bool {
        self.paused_at.is_some()
    }

    /// Opens the first question.
    pub fn start(&mut self, now: Duration) -> Result<(), RoundError> {
        self.expect(Phase::Ready)?;
        self.open(now);
        Ok(())
    }

    fn open(&mut self, now: Duration) {
        self.phase = Phase::Open;
        self.opened_at = now;
        self.paused_at = None;
        self.paused_for = Duration::ZERO;
        self.answers.iter_mut().for_each(|a| *a = None);
    }

    fn expect(&self, phase: Phase) -> Result<(), RoundError> {
        if self.phase == phase {
            Ok(())
        } else {
            Err(RoundError::WrongPhase(self.phase))
        }
    }

    /// Time the current question has been open, not counting pauses.
    pub fn elapsed(&self, now: Duration) -> Duration {
        if self.phase != Phase::Open {
            return Duration::ZERO;
        }
        let until = self.paused_at.unwrap_or(now);
        until
            .saturating_sub(self.opened_at)
            .saturating_sub(self.paused_for)
    }

    /// Time left to answer the current question.
    pub fn remaining(&self, now: Duration) -> Duration {
        if self.phase != Phase::Open {
            return Duration::ZERO;
        }
        self.current().time_limit.saturating_sub(self.elapsed(now))
    }

    pub fn is_time_up(&self, now: Duration) -> bool {
        self.phase == Phase::Open && self.elapsed(now) >= self.current().time_limit
    }

    /// Whether `player` has locked in an answer to the open question.
    pub fn has_answered(&self, player: PlayerId) -> bool {
        self.answers.get(player.0).is_some_and(Option::is_some)
    }

    pub fn all_answered(&self) -> bool {
        self.answers.iter().all(Option::is_some)
    }

    /// The option `player` locked in on the open question, if any.
    pub fn chosen(&self, player: PlayerId) -> Option<usize> {
        self.answers
            .get(player.0)
            .copied()
            .flatten()
            .map(|a| a.option)
    }

    /// Locks in `player`'s answer. An answer cannot be changed, and none is taken once the
    /// time is up or while the round is paused.
    pub fn answer(
        &mut self,
        player: PlayerId,
        option: usize,
        now: Duration,
    ) -> Result<(), RoundError> {
        self.expect(Phase::Open)?;
        if self.is_paused() {
            return Err(RoundError::WrongPhase(self.phase));
        }
        let slot = self
            .answers
            .get(player.0)
            .ok_or(RoundError::NoSuchPlayer(player.0))?;
        if slot.is_some() {
            return Err(RoundError::AlreadyAnswered);
        }
        if option >= self.current().options.len() {
            return Err(RoundError::NoSuchOption(option));
        }
        if self.is_time_up(now) {
            return Err(RoundError::TimeUp);
        }
        let taken = self.elapsed(now);
        self.answers[player.0] = Some(Answer { option, taken });
        Ok(())
    }

    /// Stops the clock of the open question.
    pub fn pause(&mut self, now: Duration) -> Result<(), RoundError> {
        self.expect(Phase::Open)?;
        if self.paused_at.is_none() {
            self.paused_at = Some(now);
        }
        Ok(())
    }

    /// Restarts the clock where it stopped.
    pub fn resume(&mut self, now: Duration) -> Result<(), RoundError> {
        self.expect(Phase::Open)?;
        if let Some(at) = self.paused_at.take() {
            self.paused_for += now.saturating_sub(at);
        }
        Ok(())
    }

    /// Closes the open question and scores it for every player; a player who did not
    /// answer scores 0 and loses their streak. Returns this question's results, one per player.
    pub fn close(&mut self) -> Result<Vec<QuestionResult>, RoundError> {
        self.expect(Phase::Open)?;
        let question = &self.questions[self.current];
        let mut results = Vec::with_capacity(self.players.len());
        for (player, answer) in self.players.iter_mut().zip(&self.answers) {
            let correct = answer.is_some_and(|a| a.option == question.correct);
            let taken = answer.map_or(question.time_limit, |a| a.taken);
            let (points, streak) =
                scoring::score(correct, taken, question.time_limit, player.streak);
            player.score += points.total();
            player.streak = streak;
            player.best_streak = player.best_streak.max(streak);
            let result = QuestionResult {
                question: self.current,
                chosen: answer.map(|a| a.option),
                correct,
                taken: answer.map(|a| a.taken),
                points,
                streak,
            };
            player.results.push(result.clone());
            results.push(result);
        }
        self.paused_at = None;
        self.phase = Phase::Closed;
        Ok(results)
    }

    /// Closes the question if its time is up. Returns the results when it did.
    pub fn close_if_time_up(&mut self, now: Duration) -> Option<Vec<QuestionResult>> {
        if self.is_time_up(now) && !self.is_paused() {
            self.close().ok()
        } else {
            None
        }
    }

    /// After a closed question: opens the next one, or finishes the round after the last.
    pub fn next(&mut self, now: Duration) -> Result<Phase, RoundError> {
        self.expect(Phase::Closed)?;
        if self.is_last_question() {
            self.phase = Phase::Finished;
        } else {
            self.current += 1;
            self.open(now);
        }
        Ok(self.phase)
    }

    /// The latest result of `player` (on the question just closed).
    pub fn last_result(&self, player: PlayerId) -> Option<&QuestionResult> {
        self.players.get(player.0)?.results.last()
    }

    /// Players from best to worst: score, then right answers, then name order.
    pub fn standings(&self) -> Vec<PlayerId> {
        let mut ids: Vec<PlayerId> = (0..self.players.len()).map(PlayerId).collect();
        ids.sort_by(|a, b| {
            let (pa, pb) = (&self.players[a.0], &self.players[b.0]);
            pb.score
                .cmp(&pa.score)
                .then(pb.correct_count().cmp(&pa.correct_count()))
                .then(a.cmp(b))
        });
        ids
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pack::{Answers, Defaults, Question};

    const S: Duration = Duration::from_secs(1);

    fn question(id: &str, category: &str, difficulty: Difficulty) -> Question {
        Question {
            id: id.to_string(),
            prompt: format!("Prompt {id}?"),
            answers: Answers::Choice {
                correct: format!("right {id}"),
                wrong: (1..=4).map(|w| format!("wrong {w} {id}")).collect(),
            },
            explanation: format!("Because {id}."),
            category: category.to_string(),
            difficulty,
            tags: Vec::new(),
            seconds: None,
        }
    }

    fn pack() -> Pack {
        let mut questions: Vec<Question> = (0..12)
            .map(|i| {
                let category = ["Music", "Business", "People"][i % 3];
                question(&format!("q{i}"), category, Difficulty::ALL[i % 3])
            })
            .collect();
        questions.push(Question {
            id: "tf".to_string(),
            prompt: "True?".to_string(),
            answers: Answers::TrueFalse { correct: false },
            explanation: "No.".to_string(),
            category: "Music".to_string(),
            difficulty: Difficulty::Easy,
            tags: Vec::new(),
            seconds: Some(10),
        });
        Pack {
            format: 1,
            title: "T".to_string(),
            description: String::new(),
            author: String::new(),
            defaults: Defaults {
                seconds_per_question: 20,
            },
            questions,
        }
    }

    fn settings(seed: u64, count: Option<usize>) -> RoundSettings {
        RoundSettings {
            question_count: count,
            seed,
            ..RoundSettings::default()
        }
    }

    fn order(questions: &[RoundQuestion]) -> Vec<(String, Vec<String>)> {
        questions
            .iter()
            .map(|q| (q.id.clone(), q.options.clone()))
            .collect()
    }

    #[test]
    fn same_seed_same_questions_and_answer_order() {
        let p = pack();
        let a = pick_questions(&p, &settings(42, None));
        let b = pick_questions(&p, &settings(42, None));
        assert_eq!(order(&a), order(&b));
        assert_eq!(a.len(), p.questions.len());
    }

    #[test]
    fn different_seed_different_order() {
        let p = pack();
        let a = order(&pick_questions(&p, &settings(1, None)));
        let b = order(&pick_questions(&p, &settings(2, None)));
        assert_ne!(a, b);
        // Not just the question order: answer orders differ too across seeds.
        let options = |seed| {
            let mut qs = pick_questions(&p, &settings(seed, None));
            qs.sort_by(|x, y| x.id.cmp(&y.id));
            qs.into_iter().map(|q| q.options).collect::<Vec<_>>()
        };
        assert_ne!(options(1), options(2));
    }

    #[test]
    fn shuffled_answers_stay_attached_to_their_correctness() {
        let p = pack();
        for seed in 0..50 {
            for q in pick_questions(&p, &settings(seed, None)) {
                let source = p.questions.iter().find(|s| s.id == q.id).unwrap();
                assert_eq!(q.correct_text(), source.answers.correct_text());
                let mut shown = q.options.clone();
                let mut authored: Vec<String> =
                    source.answers.options().into_iter().map(|o| o.0).collect();
                shown.sort();
                authored.sort();
                assert_eq!(shown, authored, "no option lost or invented");
            }
        }
    }

    #[test]
    fn answer_positions_are_spread_by_the_shuffle() {
        let p = pack();
        let mut seen = [0usize; 5];
        for seed in 0..200 {
            for q in pick_questions(&p, &settings(seed, None)) {
                if !q.true_false {
                    seen[q.correct] += 1;
                }
            }
        }
        assert!(seen.iter().all(|&n| n > 300), "{seen:?}");
    }

    #[test]
    fn true_false_keeps_its_order() {
        let q = pick_questions(&pack(), &settings(9, None))
            .into_iter()
            .find(|q| q.id == "tf")
            .unwrap();
        assert_eq!(q.options, ["True", "False"]);
        assert_eq!(q.correct, 1);
        assert!(q.true_false);
        assert_eq!(q.time_limit, 10 * S);
    }

    #[test]
    fn shorter_round_is_a_prefix_of_a_longer_one() {
        let p = pack();
        let five = order(&pick_questions(&p, &settings(7, Some(5))));
        let all = order(&pick_questions(&p, &settings(7, None)));
        assert_eq!(five.len(), 5);
        assert_eq!(five[..], all[..5]);
    }

    #[test]
    fn filters_by_category_and_difficulty() {
        let p = pack();
        let s = RoundSettings {
            question_count: None,
            categories: vec!["Music".to_string()],
            ..RoundSettings::default()
        };
        let qs = pick_questions(&p, &s);
        assert_eq!(qs.len(), 5);
        assert!(qs.iter().all(|q| q.category == "Music"));

        let s = RoundSettings {
            question_count: None,
            difficulties: vec![Difficulty::Hard],
            ..RoundSettings::default()
        };
        let qs = pick_questions(&p, &s);
        assert_eq!(qs.len(), 4);
        assert!(qs.iter().all(|q| q.difficulty == Difficulty::Hard));

        let s = RoundSettings {
            categories: vec!["Nope".to_string()],
            ..RoundSettings::default()
        };
        assert_eq!(
            Round::new(&p, &s, vec!["A".into()]).unwrap_err(),
            RoundError::NoQuestions
        );
    }

    #[test]
    fn time_setting_overrides_every_question() {
        let s = RoundSettings {
            question_count: None,
            seconds_per_question: Some(8),
            ..RoundSettings::default()
        };
        assert!(
            pick_questions(&pack(), &s)
                .iter()
                .all(|q| q.time_limit == 8 * S)
        );
    }

    fn solo(seed: u64) -> Round {
        let s = RoundSettings {
            question_count: Some(4),
            difficulties: vec![Difficulty::Medium, Difficulty::Hard],
            seed,
            ..RoundSettings::default()
        };
        Round::new(&pack(), &s, vec!["Solo".into()]).unwrap()
    }

    fn wrong_option(round: &Round) -> usize {
        (round.current().correct + 1) % round.current().options.len()
    }

    #[test]
    fn a_solo_round_scores_right_wrong_and_timeout() {
        let me = PlayerId(0);
        let mut r = solo(3);
        assert_eq!(r.phase(), Phase::Ready);
        r.start(Duration::ZERO).unwrap();

        // Q1: right at once -> 1000, streak 1.
        r.answer(me, r.current().correct, Duration::from_millis(200))
            .unwrap();
        let res = r.close().unwrap();
        assert_eq!(res[0].points.total(), 1000);
        assert_eq!(res[0].streak, 1);
        assert_eq!(r.next(100 * S).unwrap(), Phase::Open);

        // Q2: right after 10 of 20 s -> 750 + 100 streak bonus.
        r.answer(me, r.current().correct, 110 * S).unwrap();
        let res = r.close().unwrap();
        assert_eq!(
            (res[0].points.answer, res[0].points.streak_bonus),
            (750, 100)
        );
        assert_eq!(res[0].taken, Some(10 * S));
        r.next(200 * S).unwrap();

        // Q3: wrong -> 0 and the streak resets.
        let wrong = wrong_option(&r);
        r.answer(me, wrong, 201 * S).unwrap();
        assert_eq!(r.answer(me, 0, 202 * S), Err(RoundError::AlreadyAnswered));
        let res = r.close().unwrap();
        assert_eq!(res[0].points.total(), 0);
        assert_eq!(res[0].chosen, Some(wrong));
        assert_eq!(res[0].streak, 0);
        r.next(300 * S).unwrap();

        // Q4: nobody answers; the buzzer closes it.
        assert!(r.close_if_time_up(319 * S).is_none());
        assert_eq!(r.remaining(319 * S), S);
        assert_eq!(r.answer(me, 0, 320 * S), Err(RoundError::TimeUp));
        let res = r.close_if_time_up(320 * S).unwrap();
        assert_eq!(res[0].chosen, None);
        assert_eq!(res[0].taken, None);
        assert_eq!(res[0].points.total(), 0);
        assert_eq!(r.next(400 * S).unwrap(), Phase::Finished);

        let p = r.player(me).unwrap();
        assert_eq!(p.score, 1850);
        assert_eq!(p.correct_count(), 2);
        assert_eq!(p.best_streak, 2);
        assert_eq!(p.streak, 0);
        assert_eq!(p.results.len(), 4);
        assert!((p.accuracy() - 0.5).abs() < 1e-9);
        // Average over answered questions: (0.2 + 10 + 1) / 3 s.
        assert_eq!(p.average_time(), Some(Duration::from_nanos(3_733_333_333)));
        assert_eq!(
            r.next(500 * S),
            Err(RoundError::WrongPhase(Phase::Finished))
        );
    }

    #[test]
    fn pause_stops_the_clock() {
        let me = PlayerId(0);
        let mut r = solo(5);
        r.start(Duration::ZERO).unwrap();
        r.pause(4 * S).unwrap();
        assert_eq!(r.remaining(60 * S), 16 * S);
        assert!(!r.is_time_up(60 * S));
        assert!(r.close_if_time_up(60 * S).is_none());
        assert_eq!(
            r.answer(me, 0, 60 * S),
            Err(RoundError::WrongPhase(Phase::Open))
        );
        r.resume(60 * S).unwrap();
        assert_eq!(r.elapsed(66 * S), 10 * S);
        r.answer(me, r.current().correct, 66 * S).unwrap();
        let res = r.close().unwrap();
        assert_eq!(res[0].taken, Some(10 * S));
        assert_eq!(res[0].points.answer, 750);
    }

    #[test]
    fn refuses_actions_out_of_phase_and_bad_input() {
        let mut r = solo(1);
        assert_eq!(
            r.answer(PlayerId(0), 0, S),
            Err(RoundError::WrongPhase(Phase::Ready))
        );
        assert!(r.close().is_err());
        r.start(Duration::ZERO).unwrap();
        assert_eq!(r.start(S), Err(RoundError::WrongPhase(Phase::Open)));
        assert_eq!(
            r.answer(PlayerId(3), 0, S),
            Err(RoundError::NoSuchPlayer(3))
        );
        assert_eq!(
            r.answer(PlayerId(0), 9, S),
            Err(RoundError::NoSuchOption(9))
        );
        assert_eq!(r.next(S), Err(RoundError::WrongPhase(Phase::Open)));
        assert_eq!(
            Round::new(&pack(), &RoundSettings::default(), vec![]).unwrap_err(),
            RoundError::NoPlayers
        );
    }

    #[test]
    fn several_players_answer_the_same_question() {
        let s = RoundSettings {
            question_count: Some(3),
            seconds_per_question: Some(20),
            seed: 11,
            ..RoundSettings::default()
        };
        let names = vec!["Ana".to_string(), "Ben".to_string(), "Cy".to_string()];
        let mut r = Round::new(&pack(), &s, names).unwrap();
        let (ana, ben, cy) = (PlayerId(0), PlayerId(1), PlayerId(2));
        r.start(Duration::ZERO).unwrap();
        for q in 0..3u32 {
            let t0 = q * 100 * S;
            let right = r.current().correct;
            let wrong = wrong_option(&r);
            // Ana always right and fast; Ben right but slow; Cy wrong, then silent.
            r.answer(ana, right, t0).unwrap();
            assert!(!r.all_answered());
            r.answer(ben, right, t0 + 10 * S).unwrap();
            if q == 0 {
                r.answer(cy, wrong, t0 + S).unwrap();
                assert!(r.all_answered());
            }
            assert_eq!(r.chosen(ana), Some(right));
            let results = r.close().unwrap();
            assert_eq!(results.len(), 3);
            r.next((q + 1) * 100 * S).unwrap();
        }
        assert_eq!(r.phase(), Phase::Finished);
        let score = |p: PlayerId| r.player(p).unwrap().score;
        assert_eq!(score(ana), 1000 + 1100 + 1200);
        assert_eq!(score(ben), 750 + 850 + 950);
        assert_eq!(score(cy), 0);
        assert_eq!(r.standings(), vec![ana, ben, cy]);
        assert_eq!(r.player(cy).unwrap().results[1].chosen, None);
    }
}
