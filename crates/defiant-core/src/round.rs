//! A round's questions: which questions a game asks, in which order, with which options.
//!
//! The same seed and settings always pick the same questions in the same order with the
//! same options in the same order, so a round code replays a round exactly. The game that
//! plays them is [`crate::game::Game`].

use std::time::Duration;

use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use super::kinds::NumberRule;
use super::pack::{Answers, Difficulty, Pack, number_text};

/// How a round is put together.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
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
    /// Spoiler-safe rounds: how many of the pack's chapters everyone has watched; only
    /// questions safe by then are asked. `None`: the whole pack.
    pub watched: Option<usize>,
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
            watched: None,
        }
    }
}

/// A question as asked in a round: options in their shuffled order.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct RoundQuestion {
    /// The question's id in its pack.
    pub id: String,
    /// The question as asked.
    pub prompt: String,
    /// The options in the order shown to players.
    pub options: Vec<String>,
    /// Index into `options` of the right answer.
    pub correct: usize,
    /// Why the right answer is right, shown at the reveal.
    pub explanation: String,
    /// The category from the pack.
    pub category: String,
    /// How hard it is, from the pack.
    pub difficulty: Difficulty,
    /// Time to answer: the question's own limit, else the pack's default.
    pub time_limit: Duration,
    /// A true/false question: its options stay True, False, in that order.
    pub true_false: bool,
    /// How it is answered: picking an option (with `correct`), putting `options` in
    /// order, or guessing a number (`options` empty).
    #[serde(default)]
    pub asked: Asked,
    /// Its pictures and sound (format 3 packs); empty for most questions.
    #[serde(default, skip_serializing_if = "AskedMedia::is_empty")]
    pub media: AskedMedia,
}

/// A question's pictures and sound, as asked: paths in its pack, and how long its clip
/// holds the countdown back.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub struct AskedMedia {
    /// The picture shown with the prompt.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub image: Option<String>,
    /// How the picture uncovers itself over the countdown.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub uncover: Option<crate::pack::Uncover>,
    /// The clip played when the question opens.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub audio: Option<crate::pack::Clip>,
    /// The picture shown at the reveal.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reveal_image: Option<String>,
    /// How long the clip plays before the countdown starts (a clip with
    /// `countdown_after`); already counted in [`RoundQuestion::time_limit`].
    #[serde(default, skip_serializing_if = "Duration::is_zero")]
    pub listen: Duration,
}

impl AskedMedia {
    /// From a pack question: its media, with the listening time of a `countdown_after`
    /// clip whose length is known (a checked pack knows every clip's end).
    pub fn of(question: &super::pack::Question) -> Self {
        let listen = question
            .audio
            .as_ref()
            .filter(|clip| clip.countdown_after)
            .and_then(crate::pack::Clip::length)
            .filter(|s| s.is_finite() && *s > 0.0)
            .map_or(Duration::ZERO, |s| {
                Duration::from_millis((s.min(crate::media::MAX_CLIP_SECONDS) * 1000.0) as u64)
            });
        Self {
            image: question.image.clone(),
            uncover: question.uncover,
            audio: question.audio.clone(),
            reveal_image: question.reveal_image.clone(),
            listen,
        }
    }

    /// No picture and no sound.
    pub fn is_empty(&self) -> bool {
        self.image.is_none()
            && self.uncover.is_none()
            && self.audio.is_none()
            && self.reveal_image.is_none()
    }
}

/// How a question is answered in a round.
#[derive(Debug, Clone, PartialEq, Default, serde::Serialize, serde::Deserialize)]
pub enum Asked {
    /// Pick one of the options (true/false too); `correct` is the right one.
    #[default]
    Choice,
    /// Put the options (the items, as shown) in order: `right[k]` is the index in
    /// `options` of the item that belongs in place `k`. `first` and `last` name the ends.
    Order {
        /// For each place, from the first end, the index in `options` of the item that
        /// belongs there.
        right: Vec<usize>,
        /// What the first end means ("Earliest").
        first: String,
        /// What the last end means ("Latest").
        last: String,
    },
    /// Guess a number; `unit` follows it on screen.
    Number {
        /// The right number, the tolerance and the limit, and how a guess is scored.
        rule: NumberRule,
        /// Shown after the number ("years"); empty for none.
        unit: String,
    },
}

