//! Benchmarks, not tests: run by `scripts/bench-window` (they are `#[ignore]`d). Start-up
//! and CPU of the game against a bare Bevy window, a party's idle screens and its buzz
//! latency, phones on loopback, the host console, and resuming a night.
//!
//! Their sleeps are the measurement: a CPU share is taken over a window of time, and an
//! idle figure is of a screen left alone for [`SETTLE`] first.

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use defiant_trivia::game::theme::palette;

use crate::common;
use crate::harness::{
    CONSOLE, Game, HEIGHT, PUBLIC, WIDTH, Xvfb, cpu_time, keys, keys_fast, region_shot, screenshot,
    start_phone_party, start_with_console, wait_for, wait_for_screen, wait_for_window,
};
use crate::pixels::{
    Shot, console_ready, differ, paused_ready, podium_ready, question_ready, resume_offered,
    reveal_ready, rgb, title_ready,
};
use crate::probe::{focus_button, press_button, press_until_screen, wait_screen, wait_ui};
use crate::solo::{answer_key, start_known_round};

/// How long a screen is left alone before its idle CPU is measured: its first frames
/// (and any pipelines it compiles) are not idle.
const SETTLE: Duration = Duration::from_secs(2);

/// How long an idle screen's CPU is measured.
const MEASURE: Duration = Duration::from_secs(15);

/// Share of one core used by `pid` over `window`.
fn cpu_share(pid: u32, window: Duration) -> f64 {
    let before = cpu_time(pid);
    std::thread::sleep(window); // the measuring window
    let after = cpu_time(pid);
    (after - before).as_secs_f64() / window.as_secs_f64()
}

/// Share of one core used by `pid` on a screen left alone: [`SETTLE`], then [`MEASURE`].
pub(crate) fn idle_share(pid: u32) -> f64 {
    std::thread::sleep(SETTLE); // part of the measurement: see SETTLE
    cpu_share(pid, MEASURE)
}

/// Resident memory of a process, from `/proc/PID/status`.
pub(crate) fn rss_mib(pid: u32) -> f64 {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).expect("process alive");
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmRSS:"))
        .and_then(|v| v.split_whitespace().next()?.parse::<f64>().ok())
        .map_or(0.0, |kib| kib / 1024.0)
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
    let bare_idle = cpu_share(child.id(), MEASURE);
    let _ = child.kill();
    let _ = child.wait();

    let data = common::temp_dir("bench");
    let start = Instant::now();
    let game = Game::start(&x, &data);
    wait_for_screen(&x, "bench-title", title_ready);
    let game_launch = start.elapsed();
    let pid = game.pid();
    let title_idle = cpu_share(pid, MEASURE);
    press_button(&x, &game, "Play");
    wait_screen(&game, "PackPicker");
    let picker_idle = idle_share(pid);
    press_button(&x, &game, "The Defiant Ones");
    wait_screen(&game, "Setup");
    let questions = start_known_round(&x, &game);
    wait_screen(&game, "Question");
    let mut last = wait_for_screen(&x, "bench-question", question_ready);
    let question = cpu_share(pid, Duration::from_secs(10));
    keys(&x, &[answer_key(questions[0].correct).as_str()]);
    wait_screen(&game, "Reveal");
    wait_for_screen(&x, "bench-reveal", reveal_ready);
    let reveal = cpu_share(pid, Duration::from_secs(5));
    keys(&x, &["Return"]);
    for i in 2..=5 {
        wait_screen(&game, "Question");
        let q = wait_for_screen(&x, &format!("bench-question-{i}"), |s| {
            crate::pixels::changed(s, &last) && question_ready(s)
        });
        keys(&x, &[answer_key(questions[i - 1].correct).as_str()]);
        wait_screen(&game, "Reveal");
        last = wait_for_screen(&x, &format!("bench-reveal-{i}"), |s| {
            crate::pixels::changed(s, &q) && reveal_ready(s)
        });
        keys(&x, &["Return"]);
    }
    // The name prompt (the name as it is), then the results screen left alone.
    wait_screen(&game, "Results");
    keys(&x, &["Return"]);
    wait_for("the high score saved", Duration::from_secs(30), || {
        data.join("high-scores.ron").exists()
    });
    let results = idle_share(pid);
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

/// Sets the lobby's format row to buzz-in, then starts the party.
fn start_buzz_in_party(x: &Xvfb, game: &Game) {
    focus_button(x, game, "Format:");
    keys(x, &["Return"]);
    wait_ui(game, "the buzz-in format", |ui| {
        ui.has("Format:  ‹ Buzz-in ›")
    });
    press_button(x, game, "Start party");
}

