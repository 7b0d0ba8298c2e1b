//! A round's choices, shared by solo setup and the party lobby: how many questions, how
//! long each, which categories and difficulties, how far everyone has watched (for a pack
//! with chapters: only questions safe by then), and the round code. The same code with
//! the same pack and settings replays the same round. No screen: the setup screen and the
//! lobby draw these rows and change them through here.

use bevy::prelude::*;

use crate::core::round_code::{self, CODE_LEN};
use crate::core::{Difficulty, Pack, RoundSettings};
use crate::game::input::{TextEntry, TextKey};
use crate::game::persist::SavedSettings;
use crate::game::session::{ChosenPack, Session};
use crate::game::theme::stepper::stepped;

/// Question counts offered; `None` is every matching question.
pub const COUNTS: [Option<usize>; 4] = [Some(5), Some(10), Some(20), None];

/// Seconds per question offered; `None` keeps the pack's own times.
pub const SECONDS: [Option<u32>; 7] = [
    None,
    Some(10),
    Some(15),
    Some(20),
    Some(30),
    Some(45),
    Some(60),
];

/// The choices on the setup screen.
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct SetupChoices {
    pub count: usize,
    pub seconds: usize,
    /// 0 is every category; `n` is the pack's n-th category.
    pub category: usize,
    /// 0 is every difficulty; 1-3 are Easy, Medium, Hard.
    pub difficulty: usize,
    /// How far everyone has watched: 0 is the whole pack; 1 is nothing yet; `k + 1` is up
    /// to the pack's `k`th chapter.
    pub watched: usize,
    pub seed: u64,
    /// The code being typed, while the code row is in typing mode.
    pub typing: Option<String>,
    pub message: Option<String>,
}

impl SetupChoices {
    pub fn settings(&self, pack: &Pack) -> RoundSettings {
        let categories = pack.categories();
        RoundSettings {
            question_count: COUNTS[self.count],
            seconds_per_question: SECONDS[self.seconds],
            categories: match self.category {
                0 => Vec::new(),
                n => categories.get(n - 1).cloned().into_iter().collect(),
            },
            difficulties: match self.difficulty {
                0 => Vec::new(),
                n => vec![Difficulty::ALL[n - 1]],
            },
            seed: self.seed,
            max_options: None,
            watched: match self.watched {
                0 => None,
                n => Some((n - 1).min(pack.chapters.len())),
            },
        }
    }
}

/// A row of the setup screen.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum SetupRow {
    Questions,
    Seconds,
    Category,
    Difficulty,
    /// "Watched up to": spoiler-safe rounds (shown for packs with chapters).
    Watched,
    Code,
    NewCode,
    Start,
    Back,
}

pub fn prepare(
    mut commands: Commands,
    saved: Res<SavedSettings>,
    existing: Option<Res<SetupChoices>>,
    session: Option<Res<Session>>,
) {
    // Coming back from a round keeps its choices; a fresh visit starts from the settings.
    if let Some(existing) = existing {
        let mut choices = existing.clone();
        choices.typing = None;
        choices.message = None;
        if session.is_some_and(|s| s.settings.seed == choices.seed) {
            choices.seed = round_code::fresh_seed();
        }
        commands.insert_resource(choices);
        return;
    }
    let seconds = SECONDS
        .iter()
        .position(|s| *s == saved.0.seconds_per_question)
        .unwrap_or(0);
    commands.insert_resource(SetupChoices {
        count: 1,
        seconds,
        category: 0,
        difficulty: 0,
        watched: 0,
        seed: first_seed(),
        typing: None,
        message: None,
    });
}

/// The first round's seed: a fresh one, or the round code in `DEFIANT_TRIVIA_ROUND_CODE`
/// (scripted runs, and the window tests, replay a known round that way).
fn first_seed() -> u64 {
    std::env::var("DEFIANT_TRIVIA_ROUND_CODE")
        .ok()
        .and_then(|code| round_code::decode(&code).ok())
        .unwrap_or_else(round_code::fresh_seed)
}

