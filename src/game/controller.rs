//! The round controller: the one place where input meets the rules.
//!
//! Every device's input arrives as a [`GameCommand`] (a core [`Command`] stamped with the
//! time it arrived on the [`GameClock`]). Once a frame, in [`RoundSystems::Apply`], the
//! controller applies the frame's commands to the core [`Game`] in the order they arrived,
//! advances the game's timers to now, and sends the game's [`Event`]s on as
//! [`GameEvent`]s. It then shows the screen of the game's phase and sets the redraw rate
//! the phase needs. Screens only draw the game's state and react to events: the phase,
//! pause, the countdowns and the reveal's timer each live in one place, the core.

use std::time::Duration;

use bevy::prelude::*;

use super::clock::{GameClock, Now};
use super::messages::{
    EveningPlanned, GameCommand, GameEvent, NightResumed, RecentRefusals, Refused, RosterCommand,
    RoundSystems, ShownPhase,
};

use super::display::RedrawRate;
use super::night::NightJournal;
use super::persist::SavedSettings;
use super::session::{Session, screen_of};
use super::states::{GAME_SCREENS, Screen, in_game_screen};
use crate::core::command::{Command, Event};
use crate::core::game::Phase;
use crate::core::night::Op;

pub fn plugin(app: &mut App) {
    app.init_resource::<GameClock>()
        .init_resource::<ShownPhase>()
        .init_resource::<RecentRefusals>()
        .add_message::<GameCommand>()
        .add_message::<RosterCommand>()
        .add_message::<EveningPlanned>()
        .add_message::<GameEvent>()
        .add_message::<Refused>()
        .add_message::<NightResumed>()
        .configure_sets(
            Update,
            (
                RoundSystems::Session,
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

/// Starts a game that has not started: its first question opens now. Run on entering the
/// question screen, before it is drawn, and then each frame until it has started: a first
/// question with a picture or a clip waits for them to load (at most
/// [`MEDIA_WAIT`]), so its clock starts with its picture on screen.
pub fn start_if_ready(
    session: Option<ResMut<Session>>,
    mut journal: ResMut<NightJournal>,
    now: Now,
    mut shown: ResMut<ShownPhase>,
    cache: Res<super::media::MediaCache>,
    mut waiting: Local<Option<(u64, std::time::Instant)>>,
) {
    let Some(mut session) = session else { return };
    if session.game.phase() != Phase::Ready {
        return;
    }
    let since = match *waiting {
        Some((id, since)) if id == session.id => since,
        _ => waiting.insert((session.id, std::time::Instant::now())).1,
    }
    .elapsed();
    let first = session.game.questions().first();
    if first.is_some_and(|q| !cache.settled(q)) && since < MEDIA_WAIT {
        return;
    }
    let _ = journal.commit(&mut session, Op::Start, now.now());
    shown.0 = Some((session.id, Phase::Question, 0));
}

/// The longest a first question waits for its picture or clip to load.
pub const MEDIA_WAIT: Duration = Duration::from_secs(5);

fn apply_commands(
    mut session: ResMut<Session>,
    mut journal: ResMut<NightJournal>,
    now: Now,
    mut commands: MessageReader<GameCommand>,
    mut roster: MessageReader<RosterCommand>,
    mut evenings: MessageReader<EveningPlanned>,
    mut events: MessageWriter<GameEvent>,
    mut refused: MessageWriter<Refused>,
    mut refusals: ResMut<RecentRefusals>,
    cache: Res<super::media::MediaCache>,
) {
    let now = now.now();
    refusals.expire(now);
    // A first question still loading its picture or clip has not started: what comes in
    // meanwhile is dropped (it would be refused), and [`start_if_ready`] starts it.
    if session.game.phase() == Phase::Ready
        && session
            .game
            .questions()
            .first()
            .is_some_and(|q| !cache.settled(q))
    {
        roster.clear();
        commands.clear();
        evenings.clear();
        return;
    }
    let batch: Vec<(Duration, Op)> = roster
        .read()
        .map(|r| (r.at, Op::Roster(r.change.clone())))
        .chain(commands.read().map(|c| (c.0.at(), Op::Play(c.0))))
        .chain(
            evenings
                .read()
                .map(|e| (e.at, Op::Evening(e.evening.clone()))),
        )
        .collect();
    apply_ops(
        &mut session,
        &mut journal,
        batch,
        now,
        &mut refusals,
        &mut refused,
        &mut events,
    );
}

/// Applies `batch` (each op with the time its input arrived) in the order the inputs
/// arrived, journalling each, then fires the timers due by `now` and sends the game's
/// events on. The frame's commands in [`RoundSystems::Apply`], and phones' answers taken
/// between frames (`phones::between`), both go through here.
pub(crate) fn apply_ops(
    session: &mut ResMut<Session>,
    journal: &mut NightJournal,
    mut batch: Vec<(Duration, Op)>,
    now: Duration,
    refusals: &mut RecentRefusals,
    refused: &mut MessageWriter<Refused>,
    events: &mut MessageWriter<GameEvent>,
) {
    // In the order the inputs arrived (stable: one frame's presses keep their order).
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
            match (journal.commit(session, op, at), command) {
                (Err(why), Some(command)) => {
                    if let Command::Seat { seat, .. } = command
                        && session.is_party()
                    {
                        refusals.note(seat, why.clone(), now);
                    }
                    refused.write(Refused { command, why });
                }
                (Ok(()), Some(Command::Seat { seat, .. })) => refusals.forget(seat),
                _ => {}
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

/// Shows the screen of the game's phase (again when the question changes).
fn follow_phase(
    session: Res<Session>,
    mut shown: ResMut<ShownPhase>,
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
    refusals: Res<RecentRefusals>,
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
            Phase::Reveal if game.reveal_remaining(now.now()).is_some() => Some(REVEAL_FRAME),
            // The stakes: a refused stake's note on a chip goes by itself.
            Phase::Wager if !refusals.is_empty() => Some(REVEAL_FRAME),
            Phase::Scoreboard | Phase::RoundEnd
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
