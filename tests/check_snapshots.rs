//! Snapshots of `defiant-trivia check` on the bad packs in `tests/packs/diagnostics` and the
//! picture-and-sound packs in `tests/packs/media` (made by its `make_fixtures.py`), in both
//! formats. After an intended change to the output, regenerate them with
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

#[test]
fn media_human_output() {
    let (code, out) = check(&["tests/packs/media"]);
    assert_eq!(code, 1);
    assert_snapshot("check-media-human.txt", &out);
}

#[test]
fn media_json_output() {
    let (code, out) = check(&["--format", "json", "tests/packs/media"]);
    assert_eq!(code, 1);
    let parsed: serde_json::Value = serde_json::from_str(&out).expect("valid JSON");
    assert_eq!(parsed["valid"], 1);
    assert_eq!(parsed["invalid"], 6);
    assert_eq!(
        parsed["packs"][6]["file"],
        "tests/packs/media/zipped.zip/pack.ron"
    );
    assert_snapshot("check-media-json.json", &out);
}

/// A mono 8-bit WAV of `seconds` of quiet hum at 8 kHz.
fn wav(seconds: u32) -> Vec<u8> {
    let data = seconds * 8000;
    let mut out = Vec::new();
    out.extend_from_slice(b"RIFF");
    out.extend_from_slice(&(36 + data).to_le_bytes());
    out.extend_from_slice(b"WAVEfmt ");
    for field in [
        16u32.to_le_bytes().as_slice(),
        &1u16.to_le_bytes(),
        &1u16.to_le_bytes(),
    ] {
        out.extend_from_slice(field);
    }
    out.extend_from_slice(&8000u32.to_le_bytes());
    out.extend_from_slice(&8000u32.to_le_bytes());
    out.extend_from_slice(&1u16.to_le_bytes());
    out.extend_from_slice(&8u16.to_le_bytes());
    out.extend_from_slice(b"data");
    out.extend_from_slice(&data.to_le_bytes());
    out.extend((0..data).map(|i| 128u8.wrapping_add((i % 16) as u8)));
    out
}

/// Files over the size and length limits, made here (sparse where they are big) rather
/// than kept in the repository.
#[test]
fn media_over_the_limits() {
    let dir = common::temp_dir("media-limits").join("big");
    for (name, len) in [
        ("pictures/big.png", 5u64 << 20),
        ("sounds/big.ogg", 11 << 20),
    ] {
        let path = dir.join(name);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::File::create(&path).unwrap().set_len(len).unwrap();
    }
    std::fs::write(dir.join("sounds/long.wav"), wav(61)).unwrap();
    let question = |id: &str, field: &str| {
        format!(
            "        (id: \"{id}\", prompt: \"Is the {id} too big?\", {field}, answers: Choice(correct: \"Yes\", wrong: [\"No\"]), explanation: \"It is.\", category: \"Media\", difficulty: Easy),\n"
        )
    };
    let pack = format!(
        "Pack(\n    format: 3,\n    title: \"Big\",\n    description: \"\",\n    author: \"\",\n    questions: [\n{}{}{}    ],\n)\n",
        question("picture", "image: \"pictures/big.png\""),
        question("sound", "audio: (file: \"sounds/big.ogg\")"),
        question("long", "audio: (file: \"sounds/long.wav\")"),
    );
    std::fs::write(dir.join("pack.ron"), pack).unwrap();
    let (code, out) = check(&[dir.to_str().unwrap()]);
    assert_eq!(code, 1, "{out}");
    let file = dir.join("pack.ron").display().to_string();
    // Each error is on its question's line, at the path.
    let at = |line: usize, path: &str| {
        let text = std::fs::read_to_string(dir.join("pack.ron")).unwrap();
        let row = text.lines().nth(line - 1).unwrap();
        let col = row[..row.find(path).unwrap()].chars().count() + 1;
        format!("{file}:{line}:{col}: error: `{}`:", path.trim_matches('"'))
    };
    for expected in [
        format!(
            "{} the file is 5.0 MB; the limit for a picture is 4 MB",
            at(7, "\"pictures/big.png\"")
        ),
        "= help: save it smaller: 1920x1080 as JPEG or WebP is plenty".to_string(),
        format!(
            "{} the file is 11.0 MB; the limit for a sound is 10 MB",
            at(8, "\"sounds/big.ogg\"")
        ),
        "= help: cut it shorter, or save it as Ogg or MP3".to_string(),
        format!(
            "{} the sound plays over 60 seconds; that is the limit",
            at(9, "\"sounds/long.wav\"")
        ),
        "= help: cut the file down to the stretch the question plays".to_string(),
        format!("{file}: 3 errors"),
    ] {
        assert!(out.contains(&expected), "missing {expected:?} in:\n{out}");
    }
}
