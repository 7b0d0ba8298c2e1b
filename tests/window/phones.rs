//! A real phone browser: Debian's headless Chromium at 360x740, through WebDriver, joins
//! the party from the join address, answers a choice, an order and a number, reloads and
//! is back in the same seat, while the TV shows it; stakes on a final and waits through a
//! night in rounds.

use std::path::Path;

use defiant_trivia::core::game::{Format, Game as CoreGame, Phase, RoundKind};
use defiant_trivia::core::night::{self, NightHeader};
use defiant_trivia::core::plan::Preset;
use defiant_trivia::core::seat::{Device, Seat};

use crate::common;
use crate::harness::{Game, Xvfb, keys, start_phone_party, wait_for_screen};
use crate::jam::{from, join, loopback};
use crate::pixels::{Shot, changed, question_ready, reveal_ready, rgb};
use crate::probe::{click_button, press_until_screen, wait_screen, wait_ui};
use crate::rounds::journal_night;
use crate::webdriver::{self, Browser};
use defiant_trivia::game::theme::palette;

#[test]
fn a_phone_browser_joins_answers_reloads_and_keeps_its_seat() {
    webdriver::assert_installed();
    let x = Xvfb::start(94);
    let data = common::temp_dir("window-phone");
    let pack = kinds_pack();
    let (game, url, room) = start_phone_party(&x, &data, &[&pack]);
    wait_screen(&game, "Lobby");
    let lobby = wait_for_screen(&x, "60-phones-lobby", |s| {
        s.share((0, 0, 1280, 80), rgb(palette::ACCENT), 12) > 0.005
            && s.share((40, 110, 220, 290), [255, 255, 255], 2) > 0.2 // the QR code
    });
    // A keyboard player joins too.
    keys(&x, &["z"]);
    let phone = Browser::open(&data.join("chromium-profile"));
    // Join: the room code comes from the address (as from the QR code); type a name.
    phone.goto(&format!("{url}?room={room}"));
    phone.type_into("name", "Dre");
    phone.click_id("join");
    phone.wait_body("data-phase", "lobby");
    phone.save("61-phone-lobby");
    // The TV shows the phone's seat (its colour dot beside the keyboard player's).
    let joined = wait_for_screen(&x, "62-phones-lobby-joined", |s| {
        changed(s, &lobby) && s.share((40, 290, 640, 520), rgb(palette::seat(1)), 10) > 0.0002
    });
    // The question and its options (an order's items) on the phone too, then Start party:
    // both with the mouse, on the lobby's rows.
    click_button(&x, &game, "Question on phones");
    wait_ui(&game, "the question shown on phones", |ui| {
        ui.has("Question on phones:  ‹ on ›")
    });
    click_button(&x, &game, "Start party");
    // The pack has a choice, an order and a number, in the order of the lobby's random
    // round code: the phone plays each as it comes.
    let mut kinds = Vec::new();
    for index in 0..3 {
        let kind = phone.wait_question(index);
        match kind.as_str() {
            "choice" => answers_a_choice_and_reloads(&x, &game, &phone, &joined),
            "order" => taps_an_order(&x, &game, &phone),
            "number" => types_a_number(&x, &game, &phone),
            other => panic!("a question of kind {other:?}"),
        }
        kinds.push(kind);
        if index < 2 {
            // The host moves on: the scoreboard, then the next question.
            press_until_screen(&x, &game, "Return", "Question");
        }
    }
    kinds.sort();
    assert_eq!(kinds, ["choice", "number", "order"]);
    phone.close();
}

/// The phone pack of the browser test: one question of each kind.
fn kinds_pack() -> String {
    common::repo()
        .join("tests/packs/kinds.ron")
        .to_string_lossy()
        .into_owned()
}

