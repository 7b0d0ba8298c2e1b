//! Results: total score, right answers and accuracy, best streak, average time, a grade,
//! and a scrollable review of every question. A top-ten score asks for a name first.

use std::time::{SystemTime, UNIX_EPOCH};

use bevy::prelude::*;

use crate::core::highscores::{HighScore, MAX_NAME};
use crate::core::scoring::grade;
use crate::game::audio::Sfx;
use crate::game::input::{TextEntry, TextKey};
use crate::game::menu::{Activate, Scrollable};
use crate::game::persist::{self, DataDir, Notices, SavedHighScores};
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::menu_screen::back_to;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.init_resource::<PlayerName>()
        .add_systems(OnEnter(Screen::Results), (check_high_score, spawn).chain())
        .add_systems(OnExit(Screen::Results), stop_typing)
        .add_systems(
            Update,
            (type_name, act, back_to(Screen::Title))
                .chain()
                .run_if(in_state(Screen::Results)),
        );
}

/// The name typed last time, offered again.
#[derive(Resource, Debug, Clone)]
pub struct PlayerName(pub String);

impl Default for PlayerName {
    fn default() -> Self {
        Self("Player".to_string())
    }
}

/// While a top-ten score waits for its name: what has been typed so far.
#[derive(Resource, Debug, Clone)]
pub struct NameEntry {
    pub typed: String,
}

#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultsAction {
    PlayAgain,
    NewRound,
    Title,
}

#[derive(Component)]
struct NameOverlay;

#[derive(Component)]
struct NameText;

#[derive(Component)]
struct PlaceText;

fn check_high_score(
    session: Res<Session>,
    scores: Res<SavedHighScores>,
    name: Res<PlayerName>,
    mut text: ResMut<TextEntry>,
    mut commands: Commands,
    mut sfx: MessageWriter<Sfx>,
) {
    sfx.write(Sfx::RoundEnd);
    if scores.0.qualifies(&session.pack_file, solo_score(&session)) {
        commands.insert_resource(NameEntry {
            typed: name.0.clone(),
        });
        text.open();
    } else {
        commands.remove_resource::<NameEntry>();
    }
}

fn stop_typing(mut text: ResMut<TextEntry>, mut commands: Commands) {
    text.close();
    commands.remove_resource::<NameEntry>();
}

fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    session: Res<Session>,
    entry: Option<Res<NameEntry>>,
) {
    let game = &session.game;
    let player = session.solo_stats();
    let total = game.questions().len();
    let (letter, verdict) = grade(player.accuracy());
    let average = player
        .average_time()
        .map_or("—".to_string(), |t| format!("{:.1} s", t.as_secs_f32()));
    let stats = [
        ("Score", player.score.to_string()),
        (
            "Right",
            format!(
                "{}/{} ({:.0}%)",
                player.correct_count(),
                total,
                player.accuracy() * 100.0
            ),
        ),
        ("Best streak", format!("×{}", player.best_streak)),
        ("Average time", average),
    ];
    commands
        .spawn((
            widgets::round_root("Results screen", JustifyContent::FlexStart, 10.0),
            DespawnOnExit(Screen::Results),
        ))
        .with_children(|root| {
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(28),
                ..default()
            })
            .with_children(|head| {
                head.spawn(widgets::text(letter, &fonts.bold, 96.0, palette::ACCENT));
                head.spawn(Node {
                    flex_direction: FlexDirection::Column,
                    ..default()
                })
                .with_children(|col| {
                    col.spawn(widgets::text(verdict, &fonts.bold, 44.0, palette::TEXT));
                    col.spawn(widgets::text(
                        format!("{} · round code {}", session.pack_title, session.code()),
                        &fonts.regular,
                        22.0,
                        palette::TEXT_MUTED,
                    ));
                    col.spawn((
                        widgets::text("", &fonts.regular, 22.0, palette::RIGHT),
                        PlaceText,
                    ));
                });
            });
            root.spawn(Node {
                column_gap: px(16),
                ..default()
            })
            .with_children(|row| {
                for (label, value) in stats {
                    row.spawn(widgets::stat(label, value, &fonts));
                }
            });
            root.spawn((
                Scrollable,
                Node {
                    width: percent(100),
                    flex_grow: 1.0,
                    flex_basis: px(0),
                    flex_direction: FlexDirection::Column,
                    overflow: Overflow::scroll_y(),
                    row_gap: px(8),
                    ..default()
                },
            ))
            .with_children(|list| {
                for (i, (q, r)) in game.questions().iter().zip(&player.results).enumerate() {
                    list.spawn(widgets::review_row(i, q, r, &fonts));
                }
            });
            root.spawn(Node {
                column_gap: px(16),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::button(
                    "Play again",
                    &fonts.bold,
                    0,
                    ResultsAction::PlayAgain,
                ));
                row.spawn(widgets::button(
                    "New round",
                    &fonts.bold,
                    1,
                    ResultsAction::NewRound,
                ));
                row.spawn(widgets::button(
                    "Title",
                    &fonts.bold,
                    2,
                    ResultsAction::Title,
                ));
            });
            root.spawn(widgets::hint(
                "PgUp/PgDn or wheel scroll the review · ←→ choose · Enter select",
                &fonts.regular,
            ));
        });
    if let Some(entry) = entry {
        spawn_name_overlay(&mut commands, &fonts, &entry.typed, solo_score(&session));
    }
}

