//! Round setup: how many questions, how long each, which categories and difficulties, how
//! far everyone has watched (for a pack with chapters: only questions safe by then), and
//! the round code. The same code with the same pack and settings replays the same round.

use bevy::prelude::*;

use crate::core::round::pick_questions;
use crate::core::round_code::{self, CODE_LEN};
use crate::core::{Difficulty, Pack, RoundSettings};
use crate::game::input::{TextEntry, TextKey};
use crate::game::menu::{Activate, Adjust};
use crate::game::persist::SavedSettings;
use crate::game::session::{ChosenPack, Session};
use crate::game::states::Screen;
use crate::game::theme::menu_screen::back_to;
use crate::game::theme::stepper::stepped;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Setup), (prepare, spawn).chain())
        .add_systems(
            Update,
            (type_code, act, adjust, back_to(Screen::PackPicker), refresh)
                .chain()
                .run_if(in_state(Screen::Setup)),
        );
}

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

/// The text showing a row's current value.
#[derive(Component)]
struct RowText(SetupRow);

/// The line under the rows: how many questions match, or what went wrong.
#[derive(Component)]
struct StatusLine;

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

fn spawn(mut commands: Commands, fonts: Res<Fonts>, chosen: Res<ChosenPack>) {
    let rows: Vec<SetupRow> = [
        SetupRow::Questions,
        SetupRow::Seconds,
        SetupRow::Category,
        SetupRow::Difficulty,
        SetupRow::Watched,
        SetupRow::Code,
        SetupRow::NewCode,
        SetupRow::Start,
        SetupRow::Back,
    ]
    .into_iter()
    // A pack without chapters has nothing to spoil.
    .filter(|r| *r != SetupRow::Watched || !chosen.pack.chapters.is_empty())
    .collect();
    commands
        .spawn((
            widgets::screen_root("Setup screen"),
            DespawnOnExit(Screen::Setup),
        ))
        .with_children(|root| {
            root.spawn(widgets::text(
                chosen.pack.title.clone(),
                &fonts.bold,
                44.0,
                palette::ACCENT,
            ));
            root.spawn(widgets::setting_list(rows, &fonts, RowText));
            root.spawn((
                widgets::text("", &fonts.regular, 22.0, palette::TEXT_MUTED),
                StatusLine,
            ));
            root.spawn(widgets::hint(
                "↑↓ choose · ←→ change · Enter select · Esc back",
                &fonts.regular,
            ));
        });
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

fn refresh(
    choices: Res<SetupChoices>,
    chosen: Res<ChosenPack>,
    mut texts: Query<(&RowText, &mut Text)>,
    mut status: Query<&mut Text, (With<StatusLine>, Without<RowText>)>,
    added: Query<(), Added<RowText>>,
) {
    if !choices.is_changed() && added.is_empty() {
        return;
    }
    for (row, mut text) in &mut texts {
        let wanted = label(row.0, &choices, &chosen);
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
    let matching = pick_questions(&chosen.pack, &choices.settings(&chosen.pack)).len();
    let line = choices.message.clone().unwrap_or_else(|| match matching {
        0 => "No question matches these filters.".to_string(),
        n => format!(
            "{n} question{} in this round. Same code + same settings = same questions.",
            if n == 1 { "" } else { "s" }
        ),
    });
    for mut text in &mut status {
        text.0 = line.clone();
    }
}

fn adjust(
    mut adjusts: MessageReader<Adjust>,
    rows: Query<&SetupRow>,
    chosen: Res<ChosenPack>,
    mut choices: ResMut<SetupChoices>,
) {
    for adjust in adjusts.read() {
        let Ok(row) = rows.get(adjust.entity) else {
            continue;
        };
        change(*row, adjust.step, &chosen, &mut choices);
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

fn act(
    mut activated: MessageReader<Activate>,
    rows: Query<&SetupRow>,
    chosen: Res<ChosenPack>,
    mut choices: ResMut<SetupChoices>,
    mut text: ResMut<TextEntry>,
    mut requests: MessageWriter<crate::game::night::SessionRequest>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        let Ok(row) = rows.get(*entity) else {
            continue;
        };
        match row {
            SetupRow::Code => {
                choices.typing = Some(String::new());
                choices.message = None;
                text.open();
            }
            SetupRow::NewCode => {
                choices.seed = round_code::fresh_seed();
                choices.message = None;
            }
            SetupRow::Start => {
                let settings = choices.settings(&chosen.pack);
                match Session::new(&chosen, settings) {
                    Ok(session) => {
                        requests.write(crate::game::night::SessionRequest::Begin(
                            Box::new(session),
                            crate::game::input::bindings::Bindings::default(),
                        ));
                    }
                    Err(e) => choices.message = Some(format!("Cannot start: {e}.")),
                }
            }
            SetupRow::Back => next.set(Screen::PackPicker),
            other => change(*other, 1, &chosen, &mut choices),
        }
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
