//! Picture and sound questions with no window and no audio device (issue 21), on the
//! sampler pack: the picture is loaded before its question's clock starts and shown in
//! the question's first frame, the reveal shows the answer's picture, a clip the countdown
//! waits for holds the countdown back, the game says why nothing is heard, only a few
//! questions' media are held at a time, and a picture saved broken on disk breaks the
//! pack at its path's line and column.

use std::path::Path;
use std::time::{Duration, Instant};

use bevy::prelude::*;

use crate::common::*;
use defiant_trivia::core::game::Phase;
use defiant_trivia::game::media::clip::{ClipPlayer, ReplayClip};
use defiant_trivia::game::media::picture::{PictureBox, PictureImage, PictureNote};
use defiant_trivia::game::media::{AHEAD, MediaCache};
use defiant_trivia::game::packs::PackLibrary;
use defiant_trivia::game::preview::{PreviewRequest, add_preview};
use defiant_trivia::game::session::Session;
use defiant_trivia::game::states::Screen;

fn sampler() -> std::path::PathBuf {
    std::fs::canonicalize(repo().join("quizzes/picture-and-sound")).unwrap()
}

fn preview_app(name: &str, file: &Path, question: Option<&str>, quizzes: &Path) -> App {
    let data = temp_dir(&format!("{name}-data"));
    let request = PreviewRequest {
        file: file.to_path_buf(),
        question: question.map(str::to_string),
    };
    headless_app_with(quizzes, &data, true, |app| add_preview(app, &request))
}

/// Runs frames with real time passing (for loads and the file watch) until `done` holds.
fn until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    let start = Instant::now();
    while start.elapsed() < Duration::from_secs(30) {
        app.update();
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for: {what}");
}

fn picture_paths(app: &mut App) -> Vec<String> {
    let mut q = app.world_mut().query::<&PictureBox>();
    q.iter(app.world()).map(|p| p.path.clone()).collect()
}

fn count<C: Component>(app: &mut App) -> usize {
    let mut q = app.world_mut().query_filtered::<(), With<C>>();
    q.iter(app.world()).count()
}

#[test]
fn a_picture_is_on_screen_from_its_question_first_frame_and_the_reveal_shows_the_answer() {
    let mut app = preview_app(
        "media-picture",
        &sampler(),
        Some("picture-timeline-gap"),
        &repo().join("quizzes"),
    );
    // The first frame the question is open (its clock running), its picture is ready
    // and drawn: no "Loading the picture" note.
    until(&mut app, "the question to open", |app| {
        app.world()
            .get_resource::<Session>()
            .is_some_and(|s| s.game.phase() == Phase::Question)
    });
    assert_eq!(screen(&app), Screen::Question);
    let cache = app.world().resource::<MediaCache>();
    let state = format!("{:?}", cache.state("pictures/timeline-gap.png"));
    let ready = cache
        .ready("pictures/timeline-gap.png")
        .unwrap_or_else(|| panic!("the picture loaded before the clock started: {state}"));
    assert_eq!((ready.size.x, ready.size.y), (1280, 720));
    let (bytes, format) = ready.bytes.clone().unwrap();
    assert_eq!(format.mime(), "image/png");
    assert_eq!(
        &bytes[..],
        &std::fs::read(sampler().join("pictures/timeline-gap.png")).unwrap()[..]
    );
    // The reveal picture is loaded ahead too.
    assert!(cache.ready("pictures/timeline-gap-answer.png").is_some());
    frames(&mut app, 1);
    assert_eq!(picture_paths(&mut app), vec!["pictures/timeline-gap.png"]);
    assert_eq!(count::<PictureImage>(&mut app), 1);
    assert_eq!(count::<PictureNote>(&mut app), 0);
    // Answer: the reveal shows the answer's picture.
    press(&mut app, KeyCode::Digit1);
    wait_for_screen(&mut app, Screen::Reveal);
    frames(&mut app, 1);
    assert_eq!(
        picture_paths(&mut app),
        vec!["pictures/timeline-gap-answer.png"]
    );
    assert_eq!(count::<PictureNote>(&mut app), 0);
}

#[test]
fn a_clip_the_countdown_waits_for_holds_it_back_and_no_device_is_said() {
    let mut app = preview_app(
        "media-clip",
        &sampler(),
        Some("sound-tens-and-ones"),
        &repo().join("quizzes"),
    );
    until(&mut app, "the question to open", |app| {
        app.world()
            .get_resource::<Session>()
            .is_some_and(|s| s.game.phase() == Phase::Question)
    });
    let session = app.world().resource::<Session>();
    let q = session.game.current();
    let clip = q.media.audio.clone().expect("a sound question");
    assert!(clip.countdown_after);
    // The clip's length (filled in from the file by the check) is added to the time.
    let length = clip.end.unwrap() - clip.start;
    assert!((7.0..9.5).contains(&length), "the chimes play {length} s");
    assert_eq!(
        q.media.listen,
        Duration::from_millis((length * 1000.0) as u64)
    );
    // The answering time is the question's own whole seconds, after the clip.
    let answering = q.time_limit - q.media.listen;
    assert!(
        answering.subsec_nanos() == 0 && (5..=120).contains(&answering.as_secs()),
        "{answering:?} to answer after the clip"
    );
    // No audio here: the game says so, and the question goes on.
    frames(&mut app, 2);
    let player = app.world().resource::<ClipPlayer>();
    assert!(
        player.notice().is_some_and(|n| n.starts_with("No sound")),
        "{:?}",
        player.notice()
    );
    // The question's line says it too.
    let mut lines = app
        .world_mut()
        .query_filtered::<&Text, With<defiant_trivia::game::screens::question::ClipLine>>();
    let line: Vec<String> = lines.iter(app.world()).map(|t| t.0.clone()).collect();
    assert!(line.iter().any(|l| l.contains("No sound")), "{line:?}");
    // F8 (a replay) changes nothing but the clip.
    app.world_mut().write_message(ReplayClip);
    frames(&mut app, 2);
    assert_eq!(
        app.world().resource::<Session>().game.phase(),
        Phase::Question
    );
}

