//! Helper for `scripts/bench-check`: generates a large pack, or times plain RON parsing
//! (the floor) against the full `check` (parse + positions + validation) on one file.
//!
//! `bench_check gen N FILE` writes a valid pack of N questions;
//! `bench_check parse FILE` deserializes it into `Pack` with ron alone;
//! `bench_check check FILE` runs the same checks as `defiant-trivia check`.
//! Each prints the elapsed time of its work; peak memory comes from `/usr/bin/time`.

use std::time::Instant;

use defiant_core::{Pack, check_bytes};

fn main() {
    let args: Vec<String> = std::env::args().collect();
    match args.get(1).map(String::as_str) {
        Some("gen") => {
            let n: usize = args[2].parse().expect("a question count");
            let mut text = String::from(
                "Pack(format: 1, title: \"Generated\", description: \"A benchmark pack\", author: \"bench\", questions: [\n",
            );
            for i in 0..n {
                text.push_str(&format!(
                    "    (id: \"q{i}\", prompt: \"Which answer is right for question number {i}?\", answers: Choice(correct: \"Right {i}\", wrong: [\"Wrong A {i}\", \"Wrong B {i}\", \"Wrong C {i}\"]), explanation: \"Because question {i} says so, as the source explains.\", category: \"Category {}\", difficulty: Medium, tags: [\"t{}\"]),\n",
                    i % 12,
                    i % 5
                ));
            }
            text.push_str("])\n");
            std::fs::write(&args[3], text).expect("writable");
        }
        Some("parse") => {
            let bytes = std::fs::read(&args[2]).expect("readable");
            let start = Instant::now();
            let text = std::str::from_utf8(&bytes).expect("UTF-8");
            let pack: Pack = ron::Options::default()
                .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
                .from_str(text)
                .expect("valid RON");
            println!(
                "parse: {} questions in {:.3} s",
                pack.questions.len(),
                start.elapsed().as_secs_f64()
            );
        }
        Some("check") => {
            let bytes = std::fs::read(&args[2]).expect("readable");
            let start = Instant::now();
            let checked = check_bytes(&bytes);
            let count = checked.pack.as_ref().map_or(0, |p| p.questions.len());
            assert!(
                checked.diagnostics.is_empty(),
                "{:?}",
                checked.diagnostics.first()
            );
            println!(
                "check: {count} questions in {:.3} s",
                start.elapsed().as_secs_f64()
            );
        }
        _ => eprintln!("usage: bench_check gen N FILE | parse FILE | check FILE"),
    }
}
