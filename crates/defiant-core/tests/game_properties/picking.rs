//! Picking questions keeps the right answer and is reproducible.

use super::*;

// ---- Picking questions -------------------------------------------------------------------

/// Question `index`: true/false, or a choice with `wrong` wrong answers (1 to 5).
fn pack_question(index: usize, kind: (bool, bool, usize)) -> Question {
    let (true_false, correct, wrong) = kind;
    let answers = if true_false {
        Answers::TrueFalse { correct }
    } else {
        Answers::Choice {
            correct: format!("right {index}"),
            wrong: (0..wrong).map(|w| format!("wrong {index}.{w}")).collect(),
        }
    };
    Question {
        id: format!("q-{index}"),
        prompt: format!("Question {index}?"),
        answers,
        explanation: "Because.".to_string(),
        category: "Music".to_string(),
        difficulty: Difficulty::Medium,
        tags: Vec::new(),
        seconds: None,
        safe_after: None,
        image: None,
        uncover: None,
        audio: None,
        reveal_image: None,
    }
}

fn pack() -> impl Strategy<Value = Pack> {
    prop::collection::vec(
        (prop::bool::weighted(0.2), any::<bool>(), 1usize..=5),
        1..=6,
    )
    .prop_map(|kinds| Pack {
        format: 1,
        title: "Generated".to_string(),
        description: "By proptest".to_string(),
        author: "Tests".to_string(),
        defaults: Defaults::default(),
        chapters: Vec::new(),
        questions: kinds
            .into_iter()
            .enumerate()
            .map(|(i, kind)| pack_question(i, kind))
            .collect(),
    })
}

fn capped(seed: u64, max: usize) -> RoundSettings {
    RoundSettings {
        question_count: None,
        seed,
        max_options: Some(max),
        ..RoundSettings::default()
    }
}

/// What a pick shows: ids, options in order, the right option.
fn shown(questions: &[RoundQuestion]) -> Vec<(String, Vec<String>, usize)> {
    questions
        .iter()
        .map(|q| (q.id.clone(), q.options.clone(), q.correct))
        .collect()
}

proptest! {
    #![proptest_config(config(256))]

    /// With `max_options` (a party uses 4), every question keeps its right answer and shows
    /// at most that many options (true/false always its two), drawn from its own, none twice;
    /// the same seed picks the same options in the same order, and other seeds draw others.
    #[test]
    fn capped_options_keep_the_right_answer(pack in pack(), seed in any::<u64>(), max in prop_oneof![3 => Just(4usize), 1 => 2usize..=6]) {
        let picked = pick_questions(&pack, &capped(seed, max));
        prop_assert_eq!(picked.len(), pack.questions.len());
        for q in &picked {
            let source = pack.questions.iter().find(|s| s.id == q.id).expect("picked from the pack");
            prop_assert_eq!(q.correct_text(), source.answers.correct_text());
            let authored: Vec<String> = source.answers.options().into_iter().map(|(text, _)| text).collect();
            if source.answers.is_true_false() {
                prop_assert!(q.true_false);
                prop_assert_eq!(&q.options, &["True".to_string(), "False".to_string()]);
            } else {
                prop_assert!(q.options.len() <= max);
                // The right one and max - 1 drawn wrong ones (all of them when fewer).
                prop_assert_eq!(q.options.len(), authored.len().min(max));
            }
            let distinct: BTreeSet<&String> = q.options.iter().collect();
            prop_assert_eq!(distinct.len(), q.options.len(), "an option shown twice");
            prop_assert!(q.options.iter().all(|o| authored.contains(o)), "an option invented");
        }
        // Same seed, same questions, same options, same order.
        prop_assert_eq!(shown(&picked), shown(&pick_questions(&pack, &capped(seed, max))));

        // Other seeds vary the pick, and which wrong options a long question shows.
        let others: Vec<Vec<RoundQuestion>> =
            (1..=64).map(|d| pick_questions(&pack, &capped(seed.wrapping_add(d), max))).collect();
        let can_vary = pack.questions.len() > 1 || !pack.questions[0].answers.is_true_false();
        if can_vary {
            prop_assert!(others.iter().any(|o| shown(o) != shown(&picked)), "64 seeds all picked the same");
        }
        for source in &pack.questions {
            if source.answers.options().len() > max && !source.answers.is_true_false() {
                let sets: BTreeSet<BTreeSet<String>> = others
                    .iter()
                    .map(|o| o.iter().find(|q| q.id == source.id).unwrap().options.iter().cloned().collect())
                    .collect();
                prop_assert!(sets.len() > 1, "{} always shows the same {} options", source.id, max);
            }
        }
    }
}
