//! A party's seat strip under the options: a chip for each seat that says its state
//! (locked in, thinking, buzzed, answering, locked out, away, a refusal, an order or a
//! number in progress), never which option it chose; small chips and a count for a crowd.

use std::time::Duration;

use bevy::prelude::*;

use super::SeatChip;
use crate::core::game::{Buzz, Format, Game, Phase};
use crate::core::seat::SeatId;
use crate::game::clock::Now;
use crate::game::drafts::Drafts;
use crate::game::messages::RecentRefusals;
use crate::game::session::Session;
use crate::game::theme::seat_chip::{self, CROWD, ChipSize};
use crate::game::theme::{Fonts, palette, widgets};

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

/// The count of a crowd's answers ("41 of 100 locked in").
#[derive(Component)]
pub struct CrowdCount;

/// The state of a small chip is its first symbol only ("✓", "…", "★", "✗") or one word.
#[derive(Component)]
pub struct SmallChip;

/// The strip as the question opens, and a crowd's count line under it.
pub(super) fn spawn(root: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts) {
    let strip = SeatStrip::of(game, &[]);
    let crowd = strip.crowd();
    root.spawn((strip_node(crowd), strip.clone()))
        .with_children(|chips| strip_chips(chips, game, &strip, fonts));
    if crowd {
        root.spawn((
            widgets::text("", &fonts.bold, 22.0, palette::TEXT),
            CrowdCount,
        ));
    }
}

/// The strip's row; a crowd's is three rows of small chips at most (the count line says
/// the rest): 92 design pixels hold three rows of 27 and their gaps, and none of a fourth.
fn strip_node(crowd: bool) -> Node {
    if crowd {
        // A crowd means phones, and phones mean the join code in the bottom-right corner:
        // the chips stay clear of it (on both sides, to stay centred).
        Node {
            padding: UiRect::horizontal(px(150)),
            ..seat_chip::crowd_strip(92.0)
        }
    } else {
        seat_chip::strip()
    }
}

/// Most chips a crowd's strip is given: more than its three rows can show, so that a crowd
/// of hundreds does not lay out hundreds of hidden chips on every change.
const CROWD_CHIPS: usize = 36;

fn strip_chips(chips: &mut ChildSpawnerCommands, game: &Game, strip: &SeatStrip, fonts: &Fonts) {
    let most = if strip.crowd() {
        CROWD_CHIPS
    } else {
        usize::MAX
    };
    for player in strip.0.iter().filter_map(|s| game.player(*s)).take(most) {
        let (seat, name, colour) = (player.seat.id, &player.seat.name, player.seat.colour);
        if strip.crowd() {
            let state = (
                widgets::text("", &fonts.bold, 16.0, palette::TEXT_MUTED),
                SeatChip(seat),
                SmallChip,
            );
            chips.spawn(seat_chip::seat_chip(
                colour,
                name,
                ChipSize::Small,
                fonts,
                state,
            ));
        } else {
            let state = (
                widgets::text("", &fonts.regular, 20.0, palette::TEXT_MUTED),
                SeatChip(seat),
            );
            chips.spawn(seat_chip::seat_chip(
                colour,
                name,
                ChipSize::Normal,
                fonts,
                state,
            ));
        }
    }
}

/// Draws the strip again when a seat needs a chip it has not got (a removal undone, a seat
/// joined), before the chips' states are filled in.
pub(super) fn restrip(
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

/// What a seat's chip says during a question: never which option it chose.
pub fn seat_state(game: &Game, seat: SeatId, now: Duration) -> (String, Color) {
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
    match game.format_now() {
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
    Some((
        format!("… {}", dial_text(drafts.number(seat)?)),
        palette::TEXT,
    ))
}

/// A dial's digits with the selected one in brackets: "19[9]2".
pub fn dial_text(number: &crate::core::entry::NumberEntry) -> String {
    let (dial, selected) = number.dial();
    dial.chars()
        .enumerate()
        .map(|(i, c)| {
            if i == selected {
                format!("[{c}]")
            } else {
                c.to_string()
            }
        })
        .collect()
}

pub(super) fn seat_strip(
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
        let wanted = match game.format_now() {
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
