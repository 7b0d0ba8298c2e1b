//! Widget functions: each returns a bundle to spawn, styled from the palette.
//! Sizes are in design pixels (1280x720); the UI scale fits them to the window.

use bevy::ecs::spawn::SpawnIter;
use bevy::prelude::*;

use super::palette;
use crate::core::game::QuestionResult;
use crate::core::highscores::HighScore;
use crate::core::round::RoundQuestion;
use crate::game::menu::{Adjustable, MenuButton};
use crate::game::theme::Fonts;

/// A full-window screen root with the stage background, laid out as a centred column.
pub fn screen_root(name: &'static str) -> impl Bundle {
    (
        Name::new(name),
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(16),
            padding: UiRect::all(px(32)),
            ..default()
        },
    )
}

/// The root of a round screen (question, reveal, scoreboard, results, podium, lobby): the
/// host's legend (F1) takes its place at the top of it, above the screen's content.
#[derive(Component, Debug, Clone, Copy)]
pub struct RoundRoot;

/// A round screen (question, reveal, results): a full-window column from the top, with the
/// given vertical distribution and gap between its parts.
pub fn round_root(name: &'static str, justify: JustifyContent, gap: f32) -> impl Bundle {
    (
        Name::new(name),
        RoundRoot,
        Node {
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: justify,
            padding: UiRect::axes(px(40), px(22)),
            row_gap: px(gap),
            ..default()
        },
    )
}

/// A column of setting rows (setup, settings): each row is focusable and adjustable, with
/// an empty text tagged `tag(row)` that the screen fills with the row's current value.
pub fn setting_list<R, T>(rows: Vec<R>, fonts: &Fonts, tag: fn(R) -> T) -> impl Bundle
where
    R: Component + Copy,
    T: Component,
{
    let font = fonts.bold.clone();
    (
        Node {
            flex_direction: FlexDirection::Column,
            row_gap: px(8),
            ..default()
        },
        Children::spawn(SpawnIter(rows.into_iter().enumerate().map(
            move |(order, row)| {
                (
                    setting_row(order, row),
                    children![(
                        Text::new(""),
                        TextFont {
                            font: font.clone().into(),
                            font_size: FontSize::Px(26.0),
                            ..default()
                        },
                        TextColor(palette::TEXT),
                        tag(row),
                    )],
                )
            },
        ))),
    )
}

/// A layer over the whole screen (pause menu, quit dialog, name entry), opaque so nothing shows through,
/// laid out like a screen.
pub fn overlay() -> impl Bundle {
    (
        GlobalZIndex(10),
        Node {
            position_type: PositionType::Absolute,
            width: percent(100),
            height: percent(100),
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            justify_content: JustifyContent::Center,
            row_gap: px(16),
            ..default()
        },
        BackgroundColor(palette::BACKGROUND),
    )
}

/// A full-width row of a compact list (lobby settings, the host's scores panel) that the
/// menu focus outlines; `min_height` and `padding` in design pixels.
pub fn list_row(min_height: f32, padding: UiRect) -> (Node, BackgroundColor, BorderColor) {
    (
        Node {
            width: percent(100),
            min_height: px(min_height),
            padding,
            align_items: AlignItems::Center,
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(10)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::PANEL),
    )
}

/// The shape of each option in a party (with its letter and colour, so that colour is
/// never the only signal), matching a PlayStation pad's symbols where they can: B ○ East,
/// C □ West, D △ North.
pub const OPTION_SHAPES: [&str; 4] = ["◆", "●", "■", "▲"];

/// The badge of option `index`: `1 A` solo (digit and letter keys), `◆ A` in a party.
pub fn option_badge(index: usize, party: bool) -> String {
    let letter = crate::core::pack::option_letter(index);
    match OPTION_SHAPES.get(index) {
        Some(shape) if party => format!("{shape} {letter}"),
        _ => format!("{} {letter}", index + 1),
    }
}

/// A font size that lets `len` characters fit: `steps` are (up to this many characters,
/// this size) from short to long; longer texts get `smallest`. Long prompts, answers and
/// explanations shrink so that the worst case a pack allows still fits at 1280x720.
pub fn fit(len: usize, steps: &[(usize, f32)], smallest: f32) -> f32 {
    steps
        .iter()
        .find(|(max, _)| len <= *max)
        .map_or(smallest, |(_, size)| *size)
}

/// Text in the given font, size (design pixels) and colour.
pub fn text(
    content: impl Into<String>,
    font: &Handle<Font>,
    size: f32,
    color: Color,
) -> impl Bundle {
    (
        Text::new(content),
        TextFont {
            font: font.clone().into(),
            font_size: FontSize::Px(size),
            ..default()
        },
        TextColor(color),
    )
}

