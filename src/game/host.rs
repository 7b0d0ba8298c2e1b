//! The host's controls in a party: keyboard shortcuts, the same actions as on-screen
//! buttons (the legend, shown or hidden with F1), and the scores panel (F6) for giving or
//! taking points and removing a seat. Every action becomes a host [`Command`] for the
//! round controller, so undo covers them all.
//!
//! | Key | Action |
//! | --- | --- |
//! | Esc | pause / resume (with the pause menu) |
//! | Enter | next (from the reveal or the scoreboard) |
//! | F1 | show or hide the host keys and buttons |
//! | F2 | reveal the answer now |
//! | F3 | skip the question (nobody scores) |
//! | F4 | 10 more seconds |
//! | F5 or Ctrl+Z | undo the last scoring decision or correction |
//! | F6 | scores panel: ↑↓ a player, ←→ −/+100 points, Delete remove (twice) |
//! | F8 | the question's clip again, from its start (see [`super::media::clip`]); in the legend for a question with a clip |
//! | F10 | end the game now → podium (press twice) |

use std::time::Duration;

use bevy::prelude::*;

use super::clock::Now;
use super::input::{HostIntent, HostKey, InputLayer, MenuIntent};
use super::menu::{Activate, Adjust, Adjustable, MenuButton, MouseOnly};
use super::messages::{GameCommand, RoundSystems};
use super::session::Session;
use super::states::{GAME_SCREENS, Screen, in_game_screen};
use super::theme::{Fonts, palette, widgets};
use crate::core::command::{Command, HostAction};
use crate::core::game::Phase;
use crate::core::seat::SeatId;

pub fn plugin(app: &mut App) {
    app.init_resource::<HostUi>()
        .add_systems(
            PreUpdate,
            shortcuts.after(InputLayer).run_if(
                resource_exists::<Session>
                    .and_then(in_game_screen)
                    .and_then(is_party),
            ),
        )
        .add_systems(
            Update,
            (
                (buttons, panel_adjust, panel_activate).in_set(RoundSystems::Commands),
                (show_legend, show_panel).in_set(RoundSystems::View),
            )
                .run_if(
                    resource_exists::<Session>
                        .and_then(in_game_screen)
                        .and_then(is_party),
                ),
        );
    for screen in GAME_SCREENS {
        app.add_systems(OnExit(screen), close_panel);
    }
}

fn is_party(session: Res<Session>) -> bool {
    session.is_party()
}

/// Points given or taken by one step in the scores panel.
pub const ADJUST_STEP: i32 = 100;
/// Seconds added by F4.
pub const ADD_SECONDS: u16 = 10;
/// A second press within this long confirms an action that ends or removes something.
pub const CONFIRM_WINDOW: Duration = Duration::from_secs(3);

/// What the host's screen shows: the legend, the scores panel, and an action waiting for
/// its confirming second press (with when it was first pressed).
#[derive(Resource, Debug, Default, Clone, PartialEq)]
pub struct HostUi {
    pub legend: bool,
    pub panel: bool,
    pub confirming: Option<(Confirmable, Duration)>,
    /// The last thing the host did, shown in the legend ("Undid +100 points for Ana").
    pub said: Option<String>,
}

/// Host actions that ask for a second press.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Confirmable {
    End,
    Remove(SeatId),
}

impl HostUi {
    /// Whether this press confirms `what` (pressed before, within the window); otherwise
    /// it starts waiting for the confirmation.
    pub fn confirm(&mut self, what: Confirmable, now: Duration) -> bool {
        match self.confirming {
            Some((waiting, at)) if waiting == what && now.saturating_sub(at) <= CONFIRM_WINDOW => {
                self.confirming = None;
                true
            }
            _ => {
                self.confirming = Some((what, now));
                false
            }
        }
    }
}

/// A host action button of the legend bar.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum HostButton {
    Pause,
    Reveal,
    Skip,
    AddTime,
    Undo,
    Scores,
    End,
}

impl HostButton {
    const ALL: [HostButton; 7] = [
        HostButton::Pause,
        HostButton::Reveal,
        HostButton::Skip,
        HostButton::AddTime,
        HostButton::Undo,
        HostButton::Scores,
        HostButton::End,
    ];

    fn label(self) -> &'static str {
        match self {
            HostButton::Pause => "Esc pause",
            HostButton::Reveal => "F2 reveal",
            HostButton::Skip => "F3 skip",
            HostButton::AddTime => "F4 +10 s",
            HostButton::Undo => "F5 undo",
            HostButton::Scores => "F6 scores",
            HostButton::End => "F10 end game",
        }
    }
}

#[derive(Component)]
struct Legend;

#[derive(Component)]
struct LegendSaid;

#[derive(Component)]
struct Panel;

/// A seat's row in the scores panel: ←→ give or take points, Delete removes.
#[derive(Component, Debug, Clone, Copy)]
pub struct PanelSeat(pub SeatId);

fn command(action: HostAction, at: Duration) -> GameCommand {
    GameCommand(Command::Host { action, at })
}

