//! The real `defiant-trivia check` binary on good and bad packs: output and exit code.

mod common;

use std::path::PathBuf;
use std::process::Command;

fn bin() -> Command {
    Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
}

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/packs").join(name)
}

fn run(args: &[&str]) -> (i32, String) {
    let out = bin().args(args).output().expect("binary runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

#[test]
fn shipped_pack_is_reported_valid_with_its_question_count() {
    let pack = common::repo().join("quizzes/the-defiant-ones.ron");
    let (code, out) = run(&["check", pack.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let count = defiant_trivia::core::check_file(&pack)
        .pack
        .unwrap()
        .questions
        .len();
    assert!(
        out.contains(&format!(
            "ok: \"The Defiant Ones\", {count} questions in 6 categories"
        )),
        "{out}"
    );
    assert!(
        out.contains("checked 1 pack: 1 valid, 0 with errors"),
        "{out}"
    );
}

#[test]
fn bad_pack_lists_every_error_with_line_and_column_and_fails() {
    let bad = fixture("broken.ron");
    let good = fixture("good.ron");
    let (code, out) = run(&["check", good.to_str().unwrap(), bad.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let bad = bad.display().to_string();
    for expected in [
        format!("{bad}:8:17: error: duplicate id `same`: already used at line 3"),
        format!(
            "{bad}:10:80: error: the wrong answer \"compton\" is the same as the correct answer"
        ),
        format!("{bad}:14:22: error: the time limit is 500 seconds; it must be between 5 and 120"),
    ] {
        assert!(out.contains(&expected), "missing {expected:?} in:\n{out}");
    }
    assert!(out.contains(&format!("{bad}: 3 errors")), "{out}");
    assert!(out.contains("good.ron: ok: \"Good\", 2 questions"), "{out}");
    assert!(
        out.contains("checked 2 packs: 1 valid, 1 with errors"),
        "{out}"
    );
}

#[test]
fn syntax_error_and_folder_arguments() {
    let (code, out) = run(&["check", fixture("").to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let syntax = fixture("syntax.ron").display().to_string();
    assert!(out.contains(&format!("{syntax}:4:5: error:")), "{out}");
    assert!(
        out.contains("checked 6 packs: 4 valid, 2 with errors"),
        "{out}"
    );
}

#[test]
fn missing_file_is_an_error_not_a_panic() {
    let (code, out) = run(&["check", "/nonexistent/pack.ron"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("/nonexistent/pack.ron:1:1: error: cannot open the file"),
        "{out}"
    );
}

#[test]
fn help_describes_every_command() {
    let (code, out) = run(&["--help"]);
    assert_eq!(code, 0);
    for needle in ["play", "check", "new", "Usage"] {
        assert!(out.contains(needle), "{out}");
    }
}

#[test]
fn playing_without_a_display_is_a_clear_error_not_a_panic() {
    let out = bin()
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY")
        .output()
        .expect("binary runs");
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("no graphical display"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[test]
fn new_writes_a_starter_pack_that_checks_and_never_overwrites() {
    let dir = std::env::temp_dir().join(format!("dt-new-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join("mine.ron");
    let path_str = path.to_str().unwrap();
    let (code, out) = run(&["new", path_str]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&["check", path_str]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("ok: \"My Watch Party\", 4 questions"), "{out}");
    // A second `new` on the same path refuses and keeps the author's edits.
    std::fs::write(&path, "edited").unwrap();
    let (code, out) = run(&["new", path_str]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("already exists; nothing was written"), "{out}");
    assert_eq!(std::fs::read_to_string(&path).unwrap(), "edited");
    std::fs::remove_dir_all(&dir).unwrap();
}

#[test]
fn play_refuses_a_broken_pack_with_the_check_report_before_opening_a_window() {
    let broken = fixture("broken.ron");
    let out = bin()
        .args(["play", broken.to_str().unwrap()])
        .env("DISPLAY", ":9999")
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{text}");
    assert!(
        text.contains("broken.ron:8:17: error: duplicate id `same`"),
        "{text}"
    );
    assert!(
        text.contains("cannot be previewed until these errors are fixed"),
        "{text}"
    );
}

#[test]
fn play_names_the_nearest_question_id_when_the_one_asked_for_is_missing() {
    let good = fixture("good.ron");
    let (code, out) = run(&["play", good.to_str().unwrap(), "--question", "bb"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("has no question with id `bb`"), "{out}");
    assert!(out.contains("did you mean `b`?"), "{out}");
    let (code, out) = run(&["play", good.to_str().unwrap(), "--question", "zzzzzzzz"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("its questions are a, b"), "{out}");
}

#[test]
fn play_refuses_folders_other_files_and_a_question_without_a_pack() {
    let (code, out) = run(&["play", fixture("").to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("is a folder with no pack.ron; give one pack"),
        "{out}"
    );
    let (code, out) = run(&["play", "README.md"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("a pack is a .ron file, a folder with pack.ron, or a .zip"),
        "{out}"
    );
    let (code, out) = run(&["play", "--question", "a"]);
    assert_eq!(code, 2, "{out}");
    assert!(out.contains("<PATH>"), "{out}");
    let (code, out) = run(&["play", "no-such-pack.ron"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("no-such-pack.ron"), "{out}");
}

/// As installed: no game folder anywhere (`DEFIANT_TRIVIA_ROOT` set and empty, run from a
/// folder with no repository). The packs built into the binary are checked, then the
/// player's own packs folder; `--version` names the version and the commit.
#[test]
fn an_installed_binary_checks_its_built_in_packs_and_the_players_folder() {
    let scratch = common::temp_dir("installed-check");
    let data = scratch.join("data");
    let run_in = |args: &[&str]| {
        let out = bin()
            .args(args)
            .current_dir(&scratch)
            .env("DEFIANT_TRIVIA_ROOT", "")
            .env("DEFIANT_TRIVIA_DATA", &data)
            .output()
            .expect("binary runs");
        let text = String::from_utf8_lossy(&out.stdout).into_owned()
            + &String::from_utf8_lossy(&out.stderr);
        (out.status.code().unwrap_or(-1), text)
    };
    let (code, out) = run_in(&["check"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("quizzes/the-defiant-ones.ron: ok: \"The Defiant Ones\""),
        "{out}"
    );
    // A broken pack in the player's folder is reported with its line and column.
    let packs = data.join("packs");
    std::fs::create_dir_all(&packs).unwrap();
    std::fs::copy(fixture("broken.ron"), packs.join("broken.ron")).unwrap();
    let (code, out) = run_in(&["check"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("broken.ron:8:17: error: duplicate id"),
        "{out}"
    );
    let shipped = defiant_trivia::shipped::PACKS.len();
    assert!(
        out.contains(&format!(
            "checked {} packs: {shipped} valid, 1 with errors",
            shipped + 1
        )),
        "{out}"
    );
    let (code, out) = run_in(&["--version"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&format!(
            "defiant-trivia {} (commit ",
            env!("CARGO_PKG_VERSION")
        )),
        "{out}"
    );
}

/// Copies the folder `from` into `to`, files and subfolders.
fn copy_dir(from: &std::path::Path, to: &std::path::Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), &target).unwrap();
        }
    }
}

/// A pack folder is one pack, checked with its files; so is its `pack.ron`, even given from
/// inside the folder; a folder of packs holds lone files, pack folders and `.zip`s.
#[test]
fn check_reads_pack_folders_their_pack_ron_and_zips() {
    let good = fixture("media/good");
    let (code, out) = run(&["check", good.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    let shown = good.join("pack.ron").display().to_string();
    assert!(
        out.contains(&format!(
            "{shown}: ok: \"Good media\", 2 questions in 1 category, 2 pictures, 1 sound"
        )),
        "{out}"
    );
    let out = bin()
        .args(["check", "pack.ron"])
        .current_dir(&good)
        .output()
        .unwrap();
    let text = String::from_utf8_lossy(&out.stdout);
    assert_eq!(out.status.code(), Some(0), "{text}");
    assert!(text.starts_with("pack.ron: ok: \"Good media\""), "{text}");
    let (code, out) = run(&["check", "--deny-warnings", "quizzes"]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&["check", fixture("media/zipped.zip").to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(
            "zipped.zip/pack.ron:19:27: error: `sounds/bells.ogg`: no such file in the pack"
        ),
        "{out}"
    );
}

#[test]
fn pack_zips_exactly_what_the_pack_uses_checks_it_and_never_overwrites() {
    use defiant_trivia::core::media::{MediaSource, ReadError, ZipSource};
    let scratch = common::temp_dir("pack-zip");
    let dir = scratch.join("my-pack");
    copy_dir(&fixture("media/good"), &dir);
    std::fs::write(dir.join("notes.txt"), "ideas").unwrap();
    std::fs::write(dir.join("pictures/unused.png"), "not used").unwrap();
    let zip = scratch.join("my-pack.zip");
    let (code, out) = run(&["pack", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.starts_with(&format!("wrote {} (5 files, ", zip.display())),
        "{out}"
    );
    assert!(out.contains(" KB); checked: OK\n"), "{out}");
    assert!(
        out.contains(
            "note: left out 2 files the pack does not use: notes.txt, pictures/unused.png"
        ),
        "{out}"
    );
    // The .zip holds pack.ron, the pack's pictures and sound, and its licence; nothing else.
    let source = ZipSource::open(&zip).unwrap();
    for name in [
        "pack.ron",
        "pictures/dot.png",
        "pictures/dot-answer.png",
        "sounds/tick.wav",
        "LICENSE",
    ] {
        assert_eq!(
            source.read(name, 1 << 20).unwrap(),
            std::fs::read(dir.join(name)).unwrap(),
            "{name}"
        );
    }
    for name in ["notes.txt", "pictures/unused.png"] {
        assert_eq!(
            source.read(name, 1 << 20),
            Err(ReadError::Missing),
            "{name}"
        );
    }
    let (code, out) = run(&["check", zip.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("my-pack.zip/pack.ron: ok: \"Good media\""),
        "{out}"
    );

    // An existing .zip is replaced only with --force.
    std::fs::write(&zip, "mine").unwrap();
    let (code, out) = run(&["pack", dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("already exists; nothing was written (use --force to replace it)"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&zip).unwrap(), "mine");
    let (code, out) = run(&["pack", dir.to_str().unwrap(), "--force"]);
    assert_eq!(code, 0, "{out}");
    let (code, _) = run(&["check", zip.to_str().unwrap()]);
    assert_eq!(code, 0);

    // -o names the .zip; it must end in .zip.
    let other = scratch.join("shared.zip");
    let (code, out) = run(&[
        "pack",
        dir.join("pack.ron").to_str().unwrap(),
        "-o",
        other.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(other.is_file());
    let (code, out) = run(&[
        "pack",
        dir.to_str().unwrap(),
        "-o",
        scratch.join("x.tar").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("the name must end in .zip"), "{out}");
    // No stray temporary files are left beside the .zip.
    let stray: Vec<_> = std::fs::read_dir(&scratch)
        .unwrap()
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().contains(".tmp-"))
        .collect();
    assert!(stray.is_empty(), "{stray:?}");
}

#[test]
fn pack_refuses_a_broken_folder_with_its_errors_and_what_is_not_a_folder() {
    let scratch = common::temp_dir("pack-broken");
    let zip = scratch.join("files.zip");
    let broken = fixture("media/files");
    let (code, out) = run(&[
        "pack",
        broken.to_str().unwrap(),
        "-o",
        zip.to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    let file = broken.join("pack.ron").display().to_string();
    assert!(
        out.contains(&format!(
            "{file}:10:20: error: `pictures/missing.png`: no such file in the pack"
        )),
        "{out}"
    );
    assert!(out.contains(&format!("{file}: 9 errors\n")), "{out}");
    assert!(
        out.ends_with(&format!(
            "error: {file} has errors (above); no .zip was written\n"
        )),
        "{out}"
    );
    assert!(!zip.exists());
    for (path, says) in [
        (
            fixture("good.ron"),
            "is a lone pack file, which needs no .zip",
        ),
        (fixture("media/zipped.zip"), "is already a .zip"),
        (fixture("kinds"), "has no pack.ron"),
        (scratch.join("nowhere"), "no such folder"),
    ] {
        let (code, out) = run(&["pack", path.to_str().unwrap(), "-o", zip.to_str().unwrap()]);
        assert_eq!(code, 1, "{out}");
        assert!(out.contains(says), "{says:?} in {out}");
        assert!(!zip.exists());
    }
}

#[test]
fn new_media_makes_a_pack_folder_that_checks_and_packs_and_never_overwrites() {
    let scratch = common::temp_dir("new-media");
    let dir = scratch.join("my-pack");
    let path = dir.to_str().unwrap();
    let (code, out) = run(&["new", "--media", path]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("pack.ron, pictures/example.png, sounds/example.wav"),
        "{out}"
    );
    assert!(dir.join("pictures/example.png").is_file() && dir.join("sounds/example.wav").is_file());
    let (code, out) = run(&["check", "--deny-warnings", path]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("ok: \"My Picture Round\", 2 questions in 2 categories, 1 picture, 1 sound"),
        "{out}"
    );
    let text = std::fs::read_to_string(dir.join("pack.ron")).unwrap();
    for field in [
        "format: 3",
        "image:",
        "uncover:",
        "audio:",
        "reveal_image",
        "countdown_after",
    ] {
        assert!(text.contains(field), "{field} in {text}");
    }
    let (code, out) = run(&["pack", path]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("(3 files, "), "{out}");
    // Never into a folder that holds anything; never a file name.
    std::fs::write(dir.join("pack.ron"), "edited").unwrap();
    let (code, out) = run(&["new", "--media", path]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("already exists; nothing was written"), "{out}");
    assert_eq!(
        std::fs::read_to_string(dir.join("pack.ron")).unwrap(),
        "edited"
    );
    let (code, out) = run(&[
        "new",
        "--media",
        scratch.join("other.ron").to_str().unwrap(),
    ]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("give the pack's folder"), "{out}");
    // An empty folder is fine.
    let empty = scratch.join("empty");
    std::fs::create_dir(&empty).unwrap();
    let (code, out) = run(&["new", "--media", empty.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
}
