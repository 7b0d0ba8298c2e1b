//! The window: how often it redraws, its first frames, and fullscreen (from the settings;
//! F11 anywhere).
//!
//! The game runs in Bevy's reactive mode: an idle screen redraws only on input, so a menu
//! left open costs next to nothing. Screens that move (the countdown) ask for a redraw rate
//! through [`RedrawRate`]; gamepad buttons wake the window through the pad watch
//! ([`super::input::pad_watch`]), or where that cannot run a connected gamepad is polled; and
//! for a moment after a pack file changes on disk, every screen follows it (the pack
//! list, the title's warning).
//!
//! **The first frames.** Nothing wakes a reactive event loop when work on other threads
//! finishes: fonts and packs loading, and the renderer compiling its pipelines (the one
//! that copies a frame to the window among them; until it is ready a frame leaves the
//! window black). Left alone, a launch could render its last frame before either was done
//! and then sleep until input, black, still on the loading screen. So the public window
//! opens hidden, the game updates steadily until its first screen is drawn with every
//! pipeline ready ([`FirstScreen`]), and only then shows the window: the first frame
//! anyone sees is that screen, and every key from then on reaches it (keys typed on a
//! window still black, still loading, were dropped on entering the first screen). And
//! whenever a frame is drawn with pipelines still compiling (at launch, or a screen
//! drawing something new later), the render world wakes the game for another frame until
//! they are ready ([`RenderProgress`]).

pub mod priority;

use std::sync::Arc;
use std::sync::atomic::{AtomicU32, Ordering};
use std::time::{Duration, Instant};

use super::input::{HostIntent, HostKey};
use bevy::prelude::*;
use bevy::render::render_resource::PipelineCache;
use bevy::render::{Render, RenderApp, RenderSystems};
use bevy::window::{
    CursorEntered, CursorMoved, MonitorSelection, PresentMode, PrimaryWindow, RequestRedraw,
    WindowMode,
};
use bevy::winit::{EventLoopProxyWrapper, UpdateMode, WinitSettings, WinitUserEvent};

use super::packs::FolderWatch;
use super::persist::{self, DataDir, Notices, SavedSettings};
use super::states::Screen;

pub fn plugin(app: &mut App) {
    app.init_resource::<RedrawRate>()
        .init_resource::<Burst>()
        .add_systems(Update, (toggle_fullscreen, apply_fullscreen).chain())
        .add_systems(
            Last,
            (
                (show_first_screen, apply_redraw_rate).chain(),
                redraw_for_pending_screen,
            ),
        );
    watch_first_frames(app);
    app.add_plugins(priority::plugin);
}

/// How often an idle screen wakes up by itself (input always wakes it at once).
const IDLE_WAKE: Duration = Duration::from_secs(60);

/// How often a gamepad is polled while no screen animates.
const GAMEPAD_POLL: Duration = Duration::from_millis(50);

/// The redraw interval the current screen needs, or `None` to redraw only on input.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct RedrawRate(pub Option<Duration>);

/// A screen's own animation (the podium's reveal), on top of the round's [`RedrawRate`].
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Burst(pub Option<Duration>);

/// How long every screen keeps updating after a pack file changed on disk: the folder
/// watch wakes the game at once, and Bevy's file watcher reloads the file a moment later.
const FOLLOW_PACK_CHANGE: Duration = Duration::from_secs(3);
/// The redraw interval meanwhile.
const PACK_CHANGE_POLL: Duration = Duration::from_millis(250);

fn apply_redraw_rate(
    rate: Res<RedrawRate>,
    burst: Res<Burst>,
    pad_watch: Option<Res<super::input::pad_watch::PadWatch>>,
    gamepads: Query<(), With<Gamepad>>,
    watch: Option<Res<FolderWatch>>,
    first: Option<Res<FirstScreen>>,
    screen: Option<Res<State<Screen>>>,
    winit: Option<ResMut<WinitSettings>>,
) {
    let Some(mut winit) = winit else {
        return;
    };
    // Gamepads wake the game by themselves when the pad watch runs; else they are polled.
    let watched = pad_watch.is_some_and(|w| w.running());
    let gamepad = (!gamepads.is_empty() && !watched).then_some(GAMEPAD_POLL);
    let packs = watch
        .is_some_and(|w| w.changed_within(FOLLOW_PACK_CHANGE))
        .then_some(PACK_CHANGE_POLL);
    // Until the first screen shows, and while loading (nothing wakes the game when fonts
    // and packs are read).
    let starting = (first.is_some_and(|f| !f.done())
        || screen.is_some_and(|s| *s.get() == Screen::Loading))
    .then_some(STARTING_POLL);
    let wanted = [rate.0, burst.0, gamepad, packs, starting]
        .into_iter()
        .flatten()
        .min();
    let settings = match wanted {
        Some(every) => WinitSettings {
            focused_mode: UpdateMode::reactive(every),
            unfocused_mode: UpdateMode::reactive(every),
        },
        None => WinitSettings {
            focused_mode: UpdateMode::reactive(IDLE_WAKE),
            unfocused_mode: UpdateMode::reactive_low_power(IDLE_WAKE),
        },
    };
    if winit.focused_mode != settings.focused_mode
        || winit.unfocused_mode != settings.unfocused_mode
    {
        *winit = settings;
    }
}

