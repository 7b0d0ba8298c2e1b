//! The whole flow with the mouse alone and with a gamepad alone, headless.

use crate::common::*;
use bevy::prelude::*;
use defiant_trivia::game::round_setup::SetupRow;
use defiant_trivia::game::screens::pack_picker::PackChoice;
use defiant_trivia::game::screens::pause::{PauseAction, PauseButton};
use defiant_trivia::game::screens::question::AnswerButton;
use defiant_trivia::game::screens::title::TitleAction;
use defiant_trivia::game::session::SOLO;
use defiant_trivia::game::session::Session;
use defiant_trivia::game::states::Screen;

#[test]
fn a_round_with_the_mouse_alone() {
    let data = temp_dir("mouse");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    let play = find_by::<TitleAction>(&mut app, |a| *a == TitleAction::Play).unwrap();
    click(&mut app, play);
    wait_for_screen(&mut app, Screen::PackPicker);
    let pack = find::<PackChoice>(&mut app).unwrap();
    click(&mut app, pack);
    wait_for_screen(&mut app, Screen::Setup);
    choices_first(&mut app, 10);
    let start = find_by::<SetupRow>(&mut app, |r| *r == SetupRow::Start).unwrap();
    click(&mut app, start);
    wait_for_screen(&mut app, Screen::Question);

    // The on-screen pause button pauses; the overlay's Resume resumes.
    let pause = find::<PauseButton>(&mut app).unwrap();
    click(&mut app, pause);
    assert!(app.world().resource::<Session>().game.is_paused());
    let resume = find_by::<PauseAction>(&mut app, |a| *a == PauseAction::Resume).unwrap();
    click(&mut app, resume);
    assert!(!app.world().resource::<Session>().game.is_paused());

    let correct = app.world().resource::<Session>().game.current().correct;
    let answer = find_by::<AnswerButton>(&mut app, |a| a.0 == correct).unwrap();
    click(&mut app, answer);
    wait_for_screen(&mut app, Screen::Reveal);
    let result = app
        .world()
        .resource::<Session>()
        .game
        .last_result(SOLO)
        .cloned()
        .unwrap();
    assert!(result.correct);
}

#[test]
fn a_round_with_a_gamepad_alone() {
    let data = temp_dir("gamepad");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    let pad = connect_gamepad(&mut app);
    assert!(
        app.world().get::<Gamepad>(pad).is_some(),
        "gamepad connected"
    );
    pad_press(&mut app, pad, GamepadButton::South); // Play
    wait_for_screen(&mut app, Screen::PackPicker);
    pad_press(&mut app, pad, GamepadButton::South); // the first pack
    wait_for_screen(&mut app, Screen::Setup);
    choices_first(&mut app, 10);
    for _ in 0..7 {
        pad_press(&mut app, pad, GamepadButton::DPadDown);
    }
    pad_press(&mut app, pad, GamepadButton::South); // Start round
    wait_for_screen(&mut app, Screen::Question);
    // Start pauses and resumes.
    pad_press(&mut app, pad, GamepadButton::Start);
    assert!(app.world().resource::<Session>().game.is_paused());
    pad_press(&mut app, pad, GamepadButton::Start);
    assert!(!app.world().resource::<Session>().game.is_paused());
    // D-pad to the right answer, South locks it in.
    let correct = app.world().resource::<Session>().game.current().correct;
    for _ in 0..correct {
        pad_press(&mut app, pad, GamepadButton::DPadDown);
    }
    pad_press(&mut app, pad, GamepadButton::South);
    wait_for_screen(&mut app, Screen::Reveal);
    let session = app.world().resource::<Session>();
    assert_eq!(
        session.game.last_result(SOLO).unwrap().chosen,
        Some(correct)
    );
    // East goes back: on the reveal it opens the pause menu.
    pad_press(&mut app, pad, GamepadButton::East);
    assert!(app.world().resource::<Session>().game.is_paused());
}
