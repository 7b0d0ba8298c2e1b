//! Phones' answers taken between frames.
//!
//! With pipelined rendering, each frame ends by waiting for the render thread to finish
//! drawing the frame before (see Bevy's `PipelinedRenderingPlugin`). On a software
//! renderer that wait is most of a frame (about 35 ms at 1280x720), and a phone's answer
//! arriving during it used to wait for it too, then for the next frame, before its phone
//! heard it was locked in. Here the wait also listens for the phone server: when phones
//! send answers meanwhile, the [`BetweenFrames`] schedule runs on the main world (the same
//! single writer: the round controller's [`apply_ops`], the journal's flush, the views'
//! publish) and the wait goes on. The screens show the change on the next frame, which the
//! server's wake-up of the event loop asks for as before.
//!
//! Only answers, buzzes, orders, numbers and stakes are taken here, and only up to the
//! first other message (a join, a phone coming back or going), which the frame takes with
//! everything after it: what phones did is applied in the order it arrived. Inputs are
//! stamped when they arrive, so the order of the night's journal is the order of arrival
//! whichever path applied them.

use std::sync::Arc;
use std::time::{Duration, Instant};

use bevy::app::AppExit;
use bevy::ecs::schedule::{MainThreadExecutor, ScheduleLabel, SingleThreadedExecutor};
use bevy::prelude::*;
use bevy::render::pipelined_rendering::{RenderAppChannels, RenderExtractApp};
use bevy::tasks::ComputeTaskPool;
use bevy::tasks::futures_lite::future;

use super::server::Inbound;
use super::{ActsApplied, Phones};
use crate::core::command::{Command, SeatAction};
use crate::core::game::Phase;
use crate::core::night::Op;
use crate::game::clock::Now;
use crate::game::controller::apply_ops;
use crate::game::messages::{GameEvent, RecentRefusals, Refused};
use crate::game::night::{NightJournal, flush};
use crate::game::session::Session;
use crate::game::states::Screen;

/// Runs while the frame waits for the render thread, each time phones sent answers.
#[derive(ScheduleLabel, Debug, Clone, PartialEq, Eq, Hash)]
pub struct BetweenFrames;

pub(super) fn plugin(app: &mut App) {
    app.init_schedule(BetweenFrames);
    app.edit_schedule(BetweenFrames, |schedule| {
        schedule.set_executor(SingleThreadedExecutor::new());
    });
    // Views are published only when answers were applied: a wake-up for anything else
    // (a join, a phone coming back) is the frame's to take, and its views the frame's.
    app.add_systems(
        BetweenFrames,
        (
            take_answers,
            flush,
            super::views::publish.run_if(super::acts_applied),
            super::published,
        )
            .chain(),
    );
    // Headless (no render thread) there is no wait: the frame takes the answers.
    if let Some(extract) = app.get_sub_app_mut(RenderExtractApp) {
        extract.set_extract(extract_taking_answers);
    }
}

/// The command a phone's answer (buzz, order, number, stake) for question `question`
/// stands for, or none when it is stale: that question is no longer open (or, for a stake,
/// the final's stakes are not being taken).
pub(super) fn act_command(
    session: &Session,
    now: &Now,
    seat: crate::core::seat::SeatId,
    question: usize,
    action: SeatAction,
    at: Instant,
) -> Option<Command> {
    let open = match action {
        SeatAction::Stake(_) => Phase::Wager,
        _ => Phase::Question,
    };
    (session.game.phase() == open && session.game.current_index() == question).then(|| {
        Command::Seat {
            seat,
            action,
            at: now.at_instant(at),
        }
    })
}

/// Applies the answers phones sent since the frame took its input: journalled by the
/// round controller's own function, refusals noted for the phones to show.
fn take_answers(
    phones: Res<Phones>,
    session: Option<ResMut<Session>>,
    state: Res<State<Screen>>,
    now: Now,
    mut journal: ResMut<NightJournal>,
    mut refusals: ResMut<RecentRefusals>,
    mut refused: MessageWriter<Refused>,
    mut events: MessageWriter<GameEvent>,
    mut acts: ResMut<ActsApplied>,
) {
    let (Some(server), Some(mut session)) = (phones.server(), session) else {
        return;
    };
    // Only during a game (the frame's `receive` drops answers otherwise, too); whether
    // each answer's question is open is `act_command`'s to say.
    if !state.get().in_game() {
        return;
    }
    let batch: Vec<(Duration, Op)> = server
        .drain_acts()
        .into_iter()
        .filter_map(|message| match message {
            Inbound::Act {
                seat,
                question,
                action,
                at,
            } => act_command(&session, &now, seat, question, action, at),
            _ => None,
        })
        .map(|command| (command.at(), Op::Play(command)))
        .collect();
    if batch.is_empty() {
        return;
    }
    acts.0 = true;
    apply_ops(
        &mut session,
        &mut journal,
        batch,
        now.now(),
        &mut refusals,
        &mut refused,
        &mut events,
    );
}

/// What woke the wait for the render thread.
enum Woke {
    /// The render thread handed its world back (none: it panicked).
    Render(Option<Box<SubApp>>),
    /// Phones sent something.
    Phones,
}

/// Bevy's `renderer_extract` (wait for the render world, extract, send it back), with the
/// wait also listening for phones: their answers are applied meanwhile.
fn extract_taking_answers(app_world: &mut World, _extract_world: &mut World) {
    let signal = app_world
        .get_resource::<Phones>()
        .map(|phones| Arc::clone(&phones.signal));
    app_world.resource_scope(|world, executor: Mut<MainThreadExecutor>| {
        world.resource_scope(|world, mut channels: Mut<RenderAppChannels>| {
            loop {
                // As Bevy's: main-thread tasks the render world needs run meanwhile.
                let woke = ComputeTaskPool::get()
                    .scope_with_executor(true, Some(&*executor.0), |s| {
                        s.spawn(async {
                            let render =
                                async { Woke::Render(channels.recv().await.map(Box::new)) };
                            match &signal {
                                Some(signal) => {
                                    future::or(render, async {
                                        signal.notified().await;
                                        Woke::Phones
                                    })
                                    .await
                                }
                                None => render.await,
                            }
                        });
                    })
                    .pop();
                match woke {
                    Some(Woke::Phones) => {
                        world.run_schedule(BetweenFrames);
                    }
                    Some(Woke::Render(Some(mut render_app))) => {
                        render_app.extract(world);
                        channels.send_blocking(*render_app);
                        return;
                    }
                    Some(Woke::Render(None)) | None => {
                        // The render thread panicked.
                        world.write_message(AppExit::error());
                        return;
                    }
                }
            }
        });
    });
}
