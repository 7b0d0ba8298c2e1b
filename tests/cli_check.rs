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
    assert!(out.contains("is a folder; give one pack file"), "{out}");
    let (code, out) = run(&["play", "README.md"]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("must end in .ron"), "{out}");
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
