//! A party night that survives a crash: killed with SIGKILL mid-question, resumed from the
//! title and with `party --resume`, it plays on to the same history as a night played
//! straight through.

use std::path::Path;
use std::process::Command;
use std::time::Duration;

use defiant_trivia::core::night;

use crate::common;
use crate::harness::{Game, Launch, Xvfb, keys, wait_for, wait_for_screen};
use crate::pixels::{
    Shot, changed, lobby_ready, paused_ready, podium_ready, question_ready, resume_offered,
    reveal_ready, seat_shown,
};
use crate::probe::{click_button, focus_button, press_button, wait_screen, wait_ui};

/// The party history's one record, without when it ended (and the id made from that).
fn party_record(data: &Path) -> defiant_trivia::core::history::PartyRecord {
    let text = std::fs::read_to_string(data.join("party-history.ron")).expect("party saved");
    let history: defiant_trivia::core::history::PartyHistory =
        ron::from_str(&text).expect("the history reads");
    assert_eq!(history.parties.len(), 1, "{text}");
    let mut record = history.parties[0].clone();
    record.when = 0;
    record.id = 0;
    record
}

/// A two-player party in a real window up to its second question: speed bonus off (so the
/// scores do not depend on timing), the first question answered by both.
fn party_to_second_question(x: &Xvfb, game: &Game, name: &str) -> Shot {
    wait_screen(game, "Lobby");
    let lobby = wait_for_screen(x, &format!("{name}-lobby"), lobby_ready);
    keys(x, &["z", "v"]);
    wait_for_screen(x, &format!("{name}-joined"), |s| {
        changed(s, &lobby) && seat_shown(s, 1)
    });
    // Speed bonus off, then Start party.
    focus_button(x, game, "Speed bonus:");
    keys(x, &["Return"]);
    wait_ui(game, "the speed bonus off", |ui| {
        ui.has("Speed bonus:  ‹ off ›")
    });
    press_button(x, game, "Start party");
    wait_screen(game, "Question");
    let first = wait_for_screen(x, &format!("{name}-q1"), question_ready);
    // Player 1 picks A (Q), player 2 picks B (T): the reveal, then the scoreboard.
    keys(x, &["q", "t"]);
    wait_screen(game, "Reveal");
    let reveal = wait_for_screen(x, &format!("{name}-reveal-1"), |s| {
        changed(s, &first) && reveal_ready(s)
    });
    keys(x, &["Return"]);
    wait_screen(game, "Scoreboard");
    let board = wait_for_screen(x, &format!("{name}-scoreboard-1"), |s| {
        changed(s, &reveal) && !reveal_ready(s) && !question_ready(s)
    });
    keys(x, &["Return"]);
    wait_screen(game, "Question");
    wait_for_screen(x, &format!("{name}-q2"), |s| {
        changed(s, &board) && question_ready(s)
    })
}

/// From the second question on to the podium: player 1 picks B (W), player 2 A (R), then
/// the host ends the game (F10 twice) and the podium saves the party.
fn finish_party(x: &Xvfb, game: &Game, name: &str, question: &Shot, data: &Path) {
    keys(x, &["w", "r"]);
    wait_screen(game, "Reveal");
    let reveal = wait_for_screen(x, &format!("{name}-reveal-2"), |s| {
        changed(s, question) && reveal_ready(s)
    });
    keys(x, &["F10", "F10"]);
    wait_screen(game, "Podium");
    wait_for_screen(x, &format!("{name}-podium"), |s| {
        changed(s, &reveal) && podium_ready(s)
    });
    wait_for("the party history", Duration::from_secs(30), || {
        data.join("party-history.ron").exists()
    });
}

/// The paused question of a resumed night: the pause menu has the focus on Resume.
fn wait_paused(game: &Game) {
    wait_ui(game, "the resumed night paused", |ui| {
        ui.on("Question") && ui.focused("Resume")
    });
}

#[test]
fn kill_nine_mid_question_then_resume_plays_the_same_night() {
    // Nothing to resume yet: a clear word and exit 1, before any window.
    let data = common::temp_dir("window-resume");
    let none = Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
        .args(["party", "--resume"])
        .env("DEFIANT_TRIVIA_ROOT", common::repo())
        .env("DEFIANT_TRIVIA_DATA", &data)
        .output()
        .expect("the game runs");
    assert_eq!(none.status.code(), Some(1));
    assert!(
        String::from_utf8_lossy(&none.stderr).contains("Nothing to resume"),
        "{}",
        String::from_utf8_lossy(&none.stderr)
    );

    // The night, killed with SIGKILL during its second question.
    let x = Xvfb::start(81);
    let game = Game::start_with(&x, &data, &["party"]);
    party_to_second_question(&x, &game, "80-resume");
    game.kill_nine();
    let nights = night::journals(&night::folder(&data));
    assert_eq!(nights.len(), 1, "one unfinished night is kept");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&nights[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the journal is the owner's alone");
    }
    let journal = night::read(&std::fs::read(&nights[0]).unwrap()).expect("it reads");
    let before = night::replay(&journal).expect("it replays");
    assert_eq!(
        before.game.current_index(),
        1,
        "killed in the second question"
    );

    // The title offers the night above Play (its summary line under it): a click on
    // Resume the party resumes it, paused.
    let game = Game::start(&x, &data);
    wait_ui(&game, "the title offering the night", |ui| {
        ui.on("Title") && ui.has("Resume the party")
    });
    let title = wait_for_screen(&x, "81-title-offers-resume", resume_offered);
    click_button(&x, &game, "Resume the party");
    wait_paused(&game);
    wait_for_screen(&x, "81-title-resumed-paused", |s| {
        changed(s, &title) && paused_ready(s)
    });
    // A second crash, while paused: the night is still there.
    game.kill_nine();

    // party --resume: the same question, paused, with the same scores.
    let launch = Launch {
        args: &["party", "--resume"],
        piped: true,
        ..Launch::default()
    };
    let mut resumed = Game::launch(&x, &data, launch);
    wait_paused(&resumed);
    let paused = wait_for_screen(&x, "81-resumed-paused", paused_ready);
    let mut said = String::new();
    use std::io::Read;
    if let Some(out) = resumed.child.stdout.as_mut() {
        let mut buf = [0u8; 4096];
        if let Ok(n) = out.read(&mut buf) {
            said = String::from_utf8_lossy(&buf[..n]).to_string();
        }
    }
    assert!(
        said.contains("Resuming the party") && said.contains("question 2 of"),
        "{said}"
    );
    // Esc goes on: the second question shows again.
    keys(&x, &["Escape"]);
    wait_ui(&resumed, "the pause menu gone", |ui| {
        !ui.has("Quit to title")
    });
    let question = wait_for_screen(&x, "82-resumed-question", |s| {
        changed(s, &paused) && question_ready(s)
    });
    finish_party(&x, &resumed, "83-resumed", &question, &data);
    let resumed_record = party_record(&data);
    assert!(
        night::journals(&night::folder(&data)).is_empty(),
        "the finished night's journal is gone"
    );
    drop(resumed);
    drop(x);

    // The same night played straight through gives the same history.
    let straight = common::temp_dir("window-straight");
    let x = Xvfb::start(82);
    let game = Game::start_with(&x, &straight, &["party"]);
    let question = party_to_second_question(&x, &game, "84-straight");
    finish_party(&x, &game, "85-straight", &question, &straight);
    assert_eq!(resumed_record, party_record(&straight));
}
