//! The phone server: `axum` on a `tokio` runtime in its own thread, one WebSocket per
//! phone. No Bevy in here: the game talks to it through [`PhoneServer`] (what phones did
//! comes out of [`PhoneServer::drain`], what they should show goes in with
//! [`PhoneServer::publish`]).
//!
//! Everything from the network is hostile until checked, and no one guest can take more
//! than its share (addresses are counted by [`address_key`](crate::core::phone::address_key)):
//! - `Host` must be an IP address, `localhost` or a configured name, and a WebSocket's
//!   `Origin` must be the page this server served (no DNS rebinding);
//! - each address holds at most `per_address` connections (page loads and WebSockets
//!   together) out of a bounded pool; one more from that address is dropped unanswered;
//! - a plain HTTP connection lives at most `http_lifetime` (headers within `handshake`):
//!   an idle keep-alive or a client that stops reading loses its slot; every WebSocket
//!   send has a deadline (`send_deadline`) too;
//! - a WebSocket must send `join` (with the room code) or `resume` (with its 128-bit seat
//!   token) within `auth`; until then it counts against a small pool of its own, per
//!   address and in all, so unauthenticated sockets cannot keep seated phones out (a seat
//!   has one connection, and an address a seat joined from may exceed the pools' totals
//!   within its own share);
//! - joins are limited per address (`join_burst`, then one every `join_period`), and one
//!   address holds at most `seats_per_address` seats; wrong room codes are limited per
//!   address and overall; the room's cap counts only seats that hold a place (connected,
//!   played, or left less than `seat_hold` ago): a seat that never played and left long
//!   ago is let go ([`Inbound::Freed`]);
//! - messages over [`MAX_MESSAGE_BYTES`], malformed or unknown messages (an order that
//!   does not name each of its items once, a number that is not finite or is out of
//!   range), binary frames and more than the allowed rate close the connection;
//! - a seated connection quiet for longer than the idle time is closed (the page pings
//!   every 15 s);
//! - only the embedded page, its script and its style are served, and the picture the TV
//!   shows when the host shows pictures on phones (`/picture/<key>`: the key is 128 random
//!   bits made for that picture alone, and it stops working once the TV moves on; loads are
//!   limited per address): no path reaches the disk, and the page's
//!   Content-Security-Policy allows no inline script or style, and images from itself only.
//!
//! If the accept loop ever dies, [`PhoneServer::failure`] says why (the game offers a
//! restart); stopping the server never waits for its connections.
//!
//! Phones never carry host commands, and a phone's messages never name a seat: its
//! connection is bound to the seat it joined or resumed. Answers are stamped with the
//! moment the server read them.
//!
//! - this module: the server's handle, its configuration, and the hub every connection
//!   shares (the seats' tokens and names, the counters, the channel to the game);
//! - [`http`]: accepting connections, the checks on `Host` and `Origin`, the page;
//! - [`sockets`]: one phone's WebSocket, from its first message to its end.

mod http;
mod hub;
mod sockets;

pub use hub::Picture;
use hub::{Hub, Pool, Roster, sweep};

use std::collections::{HashMap, VecDeque};
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener as StdListener};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::{Notify, oneshot, watch};

use crate::core::command::SeatAction;
use crate::core::phone::{AddressRates, RateLimit, Shares};
use crate::core::seat::{self, SeatId};

/// The phone page, its script and its style (served as files of their own, so that the
/// page's CSP needs no `'unsafe-inline'`).
pub const PAGE: &str = include_str!("../page/index.html");
pub const SCRIPT: &str = include_str!("../page/page.js");
pub const STYLE: &str = include_str!("../page/page.css");

