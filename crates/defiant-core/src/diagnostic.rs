//! Diagnostics: one problem found in a pack file, with where it is and why.
//!
//! Every checker (parsing, validation) produces these; the CLI and the game's pack list
//! render them. A diagnostic knows its line and column but not its file: the caller that
//! read the file attaches the path when it prints.

use std::fmt;

/// How serious a problem is. Errors make a pack unplayable; warnings do not.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    /// Worth a look; the pack still plays.
    Warning,
    /// The pack cannot be played until this is fixed.
    Error,
}

impl Severity {
    /// The severity in words, as a report prints it ("error").
    pub fn label(self) -> &'static str {
        match self {
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A 1-based line and column (columns count characters, not bytes).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Location {
    /// The line, from 1.
    pub line: usize,
    /// The column, from 1, in characters.
    pub col: usize,
}

impl Default for Location {
    fn default() -> Self {
        Self::START
    }
}

impl Location {
    /// The start of a file, 1:1: where a problem with the whole file points.
    pub const START: Location = Location { line: 1, col: 1 };

    /// Line `line`, column `col`, both from 1.
    pub fn new(line: usize, col: usize) -> Self {
        Self { line, col }
    }

    /// The location just after `text`, when `text` starts here.
    pub fn after(self, text: &str) -> Location {
        match text.rfind('\n') {
            Some(last) => Location::new(
                self.line + text.matches('\n').count(),
                text[last + 1..].chars().count() + 1,
            ),
            None => Location::new(self.line, self.col + text.chars().count()),
        }
    }
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}", self.line, self.col)
    }
}

/// One problem in a pack file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// An error or a warning.
    pub severity: Severity,
    /// Where the problem is, when known. Problems with the file as a whole point at 1:1.
    pub location: Location,
    /// A plain-English reason.
    pub message: String,
    /// An optional hint on how to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    /// An error at `location`.
    pub fn error(location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Error,
            location,
            message: message.into(),
            help: None,
        }
    }

    /// A warning at `location`.
    pub fn warning(location: Location, message: impl Into<String>) -> Self {
        Self {
            severity: Severity::Warning,
            location,
            message: message.into(),
            help: None,
        }
    }

    /// The same diagnostic with a hint on how to fix it.
    pub fn with_help(mut self, help: impl Into<String>) -> Self {
        self.help = Some(help.into());
        self
    }

    /// Whether this problem makes the pack unplayable.
    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }

    /// `path:line:col: error: reason`, the form compilers and editors understand.
    pub fn render(&self, path: &str) -> String {
        format!(
            "{path}:{}: {}: {}",
            self.location,
            self.severity.label(),
            self.message
        )
    }
}