/// The first question of the original phone test: a choice, answered with a tap; the page
/// reloads and is back in the same seat, still locked in; the keyboard player answers and
/// the reveal shows on the phone and the TV.
fn answers_a_choice_and_reloads(x: &Xvfb, game: &Game, phone: &Browser, joined: &Shot) {
    phone.save("63-phone-question");
    wait_screen(game, "Question");
    let question = wait_for_screen(x, "64-phones-tv-question", |s| {
        changed(s, joined) && question_ready(s)
    });
    phone.tap(r#".option[data-option="0"]"#);
    phone.wait_body("data-you", "locked");
    phone.save("65-phone-locked");
    // Reload: the same seat, caught up with the question (still locked in).
    phone.reload();
    phone.wait_body("data-you", "locked");
    assert_eq!(
        phone.text_of("#me-name").trim(),
        "Dre",
        "back in the same seat"
    );
    phone.save("66-phone-after-reload");
    // The keyboard player answers: everyone has, so the reveal shows on both.
    keys(x, &["q"]);
    phone.wait_body("data-phase", "reveal");
    phone.save("67-phone-reveal");
    wait_screen(game, "Reveal");
    wait_for_screen(x, "68-phones-tv-reveal", |s| {
        changed(s, &question) && reveal_ready(s)
    });
}

/// An order question on a small phone (360x640): the items tapped one by one (a tap
/// taken back on the way), the last tap sends it; the page reloads still locked in; the
/// host reveals it (the keyboard player does not answer).
fn taps_an_order(x: &Xvfb, game: &Game, phone: &Browser) {
    phone.viewport(360, 640);
    let item = |i: usize| format!(r#".option[data-option="{i}"]"#);
    assert_eq!(phone.text_of("#status"), "Tap them in order");
    for i in 0..4 {
        let text = phone.text_of(&item(i));
        assert!(
            ["Mercury", "Venus", "Earth", "Mars"]
                .iter()
                .any(|planet| text.contains(planet)),
            "the items' texts are on the phone: {text}"
        );
    }
    phone.save("70-phone-order");
    // B, then D; take D back; C, then D: "B, C, D" placed, the fourth to go.
    phone.tap(&item(1));
    phone.tap(&item(3));
    assert_eq!(phone.text_of("#status"), "2 of 4 placed");
    phone.tap("#order-undo");
    phone.tap(&item(2));
    phone.tap(&item(3));
    assert_eq!(phone.text_of("#status"), "3 of 4 placed");
    assert_eq!(
        phone.attr_of("order-row", "aria-label"),
        "Your order: Closest, B, C, D, blank, Farthest"
    );
    assert!(
        phone.text_of(&item(3)).contains('3'),
        "a placed item shows its place"
    );
    phone.save("71-phone-order-three-placed");
    wait_screen(game, "Question");
    let _ = wait_for_screen(x, "72-phones-tv-order", |_| true);
    // The last item sends the order.
    phone.tap(&item(0));
    phone.wait_body("data-you", "locked");
    assert_eq!(phone.text_of("#status"), "Locked in: B, C, D, A");
    phone.save("73-phone-order-locked");
    phone.reload();
    phone.wait_body("data-you", "locked");
    assert_eq!(phone.text_of("#status"), "Locked in: B, C, D, A");
    // The host reveals it (F2): the phone shows the right order and its own.
    keys(x, &["F2"]);
    phone.wait_body("data-phase", "reveal");
    // (Labels are upper case on screen, and WebDriver reads them so.)
    let card = phone.wait_text("#card", "the right order on the card", |card| {
        card.to_lowercase().contains("right order")
    });
    assert!(
        card.contains("Mercury → Venus → Earth → Mars"),
        "the right order in words: {card}"
    );
    let status = phone.text_of("#status");
    assert!(
        status.starts_with("Right!")
            || status.starts_with("◐ Partly right")
            || status.starts_with("Wrong"),
        "{status}"
    );
    if !status.starts_with("Right!") {
        assert!(card.to_lowercase().contains("your order"), "{card}");
    }
    phone.save("74-phone-order-reveal");
    wait_screen(game, "Reveal");
    let _ = wait_for_screen(x, "75-phones-tv-order-reveal", |_| true);
}

/// A number question on a small phone (360x640): typed on the keypad (a digit deleted on
/// the way) and locked in; the host reveals it.
fn types_a_number(x: &Xvfb, game: &Game, phone: &Browser) {
    phone.viewport(360, 640);
    let key = |k: &str| format!(r#".key[data-key="{k}"]"#);
    assert_eq!(phone.text_of("#number-unit"), "days");
    phone.save("76-phone-number");
    for k in ["7", "0", "9"] {
        phone.tap(&key(k));
    }
    phone.tap("#number-back");
    phone.tap(&key("0"));
    assert_eq!(phone.text_of("#number-digits"), "700");
    phone.save("77-phone-number-typed");
    wait_screen(game, "Question");
    let _ = wait_for_screen(x, "78-phones-tv-number", |_| true);
    phone.tap("#number-lock");
    phone.wait_body("data-you", "locked");
    assert_eq!(phone.text_of("#status"), "Locked in: 700 days");
    phone.save("79-phone-number-locked");
    keys(x, &["F2"]);
    phone.wait_body("data-phase", "reveal");
    let card = phone.wait_text("#card", "the right answer on the card", |card| {
        card.contains("687 days")
    });
    assert!(
        card.to_lowercase().contains("you said") && card.contains("700 days"),
        "{card}"
    );
    // 13 off with a tolerance of 10: not right, but the only (so the closest) guess.
    let status = phone.text_of("#status");
    assert!(status.starts_with("◐ Close +"), "{status}");
    phone.save("80-phone-number-reveal");
    wait_screen(game, "Reveal");
    let _ = wait_for_screen(x, "81-phones-tv-number-reveal", |_| true);
}

/// How colourful a rectangle is: distinct saturated colours (4 bits a channel). White text
/// on a card and its seat colour make a handful; a colour emoji makes dozens.
fn colours(shot: &Shot, (x, y, w, h): (i64, i64, i64, i64)) -> usize {
    let mut seen = std::collections::HashSet::new();
    for py in y.max(0)..(y + h) {
        for px in x.max(0)..(x + w) {
            let p = shot.pixel(px as usize, py as usize);
            let (max, min) = (p.iter().max().unwrap(), p.iter().min().unwrap());
            if max - min > 60 {
                seen.insert(p.map(|c| c >> 4));
            }
        }
    }
    seen.len()
}

/// Phones on loopback (each from its own 127.0.3.x address) join with emoji in their
/// names; the TV's lobby draws the emoji in colour (Noto Color Emoji, the text's fallback
/// for emoji), not as empty boxes.
#[test]
fn emoji_names_draw_in_colour_on_the_tv() {
    let x = Xvfb::start(89);
    let data = common::temp_dir("window-emoji");
    let (game, url, room) = start_phone_party(&x, &data, &[]);
    wait_screen(&game, "Lobby");
    keys(&x, &["z"]);
    let names = ["😀 Dre", "👩\u{200D}🎤 Ana", "🔥🌴 Jimmy"];
    let (rt, server) = loopback(&url);
    let phones: Vec<_> = names
        .iter()
        .enumerate()
        .map(|(i, name)| {
            let (ws, reply) = rt.block_on(join(server, from(3, 2 + i as u8), &room, name));
            assert_eq!(reply["type"], "welcome", "{name}: {reply}");
            ws
        })
        .collect();
    let ui = wait_ui(&game, "the three phone cards", |ui| {
        names.iter().all(|n| ui.has(n))
    });
    game.wait_idle();
    let shot = crate::harness::screenshot(&x, "63-lobby-emoji-names");
    let rect = |label: &str| {
        let b = ui
            .button(label)
            .unwrap_or_else(|| panic!("a card for {label}"));
        (b.x, b.y, b.w, b.h)
    };
    let plain = ui
        .buttons
        .iter()
        .find(|b| b.label.starts_with("Player") || b.label.contains("Keys"))
        .map(|b| colours(&shot, (b.x, b.y, b.w, b.h)))
        .expect("the keyboard player's card");
    for name in names {
        let emoji = colours(&shot, rect(name));
        assert!(
            emoji >= 20 && emoji >= 3 * plain.max(1),
            "{name}: {emoji} colours against {plain} on a card without emoji"
        );
    }
    drop(phones);
}

/// The final on a real phone browser. The night in rounds comes from a journal (see
/// [`night_in_rounds`]), with no lobby round editor: the page comes back to its seat
/// by itself at the final's stakes and stakes in private: a stake over its bounds is
/// caught on the page, half is picked and staked, and the game's view confirms it.
#[test]
fn a_phone_browser_stakes_on_the_final_of_a_resumed_night() {
    webdriver::assert_installed();
    let x = Xvfb::start(85);
    let data = common::temp_dir("window-phone-final");
    let phone = joined_then_killed(&x, &data, &["z"]);
    phone.viewport(360, 740);

    let game = night_in_rounds(
        &data,
        false,
        |s| if s.name == "Dre" { 1200 } else { 0 },
        |g| g.phase() == Phase::Wager,
    );
    let category = game.current().category.clone();
    let resumed = resume_with_phones(&x, &data);
    // The page finds its seat again, at the final's stakes.
    phone.wait_body("data-phase", "wager");
    phone.wait_body("data-you", "stake");
    assert_eq!(phone.text_of("#round"), "The final");
    assert_eq!(phone.text_of("#status"), "Place your stake");
    assert_eq!(phone.text_of("#wager-category"), category);
    assert_eq!(phone.text_of("#stake-max"), "Max 1,200");
    assert_eq!(phone.text_of("#stake-half-pts"), "600");
    assert_eq!(phone.text_of("#stake-all-pts"), "1,200");
    assert_eq!(
        phone.text_of("#stake-said"),
        "Not staked yet: only you see your stake"
    );
    assert_eq!(phone.attr_of("stake", "inputmode"), "numeric");
    assert!(fits(&phone), "the stakes fit a 360x740 phone unscrolled");
    phone.save("82-phone-final-stakes");

    // Over the bounds: said on the page (in words), and Stake stays off.
    phone.type_into("stake", "1500");
    assert_eq!(phone.text_of("#stake-hint"), "✗ Too many: at most 1,200");
    assert_eq!(phone.attr_of("stake", "aria-invalid"), "true");
    assert!(!phone.attr_of("stake-send", "disabled").is_empty());
    phone.save("83-phone-final-too-many");

    // Half: 600, staked; the game's view says so.
    phone.tap("#stake-half");
    assert_eq!(phone.text_of("#stake-hint"), "");
    assert_eq!(phone.attr_of("stake-send", "disabled"), "");
    phone.tap("#stake-send");
    phone.wait_text("#stake-said", "the stake confirmed", |t| {
        t == "Staked 600 ✓ — you can change it until the question opens"
    });
    assert_eq!(phone.text_of("#status"), "Stake placed ✓");
    assert!(
        !phone.attr_of("stake-send", "disabled").is_empty(),
        "the same stake again is nothing to send"
    );
    phone.save("84-phone-final-staked");
    // A small phone (360x640): still all there.
    phone.viewport(360, 640);
    assert!(fits(&phone), "the stakes fit a 360x640 phone unscrolled");
    phone.save("85-phone-final-staked-small");
    phone.close();
    drop(resumed);
}

/// A night in rounds on a real phone browser, resumed at each of its waits in turn (see
/// [`night_in_rounds`]): a round's end, the final's reveal before this phone's turn, a
/// sudden death between two others, and the end of an evening of a series.
#[test]
fn a_phone_browser_waits_through_a_night_in_rounds() {
    webdriver::assert_installed();
    let x = Xvfb::start(84);
    let data = common::temp_dir("window-phone-rounds");
    // Two keyboard players besides the phone: a sudden death can leave the phone out.
    let phone = joined_then_killed(&x, &data, &["z", "v"]);
    phone.viewport(360, 740);
    let status = || phone.text_of("#status");
    let card = || phone.text_of("#card");

    // The first round's end.
    night_in_rounds(&data, false, |_| 300, |g| g.phase() == Phase::RoundEnd);
    let game = resume_with_phones(&x, &data);
    phone.wait_body("data-phase", "round_end");
    assert_eq!(phone.text_of("#round"), "Round 1 of 3");
    assert_eq!(status(), "Round over");
    assert!(
        card().contains("Round over — scores on the TV"),
        "{}",
        card()
    );
    assert!(card().contains("Score 300 · 1st of 3"), "{}", card());
    phone.save("86-phone-round-end");
    game.kill_nine();

    // The final's reveal, one seat at a time: this phone's turn has not come.
    night_in_rounds(&data, false, |_| 300, |g| g.final_pending());
    let game = resume_with_phones(&x, &data);
    phone.wait_body("data-phase", "reveal");
    assert_eq!(phone.text_of("#round"), "The final");
    assert_eq!(status(), "Watch the TV");
    assert!(
        card().contains("The final's answers show one by one: watch the TV"),
        "{}",
        card()
    );
    assert!(fits(&phone));
    phone.save("87-phone-final-reveal-waiting");
    game.kill_nine();

    // A sudden death between the two keyboard players: the phone sits it out.
    let points = |s: &Seat| if s.device == Device::Phone { 100 } else { 500 };
    night_in_rounds(&data, false, points, |g| {
        g.phase() == Phase::Question && g.round().kind == RoundKind::Tiebreak
    });
    let game = resume_with_phones(&x, &data);
    phone.wait_body("data-you", "benched");
    assert_eq!(phone.text_of("#round"), "Sudden death");
    assert_eq!(status(), "Sudden death");
    assert!(
        card().contains("Sudden death between the leaders: watch the TV"),
        "{}",
        card()
    );
    phone.save("88-phone-benched");
    game.kill_nine();

    // A series stops for tonight at the first round's end.
    night_in_rounds(&data, true, |_| 300, |g| g.phase() == Phase::Intermission);
    let game = resume_with_phones(&x, &data);
    phone.wait_body("data-phase", "intermission");
    assert_eq!(status(), "Until next time");
    assert!(
        card().contains("That's all for tonight: the series goes on another evening"),
        "{}",
        card()
    );
    phone.save("89-phone-intermission");
    phone.close();
    drop(game);
}

/// A phone party whose phone (a real browser, "Dre") joined, with keyboard players for
/// `join_keys` (one at least), started and killed mid-question: its journal holds the phone
/// room, and the page keeps its seat token.
fn joined_then_killed(x: &Xvfb, data: &Path, join_keys: &[&str]) -> Browser {
    let (game, url, room) = start_phone_party(x, data, &[]);
    wait_screen(&game, "Lobby");
    keys(x, join_keys);
    let phone = Browser::open(&data.join("chromium-profile"));
    phone.goto(&format!("{url}?room={room}"));
    phone.type_into("name", "Dre");
    phone.click_id("join");
    phone.wait_body("data-phase", "lobby");
    click_button(x, &game, "Start party");
    phone.wait_body("data-phase", "question");
    game.kill_nine();
    phone
}

/// `party --resume` with phones on loopback: the night's room opens again on its port.
fn resume_with_phones(x: &Xvfb, data: &Path) -> Game {
    Game::start_with(
        x,
        data,
        &["party", "--resume", "--phones", "--listen", "127.0.0.1"],
    )
}

/// Whether the page's game section fits its viewport without scrolling.
fn fits(phone: &Browser) -> bool {
    let script =
        "var g = document.getElementById('game'); return g.scrollHeight <= g.clientHeight;";
    phone
        .rt
        .block_on(phone.client.execute(script, vec![]))
        .is_ok_and(|v| v == serde_json::Value::Bool(true))
}

/// Makes the one unfinished night in `data` over into a night in the rounds of the
/// Classic preset (two rounds, then a final; a `series` stops at a round's end) with the
/// same pack, seats, rules and phone room, and plays it as a host would until `stop`
/// holds: each seat given `points(seat)`, every regular question skipped, the final closed
/// with no answer, a tie at the end broken by a sudden death, a series' evening ended at
/// its first round's end. Returns the game as the journal leaves it.
fn night_in_rounds(
    data: &Path,
    series: bool,
    points: impl Fn(&Seat) -> i32,
    stop: impl Fn(&CoreGame) -> bool,
) -> CoreGame {
    let folder = night::folder(data);
    let nights = night::journals(&folder);
    assert_eq!(nights.len(), 1, "the party's night is journalled");
    let journal = night::read(&std::fs::read(&nights[0]).unwrap()).expect("it reads");
    let old = journal.header;
    assert!(old.phones.is_some(), "the night notes its phone room");
    let path = common::repo().join("quizzes").join(&old.pack_file);
    let pack = defiant_trivia::core::check_file(&path)
        .pack
        .expect("the night's pack");
    let mut header = NightHeader::planned(
        &old.pack_file,
        &pack,
        old.settings.clone(),
        old.rules.clone(),
        &Preset::Classic.rounds(Format::EveryoneAnswers),
        series,
        old.seats.clone(),
        old.teams.clone(),
    )
    .expect("a Classic night of the pack");
    header.phones = old.phones.clone();
    header.started_ms = old.started_ms;
    std::fs::remove_file(&nights[0]).unwrap();
    journal_night(
        &night::new_path(&folder, header.started_ms),
        &header,
        points,
        stop,
    )
}

/// Pictures on phones, on a real phone browser: the host turns them on in the lobby (the
/// row reads at 1280x720), a phone joins a party on the sampler pack, and at the round's
/// first picture question (one that does not uncover itself on the TV) the page shows
/// the TV's picture above the buttons: loaded, as wide as the page, its room kept by its
/// shape, the buttons still on a 360x740 and a 360x640 screen; at the reveal, the answer's
/// picture.
#[test]
fn a_phone_browser_shows_the_picture_on_the_tv() {
    webdriver::assert_installed();
    let x = Xvfb::start(72);
    let data = common::temp_dir("window-phone-picture");
    let sampler = common::repo().join("quizzes/picture-and-sound");
    let (game, url, room) = start_phone_party(&x, &data, &[&sampler.to_string_lossy()]);
    wait_screen(&game, "Lobby");
    keys(&x, &["z"]);
    let phone = Browser::open(&data.join("chromium-profile"));
    phone.viewport(360, 740);
    phone.goto(&format!("{url}?room={room}"));
    phone.type_into("name", "Dre");
    phone.click_id("join");
    phone.wait_body("data-phase", "lobby");
    let ui = wait_ui(&game, "the pictures row", |ui| {
        ui.has("Pictures on phones:  ‹ off ›")
    });
    let row = ui.button("Pictures on phones").unwrap().clone();
    // Its label on one line, on screen.
    assert!(row.h <= 36 && row.y + row.h <= 720, "{row:?}");
    game.wait_idle();
    let off = crate::harness::screenshot(&x, "130-phones-lobby-pictures-off");
    click_button(&x, &game, "Pictures on phones");
    wait_ui(&game, "pictures on phones", |ui| {
        ui.has("Pictures on phones:  ‹ on ›")
    });
    // The row shows it: "off" became "on".
    let rect = (row.x, row.y, row.w, row.h);
    wait_for_screen(&x, "130-phones-lobby-pictures-on", |s| {
        differing(s, &off, rect) > 30
    });
    click_button(&x, &game, "Start party");

    // The round as the night's journal has it: its first picture shown on phones.
    let journal = wait_journal(&data);
    let picked = journal.header.game().expect("the night's game");
    let first = picked
        .questions()
        .iter()
        .position(|q| q.media.image.is_some() && q.media.uncover.is_none())
        .expect("a picture question in the round");
    let media = picked.questions()[first].media.clone();
    let asset = |path: &str| image_size(&sampler.join(path));
    // The questions before it: the host reveals each and moves on.
    for index in 0..first {
        phone.wait_page(&format!("question {index}"), |b| {
            b.body_is("data-question", &index.to_string()) && b.body_is("data-phase", "question")
        });
        assert_eq!(phone.body("data-picture").as_deref(), Some(""));
        keys(&x, &["F2"]);
        phone.wait_body("data-phase", "reveal");
        // The TV's reveal first: Return moves on from there.
        wait_screen(&game, "Reveal");
        press_until_screen(&x, &game, "Return", "Question");
    }
    phone.wait_question(first);
    phone.wait_body("data-picture", "loaded");
    let url = picture_url(&phone);
    assert!(url.contains("/picture/"), "{url}");
    let (w, h) = asset(media.image.as_deref().unwrap());
    let size = picture_box(&phone);
    assert_eq!(
        (size[0], size[1]),
        (f64::from(w), f64::from(h)),
        "its natural size"
    );
    // As wide as the page (360 less the margins), as tall as its shape says: the room it
    // had before it loaded, from the view.
    let width = 360.0 - 24.0;
    assert!((size[2] - width).abs() < 1.0, "{size:?}");
    let height = (width * f64::from(h) / f64::from(w)).min(0.30 * 740.0);
    assert!((size[3] - height).abs() < 1.5, "{size:?}");
    // Above the buttons, and everything on screen.
    assert!(
        size[4] <= size[5],
        "the picture ends above the buttons: {size:?}"
    );
    assert!(
        fits(&phone),
        "the picture and the buttons fit a 360x740 phone"
    );
    assert_eq!(
        phone.attr_of("picture-img", "alt"),
        "The question’s picture, as on the TV"
    );
    phone.save("131-phone-picture-question");
    wait_screen(&game, "Question");
    let _ = wait_for_screen(&x, "131-phones-tv-picture-question", |_| true);
    phone.viewport(360, 640);
    assert!(
        fits(&phone),
        "the picture and the buttons fit a 360x640 phone"
    );
    let small = picture_box(&phone);
    assert!(small[3] <= 0.30 * 640.0 + 1.0, "{small:?}");
    assert!(small[4] <= small[5], "{small:?}");
    phone.save("132-phone-picture-question-small");
    // With the question's text on phones too (a prompt of five lines), the picture gives
    // way and the buttons stay on screen.
    let prompt = "var p = document.getElementById('prompt'); \
        p.textContent = 'Which moment belongs in the gold gap on this timeline, between the \
        years the review names and the sale of Beats to Apple?'; p.hidden = false;";
    phone
        .rt
        .block_on(phone.client.execute(prompt, vec![]))
        .unwrap();
    assert!(
        fits(&phone),
        "a prompt, the picture and the buttons fit 360x640"
    );
    let squeezed = picture_box(&phone);
    assert!(
        squeezed[3] < small[3] && squeezed[3] >= 88.0,
        "{squeezed:?}"
    );
    let hide = "document.getElementById('prompt').hidden = true;";
    phone
        .rt
        .block_on(phone.client.execute(hide, vec![]))
        .unwrap();

    // The reveal: the answer's picture (or the question's, whole).
    phone.viewport(360, 740);
    // (Unless the countdown has run out meanwhile: the reveal is then on already.)
    keys(&x, &["F2"]);
    phone.wait_page("the reveal's picture", |b| {
        b.body_is("data-phase", "reveal")
            && b.body_is("data-picture", "loaded")
            && (picture_url(b) != url || media.reveal_image.is_none())
    });
    let (w, h) = asset(
        media
            .reveal_image
            .as_deref()
            .or(media.image.as_deref())
            .unwrap(),
    );
    let size = picture_box(&phone);
    assert_eq!((size[0], size[1]), (f64::from(w), f64::from(h)));
    assert_eq!(
        phone.attr_of("picture-img", "alt"),
        "The answer’s picture, as on the TV"
    );
    phone.save("133-phone-picture-reveal");
    phone.close();
    drop(game);
}

/// How many pixels of `(x, y, w, h)` differ between two captures.
fn differing(a: &Shot, b: &Shot, (x0, y0, w, h): (i64, i64, i64, i64)) -> usize {
    let mut n = 0;
    for y in y0.max(0)..y0 + h {
        for x in x0.max(0)..x0 + w {
            let (p, q) = (
                a.pixel(x as usize, y as usize),
                b.pixel(x as usize, y as usize),
            );
            if p.iter().zip(q).any(|(c, d)| c.abs_diff(d) > 24) {
                n += 1;
            }
        }
    }
    n
}

/// The lobby at 800x600 with phones on: each phone row on one line, and on screen.
#[test]
fn the_phone_rows_fit_the_lobby_at_800x600() {
    let x = Xvfb::start_sized(71, "800x600x24");
    let data = common::temp_dir("window-phone-rows-800");
    let game = Game::launch(
        &x,
        &data,
        crate::harness::Launch {
            args: &["party", "--phones", "--port", "0", "--listen", "127.0.0.1"],
            env: vec![("DEFIANT_TRIVIA_WINDOW", "800x600".to_string())],
            piped: false,
        },
    );
    wait_screen(&game, "Lobby");
    keys(&x, &["z", "v"]);
    let ui = wait_ui(&game, "two seats and the phone rows", |ui| {
        ui.has("Pictures on phones") && ui.has("Player 2")
    });
    let rows = [
        "Phones:",
        "Address:",
        "Question on phones:",
        "Pictures on phones:  ‹ off ›",
        "New phones:",
    ];
    let mut bottom = 0;
    for label in rows {
        let b = ui.button(label).unwrap_or_else(|| panic!("{label}"));
        assert!(
            b.h <= 36 && b.y >= bottom,
            "{label} on one line, in order: {b:?}"
        );
        bottom = b.y + b.h;
    }
    assert!(bottom <= 600, "every phone row on screen");
    game.wait_idle();
    crate::harness::screenshot(&x, "134-phones-lobby-800x600");
    game.kill_nine();
}

/// The unfinished night's journal in `data`, once the game has written it.
fn wait_journal(data: &Path) -> night::Journal {
    let folder = night::folder(data);
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
    loop {
        let read = night::journals(&folder)
            .first()
            .and_then(|path| std::fs::read(path).ok())
            .and_then(|bytes| night::read(&bytes).ok());
        if let Some(journal) = read {
            return journal;
        }
        assert!(std::time::Instant::now() < deadline, "no night journal");
        // The polling interval.
        std::thread::sleep(std::time::Duration::from_millis(200));
    }
}

/// A picture file's size in pixels.
fn image_size(path: &Path) -> (u32, u32) {
    let out = std::process::Command::new("identify")
        .args(["-format", "%w %h"])
        .arg(path)
        .output()
        .expect("ImageMagick's identify");
    let text = String::from_utf8_lossy(&out.stdout).to_string();
    let mut sides = text.split_whitespace().map(|n| n.parse().unwrap());
    (sides.next().unwrap(), sides.next().unwrap())
}

/// The page's picture: its natural width and height, its box's width and height, the
/// bottom of its box and the top of the buttons (or the card), in CSS pixels.
fn picture_box(phone: &Browser) -> Vec<f64> {
    let script = "var f = document.getElementById('picture'), i = document.getElementById('picture-img'); \
         var o = document.getElementById('options'), c = document.getElementById('card'); \
         var below = o.hidden ? c : o; var r = f.getBoundingClientRect(); \
         return [i.naturalWidth, i.naturalHeight, r.width, r.height, r.bottom, below.getBoundingClientRect().top];";
    let got = phone
        .rt
        .block_on(phone.client.execute(script, vec![]))
        .expect("the picture's box");
    got.as_array()
        .expect("numbers")
        .iter()
        .map(|v| v.as_f64().unwrap_or(f64::NAN))
        .collect()
}

/// The address the page's picture loads from.
fn picture_url(phone: &Browser) -> String {
    phone.attr_of("picture-img", "src")
}
