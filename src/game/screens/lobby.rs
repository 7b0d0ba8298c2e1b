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

use std::time::Duration;

use bevy::ecs::system::SystemParam;
use bevy::input::gamepad::GamepadButtonStateChangedEvent;
use bevy::input::keyboard::{Key, KeyboardInput};
use bevy::prelude::*;
use bevy::winit::EventLoopProxyWrapper;
use rand::SeedableRng;
use rand::rngs::Xoshiro256PlusPlus;
use rand::seq::SliceRandom;

use super::setup::{self, SetupChoices, SetupRow};
use crate::core::game::{Format, Rules, ScoreboardEvery};
use crate::core::seat::{
    self, Device, MAX_LOCAL_SEATS, MIN_PARTY_SEATS, Seat, SeatId, TEAM_NAMES, Team, TeamId,
};
use crate::game::audio::Sfx;
use crate::game::clock::Now;
use crate::game::menu::{Activate, Adjust, Adjustable, Back, MenuButton, Typing};
use crate::game::night::SessionRequest;
use crate::game::packs::{PackAsset, PackLibrary};
use crate::game::preview::Preview;
use crate::game::seat_input::{Bindings, KEY_GROUPS, key_group_of};
use crate::game::session::{ChosenPack, Session};
use crate::game::states::Screen;
use crate::game::theme::{Fonts, palette, widgets};
use crate::phones::Phones;

