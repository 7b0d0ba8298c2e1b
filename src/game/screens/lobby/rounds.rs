//! The night's rounds in the lobby.
//!
//! - **Night** (←→): a preset ("Quick night: one round", "Classic: two rounds and a
//!   final", "Showdown"); any edit makes it a custom night. Enter opens the rounds editor.
//! - **Round** (←→): which round the Format, Questions, Time, Category and Difficulty rows
//!   below it edit; Enter opens the rounds editor.
//! - **The rounds editor** (a dialog over the lobby): the round's type (normal points,
//!   double points, or the final, last round only), add a round after it, remove it, move
//!   it earlier or later, and whether the night is a series over several evenings.

use bevy::prelude::*;

use super::{Lobby, LobbyRow};
use crate::core::game::{Format, Modifier, RoundKind};
use crate::core::plan::{MAX_ROUNDS, Preset, RoundPlan};
use crate::core::{Difficulty, Pack};
use crate::game::menu::Activate;
use crate::game::menu::MenuButton;
use crate::game::round_setup::{COUNTS, SECONDS, SetupChoices};
use crate::game::session::ChosenPack;
use crate::game::states::Screen;
use crate::game::theme::stepper::stepped;
use crate::game::theme::{Fonts, palette, widgets};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (open_editor, edit)
            .chain()
            .after(super::LobbySystems)
            .run_if(in_state(Screen::Lobby).and_then(resource_exists::<Lobby>)),
    );
}

/// The rounds editor's dialog.
#[derive(Component)]
pub struct RoundsEditor;

/// What a button of the rounds editor does.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum EditorAction {
    /// Normal points → double points → the final (last round only) → normal.
    Kind,
    Add,
    Remove,
    Earlier,
    Later,
    Series,
    Done,
}

/// The night's plan as the lobby holds it.
#[derive(Debug, Clone, PartialEq)]
pub struct NightPlan {
    pub rounds: Vec<RoundPlan>,
    /// The preset it is (an index into [`Preset::ALL`]), until the host edits it.
    pub preset: Option<usize>,
    /// The round the round rows edit.
    pub editing: usize,
    /// Goes on over several evenings.
    pub series: bool,
    /// The rounds editor is open (asked for; the dialog opens on the next frame).
    pub editor: bool,
}

impl Default for NightPlan {
    fn default() -> Self {
        Self {
            rounds: Preset::Quick.rounds(Format::EveryoneAnswers),
            preset: Some(0),
            editing: 0,
            series: false,
            editor: false,
        }
    }
}

impl NightPlan {
    /// The Night row's words.
    pub fn label(&self) -> String {
        let what = match self.preset {
            Some(i) => Preset::ALL[i].label().to_string(),
            None => format!("Custom: {} rounds", self.rounds.len()),
        };
        let series = if self.series { " · a series" } else { "" };
        format!("Night:  ‹ {what} ›{series}")
    }

    /// The Round row's words: the round being edited and what it is.
    pub fn editing_label(&self) -> String {
        let round = &self.rounds[self.editing.min(self.rounds.len() - 1)];
        let kind = match (round.kind, round.modifier) {
            (RoundKind::Final, _) => "the final".to_string(),
            (_, Modifier::Double) => "double points".to_string(),
            _ => "normal points".to_string(),
        };
        format!(
            "Round:  ‹ {} of {} · {kind} ›  (Enter: edit rounds)",
            self.editing + 1,
            self.rounds.len()
        )
    }

    /// The round being edited.
    pub fn round(&self) -> &RoundPlan {
        &self.rounds[self.editing.min(self.rounds.len() - 1)]
    }

    /// Steps the preset (a custom night goes to the first preset).
    pub fn step_preset(&mut self, step: i32, format: Format) {
        let at = self.preset.unwrap_or(Preset::ALL.len() - 1);
        let i = stepped(at, Preset::ALL.len(), step);
        self.preset = Some(i);
        self.rounds = Preset::ALL[i].rounds(format);
        self.editing = 0;
    }

    fn edited(&mut self) {
        self.preset = None;
    }

