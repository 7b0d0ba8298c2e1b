//! Damaged history and journals are set aside and reported; pads after a resume.

use super::*;

#[test]
fn a_corrupt_party_history_is_kept_aside_and_reported() {
    let data = temp_dir("party-corrupt");
    std::fs::write(data.join("party-history.ron"), "(parties: [ (oops").unwrap();
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    let notices = app
        .world()
        .resource::<defiant_trivia::game::persist::Notices>()
        .0
        .clone();
    assert!(
        notices.iter().any(|n| n.contains("party-history.ron")),
        "{notices:?}"
    );
    assert!(data.join("party-history.ron.corrupt-1").is_file());
    assert!(
        app.world()
            .resource::<SavedPartyHistory>()
            .0
            .parties
            .is_empty()
    );
}

/// A journal whose header frame is whole but is no header.
fn damaged_journal() -> Vec<u8> {
    use defiant_trivia::core::night;
    let mut damaged = night::MAGIC.to_vec();
    damaged.extend_from_slice(&night::FORMAT.to_le_bytes());
    damaged.extend(night::frame(b"{\"not\": \"a header\"}"));
    damaged
}

/// A damaged series journal is set aside and reported, and Continue the series is not
/// offered for it.
#[test]
fn a_damaged_series_is_set_aside_and_reported() {
    use defiant_trivia::core::night;
    use defiant_trivia::game::screens::title::TitleAction;
    let data = temp_dir("series-damaged");
    let folder = night::series_folder(&data);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("night-1-0.night"), damaged_journal()).unwrap();
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    frames(&mut app, 3);
    let notices = app
        .world()
        .resource::<defiant_trivia::game::persist::Notices>()
        .0
        .clone();
    assert!(
        notices
            .iter()
            .any(|n| n.contains("A saved series cannot be continued")),
        "{notices:?}"
    );
    assert!(folder.join("night-1-0.night.corrupt-1").is_file());
    assert!(find_by::<TitleAction>(&mut app, |a| *a == TitleAction::ContinueSeries).is_none());
}

/// A damaged night journal, or one from a newer version of the game, is never misread:
/// it is set aside like a corrupt save, the title says so, and nothing is offered.
#[test]
fn a_damaged_or_newer_night_journal_is_set_aside_and_reported() {
    use defiant_trivia::core::night;
    let data = temp_dir("night-damaged");
    let folder = night::folder(&data);
    std::fs::create_dir_all(&folder).unwrap();
    std::fs::write(folder.join("night-1-0.night"), damaged_journal()).unwrap();
    let mut newer = night::MAGIC.to_vec();
    newer.extend_from_slice(&(night::FORMAT + 1).to_le_bytes());
    std::fs::write(folder.join("night-2-0.night"), &newer).unwrap();
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    frames(&mut app, 3);
    let notices = app
        .world()
        .resource::<defiant_trivia::game::persist::Notices>()
        .0
        .clone();
    let about_nights = notices
        .iter()
        .filter(|n| n.contains("cannot be resumed"))
        .count();
    assert_eq!(about_nights, 2, "{notices:?}");
    assert!(
        notices.iter().any(|n| n.contains("newer version")),
        "{notices:?}"
    );
    assert!(folder.join("night-1-0.night.corrupt-1").is_file());
    assert!(folder.join("night-2-0.night.corrupt-1").is_file());
    assert!(night::journals(&folder).is_empty());
    assert!(
        find_by::<defiant_trivia::game::screens::title::TitleAction>(&mut app, |a| {
            *a == defiant_trivia::game::screens::title::TitleAction::Resume
        })
        .is_none()
    );
}

/// Pads are new to a new run: after a resume, a gamepad seat is played by the first pad
/// that presses (in the order the pads joined), and the key groups keep their keys.
#[test]
fn after_a_resume_pads_take_their_seats_again_and_keys_keep_theirs() {
    use defiant_trivia::game::screens::title::TitleAction;
    let data = temp_dir("night-pads");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    choices_first(&mut app, 3);
    press_together(&mut app, &[KEY_GROUPS[0].buzz]);
    let pad = connect_gamepad(&mut app);
    pad_press(&mut app, pad, GamepadButton::South);
    assert_eq!(lobby(&app).seats.len(), 2);
    let key_seat = seat_of(&app, Device::Keys(0));
    let pad_seat = seat_of(&app, Device::Gamepad(0));
    let start = find_by::<LobbyRow>(&mut app, |r| *r == LobbyRow::Start).unwrap();
    click(&mut app, start);
    wait_for_screen(&mut app, Screen::Question);
    frames(&mut app, 2);
    let question = session(&app).game.current_index();
    drop(app); // the crash

    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    update_until(&mut app, "the resume button", |app| {
        find_by::<TitleAction>(app, |a| *a == TitleAction::Resume).is_some()
    });
    let resume = find_by::<TitleAction>(&mut app, |a| *a == TitleAction::Resume).unwrap();
    click(&mut app, resume);
    wait_for_screen(&mut app, Screen::Question);
    frames(&mut app, 2);
    assert!(session(&app).game.is_paused());
    press(&mut app, KeyCode::Escape);
    frames(&mut app, 1);
    assert!(!session(&app).game.is_paused());
    assert_eq!(session(&app).game.current_index(), question);
    // A pad connected in this run answers for the gamepad seat; the keys for theirs.
    let pad = connect_gamepad(&mut app);
    pad_press(&mut app, pad, PAD_ANSWERS[0]);
    frames(&mut app, 1);
    assert!(session(&app).game.has_answered(pad_seat));
    assert!(!session(&app).game.has_answered(key_seat));
    press_together(&mut app, &[KEY_GROUPS[0].answers[0]]);
    frames(&mut app, 1);
    let game = &session(&app).game;
    assert!(game.phase() == Phase::Reveal || game.has_answered(key_seat));
}
