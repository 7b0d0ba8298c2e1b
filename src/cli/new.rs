//! `defiant-trivia new PATH`: writes a commented starter pack that passes `check`;
//! `defiant-trivia new --media DIR`: a starter pack folder with a picture and a sound.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

/// The starter pack: every field explained, one question of each kind (multiple choice,
/// true or false, order, number).
pub const STARTER: &str = r#"// A Defiant Trivia question pack. Check it with: defiant-trivia check THIS_FILE
// Comments like this one are allowed anywhere. Text goes in "double quotes".
Pack(
    format: 2,                          // the format version: 2 has chapters, orders and numbers
    title: "My Watch Party",            // shown in the pack list; 1-80 characters
    description: "Questions about what we watched tonight.",   // up to 500 characters
    author: "Your name",                // up to 80 characters
    defaults: (seconds_per_question: 20),   // optional: 5-120 seconds, 20 if left out
    // Optional: the parts of what you watch, in order, for spoiler-safe rounds. A round
    // "watched up to Episode 1" asks only questions safe by then.
    chapters: ["Episode 1", "Episode 2"],
    questions: [
        (
            id: "first-question",       // unique in the pack: a-z, 0-9 and '-'
            prompt: "Which of these is a primary colour?",   // 1-250 characters
            // Multiple choice: the correct answer apart from 1 to 5 wrong ones.
            // Players see them shuffled, so never write "all of the above".
            answers: Choice(
                correct: "Blue",
                wrong: ["Green", "Purple", "Orange"],
            ),
            explanation: "Red, yellow and blue are the painter's primary colours.",  // shown after answering
            category: "Warm-up",        // 1-32 characters; used by the round filters
            difficulty: Easy,           // Easy, Medium or Hard
            tags: ["colours"],          // optional
        ),
        (
            id: "second-question",
            prompt: "True or false: a rainbow has seven named colours.",
            answers: TrueFalse(correct: true),   // shown as True / False
            explanation: "Red, orange, yellow, green, blue, indigo and violet.",
            category: "Warm-up",
            difficulty: Medium,
            seconds: 15,                // optional: this question's own time limit
            safe_after: "Episode 1",    // optional: it spoils Episode 1; none: safe before watching
        ),
        (
            id: "third-question",
            prompt: "Put these in the order of the rainbow, from the outside in.",
            // Order: players see the items shuffled and put them back in order.
            // Scoring: the exact order is right; else each item in place earns 1/n of half.
            answers: Order(
                items: ["Red", "Yellow", "Green", "Blue"],   // 3 to 6, in their RIGHT order
                first: "Outside",       // what the first end means, 1-24 characters
                last: "Inside",         // what the last end means, 1-24 characters
            ),
            explanation: "Red is on the outside of the arc, violet on the inside.",
            category: "Warm-up",
            difficulty: Medium,
        ),
        (
            id: "fourth-question",
            prompt: "How many keys does a standard piano have?",
            // Number: players type a number.
            // Scoring: within the tolerance is right; further off, less, down to 0 at the limit.
            answers: Number(
                answer: 88,             // the right number; decimals and minus signs are fine
                tolerance: 2,           // optional: how far off is still right; 0 if left out
                unit: "keys",           // optional: shown after the number; up to 16 characters
                limit: 20,              // optional: 0 points this far off; 5x tolerance by default
            ),
            explanation: "52 white keys and 36 black ones: 88 in all.",
            category: "Warm-up",
            difficulty: Easy,
        ),
    ],
)
"#;

/// The starter pack of a pack folder (`new --media`): a picture question and a sound
/// question, every picture and sound field explained.
pub const STARTER_MEDIA: &str = r#"// A Defiant Trivia pack with pictures and sounds. Check it with: defiant-trivia check THIS_FOLDER
// This file is pack.ron, in the pack's folder; the pictures and sounds go in the same
// folder (here in pictures/ and sounds/), and paths to them are relative to it.
// Share the whole pack as one file with: defiant-trivia pack THIS_FOLDER
// Comments like this one are allowed anywhere. Text goes in "double quotes".
Pack(
    format: 3,                          // the format version: 3 has pictures and sounds
    title: "My Picture Round",          // shown in the pack list; 1-80 characters
    description: "Look and listen.",    // up to 500 characters
    author: "Your name",                // up to 80 characters
    questions: [
        (
            id: "picture-question",     // unique in the pack: a-z, 0-9 and '-'
            prompt: "What does this picture show?",   // 1-250 characters
            // A picture shown large on the TV with the prompt (phones may show it too).
            // PNG, JPEG or WebP; at most 4 MB and 4096 pixels a side.
            image: "pictures/example.png",
            // Optional: how the picture uncovers itself over the countdown. Tiles: covered
            // by tiles that come off one by one. Zoom(x, y): starts close in on the point
            // x, y (fractions of the width and height from the top left: 0.5, 0.5 is the
            // middle) and zooms out to the whole picture. Left out: shown whole at once.
            uncover: Zoom(x: 0.7, y: 0.39),
            // Optional: a picture shown with the answer, e.g. the same one labelled.
            // reveal_image: "pictures/example-answer.png",
            answers: Choice(
                correct: "A sunset over the sea",
                wrong: ["A snowy mountain", "A city at night", "A forest in autumn"],
            ),
            explanation: "The sun is setting over the sea, its light streaking the water.",
            category: "Pictures",       // 1-32 characters; used by the round filters
            difficulty: Easy,           // Easy, Medium or Hard
        ),
        (
            id: "sound-question",
            prompt: "How many beeps do you hear?",
            // A clip played on the computer's speakers when the question opens.
            // WAV, Ogg Vorbis, MP3 or FLAC; at most 10 MB and 60 seconds long.
            audio: (
                file: "sounds/example.wav",
                start: 0,               // optional: seconds into the file to start at; 0 if left out
                end: 2.5,               // optional: seconds into the file to stop at; its end if left out
                // Optional: true starts the answer countdown when the clip ends (to listen
                // first, e.g. "name this track"); left out, it starts with the clip.
                countdown_after: true,
            ),
            answers: Choice(correct: "Three", wrong: ["Two", "Four", "Five"]),
            explanation: "Three short beeps, one after another.",
            category: "Sounds",
            difficulty: Easy,
        ),
    ],
)
"#;

