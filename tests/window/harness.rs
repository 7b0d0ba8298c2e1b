//! The harness: a private X server (Xvfb, Mesa's software Vulkan), the real game binary in
//! it, real key presses and clicks from xdotool, screenshots from ImageMagick, and waiting
//! on a condition with a deadline.

use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use crate::common;
use crate::pixels::Shot;

/// The public window's size on most tests' X screens.
pub const WIDTH: usize = 1280;
pub const HEIGHT: usize = 720;

/// Where the host console sits on the wide test screen (beside the public window).
pub const CONSOLE: (usize, usize, usize, usize) = (1300, 0, 1100, 700);
/// The public window on the wide test screen.
pub const PUBLIC: (usize, usize, usize, usize) = (0, 0, WIDTH, HEIGHT);

/// Window tests run one at a time: each drives a software-rendered window that wants both
/// cores, and side by side they only slow each other down.
static ONE_WINDOW_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

/// A private X server on its own display number, stopped when dropped.
pub struct Xvfb {
    child: Child,
    pub display: String,
    /// The width and height that `screenshot` captures from the top left: the whole
    /// screen, or the public window's 1280x720 on a screen wide enough for two windows.
    pub size: (usize, usize),
    _turn: std::sync::MutexGuard<'static, ()>,
}

impl Xvfb {
    pub fn start(number: u32) -> Self {
        Self::start_sized(number, "1280x720x24")
    }

    /// An X screen of `size` (`WIDTHxHEIGHTxDEPTH`), e.g. wide enough for two windows.
    pub fn start_sized(number: u32, size: &str) -> Self {
        // Held for the test's lifetime: the guard is stored in the returned value.
        let turn = ONE_WINDOW_AT_A_TIME
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner);
        // A display number still held (an X server from an earlier run that outlived it)
        // makes Xvfb exit at once: then the same number plus 200, once.
        let mut why = String::new();
        let started = [number, number + 200].into_iter().find_map(|number| {
            let display = format!(":{number}");
            let _ = std::fs::remove_file(format!("/tmp/.X11-unix/X{number}"));
            let _ = std::fs::remove_file(format!("/tmp/.X{number}-lock"));
            let log = std::env::temp_dir().join(format!("defiant-trivia-xvfb-{number}.log"));
            let mut child = Command::new("Xvfb")
                .args([&display, "-screen", "0", size, "-nolisten", "tcp"])
                .stdout(Stdio::null())
                .stderr(std::fs::File::create(&log).map_or_else(|_| Stdio::null(), Stdio::from))
                .spawn()
                .expect("Xvfb is installed (scripts/test installs it: apt-get install xvfb)");
            let socket = PathBuf::from(format!("/tmp/.X11-unix/X{number}"));
            let up = wait_until(Duration::from_secs(20), Duration::from_millis(100), || {
                socket.exists() || matches!(child.try_wait(), Ok(Some(_)))
            }) && socket.exists();
            if up {
                return Some((child, display));
            }
            let _ = child.kill();
            let _ = child.wait();
            why = std::fs::read_to_string(&log).unwrap_or_default();
            None
        });
        let Some((child, display)) = started else {
            panic!(
                "Xvfb did not start on :{number} or :{}: {why}",
                number + 200
            );
        };
        let mut dims = size.split('x').map(|n| n.parse().unwrap_or(0));
        let size = (dims.next().unwrap_or(0), dims.next().unwrap_or(0));
        Self {
            child,
            display,
            size,
            _turn: turn,
        }
    }

    /// An `xdotool` command on this display.
    fn xdotool(&self) -> Command {
        let mut command = Command::new("xdotool");
        command.env("DISPLAY", &self.display);
        command
    }
}

impl Drop for Xvfb {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// The game, stopped when dropped. It writes what its UI shows to `probe` (see
/// `crate::probe`).
pub struct Game {
    pub child: Child,
    pub probe: PathBuf,
}

/// The game binary the tests launch: this build's, or for the benches the one named by
/// `BENCH_BINARY` (`BENCH_RELEASE=1 scripts/bench-window` measures the release build,
/// what the packages ship).
pub fn game_binary() -> PathBuf {
    std::env::var_os("BENCH_BINARY").map_or_else(
        || env!("CARGO_BIN_EXE_defiant-trivia").into(),
        PathBuf::from,
    )
}

/// How a game is launched beyond the usual: its arguments, more environment, and whether
/// its standard output is kept (piped) for the test to read.
#[derive(Default)]
pub struct Launch<'a> {
    pub args: &'a [&'a str],
    pub env: Vec<(&'static str, String)>,
    pub piped: bool,
}

impl Game {
    pub fn start(x: &Xvfb, data: &Path) -> Self {
        Self::start_with(x, data, &[])
    }