/// Benchmark, not a test: run by `scripts/bench-window`. A four-player buzz-in party:
/// CPU of the lobby, scoreboard and podium left alone, and the time from a buzz key's
/// press to the first captured frame that shows who buzzed (captures of the banner
/// region, each a few tens of milliseconds apart: the figure includes that resolution).
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_party_idle_and_buzz() {
    let x = Xvfb::start(93);
    let data = common::temp_dir("bench-party");
    let game = Game::start_with(&x, &data, &["party"]);
    let pid = game.pid();
    wait_screen(&game, "Lobby");
    wait_for_screen(&x, "bench-party-lobby", |s| {
        s.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
    });
    keys(&x, &["z", "v", "n", "m"]);
    let lobby = idle_share(pid);
    start_buzz_in_party(&x, &game);
    let mut latencies = Vec::new();
    let mut scoreboard = 0.0;
    let buzzers = ["v", "n", "m"];
    for (round, buzzer) in buzzers.iter().enumerate() {
        wait_screen(&game, "Question");
        wait_for_screen(&x, "bench-party-question", question_ready);
        // Past the reading time (on the game's clock): buzzing is open.
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
        wait_screen(&game, "Reveal");
        wait_for_screen(&x, "bench-party-reveal", reveal_ready);
        press_until_screen(&x, &game, "Return", "Scoreboard");
        if round == 0 {
            scoreboard = idle_share(pid);
            screenshot(&x, "bench-party-scoreboard");
        }
        if round + 1 < buzzers.len() {
            press_until_screen(&x, &game, "Return", "Question");
        }
    }
    keys(&x, &["F10", "F10"]);
    wait_screen(&game, "Podium");
    wait_for_screen(&x, "bench-party-podium", podium_ready);
    let podium = cpu_share(pid, MEASURE);
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

type BenchWs =
    tokio_tungstenite::WebSocketStream<tokio_tungstenite::MaybeTlsStream<tokio::net::TcpStream>>;

/// A simulated phone on loopback: joins with `name` from its own loopback address
/// (127.0.2.x and on: a home Wi-Fi gives each phone its own, and the server counts its
/// shares per address) and returns its socket.
async fn bench_phone(url: &str, room: &str, name: &str, n: u32) -> BenchWs {
    use futures_util::{SinkExt, StreamExt};
    use tokio_tungstenite::tungstenite::Message;
    use tokio_tungstenite::tungstenite::client::IntoClientRequest;
    let ws_url = url.replace("http://", "ws://") + "ws";
    let mut request = ws_url.into_client_request().unwrap();
    let origin = url.trim_end_matches('/').to_string();
    request
        .headers_mut()
        .insert("Origin", origin.parse().unwrap());
    let server: std::net::SocketAddr = url
        .trim_start_matches("http://")
        .trim_end_matches('/')
        .parse()
        .unwrap();
    let source = std::net::Ipv4Addr::new(127, 0, 2 + (n / 250) as u8, 2 + (n % 250) as u8);
    assert!(source.is_loopback() && server.ip().is_loopback());
    let socket = tokio::net::TcpSocket::new_v4().unwrap();
    socket.bind((source, 0).into()).unwrap();
    let stream = socket.connect(server).await.expect("a phone connects");
    // Small buffers, as the game's own side of a phone's socket has: with the library's
    // default 128 KiB read buffer, zeroed on every read, the 250 simulated phones spent
    // more of the shared two cores on memset than the game spent on their answers.
    let config = tokio_tungstenite::tungstenite::protocol::WebSocketConfig::default()
        .read_buffer_size(4 * 1024)
        .write_buffer_size(0);
    let (mut ws, _) = tokio_tungstenite::client_async_with_config(
        request,
        tokio_tungstenite::MaybeTlsStream::Plain(stream),
        Some(config),
    )
    .await
    .expect("a phone opens its socket");
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

/// Seats phones `from..to`, 25 joining at a time.
async fn bench_phones_join(url: &str, room: &str, from: u32, to: u32) -> Vec<BenchWs> {
    let mut all = Vec::new();
    let mut n = from;
    while n < to {
        let batch: Vec<_> = (n..to.min(n + 25))
            .map(|i| {
                let (url, room) = (url.to_string(), room.to_string());
                tokio::spawn(
                    async move { bench_phone(&url, &room, &format!("Phone {i}"), i).await },
                )
            })
            .collect();
        for task in batch {
            all.push(task.await.unwrap());
        }
        n = to.min(n + 25);
    }
    all
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
/// only, each from a loopback address of its own: the game's CPU with 30 and with 250
/// phones idle in the lobby and with 30 phones answering one question; 250 phones
/// (`--max-phones 250`: a pub quiz) answering one question at once: every answer counted,
/// the time from sending to the phone's view changing (the game applied it and published
/// the new state), and the game's memory per connected phone.
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_phones() {
    use futures_util::SinkExt;
    use tokio_tungstenite::tungstenite::Message;
    let x = Xvfb::start(92);
    let data = common::temp_dir("bench-phones");
    // 250 (a pub quiz) unless BENCH_PHONES says otherwise (at least 31), to compare the
    // game's memory at the same screens with fewer phones.
    let count: u32 = std::env::var("BENCH_PHONES")
        .ok()
        .and_then(|n| n.parse().ok())
        .unwrap_or(250u32)
        .max(31);
    let max = count.to_string();
    let (game, url, room) = start_phone_party(&x, &data, &["--max-phones", &max]);
    let pid = game.pid();
    wait_screen(&game, "Lobby");
    wait_for_screen(&x, "bench-phones-lobby-empty", |s| {
        s.share((0, 0, WIDTH, 80), rgb(palette::ACCENT), 12) > 0.005
    });
    std::thread::sleep(SETTLE); // part of the measurement: memory of the settled lobby
    let rss_before = rss_mib(pid);
    let rt = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .enable_all()
        .build()
        .unwrap();
    let mut phones: Vec<BenchWs> = rt.block_on(bench_phones_join(&url, &room, 0, 30));
    keys(&x, &["z"]);
    game.wait_idle();
    screenshot(&x, "bench-phones-lobby-30");
    let idle_30 = cpu_share(pid, MEASURE);
    let more: Vec<BenchWs> = rt.block_on(bench_phones_join(&url, &room, 30, count));
    phones.extend(more);
    game.wait_idle();
    screenshot(&x, &format!("bench-phones-lobby-{count}"));
    let idle_all = cpu_share(pid, MEASURE);
    let rss_lobby = rss_mib(pid);
    // Start; question 1: 30 phones answer over 6 s while the CPU is measured.
    press_button(&x, &game, "Start party");
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
            // Answers spread over the measuring window.
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    });
    let answering_30 = (cpu_time(pid) - before).as_secs_f64() / started.elapsed().as_secs_f64();
    screenshot(&x, "bench-phones-question-30-answered");
    // The others and the keyboard: the question closes; on to question 2.
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
    press_until_screen(&x, &game, "Return", "Scoreboard");
    screenshot(&x, "bench-phones-scoreboard");
    keys(&x, &["Return"]);
    // Question 2: all of them answer at once.
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
    // The TV draws the frame that took the answers in a moment after the phones saw it
    // (software rendering): the picture, after the measurement.
    std::thread::sleep(Duration::from_millis(700));
    screenshot(&x, &format!("bench-phones-question-{count}-answered"));
    let rss_after = rss_mib(pid);
    let mut sorted = latencies.clone();
    sorted.sort();
    let pct = |p: f64| sorted[((sorted.len() as f64 - 1.0) * p).round() as usize];
    println!(
        "phones: {} of {count} answers counted (each phone saw its own lock-in)",
        latencies.len()
    );
    println!(
        "phones: answer sent to the phone's view changing: p50 {} ms, p99 {} ms, max {} ms",
        pct(0.5).as_millis(),
        pct(0.99).as_millis(),
        sorted.last().unwrap().as_millis()
    );
    println!(
        "phones: game CPU, share of one core: 30 phones idle in the lobby {:.1}%, {count} idle in the lobby {:.1}%, during a question with 30 phones answering {:.1}%",
        idle_30 * 100.0,
        idle_all * 100.0,
        answering_30 * 100.0
    );
    println!(
        "phones: game memory (RSS): {rss_before:.0} MiB before phones, {rss_lobby:.0} MiB with {count} in the lobby ({:.0} KiB a phone), {rss_after:.0} MiB after they all answered ({:.0} KiB a phone)",
        (rss_lobby - rss_before) * 1024.0 / f64::from(count),
        (rss_after - rss_before) * 1024.0 / f64::from(count),
    );
    drop(phones);
}

/// Benchmark, not a test: run by `scripts/bench-window`. The public window and the host
/// console both open: CPU of the lobby left alone, of a question counting down (both
/// windows drawing), and of the reveal left alone.
#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_console_two_windows() {
    let (x, game) = start_with_console(90, "bench-console");
    let pid = game.pid();
    let wait = |name: &str, at, ready: &dyn Fn(&Shot) -> bool| wait_for_window(&x, name, at, ready);
    wait("bench-console-lobby", CONSOLE, &console_ready);
    keys(&x, &["z", "v"]);
    let lobby = idle_share(pid);
    press_button(&x, &game, "Start party");
    wait_screen(&game, "Question");
    wait("bench-console-question", PUBLIC, &question_ready);
    let question = cpu_share(pid, Duration::from_secs(8));
    keys(&x, &["F2"]);
    wait_screen(&game, "Reveal");
    wait("bench-console-reveal", PUBLIC, &reveal_ready);
    let reveal = idle_share(pid);
    println!(
        "CPU with the public window and the host console, share of one core: lobby idle {:.1}%, question countdown {:.1}%, reveal idle {:.1}%",
        lobby * 100.0,
        question * 100.0,
        reveal * 100.0
    );
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
    let x = Xvfb::start(83);
    let mut plain = Vec::new();
    let mut offered = Vec::new();
    let mut resumed = Vec::new();
    let (mut title_idle, mut paused_idle) = (0.0, 0.0);
    for run in 0..3 {
        let empty = common::temp_dir(&format!("bench-resume-empty-{run}"));
        let start = Instant::now();
        let game = Game::start(&x, &empty);
        wait_for_screen(&x, "bench-resume-title", title_ready);
        plain.push(start.elapsed());
        drop(game);

        let data = common::temp_dir(&format!("bench-resume-{run}"));
        leave_a_night(&data);
        let start = Instant::now();
        let game = Game::start(&x, &data);
        // The title with Resume the party (its first button) and the night's summary.
        wait_for_screen(&x, "bench-resume-offered", resume_offered);
        offered.push(start.elapsed());
        if run == 0 {
            title_idle = cpu_share(game.pid(), MEASURE);
        }
        drop(game);

        let data = common::temp_dir(&format!("bench-resume-cli-{run}"));
        leave_a_night(&data);
        let start = Instant::now();
        let game = Game::start_with(&x, &data, &["party", "--resume"]);
        wait_for_screen(&x, "bench-resume-paused", paused_ready);
        resumed.push(start.elapsed());
        if run == 0 {
            paused_idle = cpu_share(game.pid(), MEASURE);
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

/// Benchmark, not a test: run by `scripts/bench-release`. Launch to the first drawn frame
/// of the release binaries (`cargo build --release`), five times each, alternating: the
/// game as installed (built-in fonts, sounds and packs: an empty `DEFIANT_TRIVIA_ROOT`, a
/// fresh data folder each time) to its drawn title, and the bare Bevy window built the same
/// way to its drawn colour. Prints every time and the medians.
#[test]
#[ignore = "benchmark: run with scripts/bench-release"]
fn bench_release_launch() {
    let release = bare_window_binary()
        .parent()
        .and_then(Path::parent)
        .and_then(Path::parent)
        .unwrap()
        .join("release");
    let game_bin = release.join("defiant-trivia");
    let bare_bin = release.join("examples/bare_window");
    assert!(
        game_bin.exists() && bare_bin.exists(),
        "build them first: cargo build --release --bin defiant-trivia --example bare_window"
    );
    let x = Xvfb::start(86);
    let (mut game_times, mut bare_times) = (Vec::new(), Vec::new());
    for i in 0..5 {
        let start = Instant::now();
        let mut bare = Command::new(&bare_bin)
            .env("DISPLAY", &x.display)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_screen(&x, "bench-release-bare", |s| {
            s.share((0, 0, WIDTH, HEIGHT), [204, 26, 153], 8) > 0.9
        });
        bare_times.push(start.elapsed());
        let _ = bare.kill();
        let _ = bare.wait();
        wait_for("the bare window to close", Duration::from_secs(10), || {
            screenshot(&x, "bench-release-closed").share((0, 0, WIDTH, HEIGHT), [204, 26, 153], 8)
                < 0.5
        });

        let data = common::temp_dir(&format!("bench-release-{i}"));
        let start = Instant::now();
        let mut game = Command::new(&game_bin)
            .env("DISPLAY", &x.display)
            .env("DEFIANT_TRIVIA_ROOT", "")
            .env("DEFIANT_TRIVIA_DATA", &data)
            .env("XDG_DATA_HOME", &data)
            .env("XDG_RUNTIME_DIR", &data)
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        wait_for_screen(&x, "bench-release-title", title_ready);
        game_times.push(start.elapsed());
        let _ = game.kill();
        let _ = game.wait();
        wait_for("the game window to close", Duration::from_secs(10), || {
            !crate::harness::game_window_exists(&x)
        });
    }
    let median = |times: &mut Vec<Duration>| {
        times.sort();
        times[times.len() / 2]
    };
    println!("release launch to first drawn frame, game title (built-in assets): {game_times:.2?}");
    println!("release launch to first drawn frame, bare Bevy window: {bare_times:.2?}");
    println!(
        "release launch medians: game {:.2?}, bare window {:.2?}",
        median(&mut game_times),
        median(&mut bare_times)
    );
}
