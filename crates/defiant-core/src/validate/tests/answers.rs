//! Answers of each kind: choices, orders and numbers, and the format they need.

use super::*;

#[test]
fn duplicate_answer_of_the_correct_one_ignoring_case_and_spaces() {
    let (line, col, msg) = one_error(&edit("\"Watts\"", "\"  compton \""));
    assert_eq!((line, col), (10, 71));
    assert_eq!(
        msg,
        "the wrong answer \"compton\" is the same as the correct answer"
    );
}

#[test]
fn duplicate_wrong_answers() {
    let (line, col, msg) = one_error(&edit("\"Watts\"", "\"LONG BEACH\""));
    assert_eq!((line, col), (10, 71));
    assert!(
        msg.starts_with("the answer \"LONG BEACH\" appears twice"),
        "{msg}"
    );
}

#[test]
fn too_few_answers() {
    let (line, col, msg) = one_error(&edit("[\"Long Beach\", \"Watts\"]", "[]"));
    assert_eq!((line, col), (10, 22));
    assert_eq!(
        msg,
        "a multiple-choice question needs at least one wrong answer"
    );
}

#[test]
fn too_many_answers() {
    let (line, col, msg) = one_error(&edit(
        "[\"Long Beach\", \"Watts\"]",
        "[\"a\", \"b\", \"c\", \"d\", \"e\", \"f\"]",
    ));
    // Points at the first wrong answer past the limit (the sixth).
    assert_eq!((line, col), (10, 82));
    assert_eq!(
        msg,
        "7 answers in all; a question has at most 6 (the correct one and 5 wrong)"
    );
}

/// A valid format 2 pack with one question of each new kind; tests break one thing at
/// a time.
const KINDS: &str = r#"Pack(
    format: 2,
    title: "Kinds",
    description: "",
    author: "Tester",
    questions: [
        (
            id: "order",
            prompt: "Oldest first?",
            answers: Order(items: ["Alpha", "Beta", "Gamma"], first: "Earliest", last: "Latest"),
            explanation: "In that order.",
            category: "Order",
            difficulty: Easy,
        ),
        (
            id: "number",
            prompt: "Which year?",
            answers: Number(answer: 1992, tolerance: 1, unit: "years", limit: 6),
            explanation: "1992.",
            category: "Number",
            difficulty: Medium,
        ),
    ],
)"#;

fn edit_kinds(from: &str, to: &str) -> String {
    assert!(KINDS.contains(from), "fixture lacks {from:?}");
    KINDS.replacen(from, to, 1)
}

#[test]
fn format_1_packs_load_unchanged() {
    let checked = check_text(GOOD);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let pack = checked.pack.unwrap();
    assert_eq!((pack.format, pack.needed_format()), (1, 1));
    let kinds: Vec<Kind> = pack.questions.iter().map(|q| q.answers.kind()).collect();
    assert_eq!(kinds, vec![Kind::Choice, Kind::TrueFalse]);
}

#[test]
fn a_format_2_pack_with_order_and_number_has_no_diagnostics() {
    let checked = check_text(KINDS);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    let pack = checked.pack.unwrap();
    assert_eq!(pack.needed_format(), 2);
    assert_eq!(
        pack.questions[0].answers,
        Answers::Order {
            items: vec!["Alpha".into(), "Beta".into(), "Gamma".into()],
            first: "Earliest".into(),
            last: "Latest".into(),
        }
    );
    assert_eq!(
        pack.questions[1].answers,
        Answers::Number {
            answer: 1992.0,
            tolerance: 1.0,
            unit: "years".into(),
            limit: Some(6.0),
        }
    );
    // The optional fields left out: tolerance 0, no unit, the default limit.
    let short = edit_kinds(", tolerance: 1, unit: \"years\", limit: 6", "");
    let checked = check_text(&short);
    assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
    assert_eq!(
        checked.pack.unwrap().questions[1].answers,
        Answers::Number {
            answer: 1992.0,
            tolerance: 0.0,
            unit: String::new(),
            limit: None,
        }
    );
    // Negative and fractional answers are fine.
    let text = edit_kinds("answer: 1992, tolerance: 1", "answer: -2.5, tolerance: 0.5");
    assert!(errors(&text).is_empty(), "{:?}", errors(&text));
}

#[test]
fn a_format_1_file_with_order_or_number_points_at_the_answers() {
    let text = edit_kinds("format: 2", "format: 1");
    let checked = check_text(&text);
    let all: Vec<_> = checked.errors().collect();
    assert_eq!(all.len(), 1, "{all:?}");
    assert_eq!(all[0].location.to_string(), "10:22");
    assert_eq!(
        all[0].message,
        "`Order` answers need pack format 2; this file says format 1"
    );
    assert_eq!(
        all[0].help.as_deref(),
        Some("write `format: 2` at the top of the pack")
    );
    // With only a number question, the error is at its answers.
    let text = text.replacen(
        "Order(items: [\"Alpha\", \"Beta\", \"Gamma\"], first: \"Earliest\", last: \"Latest\")",
        "TrueFalse(correct: true)",
        1,
    );
    let (line, col, msg) = one_error(&text);
    assert_eq!((line, col), (18, 22));
    assert_eq!(
        msg,
        "`Number` answers need pack format 2; this file says format 1"
    );
}

#[test]
fn order_with_too_few_items() {
    let (line, col, msg) = one_error(&edit_kinds(", \"Gamma\"]", "]"));
    // At the `items` list.
    assert_eq!((line, col), (10, 35));
    assert_eq!(
        msg,
        "an order question needs at least 3 items; this one has 2"
    );
}

