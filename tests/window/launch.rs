//! Launching: every launch left alone draws its first screen, and keys typed the moment
//! the window shows all count. Here the screen itself is what is tested (drawn, not just
//! laid out), so the waits are on captures of the X screen, not on the probe.

use std::path::Path;
use std::time::{Duration, Instant};

use crate::common;
use crate::harness::{
    Game, Xvfb, game_window_exists, game_window_shown, keys, screenshot, screenshot_dir, wait_for,
    wait_until,
};
use crate::pixels::{Shot, lobby_ready, seat_shown, title_ready};

/// Starts the game with `args` and waits for its window to exist (shown or not); returns
/// the game and when it was started. A launch that exits before opening its window (the
/// X server refused its connection, seen now and then right after the previous game
/// closed) is started once more.
fn start_game_window(x: &Xvfb, data: &Path, args: &[&str]) -> (Game, Instant) {
    for _ in 0..2 {
        let start = Instant::now();
        let mut game = Game::start_with(x, data, args);
        let mut exited = false;
        let opened = wait_until(Duration::from_secs(20), Duration::from_millis(20), || {
            if let Ok(Some(status)) = game.child.try_wait() {
                eprintln!("the game ({args:?}) exited before opening its window: {status}");
                exited = true;
            }
            exited || game_window_exists(x)
        });
        if opened && !exited {
            return (game, start);
        }
    }
    panic!("the game ({args:?}) never opened its window");
}

/// Captures the screen as `name.png` until `ready` or `within` has passed; the capture
/// that was ready, and when (since `start`) the game's window was first seen shown.
fn wait_within(
    x: &Xvfb,
    name: &str,
    start: Instant,
    within: Duration,
    ready: impl Fn(&Shot) -> bool,
) -> (Option<Duration>, Option<Duration>) {
    let mut shown = None;
    let left = within.saturating_sub(start.elapsed());
    let drawn = wait_until(left, Duration::from_millis(50), || {
        if shown.is_none() && game_window_shown(x) {
            shown = Some(start.elapsed());
        }
        ready(&screenshot(x, name))
    });
    (drawn.then(|| start.elapsed()), shown)
}

/// Launches left alone draw their first screen (the title, or the lobby for `party`) with
/// no key, click or pointer motion: a reactive event loop is woken by nothing when fonts
/// finish loading or the renderer finishes compiling its pipelines. And keys typed the
/// moment the window shows all count: `party`, then Z and V at once, seats two players.
#[test]
fn ten_untouched_launches_each_draw_their_first_screen() {
    let x = Xvfb::start(98);
    let data = common::temp_dir("window-launches");
    let within = Duration::from_secs(20);
    let mut times = Vec::new();
    for i in 1..=10 {
        let party = i % 2 == 0;
        let (args, screen): (&[&str], &str) = if party {
            (&["party"], "lobby")
        } else {
            (&[], "title")
        };
        let name = format!("90-launch-{i:02}-{screen}");
        let (game, start) = start_game_window(&x, &data, args);
        let (drawn, shown) = wait_within(&x, &name, start, within, |s| {
            if party {
                lobby_ready(s)
            } else {
                title_ready(s)
            }
        });
        let Some(drawn) = drawn else {
            panic!(
                "launch {i} ({screen}): no {screen} within {within:?}, untouched (window shown: \
                 {shown:?}); last capture in {}",
                screenshot_dir().join(format!("{name}.png")).display()
            );
        };
        times.push(format!(
            "{i} {screen}: shown {shown:.2?}, drawn {drawn:.2?}"
        ));
        drop(game);
        wait_for("the window to close", Duration::from_secs(10), || {
            !game_window_exists(&x)
        });
    }
    // Reported, not asserted (the machine's load varies).
    eprintln!(
        "launch to first screen, untouched:\n  {}",
        times.join("\n  ")
    );

    // Keys typed as soon as the window shows: both players join.
    let (_game, start) = start_game_window(&x, &data, &["party"]);
    let left = within.saturating_sub(start.elapsed());
    assert!(
        wait_until(left, Duration::from_millis(20), || game_window_shown(&x)),
        "the window never showed"
    );
    keys(&x, &["z", "v"]);
    let (joined, _) = wait_within(
        &x,
        "91-launch-keys-at-once-two-players",
        Instant::now(),
        Duration::from_secs(10),
        |s| lobby_ready(s) && seat_shown(s, 0) && seat_shown(s, 1),
    );
    assert!(
        joined.is_some(),
        "Z and V typed as the window showed did not seat two players; see {}",
        screenshot_dir()
            .join("91-launch-keys-at-once-two-players.png")
            .display()
    );
}

/// As installed: no game folder (`DEFIANT_TRIVIA_ROOT` set and empty), so the fonts, the
/// sounds and the packs come from the binary itself. The title draws its text, the built-in
/// documentary pack is in the picker, and its first question draws.
#[test]
fn the_binary_plays_with_nothing_beside_it() {
    use crate::harness::{Launch, wait_for_screen};
    use crate::pixels::question_ready;
    use crate::probe::{press_button, wait_screen, wait_ui};
    let x = Xvfb::start(87);
    let data = common::temp_dir("window-built-in");
    let game = Game::launch(
        &x,
        &data,
        Launch {
            args: &[],
            env: vec![("DEFIANT_TRIVIA_ROOT", String::new())],
            piped: false,
        },
    );
    wait_screen(&game, "Title");
    wait_for_screen(&x, "05-title-built-in", title_ready);
    press_button(&x, &game, "Play");
    wait_screen(&game, "PackPicker");
    wait_ui(&game, "the built-in pack", |ui| ui.has("The Defiant Ones"));
    press_button(&x, &game, "The Defiant Ones");
    wait_screen(&game, "Setup");
    press_button(&x, &game, "Start");
    wait_screen(&game, "Question");
    wait_for_screen(&x, "06-question-built-in", question_ready);
}
