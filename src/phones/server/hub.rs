//! What every connection shares: the seats' tokens, names and places, the pools of
//! connections counted per address, the rate limits, and the channel to the game.

use std::collections::{HashMap, HashSet};
use std::net::IpAddr;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::time::{Duration, Instant};

use tokio::sync::{Notify, watch};

use super::{Inbound, ServerConfig, Views, Waker};
use crate::core::phone::{
    AddressRates, FIRST_PHONE_SEAT, Places, RateLimit, SeatToken, Shares, ToPhone, room_matches,
};
use crate::core::seat::{self, SeatId};

/// The seats' tokens and names, and which connection holds each seat.
#[derive(Default)]
pub(super) struct Roster {
    pub(super) tokens: HashMap<SeatToken, SeatId>,
    /// Each seat's connection number: a newer connection of the same seat replaces it.
    pub(super) seats: HashMap<SeatId, u64>,
    pub(super) next: u32,
    pub(super) locked: bool,
    /// Kicked names, by their look-alike key (`seat::name_key`): a name that reads the
    /// same on the TV is kept out too.
    pub(super) banned: HashSet<String>,
    pub(super) names: HashMap<SeatId, String>,
    /// Seats kicked or let go: their connection closes.
    pub(super) kicked: HashSet<SeatId>,
    pub(super) generation: u64,
    /// The places seats hold under the cap.
    pub(super) places: Places,
}

impl Roster {
    /// A roster whose seats are taken already (a resumed night's phones).
    /// Also the names kept out and the next seat number of a room opened again.
    pub(super) fn seated(
        seated: &[(SeatId, String, String)],
        banned: &[String],
        next: u32,
    ) -> Self {
        let mut roster = Self {
            banned: banned.iter().cloned().collect(),
            next,
            ..Self::default()
        };
        for (seat, token, name) in seated {
            let Some(token) = SeatToken::parse(token) else {
                continue;
            };
            roster.tokens.insert(token, *seat);
            roster.names.insert(*seat, name.clone());
            roster.places.keep(*seat);
            let number = seat.0.saturating_sub(FIRST_PHONE_SEAT);
            roster.next = roster.next.max(number.saturating_add(1));
        }
        roster
    }

    /// Forgets a seat: its token, name, connection and place.
    pub(super) fn forget(&mut self, seat: SeatId) {
        self.tokens.retain(|_, s| *s != seat);
        self.seats.remove(&seat);
        self.names.remove(&seat);
        self.places.remove(seat);
    }
}

/// The pools of [`Shares`] a connection takes from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Pool {
    /// Every open connection: page loads and WebSockets.
    Connections,
    /// WebSockets that have not said who they are yet.
    Pending,
}

/// One unit of a pool, given back when dropped.
pub(super) struct Share {
    pub(super) hub: Arc<Hub>,
    pub(super) ip: IpAddr,
    pub(super) pool: Pool,
}

impl Drop for Share {
    fn drop(&mut self) {
        self.hub.shares(self.pool).give_back(self.ip);
    }
}

pub(super) struct Hub {
    pub(super) config: ServerConfig,
    pub(super) started: Instant,
    pub(super) roster: Mutex<Roster>,
    /// Open WebSockets.
    pub(super) sockets: AtomicUsize,
    pub(super) connections: Mutex<Shares>,
    pub(super) pending: Mutex<Shares>,
    /// `Sender` is `Sync`: the connections share it without a lock.
    pub(super) inbound: mpsc::Sender<Inbound>,
    pub(super) waker: Waker,
    /// A wake-up is on its way: further messages ride on it (a flood cannot flood the
    /// event loop).
    pub(super) pending_wake: AtomicBool,
    pub(super) views: watch::Receiver<Arc<Views>>,
    /// Bumped whenever a seat's connection is replaced by a newer one.
    pub(super) replaced: watch::Sender<u64>,
    /// Failed joins (wrong room code) across all connections: guessing is slow.
    pub(super) join_failures: Mutex<RateLimit>,
    /// Wrong room codes per address: one guest's guessing does not use up everyone's.
    pub(super) wrong_codes: Mutex<AddressRates>,
    /// New seats per address.
    pub(super) joins: Mutex<AddressRates>,
    /// Why the server stopped by itself.
    pub(super) failure: Mutex<Option<String>>,
    pub(super) break_now: Notify,
    /// The picture phones may load now (the one on the TV), when the host shows them.
    pub(super) picture: Mutex<Option<Picture>>,
    /// Picture loads per address.
    pub(super) picture_loads: Mutex<AddressRates>,
}

