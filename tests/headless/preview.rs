//! `play PATH [--question ID]`: the game opens on the previewed pack or question, and a
//! previewed question is shown again from the file as saved, even after a save broke it.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common::*;
use bevy::prelude::*;
use defiant_trivia::game::preview::{Preview, PreviewRequest, add_preview};
use defiant_trivia::game::session::{ChosenPack, Session};
use defiant_trivia::game::states::Screen;

fn preview_app(name: &str, file: &Path, question: Option<&str>, watch: bool) -> App {
    let data = temp_dir(&format!("{name}-data"));
    let request = PreviewRequest {
        file: file.to_path_buf(),
        question: question.map(str::to_string),
    };
    headless_app_with(&repo().join("quizzes"), &data, watch, |app| {
        add_preview(app, &request)
    })
}

/// A draft pack outside the game's folders, as an author would keep one.
fn draft(name: &str) -> (std::path::PathBuf, String) {
    let dir = temp_dir(name);
    let text = std::fs::read_to_string(repo().join("tests/packs/good.ron")).unwrap();
    let file = dir.join("draft.ron");
    std::fs::write(&file, &text).unwrap();
    (std::fs::canonicalize(file).unwrap(), text)
}

/// Runs frames with real time passing (for the file watcher) until `done` holds.
fn until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(20) {
        app.update();
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("timed out waiting for: {what}");
}

#[test]
fn a_previewed_pack_opens_on_its_round_setup() {
    let (file, _) = draft("preview-pack");
    let mut app = preview_app("preview-pack", &file, None, false);
    wait_for_screen(&mut app, Screen::Setup);
    let chosen = app.world().resource::<ChosenPack>();
    assert_eq!(chosen.pack.title, "Good");
    assert_eq!(chosen.file_name, "draft.ron");
    // Only the previewed file of its folder joins the library, beside the shipped packs.
    let library = app
        .world()
        .resource::<defiant_trivia::game::packs::PackLibrary>();
    let drafts: Vec<_> = library
        .entries
        .iter()
        .filter(|e| e.file_name == "draft.ron")
        .collect();
    assert_eq!(drafts.len(), 1);
    assert!(library.default_pack().is_some());
}

#[test]
fn a_pack_inside_the_quizzes_folder_is_previewed_without_a_second_copy() {
    let file = std::fs::canonicalize(repo().join("quizzes/the-defiant-ones.ron")).unwrap();
    let mut app = preview_app(
        "preview-shipped",
        &file,
        Some("series-second-subject"),
        false,
    );
    let library_has_one = |app: &App| {
        app.world()
            .resource::<defiant_trivia::game::packs::PackLibrary>()
            .entries
            .iter()
            .filter(|e| e.file_name == "the-defiant-ones.ron")
            .count()
            == 1
    };
    wait_for_screen(&mut app, Screen::Question);
    assert!(library_has_one(&app));
    let session = app.world().resource::<Session>();
    assert_eq!(session.game.questions().len(), 1);
    assert_eq!(session.game.current().id, "series-second-subject");
}

#[test]
fn a_previewed_question_shows_again_as_saved_and_survives_a_broken_save() {
    let (file, text) = draft("preview-question");
    let mut app = preview_app("preview-question", &file, Some("b"), true);
    wait_for_screen(&mut app, Screen::Question);
    let session = app.world().resource::<Session>();
    assert_eq!(session.preview.as_deref(), Some("b"));
    assert_eq!(session.game.questions().len(), 1);
    assert_eq!(session.game.current().prompt, "Two?");

    // Answer it: the reveal waits for the author instead of moving on by itself.
    press(&mut app, KeyCode::Digit1);
    wait_for_screen(&mut app, Screen::Reveal);
    frames(&mut app, 200); // 20 s of game time, past the usual 12 s reveal
    assert_eq!(screen(&app), Screen::Reveal);

    // Edit the question on disk: Enter shows the new wording.
    std::fs::write(&file, text.replace("Two?", "Two, edited?")).unwrap();
    until(&mut app, "the edit to reach the game", |app| {
        app.world()
            .resource::<ChosenPack>()
            .pack
            .questions
            .iter()
            .any(|q| q.prompt == "Two, edited?")
    });
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(
        app.world().resource::<Session>().game.current().prompt,
        "Two, edited?"
    );

    // Break the file: the reveal names the error, and Enter shows the last good version.
    press(&mut app, KeyCode::Digit2);
    wait_for_screen(&mut app, Screen::Reveal);
    std::fs::write(&file, text.replace("id: \"b\"", "id: \"a\"")).unwrap();
    until(&mut app, "the error to reach the game", |app| {
        app.world()
            .resource::<Preview>()
            .error
            .as_ref()
            .is_some_and(|e| e.contains("draft.ron:9:") && e.contains("duplicate id `a`"))
    });
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(
        app.world().resource::<Session>().game.current().prompt,
        "Two, edited?"
    );

    // Fixing it clears the error.
    std::fs::write(&file, &text).unwrap();
    until(&mut app, "the fix to reach the game", |app| {
        app.world().resource::<Preview>().error.is_none()
            && app
                .world()
                .resource::<ChosenPack>()
                .pack
                .questions
                .iter()
                .any(|q| q.prompt == "Two?")
    });
}