/// The small line of key hints at the bottom of a screen.
pub fn hint(content: impl Into<String>, font: &Handle<Font>) -> impl Bundle {
    text(content, font, 20.0, palette::TEXT_MUTED)
}

/// A focusable, clickable button: a higher `group` makes it modal (it alone takes focus
/// while shown); `node` sets its size; the label is `size` design pixels.
pub(super) fn labelled_button(
    label: impl Into<String>,
    font: &Handle<Font>,
    menu: MenuButton,
    node: Node,
    size: f32,
    action: impl Component,
) -> impl Bundle {
    (
        Button,
        menu,
        action,
        node,
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::PANEL),
        children![text(label, font, size, palette::TEXT)],
    )
}

pub(super) fn button_node(width: f32) -> Node {
    Node {
        width: px(width),
        min_height: px(60),
        padding: UiRect::axes(px(24), px(10)),
        justify_content: JustifyContent::Center,
        align_items: AlignItems::Center,
        border: UiRect::all(px(3)),
        border_radius: BorderRadius::all(px(14)),
        ..default()
    }
}

/// A menu button: focusable with the keyboard or gamepad, clickable with the mouse.
/// `order` sets its place in the focus order.
pub fn button(
    label: impl Into<String>,
    font: &Handle<Font>,
    order: usize,
    action: impl Component,
) -> impl Bundle {
    let menu = MenuButton { order, group: 0 };
    labelled_button(label, font, menu, button_node(340.0), 28.0, action)
}

/// A menu button wide enough for a longer label on one line ("Continue the series ‹ 1
/// of 2 ›").
pub fn wide_button(
    label: impl Into<String>,
    font: &Handle<Font>,
    order: usize,
    action: impl Component,
) -> impl Bundle {
    let menu = MenuButton { order, group: 0 };
    labelled_button(label, font, menu, button_node(520.0), 28.0, action)
}

/// A small button for a secondary action (Pause), in the normal focus order.
pub fn small_button(
    label: impl Into<String>,
    font: &Handle<Font>,
    order: usize,
    action: impl Component,
) -> impl Bundle {
    let node = Node {
        padding: UiRect::axes(px(18), px(4)),
        border: UiRect::all(px(2)),
        border_radius: BorderRadius::all(px(10)),
        ..default()
    };
    labelled_button(
        label,
        font,
        MenuButton { order, group: 0 },
        node,
        20.0,
        action,
    )
}

/// The on-screen Pause button of a round screen (question, reveal, scoreboard), for
/// playing with the mouse alone.
#[derive(Component, Debug, Clone, Copy)]
pub struct PauseButton;

/// The small "Pause · Esc" button, at `order` in the focus order.
pub fn pause_button(font: &Handle<Font>, order: usize) -> impl Bundle {
    small_button("Pause · Esc", font, order, PauseButton)
}

/// A wide row for a setting, changed with Left/Right: the caller adds its text as a child.
pub fn setting_row(order: usize, row: impl Component) -> impl Bundle {
    (
        Button,
        MenuButton { order, group: 0 },
        Adjustable,
        row,
        Node {
            width: px(820),
            min_height: px(54),
            padding: UiRect::axes(px(24), px(8)),
            align_items: AlignItems::Center,
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::PANEL),
    )
}

/// The bar at the top of a round: progress on the left, score and streak on the right.
pub fn top_bar(left: String, right: String, fonts: &Fonts) -> impl Bundle {
    (
        Node {
            width: percent(100),
            justify_content: JustifyContent::SpaceBetween,
            ..default()
        },
        children![
            text(left, &fonts.regular, 24.0, palette::TEXT_MUTED),
            text(right, &fonts.bold, 26.0, palette::ACCENT),
        ],
    )
}

/// An answer: its key label in a badge, then its text, on the given colour.
pub fn answer_card(
    badge: String,
    option: &str,
    fonts: &Fonts,
    color: Color,
    size: f32,
) -> impl Bundle {
    answer_card_sized(badge, option, fonts, color, size, (percent(49.3), 88.0))
}

