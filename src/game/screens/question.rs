//! The question screen: the prompt, the shuffled options labelled with their keys, a
//! countdown, and (solo) the player's score and streak or (party) a strip of seats showing
//! who has locked in — never which option — and, in buzz-in rounds, who holds the buzz.
//!
//! Solo: answer with 1-6 or A-F, a click, or the d-pad and South; the first choice locks
//! in. Party: every seat answers from its own keys or pad (see [`crate::game::seat_input`]).
//! Esc pauses (the host's key in a party).
//!
//! An order question shows its items as the cards, with the ends ("Earliest" to
//! "Latest") and, solo, the order so far; each placed card says its place. A number
//! question shows the number typed so far (solo, with an on-screen keypad for the mouse
//! and the pad) or, in a party, each seat's dial on its chip until it locks in.

use bevy::prelude::*;

use super::pause::PauseButton;
use crate::core::command::{Command, Event, PublicKind, SeatAction};
use crate::core::game::{Buzz, Format, Game, Phase};
use crate::core::pack::option_letter;
use crate::core::round::Asked;
use crate::core::seat::SeatId;
use crate::game::audio::Sfx;
use crate::game::clock::Now;
use crate::game::controller;
use crate::game::drafts::{DraftStep, Drafts, Step};
use crate::game::menu::{Activate, FixedColor, MenuButton};
use crate::game::messages::{GameCommand, GameEvent, RecentRefusals, Refused, RoundSystems};
use crate::game::persist::SavedSettings;
use crate::game::session::{self, SOLO, Session};
use crate::game::states::Screen;
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Question),
        (controller::start_if_ready, spawn).chain(),
    )
    .add_systems(
        Update,
        (
            answer_by_button.in_set(RoundSystems::Commands),
            (
                cues,
                countdown,
                (restrip, seat_strip).chain(),
                buzz_banner,
                order_progress,
                number_display,
            )
                .in_set(RoundSystems::View),
        )
            .run_if(in_state(Screen::Question).and_then(resource_exists::<Session>)),
    );
}

/// From here on the countdown turns urgent and ticks.
pub const URGENT_SECONDS: u64 = 5;

/// An answer button (solo); the number is the option's index.
#[derive(Component, Debug, Clone, Copy)]
pub struct AnswerButton(pub usize);

#[derive(Component)]
struct CountdownFill;

#[derive(Component)]
struct CountdownText;

/// A solo order's progress line ("Earliest → C, A, _, _ → Latest").
#[derive(Component)]
pub struct OrderLine;

/// The place an item card was put in (solo), shown on the card.
#[derive(Component, Debug, Clone, Copy)]
pub struct PlacedMark(pub usize);

/// The number typed so far (solo).
#[derive(Component)]
pub struct NumberDisplay;

/// A key of the on-screen keypad (solo numbers) or the Take back button (solo orders).
#[derive(Component, Debug, Clone, Copy)]
pub struct KeypadButton(pub Step);

/// A seat's chip in the party strip; its text says the seat's state.
#[derive(Component, Debug, Clone, Copy)]
pub struct SeatChip(pub SeatId);

