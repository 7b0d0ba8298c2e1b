//! The pack's fields, chapters and the fields of every question; syntax errors.

use super::*;

#[test]
fn the_fixture_is_valid() {
    let checked = check_text(GOOD);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(checked.pack.map(|p| p.questions.len()), Some(2));
}

#[test]
fn duplicate_id_points_at_the_second_and_names_the_first() {
    let (line, col, msg) = one_error(&edit("id: \"q2\"", "id: \"q1\""));
    assert_eq!((line, col), (16, 17));
    assert_eq!(msg, "duplicate id `q1`: already used at line 8");
}

#[test]
fn bad_id_characters() {
    let (line, col, msg) = one_error(&edit("id: \"q2\"", "id: \"Q 2\""));
    assert_eq!((line, col), (16, 17));
    assert!(msg.contains("lower-case letters, digits and `-`"), "{msg}");
    let (_, _, msg) = one_error(&edit("id: \"q2\"", "id: \"\""));
    assert_eq!(msg, "the question id is empty");
}

#[test]
fn empty_prompt() {
    let (line, col, msg) = one_error(&edit("\"Is it true?\"", "\"   \""));
    assert_eq!((line, col), (17, 21));
    assert_eq!(msg, "the prompt is empty");
}

#[test]
fn over_long_prompt() {
    let long = format!("\"{}\"", "é".repeat(crate::validate::MAX_PROMPT + 1));
    let (line, col, msg) = one_error(&edit("\"Which city?\"", &long));
    assert_eq!((line, col), (9, 21));
    assert_eq!(msg, "the prompt is 251 characters long; the limit is 250");
}

#[test]
fn empty_explanation_category_and_tag() {
    let text = edit("\"Because.\"", "\"\"").replacen(
        "category: \"Facts\",",
        "category: \"\", tags: [\"ok\", \" \"],",
        1,
    );
    let all = errors(&text);
    assert_eq!(
        all,
        vec![
            (11, 26, "the explanation is empty".to_string()),
            (20, 23, "the category is empty".to_string()),
            (20, 40, "a tag is empty".to_string()),
        ]
    );
}

#[test]
fn time_limits_out_of_range() {
    let (line, col, msg) = one_error(&edit("seconds: 10", "seconds: 2"));
    assert_eq!((line, col), (22, 22));
    assert_eq!(
        msg,
        "the time limit is 2 seconds; it must be between 5 and 120"
    );
    let text = edit(
        "author: \"Tester\",",
        "author: \"Tester\",\n    defaults: (seconds_per_question: 500),",
    );
    let (line, col, msg) = one_error(&text);
    assert_eq!((line, col), (6, 38));
    assert!(msg.starts_with("the default time per question is 500 seconds"));
}

#[test]
fn empty_pack() {
    let text = format!(
        "{}    questions: [],\n)",
        &GOOD[..GOOD.find("    questions").unwrap()]
    );
    let (line, col, msg) = one_error(&text);
    assert_eq!((line, col), (6, 16));
    assert_eq!(msg, "the pack has no questions");
}

#[test]
fn unsupported_format_version() {
    let (line, col, msg) = one_error(&edit("format: 1", "format: 4"));
    assert_eq!((line, col), (2, 13));
    assert!(msg.starts_with("unsupported format version 4"), "{msg}");
    assert!(msg.contains("formats 1 to 3"), "{msg}");
}

/// The fixture as format 2 with four chapters, `q1` safe after "Part 2".
fn chaptered() -> String {
    edit("format: 1", "format: 2")
        .replacen(
            "    questions: [",
            "    chapters: [\"Part 1\", \"Part 2\", \"Part 3\", \"Part 4\"],\n    questions: [",
            1,
        )
        .replacen(
            "difficulty: Easy,",
            "difficulty: Easy,\n            safe_after: \"Part 2\",",
            1,
        )
}

