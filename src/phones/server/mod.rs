//! The phone server: `axum` on a `tokio` runtime in its own thread, one WebSocket per
//! phone. No Bevy in here: the game talks to it through [`PhoneServer`] (what phones did
//! comes out of [`PhoneServer::drain`], what they should show goes in with
//! [`PhoneServer::publish`]).
//!
//! Everything from the network is hostile until checked:
//! - `Host` must be an IP address, `localhost` or a configured name, and a WebSocket's
//!   `Origin` must be the page this server served (no DNS rebinding);
//! - a phone must send `join` (with the room code) or `resume` (with its 128-bit seat
//!   token) within the handshake time, and the HTTP headers must arrive within it too;
//! - messages over [`MAX_MESSAGE_BYTES`], malformed or unknown messages (an order that
//!   does not name each of its items once, a number that is not finite or is out of
//!   range), binary frames and more than the allowed rate close the connection;
//! - at most `max_phones` WebSockets at once (one more gets `503`), and a bounded number
//!   of plain HTTP connections;
//! - a connection quiet for longer than the idle time is closed (the page pings every
//!   15 s);
//! - only the embedded page is served: no path reaches the disk.
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
mod sockets;

use std::collections::{HashMap, HashSet};
use std::io;
use std::net::{IpAddr, SocketAddr, TcpListener as StdListener};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc;
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use tokio::sync::{oneshot, watch};

use crate::core::command::SeatAction;
use crate::core::phone::{FIRST_PHONE_SEAT, RateLimit, SeatToken, ToPhone, room_matches};
use crate::core::seat::{self, SeatId};

pub const PAGE: &str = include_str!("../page.html");

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
    /// Time to send the HTTP headers, and then the first message after the upgrade.
    pub handshake: Duration,
    /// A connection with no message for this long is closed.
    pub idle: Duration,
    /// Messages a phone may send at once, and per second after that.
    pub burst: u32,
    pub per_second: u32,
    /// A resumed night's phone seats: their tokens work again, with their names.
    pub seated: Vec<(SeatId, String, String)>,
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
        }
    }
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