/// A picture the server hands out, under a key of its own (see [`Hub::picture`]).
#[derive(Clone)]
pub struct Picture {
    /// Its key: 128 random bits in hex, made afresh for each picture shown.
    pub key: String,
    /// The file as read from the pack (at most 4 MB: [`crate::core::media::MAX_IMAGE_BYTES`]).
    pub bytes: Arc<[u8]>,
    /// Its type (`image/png`, `image/jpeg` or `image/webp`).
    pub mime: &'static str,
}

impl std::fmt::Debug for Picture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Picture")
            .field("bytes", &self.bytes.len())
            .field("mime", &self.mime)
            .finish_non_exhaustive()
    }
}

/// Lets go of seats whose place has expired, now and then.
pub(super) async fn sweep(hub: Arc<Hub>) {
    let every = (hub.config.seat_hold / 4).clamp(Duration::from_millis(50), Duration::from_secs(5));
    let mut tick = tokio::time::interval(every);
    loop {
        tick.tick().await;
        hub.release_expired();
    }
}

impl Hub {
    pub(super) fn roster(&self) -> std::sync::MutexGuard<'_, Roster> {
        self.roster.lock().unwrap_or_else(PoisonError::into_inner)
    }

    pub(super) fn shares(&self, pool: Pool) -> std::sync::MutexGuard<'_, Shares> {
        match pool {
            Pool::Connections => &self.connections,
            Pool::Pending => &self.pending,
        }
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
    }

    /// A unit of `pool` for `ip`, if its address and the pool have room.
    pub(super) fn take(hub: &Arc<Self>, pool: Pool, ip: IpAddr) -> Option<Share> {
        let (per_address, total) = match pool {
            Pool::Connections => (hub.config.per_address, hub.config.max_connections()),
            Pool::Pending => (hub.config.pending_per_address, hub.config.pending),
        };
        // A full pool still lets in an address a seat joined from, within its own share:
        // strangers filling the pools from many addresses cannot keep seated phones out.
        let taken = hub.shares(pool).take(ip, per_address, total)
            || (hub.roster().places.seated_from(ip)
                && hub.shares(pool).take(ip, per_address, usize::MAX));
        taken.then(|| Share {
            hub: hub.clone(),
            ip,
            pool,
        })
    }

    pub(super) fn now(&self) -> Duration {
        self.started.elapsed()
    }

    /// The picture shown now if `key` is its key (compared in constant time).
    pub(super) fn picture(&self, key: &str) -> Option<Picture> {
        let shown = self.picture.lock().unwrap_or_else(PoisonError::into_inner);
        shown
            .as_ref()
            .filter(|p| {
                let (a, b) = (p.key.as_bytes(), key.as_bytes());
                a.len() == b.len() && a.iter().zip(b).fold(0u8, |d, (x, y)| d | (x ^ y)) == 0
            })
            .cloned()
    }

    pub(super) fn send(&self, message: Inbound) {
        let sent = self.inbound.send(message).is_ok();
        if sent && !self.pending_wake.swap(true, Ordering::AcqRel) {
            (self.waker)();
        }
    }

    /// Lets go of every seat that never played and whose phone left longer ago than the
    /// hold: its token stops working and the game is told.
    pub(super) fn release_expired(&self) {
        let freed = {
            let mut roster = self.roster();
            let freed = roster.places.expired(self.now(), self.config.seat_hold);
            for seat in &freed {
                roster.forget(*seat);
            }
            freed
        };
        for seat in freed {
            self.send(Inbound::Freed { seat });
        }
    }

    /// Seats a new phone from `ip`, or says why not.
    pub(super) fn join(
        &self,
        room: &str,
        name: &str,
        ip: IpAddr,
    ) -> Result<(SeatId, SeatToken, String, u64), Box<ToPhone>> {
        let refuse = |reason: &str, retry: bool| {
            Box::new(ToPhone::Refused {
                reason: reason.to_string(),
                retry,
            })
        };
        let now = self.now();
        if !room_matches(room, &self.config.room) {
            let mine = self
                .wrong_codes
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .allow(ip, now);
            if !mine {
                return Err(refuse(
                    "Too many wrong room codes from this phone: wait a moment.",
                    true,
                ));
            }
            let everyone = self
                .join_failures
                .lock()
                .unwrap_or_else(PoisonError::into_inner)
                .allow(now);
            if !everyone {
                return Err(refuse("Too many wrong room codes: wait a moment.", true));
            }
            return Err(refuse("That is not this room's code: check the TV.", true));
        }
        let Some(name) = seat::clean_name(name) else {
            return Err(refuse("Type your name first.", true));
        };
        self.release_expired();
        let mut roster = self.roster();
        if roster.banned.contains(&seat::name_key(&name)) {
            return Err(refuse("The host removed that name from this party.", false));
        }
        if roster.locked {
            return Err(refuse(
                "The host has locked the room: no new players now.",
                false,
            ));
        }
        let hold = self.config.seat_hold;
        if roster.places.holding(now, hold) >= self.config.max_phones {
            return Err(refuse("The party is full.", false));
        }
        if roster.places.holding_from(ip, now, hold) >= self.config.seats_per_address {
            return Err(refuse(
                "This phone's network address already has as many players as one may: \
                 ask the host to clear a seat.",
                false,
            ));
        }
        let allowed = self
            .joins
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .allow(ip, now);
        if !allowed {
            return Err(refuse(
                "Too many new players from this phone: wait a moment and try again.",
                true,
            ));
        }
        let seat = SeatId(FIRST_PHONE_SEAT + roster.next);
        roster.next += 1;
        let token = loop {
            let t = SeatToken(rand::random::<u128>());
            if !roster.tokens.contains_key(&t) {
                break t;
            }
        };
        roster.tokens.insert(token, seat);
        roster.generation += 1;
        let generation = roster.generation;
        roster.seats.insert(seat, generation);
        roster.names.insert(seat, name.clone());
        roster.places.join(seat, ip);
        drop(roster);
        self.send(Inbound::Joined {
            seat,
            name: name.clone(),
            token: token.to_string(),
        });
        Ok((seat, token, name, generation))
    }

    /// Back to the seat of a token.
    pub(super) fn resume(&self, token: &str) -> Result<(SeatId, String, u64), Box<ToPhone>> {
        let refused = Box::new(ToPhone::Refused {
            reason: "That seat is gone: join again.".to_string(),
            retry: true,
        });
        let Some(token) = SeatToken::parse(token) else {
            return Err(refused);
        };
        let mut roster = self.roster();
        let Some(&seat) = roster.tokens.get(&token) else {
            return Err(refused);
        };
        roster.generation += 1;
        let generation = roster.generation;
        roster.seats.insert(seat, generation);
        roster.places.back(seat);
        let name = roster.names.get(&seat).cloned().unwrap_or_default();
        drop(roster);
        self.replaced.send_modify(|n| *n += 1);
        self.send(Inbound::Back { seat });
        Ok((seat, name, generation))
    }

    pub(super) fn current(&self, seat: SeatId, generation: u64) -> bool {
        self.roster().seats.get(&seat) == Some(&generation)
    }

    pub(super) fn left(&self, seat: SeatId, generation: u64) {
        let gone = {
            let mut roster = self.roster();
            let current = roster.seats.get(&seat) == Some(&generation);
            if current {
                roster.places.left(seat, self.now());
            }
            current
        };
        if gone {
            self.send(Inbound::Gone { seat });
        }
    }
}
