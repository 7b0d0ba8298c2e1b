//! Every pack shipped in `quizzes/` must be valid, so a broken pack fails CI.

mod common;

use defiant_core::pack::Answers;
use defiant_core::{Difficulty, check_file};

fn shipped() -> Vec<std::path::PathBuf> {
    let dir = common::repo().join("quizzes");
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("quizzes/ exists")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .collect();
    files.sort();
    files
}

#[test]
fn every_shipped_pack_is_valid_without_warnings() {
    let files = shipped();
    assert!(!files.is_empty(), "no packs shipped");
    for file in files {
        let checked = check_file(&file);
        assert!(
            checked.diagnostics.is_empty(),
            "{}: {:?}",
            file.display(),
            checked.diagnostics
        );
        assert!(checked.pack.is_some());
    }
}

#[test]
fn the_documentary_pack_meets_its_brief() {
    let file = common::repo().join("quizzes/the-defiant-ones.ron");
    let pack = check_file(&file).pack.expect("valid pack");
    assert_eq!(pack.title, "The Defiant Ones");
    assert!(
        pack.questions.len() >= 40,
        "{} questions",
        pack.questions.len()
    );
    let categories = pack.categories();
    assert!(categories.len() >= 5, "{categories:?}");
    for d in Difficulty::ALL {
        assert!(pack.questions.iter().filter(|q| q.difficulty == d).count() >= 5);
    }
    let true_false = pack
        .questions
        .iter()
        .filter(|q| q.answers.is_true_false())
        .count();
    assert!(true_false >= 5 && true_false < pack.questions.len() - 20);
    let kinds = |watched: usize| {
        let safe = pack
            .questions
            .iter()
            .filter(|q| pack.chapters_needed(q) <= watched);
        let mut count = [0usize; 3];
        for q in safe {
            count[match q.answers {
                Answers::Order { .. } => 1,
                Answers::Number { .. } => 2,
                _ => 0,
            }] += 1;
        }
        count
    };
    // The whole pack: at least 6 orders and 6 numbers. Up to Part 2 (a party that has
    // watched half of it): choices, timelines and numbers, all three.
    let [_, orders, numbers] = kinds(pack.chapters.len());
    assert!(
        orders >= 6 && numbers >= 6,
        "{orders} orders, {numbers} numbers"
    );
    let part_2 = pack.chapters.iter().position(|c| c == "Part 2").unwrap() + 1;
    let [choices, orders, numbers] = kinds(part_2);
    assert!(
        choices >= 20 && orders >= 2 && numbers >= 3,
        "up to Part 2: {choices} choices, {orders} orders, {numbers} numbers"
    );
    for q in &pack.questions {
        assert!(q.explanation.len() > 20, "{}: explanation too thin", q.id);
        if let Answers::Choice { wrong, .. } = &q.answers {
            assert!(wrong.len() >= 2, "{}: needs at least 3 options", q.id);
        }
    }
}
