//! From drafts to questions: ids made from the prompts and made unique, placeholder
//! explanations, labels shortened to fit, every row checked by the pack rules, and the
//! chapters of the imported pack.

use std::collections::{HashMap, HashSet};

use crate::diagnostic::Diagnostic;
use crate::pack::{Answers, Defaults, FORMAT_VERSION, Pack, Question};
use crate::spans::PackSpans;
use crate::validate::{MAX_CATEGORY, MAX_ID, MAX_TAG, validate};

use super::{Draft, Imported};

/// The placeholder for a question whose source has no explanation.
pub fn placeholder_explanation(answers: &Answers) -> String {
    format!("The right answer is “{}”.", answers.correct_text())
}

/// An id from the prompt: its first words in lower case, joined by `-`.
pub fn slug(prompt: &str) -> String {
    let mut id = String::new();
    for word in prompt
        .split(|c: char| !c.is_ascii_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word = word.to_ascii_lowercase();
        if !id.is_empty() && id.len() + 1 + word.len() > 40 {
            break;
        }
        if !id.is_empty() {
            id.push('-');
        }
        id.push_str(&word[..word.len().min(40)]);
        if id.matches('-').count() >= 5 {
            break;
        }
    }
    id
}

/// A label (a category, a tag) shortened to at most `max` characters, or `None` when it
/// fits. "Entertainment: Japanese Anime & Manga" keeps its last part ("Japanese Anime &
/// Manga"); anything else is cut at a word boundary and ends in "…".
pub fn fit_label(label: &str, max: usize) -> Option<String> {
    let label = label.trim();
    if label.chars().count() <= max {
        return None;
    }
    if let Some((_, tail)) = label.rsplit_once(": ")
        && !tail.trim().is_empty()
        && tail.chars().count() <= max
    {
        return Some(tail.trim().to_string());
    }
    let room: String = label.chars().take(max.saturating_sub(1)).collect();
    let cut = match room.rfind(' ') {
        Some(space) if space > room.len() / 2 => &room[..space],
        _ => room.as_str(),
    };
    Some(format!(
        "{}…",
        cut.trim_end_matches([' ', ',', ':', ';', '-', '&'])
    ))
}

/// A pack with one question, to check a row by the pack rules on its own (its chapter,
/// if it names one, is the pack's: the chapters are gathered when the pack is made).
pub(super) fn pack_of(question: Question) -> Pack {
    Pack {
        format: FORMAT_VERSION,
        title: "import".to_string(),
        description: String::new(),
        author: String::new(),
        defaults: Defaults::default(),
        chapters: question.safe_after.iter().cloned().collect(),
        questions: vec![question],
    }
}

/// The chapters of an imported pack: those of the pack it replaces, in their order, then
/// any other chapter the questions name, in natural order ("Part 2" before "Part 10").
pub fn chapters_for(questions: &[Question], replaced: Option<&Pack>) -> Vec<String> {
    let mut chapters: Vec<String> = replaced.map(|p| p.chapters.clone()).unwrap_or_default();
    let mut new: Vec<String> = questions
        .iter()
        .filter_map(|q| q.safe_after.clone())
        .filter(|c| !chapters.contains(c))
        .collect();
    new.sort_by_key(|c| natural_key(c));
    new.dedup();
    chapters.extend(new);
    chapters
}

/// A sort key that compares runs of digits as numbers.
fn natural_key(text: &str) -> Vec<(String, u64)> {
    let mut key = Vec::new();
    let mut word = String::new();
    let mut number = String::new();
    for c in text.chars() {
        if c.is_ascii_digit() {
            number.push(c);
        } else {
            if !number.is_empty() {
                key.push((
                    std::mem::take(&mut word),
                    number.parse().unwrap_or(u64::MAX),
                ));
                number.clear();
            }
            word.extend(c.to_lowercase());
        }
    }
    key.push((word, number.parse().unwrap_or(0)));
    key
}

