//! Picture questions in a real window (issue 21), on the sampler pack
//! (`quizzes/picture-and-sound`): the picture large beside the answers, its shape kept at
//! 1280x720, 1920x1080 and 800x600; the answer's picture at the reveal; and each way a
//! picture uncovers itself, step by step. The sampler's pictures are drawn on their own
//! dark blue (#15151F, a shade off the game's background) with panels of #24243A, so
//! their pixels tell the picture from the screen around it.

use std::time::Duration;

use defiant_trivia::game::theme::palette;

use crate::common;
use crate::harness::{Game, Launch, Xvfb, keys, screenshot, wait_for_screen};
use crate::pixels::{Shot, rgb};
use crate::probe::wait_screen;

/// The sampler pictures' own background and panel colours.
const PICTURE_BACKGROUND: [u8; 3] = [21, 21, 31];
const PICTURE_PANEL: [u8; 3] = [36, 36, 58];
/// The timeline's answer picture fills its gap in teal.
const ANSWER_TEAL: [u8; 3] = [20, 58, 55];

fn sampler() -> String {
    common::repo()
        .join("quizzes/picture-and-sound")
        .to_string_lossy()
        .into_owned()
}

/// The game previewing one sampler question at `w` x `h`.
fn preview(x: &Xvfb, data: &std::path::Path, id: &str, (w, h): (usize, usize)) -> Game {
    let pack = sampler();
    let args = ["play", pack.as_str(), "--question", id];
    Game::launch(
        x,
        data,
        Launch {
            args: &args,
            env: vec![("DEFIANT_TRIVIA_WINDOW", format!("{w}x{h}"))],
            piped: false,
        },
    )
}

/// The part of the screen left of the answers, under the prompt: where the picture is.
fn picture_area((w, h): (usize, usize)) -> (usize, usize, usize, usize) {
    (w / 30, h * 3 / 10, w * 55 / 100, h * 85 / 100)
}

#[test]
fn a_picture_question_and_its_reveal_at_three_sizes() {
    let sizes = [
        (101, (1280usize, 720usize)),
        (102, (1920, 1080)),
        (103, (800, 600)),
    ];
    for (display, size) in sizes {
        let (w, h) = size;
        let x = Xvfb::start_sized(display, &format!("{w}x{h}x24"));
        let data = common::temp_dir(&format!("window-media-{w}"));
        let game = preview(&x, &data, "picture-timeline-gap", size);
        let name = |what: &str| format!("140-picture-{what}-{w}x{h}");
        wait_screen(&game, "Question");
        // The picture fills most of its area (its own colours), and the answers show
        // beside it.
        let question = wait_for_screen(&x, &name("question"), |s| {
            let area = picture_area(size);
            s.share(area, PICTURE_BACKGROUND, 3) + s.share(area, PICTURE_PANEL, 3) > 0.45
                && s.share((w / 2, 0, w, h), rgb(palette::ANSWER[0]), 10) > 0.01
        });
        // Its shape is kept: the picture's colours span a 16:9 box.
        let (width, height) = extent(&question, PICTURE_BACKGROUND, (w, h));
        let ratio = width as f64 / height.max(1) as f64;
        assert!(
            (ratio - 16.0 / 9.0).abs() < 0.08,
            "{w}x{h}: the picture is {width}x{height}, not 16:9"
        );
        assert!(
            width >= w * 45 / 100,
            "{w}x{h}: the picture is large ({width} px wide)"
        );
        keys(&x, &["1"]);
        wait_screen(&game, "Reveal");
        // The reveal shows the answer's picture, its gap filled in teal.
        wait_for_screen(&x, &name("reveal"), |s| {
            s.share((0, 0, w, h), ANSWER_TEAL, 4) > 0.002
                && s.share((0, 0, w, h), PICTURE_BACKGROUND, 3) > 0.05
        });
    }
}

/// The width and height of the box that holds the pixels of `color` (rows and columns
/// with at least a few of them).
fn extent(shot: &Shot, color: [u8; 3], (w, h): (usize, usize)) -> (usize, usize) {
    let hit = |x: usize, y: usize| {
        let p = shot.pixel(x, y);
        (0..3).all(|c| p[c].abs_diff(color[c]) <= 3)
    };
    let cols: Vec<usize> = (0..w)
        .filter(|&x| (0..h).step_by(2).filter(|&y| hit(x, y)).count() > 8)
        .collect();
    let rows: Vec<usize> = (0..h)
        .filter(|&y| (0..w).step_by(2).filter(|&x| hit(x, y)).count() > 8)
        .collect();
    let span = |v: &[usize]| v.last().zip(v.first()).map_or(0, |(a, b)| a - b + 1);
    (span(&cols), span(&rows))
}

