//! Helpers for headless game tests: the real game plugins on `MinimalPlugins`, manual time,
//! and key presses injected as keyboard messages (as winit would send them).
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::time::Duration;

use bevy::asset::AssetMetaCheck;
use bevy::input::ButtonState;
use bevy::input::InputPlugin;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::state::app::StatesPlugin;
use bevy::time::TimeUpdateStrategy;
use defiant_trivia::game::persist::DataDir;
use defiant_trivia::game::states::Screen;

/// One frame of game time in headless tests.
pub const FRAME: Duration = Duration::from_millis(100);

/// The repository, as cargo names it when it runs the test (not when it built it): every
/// clone shares one target dir, so a test binary built in another clone may be reused here.
pub fn repo() -> PathBuf {
    std::env::var_os("CARGO_MANIFEST_DIR")
        .map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")), PathBuf::from)
}

/// The game without a window, reading packs from `quizzes` and saving into `data`.
pub fn headless_app(quizzes: &Path, data: &Path, watch: bool) -> App {
    headless_app_with(quizzes, data, watch, |_| {})
}

/// [`headless_app`], with `before_assets` run on the app before the asset plugin is added
/// (where asset sources are registered, e.g. for a preview).
pub fn headless_app_with(
    quizzes: &Path,
    data: &Path,
    watch: bool,
    before_assets: impl FnOnce(&mut App),
) -> App {
    headless_app_sourced(data, watch, |app, data| {
        defiant_trivia::game::packs::register_sources(app, quizzes, Some(&data.packs_dir()));
        before_assets(app);
    })
}

/// The game without a window saving into `data`, its asset sources registered by
/// `sources` before the asset plugin is added (e.g. only the packs built into the binary).
pub fn headless_app_sourced(
    data: &Path,
    watch: bool,
    sources: impl FnOnce(&mut App, &DataDir),
) -> App {
    let mut app = App::new();
    let data = DataDir(data.to_path_buf());
    sources(&mut app, &data);
    app.insert_resource(data)
        .add_plugins((
            MinimalPlugins,
            StatesPlugin,
            InputPlugin,
            AssetPlugin {
                file_path: repo().join("assets").to_string_lossy().into_owned(),
                watch_for_changes_override: Some(watch),
                meta_check: AssetMetaCheck::Never,
                ..default()
            },
        ))
        .add_plugins(defiant_trivia::game::plugin)
        .insert_resource(TimeUpdateStrategy::ManualDuration(FRAME));
    app
}

