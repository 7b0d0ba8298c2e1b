//! Round setup: how many questions, how long each, which categories and difficulties, how
//! far everyone has watched (for a pack with chapters: only questions safe by then), and
//! the round code. The same code with the same pack and settings replays the same round.

use bevy::prelude::*;

use crate::core::round::pick_questions;
use crate::core::round_code;
use crate::game::input::TextEntry;
use crate::game::menu::{Activate, Adjust};
use crate::game::round_setup::{SetupChoices, SetupRow, change, label, prepare, type_code};
use crate::game::session::{ChosenPack, Session};
use crate::game::states::Screen;
use crate::game::theme::menu_screen::back_to;
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

/// The text showing a row's current value.
#[derive(Component)]
struct RowText(SetupRow);

/// The line under the rows: how many questions match, or what went wrong.
#[derive(Component)]
struct StatusLine;

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