pub fn plugin(app: &mut App) {
    app.add_systems(
        OnEnter(Screen::Lobby),
        (enter, setup::prepare, spawn).chain(),
    )
    .add_systems(OnExit(Screen::Lobby), leave)
    .add_systems(
        Update,
        (join, rename, act, adjust, remove, back, refresh)
            .chain()
            .in_set(LobbySystems)
            .run_if(in_state(Screen::Lobby).and_then(resource_exists::<Lobby>)),
    );
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
const MAX_CHIPS: usize = 28;
/// How long a seat's card lights up after one of its keys is pressed.
const FLASH: Duration = Duration::from_millis(600);

/// The lobby's state: seats and the party's own settings (the round's are
/// [`SetupChoices`], shared with solo setup).
#[derive(Resource, Debug, Clone, PartialEq)]
pub struct Lobby {
    pub seats: Vec<Seat>,
    pub pads: Vec<(Entity, SeatId)>,
    pub format: Format,
    pub speed_bonus: bool,
    pub streak_bonus: bool,
    pub penalty: usize,
    pub scoreboard: usize,
    /// Index into [`TEAM_COUNTS`].
    pub teams: usize,
    /// Seat being renamed, with the name typed so far.
    pub renaming: Option<(SeatId, String)>,
    /// The last press of each seat, for lighting its card.
    pub pressed: Vec<(SeatId, Duration)>,
    pub message: Option<String>,
    next_id: u32,
}

impl Default for Lobby {
    fn default() -> Self {
        Self {
            seats: Vec::new(),
            pads: Vec::new(),
            format: Format::EveryoneAnswers,
            speed_bonus: true,
            streak_bonus: true,
            penalty: 2,
            scoreboard: 0,
            teams: 0,
            renaming: None,
            pressed: Vec::new(),
            message: None,
            next_id: 0,
        }
    }
}

impl Lobby {
    /// The lobby of a resumed night: its seats and rules, as the night had them.
    pub fn resumed(session: &Session) -> Self {
        let rules = &session.rules;
        let seats: Vec<Seat> = session
            .game
            .players()
            .iter()
            .filter(|p| !p.removed)
            .map(|p| p.seat.clone())
            .collect();
        let next_id = seats
            .iter()
            .filter(|s| s.device != Device::Phone)
            .map(|s| s.id.0 + 1)
            .max()
            .unwrap_or(0);
        Self {
            seats,
            format: rules.format,
            speed_bonus: rules.speed_bonus,
            streak_bonus: rules.streak_bonus,
            penalty: PENALTIES
                .iter()
                .position(|&p| p == rules.wrong_penalty)
                .unwrap_or(2),
            scoreboard: SCOREBOARDS
                .iter()
                .position(|&s| s == rules.scoreboard)
                .unwrap_or(0),
            teams: TEAM_COUNTS
                .iter()
                .position(|&n| n == session.teams.len())
                .unwrap_or(0),
            next_id,
            ..default()
        }
    }

    pub fn team_count(&self) -> usize {
        TEAM_COUNTS[self.teams]
    }

    pub fn teams(&self) -> Vec<Team> {
        (0..self.team_count())
            .map(|i| Team {
                id: TeamId(i as u8),
                name: TEAM_NAMES[i].to_string(),
            })
            .collect()
    }

    /// The rules the host chose.
    pub fn rules(&self) -> Rules {
        Rules {
            speed_bonus: self.speed_bonus,
            streak_bonus: self.streak_bonus,
            wrong_penalty: PENALTIES[self.penalty],
            scoreboard: SCOREBOARDS[self.scoreboard],
            ..Rules::party(self.format)
        }
    }

    /// Adds a seat on `device`; `None` when the party is full.
    pub fn add_seat(&mut self, device: Device) -> Option<SeatId> {
        if self.local_seats() >= MAX_LOCAL_SEATS {
            self.message = Some(format!(
                "The party is full: {MAX_LOCAL_SEATS} players at most."
            ));
            return None;
        }
        let id = SeatId(self.next_id);
        self.next_id += 1;
        let colour = self.next_colour();
        let number = (1..)
            .find(|n| !self.seats.iter().any(|s| s.name == format!("Player {n}")))
            .unwrap_or(1);
        let team = self.next_team();
        self.seats.push(Seat {
            id,
            name: format!("Player {number}"),
            colour,
            device,
            team,
        });
        self.message = None;
        Some(id)
    }

    /// Adds a phone's seat (its id comes from the phone server; phones do not count
    /// against the local seats).
    pub fn add_phone(&mut self, id: SeatId, name: String) -> Seat {
        let colour = self.next_colour();
        let team = self.next_team();
        let seat = Seat {
            id,
            name,
            colour,
            device: Device::Phone,
            team,
        };
        self.seats.push(seat.clone());
        seat
    }

    /// The colour least used so far (lowest first): colours repeat only past eight seats.
    fn next_colour(&self) -> u8 {
        (0..seat::SEAT_COLOURS)
            .min_by_key(|c| (self.seats.iter().filter(|s| s.colour == *c).count(), *c))
            .unwrap_or(0)
    }

    /// The team a new seat is dealt into, in turn (none without teams).
    fn next_team(&self) -> Option<TeamId> {
        let n = self.team_count();
        (n > 0).then(|| TeamId((self.seats.len() % n) as u8))
    }

    /// Local seats (keyboard groups and gamepads): at most [`MAX_LOCAL_SEATS`].
    pub fn local_seats(&self) -> usize {
        self.seats
            .iter()
            .filter(|s| s.device != Device::Phone)
            .count()
    }

    pub fn remove_seat(&mut self, id: SeatId) {
        self.seats.retain(|s| s.id != id);
        self.pads.retain(|(_, s)| *s != id);
    }

    /// Deals the seats into the teams in turn (after a change of team count).
    pub fn deal_teams(&mut self) {
        let n = self.team_count();
        for (i, seat) in self.seats.iter_mut().enumerate() {
            seat.team = (n > 0).then(|| TeamId((i % n) as u8));
        }
    }

    /// Shuffles the seats into teams as evenly as they go, with the round's seed.
    pub fn shuffle_teams(&mut self, seed: u64) {
        let n = self.team_count();
        if n == 0 {
            return;
        }
        let mut order: Vec<usize> = (0..self.seats.len()).collect();
        order.shuffle(&mut Xoshiro256PlusPlus::seed_from_u64(seed ^ 0x7EA5));
        for (slot, i) in order.into_iter().enumerate() {
            self.seats[i].team = Some(TeamId((slot % n) as u8));
        }
    }

    /// Why the party cannot start yet, if it cannot.
    pub fn not_ready(&self) -> Option<String> {
        if self.seats.len() < MIN_PARTY_SEATS {
            return Some(format!(
                "At least {MIN_PARTY_SEATS} players must join first."
            ));
        }
        let n = self.team_count();
        if n > 0 {
            if self.seats.len() < n {
                return Some(format!("{n} teams need at least {n} players."));
            }
            for (team, name) in TEAM_NAMES.iter().enumerate().take(n) {
                if !self
                    .seats
                    .iter()
                    .any(|s| s.team == Some(TeamId(team as u8)))
                {
                    return Some(format!("{name} has nobody in it."));
                }
            }
        }
        None
    }

    fn key_group_free(&self, group: usize) -> bool {
        !self
            .seats
            .iter()
            .any(|s| s.device == Device::Keys(group as u8))
    }
}

/// A row of the lobby's settings.
#[derive(Component, Debug, Clone, Copy, PartialEq, Eq)]
pub enum LobbyRow {
    Pack,
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
    /// The room open to new phones, or locked.
    PhoneRoom,
}

/// The phone rows, in the seats' column.
const PHONE_ROWS: [LobbyRow; 4] = [
    LobbyRow::Phones,
    LobbyRow::PhoneAddress,
    LobbyRow::PhoneText,
    LobbyRow::PhoneRoom,
];

const ROWS: [LobbyRow; 16] = [
    LobbyRow::Pack,
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
struct RowText(LobbyRow);

/// A seat's card; focusable, so the host can rename, move or remove it.
#[derive(Component, Debug, Clone, Copy)]
pub struct SeatCard(pub SeatId);

#[derive(Component)]
struct SeatList;

#[derive(Component)]
struct StatusLine;

/// Opens the lobby: a fresh one, the pack chosen (the library's default unless one is).
fn enter(
    mut commands: Commands,
    existing: Option<Res<Lobby>>,
    chosen: Option<Res<ChosenPack>>,
    library: Res<PackLibrary>,
    packs: Res<Assets<PackAsset>>,
    mut bindings: ResMut<Bindings>,
) {
    // Back from a party: the same seats and settings, ready for another round.
    let mut lobby = existing.map(|l| l.clone()).unwrap_or_default();
    lobby.renaming = None;
    lobby.message = None;
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

fn leave(mut typing: ResMut<Typing>) {
    typing.0 = false;
}

fn spawn(mut commands: Commands, fonts: Res<Fonts>) {
    commands
        .spawn((
            widgets::round_root("Lobby screen", JustifyContent::FlexStart, 10.0),
            DespawnOnExit(Screen::Lobby),
        ))
        .with_children(|root| {
            root.spawn(widgets::text("Party lobby", &fonts.bold, 44.0, palette::ACCENT));
            root.spawn(widgets::text(
                "Join: press your group's buzz key (or any of its keys), or any button on a gamepad · 2–8 players",
                &fonts.regular,
                20.0,
                palette::TEXT,
            ));
            root.spawn(Node {
                width: percent(100),
                flex_grow: 1.0,
                column_gap: px(20),
                ..default()
            })
            .with_children(|columns| {
                columns.spawn((
                    SeatList,
                    Node {
                        width: percent(50),
                        flex_direction: FlexDirection::Column,
                        row_gap: px(5),
                        overflow: Overflow::clip(),
                        ..default()
                    },
                ));
                columns
                    .spawn(Node {
                        width: percent(50),
                        flex_direction: FlexDirection::Column,
                        row_gap: px(3),
                        ..default()
                    })
                    .with_children(|list| {
                        for (order, row) in ROWS.iter().enumerate() {
                            list.spawn((
                                Button,
                                MenuButton {
                                    order: 100 + order,
                                    group: 0,
                                },
                                Adjustable,
                                *row,
                                widgets::list_row(30.0, UiRect::axes(px(14), px(0))),
                                children![(widgets::text("", &fonts.bold, 19.0, palette::TEXT), RowText(*row))],
                            ));
                        }
                    });
            });
            root.spawn((widgets::text("", &fonts.regular, 20.0, palette::TEXT_MUTED), StatusLine));
            root.spawn(widgets::hint(
                "↑↓ choose · ←→ change · Enter select · on a player: Enter rename, ←→ team, Delete remove · Esc back",
                &fonts.regular,
            ));
        });
}

/// Joins (or lights up) the seat of each key group and gamepad pressed.
fn join(
    mut keys: MessageReader<KeyboardInput>,
    mut buttons: MessageReader<GamepadButtonStateChangedEvent>,
    typing: Res<Typing>,
    mut lobby: ResMut<Lobby>,
    now: Now,
    mut sfx: MessageWriter<Sfx>,
) {
    let at = now.now();
    let mut pressed: Vec<SeatId> = Vec::new();
    if typing.0 {
        keys.clear();
    }
    for key in keys.read().filter(|k| k.state.is_pressed() && !k.repeat) {
        let Key::Character(s) = &key.logical_key else {
            continue;
        };
        let Some((group, _)) = s.chars().next().and_then(key_group_of) else {
            continue;
        };
        if lobby.key_group_free(group) {
            if let Some(id) = lobby.add_seat(Device::Keys(group as u8)) {
                pressed.push(id);
            }
        } else if let Some(seat) = lobby
            .seats
            .iter()
            .find(|s| s.device == Device::Keys(group as u8))
        {
            pressed.push(seat.id);
        }
    }
    for event in buttons.read().filter(|e| e.state.is_pressed()) {
        if let Some((_, seat)) = lobby.pads.iter().find(|(pad, _)| *pad == event.entity) {
            pressed.push(*seat);
            continue;
        }
        let number = (0..u8::MAX)
            .find(|n| !lobby.seats.iter().any(|s| s.device == Device::Gamepad(*n)))
            .unwrap_or(0);
        if let Some(id) = lobby.add_seat(Device::Gamepad(number)) {
            lobby.pads.push((event.entity, id));
            pressed.push(id);
        }
    }
    if !pressed.is_empty() {
        sfx.write(Sfx::Select);
        lobby.pressed.retain(|(s, _)| !pressed.contains(s));
        lobby.pressed.extend(pressed.into_iter().map(|s| (s, at)));
    }
}

/// Typing a seat's new name.
fn rename(
    mut keys: MessageReader<KeyboardInput>,
    mut lobby: ResMut<Lobby>,
    mut typing: ResMut<Typing>,
    phones: Res<Phones>,
) {
    let Some((seat, mut typed)) = lobby.renaming.clone() else {
        return;
    };
    let mut done = None;
    for key in keys.read().filter(|k| k.state.is_pressed()) {
        match &key.logical_key {
            Key::Enter => done = Some(true),
            Key::Escape => done = Some(false),
            Key::Backspace => {
                typed.pop();
            }
            Key::Space => typed.push(' '),
            Key::Character(s) if typed.chars().count() < seat::MAX_NAME_CHARS => {
                typed.push_str(s);
            }
            _ => {}
        }
    }
    match done {
        Some(true) => {
            if let Some(name) = seat::clean_name(&typed) {
                let others: Vec<String> = lobby
                    .seats
                    .iter()
                    .filter(|s| s.id != seat)
                    .map(|s| s.name.clone())
                    .collect();
                let name = seat::unique_name(&name, others.iter().map(String::as_str));
                phones.rename(seat, &name);
                if let Some(s) = lobby.seats.iter_mut().find(|s| s.id == seat) {
                    s.name = name;
                }
            }
            lobby.renaming = None;
            typing.0 = false;
        }
        Some(false) => {
            lobby.renaming = None;
            typing.0 = false;
        }
        None => {
            if lobby.renaming.as_ref().map(|(_, t)| t) != Some(&typed) {
                lobby.renaming = Some((seat, typed));
            }
        }
    }
}

fn cycle(value: &mut usize, len: usize, step: i32) {
    *value = (*value as i64 + i64::from(step)).rem_euclid(len as i64) as usize;
}

/// What the lobby's rows change: the lobby, the round's choices and the pack.
#[derive(SystemParam)]
pub struct LobbySettings<'w> {
    lobby: ResMut<'w, Lobby>,
    choices: ResMut<'w, SetupChoices>,
    chosen: Option<ResMut<'w, ChosenPack>>,
    library: Res<'w, PackLibrary>,
    packs: Res<'w, Assets<PackAsset>>,
    phones: ResMut<'w, Phones>,
    proxy: Option<Res<'w, EventLoopProxyWrapper>>,
}

impl LobbySettings<'_> {
    /// Changes a setting row by `step` (Left/Right, or Enter = one step on).
    fn change(&mut self, row: LobbyRow, step: i32) {
        let (lobby, choices) = (&mut *self.lobby, &mut *self.choices);
        lobby.message = None;
        match row {
            LobbyRow::Pack => {
                let playable: Vec<_> = self.library.playable().collect();
                if playable.is_empty() {
                    return;
                }
                let at = self
                    .chosen
                    .as_ref()
                    .and_then(|c| playable.iter().position(|e| e.file_name == c.file_name))
                    .unwrap_or(0);
                let mut i = at;
                cycle(&mut i, playable.len(), step);
                if let (Some(chosen), Some(pack)) = (
                    self.chosen.as_mut(),
                    self.packs
                        .get(&playable[i].handle)
                        .and_then(PackAsset::pack),
                ) {
                    chosen.file_name = playable[i].file_name.clone();
                    chosen.pack = pack.clone();
                    // Categories differ between packs.
                    choices.category = 0;
                }
            }
            LobbyRow::Format => {
                lobby.format = match lobby.format {
                    Format::EveryoneAnswers => Format::BuzzIn,
                    Format::BuzzIn => Format::EveryoneAnswers,
                }
            }
            LobbyRow::Round(setup_row) => {
                if let Some(chosen) = self.chosen.as_ref() {
                    setup::change(setup_row, step, chosen, choices);
                }
            }
            LobbyRow::Speed => lobby.speed_bonus = !lobby.speed_bonus,
            LobbyRow::Streak => lobby.streak_bonus = !lobby.streak_bonus,
            LobbyRow::Penalty => cycle(&mut lobby.penalty, PENALTIES.len(), step),
            LobbyRow::Scoreboard => cycle(&mut lobby.scoreboard, SCOREBOARDS.len(), step),
            LobbyRow::Teams => {
                cycle(&mut lobby.teams, TEAM_COUNTS.len(), step);
                lobby.deal_teams();
            }
            LobbyRow::Phones => {
                if self.phones.running() {
                    self.phones.stop(Some(lobby));
                } else {
                    self.phones
                        .start(crate::phones::waker(self.proxy.as_deref()));
                }
            }
            LobbyRow::PhoneAddress => {
                let n = self.phones.addresses.len();
                if n > 1 {
                    let mut i = self.phones.address;
                    cycle(&mut i, n, step);
                    self.phones.address = i;
                }
            }
            LobbyRow::PhoneText => self.phones.show_text = !self.phones.show_text,
            LobbyRow::PhoneRoom => {
                let locked = !self.phones.locked;
                self.phones.set_locked(locked);
            }
            LobbyRow::Shuffle | LobbyRow::Start | LobbyRow::Back => {}
        }
    }
}

fn adjust(
    mut adjusts: MessageReader<Adjust>,
    rows: Query<&LobbyRow>,
    cards: Query<&SeatCard>,
    mut settings: LobbySettings,
) {
    for adjust in adjusts.read() {
        if let Ok(row) = rows.get(adjust.entity) {
            settings.change(*row, adjust.step);
        } else if let Ok(card) = cards.get(adjust.entity) {
            let lobby = &mut *settings.lobby;
            let n = lobby.team_count();
            if n == 0 {
                lobby.message = Some("Turn teams on first (the Teams row).".to_string());
                continue;
            }
            if let Some(seat) = lobby.seats.iter_mut().find(|s| s.id == card.0) {
                let mut team = seat.team.map_or(0, |t| usize::from(t.0));
                cycle(&mut team, n, adjust.step);
                seat.team = Some(TeamId(team as u8));
            }
        }
    }
}

fn act(
    mut activated: MessageReader<Activate>,
    rows: Query<&LobbyRow>,
    cards: Query<&SeatCard>,
    mut settings: LobbySettings,
    mut typing: ResMut<Typing>,
    mut requests: MessageWriter<SessionRequest>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        if let Ok(card) = cards.get(*entity) {
            let lobby = &mut *settings.lobby;
            if let Some(seat) = lobby.seats.iter().find(|s| s.id == card.0) {
                lobby.renaming = Some((seat.id, seat.name.clone()));
                typing.0 = true;
            }
            continue;
        }
        let Ok(row) = rows.get(*entity) else { continue };
        let lobby = &mut *settings.lobby;
        match row {
            LobbyRow::Round(SetupRow::Code) => {
                settings.choices.typing = Some(String::new());
                settings.choices.message = None;
                typing.0 = true;
            }
            LobbyRow::Shuffle => {
                if lobby.team_count() == 0 {
                    lobby.message = Some("Turn teams on first (the Teams row).".to_string());
                } else {
                    lobby.shuffle_teams(settings.choices.seed ^ rand::random::<u64>());
                }
            }
            LobbyRow::Start => {
                if let Some(why) = lobby.not_ready() {
                    lobby.message = Some(why);
                    continue;
                }
                let Some(chosen) = settings.chosen.as_deref() else {
                    lobby.message = Some("No playable pack: add one to quizzes/.".to_string());
                    continue;
                };
                let mut round = settings.choices.settings(&chosen.pack);
                round.max_options = Some(4);
                let teams = lobby.teams();
                match Session::party(chosen, round, lobby.rules(), lobby.seats.clone(), teams) {
                    Ok(session) => {
                        let bindings = party_bindings(&session.game, &lobby.pads);
                        requests.write(SessionRequest::Begin(Box::new(session), bindings));
                    }
                    Err(e) => lobby.message = Some(format!("Cannot start: {e}.")),
                }
            }
            LobbyRow::Back => next.set(Screen::Title),
            other => settings.change(*other, 1),
        }
    }
}

