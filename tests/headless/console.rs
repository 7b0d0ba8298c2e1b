//! The host console, headless: its window and the public window's UI trees (the public one
//! never holds the answer's marking or the explanation before the reveal; the console's
//! does), every console button against its key, closing either window, where a party
//! goes with a second monitor, and a question's picture and clip on the console.

use bevy::input::keyboard::Key;
use bevy::prelude::*;
use bevy::window::{
    ClosingWindow, Monitor, MonitorSelection, PrimaryMonitor, PrimaryWindow, WindowCloseRequested,
    WindowMode, WindowPosition,
};
use defiant_trivia::core::command::{Command, HostAction};
use defiant_trivia::core::game::Phase;
use defiant_trivia::core::monitors::{HostConsole, TvScreen};
use defiant_trivia::core::seat::SeatId;
use defiant_trivia::game::console::view::{
    ConsoleAction, ConsoleClip, ConsoleClipNotice, ConsoleRoot, Enabled,
};
use defiant_trivia::game::console::{
    Console, ConsoleCamera, ConsoleWindow, PublicCamera, QuitAction, QuitAsk,
};
use defiant_trivia::game::host::HostButton;
use defiant_trivia::game::media::clip::{ClipPlayer, ReplayClip};
use defiant_trivia::game::media::picture::{PictureBox, PictureImage, Tile};
use defiant_trivia::game::media::{MediaCache, media_of};
use defiant_trivia::game::messages::GameCommand;
use defiant_trivia::game::persist::SavedSettings;
use defiant_trivia::game::round_setup::SetupChoices;
use defiant_trivia::game::screens::lobby::{Lobby, LobbyRow};
use defiant_trivia::game::screens::podium::PodiumAction;
use defiant_trivia::game::session::{ChosenPack, Session};
use defiant_trivia::game::states::Screen;
use defiant_trivia::game::theme::palette;

use crate::common::*;

/// Every host command the game was sent, without its time.
#[derive(Resource, Default)]
struct Sent(Vec<HostAction>);

fn record(mut commands: MessageReader<GameCommand>, mut sent: ResMut<Sent>) {
    for GameCommand(command) in commands.read() {
        if let Command::Host { action, .. } = command {
            sent.0.push(*action);
        }
    }
}

fn session(app: &App) -> &Session {
    app.world().resource::<Session>()
}

/// A party of `seats` keyboard players, at its first question, with the console open.
fn party_with_console(name: &str, seats: usize) -> App {
    let data = temp_dir(name);
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    app.init_resource::<Sent>().add_systems(Last, record);
    app.world_mut().resource_mut::<Console>().asked = true; // `party --host-window`
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    for key in ["z", "v", "n", "q"].into_iter().take(seats) {
        type_text(&mut app, key);
    }
    assert_eq!(app.world().resource::<Lobby>().seats.len(), seats);
    // Started from the console's own button.
    choices_first(&mut app, 20);
    click_console(&mut app, ConsoleAction::Start);
    wait_for_screen(&mut app, Screen::Question);
    app
}

fn click_console(app: &mut App, action: ConsoleAction) {
    let button = find_by::<ConsoleAction>(app, |a| *a == action)
        .unwrap_or_else(|| panic!("no console button {action:?}"));
    click(app, button);
}

/// The texts of every UI tree, split by the camera its root targets: (public, console).
fn trees(app: &mut App) -> (Vec<String>, Vec<String>) {
    let public_camera = find::<PublicCamera>(app).unwrap();
    let console_camera = find::<ConsoleCamera>(app);
    let mut query = app.world_mut().query::<(Entity, &Text)>();
    let texts: Vec<(Entity, String)> = query
        .iter(app.world())
        .map(|(e, t)| (e, t.0.clone()))
        .collect();
    let (mut public, mut console) = (Vec::new(), Vec::new());
    for (entity, text) in texts {
        let mut root = entity;
        while let Some(parent) = app.world().get::<ChildOf>(root) {
            root = parent.parent();
        }
        let target = app.world().get::<UiTargetCamera>(root).map(|t| t.entity());
        if target.is_some() && target == console_camera {
            console.push(text);
        } else {
            // Roots without a camera are drawn by the default one: the public window's.
            assert!(target.is_none() || target == Some(public_camera));
            public.push(text);
        }
    }
    (public, console)
}

