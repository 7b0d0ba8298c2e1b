//! The final's stakes: only the final question's category shows, and every seat stakes
//! points on it, from nothing up to its score (or up to the floor when it has none).
//!
//! - Keys and pads set the stake on the dial used for number questions (up and down turn
//!   the selected digit, left and right move along the dial, the buzz key or A stakes); it
//!   starts on the hundreds. Once staked, the chip says only "staked ✓": the amount never
//!   shows on the TV. A seat may stake again to change its mind until the question opens.
//! - Phones stake privately on the phone.
//! - The host shows the question (Enter, or the button) when the room is ready; seats that
//!   have not staked stake nothing. Undo (F5) takes back the last stake.

use bevy::prelude::*;

use crate::core::command::{Command, HostAction};
use crate::core::game::{Game, Phase};
use crate::core::seat::SeatId;
use crate::game::clock::Now;
use crate::game::drafts::Drafts;
use crate::game::menu::Activate;
use crate::game::messages::{GameCommand, RecentRefusals, RoundSystems};
use crate::game::screens::question::strip::dial_text;
use crate::game::session::Session;
use crate::game::states::Screen;
use crate::game::theme::redraw::redraw_changed;
use crate::game::theme::seat_chip::{self, CROWD, ChipSize};
use crate::game::theme::{Fonts, palette, widgets};

pub fn plugin(app: &mut App) {
    app.add_systems(OnEnter(Screen::Wager), spawn).add_systems(
        Update,
        (
            next_on_activate.in_set(RoundSystems::Commands),
            (restrip, chips, count).chain().in_set(RoundSystems::View),
        )
            .run_if(in_state(Screen::Wager).and_then(resource_exists::<Session>)),
    );
}

/// The host's button: the final's question opens.
#[derive(Component)]
pub struct ShowQuestion;

/// A seat's stake state on its chip.
#[derive(Component, Debug, Clone, Copy)]
pub struct StakeChip(pub SeatId);

/// "3 of 5 staked".
#[derive(Component)]
pub struct StakeCount;

fn spawn(mut commands: Commands, fonts: Res<Fonts>, session: Res<Session>) {
    let game = &session.game;
    let category = game.current().category.clone();
    commands
        .spawn((
            widgets::round_root("Final stakes screen", JustifyContent::FlexStart, 16.0),
            DespawnOnExit(Screen::Wager),
        ))
        .with_children(|root| {
            root.spawn(widgets::text("The final", &fonts.bold, 56.0, palette::ACCENT));
            root.spawn(widgets::text(
                "One question. Stake points on it: win them if you are right, lose them if not.",
                &fonts.regular,
                26.0,
                palette::TEXT,
            ));
            root.spawn((
                Node {
                    flex_direction: FlexDirection::Column,
                    align_items: AlignItems::Center,
                    row_gap: px(6),
                    padding: UiRect::axes(px(36), px(16)),
                    border_radius: BorderRadius::all(px(16)),
                    ..default()
                },
                BackgroundColor(palette::PANEL),
                children![
                    widgets::text("Category", &fonts.regular, 24.0, palette::TEXT_MUTED),
                    widgets::text(category, &fonts.bold, 48.0, palette::TEXT),
                ],
            ));
            root.spawn(widgets::text(
                "Keys and pads: turn the dial up and down, move along it left and right, buzz (or A) to stake. Phones: on the phone. Stakes stay secret until the reveal.",
                &fonts.regular,
                20.0,
                palette::TEXT_MUTED,
            ));
            root.spawn((seat_chip::strip(), StakeStrip::of(game)))
                .with_children(|strip| draw_chips(strip, game, &fonts));
            root.spawn((
                widgets::text(count_line(game), &fonts.bold, 26.0, palette::TEXT),
                StakeCount,
            ));
            root.spawn(Node {
                align_items: AlignItems::Center,
                column_gap: px(24),
                ..default()
            })
            .with_children(|row| {
                row.spawn(widgets::button(
                    "The question ▶",
                    &fonts.bold,
                    0,
                    ShowQuestion,
                ));
                row.spawn(widgets::hint("Enter show it", &fonts.regular));
                row.spawn(widgets::pause_button(&fonts.bold, 1));
            });
        });
}

/// The seats the strip has a chip for: those in play (a seat joining during the stakes
/// gets one, and may stake too).
#[derive(Component, Debug, Clone, PartialEq)]
pub struct StakeStrip(Vec<SeatId>);

impl StakeStrip {
    fn of(game: &Game) -> Self {
        Self(
            game.players()
                .iter()
                .filter(|p| p.in_play())
                .map(|p| p.seat.id)
                .collect(),
        )
    }
}

