//! What the host and the seats do in the lobby: join, rename, change settings, start.

use super::rounds;
use super::*;
use crate::game::theme::stepper::stepped;

/// Joins (or lights up) the seat of each key group and gamepad pressed.
/// A press of a free key group or a new pad joins a seat; a seat's press lights its card.
pub(crate) fn join(
    mut presses: MessageReader<SeatPress>,
    mut lobby: ResMut<Lobby>,
    now: Now,
    mut sfx: MessageWriter<Sfx>,
) {
    let at = now.now();
    let mut pressed: Vec<SeatId> = Vec::new();
    for press in presses.read() {
        let pad = match *press {
            SeatPress::Keys(group) => {
                join_keys(&mut lobby, group, &mut pressed);
                continue;
            }
            SeatPress::Pad(pad) => pad,
        };
        if let Some((_, seat)) = lobby.pads.iter().find(|(p, _)| *p == pad) {
            pressed.push(*seat);
            continue;
        }
        let number = (0..u8::MAX)
            .find(|n| !lobby.seats.iter().any(|s| s.device == Device::Gamepad(*n)))
            .unwrap_or(0);
        if let Some(id) = lobby.add_seat(Device::Gamepad(number)) {
            lobby.pads.push((pad, id));
            pressed.push(id);
        }
    }
    if !pressed.is_empty() {
        sfx.write(Sfx::Select);
        lobby.pressed.retain(|(s, _)| !pressed.contains(s));
        lobby.pressed.extend(pressed.into_iter().map(|s| (s, at)));
    }
}

/// A key group's key: its seat, or a new one while the group is free.
fn join_keys(lobby: &mut Lobby, group: usize, pressed: &mut Vec<SeatId>) {
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

/// Typing a seat's new name.
pub(crate) fn rename(
    mut keys: MessageReader<TextKey>,
    mut lobby: ResMut<Lobby>,
    mut text: ResMut<TextEntry>,
    phones: Res<Phones>,
) {
    let Some((seat, mut typed)) = lobby.renaming.clone() else {
        return;
    };
    let done = TextKey::edit(&mut typed, keys.read(), |typed, c| {
        (typed.chars().count() < seat::MAX_NAME_CHARS).then_some(c)
    });
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
            text.close();
        }
        Some(false) => {
            lobby.renaming = None;
            text.close();
        }
        None => {
            if lobby.renaming.as_ref().map(|(_, t)| t) != Some(&typed) {
                lobby.renaming = Some((seat, typed));
            }
        }
    }
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
                let i = stepped(at, playable.len(), step);
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
            LobbyRow::Night => {
                lobby.plan.step_preset(step, lobby.format);
                if let Some(chosen) = self.chosen.as_ref() {
                    rounds::load_round(lobby, choices, &chosen.pack);
                }
            }
            LobbyRow::Editing => {
                let n = lobby.plan.rounds.len();
                lobby.plan.editing = stepped(lobby.plan.editing.min(n - 1), n, step);
                if let Some(chosen) = self.chosen.as_ref() {
                    rounds::load_round(lobby, choices, &chosen.pack);
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
            LobbyRow::Penalty => lobby.penalty = stepped(lobby.penalty, PENALTIES.len(), step),
            LobbyRow::Scoreboard => {
                lobby.scoreboard = stepped(lobby.scoreboard, SCOREBOARDS.len(), step)
            }
            LobbyRow::Teams => {
                lobby.teams = stepped(lobby.teams, TEAM_COUNTS.len(), step);
                lobby.deal_teams();
            }
            LobbyRow::Phones => {
                if self.phones.running() {
                    self.phones.stop();
                    lobby.seats.retain(|s| s.device != Device::Phone);
                } else {
                    self.phones
                        .start(crate::phones::waker(self.proxy.as_deref()));
                }
            }
            LobbyRow::PhoneAddress => {
                let n = self.phones.addresses.len();
                if n > 1 {
                    let i = stepped(self.phones.address, n, step);
                    self.phones.address = i;
                }
            }
            LobbyRow::PhoneText => self.phones.show_text = !self.phones.show_text,
            LobbyRow::PhonePictures => self.phones.show_pictures = !self.phones.show_pictures,
            LobbyRow::PhoneRoom => {
                let locked = !self.phones.locked;
                self.phones.set_locked(locked);
            }
            LobbyRow::Shuffle | LobbyRow::Start | LobbyRow::Back => {}
        }
        if let Some(chosen) = self.chosen.as_ref() {
            if row == LobbyRow::Pack {
                rounds::keep_categories(&mut self.lobby, &chosen.pack);
            }
            if rounds::is_round_row(row) || row == LobbyRow::Pack {
                rounds::store_round(&mut self.lobby, &self.choices, &chosen.pack);
            }
        }
    }
}

pub(crate) fn adjust(
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
                team = stepped(team, n, adjust.step);
                seat.team = Some(TeamId(team as u8));
            }
        }
    }
}

pub(crate) fn act(
    mut activated: MessageReader<Activate>,
    rows: Query<&LobbyRow>,
    cards: Query<&SeatCard>,
    mut settings: LobbySettings,
    mut text: ResMut<TextEntry>,
    mut requests: MessageWriter<SessionRequest>,
    mut next: ResMut<NextState<Screen>>,
) {
    for Activate(entity) in activated.read() {
        if let Ok(card) = cards.get(*entity) {
            let lobby = &mut *settings.lobby;
            if let Some(seat) = lobby.seats.iter().find(|s| s.id == card.0) {
                lobby.renaming = Some((seat.id, seat.name.clone()));
                text.open();
            }
            continue;
        }
        let Ok(row) = rows.get(*entity) else { continue };
        let lobby = &mut *settings.lobby;
        match row {
            LobbyRow::Night | LobbyRow::Editing => {
                lobby.plan.editor = true;
            }
            LobbyRow::Round(SetupRow::Code) => {
                settings.choices.typing = Some(String::new());
                settings.choices.message = None;
                text.open();
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
                let rules = Rules {
                    // The first round's format names the night's; each round has its own.
                    format: lobby.plan.rounds[0].format,
                    ..lobby.rules()
                };
                match Session::planned(
                    chosen,
                    round,
                    rules,
                    &lobby.plan.rounds,
                    lobby.plan.series,
                    lobby.seats.clone(),
                    teams,
                ) {
                    Ok(mut session) => {
                        // The night's header notes its phone room, for a resume.
                        session.header.phones = settings.phones.night_room();
                        let bindings = Bindings::party(&session.game, &lobby.pads);
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

/// Delete (or Backspace) on a focused seat card removes that seat: a connected phone is
/// kicked (its name kept out), a phone that left is only cleared (its place is free).
pub(crate) fn remove(
    mut intents: MessageReader<MenuIntent>,
    focus: Res<crate::game::menu::Focus>,
    cards: Query<&SeatCard>,
    mut lobby: ResMut<Lobby>,
    mut phones: ResMut<Phones>,
) {
    if !intents
        .read()
        .any(|i| matches!(i, MenuIntent::Remove | MenuIntent::Erase))
    {
        return;
    }
    if let Some(card) = focus.0.and_then(|f| cards.get(f).ok()) {
        let away = lobby
            .seats
            .iter()
            .any(|s| s.id == card.0 && s.device == Device::Phone)
            && !phones.connected.contains(&card.0);
        if away {
            phones.release(card.0);
            lobby.remove_seat(card.0);
        } else {
            lobby.remove_and_kick(card.0, &mut phones);
        }
    }
}
