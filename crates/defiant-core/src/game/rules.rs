//! The rules of one game: its format, its bonuses and penalty, the reveal and when the
//! scoreboard shows.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::BUZZ_ANSWER_TIME;

/// The two ways to play a question.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Format {
    /// Every seat answers every question, and everyone is scored when it closes.
    EveryoneAnswers,
    /// The first to buzz answers; a wrong answer locks that seat out and the others may
    /// buzz.
    BuzzIn,
}

impl Format {
    /// The format in words, for menus and the rules screen ("Buzz-in").
    pub fn label(self) -> &'static str {
        match self {
            Format::EveryoneAnswers => "Everyone answers",
            Format::BuzzIn => "Buzz-in",
        }
    }
}

/// When the scoreboard shows between questions (the podium always ends the game).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum ScoreboardEvery {
    /// Only the podium at the end.
    End,
    /// After every `n` questions.
    Questions(u8),
}

/// The rules of one game.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Rules {
    /// How questions are played.
    pub format: Format,
    /// Faster right answers earn more (1000 falling to 500); off: every right answer 1000.
    pub speed_bonus: bool,
    /// Consecutive right answers add +100, +200, ... up to +500.
    pub streak_bonus: bool,
    /// Points a wrong buzz-in answer costs.
    pub wrong_penalty: u32,
    /// The reveal moves on by itself after this long; `None` waits for Next.
    pub reveal_for: Option<Duration>,
    /// When the scoreboard shows between questions.
    pub scoreboard: ScoreboardEvery,
}

impl Rules {
    /// A solo round: speed and streak bonus, the reveal moves on after 12 seconds.
    pub fn solo() -> Self {
        Self {
            format: Format::EveryoneAnswers,
            speed_bonus: true,
            streak_bonus: true,
            wrong_penalty: 0,
            reveal_for: Some(Duration::from_secs(12)),
            scoreboard: ScoreboardEvery::End,
        }
    }

    /// A party's defaults: the host moves on, a scoreboard after every question.
    pub fn party(format: Format) -> Self {
        Self {
            format,
            speed_bonus: true,
            streak_bonus: true,
            wrong_penalty: if format == Format::BuzzIn { 250 } else { 0 },
            reveal_for: None,
            scoreboard: ScoreboardEvery::Questions(1),
        }
    }

    /// The scoring rules as players read them.
    pub fn describe(&self) -> String {
        let mut lines = Vec::new();
        lines.push(if self.speed_bonus {
            "A right answer earns up to 1000 points: all 1000 within half a second, falling steadily to 500 at the buzzer.".to_string()
        } else {
            "A right answer earns 1000 points, however long it took.".to_string()
        });
        if self.streak_bonus {
            lines.push(
                "Every right answer in a row after the first adds +100, growing by 100 up to +500."
                    .to_string(),
            );
        }
        match self.format {
            Format::EveryoneAnswers => lines.push(
                "Everyone answers every question; a wrong answer or none scores 0.".to_string(),
            ),
            Format::BuzzIn => {
                let penalty = if self.wrong_penalty > 0 {
                    format!("a wrong answer costs {} points and", self.wrong_penalty)
                } else {
                    "a wrong answer".to_string()
                };
                lines.push(format!(
                    "Buzz first, then answer within {} seconds; {penalty} locks you out of the question. Buzzes within 0.3 s of each other are a tie, drawn fairly. Buzzing before it opens locks you out for 3 s.",
                    BUZZ_ANSWER_TIME.as_secs()
                ));
            }
        }
        lines.join(" ")
    }
}
