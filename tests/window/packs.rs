//! Packs in a real window: a broken pack is shown and the game still plays; the open pack
//! list and the title follow a pack breaking and being fixed on disk; `play PATH
//! --question ID` previews a question (the longest texts, orders and numbers at three
//! sizes) and follows its file.

use std::time::{Duration, Instant};

use defiant_trivia::game::theme::palette;

use crate::common;
use crate::harness::{Game, Launch, WIDTH, Xvfb, keys, screenshot, wait_for_screen};
use crate::pixels::{Shot, changed, panels, question_ready, reveal_ready, rgb, title_ready};
use crate::probe::{press_button, wait_screen, wait_ui};
use crate::solo::back_to_title_and_quit;

#[test]
fn a_broken_pack_in_the_user_folder_is_shown_and_the_game_still_plays() {
    let x = Xvfb::start(93);
    let data = common::temp_dir("window-broken");
    std::fs::create_dir_all(data.join("packs")).unwrap();
    std::fs::copy(
        common::repo().join("tests/packs/broken.ron"),
        data.join("packs/broken.ron"),
    )
    .unwrap();
    let mut game = Game::start(&x, &data);
    wait_screen(&game, "Title");
    let title = wait_for_screen(&x, "10-title-with-broken-pack", |s| {
        title_ready(s) && s.share((100, 200, 1180, 450), rgb(palette::WARNING), 12) > 0.001
    });
    press_button(&x, &game, "Play");
    wait_screen(&game, "PackPicker");
    wait_for_screen(&x, "11-pack-picker-with-broken-pack", |s| {
        changed(s, &title) && s.share((100, 100, 1180, 650), rgb(palette::WRONG), 12) > 0.002
    });
    back_to_title_and_quit(&x, &mut game, "12-title-after-back");
}

#[test]
fn play_path_question_previews_the_longest_texts_and_shows_them_again() {
    let x = Xvfb::start(96);
    let data = common::temp_dir("window-preview");
    // A copy, since the test breaks it on disk later.
    let pack = data.join("long-text.ron");
    std::fs::copy(common::repo().join("tests/packs/long-text.ron"), &pack).unwrap();
    let game = Game::start_with(
        &x,
        &data,
        &["play", pack.to_str().unwrap(), "--question", "longest"],
    );
    // Straight to the question, with no key pressed: no title, picker or setup.
    wait_screen(&game, "Question");
    let q = wait_for_screen(&x, "30-preview-question", question_ready);
    // Six answer cards, each in its own colour, all on screen.
    for color in palette::ANSWER {
        assert!(
            q.share((0, 250, WIDTH, 720), rgb(color), 10) > 0.005,
            "every answer card shows"
        );
    }
    keys(&x, &["1"]);
    wait_screen(&game, "Reveal");
    let reveal = wait_for_screen(&x, "31-preview-reveal", |s| {
        changed(s, &q) && reveal_ready(s)
    });
    // It waits for the author: well past the usual 12 s it is still the reveal. (Time is
    // what is tested: this sleep is the 14 s.)
    std::thread::sleep(Duration::from_secs(14));
    let still = screenshot(&x, "32-preview-reveal-later");
    assert!(reveal_ready(&still) && !changed(&still, &reveal));
    keys(&x, &["Return"]);
    wait_screen(&game, "Question");
    let again = wait_for_screen(&x, "33-preview-question-again", |s| {
        changed(s, &still) && question_ready(s)
    });
    // Break the pack on disk: the reveal names the error on its own line, in orange.
    keys(&x, &["2"]);
    let text = std::fs::read_to_string(&pack).unwrap();
    std::fs::write(&pack, text.replace("id: \"short\"", "id: \"longest\"")).unwrap();
    let error_shown = |s: &Shot| s.share((0, 540, WIDTH, 630), rgb(palette::WARNING), 12) > 0.002;
    wait_screen(&game, "Reveal");
    wait_for_screen(&x, "34-preview-reveal-broken-pack", |s| {
        changed(s, &again) && reveal_ready(s) && error_shown(s)
    });
}