impl RoundQuestion {
    /// The right answer in words: the correct option, the items in their right order
    /// joined by " → ", or the number with its unit.
    pub fn correct_text(&self) -> String {
        match &self.asked {
            Asked::Choice => self.options.get(self.correct).cloned().unwrap_or_default(),
            Asked::Order { .. } => self.right_order().join(" → "),
            Asked::Number { rule, unit } => number_text(rule.answer, unit),
        }
    }

    /// Whether every seat answers this question even in a buzz-in round: orders and
    /// numbers are everyone-answers questions.
    pub fn everyone_answers(&self) -> bool {
        !matches!(self.asked, Asked::Choice)
    }

    /// The items of an order in their right order.
    pub fn right_order(&self) -> Vec<&str> {
        match &self.asked {
            Asked::Order { right, .. } => right
                .iter()
                .filter_map(|&i| self.options.get(i).map(String::as_str))
                .collect(),
            _ => Vec::new(),
        }
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
        .filter(|q| {
            settings
                .watched
                .is_none_or(|watched| pack.chapters_needed(q) <= watched)
        })
        .collect();
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(settings.seed);
    pool.shuffle(&mut rng);
    if let Some(n) = settings.question_count {
        pool.truncate(n);
    }
    pool.into_iter()
        .map(|q| {
            let seconds = settings
                .seconds_per_question
                .unwrap_or_else(|| pack.seconds_for(q));
            let media = AskedMedia::of(q);
            let mut asked = RoundQuestion {
                id: q.id.clone(),
                prompt: q.prompt.clone(),
                options: Vec::new(),
                correct: 0,
                explanation: q.explanation.clone(),
                category: q.category.clone(),
                difficulty: q.difficulty,
                time_limit: Duration::from_secs(u64::from(seconds)) + media.listen,
                true_false: q.answers.is_true_false(),
                asked: Asked::Choice,
                media,
            };
            match &q.answers {
                Answers::Order { items, first, last } => {
                    // A party shows at most `max_options` items (one button each): a
                    // drawn few, kept in their order.
                    let mut keep: Vec<usize> = (0..items.len()).collect();
                    if let Some(max) = settings
                        .max_options
                        .filter(|&m| m >= crate::kinds::MIN_ITEMS && m < items.len())
                    {
                        keep.shuffle(&mut rng);
                        keep.truncate(max);
                        keep.sort_unstable();
                    }
                    let mut shown: Vec<usize> = (0..keep.len()).collect();
                    shown.shuffle(&mut rng);
                    // shown[s] = place of the item shown at s.
                    asked.options = shown.iter().map(|&p| items[keep[p]].clone()).collect();
                    let mut right = vec![0; shown.len()];
                    for (s, &place) in shown.iter().enumerate() {
                        right[place] = s;
                    }
                    asked.asked = Asked::Order {
                        right,
                        first: first.clone(),
                        last: last.clone(),
                    };
                    return asked;
                }
                Answers::Number {
                    answer,
                    tolerance,
                    unit,
                    limit,
                } => {
                    let mut rule = NumberRule::new(*answer, *tolerance);
                    if let Some(limit) = limit.filter(|l| *l > rule.tolerance) {
                        rule.limit = limit;
                    }
                    asked.asked = Asked::Number {
                        rule,
                        unit: unit.clone(),
                    };
                    return asked;
                }
                Answers::Choice { .. } | Answers::TrueFalse { .. } => {}
            }
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
            asked.correct = options.iter().position(|(_, right)| *right).unwrap_or(0);
            asked.options = options.into_iter().map(|(text, _)| text).collect();
            asked
        })
        .collect()
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
            safe_after: None,
            image: None,
            uncover: None,
            audio: None,
            reveal_image: None,
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
            safe_after: None,
            image: None,
            uncover: None,
            audio: None,
            reveal_image: None,
        });
        Pack {
            format: 1,
            title: "T".to_string(),
            description: String::new(),
            author: String::new(),
            defaults: Defaults {
                seconds_per_question: 20,
            },
            chapters: Vec::new(),
            questions,
        }
    }

    #[test]
    fn a_round_up_to_a_chapter_asks_only_what_is_safe_by_then() {
        let mut pack = pack();
        pack.format = 2;
        pack.chapters = (1..=4).map(|n| format!("Part {n}")).collect();
        // q0 safe before watching; q1..q11 spoil parts 1 to 4 in turn; the true/false none.
        for (i, q) in pack.questions.iter_mut().enumerate().take(12).skip(1) {
            q.safe_after = Some(format!("Part {}", (i - 1) % 4 + 1));
        }
        let ids_in = |pack: &Pack, watched| {
            let mut ids: Vec<String> = pick_questions(
                pack,
                &RoundSettings {
                    question_count: None,
                    watched,
                    ..RoundSettings::default()
                },
            )
            .into_iter()
            .map(|q| q.id)
            .collect();
            ids.sort();
            ids
        };
        let ids = |watched| ids_in(&pack, watched);
        assert_eq!(ids(Some(0)), ["q0", "tf"]);
        assert_eq!(ids(Some(1)), ["q0", "q1", "q5", "q9", "tf"]);
        assert_eq!(ids(Some(2)).len(), 2 + 6);
        assert_eq!(ids(Some(4)).len(), 13);
        assert_eq!(ids(None).len(), 13);
        assert_eq!(pack.needed_format(), 2);
        // A chapter the pack does not name counts as the last: never asked early.
        pack.questions[0].safe_after = Some("Part 9".to_string());
        assert!(!ids_in(&pack, Some(3)).contains(&"q0".to_string()));
        assert!(ids_in(&pack, Some(4)).contains(&"q0".to_string()));
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
        assert!(pick_questions(&p, &s).is_empty());
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

    #[test]
    fn orders_are_shuffled_and_a_party_draws_four_items_in_their_order() {
        let mut p = pack();
        p.format = 2;
        let items: Vec<String> = (1..=6).map(|n| format!("item {n}")).collect();
        p.questions = vec![
            Question {
                answers: Answers::Order {
                    items: items.clone(),
                    first: "Earliest".to_string(),
                    last: "Latest".to_string(),
                },
                ..question("o", "Music", Difficulty::Easy)
            },
            Question {
                answers: Answers::Number {
                    answer: 2.5,
                    tolerance: 0.5,
                    unit: "years".to_string(),
                    limit: Some(4.0),
                },
                ..question("n", "Music", Difficulty::Easy)
            },
        ];
        let mut shuffled = 0;
        for seed in 0..40 {
            let qs = pick_questions(&p, &settings(seed, None));
            let o = qs.iter().find(|q| q.id == "o").unwrap();
            assert_eq!(
                o.right_order(),
                items.iter().map(String::as_str).collect::<Vec<_>>()
            );
            assert_eq!(o.correct_text(), items.join(" → "));
            shuffled += usize::from(o.options != items);
            let n = qs.iter().find(|q| q.id == "n").unwrap();
            assert!(n.options.is_empty());
            assert_eq!(n.correct_text(), "2.5 years");
            let Asked::Number { rule, .. } = &n.asked else {
                panic!("a number")
            };
            assert_eq!((rule.answer, rule.tolerance, rule.limit), (2.5, 0.5, 4.0));
            // A party: four of the six, still in their order relative to each other.
            let party = RoundSettings {
                max_options: Some(4),
                ..settings(seed, None)
            };
            let qs = pick_questions(&p, &party);
            let o = qs.iter().find(|q| q.id == "o").unwrap();
            assert_eq!(o.options.len(), 4);
            let order: Vec<usize> = o
                .right_order()
                .iter()
                .map(|t| items.iter().position(|i| i == t).unwrap())
                .collect();
            assert!(order.windows(2).all(|w| w[0] < w[1]), "{order:?}");
        }
        assert!(shuffled > 30, "the items are shown shuffled");
    }
}
