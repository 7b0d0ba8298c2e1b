//! Two windows for a party night: the public window (the TV: what the room sees) and the
//! host console (the laptop: the answer before its reveal, the next question, every seat's
//! state and score, and the host's controls as buttons).
//!
//! The public window is the game's primary window; every UI root the screens spawn targets
//! its camera. The console is a second window with its own camera, UI scale and UI root
//! ([`view`]). It opens when a party starts on a machine with a second monitor (the TV,
//! chosen in Settings and remembered; the public window goes full-screen there), with
//! `party --host-window`, or with F7 at any time. Closing it never ends the game; closing
//! the public window during a game asks first.

mod media;
mod model;
mod press;
pub mod view;

use bevy::camera::RenderTarget;
use bevy::prelude::*;
use bevy::window::{
    ClosingWindow, Monitor, MonitorSelection, PrimaryMonitor, PrimaryWindow, WindowCloseRequested,
    WindowMode, WindowPosition, WindowRef, WindowResolution,
};

use super::input::{HostIntent, HostKey};
use super::menu::Activate;
use super::persist::SavedSettings;
use super::states::Screen;
use super::theme::Fonts;
use super::theme::modal::Modal;
use crate::core::monitors::{self as placing, MonitorInfo};

pub fn plugin(app: &mut App) {
    app.init_resource::<Console>()
        .init_resource::<QuitAsk>()
        // Registered by the window plugin too; here so headless apps (tests) have it.
        .add_message::<WindowCloseRequested>()
        .add_systems(Startup, open_if_asked)
        .add_systems(OnEnter(Screen::Lobby), place_party)
        .add_systems(
            PreUpdate,
            (despawn_closing, close_requests, toggle_key)
                .chain()
                .after(bevy::input::InputSystems),
        )
        .add_systems(Update, (quit_dialog, quit_act).chain())
        .add_systems(
            PostUpdate,
            (target_public_roots, scale_console).before(bevy::ui::UiSystems::Prepare),
        )
        .add_plugins((view::plugin, press::plugin));
}

/// The console window's design size: its UI scales with the window from there.
pub const CONSOLE_WIDTH: f32 = 1100.0;
pub const CONSOLE_HEIGHT: f32 = 700.0;
/// The console window's title (tests find the window by it).
pub const CONSOLE_TITLE: &str = "Defiant Trivia — Host console";

/// The console's text sizes: its body, and its small print.
const FONT_BODY: f32 = 18.0;
const FONT_SMALL: f32 = 15.0;

/// The public window's camera: every UI root without a camera of its own is drawn by it.
#[derive(Component, Debug, Clone, Copy)]
pub struct PublicCamera;

/// The host console's window and camera.
#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleWindow;

#[derive(Component, Debug, Clone, Copy)]
pub struct ConsoleCamera;

/// The console: whether it is open, and whether the command line asked for it.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Console {
    pub window: Option<Entity>,
    pub camera: Option<Entity>,
    /// `party --host-window`: open at start, at every party.
    pub asked: bool,
}

impl Console {
    pub fn is_open(&self) -> bool {
        self.window.is_some()
    }
}

/// The public window's close button was pressed during a game: the dialog asking first.
#[derive(Resource, Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct QuitAsk(pub bool);

/// What a console-opening asks for: where, and how big.
fn console_window(at: Option<Entity>) -> Window {
    Window {
        title: CONSOLE_TITLE.to_string(),
        resolution: WindowResolution::new(CONSOLE_WIDTH as u32, CONSOLE_HEIGHT as u32),
        position: match (at, std::env::var("DEFIANT_TRIVIA_CONSOLE_AT").ok()) {
            (Some(monitor), _) => WindowPosition::Centered(MonitorSelection::Entity(monitor)),
            // Tests place it beside the public window on one virtual screen.
            (None, Some(xy)) => xy
                .split_once(',')
                .and_then(|(x, y)| Some(IVec2::new(x.trim().parse().ok()?, y.trim().parse().ok()?)))
                .map_or(WindowPosition::Automatic, WindowPosition::At),
            (None, None) => WindowPosition::Automatic,
        },
        ..default()
    }
}

