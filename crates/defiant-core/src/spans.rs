//! Where things are in a pack's source text.
//!
//! `ron` reports positions for syntax errors only. To point a validation error at the
//! question, field or answer it concerns, this module reads the same text a second time,
//! leniently, into a tree of positions (no values), which the validator queries by path.
//! It runs only on text that `ron` already accepted, so it never has to explain an error;
//! on anything unexpected it simply knows fewer positions.

use super::diagnostic::Location;

/// Deepest nesting the reader follows; deeper text is skipped (ron has already capped it).
const MAX_DEPTH: usize = 64;

/// A value's position and, for structs and lists, its children.
#[derive(Debug, Clone, Default)]
pub struct Node {
    /// Where the value starts in the file.
    pub at: Location,
    /// Named fields of a struct or struct variant: name, name's position, value.
    pub fields: Vec<(String, Location, Node)>,
    /// Elements of a list or tuple.
    pub items: Vec<Node>,
}

impl Node {
    /// The value of the field `name`, if the struct has it.
    pub fn field(&self, name: &str) -> Option<&Node> {
        self.fields.iter().find(|(n, _, _)| n == name).map(|f| &f.2)
    }

    /// Where the field `name` itself is written, if it is.
    pub fn field_name_at(&self, name: &str) -> Option<Location> {
        self.fields.iter().find(|(n, _, _)| n == name).map(|f| f.1)
    }
}

/// The positions of a whole pack file.
#[derive(Debug, Clone, Default)]
pub struct PackSpans {
    root: Node,
}

impl PackSpans {
    /// Reads the positions of `text`. Never fails; unknown shapes yield fewer positions.
    pub fn read(text: &str) -> Self {
        let tokens = tokenize(text);
        let mut parser = Parser { tokens, pos: 0 };
        let root = parser.value(0).unwrap_or_default();
        Self { root }
    }

    /// The value of a top-level field of the pack, e.g. `title`.
    pub fn pack_field(&self, name: &str) -> Option<Location> {
        self.root.field(name).map(|n| n.at)
    }

    /// The opening of question `index` (0-based) in the `questions` list.
    pub fn question(&self, index: usize) -> Option<&Node> {
        self.root.field("questions")?.items.get(index)
    }

    /// The value of `field` in question `index`, falling back to the question itself.
    pub fn question_field(&self, index: usize, field: &str) -> Option<Location> {
        let q = self.question(index)?;
        Some(q.field(field).map_or(q.at, |n| n.at))
    }

    /// The value of field `sub` of question `index`'s field `field` (an `audio`'s `file`),
    /// falling back to `field`, then to the question.
    pub fn question_subfield(&self, index: usize, field: &str, sub: &str) -> Option<Location> {
        self.question(index)?
            .field(field)
            .and_then(|f| f.field(sub))
            .map(|n| n.at)
            .or_else(|| self.question_field(index, field))
    }

    /// A wrong answer's position in a `Choice`, falling back to the `answers` field.
    pub fn wrong_answer(&self, index: usize, wrong: usize) -> Option<Location> {
        let answers = self.question(index)?.field("answers");
        answers
            .and_then(|a| a.field("wrong"))
            .and_then(|w| w.items.get(wrong))
            .map(|n| n.at)
            .or_else(|| self.question_field(index, "answers"))
    }

    /// The correct answer's position in a `Choice`, falling back to the `answers` field.
    pub fn correct_answer(&self, index: usize) -> Option<Location> {
        self.question(index)?
            .field("answers")
            .and_then(|a| a.field("correct"))
            .map(|n| n.at)
            .or_else(|| self.question_field(index, "answers"))
    }

    /// The value of field `name` of question `index`'s answers (an `Order`'s `first`, a
    /// `Number`'s `tolerance`), falling back to the `answers` field (e.g. for a field left
    /// out for its default).
    pub fn answers_field(&self, index: usize, name: &str) -> Option<Location> {
        self.question(index)?
            .field("answers")
            .and_then(|a| a.field(name))
            .map(|n| n.at)
            .or_else(|| self.question_field(index, "answers"))
    }

    /// Item `item` of an `Order`'s `items`, falling back to the `items` field, then to
    /// the `answers` field.
    pub fn order_item(&self, index: usize, item: usize) -> Option<Location> {
        let items = self
            .question(index)?
            .field("answers")
            .and_then(|a| a.field("items"));
        items
            .and_then(|list| list.items.get(item).map(|n| n.at))
            .or_else(|| self.answers_field(index, "items"))
    }

    /// A tag's position, falling back to the `tags` field.
    pub fn tag(&self, index: usize, tag: usize) -> Option<Location> {
        self.question(index)?
            .field("tags")
            .and_then(|t| t.items.get(tag))
            .map(|n| n.at)
            .or_else(|| self.question_field(index, "tags"))
    }

    /// A chapter's position in the pack's `chapters`, falling back to the field.
    pub fn chapter(&self, index: usize) -> Option<Location> {
        let chapters = self.root.field("chapters")?;
        Some(chapters.items.get(index).map_or(chapters.at, |n| n.at))
    }

