//! Orders and numbers being built, seat by seat.
//!
//! An order or a number takes several presses: picking items, typing or dialling digits.
//! Every device turns those presses into [`DraftStep`]s for its seat (keys and pads in
//! [`super::input::bindings`], the mouse through the question screen's buttons). Here each
//! seat's draft ([`OrderEntry`], [`NumberEntry`], from the core) follows its steps, and a
//! finished order or a confirmed number becomes the one [`GameCommand`] the game is sent,
//! stamped with the time of that last press. Phones build their answer on the phone and
//! send it whole. A new question starts every draft afresh.

use std::collections::BTreeMap;
use std::time::Duration;

use bevy::prelude::*;

use super::messages::{GameCommand, RoundSystems};
use super::session::Session;
use crate::core::command::{Command, SeatAction};
use crate::core::entry::{NumberEntry, OrderEntry, decimals_of};
use crate::core::game::Phase;
use crate::core::round::Asked;
use crate::core::seat::SeatId;

pub fn plugin(app: &mut App) {
    app.init_resource::<Drafts>()
        .add_message::<DraftStep>()
        .add_systems(
            Update,
            apply_steps
                .in_set(RoundSystems::Drafts)
                .run_if(resource_exists::<Session>),
        );
}

/// One press towards an order or a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    /// Put item `n` (as shown) in the next place.
    Pick(u8),
    /// Take back the last item, or delete the last character typed.
    Back,
    /// Type a digit.
    Digit(u8),
    /// Type the decimal point.
    Point,
    /// Make the number negative, or back.
    Sign,
    /// Turn the dial's selected digit up (+1) or down (-1).
    Turn(i8),
    /// Select the digit to the left (+1) or right (-1) on the dial.
    Select(i8),
    /// Lock in the number.
    Submit,
}

/// A seat's press, with the time it arrived.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct DraftStep {
    pub seat: SeatId,
    pub step: Step,
    pub at: Duration,
}

/// Every seat's draft for the open question.
#[derive(Resource, Debug, Default)]
pub struct Drafts {
    /// The session and question these drafts are for (and whether for the final's stakes).
    question: Option<(u64, usize, bool)>,
    orders: BTreeMap<SeatId, OrderEntry>,
    numbers: BTreeMap<SeatId, NumberEntry>,
}

impl Drafts {
    pub fn order(&self, seat: SeatId) -> Option<&OrderEntry> {
        self.orders.get(&seat)
    }

    pub fn number(&self, seat: SeatId) -> Option<&NumberEntry> {
        self.numbers.get(&seat)
    }

    /// Whether these drafts are for the question `session` shows.
    pub fn follow(&self, session: &Session) -> bool {
        self.question == Some(Self::key(session))
    }

    fn key(session: &Session) -> (u64, usize, bool) {
        let game = &session.game;
        (
            session.id,
            game.current_index(),
            game.phase() == Phase::Wager,
        )
    }

    /// Forgets the drafts: `session` shows another question than they were for.
    fn restart(&mut self, session: &Session) {
        self.question = Some(Self::key(session));
        self.orders.clear();
        self.numbers.clear();
    }
}

fn apply_steps(
    mut steps: MessageReader<DraftStep>,
    session: Res<Session>,
    mut drafts: ResMut<Drafts>,
    mut out: MessageWriter<GameCommand>,
) {
    // Drafts change (and screens redraw them) only when a step or a new question comes.
    if !drafts.follow(&session) {
        drafts.restart(&session);
    }
    let game = &session.game;
    let question = game.current();
    if game.phase() == Phase::Wager {
        stake_steps(&mut steps, game, &mut drafts, &mut out);
        return;
    }
    for &DraftStep { seat, step, at } in steps.read() {
        if game.phase() != Phase::Question
            || game.is_paused()
            || game.has_answered(seat)
            || !game.player(seat).is_some_and(|p| p.in_play())
        {
            continue;
        }
        let action = match &question.asked {
            Asked::Choice => None,
            Asked::Order { right, .. } => {
                let order = drafts
                    .orders
                    .entry(seat)
                    .or_insert_with(|| OrderEntry::new(right.len()));
                match step {
                    Step::Pick(item) => {
                        order.pick(usize::from(item));
                    }
                    Step::Back => {
                        order.back();
                    }
                    _ => {}
                }
                order.arrangement().map(SeatAction::Order)
            }
            Asked::Number { rule, .. } => {
                let number = drafts
                    .numbers
                    .entry(seat)
                    .or_insert_with(|| NumberEntry::new(decimals_of(rule.answer, rule.tolerance)));
                dial(number, step);
                (step == Step::Submit)
                    .then(|| number.guess())
                    .flatten()
                    .map(SeatAction::Number)
            }
        };
        if let Some(action) = action {
            out.write(GameCommand(Command::Seat { seat, action, at }));
        }
    }
}

/// One press on a number's dial or keypad.
fn dial(number: &mut NumberEntry, step: Step) {
    match step {
        Step::Digit(d) => {
            number.type_digit(d);
        }
        Step::Point => {
            number.type_point();
        }
        Step::Sign => number.toggle_sign(),
        Step::Back => {
            number.backspace();
        }
        Step::Turn(by) => number.turn(by),
        Step::Select(by) => number.select(by),
        Step::Pick(_) | Step::Submit => {}
    }
}

/// The final's stakes: each local seat dials a whole number (starting on the hundreds)
/// and confirms it; the stake is sent like an answer, and the dial stays for a change of
/// mind until the question opens.
fn stake_steps(
    steps: &mut MessageReader<DraftStep>,
    game: &crate::core::game::Game,
    drafts: &mut Drafts,
    out: &mut MessageWriter<GameCommand>,
) {
    for &DraftStep { seat, step, at } in steps.read() {
        if game.is_paused() || !game.player(seat).is_some_and(|p| p.in_play()) {
            continue;
        }
        let number = drafts.numbers.entry(seat).or_insert_with(|| {
            let mut entry = NumberEntry::new(0);
            entry.select(2);
            entry
        });
        if matches!(step, Step::Point | Step::Sign) {
            continue;
        }
        dial(number, step);
        if step == Step::Submit {
            let points = number.value().unwrap_or(0.0);
            if (0.0..=f64::from(u32::MAX)).contains(&points) {
                out.write(GameCommand(Command::Seat {
                    seat,
                    action: SeatAction::Stake(points as u32),
                    at,
                }));
            }
        }
    }
}