pub fn label(row: SetupRow, c: &SetupChoices, chosen: &ChosenPack) -> String {
    let categories = chosen.pack.categories();
    match row {
        SetupRow::Questions => match COUNTS[c.count] {
            Some(n) => format!("Questions:  ‹ {n} ›"),
            None => "Questions:  ‹ All ›".to_string(),
        },
        SetupRow::Seconds => match SECONDS[c.seconds] {
            Some(s) => format!("Time per question:  ‹ {s} s ›"),
            None => format!(
                "Time per question:  ‹ pack default ({} s) ›",
                chosen.pack.defaults.seconds_per_question
            ),
        },
        SetupRow::Category => match c.category {
            0 => "Category:  ‹ All ›".to_string(),
            n => format!("Category:  ‹ {} ›", categories[n - 1]),
        },
        SetupRow::Difficulty => match c.difficulty {
            0 => "Difficulty:  ‹ All ›".to_string(),
            n => format!("Difficulty:  ‹ {} ›", Difficulty::ALL[n - 1].label()),
        },
        SetupRow::Watched => watched_label(c.watched, &chosen.pack),
        SetupRow::Code => match &c.typing {
            Some(typed) => format!("Round code:  {typed}_  (type {CODE_LEN} characters, Enter)"),
            None => format!(
                "Round code:  {}  (Enter to type one)",
                round_code::encode(c.seed)
            ),
        },
        SetupRow::NewCode => "New random code".to_string(),
        SetupRow::Start => "▶  Start round".to_string(),
        SetupRow::Back => "Back".to_string(),
    }
}

/// The "Watched up to" row's text.
pub fn watched_label(watched: usize, pack: &Pack) -> String {
    if pack.chapters.is_empty() {
        return "Watched up to:  ‹ the whole pack (no chapters) ›".to_string();
    }
    match watched {
        0 => "Watched up to:  ‹ the whole pack ›".to_string(),
        1 => "Watched up to:  ‹ nothing yet ›".to_string(),
        n => format!(
            "Watched up to:  ‹ {} ›",
            pack.chapters[(n - 2).min(pack.chapters.len() - 1)]
        ),
    }
}

pub fn change(row: SetupRow, step: i32, chosen: &ChosenPack, c: &mut SetupChoices) {
    c.message = None;
    match row {
        SetupRow::Questions => c.count = stepped(c.count, COUNTS.len(), step),
        SetupRow::Seconds => c.seconds = stepped(c.seconds, SECONDS.len(), step),
        SetupRow::Category => {
            c.category = stepped(c.category, chosen.pack.categories().len() + 1, step)
        }
        SetupRow::Difficulty => {
            c.difficulty = stepped(c.difficulty, Difficulty::ALL.len() + 1, step)
        }
        SetupRow::Watched if !chosen.pack.chapters.is_empty() => {
            c.watched = c.watched.min(chosen.pack.chapters.len() + 1);
            c.watched = stepped(c.watched, chosen.pack.chapters.len() + 2, step);
        }
        _ => {}
    }
}

/// Typing a round code: letters and digits, Backspace, Enter to use it, Esc to cancel.
/// The party lobby has the same round rows, code typing included.
pub(crate) fn type_code(
    mut keys: MessageReader<TextKey>,
    mut choices: ResMut<SetupChoices>,
    mut text: ResMut<TextEntry>,
) {
    let Some(mut typed) = choices.typing.clone() else {
        keys.clear();
        return;
    };
    let done = TextKey::edit(&mut typed, keys.read(), |typed, c| {
        let wanted = c.is_ascii_alphanumeric() || c == '-';
        let room = typed.chars().filter(|c| *c != '-').count() < CODE_LEN || c == '-';
        (wanted && room).then(|| c.to_ascii_uppercase())
    });
    match done {
        Some(true) => {
            match round_code::decode(&typed) {
                Ok(seed) => {
                    choices.seed = seed;
                    choices.message =
                        Some(format!("Using round code {}.", round_code::encode(seed)));
                }
                Err(e) => choices.message = Some(format!("That code does not work: {e}.")),
            }
            choices.typing = None;
            text.close();
        }
        Some(false) => {
            choices.typing = None;
            choices.message = None;
            text.close();
        }
        None => {
            if choices.typing.as_ref() != Some(&typed) {
                choices.typing = Some(typed);
            }
        }
    }
}
