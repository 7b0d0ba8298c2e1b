//! Order and number questions, headless: solo by keys, by the mouse and by a gamepad
//! (through the menu focus), and a party's key group and pad (items by their answer
//! buttons, numbers on the digit dial).

use crate::common::*;
use bevy::prelude::*;
use defiant_trivia::core::game::{Given, Phase};
use defiant_trivia::core::round::Asked;
use defiant_trivia::core::seat::Device;
use defiant_trivia::game::drafts::Step;
use defiant_trivia::game::input::bindings::KEY_GROUPS;
use defiant_trivia::game::round_setup::SetupRow;
use defiant_trivia::game::screens::lobby::LobbyRow;
use defiant_trivia::game::screens::question::{
    AnswerButton, KeypadButton, NumberDisplay, OrderLine,
};
use defiant_trivia::game::session::{SOLO, Session};
use defiant_trivia::game::states::Screen;

fn session(app: &App) -> &Session {
    app.world().resource::<Session>()
}

fn asked(app: &App) -> Asked {
    session(app).game.current().asked.clone()
}

fn text_of<C: Component>(app: &mut App) -> String {
    let mut q = app.world_mut().query_filtered::<&Text, With<C>>();
    q.iter(app.world())
        .next()
        .map(|t| t.0.clone())
        .unwrap_or_default()
}

/// Every text on screen.
fn texts(app: &mut App) -> Vec<String> {
    let mut q = app.world_mut().query::<&Text>();
    q.iter(app.world()).map(|t| t.0.clone()).collect()
}

/// Whether some text on screen contains `part`.
fn shows(app: &mut App, part: &str) -> bool {
    texts(app).iter().any(|t| t.contains(part))
}