    /// The value of a field of the pack's `defaults`.
    pub fn default_field(&self, name: &str) -> Option<Location> {
        let defaults = self.root.field("defaults")?;
        Some(defaults.field(name).map_or(defaults.at, |n| n.at))
    }
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Ident(String),
    Open(char),
    Close,
    Comma,
    Colon,
    Scalar,
}

/// Splits text into the tokens that matter for structure, each with its position.
fn tokenize(text: &str) -> Vec<(Tok, Location)> {
    let mut out = Vec::new();
    let mut chars = text.chars().peekable();
    let (mut line, mut col) = (1usize, 1usize);
    // Advances over one char, keeping line and column right.
    macro_rules! bump {
        () => {{
            let c = chars.next();
            if c == Some('\n') {
                line += 1;
                col = 1;
            } else if c.is_some() {
                col += 1;
            }
            c
        }};
    }
    while let Some(&c) = chars.peek() {
        let at = Location::new(line, col);
        match c {
            '/' => {
                bump!();
                match chars.peek() {
                    Some('/') => {
                        while let Some(&c) = chars.peek() {
                            if c == '\n' {
                                break;
                            }
                            bump!();
                        }
                    }
                    Some('*') => {
                        bump!();
                        let mut depth = 1usize;
                        while depth > 0 {
                            match bump!() {
                                None => break,
                                Some('*') if chars.peek() == Some(&'/') => {
                                    bump!();
                                    depth -= 1;
                                }
                                Some('/') if chars.peek() == Some(&'*') => {
                                    bump!();
                                    depth += 1;
                                }
                                _ => {}
                            }
                        }
                    }
                    _ => {}
                }
            }
            '"' => {
                bump!();
                while let Some(c) = bump!() {
                    match c {
                        '\\' => {
                            bump!();
                        }
                        '"' => break,
                        _ => {}
                    }
                }
                out.push((Tok::Scalar, at));
            }
            '\'' => {
                bump!();
                while let Some(c) = bump!() {
                    match c {
                        '\\' => {
                            bump!();
                        }
                        '\'' => break,
                        _ => {}
                    }
                }
                out.push((Tok::Scalar, at));
            }
            '(' | '[' | '{' => {
                bump!();
                out.push((Tok::Open(c), at));
            }
            ')' | ']' | '}' => {
                bump!();
                out.push((Tok::Close, at));
            }
            ',' => {
                bump!();
                out.push((Tok::Comma, at));
            }
            ':' => {
                bump!();
                out.push((Tok::Colon, at));
            }
            '#' => {
                // `#![enable(...)]` attributes: skip to the end of the line.
                while let Some(&c) = chars.peek() {
                    if c == '\n' {
                        break;
                    }
                    bump!();
                }
            }
            c if c.is_whitespace() => {
                bump!();
            }
            'r' | 'b' if raw_string_follows(&chars) => {
                // r"..." / r#"..."# / br#"..."#: count hashes, then find the closing run.
                if c == 'b' {
                    bump!();
                }
                bump!();
                let mut hashes = 0usize;
                while chars.peek() == Some(&'#') {
                    bump!();
                    hashes += 1;
                }
                bump!(); // opening quote
                'outer: while let Some(c) = bump!() {
                    if c == '"' {
                        let mut seen = 0usize;
                        while seen < hashes && chars.peek() == Some(&'#') {
                            bump!();
                            seen += 1;
                        }
                        if seen == hashes {
                            break 'outer;
                        }
                    }
                }
                out.push((Tok::Scalar, at));
            }
            c if c.is_alphanumeric() || c == '_' || c == '-' || c == '+' || c == '.' => {
                let mut word = String::new();
                while let Some(&c) = chars.peek() {
                    if c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '.') {
                        word.push(c);
                        bump!();
                    } else {
                        break;
                    }
                }
                let first = word.chars().next().unwrap_or('0');
                if first.is_alphabetic() || first == '_' {
                    out.push((Tok::Ident(word), at));
                } else {
                    out.push((Tok::Scalar, at));
                }
            }
            _ => {
                bump!();
            }
        }
    }
    out
}

/// Whether the `r` or `b` under the cursor starts a raw string (`r"`, `r#`, `br"`, `br#`).
fn raw_string_follows(chars: &std::iter::Peekable<std::str::Chars<'_>>) -> bool {
    let mut ahead = chars.clone();
    let first = ahead.next();
    let mut next = ahead.next();
    if first == Some('b') {
        if next != Some('r') {
            return false;
        }
        next = ahead.next();
    }
    matches!(next, Some('"') | Some('#'))
}

struct Parser {
    tokens: Vec<(Tok, Location)>,
    pos: usize,
}

impl Parser {
    fn peek(&self) -> Option<&Tok> {
        self.tokens.get(self.pos).map(|t| &t.0)
    }

    fn peek_at(&self, offset: usize) -> Option<&Tok> {
        self.tokens.get(self.pos + offset).map(|t| &t.0)
    }

    fn here(&self) -> Location {
        self.tokens.get(self.pos).map_or(Location::START, |t| t.1)
    }

