//! The real `import` and `export` commands on real-shaped files: OpenTDB responses in each
//! of the API's encodings, tricky and ragged CSV, garbage, and the round trip through a
//! spreadsheet. Imported packs must pass `check`; a failed import writes nothing.

mod common;

use std::path::{Path, PathBuf};
use std::process::Command;

use defiant_trivia::core::check_file;
use defiant_trivia::core::pack::{Answers, Difficulty, Pack};

fn fixture(name: &str) -> PathBuf {
    common::repo().join("tests/imports").join(name)
}

fn run(args: &[&str]) -> (i32, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_defiant-trivia"))
        .args(args)
        .output()
        .expect("binary runs");
    let text =
        String::from_utf8_lossy(&out.stdout).into_owned() + &String::from_utf8_lossy(&out.stderr);
    (out.status.code().unwrap_or(-1), text)
}

fn import(from: &str, input: &Path, output: &Path, extra: &[&str]) -> (i32, String) {
    let mut args = vec![
        "import",
        "--from",
        from,
        input.to_str().unwrap(),
        "-o",
        output.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run(&args)
}

/// Imports and requires success and a pack that `check` passes.
fn import_ok(from: &str, input: &Path, output: &Path) -> Pack {
    let (code, out) = import(from, input, output, &[]);
    assert_eq!(code, 0, "{out}");
    let (code, checked) = run(&["check", output.to_str().unwrap()]);
    assert_eq!(code, 0, "{checked}");
    check_file(output).pack.unwrap()
}

#[test]
fn every_opentdb_encoding_gives_the_same_decoded_pack() {
    let dir = common::temp_dir("import-opentdb");
    let mut packs = Vec::new();
    for name in ["default", "url3986", "urllegacy", "base64"] {
        let output = dir.join(format!("{name}.ron"));
        let pack = import_ok(
            "opentdb",
            &fixture(&format!("opentdb-{name}.json")),
            &output,
        );
        packs.push(pack.questions);
    }
    for other in &packs[1..] {
        assert_eq!(other, &packs[0]);
    }
    let q = &packs[0];
    assert_eq!(q.len(), 8);
    assert_eq!(
        q[0].prompt,
        "Which band released the album \"Back in Black\" in 1980?"
    );
    assert_eq!(
        q[0].answers,
        Answers::Choice {
            correct: "AC/DC".into(),
            wrong: vec![
                "Def Leppard".into(),
                "Mötley Crüe".into(),
                "Guns N' Roses".into()
            ],
        }
    );
    assert_eq!(q[0].difficulty, Difficulty::Medium);
    assert_eq!(q[0].category, "Entertainment: Music");
    assert_eq!(q[1].prompt, "Beyoncé was a member of Destiny's Child.");
    assert_eq!(q[1].answers, Answers::TrueFalse { correct: true });
    assert_eq!(q[2].category, "Japanese Anime & Manga");
    assert_eq!(q[3].prompt, "What is ½ + ¼?");
    assert_eq!(q[3].answers.correct_text(), "¾");
    assert_eq!(q[6].answers.correct_text(), "<p>");
    assert_eq!(q[7].prompt, "Reykjavík is further north than Helsinki.");
    assert_eq!(q[1].explanation, "The right answer is “True”.");
}

#[test]
fn opentdb_import_names_the_encoding_and_the_missing_explanations() {
    let dir = common::temp_dir("import-opentdb-report");
    let output = dir.join("quiz.ron");
    let (code, out) = import("opentdb", &fixture("opentdb-base64.json"), &output, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("wrote 8 questions"), "{out}");
    assert!(
        out.contains("note: 8 questions had no explanation"),
        "{out}"
    );
    let text = std::fs::read_to_string(&output).unwrap();
    assert!(text.starts_with("// Imported from opentdb-base64.json, an Open Trivia Database response (base64 encoding)."), "{text}");
    let pack = check_file(&output).pack.unwrap();
    assert_eq!(pack.title, "Opentdb base64");
    assert_eq!(pack.author, "Imported");
}

#[test]
fn tricky_csv_quoted_commas_doubled_quotes_line_breaks_bom_and_crlf() {
    let dir = common::temp_dir("import-csv");
    let output = dir.join("tricky.ron");
    let pack = import_ok("csv", &fixture("tricky.csv"), &output);
    let q = &pack.questions;
    assert_eq!(q.len(), 4, "the blank row is skipped");
    assert_eq!(
        q[0].prompt,
        "Who co-founded Interscope Records in 1990, with Ted Field?"
    );
    assert_eq!(
        q[0].answers,
        Answers::Choice {
            correct: "Jimmy Iovine".into(),
            wrong: vec![
                "Suge Knight".into(),
                "Dre, the producer".into(),
                "Doug Morris".into()
            ],
        }
    );
    assert_eq!(q[0].tags, ["labels", "1990s"]);
    assert_eq!(
        q[1].prompt,
        "Which 1988 album carried the line \"Straight outta Compton\"?"
    );
    assert_eq!(
        q[1].explanation,
        "The title track opened N.W.A's 1988 album.\r\nIt made Compton famous."
    );
    assert_eq!(q[1].difficulty, Difficulty::Easy);
    assert_eq!(q[2].answers, Answers::TrueFalse { correct: true });
    assert_eq!(q[2].explanation, "The right answer is “True”.");
    assert_eq!(
        q[3].prompt,
        "Café, \"quotes\" and commas, all in one prompt?"
    );
    assert_eq!(q[3].difficulty, Difficulty::Medium);

    let pack = import_ok("csv", &fixture("semicolon.csv"), &dir.join("semi.ron"));
    assert_eq!(
        pack.questions[0].answers,
        Answers::Choice {
            correct: "Berlin".into(),
            wrong: vec!["Hamburg".into(), "München; Bayern".into()],
        }
    );
}

#[test]
fn bad_rows_are_listed_exactly_and_nothing_is_written() {
    let dir = common::temp_dir("import-ragged");
    let output = dir.join("ragged.ron");
    let (code, out) = import("csv", &fixture("ragged.csv"), &output, &[]);
    assert_eq!(code, 1, "{out}");
    let path = fixture("ragged.csv").display().to_string();
    for wanted in [
        format!("{path}:3:1: error: line 3: the row has 9 cells; the header names 8 columns"),
        format!("{path}:4:1: error: line 4: difficulty `Expert` is not Easy, Medium or Hard"),
        format!("{path}:5:1: error: line 5: "),
        format!("{path}:6:1: error: line 6: seconds `soon` is not a whole number"),
        format!("{path}:7:1: error: line 7: "),
        format!("{path}:8:1: error: line 8: "),
        "error: 6 of 8 rows could not be converted (listed above); nothing was written".to_string(),
    ] {
        assert!(out.contains(&wanted), "missing {wanted:?} in:\n{out}");
    }
    assert!(!output.exists());

    // With --skip-bad the two good rows are written, and the skipped ones still listed.
    let (code, out) = import("csv", &fixture("ragged.csv"), &output, &["--skip-bad"]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains("wrote 2 questions") && out.contains("(6 rows skipped)"),
        "{out}"
    );
    assert_eq!(check_file(&output).pack.unwrap().questions.len(), 2);
}

#[test]
fn an_existing_pack_is_never_overwritten_by_a_failed_or_unforced_import() {
    let dir = common::temp_dir("import-existing");
    let output = dir.join("mine.ron");
    let original = std::fs::read_to_string(common::repo().join("tests/packs/good.ron")).unwrap();
    std::fs::write(&output, &original).unwrap();
    let (code, out) = import("opentdb", &fixture("opentdb-default.json"), &output, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains("already exists; nothing was written"), "{out}");
    let (code, out) = import("csv", &fixture("ragged.csv"), &output, &["--force"]);
    assert_eq!(code, 1, "{out}");
    let garbage = dir.join("garbage.json");
    std::fs::write(&garbage, b"\x00\xff\xfe binary {{{").unwrap();
    let (code, out) = import("opentdb", &garbage, &output, &["--force"]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("not an Open Trivia Database response"),
        "{out}"
    );
    assert_eq!(std::fs::read_to_string(&output).unwrap(), original);
    // No temporary files left behind either.
    let names: Vec<_> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names.len(), 2, "{names:?}");

    // A forced import that succeeds replaces it, keeping the pack's title and author.
    let (code, out) = import(
        "opentdb",
        &fixture("opentdb-default.json"),
        &output,
        &["--force"],
    );
    assert_eq!(code, 0, "{out}");
    let pack = check_file(&output).pack.unwrap();
    assert_eq!((pack.title.as_str(), pack.questions.len()), ("Good", 8));
}

