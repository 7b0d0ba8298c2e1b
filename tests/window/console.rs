//! The host console in its own window beside the public one: the host starts the party,
//! reveals and moves on with the mouse there, and the game goes on when it closes.

use std::time::Duration;

use defiant_trivia::game::theme::palette;

use crate::harness::{
    CONSOLE, Game, HEIGHT, PUBLIC, WIDTH, Xvfb, click_at, keys, start_with_console, wait_for_window,
};
use crate::pixels::{
    Shot, changed, console_buttons, console_ready, differ, panels, question_ready, reveal_ready,
    rgb,
};
use crate::probe::{Ui, wait_screen, wait_ui, wait_ui_within};

/// Clicks the console's button labelled `label` until the probe shows `ready`. In one full
/// `.ci/run` a click on the console right after it was drawn was lost (run alone the test
/// passed six times out of six). So a second click is allowed and reported on stderr; a
/// third failure fails the test.
fn click_console_until(x: &Xvfb, game: &Game, label: &str, ready: &dyn Fn(&Ui) -> bool) {
    for attempt in 1..=3 {
        let ui = wait_ui(game, &format!("{label:?} on the console"), |ui| {
            ui.button_on("console", label).is_some()
        });
        click_at(x, ui.button_on("console", label).expect("shown").center());
        if wait_ui_within(game, Duration::from_secs(20), ready).is_ok() {
            if attempt > 1 {
                eprintln!("note: console button {label:?} needed click {attempt}");
            }
            return;
        }
    }
    panic!("three clicks on console button {label:?} never did it");
}

#[test]
fn the_host_runs_the_party_from_the_console_window() {
    let (x, game) = start_with_console(91, "window-console");
    let wait = |name: &str, at, ready: &dyn Fn(&Shot) -> bool| wait_for_window(&x, name, at, ready);
    // Both windows: the lobby on the TV, the console beside it.
    wait_ui(&game, "the console's lobby", |ui| {
        ui.button_on("console", "Start the party").is_some()
    });
    wait("70-public-lobby", PUBLIC, &|s| {
        panels(s, (660, 100, 1240, 600)) > 0.1
    });
    let lobby = wait("71-console-lobby", CONSOLE, &console_ready);
    keys(&x, &["z", "v"]);
    wait("71-console-lobby", CONSOLE, &|s| {
        console_ready(s)
            && differ(&s.rgb, &lobby.rgb) > 0.005
            && console_buttons(s).first().is_some_and(|b| b.2)
    });
    // Start the party from the console.
    click_console_until(&x, &game, "Start the party", &|ui| ui.on("Question"));
    let public_question = wait("72-public-question", PUBLIC, &question_ready);
    // Before the reveal the TV shows no right-answer green; the console marks the answer.
    assert!(
        public_question.share((0, 0, WIDTH, HEIGHT), rgb(palette::RIGHT), 10) < 0.0002,
        "green on the TV before the reveal"
    );
    wait_ui(&game, "the console's buttons of a question", |ui| {
        ui.button_on("console", "F2  Reveal").is_some()
    });
    let console_question = wait("73-console-question", CONSOLE, &|s| {
        console_ready(s) && s.share((0, 100, 620, 700), rgb(palette::RIGHT), 12) > 0.0005
    });
    // Buttons in a question: Pause, Reveal, Skip, +10 s lit; Next and Undo greyed.
    let buttons = console_buttons(&console_question);
    let lit: Vec<bool> = buttons.iter().map(|b| b.2).collect();
    assert!(lit.len() >= 7, "{buttons:?}");
    assert_eq!(
        &lit[..6],
        [true, true, true, true, false, false],
        "{buttons:?}"
    );
    // The host clicks Reveal on the console: the TV reveals.
    click_console_until(&x, &game, "F2  Reveal", &|ui| ui.on("Reveal"));
    let public_reveal = wait("74-public-reveal", PUBLIC, &|s| {
        reveal_ready(s) && changed(s, &public_question)
    });
    wait("75-console-reveal", CONSOLE, &|s| {
        console_buttons(s).get(4).is_some_and(|b| b.2)
    });
    // Next on the console: the TV shows the scoreboard.
    click_console_until(&x, &game, "Enter  Next", &|ui| ui.on("Scoreboard"));
    wait("76-public-scoreboard", PUBLIC, &|s| {
        changed(s, &public_reveal) && !reveal_ready(s) && panels(s, (200, 100, 1080, 300)) > 0.05
    });
    // F7 closes the console; the game goes on in the public window.
    keys(&x, &["F7"]);
    wait_ui(&game, "the console closed", |ui| {
        ui.buttons.iter().all(|b| b.window != "console")
    });
    wait("77-console-closed", CONSOLE, &|s| {
        s.share((0, 0, 1100, 700), [0, 0, 0], 2) > 0.9
    });
    keys(&x, &["Return"]);
    wait_screen(&game, "Question");
    wait("78-public-after-console-closed", PUBLIC, &question_ready);
}
