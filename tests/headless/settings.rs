//! Settings through the real screens, headless: changed from the keyboard, saved at once,
//! read back by the next start; F11 toggles fullscreen anywhere; a corrupt settings file is
//! set aside.

use crate::common::*;
use bevy::prelude::*;
use defiant_trivia::core::settings::Settings;
use defiant_trivia::core::store;
use defiant_trivia::game::persist::{Notices, SavedSettings};
use defiant_trivia::game::states::Screen;

fn settings(app: &App) -> Settings {
    app.world().resource::<SavedSettings>().0.clone()
}

#[test]
fn settings_change_save_and_come_back() {
    let data = temp_dir("settings");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    // Title: Play, Party, High scores, Settings.
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Settings);
    // Rows: Fullscreen, Volume, Mute, Seconds, Reduced motion, Back.
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowLeft); // volume 80 -> 70
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter); // mute on
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::ArrowRight); // pack default -> 10 s
    press(&mut app, KeyCode::ArrowDown);
    press(&mut app, KeyCode::Enter); // reduced motion on
    let now = settings(&app);
    assert_eq!(now.volume, 70);
    assert!(now.muted);
    assert_eq!(now.effective_volume(), 0.0);
    assert_eq!(now.seconds_per_question, Some(10));
    assert!(now.reduced_motion);
    // Saved on every change, atomically, and read back by the next start.
    assert_eq!(
        store::load::<Settings>(&data.join("settings.ron")).value,
        now
    );
    press(&mut app, KeyCode::Escape);
    wait_for_screen(&mut app, Screen::Title);
    let mut again = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut again, Screen::Title);
    assert_eq!(settings(&again), now);
    // The default time is used by the next round's setup.
    start_round(&mut again, 0);
    let session = again
        .world()
        .resource::<defiant_trivia::game::session::Session>();
    assert!(
        session
            .game
            .questions()
            .iter()
            .all(|q| q.time_limit.as_secs() == 10)
    );
}

#[test]
fn f11_toggles_fullscreen_from_any_screen() {
    let data = temp_dir("f11");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    press(&mut app, KeyCode::F11);
    assert!(settings(&app).fullscreen);
    assert!(
        store::load::<Settings>(&data.join("settings.ron"))
            .value
            .fullscreen
    );
    press(&mut app, KeyCode::F11);
    assert!(!settings(&app).fullscreen);
}

#[test]
fn a_corrupt_settings_file_is_set_aside() {
    let data = temp_dir("corrupt-settings");
    std::fs::write(data.join("settings.ron"), "(volume: \"loud\")").unwrap();
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    assert_eq!(settings(&app), Settings::default());
    let notices = app.world().resource::<Notices>().0.clone();
    assert!(notices[0].contains("settings.ron.corrupt-1"), "{notices:?}");
    assert!(data.join("settings.ron.corrupt-1").exists());
}