#[test]
fn garbage_truncated_and_huge_inputs_are_clear_errors() {
    let dir = common::temp_dir("import-garbage");
    let output = dir.join("out.ron");
    let full = std::fs::read_to_string(fixture("opentdb-default.json")).unwrap();
    let truncated = dir.join("truncated.json");
    std::fs::write(&truncated, &full[..full.len() / 2]).unwrap();
    let (code, out) = import("opentdb", &truncated, &output, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(out.contains(":1:") && out.contains("EOF"), "{out}");

    let error = dir.join("error.json");
    std::fs::write(&error, r#"{"response_code":1,"results":[]}"#).unwrap();
    let (code, out) = import("opentdb", &error, &output, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("response_code 1: no results"), "{out}");

    // 1 GiB, sparse: refused by its size before anything is read.
    let huge = dir.join("huge.csv");
    std::fs::File::create(&huge)
        .unwrap()
        .set_len(1 << 30)
        .unwrap();
    let (code, out) = import("csv", &huge, &output, &[]);
    assert_eq!(code, 1);
    assert!(out.contains("over the 64 MiB limit"), "{out}");

    let binary = dir.join("binary.csv");
    std::fs::write(&binary, [0u8, 159, 146, 150, b',', b'\n', 1, 2, 3]).unwrap();
    let (code, out) = import("csv", &binary, &output, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(!output.exists());
}

#[test]
fn export_to_csv_and_back_gives_the_same_pack() {
    let dir = common::temp_dir("export-csv");
    let shipped = common::repo().join("quizzes/the-defiant-ones.ron");
    let pack = check_file(&shipped).pack.unwrap();
    let copy = dir.join("the-defiant-ones.ron");
    std::fs::copy(&shipped, &copy).unwrap();
    let csv = dir.join("sheet.csv");
    let (code, out) = run(&[
        "export",
        "--to",
        "csv",
        copy.to_str().unwrap(),
        "-o",
        csv.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("wrote {} questions", pack.questions.len())),
        "{out}"
    );
    // Back over the pack it came from: title, author and description are kept.
    let (code, out) = import("csv", &csv, &copy, &["--force"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(check_file(&copy).pack.unwrap(), pack);

    // `-o -` writes to standard output; a broken pack is refused with its errors.
    let (code, out) = run(&["export", "--to", "csv", copy.to_str().unwrap(), "-o", "-"]);
    assert_eq!(code, 0);
    assert!(out.starts_with("id,prompt,correct,wrong1,"), "{out}");
    let broken = common::repo().join("tests/packs/broken.ron");
    let (code, out) = run(&["export", "--to", "csv", broken.to_str().unwrap(), "-o", "-"]);
    assert_eq!(code, 1);
    assert!(out.contains("duplicate id `same`"), "{out}");
}

#[test]
fn a_real_shaped_sheet_keeps_every_row_and_says_what_it_shortened() {
    // Its own `type` column, the category first, OpenTDB's long category names and a
    // long one of the sheet's own: every row is kept.
    let dir = common::temp_dir("import-long-categories");
    let output = dir.join("long.ron");
    let (code, out) = import("csv", &fixture("long-categories.csv"), &output, &[]);
    assert_eq!(code, 0, "{out}");
    assert!(out.contains("column 2 is named `type`"), "{out}");
    assert!(
        out.contains("long-categories.csv:2:1: warning: line 2: the category “Entertainment: Japanese Anime & Manga” is 37 characters"),
        "{out}"
    );
    assert!(
        out.contains("shortened to “The History of Hip-Hop…”"),
        "{out}"
    );
    let pack = check_file(&output).pack.unwrap();
    let categories: Vec<&str> = pack.questions.iter().map(|q| q.category.as_str()).collect();
    assert_eq!(
        categories,
        [
            "Japanese Anime & Manga",
            "Cartoon & Animations",
            "The History of Hip-Hop…",
            "General Knowledge"
        ]
    );
    assert_eq!(
        pack.questions[2].answers,
        Answers::Choice {
            correct: "Death Row Records".into(),
            wrong: vec!["Def Jam".into(), "Bad Boy".into(), "Roc-A-Fella".into()],
        }
    );
}

/// A pack folder holding a picture and a sound (from the media fixtures), to import into.
fn media_folder(name: &str) -> PathBuf {
    let dir = common::temp_dir(name).join("my-pack");
    let good = common::repo().join("tests/packs/media/good");
    for file in ["pictures/dot.png", "sounds/tick.wav"] {
        let to = dir.join(file);
        std::fs::create_dir_all(to.parent().unwrap()).unwrap();
        std::fs::copy(good.join(file), to).unwrap();
    }
    dir
}

#[test]
fn a_sheet_with_pictures_and_sounds_imports_into_a_pack_folder_and_back() {
    let dir = media_folder("import-media");
    let scratch = dir.parent().unwrap().to_path_buf();
    let csv = scratch.join("media.csv");
    std::fs::write(
        &csv,
        "prompt,correct,wrong1,image,uncover,audio,countdown_after,reveal_image\n\
         What colour is the dot?,Red,Blue,pictures/dot.png,zoom 0.5 0.25,,,pictures/dot.png\n\
         How long is the tick?,Under a second,Over a second,,,\"sounds/tick.wav#t=0.1,0.4\",yes,\n\
         Who wrote this?,Sam,Alex,,,,,\n",
    )
    .unwrap();
    let (code, out) = import("csv", &csv, &dir, &[]);
    assert_eq!(code, 0, "{out}");
    let file = dir.join("pack.ron");
    assert!(
        out.contains(&format!(
            "wrote 3 questions from {} to {}",
            csv.display(),
            file.display()
        )),
        "{out}"
    );
    assert!(
        out.contains(&format!("next: defiant-trivia check {}", dir.display())),
        "{out}"
    );
    let (code, checked) = run(&["check", "--deny-warnings", dir.to_str().unwrap()]);
    assert_eq!(code, 0, "{checked}");
    let pack = check_file(&file).pack.unwrap();
    assert_eq!(pack.format, 3);
    assert_eq!(pack.questions[0].image.as_deref(), Some("pictures/dot.png"));
    let clip = pack.questions[1].audio.clone().unwrap();
    assert_eq!(
        (clip.start, clip.end, clip.countdown_after),
        (0.1, Some(0.4), true)
    );
    assert!(!pack.questions[2].has_media());

    // A lone file cannot hold pictures, and a folder that does not exist holds none yet.
    let lone = scratch.join("lone.ron");
    let (code, out) = import("csv", &csv, &lone, &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains(&format!(
            "error: the rows name pictures or sounds (line 2: `pictures/dot.png`), so the pack \
             must be a folder holding pack.ron and those files: use -o {}/ to write {}; nothing \
             was written",
            scratch.join("lone").display(),
            scratch.join("lone/pack.ron").display()
        )),
        "{out}"
    );
    assert!(!lone.exists());
    let (code, out) = import("csv", &csv, &scratch.join("elsewhere/"), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("does not exist yet: make it, put the files in it"),
        "{out}"
    );
    assert!(!scratch.join("elsewhere").exists());

    // Out to a sheet from the folder and back over it: the same pack.
    let sheet = scratch.join("sheet.csv");
    let (code, out) = run(&[
        "export",
        "--to",
        "csv",
        dir.to_str().unwrap(),
        "-o",
        sheet.to_str().unwrap(),
    ]);
    assert_eq!(code, 0, "{out}");
    assert!(
        out.contains(&format!("-o {} --force", dir.display())),
        "{out}"
    );
    let text = std::fs::read_to_string(&sheet).unwrap();
    assert!(
        text.lines()
            .next()
            .unwrap()
            .ends_with(",image,uncover,audio,countdown_after,reveal_image"),
        "{text}"
    );
    assert!(
        text.contains(",\"sounds/tick.wav#t=0.1,0.4\",yes,"),
        "{text}"
    );
    let (code, out) = import("csv", &sheet, &file, &["--force"]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(check_file(&file).pack.unwrap(), pack);
}

#[test]
fn rows_naming_missing_or_wrong_files_are_problems_at_their_row() {
    let dir = media_folder("import-media-bad");
    std::fs::write(
        dir.join("pictures/photo.png"),
        b"\xff\xd8\xff\xe0 a JPEG, really",
    )
    .unwrap();
    let csv = dir.parent().unwrap().join("bad.csv");
    std::fs::write(
        &csv,
        "prompt,correct,wrong1,image,audio\n\
         Missing?,Yes,No,pictures/gone.png,\n\
         Photo?,Yes,No,pictures/photo.png,\n\
         Fine?,Yes,No,pictures/dot.png,\n\
         Long?,Yes,No,,\"sounds/tick.wav#t=0,9\"\n",
    )
    .unwrap();
    let (code, out) = import("csv", &csv, &dir, &[]);
    assert_eq!(code, 1, "{out}");
    let at = csv.display();
    for expected in [
        format!("{at}:2:1: error: line 2: `pictures/gone.png`: no such file in the pack"),
        "= help: paths are relative to the folder holding pack.ron, and letter case counts"
            .to_string(),
        format!("{at}:3:1: error: line 3: `pictures/photo.png`: the file holds JPEG data, not PNG"),
        format!(
            "{at}:5:1: error: line 5: the clip ends at 9 s, but `sounds/tick.wav` is only 0.5 s long"
        ),
        "error: 3 of 4 rows could not be converted (listed above); nothing was written".to_string(),
    ] {
        assert!(out.contains(&expected), "missing {expected:?} in:\n{out}");
    }
    assert!(!dir.join("pack.ron").exists());
    let (code, out) = import("csv", &csv, &dir, &["--skip-bad"]);
    assert_eq!(code, 0, "{out}");
    let pack = check_file(&dir.join("pack.ron")).pack.unwrap();
    assert_eq!(pack.questions.len(), 1);
    assert_eq!(pack.questions[0].prompt, "Fine?");
}

#[test]
fn a_plain_sheet_stays_format_1_as_a_file_or_in_a_folder() {
    let scratch = common::temp_dir("import-plain-format");
    let csv = scratch.join("plain.csv");
    std::fs::write(&csv, "prompt,correct,wrong1\nWho?,Sam,Alex\n").unwrap();
    let file = scratch.join("plain.ron");
    let pack = import_ok("csv", &csv, &file);
    assert_eq!(pack.format, 1);
    assert!(
        std::fs::read_to_string(&file)
            .unwrap()
            .contains("    format: 1,\n")
    );
    // A folder named with no extension (or ending in `/`) gets its pack.ron.
    let folder = scratch.join("plain-folder");
    let (code, out) = import("csv", &csv, &folder, &[]);
    assert_eq!(code, 0, "{out}");
    let (code, out) = run(&["check", folder.to_str().unwrap()]);
    assert_eq!(code, 0, "{out}");
    assert_eq!(check_file(&folder.join("pack.ron")).pack.unwrap().format, 1);
    let (code, out) = import("csv", &csv, &scratch.join("plain.txt"), &[]);
    assert_eq!(code, 1, "{out}");
    assert!(
        out.contains("the pack's file name must end in .ron (or name a folder"),
        "{out}"
    );
}
