//! What the host console shows, and its buttons.
//!
//! [`ConsoleView`] is plain data built from the game's state each frame; the console's UI
//! is rebuilt only when it changes (the countdown is updated in place). It holds what the
//! room must not see yet (the right answer, the explanation, each seat's pick, the next
//! question), which is why it is drawn only by the console's own camera.
//!
//! Every button is a [`ConsoleAction`] that does exactly what the host's key does: the
//! host actions go through [`host_action`] like the F keys, Next is the reveal's Enter,
//! ± points and Remove are the scores panel's ←→ and Delete twice.

use std::time::Duration;

use bevy::prelude::*;

use super::Console;
use crate::core::command::{Command, HostAction};
use crate::core::game::{Format, Phase, Rules, ScoreboardEvery};
use crate::core::round::Asked;
use crate::core::seat::{Device, SeatId, TEAM_NAMES};
use crate::game::clock::Now;
use crate::game::host::{ADJUST_STEP, Confirmable, HostButton, HostUi, host_action};
use crate::game::menu::Activate;
use crate::game::messages::GameCommand;
use crate::game::screens::lobby::{Lobby, LobbyRow, device_keys};
use crate::game::screens::podium::PodiumAction;
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::seat_chip::{self, ChipSize};
use crate::game::theme::{Fonts, palette, widgets};
use crate::phones::Phones;

pub fn plugin(app: &mut App) {
    app.init_resource::<Shown>()
        .add_systems(
            PreUpdate,
            press
                .after(bevy::ui::UiSystems::Focus)
                .after(bevy::input::InputSystems),
        )
        .add_systems(PostUpdate, (rebuild, clock, paint).chain());
}

/// One button of the console.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ConsoleAction {
    /// A host action with a key: pause, reveal, skip, +10 s, undo, end.
    Host(HostButton),
    /// Next question (Enter on the reveal and the scoreboard).
    Next,
    /// Points for a seat: ± one step of the scores panel.
    Adjust(SeatId, i32),
    /// Remove a seat (press twice).
    Remove(SeatId),
    /// Lock or open the room to new phones.
    LockRoom,
    /// Start the party (the lobby's Start).
    Start,
    /// The podium's buttons.
    Podium(PodiumAction),
}

/// Whether a button does something now (a greyed one does nothing).
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub struct Enabled(pub bool);

/// The root of the console's UI.
#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleRoot;

/// The console's clock line (time left), updated in place.
#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleClock;

/// The current question as the host sees it.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct QuestionView {
    pub prompt: String,
    /// Badge, text, and whether it is the right answer.
    pub options: Vec<(String, String, bool)>,
    pub explanation: String,
}

/// A seat's line.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SeatView {
    pub id: SeatId,
    pub name: String,
    pub colour: u8,
    /// Device and team.
    pub detail: String,
    pub state: String,
    pub score: Option<i64>,
    /// Whether ± points and Remove apply (in a game, not removed).
    pub adjustable: bool,
}

/// Everything on the console, as data.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct ConsoleView {
    pub title: String,
    pub status: String,
    pub question: Option<QuestionView>,
    pub next: Option<String>,
    pub seats: Vec<SeatView>,
    pub buttons: Vec<(ConsoleAction, String, bool)>,
    pub settings: Vec<String>,
    pub join: Option<String>,
    pub said: Option<String>,
    /// What undo would take back.
    pub undo: Option<String>,
}

/// The view on screen now, and the console root it was built into.
#[derive(Resource, Debug, Default)]
struct Shown(Option<(Entity, ConsoleView)>);

/// The letter of option `i`, with its shape as the public screen shows it.
fn badge(i: usize) -> String {
    widgets::option_badge(i, true)
}

