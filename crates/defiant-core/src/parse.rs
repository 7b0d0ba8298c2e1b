//! Reading a pack: bytes in, a checked [`Pack`] or its diagnostics out.
//!
//! Everything a file can get wrong before validation is handled here: size, encoding,
//! emptiness and RON syntax. Then `validate` checks the rules of the game.

use std::fs::File;
use std::io::Read;
use std::path::Path;

use super::diagnostic::{Diagnostic, Location};
use super::pack::Pack;
use super::spans::PackSpans;
use super::validate::validate;

/// The largest pack file read, in bytes (64 MiB: room for well over 100,000 questions).
pub const MAX_PACK_BYTES: usize = 64 * 1024 * 1024;

/// Deepest nesting `ron` follows before it gives up with an error (a pack needs 4 levels).
const RECURSION_LIMIT: usize = 32;

/// The result of checking one pack: the pack, when it has no errors, and every problem
/// found.
#[derive(Debug, Clone)]
pub struct Checked {
    /// The pack, when the file has no errors (warnings allowed).
    pub pack: Option<Pack>,
    /// Every problem found, errors and warnings, in file order.
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    fn failed(diagnostic: Diagnostic) -> Self {
        Self {
            pack: None,
            diagnostics: vec![diagnostic],
        }
    }

    /// The errors alone: the problems that make the pack unplayable.
    pub fn errors(&self) -> impl Iterator<Item = &Diagnostic> {
        self.diagnostics.iter().filter(|d| d.is_error())
    }

    /// The first error, if any: what a one-line report names.
    pub fn first_error(&self) -> Option<&Diagnostic> {
        self.errors().next()
    }

    /// Whether the pack can be played: no errors.
    pub fn is_ok(&self) -> bool {
        self.pack.is_some()
    }
}

/// Reads a pack file from disk, refusing files over [`MAX_PACK_BYTES`] without reading them
/// whole.
pub fn check_file(path: &Path) -> Checked {
    match read_limited(path) {
        Ok(bytes) => check_bytes(&bytes),
        Err(message) => Checked::failed(Diagnostic::error(Location::START, message)),
    }
}

fn read_limited(path: &Path) -> Result<Vec<u8>, String> {
    let file = File::open(path).map_err(|e| format!("cannot open the file: {e}"))?;
    if let Ok(meta) = file.metadata() {
        if meta.is_dir() {
            return Err("this is a folder, not a pack file".to_string());
        }
        if meta.len() > MAX_PACK_BYTES as u64 {
            return Err(too_large(meta.len()));
        }
    }
    let mut bytes = Vec::new();
    file.take(MAX_PACK_BYTES as u64 + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| format!("cannot read the file: {e}"))?;
    if bytes.len() > MAX_PACK_BYTES {
        return Err(too_large(bytes.len() as u64));
    }
    Ok(bytes)
}

/// The message for a file over the size limit.
pub fn too_large(len: u64) -> String {
    format!(
        "the file is {:.1} MiB, over the {} MiB limit for a pack; split it into smaller packs",
        len as f64 / (1024.0 * 1024.0),
        MAX_PACK_BYTES / (1024 * 1024)
    )
}

/// Checks a pack held in memory: size, UTF-8, RON syntax, then every validation rule.
pub fn check_bytes(bytes: &[u8]) -> Checked {
    if bytes.len() > MAX_PACK_BYTES {
        return Checked::failed(Diagnostic::error(
            Location::START,
            too_large(bytes.len() as u64),
        ));
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(e) => {
            let valid = &bytes[..e.valid_up_to()];
            // The prefix is valid UTF-8 by definition, so this cannot fail.
            let prefix = std::str::from_utf8(valid).unwrap_or_default();
            let bad = bytes[e.valid_up_to()];
            return Checked::failed(
                Diagnostic::error(
                    Location::START.after(prefix),
                    format!("the file is not valid UTF-8 text (byte 0x{bad:02X} here)"),
                )
                .with_help("save the pack as UTF-8 in your editor"),
            );
        }
    };
    check_text(text.strip_prefix('\u{feff}').unwrap_or(text))
}

/// Checks pack source text.
pub fn check_text(text: &str) -> Checked {
    if text.trim().is_empty() {
        return Checked::failed(
            Diagnostic::error(Location::START, "the file is empty")
                .with_help("a pack starts with `Pack(` — try `defiant-trivia new` for a starter"),
        );
    }
    // `implicit_some` lets authors write `seconds: 15` rather than `seconds: Some(15)`.
    let options = ron::Options::default()
        .with_default_extension(ron::extensions::Extensions::IMPLICIT_SOME)
        .with_recursion_limit(RECURSION_LIMIT);
    let pack: Pack = match options.from_str(text) {
        Ok(pack) => pack,
        Err(e) => return Checked::failed(syntax_diagnostic(&e, text)),
    };
    // Positions are only needed to report problems: validate without them first, and read
    // the positions (a second pass over the text) only when something is to be reported.
    let mut diagnostics = validate(&pack, &PackSpans::default());
    if !diagnostics.is_empty() {
        diagnostics = validate(&pack, &PackSpans::read(text));
    }
    let has_errors = diagnostics.iter().any(Diagnostic::is_error);
    Checked {
        pack: (!has_errors).then_some(pack),
        diagnostics,
    }
}