/// Open files the server needs per phone at most (its WebSocket, a page load, a
/// reconnect's overlap), and the files the rest of the game keeps open.
pub const FILES_PER_PHONE: u64 = 3;
pub const FILES_RESERVED: u64 = 256;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The address to listen on: every interface in the game, loopback in tests.
    pub bind: IpAddr,
    /// `0` picks a free port (tests).
    pub port: u16,
    pub room: String,
    /// Extra names the `Host` header may carry besides IP addresses and `localhost`.
    pub names: Vec<String>,
    /// Most phones connected at once.
    pub max_phones: usize,
    /// Time to send the HTTP headers (the first message after the upgrade has `auth`).
    pub handshake: Duration,
    /// A connection with no message for this long is closed.
    pub idle: Duration,
    /// Messages a phone may send at once, and per second after that.
    pub burst: u32,
    pub per_second: u32,
    /// A resumed night's phone seats: their tokens work again, with their names.
    pub seated: Vec<(SeatId, String, String)>,
    /// Names kept out (by look-alike key) and the next phone seat's number, when a room
    /// opens again after its server stopped.
    pub banned: Vec<String>,
    pub next_seat: u32,
    /// Connections (page loads and WebSockets) one address may hold at once.
    pub per_address: usize,
    /// WebSockets that have not yet said who they are: per address, and in all.
    pub pending_per_address: usize,
    pub pending: usize,
    /// Time a new WebSocket has to send its `join` or `resume`.
    pub auth: Duration,
    /// The longest a plain HTTP connection lives (a page load takes well under a second).
    pub http_lifetime: Duration,
    /// The longest one WebSocket send may take: a phone that stops reading is dropped.
    pub send_deadline: Duration,
    /// New seats per address: at once, then one every period.
    pub join_burst: u32,
    pub join_period: Duration,
    /// Wrong room codes per address: at once, then one every period.
    pub wrong_code_burst: u32,
    pub wrong_code_period: Duration,
    /// How long a seat that never played keeps its place after its phone left.
    pub seat_hold: Duration,
    /// Places (seats) the guests of one address may hold at once.
    pub seats_per_address: usize,
    /// Picture loads per address: at once, then one every period (a phone loads one a
    /// question, and one at its reveal).
    pub picture_burst: u32,
    pub picture_period: Duration,
}

impl ServerConfig {
    pub fn new(bind: IpAddr, port: u16, room: String) -> Self {
        Self {
            bind,
            port,
            room,
            names: Vec::new(),
            max_phones: crate::core::phone::MAX_PHONES,
            handshake: Duration::from_secs(10),
            idle: Duration::from_secs(45),
            burst: 10,
            per_second: 5,
            seated: Vec::new(),
            banned: Vec::new(),
            next_seat: 0,
            per_address: 8,
            pending_per_address: 2,
            pending: 64,
            auth: Duration::from_secs(3),
            http_lifetime: Duration::from_secs(20),
            send_deadline: Duration::from_secs(5),
            join_burst: 3,
            join_period: Duration::from_secs(30),
            wrong_code_burst: 5,
            wrong_code_period: Duration::from_secs(2),
            seat_hold: Duration::from_secs(300),
            seats_per_address: 4,
            picture_burst: 12,
            picture_period: Duration::from_secs(1),
        }
    }

    /// Connections of every kind the server keeps open at most.
    pub fn max_connections(&self) -> usize {
        self.max_phones * 2 + 16
    }

    /// Phones that fit in `open_files` (the process's open-file limit).
    pub fn phones_within(open_files: u64) -> usize {
        usize::try_from(open_files.saturating_sub(FILES_RESERVED) / FILES_PER_PHONE)
            .unwrap_or(usize::MAX)
            .max(1)
    }
}

/// Raises this process's open-file limit as far as it may go and says how many phones
/// fit in it.
pub fn raise_open_files() -> usize {
    let limit = rlimit::increase_nofile_limit(u64::MAX).unwrap_or(1024);
    ServerConfig::phones_within(limit)
}

/// A room to open again as it was (after its server stopped by itself).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct RoomState {
    pub room: String,
    /// Each seat's id, token and name.
    pub seated: Vec<(SeatId, String, String)>,
    /// Names kept out, by look-alike key.
    pub banned: Vec<String>,
    /// The next phone seat's number.
    pub next: u32,
}