fn seat_detail(device: Device, team: Option<crate::core::seat::TeamId>) -> String {
    let device = match device {
        Device::Phone => "phone".to_string(),
        Device::Gamepad(n) => format!("gamepad {}", n + 1),
        other => device_keys(other),
    };
    match team.and_then(|t| TEAM_NAMES.get(usize::from(t.0))) {
        Some(team) => format!("{device} · {team}"),
        None => device,
    }
}

fn rules_line(rules: &Rules) -> String {
    let on = |b: bool| if b { "on" } else { "off" };
    let scores = match rules.scoreboard {
        ScoreboardEvery::End => "scores at the end".to_string(),
        ScoreboardEvery::Questions(1) => "scores after every question".to_string(),
        ScoreboardEvery::Questions(n) => format!("scores every {n} questions"),
    };
    let mut line = format!(
        "{} · speed bonus {} · streak bonus {} · {scores}",
        rules.format.label(),
        on(rules.speed_bonus),
        on(rules.streak_bonus)
    );
    if rules.format == Format::BuzzIn {
        line.push_str(&format!(" · wrong buzz −{}", rules.wrong_penalty));
    }
    line
}

fn join_line(phones: &Phones) -> Option<String> {
    let url = phones.join_url()?;
    let room = phones.room().unwrap_or_default();
    let state = if phones.locked {
        "room locked"
    } else {
        "room open"
    };
    Some(format!(
        "Phones join at {url}  ·  room {room}  ·  {} connected  ·  {state}",
        phones.connected.len()
    ))
}

/// Locking the room to new phones, while phones play.
fn lock_button(phones: &Phones) -> Option<(ConsoleAction, String, bool)> {
    let label = if phones.locked {
        "Open the room"
    } else {
        "Lock the room"
    };
    phones
        .running()
        .then(|| (ConsoleAction::LockRoom, label.to_string(), true))
}

/// The host's buttons of a game, greyed where the phase does not take them.
fn game_buttons(
    game: &crate::core::game::Game,
    phones: &Phones,
) -> Vec<(ConsoleAction, String, bool)> {
    let phase = game.phase();
    let paused = game.is_paused();
    let open = phase == Phase::Question && !paused;
    let between = matches!(phase, Phase::Reveal | Phase::Scoreboard) && !paused;
    let live = phase != Phase::Finished;
    let mut buttons = vec![
        (
            ConsoleAction::Host(HostButton::Pause),
            if paused { "Esc  Resume" } else { "Esc  Pause" }.to_string(),
            live,
        ),
        (
            ConsoleAction::Host(HostButton::Reveal),
            "F2  Reveal".to_string(),
            open,
        ),
        (
            ConsoleAction::Host(HostButton::Skip),
            "F3  Skip".to_string(),
            open,
        ),
        (
            ConsoleAction::Host(HostButton::AddTime),
            "F4  +10 s".to_string(),
            open,
        ),
        (ConsoleAction::Next, "Enter  Next".to_string(), between),
        (
            ConsoleAction::Host(HostButton::Undo),
            "F5  Undo".to_string(),
            game.undo_label().is_some(),
        ),
    ];
    buttons.extend(lock_button(phones));
    if live {
        buttons.push((
            ConsoleAction::Host(HostButton::End),
            "F10  End game".to_string(),
            true,
        ));
    } else {
        buttons.push((
            ConsoleAction::Podium(PodiumAction::ShowAll),
            "Show everything".to_string(),
            true,
        ));
        buttons.push((
            ConsoleAction::Podium(PodiumAction::PlayAgain),
            "Play again".to_string(),
            true,
        ));
        buttons.push((
            ConsoleAction::Podium(PodiumAction::Title),
            "Back to title".to_string(),
            true,
        ));
    }
    buttons
}