/// How often the game updates while its first screen is being prepared: about as often as
/// it can draw.
const STARTING_POLL: Duration = Duration::from_millis(16);
/// Frames in a row that must find every pipeline ready before a screen counts as drawn
/// (a pipeline asked for late in one frame is only seen waiting in the next).
const COMPLETE_FRAMES: u32 = 2;
/// Frames drawn after the first screen is entered before the window shows (the frame
/// being drawn when it was entered may still hold the loading screen).
const FRAMES_BEFORE_SHOWING: u32 = 3;
/// Frames drawn after the window is shown before the steady updates stop: the window is
/// mapped while they are drawn, so the last of them reaches the screen.
const FRAMES_AFTER_SHOWING: u32 = 3;
/// The window shows after this long even if its first screen is not drawn yet (a very
/// slow machine, or many packs to read): a window saying "Loading…" beats none.
const SHOW_AT_THE_LATEST: Duration = Duration::from_secs(5);
/// The pointer entering the window this soon after it is shown entered because the window
/// appeared under it.
const SHOWN_UNDER_POINTER: Duration = Duration::from_secs(1);
/// Pipelines that stay unready this long (a shader that never loads) stop waking the game.
const PIPELINE_PATIENCE: Duration = Duration::from_secs(30);

/// What the renderer reports after each frame it draws (shared by the main world and the
/// render world): how many frames so far, and how many of the latest ones in a row found
/// every pipeline they asked for compiled. Without the render world (headless) there is
/// none.
#[derive(Resource, Clone, Default)]
pub struct RenderProgress(Arc<Progress>);

#[derive(Default)]
struct Progress {
    frames: AtomicU32,
    complete_in_a_row: AtomicU32,
    /// Wakes the event loop for another update (and so another frame).
    wake: Option<Box<dyn Fn() + Send + Sync>>,
}

impl RenderProgress {
    /// Frames the renderer has drawn.
    pub fn frames(&self) -> u32 {
        self.0.frames.load(Ordering::Acquire)
    }

    /// Of the latest frames, how many in a row had every pipeline ready.
    pub fn complete_in_a_row(&self) -> u32 {
        self.0.complete_in_a_row.load(Ordering::Acquire)
    }
}

/// Runs in the render world after each frame is drawn (pipelines that finished compiling
/// are picked up just before drawing: `PipelineCache::process_queue`). A frame drawn with
/// pipelines still compiling lacks what they draw (all of it, while the one that copies
/// the frame to the window is not ready), and nothing else wakes a reactive game when they
/// are done: so it asks for another frame.
fn report_frame(
    cache: Res<PipelineCache>,
    progress: Res<RenderProgress>,
    mut waiting_since: Local<Option<Instant>>,
) {
    let progress = &progress.0;
    if cache.waiting_pipelines().next().is_none() {
        *waiting_since = None;
        progress.complete_in_a_row.fetch_add(1, Ordering::AcqRel);
    } else {
        progress.complete_in_a_row.store(0, Ordering::Release);
        let since = *waiting_since.get_or_insert_with(Instant::now);
        if since.elapsed() < PIPELINE_PATIENCE
            && let Some(wake) = &progress.wake
        {
            wake();
        }
    }
    progress.frames.fetch_add(1, Ordering::AcqRel);
}

