//! Reading sheets: quoting, ragged and bad rows, headers, the fixed layout, unreadable
//! files, and the shipped pack out and back.

use super::*;
use crate::check_file;
use crate::pack::{Answers, Difficulty};

#[test]
fn quoted_fields_commas_quotes_and_line_breaks() {
    let csv = "Prompt,Correct,Wrong 1,Wrong 2,Category,Difficulty,Explanation\n\
               \"Who said \"\"hi, there\"\"?\",\"Dre, of course\",Jimmy,Eazy,Music,hard,\"Two\nlines\"\n\
               \"The sky is blue.\",TRUE,,,General,,\n";
    let out = import(csv.as_bytes()).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    let q = &out.questions[0];
    assert_eq!(q.prompt, "Who said \"hi, there\"?");
    assert_eq!(
        q.answers,
        Answers::Choice {
            correct: "Dre, of course".into(),
            wrong: vec!["Jimmy".into(), "Eazy".into()]
        }
    );
    assert_eq!(q.difficulty, Difficulty::Hard);
    assert_eq!(q.explanation, "Two\nlines");
    let tf = &out.questions[1];
    assert_eq!(tf.answers, Answers::TrueFalse { correct: true });
    assert_eq!(tf.difficulty, Difficulty::Medium);
    assert_eq!(out.placeholder_explanations, std::slice::from_ref(&tf.id));
}

#[test]
fn ragged_and_bad_rows_are_reported_by_line() {
    let csv = "prompt;correct;wrong1;category;difficulty\n\
               Q1?;A;B;X;Easy\n\
               Q2?;A;B;X;Easy;surprise\n\
               Q3?;A;B;X;Expert\n\
               Q4?;A;;X;Easy\n\
               \n\
               Q5?;A;B;X\n";
    let out = import(csv.as_bytes()).unwrap();
    let messages: Vec<String> = out
        .problems
        .iter()
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect();
    let wanted = [
        "3:1: line 3: the row has 6 cells; the header names 5 columns",
        "4:1: line 4: difficulty `Expert` is not Easy, Medium or Hard",
        "5:1: line 5: ",
    ];
    assert_eq!(messages.len(), wanted.len(), "{messages:?}");
    for (got, want) in messages.iter().zip(wanted) {
        assert!(got.starts_with(want), "{got} / {want}");
    }
    assert!(messages[2].contains("wrong"), "{messages:?}");
    assert_eq!(out.questions.len(), 2);
    assert_eq!(out.rows, 5);
}

#[test]
fn headers_are_checked() {
    let e = import(b"prompt,corect,wrong1\nQ?,A,B\n").unwrap_err();
    assert!(e.message.contains("no `correct` column"), "{e:?}");
    assert_eq!(e.help.as_deref(), Some("did you mean `correct`?"));
    // A column of the sheet's own is skipped, with a warning; the rows are kept.
    let out = import(b"category,type,question,answer,wrong\nFilms,multiple,Q?,A,B\n").unwrap();
    assert_eq!(out.questions.len(), 1);
    assert_eq!(out.questions[0].category, "Films");
    assert!(out.notes[0].message.contains("`type`"), "{:?}", out.notes);
    let e = import(b"prompt,wrong1\nQ?,B\n").unwrap_err();
    assert!(e.message.contains("no `correct` column"));
    let e = import(b"prompt,correct,prompt\n").unwrap_err();
    assert!(e.message.contains("named twice"));
}

#[test]
fn no_header_means_the_fixed_layout() {
    let out = import(b"Q?,A,B,C,,,,Films,Easy,Because.\n").unwrap();
    assert_eq!(out.questions.len(), 1);
    assert_eq!(out.questions[0].category, "Films");
    let out = import(b"Q?,A,B,C,,,,Films,Easy,Because.,extra\n").unwrap();
    assert!(out.problems[0].message.contains("without a header row"));
}

#[test]
fn unclosed_quotes_latin1_and_empty_files_are_clear_errors() {
    let e = import(b"prompt,correct\n\"Q?,A\nQ2?,B\n").unwrap_err();
    assert_eq!(e.location, Location::new(2, 1));
    assert!(e.message.contains("never closed"));
    let out = import(b"prompt,correct,wrong1\ncaf\xE9?,A,B\n").unwrap();
    assert!(
        out.problems[0]
            .message
            .contains("not UTF-8 text (byte 0xE9)")
    );
    assert!(import(b"").is_err());
    assert!(import(b"\xEF\xBB\xBF \n\n").is_err());
}

#[test]
fn the_shipped_pack_round_trips_through_csv() {
    // Read where cargo runs the test, not where it built it: the target dir is shared by
    // every clone, so this binary may have been built in another one.
    let manifest = std::env::var_os("CARGO_MANIFEST_DIR").map_or_else(
        || env!("CARGO_MANIFEST_DIR").into(),
        std::path::PathBuf::from,
    );
    let path = manifest.join("../../quizzes/the-defiant-ones.ron");
    let checked = check_file(&path);
    let pack = checked
        .pack
        .unwrap_or_else(|| panic!("{:?}", checked.diagnostics));
    let csv = export(&pack);
    let out = import(&csv).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(out.placeholder_explanations.is_empty());
    assert_eq!(out.questions, pack.questions);
}
