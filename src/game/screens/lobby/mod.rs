//! The party lobby: players join, the host sets the game up and starts it.
//!
//! - **Joining**: a player presses any key of a free keyboard key group (its buzz key is
//!   the one shown) or any button of a gamepad; the seat gets a colour and a name. 2 to 8
//!   seats. A seat's later presses light its card, so everyone can test their keys.
//! - **Seats** (focus a card with ↑↓): Enter renames it (type, Enter; Esc cancels), ←→
//!   moves it to another team, Delete removes it.
//! - **Settings** (the host, with the keyboard or mouse): pack, format, questions, time,
//!   category, difficulty, round code, speed bonus, streak bonus, wrong-answer penalty,
//!   how often the scoreboard shows, teams (off, 2, 3, 4) and shuffling them.
//!
//! In a party every gamepad is a player's: the host runs the night from the keyboard and
//! mouse (see [`Bindings::party`]).

mod actions;
mod layout;
mod model;
mod phones;
mod rounds;
mod view;

use std::time::Duration;

use bevy::ecs::system::SystemParam;
use bevy::prelude::*;
use bevy::winit::EventLoopProxyWrapper;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use crate::core::game::{Format, Rules, ScoreboardEvery};
use crate::core::seat::{
    self, Device, MAX_LOCAL_SEATS, MIN_PARTY_SEATS, Seat, SeatId, TEAM_NAMES, Team, TeamId,
};
use crate::game::audio::Sfx;
use crate::game::clock::Now;
use crate::game::input::bindings::KEY_GROUPS;
use crate::game::input::{Bindings, MenuIntent, SeatPress, TextEntry, TextKey};
use crate::game::menu::{Activate, Adjust, Adjustable, MenuButton};
use crate::game::messages::RoundSystems;
use crate::game::night::SessionRequest;
use crate::game::packs::{PackAsset, PackLibrary};
use crate::game::preview::Preview;
use crate::game::round_setup::{self as setup, SetupChoices, SetupRow};
use crate::game::session::{ChosenPack, Session};
use crate::game::states::Screen;
use crate::game::theme::{Fonts, palette, widgets};
use crate::phones::Phones;

use actions::{act, adjust, join, remove, rename};
use layout::spawn;
pub use model::Lobby;
pub use rounds::{EditorAction, NightPlan, RoundsEditor};
pub use view::device_keys;
use view::{light_cards, refresh};

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Lobby),
        (enter, setup::prepare, rounds::sync_on_enter, spawn).chain(),
    )
    .add_systems(OnExit(Screen::Lobby), leave)
    .add_systems(
        Update,
        (
            setup::type_code
                .before(LobbySystems)
                .run_if(in_state(Screen::Lobby).and_then(resource_exists::<SetupChoices>)),
            // Before the session is carried out: Start opens the night this frame.
            (join, rename, act, adjust, remove, back)
                .chain()
                .in_set(LobbySystems)
                .before(RoundSystems::Session),
            // After the frame's input (a phone's join is seated in RoundSystems::Commands),
            // so a change shows in the frame that brought it: the reactive loop may not
            // run another one for a while.
            (light_cards, refresh)
                .chain()
                .after(RoundSystems::Commands)
                .after(LobbySystems),
        )
            .run_if(in_state(Screen::Lobby).and_then(resource_exists::<Lobby>)),
    )
    .add_plugins((phones::plugin, rounds::plugin));
}

/// Esc: closes the rounds editor, or goes back to the title.
fn back(
    mut backs: MessageReader<crate::game::menu::Back>,
    mut lobby: ResMut<Lobby>,
    mut next: ResMut<NextState<Screen>>,
) {
    if backs.read().count() == 0 {
        return;
    }
    if lobby.plan.editor {
        lobby.plan.editor = false;
    } else {
        next.set(Screen::Title);
    }
}

/// Open the game in the lobby (`defiant-trivia party [PACK]`).
#[derive(Resource, Debug, Clone, Copy)]
pub struct OpenLobby;

/// The first screen of `party [PACK]`, once loading is done (see
/// [`super::loading::advance`]): the lobby, with the pack given on the command line chosen.
pub(crate) fn open_at_start(
    commands: &mut Commands,
    preview: Option<&Preview>,
    library: &PackLibrary,
    packs: &Assets<PackAsset>,
) -> Screen {
    commands.remove_resource::<OpenLobby>();
    if let Some(entry) = preview.and_then(|p| library.entry(&p.display_path).cloned())
        && let Some(pack) = packs.get(&entry.handle).and_then(PackAsset::pack)
    {
        commands.insert_resource(ChosenPack {
            file_name: entry.file_name.clone(),
            pack: pack.clone(),
        });
    }
    Screen::Lobby
}

