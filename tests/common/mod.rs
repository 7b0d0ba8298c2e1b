//! Helpers for headless game tests: the real game plugins on `MinimalPlugins`, manual time.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::asset::AssetMetaCheck;
use bevy::input::InputPlugin;
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;

/// One frame of game time in headless tests.
pub const FRAME: Duration = Duration::from_millis(100);

pub fn repo() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The game without a window, reading packs from `quizzes`.
pub fn headless_app(quizzes: &Path, watch: bool) -> App {
    let mut app = App::new();
    defiant_trivia::game::packs::register_sources(&mut app, quizzes, None);
    app.add_plugins((
        MinimalPlugins,
        StatesPlugin,
        InputPlugin,
        AssetPlugin {
            file_path: repo().join("assets").to_string_lossy().into_owned(),
            watch_for_changes_override: Some(watch),
            meta_check: AssetMetaCheck::Never,
            ..default()
        },
    ))
    .add_plugins(defiant_trivia::game::plugin)
    .insert_resource(TimeUpdateStrategy::ManualDuration(FRAME));
    app
}

/// Runs frames until `done` holds, giving background asset loading real time between
/// frames. Panics with `what` if it never does.
pub fn update_until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    for _ in 0..600 {
        app.update();
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for: {what}");
}

/// A fresh empty folder under the system temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "defiant-trivia-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}