/// What a phone did, for the game to apply.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Inbound {
    /// A new seat: its id was given by the server, its name cleaned (the game still makes
    /// it unique among all seats). The token is the seat's secret, kept in the night's
    /// journal so that the phone finds its seat again after a resume.
    Joined {
        seat: SeatId,
        name: String,
        token: String,
    },
    /// The seat's phone is connected again.
    Back { seat: SeatId },
    /// The seat's phone is gone (for now).
    Gone { seat: SeatId },
    /// The seat never played and its phone left long ago: it is let go (its token no
    /// longer works) and its place under the cap is free.
    Freed { seat: SeatId },
    /// An answer, buzz, order or number for question `question`, read at `at`.
    Act {
        seat: SeatId,
        question: usize,
        action: SeatAction,
        at: Instant,
    },
}

/// What the phones should show: one JSON `view` message per seat.
#[derive(Debug, Clone, Default)]
pub struct Views {
    pub views: HashMap<SeatId, Arc<str>>,
}

/// Why the server did not start.
#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error(
        "port {port} is already in use (another copy of the game, or another program); choose another port"
    )]
    PortTaken { port: u16 },
    #[error("cannot listen on {addr}: {source}")]
    Listen { addr: SocketAddr, source: io::Error },
    #[error("cannot start the phone server: {0}")]
    Runtime(io::Error),
}

/// Wakes the game when a phone did something that changes what the TV shows.
pub type Waker = Arc<dyn Fn() + Send + Sync>;

/// The running server; dropping it stops it (without waiting for its connections).
pub struct PhoneServer {
    hub: Arc<Hub>,
    /// What phones did, and what [`drain_acts`](Self::drain_acts) left queued.
    inbound: Mutex<(mpsc::Receiver<Inbound>, VecDeque<Inbound>)>,
    views: watch::Sender<Arc<Views>>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
    /// Says when the listening socket is closed (the port is free again).
    closed: Option<Mutex<mpsc::Receiver<()>>>,
    thread: Option<JoinHandle<()>>,
}

impl std::fmt::Debug for PhoneServer {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PhoneServer")
            .field("addr", &self.addr)
            .finish_non_exhaustive()
    }
}

