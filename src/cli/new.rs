//! `defiant-trivia new PATH`: writes a commented starter pack that passes `check`.

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
}