#[test]
fn the_tv_never_shows_the_answer_before_the_reveal_and_the_console_does() {
    let mut app = party_with_console("console-trees", 2);
    assert!(app.world().resource::<Console>().is_open());
    assert!(find::<ConsoleWindow>(&mut app).is_some());
    for index in 0..2 {
        frames(&mut app, 1);
        let q = session(&app).game.current().clone();
        let right = q.options[q.correct].clone();
        let next = session(&app).game.questions()[index + 1].prompt.clone();
        let (public, console) = trees(&mut app);
        assert!(public.iter().any(|t| t.contains(&q.prompt)), "{public:?}");
        // The TV: each option once, nothing marking the right one, no explanation, and
        // nothing of the next question.
        for option in &q.options {
            assert_eq!(
                public.iter().filter(|t| *t == option).count(),
                1,
                "{option}"
            );
        }
        for text in &public {
            assert!(
                !text.contains(&q.explanation),
                "explanation on the TV: {text}"
            );
            assert!(!text.contains(&next), "next question on the TV: {text}");
            assert!(!text.contains("ANSWER") && !text.contains('✔'), "{text}");
        }
        // The console: the right answer marked, the explanation, the next question.
        assert!(
            console.iter().any(|t| t.contains(&q.explanation)),
            "{console:?}"
        );
        assert!(console.iter().any(|t| t.contains(&next)), "{console:?}");
        assert!(console.contains(&"✔ ANSWER".to_string()));
        let marked = console.iter().position(|t| t == "✔ ANSWER").unwrap();
        assert_eq!(console[marked - 1], right);
        assert!(console.iter().any(|t| t.contains("thinking")));

        // A seat answers: the console says so (and its pick); the TV only that it did.
        type_text(&mut app, "q");
        frames(&mut app, 1);
        let (public, console) = trees(&mut app);
        assert!(
            console.iter().any(|t| t.starts_with("answered · ◆ A")),
            "{console:?}"
        );
        assert!(!public.iter().any(|t| t.contains("◆ A ·")));

        // Revealed from the console: now the TV shows the explanation too.
        click_console(&mut app, ConsoleAction::Host(HostButton::Reveal));
        wait_for_screen(&mut app, Screen::Reveal);
        frames(&mut app, 1);
        let (public, _) = trees(&mut app);
        assert!(
            public.iter().any(|t| t.contains(&q.explanation)),
            "{public:?}"
        );
        click_console(&mut app, ConsoleAction::Next);
        wait_for_screen(&mut app, Screen::Scoreboard);
        click_console(&mut app, ConsoleAction::Next);
        wait_for_screen(&mut app, Screen::Question);
    }
}

/// One host action by its key (`keys`) or by its console button.
fn act(app: &mut App, keys: bool, key: &[Key], button: ConsoleAction) {
    if keys {
        for k in key {
            match k {
                Key::Enter => press(app, KeyCode::Enter),
                Key::Escape => press(app, KeyCode::Escape),
                Key::ArrowRight => press(app, KeyCode::ArrowRight),
                Key::ArrowLeft => press(app, KeyCode::ArrowLeft),
                Key::ArrowDown => press(app, KeyCode::ArrowDown),
                other => press_logical(app, other.clone()),
            }
        }
    } else {
        click_console(app, button);
    }
}