/// Builds the view from the game's state.
pub fn build(
    screen: Screen,
    session: Option<&Session>,
    lobby: Option<&Lobby>,
    phones: &Phones,
    ui: &HostUi,
    now: Duration,
) -> ConsoleView {
    let mut view = ConsoleView {
        join: join_line(phones),
        said: ui.said.clone(),
        ..default()
    };
    let in_game = crate::game::states::GAME_SCREENS.contains(&screen);
    match (session, in_game) {
        (Some(session), true) => {
            let game = &session.game;
            let at = game.current_index();
            view.title = format!("{}  ·  {}", session.pack_title, session.progress());
            view.status = match (game.phase(), game.is_paused()) {
                (Phase::Finished, _) => "Game over: the podium".to_string(),
                (_, true) => "PAUSED".to_string(),
                (Phase::Ready | Phase::Question, _) => "Question open".to_string(),
                (Phase::Reveal, _) => "Answer revealed".to_string(),
                (Phase::Scoreboard, _) => "Scoreboard".to_string(),
            };
            if game.phase() != Phase::Finished {
                let q = game.current();
                view.question = Some(QuestionView {
                    prompt: q.prompt.clone(),
                    options: match q.asked {
                        Asked::Choice => q
                            .options
                            .iter()
                            .enumerate()
                            .map(|(i, o)| (badge(i), o.clone(), i == q.correct))
                            .collect(),
                        // An order or a number: its answer in words, then the items as
                        // the room sees them.
                        _ => std::iter::once(("✔".to_string(), q.correct_text(), true))
                            .chain(
                                q.options
                                    .iter()
                                    .enumerate()
                                    .map(|(i, o)| (badge(i), o.clone(), false)),
                            )
                            .collect(),
                    },
                    explanation: q.explanation.clone(),
                });
                view.next = Some(match game.questions().get(at + 1) {
                    Some(next) => format!("{}  →  {}", next.prompt, next.correct_text()),
                    None => "None: this is the last question.".to_string(),
                });
            }
            view.seats = game
                .players()
                .iter()
                .map(|p| {
                    let id = p.seat.id;
                    let mut state = game
                        .seat_state(id, now)
                        .map_or(String::new(), |s| s.label().to_string());
                    if let Some(pick) = game.chosen(id)
                        && matches!(game.phase(), Phase::Question | Phase::Reveal)
                    {
                        state.push_str(&format!(" · {}", badge(pick)));
                    }
                    if p.away && !state.starts_with("away") {
                        state.push_str(" · away");
                    }
                    SeatView {
                        id,
                        name: p.seat.name.clone(),
                        colour: p.seat.colour,
                        detail: seat_detail(p.seat.device, p.seat.team),
                        state,
                        score: Some(p.stats.score),
                        adjustable: !p.removed && game.phase() != Phase::Finished,
                    }
                })
                .collect();
            view.settings = vec![rules_line(game.rules())];
            view.buttons = game_buttons(game, phones);
            view.undo = game.undo_label().map(str::to_string);
        }
        _ if screen == Screen::Lobby => {
            let lobby = lobby.cloned().unwrap_or_default();
            view.title = "Party lobby".to_string();
            view.status = match lobby.not_ready() {
                Some(why) => why,
                None => format!("{} players ready", lobby.seats.len()),
            };
            view.seats = lobby
                .seats
                .iter()
                .map(|s| SeatView {
                    id: s.id,
                    name: s.name.clone(),
                    colour: s.colour,
                    detail: seat_detail(s.device, s.team),
                    state: "joined".to_string(),
                    score: None,
                    adjustable: true,
                })
                .collect();
            view.settings = vec![rules_line(&lobby.rules())];
            if lobby.team_count() > 0 {
                view.settings.push(format!("{} teams", lobby.team_count()));
            }
            view.buttons = vec![(
                ConsoleAction::Start,
                "Start the party".to_string(),
                lobby.not_ready().is_none(),
            )];
            view.buttons.extend(lock_button(phones));
        }
        _ => {
            view.title = "No party yet".to_string();
            view.status =
                "Open Party on the TV (or run `defiant-trivia party`) to start one.".to_string();
        }
    }
    view
}

