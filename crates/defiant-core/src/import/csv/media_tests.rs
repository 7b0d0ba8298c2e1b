//! Picture and sound columns: read, checked by the pack rules at their row, written back
//! by `export`, and round-tripped through a sheet and through RON.

use super::*;
use crate::check_text;
use crate::import::to_ron;
use crate::pack::{Answers, Clip, Difficulty, Pack, Question, Uncover};

fn question(id: &str) -> Question {
    Question {
        id: id.to_string(),
        prompt: format!("What about {id}?"),
        answers: Answers::Choice {
            correct: "Yes".into(),
            wrong: vec!["No".into()],
        },
        explanation: "Because.".to_string(),
        category: "Media".to_string(),
        difficulty: Difficulty::Easy,
        tags: Vec::new(),
        seconds: None,
        safe_after: None,
        image: None,
        uncover: None,
        audio: None,
        reveal_image: None,
    }
}

fn media_pack() -> Pack {
    let clip = |file: &str, start: f64, end: Option<f64>, countdown_after: bool| Clip {
        file: file.to_string(),
        start,
        end,
        countdown_after,
    };
    let mut questions = vec![
        question("picture"),
        question("tiles"),
        question("zoom"),
        question("sound"),
        question("stretch"),
        question("from-two"),
        question("first-twelve"),
        question("both"),
        question("plain"),
    ];
    questions[0].image = Some("pictures/map.png".into());
    questions[0].reveal_image = Some("pictures/map, answered.png".into());
    questions[1].image = Some("pictures/poster.jpg".into());
    questions[1].uncover = Some(Uncover::Tiles);
    questions[2].image = Some("pictures/poster.webp".into());
    questions[2].uncover = Some(Uncover::Zoom {
        x: 1.0 / 3.0,
        y: 0.125,
    });
    questions[3].audio = Some(clip("sounds/bell.wav", 0.0, None, true));
    questions[4].audio = Some(clip("sounds/track.ogg", 2.0, Some(12.5), false));
    questions[5].audio = Some(clip("sounds/track.ogg", 2.0, None, false));
    questions[6].audio = Some(clip("sounds/track.ogg", 0.0, Some(12.0), true));
    questions[7].image = Some("pictures/cover.png".into());
    questions[7].audio = Some(clip("sounds/riff.flac", 0.1, Some(0.3), false));
    Pack {
        format: 3,
        title: "Media".to_string(),
        description: String::new(),
        author: String::new(),
        defaults: Default::default(),
        chapters: Vec::new(),
        questions,
    }
}

#[test]
fn media_columns_round_trip_through_a_sheet_and_through_ron() {
    let pack = media_pack();
    let csv = export(&pack);
    let text = String::from_utf8(csv.clone()).unwrap();
    let header: Vec<&str> = COLUMNS.iter().chain(&MEDIA_COLUMNS).copied().collect();
    assert!(
        text.starts_with(&format!("{}\n", header.join(","))),
        "{text}"
    );
    assert!(
        text.contains(",pictures/poster.webp,zoom 0.3333333333333333 0.125,,,\n"),
        "{text}"
    );
    assert!(text.contains(",,,sounds/bell.wav,yes,\n"), "{text}");
    assert!(
        text.contains(",,,\"sounds/track.ogg#t=2,12.5\",,\n"),
        "{text}"
    );
    assert!(text.contains(",,,sounds/track.ogg#t=2,,\n"), "{text}");
    assert!(
        text.contains(",,,\"sounds/track.ogg#t=,12\",yes,\n"),
        "{text}"
    );
    assert!(text.contains(",\"pictures/map, answered.png\"\n"), "{text}");
    let out = import(&csv).unwrap();
    assert!(out.problems.is_empty(), "{:?}\n{text}", out.problems);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    assert_eq!(out.questions, pack.questions);
    assert_eq!(out.origins.len(), out.questions.len());
    assert_eq!(out.origins[1].1, "line 3");
    // And the pack written as RON reads back the same.
    let ron = to_ron(&pack, "media");
    let checked = check_text(&ron);
    assert!(
        checked.diagnostics.is_empty(),
        "{:?}\n{ron}",
        checked.diagnostics
    );
    assert_eq!(checked.pack, Some(pack));
}

