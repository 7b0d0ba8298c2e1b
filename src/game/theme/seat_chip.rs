//! A seat's chip, wherever seats are listed (the question's strip, the reveal's points,
//! the console's players, the lobby's cards): a panel bordered in the seat's colour, with
//! its colour swatch and name, in two sizes; and the strip that holds a row of them.

use bevy::prelude::*;

use super::{Fonts, palette, widgets};

/// Above this many seats a strip shows small chips (a party with phones).
pub const CROWD: usize = 12;

/// The size of a chip: normal, or small for a crowd.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ChipSize {
    Normal,
    Small,
}

/// The frame of a seat's chip: a panel bordered in its colour `colour` (a seat colour's
/// number); the caller adds the contents.
pub fn frame(colour: u8, size: ChipSize) -> (Node, BackgroundColor, BorderColor) {
    let (gap, padding, border, radius) = match size {
        ChipSize::Normal => (8, UiRect::axes(px(12), px(6)), 3, 10),
        ChipSize::Small => (5, UiRect::axes(px(7), px(2)), 2, 8),
    };
    (
        Node {
            align_items: AlignItems::Center,
            column_gap: px(gap),
            padding,
            border: UiRect::all(px(border)),
            border_radius: BorderRadius::all(px(radius)),
            ..default()
        },
        BackgroundColor(palette::PANEL),
        BorderColor::all(palette::seat(colour)),
    )
}

/// A seat's colour as a round swatch, `size` design pixels across.
pub fn swatch(colour: u8, size: f32) -> impl Bundle {
    (
        Node {
            width: px(size),
            height: px(size),
            flex_shrink: 0.0,
            border_radius: BorderRadius::all(px(size / 2.0)),
            ..default()
        },
        BackgroundColor(palette::seat(colour)),
    )
}

/// A seat's chip: its swatch and name, then `state` (a text the screen fills in).
pub fn seat_chip(
    colour: u8,
    name: &str,
    size: ChipSize,
    fonts: &Fonts,
    state: impl Bundle,
) -> impl Bundle {
    let (swatch_size, name_size) = match size {
        ChipSize::Normal => (18.0, 22.0),
        ChipSize::Small => (12.0, 16.0),
    };
    (
        frame(colour, size),
        children![
            swatch(colour, swatch_size),
            widgets::text(name.to_string(), &fonts.bold, name_size, palette::TEXT),
            state,
        ],
    )
}

/// The row of seat chips under a question's or a reveal's options, wrapping.
pub fn strip() -> Node {
    Node {
        width: percent(100),
        flex_wrap: FlexWrap::Wrap,
        justify_content: JustifyContent::Center,
        column_gap: px(10),
        row_gap: px(8),
        ..default()
    }
}

/// A crowd's strip: small chips packed closer, in at most `max_height` design pixels
/// (what does not fit is cut off; a count line says the rest).
pub fn crowd_strip(max_height: f32) -> Node {
    Node {
        max_height: px(max_height),
        overflow: Overflow::clip(),
        column_gap: px(6),
        row_gap: px(4),
        ..strip()
    }
}
