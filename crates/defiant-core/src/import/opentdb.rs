//! The Open Trivia Database's API response (<https://opentdb.com/api_config.php>):
//!
//! ```json
//! {"response_code": 0, "results": [{"type": "multiple", "difficulty": "easy",
//!   "category": "Entertainment: Music", "question": "Who &quot;...&quot;?",
//!   "correct_answer": "...", "incorrect_answers": ["...", "...", "..."]}]}
//! ```
//!
//! Text comes in one of the API's encodings: HTML entities (the default), `url3986`
//! (percent-encoding), `urlLegacy` (the same with `+` for spaces) or `base64`. Each string
//! is decoded in full, so `&eacute;`, `%C3%A9` and `w6k=` all become `é`. The API has no
//! explanations: each question gets a placeholder naming the right answer, reported so the
//! author can write real ones.

use std::collections::BTreeMap;

use base64::Engine;
use serde::Deserialize;
use serde_json::value::RawValue;

use super::{Draft, Imported, Locator, difficulty, finish};
use crate::diagnostic::{Diagnostic, Location};
use crate::pack::Answers;

/// How the strings of a response are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Encoding {
    /// Worked out from the file: the one in which `type` reads `multiple` or `boolean`
    /// and, for URL encodings, no text has a bare space.
    #[default]
    Auto,
    /// The API's default: HTML entities such as `&quot;` and `&#039;`.
    Html,
    /// `encode=url3986`: percent-encoding, `%20` for a space.
    Url3986,
    /// `encode=urlLegacy`: percent-encoding with `+` for a space.
    UrlLegacy,
    /// `encode=base64`.
    Base64,
}

impl Encoding {
    /// Every encoding, `Auto` first, as `--encoding` lists them.
    pub const ALL: [Encoding; 5] = [
        Encoding::Auto,
        Encoding::Html,
        Encoding::Url3986,
        Encoding::UrlLegacy,
        Encoding::Base64,
    ];

    /// The name on the command line (`--encoding url-legacy`) and in reports.
    pub fn name(self) -> &'static str {
        match self {
            Encoding::Auto => "auto",
            Encoding::Html => "html",
            Encoding::Url3986 => "url3986",
            Encoding::UrlLegacy => "url-legacy",
            Encoding::Base64 => "base64",
        }
    }

    /// What it is, in a line.
    pub fn describe(self) -> &'static str {
        match self {
            Encoding::Auto => "worked out from the file",
            Encoding::Html => "the API's default: HTML entities such as &quot; and &#039;",
            Encoding::Url3986 => "encode=url3986: percent-encoding, %20 for a space",
            Encoding::UrlLegacy => "encode=urlLegacy: percent-encoding with + for a space",
            Encoding::Base64 => "encode=base64",
        }
    }
}

/// What a `response_code` other than 0 means, from the API's documentation.
fn response_code_meaning(code: i64) -> &'static str {
    match code {
        1 => "no results: the database has fewer questions than asked for with these options",
        2 => "invalid parameter: the request's arguments were not valid",
        3 => "token not found: the session token does not exist",
        4 => "token empty: the session token has returned every question; reset it",
        5 => "rate limit: too many requests (one every 5 seconds per address)",
        _ => "an error code this importer does not know",
    }
}

#[derive(Deserialize)]
struct Response<'a> {
    response_code: Option<i64>,
    #[serde(borrow)]
    results: Option<Vec<&'a RawValue>>,
}

/// One result, every field kept raw so its place in the file is known.
type RawResult<'a> = BTreeMap<String, &'a RawValue>;

const FIELDS: [&str; 6] = [
    "category",
    "type",
    "difficulty",
    "question",
    "correct_answer",
    "incorrect_answers",
];

/// Decodes one string of the response.
fn decode(text: &str, encoding: Encoding) -> Result<String, String> {
    match encoding {
        Encoding::Auto | Encoding::Html => Ok(html_escape::decode_html_entities(text).into_owned()),
        Encoding::Url3986 | Encoding::UrlLegacy => {
            let text = if encoding == Encoding::UrlLegacy {
                text.replace('+', " ")
            } else {
                text.to_string()
            };
            percent_encoding::percent_decode_str(&text)
                .decode_utf8()
                .map(|s| s.into_owned())
                .map_err(|_| format!("`{text}` is not UTF-8 once URL-decoded"))
        }
        Encoding::Base64 => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(text.trim())
                .map_err(|e| format!("`{}` is not base64 ({e})", short(text)))?;
            String::from_utf8(bytes)
                .map_err(|_| format!("`{}` is not UTF-8 text once base64-decoded", short(text)))
        }
    }
}

