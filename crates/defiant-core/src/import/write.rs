//! A pack written as RON in the style of the shipped packs, which `check` reads back to
//! the same pack.

use crate::pack::{Answers, Defaults, Pack, Question, Uncover};

/// A value in RON syntax: a quoted, escaped string.
/// A number as RON reads it back exactly: `1992`, `2.5`, `-0.125`.
fn ron_number(value: f64) -> String {
    // `{}` prints the shortest text that reads back as the same f64.
    let text = format!("{value}");
    if value.is_finite() {
        text
    } else {
        "0".to_string()
    }
}

/// A value in RON syntax: a quoted, escaped string.
fn ron_string(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 2);
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if c.is_control() => out.push_str(&format!("\\u{{{:x}}}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

/// A question's picture and sound fields (format 3), one line each, after its prompt.
fn media_fields(out: &mut String, q: &Question) {
    const INDENT: &str = "            ";
    if let Some(image) = &q.image {
        out.push_str(&format!("{INDENT}image: {},\n", ron_string(image)));
    }
    match q.uncover {
        Some(Uncover::Tiles) => out.push_str(&format!("{INDENT}uncover: Tiles,\n")),
        Some(Uncover::Zoom { x, y }) => out.push_str(&format!(
            "{INDENT}uncover: Zoom(x: {}, y: {}),\n",
            ron_number(x),
            ron_number(y)
        )),
        None => {}
    }
    if let Some(clip) = &q.audio {
        let mut fields = vec![format!("file: {}", ron_string(&clip.file))];
        if clip.start != 0.0 {
            fields.push(format!("start: {}", ron_number(clip.start)));
        }
        if let Some(end) = clip.end {
            fields.push(format!("end: {}", ron_number(end)));
        }
        if clip.countdown_after {
            fields.push("countdown_after: true".to_string());
        }
        out.push_str(&format!("{INDENT}audio: ({}),\n", fields.join(", ")));
    }
    if let Some(image) = &q.reveal_image {
        out.push_str(&format!("{INDENT}reveal_image: {},\n", ron_string(image)));
    }
}

/// Writes a pack as RON in the style of the shipped packs: one block per question.
pub fn to_ron(pack: &Pack, header: &str) -> String {
    let mut out = String::new();
    for line in header.lines() {
        out.push_str(&format!("// {line}\n"));
    }
    out.push_str("Pack(\n");
    out.push_str(&format!("    format: {},\n", pack.format));
    out.push_str(&format!("    title: {},\n", ron_string(&pack.title)));
    out.push_str(&format!(
        "    description: {},\n",
        ron_string(&pack.description)
    ));
    out.push_str(&format!("    author: {},\n", ron_string(&pack.author)));
    if pack.defaults != Defaults::default() {
        out.push_str(&format!(
            "    defaults: (seconds_per_question: {}),\n",
            pack.defaults.seconds_per_question
        ));
    }
    if !pack.chapters.is_empty() {
        let chapters: Vec<String> = pack.chapters.iter().map(|c| ron_string(c)).collect();
        out.push_str(&format!("    chapters: [{}],\n", chapters.join(", ")));
    }
    out.push_str("    questions: [\n");
    for q in &pack.questions {
        out.push_str("        (\n");
        out.push_str(&format!("            id: {},\n", ron_string(&q.id)));
        out.push_str(&format!("            prompt: {},\n", ron_string(&q.prompt)));
        media_fields(&mut out, q);
        match &q.answers {
            Answers::Choice { correct, wrong } => {
                out.push_str("            answers: Choice(\n");
                out.push_str(&format!(
                    "                correct: {},\n",
                    ron_string(correct)
                ));
                let wrong: Vec<String> = wrong.iter().map(|w| ron_string(w)).collect();
                out.push_str(&format!("                wrong: [{}],\n", wrong.join(", ")));
                out.push_str("            ),\n");
            }
            Answers::TrueFalse { correct } => {
                out.push_str(&format!(
                    "            answers: TrueFalse(correct: {correct}),\n"
                ));
            }
            Answers::Order { items, first, last } => {
                out.push_str("            answers: Order(\n");
                let items: Vec<String> = items.iter().map(|i| ron_string(i)).collect();
                out.push_str(&format!("                items: [{}],\n", items.join(", ")));
                out.push_str(&format!("                first: {},\n", ron_string(first)));
                out.push_str(&format!("                last: {},\n", ron_string(last)));
                out.push_str("            ),\n");
            }
            Answers::Number {
                answer,
                tolerance,
                unit,
                limit,
            } => {
                let mut fields = vec![
                    format!("answer: {}", ron_number(*answer)),
                    format!("tolerance: {}", ron_number(*tolerance)),
                ];
                if !unit.is_empty() {
                    fields.push(format!("unit: {}", ron_string(unit)));
                }
                if let Some(limit) = limit {
                    fields.push(format!("limit: {}", ron_number(*limit)));
                }
                out.push_str(&format!(
                    "            answers: Number({}),\n",
                    fields.join(", ")
                ));
            }
        }
        out.push_str(&format!(
            "            explanation: {},\n",
            ron_string(&q.explanation)
        ));
        out.push_str(&format!(
            "            category: {},\n",
            ron_string(&q.category)
        ));
        out.push_str(&format!("            difficulty: {:?},\n", q.difficulty));
        if !q.tags.is_empty() {
            let tags: Vec<String> = q.tags.iter().map(|t| ron_string(t)).collect();
            out.push_str(&format!("            tags: [{}],\n", tags.join(", ")));
        }
        if let Some(seconds) = q.seconds {
            out.push_str(&format!("            seconds: {seconds},\n"));
        }
        if let Some(chapter) = &q.safe_after {
            out.push_str(&format!(
                "            safe_after: {},\n",
                ron_string(chapter)
            ));
        }
        out.push_str("        ),\n");
    }
    out.push_str("    ],\n)\n");
    out
}
