//! Property tests (proptest) over the pack parser, the validator and the importers:
//! nothing panics on any input, every problem points inside the file, and a pack written
//! out (as RON or as CSV) reads back as the same pack, with all four answer kinds.

use defiant_core::import::{self, opentdb};
use defiant_core::pack::{Answers, Defaults, Difficulty, Pack, Question};
use defiant_core::{Checked, check_bytes, check_text};
use proptest::prelude::*;

const GOOD: &str = include_str!("../../../tests/packs/good.ron");
const TRICKY_CSV: &[u8] = include_bytes!("../../../tests/imports/tricky.csv");
const OPENTDB: &str = include_str!("../../../tests/imports/opentdb-default.json");

/// Every diagnostic points at a line and column that exist in `text`.
fn points_inside(checked: &Checked, text: &str) {
    let lines: Vec<&str> = text.split('\n').collect();
    for d in &checked.diagnostics {
        let line = d.location.line;
        assert!(
            line >= 1 && line <= lines.len(),
            "{d:?} in {} lines",
            lines.len()
        );
        let width = lines[line - 1].chars().count();
        assert!(
            d.location.col >= 1 && d.location.col <= width + 1,
            "{d:?}, line width {width}"
        );
    }
    assert_eq!(checked.pack.is_some(), checked.errors().next().is_none());
}

/// A byte-level edit: at a position (as a fraction of the length), delete, insert or
/// replace some bytes.
fn mutate(base: &[u8], edits: &[(f64, u8, Vec<u8>)]) -> Vec<u8> {
    let mut bytes = base.to_vec();
    for (at, kind, data) in edits {
        let i = ((bytes.len() as f64) * at) as usize;
        let i = i.min(bytes.len());
        match kind % 3 {
            0 => {
                let end = (i + data.len().max(1)).min(bytes.len());
                bytes.drain(i..end);
            }
            1 => {
                bytes.splice(i..i, data.iter().copied());
            }
            _ => {
                let end = (i + data.len()).min(bytes.len());
                bytes.splice(i..end, data.iter().copied());
            }
        }
    }
    bytes
}

fn edits() -> impl Strategy<Value = Vec<(f64, u8, Vec<u8>)>> {
    // Bytes biased towards RON's and CSV's own punctuation.
    let byte = prop_oneof![
        any::<u8>(),
        prop::sample::select(b"()[]{},:\"\\;\n\r\t '#/*".to_vec()),
    ];
    prop::collection::vec(
        (0.0..1.0f64, any::<u8>(), prop::collection::vec(byte, 0..6)),
        1..5,
    )
}

fn text() -> impl Strategy<Value = String> {
    // Printable text with quotes, backslashes, commas, line breaks and non-ASCII.
    prop::string::string_regex("[a-zA-Z0-9 ,;\"'\\\\\n\t&%+é日🎤]{1,40}")
        .unwrap()
        .prop_filter("not blank", |s| !s.trim().is_empty())
        .prop_map(|s| s.trim().to_string())
}

/// An order's end label: 1-24 characters, some with a comma or a quote.
fn end_label() -> impl Strategy<Value = String> {
    prop_oneof![
        prop::sample::select(vec![
            "First", "Last", "Earliest", "Latest", "Smallest", "Largest"
        ])
        .prop_map(str::to_string),
        prop::string::string_regex("[a-zA-Z][a-zA-Z ,\"é]{0,20}")
            .unwrap()
            .prop_map(|s| s.trim().to_string()),
    ]
}

/// A number as a pack author writes one: whole or with decimals, either sign, at most
/// 1e12 in size (any f64 in range, so the exact round trip of awkward ones is tested too).
fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        (-3000i64..3000).prop_map(|n| n as f64),
        ((-100_000i64..100_000), 1u32..4)
            .prop_map(|(n, places)| n as f64 / 10f64.powi(places as i32)),
        -1e12..=1e12f64,
        -1.0..1.0f64,
    ]
}