/// A night's host actions, all by keys or all by console buttons: the commands sent.
fn host_script(keys: bool) -> (Vec<HostAction>, App) {
    let mut app = party_with_console(
        if keys {
            "console-keys"
        } else {
            "console-buttons"
        },
        3,
    );
    let seats: Vec<SeatId> = session(&app)
        .game
        .players()
        .iter()
        .map(|p| p.seat.id)
        .collect();
    let host = ConsoleAction::Host;
    act(&mut app, keys, &[Key::F4], host(HostButton::AddTime));
    act(&mut app, keys, &[Key::Escape], host(HostButton::Pause));
    assert!(session(&app).game.is_paused());
    act(&mut app, keys, &[Key::Escape], host(HostButton::Pause));
    assert!(!session(&app).game.is_paused());
    act(&mut app, keys, &[Key::F2], host(HostButton::Reveal));
    wait_for_screen(&mut app, Screen::Reveal);
    act(&mut app, keys, &[Key::Enter], ConsoleAction::Next);
    wait_for_screen(&mut app, Screen::Scoreboard);
    act(&mut app, keys, &[Key::Enter], ConsoleAction::Next);
    wait_for_screen(&mut app, Screen::Question);
    act(&mut app, keys, &[Key::F3], host(HostButton::Skip));
    wait_for_screen(&mut app, Screen::Scoreboard);
    act(&mut app, keys, &[Key::Enter], ConsoleAction::Next);
    wait_for_screen(&mut app, Screen::Question);
    // Points: the scores panel's ←→ on the first seat, or the console's ± buttons.
    if keys {
        press_logical(&mut app, Key::F6);
    }
    act(
        &mut app,
        keys,
        &[Key::ArrowRight],
        ConsoleAction::Adjust(seats[0], 1),
    );
    act(
        &mut app,
        keys,
        &[Key::ArrowLeft],
        ConsoleAction::Adjust(seats[0], -1),
    );
    act(&mut app, keys, &[Key::F5], host(HostButton::Undo));
    // Removing the second seat: Delete twice, or Remove twice.
    if keys {
        press(&mut app, KeyCode::ArrowDown);
    }
    for _ in 0..2 {
        act(
            &mut app,
            keys,
            &[Key::Delete],
            ConsoleAction::Remove(seats[1]),
        );
    }
    assert!(session(&app).game.player(seats[1]).unwrap().removed);
    if keys {
        press_logical(&mut app, Key::F6);
    }
    // Ending: F10 twice, or End twice.
    for _ in 0..2 {
        act(&mut app, keys, &[Key::F10], host(HostButton::End));
    }
    wait_for_screen(&mut app, Screen::Podium);
    let sent = std::mem::take(&mut app.world_mut().resource_mut::<Sent>().0);
    (sent, app)
}

#[test]
fn every_console_button_sends_what_its_key_sends() {
    let (by_keys, _) = host_script(true);
    let (by_buttons, mut app) = host_script(false);
    assert_eq!(by_keys, by_buttons);
    // Seat ids are the lobby's, the same in both runs.
    let (a, b) = (SeatId(0), SeatId(1));
    assert_eq!(
        by_buttons,
        [
            HostAction::AddTime(10),
            HostAction::TogglePause,
            HostAction::TogglePause,
            HostAction::Reveal,
            HostAction::Next,
            HostAction::Next,
            HostAction::Skip,
            HostAction::Next,
            HostAction::Adjust {
                seat: a,
                points: 100
            },
            HostAction::Adjust {
                seat: a,
                points: -100
            },
            HostAction::Undo,
            HostAction::RemoveSeat(b),
            HostAction::End,
        ]
    );
    // The podium's buttons are on the console too: back to the title from there.
    click_console(&mut app, ConsoleAction::Podium(PodiumAction::Title));
    wait_for_screen(&mut app, Screen::Title);
}