fn spawn_name_overlay(commands: &mut Commands, fonts: &Fonts, typed: &str, score: u32) {
    commands.spawn((
        NameOverlay,
        DespawnOnExit(Screen::Results),
        widgets::overlay(),
        children![
            widgets::text("New high score!", &fonts.bold, 60.0, palette::ACCENT),
            widgets::text(
                format!("{score} points makes the top ten. Type your name:"),
                &fonts.regular,
                28.0,
                palette::TEXT
            ),
            (
                Node {
                    width: px(560),
                    padding: UiRect::axes(px(20), px(12)),
                    border: UiRect::all(px(3)),
                    border_radius: BorderRadius::all(px(10)),
                    justify_content: JustifyContent::Center,
                    ..default()
                },
                BackgroundColor(palette::PANEL),
                BorderColor::all(palette::ACCENT),
                children![(
                    widgets::text(format!("{typed}_"), &fonts.bold, 40.0, palette::TEXT),
                    NameText
                )],
            ),
            widgets::hint(
                "Enter save · Backspace delete · Esc save as it is",
                &fonts.regular
            ),
        ],
    ));
}

fn type_name(
    mut keys: MessageReader<TextKey>,
    entry: Option<ResMut<NameEntry>>,
    session: Res<Session>,
    mut scores: ResMut<SavedHighScores>,
    mut name: ResMut<PlayerName>,
    mut text: ResMut<TextEntry>,
    data: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
    overlays: Query<Entity, With<NameOverlay>>,
    mut texts: Query<&mut Text, With<NameText>>,
    mut place_texts: Query<&mut Text, (With<PlaceText>, Without<NameText>)>,
    mut commands: Commands,
) {
    let Some(mut entry) = entry else {
        keys.clear();
        return;
    };
    // Only a key touches the entry (so that it changes only then).
    let done = !keys.is_empty()
        && TextKey::edit(&mut entry.typed, keys.read(), |typed, c| {
            (typed.chars().count() < MAX_NAME).then_some(c)
        })
        .is_some();
    for mut text in &mut texts {
        let wanted = format!("{}_", entry.typed);
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
    if !done {
        return;
    }
    let player = session.solo_stats();
    let record = HighScore {
        name: entry.typed.clone(),
        score: solo_score(&session),
        correct: player.correct_count(),
        questions: session.game.questions().len(),
        best_streak: player.best_streak,
        round_code: session.code(),
        when: SystemTime::now()
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_secs()),
    };
    let place = scores.0.insert(&session.pack_file, record);
    persist::save_high_scores(data.as_deref(), &scores.0, &mut notices);
    name.0 = crate::core::highscores::clean_name(&entry.typed);
    commands.remove_resource::<NameEntry>();
    text.close();
    for overlay in &overlays {
        commands.entity(overlay).despawn();
    }
    if let Some(place) = place {
        for mut text in &mut place_texts {
            text.0 = format!("#{} on the high-score table", place + 1);
        }
    }
}

fn act(
    mut activated: MessageReader<Activate>,
    actions: Query<&ResultsAction>,
    entry: Option<Res<NameEntry>>,
    mut requests: MessageWriter<crate::game::night::SessionRequest>,
    mut next: ResMut<NextState<Screen>>,
) {
    if entry.is_some() {
        activated.clear();
        return;
    }
    for Activate(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(ResultsAction::PlayAgain) => {
                requests.write(crate::game::night::SessionRequest::Restart);
            }
            Ok(ResultsAction::NewRound) => next.set(Screen::Setup),
            Ok(ResultsAction::Title) => next.set(Screen::Title),
            Err(_) => {}
        }
    }
}

/// The solo score as the high-score table keeps it (a solo round never goes below 0).
fn solo_score(session: &Session) -> u32 {
    u32::try_from(session.solo_stats().score.max(0)).unwrap_or(u32::MAX)
}