fn answers() -> impl Strategy<Value = Answers> {
    let order = (
        prop::collection::vec(text(), 3..=6),
        end_label(),
        end_label(),
    )
        .prop_filter("the end labels differ", |(_, first, last)| {
            !first.eq_ignore_ascii_case(last)
        })
        .prop_map(|(items, first, last)| Answers::Order {
            // Items must differ (ignoring case and spaces): number them.
            items: items
                .into_iter()
                .enumerate()
                .map(|(i, item)| format!("{} {item}", i + 1))
                .collect(),
            first,
            last,
        });
    let tolerance = prop_oneof![Just(0.0), (0u32..50).prop_map(f64::from), 0.0..1000.0f64];
    let number = (
        number(),
        tolerance,
        prop_oneof![
            Just(String::new()),
            prop::string::string_regex("[a-zA-Z%$é][a-zA-Z%$é ,\"]{0,15}")
                .unwrap()
                .prop_map(|s| s.trim().to_string()),
        ],
        // The limit, if any, is past the tolerance.
        prop::option::of(prop_oneof![
            (1u32..100).prop_map(f64::from),
            0.001..1000.0f64
        ]),
    )
        .prop_map(|(answer, tolerance, unit, beyond)| Answers::Number {
            answer,
            tolerance,
            unit,
            limit: beyond.map(|b| tolerance + b),
        });
    prop_oneof![
        any::<bool>().prop_map(|correct| Answers::TrueFalse { correct }),
        (text(), prop::collection::vec(text(), 1..6)).prop_map(|(correct, wrong)| {
            // Options must differ (ignoring case and spaces): number them.
            Answers::Choice {
                correct: format!("0 {correct}"),
                wrong: wrong
                    .into_iter()
                    .enumerate()
                    .map(|(i, w)| format!("{} {w}", i + 1))
                    .collect(),
            }
        }),
        order,
        number,
    ]
}

fn question(index: usize) -> impl Strategy<Value = Question> {
    (
        text(),
        answers(),
        text(),
        prop::sample::select(vec!["Films", "Music", "Labels"]),
        prop::sample::select(Difficulty::ALL.to_vec()),
        prop::option::of(5u32..=120),
        prop::collection::vec("[a-z]{1,8}", 0..3),
        prop::option::of(0usize..CHAPTERS.len()),
    )
        .prop_map(
            move |(prompt, answers, explanation, category, difficulty, seconds, tags, chapter)| {
                Question {
                    id: format!("q-{index}"),
                    prompt: format!("{index}: {prompt}"),
                    answers,
                    explanation,
                    category: category.to_string(),
                    difficulty,
                    tags,
                    seconds,
                    safe_after: chapter.map(|c| CHAPTERS[c].to_string()),
                    image: None,
                    uncover: None,
                    audio: None,
                    reveal_image: None,
                }
            },
        )
}

/// The chapters generated packs may name (a pack names them in this order).
const CHAPTERS: [&str; 3] = ["Part 1", "Part 2", "Part 10"];