#[test]
fn closing_the_console_keeps_the_game_and_closing_the_tv_asks_first() {
    let data = temp_dir("console-close");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    let tv = app
        .world_mut()
        .spawn((Window::default(), PrimaryWindow))
        .id();
    wait_for_screen(&mut app, Screen::Title);
    // F7 opens the console on any screen; its window gets its own camera and UI.
    press_logical(&mut app, Key::F7);
    let console = *app.world().resource::<Console>();
    let window = console.window.unwrap();
    assert!(find::<ConsoleRoot>(&mut app).is_some());
    // Its UI scale is its own: a TV at 1.5x does not make the console's text bigger.
    app.world_mut().resource_mut::<UiScale>().0 = 1.5;
    frames(&mut app, 1);
    let factor = app.world().get::<Window>(window).unwrap().scale_factor();
    assert!((factor * 1.5 - 1.0).abs() < 1e-3, "{factor}");

    // On the title screen the TV closes at once; in a game it asks.
    open_lobby(&mut app);
    type_text(&mut app, "z");
    type_text(&mut app, "v");
    click_console(&mut app, ConsoleAction::Start);
    wait_for_screen(&mut app, Screen::Question);

    // The console's close button: the window goes, the game does not.
    app.world_mut()
        .write_message(WindowCloseRequested { window });
    frames(&mut app, 1);
    assert!(!app.world().resource::<Console>().is_open());
    assert!(
        app.world().get::<ClosingWindow>(window).is_some()
            || app.world().get_entity(window).is_err()
    );
    frames(&mut app, 2);
    assert!(app.world().get_entity(window).is_err());
    assert!(find::<ConsoleRoot>(&mut app).is_none());
    assert!(find::<ConsoleCamera>(&mut app).is_none());
    assert_eq!(screen(&app), Screen::Question);

    // The TV's close button: a question first. Keep playing…
    app.world_mut()
        .write_message(WindowCloseRequested { window: tv });
    frames(&mut app, 1);
    assert!(app.world().resource::<QuitAsk>().0);
    assert!(app.world().resource::<Messages<AppExit>>().is_empty());
    let stay = find_by::<QuitAction>(&mut app, |a| *a == QuitAction::Stay).unwrap();
    click(&mut app, stay);
    assert!(!app.world().resource::<QuitAsk>().0);
    assert!(find::<QuitAction>(&mut app).is_none());
    assert_eq!(screen(&app), Screen::Question);
    // …or close: the game exits.
    app.world_mut()
        .write_message(WindowCloseRequested { window: tv });
    frames(&mut app, 1);
    let quit = find_by::<QuitAction>(&mut app, |a| *a == QuitAction::Quit).unwrap();
    click(&mut app, quit);
    assert!(!app.world().resource::<Messages<AppExit>>().is_empty());
}

#[test]
fn a_second_monitor_takes_the_tv_and_the_laptop_the_console() {
    let data = temp_dir("console-monitors");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    let tv_window = app
        .world_mut()
        .spawn((Window::default(), PrimaryWindow))
        .id();
    let monitor = |name: &str, x: i32| Monitor {
        name: Some(name.to_string()),
        physical_height: 1080,
        physical_width: 1920,
        physical_position: IVec2::new(x, 0),
        refresh_rate_millihertz: None,
        scale_factor: 1.0,
        video_modes: Vec::new(),
    };
    let hdmi = app.world_mut().spawn(monitor("HDMI-1", 1920)).id();
    let laptop = app
        .world_mut()
        .spawn((monitor("eDP-1", 0), PrimaryMonitor))
        .id();
    wait_for_screen(&mut app, Screen::Title);
    assert!(!app.world().resource::<Console>().is_open());
    open_lobby(&mut app);
    let mode = app.world().get::<Window>(tv_window).unwrap().mode;
    assert_eq!(
        mode,
        WindowMode::BorderlessFullscreen(MonitorSelection::Entity(hdmi))
    );
    let console = app.world().resource::<Console>().window.unwrap();
    assert_eq!(
        app.world().get::<Window>(console).unwrap().position,
        WindowPosition::Centered(MonitorSelection::Entity(laptop))
    );
    // The lobby on the console: the join line is absent (no phones), the Start button
    // greyed until two players are in.
    let (_, texts) = trees(&mut app);
    assert!(texts.iter().any(|t| t.contains("Party lobby")), "{texts:?}");

    // Settings that say "no TV" leave the window alone next time.
    press(&mut app, KeyCode::Escape);
    wait_for_screen(&mut app, Screen::Title);
    {
        let mut settings = app.world_mut().resource_mut::<SavedSettings>();
        settings.0.tv_screen = TvScreen::Off;
        settings.0.host_console = HostConsole::Never;
    }
    app.world_mut().get_mut::<Window>(tv_window).unwrap().mode = WindowMode::Windowed;
    press_logical(&mut app, Key::F7); // closes the console
    assert!(!app.world().resource::<Console>().is_open());
    open_lobby(&mut app);
    assert_eq!(
        app.world().get::<Window>(tv_window).unwrap().mode,
        WindowMode::Windowed
    );
    assert!(!app.world().resource::<Console>().is_open());
    let _ = find_by::<LobbyRow>(&mut app, |r| *r == LobbyRow::Start).unwrap();
}