/// Which device drives which seat of a night, derived from its roster (the core game's
/// seats): each key group's seat, and the pads given (the lobby's; none for a resumed
/// night, whose pads take their seats again as they press, see [`Bindings::rebind_pad`]).
pub fn party_bindings(game: &crate::core::game::Game, pads: &[(Entity, SeatId)]) -> Bindings {
    let mut bindings = Bindings {
        party: true,
        solo: None,
        pads: pads
            .iter()
            .filter(|(_, seat)| game.player(*seat).is_some())
            .copied()
            .collect(),
        ..default()
    };
    for player in game.players() {
        if let Device::Keys(group) = player.seat.device
            && let Some(slot) = bindings.keys.get_mut(usize::from(group))
        {
            *slot = Some(player.seat.id);
        }
    }
    bindings
}

/// Delete (or Backspace) on a focused seat card removes that seat.
fn remove(
    keys: Res<ButtonInput<Key>>,
    focus: Res<crate::game::menu::Focus>,
    cards: Query<&SeatCard>,
    typing: Res<Typing>,
    mut lobby: ResMut<Lobby>,
    mut phones: ResMut<Phones>,
) {
    if typing.0 || !(keys.just_pressed(Key::Delete) || keys.just_pressed(Key::Backspace)) {
        return;
    }
    if let Some(card) = focus.0.and_then(|f| cards.get(f).ok()) {
        // A phone is kicked: disconnected, and its name kept out for the party.
        if let Some(seat) = lobby
            .seats
            .iter()
            .find(|s| s.id == card.0 && s.device == Device::Phone)
        {
            phones.kick(seat.id, &seat.name);
        }
        lobby.remove_seat(card.0);
    }
}