/// Turns drafts into questions: ids made unique, placeholders for missing explanations,
/// and every row checked by the pack rules. `problems` are the rows the reader could not
/// read at all; `rows` counts every row read.
pub fn finish(drafts: Vec<Draft>, problems: Vec<Diagnostic>, rows: usize) -> Imported {
    let mut out = Imported {
        problems,
        rows,
        ..Imported::default()
    };
    let mut taken: HashSet<String> = drafts.iter().filter_map(|d| d.id.clone()).collect();
    // Ids the source gives, with the row that gave each first.
    let mut given: HashMap<String, String> = HashMap::new();
    for draft in drafts {
        if let Some(id) = draft.id.as_ref().filter(|id| !id.trim().is_empty()) {
            if let Some(first) = given.get(id) {
                out.problems.push(
                    Diagnostic::error(
                        draft.at,
                        format!(
                            "{}: duplicate id `{id}`: already used at {first}",
                            draft.label
                        ),
                    )
                    .with_help(
                        "every question needs its own id; leave the cell empty to have one made",
                    ),
                );
                continue;
            }
            given.insert(id.clone(), draft.label.clone());
        }
        let mut placeholder = false;
        let explanation = if draft.explanation.trim().is_empty() {
            placeholder = true;
            placeholder_explanation(&draft.answers)
        } else {
            draft.explanation
        };
        let id = match draft.id {
            Some(id) if !id.trim().is_empty() => id,
            _ => {
                let base = match slug(&draft.prompt) {
                    s if s.is_empty() => "question".to_string(),
                    s => s,
                };
                let mut id = base.clone();
                let mut n = 2;
                while taken.contains(&id) {
                    let suffix = format!("-{n}");
                    let keep = base.len().min(MAX_ID - suffix.len());
                    id = format!("{}{suffix}", base[..keep].trim_end_matches('-'));
                    n += 1;
                }
                taken.insert(id.clone());
                id
            }
        };
        // Categories and tags are labels the game shows in a small space: a long one is
        // shortened (and said so), never a reason to lose the row.
        let mut shortened = Vec::new();
        let category = match fit_label(&draft.category, MAX_CATEGORY) {
            Some(short) => {
                shortened.push((
                    "category",
                    draft.category.clone(),
                    short.clone(),
                    MAX_CATEGORY,
                ));
                short
            }
            None => draft.category,
        };
        let tags = draft
            .tags
            .into_iter()
            .map(|tag| match fit_label(&tag, MAX_TAG) {
                Some(short) => {
                    shortened.push(("tag", tag, short.clone(), MAX_TAG));
                    short
                }
                None => tag,
            })
            .collect();
        let question = Question {
            id,
            prompt: draft.prompt,
            answers: draft.answers,
            explanation,
            category,
            difficulty: draft.difficulty,
            tags,
            seconds: draft.seconds,
            safe_after: draft.safe_after,
            image: draft.media.image,
            uncover: draft.media.uncover,
            audio: draft.media.audio,
            reveal_image: draft.media.reveal_image,
        };
        let pack = pack_of(question);
        let diagnostics = validate(&pack, &PackSpans::default());
        let label = &draft.label;
        let errors: Vec<Diagnostic> = diagnostics
            .iter()
            .filter(|d| d.is_error())
            // The rules' help lines speak of RON syntax, which is not what the source is in.
            .map(|d| Diagnostic::error(draft.at, format!("{label}: {}", d.message)))
            .collect();
        if !errors.is_empty() {
            out.problems.extend(errors);
            continue;
        }
        for (what, long, short, max) in shortened {
            out.notes.push(Diagnostic::warning(
                draft.at,
                format!(
                    "{label}: the {what} “{long}” is {} characters, longer than the {max} the game shows: shortened to “{short}”",
                    long.chars().count()
                ),
            ));
        }
        for d in diagnostics.iter().filter(|d| !d.is_error()) {
            out.notes.push(Diagnostic::warning(
                draft.at,
                format!("{label}: {}", d.message),
            ));
        }
        let Some(question) = pack.questions.into_iter().next() else {
            continue;
        };
        if placeholder {
            out.placeholder_explanations.push(question.id.clone());
        }
        out.questions.push(question);
        out.origins.push((draft.at, draft.label));
    }
    out.problems.sort_by_key(|d| d.location);
    out
}