/// Does what a host button or key asks; returns the command, if one is due. The host
/// console's buttons call this too, so a button and its key always do the same.
pub fn host_action(
    button: HostButton,
    ui: &mut HostUi,
    session: &Session,
    at: Duration,
) -> Option<HostAction> {
    ui.said = None;
    match button {
        HostButton::Pause => Some(HostAction::TogglePause),
        HostButton::Reveal => Some(HostAction::Reveal),
        HostButton::Skip => Some(HostAction::Skip),
        HostButton::AddTime => Some(HostAction::AddTime(ADD_SECONDS)),
        HostButton::Undo => {
            ui.said = Some(match session.game.undo_label() {
                Some(what) => format!("Undid {what}"),
                None => "Nothing to undo".to_string(),
            });
            Some(HostAction::Undo)
        }
        HostButton::Scores => {
            ui.panel = !ui.panel;
            None
        }
        HostButton::End => {
            if session.game.phase() == Phase::Finished {
                return None;
            }
            if ui.confirm(Confirmable::End, at) {
                Some(HostAction::End)
            } else {
                ui.said = Some("Press F10 again to end the game now".to_string());
                None
            }
        }
    }
}

/// The host's keys (the F keys and Ctrl+Z, from the input layer), in the order they came.
fn shortcuts(
    mut keys: MessageReader<HostIntent>,
    session: Res<Session>,
    mut ui: ResMut<HostUi>,
    mut out: MessageWriter<GameCommand>,
) {
    for &HostIntent { key, at } in keys.read() {
        let button = match key {
            HostKey::Legend => {
                ui.legend = !ui.legend;
                continue;
            }
            HostKey::Reveal => HostButton::Reveal,
            HostKey::Skip => HostButton::Skip,
            HostKey::AddTime => HostButton::AddTime,
            HostKey::Undo => HostButton::Undo,
            HostKey::Scores => HostButton::Scores,
            HostKey::End => HostButton::End,
            HostKey::Console | HostKey::Fullscreen | HostKey::Replay => continue,
        };
        if let Some(action) = host_action(button, &mut ui, &session, at) {
            out.write(command(action, at));
        }
    }
}

fn buttons(
    mut activated: MessageReader<Activate>,
    host_buttons: Query<&HostButton>,
    session: Res<Session>,
    mut ui: ResMut<HostUi>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
) {
    let at = now.now();
    for Activate(entity) in activated.read() {
        if let Ok(button) = host_buttons.get(*entity)
            && let Some(action) = host_action(*button, &mut ui, &session, at)
        {
            out.write(command(action, at));
        }
    }
}

/// The legend: the host's keys as buttons, in a bar at the top of the screen's own column
/// (its [`widgets::RoundRoot`]), so that the screen's content moves down under it instead of
/// being covered (the title of the scoreboard, the headline of the reveal). For a question
/// with a clip it lists F8 too (each screen builds its own legend, so it follows the
/// question).
fn show_legend(
    ui: Res<HostUi>,
    session: Res<Session>,
    legends: Query<Entity, With<Legend>>,
    roots: Query<(Entity, &DespawnOnExit<Screen>), With<widgets::RoundRoot>>,
    mut said: Query<&mut Text, With<LegendSaid>>,
    fonts: Res<Fonts>,
    state: Res<State<Screen>>,
    mut commands: Commands,
) {
    match (ui.legend, legends.is_empty()) {
        (true, true) => {
            // The screen's root, once it is there (a screen may open a frame later).
            let Some((root, _)) = roots.iter().find(|(_, on)| on.0 == *state.get()) else {
                return;
            };
            let legend = commands
                .spawn((
                    Legend,
                    Node {
                        width: percent(100),
                        flex_shrink: 0.0,
                        flex_wrap: FlexWrap::Wrap,
                        align_items: AlignItems::Center,
                        column_gap: px(8),
                        row_gap: px(6),
                        padding: UiRect::all(px(8)),
                        border_radius: BorderRadius::all(px(10)),
                        ..default()
                    },
                    BackgroundColor(palette::PANEL_RAISED),
                ))
                .with_children(|bar| {
                    bar.spawn(widgets::text("Host:", &fonts.bold, 20.0, palette::ACCENT));
                    for (order, button) in HostButton::ALL.into_iter().enumerate() {
                        bar.spawn((
                            widgets::small_button(button.label(), &fonts.bold, 500 + order, button),
                            MouseOnly,
                        ));
                    }
                    bar.spawn(widgets::text(
                        legend_hint(&session),
                        &fonts.regular,
                        18.0,
                        palette::TEXT_MUTED,
                    ));
                    bar.spawn((
                        widgets::text(
                            ui.said.clone().unwrap_or_default(),
                            &fonts.regular,
                            18.0,
                            palette::WARNING,
                        ),
                        LegendSaid,
                    ));
                })
                .id();
            commands.entity(root).insert_child(0, legend);
        }
        (false, false) => {
            for legend in &legends {
                commands.entity(legend).despawn();
            }
        }
        _ => {}
    }
    let wanted = ui.said.clone().unwrap_or_default();
    for mut text in &mut said {
        if text.0 != wanted {
            text.0.clone_from(&wanted);
        }
    }
}