/// A solo round of the test pack's order and number question, at its first question.
fn solo(name: &str) -> App {
    let data = temp_dir(name);
    let mut app = headless_app(&repo().join("tests/packs/kinds"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    press(&mut app, KeyCode::Enter); // Play
    wait_for_screen(&mut app, Screen::PackPicker);
    press(&mut app, KeyCode::Enter);
    wait_for_screen(&mut app, Screen::Setup);
    let start = find_by::<SetupRow>(&mut app, |r| *r == SetupRow::Start).unwrap();
    click(&mut app, start);
    wait_for_screen(&mut app, Screen::Question);
    assert_eq!(session(&app).game.questions().len(), 2);
    app
}

/// The solo result of the question just revealed.
fn revealed(app: &mut App) -> defiant_trivia::core::game::QuestionResult {
    wait_for_screen(app, Screen::Reveal);
    session(app).game.last_result(SOLO).unwrap().clone()
}

fn next_question(app: &mut App) {
    press(app, KeyCode::Enter);
    wait_for_screen(app, Screen::Question);
}

#[test]
fn solo_orders_and_numbers_from_the_keyboard() {
    let mut app = solo("kinds-keys");
    for _ in 0..2 {
        match asked(&app) {
            Asked::Order { right, .. } => {
                // A wrong first pick, taken back with Backspace.
                press(&mut app, digit_key(right[1] + 1));
                assert!(text_of::<OrderLine>(&mut app).contains("Earliest → "));
                assert!(!text_of::<OrderLine>(&mut app).contains("→ _  _  _  _ →"));
                press(&mut app, KeyCode::Backspace);
                assert!(text_of::<OrderLine>(&mut app).contains("_  _  _  _"));
                for &item in &right {
                    press(&mut app, digit_key(item + 1));
                }
                let result = revealed(&mut app);
                assert!(result.correct, "{result:?}");
                // Full points, less a little for the time the presses took.
                assert!(result.points.answer > 900, "{result:?}");
                let Some(Given::Order(order)) = result.given else {
                    panic!("an order")
                };
                assert_eq!(order.items(), right);
            }
            Asked::Number { .. } => {
                for key in [1, 9, 9, 5] {
                    press(&mut app, digit_key(key));
                }
                press(&mut app, KeyCode::Backspace);
                press(&mut app, digit_key(3));
                assert_eq!(text_of::<NumberDisplay>(&mut app), "1993");
                // Enter: the Lock in button has the focus.
                press(&mut app, KeyCode::Enter);
                let result = revealed(&mut app);
                assert!(result.correct, "1993 is within 1 of 1992: {result:?}");
                assert!(result.points.answer >= 900);
            }
            Asked::Choice => panic!("the test pack has no choices"),
        }
        if session(&app).game.is_last_question() {
            break;
        }
        next_question(&mut app);
    }
}

#[test]
fn solo_orders_and_numbers_with_the_mouse() {
    let mut app = solo("kinds-mouse");
    for _ in 0..2 {
        match asked(&app) {
            Asked::Order { right, .. } => {
                // Two swapped items: half of them in place, a quarter of the points.
                let mut mine = right.clone();
                mine.swap(0, 1);
                for &item in &mine {
                    let card = find_by::<AnswerButton>(&mut app, |a| a.0 == item).unwrap();
                    click(&mut app, card);
                }
                let result = revealed(&mut app);
                assert!(!result.correct);
                assert!(result.partly());
                // A quarter of the speed rule's points.
                assert!((200..=250).contains(&result.points.answer), "{result:?}");
                assert!(shows(&mut app, "◐ Partly right"), "{:?}", texts(&mut app));
                assert!(shows(&mut app, "✓ yours too"), "{:?}", texts(&mut app));
                assert!(shows(&mut app, "✗ you put it #1"), "{:?}", texts(&mut app));
            }
            Asked::Number { .. } => {
                // 1995: 3 off, halfway from the tolerance (1) to the limit (5).
                for step in [
                    Step::Digit(1),
                    Step::Digit(9),
                    Step::Digit(9),
                    Step::Digit(5),
                    Step::Submit,
                ] {
                    let key = find_by::<KeypadButton>(&mut app, |k| k.0 == step).unwrap();
                    click(&mut app, key);
                }
                let result = revealed(&mut app);
                assert!(result.partly(), "{result:?}");
                // Half of the speed rule's points.
                assert!((400..=500).contains(&result.points.answer), "{result:?}");
                assert!(shows(&mut app, "◐ Close"), "{:?}", texts(&mut app));
                assert!(shows(&mut app, "— off by 3"), "{:?}", texts(&mut app));
            }
            Asked::Choice => panic!("the test pack has no choices"),
        }
        if session(&app).game.is_last_question() {
            break;
        }
        next_question(&mut app);
    }
}

#[test]
fn solo_orders_and_numbers_with_a_gamepad() {
    let mut app = solo("kinds-pad");
    let pad = connect_gamepad(&mut app);
    let go = |app: &mut App, from: &mut usize, to: usize| {
        while *from < to {
            pad_press(app, pad, GamepadButton::DPadDown);
            *from += 1;
        }
        while *from > to {
            pad_press(app, pad, GamepadButton::DPadUp);
            *from -= 1;
        }
        pad_press(app, pad, GamepadButton::South);
    };
    for _ in 0..2 {
        // The focus starts on the first button: item A, or Lock in.
        let mut focus = 0;
        match asked(&app) {
            Asked::Order { right, .. } => {
                for &item in &right {
                    go(&mut app, &mut focus, item);
                }
                assert!(revealed(&mut app).correct);
            }
            Asked::Number { .. } => {
                // The keypad after Lock in: 1 to 9, then 0.
                for d in [1, 9, 9, 2] {
                    go(&mut app, &mut focus, if d == 0 { 10 } else { d });
                }
                go(&mut app, &mut focus, 0);
                let result = revealed(&mut app);
                assert!(result.correct);
                assert_eq!(
                    result
                        .given
                        .map(|g| matches!(g, Given::Number(n) if n.value() == 1992.0)),
                    Some(true)
                );
            }
            Asked::Choice => panic!("the test pack has no choices"),
        }
        if session(&app).game.is_last_question() {
            break;
        }
        pad_press(&mut app, pad, GamepadButton::South); // continue
        wait_for_screen(&mut app, Screen::Question);
    }
}

/// The keys that dial `number` on a fresh dial, ones first: up (`turn`) or down to each
/// digit, then one place left (`left`); a digit of 6 or more goes down.
fn dial(number: u32, turn: (char, char), left: char) -> Vec<char> {
    let digits: Vec<u32> = number
        .to_string()
        .chars()
        .rev()
        .map(|c| c.to_digit(10).unwrap())
        .collect();
    let mut keys = Vec::new();
    for (i, d) in digits.iter().enumerate() {
        if *d <= 5 {
            keys.extend(std::iter::repeat_n(turn.0, *d as usize));
        } else {
            keys.extend(std::iter::repeat_n(turn.1, (10 - d) as usize));
        }
        if i + 1 < digits.len() {
            keys.push(left);
        }
    }
    keys
}

#[test]
fn a_party_plays_orders_and_numbers_on_a_key_group_and_a_pad() {
    let data = temp_dir("kinds-party");
    let mut app = headless_app(&repo().join("tests/packs/kinds"), &data, false);
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    type_text(&mut app, "z");
    let pad = connect_gamepad(&mut app);
    pad_press(&mut app, pad, GamepadButton::South);
    let keys = seat_of(&app, Device::Keys(0));
    let padder = seat_of(&app, Device::Gamepad(0));
    let start = find_by::<LobbyRow>(&mut app, |r| *r == LobbyRow::Start).unwrap();
    click(&mut app, start);
    wait_for_screen(&mut app, Screen::Question);
    let group = KEY_GROUPS[0];
    let result = |app: &App, seat| session(app).game.last_result(seat).unwrap().clone();
    for _ in 0..2 {
        match asked(&app) {
            Asked::Order { right, .. } => {
                // Keys: a wrong first item, taken back with the buzz key, then the order.
                type_text(&mut app, &group.answers[right[1]].to_string());
                assert!(
                    chip(&mut app, keys).contains("1 of 4 placed"),
                    "{}",
                    chip(&mut app, keys)
                );
                type_text(&mut app, &group.buzz.to_string());
                for &item in &right {
                    type_text(&mut app, &group.answers[item].to_string());
                }
                assert!(chip(&mut app, keys).contains("locked in"));
                // The pad: every item one place late, none in place.
                let buttons = defiant_trivia::game::input::bindings::PAD_ANSWERS;
                for k in 0..right.len() {
                    pad_press(&mut app, pad, buttons[right[(k + 1) % right.len()]]);
                }
                wait_for_screen(&mut app, Screen::Reveal);
                assert!(result(&app, keys).correct);
                assert_eq!(result(&app, padder).points.answer, 0);
                assert!(result(&app, padder).answered());
            }
            Asked::Number { .. } => {
                // Keys dial 1992: Q up, A down, W one digit left; the buzz key locks in.
                for key in dial(1992, (group.answers[0], group.answers[2]), group.answers[1]) {
                    type_text(&mut app, &key.to_string());
                }
                assert!(
                    chip(&mut app, keys).contains("[1]992"),
                    "{}",
                    chip(&mut app, keys)
                );
                type_text(&mut app, &group.buzz.to_string());
                // The pad dials 1990 with the d-pad; South locks in.
                for button in [
                    GamepadButton::DPadLeft,
                    GamepadButton::DPadDown,
                    GamepadButton::DPadLeft,
                    GamepadButton::DPadDown,
                    GamepadButton::DPadLeft,
                    GamepadButton::DPadUp,
                ] {
                    pad_press(&mut app, pad, button);
                }
                assert!(
                    chip(&mut app, padder).contains("[1]990"),
                    "{}",
                    chip(&mut app, padder)
                );
                pad_press(&mut app, pad, GamepadButton::South);
                wait_for_screen(&mut app, Screen::Reveal);
                // The exact guess wins; 2 off, outside the tolerance, gets at most half.
                let (k, p) = (result(&app, keys), result(&app, padder));
                assert!(k.correct && k.points.answer > 900, "{k:?}");
                assert!(p.partly() && p.points.answer <= 500, "{p:?}");
                let winner = session(&app).game.player(keys).map(|p| p.seat.name.clone());
                let closest = format!("Closest: {} (exactly right)", winner.unwrap());
                assert!(shows(&mut app, &closest), "{:?}", texts(&mut app));
            }
            Asked::Choice => panic!("the test pack has no choices"),
        }
        if session(&app).game.is_last_question() {
            break;
        }
        // The host moves on: the scoreboard, then the next question.
        while session(&app).game.phase() != Phase::Question {
            press(&mut app, KeyCode::Enter);
        }
        wait_for_screen(&mut app, Screen::Question);
    }
}
