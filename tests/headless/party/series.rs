//! A series over two evenings: the first stops at a round's end ("Stop for tonight"),
//! the game is closed (a crash: nothing saved on the way out), a second run offers
//! Continue the series on the title, plans the next evening (a preset, the chapters
//! watched) and plays it to the podium with the standings carried over; no question is
//! asked twice.

use std::collections::BTreeSet;

use defiant_trivia::game::night::SeriesOffers;
use defiant_trivia::game::screens::intermission::{EveningChoices, EveningRow};
use defiant_trivia::game::screens::lobby::EditorAction;
use defiant_trivia::game::screens::scoreboard::StopButton;
use defiant_trivia::game::screens::title::TitleAction;

use super::*;

fn wait_phase(app: &mut App, wanted: Phase) {
    update_until(app, &format!("{wanted:?}"), |app| {
        app.world().resource::<Session>().game.phase() == wanted
    });
}

/// Both seats answer the open question right in one frame (a number: both guess 1).
fn answer(app: &mut App) {
    let game = &session(app).game;
    match game.current().asked.clone() {
        Asked::Choice => {
            let right = game.current().correct;
            press_together(app, &[key(0, right), key(1, (right + 1) % 2)]);
        }
        Asked::Order { right, .. } => {
            for item in right {
                press_together(app, &[key(0, item), key(1, item)]);
            }
        }
        Asked::Number { .. } => {
            press_together(app, &[key(0, 0), key(1, 0)]);
            press_together(app, &[KEY_GROUPS[0].buzz, KEY_GROUPS[1].buzz]);
        }
    }
    wait_phase(app, Phase::Reveal);
}

fn enter(app: &mut App) {
    press(app, KeyCode::Enter);
    frames(app, 2);
}

/// Plays questions until the round's scoreboard.
fn play_round(app: &mut App) {
    while session(app).game.phase() != Phase::RoundEnd {
        answer(app);
        enter(app);
        if session(app).game.phase() == Phase::Scoreboard {
            enter(app);
        }
    }
}

#[test]
fn a_series_stops_for_tonight_and_goes_on_another_evening() {
    let data = temp_dir("series");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    type_text(&mut app, "z");
    type_text(&mut app, "v");
    let seats: Vec<SeatId> = (0..2).map(|g| seat_of(&app, Device::Keys(g))).collect();
    // One round of five, watched up to Part 1, and the night is a series.
    for _ in 0..3 {
        click_row(&mut app, LobbyRow::Round(SetupRow::Questions));
    }
    for _ in 0..2 {
        click_row(&mut app, LobbyRow::Round(SetupRow::Watched)); // whole → nothing → Part 1
    }
    click_row(&mut app, LobbyRow::Night);
    frames(&mut app, 2);
    let series = find_by::<EditorAction>(&mut app, |a| *a == EditorAction::Series).unwrap();
    click(&mut app, series);
    frames(&mut app, 2);
    let done = find_by::<EditorAction>(&mut app, |a| *a == EditorAction::Done).unwrap();
    click(&mut app, done);
    assert!(lobby(&app).plan.series);
    click_row(&mut app, LobbyRow::Start);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).settings.watched, Some(1));
    play_round(&mut app);
    // A series shows the round's scoreboard after its last round too: stop for tonight.
    wait_for_screen(&mut app, Screen::Scoreboard);
    let stop = find::<StopButton>(&mut app).expect("Stop for tonight");
    // The first press only asks for a second: the evening goes on until then.
    click(&mut app, stop);
    frames(&mut app, 2);
    assert_eq!(session(&app).game.phase(), Phase::RoundEnd);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("Press Stop for tonight again"))
    );
    click(&mut app, stop);
    wait_for_screen(&mut app, Screen::Intermission);
    frames(&mut app, 3);
    let first_evening: Vec<String> = session(&app)
        .game
        .questions()
        .iter()
        .map(|q| q.id.clone())
        .collect();
    let totals: Vec<i64> = seats.iter().map(|s| score(&app, *s)).collect();
    assert!(totals[0] > totals[1]);
    assert!(texts(&mut app).iter().any(|t| t == "Evening 1 is over"));
    // The journal is kept apart from the unfinished nights.
    let kept: Vec<_> = std::fs::read_dir(data.join("nights").join("series"))
        .unwrap()
        .flatten()
        .collect();
    assert_eq!(kept.len(), 1);
    drop(app); // the game closes without a word: the evening is in the journal

    // Another evening: the title offers the series, with its standings.
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    update_until(&mut app, "the series on offer", |app| {
        !app.world().resource::<SeriesOffers>().0.is_empty()
    });
    let summary = app.world().resource::<SeriesOffers>().0[0].summary.clone();
    assert!(
        summary.contains("1 evening played")
            && summary.contains(&format!(
                "Player 1 leads with {} (Player 2 {})",
                totals[0], totals[1]
            )),
        "{summary}"
    );
    update_until(&mut app, "Continue the series", |app| {
        find_by::<TitleAction>(app, |a| *a == TitleAction::ContinueSeries).is_some()
    });
    let continue_button =
        find_by::<TitleAction>(&mut app, |a| *a == TitleAction::ContinueSeries).unwrap();
    click(&mut app, continue_button);
    wait_for_screen(&mut app, Screen::Intermission);
    frames(&mut app, 2);
    assert_eq!(
        seats.iter().map(|s| score(&app, *s)).collect::<Vec<_>>(),
        totals
    );
    // The next evening: a quick round, watched up to Part 2 (one more part by default).
    let choices = app.world().resource::<EveningChoices>().clone();
    assert_eq!(
        choices.watched, 3,
        "Part 2, after Part 1 on the first evening"
    );
    let preset = find_by::<EveningRow>(&mut app, |r| *r == EveningRow::Preset).unwrap();
    for _ in 0..2 {
        click(&mut app, preset); // Classic → Showdown → Quick
    }
    assert_eq!(app.world().resource::<EveningChoices>().preset, 0);
    let start = find_by::<EveningRow>(&mut app, |r| *r == EveningRow::Start).unwrap();
    click(&mut app, start);
    wait_phase(&mut app, Phase::Question);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).game.evening(), 2);
    let second: Vec<String> = session(&app).game.questions()[first_evening.len()..]
        .iter()
        .map(|q| q.id.clone())
        .collect();
    assert_eq!(second.len(), 10);
    let first: BTreeSet<&String> = first_evening.iter().collect();
    assert!(
        second.iter().all(|id| !first.contains(id)),
        "a question asked twice"
    );
    play_round(&mut app);
    assert!(score(&app, seats[0]) > totals[0], "the totals carry over");
    // The podium ends the series: it was the last evening.
    enter(&mut app);
    wait_for_screen(&mut app, Screen::Podium);
    frames(&mut app, 3);
    assert!(
        texts(&mut app)
            .iter()
            .any(|t| t.starts_with("Evening 2 · Round 1")),
        "{:?}",
        texts(&mut app)
    );
    // Its journal is gone with the series over.
    update_until(&mut app, "the series journal removed", |_| {
        std::fs::read_dir(data.join("nights").join("series"))
            .map(|d| d.flatten().count() == 0)
            .unwrap_or(true)
    });
}