/// The console's clock line.
fn clock_line(session: Option<&Session>, screen: Screen, now: Duration) -> String {
    let Some(session) = session else {
        return String::new();
    };
    if !crate::game::states::GAME_SCREENS.contains(&screen) {
        return String::new();
    }
    let game = &session.game;
    if game.is_paused() {
        return "Clock stopped".to_string();
    }
    match game.phase() {
        Phase::Question => {
            let left = game.remaining(now);
            let secs = left.as_secs() + u64::from(left.subsec_nanos() > 0);
            format!("{secs} s left")
        }
        _ => String::new(),
    }
}

const FONT_TITLE: f32 = 24.0;
const FONT_BODY: f32 = 18.0;
const FONT_SMALL: f32 = 15.0;

fn section(title: &str, fonts: &Fonts) -> impl Bundle {
    widgets::text(
        title.to_uppercase(),
        &fonts.bold,
        FONT_SMALL,
        palette::ACCENT,
    )
}

fn console_button(
    action: ConsoleAction,
    label: impl Into<String>,
    enabled: bool,
    size: f32,
    fonts: &Fonts,
) -> impl Bundle {
    let colour = if enabled {
        palette::TEXT
    } else {
        palette::TEXT_MUTED
    };
    (
        Button,
        action,
        Enabled(enabled),
        Node {
            padding: UiRect::axes(px(12), px(6)),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(8)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            ..default()
        },
        BackgroundColor(if enabled {
            palette::PANEL_RAISED
        } else {
            palette::PANEL
        }),
        BorderColor::all(if enabled {
            palette::PANEL_RAISED
        } else {
            palette::PANEL
        }),
        children![widgets::text(label, &fonts.bold, size, colour)],
    )
}

fn spawn_view(
    commands: &mut Commands,
    view: &ConsoleView,
    clock: String,
    camera: Entity,
    fonts: &Fonts,
) -> Entity {
    commands
        .spawn((
            Name::new("Host console"),
            ConsoleRoot,
            UiTargetCamera(camera),
            Node {
                width: percent(100),
                height: percent(100),
                flex_direction: FlexDirection::Column,
                padding: UiRect::all(px(14)),
                row_gap: px(10),
                ..default()
            },
            BackgroundColor(palette::BACKGROUND),
        ))
        .with_children(|root| {
            // Title bar: where the game is, and the clock.
            root.spawn(Node {
                width: percent(100),
                justify_content: JustifyContent::SpaceBetween,
                align_items: AlignItems::Center,
                column_gap: px(12),
                ..default()
            })
            .with_children(|bar| {
                bar.spawn(widgets::text(
                    format!("HOST CONSOLE  ·  {}", view.title),
                    &fonts.bold,
                    FONT_TITLE,
                    palette::ACCENT,
                ));
                bar.spawn(Node {
                    column_gap: px(16),
                    align_items: AlignItems::Center,
                    ..default()
                })
                .with_children(|right| {
                    right.spawn(widgets::text(
                        view.status.clone(),
                        &fonts.bold,
                        FONT_BODY,
                        palette::TEXT,
                    ));
                    right.spawn((
                        ConsoleClock,
                        widgets::text(clock, &fonts.bold, FONT_TITLE, palette::TEXT),
                    ));
                });
            });
            // The host's buttons.
            root.spawn(Node {
                width: percent(100),
                flex_wrap: FlexWrap::Wrap,
                column_gap: px(8),
                row_gap: px(6),
                align_items: AlignItems::Center,
                ..default()
            })
            .with_children(|bar| {
                for (action, label, enabled) in &view.buttons {
                    bar.spawn(console_button(*action, label.clone(), *enabled, FONT_BODY, fonts));
                }
            });
            // What the host just did, or else what undo would take back: one line, so
            // the layout below never jumps.
            let (line, colour) = match (&view.said, &view.undo) {
                (Some(said), _) => (said.clone(), palette::WARNING),
                (None, Some(undo)) => (format!("F5 undoes: {undo}"), palette::TEXT_MUTED),
                (None, None) => (" ".to_string(), palette::TEXT_MUTED),
            };
            root.spawn(widgets::text(line, &fonts.regular, FONT_SMALL, colour));
            // Two columns: the question (left) and the players (right).
            root.spawn(Node {
                width: percent(100),
                flex_grow: 1.0,
                min_height: px(0),
                column_gap: px(14),
                ..default()
            })
            .with_children(|columns| {
                columns
                    .spawn(Node {
                        width: percent(56),
                        flex_direction: FlexDirection::Column,
                        row_gap: px(8),
                        padding: UiRect::all(px(12)),
                        border_radius: BorderRadius::all(px(12)),
                        overflow: Overflow::clip(),
                        ..default()
                    })
                    .insert(BackgroundColor(palette::PANEL))
                    .with_children(|left| question_column(left, view, fonts));
                columns
                    .spawn(Node {
                        flex_grow: 1.0,
                        flex_basis: px(0),
                        flex_direction: FlexDirection::Column,
                        row_gap: px(6),
                        padding: UiRect::all(px(12)),
                        border_radius: BorderRadius::all(px(12)),
                        overflow: Overflow::scroll_y(),
                        ..default()
                    })
                    .insert((
                        BackgroundColor(palette::PANEL),
                        ScrollPosition::default(),
                        crate::game::menu::Scrollable,
                    ))
                    .with_children(|right| seats_column(right, view, fonts));
            });
            // The party's settings and the join address.
            for line in view.join.iter().chain(view.settings.iter()) {
                root.spawn(widgets::text(line.clone(), &fonts.regular, FONT_SMALL, palette::TEXT_MUTED));
            }
            root.spawn(widgets::text(
                "Only you see this window. F7 closes it; the game goes on. Keys work in either window.",
                &fonts.regular,
                FONT_SMALL,
                palette::TEXT_MUTED,
            ));
        })
        .id()
}