/// A chip for each seat in play, with its stake state.
fn draw_chips(strip: &mut ChildSpawnerCommands, game: &Game, fonts: &Fonts) {
    let seats = StakeStrip::of(game).0;
    let size = if seats.len() > CROWD {
        ChipSize::Small
    } else {
        ChipSize::Normal
    };
    for seat in seats {
        let Some(player) = game.player(seat) else {
            continue;
        };
        strip.spawn(seat_chip::seat_chip(
            player.seat.colour,
            &player.seat.name,
            size,
            fonts,
            (
                widgets::text(
                    stake_state(game, &Drafts::default(), seat).0,
                    &fonts.regular,
                    if size == ChipSize::Small { 16.0 } else { 20.0 },
                    palette::TEXT_MUTED,
                ),
                StakeChip(seat),
            ),
        ));
    }
}

/// Draws the chips again when the seats in play change (a latecomer, a seat removed).
fn restrip(
    session: Res<Session>,
    fonts: Res<Fonts>,
    mut strips: Query<(Entity, &mut StakeStrip)>,
    mut commands: Commands,
) {
    if !session.is_changed() || session.game.phase() != Phase::Wager {
        return;
    }
    let wanted = StakeStrip::of(&session.game);
    redraw_changed(&mut strips, &wanted, &mut commands, |strip| {
        draw_chips(strip, &session.game, &fonts)
    });
}

/// What a seat's chip says: staked (never how much), dialling (the dial, with the
/// selected digit in brackets), or the most it may stake.
pub fn stake_state(game: &Game, drafts: &Drafts, seat: SeatId) -> (String, Color) {
    let Some(player) = game.player(seat) else {
        return (String::new(), palette::TEXT_MUTED);
    };
    if player.away && !game.has_staked(seat) {
        return ("away".to_string(), palette::WARNING);
    }
    let staked = game.stake(seat);
    let draft = drafts.number(seat);
    // Staked, and not dialling a change: only that it has staked.
    if staked.is_some()
        && draft.is_none_or(|d| d.value().unwrap_or(0.0) == f64::from(staked.unwrap_or(0)))
    {
        return ("✓ staked".to_string(), palette::RIGHT);
    }
    if let Some(number) = draft {
        if staked.is_some() {
            return (
                format!("✓ staked · changing: {}", dial_text(number)),
                palette::TEXT,
            );
        }
        return (
            format!("… {} of {}", dial_text(number), game.max_stake(seat)),
            palette::TEXT,
        );
    }
    (
        format!("… up to {}", game.max_stake(seat)),
        palette::TEXT_MUTED,
    )
}

fn count_line(game: &Game) -> String {
    let seated = game.players().iter().filter(|p| p.in_play()).count();
    let staked = game
        .players()
        .iter()
        .filter(|p| p.in_play() && game.has_staked(p.seat.id))
        .count();
    format!("{staked} of {seated} staked")
}

fn chips(
    session: Res<Session>,
    drafts: Res<Drafts>,
    refusals: Res<RecentRefusals>,
    now: Now,
    mut chips: Query<(&StakeChip, &mut Text, &mut TextColor)>,
) {
    let game = &session.game;
    if game.phase() != Phase::Wager {
        return;
    }
    let now = now.now();
    let fresh = Drafts::default();
    // Drafts left from an earlier question are not this final's.
    let drafts = if drafts.follow(&session) {
        &*drafts
    } else {
        &fresh
    };
    for (chip, mut text, mut colour) in &mut chips {
        let (wanted, wanted_colour) = refusals
            .of(chip.0, now)
            .map(|why| (format!("✗ {}", why.words()), palette::WARNING))
            .unwrap_or_else(|| stake_state(game, drafts, chip.0));
        if text.0 != wanted {
            text.0 = wanted;
        }
        if colour.0 != wanted_colour {
            colour.0 = wanted_colour;
        }
    }
}

fn count(session: Res<Session>, mut lines: Query<&mut Text, With<StakeCount>>) {
    let wanted = count_line(&session.game);
    for mut text in &mut lines {
        if text.0 != wanted {
            text.0 = wanted.clone();
        }
    }
}

fn next_on_activate(
    mut activated: MessageReader<Activate>,
    buttons: Query<(), With<ShowQuestion>>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
) {
    for Activate(entity) in activated.read() {
        if buttons.contains(*entity) {
            out.write(GameCommand(Command::Host {
                action: HostAction::Next,
                at: now.now(),
            }));
        }
    }
}