/// The line that says where buzzing is (buzz-in).
#[derive(Component)]
pub struct BuzzBanner;

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let game = &session.game;
    let party = session.is_party();
    let q = game.public_question();
    let header = format!(
        "{}  ·  {}  ·  {}",
        session.progress(),
        q.category,
        q.difficulty.label()
    );
    let right = if party {
        game.rules().format.label().to_string()
    } else {
        session::standing(session.solo_stats())
    };
    let n = q.options.len();
    let keys = format!("1–{n} or A–{l}", l = option_letter(n.max(1) - 1));
    let hint = match (&q.kind, party) {
        (PublicKind::Choice, true) => match game.format_now() {
            Format::EveryoneAnswers => {
                "Everyone answers with their own keys or pad · Esc pause · F1 host keys".to_string()
            }
            Format::BuzzIn => "Buzz first, then answer · Esc pause · F1 host keys".to_string(),
        },
        (PublicKind::Choice, false) => format!("Press {keys}, or click"),
        (PublicKind::Order { .. }, true) => {
            "Everyone: pick the items in order with your answer keys or buttons · buzz key or shoulder takes one back".to_string()
        }
        (PublicKind::Order { .. }, false) => {
            format!("Press {keys} in order, or click · Backspace takes one back")
        }
        (PublicKind::Number { .. }, true) => {
            "Everyone: dial your number · keys: up/down left keys, next digit right keys, buzz key locks in · pads: d-pad, A locks in".to_string()
        }
        (PublicKind::Number { .. }, false) => {
            "Type the number (− for minus) · Backspace deletes · Enter locks in".to_string()
        }
    };
    let prompt_size = widgets::fit(
        q.prompt.chars().count(),
        &[(80, 42.0), (140, 34.0), (200, 29.0)],
        26.0,
    );
    let longest = q
        .options
        .iter()
        .map(|o| o.chars().count())
        .max()
        .unwrap_or(0);
    let answer_size = widgets::fit(longest, &[(30, 28.0), (60, 24.0)], 20.0);
    commands
        .spawn((
            widgets::round_root("Question screen", JustifyContent::SpaceBetween, 14.0),
            DespawnOnExit(Screen::Question),
        ))
        .with_children(|root| {
            root.spawn(widgets::top_bar(header, right, &fonts));
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
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::Center,
                align_items: AlignItems::Center,
                row_gap: px(12),
                ..default()
            })
            .with_children(|middle| {
                middle.spawn((
                    widgets::text(q.prompt.clone(), &fonts.bold, prompt_size, palette::TEXT),
                    TextLayout::justify(Justify::Center),
                    // A definite width, so the text is measured (and wrapped) at the width
                    // it is drawn at, and never shrinks under the answers.
                    Node {
                        width: percent(100),
                        max_width: px(1120),
                        flex_shrink: 0.0,
                        ..default()
                    },
                ));
                match &q.kind {
                    PublicKind::Choice => {}
                    PublicKind::Order { first, last } => {
                        let line = if party {
                            format!("Put them in order: {first} first, {last} last")
                        } else {
                            String::new()
                        };
                        middle.spawn((
                            widgets::text(line, &fonts.bold, 26.0, palette::ACCENT),
                            TextLayout::justify(Justify::Center),
                            OrderLine,
                        ));
                    }
                    PublicKind::Number { unit, .. } => {
                        if party {
                            let line = if unit.is_empty() {
                                "Guess the number: the closest wins".to_string()
                            } else {
                                format!("Guess the number ({unit}): the closest wins")
                            };
                            middle.spawn((
                                widgets::text(line, &fonts.bold, 28.0, palette::ACCENT),
                                TextLayout::justify(Justify::Center),
                            ));
                        } else {
                            number_pad(middle, &fonts);
                        }
                    }
                }
                if game.format_now() == Format::BuzzIn {
                    middle.spawn((
                        widgets::text("", &fonts.bold, 30.0, palette::ACCENT),
                        TextLayout::justify(Justify::Center),
                        BuzzBanner,
                    ));
                }
            });
            root.spawn(Node {
                width: percent(100),
                flex_wrap: FlexWrap::Wrap,
                justify_content: JustifyContent::SpaceBetween,
                row_gap: px(14),
                ..default()
            })
            .with_children(|grid| {
                for (i, option) in q.options.iter().enumerate() {
                    let card = widgets::answer_card(
                        widgets::option_badge(i, party),
                        option,
                        &fonts,
                        palette::ANSWER[i],
                        answer_size,
                    );
                    let mut card = if party {
                        // Seats answer from their own devices: the cards are not buttons.
                        grid.spawn(card)
                    } else {
                        grid.spawn((
                            Button,
                            MenuButton { order: i, group: 0 },
                            FixedColor,
                            AnswerButton(i),
                            card,
                        ))
                    };
                    if matches!(q.kind, PublicKind::Order { .. }) && !party {
                        card.with_child((
                            widgets::text("", &fonts.bold, 26.0, palette::TEXT),
                            PlacedMark(i),
                            Node {
                                margin: UiRect::left(auto()),
                                flex_shrink: 0.0,
                                ..default()
                            },
                        ));
                    }
                }
            });
            if party {
                let strip = SeatStrip::of(game, &[]);
                let crowd = strip.crowd();
                root.spawn((strip_node(crowd), strip.clone()))
                    .with_children(|chips| strip_chips(chips, game, &strip, &fonts));
                if crowd {
                    root.spawn((
                        widgets::text("", &fonts.bold, 22.0, palette::TEXT),
                        CrowdCount,
                    ));
                }
            }
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(24),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::hint(hint, &fonts.regular));
                if matches!(q.kind, PublicKind::Order { .. }) && !party {
                    row.spawn(widgets::small_button(
                        "Take back ⌫",
                        &fonts.bold,
                        n + 1,
                        KeypadButton(Step::Back),
                    ));
                }
                // After every answer, item and keypad button in the focus order.
                row.spawn(widgets::small_button(
                    "Pause · Esc",
                    &fonts.bold,
                    n + 20,
                    PauseButton,
                ));
            });
        });
}

