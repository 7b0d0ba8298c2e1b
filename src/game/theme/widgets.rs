//! Widget functions: each returns a bundle to spawn, styled from the palette.

use bevy::prelude::*;

use super::palette;
use crate::game::menu::MenuButton;

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
        BackgroundColor(palette::BACKGROUND),
    )
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

/// A menu button: focusable with the keyboard or gamepad, clickable with the mouse.
/// `order` sets its place in the focus order.
pub fn button(
    label: impl Into<String>,
    font: &Handle<Font>,
    order: usize,
    action: impl Component,
) -> impl Bundle {
    (
        Button,
        MenuButton { order },
        action,
        Node {
            width: px(380),
            min_height: px(64),
            padding: UiRect::axes(px(24), px(10)),
            justify_content: JustifyContent::Center,
            align_items: AlignItems::Center,
            border: UiRect::all(px(3)),
            border_radius: BorderRadius::all(px(14)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::PANEL),
        children![text(label, font, 30.0, palette::TEXT)],
    )
}
