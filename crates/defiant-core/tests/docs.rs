//! The examples in the README and docs/packs.md are real: each RON block is a valid pack,
//! each CSV block imports cleanly, and each rule's example message is one `check` gives.

mod common;

use defiant_core::check_text;
use defiant_core::import;

/// The fenced code blocks of a Markdown file with the given language.
fn blocks(file: &str, lang: &str) -> Vec<String> {
    let text = std::fs::read_to_string(common::repo().join(file)).unwrap();
    let fence = format!("```{lang}\n");
    text.split(&fence)
        .skip(1)
        .map(|rest| rest.split("```").next().unwrap().to_string())
        .collect()
}

#[test]
fn every_ron_example_is_a_valid_pack_without_warnings() {
    for file in ["README.md", "docs/packs.md"] {
        let examples = blocks(file, "ron");
        assert!(!examples.is_empty(), "{file} has a RON example");
        for example in examples {
            let checked = check_text(&example);
            assert!(checked.pack.is_some(), "{file}: {:?}", checked.diagnostics);
            assert!(
                checked.diagnostics.is_empty(),
                "{file}: {:?}",
                checked.diagnostics
            );
        }
    }
}

#[test]
fn every_csv_example_imports_cleanly() {
    let examples = blocks("docs/packs.md", "csv");
    assert!(!examples.is_empty());
    for example in examples {
        let out = import::csv::import(example.as_bytes()).unwrap();
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        assert_eq!(out.questions.len(), out.rows);
    }
}

#[test]
fn the_opentdb_example_imports_cleanly() {
    let examples = blocks("docs/packs.md", "json");
    let response = examples
        .iter()
        .find(|e| e.contains("response_code"))
        .expect("an OpenTDB example");
    let (out, _) = import::opentdb::import(response, import::opentdb::Encoding::Auto).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert_eq!(out.questions[0].answers.correct_text(), "AC/DC");
}