/// The solo number: the display, then a keypad for the mouse and the pad (Lock in first,
/// so that Enter, with the focus where it starts, locks in).
fn number_pad(middle: &mut ChildSpawnerCommands, fonts: &Fonts) {
    middle.spawn((
        Node {
            min_width: px(420),
            padding: UiRect::axes(px(28), px(10)),
            justify_content: JustifyContent::Center,
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(14)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::ACCENT),
        children![(
            widgets::text("", &fonts.bold, 52.0, palette::TEXT),
            NumberDisplay,
        )],
    ));
    const KEYS: [(&str, Step); 13] = [
        ("1", Step::Digit(1)),
        ("2", Step::Digit(2)),
        ("3", Step::Digit(3)),
        ("4", Step::Digit(4)),
        ("5", Step::Digit(5)),
        ("6", Step::Digit(6)),
        ("7", Step::Digit(7)),
        ("8", Step::Digit(8)),
        ("9", Step::Digit(9)),
        ("0", Step::Digit(0)),
        ("−", Step::Sign),
        (".", Step::Point),
        ("⌫", Step::Back),
    ];
    middle
        .spawn(Node {
            flex_wrap: FlexWrap::Wrap,
            justify_content: JustifyContent::Center,
            column_gap: px(8),
            row_gap: px(8),
            max_width: px(1120),
            ..default()
        })
        .with_children(|pad| {
            pad.spawn(widgets::small_button(
                "Lock in ✓",
                &fonts.bold,
                0,
                KeypadButton(Step::Submit),
            ));
            for (i, (label, step)) in KEYS.iter().enumerate() {
                pad.spawn(widgets::small_button(
                    *label,
                    &fonts.bold,
                    i + 1,
                    KeypadButton(*step),
                ))
                .insert(Node {
                    min_width: px(56),
                    height: px(52),
                    justify_content: JustifyContent::Center,
                    align_items: AlignItems::Center,
                    border: UiRect::all(px(3)),
                    border_radius: BorderRadius::all(px(10)),
                    ..default()
                });
            }
        });
}

