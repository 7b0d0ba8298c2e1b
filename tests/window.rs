//! The real binary in a real window: Xvfb with Mesa's software Vulkan, real key events from
//! xdotool, screenshots from ImageMagick's `import`. Screenshots are saved under
//! `$CARGO_TARGET_TMPDIR/screenshots` for people to look at.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

const WIDTH: usize = 1280;
const HEIGHT: usize = 720;

/// A private X server on its own display number, stopped when dropped.
struct Xvfb {
    child: Child,
    display: String,
}

impl Xvfb {
    fn start(number: u32) -> Self {
        let display = format!(":{number}");
        let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{number}"));
        let _ = std::fs::remove_file(format!("/tmp/.X{number}-lock"));
        let child = Command::new("Xvfb")
            .args([&display, "-screen", "0", "1280x720x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("Xvfb is installed (scripts/test installs it: apt-get install xvfb)");
        let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
        wait_for("Xvfb to start", Duration::from_secs(20), || socket.exists());
        Self { child, display }
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
        let child = Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
            .env("DISPLAY", &x.display)
            .env("DEFIANT_TRIVIA_ROOT", root)
            .env("XDG_DATA_HOME", data)
            .env("DEFIANT_TRIVIA_DATA", data)
            .env("XDG_RUNTIME_DIR", data)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(Stdio::null())
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
}

impl Shot {
    fn pixel(&self, x: usize, y: usize) -> [u8; 3] {
        let i = (y * WIDTH + x) * 3;
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

/// Captures the whole X screen to `name.png` and returns its pixels.
fn screenshot(x: &Xvfb, name: &str) -> Shot {
    let path = screenshot_dir().join(format!("{name}.png"));
    let status = Command::new("import")
        .args(["-display", &x.display, "-window", "root"])
        .arg(&path)
        .status()
        .expect("ImageMagick's import is installed (apt-get install imagemagick)");
    assert!(status.success(), "import failed");
    let out = Command::new("convert")
        .arg(&path)
        .args(["-depth", "8", "rgb:-"])
        .output()
        .expect("ImageMagick's convert runs");
    assert_eq!(out.stdout.len(), WIDTH * HEIGHT * 3, "screenshot size");
    Shot { rgb: out.stdout }
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

#[test]
fn window_opens_on_the_title_screen_and_quits_from_the_keyboard() {
    let x = Xvfb::start(91);
    let data = common::temp_dir("window-title");
    let mut game = Game::start(&x, &common::repo(), &data);
    let background = rgb(palette::BACKGROUND);
    let accent = rgb(palette::ACCENT);
    let title = wait_for_screen(&x, "title", |shot| {
        // The title: stage background all over, the gold name in the top half.
        shot.share((0, 0, WIDTH, HEIGHT), background, 3) > 0.6
            && shot.share((200, 100, 1080, 330), accent, 12) > 0.02
    });
    // Not blank: there is text in the middle too (the pack line, white-ish).
    assert!(title.share((200, 300, 1080, 500), rgb(palette::TEXT), 40) > 0.002);
    // The Quit button is focused on its own: Enter quits cleanly.
    keys(&x, &["Return"]);
    assert_eq!(game.wait_exit(Duration::from_secs(30)), Some(0));
}