/// Opens the console (on `monitor`, if given); nothing if it is open.
pub fn open(commands: &mut Commands, console: &mut Console, monitor: Option<Entity>) {
    if console.is_open() {
        return;
    }
    let window = commands
        .spawn((
            Name::new("Host console window"),
            ConsoleWindow,
            console_window(monitor),
        ))
        .id();
    let camera = commands
        .spawn((
            Name::new("Host console camera"),
            ConsoleCamera,
            Camera2d,
            Msaa::Off,
            RenderTarget::Window(WindowRef::Entity(window)),
        ))
        .id();
    console.window = Some(window);
    console.camera = Some(camera);
}

/// Closes the console: its window, camera and UI go; the game goes on.
pub fn close(commands: &mut Commands, console: &mut Console) {
    if let Some(camera) = console.camera.take() {
        commands.entity(camera).try_despawn();
    }
    if let Some(window) = console.window.take() {
        // Despawned next frame, after the renderer let go of it (as Bevy closes windows).
        commands.entity(window).try_insert(ClosingWindow);
    }
}

fn open_if_asked(mut commands: Commands, mut console: ResMut<Console>) {
    if console.asked {
        open(&mut commands, &mut console, None);
    }
}

/// The monitors in the order people see them, with their entities.
fn monitors(query: &Query<(Entity, &Monitor, Has<PrimaryMonitor>)>) -> Vec<(Entity, MonitorInfo)> {
    let mut all: Vec<(Entity, MonitorInfo)> = query
        .iter()
        .enumerate()
        .map(|(i, (entity, monitor, primary))| {
            let info = MonitorInfo {
                name: monitor
                    .name
                    .clone()
                    .unwrap_or_else(|| format!("Monitor {}", i + 1)),
                primary,
                x: monitor.physical_position.x,
                y: monitor.physical_position.y,
            };
            (entity, info)
        })
        .collect();
    all.sort_by_key(|(_, m)| (m.x, m.y));
    all
}

/// The monitors' names in order, for the settings screen.
pub fn monitor_infos(query: &Query<(Entity, &Monitor, Has<PrimaryMonitor>)>) -> Vec<MonitorInfo> {
    monitors(query).into_iter().map(|(_, m)| m).collect()
}

/// A party starts: the public window goes full-screen on the TV (if there is a second
/// monitor) and the console opens as the settings say.
fn place_party(
    settings: Res<SavedSettings>,
    monitor_query: Query<(Entity, &Monitor, Has<PrimaryMonitor>)>,
    mut public: Query<&mut Window, With<PrimaryWindow>>,
    mut console: ResMut<Console>,
    mut commands: Commands,
) {
    let found = monitors(&monitor_query);
    let infos: Vec<MonitorInfo> = found.iter().map(|(_, m)| m.clone()).collect();
    let placement = placing::place(
        &infos,
        &settings.0.tv_screen,
        settings.0.host_console,
        console.asked,
    );
    if let Some(tv) = placement.tv {
        let wanted = WindowMode::BorderlessFullscreen(MonitorSelection::Entity(found[tv].0));
        for mut window in &mut public {
            if window.mode != wanted {
                window.mode = wanted;
            }
        }
    }
    if placement.open_console {
        let at = placement.console.map(|i| found[i].0);
        open(&mut commands, &mut console, at);
    }
}

fn despawn_closing(closing: Query<Entity, With<ClosingWindow>>, mut commands: Commands) {
    for window in &closing {
        commands.entity(window).despawn();
    }
}

/// Whether closing the game now would end something worth asking about.
fn would_lose_a_game(screen: Screen) -> bool {
    screen.in_game() || screen == Screen::Lobby
}

