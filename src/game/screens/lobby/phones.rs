//! The lobby's side of phone play: a phone that joins gets a seat (in the lobby, or in
//! the night as a latecomer) under a name no one else has; the phones waiting for the
//! next game are shared with the phone server's views; a resumed night's roster becomes
//! the lobby's.

use bevy::prelude::*;

use super::Lobby;
use crate::core::game::Phase;
use crate::core::night::Roster;
use crate::core::seat::{self, Device, Seat};
use crate::game::clock::Now;
use crate::game::messages::{NightResumed, RosterCommand, RoundSystems};
use crate::game::session::Session;
use crate::phones::{PhoneFreed, PhoneJoined, Phones};

pub(super) fn plugin(app: &mut App) {
    app.add_systems(
        Update,
        (
            admit
                .after(crate::phones::receive)
                .in_set(RoundSystems::Commands),
            take_resumed
                .after(RoundSystems::Session)
                .before(RoundSystems::Commands)
                .run_if(on_message::<NightResumed>),
            let_go
                .after(crate::phones::receive)
                .in_set(RoundSystems::Commands),
            share_waiting.after(RoundSystems::Apply),
        ),
    );
}

/// A phone's new seat: a unique name among the lobby's seats and the night's players; a
/// lobby seat, and during a party's night a latecomer's seat too.
fn admit(
    mut joined: MessageReader<PhoneJoined>,
    mut lobby: Option<ResMut<Lobby>>,
    session: Option<Res<Session>>,
    state: Res<State<crate::game::states::Screen>>,
    phones: Res<Phones>,
    now: Now,
    mut roster: MessageWriter<RosterCommand>,
) {
    let session = session.filter(|_| state.get().in_game());
    for PhoneJoined { seat, name, token } in joined.read() {
        let taken: Vec<String> = lobby
            .iter()
            .flat_map(|l| l.seats.iter().map(|s| s.name.clone()))
            .chain(
                session
                    .iter()
                    .flat_map(|s| s.game.players().iter().map(|p| p.seat.name.clone())),
            )
            .collect();
        let name = seat::unique_name(name, taken.iter().map(String::as_str));
        let new = match lobby.as_mut() {
            Some(lobby) => lobby.add_phone(*seat, name),
            None => Seat {
                id: *seat,
                name,
                colour: 0,
                device: Device::Phone,
                team: None,
            },
        };
        phones.rename(*seat, &new.name);
        if let Some(session) = session.as_ref()
            && session.is_party()
            && session.game.phase() != Phase::Finished
        {
            roster.write(RosterCommand {
                change: Roster::Join {
                    seat: new,
                    token: Some(token.clone()),
                },
                at: now.now(),
            });
            // Gone again in the same batch as its join: away from the start.
            if !phones.connected.contains(seat) {
                roster.write(RosterCommand {
                    change: Roster::Away(*seat),
                    at: now.now(),
                });
            }
        }
    }
}

/// A phone seat the server let go (it never played, and its phone left long ago) leaves
/// the lobby; its name is free for anyone.
fn let_go(mut freed: MessageReader<PhoneFreed>, lobby: Option<ResMut<Lobby>>) {
    let gone: Vec<_> = freed.read().map(|f| f.0).collect();
    if let Some(mut lobby) = lobby
        && !gone.is_empty()
    {
        for seat in gone {
            lobby.remove_seat(seat);
        }
    }
}

/// The lobby's phone seats wait for the next game on their pages.
fn share_waiting(lobby: Option<Res<Lobby>>, mut phones: ResMut<Phones>) {
    let Some(lobby) = lobby.filter(|l| l.is_changed()) else {
        return;
    };
    let waiting: Vec<Seat> = lobby
        .seats
        .iter()
        .filter(|s| s.device == Device::Phone)
        .cloned()
        .collect();
    let wanted = (waiting, lobby.seats.len());
    if phones.waiting != wanted {
        phones.waiting = wanted;
    }
}

/// A resumed night's seats and rules become the lobby's, for the next game.
fn take_resumed(session: Option<Res<Session>>, mut commands: Commands) {
    if let Some(session) = session {
        commands.insert_resource(Lobby::resumed(&session));
    }
}
