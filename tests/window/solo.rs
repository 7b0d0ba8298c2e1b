//! Solo play in a real window: a whole round from the keyboard (pause, a wrong answer, the
//! name for the high scores, settings saved), and a question started and answered with the
//! mouse alone.

use std::time::Duration;

use defiant_trivia::core::RoundQuestion;
use defiant_trivia::game::theme::palette;

use crate::common;
use crate::harness::{Game, WIDTH, Xvfb, choices_code, keys, wait_for, wait_for_screen};
use crate::pixels::{changed, panels, question_ready, reveal_ready, rgb, title_ready};
use crate::probe::{click_button, focus_button, press_button, wait_screen, wait_ui};

/// On the setup screen: five questions, the known code, then Start. Returns the round's
/// questions as the core picks them for that code, in order.
pub fn start_known_round(x: &Xvfb, game: &Game) -> Vec<RoundQuestion> {
    use defiant_trivia::core::round::pick_questions;
    use defiant_trivia::core::{RoundSettings, check_file, round_code};
    // Five questions: 10 -> 20 -> All -> 5.
    focus_button(x, game, "Questions:");
    keys(x, &["Right", "Right", "Right"]);
    wait_ui(game, "five questions", |ui| ui.has("Questions:  ‹ 5 ›"));
    // The code row takes a typed code on Enter.
    focus_button(x, game, "Round code:");
    keys(x, &["Return"]);
    wait_ui(game, "the code row taking a code", |ui| ui.has("(type "));
    let code = choices_code();
    // The dash is optional when typing a code (and no key name for xdotool).
    let typed: Vec<String> = code
        .chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_string())
        .chain(["Return".to_string()])
        .collect();
    let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
    keys(x, &typed);
    wait_ui(game, "the typed code", |ui| {
        ui.has(&format!("Round code:  {code}  (Enter"))
    });
    press_button(x, game, "Start round");
    let pack = check_file(&common::repo().join("quizzes/the-defiant-ones.ron"))
        .pack
        .expect("the shipped pack is valid");
    let settings = RoundSettings {
        question_count: Some(5),
        seconds_per_question: None,
        categories: Vec::new(),
        difficulties: Vec::new(),
        seed: round_code::decode(&code).unwrap(),
        max_options: None,
        watched: None,
    };
    pick_questions(&pack, &settings)
}

/// Esc back to the title (captured as `name`), then Quit: the game exits with 0.
pub fn back_to_title_and_quit(x: &Xvfb, game: &mut Game, name: &str) {
    keys(x, &["Escape"]);
    wait_screen(game, "Title");
    wait_for_screen(x, name, title_ready);
    press_button(x, game, "Quit");
    assert_eq!(game.wait_exit(Duration::from_secs(30)), Some(0));
}

/// The key that picks `option` (0-based).
pub fn answer_key(option: usize) -> String {
    (option + 1).to_string()
}

