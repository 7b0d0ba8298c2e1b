//! Live reload: with the game running on the pack list, a pack edited on disk updates the
//! list; a save that breaks it shows the error without dropping the other packs; fixing it
//! brings it back; new and deleted files appear and disappear. A round in progress keeps
//! the questions it started with.

use std::time::{Duration, Instant};

use crate::common::*;
use bevy::prelude::*;
use defiant_trivia::game::packs::PackLibrary;
use defiant_trivia::game::states::Screen;

/// Runs frames (with real time passing for the file watcher) until `done` holds.
fn until(app: &mut App, what: &str, mut done: impl FnMut(&PackLibrary) -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        app.update();
        if done(app.world().resource::<PackLibrary>()) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for: {what}");
}

fn status_of(lib: &PackLibrary, file: &str) -> Option<Result<String, String>> {
    lib.entries
        .iter()
        .find(|e| e.file_name == file)
        .map(|e| e.status.clone().map(|s| s.title))
}

#[test]
fn edits_on_disk_update_the_pack_list_break_and_recover() {
    let quizzes = temp_dir("reload-quizzes");
    let data = temp_dir("reload-data");
    std::fs::copy(
        repo().join("quizzes/the-defiant-ones.ron"),
        quizzes.join("the-defiant-ones.ron"),
    )
    .unwrap();
    let good = std::fs::read_to_string(repo().join("tests/packs/good.ron")).unwrap();
    std::fs::write(quizzes.join("mine.ron"), &good).unwrap();
    let mut app = headless_app(&quizzes, &data, true);
    wait_for_screen(&mut app, Screen::Title);
    until(&mut app, "both packs listed", |lib| {
        status_of(lib, "mine.ron") == Some(Ok("Good".to_string()))
    });

    // Start a round on the documentary pack before editing anything.
    start_round(&mut app, 0);
    let session = app
        .world()
        .resource::<defiant_trivia::game::session::Session>();
    let before = session.game.questions().to_vec();
    // Paused, so the countdown cannot end the question however long the watcher takes.
    press(&mut app, KeyCode::Escape);

    // Rename the pack: the list follows.
    std::fs::write(
        quizzes.join("mine.ron"),
        good.replace("title: \"Good\"", "title: \"Renamed\""),
    )
    .unwrap();
    until(&mut app, "the new title", |lib| {
        status_of(lib, "mine.ron") == Some(Ok("Renamed".to_string()))
    });

    // Break it: the error shows, the other pack still plays.
    std::fs::write(
        quizzes.join("mine.ron"),
        good.replace("id: \"b\"", "id: \"a\""),
    )
    .unwrap();
    until(
        &mut app,
        "the error",
        |lib| matches!(status_of(lib, "mine.ron"), Some(Err(e)) if e.contains("duplicate id `a`")),
    );
    assert!(
        app.world()
            .resource::<PackLibrary>()
            .default_pack()
            .is_some()
    );

    // Fix it: it comes back.
    std::fs::write(quizzes.join("mine.ron"), &good).unwrap();
    until(&mut app, "the fixed pack", |lib| {
        status_of(lib, "mine.ron") == Some(Ok("Good".to_string()))
    });

    // A new file appears, a deleted one goes.
    std::fs::write(
        quizzes.join("extra.ron"),
        good.replace("title: \"Good\"", "title: \"Extra\""),
    )
    .unwrap();
    until(&mut app, "the new file", |lib| {
        status_of(lib, "extra.ron") == Some(Ok("Extra".to_string()))
    });
    std::fs::remove_file(quizzes.join("mine.ron")).unwrap();
    until(&mut app, "the deleted file gone", |lib| {
        status_of(lib, "mine.ron").is_none()
    });

    // The round in progress was not disturbed.
    let session = app
        .world()
        .resource::<defiant_trivia::game::session::Session>();
    assert_eq!(session.game.questions(), &before[..]);
    assert_eq!(
        *app.world().resource::<State<Screen>>().get(),
        Screen::Question
    );
}