/// The keys the legend names without a button.
fn legend_hint(session: &Session) -> &'static str {
    if session.game.current().media.audio.is_some() {
        "Enter next · F8 replay clip · F1 hide"
    } else {
        "Enter next · F1 hide"
    }
}

/// The text of a seat's row in the scores panel.
fn panel_line(session: &Session, ui: &HostUi, seat: SeatId) -> String {
    let Some(player) = session.game.player(seat) else {
        return String::new();
    };
    let state = if player.removed {
        "  (removed)"
    } else if player.away {
        "  (away)"
    } else {
        ""
    };
    let waiting = match ui.confirming {
        Some((Confirmable::Remove(s), _)) if s == seat => "  · Delete again to remove",
        _ => "",
    };
    format!(
        "‹ {}  {}{state}{waiting} ›",
        player.seat.name, player.stats.score
    )
}

/// The scores panel: one row per seat, built when it opens (and when seats come or go),
/// its lines kept up to date in place so the focus stays on the row being changed.
fn show_panel(
    ui: Res<HostUi>,
    session: Res<Session>,
    panels: Query<Entity, With<Panel>>,
    rows: Query<(&PanelSeat, &Children)>,
    mut texts: Query<&mut Text>,
    fonts: Res<Fonts>,
    state: Res<State<Screen>>,
    mut commands: Commands,
) {
    if !ui.panel {
        for panel in &panels {
            commands.entity(panel).despawn();
        }
        return;
    }
    let seats = session.game.players().len();
    if !panels.is_empty() && rows.iter().count() == seats {
        if session.is_changed() || ui.is_changed() {
            for (row, children) in &rows {
                let wanted = panel_line(&session, &ui, row.0);
                if let Some(mut text) = children.first().and_then(|c| texts.get_mut(*c).ok())
                    && text.0 != wanted
                {
                    text.0 = wanted;
                }
            }
        }
        return;
    }
    for panel in &panels {
        commands.entity(panel).despawn();
    }
    commands
        .spawn((
            Panel,
            DespawnOnExit(*state.get()),
            Node {
                position_type: PositionType::Absolute,
                right: px(20),
                top: px(70),
                width: px(560),
                flex_direction: FlexDirection::Column,
                row_gap: px(6),
                padding: UiRect::all(px(14)),
                border: UiRect::all(px(3)),
                border_radius: BorderRadius::all(px(14)),
                ..default()
            },
            BackgroundColor(palette::PANEL_RAISED),
            BorderColor::all(palette::ACCENT),
            GlobalZIndex(6),
        ))
        .with_children(|panel| {
            panel.spawn(widgets::text("Scores", &fonts.bold, 28.0, palette::ACCENT));
            for (order, player) in session.game.players().iter().enumerate() {
                panel.spawn((
                    Button,
                    MenuButton { order, group: 2 },
                    Adjustable,
                    PanelSeat(player.seat.id),
                    widgets::list_row(40.0, UiRect::axes(px(12), px(4))),
                    children![widgets::text(
                        panel_line(&session, &ui, player.seat.id),
                        &fonts.bold,
                        22.0,
                        palette::TEXT
                    )],
                ));
            }
            panel.spawn(widgets::text(
                format!("↑↓ player · ← −{ADJUST_STEP} · → +{ADJUST_STEP} · Delete twice: remove · F5 undo · F6 close"),
                &fonts.regular,
                17.0,
                palette::TEXT_MUTED,
            ));
        });
}

/// ←→ on a panel row gives or takes points.
fn panel_adjust(
    mut adjusts: MessageReader<Adjust>,
    rows: Query<&PanelSeat>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
) {
    for adjust in adjusts.read() {
        if let Ok(row) = rows.get(adjust.entity) {
            out.write(command(
                HostAction::Adjust {
                    seat: row.0,
                    points: adjust.step * ADJUST_STEP,
                },
                now.now(),
            ));
        }
    }
}

/// Delete twice on a panel row removes the seat (its score stays in the results).
fn panel_activate(
    mut intents: MessageReader<MenuIntent>,
    focus: Res<super::menu::Focus>,
    rows: Query<&PanelSeat>,
    mut ui: ResMut<HostUi>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
) {
    let removes = intents.read().filter(|i| **i == MenuIntent::Remove).count();
    if !ui.panel || removes == 0 {
        return;
    }
    let Some(row) = focus.0.and_then(|f| rows.get(f).ok()) else {
        return;
    };
    let at = now.now();
    if ui.confirm(Confirmable::Remove(row.0), at) {
        out.write(command(HostAction::RemoveSeat(row.0), at));
    }
}

fn close_panel(mut ui: ResMut<HostUi>) {
    ui.panel = false;
    ui.confirming = None;
}