/// How many times the clip was asked for again.
#[derive(Resource, Default)]
struct Replays(usize);

fn count_replays(mut asks: MessageReader<ReplayClip>, mut replays: ResMut<Replays>) {
    replays.0 += asks.read().count();
}

/// The first seed whose round of the picture-and-sound sampler (the whole pack) opens with
/// the questions `ids`.
fn sampler_seed(ids: &[&str]) -> u64 {
    use defiant_trivia::core::round::pick_questions;
    let path = repo().join("quizzes/picture-and-sound/pack.ron");
    let pack = defiant_trivia::core::check_file(&path)
        .pack
        .expect("the sampler pack is valid");
    (1..100_000u64)
        .find(|&seed| {
            let settings = defiant_trivia::core::RoundSettings {
                question_count: None,
                seed,
                ..Default::default()
            };
            let picked = pick_questions(&pack, &settings);
            picked
                .iter()
                .map(|q| q.id.as_str())
                .take(ids.len())
                .eq(ids.iter().copied())
        })
        .expect("a seed opening with those questions")
}

/// Whether `entity` is in the console's UI.
fn on_console(app: &App, entity: Entity) -> bool {
    let mut root = entity;
    while let Some(parent) = app.world().get::<ChildOf>(root) {
        root = parent.parent();
    }
    app.world().get::<ConsoleRoot>(root).is_some()
}

/// How many entities with `C` are on the console, and on the TV.
fn count_on<C: Component>(app: &mut App) -> (usize, usize) {
    let mut query = app.world_mut().query_filtered::<Entity, With<C>>();
    let all: Vec<Entity> = query.iter(app.world()).collect();
    let console = all.iter().filter(|e| on_console(app, **e)).count();
    (console, all.len() - console)
}

/// The pictures' paths: (on the console, on the TV).
fn pictures(app: &mut App) -> (Vec<String>, Vec<String>) {
    let mut query = app.world_mut().query::<(Entity, &PictureBox)>();
    let all: Vec<(Entity, String)> = query
        .iter(app.world())
        .map(|(e, p)| (e, p.path.clone()))
        .collect();
    let (console, tv): (Vec<_>, Vec<_>) = all.into_iter().partition(|(e, _)| on_console(app, *e));
    let paths = |v: Vec<(Entity, String)>| v.into_iter().map(|(_, p)| p).collect();
    (paths(console), paths(tv))
}

/// The text and colour of the entity marked `C`, if there is one.
fn marked<C: Component>(app: &mut App) -> Option<(String, Color)> {
    let mut query = app
        .world_mut()
        .query_filtered::<(&Text, &TextColor), With<C>>();
    query
        .iter(app.world())
        .next()
        .map(|(t, c)| (t.0.clone(), c.0))
}

/// The console's Replay clip button: whether it is enabled, if it is there.
fn replay_button(app: &mut App) -> Option<bool> {
    let button = find_by::<ConsoleAction>(app, |a| *a == ConsoleAction::ReplayClip)?;
    Some(app.world().get::<Enabled>(button).unwrap().0)
}

/// Runs frames until the media of the question on screen are loaded and its game has
/// started (a first question waits for them), and a few more.
fn wait_for_media(app: &mut App) {
    update_until(app, "the question's media", |app| {
        let (cache, game) = (app.world().resource::<MediaCache>(), &session(app).game);
        media_of(game.current()).all(|(path, _)| cache.ready(path).is_some())
            && game.phase() != Phase::Ready
    });
    frames(app, 2);
}