fn question_column(left: &mut ChildSpawnerCommands, view: &ConsoleView, fonts: &Fonts) {
    let Some(q) = &view.question else {
        left.spawn(section("Question", fonts));
        left.spawn(widgets::text(
            "No question open.",
            &fonts.regular,
            FONT_BODY,
            palette::TEXT_MUTED,
        ));
        return;
    };
    left.spawn(section("Now", fonts));
    left.spawn(widgets::text(
        q.prompt.clone(),
        &fonts.bold,
        20.0,
        palette::TEXT,
    ));
    for (badge, text, correct) in &q.options {
        let (mark, colour) = if *correct {
            ("✔ ANSWER", palette::RIGHT)
        } else {
            ("", palette::TEXT_MUTED)
        };
        left.spawn(Node {
            column_gap: px(10),
            align_items: AlignItems::Center,
            ..default()
        })
        .with_children(|row| {
            row.spawn(widgets::text(badge.clone(), &fonts.bold, FONT_BODY, colour));
            row.spawn(widgets::text(
                text.clone(),
                if *correct {
                    &fonts.bold
                } else {
                    &fonts.regular
                },
                FONT_BODY,
                if *correct {
                    palette::TEXT
                } else {
                    palette::TEXT_MUTED
                },
            ));
            if *correct {
                row.spawn(widgets::text(mark, &fonts.bold, FONT_SMALL, colour));
            }
        });
    }
    left.spawn(widgets::text(
        format!("Why: {}", q.explanation),
        &fonts.regular,
        FONT_SMALL,
        palette::TEXT,
    ));
    if let Some(next) = &view.next {
        left.spawn(Node {
            margin: UiRect::top(px(6)),
            ..default()
        })
        .with_child(section("Next question", fonts));
        left.spawn(widgets::text(
            next.clone(),
            &fonts.regular,
            FONT_SMALL,
            palette::TEXT_MUTED,
        ));
    }
}

