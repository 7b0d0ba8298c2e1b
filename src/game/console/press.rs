//! A console button pressed: the same command its key sends. The host actions go
//! through [`host_action`] like the F keys, Next is the reveal's Enter, ± points and
//! Remove are the scores panel's ←→ and Delete twice (in the lobby, Remove takes the seat
//! out and kicks its phone, as Delete on its card), Replay clip is F8's [`ReplayClip`].

use bevy::prelude::*;

use super::model::{ConsoleAction, Enabled};
use crate::core::command::{Command, HostAction};
use crate::game::clock::Now;
use crate::game::host::{ADJUST_STEP, Confirmable, HostUi, host_action};
use crate::game::media::clip::ReplayClip;
use crate::game::menu::Activate;
use crate::game::messages::GameCommand;
use crate::game::screens::lobby::{Lobby, LobbyRow};
use crate::game::screens::podium::PodiumAction;
use crate::game::session::Session;
use crate::phones::Phones;

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        PreUpdate,
        press
            .after(bevy::ui::UiSystems::Focus)
            .after(bevy::input::InputSystems),
    );
}

/// A console button pressed: the same command its key sends.
#[allow(clippy::too_many_arguments)]
pub(super) fn press(
    buttons: Query<(&Interaction, &ConsoleAction, &Enabled), Changed<Interaction>>,
    session: Option<Res<Session>>,
    lobby: Option<ResMut<Lobby>>,
    mut phones: ResMut<Phones>,
    mut ui: ResMut<HostUi>,
    rows: Query<(Entity, &LobbyRow)>,
    podium: Query<(Entity, &PodiumAction)>,
    now: Now,
    mut out: MessageWriter<GameCommand>,
    mut activate: MessageWriter<Activate>,
    mut replay: MessageWriter<ReplayClip>,
) {
    let mut lobby = lobby;
    let at = now.now();
    for (interaction, action, enabled) in &buttons {
        if *interaction != Interaction::Pressed || !enabled.0 {
            continue;
        }
        let host = |action: HostAction| GameCommand(Command::Host { action, at });
        match *action {
            ConsoleAction::Host(button) => {
                if let Some(session) = session.as_deref()
                    && let Some(action) = host_action(button, &mut ui, session, at)
                {
                    out.write(host(action));
                }
            }
            ConsoleAction::Next => {
                out.write(host(HostAction::Next));
            }
            ConsoleAction::ReplayClip => {
                replay.write(ReplayClip);
            }
            ConsoleAction::StopEvening => {
                out.write(host(HostAction::EndEvening));
            }
            ConsoleAction::Adjust(seat, step) => {
                out.write(host(HostAction::Adjust {
                    seat,
                    points: step * ADJUST_STEP,
                }));
            }
            ConsoleAction::Remove(seat) => {
                if !ui.confirm(Confirmable::Remove(seat), at) {
                    ui.said = Some("Press Remove again to remove".to_string());
                    continue;
                }
                ui.said = None;
                let in_game = session
                    .as_deref()
                    .is_some_and(|s| s.game.player(seat).is_some());
                match lobby.as_deref_mut() {
                    _ if in_game => {
                        out.write(host(HostAction::RemoveSeat(seat)));
                    }
                    // As Delete on a seat card: a phone is kicked too.
                    Some(lobby) => lobby.remove_and_kick(seat, &mut phones),
                    None => {}
                }
            }
            ConsoleAction::LockRoom => {
                let locked = !phones.locked;
                phones.set_locked(locked);
            }
            ConsoleAction::Start => {
                if let Some((entity, _)) = rows.iter().find(|(_, r)| **r == LobbyRow::Start) {
                    activate.write(Activate(entity));
                }
            }
            ConsoleAction::Podium(wanted) => {
                if let Some((entity, _)) = podium.iter().find(|(_, a)| **a == wanted) {
                    activate.write(Activate(entity));
                }
            }
        }
    }
}