#[test]
fn chapters_are_format_2_and_a_format_1_file_says_which_it_needs() {
    let good = chaptered();
    assert!(errors(&good).is_empty(), "{:?}", errors(&good));
    let checked = check_text(&good);
    let pack = checked.pack.unwrap();
    assert_eq!(pack.needed_format(), 2);
    assert_eq!(pack.chapters_needed(&pack.questions[0]), 2);
    assert_eq!(pack.chapters_needed(&pack.questions[1]), 0);
    // The same file saying format 1: the error is at `chapters`, naming format 2.
    let (line, col, msg) = one_error(&good.replacen("format: 2", "format: 1", 1));
    assert_eq!((line, col), (6, 15));
    assert_eq!(
        msg,
        "`chapters` needs pack format 2; this file says format 1"
    );
    // A format 1 pack stays valid as format 1 (the fixture).
    assert_eq!(check_text(GOOD).pack.unwrap().needed_format(), 1);
}

#[test]
fn chapter_rules_point_at_the_chapter() {
    // Named twice.
    let text = chaptered().replacen("\"Part 3\"", "\"Part 2\"", 1);
    let all = errors(&text);
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!((all[0].0, all[0].1), (6, 36));
    assert!(all[0].2.contains("\"Part 2\" is named twice"), "{all:?}");
    // Blank, and too long.
    let long = format!("\"{}\"", "x".repeat(crate::validate::MAX_CHAPTER + 1));
    let text = chaptered()
        .replacen("\"Part 4\"", &long, 1)
        .replacen("\"Part 1\"", "\"\"", 1);
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!((all[0].0, all[0].1), (6, 16));
    assert!(all[0].2.contains("a chapter is empty"), "{all:?}");
    assert!(all[1].2.contains("33 characters"), "{all:?}");
    // A question naming a chapter the pack does not name.
    let text = chaptered().replacen("safe_after: \"Part 2\"", "safe_after: \"Part 22\"", 1);
    let (line, col, msg) = one_error(&text);
    assert_eq!((line, col), (15, 25));
    assert!(
        msg.contains("the chapter \"Part 22\", which the pack's `chapters` do not name"),
        "{msg}"
    );
    let checked = check_text(&text);
    let help = checked.errors().next().unwrap().help.clone().unwrap();
    assert_eq!(help, "did you mean \"Part 2\"?");
    // `safe_after` without any chapters, in a format 1 file: both problems.
    let text = edit(
        "difficulty: Easy,",
        "difficulty: Easy,\n            safe_after: \"Part 1\",",
    );
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert!(
        all[0].2.contains("`safe_after` needs pack format 2"),
        "{all:?}"
    );
}

#[test]
fn empty_title_and_long_description() {
    let long = format!("\"{}\"", "x".repeat(crate::validate::MAX_DESCRIPTION + 1));
    let text = edit("\"Test pack\"", "\"\"").replacen("\"For tests\"", &long, 1);
    let all = errors(&text);
    assert_eq!(all.len(), 2, "{all:?}");
    assert_eq!((all[0].0, all[0].1), (3, 12));
    assert_eq!(all[0].2, "the title is empty");
    assert_eq!((all[1].0, all[1].1), (4, 18));
}

#[test]
fn every_problem_is_reported_not_just_the_first() {
    let text = edit("id: \"q2\"", "id: \"q1\"")
        .replacen("\"Which city?\"", "\"\"", 1)
        .replacen("seconds: 10", "seconds: 1000", 1);
    let lines: Vec<usize> = errors(&text).iter().map(|e| e.0).collect();
    assert_eq!(lines, vec![9, 16, 22]);
}

#[test]
fn unknown_field_is_a_syntax_error_with_position() {
    let (line, col, msg) = one_error(&edit("prompt: \"Is it true?\"", "promt: \"Is it true?\""));
    assert_eq!(line, 17);
    assert!(col >= 13, "col {col}");
    assert!(msg.contains("promt"), "{msg}");
}