/// Turns a `ron` error into a diagnostic at its position with a plain reason.
fn syntax_diagnostic(e: &ron::error::SpannedError, text: &str) -> Diagnostic {
    let mut location = Location::new(e.span.start.line.max(1), e.span.start.col.max(1));
    let mut message = e.code.to_string();
    if let Some(first) = message.get(..1) {
        message = first.to_lowercase() + &message[1..];
    }
    // A value of the wrong kind where a number belongs: `ron` points at the space before
    // it and says "expected float"; point at the value and say it plainly.
    let number = match &e.code {
        ron::Error::ExpectedFloat => Some("a number, e.g. `1992` or `2.5`"),
        ron::Error::ExpectedInteger => Some("a whole number, e.g. `20`"),
        _ => None,
    };
    if let Some(expected) = number {
        location = skip_blanks(text, location);
        message = format!("expected {expected}");
    }
    let diagnostic = Diagnostic::error(location, message);
    if number.is_some() {
        return diagnostic.with_help("write numbers without quotes");
    }
    match &e.code {
        ron::Error::NoSuchStructField {
            expected, found, ..
        }
        | ron::Error::NoSuchEnumVariant {
            expected, found, ..
        } => match nearest(found, expected) {
            Some(name) => diagnostic.with_help(format!("did you mean `{name}`?")),
            None => diagnostic,
        },
        ron::Error::MissingStructField { field, outer } => {
            let inside = outer.as_deref().unwrap_or("this value");
            diagnostic.with_help(format!("add `{field}: ...` inside `{inside}(...)`"))
        }
        ron::Error::ExceededRecursionLimit => {
            diagnostic.with_help("a pack nests at most a few levels deep; check the brackets")
        }
        ron::Error::Eof => {
            diagnostic.with_help("the file ends too early: is it truncated or missing a `)`?")
        }
        _ => diagnostic,
    }
}

/// The first location at or after `at` in `text` that is not whitespace; `at` itself
/// when there is none (or `at` is outside the text).
fn skip_blanks(text: &str, at: Location) -> Location {
    let Some(line_text) = text.split('\n').nth(at.line - 1) else {
        return at;
    };
    let start = line_text
        .char_indices()
        .nth(at.col - 1)
        .map_or(line_text.len(), |(i, _)| i);
    // The byte offset of `at` in `text`: the lines before it, each with its `\n`.
    let offset = text
        .split('\n')
        .take(at.line - 1)
        .map(|l| l.len() + 1)
        .sum::<usize>()
        + start;
    let rest = &text[offset.min(text.len())..];
    let blank = rest.len() - rest.trim_start().len();
    if blank == rest.len() {
        at
    } else {
        at.after(&rest[..blank])
    }
}