/// The launch, until its first screen is on the window.
#[derive(Resource, Debug)]
pub struct FirstScreen {
    started: Instant,
    /// The present mode the window was opened with, given back when it shows.
    present_mode: PresentMode,
    step: Step,
    /// When the window was shown.
    shown: Option<Instant>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Step {
    /// Fonts and packs are loading.
    Loading,
    /// The first screen is entered; its frames are drawn from `from` on.
    Drawing {
        from: u32,
    },
    /// The window is shown; frames drawn from `at` on reach it.
    Shown {
        at: u32,
    },
    Done,
}

impl FirstScreen {
    /// Whether the launch is over: the first screen is on the window.
    pub fn done(&self) -> bool {
        self.step == Step::Done
    }
}

/// With a renderer and a public window (not headless): the window opens hidden until its
/// first screen is drawn, and the renderer reports its frames. Runs when the game's
/// plugin is added, after the window plugin spawned the window and before the event loop
/// creates it.
fn watch_first_frames(app: &mut App) {
    let wake = app
        .world()
        .get_resource::<EventLoopProxyWrapper>()
        .map(|proxy| {
            let proxy = (**proxy).clone();
            Box::new(move || {
                let _ = proxy.send_event(WinitUserEvent::WakeUp);
            }) as Box<dyn Fn() + Send + Sync>
        });
    let Some(render_app) = app.get_sub_app_mut(RenderApp) else {
        return;
    };
    let progress = RenderProgress(Arc::new(Progress { wake, ..default() }));
    render_app.insert_resource(progress.clone()).add_systems(
        Render,
        report_frame
            .after(RenderSystems::Render)
            .before(RenderSystems::Cleanup),
    );
    app.insert_resource(progress);
    let world = app.world_mut();
    let mut windows = world.query_filtered::<&mut Window, With<PrimaryWindow>>();
    let Ok(mut window) = windows.single_mut(world) else {
        return;
    };
    if !window.visible {
        return;
    }
    window.visible = false;
    // No waiting for the display while hidden: an X server with real screens paces
    // presents to a window that is not mapped at one a second (its fake vertical blank).
    let present_mode = std::mem::replace(&mut window.present_mode, PresentMode::AutoNoVsync);
    world.insert_resource(FirstScreen {
        started: Instant::now(),
        present_mode,
        step: Step::Loading,
        shown: None,
    });
    // After the pointer's input is read into hovering (`First`), before the menus (`Update`).
    app.add_systems(PreUpdate, forget_pointer_entering_as_shown);
}

/// A window shown under a resting pointer gets the pointer "entering" it, reported with a
/// position as if it had moved: the menus would let the button under it take the keyboard's
/// focus (the title's Party, mid-screen, instead of Play). The menus leave a button that
/// appears under a resting pointer alone, and so is a window that appears under it: the
/// position reported with its entering is not a move. (Hovering still follows it.)
fn forget_pointer_entering_as_shown(
    first: Res<FirstScreen>,
    mut entered: MessageReader<CursorEntered>,
    mut moved: ResMut<Messages<CursorMoved>>,
) {
    let entered = entered.read().count() > 0;
    let just_shown = first
        .shown
        .is_some_and(|at| at.elapsed() < SHOWN_UNDER_POINTER);
    if entered && just_shown {
        moved.clear();
    }
}

/// Shows the public window once its first screen is drawn with every pipeline ready (or
/// after [`SHOW_AT_THE_LATEST`]), then lets the game go idle a few frames later.
fn show_first_screen(
    first: Option<ResMut<FirstScreen>>,
    progress: Option<Res<RenderProgress>>,
    screen: Option<Res<State<Screen>>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    let (Some(mut first), Some(progress)) = (first, progress) else {
        return;
    };
    let frames = progress.frames();
    let mut show = false;
    match first.step {
        Step::Loading => {
            if screen.is_some_and(|s| *s.get() != Screen::Loading) {
                debug!(
                    "first screen entered {:?} after launch, frame {frames}",
                    first.started.elapsed()
                );
                first.step = Step::Drawing { from: frames };
            }
        }
        Step::Drawing { from } => {
            show = frames >= from + FRAMES_BEFORE_SHOWING
                && progress.complete_in_a_row() >= COMPLETE_FRAMES;
        }
        Step::Shown { at } => {
            if frames >= at + FRAMES_AFTER_SHOWING {
                first.step = Step::Done;
            }
        }
        Step::Done => return,
    }
    let late = first.started.elapsed() >= SHOW_AT_THE_LATEST;
    if matches!(first.step, Step::Loading | Step::Drawing { .. }) && (show || late) {
        if show {
            debug!(
                "first screen drawn {:?} after launch, frame {frames}: showing the window",
                first.started.elapsed()
            );
        } else {
            warn!(
                "showing the window before its first screen is drawn ({:?} after launch)",
                first.started.elapsed()
            );
        }
        for mut window in &mut windows {
            window.visible = true;
            window.present_mode = first.present_mode;
        }
        first.step = Step::Shown { at: frames };
        first.shown = Some(Instant::now());
    }
}

/// A screen change decided this frame happens on the next one: make sure there is one.
fn redraw_for_pending_screen(
    next: Res<NextState<Screen>>,
    redraw: Option<ResMut<Messages<RequestRedraw>>>,
) {
    if matches!(*next, NextState::Pending(_))
        && let Some(mut redraw) = redraw
    {
        redraw.write(RequestRedraw);
    }
}

fn toggle_fullscreen(
    mut keys: MessageReader<HostIntent>,
    mut settings: ResMut<SavedSettings>,
    data: Option<Res<DataDir>>,
    mut notices: ResMut<Notices>,
) {
    if keys.read().any(|k| k.key == HostKey::Fullscreen) {
        settings.0.fullscreen = !settings.0.fullscreen;
        persist::save_settings(data.as_deref(), &settings.0, &mut notices);
    }
}

/// Applies the fullscreen setting when it changes (only then: a party's TV placement, see
/// `console`, is not undone by changing the volume).
fn apply_fullscreen(
    settings: Res<SavedSettings>,
    mut applied: Local<Option<bool>>,
    mut windows: Query<&mut Window, With<PrimaryWindow>>,
) {
    if !settings.is_changed() || *applied == Some(settings.0.fullscreen) {
        return;
    }
    *applied = Some(settings.0.fullscreen);
    let wanted = if settings.0.fullscreen {
        WindowMode::BorderlessFullscreen(MonitorSelection::Current)
    } else {
        WindowMode::Windowed
    };
    for mut window in &mut windows {
        if window.mode != wanted {
            window.mode = wanted;
        }
    }
}