/// Runs frames until `done` holds, giving background asset loading real time between
/// frames. Panics with `what` if it never does.
pub fn update_until(app: &mut App, what: &str, mut done: impl FnMut(&mut App) -> bool) {
    for _ in 0..600 {
        app.update();
        if done(app) {
            return;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    panic!("timed out waiting for: {what}");
}

pub fn screen(app: &App) -> Screen {
    *app.world().resource::<State<Screen>>().get()
}

/// Runs frames until the game shows `wanted`.
pub fn wait_for_screen(app: &mut App, wanted: Screen) {
    update_until(app, &format!("{wanted:?}"), |app| screen(app) == wanted);
}

fn key_message(key: KeyCode, state: ButtonState) -> KeyboardInput {
    let logical_key = match key {
        KeyCode::Enter => Key::Enter,
        KeyCode::Escape => Key::Escape,
        KeyCode::Backspace => Key::Backspace,
        KeyCode::Space => Key::Space,
        KeyCode::Tab => Key::Tab,
        KeyCode::ArrowUp => Key::ArrowUp,
        KeyCode::ArrowDown => Key::ArrowDown,
        KeyCode::ArrowLeft => Key::ArrowLeft,
        KeyCode::ArrowRight => Key::ArrowRight,
        KeyCode::PageUp => Key::PageUp,
        KeyCode::PageDown => Key::PageDown,
        KeyCode::F11 => Key::F11,
        KeyCode::KeyA => Key::Character("a".into()),
        KeyCode::Digit0 => Key::Character("0".into()),
        KeyCode::Digit7 => Key::Character("7".into()),
        KeyCode::Digit8 => Key::Character("8".into()),
        KeyCode::Digit9 => Key::Character("9".into()),
        KeyCode::Digit1 => Key::Character("1".into()),
        KeyCode::Digit2 => Key::Character("2".into()),
        KeyCode::Digit3 => Key::Character("3".into()),
        KeyCode::Digit4 => Key::Character("4".into()),
        KeyCode::Digit5 => Key::Character("5".into()),
        KeyCode::Digit6 => Key::Character("6".into()),
        _ => Key::Unidentified(bevy::input::keyboard::NativeKey::Unidentified),
    };
    KeyboardInput {
        key_code: key,
        logical_key,
        state,
        text: None,
        repeat: false,
        window: Entity::PLACEHOLDER,
    }
}

/// Presses and releases a key, one frame each.
pub fn press(app: &mut App, key: KeyCode) {
    app.world_mut()
        .write_message(key_message(key, ButtonState::Pressed));
    app.update();
    app.world_mut()
        .write_message(key_message(key, ButtonState::Released));
    app.update();
}

/// Types text as character key presses.
pub fn type_text(app: &mut App, text: &str) {
    for ch in text.chars() {
        let message = KeyboardInput {
            key_code: KeyCode::Unidentified(bevy::input::keyboard::NativeKeyCode::Unidentified),
            logical_key: Key::Character(ch.to_string().into()),
            state: ButtonState::Pressed,
            text: Some(ch.to_string().into()),
            repeat: false,
            window: Entity::PLACEHOLDER,
        };
        app.world_mut().write_message(message);
        app.update();
    }
}

/// Runs `n` frames.
pub fn frames(app: &mut App, n: usize) {
    for _ in 0..n {
        app.update();
    }
}

/// A fresh empty folder under the system temp dir.
pub fn temp_dir(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!(
        "defiant-trivia-{name}-{}-{:?}",
        std::process::id(),
        std::thread::current().id()
    ));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Connects a virtual gamepad, as gilrs would report one.
pub fn connect_gamepad(app: &mut App) -> Entity {
    let pad = app.world_mut().spawn_empty().id();
    report_pad_connected(app, pad);
    app.update();
    app.update();
    pad
}

/// Reports `pad` connected (a new pad, or one plugged back in), as gilrs would; the frames
/// to take it in are the caller's.
pub fn report_pad_connected(app: &mut App, pad: Entity) {
    use bevy::input::gamepad::{GamepadConnection, GamepadConnectionEvent};
    app.world_mut().write_message(GamepadConnectionEvent::new(
        pad,
        GamepadConnection::Connected {
            name: "Test pad".to_string(),
            vendor_id: None,
            product_id: None,
        },
    ));
}

/// Presses and releases a gamepad button, one frame each.
pub fn pad_press(app: &mut App, pad: Entity, button: GamepadButton) {
    use bevy::input::gamepad::{RawGamepadButtonChangedEvent, RawGamepadEvent};
    for value in [1.0, 0.0] {
        app.world_mut()
            .write_message(RawGamepadEvent::Button(RawGamepadButtonChangedEvent::new(
                pad, button, value,
            )));
        app.update();
    }
}

/// Clicks a UI entity the way Bevy's picking reports it: pressed, then released to hovered.
pub fn click(app: &mut App, entity: Entity) {
    use bevy::window::CursorMoved;
    app.world_mut().write_message(CursorMoved {
        window: Entity::PLACEHOLDER,
        position: Vec2::ZERO,
        delta: None,
    });
    *app.world_mut().get_mut::<Interaction>(entity).unwrap() = Interaction::Pressed;
    app.update();
    if let Some(mut interaction) = app.world_mut().get_mut::<Interaction>(entity) {
        *interaction = Interaction::Hovered;
    }
    app.update();
}

/// The first entity with component `C` (a screen's button), if any.
pub fn find<C: Component>(app: &mut App) -> Option<Entity> {
    let mut query = app.world_mut().query_filtered::<Entity, With<C>>();
    query.iter(app.world()).next()
}

/// The entity with component `C` for which `pick` holds.
pub fn find_by<C: Component>(app: &mut App, pick: impl Fn(&C) -> bool) -> Option<Entity> {
    let mut query = app.world_mut().query::<(Entity, &C)>();
    query
        .iter(app.world())
        .find(|(_, c)| pick(c))
        .map(|(e, _)| e)
}

/// From the title screen to the party lobby, by the title's Party button.
pub fn open_lobby(app: &mut App) {
    let party = find_by::<defiant_trivia::game::screens::title::TitleAction>(app, |a| {
        *a == defiant_trivia::game::screens::title::TitleAction::Party
    })
    .unwrap();
    click(app, party);
    wait_for_screen(app, Screen::Lobby);
}

/// The lobby seat of `device`.
pub fn seat_of(
    app: &App,
    device: defiant_trivia::core::seat::Device,
) -> defiant_trivia::core::seat::SeatId {
    app.world()
        .resource::<defiant_trivia::game::screens::lobby::Lobby>()
        .seats
        .iter()
        .find(|s| s.device == device)
        .unwrap()
        .id
}

/// The text of `seat`'s chip on the question screen.
pub fn chip(app: &mut App, seat: defiant_trivia::core::seat::SeatId) -> String {
    let mut query = app
        .world_mut()
        .query::<(&defiant_trivia::game::screens::question::SeatChip, &Text)>();
    query
        .iter(app.world())
        .find(|(c, _)| c.0 == seat)
        .map(|(_, t)| t.0.clone())
        .unwrap_or_default()
}

/// The key on the digit row that types `digit` (0 to 9).
pub fn digit_key(digit: usize) -> KeyCode {
    [
        KeyCode::Digit0,
        KeyCode::Digit1,
        KeyCode::Digit2,
        KeyCode::Digit3,
        KeyCode::Digit4,
        KeyCode::Digit5,
        KeyCode::Digit6,
        KeyCode::Digit7,
        KeyCode::Digit8,
        KeyCode::Digit9,
    ][digit]
}

/// A seed whose round of the documentary pack opens with `n` multiple-choice questions
/// (whatever the round's length: a shorter round is a prefix of a longer one). Tests that
/// answer options by key use it; the pack also has order and number questions.
pub fn choices_first_seed(n: usize) -> u64 {
    use defiant_trivia::core::round::Asked;
    seed_where(n, |asked| asked.iter().all(|a| **a == Asked::Choice))
        .expect("a seed opening with choices")
}

/// The first seed whose round of the documentary pack (the whole pack watched) asks, in its
/// first `n` questions, what `wanted` accepts.
pub fn seed_where(
    n: usize,
    wanted: impl Fn(&[&defiant_trivia::core::round::Asked]) -> bool,
) -> Option<u64> {
    use defiant_trivia::core::round::pick_questions;
    let pack = defiant_trivia::core::check_file(&repo().join("quizzes/the-defiant-ones.ron"))
        .pack
        .expect("the documentary pack is valid");
    (1..10_000u64).find(|&seed| {
        let settings = defiant_trivia::core::RoundSettings {
            question_count: None,
            seed,
            ..Default::default()
        };
        let questions = pick_questions(&pack, &settings);
        let asked: Vec<_> = questions.iter().take(n).map(|q| &q.asked).collect();
        wanted(&asked)
    })
}

/// Sets the next round's seed (setup or lobby) so that it opens with `n` choices.
pub fn choices_first(app: &mut App, n: usize) {
    app.world_mut()
        .resource_mut::<defiant_trivia::game::round_setup::SetupChoices>()
        .seed = choices_first_seed(n);
}

/// From start-up to the first question of the documentary pack with `count_steps` presses
/// of Right on the question-count row (0 = 10 questions; 3 = 5 questions); the round's
/// questions are all multiple choice.
pub fn start_round(app: &mut App, count_steps: usize) {
    wait_for_screen(app, Screen::Title);
    press(app, KeyCode::Enter); // Play
    wait_for_screen(app, Screen::PackPicker);
    press(app, KeyCode::Enter); // the default pack, listed first
    wait_for_screen(app, Screen::Setup);
    choices_first(app, 10);
    for _ in 0..count_steps {
        press(app, KeyCode::ArrowRight);
    }
    for _ in 0..7 {
        press(app, KeyCode::ArrowDown); // down to "Start round" (past "Watched up to")
    }
    press(app, KeyCode::Enter);
    wait_for_screen(app, Screen::Question);
}

/// A key that types `ch`, as winit reports a letter key.
pub fn char_message(ch: char, state: ButtonState) -> KeyboardInput {
    KeyboardInput {
        key_code: KeyCode::Unidentified(bevy::input::keyboard::NativeKeyCode::Unidentified),
        logical_key: Key::Character(ch.to_string().into()),
        state,
        text: (state == ButtonState::Pressed).then(|| ch.to_string().into()),
        repeat: false,
        window: Entity::PLACEHOLDER,
    }
}

/// Presses the keys typing `chars` all in one frame (players pressing at once), then
/// releases them the next frame.
pub fn press_together(app: &mut App, chars: &[char]) {
    for &ch in chars {
        app.world_mut()
            .write_message(char_message(ch, ButtonState::Pressed));
    }
    app.update();
    for &ch in chars {
        app.world_mut()
            .write_message(char_message(ch, ButtonState::Released));
    }
    app.update();
}

/// Presses and releases a key that has a logical meaning only (F keys, Delete).
pub fn press_logical(app: &mut App, key: Key) {
    for state in [ButtonState::Pressed, ButtonState::Released] {
        app.world_mut().write_message(KeyboardInput {
            key_code: KeyCode::Unidentified(bevy::input::keyboard::NativeKeyCode::Unidentified),
            logical_key: key.clone(),
            state,
            text: None,
            repeat: false,
            window: Entity::PLACEHOLDER,
        });
        app.update();
    }
}

/// In the lobby: round 1 of five questions (10 → 20 → all → 5), then in the rounds editor
/// a second round for double points and a final; checks the plan and the Night row.
pub fn classic_in_the_editor(app: &mut App) {
    use defiant_trivia::core::game::{Modifier, RoundKind};
    use defiant_trivia::game::round_setup::SetupRow;
    use defiant_trivia::game::screens::lobby::{EditorAction, Lobby, LobbyRow, RoundsEditor};
    let click_row = |app: &mut App, row: LobbyRow| {
        let entity = find_by::<LobbyRow>(app, |r| *r == row).unwrap();
        click(app, entity);
    };
    for _ in 0..3 {
        click_row(app, LobbyRow::Round(SetupRow::Questions));
    }
    click_row(app, LobbyRow::Night);
    for action in [
        EditorAction::Add,
        EditorAction::Kind,
        EditorAction::Add,
        EditorAction::Kind,
        EditorAction::Kind,
        EditorAction::Done,
    ] {
        frames(app, 2);
        let button = find_by::<EditorAction>(app, |a| *a == action).expect("the rounds editor");
        click(app, button);
    }
    frames(app, 2);
    assert!(find::<RoundsEditor>(app).is_none());
    let plan = &app.world().resource::<Lobby>().plan.rounds;
    assert_eq!(
        plan.iter()
            .map(|r| (r.kind, r.modifier, r.count))
            .collect::<Vec<_>>(),
        vec![
            (RoundKind::Regular, Modifier::Normal, Some(5)),
            (RoundKind::Regular, Modifier::Double, Some(5)),
            (RoundKind::Final, Modifier::Normal, Some(1)),
        ]
    );
    let mut texts = app.world_mut().query::<&Text>();
    let texts: Vec<String> = texts.iter(app.world()).map(|t| t.0.clone()).collect();
    assert!(
        texts
            .iter()
            .any(|t| t.starts_with("Night:  ‹ Custom: 3 rounds")),
        "{texts:?}"
    );
}