    /// The game with command-line arguments, e.g. `play PATH --question ID`.
    pub fn start_with(x: &Xvfb, data: &Path, args: &[&str]) -> Self {
        Self::launch(
            x,
            data,
            Launch {
                args,
                ..Launch::default()
            },
        )
    }

    /// The game on `x`, saving into `data`, its probe at `data/probe.json` (a probe left
    /// by an earlier game in the same folder is removed first).
    pub fn launch(x: &Xvfb, data: &Path, launch: Launch) -> Self {
        let probe = data.join("probe.json");
        let _ = std::fs::remove_file(&probe);
        let child = Command::new(game_binary())
            .args(launch.args)
            .env("DISPLAY", &x.display)
            .env("DEFIANT_TRIVIA_ROOT", common::repo())
            .env("DEFIANT_TRIVIA_ROUND_CODE", choices_code())
            .env("XDG_DATA_HOME", data)
            .env("DEFIANT_TRIVIA_DATA", data)
            .env("XDG_RUNTIME_DIR", data)
            .env("DEFIANT_TRIVIA_PROBE", &probe)
            .envs(launch.env)
            .env_remove("WAYLAND_DISPLAY")
            .stdout(if launch.piped {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stderr(Stdio::inherit())
            .spawn()
            .expect("game binary runs");
        Self { child, probe }
    }

    pub fn pid(&self) -> u32 {
        self.child.id()
    }

    /// Kills the game with SIGKILL (std's `kill` on Unix) and reaps it.
    pub fn kill_nine(mut self) {
        self.child.kill().expect("SIGKILL");
        let _ = self.child.wait();
    }

    /// Waits for the game to exit by itself; returns its exit code.
    pub fn wait_exit(&mut self, within: Duration) -> Option<i32> {
        let mut code = None;
        wait_until(within, Duration::from_millis(50), || {
            match self.child.try_wait() {
                Ok(Some(status)) => {
                    code = status.code();
                    true
                }
                _ => false,
            }
        });
        code
    }

    /// Waits until the game has gone idle: its CPU time stands still (within a clock tick)
    /// for 300 ms, so that whatever wakes it next is what the test does.
    pub fn wait_idle(&self) {
        let mut last = cpu_time(self.pid());
        wait_for("the game to go idle", Duration::from_secs(20), || {
            let before = last;
            std::thread::sleep(Duration::from_millis(300)); // the quiet stretch measured
            last = cpu_time(self.pid());
            last - before <= Duration::from_millis(10)
        });
    }
}

impl Drop for Game {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A round code whose round opens with 20 multiple-choice questions: the tests that
/// answer options by key play it (the pack mixes in orders and numbers).
pub fn choices_code() -> String {
    defiant_trivia::core::round_code::encode(common::choices_first_seed(20))
}

/// Polls `done` every `every` until it holds (true) or `within` has passed (false).
pub fn wait_until(within: Duration, every: Duration, mut done: impl FnMut() -> bool) -> bool {
    let start = Instant::now();
    loop {
        if done() {
            return true;
        }
        if start.elapsed() >= within {
            return false;
        }
        std::thread::sleep(every); // the polling interval, not a wait for something
    }
}

/// Waits until `done` holds; panics naming `what` after `within`.
pub fn wait_for(what: &str, within: Duration, done: impl FnMut() -> bool) {
    assert!(
        wait_until(within, Duration::from_millis(100), done),
        "timed out after {within:?} waiting for {what}"
    );
}

pub fn screenshot_dir() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("screenshots");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Captures the X screen's top-left `x.size` to `name.png` and returns its pixels.
pub fn screenshot(x: &Xvfb, name: &str) -> Shot {
    let (w, h) = x.size;
    window_shot(x, name, (0, 0, w, h))
}

/// Captures `region` (left, top, width, height) of the X screen to `name.png`: one window
/// of several on a wide screen.
pub fn window_shot(x: &Xvfb, name: &str, (left, top, w, h): (usize, usize, usize, usize)) -> Shot {
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

/// Captures `region` (x, y, width, height) of the X screen: smaller than a whole screenshot,
/// so it can be taken often.
pub fn region_shot(x: &Xvfb, region: (u32, u32, u32, u32)) -> Vec<u8> {
    let (left, top, w, h) = region;
    let out = Command::new("import")
        .args(["-display", &x.display, "-window", "root", "-crop"])
        .arg(format!("{w}x{h}+{left}+{top}"))
        .args(["-depth", "8", "rgb:-"])
        .output()
        .expect("ImageMagick's import is installed");
    out.stdout
}

/// Waits until a screenshot satisfies `ready`, saving each try as `name.png`.
pub fn wait_for_screen(x: &Xvfb, name: &str, ready: impl Fn(&Shot) -> bool) -> Shot {
    let (w, h) = x.size;
    wait_for_window(x, name, (0, 0, w, h), &ready)
}

/// Waits until a capture of one window's region satisfies `ready`, saving it as `name.png`.
pub fn wait_for_window(
    x: &Xvfb,
    name: &str,
    at: (usize, usize, usize, usize),
    ready: &dyn Fn(&Shot) -> bool,
) -> Shot {
    let mut last = None;
    let ready = wait_until(Duration::from_secs(180), Duration::from_millis(300), || {
        let shot = window_shot(x, name, at);
        let done = ready(&shot);
        last = Some(shot);
        done
    });
    assert!(
        ready,
        "timed out waiting for the {name} screen; last capture in {}",
        screenshot_dir().join(format!("{name}.png")).display()
    );
    last.expect("captured")
}

/// The game's public window: its X id once it is shown.
fn shown_window(x: &Xvfb) -> String {
    let mut id = None;
    wait_for("the game window to show", Duration::from_secs(30), || {
        id = x
            .xdotool()
            .args(["search", "--onlyvisible", "--name", "^Defiant Trivia$"])
            .output()
            .ok()
            .and_then(|o| {
                String::from_utf8_lossy(&o.stdout)
                    .lines()
                    .next()
                    .map(str::to_string)
            });
        id.is_some()
    });
    id.expect("shown")
}

/// Sends real key presses (XTEST) to the game window, in order, 120 ms apart. The game
/// reads keys as a stream, so presses are not lost; a test waits on what they do (the
/// probe, a file, a capture) before it counts on it.
pub fn keys(x: &Xvfb, keys: &[&str]) {
    let id = shown_window(x);
    let focus = x
        .xdotool()
        .args(["windowfocus", "--sync", &id])
        .status()
        .unwrap();
    assert!(focus.success());
    // Park the pointer in a corner, away from any button.
    let _ = x.xdotool().args(["mousemove", "0", "0"]).status();
    let status = x
        .xdotool()
        .args(["key", "--delay", "120"])
        .args(keys)
        .status()
        .unwrap();
    assert!(status.success());
}

/// One key press with no settling pauses (for timing).
pub fn keys_fast(x: &Xvfb, key: &str) {
    let status = x.xdotool().args(["key", key]).status().unwrap();
    assert!(status.success());
}

/// Clicks at a point of the X screen.
pub fn click_at(x: &Xvfb, at: (u32, u32)) {
    let status = x
        .xdotool()
        .args([
            "mousemove",
            &at.0.to_string(),
            &at.1.to_string(),
            "click",
            "1",
        ])
        .status()
        .unwrap();
    assert!(status.success());
}

/// An X screen wide enough for both windows, and `party --host-window` on it with the
/// console beside the public window.
pub fn start_with_console(display: u32, name: &str) -> (Xvfb, Game) {
    let mut x = Xvfb::start_sized(display, "2400x720x24");
    x.size = (WIDTH, HEIGHT);
    let data = common::temp_dir(name);
    let launch = Launch {
        args: &["party", "--host-window"],
        env: vec![(
            "DEFIANT_TRIVIA_CONSOLE_AT",
            format!("{},{}", CONSOLE.0, CONSOLE.1),
        )],
        piped: false,
    };
    let game = Game::launch(&x, &data, launch);
    (x, game)
}

/// The game with phones on, on loopback only, and the join address and room code it
/// printed.
pub fn start_phone_party(x: &Xvfb, data: &Path, more: &[&str]) -> (Game, String, String) {
    let mut args = vec!["party", "--phones", "--port", "0", "--listen", "127.0.0.1"];
    args.extend_from_slice(more);
    let launch = Launch {
        args: &args,
        piped: true,
        ..Launch::default()
    };
    let mut game = Game::launch(x, data, launch);
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

/// Whether the game's public window is on the X screen: mapped, not just created.
pub fn game_window_shown(x: &Xvfb) -> bool {
    x.xdotool()
        .args(["search", "--onlyvisible", "--name", "^Defiant Trivia$"])
        .output()
        .is_ok_and(|o| !o.stdout.is_empty())
}

/// Whether the game's public window exists at all (shown or not).
pub fn game_window_exists(x: &Xvfb) -> bool {
    x.xdotool()
        .args(["search", "--name", "^Defiant Trivia$"])
        .output()
        .is_ok_and(|o| !o.stdout.is_empty())
}

/// CPU time (user + system) a process has used so far, from `/proc/PID/stat`.
pub fn cpu_time(pid: u32) -> Duration {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).expect("process alive");
    // Fields after the command name (which may contain spaces) start after the last ')'.
    let after = &stat[stat.rfind(')').unwrap() + 2..];
    let fields: Vec<&str> = after.split_whitespace().collect();
    let ticks: u64 = fields[11].parse::<u64>().unwrap() + fields[12].parse::<u64>().unwrap();
    // Linux reports in clock ticks of 1/100 s (USER_HZ).
    Duration::from_millis(ticks * 10)
}