#[test]
fn the_open_pack_list_follows_a_pack_breaking_and_being_fixed_on_disk() {
    let x = Xvfb::start(97);
    let data = common::temp_dir("window-reload");
    let packs = data.join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    let good = std::fs::read_to_string(common::repo().join("tests/packs/good.ron")).unwrap();
    let broken = good.replace("id: \"b\"", "id: \"a\"");
    std::fs::write(packs.join("mine.ron"), &good).unwrap();
    let game = Game::start(&x, &data);
    wait_screen(&game, "Title");
    let title = wait_for_screen(&x, "40-reload-title", title_ready);
    press_button(&x, &game, "Play");
    // The pack "Good" is a card to pick while it is valid; broken, it is listed but not
    // a button.
    wait_ui(&game, "the pack list", |ui| {
        ui.on("PackPicker") && ui.has("Good")
    });
    let broken_shown = |s: &Shot| s.share((100, 100, 1180, 650), rgb(palette::WRONG), 12) > 0.002;
    let picker = wait_for_screen(&x, "41-reload-picker", |s| {
        changed(s, &title) && panels(s, (100, 150, 1180, 600)) > 0.05 && !broken_shown(s)
    });
    // Left alone until the game is idle, then the pack breaks on disk: no key is pressed
    // from here on, so only the file can wake the game.
    game.wait_idle();
    std::fs::write(packs.join("mine.ron"), &broken).unwrap();
    let saved = Instant::now();
    wait_ui(&game, "the pack broken", |ui| !ui.has("Good"));
    let broken_pic = wait_for_screen(&x, "42-reload-broken", |s| {
        changed(s, &picker) && broken_shown(s)
    });
    let to_broken = saved.elapsed();
    game.wait_idle();
    std::fs::write(packs.join("mine.ron"), &good).unwrap();
    let saved = Instant::now();
    wait_ui(&game, "the pack fixed", |ui| ui.has("Good"));
    let fixed = wait_for_screen(&x, "43-reload-fixed", |s| {
        changed(s, &broken_pic) && !broken_shown(s)
    });
    let to_fixed = saved.elapsed();
    // The title's warning follows the files too, still without input once there.
    keys(&x, &["Escape"]);
    wait_screen(&game, "Title");
    let warned = |s: &Shot| s.share((100, 200, 1180, 450), rgb(palette::WARNING), 12) > 0.001;
    let title = wait_for_screen(&x, "44-reload-title", |s| {
        changed(s, &fixed) && title_ready(s) && !warned(s)
    });
    game.wait_idle();
    std::fs::write(packs.join("mine.ron"), &broken).unwrap();
    wait_for_screen(&x, "45-reload-title-warns", |s| {
        changed(s, &title) && warned(s)
    });
    // Reported, not asserted: the figures go in the issue note (screenshots poll at 3 Hz).
    eprintln!(
        "pack list after a save, no input: broken shown within {to_broken:.2?}, fixed within {to_fixed:.2?}"
    );
}

/// The longest order and number questions the format allows, previewed in a real window
/// at 1280x720 and at 800x600: each question and its reveal, by key presses.
#[test]
fn orders_and_numbers_with_the_longest_texts_at_three_sizes() {
    // 1280x720 and 800x600 must fit; 1920x1080 is the TV across the room.
    let sizes = [
        (88, (1280usize, 720usize)),
        (89, (800, 600)),
        (90, (1920, 1080)),
    ];
    for (display, (w, h)) in sizes {
        let x = Xvfb::start_sized(display, &format!("{w}x{h}x24"));
        let data = common::temp_dir(&format!("window-kinds-{w}"));
        for id in ["longest-order", "longest-number"] {
            let pack = common::repo().join("tests/packs/long-kinds.ron");
            let args = ["play", pack.to_str().unwrap(), "--question", id];
            let launch = Launch {
                args: &args,
                env: vec![("DEFIANT_TRIVIA_WINDOW", format!("{w}x{h}"))],
                piped: false,
            };
            let game = Game::launch(&x, &data, launch);
            let name = |what: &str| format!("60-{id}-{what}-{w}x{h}");
            let whole = (0, 0, w, h);
            // The question: items in their answer colours, or the number's keypad panels.
            wait_screen(&game, "Question");
            let question = wait_for_screen(&x, &name("question"), |s| {
                s.share(whole, rgb(palette::BACKGROUND), 3) > 0.3
                    && if id == "longest-order" {
                        palette::ANSWER
                            .iter()
                            .all(|c| s.share(whole, rgb(*c), 10) > 0.003)
                    } else {
                        s.share(whole, rgb(palette::ACCENT), 12) > 0.003
                            && panels(s, (0, h / 4, w, h)) > 0.03
                    }
            });
            if id == "longest-order" {
                // The items as shown, in that order: part of the points at most.
                keys(&x, &["1", "2", "3", "4", "5", "6"]);
            } else {
                // 44 is within 3 of 45: right.
                keys(&x, &["4", "4", "Return"]);
            }
            // The preview shuffles the items with a fresh seed, so the order may be all
            // wrong, partly right or (rarely) right: the reveal's cards then show in the
            // wrong, warning or right colour. The number (44 for 45 ± 3) is right.
            let verdicts: &[_] = if id == "longest-order" {
                &[palette::RIGHT, palette::WARNING, palette::WRONG]
            } else {
                &[palette::RIGHT]
            };
            wait_screen(&game, "Reveal");
            wait_for_screen(&x, &name("reveal"), |s| {
                changed(s, &question)
                    && verdicts
                        .iter()
                        .map(|c| s.share(whole, rgb(*c), 10))
                        .sum::<f64>()
                        > 0.01
            });
        }
    }
}