/// The known name closest to a misspelt one, if it is close enough to be a likely typo.
pub fn nearest<'a>(found: &str, known: &[&'a str]) -> Option<&'a str> {
    known
        .iter()
        .map(|k| (strsim::levenshtein(found, k), *k))
        .filter(|(distance, k)| *distance <= (k.len() / 3).max(2))
        .min()
        .map(|(_, k)| k)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::Severity;

    fn only_error(checked: &Checked) -> &Diagnostic {
        assert!(checked.pack.is_none());
        assert_eq!(checked.diagnostics.len(), 1, "{:?}", checked.diagnostics);
        &checked.diagnostics[0]
    }

    /// A valid pack of `n` questions, as an author might generate it.
    pub fn generated_pack(n: usize) -> String {
        let mut text = String::from(
            "Pack(format: 1, title: \"Big\", description: \"\", author: \"gen\", questions: [\n",
        );
        for i in 0..n {
            text.push_str(&format!(
                "(id: \"q{i}\", prompt: \"Question {i}?\", answers: Choice(correct: \"A{i}\", wrong: [\"B{i}\", \"C{i}\", \"D{i}\"]), explanation: \"Because {i}.\", category: \"C{}\", difficulty: Medium),\n",
                i % 7
            ));
        }
        text.push_str("])\n");
        text
    }

    #[test]
    fn not_ron_at_all() {
        let checked = check_text("this is not a pack");
        let d = only_error(&checked);
        assert_eq!(d.severity, Severity::Error);
        assert_eq!(d.location, Location::new(1, 1));
    }

    #[test]
    fn truncated_file_says_where_it_ends() {
        let good = generated_pack(3);
        let cut = &good[..good.len() / 2];
        let checked = check_text(cut);
        let d = only_error(&checked);
        assert!(d.location.line >= 2, "{d:?}");
        assert!(d.help.is_some() || !d.message.is_empty());
    }

    #[test]
    fn empty_and_blank_files() {
        for text in ["", "   \n\t\n"] {
            let checked = check_text(text);
            assert_eq!(only_error(&checked).message, "the file is empty");
        }
        assert_eq!(only_error(&check_bytes(b"")).message, "the file is empty");
    }

    #[test]
    fn invalid_utf8_points_at_the_bad_byte() {
        let mut bytes = b"Pack(\n  title: \"caf".to_vec();
        bytes.push(0xE9); // Latin-1 é
        bytes.extend_from_slice(b"\")");
        let checked = check_bytes(&bytes);
        let d = only_error(&checked);
        assert_eq!(d.location, Location::new(2, 14));
        assert!(d.message.contains("not valid UTF-8"), "{}", d.message);
        assert!(d.message.contains("0xE9"), "{}", d.message);
    }

    #[test]
    fn byte_order_mark_is_accepted() {
        let mut bytes = "\u{feff}".as_bytes().to_vec();
        bytes.extend_from_slice(generated_pack(2).as_bytes());
        assert!(check_bytes(&bytes).is_ok());
    }

    #[test]
    fn oversized_input_is_refused_with_the_limit_in_the_message() {
        let bytes = vec![b' '; MAX_PACK_BYTES + 1];
        let d = only_error(&check_bytes(&bytes)).clone();
        assert!(d.message.contains("64 MiB limit"), "{}", d.message);
    }

    #[test]
    fn oversized_file_is_refused_without_reading_it_whole() {
        let dir = std::env::temp_dir().join(format!("dt-big-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("huge.ron");
        let file = std::fs::File::create(&path).unwrap();
        // A sparse 1 GiB file: the size check must refuse it from its metadata.
        file.set_len(1 << 30).unwrap();
        let checked = check_file(&path);
        let d = only_error(&checked);
        assert!(d.message.contains("1024.0 MiB"), "{}", d.message);
        std::fs::remove_dir_all(&dir).unwrap();
    }

    #[test]
    fn fifty_megabytes_of_garbage_is_a_quick_syntax_error() {
        let bytes = vec![b'x'; 50 * 1024 * 1024];
        let d = only_error(&check_bytes(&bytes)).clone();
        assert_eq!(d.location.line, 1);
    }

    #[test]
    fn deep_nesting_is_an_error_not_a_stack_overflow() {
        let text = format!("Pack(format: 1, title: {}", "[".repeat(100_000));
        let d = only_error(&check_text(&text)).clone();
        assert_eq!(d.location.line, 1);
    }

    #[test]
    fn text_where_a_number_belongs_points_at_the_value() {
        let text = "Pack(\n    format:\n        \"1\", title: \"t\")";
        let d = only_error(&check_text(text)).clone();
        assert_eq!(d.location, Location::new(3, 9));
        assert_eq!(d.message, "expected a whole number, e.g. `20`");
        assert_eq!(d.help.as_deref(), Some("write numbers without quotes"));
        assert_eq!(
            skip_blanks("ab  \n  x", Location::new(1, 3)),
            Location::new(2, 3)
        );
        assert_eq!(
            skip_blanks("ab  ", Location::new(1, 3)),
            Location::new(1, 3)
        );
        assert_eq!(skip_blanks("ab", Location::new(9, 3)), Location::new(9, 3));
    }

    #[test]
    fn a_hundred_thousand_questions_load() {
        let checked = check_text(&generated_pack(100_000));
        assert!(checked.diagnostics.is_empty());
        assert_eq!(checked.pack.map(|p| p.questions.len()), Some(100_000));
    }

    #[test]
    fn missing_file_and_folder_get_clear_errors() {
        let d = only_error(&check_file(Path::new("/nonexistent/pack.ron"))).clone();
        assert!(
            d.message.starts_with("cannot open the file"),
            "{}",
            d.message
        );
        let d = only_error(&check_file(&std::env::temp_dir())).clone();
        assert_eq!(d.message, "this is a folder, not a pack file");
    }

    #[test]
    fn random_bytes_never_panic() {
        // A cheap deterministic fuzz: mutate a good pack byte by byte.
        let good = generated_pack(3).into_bytes();
        let mut state = 0x2545_F491_4F6C_DD1Du64;
        for _ in 0..2_000 {
            let mut bytes = good.clone();
            for _ in 0..4 {
                state ^= state << 13;
                state ^= state >> 7;
                state ^= state << 17;
                let i = (state as usize) % bytes.len();
                bytes[i] = (state >> 32) as u8;
            }
            let _ = check_bytes(&bytes);
        }
    }
}