/// The lobby's systems (code typing runs before them).
#[derive(SystemSet, Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct LobbySystems;

/// Penalties offered for a wrong buzz-in answer.
pub const PENALTIES: [u32; 4] = [0, 100, 250, 500];

/// How often the scoreboard shows: after every question, every 3, every 5, only the end.
pub const SCOREBOARDS: [ScoreboardEvery; 4] = [
    ScoreboardEvery::Questions(1),
    ScoreboardEvery::Questions(3),
    ScoreboardEvery::Questions(5),
    ScoreboardEvery::End,
];

/// Team counts offered: 0 is no teams.
pub const TEAM_COUNTS: [usize; 4] = [0, 2, 3, 4];

/// Most seat chips the lobby shows (a crowd of phones); the rest are counted.
pub(crate) const MAX_CHIPS: usize = 28;
/// Most seat chips shown under the phone panel (five rows of four).
pub(crate) const PHONE_PANEL_CHIPS: usize = 20;

/// How long a seat's card lights up after one of its keys is pressed.
pub(crate) const FLASH: Duration = Duration::from_millis(600);

/// A row of the lobby's settings.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LobbyRow {
    Pack,
    /// The night's preset; Enter opens the rounds editor.
    Night,
    /// The round the round rows edit; Enter opens the rounds editor.
    Editing,
    Format,
    Round(SetupRow),
    Speed,
    Streak,
    Penalty,
    Scoreboard,
    Teams,
    Shuffle,
    Start,
    Back,
    /// Phone play on or off.
    Phones,
    /// Which of the machine's addresses the QR code carries.
    PhoneAddress,
    /// The question text on the phones too.
    PhoneText,
    /// The picture on the TV on the phones too.
    PhonePictures,
    /// The room open to new phones, or locked.
    PhoneRoom,
}

/// The phone rows, in the seats' column.
pub(crate) const PHONE_ROWS: [LobbyRow; 5] = [
    LobbyRow::Phones,
    LobbyRow::PhoneAddress,
    LobbyRow::PhoneText,
    LobbyRow::PhonePictures,
    LobbyRow::PhoneRoom,
];

pub(crate) const ROWS: [LobbyRow; 18] = [
    LobbyRow::Pack,
    LobbyRow::Night,
    LobbyRow::Editing,
    LobbyRow::Format,
    LobbyRow::Round(SetupRow::Questions),
    LobbyRow::Round(SetupRow::Seconds),
    LobbyRow::Round(SetupRow::Category),
    LobbyRow::Round(SetupRow::Difficulty),
    LobbyRow::Round(SetupRow::Watched),
    LobbyRow::Round(SetupRow::Code),
    LobbyRow::Speed,
    LobbyRow::Streak,
    LobbyRow::Penalty,
    LobbyRow::Scoreboard,
    LobbyRow::Teams,
    LobbyRow::Shuffle,
    LobbyRow::Start,
    LobbyRow::Back,
];

#[derive(Component)]
pub(crate) struct RowText(LobbyRow);

/// A seat's card; focusable, so the host can rename, move or remove it.
#[derive(Component, Debug, Clone, Copy)]
pub struct SeatCard(pub SeatId);

#[derive(Component)]
pub(crate) struct SeatList;

#[derive(Component)]
pub(crate) struct StatusLine;

/// Opens the lobby: a fresh one, the pack chosen (the library's default unless one is).
pub(crate) fn enter(
    mut commands: Commands,
    existing: Option<Res<Lobby>>,
    chosen: Option<Res<ChosenPack>>,
    library: Res<PackLibrary>,
    packs: Res<Assets<PackAsset>>,
    mut bindings: ResMut<Bindings>,
    phones: Res<Phones>,
) {
    // Back from a party: the same seats and settings, ready for another round.
    let mut lobby = existing.map(|l| l.clone()).unwrap_or_default();
    lobby.renaming = None;
    lobby.message = None;
    // Phones stopped (back on the title): their tokens died with the server, so their
    // seats cannot come back.
    if !phones.running() {
        lobby.seats.retain(|s| s.device != Device::Phone);
    }
    commands.insert_resource(lobby);
    *bindings = Bindings {
        party: true,
        solo: None,
        ..default()
    };
    // The documentary pack, else the first playable one.
    if chosen.is_none()
        && let Some(entry) = library.default_pack().or_else(|| library.playable().next())
        && let Some(pack) = packs.get(&entry.handle).and_then(PackAsset::pack)
    {
        commands.insert_resource(ChosenPack {
            file_name: entry.file_name.clone(),
            pack: pack.clone(),
        });
    }
}

pub(crate) fn leave(mut text: ResMut<TextEntry>) {
    text.close();
}