fn pack() -> impl Strategy<Value = Pack> {
    (1usize..8)
        .prop_flat_map(|n| (0..n).map(question).collect::<Vec<_>>())
        .prop_map(|questions| {
            // Format 2 with the chapters its questions name, in order, or with order and
            // number questions; else format 1.
            let chapters: Vec<String> = CHAPTERS
                .iter()
                .filter(|c| {
                    questions
                        .iter()
                        .any(|q| q.safe_after.as_deref() == Some(**c))
                })
                .map(|c| c.to_string())
                .collect();
            let mut pack = Pack {
                format: 1,
                title: "Generated".to_string(),
                description: "By proptest".to_string(),
                author: "Tests".to_string(),
                defaults: Defaults::default(),
                chapters,
                questions,
            };
            pack.format = pack.needed_format();
            pack
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn check_never_panics_on_any_bytes(bytes in prop::collection::vec(any::<u8>(), 0..400)) {
        let checked = check_bytes(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            points_inside(&checked, text);
        }
    }

    #[test]
    fn check_never_panics_on_edited_packs(edits in edits()) {
        let bytes = mutate(GOOD.as_bytes(), &edits);
        let checked = check_bytes(&bytes);
        if let Ok(text) = std::str::from_utf8(&bytes) {
            points_inside(&checked, text.strip_prefix('\u{feff}').unwrap_or(text));
        }
    }

    #[test]
    fn any_valid_pack_round_trips_through_ron_and_csv(pack in pack()) {
        let text = import::to_ron(&pack, "generated");
        let checked = check_text(&text);
        prop_assert!(checked.errors().next().is_none(), "{:?}\n{text}", checked.diagnostics);
        prop_assert_eq!(checked.pack.as_ref(), Some(&pack));

        let csv = import::csv::export(&pack);
        let back = import::csv::import(&csv).expect("an exported CSV reads back");
        prop_assert!(back.problems.is_empty(), "{:?}", back.problems);
        // The chapters come back from the questions' `chapter` column, in natural order.
        prop_assert_eq!(import::chapters_for(&back.questions, None), pack.chapters.clone());
        prop_assert_eq!(back.questions, pack.questions);
    }

    #[test]
    fn csv_import_never_panics(edits in edits(), garbage in prop::collection::vec(any::<u8>(), 0..300)) {
        for bytes in [mutate(TRICKY_CSV, &edits), garbage] {
            if let Ok(imported) = import::csv::import(&bytes) {
                // Whatever converted is a valid pack.
                if !imported.questions.is_empty() {
                    let mut pack = Pack {
                        format: 1,
                        title: "T".into(),
                        description: String::new(),
                        author: String::new(),
                        defaults: Defaults::default(),
                        chapters: import::chapters_for(&imported.questions, None),
                        questions: imported.questions,
                    };
                    pack.format = pack.needed_format();
                    let checked = check_text(&import::to_ron(&pack, ""));
                    prop_assert!(checked.pack.is_some(), "{:?}", checked.diagnostics);
                }
            }
        }
    }

    #[test]
    fn opentdb_import_never_panics(edits in edits(), garbage in ".{0,200}") {
        let edited = String::from_utf8_lossy(&mutate(OPENTDB.as_bytes(), &edits)).into_owned();
        for text in [edited, garbage] {
            for encoding in [opentdb::Encoding::Auto, opentdb::Encoding::Base64, opentdb::Encoding::Url3986] {
                let _ = opentdb::import(&text, encoding);
            }
        }
    }

    #[test]
    fn opentdb_strings_in_every_encoding_decode_to_the_original(s in "[ -~éü½日🎤]{1,30}") {
        use base64::Engine;
        let s = s.trim().to_string();
        prop_assume!(!s.is_empty());
        let encoded = [
            (opentdb::Encoding::Html, html_escape::encode_quoted_attribute(&s).into_owned()),
            (opentdb::Encoding::Url3986, percent_encoding::utf8_percent_encode(&s, percent_encoding::NON_ALPHANUMERIC).to_string()),
            (opentdb::Encoding::Base64, base64::engine::general_purpose::STANDARD.encode(&s)),
        ];
        for (encoding, e) in encoded {
            let text = format!(
                r#"{{"response_code":0,"results":[{{"type":"boolean","difficulty":"easy","category":"X","question":"{q}","correct_answer":"True","incorrect_answers":["False"]}}]}}"#,
                q = e.replace('\\', "\\\\").replace('"', "\\\"")
            );
            let typed = text.replace(
                "\"boolean\",\"difficulty\":\"easy\",\"category\":\"X\"",
                &match encoding {
                    opentdb::Encoding::Base64 => "\"Ym9vbGVhbg==\",\"difficulty\":\"ZWFzeQ==\",\"category\":\"WA==\"".to_string(),
                    _ => "\"boolean\",\"difficulty\":\"easy\",\"category\":\"X\"".to_string(),
                },
            );
            let typed = match encoding {
                opentdb::Encoding::Base64 => typed.replace("\"True\"", "\"VHJ1ZQ==\"").replace("\"False\"", "\"RmFsc2U=\""),
                _ => typed,
            };
            let (out, _) = opentdb::import(&typed, encoding).expect("a well-formed response");
            prop_assert!(out.problems.is_empty(), "{:?}", out.problems);
            prop_assert_eq!(&out.questions[0].prompt, &s);
        }
    }
}