fn back(mut backs: MessageReader<Back>, typing: Res<Typing>, mut next: ResMut<NextState<Screen>>) {
    if backs.read().count() > 0 && !typing.0 {
        next.set(Screen::Title);
    }
}

fn row_label(
    row: LobbyRow,
    lobby: &Lobby,
    choices: &SetupChoices,
    chosen: Option<&ChosenPack>,
    phones: &Phones,
) -> String {
    let on = |b: bool| if b { "on" } else { "off" };
    match row {
        LobbyRow::Pack => format!(
            "Pack:  ‹ {} ›",
            chosen.map_or("none", |c| c.pack.title.as_str())
        ),
        LobbyRow::Format => format!("Format:  ‹ {} ›", lobby.format.label()),
        LobbyRow::Round(setup_row) => {
            chosen.map_or(String::new(), |c| setup::label(setup_row, choices, c))
        }
        LobbyRow::Speed => format!("Speed bonus:  ‹ {} ›", on(lobby.speed_bonus)),
        LobbyRow::Streak => format!("Streak bonus:  ‹ {} ›", on(lobby.streak_bonus)),
        LobbyRow::Penalty => format!("Wrong buzz-in answer:  ‹ −{} ›", PENALTIES[lobby.penalty]),
        LobbyRow::Scoreboard => match SCOREBOARDS[lobby.scoreboard] {
            ScoreboardEvery::Questions(1) => "Scoreboard:  ‹ after every question ›".to_string(),
            ScoreboardEvery::Questions(n) => format!("Scoreboard:  ‹ every {n} questions ›"),
            ScoreboardEvery::End => "Scoreboard:  ‹ only at the end ›".to_string(),
        },
        LobbyRow::Teams => match lobby.team_count() {
            0 => "Teams:  ‹ off ›".to_string(),
            n => format!("Teams:  ‹ {n} (score = members' average) ›"),
        },
        LobbyRow::Shuffle => "Shuffle teams".to_string(),
        LobbyRow::Start => "▶  Start party".to_string(),
        LobbyRow::Back => "Back".to_string(),
        LobbyRow::Phones => match (phones.running(), &phones.error) {
            (true, _) => "Phones:  ‹ on ›".to_string(),
            (false, Some(_)) => "Phones:  ‹ off (could not start) ›".to_string(),
            (false, None) => "Phones:  ‹ off ›  (players join on their phones)".to_string(),
        },
        LobbyRow::PhoneAddress => format!("Address:  ‹ {} ›", phones.address_label()),
        LobbyRow::PhoneText => format!("Question on phones:  ‹ {} ›", on(phones.show_text)),
        LobbyRow::PhoneRoom => {
            if phones.locked {
                "New phones:  ‹ room locked ›".to_string()
            } else {
                "New phones:  ‹ welcome ›".to_string()
            }
        }
    }
}