#[test]
fn order_with_too_many_items() {
    let (line, col, msg) = one_error(&edit_kinds(
        "\"Gamma\"]",
        "\"Gamma\", \"D\", \"E\", \"F\", \"G\"]",
    ));
    // At the seventh item.
    assert_eq!((line, col), (10, 77));
    assert_eq!(msg, "7 items; an order question has at most 6");
}

#[test]
fn order_items_empty_or_too_long() {
    let long = format!("\"{}\"", "x".repeat(crate::validate::MAX_ANSWER + 1));
    let text = edit_kinds("\"Beta\"", "\"  \"").replacen("\"Gamma\"", &long, 1);
    let all = errors(&text);
    assert_eq!(
        all,
        vec![
            (10, 45, "an item is empty".to_string()),
            (
                10,
                51,
                "an item is 101 characters long; the limit is 100".to_string()
            ),
        ]
    );
}

#[test]
fn order_items_repeated_ignoring_case_and_spaces() {
    let (line, col, msg) = one_error(&edit_kinds("\"Gamma\"", "\" alpha \""));
    // At the second, naming the first.
    assert_eq!((line, col), (10, 53));
    assert_eq!(
        msg,
        "the item \"alpha\" appears twice: it is also item 1 (items are compared ignoring case and surrounding spaces)"
    );
}

#[test]
fn order_end_labels_empty_too_long_or_the_same() {
    let (line, col, msg) = one_error(&edit_kinds("first: \"Earliest\"", "first: \"\""));
    assert_eq!((line, col), (10, 70));
    assert_eq!(msg, "the `first` label is empty");
    let long = format!(
        "last: \"{}\"",
        "y".repeat(crate::validate::MAX_END_LABEL + 1)
    );
    let (line, col, msg) = one_error(&edit_kinds("last: \"Latest\"", &long));
    assert_eq!((line, col), (10, 88));
    assert_eq!(
        msg,
        "the `last` label is 25 characters long; the limit is 24"
    );
    let (line, col, msg) = one_error(&edit_kinds("last: \"Latest\"", "last: \"EARLIEST \""));
    assert_eq!((line, col), (10, 88));
    assert_eq!(
        msg,
        "the `first` and `last` labels are the same (\"EARLIEST\")"
    );
}

#[test]
fn number_answer_not_a_number() {
    for (value, shown) in [("inf", "inf"), ("-inf", "-inf"), ("NaN", "NaN")] {
        let text = edit_kinds("answer: 1992", &format!("answer: {value}"));
        let (line, col, msg) = one_error(&text);
        assert_eq!((line, col), (18, 37), "{value}");
        assert_eq!(msg, format!("the answer is `{shown}`, a non-number"));
    }
}

#[test]
fn number_answer_out_of_range() {
    let (line, col, msg) = one_error(&edit_kinds("answer: 1992", "answer: -2e12"));
    assert_eq!((line, col), (18, 37));
    assert_eq!(
        msg,
        "the answer -2e12 is out of range; players can enter numbers up to 1e12 either way"
    );
    // The biggest number a player can enter is fine.
    let text = edit_kinds("answer: 1992", "answer: 1e12");
    assert!(errors(&text).is_empty(), "{:?}", errors(&text));
}

#[test]
fn number_tolerance_negative_or_not_a_number() {
    let (line, col, msg) = one_error(&edit_kinds("tolerance: 1,", "tolerance: -1,"));
    assert_eq!((line, col), (18, 54));
    assert_eq!(msg, "the tolerance is -1; it must be 0 or more");
    let (line, col, msg) = one_error(&edit_kinds("tolerance: 1,", "tolerance: inf,"));
    assert_eq!((line, col), (18, 54));
    assert_eq!(msg, "the tolerance is `inf`, a non-number");
}

#[test]
fn number_limit_not_past_the_tolerance() {
    let (line, col, msg) = one_error(&edit_kinds("limit: 6", "limit: 1"));
    assert_eq!((line, col), (18, 79));
    assert_eq!(msg, "the limit (1) must be greater than the tolerance (1)");
    let (_, _, msg) = one_error(&edit_kinds("limit: 6", "limit: 0.5"));
    assert_eq!(
        msg,
        "the limit (0.5) must be greater than the tolerance (1)"
    );
    let (line, col, msg) = one_error(&edit_kinds("limit: 6", "limit: NaN"));
    assert_eq!((line, col), (18, 79));
    assert_eq!(msg, "the limit is `NaN`, a non-number");
    // Just past the tolerance is fine.
    let text = edit_kinds("limit: 6", "limit: 1.5");
    assert!(errors(&text).is_empty(), "{:?}", errors(&text));
}

#[test]
fn number_unit_too_long() {
    let long = format!("unit: \"{}\"", "u".repeat(crate::validate::MAX_UNIT + 1));
    let (line, col, msg) = one_error(&edit_kinds("unit: \"years\"", &long));
    assert_eq!((line, col), (18, 63));
    assert_eq!(msg, "the unit is 17 characters long; the limit is 16");
}

#[test]
fn number_written_as_text_is_a_syntax_error_with_position() {
    let (line, col, msg) = one_error(&edit_kinds("answer: 1992", "answer: \"1992\""));
    assert_eq!((line, col), (18, 37));
    assert_eq!(msg, "expected a number, e.g. `1992` or `2.5`");
    let checked = check_text(&edit_kinds("limit: 6", "limit: \"6\""));
    let d = checked.first_error().unwrap();
    assert_eq!(d.location.to_string(), "18:79");
    assert_eq!(d.help.as_deref(), Some("write numbers without quotes"));
}