fn seats_column(right: &mut ChildSpawnerCommands, view: &ConsoleView, fonts: &Fonts) {
    right.spawn(section(&format!("Players ({})", view.seats.len()), fonts));
    if view.seats.is_empty() {
        right.spawn(widgets::text(
            "Nobody yet.",
            &fonts.regular,
            FONT_BODY,
            palette::TEXT_MUTED,
        ));
    }
    for seat in &view.seats {
        right
            .spawn(seat_chip::frame(seat.colour, ChipSize::Normal))
            .insert(Node {
                width: percent(100),
                flex_direction: FlexDirection::Column,
                align_items: AlignItems::Stretch,
                row_gap: px(2),
                padding: UiRect::axes(px(10), px(4)),
                border: UiRect::left(px(6)),
                border_radius: BorderRadius::all(px(8)),
                flex_shrink: 0.0,
                ..default()
            })
            .with_children(|card| {
                card.spawn(Node {
                    justify_content: JustifyContent::SpaceBetween,
                    column_gap: px(8),
                    ..default()
                })
                .with_children(|line| {
                    line.spawn(widgets::text(
                        seat.name.clone(),
                        &fonts.bold,
                        FONT_BODY,
                        palette::TEXT,
                    ));
                    line.spawn(widgets::text(
                        seat.score.map_or(String::new(), |s| format!("{s} pts")),
                        &fonts.bold,
                        FONT_BODY,
                        palette::ACCENT,
                    ));
                });
                card.spawn(Node {
                    justify_content: JustifyContent::SpaceBetween,
                    align_items: AlignItems::Center,
                    column_gap: px(6),
                    ..default()
                })
                .with_children(|line| {
                    line.spawn(widgets::text(
                        format!("{} · {}", seat.state, seat.detail),
                        &fonts.regular,
                        FONT_SMALL,
                        palette::TEXT_MUTED,
                    ));
                    line.spawn(Node {
                        column_gap: px(4),
                        flex_shrink: 0.0,
                        ..default()
                    })
                    .with_children(|buttons| {
                        if seat.score.is_some() {
                            for (step, label) in [
                                (-1, format!("−{ADJUST_STEP}")),
                                (1, format!("+{ADJUST_STEP}")),
                            ] {
                                buttons.spawn(console_button(
                                    ConsoleAction::Adjust(seat.id, step),
                                    label,
                                    seat.adjustable,
                                    FONT_SMALL,
                                    fonts,
                                ));
                            }
                        }
                        buttons.spawn(console_button(
                            ConsoleAction::Remove(seat.id),
                            "Remove",
                            seat.adjustable,
                            FONT_SMALL,
                            fonts,
                        ));
                    });
                });
            });
    }
}

/// Rebuilds the console when what it shows has changed.
#[allow(clippy::too_many_arguments)]
fn rebuild(
    console: Res<Console>,
    state: Res<State<Screen>>,
    session: Option<Res<Session>>,
    lobby: Option<Res<Lobby>>,
    phones: Res<Phones>,
    ui: Res<HostUi>,
    fonts: Res<Fonts>,
    now: Now,
    roots: Query<Entity, With<ConsoleRoot>>,
    mut shown: ResMut<Shown>,
    mut commands: Commands,
) {
    let Some(camera) = console.camera else {
        for root in &roots {
            commands.entity(root).despawn();
        }
        shown.0 = None;
        return;
    };
    let view = build(
        *state.get(),
        session.as_deref(),
        lobby.as_deref(),
        &phones,
        &ui,
        now.now(),
    );
    if let Some((root, old)) = &shown.0
        && *old == view
        && roots.contains(*root)
    {
        return;
    }
    for root in &roots {
        commands.entity(root).despawn();
    }
    let clock = clock_line(session.as_deref(), *state.get(), now.now());
    let root = spawn_view(&mut commands, &view, clock, camera, &fonts);
    shown.0 = Some((root, view));
}

