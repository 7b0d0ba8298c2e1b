//! Snapshots of `defiant-trivia check` on the bad packs in `tests/packs/diagnostics`, in
//! both formats. After an intended change to the output, regenerate them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test check_snapshots` and review the diff.

mod common;

use std::process::Command;

fn check(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
        .current_dir(common::repo())
        .arg("check")
        .args(args)
        .output()
        .expect("binary runs");
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn assert_snapshot(name: &str, actual: &str) {
    let path = common::repo().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_SNAPSHOTS").is_some() {
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path)
        .unwrap_or_else(|_| panic!("missing snapshot {}", path.display()));
    assert!(
        expected == actual,
        "check output differs from {}:\n--- expected\n{expected}\n--- actual\n{actual}",
        path.display()
    );
}

#[test]
fn human_output() {
    let (code, out) = check(&["tests/packs/diagnostics"]);
    assert_eq!(code, 1);
    assert_snapshot("check-human.txt", &out);
}

#[test]
fn json_output() {
    let (code, out) = check(&["--format", "json", "tests/packs/diagnostics"]);
    assert_eq!(code, 1);
    let parsed: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(parsed["invalid"], 2);
    assert_eq!(parsed["warnings"], 4);
    assert_snapshot("check-json.json", &out);
}

#[test]
fn warnings_pass_unless_denied() {
    let (code, _) = check(&["tests/packs/diagnostics/warnings.ron"]);
    assert_eq!(code, 0);
    let (code, _) = check(&["--deny-warnings", "tests/packs/diagnostics/warnings.ron"]);
    assert_eq!(code, 1);
    let (code, _) = check(&["--deny-warnings", "quizzes"]);
    assert_eq!(code, 0, "the shipped pack has no warnings");
}