/// The keys or buttons of a seat's device, as its card shows them.
pub fn device_keys(device: Device) -> String {
    match device {
        Device::Keys(group) => KEY_GROUPS
            .get(usize::from(group))
            .map_or(String::new(), |g| g.describe()),
        Device::Gamepad(_) => "A B X Y answer, shoulder buzzes".to_string(),
        Device::Phone => "on their phone".to_string(),
        Device::Solo => String::new(),
    }
}

fn refresh(
    lobby: Res<Lobby>,
    choices: Res<SetupChoices>,
    chosen: Option<Res<ChosenPack>>,
    phones: Res<Phones>,
    fonts: Res<Fonts>,
    now: Now,
    list: Query<Entity, With<SeatList>>,
    cards: Query<(Entity, &SeatCard)>,
    rows: Query<&LobbyRow>,
    mut texts: Query<(&RowText, &mut Text)>,
    mut status: Query<&mut Text, (With<StatusLine>, Without<RowText>)>,
    mut borders: Query<(&SeatCard, &mut BackgroundColor)>,
    added: Query<(), Added<RowText>>,
    mut commands: Commands,
    mut focus: ResMut<crate::game::menu::Focus>,
) {
    let changed = lobby.is_changed()
        || choices.is_changed()
        || phones.is_changed()
        || chosen.as_ref().is_some_and(|c| c.is_changed());
    // Cards light up for a moment after their seat's key.
    let at = now.now();
    for (card, mut background) in &mut borders {
        let lit = lobby
            .pressed
            .iter()
            .any(|(s, t)| *s == card.0 && at.saturating_sub(*t) < FLASH);
        let wanted = if lit {
            palette::PANEL_RAISED
        } else {
            palette::PANEL
        };
        if background.0 != wanted {
            background.0 = wanted;
        }
    }
    if !changed && added.is_empty() {
        return;
    }
    for (row, mut text) in &mut texts {
        let wanted = row_label(row.0, &lobby, &choices, chosen.as_deref(), &phones);
        if text.0 != wanted {
            text.0 = wanted;
        }
    }
    let line = lobby
        .message
        .clone()
        .or_else(|| choices.message.clone())
        .unwrap_or_else(|| {
            lobby.not_ready().unwrap_or_else(|| {
                format!(
                    "{} players ready. Start when everyone is in.",
                    lobby.seats.len()
                )
            })
        });
    for mut text in &mut status {
        if text.0 != line {
            text.0.clone_from(&line);
        }
    }
    // The seats' column, rebuilt (it changes only on joins and settings); the focus stays
    // on the same seat or phone row.
    let focused = focus.0;
    let focused_seat = focused.and_then(|f| cards.get(f).ok()).map(|(_, c)| c.0);
    let focused_row = focused
        .and_then(|f| rows.get(f).ok())
        .copied()
        .filter(|r| PHONE_ROWS.contains(r));
    let Ok(list) = list.single() else { return };
    commands.entity(list).despawn_related::<Children>();
    let teams = lobby.teams();
    let compact = lobby.seats.len() > 6 || phones.running();
    // Three to a line when many, two when some.
    let crowd = lobby.seats.len() > 12;
    let card_width = match lobby.seats.len() {
        0..=6 if !compact => percent(100),
        0..=12 => percent(49),
        _ => percent(24),
    };
    // A crowd (phones) shows as many one-line chips as fit, then a count.
    let more = lobby.seats.len().saturating_sub(MAX_CHIPS);
    let shown = if more > 0 { MAX_CHIPS - 1 } else { MAX_CHIPS };
    commands.entity(list).with_children(|list| {
        if phones.running() {
            phone_panel(list, &phones, &fonts);
        } else if let Some(error) = &phones.error {
            list.spawn(widgets::text(
                format!("Phones could not start: {error}."),
                &fonts.regular,
                17.0,
                palette::WRONG,
            ));
        }
        let shown_rows: &[LobbyRow] = if phones.running() {
            &PHONE_ROWS
        } else {
            &PHONE_ROWS[..1]
        };
        for (i, row) in shown_rows.iter().enumerate() {
            let entity = list
                .spawn((
                    Button,
                    // After the settings (Back is the last of them), before nothing: the
                    // host starts on the Pack row as before phones existed.
                    MenuButton {
                        order: 200 + i,
                        group: 0,
                    },
                    Adjustable,
                    *row,
                    widgets::list_row(30.0, UiRect::axes(px(14), px(1))),
                    children![(
                        widgets::text(
                            row_label(*row, &lobby, &choices, chosen.as_deref(), &phones),
                            &fonts.bold,
                            18.0,
                            palette::TEXT
                        ),
                        RowText(*row)
                    )],
                ))
                .id();
            if focused_row == Some(*row) {
                focus.0 = Some(entity);
            }
        }
        list.spawn(Node {
            width: percent(100),
            flex_wrap: FlexWrap::Wrap,
            column_gap: px(6),
            row_gap: px(6),
            ..default()
        })
        .with_children(|grid| {
            for (order, seat) in lobby.seats.iter().enumerate().take(shown) {
                let name = match &lobby.renaming {
                    Some((id, typed)) if *id == seat.id => format!("{typed}_"),
                    _ => seat.name.clone(),
                };
                let team = seat
                    .team
                    .and_then(|t| teams.iter().find(|x| x.id == t))
                    .map(|t| format!("  ·  {}", t.name))
                    .unwrap_or_default();
                let away = seat.device == Device::Phone && !phones.connected.contains(&seat.id);
                let device = if compact {
                    match seat.device {
                        Device::Keys(g) => {
                            KEY_GROUPS.get(usize::from(g)).map_or(String::new(), |k| {
                                format!("Keys {} · buzz {}", g + 1, k.buzz.to_uppercase())
                            })
                        }
                        Device::Gamepad(p) => format!("Gamepad {}", p + 1),
                        Device::Phone if away => "Phone · away".to_string(),
                        Device::Phone => "Phone".to_string(),
                        Device::Solo => String::new(),
                    }
                } else {
                    format!("{}: {}", seat.device.label(), device_keys(seat.device))
                };
                let card = grid
                    .spawn((
                        Button,
                        MenuButton { order, group: 0 },
                        Adjustable,
                        SeatCard(seat.id),
                        Node {
                            width: card_width,
                            min_height: px(match (crowd, compact) {
                                (true, _) => 26.0,
                                (false, true) => 40.0,
                                (false, false) => 52.0,
                            }),
                            flex_direction: FlexDirection::Column,
                            justify_content: JustifyContent::Center,
                            padding: UiRect::axes(px(if compact { 8.0 } else { 14.0 }), px(1)),
                            border: UiRect::all(px(3)),
                            border_radius: BorderRadius::all(px(10)),
                            overflow: Overflow::clip(),
                            ..default()
                        },
                        BackgroundColor(palette::PANEL),
                        BorderColor::all(palette::PANEL),
                    ))
                    .with_children(|card| {
                        card.spawn(Node {
                            align_items: AlignItems::Center,
                            column_gap: px(8),
                            ..default()
                        })
                        .with_children(|line| {
                            line.spawn((
                                Node {
                                    width: px(16),
                                    height: px(16),
                                    flex_shrink: 0.0,
                                    border_radius: BorderRadius::all(px(8)),
                                    ..default()
                                },
                                BackgroundColor(palette::seat(seat.colour)),
                            ));
                            let label = if compact {
                                name.clone()
                            } else {
                                format!("{name}{team}")
                            };
                            line.spawn(widgets::text(
                                label,
                                &fonts.bold,
                                match (crowd, compact) {
                                    (true, _) => 15.0,
                                    (false, true) => 18.0,
                                    (false, false) => 22.0,
                                },
                                if away {
                                    palette::TEXT_MUTED
                                } else {
                                    palette::TEXT
                                },
                            ));
                        });
                        if !crowd {
                            card.spawn(widgets::text(
                                device,
                                &fonts.regular,
                                if compact { 14.0 } else { 17.0 },
                                palette::TEXT_MUTED,
                            ));
                        }
                    })
                    .id();
                if focused_seat == Some(seat.id) {
                    focus.0 = Some(card);
                }
            }
            if more > 0 {
                grid.spawn(widgets::text(
                    format!("+ {} more", lobby.seats.len() - shown),
                    &fonts.bold,
                    16.0,
                    palette::TEXT_MUTED,
                ));
            }
        });
        // Free key groups, so everyone sees how to join.
        let free: Vec<String> = KEY_GROUPS
            .iter()
            .enumerate()
            .filter(|(g, _)| lobby.key_group_free(*g))
            .map(|(g, k)| format!("Keys {}: {}", g + 1, k.buzz.to_uppercase()))
            .collect();
        if lobby.local_seats() < MAX_LOCAL_SEATS {
            let mut join = String::from("Press to join — ");
            join.push_str(&free.join(" · "));
            if !free.is_empty() {
                join.push_str(" · ");
            }
            join.push_str("any gamepad button");
            if phones.running() {
                join.push_str(" · or scan the code");
            }
            list.spawn(widgets::text(
                join,
                &fonts.regular,
                17.0,
                palette::TEXT_MUTED,
            ));
        }
    });
}