impl PhoneServer {
    /// Binds the port (a taken port is an error here, at once) and starts serving.
    pub fn start(config: ServerConfig, waker: Waker) -> Result<Self, StartError> {
        let addr = SocketAddr::new(config.bind, config.port);
        let listener = StdListener::bind(addr).map_err(|source| {
            if source.kind() == io::ErrorKind::AddrInUse {
                StartError::PortTaken { port: config.port }
            } else {
                StartError::Listen { addr, source }
            }
        })?;
        listener
            .set_nonblocking(true)
            .map_err(|source| StartError::Listen { addr, source })?;
        let addr = listener
            .local_addr()
            .map_err(|source| StartError::Listen { addr, source })?;
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(2)
            .thread_name("phone-server")
            .enable_all()
            .build()
            .map_err(StartError::Runtime)?;
        let (tx, rx) = mpsc::channel();
        let (views_tx, views_rx) = watch::channel(Arc::new(Views::default()));
        let (replaced_tx, _) = watch::channel(0u64);
        let roster = Roster::seated(&config.seated, &config.banned, config.next_seat);
        let picture_loads = Mutex::new(AddressRates::new(
            config.picture_burst,
            config.picture_period,
            4096,
        ));
        let hub = Arc::new(Hub {
            join_failures: Mutex::new(RateLimit::new(20, 2, Duration::ZERO)),
            wrong_codes: Mutex::new(AddressRates::new(
                config.wrong_code_burst,
                config.wrong_code_period,
                4096,
            )),
            joins: Mutex::new(AddressRates::new(
                config.join_burst,
                config.join_period,
                4096,
            )),
            connections: Mutex::new(Shares::default()),
            pending: Mutex::new(Shares::default()),
            started: Instant::now(),
            config,
            roster: Mutex::new(roster),
            sockets: AtomicUsize::new(0),
            inbound: tx,
            waker,
            pending_wake: AtomicBool::new(false),
            views: views_rx,
            replaced: replaced_tx,
            failure: Mutex::new(None),
            break_now: Notify::new(),
            picture: Mutex::new(None),
            picture_loads,
        });
        let (stop_tx, stop_rx) = oneshot::channel();
        let (closed_tx, closed_rx) = mpsc::channel();
        let serving = hub.clone();
        let thread = std::thread::Builder::new()
            .name("phone-server".to_string())
            .spawn(move || {
                let hub = serving.clone();
                let served = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
                    runtime.block_on(async move {
                        let listener = tokio::net::TcpListener::from_std(listener)
                            .map_err(|e| e.to_string())?;
                        tokio::spawn(sweep(serving.clone()));
                        tokio::select! {
                            ended = http::accept(listener, serving.clone()) => ended,
                            () = serving.break_now.notified() => {
                                Err("its accept loop was stopped".to_string())
                            }
                            _ = stop_rx => Ok(()),
                        }
                    })
                }));
                // The listener is closed: the port may be taken again at once.
                let _ = closed_tx.send(());
                let failed = match served {
                    Ok(Ok(())) => None,
                    Ok(Err(e)) => Some(e),
                    Err(_) => Some("it crashed".to_string()),
                };
                if let Some(why) = failed {
                    eprintln!("phone server: {why}");
                    *hub.failure.lock().unwrap_or_else(PoisonError::into_inner) = Some(why);
                    (hub.waker)();
                }
                // Open WebSockets do not end by themselves: stop their tasks.
                runtime.shutdown_timeout(Duration::from_millis(500));
            })
            .map_err(StartError::Runtime)?;
        Ok(Self {
            hub,
            inbound: Mutex::new((rx, VecDeque::new())),
            views: views_tx,
            addr,
            stop: Some(stop_tx),
            closed: Some(Mutex::new(closed_rx)),
            thread: Some(thread),
        })
    }

    /// The address and port it listens on.
    pub fn local_addr(&self) -> SocketAddr {
        self.addr
    }

    pub fn room(&self) -> &str {
        &self.hub.config.room
    }

    /// Most phones at once.
    pub fn max_phones(&self) -> usize {
        self.hub.config.max_phones
    }

    /// Why the server stopped serving by itself (its accept loop died), if it did.
    pub fn failure(&self) -> Option<String> {
        self.hub
            .failure
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .clone()
    }

    /// Ends the accept loop as a fatal error would (for the tests of the game's answer).
    #[doc(hidden)]
    pub fn break_accept_loop(&self) {
        self.hub.break_now.notify_one();
    }

    /// Everything phones did since the last call, in the order it arrived.
    pub fn drain(&self) -> Vec<Inbound> {
        self.hub.pending_wake.store(false, Ordering::Release);
        let mut inbox = self.inbound.lock().unwrap_or_else(PoisonError::into_inner);
        let (rx, held) = &mut *inbox;
        held.drain(..).chain(rx.try_iter()).collect()
    }

    /// The answers (buzzes, orders, numbers, stakes) phones sent since the last call, up to
    /// the first message of another kind: that one and all after it stay queued, in order,
    /// for [`drain`](Self::drain). The game takes answers between frames this way.
    pub fn drain_acts(&self) -> Vec<Inbound> {
        self.hub.pending_wake.store(false, Ordering::Release);
        let mut inbox = self.inbound.lock().unwrap_or_else(PoisonError::into_inner);
        let (rx, held) = &mut *inbox;
        held.extend(rx.try_iter());
        let acts = held
            .iter()
            .position(|m| !matches!(m, Inbound::Act { .. }))
            .unwrap_or(held.len());
        held.drain(..acts).collect()
    }

    /// Sends each phone its view (only phones whose view changed get a message).
    pub fn publish(&self, views: Views) {
        self.views.send_replace(Arc::new(views));
    }

    /// The picture phones may load now (the one on the TV), or none: a picture shown
    /// before it stops being served at once.
    pub fn show_picture(&self, picture: Option<Picture>) {
        *self
            .hub
            .picture
            .lock()
            .unwrap_or_else(PoisonError::into_inner) = picture;
    }

    /// The key of the picture served now, if any.
    pub fn picture_key(&self) -> Option<String> {
        self.hub
            .picture
            .lock()
            .unwrap_or_else(PoisonError::into_inner)
            .as_ref()
            .map(|p| p.key.clone())
    }

    /// The name a seat's phone shows after a rename by the host (resumes greet it so).
    pub fn rename(&self, seat: SeatId, name: &str) {
        if let Some(n) = self.hub.roster().names.get_mut(&seat) {
            *n = name.to_string();
        }
    }

    /// Closes (`true`) or opens the room to new seats; seated phones still come back.
    pub fn set_locked(&self, locked: bool) {
        self.hub.roster().locked = locked;
    }

    /// Seats that take part in a night: their places are kept for good.
    pub fn set_playing(&self, seats: impl IntoIterator<Item = SeatId>) {
        let mut roster = self.hub.roster();
        for seat in seats {
            roster.places.played(seat);
        }
    }

    /// Removes a phone's seat for good: its token stops working, its connection closes,
    /// and its name cannot join again while this server runs.
    pub fn kick(&self, seat: SeatId, name: &str) {
        self.hub.roster().banned.insert(seat::name_key(name));
        self.release(seat);
    }

    /// Lets a seat go without keeping its name out (the host cleared a seat whose phone
    /// left): its token stops working, its place is free.
    pub fn release(&self, seat: SeatId) {
        {
            let mut roster = self.hub.roster();
            roster.forget(seat);
            roster.kicked.insert(seat);
        }
        self.hub.replaced.send_modify(|n| *n += 1);
    }

    /// Every seat's token, for the night's journal.
    pub fn tokens(&self) -> std::collections::BTreeMap<SeatId, String> {
        self.hub
            .roster()
            .tokens
            .iter()
            .map(|(token, seat)| (*seat, token.to_string()))
            .collect()
    }

    /// The room as it is, to open it again the same: its code, every seat's token and
    /// name, the names kept out and the next seat's number.
    pub fn state(&self) -> RoomState {
        let roster = self.hub.roster();
        RoomState {
            room: self.hub.config.room.clone(),
            seated: roster
                .tokens
                .iter()
                .map(|(token, seat)| {
                    let name = roster.names.get(seat).cloned().unwrap_or_default();
                    (*seat, token.to_string(), name)
                })
                .collect(),
            banned: roster.banned.iter().cloned().collect(),
            next: roster.next,
        }
    }

    /// Open WebSockets now (seated phones, and ones that have not joined yet).
    pub fn connected(&self) -> usize {
        self.hub.sockets.load(Ordering::Acquire)
    }

    /// Seats holding a place under the cap now.
    pub fn places_held(&self) -> usize {
        let now = self.hub.started.elapsed();
        self.hub
            .roster()
            .places
            .holding(now, self.hub.config.seat_hold)
    }

    /// Connections (of any kind) open now, and from how many addresses.
    pub fn open_connections(&self) -> (usize, usize) {
        let shares = self.hub.shares(Pool::Connections);
        (shares.total(), shares.addresses())
    }

    /// Connections `ip`'s address holds now.
    pub fn connections_from(&self, ip: IpAddr) -> usize {
        self.hub.shares(Pool::Connections).of(ip)
    }
}

impl Drop for PhoneServer {
    /// Stops accepting at once and frees the port (a restart may take it straight away);
    /// the connections are closed by the server's own thread, which nobody waits for.
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(closed) = self.closed.take() {
            let closed = closed.into_inner().unwrap_or_else(PoisonError::into_inner);
            let _ = closed.recv_timeout(Duration::from_millis(100));
        }
        if let Some(thread) = self.thread.take() {
            let _ = std::thread::Builder::new()
                .name("phone-server-stop".to_string())
                .spawn(move || {
                    let _ = thread.join();
                });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_room_fits_in_the_open_file_limit() {
        // Debian's default soft limit, raised or not: 256 files kept for the game, three a
        // phone.
        assert_eq!(ServerConfig::phones_within(1024), 256);
        assert_eq!(ServerConfig::phones_within(4096), 1280);
        // A tiny limit still lets one phone in; a huge one is no limit at all.
        assert_eq!(ServerConfig::phones_within(100), 1);
        assert!(ServerConfig::phones_within(u64::MAX) > 1_000_000);
        let config = ServerConfig::new(IpAddr::from([127, 0, 0, 1]), 0, "ABCD".to_string());
        assert_eq!(config.max_connections(), 2 * config.max_phones + 16);
    }
}
