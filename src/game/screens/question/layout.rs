//! The question screen as it opens, from the top: the bar (progress and standing), the
//! countdown, the prompt with what its kind needs (an order's ends, a number's keypad,
//! the buzz line), the answer cards, the party's seat strip, and the hints.

use bevy::prelude::*;

use super::{
    AnswerButton, BuzzBanner, ClipLine, CountdownFill, CountdownText, KeypadButton, NumberDisplay,
    OrderLine, PlacedMark, strip,
};
use crate::core::command::{PublicKind, PublicQuestion};
use crate::core::game::Format;
use crate::core::pack::option_letter;
use crate::game::drafts::Step;
use crate::game::media::{self, MediaCache};
use crate::game::menu::{FixedColor, MenuButton};
use crate::game::session::{self, Session};
use crate::game::states::Screen;
use crate::game::theme::{Fonts, palette, widgets};

pub(super) fn spawn(
    mut commands: Commands,
    fonts: Res<Fonts>,
    session: Res<Session>,
    cache: Res<MediaCache>,
) {
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
        session.format_label()
    } else {
        session::standing(session.solo_stats())
    };
    let buzz_in = game.format_now() == Format::BuzzIn;
    commands
        .spawn((
            widgets::round_root("Question screen", JustifyContent::SpaceBetween, 14.0),
            DespawnOnExit(Screen::Question),
        ))
        .with_children(|root| {
            root.spawn(widgets::top_bar(header, right, &fonts));
            countdown_bar(root, &fonts);
            let media = &game.current().media;
            let seed =
                game.seed() ^ (game.current_index() as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15);
            let picture = media
                .image
                .as_deref()
                .map(|path| (path, media.uncover.map(|u| (u, seed))));
            let sound = media.audio.is_some();
            // Pictures load questions ahead (the first question waits for its own): one
            // not ready once the clock runs is late (the media bench counts these).
            if let Some((path, _)) = picture
                && game.phase() == crate::core::game::Phase::Question
                && cache.ready(path).is_none()
            {
                warn!("media: {path} was not ready when its question opened");
            }
            middle(root, &q, party, buzz_in, (picture.is_some(), sound), &fonts);
            match picture {
                // The picture as large as the screen allows, the answers beside it.
                Some((path, uncover)) => {
                    root.spawn(Node {
                        flex_grow: 1.0,
                        flex_basis: px(0),
                        min_height: px(0),
                        width: percent(100),
                        column_gap: px(24),
                        ..default()
                    })
                    .with_children(|row| {
                        media::picture::spawn(row, &cache, path, uncover, &fonts);
                        answer_cards(row, &q, party, true, &fonts);
                    });
                }
                None => answer_cards(root, &q, party, false, &fonts),
            }
            if party {
                strip::spawn(root, game, &fonts);
            }
            bottom_row(root, &q, hint(&q, party, game.format_now()), party, &fonts);
        });
}

/// The key hints under the answers, by the question's kind and who plays.
fn hint(q: &PublicQuestion, party: bool, format: Format) -> String {
    let n = q.options.len();
    let keys = format!("1–{n} or A–{l}", l = option_letter(n.max(1) - 1));
    match (&q.kind, party) {
        (PublicKind::Choice, true) => match format {
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
    }
}

/// The countdown: a bar that empties, and the seconds left beside it.
fn countdown_bar(root: &mut ChildSpawnerCommands, fonts: &Fonts) {
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
}

/// The prompt, centred in the space between the countdown and the answers, with what
/// its kind adds under it and, buzz-in, the buzz line.
fn middle(
    root: &mut ChildSpawnerCommands,
    q: &PublicQuestion,
    party: bool,
    buzz_in: bool,
    (picture, sound): (bool, bool),
    fonts: &Fonts,
) {
    // With a picture, the prompt gives it room.
    let sizes: &[(usize, f32)] = if picture {
        &[(80, 34.0), (140, 28.0), (200, 25.0)]
    } else {
        &[(80, 42.0), (140, 34.0), (200, 29.0)]
    };
    let prompt_size = widgets::fit(q.prompt.chars().count(), sizes, 24.0);
    root.spawn(Node {
        // Beside a picture, the prompt takes only its own room.
        flex_grow: if picture { 0.0 } else { 1.0 },
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
        if sound {
            middle.spawn((
                widgets::text("♪", &fonts.bold, 24.0, palette::ACCENT),
                TextLayout::justify(Justify::Center),
                ClipLine,
            ));
        }
        kind_line(middle, &q.kind, party, fonts);
        if buzz_in {
            middle.spawn((
                widgets::text("", &fonts.bold, 30.0, palette::ACCENT),
                TextLayout::justify(Justify::Center),
                BuzzBanner,
            ));
        }
    });
}

/// Under the prompt: an order's ends (a party) or its progress line (solo); a number's
/// rule (a party) or its keypad (solo).
fn kind_line(middle: &mut ChildSpawnerCommands, kind: &PublicKind, party: bool, fonts: &Fonts) {
    match kind {
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
                number_pad(middle, fonts);
            }
        }
    }
}

/// The options as cards, two by two: buttons solo (an order's show where each was
/// put), plain cards in a party (seats answer from their own devices).
fn answer_cards(
    root: &mut ChildSpawnerCommands,
    q: &PublicQuestion,
    party: bool,
    beside_picture: bool,
    fonts: &Fonts,
) {
    let longest = q
        .options
        .iter()
        .map(|o| o.chars().count())
        .max()
        .unwrap_or(0);
    let answer_size = if beside_picture {
        widgets::fit(longest, &[(24, 26.0), (48, 22.0)], 18.0)
    } else {
        widgets::fit(longest, &[(30, 28.0), (60, 24.0)], 20.0)
    };
    let solo_order = matches!(q.kind, PublicKind::Order { .. }) && !party;
    // Beside a picture: one column of shorter cards, on the right.
    let (container, card_size) = if beside_picture {
        (
            Node {
                width: percent(40),
                flex_shrink: 0.0,
                flex_direction: FlexDirection::Column,
                justify_content: JustifyContent::Center,
                row_gap: px(10),
                ..default()
            },
            (percent(100), 60.0),
        )
    } else {
        (
            Node {
                width: percent(100),
                flex_wrap: FlexWrap::Wrap,
                justify_content: JustifyContent::SpaceBetween,
                row_gap: px(14),
                ..default()
            },
            (percent(49.3), 88.0),
        )
    };
    root.spawn(container).with_children(|grid| {
        for (i, option) in q.options.iter().enumerate() {
            let card = widgets::answer_card_sized(
                widgets::option_badge(i, party),
                option,
                fonts,
                palette::ANSWER[i],
                answer_size,
                card_size,
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
            if solo_order {
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
}

/// The hints, then (a solo order) Take back and the Pause button, after every answer,
/// item and keypad button in the focus order.
fn bottom_row(
    root: &mut ChildSpawnerCommands,
    q: &PublicQuestion,
    hint: String,
    party: bool,
    fonts: &Fonts,
) {
    let n = q.options.len();
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
        row.spawn(widgets::pause_button(&fonts.bold, n + 20));
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
