//! The reveal: the right answer highlighted, a wrong pick marked, the explanation, and the
//! points with their speed and streak parts. Enter continues, or it continues by itself.

use std::time::Duration;

use bevy::prelude::*;

use super::Screen;
use super::pause::Paused;
use crate::core::{Phase, PlayerId};
use crate::game::audio::Sfx;
use crate::game::menu::Activate;
use crate::game::preview::{self, Preview};
use crate::game::session::{self, ChosenPack, Session};
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Reveal), (start_timer, spawn, cue).chain())
        .add_systems(OnExit(Screen::Reveal), session::stay_idle)
        .add_systems(
            Update,
            (continue_on_activate, auto_continue)
                .chain()
                .run_if(in_state(Screen::Reveal)),
        );
}

const ME: PlayerId = PlayerId(0);
/// How long the reveal stays before moving on by itself.
pub const REVEAL_TIME: Duration = Duration::from_secs(12);
/// Redraw rate on the reveal: only the "continues in N s" line moves.
pub const REVEAL_FRAME: Duration = Duration::from_millis(500);

/// Time left on the reveal, counted only while not paused.
#[derive(Resource, Debug)]
pub struct RevealTimer(pub Timer);

#[derive(Component)]
struct ContinueButton;

#[derive(Component)]
struct AutoText;

/// The line naming a previewed pack's error, empty while the pack is fine.
#[derive(Component)]
struct PreviewError;

fn start_timer(mut commands: Commands, mut rate: ResMut<crate::game::display::RedrawRate>) {
    commands.insert_resource(RevealTimer(Timer::new(REVEAL_TIME, TimerMode::Once)));
    // Redraw a few times a second for the "continues in N s" line; nothing else moves.
    session::animate(&mut rate, REVEAL_FRAME);
}

fn cue(session: Res<Session>, mut sfx: MessageWriter<Sfx>) {
    if let Some(result) = session.round.last_result(ME) {
        sfx.write(if result.correct {
            Sfx::Correct
        } else {
            Sfx::Wrong
        });
    }
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let round = &session.round;
    let q = round.current();
    let player = &round.players()[ME.0];
    let Some(result) = round.last_result(ME).cloned() else {
        return;
    };
    let (headline, color) = match (result.correct, result.chosen) {
        (true, _) => (
            format!("✓ Right!  +{} points", result.points.total()),
            palette::RIGHT,
        ),
        (false, Some(_)) => ("✗ Wrong — 0 points".to_string(), palette::WRONG),
        (false, None) => ("✗ Time's up — 0 points".to_string(), palette::WARNING),
    };
    let breakdown = if result.correct {
        let taken = result.taken.unwrap_or_default().as_secs_f32();
        if result.points.streak_bonus > 0 {
            format!(
                "{} for answering in {taken:.1} s  +  {} streak bonus (×{} in a row)",
                result.points.answer, result.points.streak_bonus, result.streak
            )
        } else {
            format!("{} for answering in {taken:.1} s", result.points.answer)
        }
    } else if player
        .results
        .iter()
        .rev()
        .nth(1)
        .is_some_and(|r| r.streak > 0)
    {
        "Your streak is broken.".to_string()
    } else {
        String::new()
    };
    let last = round.is_last_question();
    let standing = session::standing(player);
    let header = format!("{}  ·  {}", session.progress(), q.category);
    // Sizes that keep the longest texts a pack allows on one 1280x720 screen.
    let prompt_size = widgets::fit(q.prompt.chars().count(), &[(100, 28.0), (180, 24.0)], 22.0);
    let all_answers: usize = q.options.iter().map(|o| o.chars().count()).sum();
    let compact = all_answers > 240;
    let longest = q.longest_option_chars();
    let answer_size = widgets::fit(longest, &[(30, 26.0), (60, 22.0)], 18.0);
    let explanation_size = widgets::fit(
        q.explanation.chars().count(),
        &[(200, 27.0), (400, 23.0)],
        20.0,
    );
    commands
        .spawn((
            widgets::round_root("Reveal screen", JustifyContent::FlexStart, 12.0),
            DespawnOnExit(Screen::Reveal),
        ))
        .with_children(|root| {
            root.spawn(widgets::top_bar(header, standing, &fonts));
            root.spawn(widgets::text(headline, &fonts.bold, 44.0, color));
            root.spawn(widgets::text(
                breakdown,
                &fonts.regular,
                22.0,
                palette::TEXT_MUTED,
            ));
            root.spawn((
                widgets::text(q.prompt.clone(), &fonts.bold, prompt_size, palette::TEXT),
                TextLayout::justify(Justify::Center),
                Node {
                    max_width: px(1120),
                    ..default()
                },
            ));
            root.spawn(Node {
                width: percent(100),
                flex_wrap: FlexWrap::Wrap,
                justify_content: JustifyContent::SpaceBetween,
                row_gap: px(10),
                ..default()
            })
            .with_children(|grid| {
                for (i, option) in q.options.iter().enumerate() {
                    // With long answers only the right one and the player's pick are shown.
                    if compact && i != q.correct && result.chosen != Some(i) {
                        continue;
                    }
                    let (background, mark) = if i == q.correct {
                        (palette::RIGHT, "  ✓ right answer")
                    } else if result.chosen == Some(i) {
                        (palette::WRONG, "  ✗ your answer")
                    } else {
                        (palette::PANEL, "")
                    };
                    let text = if i == q.correct && result.chosen == Some(i) {
                        format!("{option}  ✓ your answer")
                    } else {
                        format!("{option}{mark}")
                    };
                    grid.spawn(widgets::answer_card(
                        i,
                        &text,
                        &fonts,
                        background,
                        answer_size,
                    ))
                    .insert(Node {
                        width: percent(49.3),
                        min_height: px(64),
                        flex_direction: FlexDirection::Row,
                        align_items: AlignItems::Center,
                        column_gap: px(14),
                        padding: UiRect::axes(px(14), px(8)),
                        border_radius: BorderRadius::all(px(12)),
                        ..default()
                    });
                }
            });
            root.spawn((
                Node {
                    width: percent(100),
                    padding: UiRect::axes(px(22), px(14)),
                    border_radius: BorderRadius::all(px(12)),
                    ..default()
                },
                BackgroundColor(palette::PANEL),
                children![widgets::text(
                    q.explanation.clone(),
                    &fonts.regular,
                    explanation_size,
                    palette::TEXT
                )],
            ));
            // Keeps the continue button at the bottom whatever the length of the text.
            root.spawn(Node {
                flex_grow: 1.0,
                ..default()
            });
            // A previewed pack's error since its last save, on its own wrapping line.
            root.spawn((
                widgets::text("", &fonts.regular, 20.0, palette::WARNING),
                TextLayout::justify(Justify::Center),
                Node {
                    max_width: percent(100),
                    margin: UiRect::bottom(px(12)),
                    ..default()
                },
                PreviewError,
            ));
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(24),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::button(
                    if session.preview.is_some() {
                        "Show it again ▶"
                    } else if last {
                        "See results ▶"
                    } else {
                        "Next question ▶"
                    },
                    &fonts.bold,
                    0,
                    ContinueButton,
                ));
                row.spawn((
                    widgets::text("", &fonts.regular, 20.0, palette::TEXT_MUTED),
                    AutoText,
                ));
            });
        });
}