/// The first characters of a long value, for messages.
fn short(text: &str) -> String {
    let mut s: String = text.chars().take(40).collect();
    if s.len() < text.len() {
        s.push('…');
    }
    s
}

/// The raw `type` of the first result that has one.
fn first_type(results: &[Option<RawResult>]) -> Option<String> {
    results
        .iter()
        .flatten()
        .find_map(|fields| serde_json::from_str::<String>(fields.get("type")?.get()).ok())
}

/// Works out the encoding from the `type` fields and the texts of the results.
fn detect(results: &[Option<RawResult>]) -> Encoding {
    let mut types = Vec::new();
    let mut texts = Vec::new();
    for fields in results.iter().flatten() {
        for (name, value) in fields {
            if let Ok(text) = serde_json::from_str::<String>(value.get()) {
                if name == "type" {
                    types.push(text.clone());
                }
                texts.push(text);
            } else if let Ok(list) = serde_json::from_str::<Vec<String>>(value.get()) {
                texts.extend(list);
            }
        }
    }
    let base64_types = !types.is_empty()
        && types.iter().all(|t| {
            matches!(
                decode(t, Encoding::Base64).as_deref(),
                Ok("multiple" | "boolean")
            )
        });
    if base64_types {
        return Encoding::Base64;
    }
    let bare_space = texts.iter().any(|t| t.contains(' '));
    if bare_space {
        Encoding::Html
    } else if texts.iter().any(|t| t.contains('+')) {
        Encoding::UrlLegacy
    } else if texts.iter().any(|t| t.contains('%')) {
        Encoding::Url3986
    } else {
        Encoding::Html
    }
}

/// Reads an OpenTDB response. A file that is not one (bad JSON, an error response) is a
/// single error; results that cannot be converted are reported by place and left out.
pub fn import(text: &str, encoding: Encoding) -> Result<(Imported, Encoding), Diagnostic> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    let response: Response = serde_json::from_str(text).map_err(|e| {
        let at = Location::new(e.line().max(1), e.column().max(1));
        Diagnostic::error(at, format!("not an Open Trivia Database response: {e}")).with_help(
            "save the API's whole JSON answer, e.g. from https://opentdb.com/api.php?amount=10",
        )
    })?;
    match response.response_code {
        Some(0) | None => {}
        Some(code) => {
            return Err(Diagnostic::error(
                Location::START,
                format!(
                    "the response is an error, response_code {code}: {}",
                    response_code_meaning(code)
                ),
            )
            .with_help("request the questions again; only response_code 0 carries results"));
        }
    }
    let Some(results) = response.results else {
        return Err(Diagnostic::error(
            Location::START,
            "the response has no `results` list".to_string(),
        ));
    };
    if results.is_empty() {
        return Err(Diagnostic::error(
            Location::START,
            "the response's `results` list is empty: there is nothing to import".to_string(),
        ));
    }
    // Each result's fields, read once; `None` for a result that is not a JSON object.
    let parsed: Vec<Option<RawResult>> = results
        .iter()
        .map(|raw| serde_json::from_str(raw.get()).ok())
        .collect();
    let encoding = match encoding {
        Encoding::Auto => detect(&parsed),
        chosen => {
            // A wrong --encoding would garble every row: say so once instead.
            if let Some(first) = first_type(&parsed)
                && !matches!(
                    decode(&first, chosen).as_deref(),
                    Ok("multiple" | "boolean")
                )
            {
                return Err(Diagnostic::error(
                    Location::START,
                    format!(
                        "the first result's type `{}` does not decode as {} to `multiple` or \
                         `boolean`: the response is in another encoding",
                        short(&first),
                        chosen.name()
                    ),
                )
                .with_help("leave out --encoding and the importer works it out"));
            }
            chosen
        }
    };
    let mut drafts = Vec::new();
    let mut problems = Vec::new();
    let mut locator = Locator::new(text);
    for (i, (raw, fields)) in results.iter().zip(&parsed).enumerate() {
        let at = locator.of(raw.get());
        let label = format!("results[{i}]");
        let result = match fields {
            Some(fields) => draft(fields, encoding, &label, &locator),
            None => Err((None, "a result must be a JSON object".to_string())),
        };
        match result {
            Ok(d) => drafts.push(Draft { at, ..d }),
            Err((place, message)) => {
                problems.push(Diagnostic::error(
                    place.unwrap_or(at),
                    format!("{label}: {message}"),
                ));
            }
        }
    }
    Ok((finish(drafts, problems, results.len()), encoding))
}

