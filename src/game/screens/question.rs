//! The question screen: the prompt, 2 to 6 shuffled answers labelled with their keys, a
//! countdown, and the player's score and streak. Answer with 1-6 or A-F, a click, or the
//! d-pad and South; the first choice locks in. Esc pauses.

use std::time::Duration;

use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;

use super::Screen;
use super::pause::{PauseButton, Paused};
use crate::core::PlayerId;
use crate::game::audio::Sfx;
use crate::game::menu::{Activate, FixedColor, MenuButton};
use crate::game::persist::SavedSettings;
use crate::game::session::{self, Session};
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Question), (open_question, spawn).chain())
        .add_systems(OnExit(Screen::Question), session::stay_idle)
        .add_systems(
            Update,
            (answer_by_key, answer_by_button, time_up, countdown)
                .chain()
                .run_if(in_state(Screen::Question)),
        );
}

/// The solo player.
const ME: PlayerId = PlayerId(0);
/// Redraw rate while the countdown runs: 10 fps moves the bar by half a percent of its
/// length a frame on a 20-second question, smooth to the eye; faster only costs CPU (a
/// software renderer spends about 90 ms of CPU a frame at 1280x720).
pub const COUNTDOWN_FRAME: Duration = Duration::from_millis(100);
/// With reduced motion the bar moves in whole seconds: a few redraws a second suffice.
const COUNTDOWN_FRAME_REDUCED: Duration = Duration::from_millis(250);
/// From here on the countdown turns urgent and ticks.
pub const URGENT_SECONDS: u64 = 5;

/// The keys for answers 1-6, by position on the keyboard: the digit row and the keypad
/// (so they work on layouts where the digits need Shift).
pub const ANSWER_KEYS: [[KeyCode; 2]; 6] = [
    [KeyCode::Digit1, KeyCode::Numpad1],
    [KeyCode::Digit2, KeyCode::Numpad2],
    [KeyCode::Digit3, KeyCode::Numpad3],
    [KeyCode::Digit4, KeyCode::Numpad4],
    [KeyCode::Digit5, KeyCode::Numpad5],
    [KeyCode::Digit6, KeyCode::Numpad6],
];

/// The answer a typed character picks: `1`-`6` or the letters `a`-`f`, by what the key types.
pub fn answer_for_char(c: char) -> Option<usize> {
    match c.to_ascii_lowercase() {
        d @ '1'..='6' => Some(d as usize - '1' as usize),
        l @ 'a'..='f' => Some(l as usize - 'a' as usize),
        _ => None,
    }
}

/// An answer button; the number is the option's index.
#[derive(Component, Debug, Clone, Copy)]
pub struct AnswerButton(pub usize);

#[derive(Component)]
struct CountdownFill;

#[derive(Component)]
struct CountdownText;

/// The last whole second announced by a tick.
#[derive(Resource, Default)]
struct LastTick(Option<u64>);

fn open_question(
    mut session: ResMut<Session>,
    settings: Res<SavedSettings>,
    time: Res<Time>,
    mut rate: ResMut<crate::game::display::RedrawRate>,
    mut commands: Commands,
) {
    let now = session::now(&time);
    if session.round.phase() == crate::core::Phase::Ready {
        // A fresh round: its first question opens now.
        let _ = session.round.start(now);
    }
    commands.insert_resource(LastTick::default());
    let frame = if settings.0.reduced_motion {
        COUNTDOWN_FRAME_REDUCED
    } else {
        COUNTDOWN_FRAME
    };
    session::animate(&mut rate, frame);
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let round = &session.round;
    let q = round.current();
    let player = &round.players()[ME.0];
    let header = format!(
        "{}  ·  {}  ·  {}",
        session.progress(),
        q.category,
        q.difficulty.label()
    );
    let standing = session::standing(player);
    let hint = format!(
        "Press 1–{n} or A–{l}, or click",
        n = q.options.len(),
        l = (b'A' + q.options.len() as u8 - 1) as char
    );
    let prompt_size = widgets::fit(
        q.prompt.chars().count(),
        &[(80, 42.0), (140, 34.0), (200, 29.0)],
        26.0,
    );
    let longest = q.longest_option_chars();
    let answer_size = widgets::fit(longest, &[(30, 28.0), (60, 24.0)], 20.0);
    commands
        .spawn((
            widgets::round_root("Question screen", JustifyContent::SpaceBetween, 14.0),
            DespawnOnExit(Screen::Question),
        ))
        .with_children(|root| {
            root.spawn(widgets::top_bar(header, standing, &fonts));
            root.spawn(Node {
                width: percent(100),
                align_items: AlignItems::Center,
                column_gap: px(16),
                ..default()
            })
            .with_children(|bar| {
                bar.spawn((
                    Node {
                        flex_grow: 1.0,
                        height: px(16),
                        border_radius: BorderRadius::all(px(8)),
                        ..default()
                    },
                    BackgroundColor(palette::PANEL),
                ))
                .with_child((
                    CountdownFill,
                    Node {
                        width: percent(100),
                        height: percent(100),
                        border_radius: BorderRadius::all(px(8)),
                        ..default()
                    },
                    BackgroundColor(palette::ACCENT),
                ));
                bar.spawn((
                    widgets::text("", &fonts.bold, 34.0, palette::TEXT),
                    CountdownText,
                    Node {
                        width: px(80),
                        ..default()
                    },
                    TextLayout::justify(Justify::Right),
                ));
            });
            // The prompt, centred in the space between the countdown and the answers.
            root.spawn(Node {
                flex_grow: 1.0,
                width: percent(100),
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                ..default()
            })
            .with_child((
                widgets::text(q.prompt.clone(), &fonts.bold, prompt_size, palette::TEXT),
                TextLayout::justify(Justify::Center),
                // A definite width, so the text is measured (and wrapped) at the width it
                // is drawn at, and never shrinks under the answers.
                Node {
                    width: percent(100),
                    max_width: px(1120),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
            root.spawn(Node {
                width: percent(100),
                flex_wrap: FlexWrap::Wrap,
                justify_content: JustifyContent::SpaceBetween,
                row_gap: px(14),
                ..default()
            })
            .with_children(|grid| {
                for (i, option) in q.options.iter().enumerate() {
                    grid.spawn((
                        Button,
                        MenuButton { order: i, group: 0 },
                        FixedColor,
                        AnswerButton(i),
                        widgets::answer_card(i, option, &fonts, palette::ANSWER[i], answer_size),
                    ));
                }
            });
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(24),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::hint(hint, &fonts.regular));
                row.spawn(widgets::small_button(
                    "Pause · Esc",
                    &fonts.bold,
                    q.options.len(),
                    PauseButton,
                ));
            });
        });
}

