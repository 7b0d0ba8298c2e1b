//! The pack's own fields (format, title, description, author, default time), its
//! chapters, and what every question has: an id, a prompt, an explanation, a category,
//! tags, a chapter it is safe after and a time limit; repeated prompts and categories used
//! once.

use std::borrow::Cow;
use std::collections::HashMap;

use crate::pack::{Answers, FORMAT_VERSION, Kind, OLDEST_FORMAT, Pack, Question};
use crate::parse::nearest;

use super::{
    MAX_AUTHOR, MAX_CATEGORY, MAX_CHAPTER, MAX_CHAPTERS, MAX_DESCRIPTION, MAX_EXPLANATION, MAX_ID,
    MAX_PROMPT, MAX_TAG, MAX_TITLE, Validator, normalize_answer, quoted,
};

impl Validator<'_> {
    /// The pack's chapters: named, short, each once, not too many.
    fn chapters(&mut self, pack: &Pack) {
        let spans = self.spans;
        if pack.chapters.len() > MAX_CHAPTERS {
            self.error(
                spans.pack_field("chapters"),
                format!(
                    "{} chapters; a pack names at most {MAX_CHAPTERS}",
                    pack.chapters.len()
                ),
            );
        }
        for (i, chapter) in pack.chapters.iter().enumerate() {
            self.text(spans.chapter(i), "a chapter", chapter, MAX_CHAPTER);
            if let Some(first) = pack.chapters[..i].iter().position(|c| c == chapter) {
                self.error(
                    spans.chapter(i),
                    format!(
                        "the chapter \"{chapter}\" is named twice (chapter {} and chapter {})",
                        first + 1,
                        i + 1
                    ),
                )
                .help = Some("every chapter needs its own name".to_string());
            }
        }
    }

    pub(super) fn pack(&mut self, pack: &Pack) {
        let spans = self.spans;
        if !(OLDEST_FORMAT..=FORMAT_VERSION).contains(&pack.format) {
            self.error(
                spans.pack_field("format"),
                format!(
                    "unsupported format version {}; this version of Defiant Trivia reads formats {OLDEST_FORMAT} to {FORMAT_VERSION}",
                    pack.format
                ),
            )
            .help = Some(format!("this pack needs format {}", pack.needed_format()));
        } else if pack.format < pack.needed_format() {
            // The first thing in the file that needs the newer format.
            let newer = |kind: Kind| matches!(kind, Kind::Order | Kind::Number);
            let media = pack.questions.iter().position(Question::has_media);
            let (at, what) = if let Some(i) = media {
                let q = &pack.questions[i];
                let field = if q.image.is_some() {
                    "image"
                } else if q.audio.is_some() {
                    "audio"
                } else if q.reveal_image.is_some() {
                    "reveal_image"
                } else {
                    "uncover"
                };
                (spans.question_field(i, field), "pictures and sounds need")
            } else if !pack.chapters.is_empty() {
                (spans.pack_field("chapters"), "`chapters` needs")
            } else {
                let i = pack
                    .questions
                    .iter()
                    .position(|q| q.safe_after.is_some() || newer(q.answers.kind()))
                    .unwrap_or(0);
                match pack.questions.get(i).map(|q| q.answers.kind()) {
                    Some(Kind::Order) => {
                        (spans.question_field(i, "answers"), "`Order` answers need")
                    }
                    Some(Kind::Number) => {
                        (spans.question_field(i, "answers"), "`Number` answers need")
                    }
                    _ => (spans.question_field(i, "safe_after"), "`safe_after` needs"),
                }
            };
            self.error(
                at,
                format!(
                    "{what} pack format {}; this file says format {}",
                    pack.needed_format(),
                    pack.format
                ),
            )
            .help = Some(format!(
                "write `format: {}` at the top of the pack",
                pack.needed_format()
            ));
        }
        self.chapters(pack);
        self.text(
            spans.pack_field("title"),
            "the title",
            &pack.title,
            MAX_TITLE,
        );
        let len = pack.description.chars().count();
        if len > MAX_DESCRIPTION {
            self.error(
                spans.pack_field("description"),
                format!("the description is {len} characters long; the limit is {MAX_DESCRIPTION}"),
            );
        }
        let len = pack.author.chars().count();
        if len > MAX_AUTHOR {
            self.error(
                spans.pack_field("author"),
                format!("the author is {len} characters long; the limit is {MAX_AUTHOR}"),
            );
        }
        self.seconds(
            spans.default_field("seconds_per_question"),
            "the default time per question",
            pack.defaults.seconds_per_question,
        );
        if pack.questions.is_empty() {
            self.error(
                spans.pack_field("questions"),
                "the pack has no questions".to_string(),
            )
            .help = Some("add at least one question to `questions: [ ... ]`".to_string());
        }

        let mut first_by_prompt: HashMap<Cow<str>, usize> =
            HashMap::with_capacity(pack.questions.len());
        let mut category_uses: HashMap<&str, (usize, usize)> = HashMap::new();
        let mut first_by_id: HashMap<&str, usize> = HashMap::with_capacity(pack.questions.len());
        for (i, q) in pack.questions.iter().enumerate() {
            let at = |field: &str| spans.question_field(i, field);
            let id_at = at("id");
            if q.id.is_empty() {
                self.error(id_at, "the question id is empty".to_string());
            } else if q.id.chars().count() > MAX_ID {
                self.error(
                    id_at,
                    format!("the id `{}` is longer than {MAX_ID} characters", q.id),
                );
            } else if !q
                .id
                .chars()
                .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
            {
                self.error(
                    id_at,
                    format!(
                        "the id `{}` may use only lower-case letters, digits and `-`",
                        q.id
                    ),
                );
            }
            if !q.id.is_empty() {
                if let Some(&first) = first_by_id.get(q.id.as_str()) {
                    let first_at = spans.question_field(first, "id");
                    let where_first = first_at.map_or(format!("question {}", first + 1), |l| {
                        format!("line {}", l.line)
                    });
                    self.error(
                        id_at,
                        format!("duplicate id `{}`: already used at {where_first}", q.id),
                    )
                    .help = Some("every question needs its own id".to_string());
                } else {
                    first_by_id.insert(&q.id, i);
                }
            }
            self.text(at("prompt"), "the prompt", &q.prompt, MAX_PROMPT);
            self.text(
                at("explanation"),
                "the explanation",
                &q.explanation,
                MAX_EXPLANATION,
            );
            self.text(at("category"), "the category", &q.category, MAX_CATEGORY);
            for (t, tag) in q.tags.iter().enumerate() {
                self.text(spans.tag(i, t), "a tag", tag, MAX_TAG);
            }
            if let Some(chapter) = &q.safe_after
                && !pack.chapters.contains(chapter)
            {
                let names: Vec<&str> = pack.chapters.iter().map(String::as_str).collect();
                let help = match nearest(chapter, &names) {
                    Some(near) => format!("did you mean \"{near}\"?"),
                    None if names.is_empty() => {
                        "name the pack's chapters first: `chapters: [\"Part 1\", \"Part 2\"]`"
                            .to_string()
                    }
                    None => format!("the chapters are {}", quoted(&names)),
                };
                self.error(
                    at("safe_after"),
                    format!("`safe_after` names the chapter \"{chapter}\", which the pack's `chapters` do not name"),
                )
                .help = Some(help);
            }
            if let Some(seconds) = q.seconds {
                self.seconds(at("seconds"), "the time limit", seconds);
            }
            self.media_fields(i, q);
            let prompt = normalize_answer(&q.prompt);
            match &q.answers {
                Answers::Choice { correct, wrong } => {
                    let options = self.choice(i, correct, wrong);
                    if !prompt.is_empty() {
                        for (option, (text, answer)) in std::iter::once(correct)
                            .chain(wrong)
                            .zip(&options)
                            .enumerate()
                        {
                            self.answer_warnings(i, option, text, answer, &prompt);
                        }
                    }
                }
                // An item is one of several to order, never the answer by itself: one that
                // repeats the prompt gives nothing away, and shuffling is the point.
                Answers::Order { items, first, last } => self.order(i, items, first, last),
                Answers::Number {
                    answer,
                    tolerance,
                    unit,
                    limit,
                } => self.number(i, *answer, *tolerance, unit, *limit),
                Answers::TrueFalse { .. } => {}
            }
            // True/false answers are fixed words: only written answers can go wrong above.
            if !prompt.is_empty() {
                self.repeated_prompt(&mut first_by_prompt, i, prompt);
                category_uses
                    .entry(q.category.as_str())
                    .and_modify(|(n, _)| *n += 1)
                    .or_insert((1, i));
            }
        }
        self.categories_used_once(pack, &category_uses);
    }

    /// Warns when question `i` asks what an earlier one asked (ignoring case and spaces).
    fn repeated_prompt<'p>(
        &mut self,
        first_by_prompt: &mut HashMap<Cow<'p, str>, usize>,
        i: usize,
        prompt: Cow<'p, str>,
    ) {
        let spans = self.spans;
        if let Some(&first) = first_by_prompt.get(&prompt) {
            let line = spans
                .question_field(first, "prompt")
                .map_or(format!("question {}", first + 1), |l| {
                    format!("line {}", l.line)
                });
            self.warn(
                spans.question_field(i, "prompt"),
                format!("the same prompt as the question at {line}"),
                "ask it once, or reword one of them",
            );
        } else {
            first_by_prompt.insert(prompt, i);
        }
    }

    /// Warns about categories only one question uses (likely typos), in packs of three or
    /// more questions. `category_uses` holds each category's count and first question.
    fn categories_used_once(&mut self, pack: &Pack, category_uses: &HashMap<&str, (usize, usize)>) {
        let spans = self.spans;
        if pack.questions.len() >= 3 {
            let mut once: Vec<(&str, usize)> = category_uses
                .iter()
                .filter(|(_, (n, _))| *n == 1)
                .map(|(c, (_, i))| (*c, *i))
                .collect();
            once.sort_by_key(|(_, i)| *i);
            for (category, i) in once {
                self.warn(
                    spans.question_field(i, "category"),
                    format!("the category \"{category}\" is used by this question only"),
                    "check its spelling against the other categories",
                );
            }
        }
    }
}