/// The windows' close buttons: the console just closes; the public window closes the game,
/// asking first during a party or a round (a second press of the close button confirms).
fn close_requests(
    mut requests: MessageReader<WindowCloseRequested>,
    primary: Query<(), With<PrimaryWindow>>,
    state: Res<State<Screen>>,
    mut console: ResMut<Console>,
    mut ask: ResMut<QuitAsk>,
    mut exit: MessageWriter<AppExit>,
    mut commands: Commands,
) {
    for request in requests.read() {
        if console.window == Some(request.window) {
            close(&mut commands, &mut console);
        } else if primary.contains(request.window) {
            if ask.0 || !would_lose_a_game(*state.get()) {
                exit.write(AppExit::Success);
            } else {
                ask.0 = true;
            }
        } else {
            commands.entity(request.window).try_insert(ClosingWindow);
        }
    }
}

/// F7 opens or closes the host console, on any screen.
fn toggle_key(
    mut keys: MessageReader<HostIntent>,
    mut console: ResMut<Console>,
    mut commands: Commands,
) {
    let pressed = keys.read().filter(|k| k.key == HostKey::Console).count();
    for _ in 0..pressed {
        if console.is_open() {
            close(&mut commands, &mut console);
        } else {
            open(&mut commands, &mut console, None);
        }
    }
}

/// Every UI root without a camera of its own is the public window's.
fn target_public_roots(
    cameras: Query<Entity, With<PublicCamera>>,
    roots: Query<Entity, (Added<Node>, Without<ChildOf>, Without<UiTargetCamera>)>,
    mut commands: Commands,
) {
    let Ok(camera) = cameras.single() else {
        return;
    };
    for root in &roots {
        commands.entity(root).try_insert(UiTargetCamera(camera));
    }
}

/// The console's own UI scale: its design size fits its window whatever the public
/// window's scale ([`UiScale`] is shared, so the console's scale factor makes up for it).
fn scale_console(ui_scale: Res<UiScale>, mut windows: Query<&mut Window, With<ConsoleWindow>>) {
    for mut window in &mut windows {
        let base = window.resolution.base_scale_factor();
        let (w, h) = (
            window.resolution.physical_width() as f32 / base,
            window.resolution.physical_height() as f32 / base,
        );
        if w <= 0.0 || h <= 0.0 || ui_scale.0 <= 0.0 {
            continue;
        }
        let wanted = (w / CONSOLE_WIDTH).min(h / CONSOLE_HEIGHT).clamp(0.5, 3.0);
        let factor = base * wanted / ui_scale.0;
        if window
            .resolution
            .scale_factor_override()
            .is_none_or(|now| (now - factor).abs() > 1e-3)
        {
            window.resolution.set_scale_factor_override(Some(factor));
        }
    }
}

/// The buttons of the quit dialog.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuitAction {
    Stay,
    Quit,
}

#[derive(Component)]
struct QuitDialog;

fn quit_dialog(
    ask: Res<QuitAsk>,
    dialogs: Query<Entity, With<QuitDialog>>,
    fonts: Res<Fonts>,
    mut commands: Commands,
) {
    if !ask.is_changed() {
        return;
    }
    for dialog in &dialogs {
        commands.entity(dialog).despawn();
    }
    if !ask.0 {
        return;
    }
    Modal {
        title: "Close Defiant Trivia?".to_string(),
        title_size: 56.0,
        subtitle: "The game in progress ends and its scores are not kept.".to_string(),
        buttons: vec![
            ("Keep playing".to_string(), QuitAction::Stay),
            ("Close the game".to_string(), QuitAction::Quit),
        ],
        hint: "↑↓ choose · Enter select · the close button again closes".to_string(),
        // Over the pause menu and every other button.
        group: 9,
        layer: 20,
    }
    .spawn(&mut commands, &fonts, QuitDialog);
}

fn quit_act(
    mut activated: MessageReader<Activate>,
    actions: Query<&QuitAction>,
    mut ask: ResMut<QuitAsk>,
    mut exit: MessageWriter<AppExit>,
) {
    for Activate(entity) in activated.read() {
        match actions.get(*entity) {
            Ok(QuitAction::Stay) => ask.0 = false,
            Ok(QuitAction::Quit) => {
                exit.write(AppExit::Success);
            }
            Err(_) => {}
        }
    }
}