#[test]
fn a_whole_round_from_the_keyboard_in_a_real_window() {
    let x = Xvfb::start(92);
    let data = common::temp_dir("window-round");
    let mut game = Game::start(&x, &data);
    wait_screen(&game, "Title");
    let title = wait_for_screen(&x, "01-title", title_ready);
    press_button(&x, &game, "Play");
    wait_screen(&game, "PackPicker");
    let picker = wait_for_screen(&x, "02-pack-picker", |s| {
        changed(s, &title) && panels(s, (100, 150, 1180, 600)) > 0.05
    });
    press_button(&x, &game, "The Defiant Ones");
    wait_screen(&game, "Setup");
    let setup = wait_for_screen(&x, "03-setup", |s| {
        changed(s, &picker) && panels(s, (200, 100, 1080, 650)) > 0.1
    });
    let questions = start_known_round(&x, &game);
    let mut last = setup;
    for i in 1..=5 {
        wait_screen(&game, "Question");
        let q = wait_for_screen(&x, &format!("04-question-{i}"), |s| {
            changed(s, &last) && question_ready(s)
        });
        if i == 2 {
            // Esc pauses: the overlay covers the answers; Esc again resumes.
            keys(&x, &["Escape"]);
            wait_ui(&game, "the pause menu", |ui| ui.focused("Resume"));
            wait_for_screen(&x, "04-question-2-paused", |s| !question_ready(s));
            keys(&x, &["Escape"]);
            wait_ui(&game, "the pause menu gone", |ui| !ui.has("Restart round"));
            wait_for_screen(&x, "04-question-2-resumed", question_ready);
        }
        // Right answers but for question 2, which gets a wrong one.
        let q_now = &questions[i - 1];
        let pick = if i == 2 {
            (q_now.correct + 1) % q_now.options.len()
        } else {
            q_now.correct
        };
        keys(&x, &[answer_key(pick).as_str()]);
        wait_screen(&game, "Reveal");
        last = wait_for_screen(&x, &format!("05-reveal-{i}"), |s| {
            changed(s, &q) && reveal_ready(s)
        });
        // The headline says right or wrong in its colour.
        let headline = if i == 2 {
            palette::WRONG
        } else {
            palette::RIGHT
        };
        assert!(
            last.share((300, 60, 980, 130), rgb(headline), 12) > 0.01,
            "reveal {i} headline"
        );
        keys(&x, &["Return"]);
    }
    // Four right answers make the empty table: the name prompt comes up.
    wait_screen(&game, "Results");
    let name = wait_for_screen(&x, "06-name-entry", |s| {
        !reveal_ready(s) && s.share((200, 150, 1080, 330), rgb(palette::ACCENT), 12) > 0.01
    });
    let mut typed = vec!["BackSpace"; 6];
    typed.extend(["T", "e", "s", "t", "Return"]);
    keys(&x, &typed);
    // The high score is on disk, saved atomically.
    let scores = data.join("high-scores.ron");
    wait_for("the high score saved", Duration::from_secs(30), || {
        std::fs::read_to_string(&scores).is_ok_and(|t| t.contains("\"Test\""))
    });
    let results = wait_for_screen(&x, "07-results", |s| {
        changed(s, &name) && s.share((0, 0, WIDTH, 200), rgb(palette::ACCENT), 12) > 0.005
    });
    let saved = std::fs::read_to_string(&scores).expect("high scores saved");
    assert!(saved.contains("\"Test\""), "{saved}");
    // Results' buttons: Play again, New round, Title.
    press_button(&x, &game, "Title");
    wait_screen(&game, "Title");
    wait_for_screen(&x, "08-title-again", |s| {
        changed(s, &results) && title_ready(s)
    });
    // High scores: the new entry is listed.
    press_button(&x, &game, "High scores");
    wait_screen(&game, "HighScores");
    let scores = wait_for_screen(&x, "09-high-scores", |s| {
        !title_ready(s) && s.share((0, 150, WIDTH, 500), rgb(palette::ACCENT), 12) > 0.002
    });
    keys(&x, &["Escape"]);
    wait_screen(&game, "Title");
    let title = wait_for_screen(&x, "08-title-again", |s| {
        changed(s, &scores) && title_ready(s)
    });
    // Settings: Volume down one step is saved at once.
    press_button(&x, &game, "Settings");
    wait_screen(&game, "Settings");
    wait_for_screen(&x, "09-settings", |s| {
        changed(s, &title) && panels(s, (200, 100, 1080, 600)) > 0.1
    });
    focus_button(&x, &game, "Volume:");
    keys(&x, &["Left"]);
    wait_for("settings saved", Duration::from_secs(10), || {
        std::fs::read_to_string(data.join("settings.ron")).is_ok_and(|t| t.contains("volume: 70"))
    });
    back_to_title_and_quit(&x, &mut game, "08-title-again");
}

#[test]
fn the_mouse_alone_starts_and_answers_a_question() {
    let x = Xvfb::start(95);
    let data = common::temp_dir("window-mouse");
    let game = Game::start(&x, &data);
    wait_screen(&game, "Title");
    let title = wait_for_screen(&x, "20-mouse-title", title_ready);
    // Play, the first pack card, Start round, the first answer: each found by its label.
    click_button(&x, &game, "Play");
    wait_screen(&game, "PackPicker");
    // The title's logo (accent, y 40-110) is gone; the picker's own heading sits lower
    // and, with more than one pack, reaches up to where `title_ready` looks.
    let picker = wait_for_screen(&x, "21-mouse-picker", |s| {
        changed(s, &title) && s.share((200, 30, 1080, 120), rgb(palette::ACCENT), 12) < 0.005
    });
    click_button(&x, &game, "The Defiant Ones");
    wait_screen(&game, "Setup");
    let setup = wait_for_screen(&x, "22-mouse-setup", |s| changed(s, &picker));
    click_button(&x, &game, "Start round");
    wait_screen(&game, "Question");
    let q = wait_for_screen(&x, "23-mouse-question", |s| {
        changed(s, &setup) && question_ready(s)
    });
    click_button(&x, &game, "1 A");
    wait_screen(&game, "Reveal");
    wait_for_screen(&x, "24-mouse-reveal", |s| changed(s, &q) && reveal_ready(s));
}