/// The running server; dropping it stops it.
pub struct PhoneServer {
    hub: Arc<Hub>,
    inbound: Mutex<mpsc::Receiver<Inbound>>,
    views: watch::Sender<Arc<Views>>,
    addr: SocketAddr,
    stop: Option<oneshot::Sender<()>>,
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
        let roster = Roster::seated(&config.seated);
        let hub = Arc::new(Hub {
            join_failures: Mutex::new(RateLimit::new(20, 2, Duration::ZERO)),
            started: Instant::now(),
            config,
            roster: Mutex::new(roster),
            sockets: AtomicUsize::new(0),
            connections: AtomicUsize::new(0),
            inbound: tx,
            waker,
            pending: AtomicBool::new(false),
            views: views_rx,
            replaced: replaced_tx,
        });
        let (stop_tx, stop_rx) = oneshot::channel();
        let serving = hub.clone();
        let thread = std::thread::Builder::new()
            .name("phone-server".to_string())
            .spawn(move || {
                runtime.block_on(async move {
                    let listener = match tokio::net::TcpListener::from_std(listener) {
                        Ok(l) => l,
                        Err(e) => {
                            eprintln!("phone server: {e}");
                            return;
                        }
                    };
                    tokio::select! {
                        () = http::accept(listener, serving) => {}
                        _ = stop_rx => {}
                    }
                });
                // Open WebSockets do not end by themselves: stop their tasks.
                runtime.shutdown_timeout(Duration::from_millis(500));
            })
            .map_err(StartError::Runtime)?;
        Ok(Self {
            hub,
            inbound: Mutex::new(rx),
            views: views_tx,
            addr,
            stop: Some(stop_tx),
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

    /// Everything phones did since the last call, in the order it arrived.
    pub fn drain(&self) -> Vec<Inbound> {
        self.hub.pending.store(false, Ordering::Release);
        let rx = self.inbound.lock().unwrap_or_else(PoisonError::into_inner);
        rx.try_iter().collect()
    }

    /// Sends each phone its view (only phones whose view changed get a message).
    pub fn publish(&self, views: Views) {
        self.views.send_replace(Arc::new(views));
    }

    /// Closes (`true`) or opens the room to new seats; seated phones still come back.
    /// The name a seat's phone shows after a rename by the host (resumes greet it so).
    pub fn rename(&self, seat: SeatId, name: &str) {
        if let Some(n) = self.hub.roster().names.get_mut(&seat) {
            *n = name.to_string();
        }
    }

    pub fn set_locked(&self, locked: bool) {
        self.hub.roster().locked = locked;
    }

    /// Removes a phone's seat for good: its token stops working, its connection closes,
    /// and its name cannot join again while this server runs.
    pub fn kick(&self, seat: SeatId, name: &str) {
        {
            let mut roster = self.hub.roster();
            roster.tokens.retain(|_, s| *s != seat);
            roster.banned.insert(seat::name_key(name));
            roster.seats.remove(&seat);
            roster.names.remove(&seat);
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

    /// Phones connected now.
    pub fn connected(&self) -> usize {
        self.hub.sockets.load(Ordering::Acquire)
    }
}

impl Drop for PhoneServer {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// The seats' tokens and names, and which connection holds each seat.
#[derive(Default)]
struct Roster {
    tokens: HashMap<SeatToken, SeatId>,
    /// Each seat's connection number: a newer connection of the same seat replaces it.
    seats: HashMap<SeatId, u64>,
    next: u32,
    locked: bool,
    /// Kicked names, by their look-alike key (`seat::name_key`): a name that reads the
    /// same on the TV is kept out too.
    banned: HashSet<String>,
    names: HashMap<SeatId, String>,
    kicked: HashSet<SeatId>,
    generation: u64,
}

impl Roster {
    /// A roster whose seats are taken already (a resumed night's phones).
    fn seated(seated: &[(SeatId, String, String)]) -> Self {
        let mut roster = Self::default();
        for (seat, token, name) in seated {
            let Some(token) = SeatToken::parse(token) else {
                continue;
            };
            roster.tokens.insert(token, *seat);
            roster.names.insert(*seat, name.clone());
            let number = seat.0.saturating_sub(FIRST_PHONE_SEAT);
            roster.next = roster.next.max(number.saturating_add(1));
        }
        roster
    }
}

struct Hub {
    config: ServerConfig,
    started: Instant,
    roster: Mutex<Roster>,
    /// Open WebSockets.
    sockets: AtomicUsize,
    /// Open TCP connections still speaking HTTP.
    connections: AtomicUsize,
    /// `Sender` is `Sync`: the connections share it without a lock.
    inbound: mpsc::Sender<Inbound>,
    waker: Waker,
    /// A wake-up is on its way: further messages ride on it (a flood cannot flood the
    /// event loop).
    pending: AtomicBool,
    views: watch::Receiver<Arc<Views>>,
    /// Bumped whenever a seat's connection is replaced by a newer one.
    replaced: watch::Sender<u64>,
    /// Failed joins (wrong room code) across all connections: guessing is slow.
    join_failures: Mutex<RateLimit>,
}

impl Hub {
    fn roster(&self) -> std::sync::MutexGuard<'_, Roster> {
        self.roster.lock().unwrap_or_else(PoisonError::into_inner)
    }

    fn send(&self, message: Inbound) {
        let sent = self.inbound.send(message).is_ok();
        if sent && !self.pending.swap(true, Ordering::AcqRel) {
            (self.waker)();
        }
    }

    fn max_connections(&self) -> usize {
        self.config.max_phones * 2 + 16
    }

    /// Seats a new phone, or says why not.
    fn join(
        &self,
        room: &str,
        name: &str,
    ) -> Result<(SeatId, SeatToken, String, u64), Box<ToPhone>> {
        let refuse = |reason: &str, retry: bool| {
            Box::new(ToPhone::Refused {
                reason: reason.to_string(),
                retry,
            })
        };
        if !room_matches(room, &self.config.room) {
            let mut failures = self
                .join_failures
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            if !failures.allow(self.started.elapsed()) {
                return Err(refuse("Too many wrong room codes: wait a moment.", true));
            }
            return Err(refuse("That is not this room's code: check the TV.", true));
        }
        let Some(name) = seat::clean_name(name) else {
            return Err(refuse("Type your name first.", true));
        };
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
        if roster.tokens.len() >= self.config.max_phones {
            return Err(refuse("The party is full.", false));
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
        drop(roster);
        self.send(Inbound::Joined {
            seat,
            name: name.clone(),
            token: token.to_string(),
        });
        Ok((seat, token, name, generation))
    }

    /// Back to the seat of a token.
    fn resume(&self, token: &str) -> Result<(SeatId, String, u64), Box<ToPhone>> {
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
        let name = roster.names.get(&seat).cloned().unwrap_or_default();
        drop(roster);
        self.replaced.send_modify(|n| *n += 1);
        self.send(Inbound::Back { seat });
        Ok((seat, name, generation))
    }

    fn current(&self, seat: SeatId, generation: u64) -> bool {
        self.roster().seats.get(&seat) == Some(&generation)
    }

    fn left(&self, seat: SeatId, generation: u64) {
        if self.current(seat, generation) {
            self.send(Inbound::Gone { seat });
        }
    }
}
