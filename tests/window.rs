//! The real binary in a real window: Xvfb with Mesa's software Vulkan, real key events from
//! xdotool, screenshots from ImageMagick's `import`. Screenshots are saved under
//! `$CARGO_TARGET_TMPDIR/screenshots` for people to look at.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WIDTH: usize = 1280;
const HEIGHT: usize = 720;

/// Window tests run one at a time: each drives a software-rendered window that wants both
/// cores, and side by side they only slow each other down.
static ONE_WINDOW_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A private X server on its own display number, stopped when dropped.
struct Xvfb {
    child: Child,
    display: String,
    /// The width and height that `screenshot` captures from the top left: the whole
    /// screen, or the public window's 1280x720 on a screen wide enough for two windows.
    size: (usize, usize),
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Xvfb {
    fn start(number: u32) -> Self {
        Self::start_sized(number, "1280x720x24")
    }

    /// An X screen of `size` (`WIDTHxHEIGHTxDEPTH`), e.g. wide enough for two windows.
    fn start_sized(number: u32, size: &str) -> Self {
        // Held for the test's lifetime: the guard is stored in the returned value.
        let turn = ONE_WINDOW_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        let display = format!(":{number}");
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{number}"));
        let _ = std::fs::remove_file(format!("/tmp/.X{number}-lock"));
        let child = Command::new("Xvfb")
            .args([&display, "-screen", "0", size, "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (scripts/test installs it: apt-get install xvfb)");
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        wait_for("Xvfb to start", Duration::from_secs(20), || socket.exists());
        let mut dims = size.split('x').map(|n| n.parse().unwrap_or(0));
        let size = (dims.next().unwrap_or(0), dims.next().unwrap_or(0));
        Self {
            child,
            display,
            size,
            _turn: turn,
        }
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The game, stopped when dropped.
struct Game {
    child: Child,
}

impl Game {
    fn start(x: &Xvfb, root: &Path, data: &Path) -> Self {
        Self::start_with(x, root, data, &[])
    }

    /// The game with command-line arguments, e.g. `play PATH --question ID`.
    fn start_with(x: &Xvfb, root: &Path, data: &Path, args: &[&str]) -> Self {
        Self::start_piped(x, root, data, args, Stdio::null())
    }

    /// [`Game::start_with`], its standard output going to `stdout`.
    fn start_piped(x: &Xvfb, root: &Path, data: &Path, args: &[&str], stdout: Stdio) -> Self {
        let child = Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
            .args(args)
            .env("DISPLAY", &x.display)
            .env("DEFIANT_TRIVIA_ROOT", root)
            .env("DEFIANT_TRIVIA_ROUND_CODE", choices_code())
            .env("XDG_DATA_HOME", data)
            .env("DEFIANT_TRIVIA_DATA", data)
            .env("XDG_RUNTIME_DIR", data)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(stdout)
            .stderr(Stdio::inherit())
            .spawn()
            .expect("game binary runs");
        Self { child }
    }

    /// Waits for the game to exit by itself; returns its exit code.
    fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let start = Instant::now();
        while start.elapsed() < within {
            if let Ok(Some(status)) = self.child.try_wait() {
                return status.code();
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        None
    }
}

impl Drop for Game {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn wait_for(what: &str, within: Duration, mut done: impl FnMut() -> bool) {
    let start = Instant::now();
    while start.elapsed() < within {
        if done() {
            return;
        }
        std::thread::sleep(Duration::from_millis(250));
    }
    panic!("timed out after {within:?} waiting for {what}");
}

/// A screenshot: RGB bytes, row by row.
struct Shot {
    rgb: Vec<u8>,
    width: usize,
}

impl Shot {
    fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * self.width + x) * 3;
        [self.rgb[i], self.rgb[i + 1], self.rgb[i + 2]]
    }

    /// Share of pixels in the rectangle within `tolerance` of `color` on every channel.
    fn share(
        &self,
        (x0, y0, x1, y1): (usize, usize, usize, usize),
        color: [u8; 3],
        tolerance: u8,
    ) -> f64 {
        let mut hits = 0usize;
        for y in y0..y1 {
            for x in x0..x1 {
                let p = self.pixel(x, y);
                if (0..3).all(|c| p[c].abs_diff(color[c]) <= tolerance) {
                    hits += 1;
                }
            }
        }
        hits as f64 / ((x1 - x0) * (y1 - y0)) as f64
    }
}

fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Captures the X screen's top-left `x.size` to `name.png` and returns its pixels.
fn screenshot(x: &Xvfb, name: &str) -> Shot {
    let (w, h) = x.size;
    window_shot(x, name, (0, 0, w, h))
}

/// Captures `region` (left, top, width, height) of the X screen to `name.png`: one window
/// of several on a wide screen.
fn window_shot(x: &Xvfb, name: &str, (left, top, w, h): (usize, usize, usize, usize)) -> Shot {
    let path = screenshot_dir().join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-display", &x.display, "-window", "root", "-crop"])
        .arg(format!("{w}x{h}+{left}+{top}"))
        .arg("+repage")
        .arg(&path)
        .status()
        .expect("ImageMagick's import is installed (apt-get install imagemagick)");
    assert!(status.success(), "import failed");
    let out = Command::new("convert")
        .arg(&path)
        .args(["-depth", "8", "rgb:-"])
        .output()
        .expect("ImageMagick's convert runs");
    assert_eq!(out.stdout.len(), w * h * 3, "screenshot size");
    Shot {
        rgb: out.stdout,
        width: w,
    }
}

/// Sends real key presses (XTEST) to the game window.
fn keys(x: &Xvfb, keys: &[&str]) {
    let window = Command::new("xdotool")
        .args(["search", "--name", "^Defiant Trivia$"])
        .env("DISPLAY", &x.display)
        .output()
        .expect("xdotool is installed (apt-get install xdotool)");
    let id = String::from_utf8_lossy(&window.stdout)
        .lines()
        .next()
        .map(str::to_string)
        .expect("the game window exists");
    let focus = Command::new("xdotool")
        .args(["windowfocus", "--sync", &id])
        .env("DISPLAY", &x.display)
        .status()
        .unwrap();
    assert!(focus.success());
    // Park the pointer in a corner, away from any button.
    let _ = Command::new("xdotool")
        .args(["mousemove", "0", "0"])
        .env("DISPLAY", &x.display)
        .status();
    for key in keys {
        let status = Command::new("xdotool")
            .args(["key", "--delay", "120", key])
            .env("DISPLAY", &x.display)
            .status()
            .unwrap();
        assert!(status.success());
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// sRGB bytes of a palette colour.
fn rgb(color: bevy::color::Color) -> [u8; 3] {
    let c = color.to_srgba();
    [c.red, c.green, c.blue].map(|v| (v * 255.0).round() as u8)
}

/// Waits until a screenshot satisfies `ready`, saving each try as `name.png`.
fn wait_for_screen(x: &Xvfb, name: &str, mut ready: impl FnMut(&Shot) -> bool) -> Shot {
    let start = Instant::now();
    loop {
        let shot = screenshot(x, name);
        if ready(&shot) {
            return shot;
        }
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "timed out waiting for the {name} screen; last capture in {}",
            screenshot_dir().join(format!("{name}.png")).display()
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

use defiant_trivia::game::theme::palette;

/// A round code whose round opens with 20 multiple-choice questions: the tests that
/// answer options by key play it (the pack mixes in orders and numbers).
fn choices_code() -> String {
    defiant_trivia::core::round_code::encode(common::choices_first_seed(20))
}

/// On the setup screen: five questions, the known code, then Start. Returns the round's
/// questions as the core picks them for that code, in order.
fn start_known_round(x: &Xvfb) -> Vec<defiant_trivia::core::RoundQuestion> {
    use defiant_trivia::core::round::pick_questions;
    use defiant_trivia::core::{RoundSettings, check_file, round_code};
    // Five questions: 10 -> 20 -> All -> 5. Then down to the code row (past "Watched up
    // to") and type it.
    keys(x, &["Right", "Right", "Right"]);
    keys(x, &["Down", "Down", "Down", "Down", "Down", "Return"]);
    let code = choices_code();
    // The dash is optional when typing a code (and no key name for xdotool).
    let typed: Vec<String> = code
        .chars()
        .filter(|c| *c != '-')
        .map(|c| c.to_string())
        .collect();
    let typed: Vec<&str> = typed.iter().map(String::as_str).collect();
    keys(x, &typed);
    keys(x, &["Return", "Down", "Down", "Return"]);
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

/// The key that picks `option` (0-based).
fn answer_key(option: usize) -> String {
    (option + 1).to_string()
}

fn title_ready(shot: &Shot) -> bool {
    shot.share((0, 0, WIDTH, HEIGHT), rgb(palette::BACKGROUND), 3) > 0.5
        && shot.share((200, 20, 1080, 200), rgb(palette::ACCENT), 12) > 0.02
}

/// A question: the first answer's colour fills part of the lower half.
fn question_ready(shot: &Shot) -> bool {
    shot.share((0, 360, WIDTH, HEIGHT), rgb(palette::ANSWER[0]), 10) > 0.01
}

/// A reveal: the right answer's card is green and no answer keeps its question colour.
fn reveal_ready(shot: &Shot) -> bool {
    shot.share((0, 200, WIDTH, HEIGHT), rgb(palette::RIGHT), 10) > 0.01
        && shot.share((0, 200, WIDTH, HEIGHT), rgb(palette::ANSWER[0]), 10) < 0.001
}

/// Share of a region covered by cards and buttons, focused or not.
fn panels(shot: &Shot, region: (usize, usize, usize, usize)) -> f64 {
    shot.share(region, rgb(palette::PANEL), 3) + shot.share(region, rgb(palette::PANEL_RAISED), 3)
}

fn changed(a: &Shot, b: &Shot) -> bool {
    let differing = a
        .rgb
        .chunks(3)
        .zip(b.rgb.chunks(3))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
        .count();
    differing as f64 / (WIDTH * HEIGHT) as f64 > 0.01
}

#[test]
fn a_whole_round_from_the_keyboard_in_a_real_window() {
    let x = Xvfb::start(92);
    let data = common::temp_dir("window-round");
    let mut game = Game::start(&x, &common::repo(), &data);
    let title = wait_for_screen(&x, "01-title", title_ready);
    keys(&x, &["Return"]); // Play
    let picker = wait_for_screen(&x, "02-pack-picker", |s| {
        changed(s, &title) && panels(s, (100, 150, 1180, 600)) > 0.05
    });
    keys(&x, &["Return"]); // The Defiant Ones, listed first
    let setup = wait_for_screen(&x, "03-setup", |s| {
        changed(s, &picker) && panels(s, (200, 100, 1080, 650)) > 0.1
    });
    let questions = start_known_round(&x);
    let mut last = setup;
    for i in 1..=5 {
        let q = wait_for_screen(&x, &format!("04-question-{i}"), |s| {
            changed(s, &last) && question_ready(s)
        });
        if i == 2 {
            // Esc pauses: the overlay covers the answers; Esc again resumes.
            keys(&x, &["Escape"]);
            wait_for_screen(&x, "04-question-2-paused", |s| !question_ready(s));
            keys(&x, &["Escape"]);
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
    let name = wait_for_screen(&x, "06-name-entry", |s| {
        !reveal_ready(s) && s.share((200, 150, 1080, 330), rgb(palette::ACCENT), 12) > 0.01
    });
    keys(&x, &["BackSpace"; 6]);
    keys(&x, &["T", "e", "s", "t", "Return"]);
    let results = wait_for_screen(&x, "07-results", |s| {
        changed(s, &name) && s.share((0, 0, WIDTH, 200), rgb(palette::ACCENT), 12) > 0.005
    });
    // Results' buttons: Play again, New round, Title.
    keys(&x, &["Down", "Down", "Return"]);
    wait_for_screen(&x, "08-title-again", |s| {
        changed(s, &results) && title_ready(s)
    });
    // The high score is on disk, saved atomically.
    let saved = std::fs::read_to_string(data.join("high-scores.ron")).expect("high scores saved");
    assert!(saved.contains("\"Test\""), "{saved}");
    // High scores (Play, Party, High scores): the new entry is listed.
    keys(&x, &["Down", "Down", "Return"]);
    let scores = wait_for_screen(&x, "09-high-scores", |s| {
        !title_ready(s) && s.share((0, 150, WIDTH, 500), rgb(palette::ACCENT), 12) > 0.002
    });
    keys(&x, &["Escape"]);
    let title = wait_for_screen(&x, "08-title-again", |s| {
        changed(s, &scores) && title_ready(s)
    });
    // Settings: Volume down one step is saved at once.
    keys(&x, &["Down", "Down", "Down", "Return"]);
    wait_for_screen(&x, "09-settings", |s| {
        changed(s, &title) && panels(s, (200, 100, 1080, 600)) > 0.1
    });
    keys(&x, &["Down", "Left"]);
    wait_for("settings saved", Duration::from_secs(10), || {
        std::fs::read_to_string(data.join("settings.ron")).is_ok_and(|t| t.contains("volume: 70"))
    });
    keys(&x, &["Escape"]);
    wait_for_screen(&x, "08-title-again", title_ready);
    // Down to Quit (Play, Party, High scores, Settings, Quit) and out.
    keys(&x, &["Down", "Down", "Down", "Down", "Return"]);
    assert_eq!(game.wait_exit(Duration::from_secs(30)), Some(0));
}

/// Clicks at a point of the 1280x720 screen.
fn click_at(x: &Xvfb, at: (u32, u32)) {
    let status = Command::new("xdotool")
        .args([
            "mousemove",
            &at.0.to_string(),
            &at.1.to_string(),
            "click",
            "1",
        ])
        .env("DISPLAY", &x.display)
        .status()
        .unwrap();
    assert!(status.success());
    std::thread::sleep(Duration::from_millis(400));
}

#[test]
fn a_two_player_party_from_the_lobby_to_the_podium() {
    let x = Xvfb::start(97);
    let data = common::temp_dir("window-party");
    let _game = Game::start_with(&x, &common::repo(), &data, &["party"]);
    let lobby = wait_for_screen(&x, "50-party-lobby-empty", |s| {
        s.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
            && panels(s, (660, 100, 1240, 600)) > 0.1
    });
    // Two players join with their buzz keys: their cards appear on the left.
    keys(&x, &["z", "v"]);
    let joined = wait_for_screen(&x, "51-party-lobby-two-players", |s| {
        changed(s, &lobby)
            && s.share((40, 100, 640, 260), rgb(palette::seat(0)), 10) > 0.0002
            && s.share((40, 100, 640, 260), rgb(palette::seat(1)), 10) > 0.0002
    });
    // From the Pack row down to Start party (14 rows), and start.
    keys(&x, &["Down"; 14]);
    keys(&x, &["Return"]);
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
    let reveal = wait_for_screen(&x, "54-party-reveal-with-picks", |s| {
        changed(s, &locked) && reveal_ready(s)
    });
    keys(&x, &["Return"]);
    let scoreboard = wait_for_screen(&x, "55-party-scoreboard", |s| {
        changed(s, &reveal)
            && !reveal_ready(s)
            && s.share((0, 0, WIDTH, 90), rgb(palette::ACCENT), 12) > 0.005
            && panels(s, (200, 100, 1080, 300)) > 0.05
    });
    // The host ends the game: F10, and F10 again to confirm; the podium reveals its places.
    keys(&x, &["F10", "F10"]);
    std::thread::sleep(Duration::from_secs(6));
    wait_for_screen(&x, "56-party-podium", |s| {
        changed(s, &scoreboard)
            && s.share((200, 200, 1080, 560), rgb(palette::PANEL_RAISED), 6) > 0.05
    });
    let history = std::fs::read_to_string(data.join("party-history.ron")).expect("party saved");
    assert!(
        history.contains("Player 1") && history.contains("Player 2"),
        "{history}"
    );
}

/// Where the host console sits on the wide test screen (beside the public window).
const CONSOLE: (usize, usize, usize, usize) = (1300, 0, 1100, 700);
/// The public window on the wide test screen.
const PUBLIC: (usize, usize, usize, usize) = (0, 0, WIDTH, HEIGHT);

/// The buttons along the console's button bar: spans of a row that are not the background,
/// each with whether it is lit (enabled: the raised panel colour) — found on the row that
/// crosses the most of them.
fn console_buttons(shot: &Shot) -> Vec<(usize, usize, bool)> {
    console_bar(shot).1
}

/// The row of [`console_buttons`], and the buttons on it.
fn console_bar(shot: &Shot) -> (usize, Vec<(usize, usize, bool)>) {
    let bg = rgb(palette::BACKGROUND);
    let raised = rgb(palette::PANEL_RAISED);
    let panel = rgb(palette::PANEL);
    let near = |p: [u8; 3], c: [u8; 3]| (0..3).all(|i| p[i].abs_diff(c[i]) <= 4);
    let mut best: (usize, usize, Vec<(usize, usize, bool)>) = (0, 0, Vec::new());
    for y in 40..98 {
        let mut spans = Vec::new();
        let mut x = 0;
        while x < shot.width {
            if near(shot.pixel(x, y), bg) {
                x += 1;
                continue;
            }
            // A span ends at 6 background pixels in a row (the gap between buttons).
            let start = x;
            let mut gap = 0;
            while x < shot.width && gap < 6 {
                gap = if near(shot.pixel(x, y), bg) {
                    gap + 1
                } else {
                    0
                };
                x += 1;
            }
            let end = x - gap;
            let lit = (start..end)
                .filter(|&i| near(shot.pixel(i, y), raised))
                .count();
            let grey = (start..end)
                .filter(|&i| near(shot.pixel(i, y), panel))
                .count();
            // A button: mostly its own fill (text lines are mostly glyph colours).
            if end - start > 40 && (lit + grey) * 2 > end - start {
                spans.push((start, end, lit > grey));
            }
        }
        // The middle of the rows that cross the most buttons: clear of their edges.
        if spans.len() > best.2.len() {
            best = (y, y, spans);
        } else if !spans.is_empty() && spans.len() == best.2.len() && best.1 + 1 == y {
            best.1 = y;
        }
    }
    ((best.0 + best.1) / 2, best.2)
}

/// Clicks the console's `n`th button (0-based) of its button bar.
fn click_console_button(x: &Xvfb, shot: &Shot, n: usize) {
    let (y, buttons) = console_bar(shot);
    let (start, end, lit) = buttons[n];
    assert!(lit, "console button {n} is greyed: {buttons:?}");
    let mid = (start + end) / 2;
    click_at(x, ((CONSOLE.0 + mid) as u32, (CONSOLE.1 + y) as u32));
}

/// An X screen wide enough for both windows, and `party --host-window` on it with the
/// console beside the public window.
fn start_with_console(display: u32, name: &str) -> (Xvfb, Game) {
    let mut x = Xvfb::start_sized(display, "2400x720x24");
    x.size = (WIDTH, HEIGHT);
    let data = common::temp_dir(name);
    let child = Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
        .args(["party", "--host-window"])
        .env("DISPLAY", &x.display)
        .env("DEFIANT_TRIVIA_ROOT", common::repo())
        .env("DEFIANT_TRIVIA_ROUND_CODE", choices_code())
        .env("DEFIANT_TRIVIA_DATA", &data)
        .env("XDG_DATA_HOME", &data)
        .env("XDG_RUNTIME_DIR", &data)
        .env(
            "DEFIANT_TRIVIA_CONSOLE_AT",
            format!("{},{}", CONSOLE.0, CONSOLE.1),
        )
        .env_remove("WAYLAND_DISPLAY")
        .stdout(Stdio::null())
        .spawn()
        .expect("game binary runs");
    (x, Game { child })
}

/// The console's title bar is drawn.
fn console_ready(s: &Shot) -> bool {
    s.share((0, 0, 1100, 60), rgb(palette::ACCENT), 12) > 0.01
}

/// Waits until a capture of one window's region satisfies `ready`, saving it as `name.png`.
fn wait_for_window(
    x: &Xvfb,
    name: &str,
    at: (usize, usize, usize, usize),
    ready: &dyn Fn(&Shot) -> bool,
) -> Shot {
    let start = Instant::now();
    loop {
        let s = window_shot(x, name, at);
        if ready(&s) {
            return s;
        }
        assert!(
            start.elapsed() < Duration::from_secs(180),
            "timed out waiting for {name}"
        );
        std::thread::sleep(Duration::from_millis(500));
    }
}

/// Clicks the console's `n`th button until the public window shows `ready` (saved as
/// `name.png`). In one full `.ci/run` the capture of the console showed it half drawn (its
/// panels missing) and the click that followed was lost; run alone the test passed six
/// times out of six. So a second click (from a fresh capture) is allowed and reported on
/// stderr; a third failure fails the test.
fn click_console_until(
    x: &Xvfb,
    console: &Shot,
    n: usize,
    name: &str,
    ready: &dyn Fn(&Shot) -> bool,
) -> Shot {
    let mut console_now = None;
    for attempt in 1..=3 {
        click_console_button(x, console_now.as_ref().unwrap_or(console), n);
        let start = Instant::now();
        while start.elapsed() < Duration::from_secs(20) {
            let s = window_shot(x, name, PUBLIC);
            if ready(&s) {
                if attempt > 1 {
                    eprintln!("note: console button {n} needed click {attempt} for {name}");
                }
                return s;
            }
            std::thread::sleep(Duration::from_millis(500));
        }
        console_now = Some(window_shot(x, &format!("{name}-console-retry"), CONSOLE));
    }
    panic!("three clicks on console button {n} never gave {name}");
}

#[test]
fn the_host_runs_the_party_from_the_console_window() {
    let (x, _game) = start_with_console(91, "window-console");
    let wait = |name: &str, at, ready: &dyn Fn(&Shot) -> bool| wait_for_window(&x, name, at, ready);
    // Both windows: the lobby on the TV, the console beside it.
    wait("70-public-lobby", PUBLIC, &|s| {
        panels(s, (660, 100, 1240, 600)) > 0.1
    });
    let lobby = wait("71-console-lobby", CONSOLE, &console_ready);
    keys(&x, &["z", "v"]);
    let lobby = wait("71-console-lobby", CONSOLE, &|s| {
        console_ready(s)
            && differ(&s.rgb, &lobby.rgb) > 0.005
            && console_buttons(s).first().is_some_and(|b| b.2)
    });
    // Start the party from the console: its first button.
    let public_question = click_console_until(&x, &lobby, 0, "72-public-question", &question_ready);
    // Before the reveal the TV shows no right-answer green; the console marks the answer.
    assert!(
        public_question.share((0, 0, WIDTH, HEIGHT), rgb(palette::RIGHT), 10) < 0.0002,
        "green on the TV before the reveal"
    );
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
    let public_reveal = click_console_until(&x, &console_question, 1, "74-public-reveal", &|s| {
        reveal_ready(s) && changed(s, &public_question)
    });
    let console_reveal = wait("75-console-reveal", CONSOLE, &|s| {
        console_buttons(s).get(4).is_some_and(|b| b.2)
    });
    // Next on the console: the TV shows the scoreboard.
    click_console_until(&x, &console_reveal, 4, "76-public-scoreboard", &|s| {
        changed(s, &public_reveal) && !reveal_ready(s) && panels(s, (200, 100, 1080, 300)) > 0.05
    });
    // F7 closes the console; the game goes on in the public window.
    keys(&x, &["F7"]);
    wait("77-console-closed", CONSOLE, &|s| {
        s.share((0, 0, 1100, 700), [0, 0, 0], 2) > 0.9
    });
    keys(&x, &["Return"]);
    wait("78-public-after-console-closed", PUBLIC, &question_ready);
}

#[test]
fn the_mouse_alone_starts_and_answers_a_question() {
    let x = Xvfb::start(95);
    let data = common::temp_dir("window-mouse");
    let _game = Game::start(&x, &common::repo(), &data);
    let title = wait_for_screen(&x, "20-mouse-title", title_ready);
    // Positions of the 1280x720 layout: Play, the first pack card, Start round (below "Watched up to"), answer 1.
    click_at(&x, (640, 284));
    let picker = wait_for_screen(&x, "21-mouse-picker", |s| {
        changed(s, &title) && !title_ready(s)
    });
    click_at(&x, (640, 395));
    let setup = wait_for_screen(&x, "22-mouse-setup", |s| changed(s, &picker));
    click_at(&x, (640, 538));
    let q = wait_for_screen(&x, "23-mouse-question", |s| {
        changed(s, &setup) && question_ready(s)
    });
    click_at(&x, (335, 614));
    wait_for_screen(&x, "24-mouse-reveal", |s| changed(s, &q) && reveal_ready(s));
}

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
    let mut game = Game::start(&x, &common::repo(), &data);
    let title = wait_for_screen(&x, "10-title-with-broken-pack", |s| {
        title_ready(s) && s.share((100, 200, 1180, 450), rgb(palette::WARNING), 12) > 0.001
    });
    keys(&x, &["Return"]);
    wait_for_screen(&x, "11-pack-picker-with-broken-pack", |s| {
        changed(s, &title) && s.share((100, 100, 1180, 650), rgb(palette::WRONG), 12) > 0.002
    });
    keys(&x, &["Escape"]);
    wait_for_screen(&x, "12-title-after-back", title_ready);
    keys(&x, &["Down", "Down", "Down", "Down", "Return"]);
    assert_eq!(game.wait_exit(Duration::from_secs(30)), Some(0));
}

#[test]
fn play_path_question_previews_the_longest_texts_and_shows_them_again() {
    let x = Xvfb::start(96);
    let data = common::temp_dir("window-preview");
    // A copy, since the test breaks it on disk later.
    let pack = data.join("long-text.ron");
    std::fs::copy(common::repo().join("tests/packs/long-text.ron"), &pack).unwrap();
    let _game = Game::start_with(
        &x,
        &common::repo(),
        &data,
        &["play", pack.to_str().unwrap(), "--question", "longest"],
    );
    // Straight to the question, with no key pressed: no title, picker or setup.
    let q = wait_for_screen(&x, "30-preview-question", question_ready);
    // Six answer cards, each in its own colour, all on screen.
    for color in palette::ANSWER {
        assert!(
            q.share((0, 250, WIDTH, HEIGHT), rgb(color), 10) > 0.005,
            "every answer card shows"
        );
    }
    keys(&x, &["1"]);
    let reveal = wait_for_screen(&x, "31-preview-reveal", |s| {
        changed(s, &q) && reveal_ready(s)
    });
    // It waits for the author: well past the usual 12 s it is still the reveal.
    std::thread::sleep(Duration::from_secs(14));
    let still = screenshot(&x, "32-preview-reveal-later");
    assert!(reveal_ready(&still) && !changed(&still, &reveal));
    keys(&x, &["Return"]);
    let again = wait_for_screen(&x, "33-preview-question-again", |s| {
        changed(s, &still) && question_ready(s)
    });
    // Break the pack on disk: the reveal names the error on its own line, in orange.
    keys(&x, &["2"]);
    let text = std::fs::read_to_string(&pack).unwrap();
    std::fs::write(&pack, text.replace("id: \"short\"", "id: \"longest\"")).unwrap();
    let error_shown = |s: &Shot| s.share((0, 540, WIDTH, 630), rgb(palette::WARNING), 12) > 0.002;
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
    std::fs::write(packs.join("mine.ron"), &good).unwrap();
    let _game = Game::start(&x, &common::repo(), &data);
    let title = wait_for_screen(&x, "40-reload-title", title_ready);
    keys(&x, &["Return"]);
    let broken_shown = |s: &Shot| s.share((100, 100, 1180, 650), rgb(palette::WRONG), 12) > 0.002;
    let picker = wait_for_screen(&x, "41-reload-picker", |s| {
        changed(s, &title) && panels(s, (100, 150, 1180, 600)) > 0.05 && !broken_shown(s)
    });
    // Left alone, then the pack breaks on disk: no key is pressed from here on.
    std::thread::sleep(Duration::from_secs(4));
    std::fs::write(
        packs.join("mine.ron"),
        good.replace("id: \"b\"", "id: \"a\""),
    )
    .unwrap();
    let saved = Instant::now();
    let broken = wait_for_screen(&x, "42-reload-broken", |s| {
        changed(s, &picker) && broken_shown(s)
    });
    let to_broken = saved.elapsed();
    std::thread::sleep(Duration::from_secs(4));
    std::fs::write(packs.join("mine.ron"), &good).unwrap();
    let saved = Instant::now();
    let fixed = wait_for_screen(&x, "43-reload-fixed", |s| {
        changed(s, &broken) && !broken_shown(s)
    });
    let to_fixed = saved.elapsed();
    // The title's warning follows the files too, still without input once there.
    keys(&x, &["Escape"]);
    let warned = |s: &Shot| s.share((100, 200, 1180, 450), rgb(palette::WARNING), 12) > 0.001;
    let title = wait_for_screen(&x, "44-reload-title", |s| {
        changed(s, &fixed) && title_ready(s) && !warned(s)
    });
    std::thread::sleep(Duration::from_secs(4));
    std::fs::write(
        packs.join("mine.ron"),
        good.replace("id: \"b\"", "id: \"a\""),
    )
    .unwrap();
    wait_for_screen(&x, "45-reload-title-warns", |s| {
        changed(s, &title) && warned(s)
    });
    // Reported, not asserted: the figures go in the issue note (screenshots poll at 2 Hz).
    eprintln!(
        "pack list after a save, no input: broken shown within {to_broken:.2?}, fixed within {to_fixed:.2?}"
    );
}

/// CPU time (user + system) a process has used so far, from `/proc/PID/stat`.
fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("process alive");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // Linux reports in clock ticks of 1/100 s (USER_HZ).
    Duration::from_millis(ticks * 10)
}

/// Share of one core used by `pid` over `window`.
fn cpu_share(pid: u32, window: Duration) -> f64 {
    let before = cpu_time(pid);
    std::thread::sleep(window);
    let after = cpu_time(pid);
    (after - before).as_secs_f64() / window.as_secs_f64()
}

fn bare_window_binary() -> PathBuf {
    // tests run from <target>/debug/deps; examples live in <target>/debug/examples.
    let exe = std::env::current_exe().unwrap();
    exe.parent()
        .unwrap()
        .parent()
        .unwrap()
        .join("examples/bare_window")
}

/// Benchmark, not a test: run by `scripts/bench-window`. Prints launch-to-drawn times and
/// CPU shares for the game (title idle, question countdown, results idle) and a bare Bevy
/// window with the same features.
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_window_startup_and_cpu() {
    let measure = Duration::from_secs(15);
    let x = Xvfb::start(94);

    let bare = bare_window_binary();
    assert!(
        bare.exists(),
        "build the example first: cargo build --example bare_window"
    );
    let start = Instant::now();
    let mut child = Command::new(&bare)
        .env("DISPLAY", &x.display)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    wait_for_screen(&x, "bench-bare", |s| {
        s.share((0, 0, WIDTH, HEIGHT), [204, 26, 153], 8) > 0.9
    });
    let bare_launch = start.elapsed();
    let bare_idle = cpu_share(child.id(), measure);
    let _ = child.kill();
    let _ = child.wait();

    let data = common::temp_dir("bench");
    let start = Instant::now();
    let game = Game::start(&x, &common::repo(), &data);
    wait_for_screen(&x, "bench-title", title_ready);
    let game_launch = start.elapsed();
    let pid = game.child.id();
    let title_idle = cpu_share(pid, measure);
    keys(&x, &["Return"]);
    std::thread::sleep(Duration::from_secs(2));
    let picker_idle = cpu_share(pid, measure);
    keys(&x, &["Return"]);
    std::thread::sleep(Duration::from_secs(2));
    let questions = start_known_round(&x);
    let mut last = wait_for_screen(&x, "bench-question", question_ready);
    let question = cpu_share(pid, Duration::from_secs(10));
    keys(&x, &[answer_key(questions[0].correct).as_str()]);
    wait_for_screen(&x, "bench-reveal", reveal_ready);
    let reveal = cpu_share(pid, Duration::from_secs(5));
    keys(&x, &["Return"]);
    for i in 2..=5 {
        let q = wait_for_screen(&x, &format!("bench-question-{i}"), |s| {
            changed(s, &last) && question_ready(s)
        });
        keys(&x, &[answer_key(questions[i - 1].correct).as_str()]);
        last = wait_for_screen(&x, &format!("bench-reveal-{i}"), |s| {
            changed(s, &q) && reveal_ready(s)
        });
        keys(&x, &["Return"]);
    }
    // The name prompt, then the results screen left alone.
    std::thread::sleep(Duration::from_secs(2));
    keys(&x, &["Return"]);
    std::thread::sleep(Duration::from_secs(2));
    let results = cpu_share(pid, measure);
    screenshot(&x, "bench-results");
    println!(
        "launch to first drawn frame: bare Bevy window {bare_launch:.2?}, game title {game_launch:.2?}"
    );
    println!(
        "CPU, share of one core: bare window {:.1}%; game: title idle {:.1}%, pack list idle {:.1}%, question countdown {:.1}%, reveal {:.1}%, results idle {:.1}%",
        bare_idle * 100.0,
        title_idle * 100.0,
        picker_idle * 100.0,
        question * 100.0,
        reveal * 100.0,
        results * 100.0
    );
}

/// Captures `region` (x, y, width, height) of the X screen: smaller than a whole screenshot,
/// so it can be taken often.
fn region_shot(x: &Xvfb, region: (u32, u32, u32, u32)) -> Vec<u8> {
    let (left, top, w, h) = region;
    let out = Command::new("import")
        .args(["-display", &x.display, "-window", "root", "-crop"])
        .arg(format!("{w}x{h}+{left}+{top}"))
        .args(["-depth", "8", "rgb:-"])
        .output()
        .expect("ImageMagick's import is installed");
    out.stdout
}

/// Share of pixels that differ between two captures of the same region.
fn differ(a: &[u8], b: &[u8]) -> f64 {
    let n = a.len().min(b.len()) / 3;
    let differing = a
        .chunks(3)
        .zip(b.chunks(3))
        .filter(|(p, q)| p.iter().zip(q.iter()).any(|(x, y)| x.abs_diff(*y) > 8))
        .count();
    differing as f64 / n.max(1) as f64
}

/// Benchmark, not a test: run by `scripts/bench-window`. A four-player buzz-in party:
/// CPU of the lobby, scoreboard and podium left alone, and the time from a buzz key's
/// press to the first captured frame that shows who buzzed (captures of the banner
/// region, each a few tens of milliseconds apart: the figure includes that resolution).
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_party_idle_and_buzz() {
    let measure = Duration::from_secs(15);
    let x = Xvfb::start(93);
    let data = common::temp_dir("bench-party");
    let game = Game::start_with(&x, &common::repo(), &data, &["party"]);
    let pid = game.child.id();
    wait_for_screen(&x, "bench-party-lobby", |s| {
        s.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
    });
    keys(&x, &["z", "v", "n", "m"]);
    std::thread::sleep(Duration::from_secs(2));
    let lobby = cpu_share(pid, measure);
    // Format: buzz-in; then down to Start party.
    keys(&x, &["Down", "Return"]);
    keys(&x, &["Down"; 13]);
    keys(&x, &["Return"]);
    let mut latencies = Vec::new();
    let mut scoreboard = 0.0;
    let buzzers = ["v", "n", "m"];
    for (round, buzzer) in buzzers.iter().enumerate() {
        wait_for_screen(&x, "bench-party-question", question_ready);
        // Past the reading time: buzzing is open.
        std::thread::sleep(Duration::from_secs(3));
        let banner = (0, 150, WIDTH as u32, 330);
        let before = region_shot(&x, banner);
        let pressed = Instant::now();
        keys_fast(&x, buzzer);
        let shown = loop {
            let now = region_shot(&x, banner);
            if differ(&before, &now) > 0.002 {
                break pressed.elapsed();
            }
            assert!(
                pressed.elapsed() < Duration::from_secs(10),
                "the buzz never showed"
            );
        };
        latencies.push(shown);
        screenshot(&x, &format!("bench-party-buzzed-{round}"));
        // The buzzer answers (option A of its group), then on to the scoreboard.
        let answer = ["r", "y", "o"][round];
        keys(&x, &[answer]);
        wait_for_screen(&x, "bench-party-reveal", reveal_ready);
        keys(&x, &["Return"]);
        std::thread::sleep(Duration::from_secs(3));
        if round == 0 {
            scoreboard = cpu_share(pid, measure);
            screenshot(&x, "bench-party-scoreboard");
        }
        if round + 1 < buzzers.len() {
            keys(&x, &["Return"]);
        }
    }
    keys(&x, &["F10", "F10"]);
    std::thread::sleep(Duration::from_secs(7));
    screenshot(&x, "bench-party-podium");
    let podium = cpu_share(pid, measure);
    println!(
        "buzz key to the first captured frame showing the buzz: {}",
        latencies
            .iter()
            .map(|d| format!("{} ms", d.as_millis()))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "CPU, share of one core, left alone: lobby (4 seats) {:.1}%, scoreboard {:.1}%, podium {:.1}%",
        lobby * 100.0,
        scoreboard * 100.0,
        podium * 100.0
    );
}

/// One key press with no settling pauses (for timing).
fn keys_fast(x: &Xvfb, key: &str) {
    let status = Command::new("xdotool")
        .args(["key", key])
        .env("DISPLAY", &x.display)
        .status()
        .unwrap();
    assert!(status.success());
}

/// The game with phones on, on loopback only, and the join address and room code it
/// printed.
fn start_phone_party(x: &Xvfb, data: &Path, more: &[&str]) -> (Game, String, String) {
    let mut args = vec!["party", "--phones", "--port", "0", "--listen", "127.0.0.1"];
    args.extend_from_slice(more);
    let mut game = Game::start_piped(x, &common::repo(), data, &args, Stdio::piped());
    let stdout = game.child.stdout.take().unwrap();
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        use std::io::BufRead;
        for line in std::io::BufReader::new(stdout)
            .lines()
            .map_while(Result::ok)
        {
            let _ = tx.send(line);
        }
    });
    let line = rx
        .recv_timeout(Duration::from_secs(120))
        .expect("the game prints the join address");
    // "Phones join at http://127.0.0.1:PORT/ (room ABCD), or scan ..."
    let url = line
        .split_whitespace()
        .find(|w| w.starts_with("http://"))
        .expect("an address")
        .to_string();
    let room = line
        .split("(room ")
        .nth(1)
        .and_then(|r| r.split(')').next())
        .expect("a room code")
        .to_string();
    assert!(url.starts_with("http://127.0.0.1:"), "loopback only: {url}");
    (game, url, room)
}

/// A free loopback port for chromedriver.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

/// chromedriver on loopback, stopped when dropped.
struct Driver(Child);

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

/// A real phone browser: Debian's headless Chromium at 360x740, through WebDriver, joins
/// the party from the join address, answers, reloads and is back in the same seat, while
/// the TV shows it.
#[test]
fn a_phone_browser_joins_answers_reloads_and_keeps_its_seat() {
    use fantoccini::{ClientBuilder, Locator};

    for tool in ["chromium", "chromedriver"] {
        assert!(
            Command::new("which")
                .arg(tool)
                .stdout(Stdio::null())
                .status()
                .is_ok_and(|s| s.success()),
            "{tool} is installed (scripts/test installs it: apt-get install chromium chromium-driver)"
        );
    }
    let x = Xvfb::start(94);
    let data = common::temp_dir("window-phone");
    let pack = kinds_pack();
    let (_game, url, room) = start_phone_party(&x, &data, &[&pack]);
    let lobby = wait_for_screen(&x, "60-phones-lobby", |s| {
        s.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
            && s.share((40, 110, 220, 290), [255, 255, 255], 2) > 0.2 // the QR code
    });
    // A keyboard player joins too.
    keys(&x, &["z"]);
    let port = free_port();
    let _driver = Driver(
        Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs"),
    );
    let profile = data.join("chromium-profile");
    let shots = screenshot_dir();
    let rt = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .build()
        .unwrap();
    let client = rt.block_on(async {
        let mut caps = serde_json::Map::new();
        caps.insert(
            "goog:chromeOptions".to_string(),
            serde_json::json!({
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu",
                    "--window-size=360,740", "--hide-scrollbars",
                    format!("--user-data-dir={}", profile.display()),
                ],
            }),
        );
        let deadline = Instant::now() + Duration::from_secs(30);
        loop {
            let connector = hyper_util::client::legacy::connect::HttpConnector::new();
            match ClientBuilder::new(connector)
                .capabilities(caps.clone())
                .connect(&format!("http://127.0.0.1:{port}"))
                .await
            {
                Ok(client) => break client,
                Err(e) if Instant::now() < deadline => {
                    let _ = e;
                    tokio::time::sleep(Duration::from_millis(300)).await;
                }
                Err(e) => panic!("WebDriver session: {e}"),
            }
        }
    });
    let save = |client: &fantoccini::Client, name: &str| {
        let png = rt.block_on(client.screenshot()).expect("a page screenshot");
        std::fs::write(shots.join(format!("{name}.png")), png).unwrap();
    };
    // Join: the room code comes from the address (as from the QR code); type a name.
    rt.block_on(async {
        client
            .goto(&format!("{url}?room={room}"))
            .await
            .expect("the page opens");
        let name = client
            .wait()
            .for_element(Locator::Id("name"))
            .await
            .unwrap();
        name.send_keys("Dre").await.unwrap();
        client
            .find(Locator::Id("join"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    });
    wait_body(&client, &rt, "data-phase", "lobby");
    save(&client, "61-phone-lobby");
    // The TV shows the phone's seat (its colour dot beside the keyboard player's).
    let joined = wait_for_screen(&x, "62-phones-lobby-joined", |s| {
        changed(s, &lobby) && s.share((40, 290, 640, 520), rgb(palette::seat(1)), 10) > 0.0002
    });
    // The question and its options (an order's items) on the phone too, then Start party:
    // both with the mouse, on the lobby's rows.
    click_at(&x, (330, 376));
    click_at(&x, (740, 596));
    // The pack has a choice, an order and a number, in the order of the lobby's random
    // round code: the phone plays each as it comes.
    let mut kinds = Vec::new();
    for index in 0..3 {
        let kind = wait_question(&client, &rt, index);
        match kind.as_str() {
            "choice" => phone_answers_a_choice_and_reloads(&x, &client, &rt, &save, &joined),
            "order" => phone_taps_an_order(&x, &client, &rt, &save),
            "number" => phone_types_a_number(&x, &client, &rt, &save),
            other => panic!("a question of kind {other:?}"),
        }
        kinds.push(kind);
        if index < 2 {
            // The host moves on: the scoreboard, then the next question.
            let next = (index + 1).to_string();
            for _ in 0..6 {
                keys(&x, &["Return"]);
                std::thread::sleep(Duration::from_millis(600));
                if body_is(&client, &rt, "data-question", &next)
                    && body_is(&client, &rt, "data-phase", "question")
                {
                    break;
                }
            }
        }
    }
    kinds.sort();
    assert_eq!(kinds, ["choice", "number", "order"]);
    rt.block_on(async { client.close().await.unwrap() });
}

/// The phone pack of the browser test: one question of each kind.
fn kinds_pack() -> String {
    common::repo()
        .join("tests/packs/kinds.ron")
        .to_string_lossy()
        .into_owned()
}

/// Whether the phone page's body says `attribute` = `value` now.
fn body_is(
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    attribute: &str,
    value: &str,
) -> bool {
    rt.block_on(async {
        let Ok(body) = client.find(fantoccini::Locator::Css("body")).await else {
            return false;
        };
        body.attr(attribute).await.ok().flatten().as_deref() == Some(value)
    })
}

/// Waits (up to a minute) until the phone page's body says `attribute` = `value`.
fn wait_body(
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    attribute: &str,
    value: &str,
) {
    wait_page(client, rt, &format!("{attribute}={value}"), |c| {
        body_is(c, rt, attribute, value)
    });
}

/// Waits (up to a minute) for `ready` to hold on the phone page.
fn wait_page(
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    what: &str,
    ready: impl Fn(&fantoccini::Client) -> bool,
) {
    let deadline = Instant::now() + Duration::from_secs(60);
    while !ready(client) {
        assert!(
            Instant::now() < deadline,
            "the phone page never showed {what}"
        );
        rt.block_on(async { tokio::time::sleep(Duration::from_millis(200)).await });
    }
}

/// Question `index` (0-based) open on the phone for it to answer; returns its kind.
fn wait_question(
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    index: usize,
) -> String {
    let index = index.to_string();
    wait_page(client, rt, &format!("question {index} to answer"), |c| {
        body_is(c, rt, "data-question", &index)
            && body_is(c, rt, "data-phase", "question")
            && body_is(c, rt, "data-you", "choose")
    });
    rt.block_on(async {
        client
            .find(fantoccini::Locator::Css("body"))
            .await
            .unwrap()
            .attr("data-kind")
            .await
            .unwrap()
            .unwrap_or_default()
    })
}

/// Makes the page's viewport `width` x `height` CSS pixels: a small phone in portrait.
/// (Headless Chromium's window size counts some room outside the page.)
fn phone_viewport(
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    width: u32,
    height: u32,
) {
    let inner = || -> (u32, u32) {
        let size = rt
            .block_on(client.execute("return [window.innerWidth, window.innerHeight];", vec![]))
            .unwrap();
        let side = |i: usize| size[i].as_u64().unwrap_or(0) as u32;
        (side(0), side(1))
    };
    rt.block_on(client.set_window_size(width, height)).unwrap();
    let (w, h) = inner();
    rt.block_on(client.set_window_size(
        width + width.saturating_sub(w),
        height + height.saturating_sub(h),
    ))
    .unwrap();
    assert_eq!(inner(), (width, height), "the phone's viewport");
}

/// Taps the element `css` on the phone page.
fn tap(client: &fantoccini::Client, rt: &tokio::runtime::Runtime, css: &str) {
    rt.block_on(async {
        client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} on the page: {e}"))
            .click()
            .await
            .unwrap_or_else(|e| panic!("tap {css}: {e}"));
    });
}

/// The visible text of the element `css` on the phone page.
fn text_of(client: &fantoccini::Client, rt: &tokio::runtime::Runtime, css: &str) -> String {
    rt.block_on(async {
        client
            .find(fantoccini::Locator::Css(css))
            .await
            .unwrap_or_else(|e| panic!("{css} on the page: {e}"))
            .text()
            .await
            .unwrap()
    })
}

/// The first question of the original phone test: a choice, answered with a tap; the page
/// reloads and is back in the same seat, still locked in; the keyboard player answers and
/// the reveal shows on the phone and the TV.
fn phone_answers_a_choice_and_reloads(
    x: &Xvfb,
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    save: &dyn Fn(&fantoccini::Client, &str),
    joined: &Shot,
) {
    save(client, "63-phone-question");
    let question = wait_for_screen(x, "64-phones-tv-question", |s| {
        changed(s, joined) && question_ready(s)
    });
    tap(client, rt, r#".option[data-option="0"]"#);
    wait_body(client, rt, "data-you", "locked");
    save(client, "65-phone-locked");
    // Reload: the same seat, caught up with the question (still locked in).
    rt.block_on(async { client.refresh().await.unwrap() });
    wait_body(client, rt, "data-you", "locked");
    assert_eq!(
        text_of(client, rt, "#me-name").trim(),
        "Dre",
        "back in the same seat"
    );
    save(client, "66-phone-after-reload");
    // The keyboard player answers: everyone has, so the reveal shows on both.
    keys(x, &["q"]);
    wait_body(client, rt, "data-phase", "reveal");
    save(client, "67-phone-reveal");
    wait_for_screen(x, "68-phones-tv-reveal", |s| {
        changed(s, &question) && reveal_ready(s)
    });
}

/// An order question on a small phone (360x640): the items tapped one by one (a tap
/// taken back on the way), the last tap sends it; the page reloads still locked in; the
/// host reveals it (the keyboard player does not answer).
fn phone_taps_an_order(
    x: &Xvfb,
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    save: &dyn Fn(&fantoccini::Client, &str),
) {
    phone_viewport(client, rt, 360, 640);
    let item = |i: usize| format!(r#".option[data-option="{i}"]"#);
    assert_eq!(text_of(client, rt, "#status"), "Tap them in order");
    for i in 0..4 {
        let text = text_of(client, rt, &item(i));
        assert!(
            ["Mercury", "Venus", "Earth", "Mars"]
                .iter()
                .any(|planet| text.contains(planet)),
            "the items' texts are on the phone: {text}"
        );
    }
    save(client, "70-phone-order");
    // B, then D; take D back; C, then D: "B, C, D" placed, the fourth to go.
    tap(client, rt, &item(1));
    tap(client, rt, &item(3));
    assert_eq!(text_of(client, rt, "#status"), "2 of 4 placed");
    tap(client, rt, "#order-undo");
    tap(client, rt, &item(2));
    tap(client, rt, &item(3));
    assert_eq!(text_of(client, rt, "#status"), "3 of 4 placed");
    let row = rt
        .block_on(async {
            client
                .find(fantoccini::Locator::Id("order-row"))
                .await
                .unwrap()
                .attr("aria-label")
                .await
        })
        .unwrap()
        .unwrap_or_default();
    assert_eq!(row, "Your order: Closest, B, C, D, blank, Farthest");
    assert!(
        text_of(client, rt, &item(3)).contains('3'),
        "a placed item shows its place"
    );
    save(client, "71-phone-order-three-placed");
    let _ = wait_for_screen(x, "72-phones-tv-order", |_| true);
    // The last item sends the order.
    tap(client, rt, &item(0));
    wait_body(client, rt, "data-you", "locked");
    assert_eq!(text_of(client, rt, "#status"), "Locked in: B, C, D, A");
    save(client, "73-phone-order-locked");
    rt.block_on(async { client.refresh().await.unwrap() });
    wait_body(client, rt, "data-you", "locked");
    assert_eq!(text_of(client, rt, "#status"), "Locked in: B, C, D, A");
    // The host reveals it (F2): the phone shows the right order and its own.
    keys(x, &["F2"]);
    wait_body(client, rt, "data-phase", "reveal");
    std::thread::sleep(Duration::from_millis(300));
    // (Labels are upper case on screen, and WebDriver reads them so.)
    let card = text_of(client, rt, "#card");
    assert!(card.to_lowercase().contains("right order"), "{card}");
    assert!(
        card.contains("Mercury → Venus → Earth → Mars"),
        "the right order in words: {card}"
    );
    let status = text_of(client, rt, "#status");
    assert!(
        status.starts_with("Right!")
            || status.starts_with("◐ Partly right")
            || status.starts_with("Wrong"),
        "{status}"
    );
    if !status.starts_with("Right!") {
        assert!(card.to_lowercase().contains("your order"), "{card}");
    }
    save(client, "74-phone-order-reveal");
    let _ = wait_for_screen(x, "75-phones-tv-order-reveal", |_| true);
}

/// A number question on a small phone (360x640): typed on the keypad (a digit deleted on
/// the way) and locked in; the host reveals it.
fn phone_types_a_number(
    x: &Xvfb,
    client: &fantoccini::Client,
    rt: &tokio::runtime::Runtime,
    save: &dyn Fn(&fantoccini::Client, &str),
) {
    phone_viewport(client, rt, 360, 640);
    let key = |k: &str| format!(r#".key[data-key="{k}"]"#);
    assert_eq!(text_of(client, rt, "#number-unit"), "days");
    save(client, "76-phone-number");
    for k in ["7", "0", "9"] {
        tap(client, rt, &key(k));
    }
    tap(client, rt, "#number-back");
    tap(client, rt, &key("0"));
    assert_eq!(text_of(client, rt, "#number-digits"), "700");
    save(client, "77-phone-number-typed");
    let _ = wait_for_screen(x, "78-phones-tv-number", |_| true);
    tap(client, rt, "#number-lock");
    wait_body(client, rt, "data-you", "locked");
    assert_eq!(text_of(client, rt, "#status"), "Locked in: 700 days");
    save(client, "79-phone-number-locked");
    keys(x, &["F2"]);
    wait_body(client, rt, "data-phase", "reveal");
    std::thread::sleep(Duration::from_millis(300));
    let card = text_of(client, rt, "#card");
    assert!(card.contains("687 days"), "the right answer: {card}");
    assert!(
        card.to_lowercase().contains("you said") && card.contains("700 days"),
        "{card}"
    );
    // 13 off with a tolerance of 10: not right, but the only (so the closest) guess.
    let status = text_of(client, rt, "#status");
    assert!(status.starts_with("◐ Close +"), "{status}");
    save(client, "80-phone-number-reveal");
    let _ = wait_for_screen(x, "81-phones-tv-number-reveal", |_| true);
}

/// Resident memory of a process, from `/proc/PID/status`.
fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("process alive");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
}

type BenchWs =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A simulated phone on loopback: joins with `name` and returns its socket.
async fn bench_phone(url: &str, room: &str, name: &str) -> BenchWs {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let ws_url = url.replace("http://", "ws://") + "ws";
    let mut request = ws_url.into_client_request().unwrap();
    let origin = url.trim_end_matches('/').to_string();
    request
        .headers_mut()
        .insert("Origin", origin.parse().unwrap());
    let (mut ws, _) = tokio_tungstenite::connect_async(request)
        .await
        .expect("a phone connects");
    let join = serde_json::json!({"type": "join", "room": room, "name": name});
    ws.send(Message::text(join.to_string())).await.unwrap();
    loop {
        match ws.next().await {
            Some(Ok(Message::Text(t))) if t.as_str().contains("\"welcome\"") => return ws,
            Some(Ok(_)) => continue,
            other => panic!("{name} was not seated: {other:?}"),
        }
    }
}

/// Reads a phone's messages until a view satisfies `ready`; returns it.
async fn bench_view(
    ws: &mut BenchWs,
    ready: impl Fn(&serde_json::Value) -> bool,
) -> serde_json::Value {
    use futures_util::StreamExt;
    use tokio_tungstenite::tungstenite::Message;
    loop {
        match tokio::time::timeout(Duration::from_secs(60), ws.next()).await {
            Ok(Some(Ok(Message::Text(t)))) => {
                let v: serde_json::Value = serde_json::from_str(t.as_str()).unwrap();
                if v["type"] == "view" && ready(&v) {
                    return v;
                }
            }
            Ok(Some(Ok(_))) => continue,
            other => panic!("a phone lost its view: {other:?}"),
        }
    }
}

/// Benchmark, not a test: run by `scripts/bench-window`. Simulated phones on loopback
/// only: the game's CPU with 30 phones idle in the lobby and with 30 phones answering one
/// question; 100 phones answering one question at once: every answer counted, the time
/// from sending to the phone's view changing (the game applied it and published the new
/// state), and the game's memory.
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_phones() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let x = Xvfb::start(92);
    let data = common::temp_dir("bench-phones");
    let (game, url, room) = start_phone_party(&x, &data, &["--max-phones", "128"]);
    let pid = game.child.id();
    wait_for_screen(&x, "bench-phones-lobby-empty", |s| {
        s.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
    });
    std::thread::sleep(Duration::from_secs(2));
    let rss_before = rss_mib(pid);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut phones: Vec<BenchWs> = rt.block_on(async {
        let mut all = Vec::new();
        for i in 0..30 {
            all.push(bench_phone(&url, &room, &format!("Phone {i}")).await);
        }
        all
    });
    keys(&x, &["z"]);
    std::thread::sleep(Duration::from_secs(3));
    screenshot(&x, "bench-phones-lobby-30");
    let idle_30 = cpu_share(pid, Duration::from_secs(15));
    let more: Vec<BenchWs> = rt.block_on(async {
        let mut all = Vec::new();
        for i in 30..100 {
            all.push(bench_phone(&url, &room, &format!("Phone {i}")).await);
        }
        all
    });
    phones.extend(more);
    std::thread::sleep(Duration::from_secs(2));
    screenshot(&x, "bench-phones-lobby-100");
    // Start; question 1: 30 phones answer over 6 s while the CPU is measured.
    keys(&x, &["Down"; 14]);
    keys(&x, &["Return"]);
    let questions: Vec<u64> = rt.block_on(async {
        let mut out = Vec::new();
        for ws in phones.iter_mut() {
            let v = bench_view(ws, |v| v["you"] == "choose").await;
            out.push(v["question"]["index"].as_u64().unwrap());
        }
        out
    });
    let q = questions[0];
    let before = cpu_time(pid);
    let started = Instant::now();
    rt.block_on(async {
        for ws in phones.iter_mut().take(30) {
            let answer = serde_json::json!({"type": "answer", "question": q, "option": 0});
            ws.send(Message::text(answer.to_string())).await.unwrap();
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let answering_30 = (cpu_time(pid) - before).as_secs_f64() / started.elapsed().as_secs_f64();
    screenshot(&x, "bench-phones-question-30-answered");
    // The other 70 and the keyboard: the question closes; on to question 2.
    rt.block_on(async {
        for ws in phones.iter_mut().skip(30) {
            let answer = serde_json::json!({"type": "answer", "question": q, "option": 1});
            ws.send(Message::text(answer.to_string())).await.unwrap();
        }
    });
    keys(&x, &["q"]);
    rt.block_on(async {
        for ws in phones.iter_mut() {
            bench_view(ws, |v| v["phase"] == "reveal").await;
        }
    });
    screenshot(&x, "bench-phones-reveal");
    keys(&x, &["Return"]);
    std::thread::sleep(Duration::from_secs(2));
    screenshot(&x, "bench-phones-scoreboard");
    keys(&x, &["Return"]);
    // Question 2: all 100 answer at once.
    let latencies: Vec<Duration> = rt.block_on(async {
        let mut q2 = 0;
        for ws in phones.iter_mut() {
            let v = bench_view(ws, |v| v["you"] == "choose" && v["question"]["index"] != q).await;
            q2 = v["question"]["index"].as_u64().unwrap();
        }
        let tasks: Vec<_> = phones
            .drain(..)
            .map(|mut ws| {
                tokio::spawn(async move {
                    let answer = serde_json::json!({"type": "answer", "question": q2, "option": 2});
                    let sent = Instant::now();
                    ws.send(Message::text(answer.to_string())).await.unwrap();
                    bench_view(&mut ws, |v| v["you"] == "locked").await;
                    (sent.elapsed(), ws)
                })
            })
            .collect();
        let mut out = Vec::new();
        for t in tasks {
            let (latency, ws) = t.await.unwrap();
            out.push(latency);
            phones.push(ws);
        }
        out
    });
    screenshot(&x, "bench-phones-question-100-answered");
    let rss_after = rss_mib(pid);
    let mut sorted = latencies.clone();
    sorted.sort();
    let pct = |p: f64| sorted[((sorted.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "phones: {} of 100 answers counted (each phone saw its own lock-in)",
        latencies.len()
    );
    println!(
        "phones: answer sent to the phone's view changing: p50 {} ms, p99 {} ms, max {} ms",
        pct(0.5).as_millis(),
        pct(0.99).as_millis(),
        sorted.last().unwrap().as_millis()
    );
    println!(
        "phones: game CPU, share of one core: 30 phones idle in the lobby {:.1}%, during a question with 30 phones answering {:.1}%",
        idle_30 * 100.0,
        answering_30 * 100.0
    );
    println!(
        "phones: game memory (RSS): {rss_before:.0} MiB before phones, {rss_after:.0} MiB with 100 phones"
    );
    drop(phones);
}

/// Benchmark, not a test: run by `scripts/bench-window`. The public window and the host
/// console both open: CPU of the lobby left alone, of a question counting down (both
/// windows drawing), and of the reveal left alone.
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_console_two_windows() {
    let measure = Duration::from_secs(15);
    let (x, game) = start_with_console(90, "bench-console");
    let pid = game.child.id();
    let wait = |name: &str, at, ready: &dyn Fn(&Shot) -> bool| wait_for_window(&x, name, at, ready);
    wait("bench-console-lobby", CONSOLE, &console_ready);
    keys(&x, &["z", "v"]);
    std::thread::sleep(Duration::from_secs(3));
    let lobby = cpu_share(pid, measure);
    keys(&x, &["Down"; 14]);
    keys(&x, &["Return"]);
    wait("bench-console-question", PUBLIC, &question_ready);
    let question = cpu_share(pid, Duration::from_secs(8));
    keys(&x, &["F2"]);
    wait("bench-console-reveal", PUBLIC, &reveal_ready);
    std::thread::sleep(Duration::from_secs(3));
    let reveal = cpu_share(pid, measure);
    println!(
        "CPU with the public window and the host console, share of one core: lobby idle {:.1}%, question countdown {:.1}%, reveal idle {:.1}%",
        lobby * 100.0,
        question * 100.0,
        reveal * 100.0
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
            let child = Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
                .args(["play", pack.to_str().unwrap(), "--question", id])
                .env("DISPLAY", &x.display)
                .env("DEFIANT_TRIVIA_ROOT", common::repo())
                .env("DEFIANT_TRIVIA_DATA", &data)
                .env("XDG_DATA_HOME", &data)
                .env("XDG_RUNTIME_DIR", &data)
                .env("DEFIANT_TRIVIA_WINDOW", format!("{w}x{h}"))
                .env_remove("WAYLAND_DISPLAY")
                .stdout(Stdio::null())
                .spawn()
                .expect("game binary runs");
            let _game = Game { child };
            let name = |what: &str| format!("60-{id}-{what}-{w}x{h}");
            let whole = (0, 0, w, h);
            // The question: items in their answer colours, or the number's keypad panels.
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

/// The pause overlay: its "Paused" headline in the accent colour, the question hidden.
fn paused_ready(shot: &Shot) -> bool {
    !question_ready(shot)
        && shot.share((440, 100, 840, 180), rgb(palette::ACCENT), 12) > 0.05
        && panels(shot, (440, 250, 840, 600)) > 0.1
}

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
fn party_to_second_question(x: &Xvfb, name: &str) -> Shot {
    let lobby = wait_for_screen(x, &format!("{name}-lobby"), |s| {
        s.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
            && panels(s, (660, 100, 1240, 600)) > 0.1
    });
    keys(x, &["z", "v"]);
    wait_for_screen(x, &format!("{name}-joined"), |s| {
        changed(s, &lobby) && s.share((40, 100, 640, 260), rgb(palette::seat(1)), 10) > 0.0002
    });
    // Pack row down to Speed bonus (8 rows): off. Then down to Start party (6 more).
    keys(x, &["Down"; 8]);
    keys(x, &["Return"]);
    keys(x, &["Down"; 6]);
    keys(x, &["Return"]);
    let first = wait_for_screen(x, &format!("{name}-q1"), question_ready);
    // Player 1 picks A (Q), player 2 picks B (T): the reveal, then the scoreboard.
    keys(x, &["q", "t"]);
    let reveal = wait_for_screen(x, &format!("{name}-reveal-1"), |s| {
        changed(s, &first) && reveal_ready(s)
    });
    keys(x, &["Return"]);
    let board = wait_for_screen(x, &format!("{name}-scoreboard-1"), |s| {
        changed(s, &reveal) && !reveal_ready(s) && !question_ready(s)
    });
    keys(x, &["Return"]);
    wait_for_screen(x, &format!("{name}-q2"), |s| {
        changed(s, &board) && question_ready(s)
    })
}

/// From the second question on to the podium: player 1 picks B (W), player 2 A (R), then
/// the host ends the game (F10 twice) and the podium saves the party.
fn finish_party(x: &Xvfb, name: &str, question: &Shot, data: &Path) {
    keys(x, &["w", "r"]);
    let reveal = wait_for_screen(x, &format!("{name}-reveal-2"), |s| {
        changed(s, question) && reveal_ready(s)
    });
    keys(x, &["F10", "F10"]);
    wait_for_screen(x, &format!("{name}-podium"), |s| {
        changed(s, &reveal) && s.share((200, 200, 1080, 560), rgb(palette::PANEL_RAISED), 6) > 0.05
    });
    wait_for("the party history", Duration::from_secs(30), || {
        data.join("party-history.ron").exists()
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
    let mut game = Game::start_with(&x, &common::repo(), &data, &["party"]);
    party_to_second_question(&x, "80-resume");
    game.child.kill().expect("SIGKILL"); // std's kill is SIGKILL on Unix
    let _ = game.child.wait();
    drop(game);
    let nights = defiant_trivia::core::night::journals(&defiant_trivia::core::night::folder(&data));
    assert_eq!(nights.len(), 1, "one unfinished night is kept");
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&nights[0]).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o600, "the journal is the owner's alone");
    }
    let journal =
        defiant_trivia::core::night::read(&std::fs::read(&nights[0]).unwrap()).expect("it reads");
    let before = defiant_trivia::core::night::replay(&journal).expect("it replays");
    assert_eq!(
        before.game.current_index(),
        1,
        "killed in the second question"
    );

    // The title offers the night above Play (its summary line under it): a click on
    // Resume the party resumes it, paused.
    let mut game = Game::start(&x, &common::repo(), &data);
    let title = wait_for_screen(&x, "81-title-offers-resume", |s| {
        title_ready(s) && s.share((560, 250, 720, 280), rgb(palette::TEXT_MUTED), 24) > 0.02
    });
    click_at(&x, (640, 214));
    wait_for_screen(&x, "81-title-resumed-paused", |s| {
        changed(s, &title) && paused_ready(s)
    });
    // A second crash, while paused: the night is still there.
    game.child.kill().expect("SIGKILL");
    let _ = game.child.wait();
    drop(game);

    // party --resume: the same question, paused, with the same scores.
    let mut resumed = Game::start_piped(
        &x,
        &common::repo(),
        &data,
        &["party", "--resume"],
        Stdio::piped(),
    );
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
    let question = wait_for_screen(&x, "82-resumed-question", |s| {
        changed(s, &paused) && question_ready(s)
    });
    finish_party(&x, "83-resumed", &question, &data);
    let resumed_record = party_record(&data);
    assert!(
        defiant_trivia::core::night::journals(&defiant_trivia::core::night::folder(&data))
            .is_empty(),
        "the finished night's journal is gone"
    );
    drop(resumed);
    drop(x);

    // The same night played straight through gives the same history.
    let straight = common::temp_dir("window-straight");
    let x = Xvfb::start(82);
    let _game = Game::start_with(&x, &common::repo(), &straight, &["party"]);
    let question = party_to_second_question(&x, "84-straight");
    finish_party(&x, "85-straight", &question, &straight);
    assert_eq!(resumed_record, party_record(&straight));
}

/// A night of two key groups on the documentary pack, left unfinished in `data`'s
/// journal folder: its first question answered, its second open.
fn leave_a_night(data: &Path) {
    use defiant_trivia::core::command::{Command as Cmd, HostAction, SeatAction};
    use defiant_trivia::core::game::{Format, Rules};
    use defiant_trivia::core::night::{self, NightHeader, Op};
    use defiant_trivia::core::round::RoundSettings;
    use defiant_trivia::core::seat::{Device, Seat, SeatId};
    let pack =
        defiant_trivia::core::check_file(&common::repo().join("quizzes/the-defiant-ones.ron"))
            .pack
            .expect("the shipped pack is valid");
    let settings = RoundSettings {
        seed: common::choices_first_seed(20),
        max_options: Some(4),
        ..RoundSettings::default()
    };
    let header = NightHeader::new(
        "the-defiant-ones.ron",
        &pack,
        settings,
        Rules::party(Format::EveryoneAnswers),
        (0..2)
            .map(|i| Seat {
                id: SeatId(i),
                name: format!("Player {}", i + 1),
                colour: i as u8,
                device: Device::Keys(i as u8),
                team: None,
            })
            .collect(),
        Vec::new(),
    );
    let path = night::new_path(&night::folder(data), 1);
    let mut file = night::create(&path, &header).expect("the journal is written");
    let mut game = header.game().unwrap();
    let s = Duration::from_secs(1);
    let answer = |seat: u32, option: u8, at: Duration| {
        Op::Play(Cmd::Seat {
            seat: SeatId(seat),
            action: SeatAction::Answer(option),
            at,
        })
    };
    let next = |at: Duration| {
        Op::Play(Cmd::Host {
            action: HostAction::Next,
            at,
        })
    };
    let ops = [
        (s, Op::Start),
        (3 * s, answer(0, 0, 3 * s)),
        (4 * s, answer(1, 1, 4 * s)),
        (6 * s, next(6 * s)),
        (8 * s, next(8 * s)),
        (9 * s, Op::Tick),
    ];
    use std::io::Write;
    for (at, op) in ops {
        let record = night::record(&game, op, at);
        let _ = night::apply(&mut game, &header, &record);
        file.write_all(&night::encode_record(&record)).unwrap();
    }
    file.sync_all().unwrap();
}

/// Start-up with a night to resume against without one, `party --resume` to its paused
/// question, and the idle cost of the title offering it and of the resumed pause.
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_resume_startup_and_idle() {
    let measure = Duration::from_secs(15);
    let x = Xvfb::start(83);
    let mut plain = Vec::new();
    let mut offered = Vec::new();
    let mut resumed = Vec::new();
    let (mut title_idle, mut paused_idle) = (0.0, 0.0);
    for run in 0..3 {
        let empty = common::temp_dir(&format!("bench-resume-empty-{run}"));
        let start = Instant::now();
        let game = Game::start(&x, &common::repo(), &empty);
        wait_for_screen(&x, "bench-resume-title", title_ready);
        plain.push(start.elapsed());
        drop(game);

        let data = common::temp_dir(&format!("bench-resume-{run}"));
        leave_a_night(&data);
        let start = Instant::now();
        let game = Game::start(&x, &common::repo(), &data);
        // The title with Resume the party: its first button, the accent outline of focus.
        wait_for_screen(&x, "bench-resume-offered", |s| {
            title_ready(s) && s.share((0, 300, WIDTH, 420), rgb(palette::TEXT_MUTED), 20) > 0.001
        });
        offered.push(start.elapsed());
        if run == 0 {
            title_idle = cpu_share(game.child.id(), measure);
        }
        drop(game);

        let data = common::temp_dir(&format!("bench-resume-cli-{run}"));
        leave_a_night(&data);
        let start = Instant::now();
        let game = Game::start_with(&x, &common::repo(), &data, &["party", "--resume"]);
        wait_for_screen(&x, "bench-resume-paused", paused_ready);
        resumed.push(start.elapsed());
        if run == 0 {
            paused_idle = cpu_share(game.child.id(), measure);
        }
        drop(game);
    }
    println!(
        "launch to the title: no night to resume {plain:.2?}; a night to resume (the title offering it) {offered:.2?}"
    );
    println!("party --resume to the paused question: {resumed:.2?}");
    println!(
        "CPU, share of one core: title offering a night, idle {:.1}%; resumed night paused, idle {:.1}%",
        title_idle * 100.0,
        paused_idle * 100.0
    );
}

/// Whether the game's public window is on the X screen: mapped, not just created.
fn game_window_shown(x: &Xvfb) -> bool {
    Command::new("xdotool")
        .args(["search", "--onlyvisible", "--name", "^Defiant Trivia$"])
        .env("DISPLAY", &x.display)
        .output()
        .is_ok_and(|o| !o.stdout.is_empty())
}

/// Whether the game's public window exists at all (shown or not).
fn game_window_exists(x: &Xvfb) -> bool {
    Command::new("xdotool")
        .args(["search", "--name", "^Defiant Trivia$"])
        .env("DISPLAY", &x.display)
        .output()
        .is_ok_and(|o| !o.stdout.is_empty())
}

/// The party lobby, empty or not: its title and the settings' panels.
fn lobby_ready(shot: &Shot) -> bool {
    shot.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
        && panels(shot, (660, 100, 1240, 600)) > 0.1
}

/// Starts the game with `args` and waits for its window to exist (shown or not); returns
/// the game and when it was started. A launch that exits before opening its window (the
/// X server refused its connection, seen now and then right after the previous game
/// closed) is started once more.
fn start_game_window(x: &Xvfb, data: &Path, args: &[&str]) -> (Game, Instant) {
    for _ in 0..2 {
        let start = Instant::now();
        let mut game = Game::start_with(x, &common::repo(), data, args);
        while start.elapsed() < Duration::from_secs(20) {
            if game_window_exists(x) {
                return (game, start);
            }
            if let Ok(Some(status)) = game.child.try_wait() {
                eprintln!("the game ({args:?}) exited before opening its window: {status}");
                break;
            }
            std::thread::sleep(Duration::from_millis(20));
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
    while start.elapsed() < within {
        if shown.is_none() && game_window_shown(x) {
            shown = Some(start.elapsed());
        }
        if ready(&screenshot(x, name)) {
            return (Some(start.elapsed()), shown);
        }
        std::thread::sleep(Duration::from_millis(50));
    }
    (None, shown)
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
    while !game_window_shown(&x) {
        assert!(start.elapsed() < within, "the window never showed");
        std::thread::sleep(Duration::from_millis(20));
    }
    keys(&x, &["z", "v"]);
    let (joined, _) = wait_within(
        &x,
        "91-launch-keys-at-once-two-players",
        Instant::now(),
        Duration::from_secs(10),
        |s| {
            lobby_ready(s)
                && s.share((40, 100, 640, 260), rgb(palette::seat(0)), 10) > 0.0002
                && s.share((40, 100, 640, 260), rgb(palette::seat(1)), 10) > 0.0002
        },
    );
    assert!(
        joined.is_some(),
        "Z and V typed as the window showed did not seat two players; see {}",
        screenshot_dir()
            .join("91-launch-keys-at-once-two-players.png")
            .display()
    );
}