    /// The editor's actions on the round being edited.
    pub fn act(&mut self, action: EditorAction) -> Option<String> {
        let i = self.editing.min(self.rounds.len() - 1);
        let last = self.rounds.len() - 1;
        match action {
            EditorAction::Kind => {
                let round = &mut self.rounds[i];
                let (kind, modifier) = match (round.kind, round.modifier) {
                    (RoundKind::Regular, Modifier::Normal) => {
                        (RoundKind::Regular, Modifier::Double)
                    }
                    (RoundKind::Regular, Modifier::Double) if i == last && i > 0 => {
                        (RoundKind::Final, Modifier::Normal)
                    }
                    _ => (RoundKind::Regular, Modifier::Normal),
                };
                *round = match kind {
                    RoundKind::Final => RoundPlan::final_round(),
                    _ if round.kind == RoundKind::Final => RoundPlan {
                        modifier,
                        ..RoundPlan::regular(Format::EveryoneAnswers, 5)
                    },
                    _ => RoundPlan {
                        kind,
                        modifier,
                        ..round.clone()
                    },
                };
            }
            EditorAction::Add => {
                if self.rounds.len() >= MAX_ROUNDS {
                    return Some(format!("At most {MAX_ROUNDS} rounds a night."));
                }
                if self.rounds[i].kind == RoundKind::Final {
                    return Some("The final is the last round: add rounds before it.".into());
                }
                let mut new = self.rounds[i].clone();
                new.modifier = Modifier::Normal;
                self.rounds.insert(i + 1, new);
                self.editing = i + 1;
            }
            EditorAction::Remove => {
                if self.rounds.len() == 1 {
                    return Some("A night needs one round at least.".into());
                }
                self.rounds.remove(i);
                self.editing = i.min(self.rounds.len() - 1);
            }
            EditorAction::Earlier | EditorAction::Later => {
                let j = if action == EditorAction::Earlier {
                    i.checked_sub(1)?
                } else {
                    (i < last).then_some(i + 1)?
                };
                if self.rounds[i].kind == RoundKind::Final
                    || self.rounds[j].kind == RoundKind::Final
                {
                    return Some("The final stays the last round.".into());
                }
                self.rounds.swap(i, j);
                self.editing = j;
            }
            EditorAction::Series => {
                self.series = !self.series;
                return None;
            }
            EditorAction::Done => {
                self.editor = false;
                return None;
            }
        }
        self.edited();
        None
    }

    /// The editor's buttons, as they read now.
    fn buttons(&self) -> Vec<(String, EditorAction)> {
        let round = self.round();
        let n = self.editing + 1;
        let kind = match (round.kind, round.modifier) {
            (RoundKind::Final, _) => "the final: one question, everyone stakes",
            (_, Modifier::Double) => "double points",
            _ => "normal points",
        };
        vec![
            (format!("Round {n} is: {kind}"), EditorAction::Kind),
            (format!("Add a round after round {n}"), EditorAction::Add),
            (format!("Remove round {n}"), EditorAction::Remove),
            (format!("Move round {n} earlier"), EditorAction::Earlier),
            (format!("Move round {n} later"), EditorAction::Later),
            (
                if self.series {
                    "Evenings: a series over several".into()
                } else {
                    "Evenings: one night".into()
                },
                EditorAction::Series,
            ),
            ("Done".into(), EditorAction::Done),
        ]
    }
}

/// Puts the edited round's settings into the rows that show them (Format and the round
/// rows), after the round edited changed.
pub(super) fn load_round(lobby: &mut Lobby, choices: &mut SetupChoices, pack: &Pack) {
    let round = lobby.plan.round().clone();
    lobby.format = round.format;
    if round.kind != RoundKind::Final
        && let Some(i) = COUNTS.iter().position(|c| *c == round.count)
    {
        choices.count = i;
    }
    choices.seconds = SECONDS
        .iter()
        .position(|s| *s == round.seconds)
        .unwrap_or(0);
    choices.category = round
        .category
        .as_ref()
        .and_then(|c| pack.categories().iter().position(|x| x == c))
        .map_or(0, |i| i + 1);
    choices.difficulty = round
        .difficulty
        .and_then(|d| Difficulty::ALL.iter().position(|x| *x == d))
        .map_or(0, |i| i + 1);
}

/// Stores the rows' settings into the round being edited, after a row changed. A final
/// keeps its one question and everyone answering.
pub(super) fn store_round(lobby: &mut Lobby, choices: &SetupChoices, pack: &Pack) {
    let format = lobby.format;
    let i = lobby.plan.editing.min(lobby.plan.rounds.len() - 1);
    let before = lobby.plan.rounds[i].clone();
    let round = &mut lobby.plan.rounds[i];
    if round.kind != RoundKind::Final {
        round.format = format;
        round.count = COUNTS[choices.count];
    }
    round.seconds = SECONDS[choices.seconds];
    round.category = match choices.category {
        0 => None,
        n => pack.categories().get(n - 1).cloned(),
    };
    round.difficulty = match choices.difficulty {
        0 => None,
        n => Difficulty::ALL.get(n - 1).copied(),
    };
    if *round != before {
        lobby.plan.edited();
    }
}

/// On entering the lobby, the plan and the rows agree: a fresh one-round night takes the
/// rows' settings (the saved time per question, what the last round used), any other
/// plan shows the round being edited in them.
pub(super) fn sync_on_enter(
    mut lobby: ResMut<Lobby>,
    mut choices: ResMut<SetupChoices>,
    chosen: Option<Res<ChosenPack>>,
) {
    let Some(chosen) = chosen else { return };
    let lobby = &mut *lobby;
    lobby.plan.editor = false;
    lobby.plan.editing = lobby.plan.editing.min(lobby.plan.rounds.len() - 1);
    if lobby.plan.preset == Some(0) {
        let preset = lobby.plan.preset;
        store_round(lobby, &choices, &chosen.pack);
        lobby.plan.preset = preset;
    } else {
        load_round(lobby, &mut choices, &chosen.pack);
    }
}