#[test]
fn only_the_questions_on_screen_and_next_hold_their_media() {
    let mut app = preview_app("media-held", &sampler(), None, &repo().join("quizzes"));
    wait_for_screen(&mut app, Screen::Setup);
    // The whole pack, in one round: every question, then Start.
    for _ in 0..10 {
        press(&mut app, KeyCode::ArrowRight);
    }
    for _ in 0..7 {
        press(&mut app, KeyCode::ArrowDown);
    }
    press(&mut app, KeyCode::Enter);
    until(&mut app, "the first question", |app| {
        app.world()
            .get_resource::<Session>()
            .is_some_and(|s| s.game.phase() == Phase::Question)
    });
    let mut most = 0;
    let mut asked = 0;
    while asked < 11 {
        let (phase, index) = {
            let s = app.world().resource::<Session>();
            (s.game.phase(), s.game.current_index())
        };
        if phase == Phase::Finished {
            break;
        }
        let held = app.world().resource::<MediaCache>().held();
        most = most.max(held);
        // A question has at most three files (picture, clip, answer's picture).
        assert!(
            held <= 3 * (AHEAD + 1),
            "question {index}: {held} files held"
        );
        if phase == Phase::Question {
            press(&mut app, KeyCode::Digit1);
            asked += 1;
        } else {
            press(&mut app, KeyCode::Enter);
        }
        until(&mut app, "the next phase", |app| {
            let s = app.world().resource::<Session>();
            (s.game.phase(), s.game.current_index()) != (phase, index)
        });
    }
    assert!(most >= 2, "media were held ({most})");
}

#[test]
fn a_picture_saved_broken_breaks_its_pack_at_its_path() {
    // A copy of the sampler in a quizzes folder of its own, watched.
    let quizzes = temp_dir("media-reload-quizzes");
    let pack = quizzes.join("sampler");
    copy_dir(&sampler(), &pack);
    let data = temp_dir("media-reload-data");
    let mut app = headless_app(&quizzes, &data, true);
    let ok = |app: &mut App| {
        let library = app.world().resource::<PackLibrary>();
        library.ready
            && library
                .entries
                .iter()
                .any(|e| e.file_name == "sampler" && e.status.is_ok())
    };
    until(&mut app, "the sampler copy to load", ok);
    // Save a picture cut short: the pack is broken, at the line of its path.
    let picture = pack.join("pictures/cast-poster.webp");
    let bytes = std::fs::read(&picture).unwrap();
    std::fs::write(&picture, &bytes[..bytes.len() / 3]).unwrap();
    let text = std::fs::read_to_string(pack.join("pack.ron")).unwrap();
    let line = text
        .lines()
        .position(|l| l.contains("pictures/cast-poster.webp"))
        .unwrap()
        + 1;
    let mut error = String::new();
    until(&mut app, "the pack to break", |app| {
        let library = app.world().resource::<PackLibrary>();
        match library.entries.iter().find(|e| e.file_name == "sampler") {
            Some(e) => match &e.status {
                Err(e) => {
                    error = e.clone();
                    true
                }
                Ok(_) => false,
            },
            None => false,
        }
    });
    assert!(
        error.contains(&format!("sampler/pack.ron:{line}:")),
        "{error}"
    );
    assert!(error.contains("cast-poster.webp"), "{error}");
    // Fixed again: playable again.
    std::fs::write(&picture, &bytes).unwrap();
    until(&mut app, "the pack to be fixed", ok);
}

fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let path = entry.path();
        if path.is_dir() {
            copy_dir(&path, &to.join(entry.file_name()));
        } else {
            std::fs::copy(&path, to.join(entry.file_name())).unwrap();
        }
    }
}

#[test]
fn the_built_in_sampler_plays_from_the_binary_with_its_pictures() {
    use defiant_trivia::game::packs::{PackAsset, register_shipped_sources};
    // As installed: no game folder, the packs built into the binary.
    let mut app = headless_app_sourced(&temp_dir("media-shipped"), false, |app, data| {
        register_shipped_sources(app, Some(&data.packs_dir()));
    });
    until(&mut app, "the built-in packs to load", |app| {
        app.world().resource::<PackLibrary>().ready
    });
    let library = app.world().resource::<PackLibrary>();
    let entry = library
        .entries
        .iter()
        .find(|e| e.file_name == "picture-and-sound")
        .expect("the sampler is built in");
    assert!(entry.status.is_ok(), "{:?}", entry.status);
    let packs = app.world().resource::<Assets<PackAsset>>();
    let source = packs
        .get(&entry.handle)
        .and_then(|p| p.source.clone())
        .expect("its pictures and sounds are built in too");
    let picture = source.read("pictures/timeline-gap.png", 1 << 22).unwrap();
    assert_eq!(
        picture,
        std::fs::read(sampler().join("pictures/timeline-gap.png")).unwrap()
    );
}
