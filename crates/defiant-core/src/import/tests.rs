//! The importers' shared steps: labels, ids, placeholders, RON out and locations.

use super::*;
use crate::check_text;
use crate::pack::{Defaults, Pack};

fn draft(prompt: &str, answers: Answers) -> Draft {
    Draft {
        at: Location::new(3, 1),
        label: "row 2".to_string(),
        id: None,
        prompt: prompt.to_string(),
        answers,
        explanation: String::new(),
        category: "Films".to_string(),
        difficulty: Difficulty::Easy,
        tags: Vec::new(),
        seconds: None,
        safe_after: None,
        media: Default::default(),
    }
}

fn choice(correct: &str, wrong: &[&str]) -> Answers {
    Answers::Choice {
        correct: correct.to_string(),
        wrong: wrong.iter().map(|w| w.to_string()).collect(),
    }
}

#[test]
fn an_id_given_twice_is_a_problem_on_the_second_row() {
    let mut a = draft("One?", choice("A", &["B"]));
    a.id = Some("same".to_string());
    let mut b = draft("Two?", choice("A", &["B"]));
    b.id = Some("same".to_string());
    b.label = "row 3".to_string();
    let c = draft("Same", choice("A", &["B"]));
    let out = finish(vec![a, b, c], Vec::new(), 3);
    assert_eq!(out.questions.len(), 2);
    assert_eq!(out.questions[1].id, "same-2");
    assert_eq!(
        out.problems[0].message,
        "row 3: duplicate id `same`: already used at row 2"
    );
}

#[test]
fn slugs_are_short_valid_ids() {
    assert_eq!(
        slug("Who directed “The Defiant Ones” (2017)?"),
        "who-directed-the-defiant-ones-2017"
    );
    assert_eq!(slug("¿Qué?"), "qu");
    assert_eq!(slug("日本"), "");
    let long = slug(&"abcdefghij ".repeat(20));
    assert!(long.len() <= 40, "{long}");
}

#[test]
fn finish_makes_unique_ids_and_placeholders_and_reports_rule_breakers() {
    let drafts = vec![
        draft("Same prompt?", choice("A", &["B"])),
        draft("Same prompt?", choice("C", &["D"])),
        draft("日本?", Answers::TrueFalse { correct: true }),
        draft(
            "Too many options?",
            choice("A", &["B", "C", "D", "E", "F", "G"]),
        ),
    ];
    let out = finish(drafts, Vec::new(), 4);
    let ids: Vec<&str> = out.questions.iter().map(|q| q.id.as_str()).collect();
    assert_eq!(ids, ["same-prompt", "same-prompt-2", "question"]);
    assert_eq!(out.questions[0].explanation, "The right answer is “A”.");
    assert_eq!(out.questions[2].explanation, "The right answer is “True”.");
    assert_eq!(out.placeholder_explanations.len(), 3);
    assert_eq!(out.problems.len(), 1, "{:?}", out.problems);
    assert!(out.problems[0].message.starts_with("row 2: "));
    assert!(
        out.problems[0].message.contains("7 answers in all"),
        "{:?}",
        out.problems
    );
}

#[test]
fn to_ron_round_trips_through_check_with_awkward_text() {
    let mut q = finish(
        vec![draft(
            "A \"quoted\" back\\slash, a tab\tand é, 日本 and emoji 🎤?",
            choice("Line\nbreak", &["x"]),
        )],
        Vec::new(),
        1,
    )
    .questions;
    q[0].tags = vec!["a tag".to_string()];
    q[0].seconds = Some(30);
    q[0].safe_after = Some("Part 2".to_string());
    let pack = Pack {
        format: 2,
        title: "T \"x\"".to_string(),
        description: "D".to_string(),
        author: "A".to_string(),
        defaults: Defaults {
            seconds_per_question: 15,
        },
        chapters: vec!["Part 1".to_string(), "Part 2".to_string()],
        questions: q,
    };
    let text = to_ron(&pack, "Imported from test.csv\nsecond line");
    assert!(text.starts_with("// Imported from test.csv\n// second line\nPack(\n"));
    let checked = check_text(&text);
    assert_eq!(
        checked.pack.as_ref(),
        Some(&pack),
        "{:?}",
        checked.diagnostics
    );
}

#[test]
fn locations_count_lines_and_characters() {
    let text = "ab\ncdé\nf";
    let mut at = Locator::new(text);
    assert_eq!(at.at(0), Location::new(1, 1));
    assert_eq!(at.at(3), Location::new(2, 1));
    assert_eq!(at.at(7), Location::new(2, 4));
    assert_eq!(at.at(6), Location::new(2, 3), "inside é: its start");
    assert_eq!(at.at(999), Location::new(3, 2));
    assert_eq!(at.at(1), Location::new(1, 2), "backwards starts again");
    assert_eq!(at.of(&text[8..]), Location::new(3, 1));
}

#[test]
fn long_labels_are_shortened_to_fit() {
    assert_eq!(fit_label("Music", 32), None);
    assert_eq!(fit_label(&"x".repeat(32), 32), None);
    assert_eq!(
        fit_label("Entertainment: Japanese Anime & Manga", 32).as_deref(),
        Some("Japanese Anime & Manga")
    );
    let cut = fit_label("The History of Hip-Hop Production in Los Angeles", 32).unwrap();
    assert_eq!(cut, "The History of Hip-Hop…");
    assert!(cut.chars().count() <= 32);
    // One long word: cut inside it.
    let cut = fit_label(&"é".repeat(40), 32).unwrap();
    assert_eq!(cut.chars().count(), 32);
    assert!(cut.ends_with('…'));
}