/// Writes the starter pack to `path`; never overwrites an existing file.
pub fn run(path: &Path, out: &mut impl Write) -> ExitCode {
    let written = std::fs::OpenOptions::new()
        .write(true)
        .create_new(true)
        .open(path)
        .and_then(|mut file| {
            file.write_all(STARTER.as_bytes())?;
            file.sync_all()
        });
    match written {
        Ok(()) => {
            let _ = writeln!(
                out,
                "wrote a starter pack to {}\nedit it, then run: defiant-trivia check {}",
                path.display(),
                path.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) if e.kind() == std::io::ErrorKind::AlreadyExists => {
            let _ = writeln!(
                out,
                "error: {} already exists; nothing was written (choose another name)",
                path.display()
            );
            ExitCode::FAILURE
        }
        Err(e) => {
            let _ = writeln!(out, "error: cannot write {}: {e}", path.display());
            ExitCode::FAILURE
        }
    }
}

/// The files of a starter pack folder: its path in the folder and its bytes.
fn media_files() -> [(&'static str, Vec<u8>); 3] {
    use crate::core::media::archive::{example_picture, example_sound};
    [
        ("pack.ron", STARTER_MEDIA.as_bytes().to_vec()),
        ("pictures/example.png", example_picture()),
        ("sounds/example.wav", example_sound()),
    ]
}

/// Writes a starter pack folder at `path` (`pack.ron`, a picture and a sound); never into a
/// folder that already holds anything.
pub fn run_media(path: &Path, out: &mut impl Write) -> ExitCode {
    // `my-pack/pack.ron` means its folder.
    let dir = if path.file_name().is_some_and(|n| n == "pack.ron") {
        path.parent().unwrap_or(Path::new(".")).to_path_buf()
    } else {
        path.to_path_buf()
    };
    if dir.extension().is_some_and(|e| e == "ron" || e == "zip") {
        let _ = writeln!(
            out,
            "error: with --media, give the pack's folder (e.g. {}), not a file name; nothing \
             was written",
            dir.with_extension("").display()
        );
        return ExitCode::FAILURE;
    }
    let in_use =
        dir.is_file() || std::fs::read_dir(&dir).is_ok_and(|mut entries| entries.next().is_some());
    if in_use {
        let _ = writeln!(
            out,
            "error: {} already exists; nothing was written (choose another name)",
            dir.display()
        );
        return ExitCode::FAILURE;
    }
    let written = media_files().iter().try_for_each(|(name, bytes)| {
        let file = dir.join(name);
        if let Some(parent) = file.parent() {
            std::fs::create_dir_all(parent)?;
        }
        let mut f = std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&file)?;
        f.write_all(bytes)?;
        f.sync_all()
    });
    match written {
        Ok(()) => {
            let _ = writeln!(
                out,
                "wrote a starter pack folder to {dir}: pack.ron, pictures/example.png, sounds/example.wav\n\
                 put your own pictures and sounds in it, edit pack.ron, then run: defiant-trivia check {dir}\n\
                 share it as one file with: defiant-trivia pack {dir}",
                dir = dir.display()
            );
            ExitCode::SUCCESS
        }
        Err(e) => {
            let _ = writeln!(out, "error: cannot write in {}: {e}", dir.display());
            ExitCode::FAILURE
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::core::check_text;

    #[test]
    fn the_starter_pack_is_valid_without_warnings() {
        let checked = check_text(STARTER);
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        assert_eq!(checked.pack.map(|p| p.questions.len()), Some(4));
    }

    #[test]
    fn the_starter_media_pack_is_valid_with_its_files_without_warnings() {
        use crate::core::media::{MemorySource, with_media};
        let mut source = MemorySource::default();
        for (name, bytes) in media_files().into_iter().skip(1) {
            source.insert(name, bytes);
        }
        let checked = with_media(
            check_text(STARTER_MEDIA),
            Some(STARTER_MEDIA.as_bytes()),
            Some(&source),
        );
        assert!(checked.diagnostics.is_empty(), "{:?}", checked.diagnostics);
        let pack = checked.pack.unwrap();
        assert_eq!(pack.format, 3);
        assert_eq!(pack.questions.len(), 2);
        assert!(pack.questions[0].image.is_some() && pack.questions[1].audio.is_some());
    }
}