#[test]
fn a_pack_without_media_exports_without_the_media_columns() {
    let mut pack = media_pack();
    pack.questions.truncate(0);
    pack.questions.push(question("plain"));
    let text = String::from_utf8(export(&pack)).unwrap();
    assert!(
        text.starts_with(&format!("{}\n", COLUMNS.join(","))),
        "{text}"
    );
}

#[test]
fn header_names_for_the_media_columns() {
    let csv = "Prompt,Correct,Wrong,Picture,Uncover,Sound,Countdown After,Reveal Image\n\
               Q?,A,B,pictures/a.png,Tiles,sounds/b.mp3#t=1:05,Yes,pictures/c.png\n";
    let out = import(csv.as_bytes()).unwrap();
    assert!(out.problems.is_empty(), "{:?}", out.problems);
    assert!(out.notes.is_empty(), "{:?}", out.notes);
    let q = &out.questions[0];
    assert_eq!(q.image.as_deref(), Some("pictures/a.png"));
    assert_eq!(q.uncover, Some(Uncover::Tiles));
    let clip = q.audio.as_ref().unwrap();
    assert_eq!(
        (clip.file.as_str(), clip.start, clip.end),
        ("sounds/b.mp3", 65.0, None)
    );
    assert!(clip.countdown_after);
    assert_eq!(q.reveal_image.as_deref(), Some("pictures/c.png"));
}

#[test]
fn bad_media_cells_are_problems_at_their_row() {
    let csv = "prompt,correct,wrong1,image,uncover,audio,countdown_after,reveal_image\n\
               Q1?,A,B,,tiles,,,\n\
               Q2?,A,B,pictures/a.png,zoom 2 0.5,,,\n\
               Q3?,A,B,,,,yes,\n\
               Q4?,A,B,../a.png,,,,\n\
               Q5?,A,B,/home/me/a.png,,,,\n\
               Q6?,A,B,,,\"sounds/a.ogg#t=12,2\",,\n\
               Q7?,A,B,,,sounds/a.ogg#t=soon,,\n\
               Q8?,A,B,,,sounds/a.png,,\n\
               Q9?,A,B,pictures/a.png,blur,,,\n\
               Q10?,A,B,,,sounds/a.ogg,maybe,\n\
               Q11?,A,B,pictures/a.png,,\"sounds/a.ogg#t=,70\",,pictures/b.gif\n";
    let out = import(csv.as_bytes()).unwrap();
    let got: Vec<String> = out
        .problems
        .iter()
        .map(|d| format!("{}: {}", d.location, d.message))
        .collect();
    let expected = [
        "2:1: line 2: `uncover` needs a picture to uncover",
        "3:1: line 3: the zoom's `x` is 2; it must be between 0 and 1",
        "4:1: line 4: `countdown_after` is only for a row with a sound: fill `audio`, or empty the cell",
        "5:1: line 5: `../a.png` leaves the pack (`..`)",
        "6:1: line 6: `/home/me/a.png` is an absolute path, outside the pack",
        "7:1: line 7: the clip ends at 2 s, not after its start (12 s)",
    ];
    for (i, want) in expected.iter().enumerate() {
        assert_eq!(got.get(i).map(String::as_str), Some(*want), "{got:#?}");
    }
    assert!(
        got[6].starts_with("8:1: line 8: audio `sounds/a.ogg#t=soon`: `soon` is not a time"),
        "{got:#?}"
    );
    assert_eq!(
        got[7],
        "9:1: line 9: `sounds/a.png` is a PNG file, not a sound"
    );
    assert!(
        got[8].starts_with("10:1: line 10: uncover `blur` is not tiles or zoom"),
        "{got:#?}"
    );
    assert_eq!(
        got[9],
        "11:1: line 11: countdown_after `maybe` is not yes or no (empty is no)"
    );
    assert_eq!(
        got[10],
        "12:1: line 12: `pictures/b.gif` is not a picture the game plays"
    );
    assert_eq!(
        got[11],
        "12:1: line 12: the clip plays 70.0 seconds; the limit is 60"
    );
    assert_eq!(got.len(), 12, "{got:#?}");
    assert!(out.questions.is_empty());
}