#[test]
fn pictures_uncover_tile_by_tile_and_zoom_out_step_by_step() {
    let size = (1280, 720);
    let x = Xvfb::start_sized(104, "1280x720x24");
    let data = common::temp_dir("window-media-uncover");
    let area = picture_area(size);
    // Tiles: the panel colour of the covering tiles gives way to the picture.
    let game = preview(&x, &data, "picture-who-made-what", size);
    wait_screen(&game, "Question");
    let tile = rgb(palette::PANEL);
    let first = wait_for_screen(&x, "141-tiles-start", |s| s.share(area, tile, 2) > 0.5);
    let covered = first.share(area, tile, 2);
    // About a third of the countdown later, a third of the tiles are off.
    std::thread::sleep(Duration::from_secs(9));
    let later = screenshot(&x, "142-tiles-later");
    let still = later.share(area, tile, 2);
    assert!(
        still < covered - 0.15,
        "tiles came off: {covered:.2} covered at first, {still:.2} later"
    );
    assert!(later.share(area, PICTURE_BACKGROUND, 3) > first.share(area, PICTURE_BACKGROUND, 3));
    drop(game);

    // Zoom: close in on Red Hook at first (the pin's gold fills much of the picture),
    // the whole map later (the gold shrinks to two small pins and labels).
    let game = preview(&x, &data, "picture-hometown-pins", size);
    wait_screen(&game, "Question");
    let gold = [242, 191, 64];
    let close = wait_for_screen(&x, "143-zoom-start", |s| {
        s.share(area, PICTURE_PANEL, 4) > 0.2
    });
    std::thread::sleep(Duration::from_secs(14));
    let out = screenshot(&x, "144-zoom-later");
    let (near, far) = (close.share(area, gold, 40), out.share(area, gold, 40));
    assert!(
        near > far * 1.5,
        "the zoom came out: gold {near:.3} close in, {far:.3} later"
    );
}

/// A 100-question media pack in `dir`: questions 1, 26, 51 and 76 show a 4096x4096 JPEG of
/// 3.6 MB (the heaviest picture a pack may hold; under four names, so each is read and
/// decoded again while the question before it plays), the others ten different 2048x1152
/// JPEGs under a hundred names (so a cache that kept them would hold a hundred textures).
fn hundred_question_pack(dir: &std::path::Path) {
    let pictures = dir.join("pictures");
    std::fs::create_dir_all(&pictures).unwrap();
    let convert = |args: &[&str]| {
        let ok = std::process::Command::new("convert")
            .args(args)
            .status()
            .is_ok_and(|s| s.success());
        assert!(ok, "ImageMagick's convert makes the bench's pictures");
    };
    let big = pictures.join("big.jpg");
    convert(&[
        "-seed",
        "7",
        "-size",
        "4096x4096",
        "xc:",
        "+noise",
        "Random",
        "-quality",
        "26",
        big.to_str().unwrap(),
    ]);
    for k in 0..10 {
        let seed = format!("{}", k + 1);
        let out = pictures.join(format!("base{k}.jpg"));
        convert(&[
            "-seed",
            &seed,
            "-size",
            "2048x1152",
            "plasma:fractal",
            "-quality",
            "85",
            out.to_str().unwrap(),
        ]);
    }
    let mut questions = String::new();
    for n in 0..100 {
        let picture = if n == 0 {
            "pictures/big.jpg".to_string()
        } else if n % 25 == 0 {
            let name = format!("pictures/big{n:03}.jpg");
            std::fs::copy(&big, dir.join(&name)).unwrap();
            name
        } else {
            let name = format!("pictures/p{n:03}.jpg");
            std::fs::copy(
                pictures.join(format!("base{}.jpg", n % 10)),
                dir.join(&name),
            )
            .unwrap();
            name
        };
        questions.push_str(&format!(
            "        (id: \"q{n:03}\", prompt: \"Picture {n}: which colour leads?\", image: \"{picture}\", \
             answers: Choice(correct: \"Red\", wrong: [\"Blue\", \"Green\"]), \
             explanation: \"A bench picture.\", category: \"Bench\", difficulty: Easy),\n"
        ));
    }
    std::fs::write(
        dir.join("pack.ron"),
        format!(
            "Pack(\n    format: 3,\n    title: \"Media bench\",\n    description: \"\",\n    author: \"\",\n    questions: [\n{questions}    ],\n)\n"
        ),
    )
    .unwrap();
}