fn lock_in(session: &mut Session, option: usize, now: Duration, sfx: &mut MessageWriter<Sfx>) {
    if session.round.answer(ME, option, now).is_ok() {
        sfx.write(Sfx::Select);
    }
}

fn answer_by_key(
    keys: Res<ButtonInput<KeyCode>>,
    mut typed: MessageReader<KeyboardInput>,
    paused: Res<Paused>,
    time: Res<Time>,
    mut session: ResMut<Session>,
    mut sfx: MessageWriter<Sfx>,
) {
    let by_character = typed
        .read()
        .filter(|k| k.state.is_pressed() && !k.repeat)
        .find_map(|k| match &k.logical_key {
            Key::Character(s) => s.chars().next().and_then(answer_for_char),
            _ => None,
        });
    if paused.0 {
        return;
    }
    let count = session.round.current().options.len();
    let by_position = ANSWER_KEYS
        .iter()
        .take(count)
        .position(|keys_for| keys.any_just_pressed(*keys_for));
    if let Some(option) = by_position.or(by_character).filter(|&o| o < count) {
        lock_in(&mut session, option, session::now(&time), &mut sfx);
    }
}

fn answer_by_button(
    mut activated: MessageReader<Activate>,
    answers: Query<&AnswerButton>,
    paused: Res<Paused>,
    time: Res<Time>,
    mut session: ResMut<Session>,
    mut sfx: MessageWriter<Sfx>,
) {
    for Activate(entity) in activated.read() {
        if paused.0 {
            continue;
        }
        if let Ok(AnswerButton(option)) = answers.get(*entity) {
            lock_in(&mut session, *option, session::now(&time), &mut sfx);
        }
    }
}

/// Closes the question when everyone has answered or the time is up, and reveals it.
fn time_up(
    time: Res<Time>,
    paused: Res<Paused>,
    mut session: ResMut<Session>,
    mut next: ResMut<NextState<Screen>>,
) {
    if paused.0 || session.round.phase() != crate::core::Phase::Open {
        return;
    }
    let now = session::now(&time);
    let closed = if session.round.all_answered() {
        session.round.close().is_ok()
    } else {
        session.round.close_if_time_up(now).is_some()
    };
    if closed {
        next.set(Screen::Reveal);
    }
}

fn countdown(
    time: Res<Time>,
    session: Res<Session>,
    settings: Res<SavedSettings>,
    mut last_tick: ResMut<LastTick>,
    mut fill: Query<(&mut Node, &mut BackgroundColor), With<CountdownFill>>,
    mut text: Query<(&mut Text, &mut TextColor), With<CountdownText>>,
    mut sfx: MessageWriter<Sfx>,
) {
    let round = &session.round;
    if round.phase() != crate::core::Phase::Open {
        return;
    }
    let now = session::now(&time);
    let limit = round.current().time_limit.as_secs_f32().max(0.001);
    let remaining = round.remaining(now);
    let seconds_left = remaining.as_secs() + u64::from(remaining.subsec_nanos() > 0);
    // Reduced motion: the bar moves in whole seconds instead of gliding.
    let shown = if settings.0.reduced_motion {
        seconds_left as f32
    } else {
        remaining.as_secs_f32()
    };
    let urgent = seconds_left <= URGENT_SECONDS;
    let color = if urgent {
        palette::WRONG
    } else if shown / limit < 0.5 {
        palette::WARNING
    } else {
        palette::ACCENT
    };
    for (mut node, mut background) in &mut fill {
        node.width = percent((shown / limit * 100.0).clamp(0.0, 100.0));
        background.0 = color;
    }
    for (mut t, mut c) in &mut text {
        let wanted = format!("{seconds_left}");
        if t.0 != wanted {
            t.0 = wanted;
        }
        c.0 = if urgent {
            palette::WRONG
        } else {
            palette::TEXT
        };
    }
    if urgent && seconds_left > 0 && last_tick.0 != Some(seconds_left) && !round.has_answered(ME) {
        last_tick.0 = Some(seconds_left);
        sfx.write(Sfx::Tick);
    }
}
