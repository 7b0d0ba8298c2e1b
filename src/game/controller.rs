//! The round controller: the one place where input meets the rules.
//!
//! Every device's input arrives as a [`GameCommand`] (a core [`Command`] stamped with the
//! time it arrived on the [`GameClock`]). Once a frame, in [`RoundSystems::Apply`], the
//! controller applies the frame's commands to the core [`Game`] in the order they arrived,
//! advances the game's timers to now, and sends the game's [`Event`]s on as
//! [`GameEvent`]s. It then shows the screen of the game's phase and sets the redraw rate
//! the phase needs. Screens only draw the game's state and react to events: the phase,
//! pause, the countdowns and the reveal's timer each live in one place, the core.

use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant, SystemTime};

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;

use super::display::RedrawRate;
use super::night::NightJournal;
use super::persist::SavedSettings;
use super::screens::Screen;
use super::session::Session;
use crate::core::command::{Command, Event, Refusal};
use crate::core::game::Phase;
use crate::core::night::{Op, Roster};
use crate::core::seat::SeatId;

pub fn plugin(app: &mut App) {
    app.init_resource::<GameClock>()
        .init_resource::<Shown>()
        .init_resource::<RecentRefusals>()
        .add_message::<GameCommand>()
        .add_message::<RosterCommand>()
        .add_message::<GameEvent>()
        .add_message::<Refused>()
        .configure_sets(
            Update,
            (
                RoundSystems::Commands,
                RoundSystems::Drafts,
                RoundSystems::Apply,
                RoundSystems::View,
            )
                .chain(),
        )
        .add_systems(
            Update,
            (apply_commands, follow_phase)
                .chain()
                .in_set(RoundSystems::Apply)
                .run_if(resource_exists::<Session>.and_then(in_game_screen)),
        )
        .add_systems(
            Last,
            redraw_rate.run_if(resource_exists::<Session>.and_then(in_game_screen)),
        );
    for screen in GAME_SCREENS {
        app.add_systems(OnExit(screen), stay_idle);
    }
}

/// The order of a frame's round work: input becomes commands, the controller applies
/// them, then screens draw the new state.
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RoundSystems {
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
}

/// The screens that show a game in progress.
pub const GAME_SCREENS: [Screen; 5] = [
    Screen::Question,
    Screen::Reveal,
    Screen::Scoreboard,
    Screen::Results,
    Screen::Podium,
];

fn in_game_screen(state: Res<State<Screen>>) -> bool {
    GAME_SCREENS.contains(state.get())
}

/// The clock every input is stamped with and the game runs on.
///
/// In the game it is the wall clock since start-up, read when an input is taken from the
/// event loop (Bevy hands over device events without timestamps, so this is the earliest
/// moment the game sees them; presses in one batch keep their order). Headless tests use
/// the frame clock ([`Time<Real>`], which they step by hand) so that every run is the same.
/// A resumed night goes on from its journal's last time: `offset` is added to either.
#[derive(Resource, Debug, Clone, Copy, Default)]
pub struct GameClock {
    source: ClockSource,
    offset: Duration,
}

#[derive(Debug, Clone, Copy, Default)]
enum ClockSource {
    Wall(Instant),
    #[default]
    Frame,
}

impl GameClock {
    /// The wall clock from `origin` on.
    pub fn wall(origin: Instant) -> Self {
        Self {
            source: ClockSource::Wall(origin),
            offset: Duration::ZERO,
        }
    }
}

/// Reads the [`GameClock`].
#[derive(SystemParam)]
pub struct Now<'w> {
    clock: Res<'w, GameClock>,
    real: Res<'w, Time<Real>>,
}

impl Now<'_> {
    pub fn now(&self) -> Duration {
        self.base() + self.clock.offset
    }

    fn base(&self) -> Duration {
        match self.clock.source {
            ClockSource::Wall(origin) => origin.elapsed(),
            ClockSource::Frame => self.real.elapsed(),
        }
    }

    /// The clock set so that it reads `at` now, and runs on from there (a resumed night).
    pub fn set_to(&self, at: Duration) -> GameClock {
        GameClock {
            offset: at.saturating_sub(self.base()),
            ..*self.clock
        }
    }

    /// The game time of a moment on the monotonic clock (when the phone server read a
    /// message), never later than now. Headless tests' frame clock: `now`.
    pub fn at_instant(&self, at: Instant) -> Duration {
        match self.clock.source {
            ClockSource::Wall(origin) => {
                (at.saturating_duration_since(origin) + self.clock.offset).min(self.now())
            }
            ClockSource::Frame => self.now(),
        }
    }

    /// The game time of a moment on the system clock (a device's own timestamp), never
    /// later than now. The frame clock of headless tests has no wall time: `now` there.
    pub fn at_system(&self, at: SystemTime) -> Duration {
        let now = self.now();
        match self.clock.source {
            ClockSource::Wall(_) => {
                let age = SystemTime::now().duration_since(at).unwrap_or_default();
                now.saturating_sub(age)
            }
            ClockSource::Frame => now,
        }
    }
}

/// A session's id, so that a new game of the same shape still opens its screens afresh.
static SESSIONS: AtomicU64 = AtomicU64::new(0);

/// A fresh session id.
pub fn next_session_id() -> u64 {
    SESSIONS.fetch_add(1, Ordering::Relaxed) + 1
}

/// The session, phase and question the screens show now.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Shown(pub Option<(u64, Phase, usize)>);

/// Starts a game that has not started: its first question opens now. Run on entering the
/// question screen, before it is drawn.
pub fn start_if_ready(
    session: Option<ResMut<Session>>,
    mut journal: ResMut<NightJournal>,
    now: Now,
    mut shown: ResMut<Shown>,
) {
    let Some(mut session) = session else { return };
    if session.game.phase() == Phase::Ready {
        let _ = journal.commit(&mut session, Op::Start, now.now());
        shown.0 = Some((session.id, Phase::Question, 0));
    }
}