/// The game with its log in `log` (the media lines: load times, late pictures).
fn logged_game(x: &Xvfb, data: &std::path::Path, args: &[&str], log: &std::path::Path) -> Game {
    let probe = data.join("probe.json");
    let _ = std::fs::remove_file(&probe);
    let out = std::fs::File::create(log).unwrap();
    let child = std::process::Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
        .args(args)
        .env("DISPLAY", &x.display)
        .env("DEFIANT_TRIVIA_ROOT", common::repo())
        .env("XDG_DATA_HOME", data)
        .env("DEFIANT_TRIVIA_DATA", data)
        .env("XDG_RUNTIME_DIR", data)
        .env("DEFIANT_TRIVIA_PROBE", &probe)
        .env("NO_COLOR", "1")
        .env_remove("WAYLAND_DISPLAY")
        .stdout(out.try_clone().unwrap())
        .stderr(out)
        .spawn()
        .expect("game binary runs");
    Game { child, probe }
}

#[test]
#[ignore = "benchmark: run with scripts/bench-window"]
fn bench_media_pack() {
    let x = Xvfb::start_sized(105, "1280x720x24");
    let data = common::temp_dir("bench-media");
    let pack = data.join("media-bench");
    hundred_question_pack(&pack);
    let pack_arg = pack.to_string_lossy().into_owned();
    // The 4 MB picture as a first question, then its reveal left alone (a preview's
    // reveal waits for the author).
    let big_log = data.join("big.log");
    let game = logged_game(
        &x,
        &data,
        &["play", &pack_arg, "--question", "q000"],
        &big_log,
    );
    wait_screen(&game, "Question");
    keys(&x, &["1"]);
    wait_screen(&game, "Reveal");
    let idle = crate::benches::idle_share(game.child.id());
    drop(game);
    // The whole pack as one round, answered with real keys.
    let log = data.join("game.log");
    let game = logged_game(&x, &data, &["play", &pack_arg], &log);
    let pid = game.child.id();
    wait_screen(&game, "Setup");
    // Every question ("All"), then Start (no chapters: 6 rows down).
    for _ in 0..4 {
        if crate::probe::read(&game).is_some_and(|ui| ui.has("Questions:  ‹ All ›")) {
            break;
        }
        keys(&x, &["Right"]);
        std::thread::sleep(Duration::from_millis(300));
    }
    keys(
        &x,
        &["Down", "Down", "Down", "Down", "Down", "Down", "Return"],
    );
    let mut rss = Vec::new();
    for n in 0..100 {
        wait_screen(&game, "Question");
        if n < 2 || n % 10 == 9 {
            rss.push((n + 1, crate::benches::rss_mib(pid)));
        }
        keys(&x, &["1"]);
        wait_screen(&game, if n < 99 { "Reveal" } else { "Results" });
        if n < 99 {
            keys(&x, &["Return"]);
        }
    }
    drop(game);
    let text = std::fs::read_to_string(&log).unwrap() + &std::fs::read_to_string(&big_log).unwrap();
    let late = text
        .matches("was not ready when its question opened")
        .count();
    // The 4 MB picture's lines: the round's four (questions 1, 26, 51 and 76), then the
    // preview's.
    let big: Vec<&str> = text
        .lines()
        .filter(|l| l.contains("pictures/big") && l.contains("decoded in"))
        .filter_map(|l| l.find("pictures/big").map(|at| &l[at..]))
        .collect();
    let loads: Vec<f64> = text
        .lines()
        .filter(|l| l.contains("read and decoded in") && !l.contains("pictures/big"))
        .filter_map(|l| {
            l.rsplit("decoded in ")
                .next()?
                .strip_suffix(" ms")?
                .parse()
                .ok()
        })
        .collect();
    let mean = loads.iter().sum::<f64>() / loads.len().max(1) as f64;
    println!("media: the 4 MB picture, each time: {}", big.join("; "));
    println!(
        "media: {} pictures read and decoded, {mean:.0} ms on average; {late} not ready when their question opened",
        loads.len()
    );
    let line: Vec<String> = rss
        .iter()
        .map(|(n, mib)| format!("question {n}: {mib:.0} MiB"))
        .collect();
    println!(
        "media: game memory (RSS) over the round: {}",
        line.join(", ")
    );
    println!(
        "media: a picture question's reveal, idle: {:.1}% of a core",
        idle * 100.0
    );
}
