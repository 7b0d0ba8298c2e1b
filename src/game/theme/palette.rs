//! Every colour the game uses.

use bevy::prelude::*;

/// The stage: a deep night blue.
pub const BACKGROUND: Color = Color::srgb(0.055, 0.063, 0.118);
/// Panels and cards on the stage.
pub const PANEL: Color = Color::srgb(0.106, 0.118, 0.200);
/// A raised panel: a focused or hovered button.
pub const PANEL_RAISED: Color = Color::srgb(0.176, 0.192, 0.300);
/// Main text.
pub const TEXT: Color = Color::srgb(0.95, 0.95, 0.97);
/// Secondary text.
pub const TEXT_MUTED: Color = Color::srgb(0.66, 0.68, 0.78);
/// The brand accent: gold.
pub const ACCENT: Color = Color::srgb(0.98, 0.75, 0.18);
/// Text on the accent.
pub const ON_ACCENT: Color = Color::srgb(0.08, 0.07, 0.05);
/// Right answers.
pub const RIGHT: Color = Color::srgb(0.20, 0.72, 0.38);
/// Wrong answers and errors.
pub const WRONG: Color = Color::srgb(0.88, 0.27, 0.27);
/// Warnings and the urgent end of the countdown.
pub const WARNING: Color = Color::srgb(0.98, 0.55, 0.15);

/// One colour per answer slot (1-6), distinct in hue and in brightness.
pub const ANSWER: [Color; 6] = [
    Color::srgb(0.80, 0.22, 0.30),
    Color::srgb(0.16, 0.45, 0.82),
    Color::srgb(0.83, 0.60, 0.05),
    Color::srgb(0.16, 0.60, 0.36),
    Color::srgb(0.52, 0.30, 0.80),
    Color::srgb(0.10, 0.60, 0.66),
];

/// One colour per seat at a party, told apart by hue and shown beside the seat's name
/// (never alone).
pub const SEAT: [Color; 8] = [
    Color::srgb(0.96, 0.42, 0.42),
    Color::srgb(0.35, 0.65, 0.98),
    Color::srgb(0.98, 0.80, 0.25),
    Color::srgb(0.40, 0.85, 0.50),
    Color::srgb(0.78, 0.52, 0.98),
    Color::srgb(0.30, 0.85, 0.85),
    Color::srgb(0.98, 0.60, 0.20),
    Color::srgb(0.95, 0.55, 0.80),
];

/// The colour of seat colour index `i`.
pub fn seat(i: u8) -> Color {
    SEAT[usize::from(i) % SEAT.len()]
}