fn clock(
    state: Res<State<Screen>>,
    session: Option<Res<Session>>,
    now: Now,
    mut texts: Query<&mut Text, With<ConsoleClock>>,
) {
    if texts.is_empty() {
        return;
    }
    let wanted = clock_line(session.as_deref(), *state.get(), now.now());
    for mut text in &mut texts {
        if text.0 != wanted {
            text.0.clone_from(&wanted);
        }
    }
}

/// Hover and press colours of the console's buttons (the console has no keyboard focus:
/// its keys are the host's shortcuts, printed on the buttons).
fn paint(
    mut buttons: Query<
        (&Interaction, &Enabled, &mut BorderColor),
        (With<ConsoleAction>, Changed<Interaction>),
    >,
) {
    for (interaction, enabled, mut border) in &mut buttons {
        let edge = match (interaction, enabled.0) {
            (_, false) => palette::PANEL,
            (Interaction::Pressed, true) => palette::TEXT,
            (Interaction::Hovered, true) => palette::ACCENT,
            (Interaction::None, true) => palette::PANEL_RAISED,
        };
        *border = BorderColor::all(edge);
    }
}

/// A console button pressed: the same command its key sends.
#[allow(clippy::too_many_arguments)]
fn press(
    buttons: Query<(&Interaction, &ConsoleAction, &Enabled), Changed<Interaction>>,
    session: Option<Res<Session>>,
    lobby: Option<ResMut<Lobby>>,
    mut phones: ResMut<Phones>,
    mut ui: ResMut<HostUi>,
    rows: Query<(Entity, &LobbyRow)>,
    podium: Query<(Entity, &PodiumAction)>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut activate: MessageWriter<Activate>,
) {
    let mut lobby = lobby;
    let at = now.now();
    for (interaction, action, enabled) in &buttons {
        if *interaction != Interaction::Pressed || !enabled.0 {
            continue;
        }
        let host = |action: HostAction| GameCommand(Command::Host { action, at });
        match *action {
            ConsoleAction::Host(button) => {
                if let Some(session) = session.as_deref()
                    && let Some(action) = host_action(button, &mut ui, session, at)
                {
                    out.write(host(action));
                }
            }
            ConsoleAction::Next => {
                out.write(host(HostAction::Next));
            }
            ConsoleAction::Adjust(seat, step) => {
                out.write(host(HostAction::Adjust {
                    seat,
                    points: step * ADJUST_STEP,
                }));
            }
            ConsoleAction::Remove(seat) => {
                if !ui.confirm(Confirmable::Remove(seat), at) {
                    ui.said = Some("Press Remove again to remove".to_string());
                    continue;
                }
                ui.said = None;
                let in_game = session
                    .as_deref()
                    .is_some_and(|s| s.game.player(seat).is_some());
                match lobby.as_deref_mut() {
                    _ if in_game => {
                        out.write(host(HostAction::RemoveSeat(seat)));
                    }
                    Some(lobby) => {
                        // As Delete on a seat card: a phone is kicked too.
                        if let Some(s) = lobby
                            .seats
                            .iter()
                            .find(|s| s.id == seat && s.device == Device::Phone)
                        {
                            phones.kick(s.id, &s.name.clone());
                        }
                        lobby.remove_seat(seat);
                    }
                    None => {}
                }
            }
            ConsoleAction::LockRoom => {
                let locked = !phones.locked;
                phones.set_locked(locked);
            }
            ConsoleAction::Start => {
                if let Some((entity, _)) = rows.iter().find(|(_, r)| **r == LobbyRow::Start) {
                    activate.write(Activate(entity));
                }
            }
            ConsoleAction::Podium(wanted) => {
                if let Some((entity, _)) = podium.iter().find(|(_, a)| **a == wanted) {
                    activate.write(Activate(entity));
                }
            }
        }
    }
}