#[test]
fn the_console_shows_the_whole_picture_and_the_clip_and_replays_it() {
    let data = temp_dir("console-media");
    let mut app = headless_app(&repo().join("quizzes"), &data, false);
    app.init_resource::<Replays>()
        .add_systems(Last, count_replays);
    app.world_mut().resource_mut::<Console>().asked = true;
    wait_for_screen(&mut app, Screen::Title);
    open_lobby(&mut app);
    type_text(&mut app, "z");
    type_text(&mut app, "v");
    // The sampler pack, on the lobby's Pack row.
    let sampler = |app: &App| {
        app.world()
            .resource::<ChosenPack>()
            .pack
            .title
            .contains("Picture & Sound")
    };
    for _ in 0..4 {
        if sampler(&app) {
            break;
        }
        let row = find_by::<LobbyRow>(&mut app, |r| *r == LobbyRow::Pack).unwrap();
        click(&mut app, row);
    }
    assert!(sampler(&app));
    // A picture with a clip and an answer's picture, then one uncovered tile by tile.
    app.world_mut().resource_mut::<SetupChoices>().seed =
        sampler_seed(&["picture-gold-records", "picture-who-made-what"]);
    click_console(&mut app, ConsoleAction::Start);
    wait_for_screen(&mut app, Screen::Question);
    let media = session(&app).game.current().media.clone();
    let (image, answer) = (media.image.unwrap(), media.reveal_image.unwrap());
    let clip = media.audio.expect("the question has a clip");
    wait_for_media(&mut app);

    // The picture on the console, as on the TV, filled from the cache.
    assert_eq!(
        pictures(&mut app),
        (vec![image.clone()], vec![image.clone()])
    );
    assert_eq!(count_on::<PictureImage>(&mut app).0, 1);
    // The clip's length (nothing plays here: no audio), and why the room hears nothing,
    // in the warning colour.
    let secs = clip
        .length()
        .expect("a checked clip's end is known")
        .round() as u64;
    let line = format!("♪ {}:{:02} clip", secs / 60, secs % 60);
    assert_eq!(marked::<ConsoleClip>(&mut app), Some((line, palette::TEXT)));
    let notice = app
        .world()
        .resource::<ClipPlayer>()
        .notice()
        .map(str::to_string);
    let notice = notice.expect("headless, there is no sound");
    assert_eq!(
        marked::<ConsoleClipNotice>(&mut app),
        Some((notice, palette::WARNING))
    );
    // Replay clip: the console's button asks what F8 asks.
    assert_eq!(replay_button(&mut app), Some(true));
    click_console(&mut app, ConsoleAction::ReplayClip);
    assert_eq!(app.world().resource::<Replays>().0, 1);
    press_logical(&mut app, Key::F8);
    assert_eq!(app.world().resource::<Replays>().0, 2);
    // The TV's legend (F1) names F8 for a question with a clip.
    press_logical(&mut app, Key::F1);
    frames(&mut app, 1);
    let legend = |app: &mut App| {
        let (tv, _) = trees(app);
        tv.into_iter().find(|t| t.starts_with("Enter next"))
    };
    assert_eq!(
        legend(&mut app).as_deref(),
        Some("Enter next · F8 replay clip · F1 hide")
    );

    // The reveal: the answer's picture, and the clip may be replayed.
    click_console(&mut app, ConsoleAction::Host(HostButton::Reveal));
    wait_for_screen(&mut app, Screen::Reveal);
    wait_for_media(&mut app);
    assert_eq!(pictures(&mut app).0, vec![answer]);
    assert_eq!(replay_button(&mut app), Some(true));
    click_console(&mut app, ConsoleAction::Next);
    wait_for_screen(&mut app, Screen::Scoreboard);
    frames(&mut app, 1);
    assert_eq!(replay_button(&mut app), Some(false));

    // A picture the TV uncovers tile by tile: the host sees it whole. No clip: no line,
    // no notice, no Replay.
    click_console(&mut app, ConsoleAction::Next);
    wait_for_screen(&mut app, Screen::Question);
    let image = session(&app).game.current().media.image.clone().unwrap();
    wait_for_media(&mut app);
    assert_eq!(pictures(&mut app), (vec![image.clone()], vec![image]));
    let (console_tiles, tv_tiles) = count_on::<Tile>(&mut app);
    assert_eq!(console_tiles, 0);
    assert!(tv_tiles > 0);
    assert_eq!(marked::<ConsoleClip>(&mut app), None);
    assert_eq!(marked::<ConsoleClipNotice>(&mut app), None);
    assert_eq!(replay_button(&mut app), None);
    assert_eq!(legend(&mut app).as_deref(), Some("Enter next · F1 hide"));
}
