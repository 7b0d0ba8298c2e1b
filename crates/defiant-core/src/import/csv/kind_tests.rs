//! Order and number rows: reading them, the kind columns' aliases, bad rows, and every
//! kind out and back exactly.

use super::*;
use crate::pack::{Answers, Difficulty, Pack, Question};

const HEADER: &str =
    "prompt,correct,wrong1,wrong2,wrong3,explanation,kind,tolerance,unit,limit,first,last\n";

fn messages(out: &Imported) -> Vec<String> {
    out.problems
        .iter()
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect()
}

#[test]
fn order_and_number_rows_import() {
    let csv = format!(
        "{HEADER}\
         Oldest first?,Compton,The Chronic,2001,,Because.,order,,,,Earliest,Latest\n\
         Smallest first?,\"1, one\",2,3,4,Because.,Order,,,,,\n\
         Year?,1992,,,,Because.,number,1,years,6,,\n\
         Below zero?,-3,,,,Because.,NUMBER,,,,,\n\
         Half?,2.5,,,,Because.,number,0.25,\"kg, dry\",,,\n\
         Plus?,+4,,,,Because.,number,.5,,1.,,\n\
         Chosen?,True,False,,,Because.,choice,,,,,\n\
         Stated?,false,,,,Because.,True/False,,,,,\n\
         Guessed?,TRUE,FALSE,,,Because.,,,,,,\n"
    );
    let out = import(csv.as_bytes()).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    let answers: Vec<&Answers> = out.questions.iter().map(|q| &q.answers).collect();
    let strings = |s: &[&str]| s.iter().map(|s| s.to_string()).collect::<Vec<_>>();
    assert_eq!(
        answers,
        [
            &Answers::Order {
                items: strings(&["Compton", "The Chronic", "2001"]),
                first: "Earliest".into(),
                last: "Latest".into(),
            },
            &Answers::Order {
                items: strings(&["1, one", "2", "3", "4"]),
                first: DEFAULT_FIRST.into(),
                last: DEFAULT_LAST.into(),
            },
            &Answers::Number {
                answer: 1992.0,
                tolerance: 1.0,
                unit: "years".into(),
                limit: Some(6.0),
            },
            &Answers::Number {
                answer: -3.0,
                tolerance: 0.0,
                unit: String::new(),
                limit: None,
            },
            &Answers::Number {
                answer: 2.5,
                tolerance: 0.25,
                unit: "kg, dry".into(),
                limit: None,
            },
            &Answers::Number {
                answer: 4.0,
                tolerance: 0.5,
                unit: String::new(),
                limit: Some(1.0),
            },
            // An explicit kind: a choice whose answers happen to be True and False.
            &Answers::Choice {
                correct: "True".into(),
                wrong: strings(&["False"]),
            },
            &Answers::TrueFalse { correct: false },
            // No kind: as before, True/False makes a true/false question.
            &Answers::TrueFalse { correct: true },
        ]
    );
}

#[test]
fn header_aliases_of_the_kind_columns() {
    let csv = "Question,Answer,Wrong 1,Wrong 2,Question Kind,First Label,Last_Label\n\
               Order?,a,b,c,order,Top,Bottom\n";
    let out = import(csv.as_bytes()).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(
        out.questions[0].answers,
        Answers::Order {
            items: vec!["a".into(), "b".into(), "c".into()],
            first: "Top".into(),
            last: "Bottom".into(),
        }
    );
    let out = import(b"prompt,correct,kind,units\nHow far?,12,number,km\n").unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(matches!(&out.questions[0].answers, Answers::Number { unit, .. } if unit == "km"));
}

#[test]
fn bad_kind_rows_are_reported_by_line_and_the_rest_kept() {
    let csv = format!(
        "{HEADER}\
         Fine?,1992,,,,Because.,number,,,,,\n\
         Kind?,A,B,,,Because.,quiz,,,,,\n\
         Comma?,\"1,992\",,,,Because.,number,,,,,\n\
         Unit?,1992 years,,,,Because.,number,,,,,\n\
         Exponent?,1e3,,,,Because.,number,,,,,\n\
         Tolerance?,5,,,,Because.,number,about 2,,,,\n\
         Negative?,5,,,,Because.,number,-1,,,,\n\
         Limit?,5,,,,Because.,number,1,,x,,\n\
         Empty?,,,,,Because.,number,,,,,\n\
         Wrong?,5,,6,,Because.,number,,,,,\n\
         Short?,a,,b,,Because.,order,,,,,\n\
         Forgot the kind?,5,,,,Because.,,1,,,,\n\
         Order unit?,a,b,c,,Because.,order,,cm,,,\n\
         Number label?,5,,,,Because.,number,,,,Low,\n\
         Yes?,Yes,No,,,Because.,truefalse,,,,,\n\
         Both?,True,True,,,Because.,truefalse,,,,,\n\
         Huge?,{},,,,Because.,number,,,,,\n",
        "9".repeat(400)
    );
    let out = import(csv.as_bytes()).unwrap();
    let wanted = [
        "3:1: line 3: kind `quiz` is not choice, truefalse, order or number",
        "4:1: line 4: correct `1,992` is not a number: write it with digits, an optional `-` and a `.` for decimals (1992, -3, 2.5), without `,`",
        "5:1: line 5: correct `1992 years` is not a number: write it with digits, an optional `-` and a `.` for decimals (1992, -3, 2.5); a unit goes in the `unit` column",
        "6:1: line 6: correct `1e3` is not a number",
        "7:1: line 7: tolerance `about 2` is not a number",
        "8:1: line 8: tolerance `-1` is negative; it is how far off a guess may be and still be right",
        "9:1: line 9: limit `x` is not a number",
        "10:1: line 10: a number question needs its number in `correct`",
        "11:1: line 11: a number question has no wrong answers, but `wrong2` holds `6`",
        "12:1: line 12: an order question needs 3 to 6 items, in their right order in `correct`, `wrong1` … `wrong5`; this row has 2",
        "13:1: line 13: `tolerance` is only for number questions, and this row is a multiple-choice question: empty the cell, or set `kind` to `number`",
        "14:1: line 14: `unit` is only for number questions, and this row is an order question",
        "15:1: line 15: `first` is only for order questions, and this row is a number question: empty the cell, or set `kind` to `order`",
        "16:1: line 16: correct `Yes` is not True or False, as a true/false question needs",
        "17:1: line 17: a true/false question takes no wrong answer but `False` in `wrong1`",
        "18:1: line 18: correct `999",
    ];
    let got = messages(&out);
    assert_eq!(got.len(), wanted.len(), "{got:#?}");
    for (got, want) in got.iter().zip(wanted) {
        assert!(got.starts_with(want), "{got}\n{want}");
    }
    assert!(got[15].ends_with("is too large a number"), "{}", got[15]);
    assert_eq!(out.questions.len(), 1);
    assert_eq!(out.rows, 17);
}

