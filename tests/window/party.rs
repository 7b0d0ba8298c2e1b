//! A party in a real window: two players join from the keyboard, answer with their key
//! groups, and the host ends the game on the podium.

use defiant_trivia::game::theme::palette;

use crate::common;
use crate::harness::{Game, WIDTH, Xvfb, keys, wait_for_screen};
use crate::pixels::{
    changed, lobby_ready, panels, podium_ready, question_ready, reveal_ready, rgb, seat_shown,
};
use crate::probe::{press_button, wait_screen};

#[test]
fn a_two_player_party_from_the_lobby_to_the_podium() {
    let x = Xvfb::start(97);
    let data = common::temp_dir("window-party");
    let game = Game::start_with(&x, &data, &["party"]);
    wait_screen(&game, "Lobby");
    let lobby = wait_for_screen(&x, "50-party-lobby-empty", lobby_ready);
    // Two players join with their buzz keys: their cards appear on the left.
    keys(&x, &["z", "v"]);
    let joined = wait_for_screen(&x, "51-party-lobby-two-players", |s| {
        changed(s, &lobby) && seat_shown(s, 0) && seat_shown(s, 1)
    });
    press_button(&x, &game, "Start party");
    wait_screen(&game, "Question");
    let question = wait_for_screen(&x, "52-party-question", |s| {
        changed(s, &joined) && question_ready(s)
    });
    // The first player locks in (Q = option A): a ✓ marker by the name, not the option.
    keys(&x, &["q"]);
    let locked = wait_for_screen(&x, "53-party-locked-in", |s| {
        changed(s, &question) && s.share((0, 540, WIDTH, 680), rgb(palette::RIGHT), 10) > 0.0005
    });
    // The second player answers (T = option B): everyone has, so the reveal shows at once
    // with the picks.
    keys(&x, &["t"]);
    wait_screen(&game, "Reveal");
    let reveal = wait_for_screen(&x, "54-party-reveal-with-picks", |s| {
        changed(s, &locked) && reveal_ready(s)
    });
    keys(&x, &["Return"]);
    wait_screen(&game, "Scoreboard");
    let scoreboard = wait_for_screen(&x, "55-party-scoreboard", |s| {
        changed(s, &reveal)
            && !reveal_ready(s)
            && s.share((0, 0, WIDTH, 90), rgb(palette::ACCENT), 12) > 0.005
            && panels(s, (200, 100, 1080, 300)) > 0.05
    });
    // The host ends the game: F10, and F10 again to confirm; the podium reveals its places.
    keys(&x, &["F10", "F10"]);
    wait_screen(&game, "Podium");
    wait_for_screen(&x, "56-party-podium", |s| {
        changed(s, &scoreboard) && podium_ready(s)
    });
    let history = std::fs::read_to_string(data.join("party-history.ron")).expect("party saved");
    assert!(
        history.contains("Player 1") && history.contains("Player 2"),
        "{history}"
    );
}