/// The solo order so far, and the place on each card.
fn order_progress(
    session: Res<Session>,
    drafts: Res<Drafts>,
    spawned: Query<(), Added<OrderLine>>,
    mut lines: Query<&mut Text, (With<OrderLine>, Without<PlacedMark>)>,
    mut marks: Query<(&PlacedMark, &mut Text), Without<OrderLine>>,
) {
    if session.is_party() || (!drafts.is_changed() && spawned.is_empty()) {
        return;
    }
    let q = session.game.current();
    let Asked::Order { first, last, .. } = &q.asked else {
        return;
    };
    let picked = drafts
        .order(SOLO)
        .map(|o| o.picked().to_vec())
        .unwrap_or_default();
    let slots: Vec<String> = (0..q.options.len())
        .map(|k| {
            picked
                .get(k)
                .map_or("_".to_string(), |&i| option_letter(i).to_string())
        })
        .collect();
    let wanted = format!("{first} → {} → {last}", slots.join("  "));
    for mut text in &mut lines {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
    }
    for (mark, mut text) in &mut marks {
        let wanted = picked
            .iter()
            .position(|&i| i == mark.0)
            .map_or(String::new(), |k| format!("#{}", k + 1));
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
}

/// The solo number as typed so far, with its unit.
fn number_display(
    session: Res<Session>,
    drafts: Res<Drafts>,
    spawned: Query<(), Added<NumberDisplay>>,
    mut shown: Query<(&mut Text, &mut TextColor), With<NumberDisplay>>,
) {
    if !drafts.is_changed() && spawned.is_empty() {
        return;
    }
    let Asked::Number { unit, .. } = &session.game.current().asked else {
        return;
    };
    let typed = drafts.number(SOLO).map(|n| n.text()).unwrap_or_default();
    let (wanted, colour) = if typed.is_empty() {
        ("type a number".to_string(), palette::TEXT_MUTED)
    } else if unit.is_empty() {
        (typed, palette::TEXT)
    } else {
        (format!("{typed} {unit}"), palette::TEXT)
    };
    for (mut text, mut c) in &mut shown {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
        if c.0 != colour {
            c.0 = colour;
        }
    }
}

/// The row of seat chips under the options.
pub fn seat_strip_node() -> Node {
    Node {
        width: percent(100),
        flex_wrap: FlexWrap::Wrap,
        justify_content: JustifyContent::Center,
        column_gap: px(10),
        row_gap: px(8),
        ..default()
    }
}

/// Above this many seats the strip shows small chips (a party with phones).
pub const CROWD: usize = 12;

/// The seats the party strip shows a chip for: every seat not removed when the question
/// opened, and any seat in the game since (a removal undone; a seat that joined, whose chip
/// says it plays from the next question).
#[derive(Component, Debug, Clone, PartialEq, Eq)]
pub struct SeatStrip(Vec<SeatId>);

impl SeatStrip {
    /// The seats not removed, and those of `shown` (a seat removed during the question
    /// keeps its chip, which says so), in seat order.
    fn of(game: &Game, shown: &[SeatId]) -> Self {
        Self(
            game.players()
                .iter()
                .filter(|p| !p.removed || shown.contains(&p.seat.id))
                .map(|p| p.seat.id)
                .collect(),
        )
    }

    fn crowd(&self) -> bool {
        self.0.len() > CROWD
    }
}

/// The strip's row; a crowd's is three rows of small chips at most (the count line says
/// the rest).
fn strip_node(crowd: bool) -> Node {
    let mut strip = seat_strip_node();
    if crowd {
        strip.max_height = px(112);
        strip.overflow = Overflow::clip();
        strip.column_gap = px(6);
        strip.row_gap = px(4);
    }
    strip
}

fn strip_chips(chips: &mut ChildSpawnerCommands, game: &Game, strip: &SeatStrip, fonts: &Fonts) {
    for player in strip.0.iter().filter_map(|s| game.player(*s)) {
        let (seat, name, colour) = (player.seat.id, &player.seat.name, player.seat.colour);
        if strip.crowd() {
            chips.spawn(small_seat_chip(seat, name, colour, fonts));
        } else {
            chips.spawn(seat_chip(seat, name, colour, fonts));
        }
    }
}

/// Draws the strip again when a seat needs a chip it has not got (a removal undone, a seat
/// joined), before the chips' states are filled in.
fn restrip(
    session: Res<Session>,
    fonts: Res<Fonts>,
    mut strips: Query<(Entity, &mut SeatStrip, &mut Node)>,
    mut commands: Commands,
) {
    if !session.is_changed() {
        return;
    }
    let game = &session.game;
    for (entity, mut strip, mut node) in &mut strips {
        let wanted = SeatStrip::of(game, &strip.0);
        if *strip == wanted {
            continue;
        }
        *strip = wanted;
        *node = strip_node(strip.crowd());
        commands
            .entity(entity)
            .despawn_related::<Children>()
            .with_children(|chips| strip_chips(chips, game, &strip, &fonts));
    }
}

/// The count of a crowd's answers ("41 of 100 locked in").
#[derive(Component)]
pub struct CrowdCount;

/// A small chip for a crowd: swatch, name and a one-symbol state.
pub fn small_seat_chip(seat: SeatId, name: &str, colour: u8, fonts: &Fonts) -> impl Bundle {
    (
        Node {
            align_items: AlignItems::Center,
            column_gap: px(5),
            padding: UiRect::axes(px(7), px(2)),
            border: UiRect::all(px(2)),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::seat(colour)),
        children![
            (
                Node {
                    width: px(12),
                    height: px(12),
                    border_radius: BorderRadius::all(px(6)),
                    ..default()
                },
                BackgroundColor(palette::seat(colour)),
            ),
            widgets::text(name.to_string(), &fonts.bold, 16.0, palette::TEXT),
            (
                widgets::text("", &fonts.bold, 16.0, palette::TEXT_MUTED),
                SeatChip(seat),
                SmallChip,
            ),
        ],
    )
}

/// The state of a small chip is its first symbol only ("✓", "…", "★", "✗") or one word.
#[derive(Component)]
pub struct SmallChip;

/// A seat's chip: its colour swatch and name, then a state line the screen fills in.
pub fn seat_chip(seat: SeatId, name: &str, colour: u8, fonts: &Fonts) -> impl Bundle {
    (
        widgets::chip(palette::seat(colour)),
        children![
            (
                Node {
                    width: px(18),
                    height: px(18),
                    border_radius: BorderRadius::all(px(9)),
                    ..default()
                },
                BackgroundColor(palette::seat(colour)),
            ),
            widgets::text(name.to_string(), &fonts.bold, 22.0, palette::TEXT),
            (
                widgets::text("", &fonts.regular, 20.0, palette::TEXT_MUTED),
                SeatChip(seat),
            ),
        ],
    )
}

/// What a seat's chip says during a question: never which option it chose.
pub fn seat_state(game: &Game, seat: SeatId, now: std::time::Duration) -> (String, Color) {
    let Some(player) = game.player(seat) else {
        return (String::new(), palette::TEXT_MUTED);
    };
    if player.removed {
        return ("removed".to_string(), palette::TEXT_MUTED);
    }
    if player.away {
        return ("away".to_string(), palette::WARNING);
    }
    if player.waiting {
        return ("joins next question".to_string(), palette::TEXT_MUTED);
    }
    match game.rules().format {
        Format::EveryoneAnswers => {
            if game.has_answered(seat) {
                ("✓ locked in".to_string(), palette::RIGHT)
            } else {
                ("… thinking".to_string(), palette::TEXT_MUTED)
            }
        }
        Format::BuzzIn => {
            if let Buzz::Answering { seat: holder, .. } = game.buzz()
                && *holder == seat
            {
                return ("★ answering".to_string(), palette::ACCENT);
            }
            if let Buzz::Gathering { presses, .. } = game.buzz()
                && presses.contains(&seat)
            {
                return ("buzzed!".to_string(), palette::ACCENT);
            }
            match game.lockout(seat, now) {
                Some(None) => ("✗ locked out".to_string(), palette::WRONG),
                Some(Some(left)) => (
                    format!("✗ false start {:.0} s", left.as_secs_f32().ceil()),
                    palette::WRONG,
                ),
                None => (String::new(), palette::TEXT_MUTED),
            }
        }
    }
}

/// A party seat's order or number in progress, for its chip: how many items it has
/// placed, or its dial with the selected digit in brackets ("19[9]2").
pub fn draft_state(game: &Game, drafts: &Drafts, seat: SeatId) -> Option<(String, Color)> {
    if game.phase() != Phase::Question || game.has_answered(seat) {
        return None;
    }
    if game.player(seat).is_none_or(|p| !p.in_play() || p.away) {
        return None;
    }
    if let Some(order) = drafts.order(seat) {
        return Some((
            format!("… {} of {} placed", order.picked().len(), order.items()),
            palette::TEXT_MUTED,
        ));
    }
    let (dial, selected) = drafts.number(seat)?.dial();
    let shown: String = dial
        .chars()
        .enumerate()
        .map(|(i, c)| {
            if i == selected {
                format!("[{c}]")
            } else {
                c.to_string()
            }
        })
        .collect();
    Some((format!("… {shown}"), palette::TEXT))
}

fn seat_strip(
    session: Res<Session>,
    drafts: Res<Drafts>,
    refusals: Res<RecentRefusals>,
    now: Now,
    mut chips: Query<(&SeatChip, &mut Text, &mut TextColor, Has<SmallChip>), Without<CrowdCount>>,
    mut count: Query<&mut Text, With<CrowdCount>>,
) {
    let now = now.now();
    let game = &session.game;
    for mut text in &mut count {
        let seated = game.players().iter().filter(|p| p.in_play()).count();
        let answered = game
            .players()
            .iter()
            .filter(|p| p.in_play() && game.has_answered(p.seat.id))
            .count();
        let wanted = match game.rules().format {
            Format::EveryoneAnswers => format!("{answered} of {seated} locked in"),
            Format::BuzzIn => format!("{seated} players"),
        };
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
    for (chip, mut text, mut colour, small) in &mut chips {
        let refused = refusals
            .of(chip.0, now)
            .map(|why| (format!("✗ {}", why.words()), palette::WARNING));
        let (mut wanted, wanted_colour) = refused
            .or_else(|| draft_state(game, &drafts, chip.0))
            .unwrap_or_else(|| seat_state(&session.game, chip.0, now));
        if small {
            wanted = wanted.split(' ').next().unwrap_or_default().to_string();
        }
        if text.0 != wanted {
            text.0 = wanted;
        }
        if colour.0 != wanted_colour {
            colour.0 = wanted_colour;
        }
    }
}

/// The buzz-in line: reading time, buzzing open, who buzzed, who answers.
pub fn buzz_line(game: &Game, now: std::time::Duration) -> String {
    let name = |seat: &SeatId| {
        game.player(*seat)
            .map_or("?", |p| p.seat.name.as_str())
            .to_string()
    };
    if game.is_paused() {
        return String::new();
    }
    match game.buzz() {
        Buzz::Reading { opens_at } => {
            let left = opens_at.saturating_sub(game.phase_elapsed(now));
            format!(
                "Read the question… buzzing opens in {:.0}",
                left.as_secs_f32().ceil().max(1.0)
            )
        }
        Buzz::Open => "BUZZ NOW!".to_string(),
        Buzz::Gathering { presses, .. } => {
            let names: Vec<String> = presses.iter().map(name).collect();
            format!("{} buzzed!", names.join(", "))
        }
        Buzz::Answering { seat, until, .. } => {
            let left = until.saturating_sub(game.phase_elapsed(now));
            format!(
                "{} — answer now! {:.0} s",
                name(seat),
                left.as_secs_f32().ceil()
            )
        }
    }
}

fn buzz_banner(session: Res<Session>, now: Now, mut banners: Query<&mut Text, With<BuzzBanner>>) {
    let wanted = buzz_line(&session.game, now.now());
    for mut text in &mut banners {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
    }
}

fn answer_by_button(
    mut activated: MessageReader<Activate>,
    answers: Query<&AnswerButton>,
    keypad: Query<&KeypadButton>,
    session: Res<Session>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut steps: MessageWriter<DraftStep>,
) {
    let order = matches!(session.game.current().asked, Asked::Order { .. });
    for Activate(entity) in activated.read() {
        let at = now.now();
        if let Ok(AnswerButton(option)) = answers.get(*entity) {
            if order {
                steps.write(DraftStep {
                    seat: SOLO,
                    step: Step::Pick(*option as u8),
                    at,
                });
            } else {
                out.write(GameCommand(Command::Seat {
                    seat: SOLO,
                    action: SeatAction::Answer(*option as u8),
                    at,
                }));
            }
        } else if let Ok(KeypadButton(step)) = keypad.get(*entity) {
            steps.write(DraftStep {
                seat: SOLO,
                step: *step,
                at,
            });
        }
    }
}

/// Sounds for what just happened: a lock-in, a buzz, a false start.
fn cues(
    mut events: MessageReader<GameEvent>,
    mut refused: MessageReader<Refused>,
    mut sfx: MessageWriter<Sfx>,
) {
    for GameEvent(event) in events.read() {
        match event {
            Event::LockedIn { .. } | Event::Buzzed { .. } => {
                sfx.write(Sfx::Select);
            }
            Event::FalseStart { .. } | Event::Judged { correct: false, .. } => {
                sfx.write(Sfx::Wrong);
            }
            _ => {}
        }
    }
    refused.clear();
}

fn countdown(
    now: Now,
    session: Res<Session>,
    settings: Res<SavedSettings>,
    mut last_tick: Local<Option<(u64, usize, u64)>>,
    mut fill: Query<(&mut Node, &mut BackgroundColor), With<CountdownFill>>,
    mut text: Query<(&mut Text, &mut TextColor), With<CountdownText>>,
    mut sfx: MessageWriter<Sfx>,
) {
    let game = &session.game;
    if game.phase() != Phase::Question {
        return;
    }
    let now = now.now();
    let limit = game.time_limit().as_secs_f32().max(0.001);
    let remaining = game.remaining(now);
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
        let width = percent((shown / limit * 100.0).clamp(0.0, 100.0));
        if node.width != width {
            node.width = width;
        }
        if background.0 != color {
            background.0 = color;
        }
    }
    let wanted = if game.is_paused() {
        "⏸".to_string()
    } else {
        format!("{seconds_left}")
    };
    for (mut t, mut c) in &mut text {
        if t.0 != wanted {
            t.0 = wanted.clone();
        }
        let wanted_colour = if urgent {
            palette::WRONG
        } else {
            palette::TEXT
        };
        if c.0 != wanted_colour {
            c.0 = wanted_colour;
        }
    }
    // A tick each urgent second, until the solo player has answered.
    let tick = (session.id, game.current_index(), seconds_left);
    let answered = !session.is_party() && game.has_answered(SOLO);
    if urgent && seconds_left > 0 && !game.is_paused() && *last_tick != Some(tick) && !answered {
        *last_tick = Some(tick);
        sfx.write(Sfx::Tick);
    }
}