fn go_on(
    session: &mut Session,
    chosen: Option<&ChosenPack>,
    now: Duration,
    next: &mut NextState<Screen>,
) {
    // A previewed question is shown again, as its file is saved now.
    if let (Some(id), Some(chosen)) = (session.preview.clone(), chosen)
        && let Ok(again) = Session::preview(chosen, &id)
    {
        *session = again;
        next.set(Screen::Question);
        return;
    }
    match session.round.next(now) {
        Ok(Phase::Finished) => next.set(Screen::Results),
        Ok(_) => next.set(Screen::Question),
        Err(_) => {}
    }
}

fn continue_on_activate(
    mut activated: MessageReader<Activate>,
    buttons: Query<(), With<ContinueButton>>,
    paused: Res<Paused>,
    time: Res<Time>,
    mut session: ResMut<Session>,
    chosen: Option<Res<ChosenPack>>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        if !paused.0 && buttons.contains(*entity) {
            go_on(
                &mut session,
                chosen.as_deref(),
                session::now(&time),
                &mut next,
            );
            return;
        }
    }
}

fn auto_continue(
    time: Res<Time>,
    paused: Res<Paused>,
    mut timer: ResMut<RevealTimer>,
    mut session: ResMut<Session>,
    chosen: Option<Res<ChosenPack>>,
    preview: Option<Res<Preview>>,
    mut texts: Query<&mut Text, (With<AutoText>, Without<PreviewError>)>,
    mut errors: Query<&mut Text, (With<PreviewError>, Without<AutoText>)>,
    mut next: ResMut<NextState<Screen>>,
) {
    if paused.0 || session.round.phase() != Phase::Closed {
        return;
    }
    // A previewed question waits for the author: it does not move on by itself.
    if let Some(id) = &session.preview {
        let (hint, error) = preview::reveal_lines(preview.as_deref(), id);
        for mut text in &mut texts {
            if text.0 != hint {
                text.0.clone_from(&hint);
            }
        }
        for mut text in &mut errors {
            if text.0 != error {
                text.0.clone_from(&error);
            }
        }
        return;
    }
    timer.0.tick(time.delta());
    let left = timer.0.remaining().as_secs() + u64::from(timer.0.remaining().subsec_nanos() > 0);
    for mut text in &mut texts {
        let wanted = format!("Enter to continue · continues by itself in {left} s");
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
    if timer.0.is_finished() {
        go_on(
            &mut session,
            chosen.as_deref(),
            session::now(&time),
            &mut next,
        );
    }
}
