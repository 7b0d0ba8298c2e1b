//! What devices, phones and screens send the round controller, and what it sends back:
//! the game's public messages, and the order of a frame's round work. A leaf module (only
//! the core and Bevy), so that input, phones and screens depend on it and not on each
//! other.

use std::time::Duration;

use bevy::prelude::*;

use crate::core::command::{Command, Event, Refusal};
use crate::core::game::Phase;
use crate::core::night::{PhoneRoom, Roster};
use crate::core::seat::SeatId;

/// The order of a frame's round work: input becomes commands, the controller applies
/// them, then screens draw the new state.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoundSystems {
    /// A session begins, restarts or resumes (see `night`); what follows a resume
    /// (devices, the phone room, the lobby's roster) runs after it.
    Session,
    /// Devices' input becomes commands.
    Commands,
    /// Presses towards an order or a number become answers (see [`super::drafts`]).
    Drafts,
    Apply,
    View,
}

/// One input for the game.
#[derive(Message, Debug, Clone, Copy, PartialEq, Eq)]
pub struct GameCommand(pub Command);

/// Something the game did, for screens, sounds and phones.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct GameEvent(pub Event);

/// A command the game turned down (a late press, a locked-out buzz), for feedback.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct Refused {
    pub command: Command,
    pub why: Refusal,
}

/// How long a seat's chip (and its phone) says why its press changed nothing.
pub const REFUSAL_SHOWN: Duration = Duration::from_millis(1500);

/// Each seat's last refused press (a late answer, a locked-out buzz, a second answer)
/// and when: its chip on the TV and its phone say why for [`REFUSAL_SHOWN`], where its
/// player looks.
#[derive(Resource, Debug, Default)]
pub struct RecentRefusals(Vec<(SeatId, Refusal, Duration)>);

impl RecentRefusals {
    /// Why `seat`'s last press was refused, while that is still shown at `now`.
    pub fn of(&self, seat: SeatId, now: Duration) -> Option<&Refusal> {
        self.0
            .iter()
            .find(|(s, _, at)| *s == seat && now.saturating_sub(*at) < REFUSAL_SHOWN)
            .map(|(_, why, _)| why)
    }

    /// Whether any refusal is shown.
    pub fn is_empty(&self) -> bool {
        self.0.is_empty()
    }

    /// Forgets refusals no longer shown at `now` (a change only when there are some).
    pub fn expire(&mut self, now: Duration) {
        if self
            .0
            .iter()
            .any(|(_, _, at)| now.saturating_sub(*at) >= REFUSAL_SHOWN)
        {
            self.0
                .retain(|(_, _, at)| now.saturating_sub(*at) < REFUSAL_SHOWN);
        }
    }

    /// `seat`'s press was taken: any refusal it still shows goes (a stake refused, then
    /// one taken, says nothing of the first).
    pub fn forget(&mut self, seat: SeatId) {
        if self.0.iter().any(|(s, _, _)| *s == seat) {
            self.0.retain(|(s, _, _)| *s != seat);
        }
    }

    /// `seat`'s press was refused at `now` for `why` (its last refusal replaced).
    pub fn note(&mut self, seat: SeatId, why: Refusal, now: Duration) {
        self.0.retain(|(s, _, _)| *s != seat);
        self.0.push((seat, why, now));
    }
}

/// A change to the roster of a night (a latecomer, a device gone or back, a new name),
/// stamped with when it arrived.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct RosterCommand {
    pub change: Roster,
    pub at: Duration,
}

/// The next evening of a series, planned on the intermission screen: the controller
/// applies it (journalled) like any change to the night.
#[derive(Message, Debug, Clone, PartialEq)]
pub struct EveningPlanned {
    pub evening: Box<crate::core::game::Evening>,
    pub at: Duration,
}

/// The session, phase and question the screens show now.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct ShownPhase(pub Option<(u64, Phase, usize)>);

/// A night was resumed from its journal: devices, the phone room and the lobby's roster
/// take it up (each in its own plugin, after [`RoundSystems::Session`]).
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct NightResumed {
    /// The night's phone room (port, code), if it had one.
    pub room: Option<PhoneRoom>,
    /// Each phone seat's id, token and name, so that its page finds its seat again.
    pub seated: Vec<(SeatId, String, String)>,
}
