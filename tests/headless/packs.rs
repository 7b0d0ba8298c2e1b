//! Packs loaded through the game's asset loader, headless: the documentary pack, and a
//! folder with a broken pack that must not stop the good ones.

use crate::common::{headless_app, repo, temp_dir, update_until};
use bevy::prelude::*;
use defiant_trivia::game::packs::{PackAsset, PackLibrary};
use defiant_trivia::game::states::Screen;

fn library(app: &App) -> &PackLibrary {
    app.world().resource::<PackLibrary>()
}

#[test]
fn documentary_pack_loads_through_the_asset_loader_and_title_shows() {
    let data = temp_dir("packs-data");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    update_until(&mut app, "the title screen", |app| {
        *app.world().resource::<State<Screen>>().get() == Screen::Title
    });
    let lib = library(&app);
    let entry = lib.default_pack().expect("default pack is playable");
    assert_eq!(entry.display_path, "quizzes/the-defiant-ones.ron");
    let summary = entry.status.as_ref().unwrap();
    assert_eq!(summary.title, "The Defiant Ones");
    assert!(summary.question_count >= 40);
    assert_eq!(summary.categories.len(), 6);
    let asset = app
        .world()
        .resource::<Assets<PackAsset>>()
        .get(&entry.handle)
        .unwrap();
    assert_eq!(
        asset.pack().unwrap().questions.len(),
        summary.question_count
    );
}

#[test]
fn a_broken_pack_is_listed_with_its_error_and_the_others_still_play() {
    let dir = temp_dir("broken-folder");
    std::fs::copy(
        repo().join("quizzes/the-defiant-ones.ron"),
        dir.join("the-defiant-ones.ron"),
    )
    .unwrap();
    std::fs::copy(
        repo().join("tests/packs/broken.ron"),
        dir.join("broken.ron"),
    )
    .unwrap();
    std::fs::write(dir.join("notes.txt"), "not a pack").unwrap();
    std::fs::write(dir.join("binary.ron"), [0xFFu8, 0xFE, 0x00, 0x9F]).unwrap();

    let data = temp_dir("broken-data");
    let mut app = headless_app(&dir, &data, false);
    update_until(&mut app, "the title screen", |app| {
        *app.world().resource::<State<Screen>>().get() == Screen::Title
    });
    let lib = library(&app);
    let summary: Vec<(String, Result<usize, String>)> = lib
        .entries
        .iter()
        .map(|e| {
            (
                e.file_name.clone(),
                e.status.clone().map(|s| s.question_count),
            )
        })
        .collect();
    assert_eq!(summary.len(), 3, "{summary:?}");
    assert_eq!(summary[0].0, "the-defiant-ones.ron");
    assert!(summary[0].1.is_ok());
    let broken = lib
        .entries
        .iter()
        .find(|e| e.file_name == "broken.ron")
        .unwrap();
    assert_eq!(
        broken.status.as_ref().unwrap_err(),
        "quizzes/broken.ron:8:17: duplicate id `same`: already used at line 3"
    );
    let binary = lib
        .entries
        .iter()
        .find(|e| e.file_name == "binary.ron")
        .unwrap();
    assert!(
        binary
            .status
            .as_ref()
            .unwrap_err()
            .starts_with("quizzes/binary.ron:1:1: the file is not valid UTF-8"),
        "{:?}",
        binary.status
    );
    assert_eq!(lib.playable().count(), 1);
    std::fs::remove_dir_all(&dir).unwrap();
}