type RowError = (Option<Location>, String);

fn draft(
    fields: &RawResult,
    encoding: Encoding,
    label: &str,
    start: &Locator,
) -> Result<Draft, RowError> {
    // Only on a problem: found from the result's start, which `start` is at.
    let place = |value: &RawValue| Some(start.clone().of(value.get()));
    for name in FIELDS {
        if !fields.contains_key(name) {
            return Err((None, format!("the `{name}` field is missing")));
        }
    }
    let text = |name: &str| -> Result<String, RowError> {
        let value = fields[name];
        let raw: String = serde_json::from_str(value.get())
            .map_err(|_| (place(value), format!("`{name}` must be a string")))?;
        decode(&raw, encoding)
            .map(|s| s.trim().to_string())
            .map_err(|e| (place(value), format!("`{name}`: {e}")))
    };
    let kind = text("type")?;
    let level = text("difficulty")?;
    let difficulty = difficulty(&level).ok_or_else(|| {
        (
            place(fields["difficulty"]),
            format!("difficulty `{level}` is not easy, medium or hard"),
        )
    })?;
    // A category too long to show ("Entertainment: Japanese Anime & Manga") is shortened
    // when the rows are finished, as for every importer.
    let category = text("category")?;
    let prompt = text("question")?;
    let correct = text("correct_answer")?;
    let wrong_value = fields["incorrect_answers"];
    let wrong_raw: Vec<String> = serde_json::from_str(wrong_value.get()).map_err(|_| {
        (
            place(wrong_value),
            "`incorrect_answers` must be a list of strings".to_string(),
        )
    })?;
    let mut wrong = Vec::with_capacity(wrong_raw.len());
    for w in &wrong_raw {
        wrong.push(
            decode(w, encoding)
                .map(|s| s.trim().to_string())
                .map_err(|e| (place(wrong_value), format!("`incorrect_answers`: {e}")))?,
        );
    }
    let answers = match kind.as_str() {
        "multiple" => Answers::Choice { correct, wrong },
        "boolean" => match correct.to_ascii_lowercase().as_str() {
            "true" => Answers::TrueFalse { correct: true },
            "false" => Answers::TrueFalse { correct: false },
            _ => {
                return Err((
                    place(fields["correct_answer"]),
                    format!("a boolean question's answer must be True or False, not `{correct}`"),
                ));
            }
        },
        other => {
            return Err((
                place(fields["type"]),
                format!("type `{other}` is not multiple or boolean"),
            ));
        }
    };
    Ok(Draft {
        at: Location::START,
        label: label.to_string(),
        id: None,
        prompt,
        answers,
        explanation: String::new(),
        category,
        difficulty,
        tags: Vec::new(),
        seconds: None,
        safe_after: None,
        media: Default::default(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const HTML: &str = r#"{"response_code":0,"results":[{"type":"multiple","difficulty":"medium","category":"Entertainment: Japanese Anime &amp; Manga","question":"Which caf&eacute; sign says &quot;Don&#039;t&quot;?","correct_answer":"&Uuml;ber","incorrect_answers":["&lt;b&gt;","A &amp; B","&hellip;"]},{"type":"boolean","difficulty":"easy","category":"General Knowledge","question":"The sky is blue.","correct_answer":"True","incorrect_answers":["False"]}]}"#;

    #[test]
    fn html_entities_are_decoded_and_long_categories_shortened() {
        let (out, enc) = import(HTML, Encoding::Auto).unwrap();
        assert_eq!(enc, Encoding::Html);
        assert!(out.problems.is_empty(), "{:?}", out.problems);
        let q = &out.questions[0];
        assert_eq!(q.prompt, "Which café sign says \"Don't\"?");
        assert_eq!(q.category, "Japanese Anime & Manga");
        assert_eq!(
            q.answers,
            Answers::Choice {
                correct: "Über".into(),
                wrong: vec!["<b>".into(), "A & B".into(), "…".into()]
            }
        );
        assert_eq!(
            out.questions[1].answers,
            Answers::TrueFalse { correct: true }
        );
        assert_eq!(out.placeholder_explanations.len(), 2);
    }

    #[test]
    fn a_bad_result_is_reported_at_its_place_and_the_rest_converted() {
        let text = "{\"response_code\":0,\"results\":[\n{\"type\":\"multiple\",\"difficulty\":\"easy\",\"category\":\"X\",\"question\":\"Q?\",\"correct_answer\":\"A\",\"incorrect_answers\":[\"B\"]},\n{\"type\":\"essay\",\"difficulty\":\"easy\",\"category\":\"X\",\"question\":\"Q2?\",\"correct_answer\":\"A\",\"incorrect_answers\":[]}\n]}";
        let (out, _) = import(text, Encoding::Auto).unwrap();
        assert_eq!(out.questions.len(), 1);
        assert_eq!(out.problems.len(), 1);
        let p = &out.problems[0];
        assert_eq!(p.location, Location::new(3, 9));
        assert_eq!(
            p.message,
            "results[1]: type `essay` is not multiple or boolean"
        );
    }

    #[test]
    fn error_responses_and_non_json_are_one_clear_error() {
        let e = import(r#"{"response_code":5,"results":[]}"#, Encoding::Auto).unwrap_err();
        assert!(
            e.message.contains("response_code 5: rate limit"),
            "{}",
            e.message
        );
        let e = import("<html>", Encoding::Auto).unwrap_err();
        assert_eq!(e.location, Location::new(1, 1));
        assert!(
            e.message
                .starts_with("not an Open Trivia Database response")
        );
        let e = import(r#"{"response_code":0,"results":[]}"#, Encoding::Auto).unwrap_err();
        assert!(e.message.contains("empty"));
    }

    #[test]
    fn deeply_nested_json_is_an_error_not_a_stack_overflow() {
        let open = format!("{{\"response_code\":0,\"results\":{}", "[".repeat(100_000));
        let e = import(&open, Encoding::Auto).unwrap_err();
        assert!(
            e.message
                .starts_with("not an Open Trivia Database response"),
            "{}",
            e.message
        );
        let closed = format!(
            "{{\"response_code\":0,\"results\":[{}{}]}}",
            "[".repeat(100_000),
            "]".repeat(100_000)
        );
        let (out, _) = import(&closed, Encoding::Auto).unwrap();
        assert!(out.questions.is_empty());
        assert_eq!(
            out.problems[0].message,
            "results[0]: a result must be a JSON object"
        );
    }

    #[test]
    fn a_forced_wrong_encoding_is_one_clear_error() {
        let e = import(HTML, Encoding::Base64).unwrap_err();
        assert!(
            e.message.contains("does not decode as base64"),
            "{}",
            e.message
        );
        assert!(import(HTML, Encoding::Html).is_ok());
    }

    #[test]
    fn a_bad_string_in_one_row_is_reported_at_its_place() {
        let b64 = |s: &str| base64::engine::general_purpose::STANDARD.encode(s);
        let text = format!(
            r#"{{"response_code":0,"results":[{{"type":"{}","difficulty":"{}","category":"{}","question":"!!notbase64","correct_answer":"{}","incorrect_answers":["{}"]}}]}}"#,
            b64("multiple"),
            b64("easy"),
            b64("X"),
            b64("A"),
            b64("B")
        );
        let (out, enc) = import(&text, Encoding::Auto).unwrap();
        assert_eq!(enc, Encoding::Base64);
        assert_eq!(out.problems.len(), 1);
        let p = &out.problems[0];
        assert!(
            p.message
                .starts_with("results[0]: `question`: `!!notbase64` is not base64"),
            "{}",
            p.message
        );
        let col = text.find("\"!!notbase64").unwrap() + 1;
        assert_eq!(p.location, Location::new(1, col));
    }
}