/// A new pack: rounds asking for a category it does not have ask for every category.
pub(super) fn keep_categories(lobby: &mut Lobby, pack: &Pack) {
    let categories = pack.categories();
    for round in &mut lobby.plan.rounds {
        if round
            .category
            .as_ref()
            .is_some_and(|c| !categories.contains(c))
        {
            round.category = None;
        }
    }
}

/// Opens the rounds editor when asked (Enter on the Night or Round row).
fn open_editor(
    mut commands: Commands,
    fonts: Res<Fonts>,
    lobby: Res<Lobby>,
    open: Query<Entity, With<RoundsEditor>>,
) {
    if !lobby.is_changed() {
        return;
    }
    let shown = open.iter().next();
    match (lobby.plan.editor, shown) {
        (true, Some(entity)) => {
            // Drawn again with the plan as it is now (the focus goes back to the top).
            commands.entity(entity).despawn();
            spawn_editor(&mut commands, &fonts, &lobby);
        }
        (true, None) => spawn_editor(&mut commands, &fonts, &lobby),
        (false, Some(entity)) => commands.entity(entity).despawn(),
        (false, None) => {}
    }
}

fn spawn_editor(commands: &mut Commands, fonts: &Fonts, lobby: &Lobby) {
    let plan = &lobby.plan;
    commands
        .spawn((
            RoundsEditor,
            DespawnOnExit(Screen::Lobby),
            widgets::overlay(),
        ))
        .insert(GlobalZIndex(20))
        .with_children(|overlay| {
            overlay.spawn(widgets::text(
                "The night's rounds",
                &fonts.bold,
                40.0,
                palette::ACCENT,
            ));
            overlay
                .spawn(Node {
                    width: percent(92),
                    column_gap: px(24),
                    ..default()
                })
                .with_children(|columns| {
                    columns
                        .spawn(Node {
                            width: percent(55),
                            flex_direction: FlexDirection::Column,
                            row_gap: px(6),
                            ..default()
                        })
                        .with_children(|list| {
                            for (i, round) in plan.rounds.iter().enumerate() {
                                let mark = if i == plan.editing { "▶" } else { " " };
                                let colour = if i == plan.editing {
                                    palette::TEXT
                                } else {
                                    palette::TEXT_MUTED
                                };
                                list.spawn(widgets::text(
                                    format!("{mark} {}. {}", i + 1, round.describe()),
                                    &fonts.bold,
                                    21.0,
                                    colour,
                                ));
                            }
                        });
                    columns
                        .spawn(Node {
                            width: percent(45),
                            flex_direction: FlexDirection::Column,
                            row_gap: px(4),
                            ..default()
                        })
                        .with_children(|list| {
                            for (order, (label, action)) in plan.buttons().into_iter().enumerate() {
                                list.spawn((
                                    Button,
                                    MenuButton { order, group: 5 },
                                    action,
                                    widgets::list_row(38.0, UiRect::axes(px(14), px(2))),
                                    children![widgets::text(label, &fonts.bold, 20.0, palette::TEXT)],
                                ));
                            }
                        });
                });
            overlay.spawn((
                widgets::text(
                    lobby.message.clone().unwrap_or_default(),
                    &fonts.regular,
                    20.0,
                    palette::WARNING,
                ),
            ));
            overlay.spawn(widgets::hint(
                "↑↓ choose · Enter do it · Esc done · the lobby's Format, Questions, Time, Category and Difficulty rows edit the round marked ▶",
                &fonts.regular,
            ));
        });
}

/// The editor's buttons.
fn edit(
    mut activated: MessageReader<Activate>,
    actions: Query<&EditorAction>,
    mut lobby: ResMut<Lobby>,
    mut choices: ResMut<SetupChoices>,
    chosen: Option<Res<ChosenPack>>,
) {
    for Activate(entity) in activated.read() {
        let Ok(action) = actions.get(*entity) else {
            continue;
        };
        let message = lobby.plan.act(*action);
        lobby.message = message;
        if let Some(chosen) = chosen.as_deref() {
            load_round(&mut lobby, &mut choices, &chosen.pack);
        }
    }
}

/// Whether `row` is one the edited round's settings show in.
pub(super) fn is_round_row(row: LobbyRow) -> bool {
    use crate::game::round_setup::SetupRow;
    matches!(
        row,
        LobbyRow::Format
            | LobbyRow::Round(
                SetupRow::Questions | SetupRow::Seconds | SetupRow::Category | SetupRow::Difficulty
            )
    )
}