/// [`answer_card`] of a given width and least height (a picture question's column of
/// cards beside its picture).
pub fn answer_card_sized(
    badge: String,
    option: &str,
    fonts: &Fonts,
    color: Color,
    size: f32,
    (width, min_height): (Val, f32),
) -> impl Bundle {
    (
        Node {
            width,
            min_height: px(min_height),
            flex_direction: FlexDirection::Row,
            align_items: AlignItems::Center,
            column_gap: px(16),
            padding: UiRect::axes(px(14), px(10)),
            border: UiRect::all(px(4)),
            border_radius: BorderRadius::all(px(14)),
            ..default()
        },
        BackgroundColor(color),
        BorderColor::all(Color::NONE),
        children![
            (
                Node {
                    min_width: px(76),
                    height: px(52),
                    justify_content: JustifyContent::Center,
                    align_items: AlignItems::Center,
                    border_radius: BorderRadius::all(px(10)),
                    ..default()
                },
                BackgroundColor(Color::srgba(0.0, 0.0, 0.0, 0.35)),
                children![text(badge, &fonts.bold, 24.0, palette::TEXT)],
            ),
            (
                text(option.to_string(), &fonts.bold, size, palette::TEXT),
                Node {
                    flex_shrink: 1.0,
                    ..default()
                },
            ),
        ],
    )
}

/// One figure on the results screen: a big value over its label.
pub fn stat(label: &str, value: String, fonts: &Fonts) -> impl Bundle {
    (
        Node {
            flex_direction: FlexDirection::Column,
            align_items: AlignItems::Center,
            min_width: px(220),
            padding: UiRect::axes(px(16), px(8)),
            border_radius: BorderRadius::all(px(12)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        children![
            text(value, &fonts.bold, 34.0, palette::TEXT),
            text(label.to_string(), &fonts.regular, 18.0, palette::TEXT_MUTED),
        ],
    )
}

/// One question in the results review: what you said, what was right, and why.
pub fn review_row(
    index: usize,
    q: &RoundQuestion,
    r: &QuestionResult,
    fonts: &Fonts,
) -> impl Bundle {
    let (mark, color) = if r.correct {
        (format!("✓ +{}", r.points.total()), palette::RIGHT)
    } else if r.chosen.is_some() {
        ("✗ 0".to_string(), palette::WRONG)
    } else {
        ("✗ time up".to_string(), palette::WARNING)
    };
    let yours = match r.chosen {
        Some(i) => format!("Your answer: {}", q.options[i]),
        None => "No answer in time".to_string(),
    };
    let answer_line = if r.correct {
        yours
    } else {
        format!("{yours}   ·   Right answer: {}", q.correct_text())
    };
    (
        Node {
            flex_direction: FlexDirection::Column,
            padding: UiRect::axes(px(18), px(10)),
            border: UiRect::left(px(6)),
            border_radius: BorderRadius::all(px(8)),
            row_gap: px(2),
            flex_shrink: 0.0,
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(color),
        children![
            (
                Node {
                    justify_content: JustifyContent::SpaceBetween,
                    column_gap: px(16),
                    ..default()
                },
                children![
                    (
                        text(
                            format!("{}. {}", index + 1, q.prompt),
                            &fonts.bold,
                            22.0,
                            palette::TEXT
                        ),
                        Node {
                            flex_shrink: 1.0,
                            ..default()
                        },
                    ),
                    (
                        text(mark, &fonts.bold, 22.0, color),
                        TextLayout::no_wrap(),
                        Node {
                            flex_shrink: 0.0,
                            ..default()
                        },
                    ),
                ],
            ),
            text(answer_line, &fonts.regular, 20.0, color),
            text(
                q.explanation.clone(),
                &fonts.regular,
                19.0,
                palette::TEXT_MUTED
            ),
        ],
    )
}

/// One line of a high-score table.
pub fn score_row(place: usize, entry: &HighScore, fonts: &Fonts) -> impl Bundle {
    let color = if place == 0 {
        palette::ACCENT
    } else {
        palette::TEXT
    };
    (
        Node {
            padding: UiRect::axes(px(18), px(6)),
            column_gap: px(20),
            border_radius: BorderRadius::all(px(8)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        children![
            (
                text(format!("#{}", place + 1), &fonts.bold, 24.0, color),
                Node {
                    width: px(60),
                    ..default()
                }
            ),
            (
                text(entry.name.clone(), &fonts.bold, 24.0, color),
                Node {
                    width: px(260),
                    ..default()
                }
            ),
            (
                text(entry.score.to_string(), &fonts.bold, 24.0, color),
                Node {
                    width: px(130),
                    ..default()
                }
            ),
            (
                text(
                    format!(
                        "{}/{} right · streak ×{}",
                        entry.correct, entry.questions, entry.best_streak
                    ),
                    &fonts.regular,
                    20.0,
                    palette::TEXT_MUTED
                ),
                Node {
                    width: px(290),
                    ..default()
                }
            ),
            (
                text(
                    format!("code {}", entry.round_code),
                    &fonts.regular,
                    20.0,
                    palette::TEXT_MUTED
                ),
                TextLayout::no_wrap(),
            ),
        ],
    )
}