/// A change to the roster of a night (a latecomer, a device gone or back, a new name),
/// stamped with when it arrived.
#[derive(Message, Debug, Clone, PartialEq, Eq)]
pub struct RosterCommand {
    pub change: Roster,
    pub at: Duration,
}

fn apply_commands(
    mut session: ResMut<Session>,
    mut journal: ResMut<NightJournal>,
    now: Now,
    mut commands: MessageReader<GameCommand>,
    mut roster: MessageReader<RosterCommand>,
    mut events: MessageWriter<GameEvent>,
    mut refused: MessageWriter<Refused>,
    mut refusals: ResMut<RecentRefusals>,
) {
    let now = now.now();
    if refusals
        .0
        .iter()
        .any(|(_, _, at)| now.saturating_sub(*at) >= REFUSAL_SHOWN)
    {
        refusals
            .0
            .retain(|(_, _, at)| now.saturating_sub(*at) < REFUSAL_SHOWN);
    }
    // In the order the inputs arrived (stable: one frame's presses keep their order).
    let mut batch: Vec<(Duration, Op)> = roster
        .read()
        .map(|r| (r.at, Op::Roster(r.change.clone())))
        .chain(commands.read().map(|c| (c.0.at(), Op::Play(c.0))))
        .collect();
    batch.sort_by_key(|(at, _)| *at);
    let roster_changed = batch.iter().any(|(_, op)| matches!(op, Op::Roster(_)));
    let happened = {
        let session = session.bypass_change_detection();
        if session.game.phase() == Phase::Ready {
            let _ = journal.commit(session, Op::Start, now);
        }
        for (at, op) in batch {
            let command = match &op {
                Op::Play(command) => Some(*command),
                _ => None,
            };
            if let (Err(why), Some(command)) = (journal.commit(session, op, at), command) {
                if let Command::Seat { seat, .. } = command
                    && session.is_party()
                {
                    refusals.0.retain(|(s, _, _)| *s != seat);
                    refusals.0.push((seat, why.clone(), now));
                }
                refused.write(Refused { command, why });
            }
        }
        // Timers due by now fire; the journal notes it, and that the clock ran on.
        let fired = session.game.advance(now);
        if fired || journal.heartbeat_due(session, now) {
            let _ = journal.commit(session, Op::Tick, now);
        }
        let happened = session.game.take_events();
        if happened.contains(&Event::Resumed) {
            session.resumed = false;
        }
        happened
    };
    // Screens redraw on a change (a roster change has no event of its own).
    if !happened.is_empty() || roster_changed {
        session.set_changed();
        events.write_batch(happened.into_iter().map(GameEvent));
    }
}

/// The screen that shows `session`'s game in its phase (none before it starts).
pub fn screen_of(session: &Session) -> Option<Screen> {
    Some(match session.game.phase() {
        Phase::Ready => return None,
        Phase::Question => Screen::Question,
        Phase::Reveal => Screen::Reveal,
        Phase::Scoreboard => Screen::Scoreboard,
        Phase::Finished if session.is_party() => Screen::Podium,
        Phase::Finished => Screen::Results,
    })
}

/// Shows the screen of the game's phase (again when the question changes).
fn follow_phase(
    session: Res<Session>,
    mut shown: ResMut<Shown>,
    mut next: ResMut<NextState<Screen>>,
) {
    let game = &session.game;
    let now = (session.id, game.phase(), game.current_index());
    if shown.0 == Some(now) {
        return;
    }
    let Some(screen) = screen_of(&session) else {
        return;
    };
    shown.0 = Some(now);
    next.set(screen);
}

/// Redraw interval while the countdown runs: 10 fps moves the bar by half a percent of
/// its length a frame on a 20-second question, smooth to the eye; faster only costs CPU
/// (a software renderer spends about 90 ms of CPU a frame at 1280x720).
pub const COUNTDOWN_FRAME: Duration = Duration::from_millis(100);
/// With reduced motion the bar moves in whole seconds: a few redraws a second suffice.
pub const COUNTDOWN_FRAME_REDUCED: Duration = Duration::from_millis(250);
/// On a reveal that moves on by itself, only its "continues in N s" line moves.
pub const REVEAL_FRAME: Duration = Duration::from_millis(500);
/// The scoreboard animates its rank changes for this long after it opens.
pub const SCOREBOARD_ANIMATION: Duration = Duration::from_millis(1500);

/// The redraw rate the game's phase needs: the countdown while a question runs, the
/// reveal's timer line, the scoreboard's short animation; nothing while paused or idle.
fn redraw_rate(
    session: Res<Session>,
    settings: Res<SavedSettings>,
    now: Now,
    mut rate: ResMut<RedrawRate>,
) {
    let game = &session.game;
    let reduced = settings.0.reduced_motion;
    let wanted = if game.is_paused() {
        None
    } else {
        match game.phase() {
            Phase::Question if reduced => Some(COUNTDOWN_FRAME_REDUCED),
            Phase::Question => Some(COUNTDOWN_FRAME),
            Phase::Reveal if game.rules().reveal_for.is_some() => Some(REVEAL_FRAME),
            Phase::Scoreboard
                if !reduced && game.phase_elapsed(now.now()) < SCOREBOARD_ANIMATION =>
            {
                Some(COUNTDOWN_FRAME)
            }
            _ => None,
        }
    };
    if rate.0 != wanted {
        rate.0 = wanted;
    }
}

/// Back to redrawing only on input: an idle screen costs next to nothing.
pub fn stay_idle(mut rate: ResMut<RedrawRate>) {
    rate.0 = None;
}