#[test]
fn a_header_less_file_has_no_kind_columns() {
    // The fixed layout is unchanged: an 11th cell is still one too many.
    let out = import(b"Q?,3,,,,,,Films,Easy,Because.,number\n").unwrap();
    assert!(out.problems[0].message.contains("without a header row"));
    let out = import(b"Q?,3,4,,,,,Films,Easy,Because.\n").unwrap();
    assert!(matches!(out.questions[0].answers, Answers::Choice { .. }));
}

fn question(id: &str, answers: Answers) -> Question {
    Question {
        id: id.to_string(),
        prompt: format!("What about {id}?"),
        answers,
        explanation: "Because, \"quoted\".".to_string(),
        category: "Films".to_string(),
        difficulty: Difficulty::Hard,
        tags: vec!["a".to_string(), "b c".to_string()],
        seconds: Some(30),
        safe_after: None,
        image: None,
        uncover: None,
        audio: None,
        reveal_image: None,
    }
}

#[test]
fn every_kind_round_trips_exactly() {
    let number = |answer: f64, tolerance: f64, unit: &str, limit: Option<f64>| Answers::Number {
        answer,
        tolerance,
        unit: unit.to_string(),
        limit,
    };
    let questions = vec![
        question(
            "choice",
            Answers::Choice {
                correct: "A, with a comma".into(),
                wrong: vec!["B".into(), "\"C\"".into()],
            },
        ),
        // Without the `kind` column this would read back as true/false.
        question(
            "choice-true-false",
            Answers::Choice {
                correct: "True".into(),
                wrong: vec!["False".into()],
            },
        ),
        question("true-false", Answers::TrueFalse { correct: false }),
        question(
            "order",
            Answers::Order {
                items: vec!["1, one".into(), "two".into(), "3".into(), "True".into()],
                first: "Earliest, first".into(),
                last: "Latest".into(),
            },
        ),
        question(
            "order-six",
            Answers::Order {
                items: (1..=6).map(|i| format!("item {i}")).collect(),
                first: "First".into(),
                last: "Last".into(),
            },
        ),
        question("number", number(1992.0, 1.0, "years", Some(6.0))),
        question("number-third", number(1.0 / 3.0, 0.1 + 0.2, "", None)),
        question("number-tiny", number(-1e-7, 0.0, "m, wet", Some(5e-7))),
        question(
            "number-big",
            number(-999_999_999_999.5, 12345.678, "$", None),
        ),
        question("number-zero", number(0.0, 0.0, "", Some(1.0))),
    ];
    let pack = Pack {
        format: 2,
        title: "All kinds".to_string(),
        description: String::new(),
        author: String::new(),
        defaults: Default::default(),
        chapters: Vec::new(),
        questions,
    };
    let csv = export(&pack);
    let text = String::from_utf8(csv.clone()).unwrap();
    assert!(
        text.starts_with(&format!("{}\n", COLUMNS.join(","))),
        "{text}"
    );
    assert!(
        text.contains("\nnumber,What about number?,1992,,,,,,Films,Hard,"),
        "{text}"
    );
    assert!(text.contains(",number,1,years,6,,\n"), "{text}");
    assert!(text.contains(",choice,,,,,\n"), "{text}");
    let out = import(&csv).unwrap();
    assert!(out.problems.is_empty(), "{:?}\n{text}", out.problems);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert_eq!(out.questions, pack.questions);
    // Bit for bit, not just equal.
    for (a, b) in out.questions.iter().zip(&pack.questions) {
        if let (
            Answers::Number {
                answer: x,
                tolerance: t,
                limit: l,
                ..
            },
            Answers::Number {
                answer: y,
                tolerance: u,
                limit: m,
                ..
            },
        ) = (&a.answers, &b.answers)
        {
            assert_eq!(x.to_bits(), y.to_bits());
            assert_eq!(t.to_bits(), u.to_bits());
            assert_eq!(l.map(f64::to_bits), m.map(f64::to_bits));
        }
    }
}
