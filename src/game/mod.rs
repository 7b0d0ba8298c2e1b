//! The Bevy shell: plugins that show the core's state and feed it input.
//!
//! [`plugin`] holds everything the game does and runs headless in tests;
//! [`run`] wraps it in a window with Bevy's default plugins.

pub mod audio;
pub(crate) mod clock;
pub mod console;
pub(crate) mod controller;
pub(crate) mod display;
pub mod drafts;
pub mod host;
pub mod input;
pub mod media;
pub mod menu;
pub mod messages;
pub mod night;
pub mod packs;
pub mod persist;
pub mod preview;
pub(crate) mod probe;
pub mod round_setup;
pub mod screens;
pub mod session;
pub mod states;
pub mod theme;

use std::path::PathBuf;

use bevy::asset::AssetMetaCheck;
use bevy::prelude::*;
use bevy::window::WindowResolution;
use bevy::winit::WinitSettings;

use persist::DataDir;
pub use preview::PreviewRequest;

/// Where the game finds its files.
#[derive(Debug, Clone)]
pub struct GameConfig {
    /// The game folder holding `assets/` and `quizzes/` (a clone of the repository), or
    /// `None` to play with the fonts, sounds and packs built into the binary.
    pub root: Option<PathBuf>,
    /// Folder for saved files and the player's own packs.
    pub data: DataDir,
    /// A pack (or one question of it) to open on, from `play PATH [--question ID]`.
    pub preview: Option<PreviewRequest>,
    /// Open in the party lobby (`defiant-trivia party [PACK]`).
    pub party: bool,
    /// Phone play asked for on the command line.
    pub phones: crate::phones::PhoneOptions,
    /// Open the host console as a second window (`party --host-window`).
    pub host_window: bool,
    /// Resume the last unfinished night at once (`party --resume`).
    pub resume: bool,
}

/// The whole game without the window: screens, packs, theme, menus, sound, saves.
/// Add a [`DataDir`] resource first for saves; register pack folders with
/// [`packs::register_sources`] before `AssetPlugin`.
pub fn plugin(app: &mut App) {
    app.add_plugins((
        persist::plugin,
        states::plugin,
        theme::plugin,
        packs::plugin,
        menu::plugin,
        audio::plugin,
        display::plugin,
        screens::plugin,
        preview::plugin,
        controller::plugin,
        night::plugin,
        drafts::plugin,
        input::plugin,
        host::plugin,
    ))
    .add_plugins((
        crate::phones::plugin,
        console::plugin,
        probe::plugin,
        media::plugin,
    ))
    .add_systems(Startup, spawn_camera);
}

fn spawn_camera(mut commands: Commands) {
    // No multisampling: UI text and rounded boxes are smooth without it, and it would
    // multiply the cost of every frame (4x the pixels on a software renderer).
    // The public window's camera: the screens' UI is drawn by it (the host console has
    // its own, see `console`).
    commands.spawn((
        Name::new("Camera"),
        Camera2d,
        Msaa::Off,
        console::PublicCamera,
        IsDefaultUiCamera,
    ));
}

/// The window's first size: 1280x720, or `DEFIANT_TRIVIA_WINDOW=WIDTHxHEIGHT` (for trying
/// the layout at other sizes, e.g. 1920x1080 or 800x600).
fn initial_size() -> WindowResolution {
    let parsed = std::env::var("DEFIANT_TRIVIA_WINDOW").ok().and_then(|v| {
        let (w, h) = v.split_once('x')?;
        Some((w.trim().parse::<u32>().ok()?, h.trim().parse::<u32>().ok()?))
    });
    match parsed {
        Some((w, h)) if (320..=7680).contains(&w) && (240..=4320).contains(&h) => {
            WindowResolution::new(w, h)
        }
        _ => WindowResolution::new(1280, 720),
    }
}

/// Opens the game window and plays until it closes.
pub fn run(config: GameConfig) -> AppExit {
    let mut app = App::new();
    let user_packs = config.data.packs_dir();
    match &config.root {
        Some(root) => packs::register_sources(&mut app, &root.join("quizzes"), Some(&user_packs)),
        None => {
            packs::register_shipped_sources(&mut app, Some(&user_packs));
            // The fonts and sounds from the binary, as the default asset source.
            app.add_plugins(bevy_embedded_assets::EmbeddedAssetPlugin {
                mode: bevy_embedded_assets::PluginMode::ReplaceDefault,
            });
        }
    }
    if let Some(request) = &config.preview {
        preview::add_preview(&mut app, request);
    }
    if config.party {
        app.insert_resource(screens::lobby::OpenLobby);
    }
    if config.resume {
        app.insert_resource(night::ResumeAtLaunch);
    }
    app.insert_resource(crate::phones::Phones::with_options(config.phones.clone()));
    app.insert_resource(console::Console {
        asked: config.host_window,
        ..default()
    });
    app.insert_resource(config.data.clone())
        // Inputs are stamped with the wall clock when the event loop hands them over.
        .insert_resource(clock::GameClock::wall(std::time::Instant::now()))
        .insert_resource(WinitSettings::desktop_app()) // tuned by display::apply_redraw_rate
        .insert_resource(ClearColor(theme::palette::BACKGROUND))
        .add_plugins(
            DefaultPlugins
                .set(WindowPlugin {
                    primary_window: Some(Window {
                        title: "Defiant Trivia".to_string(),
                        // WM_CLASS (X11) / app id (Wayland): the desktop entry's
                        // StartupWMClass, so the launcher's icon is the window's.
                        name: Some("defiant-trivia".to_string()),
                        resolution: initial_size(),
                        ..default()
                    }),
                    // The console closes by itself; the public window asks first during a
                    // game (see `console`), and the game ends when it closes.
                    exit_condition: bevy::window::ExitCondition::OnPrimaryClosed,
                    close_when_requested: false,
                    ..default()
                })
                .set(AssetPlugin {
                    file_path: config.root.as_ref().map_or_else(
                        || "assets".to_string(),
                        |root| root.join("assets").to_string_lossy().into_owned(),
                    ),
                    // Live reload for the files on disk (a clone's, the player's packs
                    // folder); the built-in sources have no watcher and never change.
                    watch_for_changes_override: Some(true),
                    meta_check: AssetMetaCheck::Never,
                    ..default()
                }),
        )
        .add_plugins(plugin);
    app.run()
}