    /// One value: `Name(...)`, `(...)`, `[...]`, `{...}`, or a scalar.
    fn value(&mut self, depth: usize) -> Option<Node> {
        let at = self.here();
        let mut node = Node {
            at,
            ..Node::default()
        };
        match self.peek()?.clone() {
            Tok::Ident(_) => {
                self.pos += 1;
                if matches!(self.peek(), Some(Tok::Open('('))) {
                    self.group(&mut node, depth)?;
                }
            }
            Tok::Open(_) => self.group(&mut node, depth)?,
            Tok::Scalar => self.pos += 1,
            Tok::Close | Tok::Comma | Tok::Colon => return None,
        }
        Some(node)
    }

    /// The inside of a bracketed group, from its opening token to its closing one.
    fn group(&mut self, node: &mut Node, depth: usize) -> Option<()> {
        let open = match self.peek()? {
            Tok::Open(c) => *c,
            _ => return None,
        };
        self.pos += 1;
        if depth >= MAX_DEPTH {
            return self.skip_group();
        }
        loop {
            match self.peek()? {
                Tok::Close => {
                    self.pos += 1;
                    return Some(());
                }
                Tok::Comma => {
                    self.pos += 1;
                    continue;
                }
                _ => {}
            }
            let named = open == '('
                && matches!(self.peek(), Some(Tok::Ident(_)))
                && matches!(self.peek_at(1), Some(Tok::Colon));
            if named {
                let name_at = self.here();
                let Some(Tok::Ident(name)) = self.peek().cloned() else {
                    return None;
                };
                self.pos += 2;
                let value = self.value(depth + 1)?;
                node.fields.push((name, name_at, value));
            } else {
                let value = self.value(depth + 1)?;
                if open == '{' && matches!(self.peek(), Some(Tok::Colon)) {
                    self.pos += 1;
                    self.value(depth + 1)?;
                }
                node.items.push(value);
            }
        }
    }

    fn skip_group(&mut self) -> Option<()> {
        let mut depth = 1usize;
        while depth > 0 {
            match self.peek()? {
                Tok::Open(_) => depth += 1,
                Tok::Close => depth -= 1,
                _ => {}
            }
            self.pos += 1;
        }
        Some(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = r##"// a comment with ( and "
Pack(
    format: 1,
    title: "A (tricky) \"title\"",
    /* block /* nested */ comment */
    questions: [
        (
            id: "a",
            answers: Choice(correct: "x", wrong: ["y", r#"z"#]),
        ),
        (id: "b", answers: TrueFalse(correct: true)),
        (
            id: "c",
            answers: Order(items: ["x", "y", "z"], first: "F", last: "L"),
        ),
        (id: "d", answers: Number(answer: -1.5e3, unit: "m")),
    ],
)"##;

    #[test]
    fn finds_pack_fields_questions_and_answers() {
        let spans = PackSpans::read(TEXT);
        assert_eq!(spans.pack_field("format"), Some(Location::new(3, 13)));
        assert_eq!(spans.pack_field("title"), Some(Location::new(4, 12)));
        assert_eq!(spans.question(0).map(|q| q.at), Some(Location::new(7, 9)));
        assert_eq!(spans.question_field(0, "id"), Some(Location::new(8, 17)));
        assert_eq!(spans.correct_answer(0), Some(Location::new(9, 38)));
        assert_eq!(spans.wrong_answer(0, 1), Some(Location::new(9, 56)));
        assert_eq!(spans.question_field(1, "id"), Some(Location::new(11, 14)));
        // A missing field falls back to the question's own position.
        assert_eq!(
            spans.question_field(1, "prompt"),
            Some(Location::new(11, 9))
        );
        assert_eq!(spans.question(4).map(|q| q.at), None);
    }

    #[test]
    fn finds_order_items_and_number_fields() {
        let spans = PackSpans::read(TEXT);
        assert_eq!(spans.order_item(2, 0), Some(Location::new(14, 36)));
        assert_eq!(spans.order_item(2, 2), Some(Location::new(14, 46)));
        // Past the last item: the `items` list itself.
        assert_eq!(spans.order_item(2, 3), Some(Location::new(14, 35)));
        assert_eq!(spans.answers_field(2, "last"), Some(Location::new(14, 70)));
        assert_eq!(
            spans.answers_field(3, "answer"),
            Some(Location::new(16, 43))
        );
        assert_eq!(spans.answers_field(3, "unit"), Some(Location::new(16, 57)));
        // A field left out: the `answers` value.
        assert_eq!(
            spans.answers_field(3, "tolerance"),
            Some(Location::new(16, 28))
        );
        // Not an order at all: the `answers` value.
        assert_eq!(spans.order_item(1, 0), Some(Location::new(11, 28)));
    }

    #[test]
    fn survives_garbage_and_deep_nesting() {
        let deep = "[".repeat(10_000);
        let spans = PackSpans::read(&deep);
        assert!(spans.question(0).is_none());
        let spans = PackSpans::read("))):::,,,\"unterminated");
        assert!(spans.pack_field("title").is_none());
    }
}