/// The join panel: the QR code, the address written out and the room code.
fn phone_panel(list: &mut ChildSpawnerCommands, phones: &Phones, fonts: &Fonts) {
    let url = phones.join_url().unwrap_or_default();
    let room = phones.room().unwrap_or_default().to_string();
    let connected = phones.connected.len();
    list.spawn(Node {
        width: percent(100),
        column_gap: px(16),
        align_items: AlignItems::Center,
        ..default()
    })
    .with_children(|panel| {
        if let Some((_, qr)) = &phones.qr {
            panel.spawn((
                Name::new("Join QR code"),
                ImageNode::new(qr.clone()),
                Node {
                    width: px(168),
                    height: px(168),
                    flex_shrink: 0.0,
                    ..default()
                },
            ));
        }
        panel
            .spawn(Node {
                flex_direction: FlexDirection::Column,
                row_gap: px(2),
                ..default()
            })
            .with_children(|text| {
                text.spawn(widgets::text(
                    "Scan to join, or open",
                    &fonts.regular,
                    18.0,
                    palette::TEXT_MUTED,
                ));
                text.spawn(widgets::text(url, &fonts.bold, 24.0, palette::TEXT));
                text.spawn(widgets::text(
                    format!("Room code  {room}"),
                    &fonts.bold,
                    30.0,
                    palette::ACCENT,
                ));
                text.spawn(widgets::text(
                    match connected {
                        1 => "1 phone connected".to_string(),
                        n => format!("{n} phones connected"),
                    },
                    &fonts.regular,
                    17.0,
                    palette::TEXT_MUTED,
                ));
            });
    });
}
